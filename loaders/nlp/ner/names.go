package ner

import (
	"github.com/newsgraph/newsgraph/loaders/nlp"
	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

// nameChunks turns a CoNLL-U sentence into tokens tagged B-NAME/I-NAME over
// maximal runs of proper nouns (UPOS PROPN), the silver target of the name
// chunker, keeping UPOS, Head and DepRel.
func nameChunks(cs *conllu.Sentence) nlp.Sentence {
	s := nlp.Sentence{Tokens: make([]nlp.Token, len(cs.Tokens))}
	for i, t := range cs.Tokens {
		tag := "O"
		if t.UPOS == "PROPN" {
			tag = "B-NAME"
			if i > 0 && cs.Tokens[i-1].UPOS == "PROPN" {
				tag = "I-NAME"
			}
		}
		s.Tokens[i] = nlp.Token{ID: i + 1, Form: t.Form, NER: tag, UPOS: t.UPOS, Head: t.Head, DepRel: t.DepRel}
	}
	return s
}

// readNameChunks reads a CoNLL-U file (".gz" allowed) as name-chunk
// training sentences.
func readNameChunks(path string) ([]nlp.Sentence, error) {
	sents, err := conllu.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := make([]nlp.Sentence, len(sents))
	for i, cs := range sents {
		out[i] = nameChunks(cs)
	}
	return out, nil
}
