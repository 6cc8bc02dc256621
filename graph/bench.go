package graph

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"
)

// BenchOptions says what Bench measures.
type BenchOptions struct {
	// Backends to measure; nil means bolt, leveldb and memstore.
	// BackendCayleyBolt measures Cayley's own bolt store through Cayley's
	// Go API on the same articles' quads (articles only).
	Backends []string
	// Dir holds the scratch stores (a temporary directory when empty); each
	// is removed after its measurement.
	Dir string
	// Articles are written one transaction per article (WriteArticle), as
	// ingest does. Nil means 293 SyntheticArticle()s.
	Articles []*Article
	// NQuads, when set, is an N-Quads file (gzipped if it ends in .gz) also
	// loaded, in ImportBatch transactions; relative IRIs <x> and </x> are
	// rewritten to <http://ex.org/x> first (as for Cayley's 30k-movie file).
	NQuads string
	// Batch is the number of articles written per transaction
	// (WriteArticles; 0 or 1: one per article, WriteArticle).
	Batch int
	// Repeats of each measurement; the medians are reported. 0 means 3.
	Repeats int
	// Progress, when set, gets one line per finished measurement.
	Progress io.Writer
}

// BenchResult is one backend's figures on one data set (medians).
type BenchResult struct {
	Backend     string
	Dataset     string
	Quads       int           // quads in the store after the load
	Txs         int           // transactions of the load
	Write       time.Duration // whole load
	CPU         time.Duration // CPU time (user and system) of the load
	Written     int64         // bytes the load wrote to storage (Linux), commits' syncs included
	SizeBytes   int64         // on disk after closing (0 for memstore)
	OpenNoBloom time.Duration // Open of the loaded store (default options)
	OpenBloom   time.Duration // Open with Options.Bloom
	Query1      time.Duration // facts of the top subject entity (articles) / films of an actor (movies)
	Query2      time.Duration // entities of a type / films (movies)
	Query1N     int           // results of Query1
	Query2N     int           // results of Query2
}

// CPUQuadsPerSecond is the load's write rate per second of CPU time: what
// one core would do, whatever else the machine runs.
func (r BenchResult) CPUQuadsPerSecond() float64 {
	if r.CPU <= 0 {
		return 0
	}
	return float64(r.Quads) / r.CPU.Seconds()
}

// BytesPerQuad is the storage write volume of the load per quad.
func (r BenchResult) BytesPerQuad() float64 {
	if r.Quads == 0 {
		return 0
	}
	return float64(r.Written) / float64(r.Quads)
}

// QuadsPerSecond is the load's write rate.
func (r BenchResult) QuadsPerSecond() float64 {
	if r.Write <= 0 {
		return 0
	}
	return float64(r.Quads) / r.Write.Seconds()
}

