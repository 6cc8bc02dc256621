package link

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wdSpec describes one entity of a synthetic Wikidata dump.
type wdSpec struct {
	id, label string
	aliases   []string
	p31, p17  string
	capitalOf string
	lat, lon  float64
	pop       int64
	enwiki    string
	sitelinks int
	demonym   string
	iso2      string
}

// dumpEntity writes one entity in the real format of the Wikidata JSON
// dump (labels, descriptions and aliases in many languages, claims with
// mainsnak, qualifiers and references, sitelinks), so the build reads
// entities of real shape and size.
func dumpEntity(s wdSpec) []byte {
	langs := []string{"en", "de", "fr", "es", "it", "ru", "uk", "pl", "nl", "pt", "sv", "ja", "zh", "ar", "ko", "tr", "cs", "fi", "hu", "ro"}
	text := func(lang, v string) map[string]any { return map[string]any{"language": lang, "value": v} }
	labels, descs, aliases := map[string]any{}, map[string]any{}, map[string]any{}
	for _, l := range langs {
		labels[l] = text(l, s.label)
		descs[l] = text(l, "synthetic description of "+s.label+" in "+l)
	}
	var al []any
	for _, a := range s.aliases {
		al = append(al, text("en", a))
	}
	if al != nil {
		aliases["en"] = al
	}
	aliases["de"] = []any{text("de", s.label+" (de)")}
	ref := []any{map[string]any{"hash": "fa278ebfc458360e5aed63d5058cca83c46134f1", "snaks": map[string]any{
		"P143": []any{map[string]any{"snaktype": "value", "property": "P143", "datavalue": map[string]any{
			"value": map[string]any{"entity-type": "item", "numeric-id": 328, "id": "Q328"}, "type": "wikibase-entityid"},
			"datatype": "wikibase-item"}}}, "snaks-order": []any{"P143"}}}
	claim := func(prop string, dv map[string]any, dt string) []any {
		return []any{map[string]any{"mainsnak": map[string]any{"snaktype": "value", "property": prop, "datavalue": dv,
			"datatype": dt}, "type": "statement", "id": s.id + "$" + prop, "rank": "normal", "references": ref}}
	}
	item := func(prop, q string) []any {
		var n int
		fmt.Sscanf(q, "Q%d", &n)
		return claim(prop, map[string]any{"value": map[string]any{"entity-type": "item", "numeric-id": n, "id": q},
			"type": "wikibase-entityid"}, "wikibase-item")
	}
	claims := map[string]any{}
	if s.p31 != "" {
		claims["P31"] = item("P31", s.p31)
	}
	if s.p17 != "" {
		claims["P17"] = item("P17", s.p17)
	}
	if s.capitalOf != "" {
		claims["P1376"] = item("P1376", s.capitalOf)
	}
	if s.lat != 0 || s.lon != 0 {
		claims["P625"] = claim("P625", map[string]any{"value": map[string]any{"latitude": s.lat, "longitude": s.lon,
			"altitude": nil, "precision": 0.0001, "globe": "http://www.wikidata.org/entity/Q2"}, "type": "globecoordinate"},
			"globe-coordinate")
	}
	if s.pop > 0 {
		claims["P1082"] = claim("P1082", map[string]any{"value": map[string]any{"amount": fmt.Sprintf("+%d", s.pop), "unit": "1"},
			"type": "quantity"}, "quantity")
	}
	if s.demonym != "" {
		claims["P1549"] = claim("P1549", map[string]any{"value": text("en", s.demonym), "type": "monolingualtext"}, "monolingualtext")
	}
	if s.iso2 != "" {
		claims["P297"] = claim("P297", map[string]any{"value": s.iso2, "type": "string"}, "external-id")
	}
	for i := 0; i < 8; i++ { // properties linking ignores
		p := fmt.Sprintf("P%d", 2000+i)
		claims[p] = claim(p, map[string]any{"value": fmt.Sprintf("ext-%s-%d", s.id, i), "type": "string"}, "external-id")
	}
	sl := map[string]any{}
	if s.enwiki != "" {
		sl["enwiki"] = map[string]any{"site": "enwiki", "title": s.enwiki, "badges": []any{}}
	}
	for i := 0; len(sl) < s.sitelinks; i++ {
		site := fmt.Sprintf("%swiki", langs[(i+1)%len(langs)]) + fmt.Sprint(i)
		sl[site] = map[string]any{"site": site, "title": s.label, "badges": []any{}}
	}
	e := map[string]any{"type": "item", "id": s.id, "labels": labels, "descriptions": descs, "aliases": aliases,
		"claims": claims, "sitelinks": sl, "pageid": 1, "ns": 0, "title": s.id, "lastrevid": 1, "modified": "2024-01-01T00:00:00Z"}
	raw, _ := json.Marshal(e)
	return raw
}

