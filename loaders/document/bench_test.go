package document

import (
	"bytes"
	"context"
	"os"
	"testing"
)

// BenchmarkWikinews reads every shared Wikinews article from memory.
func BenchmarkWikinews(b *testing.B) {
	files := wikinewsFiles(b)
	var data [][]byte
	size := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		data = append(data, raw)
		size += len(raw)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for i, raw := range data {
			if _, err := Read(context.Background(), files[i], bytes.NewReader(raw)); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(data)*b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkHTML reads the test news page.
func BenchmarkHTML(b *testing.B) {
	raw, err := os.ReadFile("testdata/news.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := Read(context.Background(), "news.html", bytes.NewReader(raw)); err != nil {
			b.Fatal(err)
		}
	}
}
