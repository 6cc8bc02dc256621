package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

const citiesTTL = "../../../shared/linking/rdf/dbpedia-cities-geo.ttl"

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func mustRun(t *testing.T, args ...string) (string, string) {
	t.Helper()
	out, stderr, err := run(t, args...)
	if err != nil {
		t.Fatalf("%v: %v\n%s", args, err, stderr)
	}
	return out, stderr
}

func wants(t *testing.T, what, out string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, clip(out, 3000))
		}
	}
}

// Import the DBpedia city sample, link to it, and see a linked city's
// country and coordinates in query about and through Gizmo.
func TestImportLinkAbout(t *testing.T) {
	if _, err := os.Stat(citiesTTL); err != nil {
		t.Skipf("no DBpedia sample: %v", err)
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "newsgraph.db")
	art := writeFile(t, dir, "berlin.txt", "Scholz speaks in Berlin\n\nGerman Chancellor Olaf Scholz spoke in Berlin on Monday. "+
		"Scholz said Germany would send more aid to Ukraine. Officials in Kabul welcomed the decision.\n")
	mustRun(t, "--db", db, "ingest", art)
	out, _ := mustRun(t, "--db", db, "import", citiesTTL)
	wants(t, "import", out, "added", "10001 triples", "0 bad statements skipped")
	out, stderr := mustRun(t, "--db", db, "link", "--dataset", "dbpedia-cities-geo.ttl")
	wants(t, "link", out, "<http://dbpedia.org/resource/Berlin>", "<http://dbpedia.org/resource/Kabul>", "match=label")
	wants(t, "link", stderr, "2 of ")
	out, _ = mustRun(t, "--db", db, "query", "about", "berlin")
	if strings.Contains(out, "id:wd/Q64") { // linked by the link stage: its country comes from the knowledge base
		wants(t, "about berlin", out, "country   Germany")
	}
	wants(t, "about berlin", out, "dbpedia-cities-geo.ttl  <http://dbpedia.org/resource/Berlin>", "geo:lat", "52.516666412353515625", "geo:long", "13.383333206176757812")
	out, _ = mustRun(t, "--db", db, "query", "gizmo",
		`g.V().Has("<http://www.w3.org/2000/01/rdf-schema#label>", "Berlin").Out("<http://www.w3.org/2002/07/owl#sameAs>").Out("<http://www.w3.org/2003/01/geo/wgs84_pos#lat>").All()`)
	wants(t, "gizmo through owl:sameAs", out, "52.5166664123535")

	// Re-import of the same file changes nothing; remove --dataset drops it
	// with its links.
	out, _ = mustRun(t, "--db", db, "import", citiesTTL)
	wants(t, "re-import", out, "unchanged")
	out, _ = mustRun(t, "--db", db, "remove", "--dataset", "dbpedia-cities-geo.ttl")
	wants(t, "remove --dataset", out, "removed dataset", "with 2 links")
	out, _ = mustRun(t, "--db", db, "query", "about", "berlin")
	if strings.Contains(out, "dbpedia") {
		t.Errorf("about after remove --dataset still shows the dataset:\n%s", out)
	}
}

// Bad statements are counted and named, not fatal; a file with nothing
// readable, an unknown format and a missing file are errors naming them.
func TestImportBadInput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "newsgraph.db")
	good := writeFile(t, dir, "mixed.nt", "<http://e/a> <http://e/p> \"x\" .\nthis is not a triple\n<http://e/b> <http://e/p> _:b1 .\n")
	bad := writeFile(t, dir, "junk.ttl", "@prefix : <http://e/> .\n:a :b \"no end\n")
	unknown := writeFile(t, dir, "data.rdf", "<rdf:RDF/>")
	out, stderr, err := run(t, "--db", db, "import", good, bad, unknown, filepath.Join(dir, "missing.nt"))
	if err == nil {
		t.Fatalf("import of bad files succeeded:\n%s", out)
	}
	wants(t, "import stdout", out, "mixed.nt: 2 triples", "1 bad statements skipped")
	wants(t, "import stderr", stderr, "mixed.nt:2: ", "junk.ttl:2: unterminated string", "junk.ttl: no triples read",
		"data.rdf: unknown RDF format", "missing.nt: no such file")
	if _, _, err := run(t, "--db", db, "remove", "--dataset", "nothing.ttl"); err == nil || !strings.Contains(err.Error(), "nothing.ttl") {
		t.Errorf("remove --dataset of an unknown dataset: %v", err)
	}
	if _, _, err := run(t, "--db", db, "link"); err == nil || !strings.Contains(err.Error(), "--dataset") {
		t.Errorf("link without --dataset: %v", err)
	}
}

