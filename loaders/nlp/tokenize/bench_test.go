//go:build unix

package tokenize

import (
	"os"
	"syscall"
	"testing"
	"time"
)

// cpuTime returns the CPU time (user + system) the process has used: on a
// shared, loaded machine it measures the work better than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func benchmarkFile(b *testing.B, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	tk := New()
	ntok := 0
	for _, s := range tk.Tokenize(text) {
		ntok += len(s.Tokens)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		tk.Tokenize(text)
	}
	cpu = cpuTime() - cpu
	b.ReportMetric(float64(ntok)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(ntok)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
}

// BenchmarkSeed tokenizes the seed article (RFE/RL, 4.9 kB).
func BenchmarkSeed(b *testing.B) { benchmarkFile(b, repoFile(b, "data/seed/article.txt")) }

// BenchmarkWikinews tokenizes a Wikinews article (3 kB).
func BenchmarkWikinews(b *testing.B) { benchmarkFile(b, "testdata/wikinews-pelosi.txt") }

// BenchmarkNew measures building a Tokenizer (parsing the embedded lists).
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		New()
	}
}
