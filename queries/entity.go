package queries

import (
	"context"
	"fmt"
	"sort"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph"
)

// DocMentions is how often one document mentions an entity.
type DocMentions struct {
	Doc      Doc `json:"doc"`
	Mentions int `json:"mentions"`
}

// EntityDetail is everything the entity page shows.
type EntityDetail struct {
	Entity
	SameAs    []string      `json:"same_as"`    // owl:sameAs links (Wikidata, …)
	Documents []DocMentions `json:"documents"`  // mention counts per document, most first
	AsSubject []Fact        `json:"as_subject"` // facts with it as subject, reading order
	AsObject  []Fact        `json:"as_object"`  // facts with it as object
	Said      []Fact        `json:"said"`       // what it said (Said)
	SaidAbout []Fact        `json:"said_about"` // quotes and attributed facts about it by others
	Timeline  []Dated       `json:"timeline"`
	// Window is the part of the entity's facts the lists above hold.
	Window Window `json:"window"`
}

// DescribeEntity reads one entity (a full IRI) with its links, its mentions
// per document, and the window w of its facts (as subject, object or
// speaker, in reading order) sorted into facts, quotes and timeline: only
// the nodes around it are read. An IRI no document describes gives an
// error. A non-nil ix gives the documents' details instead of the store.
func DescribeEntity(ctx context.Context, qs cgraph.QuadStore, iri string, w Window, ix *SearchIndex) (EntityDetail, error) {
	m, err := readNode(ctx, qs, quad.IRI(iri))
	if err != nil {
		return EntityDetail{}, err
	}
	if len(m[graph.RDFSLabel]) == 0 {
		return EntityDetail{}, fmt.Errorf("no entity %s", short(iri))
	}
	d := EntityDetail{
		Entity: Entity{IRI: iri, Label: m.first(graph.RDFSLabel), Type: entityType(m.all(graph.RDFType)),
			Aliases: m.all(graph.SKOSAltLabel), Mentions: m.sumPerLabel(graph.NGMentions)},
		SameAs: m.all(graph.OWLSameAs),
	}
	r := newReader(qs)
	r.ix = ix
	per := map[string]int{}
	for _, e := range m[graph.NGMentions] {
		per[str(e.Label)] = atoi(str(e.Obj))
	}
	// Documents that describe the entity without a mention count still list it.
	for _, e := range m[graph.RDFSLabel] {
		if _, ok := per[str(e.Label)]; !ok {
			per[str(e.Label)] = 0
		}
	}
	for doc, n := range per {
		dd, err := r.doc(ctx, doc)
		if err != nil {
			return d, err
		}
		d.Documents = append(d.Documents, DocMentions{Doc: dd, Mentions: n})
	}
	d.Entity.Docs = len(d.Documents)
	sort.Slice(d.Documents, func(i, j int) bool {
		a, b := d.Documents[i], d.Documents[j]
		if a.Mentions != b.Mentions {
			return a.Mentions > b.Mentions
		}
		return a.Doc.IRI < b.Doc.IRI
	})
	e := quad.IRI(iri)
	all, w, err := r.factWindow(ctx, path.StartPath(qs, e).In(quad.IRI(graph.RDFSubject)).
		Or(path.StartPath(qs, e).In(quad.IRI(graph.RDFObject))).
		Or(path.StartPath(qs, e).In(quad.IRI(graph.ProvAttributedTo))), w)
	d.Window = w
	if err != nil {
		return d, err
	}
	d.AsSubject, d.AsObject, d.Said, d.SaidAbout = []Fact{}, []Fact{}, []Fact{}, []Fact{}
	var mine []Fact
	for _, f := range all {
		if f.Subject == iri || f.Object == iri {
			mine = append(mine, f)
		}
		if f.Subject == iri {
			d.AsSubject = append(d.AsSubject, f)
		} else if f.Object == iri {
			d.AsObject = append(d.AsObject, f)
		}
		switch {
		case f.Attribution == iri || (f.Subject == iri && f.Quote != "" && isSay(f.Relation)):
			d.Said = append(d.Said, f)
		case (f.Subject == iri || f.Object == iri) && (f.Quote != "" || f.Attribution != ""):
			d.SaidAbout = append(d.SaidAbout, f)
		}
	}
	if d.Timeline = timelineOf(mine); d.Timeline == nil {
		d.Timeline = []Dated{}
	}
	return d, nil
}

func isSay(rel string) bool {
	for _, r := range SayRelations {
		if r == rel {
			return true
		}
	}
	return false
}

// timelineOf keeps the dated facts of fs in date order: the fact's own
// date, or its document's.
func timelineOf(fs []Fact) []Dated {
	var out []Dated
	for _, f := range fs {
		d := Dated{When: f.Date, Fact: f}
		if d.When == "" {
			d.When, d.FromDoc = f.Published, true
		}
		if d.When != "" {
			out = append(out, d)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return dateKey(out[i].When) < dateKey(out[j].When) })
	return out
}

// EntityIRI turns what a user or a URL gives for an entity — a full IRI,
// a short one ("id:person/john_kirby") or the part after the entity
// namespace ("person/john_kirby") — into the full IRI.
func EntityIRI(id string) string {
	full := parseIRIArg(id)
	if isEntityIRI(full) {
		return full
	}
	return graph.EntityNS + id
}

// EntityPath is the part of an entity IRI after the entity namespace:
// "person/john_kirby" (what EntityIRI takes back).
func EntityPath(iri string) string {
	if isEntityIRI(iri) {
		return iri[len(graph.EntityNS):]
	}
	return iri
}
