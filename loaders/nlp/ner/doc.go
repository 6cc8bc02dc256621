package ner

import (
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// RecognizeDocument runs Recognize on every sentence of d, then makes the
// document consistent: a name recognised in one sentence is recognised, with
// the same type, where it recurs untagged and capitalised in another, and the
// surname of a multi-word person is a person on its own ("John Kirby" …
// "Kirby said"), also where a sentence alone typed it otherwise.
func (r *Recognizer) RecognizeDocument(d *nlp.Document) {
	r.recognizeAll(d.Sentences)
}

// maxNameLen bounds the names propagated through a document, in tokens.
const maxNameLen = 6

func (r *Recognizer) recognizeAll(sents []nlp.Sentence) {
	for i := range sents {
		r.Recognize(&sents[i])
	}
	// Known names: token forms joined by a space → type. The first type seen
	// for a name wins.
	known := map[string]string{}
	learn := func(key, typ string) {
		if _, ok := known[key]; !ok {
			known[key] = typ
		}
	}
	for _, s := range sents {
		for _, e := range s.Entities {
			if !isNameType(e.Type) || e.End-e.Start > maxNameLen {
				continue
			}
			learn(joinForms(s.Tokens[e.Start:e.End]), e.Type)
		}
	}
	persons := map[string]bool{} // multi-word persons and their surnames
	for _, s := range sents {
		for _, e := range s.Entities {
			if e.Type == nlp.Person && e.End-e.Start >= 2 && e.End-e.Start <= maxNameLen {
				persons[joinForms(s.Tokens[e.Start:e.End])] = true
				if last := s.Tokens[e.End-1].Form; isCap(last) && len(last) > 2 {
					learn(last, nlp.Person)
					persons[last] = true
				}
			}
		}
	}
	retypePersons(sents, persons, known)
	if len(known) == 0 {
		return
	}
	for n := range sents {
		s := &sents[n]
		added := false
		for i := 0; i < len(s.Tokens); i++ {
			if s.Tokens[i].NER != "O" || !isCap(s.Tokens[i].Form) {
				continue
			}
			best, typ := 0, ""
			for j := i + 1; j <= len(s.Tokens) && j-i <= maxNameLen && s.Tokens[j-1].NER == "O"; j++ {
				if t, ok := known[joinForms(s.Tokens[i:j])]; ok {
					best, typ = j, t
				}
			}
			if best == 0 {
				continue
			}
			for k := i; k < best; k++ {
				p := "I-"
				if k == i {
					p = "B-"
				}
				s.Tokens[k].NER = p + typ
			}
			s.Entities = append(s.Entities, nlp.Entity{Start: i, End: best, Type: typ, Text: spanText(s, i, best)})
			added = true
			i = best - 1
		}
		if added {
			slices.SortFunc(s.Entities, func(a, b nlp.Entity) int { return a.Start - b.Start })
		}
	}
}

// retypePersons makes a name typed otherwise that is a multi-word person of
// the document, or that person's surname, that person ("Kirby said" after
// "John Kirby", whatever the sentence alone suggested), and records it so in
// known.
func retypePersons(sents []nlp.Sentence, persons map[string]bool, known map[string]string) {
	for n := range sents {
		s := &sents[n]
		for k, e := range s.Entities {
			if e.Type == nlp.Person || !isNameType(e.Type) || e.End-e.Start > maxNameLen {
				continue
			}
			name := joinForms(s.Tokens[e.Start:e.End])
			if !persons[name] {
				continue
			}
			s.Entities[k].Type = nlp.Person
			known[name] = nlp.Person
			for i := e.Start; i < e.End; i++ {
				s.Tokens[i].NER = s.Tokens[i].NER[:2] + nlp.Person
			}
		}
	}
}

func isNameType(t string) bool {
	switch t {
	case nlp.Person, nlp.Org, nlp.GPE, nlp.Loc, nlp.Misc:
		return true
	}
	return false
}

func joinForms(toks []nlp.Token) string {
	if len(toks) == 1 {
		return toks[0].Form
	}
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Form)
	}
	return b.String()
}