// testEntities are real items (their real IDs and names) in dump form.
var testEntities = []wdSpec{
	{id: "Q212", label: "Ukraine", aliases: []string{"UA", "UKR"}, p31: "Q3624078", lat: 49, lon: 32, pop: 41000000,
		enwiki: "Ukraine", sitelinks: 300, demonym: "Ukrainian", iso2: "UA"},
	{id: "Q1899", label: "Kyiv", aliases: []string{"Kiev"}, p31: "Q1549591", p17: "Q212", capitalOf: "Q212",
		lat: 50.45, lon: 30.52, pop: 2900000, enwiki: "Kyiv", sitelinks: 250},
	{id: "Q3874799", label: "Volodymyr Zelenskyy", aliases: []string{"Volodymyr Zelensky", "Volodymyr Zelenskiy", "Zelenskyy"},
		p31: "Q5", p17: "Q212", enwiki: "Volodymyr Zelenskyy", sitelinks: 150},
	{id: "Q30", label: "United States of America", aliases: []string{"United States", "USA", "U.S.", "America"},
		p31: "Q3624078", pop: 331000000, enwiki: "United States", sitelinks: 300, demonym: "American", iso2: "US"},
	{id: "Q312", label: "Apple Inc.", aliases: []string{"Apple"}, p31: "Q891723", p17: "Q30", enwiki: "Apple Inc.", sitelinks: 120},
	{id: "Q89", label: "apple", p31: "Q1364", enwiki: "Apple", sitelinks: 200},
	{id: "Q99999999", label: "Obscure Hamlet", p31: "Q486972", sitelinks: 1},
}

// writeDump writes a dump in the official framing ("[", one entity per
// line with a trailing comma, "]"): the test entities, then n synthetic
// ones, with a malformed line every bad lines (0: none).
func writeDump(w io.Writer, n, bad int) {
	io.WriteString(w, "[\n")
	line := 0
	emit := func(b []byte, last bool) {
		w.Write(b)
		if !last {
			io.WriteString(w, ",")
		}
		io.WriteString(w, "\n")
		line++
		if bad > 0 && line%bad == 0 {
			io.WriteString(w, `{"type":"item","id":"Q1","labels":{"en":{"language":"en","value":"truncated`+"\n")
		}
	}
	for i, s := range testEntities {
		emit(dumpEntity(s), i == len(testEntities)-1 && n == 0)
	}
	for i := 0; i < n; i++ {
		s := wdSpec{id: fmt.Sprintf("Q%d", 50000000+i), label: fmt.Sprintf("Synthetic Town %d", i), p31: "Q486972",
			p17: "Q212", lat: 48 + float64(i%100)/100, lon: 30, pop: int64(1000 + i), enwiki: fmt.Sprintf("Synthetic Town %d", i),
			sitelinks: 5 + i%40}
		emit(dumpEntity(s), i == n-1)
	}
	io.WriteString(w, "]\n")
}

var updateDump = flag.Bool("update-dump", false, "rewrite testdata/dump.json.bz2 (needs the bzip2 command)")

