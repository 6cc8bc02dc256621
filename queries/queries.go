// Package queries holds newsgraph's canned queries over the graph model of
// package graph, a printer for their rows, and the command registry the CLI
// and the REPL dispatch through.
//
// Every query is a function over Cayley's path API taking a context, the
// quad store and typed arguments (entity IRIs come from Resolve) and
// returning typed rows.
package queries

import (
	"context"
	"fmt"
	"slices"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph"
)

// Entities lists entity nodes with their type and mention count, most
// mentioned first. A non-empty typ keeps entities of that schema.org class
// (case-insensitive; "Place" also keeps Country and City).
func Entities(ctx context.Context, qs cgraph.QuadStore, typ string) ([]Entity, error) {
	if typ == "" {
		return loadEntities(ctx, qs)
	}
	// Through the rdf:type index when the class is spelt as stored or in
	// lower case; otherwise every entity is read and filtered.
	all, err := typedEntities(ctx, qs, typ)
	if err != nil {
		return nil, err
	}
	if len(all) == 0 {
		if all, err = loadEntities(ctx, qs); err != nil {
			return nil, err
		}
	}
	var out []Entity
	for _, e := range all {
		if typeMatches(e.Type, typ) {
			out = append(out, e)
		}
	}
	return out, nil
}

// typedEntities reads the entities whose rdf:type is the schema.org class
// typ (as given or capitalised; Place adds Country and City).
func typedEntities(ctx context.Context, qs cgraph.QuadStore, typ string) ([]Entity, error) {
	typ = localName(strings.TrimSpace(typ))
	if typ == "" {
		return nil, nil
	}
	r := []rune(typ)
	names := []string{typ, strings.ToUpper(string(r[0])) + string(r[1:])}
	if strings.EqualFold(typ, "Place") {
		names = append(names, "Country", "City")
	}
	var types []quad.Value
	for _, n := range names {
		types = append(types, graph.TypeIRI(n))
	}
	ns, err := nodes(ctx, qs, inAny(qs, types, quad.IRI(graph.RDFType)))
	if err != nil {
		return nil, err
	}
	return readEntities(ctx, qs, ns)
}

func typeMatches(have, want string) bool {
	want = localName(strings.TrimSpace(want))
	if strings.EqualFold(have, want) {
		return true
	}
	return strings.EqualFold(want, "Place") && (have == "Country" || have == "City")
}

// Facts lists every fact with the entity as subject or object, negated
// facts included, in reading order.
func Facts(ctx context.Context, qs cgraph.QuadStore, entity string) ([]Fact, error) {
	e := quad.IRI(entity)
	p := path.StartPath(qs, e).In(quad.IRI(graph.RDFSubject)).
		Or(path.StartPath(qs, e).In(quad.IRI(graph.RDFObject)))
	return newReader(qs).facts(ctx, p)
}

// SayRelations are the relation lemmas of reported speech.
var SayRelations = []string{"say", "tell", "write", "claim", "add", "state", "announce", "report", "confirm", "deny", "insist", "warn", "argue", "note", "comment"}

// Said lists what the entity said: facts attributed to it
// (prov:wasAttributedTo) and its own say/tell/write/claim-type facts that
// carry a quote, in reading order.
func Said(ctx context.Context, qs cgraph.QuadStore, entity string) ([]Fact, error) {
	e := quad.IRI(entity)
	rels := make([]quad.Value, len(SayRelations))
	for i, r := range SayRelations {
		rels[i] = graph.RelationIRI(r)
	}
	p := path.StartPath(qs, e).In(quad.IRI(graph.ProvAttributedTo)).
		Or(path.StartPath(qs, e).In(quad.IRI(graph.RDFSubject)).
			Has(quad.IRI(graph.RDFPredicate), rels...).
			Has(quad.IRI(graph.NGQuote)))
	return newReader(qs).facts(ctx, p)
}

// Who lists the facts whose relation matches relation — a lemma
// ("capture", "hand_over", "hand over") or an inflected form ("captured",
// "handed over") — optionally only those whose object is the entity object.
func Who(ctx context.Context, qs cgraph.QuadStore, relation, object string) ([]Fact, error) {
	rels, err := matchRelations(ctx, qs, relation, true)
	if err != nil {
		return nil, err
	}
	if len(rels) == 0 {
		return nil, nil
	}
	vals := make([]quad.Value, len(rels))
	for i, r := range rels {
		vals[i] = quad.IRI(r)
	}
	p := inAny(qs, vals, quad.IRI(graph.RDFPredicate))
	if object != "" {
		p = p.Has(quad.IRI(graph.RDFObject), quad.IRI(object))
	}
	return newReader(qs).facts(ctx, p)
}

