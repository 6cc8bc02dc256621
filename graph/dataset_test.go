package graph

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

const cityTTL = `@prefix dbr: <http://dbpedia.org/resource/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
dbr:Berlin foaf:name "Berlin"@en ; geo:lat "52.52"^^<http://www.w3.org/2001/XMLSchema#float> .
dbr:Bad foaf:name "unterminated .
dbr:Seoul foaf:name "Seoul"@en ; foaf:based_near [ foaf:name "Han river" ] .
dbr:X nope:p "undefined prefix" .
`

func TestImportDataset(t *testing.T) {
	for _, backend := range testBackends() {
		t.Run(backend, func(t *testing.T) {
			ctx := context.Background()
			s := openTest(t, backend)
			res, err := s.ImportDataset(ctx, strings.NewReader(cityTTL), "data/cities.ttl", "")
			if err != nil {
				t.Fatal(err)
			}
			g := DatasetIRI("data/cities.ttl")
			if res.Status != Added || res.Skipped != 2 || res.Triples != 5 {
				t.Fatalf("got %+v, want added, 2 skipped, 5 triples", res)
			}
			if !strings.HasPrefix(res.Errors[0], "data/cities.ttl:5: unterminated string") || !strings.Contains(res.Errors[1], `:7: undefined prefix "nope:"`) {
				t.Errorf("errors %q", res.Errors)
			}
			all := strings.Join(allQuads(t, s), "\n")
			for _, want := range []string{
				`<http://dbpedia.org/resource/Berlin> <http://xmlns.com/foaf/0.1/name> "Berlin"@en <` + string(g) + `> .`,
				`<` + string(g) + `> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://rdfs.org/ns/void#Dataset> <` + string(g) + `> .`,
				`<http://dbpedia.org/resource/Seoul> <http://xmlns.com/foaf/0.1/based_near> <` + SkolemNS,
			} {
				if !strings.Contains(all, want) {
					t.Errorf("store lacks %s", want)
				}
			}
			if strings.Contains(all, "_:") {
				t.Errorf("a blank node was stored")
			}
			// The same file under another name: its blank node is another IRI.
			if _, err := s.ImportDataset(ctx, strings.NewReader(cityTTL), "other.ttl", ""); err != nil {
				t.Fatal(err)
			}
			bn := 0
			for _, l := range allQuads(t, s) {
				if strings.Contains(l, "based_near> <"+SkolemNS) {
					bn++
				}
			}
			if bn != 2 {
				t.Errorf("%d skolemised based_near quads, want 2 (one per file)", bn)
			}
			// Unchanged, then replaced (gzip, N-Triples), then removed.
			if res, _ := s.ImportDataset(ctx, strings.NewReader(cityTTL), "data/cities.ttl", ""); res.Status != Unchanged {
				t.Errorf("re-import of the same content: %s", res.Status)
			}
			var gz bytes.Buffer
			zw := gzip.NewWriter(&gz)
			zw.Write([]byte("<http://dbpedia.org/resource/Berlin> <http://xmlns.com/foaf/0.1/name> \"Berlin\" .\nnot a triple\n"))
			zw.Close()
			res, err = s.ImportDataset(ctx, &gz, "data/cities.ttl", FormatNTriples)
			if err != nil || res.Status != Replaced || res.Triples != 1 || res.Skipped != 1 {
				t.Fatalf("replace: %+v, %v", res, err)
			}
			if strings.Contains(strings.Join(allQuads(t, s), "\n"), `"Seoul"@en <`+string(g)) {
				t.Errorf("the replaced graph kept an old triple")
			}
			ds, err := s.Datasets(ctx)
			if err != nil || len(ds) != 2 || ds[0].Source != "data/cities.ttl" || ds[0].Triples != 1 {
				t.Fatalf("datasets %+v, %v", ds, err)
			}
			if _, _, err := s.WriteDatasetLinks(ctx, g, []DatasetLink{{Entity: EntityIRI("City/Berlin"), Target: "http://dbpedia.org/resource/Berlin", Score: 0.8, Features: "match=label"}}); err != nil {
				t.Fatal(err)
			}
			if d, _ := s.FindDataset(ctx, "cities.ttl"); d.Links != 1 {
				t.Errorf("links %d, want 1", d.Links)
			}
			if _, n, err := s.RemoveDataset(ctx, string(g)); err != nil || n == 0 {
				t.Fatalf("remove: %d, %v", n, err)
			}
			for _, l := range allQuads(t, s) {
				if strings.Contains(l, string(g)) {
					t.Fatalf("left after remove: %s", l)
				}
			}
			if _, _, err := s.RemoveDataset(ctx, "data/cities.ttl"); !errors.Is(err, ErrNotFound) {
				t.Errorf("second remove: %v", err)
			}
		})
	}
}

func TestImportDatasetErrors(t *testing.T) {
	s := openTest(t, BackendMemstore)
	ctx := context.Background()
	for _, tt := range []struct{ src, name, format, want string }{
		{"<a> <b> <c> .", "x.rdf", "", "x.rdf: unknown RDF format"},
		{"garbage\n", "x.nt", "", "x.nt: no triples read (1 bad statements)"},
		{"<http://a> <http://b> <http://c> .", "x.nt", "rdfxml", `unknown RDF format "rdfxml"`},
	} {
		_, err := s.ImportDataset(ctx, strings.NewReader(tt.src), tt.name, tt.format)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
	_ = quad.IRI("")
}
