package graph

import (
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestNamelessKeysGetDistinctIRIs: entities whose key has no letter or digit
// in its name part (what a Latin-only normalisation makes of non-Latin or
// punctuation-only names) get IRIs from their names, distinct from each
// other and never EntityNS + "thing/" (a Thing) or EntityNS itself or
// EntityNS + "_" (a named entity: its IRI has no type part, EntityIRI), with
// the facts pointing at them.
func TestNamelessKeysGetDistinctIRIs(t *testing.T) {
	a := &Article{
		Source: "x.txt", Hash: "h", Text: "Путин met 北京 officials. !!! said so.",
		Sentences: []Sentence{{Text: "Путин met 北京 officials.", Start: 0, End: 30}},
		Entities: []Entity{
			{Key: "Thing/", Name: "Путин", Type: "Person", Mentions: 1},
			{Key: "Place/_", Name: "北京", Type: "Place", Mentions: 1},
			{Key: "Thing/-", Name: "!!!", Type: "Thing", Mentions: 1},
			{Key: "Person/jane_doe", Name: "Jane Doe", Type: "Person", Mentions: 1},
		},
		Facts: []Fact{{Sentence: 0, Subject: Term{Entity: "Thing/", Text: "Путин"}, Relation: "meet", RelationText: "met",
			Object: Term{Entity: "Place/_", Text: "北京"}, Attribution: "Thing/-", Confidence: 1}},
	}
	qs, err := Quads(a)
	if err != nil {
		t.Fatal(err)
	}
	labels := map[string]string{} // IRI → label
	var meet quad.Quad
	for _, q := range qs {
		if q.Predicate == quad.IRI(RDFSLabel) {
			labels[string(q.Subject.(quad.IRI))] = string(q.Object.(quad.String))
		}
		if q.Predicate == RelationIRI("meet") {
			meet = q
		}
	}
	want := map[string]string{
		EntityNS + "thing/Путин":     "Путин",
		EntityNS + "北京":              "北京",
		EntityNS + "thing/%21%21%21": "!!!",
		EntityNS + "jane_doe":        "Jane Doe",
	}
	for iri, label := range want {
		if labels[iri] != label {
			t.Errorf("%s: label %q, want %q (labels: %v)", iri, labels[iri], label, labels)
		}
	}
	for iri := range labels {
		if strings.HasSuffix(iri, "/") || strings.HasSuffix(iri, "/_") {
			t.Errorf("nameless IRI %s", iri)
		}
	}
	if meet.Subject != quad.IRI(EntityNS+"thing/Путин") || meet.Object != quad.IRI(EntityNS+"北京") {
		t.Errorf("fact = %v, want it between the renamed entities", meet)
	}
	// The article itself is unchanged and the result deterministic.
	if a.Entities[0].Key != "Thing/" {
		t.Error("Quads changed its argument")
	}
	again, _ := Quads(a)
	if len(again) != len(qs) {
		t.Error("Quads is not deterministic")
	}
}
