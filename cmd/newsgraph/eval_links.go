package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loaders/document"
	"github.com/newsgraph/newsgraph/loaders/link"
)

func newEvalLinksCmd() *cobra.Command {
	var (
		gum, kbPath string
		verbose     bool
	)
	cmd := &cobra.Command{
		Use:   "links",
		Short: "Precision and recall of entity links on GUM's Wikipedia identities",
		Long: `links runs the whole pipeline (with the bundled knowledge base, or --kb) on each GUM document
and compares the Wikidata links of its entities with GUM's gold identities (the Wikipedia title
of each named entity). A link is judged when one of the entity's names is a gold mention with an
identity: correct when the item's label or a name is the title (without its disambiguation).
Recall counts the gold entities the knowledge base contains (an item named like the title) that
some entity of the document is linked to. Even documents are the tuning half, odd ones held out.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return evalLinks(cmd.Context(), cmd.OutOrStdout(), gum, kbPath, verbose)
		},
	}
	cmd.Flags().StringVar(&gum, "gum", gumTrain, "GUM CoNLL-U file with Entity annotations")
	cmd.Flags().StringVar(&kbPath, "kb", "", "knowledge base to link to besides the bundled one")
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "list every judged link and every missed gold entity")
	return cmd
}

type linkScore struct {
	links, correct, wrong, unjudged int
	gold, found                     int
}

func (s *linkScore) add(o linkScore) {
	s.links += o.links
	s.correct += o.correct
	s.wrong += o.wrong
	s.unjudged += o.unjudged
	s.gold += o.gold
	s.found += o.found
}

func evalLinks(ctx context.Context, w io.Writer, gumPath, kbPath string, verbose bool) error {
	docs, err := link.ReadGUM(gumPath)
	if err != nil {
		return fmt.Errorf("eval links: %w", err)
	}
	l, closeKB, err := newLoader(kbPath)
	if err != nil {
		return err
	}
	defer closeKB()
	kb := l.Linker.KB
	parts := map[string]*linkScore{"tune": {}, "held-out": {}}
	for i, d := range docs {
		part := "tune"
		if i%2 == 1 {
			part = "held-out"
		}
		a, err := l.Load(ctx, &document.Document{Source: "gum:" + d.ID, Text: d.Text, Hash: graph.ContentHash(d.Text)})
		if err != nil {
			return err
		}
		s, lines, err := scoreLinks(ctx, kb, d, a)
		if err != nil {
			return err
		}
		parts[part].add(s)
		if verbose {
			for _, ln := range lines {
				fmt.Fprintf(w, "%s\t%s\t%s\n", part, d.ID, ln)
			}
		}
	}
	var all linkScore
	all.add(*parts["tune"])
	all.add(*parts["held-out"])
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DOCUMENTS\tLINKS\tJUDGED\tCORRECT\tPRECISION\tUNJUDGED\tGOLD IN KB\tFOUND\tRECALL")
	for _, p := range []struct {
		name string
		s    *linkScore
	}{{"tune (even)", parts["tune"]}, {"held-out (odd)", parts["held-out"]}, {"all", &all}} {
		s := p.s
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%d\t%d\t%d\t%s\n", p.name, s.links, s.correct+s.wrong, s.correct,
			pct(s.correct, s.correct+s.wrong), s.unjudged, s.gold, s.found, pct(s.found, s.gold))
	}
	return tw.Flush()
}

func pct(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(a)/float64(b))
}

// scoreLinks judges one document's links against its gold identities.
func scoreLinks(ctx context.Context, kb link.KB, d link.GUMDoc, a *graph.Article) (linkScore, []string, error) {
	var s linkScore
	var lines []string
	titlesOf := map[string]map[string]bool{} // Norm(mention) → gold titles
	for t, ms := range d.Gold {
		for _, m := range ms {
			k := link.Norm(m)
			if titlesOf[k] == nil {
				titlesOf[k] = map[string]bool{}
			}
			titlesOf[k][t] = true
		}
	}
	var linked []link.Item
	for _, e := range a.Entities {
		// The item: a Wikidata QID, or the title of an item the KB knows
		// by its DBpedia resource only (the bundled national institutions).
		qid := ""
		for _, l := range e.Links {
			if q, ok := strings.CutPrefix(l.Target, link.WikidataNS); ok {
				qid = q
				break
			}
			if t, ok := strings.CutPrefix(l.Target, link.DBpediaNS); ok && qid == "" {
				qid = t
			}
		}
		if qid == "" {
			continue
		}
		it, ok, err := kb.Item(ctx, qid)
		if err != nil {
			return s, nil, err
		}
		if !ok {
			continue
		}
		s.links++
		linked = append(linked, it)
		titles := map[string]bool{}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			for t := range titlesOf[link.Norm(n)] {
				titles[t] = true
			}
		}
		if len(titles) == 0 {
			s.unjudged++
			lines = append(lines, fmt.Sprintf("unjudged\t%s → %s %s", e.Name, qid, it.Label))
			continue
		}
		ok = false
		var ts []string
		for t := range titles {
			ts = append(ts, t)
			ok = ok || link.TitleMatches(t, it)
		}
		sort.Strings(ts)
		if ok {
			s.correct++
			lines = append(lines, fmt.Sprintf("correct\t%s → %s %s", e.Name, qid, it.Label))
		} else {
			s.wrong++
			lines = append(lines, fmt.Sprintf("WRONG\t%s → %s %s; gold %s", e.Name, qid, it.Label, strings.Join(ts, " | ")))
		}
	}
	titles := make([]string, 0, len(d.Gold))
	for t := range d.Gold {
		titles = append(titles, t)
	}
	sort.Strings(titles)
	for _, t := range titles {
		covered := false
		for _, q := range []string{t, strings.TrimSpace(strings.SplitN(strings.SplitN(t, ",", 2)[0], "(", 2)[0])} {
			cs, err := kb.Candidates(ctx, q)
			if err != nil {
				return s, nil, err
			}
			for _, c := range cs {
				if (c.Match == link.MatchLabel || c.Match == link.MatchName) && link.TitleMatches(t, c.Item) {
					covered = true
				}
			}
		}
		if !covered {
			continue
		}
		s.gold++
		found := false
		for _, it := range linked {
			found = found || link.TitleMatches(t, it)
		}
		if found {
			s.found++
		} else {
			lines = append(lines, fmt.Sprintf("MISSED\t%s (mentions: %s)", t, strings.Join(d.Gold[t], " | ")))
		}
	}
	return s, lines, nil
}