// Bench measures each backend on the articles and, when given, an N-Quads
// file: write rate, size on disk, open time with and without the bloom
// filter, and two typical path queries. It is what `newsgraph bench` runs.
func Bench(ctx context.Context, opts BenchOptions) ([]BenchResult, error) {
	if opts.Backends == nil {
		opts.Backends = []string{BackendBolt, BackendLevelDB, BackendMemstore}
	}
	if opts.Repeats <= 0 {
		opts.Repeats = 3
	}
	if opts.Articles == nil {
		for i := 0; i < 293; i++ {
			opts.Articles = append(opts.Articles, SyntheticArticle(i))
		}
	}
	if opts.Dir == "" {
		dir, err := os.MkdirTemp("", "newsgraph-bench-")
		if err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
		defer os.RemoveAll(dir)
		opts.Dir = dir
	}
	type dataset struct {
		name  string
		load  func(context.Context, *Store) (txs int, err error)
		query func(*Store) (q1, q2 *path.Path)
	}
	sets := []dataset{{
		name: fmt.Sprintf("%d articles", len(opts.Articles)),
		load: func(ctx context.Context, s *Store) (int, error) {
			if opts.Batch <= 1 {
				for _, a := range opts.Articles {
					if _, err := s.WriteArticle(ctx, a); err != nil {
						return 0, err
					}
				}
				return len(opts.Articles), nil
			}
			txs := 0
			for i := 0; i < len(opts.Articles); i += opts.Batch {
				if _, err := s.WriteArticles(ctx, opts.Articles[i:min(i+opts.Batch, len(opts.Articles))]); err != nil {
					return 0, err
				}
				txs++
			}
			return txs, nil
		},
		query: func(s *Store) (*path.Path, *path.Path) {
			ent := EntityIRI(topSubject(opts.Articles))
			facts := path.StartPath(s.qs, ent).In(quad.IRI(RDFSubject)).Out(quad.IRI(RDFPredicate))
			people := path.StartPath(s.qs, quad.IRI(SchemaPerson)).In(quad.IRI(RDFType)).Unique()
			return facts, people
		},
	}}
	if opts.NQuads != "" {
		data, err := readRewritten(opts.NQuads)
		if err != nil {
			return nil, err
		}
		sets = append(sets, dataset{
			name: filepath.Base(opts.NQuads),
			load: func(ctx context.Context, s *Store) (int, error) {
				res, err := s.Import(ctx, strings.NewReader(data), opts.NQuads)
				if err != nil {
					return 0, err
				}
				if res.Skipped > 0 {
					return 0, fmt.Errorf("bench: %d bad lines, first: %s", res.Skipped, res.Errors[0])
				}
				return (res.Quads + ImportBatch - 1) / ImportBatch, nil
			},
			query: func(s *Store) (*path.Path, *path.Path) {
				films := path.StartPath(s.qs, quad.IRI("http://ex.org/en/gene_kelly")).
					In(quad.IRI("http://ex.org/film/performance/actor")).In(quad.IRI("http://ex.org/film/film/starring"))
				all := path.StartPath(s.qs, quad.IRI("http://ex.org/film/film")).In(quad.IRI("http://ex.org/type"))
				return films, all
			},
		})
	}
	var out []BenchResult
	for si, set := range sets {
		for _, backend := range opts.Backends {
			if backend == BackendCayleyBolt && si > 0 {
				continue
			}
			var runs []BenchResult
			for rep := 0; rep < opts.Repeats; rep++ {
				var (
					r   BenchResult
					err error
				)
				if backend == BackendCayleyBolt {
					r, err = benchCayley(ctx, opts.Dir, opts.Articles, max(opts.Batch, 1), set.name)
				} else {
					r, err = benchOnce(ctx, opts.Dir, backend, set.name, set.load, set.query)
				}
				if err != nil {
					return out, fmt.Errorf("bench %s on %s: %w", backend, set.name, err)
				}
				runs = append(runs, r)
			}
			m := medianResult(runs)
			out = append(out, m)
			if opts.Progress != nil {
				fmt.Fprintf(opts.Progress, "%s %s: %d quads, %.0f quads/s (%.0f per CPU-second, %.0f bytes written per quad), %s on disk, open %v (bloom %v), queries %v / %v\n",
					m.Dataset, m.Backend, m.Quads, m.QuadsPerSecond(), m.CPUQuadsPerSecond(), m.BytesPerQuad(), humanBytes(m.SizeBytes), m.OpenNoBloom, m.OpenBloom, m.Query1, m.Query2)
			}
		}
	}
	return out, nil
}

