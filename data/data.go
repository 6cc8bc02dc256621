// Package data embeds newsgraph's bundled files in the binary: the trained
// language models (models/), the seed article (seed/) and reference lists.
// Training data that is only needed to retrain (ud/, ner/) is read from disk
// and not embedded.
package data

import "embed"

// Models holds the trained model files, e.g. "models/parse.bin.gz".
//
//go:embed models
var Models embed.FS

// SeedArticle is the article newsgraph was started from (RFE/RL, January
// 2025), byline and comment-form noise included.
//
//go:embed seed/article.txt
var SeedArticle string

// BundledKB is the bundled knowledge base for entity linking (countries,
// cities, regions, unions and international organisations with their
// Wikidata QIDs), compiled from gazetteer/ by loaders/link/internal/kbgen.
//
//go:embed kb/bundled.tsv
var BundledKB string

// Organisations is the hand-written list of well-known organisations the
// recognizer's gazetteer holds (gazetteer/organisations.txt), for the
// resolver's type votes.
//
//go:embed gazetteer/organisations.txt
var Organisations string
