package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/loaders"
	"github.com/newsgraph/newsgraph/loaders/link"
)

func newKBCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "kb",
		Short: "Build a knowledge base for entity linking from a Wikidata dump (kb build)",
	}
	var (
		out          string
		minSitelinks int
		workers      int
		quiet        bool
	)
	build := &cobra.Command{
		Use:   "build DUMP -o FILE",
		Short: "Stream a Wikidata JSON dump (gzip or bzip2) into a knowledge base file for ingest --kb",
		Long: `build reads the official Wikidata JSON dump (latest-all.json.gz or .bz2, or uncompressed: one
entity per line inside one JSON array) as a stream and writes a knowledge base file that ingest --kb
opens without loading it. It keeps items with an English label: English aliases, the English
Wikipedia title (→ the DBpedia IRI), instance-of classes mapped to our types, country, capital,
coordinates, population, ISO codes, demonyms and the sitelink count (the popularity prior).
Malformed lines are counted and skipped. Memory stays flat whatever the dump's size.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return fmt.Errorf("kb build: say where to write the knowledge base with -o FILE")
			}
			r, err := link.OpenDump(args[0])
			if err != nil {
				return fmt.Errorf("kb build: %w", err)
			}
			defer r.Close()
			opts := link.BuildOptions{MinSitelinks: minSitelinks, Workers: workers}
			if !quiet {
				opts.Progress = func(s link.BuildStats) {
					fmt.Fprintf(cmd.ErrOrStderr(), "\r%d entities read, %d kept, %d malformed (%.0f/s)", s.Lines, s.Kept, s.Malformed, s.Rate())
				}
			}
			st, err := link.BuildFile(cmd.Context(), r, args[0], out, opts)
			if !quiet && opts.Progress != nil {
				fmt.Fprintln(cmd.ErrOrStderr())
			}
			if err != nil {
				return fmt.Errorf("kb build: %w", err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: %d entities read, %d kept, %d skipped, %d malformed lines skipped in %.1fs (%.0f entities/s)\n",
				out, st.Lines, st.Kept, st.Skipped, st.Malformed, st.Elapsed.Seconds(), st.Rate())
			if st.Malformed > 0 {
				fmt.Fprintf(cmd.ErrOrStderr(), "first malformed line: %s\n", st.FirstBad)
			}
			return nil
		},
	}
	build.Flags().StringVarP(&out, "output", "o", "", "knowledge base file to write")
	build.Flags().IntVar(&minSitelinks, "min-sitelinks", 0, "keep only items with at least N sitelinks (popularity filter)")
	build.Flags().IntVarP(&workers, "workers", "j", runtime.GOMAXPROCS(0), "entities decoded in parallel")
	build.Flags().BoolVarP(&quiet, "quiet", "q", false, "no progress line")
	cmd.AddCommand(build)
	return cmd
}

// newLoader returns the loader over the embedded models, linking to the
// bundled knowledge base and to the one in kbPath when given; close
// releases the KB file.
func newLoader(kbPath string) (l *loaders.Loader, close func(), err error) {
	if l, err = loaders.New(); err != nil {
		return nil, nil, err
	}
	if kbPath == "" {
		return l, func() {}, nil
	}
	if l.Linker, err = openLinker(kbPath); err != nil {
		return nil, nil, err
	}
	return l, func() { l.Linker.KB.Close() }, nil
}

// openLinker returns the linker ingest uses: the bundled knowledge base,
// plus the one in path when given (opened, not loaded). The caller closes
// the returned KB.
func openLinker(path string) (*link.Linker, error) {
	bundled, err := link.Bundled()
	if err != nil {
		return nil, err
	}
	if path == "" {
		return &link.Linker{KB: bundled, Name: link.BundledName}, nil
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("--kb: %w", err)
	}
	kb, err := link.OpenKB(path)
	if err != nil {
		return nil, fmt.Errorf("--kb: %w", err)
	}
	return &link.Linker{KB: link.Multi{bundled, kb}, Name: filepath.Base(path)}, nil
}
