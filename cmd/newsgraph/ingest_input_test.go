package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

// withStdin runs fn with standard input reading s.
func withStdin(t *testing.T, s string, fn func()) {
	t.Helper()
	f := filepath.Join(t.TempDir(), "stdin")
	if err := os.WriteFile(f, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	in, err := os.Open(f)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	old := os.Stdin
	os.Stdin = in
	defer func() { os.Stdin = old }()
	fn()
}

// docs returns the store's documents as query docs --json gives them.
func docs(t *testing.T, db string) []map[string]any {
	t.Helper()
	out, stderr, err := run(t, "--db", db, "query", "docs", "--json")
	if err != nil {
		t.Fatalf("docs: %v\n%s", err, stderr)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("docs --json: %v\n%s", err, out)
	}
	return rows
}

// TestIngestInputFlags: metadata flags reach the store, stdin articles get
// names of their own, and flags that cannot apply are refused in one line.
func TestIngestInputFlags(t *testing.T) {
	db := filepath.Join(t.TempDir(), "newsgraph.db")
	story := "Council approves flood plan\n\nThe regional council approved the flood defence scheme on Monday, its leader Anna Berg said."
	withStdin(t, story, func() {
		if _, stderr, err := run(t, "--db", db, "ingest", "-q", "--date", "2019-01-09", "--publisher", "Valley News", "-"); err != nil {
			t.Fatalf("ingest -: %v\n%s", err, stderr)
		}
	})
	withStdin(t, story+" It will cost 40 million euros.", func() {
		if _, stderr, err := run(t, "--db", db, "ingest", "-q", "-"); err != nil {
			t.Fatalf("ingest - again: %v\n%s", err, stderr)
		}
	})
	withStdin(t, story, func() {
		if _, stderr, err := run(t, "--db", db, "ingest", "-q", "--name", "bulletin", "--url", "https://valley.example/flood", "--title", "Flood plan passes", "-"); err != nil {
			t.Fatalf("ingest --url: %v\n%s", err, stderr)
		}
	})
	rows := docs(t, db)
	if len(rows) != 3 {
		t.Fatalf("%d documents, want 3 (two different stdin articles and one with a URL): %v", len(rows), rows)
	}
	bySource := map[string]map[string]any{}
	for _, r := range rows {
		bySource[r["source"].(string)] = r
	}
	if r := bySource["https://valley.example/flood"]; r == nil || r["headline"] != "Flood plan passes" {
		t.Errorf("--url/--title document: %v", r)
	}
	dated := 0
	for src, r := range bySource {
		if strings.HasPrefix(src, "stdin:sha256:") && r["published"] == "2019-01-09" {
			dated++
		}
	}
	if dated != 1 {
		t.Errorf("want one stdin document dated 2019-01-09 by --date: %v", rows)
	}
	// "on Monday" is placed against the publication date (Wednesday 2019-01-09).
	out, _, err := run(t, "--db", db, "query", "who", "approve", "--json")
	if err != nil || !strings.Contains(out, `"2019-01-07"`) {
		t.Errorf("who approve: want the relative date resolved to 2019-01-07: %v\n%s", err, clip(out, 1500))
	}

	seedDir := filepath.Dir(seed)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"ingest", "--url", "https://x.example/a", seed, seed + "x"}, "--url and --title name one article"},
		{[]string{"ingest", "--title", "T", seedDir + "/.."}, "--url and --title name one article"},
		{[]string{"ingest", "--name", "n", seed}, "--name names the article read from standard input"},
		{[]string{"ingest", "--date", "soon", seed}, `--date: date "soon": bad article metadata`},
		{[]string{"ingest", "--shard", "3/2", seed}, "--shard: shard \"3/2\""},
		{[]string{"ingest", "--index", "no-such-index.tsv", seed}, "--index: no-such-index.tsv: no such file"},
	} {
		_, _, err := run(t, append([]string{"--db", db}, tc.args...)...)
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: err = %v, want one line with %q", tc.args, err, tc.want)
		}
	}
}