// matchRelations returns the relation IRIs in the store that relation
// names: its lemma candidates, or failing that (when byText) the relations
// of statements whose ng:relationText contains the words.
func matchRelations(ctx context.Context, qs cgraph.QuadStore, relation string, byText bool) ([]string, error) {
	var out []string
	for _, c := range lemmaCandidates(relation) {
		iri := string(graph.RelationIRI(c))
		used, err := nodes(ctx, qs, path.StartPath(qs, quad.IRI(iri)).In(quad.IRI(graph.RDFPredicate)).Limit(1))
		if err != nil {
			return nil, err
		}
		if len(used) > 0 && !slices.Contains(out, iri) {
			out = append(out, iri)
		}
	}
	if len(out) > 0 || !byText {
		return out, nil
	}
	// Fall back to the relation as written.
	want := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(relation, "_", " ")), " "))
	texts := statements(qs).Tag("s").Out(quad.IRI(graph.NGRelationText)).Tag("t")
	seen := map[string]bool{}
	err := texts.Iterate(ctx).TagValues(qs, func(m map[string]quad.Value) error {
		if strings.Contains(" "+strings.ToLower(str(m["t"]))+" ", " "+want+" ") {
			seen[str(m["s"])] = true
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("relation text: %w", err)
	}
	if len(seen) == 0 {
		return nil, nil
	}
	var stmts []quad.Value
	for s := range seen {
		stmts = append(stmts, quad.IRI(s))
	}
	preds, err := nodes(ctx, qs, path.StartPath(qs, stmts...).Out(quad.IRI(graph.RDFPredicate)))
	if err != nil {
		return nil, err
	}
	for _, p := range preds {
		out = append(out, str(p))
	}
	return out, nil
}

// lemmaCandidates turns a relation as typed into the lemma forms it may
// stand for: "handed over" → hand_over, handed_over, …; each word loses a
// common inflection (-s, -es, -ed, -d, -ing, -ied, doubled consonants).
func lemmaCandidates(rel string) []string {
	words := strings.Fields(strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(rel, "_", " "), "-", " ")))
	if len(words) == 0 {
		return nil
	}
	firsts := stems(words[0])
	rest := ""
	if len(words) > 1 {
		rest = "_" + strings.Join(words[1:], "_")
	}
	var out []string
	for _, f := range firsts {
		out = append(out, f+rest)
	}
	return out
}

func stems(w string) []string {
	out := []string{w}
	add := func(s string) {
		if len(s) >= 2 {
			out = append(out, s)
		}
	}
	irregular := map[string]string{"said": "say", "told": "tell", "wrote": "write", "written": "write", "sent": "send",
		"held": "hold", "took": "take", "taken": "take", "gave": "give", "given": "give", "made": "make",
		"began": "begin", "begun": "begin", "fought": "fight", "brought": "bring", "was": "be", "were": "be",
		"is": "be", "are": "be", "been": "be", "had": "have", "has": "have", "went": "go", "gone": "go",
		"came": "come", "saw": "see", "seen": "see", "kept": "keep", "left": "leave", "lost": "lose", "won": "win"}
	if l, ok := irregular[w]; ok {
		return []string{l, w}
	}
	for _, suf := range []string{"ies", "ied"} {
		if strings.HasSuffix(w, suf) {
			add(strings.TrimSuffix(w, suf) + "y")
		}
	}
	for _, suf := range []string{"ing", "ed"} {
		if s, ok := strings.CutSuffix(w, suf); ok {
			add(s + "e")
			add(s)
			if n := len(s); n >= 2 && s[n-1] == s[n-2] {
				add(s[:n-1])
			}
		}
	}
	for _, suf := range []string{"es", "s", "d"} {
		if s, ok := strings.CutSuffix(w, suf); ok && !strings.HasSuffix(w, "ss") {
			add(s)
		}
	}
	return out
}

// Dated is a fact with the date the timeline orders it by.
type Dated struct {
	When string `json:"when"` // the fact's ng:date, or the document's date
	// FromDoc is true when When is the document's publication date.
	FromDoc bool `json:"from_doc"`
	Fact
}

// Timeline lists dated facts in date order: the fact's own ng:date, or the
// date its document was published. Dates without a year ("--01-09") come
// last. A non-empty entity keeps the facts with it as subject or object.
func Timeline(ctx context.Context, qs cgraph.QuadStore, entity string) ([]Dated, error) {
	var fs []Fact
	var err error
	if entity != "" {
		fs, err = Facts(ctx, qs, entity)
	} else {
		// Only statements that can have a date: their own, or their
		// document's.
		dated := path.StartPath(qs).Has(quad.IRI(graph.NGDate)).
			Or(documents(qs).Has(quad.IRI(graph.SchemaDatePublished)).
				In(quad.IRI(graph.SchemaIsPartOf)).In(quad.IRI(graph.ProvDerivedFrom)))
		fs, err = newReader(qs).facts(ctx, dated)
	}
	if err != nil {
		return nil, err
	}
	return timelineOf(fs), nil
}

// dateKey orders ISO dates of any precision as text, with dates that have
// no year (xsd:gMonthDay "--01-09", xsd:gMonth "--01") after all others.
func dateKey(d string) string {
	if strings.HasPrefix(d, "--") {
		return "~" + d
	}
	return d
}

// Docs lists the documents with headline, date, source and counts of
// sentences, facts and mentioned entities, oldest first.
func Docs(ctx context.Context, qs cgraph.QuadStore) ([]Doc, error) {
	return loadDocs(ctx, qs)
}

// Provenance is where a fact comes from.
type Provenance struct {
	Fact Fact `json:"fact"`
	Doc  Doc  `json:"doc"`
}

// Source returns the provenance of a fact: its statement details, sentence
// text and offsets, and its document.
func Source(ctx context.Context, qs cgraph.QuadStore, id string) (Provenance, error) {
	iri, isID, err := parseFactID(id)
	if err != nil {
		return Provenance{}, err
	}
	p := path.StartPath(qs, quad.IRI(iri)).Has(quad.IRI(graph.RDFType), quad.IRI(graph.RDFStatement))
	if isID {
		p = path.StartPath(qs, quad.String(strings.ToLower(strings.TrimSpace(id)))).In(quad.IRI(graph.NGFactID))
	}
	found, err := nodes(ctx, qs, p)
	if err != nil {
		return Provenance{}, err
	}
	if len(found) == 0 {
		return Provenance{}, fmt.Errorf("no fact %q", id)
	}
	stmt := str(found[0])
	r := newReader(qs)
	f, err := r.fact(ctx, stmt)
	if err != nil {
		return Provenance{}, err
	}
	pv := Provenance{Fact: f}
	if f.Doc != "" {
		if pv.Doc, err = r.doc(ctx, f.Doc); err != nil {
			return pv, err
		}
	}
	return pv, nil
}
