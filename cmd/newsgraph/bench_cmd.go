package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loaders"
	"github.com/newsgraph/newsgraph/loaders/analyze"
	"github.com/newsgraph/newsgraph/loaders/document"
	"github.com/newsgraph/newsgraph/loaders/extract"
	"github.com/newsgraph/newsgraph/loaders/resolve"
)

func newBenchCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure speed: the whole ingest, the language pipeline, the store backends",
		Long: `bench measures on this machine; the figures recorded in docs/benchmarks.md come from it.
The machine is shared and noisy: each figure is the median of --runs runs.`,
	}
	var (
		runs       int
		cpuProfile string
	)
	cmd.PersistentFlags().IntVar(&runs, "runs", 3, "repeat each measurement; medians are reported")

	var compareLink bool
	ingestCmd := &cobra.Command{
		Use:   "ingest PATH...",
		Short: "Ingest articles into a fresh store: articles/s, sentences/s, quads/s, store size, peak RSS",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if cpuProfile != "" {
				f, err := os.Create(cpuProfile)
				if err != nil {
					return err
				}
				defer f.Close()
				if err := pprof.StartCPUProfile(f); err != nil {
					return err
				}
				defer pprof.StopCPUProfile()
			}
			if compareLink {
				return benchIngestLink(cmd.Context(), g.backend, args, runs, cmd.OutOrStdout())
			}
			_, err := benchIngest(cmd.Context(), g.backend, args, runs, false, cmd.OutOrStdout())
			return err
		},
	}
	ingestCmd.Flags().BoolVar(&compareLink, "compare-link", false, "measure without linking, then with the bundled knowledge base, and print the ratio")
	nlpCmd := &cobra.Command{
		Use:   "nlp PATH...",
		Short: "Language pipeline and extraction on one core: model load time, tokens/s, sentences/s",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return benchNLP(cmd.Context(), args, runs, cmd.OutOrStdout())
		},
	}
	var (
		nquads, articles string
		batch            int
		backends         []string
	)
	storeCmd := &cobra.Command{
		Use:   "store",
		Short: "Compare the embedded backends: write rate, size on disk, open time, query latency",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := graph.BenchOptions{NQuads: nquads, Repeats: runs, Progress: cmd.ErrOrStderr(), Batch: batch, Backends: backends}
			if articles != "" {
				as, err := loadArticles(cmd.Context(), []string{articles}, cmd.ErrOrStderr())
				if err != nil {
					return err
				}
				opts.Articles = as
			}
			rs, err := graph.Bench(cmd.Context(), opts)
			if err != nil {
				return err
			}
			return graph.WriteBenchTable(cmd.OutOrStdout(), rs)
		},
	}
	storeCmd.Flags().StringVar(&nquads, "nquads", "", "also load this N-Quads file (e.g. ../shared/perf/30kmoviedata.nq.gz)")
	storeCmd.Flags().StringVar(&articles, "articles", "", "measure on these articles, analysed first (default: synthetic articles)")
	storeCmd.Flags().IntVar(&batch, "batch", 1, "articles per transaction (ingest writes up to 16 that are ready)")
	storeCmd.Flags().StringSliceVar(&backends, "backends", nil, "backends to measure (default bolt, leveldb, memstore); "+graph.BackendCayleyBolt+" is Cayley's own bolt store through Cayley's Go API, on the same quads")
	ingestCmd.Flags().StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the runs to FILE (go tool pprof)")
	cmd.AddCommand(ingestCmd, nlpCmd, storeCmd)
	return cmd
}

