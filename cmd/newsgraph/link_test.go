package main

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph"
)

// TestLinkSeed: the seed article's countries and capitals carry their
// Wikidata QIDs, "Seoul said" makes South Korea the speaker with the
// surface form kept, and re-ingesting changes nothing.
func TestLinkSeed(t *testing.T) {
	db, qs := ingestSeed(t)
	has := map[quad.Quad]bool{}
	for _, q := range qs {
		has[quad.Quad{Subject: q.Subject, Predicate: q.Predicate, Object: q.Object}] = true
	}
	for name, qid := range map[string]string{"Ukraine": "Q212", "Russia": "Q159", "North Korea": "Q423",
		"South Korea": "Q884", "Kyiv": "Q1899", "Seoul": "Q8684", "Moscow": "Q649", "Pyongyang": "Q18808"} {
		ent := quad.IRI(graph.EntityNS + "wd/" + qid)
		if !has[quad.Quad{Subject: ent, Predicate: quad.IRI(graph.OWLSameAs), Object: quad.IRI("http://www.wikidata.org/entity/" + qid)}] {
			t.Errorf("%s: no owl:sameAs wd:%s", name, qid)
		}
		if !has[quad.Quad{Subject: ent, Predicate: quad.IRI(graph.RDFSLabel), Object: quad.String(name)}] {
			t.Errorf("%s: %s has no label %q", name, ent, name)
		}
	}
	// The statement whose subject text is "Seoul" has South Korea as subject.
	var seoulSaid []quad.Value
	for _, q := range qs {
		if q.Predicate == quad.IRI(graph.NGSubjectText) && q.Object == quad.String("Seoul") {
			seoulSaid = append(seoulSaid, q.Subject)
		}
	}
	if len(seoulSaid) == 0 {
		t.Fatal(`no statement with subject text "Seoul"`)
	}
	for _, st := range seoulSaid {
		if !has[quad.Quad{Subject: st, Predicate: quad.IRI(graph.RDFSubject), Object: quad.IRI(graph.EntityNS + "wd/Q884")}] {
			t.Errorf(`statement %v ("Seoul said"): subject is not South Korea (id:wd/Q884)`, st)
		}
	}
	if _, stderr, err := run(t, "--db", db, "ingest", seed); err != nil {
		t.Fatalf("re-ingest: %v\n%s", err, stderr)
	}
	if again := export(t, db); !reflect.DeepEqual(sortQuads(again), sortQuads(qs)) {
		t.Errorf("re-ingest changed the graph: %d quads, was %d", len(again), len(qs))
	}
}

func sortQuads(qs []quad.Quad) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.String()
	}
	sort.Strings(out)
	return out
}

// TestLinkAcrossArticles: two articles naming Zelenskiy and the United
// States differently give one node each.
func TestLinkAcrossArticles(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.txt")
	b := filepath.Join(dir, "b.txt")
	os.WriteFile(a, []byte("Ukrainian President Volodymyr Zelenskiy met officials from the United States in Kyiv on Monday. "+
		"Zelenskiy said the talks with the United States were useful.\n"), 0o644)
	os.WriteFile(b, []byte("Zelenskyy thanked the U.S. for its military aid on Tuesday. "+
		"The U.S. has sent weapons to Ukraine, Zelenskyy said.\n"), 0o644)
	db := filepath.Join(dir, "newsgraph.db")
	for _, f := range []string{a, b} {
		if _, stderr, err := run(t, "--db", db, "ingest", f); err != nil {
			t.Fatalf("ingest %s: %v\n%s", f, err, stderr)
		}
	}
	qs := export(t, db)
	named := map[string]map[quad.Value]bool{}
	mentioned := map[quad.Value]map[quad.Value]bool{} // entity → documents
	for _, q := range qs {
		if q.Predicate == quad.IRI(graph.RDFSLabel) || q.Predicate == quad.IRI(graph.SKOSAltLabel) {
			s := graph.Lexical(q.Object)
			if named[s] == nil {
				named[s] = map[quad.Value]bool{}
			}
			named[s][q.Subject] = true
		}
		if q.Predicate == quad.IRI(graph.SchemaMentions) {
			if mentioned[q.Object] == nil {
				mentioned[q.Object] = map[quad.Value]bool{}
			}
			mentioned[q.Object][q.Subject] = true
		}
	}
	for _, n := range []string{"Zelenskyy", "Volodymyr Zelenskiy", "U.S.", "United States"} {
		if len(named[n]) != 1 {
			t.Errorf("%q names %d nodes, want 1: %v", n, len(named[n]), named[n])
		}
	}
	for _, iri := range []string{graph.EntityNS + "volodymyr_zelenskiy", graph.EntityNS + "wd/Q30"} {
		if len(mentioned[quad.IRI(iri)]) != 2 {
			t.Errorf("%s is mentioned by %d documents, want 2", iri, len(mentioned[quad.IRI(iri)]))
		}
	}
}

// TestKBBuildAndIngest: kb build on the test dump (bzip2, malformed lines)
// gives a KB that ingest --kb links the test entities with.
func TestKBBuildAndIngest(t *testing.T) {
	dir := t.TempDir()
	kb := filepath.Join(dir, "wikidata.kb")
	out, stderr, err := run(t, "kb", "build", "../../loaders/link/testdata/dump.json.bz2", "-o", kb, "-q")
	if err != nil {
		t.Fatalf("kb build: %v\n%s", err, stderr)
	}
	if !strings.Contains(out, "5 malformed lines skipped") {
		t.Errorf("kb build output %q does not count the 5 malformed lines", out)
	}
	art := filepath.Join(dir, "a.txt")
	os.WriteFile(art, []byte("Zelenskyy thanked Apple for its help, officials in Kyiv said on Monday.\n"), 0o644)
	db := filepath.Join(dir, "db")
	if _, stderr, err := run(t, "--db", db, "ingest", "--kb", kb, art); err != nil {
		t.Fatalf("ingest --kb: %v\n%s", err, stderr)
	}
	has := map[string]bool{}
	for _, q := range export(t, db) {
		if q.Predicate == quad.IRI(graph.OWLSameAs) {
			has[iri(q.Subject)+" "+iri(q.Object)] = true
		}
	}
	for _, want := range []string{
		graph.EntityNS + "wd/Q3874799 http://www.wikidata.org/entity/Q3874799",
		graph.EntityNS + "wd/Q3874799 http://dbpedia.org/resource/Volodymyr_Zelenskyy",
		graph.EntityNS + "wd/Q1899 http://www.wikidata.org/entity/Q1899",
	} {
		if !has[want] {
			t.Errorf("no owl:sameAs %s; have %v", want, has)
		}
	}
	if _, _, err := run(t, "--db", db, "ingest", "--kb", filepath.Join(dir, "missing.kb"), art); err == nil {
		t.Error("ingest --kb with a missing file: no error")
	}
}

// TestEvalLinks: eval links scores a GUM document's links against its
// gold identities.
func TestEvalLinks(t *testing.T) {
	out, stderr, err := run(t, "eval", "links", "--gum", "../../loaders/link/testdata/gum-mini.conllu", "-v")
	if err != nil {
		t.Fatalf("eval links: %v\n%s", err, stderr)
	}
	for _, want := range []string{"correct\tSeoul → Q8684 Seoul", "correct\tSouth Korea → Q884 South Korea",
		"all             2      2       2        100.0%     0         2           2      100.0%"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval links output lacks %q:\n%s", want, out)
		}
	}
}
