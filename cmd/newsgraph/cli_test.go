package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

// TestCommands runs the read commands on the seed graph and checks what
// each prints.
func TestCommands(t *testing.T) {
	db, _ := ingestSeed(t)
	tests := []struct {
		args []string
		want []string // substrings of stdout
	}{
		{[]string{"stats"}, []string{"documents  1", "entities", "quads"}},
		{[]string{"query", "entities", "--type", "Person"}, []string{"Volodymyr Zelenskiy", "John Kirby"}},
		{[]string{"query", "said", "kirby"}, []string{"John Kirby", "North Korean forces were suffering heavy casualties"}},
		{[]string{"query", "who", "release"}, []string{"SBU", "video"}},
		{[]string{"query", "facts", "the NIS"}, []string{"confirm"}},
		{[]string{"query", "docs"}, []string{"Zelenskyy Says Ready To Swap"}},
		{[]string{"query", "gizmo", `g.V("<https://newsgraph.dev/id/sbu>").Out("<https://newsgraph.dev/rel/release>").All()`}, []string{"video"}},
		{[]string{"export", "--format", "jsonld"}, []string{"@id", "https://newsgraph.dev/id/john_kirby"}},
	}
	for _, tc := range tests {
		out, stderr, err := run(t, append([]string{"--db", db}, tc.args...)...)
		if err != nil {
			t.Errorf("%v: %v\n%s", tc.args, err, stderr)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: output lacks %q:\n%s", tc.args, w, clip(out, 2000))
			}
		}
	}
	// --json gives JSON.
	out, _, err := run(t, "--db", db, "query", "entities", "--json", "--limit", "3")
	var rows []map[string]any
	if err != nil || json.Unmarshal([]byte(out), &rows) != nil || len(rows) != 3 {
		t.Errorf("entities --json --limit 3: err %v, %d rows from %q", err, len(rows), clip(out, 300))
	}
	// An unknown entity is an error naming it, not an empty table.
	if _, _, err := run(t, "--db", db, "query", "facts", "nobody-at-all"); err == nil || !strings.Contains(err.Error(), "nobody-at-all") {
		t.Errorf("facts of an unknown entity: err = %v", err)
	}
}

// TestExportToFile: -o writes the file whole; a failed export leaves no file.
func TestExportToFile(t *testing.T) {
	db, qs := ingestSeed(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "graph.nq")
	if _, stderr, err := run(t, "--db", db, "export", "-o", out); err != nil {
		t.Fatalf("export: %v\n%s", err, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil || strings.Count(string(b), "\n") != len(qs) {
		t.Fatalf("graph.nq: %d lines (err %v), want %d quads", strings.Count(string(b), "\n"), err, len(qs))
	}
	bad := filepath.Join(dir, "bad.nq")
	if _, _, err := run(t, "--db", db, "export", "--format", "no-such-format", "-o", bad); err == nil {
		t.Error("export in an unknown format succeeded")
	}
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Errorf("failed export left %s behind (stat: %v)", bad, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("export left temporary files: %v", entries)
	}
}

// TestParseCommand: raw text in, CoNLL-U out that the reader accepts, with
// entities in MISC and multiword tokens as ranges.
func TestParseCommand(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in.txt")
	if err := os.WriteFile(in, []byte("John Kirby didn't say much. Kyiv captured two soldiers."), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := run(t, "parse", in)
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, stderr)
	}
	if !strings.Contains(out, "NER=B-PERSON") || !strings.Contains(out, "didn't") {
		t.Errorf("no person entity or multiword range in:\n%s", out)
	}
	sents, err := conllu.ReadAll(strings.NewReader(out), "parse output")
	if err != nil || len(sents) != 2 {
		t.Fatalf("output read back as %d sentences, err %v", len(sents), err)
	}
	if len(sents[0].Multiwords) != 1 {
		t.Errorf("multiwords of sentence 1 = %v, want did+n't", sents[0].Multiwords)
	}
	// --gold-tokens keeps the input's tokens.
	gold := filepath.Join(t.TempDir(), "gold.conllu")
	if err := os.WriteFile(gold, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	again, _, err := run(t, "parse", "--gold-tokens", gold)
	if err != nil {
		t.Fatal(err)
	}
	resents, err := conllu.ReadAll(strings.NewReader(again), "again")
	if err != nil || len(resents) != 2 || len(resents[1].Tokens) != len(sents[1].Tokens) {
		t.Fatalf("--gold-tokens changed the tokens: %v", err)
	}
}