// loadArticles reads and analyses articles, without storing them.
func loadArticles(ctx context.Context, args []string, log io.Writer) ([]*graph.Article, error) {
	l, err := loaders.New()
	if err != nil {
		return nil, err
	}
	var out []*graph.Article
	for d, err := range document.Documents(ctx, args) {
		if err != nil {
			fmt.Fprintln(log, err)
			continue
		}
		a, err := l.Load(ctx, d)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// benchIngest measures ingest and returns the median time in seconds;
// noLink leaves out the link stage.
func benchIngest(ctx context.Context, backend string, args []string, runs int, noLink bool, w io.Writer) (float64, error) {
	var secs, arts, sents, quads, size, busy, cpuq, wq []float64
	var n summary
	for r := 0; r < runs; r++ {
		dir, err := os.MkdirTemp("", "newsgraph-bench-")
		if err != nil {
			return 0, err
		}
		st, err := graph.Open(ctx, graph.Options{Backend: backend, Path: filepath.Join(dir, "newsgraph.db")})
		if err != nil {
			return 0, err
		}
		l, err := loaders.New()
		if err != nil {
			return 0, err
		}
		if noLink {
			l.Linker = nil
		}
		ing := &ingester{store: st, loader: l, stdout: io.Discard, stderr: w, quiet: true}
		use := graph.CurrentUsage()
		n = ing.run(ctx, args, runtime.GOMAXPROCS(0))
		st.Close()
		u := use.Since()
		s := n.elapsed.Seconds()
		secs = append(secs, s)
		arts = append(arts, float64(n.stored+n.unchanged)/s)
		sents = append(sents, float64(n.sentences)/s)
		quads = append(quads, float64(n.quads)/s)
		busy = append(busy, 100*n.writing.Seconds()/s)
		cpuq = append(cpuq, u.CPU.Seconds()/float64(max(n.stored, 1)))
		wq = append(wq, float64(u.Written)/float64(max(n.quads, 1)))
		sz, _ := graph.DiskSize(dir)
		size = append(size, float64(sz))
		os.RemoveAll(dir)
		if n.failed > 0 {
			return 0, fmt.Errorf("%d inputs failed", n.failed)
		}
	}
	fmt.Fprintf(w, "ingest of %s (%d articles, %d sentences, %d facts, %d quads; %d workers, backend %s), median of %d runs:\n",
		strings.Join(args, " "), n.stored+n.unchanged, n.sentences, n.facts, n.quads, runtime.GOMAXPROCS(0), orDefault(backend), runs)
	fmt.Fprintf(w, "  time %.2fs  articles/s %.1f  sentences/s %.0f  quads/s %.0f  store %.1f MB  peak RSS %.0f MB\n",
		median(secs), median(arts), median(sents), median(quads), median(size)/1e6, float64(peakRSS())/1e6)
	fmt.Fprintf(w, "  writer busy %.0f%% of the time (%d transactions)  CPU %.3fs per article  written %.0f bytes per quad\n",
		median(busy), n.txs, median(cpuq), median(wq))
	return median(secs), nil
}

func orDefault(backend string) string {
	if backend == "" {
		return graph.DefaultBackend
	}
	return backend
}

// peakRSS is the process's peak resident set size in bytes (Linux), 0 when
// unknown.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &kb)
			return kb * 1024
		}
	}
	return 0
}

func benchNLP(ctx context.Context, args []string, runs int, w io.Writer) error {
	start := time.Now()
	p, err := analyze.Default()
	if err != nil {
		return err
	}
	load := time.Since(start)
	var texts []string
	for d, err := range document.Documents(ctx, args) {
		if err != nil {
			fmt.Fprintln(w, err)
			continue
		}
		texts = append(texts, d.Headline+"\n\n"+d.Text)
	}
	prev := runtime.GOMAXPROCS(1) // one core, as the issue measures
	defer runtime.GOMAXPROCS(prev)
	var tokRate, sentRate, extRate, resRate, resAlone []float64
	var tokens, sentences int
	for r := 0; r < runs; r++ {
		tokens, sentences = 0, 0
		var analyse, ext, res time.Duration
		for _, t := range texts {
			t0 := time.Now()
			doc, err := p.Analyze(ctx, t)
			if err != nil {
				return err
			}
			t1 := time.Now()
			exts := extract.Document(doc)
			t2 := time.Now()
			resolve.Article(doc, exts, resolve.Options{})
			ext += t2.Sub(t1)
			res += time.Since(t2)
			analyse += t1.Sub(t0)
			sentences += len(doc.Sentences)
			for _, s := range doc.Sentences {
				tokens += len(s.Tokens)
			}
		}
		tokRate = append(tokRate, float64(tokens)/analyse.Seconds())
		sentRate = append(sentRate, float64(sentences)/(analyse+ext).Seconds())
		extRate = append(extRate, float64(sentences)/ext.Seconds())
		resRate = append(resRate, float64(sentences)/(analyse+ext+res).Seconds())
		resAlone = append(resAlone, float64(sentences)/res.Seconds())
	}
	fmt.Fprintf(w, "language pipeline on %d texts (%d sentences, %d tokens), one core, median of %d runs:\n", len(texts), sentences, tokens, runs)
	fmt.Fprintf(w, "  model load (first call) %v\n", load.Round(time.Millisecond))
	fmt.Fprintf(w, "  tokenize+tag+lemma+parse+NER: %.0f tokens/s\n", median(tokRate))
	fmt.Fprintf(w, "  text → extractions: %.0f sentences/s (extraction alone %.0f sentences/s)\n", median(sentRate), median(extRate))
	fmt.Fprintf(w, "  text → resolved facts: %.0f sentences/s (resolution alone %.0f sentences/s)\n", median(resRate), median(resAlone))
	return nil
}
