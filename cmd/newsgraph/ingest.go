package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
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
		kbPath  string
	)
	cmd := &cobra.Command{
		Use:   "ingest PATH...",
		Short: "Read articles (files, folders, globs, - for stdin) into the graph",
		Long: `ingest reads each article, extracts its entities and facts, and writes them to the store,
one transaction per article: after a crash or Ctrl-C an article is either fully stored or absent.
Re-ingesting an unchanged article changes nothing; a changed one (same source, new content)
replaces its old facts. Problems are printed one per line, naming the file; the other files are
still ingested, and the exit status is 1 if any file failed.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withStore(cmd, false, func(ctx context.Context, st *graph.Store) error {
				l, closeKB, err := newLoader(kbPath)
				if err != nil {
					return err
				}
				defer closeKB()
				ing := &ingester{store: st, loader: l, stdout: cmd.OutOrStdout(), stderr: cmd.ErrOrStderr(), quiet: quiet, show: show}
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
	cmd.Flags().StringVar(&kbPath, "kb", os.Getenv("NEWSGRAPH_KB"), "knowledge base to link to besides the bundled one (from newsgraph kb build; default $NEWSGRAPH_KB)")
	return cmd
}

type ingester struct {
	store  *graph.Store
	loader *loaders.Loader
	stdout io.Writer
	stderr io.Writer
	quiet  bool
	show   bool // print each article's entities and facts
}

type summary struct {
	inputs, stored, unchanged, failed int
	skipped                           int // files in folders that are not articles
	sentences, facts, quads           int
	elapsed                           time.Duration
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
	source  string
	article *graph.Article
	err     error
}

// run reads and analyses the inputs with workers goroutines and writes the
// articles in input order from this goroutine, one transaction each.
func (ing *ingester) run(ctx context.Context, args []string, workers int) summary {
	start := time.Now()
	sources, problems := document.Expand(args)
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

	// Workers analyse; results come back in order through per-input channels.
	slots := make([]chan result, len(sources))
	for i := range slots {
		slots[i] = make(chan result, 1)
	}
	next := make(chan int)
	go func() {
		defer close(next)
		for i := range sources {
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
	for i := range sources {
		var r result
		select {
		case r = <-slots[i]:
		case <-ctx.Done():
			fmt.Fprintf(ing.stderr, "interrupted: %d inputs not ingested; everything before them is stored\n", len(sources)-i)
			sum.failed += len(sources) - i
			sum.elapsed = time.Since(start)
			return sum
		}
		if bar != nil {
			bar.Add(1)
		}
		if r.err != nil {
			fmt.Fprintln(ing.stderr, r.err)
			sum.failed++
			continue
		}
		if ing.loader.Linker == nil {
			// no linking, no joins
		} else if err := link.Join(ctx, ing.store, r.article); err != nil {
			fmt.Fprintf(ing.stderr, "%s: joining entities: %v\n", r.source, err)
			sum.failed++
			continue
		}
		res, err := ing.store.WriteArticle(ctx, r.article)
		if err != nil {
			fmt.Fprintf(ing.stderr, "%s: storing: %v\n", r.source, err)
			sum.failed++
			continue
		}
		sum.sentences += len(r.article.Sentences)
		sum.facts += len(r.article.Facts)
		sum.quads += res.Quads
		if res.Status == graph.Unchanged {
			sum.unchanged++
		} else {
			sum.stored++
		}
		if !ing.quiet {
			fmt.Fprintf(ing.stdout, "%-9s %s: %d sentences, %d entities, %d facts, %d quads\n", res.Status, r.article.Source,
				len(r.article.Sentences), len(r.article.Entities), len(r.article.Facts), res.Quads)
		}
		if ing.show {
			showArticle(ing.stdout, r.article)
		}
	}
	sum.elapsed = time.Since(start)
	return sum
}

func (ing *ingester) analyse(ctx context.Context, source string) result {
	var (
		d   *document.Document
		err error
	)
	if source == "-" {
		d, err = document.Read(ctx, "<stdin>", os.Stdin)
	} else {
		d, err = document.ReadFile(ctx, source)
	}
	if err != nil {
		return result{source: source, err: err}
	}
	a, err := ing.loader.Load(ctx, d)
	return result{source: source, article: a, err: err}
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