// The same articles ingested in two orders (with a resolve in between in
// one of them) give the same graph after resolve; merge and split survive
// re-ingest.
func TestResolveTwoOrdersAndCorrections(t *testing.T) {
	dir := t.TempDir()
	arts := []string{
		writeFile(t, dir, "a.txt", "Obama visits Kenya\n\nPresident Barack Obama arrived in Nairobi on Friday. Obama met Kenyan leaders.\n"),
		writeFile(t, dir, "b.txt", "Obama speaks\n\nObama told reporters in Washington that the talks went well.\n"),
		writeFile(t, dir, "c.txt", "First lady visits school\n\nMichelle Obama visited a school in Chicago on Monday. Michelle Obama spoke to students.\n"),
	}
	one := filepath.Join(dir, "one.db")
	mustRun(t, "--db", one, "ingest", arts[0], arts[1])
	mustRun(t, "--db", one, "resolve")
	mustRun(t, "--db", one, "ingest", arts[2])
	mustRun(t, "--db", one, "resolve")
	two := filepath.Join(dir, "two.db")
	mustRun(t, "--db", two, "ingest", arts[2], arts[1], arts[0])
	out, _ := mustRun(t, "--db", two, "resolve")
	wants(t, "resolve", out, "entities from", "documents rewritten")
	e1, e2 := sortedExport(t, one), sortedExport(t, two)
	if e1 != e2 {
		t.Errorf("the two orders give different graphs after resolve")
	}

	// Merge b.txt's Obama into Barack Obama, re-ingest b.txt changed: the
	// merge holds.
	out, _ = mustRun(t, "--db", two, "merge", "Barack Obama", "id:obama", "--by", "tester", "--note", "b.txt means Barack")
	wants(t, "merge", out, "merging Obama (id:obama) into Barack Obama")
	checkMentions := func(when, db, doc, want string, absent string) {
		t.Helper()
		out, _ := mustRun(t, "--db", db, "export", "--doc", doc)
		const mentions = "<http://schema.org/mentions> "
		if !strings.Contains(out, mentions+want) || absent != "" && strings.Contains(out, mentions+absent) {
			t.Errorf("%s: %s's export lacks %s or holds %s", when, doc, want, absent)
		}
	}
	checkMentions("after merge", two, arts[1], "<https://newsgraph.dev/id/barack_obama>", "<https://newsgraph.dev/id/obama>")
	writeFile(t, dir, "b.txt", "Obama speaks\n\nObama told reporters in Washington that the talks went very well.\n")
	mustRun(t, "--db", two, "ingest", arts[1])
	checkMentions("after re-ingest", two, arts[1], "<https://newsgraph.dev/id/barack_obama>", "<https://newsgraph.dev/id/obama>")
	out, _ = mustRun(t, "--db", two, "export")
	wants(t, "export", out, "<https://newsgraph.dev/ns#Merge> <https://newsgraph.dev/graph/corrections>", `"b.txt means Barack"`,
		"<https://newsgraph.dev/agent/tester>")

	// Split the alias off again, and a document's mentions off an entity.
	mustRun(t, "--db", two, "split", "Barack Obama", "--alias", "Obama")
	mustRun(t, "--db", two, "ingest", arts[1])
	checkMentions("after split --alias", two, arts[1], "<https://newsgraph.dev/id/obama>", "")
	mustRun(t, "--db", two, "split", "Michelle Obama", "--doc", arts[2])
	writeFile(t, dir, "c.txt", "First lady visits school\n\nMichelle Obama visited a school in Chicago on Monday. Michelle Obama spoke to pupils.\n")
	mustRun(t, "--db", two, "ingest", arts[2])
	checkMentions("after split --doc and re-ingest", two, arts[2], "<https://newsgraph.dev/id/michelle_obama--", "<https://newsgraph.dev/id/michelle_obama>")
	if _, _, err := run(t, "--db", two, "split", "Barack Obama", "--alias", "Nairobi"); err == nil || !strings.Contains(err.Error(), "nothing to split") {
		t.Errorf("split of a name never joined: %v", err)
	}
}

func sortedExport(t *testing.T, db string) string {
	t.Helper()
	out, _ := mustRun(t, "--db", db, "export")
	ls := strings.Split(strings.TrimSpace(out), "\n")
	sort.Strings(ls)
	return strings.Join(ls, "\n")
}
