package hugepages

import (
	"testing"
	"time"
)

// TestMake: the slices work like make's, whatever the advice did, and
// small or empty ones are left alone.
func TestMake(t *testing.T) {
	for _, n := range []int{0, 1, 1000, 3 << 20} {
		s := Make[uint64](n)
		if len(s) != n {
			t.Fatalf("Make(%d): len %d", n, len(s))
		}
		for i := range s {
			if s[i] != 0 {
				t.Fatalf("Make(%d)[%d] = %d, want 0", n, i, s[i])
			}
			s[i] = uint64(i)
		}
		for i := range s {
			if s[i] != uint64(i) {
				t.Fatalf("Make(%d)[%d] = %d after writing %d", n, i, s[i], i)
			}
		}
		c := MakeCap[uint32](n)
		if len(c) != 0 || cap(c) != n {
			t.Fatalf("MakeCap(%d): len %d cap %d", n, len(c), cap(c))
		}
	}
}

// BenchmarkTouch32MB compares the first touch of 32 MB from make with and
// without the advice (run each in a fresh process for first-touch costs:
// -benchtime 1x).
func BenchmarkTouch32MB(b *testing.B) {
	for _, tc := range []struct {
		name string
		mk   func(int) []uint64
	}{{"make", func(n int) []uint64 { return make([]uint64, n) }}, {"hugepages", Make[uint64]}} {
		b.Run(tc.name, func(b *testing.B) {
			var d time.Duration
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				s := tc.mk(4 << 20)
				for j := 0; j < len(s); j += 512 {
					s[j] = 1
				}
				d += time.Since(t0)
			}
			b.ReportMetric(float64(d.Milliseconds())/float64(b.N), "ms/touch")
		})
	}
}
