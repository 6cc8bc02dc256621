package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loaders"
	"github.com/newsgraph/newsgraph/loaders/document"
	"github.com/newsgraph/newsgraph/loaders/link"
)

func newIngestCmd(g *globals) *cobra.Command {
	var (
		workers int
		quiet   bool
		show    bool
		in      inputFlags
		kbPath  string
		budgets budgetFlags
	)
	cmd := &cobra.Command{
		Use:   "ingest PATH...",
		Short: "Read articles (files, folders, globs, URLs, feeds, WARC, JSON Lines, - for stdin) into the graph",
		Long: `ingest reads each article, extracts its entities and facts, and writes them to the store,
one transaction per article: after a crash or Ctrl-C an article is either fully stored or absent.
Re-ingesting an unchanged article changes nothing; a changed one (same source, new content)
replaces its old facts. Problems are printed one per line, naming the file; the other files are
still ingested, and the exit status is 1 if any file failed.

Inputs: text, Markdown and HTML files; folders; globs; http(s) URLs; RSS/Atom feeds (.rss, .atom,
.xml); WARC files (.warc, .warc.gz); JSON Lines (.jsonl: one article per line); - for stdin.
What you know about an article (--url, --title, --date, --publisher, --index) wins over what its
text says. docs/input.md has the details.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts, err := in.options(args)
			if err != nil {
				return err
			}
			// The reading limits (--max-bytes, --max-html-depth, --html-timeout).
			opts.MaxBytes, opts.MaxHTMLDepth, opts.HTMLParseTimeout = budgets.doc.MaxBytes, budgets.doc.MaxHTMLDepth, budgets.doc.HTMLParseTimeout
			var linker *link.Linker
			if kbPath != "" {
				if linker, err = openLinker(kbPath); err != nil {
					return err
				}
				defer linker.KB.Close()
			}
			return g.withStore(cmd, false, func(ctx context.Context, st *graph.Store) error {
				st.VerifyOnClose() // the next query does not pay the page walk
				ing := &ingester{store: st, stdout: cmd.OutOrStdout(), stderr: cmd.ErrOrStderr(), quiet: quiet, show: show, opts: opts, shard: in.shard, linker: linker, budgets: budgets.load}
				sum := ing.run(ctx, args, workers)
				fmt.Fprintln(ing.stderr, sum)
				if show && sum.stored+sum.unchanged > 0 {
					if err := showAnswers(ctx, st, ing.stdout); err != nil {
						return err
					}
				}
				if sum.failed > 0 || ctx.Err() != nil {
					return exitError{msg: fmt.Sprintf("%d of %d inputs failed", sum.failed, sum.inputs), quiet: true}
				}
				return nil
			})
		},
	}
	cmd.Flags().IntVarP(&workers, "workers", "j", runtime.GOMAXPROCS(0), "articles analysed in parallel")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "print only problems and the summary")
	cmd.Flags().BoolVar(&show, "show", false, "after ingesting, print what was found: entities, facts, claims")
	in.register(cmd)
	budgets.register(cmd.Flags())
	cmd.Flags().StringVar(&kbPath, "kb", os.Getenv("NEWSGRAPH_KB"), "knowledge base to link to besides the bundled one (from newsgraph kb build; default $NEWSGRAPH_KB)")
	return cmd
}

type ingester struct {
	store *graph.Store
	// loader is made on first use (loadOnce): a re-ingest of unchanged
	// inputs never loads the models.
	loader   *loaders.Loader
	loadErr  error
	loadOnce sync.Once
	stdout   io.Writer
	stderr   io.Writer
	quiet    bool
	show     bool // print each article's entities and facts

	opts     document.Options
	shard    string          // "i/n": this process's share of the inputs; "" for all
	linker   *link.Linker    // --kb: links to a knowledge base besides the bundled one; nil for the loader's own
	pipeline string          // loaders.Pipeline(), computed once
	budgets  loaders.Budgets // bounds on one document's analysis
}

type summary struct {
	inputs, stored, unchanged, failed int
	skipped                           int // files in folders that are not articles
	sentences, facts, quads           int
	elapsed                           time.Duration
	writing                           time.Duration // spent in the store's writes
	txs                               int           // write transactions
}

func (s summary) String() string {
	skipped := ""
	if s.skipped > 0 {
		skipped = fmt.Sprintf(" (%d other files skipped)", s.skipped)
	}
	return fmt.Sprintf("%d inputs%s: %d stored, %d unchanged, %d failed; %d sentences, %d facts, %d quads in %.1fs",
		s.inputs, skipped, s.stored, s.unchanged, s.failed, s.sentences, s.facts, s.quads, s.elapsed.Seconds())
}

// result is one input's outcome from an analysis worker.
type result struct {
	source    string
	article   *graph.Article
	unchanged *graph.DocInfo // set instead of article when the store already holds this content
	err       error
}

// Batching of writes: the writer commits the articles that are ready
// together (up to maxBatch articles or maxBatchQuads quads), one
// transaction for all, so a commit's cost (bolt syncs twice per commit) is
// shared; a crash still leaves each article whole or absent.
const (
	maxBatch      = 16
	maxBatchQuads = 100_000
)

// expand turns the arguments into this process's share of the articles.
func (ing *ingester) expand(ctx context.Context, args []string) ([]document.Item, []error) {
	items, problems := ing.opts.Items(ctx, args)
	if ing.shard != "" {
		i, n, _ := document.ParseShard(ing.shard) // checked with the flags
		items = document.Shard(items, i, n)
	}
	return items, problems
}

// run reads and analyses the inputs with workers goroutines and writes the
// articles in input order from this goroutine, several per transaction when
// several are ready. At most a bounded number of inputs are between reading
// and writing: workers wait when the writer is behind, so memory does not
// grow with the number of inputs.
func (ing *ingester) run(ctx context.Context, args []string, workers int) summary {
	start := time.Now()
	sources, problems := ing.expand(ctx, args)
	sum := summary{inputs: len(sources)}
	for _, p := range problems {
		// A file found in a folder that is not an article (an image, an
		// index) is skipped; anything else is a failure.
		if errors.Is(p, document.ErrNotText) {
			fmt.Fprintf(ing.stderr, "skipped %v\n", p)
			sum.skipped++
			continue
		}
		fmt.Fprintln(ing.stderr, p)
		sum.inputs++
		sum.failed++
	}
	if workers < 1 {
		workers = 1
	}
	var bar *progressbar.ProgressBar
	if len(sources) > 5 && isTerminal(os.Stderr) {
		bar = progressbar.Default(int64(len(sources)), "ingesting")
	}
	if ing.pipeline == "" {
		ing.pipeline = loaders.Pipeline()
	}

	// Workers analyse; results come back in order through per-input
	// channels. window bounds the inputs handed out but not yet written.
	window := make(chan struct{}, maxBatch+4*workers)
	slots := make([]chan result, len(sources))
	for i := range slots {
		slots[i] = make(chan result, 1)
	}
	next := make(chan int)
	go func() {
		defer close(next)
		for i := range sources {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for w := 0; w < workers; w++ {
		go func() {
			for i := range next {
				slots[i] <- ing.analyse(ctx, sources[i])
			}
		}()
	}
	var batch []result
	for i := 0; i < len(sources); {
		var r result
		select {
		case r = <-slots[i]:
		case <-ctx.Done():
			fmt.Fprintf(ing.stderr, "interrupted: %d inputs not ingested; everything before them is stored\n", len(sources)-i)
			sum.failed += len(sources) - i
			sum.elapsed = time.Since(start)
			return sum
		}
		// Take the results that are ready behind it, then write them all.
		batch = append(batch[:0], r)
		quads := articleSize(r)
		for i+len(batch) < len(sources) && len(batch) < maxBatch && quads < maxBatchQuads {
			select {
			case r := <-slots[i+len(batch)]:
				batch = append(batch, r)
				quads += articleSize(r)
				continue
			default:
			}
			break
		}
		i += len(batch)
		ing.write(ctx, batch, &sum)
		for range batch {
			<-window
			if bar != nil {
				bar.Add(1)
			}
		}
	}
	sum.elapsed = time.Since(start)
	return sum
}

// articleSize estimates the quads an analysed article writes.
func articleSize(r result) int {
	if r.article == nil {
		return 0
	}
	return 6*len(r.article.Sentences) + 8*len(r.article.Entities) + 20*len(r.article.Facts)
}

// write stores the analysed articles of batch in one transaction (each
// alone when that fails, to find the one at fault) and reports each. Each
// article is joined with what the store holds and what the batch writes
// before it (link.Join), so batching does not change the store.
func (ing *ingester) write(ctx context.Context, batch []result, sum *summary) {
	var arts []*graph.Article
	for _, r := range batch {
		if r.article != nil {
			arts = append(arts, r.article)
		}
	}
	var join graph.Joiner
	if ing.loader == nil || ing.loader.Linker != nil { // no linking, no joins
		join = func(ctx context.Context, known graph.Names, a *graph.Article) error { return link.Join(ctx, known, a) }
	}
	start := time.Now()
	res, err := ing.store.WriteArticlesJoined(ctx, arts, join)
	sum.writing += time.Since(start)
	if len(arts) > 0 {
		sum.txs++
	}
	errs := make([]error, len(arts))
	if err != nil {
		for k := range errs {
			errs[k] = err
		}
		if len(arts) > 1 && ctx.Err() == nil {
			res = make([]graph.WriteResult, len(arts))
			for k, a := range arts {
				var rs []graph.WriteResult
				if rs, errs[k] = ing.store.WriteArticlesJoined(ctx, []*graph.Article{a}, join); len(rs) == 1 {
					res[k] = rs[0]
				}
			}
		}
	}
	k := 0
	for _, r := range batch {
		switch {
		case r.err != nil:
			fmt.Fprintln(ing.stderr, r.err)
			sum.failed++
		case r.unchanged != nil:
			sum.unchanged++
			sum.sentences += r.unchanged.Sentences
			sum.facts += r.unchanged.Facts
			if !ing.quiet {
				fmt.Fprintf(ing.stdout, "%-9s %s: %d sentences, %d facts\n", graph.Unchanged, r.unchanged.Source, r.unchanged.Sentences, r.unchanged.Facts)
			}
		default:
			a := r.article
			var wr graph.WriteResult
			if k < len(res) {
				wr = res[k]
			}
			err := errs[k]
			k++
			if err != nil {
				fmt.Fprintf(ing.stderr, "%s: storing: %v\n", r.source, err)
				sum.failed++
				continue
			}
			sum.sentences += len(a.Sentences)
			sum.facts += len(a.Facts)
			sum.quads += wr.Quads
			if wr.Status == graph.Unchanged {
				sum.unchanged++
			} else {
				sum.stored++
			}
			if !ing.quiet {
				fmt.Fprintf(ing.stdout, "%-9s %s: %d sentences, %d entities, %d facts, %d quads\n", wr.Status, a.Source,
					len(a.Sentences), len(a.Entities), len(a.Facts), wr.Quads)
			}
			if ing.show {
				showArticle(ing.stdout, a)
			}
		}
	}
}

// analyse reads one input and, unless the store already holds this content
// from this pipeline (decided from the content hash before any analysis),
// analyses it.
func (ing *ingester) analyse(ctx context.Context, item document.Item) result {
	d, err := item.Read(ctx, ing.opts)
	if err != nil {
		return result{source: item.Name, err: err}
	}
	if d.Note != "" {
		fmt.Fprintf(ing.stderr, "note: %s: %s\n", d.Source, d.Note)
	}
	if !ing.show {
		info, same, err := ing.store.Unchanged(ctx, d.Source, d.Hash, ing.pipeline)
		if err != nil {
			return result{source: d.Source, err: err}
		}
		if same {
			return result{source: d.Source, unchanged: &info}
		}
	}
	ing.loadOnce.Do(func() {
		if ing.loader == nil {
			ing.loader, ing.loadErr = loaders.New()
			if ing.loadErr == nil {
				ing.loader.Budgets = ing.budgets
				if ing.linker != nil {
					ing.loader.Linker = ing.linker
				}
			}
		}
	})
	if ing.loadErr != nil {
		return result{source: d.Source, err: ing.loadErr}
	}
	a, err := ing.loader.Load(ctx, d)
	return result{source: d.Source, article: a, err: err}
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
