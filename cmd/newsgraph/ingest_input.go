package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/loaders/document"
)

// inputFlags are ingest's flags about its inputs: metadata the user knows,
// an index file, which share of the inputs this process takes, fetching.
type inputFlags struct {
	url, title, date, publisher string
	name                        string
	index                       string
	shard                       string
	timeout                     time.Duration
	windows1252                 bool
}

func (f *inputFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.url, "url", "", "the article's URL: its identity in the graph (one input only)")
	fl.StringVar(&f.title, "title", "", "the article's headline (one input only)")
	fl.StringVar(&f.date, "date", "", "publication date of every input, e.g. 2019-01-04 or 2019-01-04T10:30:00Z")
	fl.StringVar(&f.publisher, "publisher", "", "publisher of every input, e.g. \"BBC News\"")
	fl.StringVar(&f.name, "name", "", "name of the article read from - (stdin): its source becomes stdin:NAME")
	fl.StringVar(&f.index, "index", "", "metadata file: TSV with a header, or JSON Lines; rows name a path or URL and give title, date, publisher (docs/input.md)")
	fl.StringVar(&f.shard, "shard", "", "take only share i of n of the inputs (i/n, e.g. 1/4): for several ingest processes on one store")
	fl.DurationVar(&f.timeout, "timeout", document.DefaultFetchTimeout, "time limit for fetching each http(s) URL")
	fl.BoolVar(&f.windows1252, "windows-1252", false, "read text that is not valid UTF-8 as Windows-1252 instead of refusing it")
}

// options checks the flags against the arguments and returns the reading
// options they make.
func (f *inputFlags) options(args []string) (document.Options, error) {
	o := document.Options{
		Name:        f.name,
		Fetch:       document.FetchOptions{Timeout: f.timeout},
		Windows1252: f.windows1252,
		Meta:        document.Meta{URL: f.url, Title: f.title, Publisher: f.publisher},
	}
	if f.date != "" {
		t, err := document.ParseDate(f.date)
		if err != nil {
			return o, fmt.Errorf("--date: %w", err)
		}
		o.Meta.Published = t
	}
	if (f.url != "" || f.title != "") && !oneInput(args) {
		return o, fmt.Errorf("--url and --title name one article: give one file, URL or - (for many, use --index)")
	}
	if f.name != "" && !(len(args) == 1 && args[0] == document.Stdin) {
		return o, fmt.Errorf("--name names the article read from standard input: give - as the only input")
	}
	if f.shard != "" {
		if _, _, err := document.ParseShard(f.shard); err != nil {
			return o, fmt.Errorf("--shard: %w", err)
		}
	}
	if f.index != "" {
		ix, err := document.LoadIndex(f.index)
		if err != nil {
			return o, fmt.Errorf("--index: %w", err)
		}
		o.Index = ix
	}
	return o, nil
}

// oneInput reports whether args name one article file, URL or stdin (a
// folder, a pattern or a file of many articles is not one).
func oneInput(args []string) bool {
	if len(args) != 1 {
		return false
	}
	sources, problems := document.Expand(args)
	return len(sources) == 1 && len(problems) == 0 && !document.IsContainer(sources[0])
}
