package graph

import (
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestNoTripleKeepsStatement: a fact with NoTriple set gets no direct
// triple, but its statement keeps rdf:subject, rdf:predicate and
// rdf:object; negated facts likewise; other facts get both.
func TestNoTripleKeepsStatement(t *testing.T) {
	tests := []struct {
		name   string
		fact   Fact
		direct bool
	}{
		{"confident", Fact{Relation: "hire"}, true},
		{"kept as a statement only", Fact{Relation: "hire", NoTriple: "far"}, false},
		{"negated", Fact{Relation: "hire", Negated: true}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.fact
			f.Subject = Term{Entity: "Organization/apple", Text: "Apple"}
			f.Object = Term{Entity: "Person/john_smith", Text: "John Smith"}
			a := &Article{Source: "t.txt", Hash: "h", Text: "Apple hired John Smith.",
				Sentences: []Sentence{{Text: "Apple hired John Smith.", End: 23}},
				Entities:  []Entity{{Key: "Organization/apple", Name: "Apple", Type: "Organization"}, {Key: "Person/john_smith", Name: "John Smith", Type: "Person"}},
				Facts:     []Fact{f}}
			qs, err := Quads(a)
			if err != nil {
				t.Fatal(err)
			}
			direct, subj, obj := false, false, false
			for _, q := range qs {
				p := string(q.Predicate.(quad.IRI))
				switch {
				case strings.HasPrefix(p, RelNS):
					direct = true
				case p == RDFSubject && q.Object == EntityIRI("Organization/apple"):
					subj = true
				case p == RDFObject && q.Object == EntityIRI("Person/john_smith"):
					obj = true
				}
			}
			if direct != tt.direct {
				t.Errorf("direct triple written: %v, want %v", direct, tt.direct)
			}
			if !subj || !obj {
				t.Errorf("statement lost its subject (%v) or object (%v)", subj, obj)
			}
		})
	}
}
