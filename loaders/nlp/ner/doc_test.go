package ner

import (
	"testing"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// TestRetypePersons: a surname or full name of a person of the document that
// a sentence typed otherwise becomes that person; other names keep their
// type.
func TestRetypePersons(t *testing.T) {
	sent := func(forms []string, tags []string, ents ...nlp.Entity) nlp.Sentence {
		s := nlp.Sentence{Entities: ents}
		for i, f := range forms {
			s.Tokens = append(s.Tokens, nlp.Token{ID: i + 1, Form: f, NER: tags[i]})
		}
		return s
	}
	sents := []nlp.Sentence{
		sent([]string{"Kirby", "said"}, []string{"B-ORG", "O"}, nlp.Entity{Start: 0, End: 1, Type: nlp.Org, Text: "Kirby"}),
		sent([]string{"John", "Kirby", "in", "Kursk"}, []string{"B-LOC", "I-LOC", "O", "B-GPE"},
			nlp.Entity{Start: 0, End: 2, Type: nlp.Loc, Text: "John Kirby"}, nlp.Entity{Start: 3, End: 4, Type: nlp.GPE, Text: "Kursk"}),
	}
	persons := map[string]bool{"John Kirby": true, "Kirby": true}
	known := map[string]string{"Kirby": nlp.Org, "Kursk": nlp.GPE}
	retypePersons(sents, persons, known)
	if e := sents[0].Entities[0]; e.Type != nlp.Person || sents[0].Tokens[0].NER != "B-PERSON" {
		t.Errorf("Kirby: %+v, tag %q", e, sents[0].Tokens[0].NER)
	}
	if e := sents[1].Entities[0]; e.Type != nlp.Person || sents[1].Tokens[1].NER != "I-PERSON" {
		t.Errorf("John Kirby: %+v, tags %q %q", e, sents[1].Tokens[0].NER, sents[1].Tokens[1].NER)
	}
	if e := sents[1].Entities[1]; e.Type != nlp.GPE {
		t.Errorf("Kursk retyped: %+v", e)
	}
	if known["Kirby"] != nlp.Person || known["Kursk"] != nlp.GPE {
		t.Errorf("known %v", known)
	}
}
