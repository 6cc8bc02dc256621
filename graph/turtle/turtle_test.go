package turtle

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

func readAll(t *testing.T, src string) (got []string, bad []int) {
	t.Helper()
	r := NewReader(strings.NewReader(src), "http://example.org/base/")
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			return got, bad
		}
		var se *SyntaxError
		if errors.As(err, &se) {
			bad = append(bad, se.Line)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, q.NQuad())
	}
}

func TestTurtle(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
		bad  []int
	}{
		{"ntriples", `<http://a> <http://p> "x" .` + "\n", []string{`<http://a> <http://p> "x" .`}, nil},
		{"prefix, a, lists", "@prefix ex: <http://ex/> .\nPREFIX s: <http://s/>\nex:a a s:T ; ex:p \"x\"@en , 12 , -1.5 , 1e3 , true .\n",
			[]string{
				`<http://ex/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://s/T> .`,
				`<http://ex/a> <http://ex/p> "x"@en .`,
				`<http://ex/a> <http://ex/p> "12"^^<http://www.w3.org/2001/XMLSchema#integer> .`,
				`<http://ex/a> <http://ex/p> "-1.5"^^<http://www.w3.org/2001/XMLSchema#decimal> .`,
				`<http://ex/a> <http://ex/p> "1e3"^^<http://www.w3.org/2001/XMLSchema#double> .`,
				`<http://ex/a> <http://ex/p> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .`,
			}, nil},
		{"base, escapes, typed", "<rel> <http://p> \"\"\"two\nlines \"q\" \"\"\" , 'it\\'s'^^<http://dt> .\n<http://x/\\u0027A> <http://p> \"a\\u00e9\" .",
			[]string{
				`<http://example.org/base/rel> <http://p> "two\nlines \"q\" " .`,
				`<http://example.org/base/rel> <http://p> "it's"^^<http://dt> .`,
				`<http://x/'A> <http://p> "aé" .`,
			}, nil},
		{"blank nodes", "@prefix : <http://e/> .\n_:x :p [ :q 1 ] .\n:s :l ( :a ) .\n",
			[]string{
				`_:b1 <http://e/q> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .`,
				`_:lx <http://e/p> _:b1 .`,
				`_:b2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> <http://e/a> .`,
				`_:b2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .`,
				`<http://e/s> <http://e/l> _:b2 .`,
			}, nil},
		{"bad statements skipped", "<http://a> <http://p> \"ok\" .\nzz:a <http://p> \"no prefix\" .\n<http://a> <http://p> \"unterminated .\n<http://b> <http://p> <http://c> .\n<http://a> <http://p> \"x\" ; ; .\n",
			[]string{`<http://a> <http://p> "ok" .`, `<http://b> <http://p> <http://c> .`, `<http://a> <http://p> "x" .`}, []int{2, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, bad := readAll(t, tt.src)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if len(bad) != len(tt.bad) {
				t.Errorf("bad lines %v, want %v", bad, tt.bad)
			}
			for i := range bad {
				if i < len(tt.bad) && bad[i] != tt.bad[i] {
					t.Errorf("bad lines %v, want %v", bad, tt.bad)
				}
			}
		})
	}
}

// The shared DBpedia and Wikidata samples read without an error.
func TestSharedSamples(t *testing.T) {
	for _, f := range []struct {
		path    string
		triples int
	}{
		{"../../../shared/linking/rdf/dbpedia-cities-geo.ttl", 0},
		{"../../../shared/linking/rdf/dbpedia-states-geo.ttl", 0},
		{"../../../shared/linking/rdf/wikidata-Q1045-somalia-2015.ttl", 0},
	} {
		fh, err := os.Open(f.path)
		if err != nil {
			t.Skip(err)
		}
		r := NewReader(fh, "")
		n, names := 0, 0
		for {
			q, err := r.ReadQuad()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", f.path, err)
			}
			n++
			if q.Predicate == quad.IRI("http://xmlns.com/foaf/0.1/name") {
				names++
			}
		}
		fh.Close()
		t.Logf("%s: %d triples, %d foaf:name", f.path, n, names)
		if n == 0 {
			t.Errorf("%s: no triples", f.path)
		}
	}
}
