// Package loaders turns documents into what the graph stores: it runs each
// stage of the pipeline in order — document → sentences → tokens and parse
// (analyze) → extractions (extract) → entities resolved (resolve) →
// entities linked to a knowledge base (link) — and returns a graph.Article. Each stage lives in its own package below this
// one; none of them reaches back to an earlier one.
package loaders

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loaders/analyze"
	"github.com/newsgraph/newsgraph/loaders/document"
	"github.com/newsgraph/newsgraph/loaders/extract"
	"github.com/newsgraph/newsgraph/loaders/link"
	"github.com/newsgraph/newsgraph/loaders/resolve"
)

// Version is the version of the extraction and resolution rules. Bump it
// when a change alters what they produce, so that re-ingesting an unchanged
// document re-extracts it (graph.Article.Pipeline).
const Version = "3"

// Pipeline names the loaders and models that made an article.
func Pipeline() string { return "newsgraph/" + Version + "+models." + analyze.ModelsVersion() }

// Loader turns documents into articles ready for the graph.
type Loader struct {
	Analyzer *analyze.Pipeline
	// Linker links resolved entities to a knowledge base; nil links
	// nothing.
	Linker *link.Linker
	// Budgets bound the work done for one document (zero fields: defaults).
	Budgets Budgets
}

// New returns a Loader over the embedded language models and the bundled
// knowledge base.
func New() (*Loader, error) {
	p, err := analyze.Default()
	if err != nil {
		return nil, err
	}
	kb, err := link.Bundled()
	if err != nil {
		return nil, err
	}
	return &Loader{Analyzer: p, Linker: &link.Linker{KB: kb, Name: link.BundledName}}, nil
}

// Load analyses one document. The headline, when there is one, is analysed
// as the article's first sentence: headlines name the story's actors too.
func (l *Loader) Load(ctx context.Context, d *document.Document) (*graph.Article, error) {
	text := d.Text
	if d.Headline != "" {
		text = d.Headline + "\n\n" + d.Text
	}
	b := l.Budgets.withDefaults()
	ctx, cancel := context.WithTimeoutCause(ctx, b.Timeout, fmt.Errorf("%w: analysis took more than %v", ErrBudget, b.Timeout))
	defer cancel()
	nd, err := l.Analyzer.AnalyzeWithin(ctx, text, analyze.Limits{MaxTokens: b.MaxTokens, MaxSentenceTokens: b.MaxSentenceTokens})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.Source, budgetError(ctx, err))
	}
	exts := extract.Document(nd)
	if err := context.Cause(ctx); err != nil {
		return nil, fmt.Errorf("%s: %w", d.Source, err)
	}
	entities, facts := resolve.Article(nd, exts, resolve.Options{Published: d.Published})
	if len(facts) > b.MaxFacts {
		return nil, fmt.Errorf("%s: %w: %d facts, more than the limit of %d", d.Source, ErrBudget, len(facts), b.MaxFacts)
	}
	entities, facts, err = l.Linker.Article(ctx, entities, facts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.Source, err)
	}
	a := &graph.Article{
		Source:    d.Source,
		Hash:      d.Hash,
		Pipeline:  Pipeline(),
		Headline:  d.Headline,
		Published: d.Published,
		Publisher: d.Publisher,
		Byline:    d.Byline,
		Text:      text,
		Entities:  entities,
		Facts:     facts,
	}
	a.Path = filePath(d)
	a.Sentences = make([]graph.Sentence, len(nd.Sentences))
	for i, s := range nd.Sentences {
		a.Sentences[i] = graph.Sentence{Text: s.Text, Start: s.Start, End: s.End}
	}
	if err := context.Cause(ctx); err != nil {
		return nil, fmt.Errorf("%s: %w", d.Source, err)
	}
	// The writer builds the quads; here they are counted only when a cheap
	// bound says the article may be over the budget.
	if graph.QuadsBound(a) > b.MaxQuads {
		if qs, err := graph.Quads(a); err == nil && len(qs) > b.MaxQuads {
			return nil, fmt.Errorf("%s: %w: %d quads, more than the limit of %d", d.Source, ErrBudget, len(qs), b.MaxQuads)
		}
	}
	return a, nil
}

// filePath is the absolute path of the file d is the whole of, when d is
// stored under another source (a URL given with --url or --index, an HTML
// page's canonical URL), so that the file names it too; "" otherwise.
func filePath(d *document.Document) string {
	if d.Path == "" || document.IsContainer(d.Path) {
		return "" // standard input, a fetched URL, or one article of many
	}
	abs, err := filepath.Abs(d.Path)
	if err != nil || abs == d.Source {
		return ""
	}
	return abs
}
