package queries

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph"
)

// id is the fact ID of fact k of sentence i of the document from src.
func id(src string, i, k int) string { return graph.FactID(graph.DocIRI(src), i, k) }

func iri(key string) string { return string(graph.EntityIRI(key)) }

func ids(fs []Fact) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.ID)
	}
	return out
}

func sorted(ss []string) []string {
	out := append([]string(nil), ss...)
	sort.Strings(out)
	return out
}

func byID(t *testing.T, fs []Fact, want string) Fact {
	t.Helper()
	for _, f := range fs {
		if f.ID == want {
			return f
		}
	}
	t.Fatalf("no fact %s among %v", want, ids(fs))
	return Fact{}
}

func TestEntities(t *testing.T) {
	qs := fixture(t)
	ctx := context.Background()
	all, err := Entities(ctx, qs, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 14 {
		t.Fatalf("got %d entities, want 14", len(all))
	}
	z := all[0]
	if z.Label != "Volodymyr Zelenskiy" || z.Type != "Person" || z.Mentions != 7 || z.Docs != 2 || z.IRI != iri(zelenskiy) {
		t.Errorf("first entity = %+v; want Zelenskiy, Person, 7 mentions over 2 documents", z)
	}
	for i := 1; i < len(all); i++ {
		if all[i].Mentions > all[i-1].Mentions {
			t.Errorf("not sorted by mentions: %s (%d) after %s (%d)", all[i].Label, all[i].Mentions, all[i-1].Label, all[i-1].Mentions)
		}
	}
	tests := []struct {
		typ  string
		want []string
	}{
		{"Person", []string{"John Kirby", "Kim Jong Un", "Volodymyr Zelenskiy"}},
		{"organization", []string{"National Intelligence Service", "Ukrainian military"}},
		{"City", []string{"Kyiv"}},
		{"place", []string{"Georgia", "Georgia", "Kursk", "Kyiv", "North Korea", "Russia", "South Korea", "Ukraine"}},
		{"Starship", nil},
	}
	for _, tt := range tests {
		es, err := Entities(ctx, qs, tt.typ)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range es {
			got = append(got, e.Label)
		}
		if !reflect.DeepEqual(sorted(got), tt.want) {
			t.Errorf("Entities(%q) = %q, want %q", tt.typ, got, tt.want)
		}
		// The rdf:type index alone finds the same.
		es, err = typedEntities(ctx, qs, tt.typ)
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != len(tt.want) {
			t.Errorf("typedEntities(%q) found %d, want %d", tt.typ, len(es), len(tt.want))
		}
	}
}

// resolveTest is a name and what Resolve should make of it.
type resolveTest struct {
	name      string
	want      string   // entity IRI; "" for an error
	ambiguous []string // candidates' IRIs, sorted, for an *AmbiguousError
	suggest   string   // first suggestion of a *NotFoundError ("" none)
}

func TestResolve(t *testing.T) {
	qs := fixture(t)
	tests := []resolveTest{
		{"zelenskyy", iri(zelenskiy), nil, ""},
		{"ZELENSKIY", iri(zelenskiy), nil, ""},
		{"Zelénskiy", iri(zelenskiy), nil, ""},
		{"volodymyr  zelenskiy", iri(zelenskiy), nil, ""},
		{"Zelenskiy's", iri(zelenskiy), nil, ""},
		{"the NIS", iri(nis), nil, ""},
		{"NIS", iri(nis), nil, ""},
		{"national intelligence service.", iri(nis), nil, ""},
		{"kirby", iri(kirby), nil, ""},
		{"Kim", iri(kim), nil, ""},
		{"kursk region", iri(kursk), nil, ""},
		{"id:john_kirby", iri(kirby), nil, ""},
		{"<https://newsgraph.dev/id/kyiv>", iri(kyiv), nil, ""},
		{"georgia", "", []string{iri(georgiaS), iri(georgiaC)}, ""},
		{"Korea", "", []string{iri(nis), iri(nKorea), iri(sKorea)}, ""},
		{"zelensky", "", nil, "Volodymyr Zelenskiy"},
		{"Kyev", "", nil, "Kyiv"},
		{"xyzzy plugh", "", nil, ""},
		{"nobody", "", nil, ""},
		{"id:nobody_at_all", "", nil, ""},
	}
	// Without preloading, Env.Resolve tries the label index first.
	for _, preload := range []bool{false, true} {
		for _, tt := range tests {
			env := NewEnv(qs)
			if preload {
				if _, err := env.Entities(context.Background()); err != nil {
					t.Fatal(err)
				}
			}
			e, err := env.Resolve(context.Background(), tt.name)
			checkResolve(t, tt, e, err, preload)
		}
	}
}

func checkResolve(t *testing.T, tt resolveTest, e Entity, err error, preload bool) {
	t.Helper()
	var amb *AmbiguousError
	var nf *NotFoundError
	switch {
	case tt.want != "":
		if err != nil || e.IRI != tt.want {
			t.Errorf("Resolve(%q) (preloaded %v) = %s, %v; want %s", tt.name, preload, e.IRI, err, tt.want)
		}
	case tt.ambiguous != nil:
		if !errors.As(err, &amb) {
			t.Errorf("Resolve(%q) (preloaded %v) error = %v; want ambiguous", tt.name, preload, err)
			return
		}
		var got []string
		for _, c := range amb.Candidates {
			got = append(got, c.IRI)
		}
		if !reflect.DeepEqual(sorted(got), tt.ambiguous) {
			t.Errorf("Resolve(%q) candidates = %q, want %q", tt.name, got, tt.ambiguous)
		}
		if !strings.Contains(err.Error(), "(Country)") {
			t.Errorf("ambiguous error does not list types: %v", err)
		}
	default:
		if !errors.As(err, &nf) {
			t.Errorf("Resolve(%q) (preloaded %v) error = %v; want not found", tt.name, preload, err)
			return
		}
		if tt.suggest == "" && len(nf.Suggestions) != 0 {
			t.Errorf("Resolve(%q) suggests %q, want nothing", tt.name, nf.Suggestions)
		}
		if tt.suggest != "" && (len(nf.Suggestions) == 0 || nf.Suggestions[0] != tt.suggest) {
			t.Errorf("Resolve(%q) suggests %q, want %q first", tt.name, nf.Suggestions, tt.suggest)
		}
	}
}

func TestLookupNames(t *testing.T) {
	qs := fixture(t)
	tests := []struct {
		name string
		want []string
	}{
		{"the NIS", []string{iri(nis)}},
		{"john kirby", []string{iri(kirby)}},
		{"GEORGIA", []string{iri(georgiaS), iri(georgiaC)}},
		{"Zelénskiy", nil}, // found only by the full load
		{"kim", nil},
	}
	for _, tt := range tests {
		es, err := lookupNames(context.Background(), qs, tt.name)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range es {
			got = append(got, e.IRI)
		}
		if !reflect.DeepEqual(sorted(got), tt.want) {
			t.Errorf("lookupNames(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestAmbiguousErrorMessage(t *testing.T) {
	var cs []Entity
	for i := 0; i < 12; i++ {
		cs = append(cs, Entity{IRI: iri(fmt.Sprintf("Person/john_%d", i)), Label: "John", Type: "Person"})
	}
	msg := (&AmbiguousError{Name: "john", Candidates: cs}).Error()
	if !strings.Contains(msg, "John (Person) id:john_9") || strings.Contains(msg, "john_10") || !strings.HasSuffix(msg, "… and 2 more") {
		t.Errorf("message:\n%s", msg)
	}
}

func TestSpellings(t *testing.T) {
	tests := map[string][]string{
		"the NIS":       {"NIS", "Nis", "nis"},
		"ZELENSKIY":     {"ZELENSKIY", "Zelenskiy", "zelenskiy"},
		"john  kirby's": {"john kirby", "John Kirby", "JOHN KIRBY"},
		"South Korea’s": {"South Korea", "SOUTH KOREA", "south korea"},
		"the":           {"the", "The", "THE"},
	}
	for in, want := range tests {
		if got := spellings(in); !reflect.DeepEqual(got, want) {
			t.Errorf("spellings(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalizeName(t *testing.T) {
	tests := map[string]string{
		"The  NIS":           "nis",
		"South Korea’s":      "south korea",
		"Zelenskíy":          "zelenskiy",
		"RFE/RL":             "rfe rl",
		"the":                "the",
		"  Kim   Jong-Un!  ": "kim jong un",
	}
	for in, want := range tests {
		if got := NormalizeName(in); got != want {
			t.Errorf("NormalizeName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFacts(t *testing.T) {
	qs := fixture(t)
	ctx := context.Background()
	fs, err := Facts(ctx, qs, iri(zelenskiy))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{id(briefSource, 1, 0), id(seedSource, 0, 0), id(seedSource, 0, 1), id(seedSource, 1, 0)}
	if got := ids(fs); !reflect.DeepEqual(got, want) {
		t.Fatalf("facts of Zelenskiy = %v, want %v (reading order, older document first)", got, want)
	}
	seed := seedArticle()
	h := byID(t, fs, id(seedSource, 0, 0))
	if h.Relation != "hand_over" || h.RelationText != "is prepared to hand over" || h.SubjectLabel != "Volodymyr Zelenskiy" ||
		h.Object != iri(soldiers) || h.ObjectLabel != "North Korean soldiers" || h.Modality != "prepared to" ||
		!strings.HasPrefix(h.Condition, "if reclusive leader Kim Jong Un") || h.AttributionLabel != "Volodymyr Zelenskiy" ||
		h.Confidence != 0.8 || h.Negated || h.Text != seed.Sentences[0].Text || h.Published != "2025-01-12" ||
		!reflect.DeepEqual(h.Args, []Arg{{Prep: "to", Text: "Pyongyang"}}) {
		t.Errorf("hand_over fact = %+v", h)
	}
	// Object side, negation and typed literals.
	fs, err = Facts(ctx, qs, iri(nKorea))
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(fs); !reflect.DeepEqual(got, []string{id(seedSource, 4, 0), id(seedSource, 5, 0)}) {
		t.Fatalf("facts of North Korea = %v", got)
	}
	if c := fs[0]; !c.Negated || c.Relation != "comment" {
		t.Errorf("comment fact = %+v, want negated", c)
	}
	if s := fs[1]; s.ObjectLabel != "some 11,000 troops" || s.Date != "2024" || s.Time != "Last fall" || s.Negated ||
		!reflect.DeepEqual(s.Args, []Arg{{Prep: "to", Entity: iri(kursk), Text: "Kursk"}}) {
		t.Errorf("send fact = %+v", s)
	}
	fs, err = Facts(ctx, qs, iri(kyiv))
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(fs); !reflect.DeepEqual(got, []string{id(briefSource, 2, 0), id(seedSource, 2, 0)}) {
		t.Errorf("facts of Kyiv (as object and as subject) = %v", got)
	}
}

func TestSaid(t *testing.T) {
	qs := fixture(t)
	ctx := context.Background()
	tests := []struct {
		entity string
		want   []string
	}{
		{kirby, []string{id(briefSource, 0, 0), id(seedSource, 6, 0)}},
		{zelenskiy, []string{id(seedSource, 0, 0), id(seedSource, 0, 1), id(seedSource, 1, 0), id(seedSource, 1, 1)}},
		{nis, []string{id(seedSource, 3, 0), id(seedSource, 3, 1)}},
		{sKorea, []string{id(seedSource, 2, 0), id(seedSource, 3, 0)}},
		{kyiv, nil},
	}
	for _, tt := range tests {
		fs, err := Said(ctx, qs, iri(tt.entity))
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(fs); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Said(%s) = %v, want %v", tt.entity, got, tt.want)
		}
	}
	fs, _ := Said(ctx, qs, iri(kirby))
	if len(fs) == 2 && (fs[1].Quote != "North Korean forces were suffering heavy casualties on the front lines" || fs[1].Date != "2024-12-27" || fs[0].Published != "2024-12-28") {
		t.Errorf("Kirby's claims = %+v", fs)
	}
}

func TestWho(t *testing.T) {
	qs := fixture(t)
	ctx := context.Background()
	capture := []string{id(seedSource, 2, 0), id(seedSource, 3, 1)}
	handOver := []string{id(seedSource, 0, 0), id(seedSource, 1, 1)}
	tests := []struct {
		rel, object string
		want        []string
	}{
		{"capture", "", capture},
		{"captured", "", capture},
		{"Capturing", "", capture},
		{"captures", "", capture},
		{"capture", iri(soldiers), capture},
		{"capture", iri(kyiv), nil},
		{"hand_over", "", handOver},
		{"hand over", "", handOver},
		{"handed over", "", handOver},
		{"confirmed", "", []string{id(seedSource, 3, 0)}},
		{"sent", "", []string{id(seedSource, 5, 0)}},
		{"told", "", []string{id(seedSource, 6, 0)}},
		{"prepared to hand", "", handOver}, // relation text → its relation
		{"fly", "", nil},
	}
	for _, tt := range tests {
		fs, err := Who(ctx, qs, tt.rel, tt.object)
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(fs); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Who(%q, %q) = %v, want %v", tt.rel, tt.object, got, tt.want)
		}
	}
}

func TestTimeline(t *testing.T) {
	qs := fixture(t)
	ctx := context.Background()
	all, err := Timeline(ctx, qs, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 13 {
		t.Fatalf("timeline has %d facts, want all 13 (every document is dated)", len(all))
	}
	for i := 1; i < len(all); i++ {
		if all[i].When < all[i-1].When {
			t.Errorf("out of order: %s after %s", all[i].When, all[i-1].When)
		}
	}
	if all[0].ID != id(seedSource, 5, 0) || all[0].When != "2024" || all[0].FromDoc {
		t.Errorf("first = %+v, want North Korea sent troops in 2024", all[0])
	}
	k, err := Timeline(ctx, qs, iri(kirby))
	if err != nil {
		t.Fatal(err)
	}
	want := []Dated{{When: "2024-12-27"}, {When: "2024-12-28", FromDoc: true}}
	if len(k) != 2 || k[0].When != want[0].When || k[0].FromDoc || k[1].When != want[1].When || !k[1].FromDoc ||
		k[0].ID != id(seedSource, 6, 0) || k[1].ID != id(briefSource, 0, 0) {
		t.Errorf("Kirby's timeline = %+v", k)
	}
}

func TestDateKey(t *testing.T) {
	dates := []string{"--12-23", "2025-01-12", "--01-09", "2024", "2024-12", "2024-12-27", "--01"}
	sort.Slice(dates, func(i, j int) bool { return dateKey(dates[i]) < dateKey(dates[j]) })
	want := []string{"2024", "2024-12", "2024-12-27", "2025-01-12", "--01", "--01-09", "--12-23"}
	if !reflect.DeepEqual(dates, want) {
		t.Errorf("date order %q, want %q", dates, want)
	}
}

func TestShortestPath(t *testing.T) {
	qs := fixture(t)
	ctx := context.Background()
	type hop struct {
		from, rel, to string
		reverse       bool
		fact          string
	}
	tests := []struct {
		a, b string
		max  int
		want []hop // nil: no path
	}{
		{kyiv, zelenskiy, 0, []hop{
			{"Kyiv", "capture", "North Korean soldiers", false, id(seedSource, 2, 0)},
			{"North Korean soldiers", "hand_over", "Volodymyr Zelenskiy", true, id(seedSource, 0, 0)}}},
		{zelenskiy, georgiaC, 0, []hop{{"Volodymyr Zelenskiy", "meet", "Georgia", false, id(briefSource, 1, 0)}}},
		{georgiaC, military, 0, []hop{
			{"Georgia", "meet", "Volodymyr Zelenskiy", true, id(briefSource, 1, 0)},
			{"Volodymyr Zelenskiy", "hand_over", "North Korean soldiers", false, id(seedSource, 0, 0)},
			{"North Korean soldiers", "capture", "Ukrainian military", true, id(seedSource, 3, 1)}}},
		{georgiaC, military, 2, nil},
		{kirby, zelenskiy, 0, nil},
		{georgiaS, kyiv, 0, nil}, // the only link is a negated fact
		{kyiv, kyiv, 0, []hop{}},
	}
	for _, tt := range tests {
		hs, err := ShortestPath(ctx, qs, iri(tt.a), iri(tt.b), tt.max)
		if err != nil {
			t.Fatal(err)
		}
		if tt.want == nil {
			if hs != nil {
				t.Errorf("path %s → %s = %+v, want none", tt.a, tt.b, hs)
			}
			continue
		}
		var got []hop
		for _, h := range hs {
			got = append(got, hop{h.FromLabel, h.Relation, h.ToLabel, h.Reverse, h.FactID})
			if h.Text == "" {
				t.Errorf("hop %+v has no sentence", h)
			}
		}
		if got == nil {
			got = []hop{}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("path %s → %s =\n %+v\nwant\n %+v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestSource(t *testing.T) {
	qs := fixture(t)
	ctx := context.Background()
	seed := seedArticle()
	fid := id(seedSource, 3, 1)
	for _, arg := range []string{fid, " " + strings.ToUpper(fid) + " ", string(graph.StatementIRI(graph.DocIRI(seedSource), 3, 1))} {
		p, err := Source(ctx, qs, arg)
		if err != nil {
			t.Fatalf("Source(%q): %v", arg, err)
		}
		f, d := p.Fact, p.Doc
		s := seed.Sentences[3]
		if f.ID != fid || f.Relation != "capture" || f.SubjectLabel != "Ukrainian military" || f.Place != "Kursk" ||
			f.Date != "2025-01-09" || f.Time != "on January 9" || f.AttributionLabel != "National Intelligence Service" {
			t.Errorf("Source(%q) fact = %+v", arg, f)
		}
		if f.Start != s.Start || f.End != s.End || f.SentenceIndex != 3 || seed.Text[f.Start:f.End] != f.Text {
			t.Errorf("Source(%q) offsets %d–%d, index %d, text %q; want %d–%d of the article text", arg, f.Start, f.End, f.SentenceIndex, f.Text, s.Start, s.End)
		}
		if d.Source != seedSource || d.Headline != seed.Headline || d.Published != "2025-01-12" || d.IRI != string(graph.DocIRI(seedSource)) {
			t.Errorf("Source(%q) doc = %+v", arg, d)
		}
	}
	for _, bad := range []string{"deadbeef.0.0", id(seedSource, 3, 9), "not-an-id", ""} {
		if _, err := Source(ctx, qs, bad); err == nil {
			t.Errorf("Source(%q): want an error", bad)
		}
	}
}

func TestDocs(t *testing.T) {
	// Also on a store without ng:sentenceCount and ng:factCount, where the
	// counts are counted.
	bare := memstore.New()
	for _, a := range []*graph.Article{seedArticle(), briefArticle()} {
		qq, err := graph.Quads(a)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range qq {
			if p := string(q.Predicate.(quad.IRI)); p != graph.NGSentenceCount && p != graph.NGFactCount {
				bare.AddQuad(q)
			}
		}
	}
	for name, qs := range map[string]cgraph.QuadStore{"stored counts": fixture(t), "counted": bare} {
		t.Run(name, func(t *testing.T) { testDocs(t, qs) })
	}
}

func testDocs(t *testing.T, qs cgraph.QuadStore) {
	ds, err := Docs(context.Background(), qs)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		src, pub          string
		sents, facts, ent int
	}
	var got []row
	for _, d := range ds {
		got = append(got, row{d.Source, d.Published, d.Sentences, d.Facts, d.Entities})
	}
	want := []row{{briefSource, "2024-12-28", 3, 3, 7}, {seedSource, "2025-01-12", 7, 10, 12}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("docs = %+v, want %+v", got, want)
	}
}

func TestGizmo(t *testing.T) {
	qs := fixture(t)
	ctx := context.Background()
	rs, err := Gizmo(ctx, qs, `g.V("<`+iri(kirby)+`>").Out("<`+graph.RDFSLabel+`>").Unique().All()`, GizmoLimits{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rs, []any{map[string]any{"id": "John Kirby"}}) {
		t.Errorf("Kirby's label = %#v", rs)
	}
	rs, err = Gizmo(ctx, qs, `g.V().Has("<`+graph.RDFType+`>", "<`+graph.SchemaPerson+`>").Unique().Tag("p").Out("<`+graph.RDFSLabel+`>").Unique().All()`, GizmoLimits{})
	if err != nil {
		t.Fatal(err)
	}
	var people []string
	for _, r := range rs {
		people = append(people, r.(map[string]any)["id"].(string))
	}
	if got := sorted(people); !reflect.DeepEqual(got, []string{"John Kirby", "Kim Jong Un", "Volodymyr Zelenskiy"}) {
		t.Errorf("people = %q", got)
	}
	if rs, err = Gizmo(ctx, qs, `g.V().All()`, GizmoLimits{Results: 3}); err != nil || len(rs) != 3 {
		t.Errorf("limit 3: %d results, %v", len(rs), err)
	}
	for _, bad := range []string{`g.V(.Out(`, `g.V().NoSuchStep()`, `throw new Error("boom")`} {
		if _, err := Gizmo(ctx, qs, bad, GizmoLimits{}); err == nil {
			t.Errorf("Gizmo(%q): want an error", bad)
		}
	}
}

// TestBackendsAgree runs the queries on bolt, which stores values
// differently from the memstore, and expects the same answers.
func TestBackendsAgree(t *testing.T) {
	ctx := context.Background()
	mem := fixture(t)
	bolt := openFixture(t, graph.BackendBolt, filepath.Join(t.TempDir(), "db")).QuadStore()
	check := func(name string, a, b any, errA, errB error) {
		t.Helper()
		if errA != nil || errB != nil {
			t.Fatalf("%s: %v / %v", name, errA, errB)
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s differs:\nmemstore %+v\nbolt     %+v", name, a, b)
		}
	}
	e1, err1 := Entities(ctx, mem, "")
	e2, err2 := Entities(ctx, bolt, "")
	check("entities", e1, e2, err1, err2)
	f1, err1 := Facts(ctx, mem, iri(zelenskiy))
	f2, err2 := Facts(ctx, bolt, iri(zelenskiy))
	check("facts", f1, f2, err1, err2)
	t1, err1 := Timeline(ctx, mem, "")
	t2, err2 := Timeline(ctx, bolt, "")
	check("timeline", t1, t2, err1, err2)
	p1, err1 := ShortestPath(ctx, mem, iri(georgiaC), iri(military), 0)
	p2, err2 := ShortestPath(ctx, bolt, iri(georgiaC), iri(military), 0)
	check("path", p1, p2, err1, err2)
	d1, err1 := Docs(ctx, mem)
	d2, err2 := Docs(ctx, bolt)
	check("docs", d1, d2, err1, err2)
}

func run(t *testing.T, env *Env, line string) (string, error) {
	t.Helper()
	args, err := SplitArgs(line)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	err = Run(context.Background(), env, args, &b)
	return b.String(), err
}

func TestCommandsTable(t *testing.T) {
	env := fixtureEnv(t)
	tests := []struct {
		line string
		want []string
	}{
		{"entities --type person", []string{"LABEL", "Volodymyr Zelenskiy  Person  7", "id:john_kirby"}},
		{"facts zelenskiy", []string{"is prepared to hand over", "prepared to", "0.80"}},
		{"facts North Korea", []string{"NOT has commented", "some 11,000 troops"}},
		{"said the NIS", []string{"Through real-time cooperation", id(seedSource, 3, 1)}},
		{"who captured soldiers", []string{"Kyiv", "Ukrainian military", "had captured"}},
		{"who hand over", []string{"Ukraine", "is ready to hand over"}},
		{"timeline kirby", []string{"2024-12-27 ", "2024-12-28*"}},
		{`path "Georgia" to "Ukrainian military"`, []string{}}, // ambiguous: checked below
		{"path kyiv zelenskyy", []string{"capture →", "← hand_over", id(seedSource, 0, 0)}},
		{"path kyiv volodymyr zelenskiy", []string{"capture →", "← hand_over", id(seedSource, 0, 0)}},
		{"path north korean soldiers ukrainian military", []string{"← capture", id(seedSource, 3, 1)}},
		{"source " + id(seedSource, 3, 1), []string{"on January 9 (2025-01-09)", "Kursk", "data/seed/article.txt", "bytes"}},
		{"docs", []string{"Zelenskyy Says Ready", "https://example.org/news/kirby-briefing"}},
		{`gizmo "g.V('<` + iri(kirby) + `>').Out('<` + graph.RDFSLabel + `>').All()"`, []string{"ID", "John Kirby"}},
		{"entities --limit 2", []string{"North Korea"}},
		{"facts kyiv --limit 0", []string{"did not visit", "had captured"}},
		{"who fly", []string{"(no results)"}},
	}
	for _, tt := range tests {
		out, err := run(t, env, tt.line)
		if strings.HasPrefix(tt.line, "path \"Georgia\"") {
			var amb *AmbiguousError
			if !errors.As(err, &amb) {
				t.Errorf("%s: error %v, want ambiguous", tt.line, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.line, err)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: output lacks %q:\n%s", tt.line, w, out)
			}
		}
	}
	if out, _ := run(t, env, "entities --limit 2"); strings.Count(out, "\n") != 3 {
		t.Errorf("--limit 2 printed %d lines:\n%s", strings.Count(out, "\n"), out)
	}
	if out, _ := run(t, env, "facts kyiv"); strings.Contains(out, "NOT did not") {
		t.Errorf("a relation that says not got a second NOT:\n%s", out)
	}
}

func TestCommandsJSON(t *testing.T) {
	env := fixtureEnv(t)
	decode := func(line string, v any) {
		t.Helper()
		out, err := run(t, env, line+" --json")
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		if err := json.Unmarshal([]byte(out), v); err != nil {
			t.Fatalf("%s: %v\n%s", line, err, out)
		}
	}
	var es []Entity
	decode("entities", &es)
	if len(es) != 14 || es[0].Label != "Volodymyr Zelenskiy" || es[0].Mentions != 7 {
		t.Errorf("entities json: %d, %+v", len(es), es[0])
	}
	var fs []Fact
	decode("facts Zelenskiy", &fs)
	if len(fs) != 4 || fs[1].ID != id(seedSource, 0, 0) || fs[1].Condition == "" {
		t.Errorf("facts json: %+v", fs)
	}
	decode("said kirby", &fs)
	if len(fs) != 2 || fs[1].Quote == "" {
		t.Errorf("said json: %+v", fs)
	}
	decode("who capture", &fs)
	if len(fs) != 2 {
		t.Errorf("who json: %+v", fs)
	}
	var ds []Dated
	decode("timeline", &ds)
	if len(ds) != 13 || ds[0].When != "2024" || ds[0].ID == "" {
		t.Errorf("timeline json: %+v", ds[0])
	}
	var hs []Hop
	decode("path kyiv to volodymyr zelenskiy", &hs)
	if len(hs) != 2 || !hs[1].Reverse {
		t.Errorf("path json: %+v", hs)
	}
	var p Provenance
	decode("source "+id(seedSource, 0, 0), &p)
	if p.Fact.Relation != "hand_over" || p.Doc.Source != seedSource {
		t.Errorf("source json: %+v", p)
	}
	var docs []Doc
	decode("docs", &docs)
	if len(docs) != 2 {
		t.Errorf("docs json: %+v", docs)
	}
	fs = []Fact{{ID: "sentinel"}}
	decode("who fly", &fs)
	if len(fs) != 0 {
		t.Errorf("empty result is not []: %+v", fs)
	}
	out, err := run(t, env, `gizmo --json "g.V('<`+iri(kirby)+`>').Out().All()"`)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil || m["id"] == nil {
			t.Errorf("gizmo json line %q: %v", l, err)
		}
	}
	if len(lines) < 3 {
		t.Errorf("gizmo --json gave %d lines", len(lines))
	}
}

func TestCommandErrors(t *testing.T) {
	env := fixtureEnv(t)
	for _, line := range []string{"facts", "said", "who", "path kyiv", "path", "path kyiv to", "path qq rr ss", "source", "source a b", "docs extra", "gizmo", "entities a b", "facts kyiv --limit x", "facts kyiv --bogus", "facts kyiv --type"} {
		if _, err := run(t, env, line); !errors.Is(err, ErrUsage) {
			t.Errorf("%s: error %v, want a usage error", line, err)
		}
	}
	if _, err := run(t, env, "frobnicate"); err == nil || !strings.Contains(err.Error(), "unknown command") {
		t.Errorf("unknown command: %v", err)
	}
	if _, err := run(t, env, "path kirby zelenskiy"); err == nil || !strings.Contains(err.Error(), "no chain") {
		t.Errorf("path without a chain: %v", err)
	}
	if _, err := run(t, env, "gizmo g.V(.Out("); err == nil {
		t.Error("gizmo syntax error: want an error")
	}
}

func TestRegistry(t *testing.T) {
	var names []string
	for _, c := range Commands() {
		names = append(names, c.Name)
		if c.Usage == "" || c.Help == "" || c.Run == nil || !strings.HasPrefix(c.Usage, c.Name) {
			t.Errorf("command %q is incomplete: %+v", c.Name, c)
		}
		if l, ok := Lookup(strings.ToUpper(c.Name)); !ok || l != c {
			t.Errorf("Lookup(%q) failed", c.Name)
		}
	}
	want := []string{"about", "docs", "entities", "facts", "gizmo", "links", "path", "said", "source", "timeline", "who"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("Commands() = %q, want %q", names, want)
	}
	if _, ok := Lookup("nope"); ok {
		t.Error("Lookup(nope) found something")
	}
}

func TestParseArgs(t *testing.T) {
	tests := []struct {
		args []string
		base Options
		want Options
		pos  []string
	}{
		{[]string{"john", "kirby"}, Options{}, Options{}, []string{"john", "kirby"}},
		{[]string{"--json", "x", "--type", "Person", "--limit=3"}, Options{}, Options{JSON: true, Type: "Person", Limit: 3}, []string{"x"}},
		{[]string{"-n", "5", "--type=City"}, Options{JSON: true}, Options{JSON: true, Type: "City", Limit: 5}, nil},
		{[]string{"--", "--json"}, Options{}, Options{}, []string{"--json"}},
	}
	for _, tt := range tests {
		o, pos, err := ParseArgs(tt.base, tt.args)
		if err != nil || o != tt.want || !reflect.DeepEqual(pos, tt.pos) {
			t.Errorf("ParseArgs(%q) = %+v, %q, %v; want %+v, %q", tt.args, o, pos, err, tt.want, tt.pos)
		}
	}
}

func TestSplitArgs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		err  bool
	}{
		{`path "John Kirby" zelenskiy`, []string{"path", "John Kirby", "zelenskiy"}, false},
		{`said 'the NIS'  --json`, []string{"said", "the NIS", "--json"}, false},
		{`a\ b "c\"d" ''`, []string{"a b", `c"d`, ""}, false},
		{`facts "unclosed`, nil, true},
		{"   ", nil, false},
	}
	for _, tt := range tests {
		got, err := SplitArgs(tt.in)
		if (err != nil) != tt.err || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SplitArgs(%q) = %q, %v; want %q (error %v)", tt.in, got, err, tt.want, tt.err)
		}
	}
}

// TestArgWithoutPreposition: an extra argument stored as ng:arg (no
// preposition) reads back with an empty Prep, not the predicate's IRI.
func TestArgWithoutPreposition(t *testing.T) {
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Options{Backend: graph.BackendMemstore})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := article("doc://args", "Args", time.Time{}, []string{"Kirby told reporters that troops suffered."},
		[]graph.Entity{{Key: kirby, Name: "John Kirby", Type: "Person", Mentions: 1}},
		[]graph.Fact{{Sentence: 0, Subject: ent(kirby), Relation: "tell", Object: graph.Term{Text: "reporters"},
			Args: []graph.Arg{{Term: graph.Term{Text: "troops suffered"}}, {Prep: "on", Term: graph.Term{Text: "Monday"}}}, Confidence: 0.5}})
	if _, err := st.WriteArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	fs, err := Facts(ctx, st.QuadStore(), iri(kirby))
	if err != nil || len(fs) != 1 {
		t.Fatalf("facts: %v, %v", fs, err)
	}
	got := fs[0].Args
	if len(got) != 2 || got[0].Prep != "" || got[0].Text != "troops suffered" || got[1].Prep != "on" {
		t.Errorf("args = %+v, want [{\"\" troops suffered} {on Monday}]", got)
	}
}
