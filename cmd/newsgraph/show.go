package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
)

// showArticle prints what the loaders found in one article: its entities
// and its facts, one line each.
func showArticle(w io.Writer, a *graph.Article) {
	names := make(map[string]string, len(a.Entities))
	var named []graph.Entity
	concepts := 0
	for _, e := range a.Entities {
		if e.Type == graph.Concept {
			concepts++ // a concept's terms show as written (termText)
			continue
		}
		names[e.Key] = e.Name
		if e.Type != "Thing" {
			named = append(named, e)
		}
	}
	sort.SliceStable(named, func(i, j int) bool { return named[i].Mentions > named[j].Mentions })
	fmt.Fprintf(w, "\n%s\n%s\n", a.Headline, strings.Repeat("=", min(len(a.Headline), 100)))
	fmt.Fprintf(w, "\nEntities (%d named, %d in all; %d concepts):\n", len(named), len(a.Entities)-concepts, concepts)
	for _, e := range named {
		aliases := ""
		if len(e.Aliases) > 0 {
			aliases = " — also " + strings.Join(e.Aliases, ", ")
		}
		if len(e.Roles) > 0 {
			aliases += " — role " + strings.Join(e.Roles, ", ")
		}
		fmt.Fprintf(w, "  %-14s %s ×%d%s\n", e.Type, e.Name, e.Mentions, aliases)
	}
	fmt.Fprintf(w, "\nFacts (%d):\n", len(a.Facts))
	for _, f := range a.Facts {
		fmt.Fprintf(w, "  %s\n", factLine(f, names))
	}
}

func termText(t graph.Term, names map[string]string) string {
	if t.Entity != "" {
		if n, ok := names[t.Entity]; ok {
			return n
		}
	}
	return t.Text
}

// factLine renders a fact as "S —rel→ O", with its details in brackets.
func factLine(f graph.Fact, names map[string]string) string {
	var b strings.Builder
	if f.Negated {
		b.WriteString("NOT ")
	}
	fmt.Fprintf(&b, "%s —%s→", termText(f.Subject, names), f.Relation)
	if !f.Object.IsZero() {
		b.WriteString(" " + termText(f.Object, names))
	}
	for _, a := range f.Args {
		fmt.Fprintf(&b, " [%s %s]", a.Prep, termText(a.Term, names))
	}
	var details []string
	if f.Time != "" {
		d := f.Time
		if f.Date != "" {
			d += " = " + f.Date
		}
		details = append(details, "when: "+d)
	}
	if !f.Place.IsZero() {
		details = append(details, "where: "+termText(f.Place, names))
	}
	if f.Modality != "" {
		details = append(details, "modality: "+f.Modality)
	}
	if f.Condition != "" {
		details = append(details, "if: "+f.Condition)
	}
	if f.Attribution != "" {
		who, ok := names[f.Attribution]
		if !ok {
			who = strings.TrimPrefix(f.Attribution, graph.Concept+"/") // a concept speaker ("officials")
		}
		details = append(details, "according to: "+who)
	}
	if f.Quote != "" {
		details = append(details, fmt.Sprintf("quote: %q", clip(f.Quote, 90)))
	}
	if len(details) > 0 {
		b.WriteString("  (" + strings.Join(details, "; ") + ")")
	}
	return b.String()
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// showAnswers runs a few canned queries over the store: the most mentioned
// entities, and what the most mentioned person said.
func showAnswers(ctx context.Context, st *graph.Store, w io.Writer) error {
	env := queries.NewEnv(st.QuadStore())
	ents, err := env.Entities(ctx)
	if err != nil {
		return err
	}
	run := func(args ...string) error {
		fmt.Fprintf(w, "\n$ newsgraph query %s\n", strings.Join(quoteArgs(args), " "))
		return queries.Run(ctx, env, args, w)
	}
	if err := run("entities", "--limit", "10"); err != nil {
		return err
	}
	sort.SliceStable(ents, func(i, j int) bool { return ents[i].Mentions > ents[j].Mentions })
	for _, e := range ents {
		if e.Type == "Person" {
			fmt.Fprintf(w, "\n(what %s said)", e.Label)
			return run("said", e.IRI) // an IRI is never ambiguous
		}
	}
	return nil
}

func quoteArgs(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		if strings.ContainsAny(a, " '\"") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		out[i] = a
	}
	return out
}
