package queries

import (
	"context"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loaders/datalink"
)

// fixtureDataset is a DBpedia-like dataset a user brings: cities with
// coordinates and their country.
const fixtureDataset = `@prefix dbr: <http://dbpedia.org/resource/> .
@prefix dbo: <http://dbpedia.org/ontology/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
dbr:Kyiv a dbo:City ; foaf:name "Kyiv"@en ; dbo:country dbr:Ukraine ;
	geo:lat "50.45"^^xsd:float ; geo:long "30.5233"^^xsd:float .
dbr:Ukraine a dbo:Country ; foaf:name "Ukraine"@en .
<http://dbpedia.org/resource/Kursk,_Russia> foaf:name "Kursk, Russia"@en ; geo:lat "51.73"^^xsd:float ; geo:long "36.19"^^xsd:float .
`

// addDatasetFixture imports fixtureDataset and links the fixture's
// entities to it, as `newsgraph import` and `link --dataset` do.
func addDatasetFixture(t testing.TB, st *graph.Store) {
	t.Helper()
	ctx := context.Background()
	if _, err := st.ImportDataset(ctx, strings.NewReader(fixtureDataset), "cities.ttl", ""); err != nil {
		t.Fatal(err)
	}
	if _, _, err := datalink.Link(ctx, st, "cities.ttl"); err != nil {
		t.Fatal(err)
	}
}

func TestAbout(t *testing.T) {
	ctx := context.Background()
	env := fixtureEnv(t)
	e, err := env.Resolve(ctx, "kyiv")
	if err != nil {
		t.Fatal(err)
	}
	a, err := AboutEntity(ctx, env.QS, e.IRI)
	if err != nil {
		t.Fatal(err)
	}
	says := map[string]string{}
	for _, s := range a.DatasetSays {
		says[localName(s.Property)] = s.Value
		if s.Dataset != "cities.ttl" || s.Resource != "http://dbpedia.org/resource/Kyiv" {
			t.Errorf("statement %+v: wrong dataset or resource", s)
		}
	}
	for p, want := range map[string]string{"country": "Ukraine <http://dbpedia.org/resource/Ukraine>", "lat": "50.45", "long": "30.5233", "name": "Kyiv"} {
		if says[p] != want {
			t.Errorf("about kyiv: %s = %q, want %q (all: %v)", p, says[p], want, says)
		}
	}
	if len(a.Links) != 1 || a.Links[0].Target != "http://dbpedia.org/resource/Kyiv" || a.Links[0].Score < 0.65 || a.Links[0].KB != "cities.ttl" {
		t.Errorf("links %+v", a.Links)
	}
	// Kursk has no country in the fixture, so "Kursk, Russia" is not it by
	// the name before the qualifier alone.
	e, _ = env.Resolve(ctx, "kursk")
	if a, _ := AboutEntity(ctx, env.QS, e.IRI); len(a.Links) != 0 {
		t.Errorf("about kursk: links %+v, want none", a.Links)
	}
}

// Gizmo reaches what a linked dataset says through owl:sameAs.
func TestGizmoThroughSameAs(t *testing.T) {
	env := fixtureEnv(t)
	q := `g.V("<` + string(graph.EntityIRI(kyiv)) + `>").Out("<http://www.w3.org/2002/07/owl#sameAs>").Out("<http://dbpedia.org/ontology/country>").Out("<http://xmlns.com/foaf/0.1/name>").All()`
	rs, err := Gizmo(context.Background(), env.QS, q, GizmoLimits{Results: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || !strings.Contains(jsonText(rs[0]), "Ukraine") {
		t.Errorf("gizmo through owl:sameAs: %v", rs)
	}
}
