package main

import (
	"github.com/spf13/pflag"

	"github.com/newsgraph/newsgraph/loaders"
	"github.com/newsgraph/newsgraph/loaders/document"
)

// budgetFlags are ingest's per-document limits.
type budgetFlags struct {
	doc  document.Options
	load loaders.Budgets
}

func (b *budgetFlags) register(fs *pflag.FlagSet) {
	fs.Int64Var(&b.doc.MaxBytes, "max-bytes", document.DefaultMaxBytes, "largest input file read, in bytes")
	fs.IntVar(&b.doc.MaxHTMLDepth, "max-html-depth", document.DefaultMaxHTMLDepth, "deepest HTML element nesting read (at most 512)")
	fs.DurationVar(&b.doc.HTMLParseTimeout, "html-timeout", document.DefaultHTMLParseTimeout, "longest time parsing one HTML page may take")
	fs.IntVar(&b.load.MaxTokens, "max-tokens", loaders.DefaultMaxTokens, "most tokens one document may have")
	fs.IntVar(&b.load.MaxSentenceTokens, "max-sentence-tokens", loaders.DefaultMaxSentenceTokens, "longest sentence parsed whole; longer runs are cut into pieces")
	fs.IntVar(&b.load.MaxFacts, "max-facts", loaders.DefaultMaxFacts, "most facts one document may give")
	fs.IntVar(&b.load.MaxQuads, "max-quads", loaders.DefaultMaxQuads, "most quads one document may give")
	fs.DurationVar(&b.load.Timeout, "doc-timeout", loaders.DefaultTimeout, "longest time the analysis of one document may take")
}
