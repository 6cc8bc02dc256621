package parse

import (
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

const (
	modelPath = "../../../data/models/parse.bin.gz"
	devPath   = "../../../data/ud/en_ewt-ud-dev.conllu.gz"
)

var (
	modelOnce sync.Once
	model     *Parser
	modelErr  error
)

// testModel loads the committed model once per test binary.
func testModel(tb testing.TB) *Parser {
	tb.Helper()
	modelOnce.Do(func() {
		f, err := os.Open(modelPath)
		if err != nil {
			modelErr = err
			return
		}
		defer f.Close()
		model, modelErr = Load(f)
	})
	if modelErr != nil {
		tb.Fatalf("loading %s: %v", modelPath, modelErr)
	}
	return model
}

// benchModels lists the models the benchmarks measure: the committed one
// and, when the environment variable PARSE_CANDIDATE names a model file, that
// one too, so the two are compared in the same run (sub-benchmarks
// "committed" and "candidate"; with -count they alternate).
func benchModels(b *testing.B) [][2]string {
	ms := [][2]string{{"committed", modelPath}}
	if c := os.Getenv("PARSE_CANDIDATE"); c != "" {
		ms = append(ms, [2]string{"candidate", c})
	}
	return ms
}

func loadFile(b *testing.B, path string) *Parser {
	if path == modelPath {
		return testModel(b)
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	p, err := Load(f)
	if err != nil {
		b.Fatalf("%s: %v", path, err)
	}
	return p
}

// BenchmarkParse parses the first 500 dev sentences per iteration and
// reports tokens/s.
func BenchmarkParse(b *testing.B) {
	gold, err := conllu.ReadFile(devPath)
	if err != nil {
		b.Fatal(err)
	}
	gold = gold[:500]
	for _, m := range benchModels(b) {
		b.Run(m[0], func(b *testing.B) { benchParse(b, loadFile(b, m[1]), gold) })
	}
}

// benchParse parses copies of gold b.N times with p and reports tokens per
// second of wall-clock and of CPU time.
func benchParse(b *testing.B, p *Parser, gold []*conllu.Sentence) {
	tokens := 0
	work := make([]*conllu.Sentence, len(gold))
	for i, g := range gold {
		c := *g
		c.Tokens = slices.Clone(g.Tokens)
		work[i] = &c
		tokens += len(g.Tokens)
	}
	b.ResetTimer()
	start, cpu := time.Now(), cpuTime()
	for i := 0; i < b.N; i++ {
		for _, s := range work {
			p.Parse(&s.Sentence)
		}
	}
	b.ReportMetric(float64(tokens*b.N)/time.Since(start).Seconds(), "tokens/s")
	if c := cpuTime() - cpu; c > 0 {
		// Tokens per second of this process's CPU time: steadier than
		// wall-clock time on a shared machine.
		b.ReportMetric(float64(tokens*b.N)/c.Seconds(), "tokens/cpu-s")
	}
}

// BenchmarkLoad measures decoding the committed model (and the candidate).
func BenchmarkLoad(b *testing.B) {
	for _, m := range benchModels(b) {
		b.Run(m[0], func(b *testing.B) {
			data, err := os.ReadFile(m[1])
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := Load(bytesReader(data)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
