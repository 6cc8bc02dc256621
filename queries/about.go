package queries

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph"
)

func init() {
	register(&Command{Name: "about", Usage: "about ENTITY",
		Help: "What the store knows about ENTITY: its type, names, country, mentions and facts, its owl:sameAs links with their scores, and what the linked datasets (imported with import, linked with link --dataset) say about it.",
		Run:  runAbout})
}

// About is what the store knows about one entity: our own description and
// what linked datasets say about it through owl:sameAs.
type About struct {
	Entity      Entity      `json:"entity"`
	Country     string      `json:"country,omitempty"` // label of ng:country
	CountryIRI  string      `json:"country_iri,omitempty"`
	Facts       int         `json:"facts"`
	Links       []SameAs    `json:"links,omitempty"`
	DatasetSays []Statement `json:"dataset_says,omitempty"`
}

// SameAs is one owl:sameAs of an entity, with how it was decided when a
// link statement records it.
type SameAs struct {
	Target   string  `json:"target"`
	Score    float64 `json:"score,omitempty"`
	Features string  `json:"features,omitempty"`
	KB       string  `json:"kb,omitempty"` // the knowledge base or dataset it came from
}

// Statement is one thing a linked dataset says about a resource the entity
// is the same as.
type Statement struct {
	Dataset  string `json:"dataset"` // the dataset's file name (its graph IRI when unnamed)
	Resource string `json:"resource"`
	Property string `json:"property"`
	Value    string `json:"value"`
}

// AboutEntity gathers what the store knows about the entity with IRI iri.
func AboutEntity(ctx context.Context, qs cgraph.QuadStore, iri string) (About, error) {
	ents, err := readEntities(ctx, qs, []quad.Value{quad.IRI(iri)})
	if err != nil {
		return About{}, err
	}
	if len(ents) == 0 {
		return About{}, fmt.Errorf("%s is not an entity", iri)
	}
	a := About{Entity: ents[0]}
	m, err := readNode(ctx, qs, quad.IRI(iri))
	if err != nil {
		return a, err
	}
	if c := m.first(graph.NGCountry); c != "" {
		a.CountryIRI = c
		cm, err := readNode(ctx, qs, quad.IRI(c))
		if err != nil {
			return a, err
		}
		a.Country = cm.first(graph.RDFSLabel)
	}
	facts, err := Facts(ctx, qs, iri)
	if err != nil {
		return a, err
	}
	a.Facts = len(facts)

	// Links: every owl:sameAs, with the link statement that decided it.
	decided := map[string]SameAs{}
	stmts, err := nodes(ctx, qs, path.StartPath(qs, quad.IRI(iri)).In(quad.IRI(graph.RDFSubject)).Has(quad.IRI(graph.RDFType), quad.IRI(graph.NGLink)))
	if err != nil {
		return a, err
	}
	for _, st := range stmts {
		sm, err := readNode(ctx, qs, st)
		if err != nil {
			return a, err
		}
		l := SameAs{Target: sm.first(graph.RDFObject), Score: atof(sm.first(graph.NGScore)),
			Features: sm.first(graph.NGLinkFeatures), KB: sm.first(graph.NGKB)}
		if old, ok := decided[l.Target]; !ok || l.Score > old.Score {
			decided[l.Target] = l
		}
	}
	for _, t := range m.all(graph.OWLSameAs) {
		l, ok := decided[t]
		if !ok {
			l = SameAs{Target: t}
		}
		a.Links = append(a.Links, l)
	}

	// What linked datasets say about the resources.
	dsName := map[string]string{}
	for _, l := range a.Links {
		rm, err := readNode(ctx, qs, quad.IRI(l.Target))
		if err != nil {
			return a, err
		}
		for pred, es := range rm {
			for _, e := range es {
				g := str(e.Label)
				if !strings.HasPrefix(g, graph.DatasetNS) || strings.HasSuffix(g, "/links") {
					continue
				}
				name, ok := dsName[g]
				if !ok {
					gm, err := readNode(ctx, qs, quad.IRI(g))
					if err != nil {
						return a, err
					}
					name = gm.first(graph.RDFSLabel)
					if name == "" {
						name = g
					}
					dsName[g] = name
				}
				v := str(e.Obj)
				if iri, ok := e.Obj.(quad.IRI); ok && pred != graph.RDFType {
					n, err := resourceName(ctx, qs, iri)
					if err != nil {
						return a, err
					}
					if n != "" {
						v = n + " <" + v + ">"
					}
				}
				a.DatasetSays = append(a.DatasetSays, Statement{Dataset: name, Resource: l.Target, Property: pred, Value: v})
			}
		}
	}
	sort.Slice(a.DatasetSays, func(i, j int) bool {
		x, y := a.DatasetSays[i], a.DatasetSays[j]
		if x.Dataset != y.Dataset {
			return x.Dataset < y.Dataset
		}
		if x.Resource != y.Resource {
			return x.Resource < y.Resource
		}
		if x.Property != y.Property {
			return x.Property < y.Property
		}
		return x.Value < y.Value
	})
	return a, nil
}

func runAbout(ctx context.Context, env *Env, args []string, w io.Writer) error {
	o, e, err := entityCommand(ctx, env, "about", args, true)
	if err != nil {
		return err
	}
	a, err := AboutEntity(ctx, env.QS, e.IRI)
	if err != nil {
		return err
	}
	if o.JSON {
		return WriteJSON(w, a)
	}
	t := Table{Header: []string{"FIELD", "VALUE"}, MaxCell: -1}
	add := func(k, v string) {
		if strings.TrimSpace(v) != "" {
			t.Rows = append(t.Rows, []string{k, v})
		}
	}
	add("entity", a.Entity.Label+" "+short(a.Entity.IRI))
	add("type", a.Entity.Type)
	add("aliases", strings.Join(a.Entity.Aliases, ", "))
	add("country", strings.TrimSpace(a.Country+" "+short(a.CountryIRI)))
	add("mentions", fmt.Sprintf("%d in %d documents; %d facts (query facts)", a.Entity.Mentions, a.Entity.Docs, a.Facts))
	for _, l := range a.Links {
		v := "<" + l.Target + ">"
		if l.Features != "" {
			v += " " + strconv.FormatFloat(l.Score, 'f', 2, 64) + " from " + l.KB + " (" + l.Features + ")"
		}
		add("same as", v)
	}
	if err := t.Write(w); err != nil {
		return err
	}
	if len(a.DatasetSays) == 0 {
		return nil
	}
	fmt.Fprintln(w)
	return render(w, o, a.DatasetSays, []string{"DATASET", "RESOURCE", "PROPERTY", "VALUE"}, func(s Statement) []string {
		return []string{s.Dataset, "<" + s.Resource + ">", short(s.Property), s.Value}
	})
}

// resourceName is what a dataset calls a resource (its rdfs:label,
// skos:prefLabel, schema:name or foaf:name), "" when nothing.
func resourceName(ctx context.Context, qs cgraph.QuadStore, iri quad.IRI) (string, error) {
	m, err := readNode(ctx, qs, iri)
	if err != nil {
		return "", err
	}
	for _, p := range []string{graph.RDFSLabel, graph.SKOSNS + "prefLabel", "http://schema.org/name", "http://xmlns.com/foaf/0.1/name"} {
		if n := m.first(p); n != "" {
			return n, nil
		}
	}
	return "", nil
}