func benchOnce(ctx context.Context, dir, backend, name string,
	load func(context.Context, *Store) (int, error), query func(*Store) (*path.Path, *path.Path)) (BenchResult, error) {
	r := BenchResult{Backend: backend, Dataset: name}
	p := filepath.Join(dir, backend+".db")
	os.RemoveAll(p)
	defer os.RemoveAll(p)
	s, err := Open(ctx, Options{Backend: backend, Path: p})
	if err != nil {
		return r, err
	}
	start, use := time.Now(), CurrentUsage()
	if r.Txs, err = load(ctx, s); err != nil {
		s.Close()
		return r, err
	}
	r.Write = time.Since(start)
	u := use.Since()
	r.CPU, r.Written = u.CPU, u.Written
	st, err := s.qs.Stats(ctx, true)
	if err != nil {
		s.Close()
		return r, err
	}
	r.Quads = int(st.Quads.Value)
	if backend == BackendMemstore { // nothing to reopen: query it now
		err = benchQueries(ctx, s, &r, query)
		s.Close()
		return r, err
	}
	if err := s.Close(); err != nil {
		return r, err
	}
	if r.SizeBytes, err = DiskSize(p); err != nil {
		return r, err
	}
	for _, bloom := range []bool{true, false} {
		start := time.Now()
		s, err = Open(ctx, Options{Backend: backend, Path: p, Bloom: bloom})
		if err != nil {
			return r, err
		}
		if bloom {
			r.OpenBloom = time.Since(start)
			s.Close()
		} else {
			r.OpenNoBloom = time.Since(start)
		}
	}
	defer s.Close()
	return r, benchQueries(ctx, s, &r, query)
}

// topSubject is the Entity.Key that is the subject of most facts (the
// first in key order on a tie): query 1 asks for its facts.
func topSubject(arts []*Article) string {
	count := make(map[string]int)
	best := ""
	for _, a := range arts {
		for _, f := range a.Facts {
			if k := f.Subject.Entity; k != "" {
				count[k]++
			}
		}
	}
	for k, n := range count {
		if best == "" || n > count[best] || n == count[best] && k < best {
			best = k
		}
	}
	return best
}

// benchQueries times the two queries: the median of 11 runs each.
func benchQueries(ctx context.Context, s *Store, r *BenchResult, query func(*Store) (*path.Path, *path.Path)) error {
	q1, q2 := query(s)
	for i, q := range []*path.Path{q1, q2} {
		var times []time.Duration
		var n int64
		for rep := 0; rep < 11; rep++ {
			start := time.Now()
			c, err := q.Iterate(ctx).Count()
			if err != nil {
				return fmt.Errorf("query %d: %w", i+1, err)
			}
			times = append(times, time.Since(start))
			n = c
		}
		sort.Slice(times, func(a, b int) bool { return times[a] < times[b] })
		if i == 0 {
			r.Query1, r.Query1N = times[len(times)/2], int(n)
		} else {
			r.Query2, r.Query2N = times[len(times)/2], int(n)
		}
	}
	return nil
}

// medianResult takes, field by field, the median of repeated runs.
func medianResult(runs []BenchResult) BenchResult {
	med := func(get func(BenchResult) time.Duration) time.Duration {
		v := make([]time.Duration, len(runs))
		for i, r := range runs {
			v[i] = get(r)
		}
		sort.Slice(v, func(a, b int) bool { return v[a] < v[b] })
		return v[len(v)/2]
	}
	m := runs[0]
	m.Write = med(func(r BenchResult) time.Duration { return r.Write })
	m.CPU = med(func(r BenchResult) time.Duration { return r.CPU })
	m.Written = int64(med(func(r BenchResult) time.Duration { return time.Duration(r.Written) }))
	m.OpenBloom = med(func(r BenchResult) time.Duration { return r.OpenBloom })
	m.OpenNoBloom = med(func(r BenchResult) time.Duration { return r.OpenNoBloom })
	m.Query1 = med(func(r BenchResult) time.Duration { return r.Query1 })
	m.Query2 = med(func(r BenchResult) time.Duration { return r.Query2 })
	m.SizeBytes = int64(med(func(r BenchResult) time.Duration { return time.Duration(r.SizeBytes) }))
	return m
}

// WriteBenchTable writes results as a Markdown table.
func WriteBenchTable(w io.Writer, rs []BenchResult) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "| data | backend | quads | txs | write quads/s | quads/CPU-s | written/quad | on disk | open | open with bloom | query 1 | query 2 |")
	fmt.Fprintln(bw, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range rs {
		fmt.Fprintf(bw, "| %s | %s | %d | %d | %.0f | %.0f | %.0f B | %s | %s | %s | %s (%d) | %s (%d) |\n",
			r.Dataset, r.Backend, r.Quads, r.Txs, r.QuadsPerSecond(), r.CPUQuadsPerSecond(), r.BytesPerQuad(), humanBytes(r.SizeBytes),
			roundDur(r.OpenNoBloom), roundDur(r.OpenBloom), roundDur(r.Query1), r.Query1N, roundDur(r.Query2), r.Query2N)
	}
	return bw.Flush()
}

