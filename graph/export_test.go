package graph

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/cayleygraph/quad/nquads"
)

func TestExportNQuadsRoundTrip(t *testing.T) {
	ctx := context.Background()
	for _, backend := range []string{BackendMemstore, BackendBolt, BackendPostgres} {
		t.Run(backend, func(t *testing.T) {
			s := openTest(t, backend)
			a := seedArticle()
			a.Sentences[0].Text += " \"quoted\"\tand\\back\nslash" // needs escaping
			for _, x := range []*Article{a, syntheticArticle(3, 3)} {
				if _, err := s.WriteArticle(ctx, x); err != nil {
					t.Fatal(err)
				}
			}
			var buf bytes.Buffer
			n, err := s.Export(ctx, &buf, "nquads", "")
			if err != nil {
				t.Fatal(err)
			}
			want := allQuads(t, s)
			if n != len(want) {
				t.Fatalf("exported %d quads, store has %d", n, len(want))
			}
			r := nquads.NewReader(bytes.NewReader(buf.Bytes()), true) // raw: keep typed literals as written
			var got []string
			for {
				q, err := r.ReadQuad()
				if err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("re-reading the export: %v", err)
				}
				got = append(got, q.NQuad())
			}
			sortStrings(got)
			if !equalLines(got, want) {
				t.Fatalf("round trip differs:\n%s", diff(got, want))
			}
			validateWithRapper(t, buf.Bytes(), len(want))

			buf.Reset()
			n, err = s.Export(ctx, &buf, "", a.Source)
			qa, _ := Quads(a)
			if err != nil || n != len(qa) || strings.Count(buf.String(), "\n") != len(qa) {
				t.Fatalf("document export: %d quads (want %d), %v", n, len(qa), err)
			}
			if strings.Contains(buf.String(), "synthetic/") {
				t.Fatal("document export holds another document's quads")
			}
		})
	}
}

// validateWithRapper checks N-Quads with Debian's rapper when it is
// installed (CI installs raptor2-utils).
func validateWithRapper(t *testing.T, data []byte, want int) {
	t.Helper()
	path, err := exec.LookPath("rapper")
	if err != nil {
		t.Log("rapper not on PATH: skipping its validation")
		return
	}
	f := filepath.Join(t.TempDir(), "export.nq")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(path, "-i", "nquads", "-c", f).CombinedOutput()
	if err != nil {
		t.Fatalf("rapper rejects the export: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "returned "+itoa(want)+" ") {
		t.Fatalf("rapper counted otherwise than %d: %s", want, out)
	}
}

func TestExportFormats(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, BackendMemstore)
	if _, err := s.WriteArticle(ctx, seedArticle()); err != nil {
		t.Fatal(err)
	}
	formats := Formats()
	for _, want := range []string{"nquads", "jsonld", "graphml", "gml", "graphviz", "json", "pquads"} {
		if !contains(formats, want) {
			t.Errorf("Formats() = %v lacks %s", formats, want)
		}
	}
	tests := []struct{ format, marker string }{
		{"nquads", "<" + EntityNS + "volodymyr_zelenskiy>"},
		{"jsonld", `"@id"`},
		{"graphml", "<graphml"},
		{"gml", "graph ["},
		{"dot", "digraph"},
		{"json", `"subject"`},
		{"pquads", ""},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			var buf bytes.Buffer
			n, err := s.Export(ctx, &buf, tt.format, "")
			if err != nil || n == 0 || buf.Len() == 0 || !strings.Contains(buf.String(), tt.marker) {
				t.Fatalf("%s: n=%d err=%v len=%d", tt.format, n, err, buf.Len())
			}
		})
	}
	if _, err := s.Export(ctx, io.Discard, "turtle", ""); err == nil || !strings.Contains(err.Error(), "nquads") {
		t.Fatalf("unknown format: %v", err)
	}
	if _, err := s.Export(ctx, io.Discard, "", "nope"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown document: %v", err)
	}
}

func TestImportSkipsBadLines(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, BackendBolt)
	in := strings.Join([]string{
		`<http://ex.org/a> <http://ex.org/p> "one" .`,
		`# a comment`,
		`<http://ex.org/a> <http://ex.org/p> "unterminated .`,
		``,
		`_:b1 <http://ex.org/p> <http://ex.org/c> <http://ex.org/g> .`,
		`<http://ex.org/a> <http://ex.org/p> .`,
		`<http://ex.org/a> <http://ex.org/p> "one" .`, // duplicate
	}, "\n")
	res, err := s.Import(ctx, strings.NewReader(in), "data.nq")
	if err != nil {
		t.Fatal(err)
	}
	if res.Quads != 2 || res.Skipped != 2 || len(res.Errors) != 2 ||
		!strings.HasPrefix(res.Errors[0], "data.nq:3: ") || !strings.HasPrefix(res.Errors[1], "data.nq:6: ") {
		t.Fatalf("import: %+v", res)
	}
	got := allQuads(t, s)
	if len(got) != 2 || strings.Contains(strings.Join(got, ""), "_:") {
		t.Fatalf("stored %v", got)
	}
	// The same blank node in another file is another node.
	if _, err := s.Import(ctx, strings.NewReader(`_:b1 <http://ex.org/p> <http://ex.org/c> <http://ex.org/g> .`), "other.nq"); err != nil {
		t.Fatal(err)
	}
	if got := allQuads(t, s); len(got) != 3 {
		t.Fatalf("blank nodes merged across loads: %v", got)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func sortStrings(xs []string) { sort.Strings(xs) }

func itoa(n int) string { return strconv.Itoa(n) }

func TestImportKeepsTypedLiteralsStandard(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, BackendMemstore)
	line := `<http://ex.org/a> <http://ex.org/n> "11000"^^<http://www.w3.org/2001/XMLSchema#integer> .`
	if _, err := s.Import(ctx, strings.NewReader(line), "n.nq"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := s.Export(ctx, &buf, "nquads", ""); err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(buf.String()) != line {
		t.Fatalf("exported %q, want %q", buf.String(), line)
	}
}