// TestBuildFile: kb build on gzip and bzip2 dumps with malformed lines
// counts and skips them, and the KB links the test entities.
func TestBuildFile(t *testing.T) {
	var plain bytes.Buffer
	writeDump(&plain, 20, 5)
	if *updateDump {
		if err := os.WriteFile("testdata/dump.json", plain.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Skip("now run: bzip2 -f testdata/dump.json")
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(plain.Bytes())
	zw.Close()
	dir := t.TempDir()
	gzPath := filepath.Join(dir, "dump.json.gz")
	os.WriteFile(gzPath, gz.Bytes(), 0o644)
	for _, dump := range []string{gzPath, "testdata/dump.json.bz2"} {
		t.Run(filepath.Base(dump), func(t *testing.T) {
			r, err := OpenDump(dump)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if strings.HasSuffix(dump, ".bz2") {
				all, err := io.ReadAll(r)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(all, plain.Bytes()) {
					t.Fatalf("testdata/dump.json.bz2 is not what writeDump writes: go test ./loaders/link -run TestBuildFile -update-dump")
				}
				r.Close()
				r, _ = OpenDump(dump)
			}
			out := filepath.Join(dir, filepath.Base(dump)+".kb")
			st, err := BuildFile(context.Background(), r, dump, out, BuildOptions{MinSitelinks: 2, Batch: 7})
			if err != nil {
				t.Fatal(err)
			}
			lines := len(testEntities) + 20
			if st.Lines != lines+lines/5 || st.Malformed != lines/5 || st.Kept != lines-1 || st.Skipped != 1 {
				t.Errorf("stats %+v; want %d lines, %d malformed, %d kept, 1 skipped (min sitelinks)", st, lines+lines/5, lines/5, lines-1)
			}
			kb, err := OpenFile(out)
			if err != nil {
				t.Fatal(err)
			}
			defer kb.Close()
			checkLinks(t, kb)
		})
	}
}

func checkLinks(t *testing.T, kb KB) {
	t.Helper()
	ctx := context.Background()
	for _, c := range []struct{ name, typ, want string }{
		{"Zelenskyy", Person, "Q3874799"},
		{"Volodymyr Zelenskiy", Person, "Q3874799"},
		{"U.S.", Country, "Q30"},
		{"the United States", Organization, "Q30"},
		{"Kyiv", City, "Q1899"},
		{"Kiev", Place, "Q1899"},
		{"Apple", Organization, "Q312"},
		{"apple", Thing, ""},         // lower case: the fruit is no named entity to link
		{"Obscure Hamlet", City, ""}, // filtered by --min-sitelinks
		{"Ukrainians", Group, ""},    // only "Ukrainian" is listed
		{"Ukrainian", Group, "Q212"}, // demonym
	} {
		cands, err := kb.Candidates(ctx, c.name)
		if err != nil {
			t.Fatal(err)
		}
		d, ok := Best(Mention{Name: c.name, Type: c.typ}, cands, nil)
		got := ""
		if ok {
			got = d.Item.ID
		}
		if got != c.want {
			t.Errorf("%q (%s) → %q %v, want %q", c.name, c.typ, got, d.Features, c.want)
		}
	}
	it, ok, err := kb.Item(ctx, "Q1899")
	if err != nil || !ok || it.Country != "Q212" || it.Capital != "Q212" || !it.HasCoord || len(it.SameAs) != 1 ||
		it.SameAs[0] != DBpediaNS+"Kyiv" {
		t.Errorf("Kyiv = %+v, %v, %v", it, ok, err)
	}
}

func TestBuildFileNotADump(t *testing.T) {
	dir := t.TempDir()
	_, err := BuildFile(context.Background(), strings.NewReader("hello\nworld\n"), "x.json", filepath.Join(dir, "x.kb"), BuildOptions{})
	if err == nil || !strings.Contains(err.Error(), "no line is a Wikidata entity") {
		t.Errorf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.kb")); err == nil {
		t.Error("a KB file was written for a bad dump")
	}
	if _, err := OpenFile(filepath.Join(dir, "x.kb")); err == nil {
		t.Error("OpenFile of a missing file: no error")
	}
}

// BenchmarkBuildFile measures the build rate on a synthetic dump of
// real-format entities (b.N entities; entities/s reported).
func BenchmarkBuildFile(b *testing.B) {
	dir := b.TempDir()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	writeDump(zw, b.N, 0)
	zw.Close()
	b.SetBytes(int64(buf.Len()) / int64(b.N))
	b.ResetTimer()
	r, _ := gzip.NewReader(bytes.NewReader(buf.Bytes()))
	st, err := BuildFile(context.Background(), r, "bench", filepath.Join(dir, "b.kb"), BuildOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(st.Rate(), "entities/s")
}

var (
	synthOut = flag.String("synthetic-dump", "", "write a gzipped synthetic dump of -synthetic-n real-format entities here (for kb build measurements)")
	synthN   = flag.Int("synthetic-n", 100000, "entities in the synthetic dump")
)

// TestWriteSyntheticDump writes the dump docs/benchmarks.md measures kb
// build on; it does nothing without -synthetic-dump.
func TestWriteSyntheticDump(t *testing.T) {
	if *synthOut == "" {
		t.Skip("no -synthetic-dump")
	}
	f, err := os.Create(*synthOut)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	writeDump(zw, *synthN, 0)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