func roundDur(d time.Duration) string {
	switch {
	case d == 0:
		return "–"
	case d < time.Millisecond:
		return d.Round(time.Microsecond).String()
	default:
		return d.Round(100 * time.Microsecond).String()
	}
}

func humanBytes(n int64) string {
	if n == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// DiskSize is the number of bytes a store occupies on disk: the size of the
// file at path, or of every file below it when it is a directory.
func DiskSize(path string) (int64, error) {
	var n int64
	err := filepath.WalkDir(path, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			n += info.Size()
		}
		return nil
	})
	return n, err
}

var relativeIRI = regexp.MustCompile(`<(/?)([^>:]*)>`)

// readRewritten reads an N-Quads file (gunzipping .gz) and rewrites
// relative IRIs <x> and </x> to <http://ex.org/x>.
func readRewritten(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", fmt.Errorf("bench: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(name, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return "", fmt.Errorf("bench: %s: %w", name, err)
		}
		defer gz.Close()
		r = gz
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return "", fmt.Errorf("bench: %s: %w", name, err)
	}
	return relativeIRI.ReplaceAllString(string(data), "<http://ex.org/$2>"), nil
}

// SyntheticArticle is a made-up article numbered n, shaped like a Wikinews
// one: 25 sentences, 4 entities shared by all articles and 25 of its own,
// 34 facts (typed quantities, dates, attributions, a negation).
func SyntheticArticle(n int) *Article { return syntheticArticle(n, 25) }

func syntheticArticle(n, sentences int) *Article {
	a := &Article{
		Source:    fmt.Sprintf("synthetic/%05d.txt", n),
		Hash:      fmt.Sprintf("%064x", n),
		Headline:  fmt.Sprintf("Synthetic article %d", n),
		Published: time.Date(2025, 1, 1+n%28, 0, 0, 0, 0, time.UTC),
		Publisher: "Wikinews",
	}
	for i := 0; i < sentences; i++ {
		a.Sentences = append(a.Sentences, Sentence{Text: fmt.Sprintf("Sentence %d of article %d says that someone visited somewhere on Monday, officials said.", i, n), Start: i * 90, End: i*90 + 85})
	}
	shared := []string{"Country/russia", "Country/ukraine", "Person/volodymyr_zelenskiy", "Organization/united_nations"}
	for _, k := range shared {
		typ, name, _ := strings.Cut(k, "/")
		a.Entities = append(a.Entities, Entity{Key: k, Name: strings.ReplaceAll(name, "_", " "), Type: typ, Mentions: 2})
	}
	for i := 0; i < sentences; i++ {
		k := fmt.Sprintf("Person/person_%d_%d", n, i)
		a.Entities = append(a.Entities, Entity{Key: k, Name: fmt.Sprintf("Person %d %d", n, i), Type: "Person", Aliases: []string{fmt.Sprintf("P%d", i)}, Mentions: 1})
		a.Facts = append(a.Facts, Fact{Sentence: i, Subject: Term{Entity: k, Text: "someone"}, Relation: "visit", RelationText: "visited",
			Object: Term{Entity: shared[i%len(shared)], Text: "somewhere"}, Time: "on Monday", Date: "2025-01-06", Confidence: 0.75})
		if i%3 == 0 {
			a.Facts = append(a.Facts, Fact{Sentence: i, Subject: Term{Entity: shared[i%len(shared)], Text: "they"}, Relation: "send", RelationText: "sent",
				Object: Term{Text: "500 troops", Value: "500", Datatype: XSDInteger, Unit: "troops"}, Attribution: k, Quote: "they sent troops",
				Negated: i == 12, Confidence: 0.6})
		}
	}
	return a
}
