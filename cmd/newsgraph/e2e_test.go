package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/newsgraph/newsgraph/graph"
)

// run runs the newsgraph command in-process and returns its stdout, stderr
// and error.
func run(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	root := newRoot()
	root.SetArgs(args)
	root.SetOut(&out)
	root.SetErr(&errOut)
	err := root.ExecuteContext(context.Background())
	return out.String(), errOut.String(), err
}

const seed = "../../data/seed/article.txt"

// ingestSeed builds the seed article's graph in a fresh store and returns
// the store's path and its N-Quads export.
func ingestSeed(t *testing.T) (string, []quad.Quad) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "newsgraph.db")
	if _, stderr, err := run(t, "--db", db, "ingest", seed); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	return db, export(t, db)
}

func export(t *testing.T, db string, extra ...string) []quad.Quad {
	t.Helper()
	out, stderr, err := run(t, append([]string{"--db", db, "export"}, extra...)...)
	if err != nil {
		t.Fatalf("export: %v\n%s", err, stderr)
	}
	r := nquads.NewReader(strings.NewReader(out), false)
	var qs []quad.Quad
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			return qs
		}
		if err != nil {
			t.Fatalf("export is not valid N-Quads: %v", err)
		}
		qs = append(qs, q)
	}
}

func iri(v quad.Value) string {
	if i, ok := v.(quad.IRI); ok {
		return string(i)
	}
	return ""
}

// TestSeedFacts checks the facts issue 2 names: each must be a direct triple
// labelled with the sentence it came from.
func TestSeedFacts(t *testing.T) {
	_, qs := ingestSeed(t)
	type triple struct{ subj, rel, obj string }
	has := func(tr triple) bool {
		for _, q := range qs {
			s, p := strings.ToLower(iri(q.Subject)), iri(q.Predicate)
			if !strings.HasPrefix(p, graph.RelNS) || !strings.Contains(iri(q.Label), "/s/") {
				continue
			}
			o := strings.ToLower(graph.Lexical(q.Object))
			if strings.Contains(s, tr.subj) && strings.TrimPrefix(p, graph.RelNS) == tr.rel && strings.Contains(o, tr.obj) {
				return true
			}
		}
		return false
	}
	tests := []struct {
		name string
		any  []triple // at least one must hold
	}{
		{"Zelenskiy offers to hand over captured soldiers", []triple{{"zelensk", "hand_over", "soldier"}, {"zelensk", "offer", "soldier"}}},
		{"South Korea said", []triple{{"wd/q884", "say", ""}}},
		{"Kyiv captured two North Korean soldiers", []triple{{"wd/q1899", "capture", "soldier"}, {"wd/q212", "capture", "soldier"}}},
		{"NIS confirmed the capture", []triple{{"national_intelligence_service", "confirm", ""}}},
		{"SBU released a video", []triple{{"sbu", "release", "video"}}},
		{"North Korea sent some 11,000 troops", []triple{{"wd/q423", "send", "troop"}, {"wd/q423", "send", "11000"}}},
		{"Kirby told reporters", []triple{{"kirby", "tell", "reporter"}}},
		{"Zelenskiy is Ukrainian President", []triple{{"zelensk", "be", "president"}}},
		{"John Kirby is White House spokesman", []triple{{"kirby", "be", "spokesman"}}},
	}
	for _, tc := range tests {
		ok := false
		for _, tr := range tc.any {
			ok = ok || has(tr)
		}
		if !ok {
			t.Errorf("%s: no direct triple like %v", tc.name, tc.any)
		}
	}
}

// TestSeedEntities checks that each of the story's actors is one node.
func TestSeedEntities(t *testing.T) {
	_, qs := ingestSeed(t)
	nodes := map[string]map[string]bool{} // name fragment → entity IRIs with such a label
	frags := []string{"zelensk", "national intelligence service", "kirby"}
	for _, q := range qs {
		p := iri(q.Predicate)
		if p != graph.RDFSLabel && p != graph.SKOSAltLabel {
			continue
		}
		label := strings.ToLower(graph.Lexical(q.Object))
		for _, f := range frags {
			if strings.Contains(label, f) && strings.HasPrefix(iri(q.Subject), graph.EntityNS) {
				if nodes[f] == nil {
					nodes[f] = map[string]bool{}
				}
				nodes[f][iri(q.Subject)] = true
			}
		}
	}
	for _, f := range frags {
		if len(nodes[f]) != 1 {
			t.Errorf("%q: %d entity nodes %v, want exactly one", f, len(nodes[f]), nodes[f])
		}
	}
	// NIS is an alias of the National Intelligence Service node.
	for _, q := range qs {
		if iri(q.Predicate) == graph.SKOSAltLabel && graph.Lexical(q.Object) == "NIS" {
			return
		}
	}
	t.Error(`no entity has the alias "NIS"`)
}

