package repl

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
)

// env is a store with one small article: Kirby told reporters, Zelenskiy
// wrote, and a negated fact.
func env(t *testing.T) *queries.Env {
	t.Helper()
	a := &graph.Article{
		Source: "data/seed/article.txt", Hash: strings.Repeat("0", 64), Headline: "Zelenskyy Says Ready To Swap",
		Published: time.Date(2025, 1, 12, 0, 0, 0, 0, time.UTC),
		Sentences: []graph.Sentence{
			{Text: "White House spokesman John Kirby on December 27 told reporters that North Korean forces were suffering heavy casualties.", Start: 0, End: 120},
			{Text: "Zelenskiy wrote on social media on January 12.", Start: 122, End: 169},
		},
		Entities: []graph.Entity{
			{Key: "Person/john_kirby", Name: "John Kirby", Type: "Person", Aliases: []string{"Kirby"}, Mentions: 2},
			{Key: "Person/volodymyr_zelenskiy", Name: "Volodymyr Zelenskiy", Type: "Person", Aliases: []string{"Zelenskyy"}, Mentions: 3},
			{Key: "Organization/national_intelligence_service", Name: "National Intelligence Service", Type: "Organization", Aliases: []string{"NIS"}, Mentions: 1},
		},
		Facts: []graph.Fact{
			{Sentence: 0, Subject: graph.Term{Entity: "Person/john_kirby"}, Relation: "tell", RelationText: "told",
				Object: graph.Term{Text: "reporters"}, Date: "2024-12-27", Quote: "North Korean forces were suffering heavy casualties", Confidence: 0.9},
			{Sentence: 1, Subject: graph.Term{Entity: "Person/volodymyr_zelenskiy"}, Relation: "write", RelationText: "wrote",
				Object: graph.Term{Text: "on social media"}, Date: "2025-01-12", Quote: "Ukraine is ready", Confidence: 0.9},
		},
	}
	st, err := graph.Open(context.Background(), graph.Options{Backend: graph.BackendMemstore})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.WriteArticle(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return queries.NewEnv(st.QuadStore())
}

func TestRunSession(t *testing.T) {
	hist := filepath.Join(t.TempDir(), "history")
	in := strings.Join([]string{
		"help",
		"help said",
		"facts nothing-here\x03docs", // Ctrl-C drops the half-typed line
		"entities --type person",
		"facts nobody at all",
		"said kirby",
		`g.V("<https://newsgraph.dev/id/john_kirby>").Out("<http://www.w3.org/2000/01/rdf-schema#label>").All()`,
		`gizmo g.V(.Out(`,
		"bogus",
		"quit",
		"said zelenskyy", // never reached
	}, "\n") + "\n"
	var out, errs bytes.Buffer
	err := Run(context.Background(), env(t), Config{
		HistoryFile: hist, Stdin: io.NopCloser(strings.NewReader(in)), Stdout: &out, Stderr: &errs,
	})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	o, e := out.String(), errs.String()
	for _, want := range []string{
		"facts ENTITY",                                        // help lists usages
		"Claims and quotes attributed",                        // help said
		"Volodymyr Zelenskiy  Person",                         // entities table
		"North Korean forces were suffering heavy casualties", // said kirby, after an error
		"John Kirby",                                          // gizmo label
	} {
		if !strings.Contains(o, want) {
			t.Errorf("stdout lacks %q:\n%s", want, o)
		}
	}
	if strings.Contains(e, "nothing-here") || !strings.Contains(o, "Zelenskyy Says Ready To Swap") {
		t.Errorf("Ctrl-C did not drop the line before it:\nstdout %s\nstderr %s", o, e)
	}
	if strings.Contains(o, "Ukraine is ready") {
		t.Errorf("a line after quit ran:\n%s", o)
	}
	for _, want := range []string{`error: no entity named "nobody at all"`, "error: gizmo:", `error: unknown command "bogus"`} {
		if !strings.Contains(e, want) {
			t.Errorf("stderr lacks %q:\n%s", want, e)
		}
	}
	if strings.Contains(o, "National Intelligence Service") {
		t.Errorf("entities --type person listed an organization:\n%s", o)
	}
	h, err := os.ReadFile(hist)
	if err != nil {
		t.Fatalf("history: %v", err)
	}
	for _, want := range []string{"entities --type person", "said kirby", "quit"} {
		if !strings.Contains(string(h), want+"\n") {
			t.Errorf("history lacks %q:\n%s", want, h)
		}
	}
}

func TestRunEOF(t *testing.T) {
	var out, errs bytes.Buffer
	err := Run(context.Background(), env(t), Config{
		HistoryFile: "-", Stdin: io.NopCloser(strings.NewReader("docs")), Stdout: &out, Stderr: &errs,
	})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if !strings.Contains(out.String(), "Zelenskyy Says Ready To Swap") {
		t.Errorf("last line without newline did not run:\n%s", out.String())
	}
	if errs.Len() != 0 {
		t.Errorf("stderr: %s", errs.String())
	}
}

func TestCompleter(t *testing.T) {
	c := NewCompleter(CommandNames(), EntityNames([]queries.Entity{
		{Label: "John Kirby", Aliases: []string{"Kirby"}},
		{Label: "Volodymyr Zelenskiy", Aliases: []string{"Zelenskyy"}},
		{Label: "Kyiv"},
	}))
	tests := []struct {
		line string
		want []string
		n    int
	}{
		{"fa", []string{"cts"}, 2},
		{"t", []string{"imeline"}, 1},
		{"help ti", []string{"meline"}, 2},
		{"facts zel", []string{"enskyy"}, 3},
		{"said john k", []string{"irby"}, 6},
		{"path kyiv volo", []string{"dymyr Zelenskiy"}, 4},
		{"facts k", []string{"irby", "yiv"}, 1},
		{"facts qq", nil, 0},
		{"source 12", nil, 0},
		{"docs", []string{""}, 4},
	}
	for _, tt := range tests {
		got, n := c.Do([]rune(tt.line), len([]rune(tt.line)))
		var gs []string
		for _, g := range got {
			gs = append(gs, string(g))
		}
		if !reflect.DeepEqual(gs, tt.want) || n != tt.n {
			t.Errorf("Do(%q) = %q, %d; want %q, %d", tt.line, gs, n, tt.want, tt.n)
		}
	}
}

func TestExecGizmo(t *testing.T) {
	env := env(t)
	kirby := `'g.V("<https://newsgraph.dev/id/john_kirby>").Out().All()'`
	tests := []struct {
		line  string
		lines int    // output lines
		want  string // in the output
	}{
		{`g.V("<https://newsgraph.dev/id/john_kirby>").Out("<http://www.w3.org/2000/01/rdf-schema#label>").All()`, 2, "John Kirby"},
		// type, label, altLabel, mentions, nameKey (John Kirby),
		// surnameKey (Kirby), rel:tell's object; the table adds its header.
		{"gizmo " + kirby, 8, "<http://schema.org/Person>"},
		{"gizmo --json " + kirby, 7, `{"id":"John Kirby"}`},
		{"gizmo --limit 2 --json " + kirby, 2, `{"id":`},
		{"gizmo -n 3 " + kirby, 4, "ID"},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		if _, err := Exec(context.Background(), env, tt.line, &out); err != nil {
			t.Errorf("%s: %v", tt.line, err)
			continue
		}
		if n := strings.Count(out.String(), "\n"); n != tt.lines || !strings.Contains(out.String(), tt.want) {
			t.Errorf("%s: %d lines, want %d with %q:\n%s", tt.line, n, tt.lines, tt.want, out.String())
		}
	}
}

func TestExecHelpUnknown(t *testing.T) {
	var out bytes.Buffer
	if _, err := Exec(context.Background(), env(t), "help nosuch", &out); err == nil {
		t.Error("help nosuch: want an error")
	}
	done, err := Exec(context.Background(), env(t), "  exit ", &out)
	if !done || err != nil {
		t.Errorf("exit: done=%v err=%v", done, err)
	}
}