// TestRemoveAsGiven: remove and export --doc find a document by the path
// it was ingested with (relative here), its absolute path, or its id.
func TestRemoveAsGiven(t *testing.T) {
	db, qs := ingestSeed(t) // ingested as ../../data/seed/article.txt
	abs, _ := filepath.Abs(seed)
	for _, name := range []string{seed, abs} {
		out, stderr, err := run(t, "--db", db, "export", "--doc", name)
		if err != nil || strings.Count(out, "\n") != len(qs) {
			t.Errorf("export --doc %s: %v %s (%d lines, want %d)", name, err, stderr, strings.Count(out, "\n"), len(qs))
		}
	}
	rows := docs(t, db)
	id := strings.TrimPrefix(rows[0]["iri"].(string), "https://newsgraph.dev/doc/")[:8]
	if out, stderr, err := run(t, "--db", db, "export", "--doc", id); err != nil || strings.Count(out, "\n") != len(qs) {
		t.Errorf("export --doc %s: %v %s", id, err, stderr)
	}
	if _, stderr, err := run(t, "--db", db, "remove", seed); err != nil {
		t.Fatalf("remove %s: %v\n%s", seed, err, stderr)
	}
	if rows := docs(t, db); len(rows) != 0 {
		t.Errorf("after remove: %v", rows)
	}
	if _, stderr, err := run(t, "--db", db, "remove", seed); err == nil {
		t.Errorf("second remove succeeded: %s", stderr)
	}
}

// TestRemoveByAnyName: remove and export --doc find a document by the path
// it was ingested with (relative or absolute), by its URL and by its id,
// whether it is stored under its path or under a URL (--url, --index, an
// HTML page's canonical link: the store keeps the file's path, ng:path).
func TestRemoveByAnyName(t *testing.T) {
	dir := t.TempDir()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, s string) (rel, abs string) {
		abs = filepath.Join(dir, name)
		if err := os.WriteFile(abs, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		if rel, err = filepath.Rel(wd, abs); err != nil {
			t.Fatal(err)
		}
		return rel, abs
	}
	const story = "The regional council approved the flood defence scheme, its leader Anna Berg said."
	relTxt, absTxt := write("flood.txt", story)
	relHTML, absHTML := write("flood.html", `<html><head><title>Flood plan</title><link rel="canonical" href="https://valley.example/canonical"></head><body><article><p>`+story+`</p></article></body></html>`)
	index := filepath.Join(dir, "index.tsv")
	if err := os.WriteFile(index, []byte("path\turl\nflood.txt\thttps://valley.example/indexed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []struct {
		name   string
		ingest []string // ingest's arguments
		url    string   // the source it is stored under, "" for its path
		rel    string   // its path relative to the test's folder
		abs    string
	}{
		{"path", []string{relTxt}, "", relTxt, absTxt},
		{"--url", []string{"--url", "https://valley.example/given", relTxt}, "https://valley.example/given", relTxt, absTxt},
		{"--index", []string{"--index", index, relTxt}, "https://valley.example/indexed", relTxt, absTxt},
		{"canonical", []string{relHTML}, "https://valley.example/canonical", relHTML, absHTML},
	} {
		source := mode.url
		if source == "" {
			source = mode.abs
		}
		id := strings.TrimPrefix(string(graph.DocIRI(source)), graph.DocNS)
		names := [][2]string{{"relative path", mode.rel}, {"absolute path", mode.abs}, {"id", id}, {"id prefix", id[:8]}, {"IRI", string(graph.DocIRI(source))}}
		if mode.url != "" {
			names = append(names, [2]string{"URL", mode.url})
		}
		for _, n := range names {
			form, name := n[0], n[1]
			t.Run(mode.name+"/"+form, func(t *testing.T) {
				db := filepath.Join(t.TempDir(), "newsgraph.db")
				if _, stderr, err := run(t, append([]string{"--db", db, "ingest", "-q"}, mode.ingest...)...); err != nil {
					t.Fatalf("ingest %v: %v\n%s", mode.ingest, err, stderr)
				}
				if rows := docs(t, db); len(rows) != 1 || rows[0]["source"] != source {
					t.Fatalf("stored %v, want one document with source %s", rows, source)
				}
				all := len(strings.Split(exportLines(t, db), "\n"))
				out, stderr, err := run(t, "--db", db, "export", "--doc", name)
				if n := strings.Count(out, "\n"); err != nil || n != all {
					t.Errorf("export --doc %s: %v %s (%d quads, want all %d)", name, err, stderr, n, all)
				}
				if _, stderr, err := run(t, "--db", db, "remove", name); err != nil {
					t.Fatalf("remove %s: %v\n%s", name, err, stderr)
				}
				if rows := docs(t, db); len(rows) != 0 {
					t.Errorf("after remove %s: %v", name, rows)
				}
				if _, stderr, err := run(t, "--db", db, "remove", name); err == nil || !strings.Contains(stderr, "not found") {
					t.Errorf("second remove %s: err = %v, stderr %q, want not found", name, err, stderr)
				}
			})
		}
	}
}