// TestIngestIdempotentAndRemove: re-ingesting changes nothing; a changed
// article replaces its facts; remove takes the document out.
func TestIngestIdempotentAndRemove(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "newsgraph.db")
	art := filepath.Join(dir, "a.txt")
	body, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(art, body, 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "b.txt")
	if err := os.WriteFile(other, []byte("Kyiv Update\n\nUkrainian President Volodymyr Zelenskiy visited Kyiv on Monday. He met soldiers there.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, e, err := run(t, "--db", db, "ingest", art, other); err != nil {
		t.Fatalf("ingest: %v\n%s", err, e)
	}
	first := export(t, db)
	out, _, err := run(t, "--db", db, "ingest", art)
	if err != nil || !strings.Contains(out, graph.Unchanged) {
		t.Fatalf("re-ingest: err %v, output %q, want %q", err, out, graph.Unchanged)
	}
	if again := export(t, db); len(again) != len(first) {
		t.Fatalf("re-ingest changed the store: %d quads, had %d", len(again), len(first))
	}
	// Change the article: its old facts go, the new ones come.
	changed := strings.Replace(string(body), "released a video", "published a film", 1)
	if err := os.WriteFile(art, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err = run(t, "--db", db, "ingest", art)
	if err != nil || !strings.Contains(out, graph.Replaced) {
		t.Fatalf("changed article: err %v, output %q, want %q", err, out, graph.Replaced)
	}
	for _, q := range export(t, db) {
		if iri(q.Predicate) == graph.RelNS+"release" && strings.Contains(iri(q.Subject), "sbu") {
			t.Errorf("old fact survived the replacement: %v", q)
		}
	}
	// Remove the seed article: the other document and its entities stay.
	if _, e, err := run(t, "--db", db, "remove", art); err != nil {
		t.Fatalf("remove: %v\n%s", err, e)
	}
	rest := export(t, db)
	if len(rest) == 0 {
		t.Fatal("remove took everything out")
	}
	zelenskiy := false
	for _, q := range rest {
		if strings.Contains(graph.Lexical(q.Object), "RFE/RL") {
			t.Errorf("quad of the removed document remains: %v", q)
		}
		zelenskiy = zelenskiy || (iri(q.Predicate) == graph.RDFSLabel && strings.Contains(graph.Lexical(q.Object), "Zelenskiy"))
	}
	if !zelenskiy {
		t.Error("Zelenskiy, still mentioned by the other document, was removed")
	}
}

// TestIngestBadInputs: each problem is one line naming the file, the good
// files are still ingested, and the exit status says something failed.
func TestIngestBadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.txt", []byte("Storm Hits Coast\n\nA storm hit the coast of Portugal on Monday, officials said.\n"))
	empty := write("empty.txt", []byte("  \n\t\n"))
	bad := write("bad.txt", []byte("Caf\xe9 \xff\xfe broken\n"))
	bin := write("photo.jpg", []byte{0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'J', 'F', 'I', 'F', 0})
	missing := filepath.Join(dir, "missing.txt")
	db := filepath.Join(dir, "newsgraph.db")
	out, stderr, err := run(t, "--db", db, "ingest", good, empty, bad, bin, missing)
	if err == nil {
		t.Fatal("ingest with bad inputs succeeded; want a failing exit status")
	}
	for _, f := range []string{empty, bad, bin, missing} {
		n := 0
		for _, line := range strings.Split(stderr, "\n") {
			if strings.Contains(line, filepath.Base(f)) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s: %d lines name it in stderr, want 1:\n%s", filepath.Base(f), n, stderr)
		}
	}
	if !strings.Contains(out, "good.txt") {
		t.Errorf("the good file was not ingested: %q", out)
	}
	if qs := export(t, db); len(qs) == 0 {
		t.Error("store is empty after ingesting a good file")
	}
}

// TestIngestFolderSkipsNonArticles: files in a folder that are not articles
// are named and skipped, and do not fail the run.
func TestIngestFolderSkipsNonArticles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "story.txt"), []byte("Storm Hits Coast\n\nA storm hit the coast of Portugal on Monday, officials said.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "photo.jpg"), []byte{0xff, 0xd8, 0xff, 0xe0, 0, 0x10}, 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "newsgraph.db")
	out, stderr, err := run(t, "--db", db, "ingest", dir)
	if err != nil {
		t.Fatalf("ingest of a folder with a photo failed: %v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "skipped") || !strings.Contains(stderr, "photo.jpg") {
		t.Errorf("the photo was not reported as skipped:\n%s", stderr)
	}
	if !strings.Contains(out, "story.txt") {
		t.Errorf("the story was not ingested: %q", out)
	}
}
