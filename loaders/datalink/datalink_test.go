package datalink

import (
	"context"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

const cities = `@prefix dbr: <http://dbpedia.org/resource/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
dbr:Berlin foaf:name "Berlin"@en ; geo:lat "52.5" ; geo:long "13.4" .
<http://dbpedia.org/resource/Berlin,_New_Hampshire> foaf:name "Berlin, New Hampshire"@en ; geo:lat "44.4" ; geo:long "-71.2" .
dbr:Aksu foaf:name "Aksu, Xinjiang"@en ; geo:lat "41.1" ; geo:long "80.2" .
<http://dbpedia.org/resource/Aksu,_Kazakhstan> foaf:name "Aksu, Kazakhstan"@en ; geo:lat "52.0" ; geo:long "76.9" .
dbr:Kyiv rdfs:label "Kyiv"@en , "Kiew"@de ; a <http://dbpedia.org/ontology/City> .
dbr:Obama_Person foaf:name "Michelle"@en ; a <http://xmlns.com/foaf/0.1/Person> .
`

func TestLink(t *testing.T) {
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Options{Backend: graph.BackendMemstore})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	text := "Zelenskiy met officials from Kazakhstan in Berlin, Aksu and Kyiv."
	a := &graph.Article{Source: "a.txt", Text: text, Sentences: []graph.Sentence{{Text: text, End: len(text)}},
		Entities: []graph.Entity{
			{Key: "Person/Zelenskiy", Name: "Zelenskiy", Type: "Person"},
			{Key: "City/Berlin", Name: "Berlin", Type: "City"},
			{Key: "Place/Aksu", Name: "Aksu", Type: "Place", Country: "Country/Kazakhstan"},
			{Key: "Country/Kazakhstan", Name: "Kazakhstan", Type: "Country"},
			{Key: "City/Kiev", Name: "Kiev", Type: "City", Aliases: []string{"Kiew"}},
			{Key: "Person/Michelle", Name: "Michelle", Type: "City"}, // a type error: no link to a person
		}}
	if _, err := st.WriteArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportDataset(ctx, strings.NewReader(cities), "cities.ttl", ""); err != nil {
		t.Fatal(err)
	}
	res, links, err := Link(ctx, st, "cities.ttl")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, l := range links {
		got[strings.TrimPrefix(string(l.Entity), graph.EntityNS)] = strings.TrimPrefix(string(l.Target), "http://dbpedia.org/resource/")
		if l.Score < 0.65 || !strings.Contains(l.Features, "match=") {
			t.Errorf("link %+v: score or features", l)
		}
	}
	want := map[string]string{
		"Berlin": "Berlin",           // the label beats "Berlin, New Hampshire"
		"Aksu":   "Aksu,_Kazakhstan", // the entity's country decides between two Aksus
		"Kiev":   "Kyiv",             // through the German name
	}
	for e, w := range want {
		if got[e] != w {
			t.Errorf("%s linked to %q, want %q", e, got[e], w)
		}
	}
	for _, e := range []string{"Zelenskiy", "Michelle", "Kazakhstan"} {
		if got[e] != "" {
			t.Errorf("%s linked to %s, want no link", e, got[e])
		}
	}
	if res.Items != 6 || res.Links != len(want) {
		t.Errorf("result %+v", res)
	}
	// Re-running changes nothing.
	if res, _, err := Link(ctx, st, "cities.ttl"); err != nil || res.Added+res.Removed != 0 {
		t.Errorf("second run: %+v, %v", res, err)
	}
}
