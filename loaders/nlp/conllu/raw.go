package conllu

import (
	"strings"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// RawDocument is the running text of a treebank document rebuilt from its
// sentences' "# text": sentences joined by a space within a paragraph and by
// a blank line at a new paragraph. Sentences[i] is the i-th sentence with
// its Start/End (and its tokens' offsets) shifted into Text.
type RawDocument struct {
	Text      string
	Sentences []*Sentence
}

// RawDocuments rebuilds the documents of a treebank (a new one at every
// "# newdoc"), for scoring systems that start from raw text. The sentences
// are copied; sents is not changed.
func RawDocuments(sents []*Sentence) []RawDocument {
	var docs []RawDocument
	var b strings.Builder
	var cur []*Sentence
	flush := func() {
		if len(cur) > 0 {
			docs = append(docs, RawDocument{Text: b.String(), Sentences: cur})
		}
		b.Reset()
		cur = nil
	}
	for _, s := range sents {
		if s.NewDoc {
			flush()
		}
		if b.Len() > 0 {
			if s.NewPar {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		off := b.Len()
		b.WriteString(s.Text)
		c := *s
		c.Tokens = append([]nlp.Token(nil), s.Tokens...)
		c.Start, c.End = off, off+len(s.Text)
		for i := range c.Tokens {
			c.Tokens[i].Start += off
			c.Tokens[i].End += off
		}
		cur = append(cur, &c)
	}
	flush()
	return docs
}
