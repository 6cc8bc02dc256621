package web

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
)

func get(t *testing.T, base, path string) (int, string, http.Header) {
	t.Helper()
	res, err := http.Get(base + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(b), res.Header
}

var (
	zelenskiyID = queries.EntityPath(string(graph.EntityIRI(zelenskiy)))
	evilID      = queries.EntityPath(string(graph.EntityIRI(evil)))
	evil2ID     = queries.EntityPath(string(graph.EntityIRI(evil2)))
	seedDocID   = queries.DocID(string(graph.DocIRI(seedSource)))
	evilDocID   = queries.DocID(string(graph.DocIRI(evilSource)))
	handOverID  = graph.FactID(graph.DocIRI(seedSource), 0, 0)
	evilSayID   = graph.FactID(graph.DocIRI(evilSource), 0, 1)
)

func TestPages(t *testing.T) {
	ts, _ := testServer(t, Options{})
	q := url.QueryEscape
	for _, c := range []struct {
		path string
		code int
		want []string
	}{
		{"/", 200, []string{"Most mentioned", "Volodymyr Zelenskiy", "Latest articles"}},
		{"/search?q=zelensk", 200, []string{`class="hit"`, "Volodymyr Zelenskiy", "Zelenskyy Says Ready"}},
		{"/search?q=zelensk&type=Organization", 200, []string{"Nothing matches"}},
		{"/search?q=kursk&type=document", 200, []string{"Nothing matches"}},
		{"/entity?id=" + q(zelenskiyID), 200, []string{`id="label">Volodymyr Zelenskiy<`, "Zelenskyy", `href="` + wikidataZelenskiy + `"`,
			"hand over", "prepared to", "if reclusive leader", "80%", `href="/fact?id=` + handOverID + `"`, "he is prepared to hand over"}},
		{"/entity?name=kirby", 200, []string{"John Kirby", "North Korean forces were suffering"}},
		{"/fact?id=" + handOverID, 200, []string{`<mark class="hl" id="hl">`, `<span class="m-subj" title="subject">Ukrainian President Volodymyr Zelenskiy</span>`,
			`<span class="m-rel" title="relation">hand over</span>`, `<span class="m-obj" title="object">captured North Korean soldiers</span>`, "Last fall"}},
		// Marks found in the sentence when the store has no offsets.
		{"/fact?id=" + graph.FactID(graph.DocIRI(seedSource), 2, 1), 200, []string{`<span class="m-subj" title="subject">Ukrainian military</span>`, `<span class="m-rel" title="relation">captured</span>`}},
		{"/doc?id=" + seedDocID, 200, []string{"Zelenskyy Says Ready", "2025-01-12", "RFE/RL", `<svg class="picture"`, "Kirby"}},
		{"/docs", 200, []string{"Zelenskyy Says Ready"}},
		{"/neighbourhood?id=" + q(zelenskiyID), 200, []string{`data-iri="https://newsgraph.dev/id/north_korean_soldiers"`, "hand over"}},
		{"/neighbourhood?id=" + q(zelenskiyID) + "&hops=2", 200, []string{"Ukrainian military"}},
		{"/neighbourhood?id=" + q(zelenskiyID) + "&hops=2&min_confidence=0.9", 200, []string{"No facts between entities match"}},
		{"/neighbourhood?id=" + q(zelenskiyID) + "&hops=2&from=2025-01-10", 200, []string{"hand over"}},
		{"/path?a=zelenskiy&b=" + q("ukrainian military"), 200, []string{"hand over", "capture", handOverID}},
		{"/path", 200, []string{"How are they connected"}},
		{"/api/search?q=zelensk", 200, []string{`"label": "Volodymyr Zelenskiy"`}},
		{"/api/entity?id=" + q(zelenskiyID), 200, []string{`"same_as": [`, wikidataZelenskiy}},
		{"/api/fact?id=" + handOverID, 200, []string{`"marks"`}},
		{"/api/doc?id=" + seedDocID, 200, []string{`"sentences"`}},
		{"/api/docs", 200, []string{seedDocID}},
		{"/api/entities?type=Person&limit=2", 200, []string{`"type": "Person"`}},
		{"/api/neighbourhood?id=" + q(zelenskiyID) + "&format=svg", 200, []string{`<svg xmlns="http://www.w3.org/2000/svg"`}},
		{"/api/neighbourhood?id=" + q(zelenskiyID) + "&format=dot", 200, []string{"digraph newsgraph", `"hand over"`}},
		{"/api/docgraph?id=" + seedDocID, 200, []string{`"edges"`}},
		{"/api/path?a=zelenskiy&b=" + q("ukrainian military"), 200, []string{`"found": true`}},
		{"/static/style.css", 200, []string{"--accent"}},
		// Errors: clear, with the right status.
		{"/entity?id=person/nobody", 404, []string{"no entity"}},
		{"/entity?name=zzzzzz", 404, []string{"no entity named"}},
		{"/entity", 400, []string{"give the entity"}},
		{"/fact?id=abc", 404, []string{"fact ID"}},
		{"/doc?id=0000000000000000", 404, []string{"no document"}},
		{"/neighbourhood?id=" + q(zelenskiyID) + "&hops=3", 400, []string{"hops"}},
		{"/neighbourhood?id=" + q(zelenskiyID) + "&from=yesterday", 400, []string{"from"}},
		{"/api/neighbourhood?id=" + q(zelenskiyID) + "&format=png", 400, []string{"format"}},
		{"/api/entity?id=person/nobody", 404, []string{`"error"`}},
		{"/nope", 404, []string{"no page"}},
		{"/gizmo", 404, []string{"no page"}},
	} {
		code, body, h := get(t, ts.URL, c.path)
		if code != c.code {
			t.Errorf("%s: status %d, want %d\n%.400s", c.path, code, c.code, body)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: no %q in\n%.2000s", c.path, w, body)
			}
		}
		if !strings.HasPrefix(c.path, "/static") && h.Get("Content-Security-Policy") == "" {
			t.Errorf("%s: no Content-Security-Policy", c.path)
		}
	}
}

// TestEscaping: names, quotes and headlines with markup come out as text
// on every page and in every picture.
func TestEscaping(t *testing.T) {
	ts, _ := testServer(t, Options{})
	q := url.QueryEscape
	for _, p := range []string{
		"/", "/search?q=mallory", "/search?q=" + q("<script>"), "/entity?id=" + q(evilID), "/entity?id=" + q(evil2ID),
		"/entity?id=" + q(zelenskiyID), "/fact?id=" + evilSayID, "/doc?id=" + evilDocID, "/docs",
		"/neighbourhood?id=" + q(evilID) + "&hops=2", "/path?a_id=" + q(evilID) + "&b_id=" + q(evil2ID),
		"/api/neighbourhood?id=" + q(evilID) + "&format=svg", "/api/docgraph?id=" + evilDocID + "&format=svg",
	} {
		code, body, _ := get(t, ts.URL, p)
		if code != 200 {
			t.Errorf("%s: status %d: %.300s", p, code, body)
			continue
		}
		for _, bad := range []string{"<script>alert", "<img src=x", "<b>bold", "<i>Mal", `href="javascript:`} {
			if strings.Contains(body, bad) {
				i := strings.Index(body, bad)
				t.Errorf("%s: unescaped %q: …%s…", p, bad, body[max(i-80, 0):min(i+80, len(body))])
			}
		}
		// Every </svg> closes an <svg>: none comes from the text.
		if o, c := strings.Count(body, "<svg"), strings.Count(body, "</svg>"); o != c {
			t.Errorf("%s: %d <svg but %d </svg>", p, o, c)
		}
	}
	_, body, _ := get(t, ts.URL, "/entity?id="+q(evilID))
	if !strings.Contains(body, "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;") {
		t.Errorf("the evil name is not shown escaped:\n%.3000s", body)
	}
	var d queries.EntityDetail
	_, js, _ := get(t, ts.URL, "/api/entity?id="+q(evilID))
	if err := json.Unmarshal([]byte(js), &d); err != nil || d.Label != evilName {
		t.Errorf("JSON label = %q (%v), want the name as is", d.Label, err)
	}
}

// TestReadOnly: without --writable there is no write endpoint; with it a
// document can be removed and search forgets it.
func TestReadOnly(t *testing.T) {
	ts, _ := testServer(t, Options{})
	res, err := http.Post(ts.URL+"/api/remove?doc="+url.QueryEscape(evilSource), "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /api/remove on a read-only server: %d", res.StatusCode)
	}
	ts, _ = testServer(t, Options{Writable: true})
	res, err = http.Post(ts.URL+"/api/remove?doc="+url.QueryEscape(evilSource), "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("POST /api/remove with Writable: %d", res.StatusCode)
	}
	if _, body, _ := get(t, ts.URL, "/api/search?q=mallory"); strings.Contains(body, "Mallory") {
		t.Errorf("removed document still found: %s", body)
	}
}

func TestGizmo(t *testing.T) {
	ts, _ := testServer(t, Options{AllowGizmo: true, GizmoTimeout: 2 * time.Second, GizmoLimit: 2})
	post := func(q string) (int, string) {
		res, err := http.PostForm(ts.URL+"/api/gizmo", url.Values{"q": {q}})
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	code, body := post(`g.V("<https://newsgraph.dev/id/volodymyr_zelenskiy>").Out().All()`)
	var v struct{ Results []any }
	if err := json.Unmarshal([]byte(body), &v); code != 200 || err != nil || len(v.Results) != 2 {
		t.Errorf("gizmo: %d %v %d results (want the limit, 2): %s", code, err, len(v.Results), body)
	}
	start := time.Now()
	code, body = post(`while (true) {}`)
	if code != 400 || !strings.Contains(body, "ran longer than 2s (--gizmo-timeout)") {
		t.Errorf("endless query: %d %s", code, body)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("endless query took %s", d)
	}
	if code, body := post(`g.V(`); code != 400 {
		t.Errorf("syntax error: %d %s", code, body)
	}
	if code, body, _ := get(t, ts.URL, "/gizmo"); code != 200 || !strings.Contains(body, "<textarea") {
		t.Errorf("/gizmo: %d", code)
	}
	// A POST from another site is refused (cross-origin protection).
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/gizmo", strings.NewReader("q=g.V().All()"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site POST: %d, want 403", res.StatusCode)
	}
}

// TestDraw: the pictures are deterministic and hold what the graph holds.
func TestDraw(t *testing.T) {
	sg := queries.Subgraph{Center: "https://newsgraph.dev/id/person/a",
		Nodes: []queries.Node{{IRI: "https://newsgraph.dev/id/person/a", Label: "A", Type: "Person"},
			{IRI: "https://newsgraph.dev/id/place/b", Label: `B "</svg>"`, Type: "Place", Hop: 1},
			{IRI: "https://newsgraph.dev/id/organization/c", Label: "C", Type: "Organization", Hop: 1}},
		Edges: []queries.Edge{{From: "https://newsgraph.dev/id/person/a", To: "https://newsgraph.dev/id/place/b", Relation: "visit", Count: 3},
			{From: "https://newsgraph.dev/id/organization/c", To: "https://newsgraph.dev/id/person/a", Relation: "hire", Count: 1}}}
	var a, b strings.Builder
	if err := SVG(&a, sg, DrawOptions{Standalone: true}); err != nil {
		t.Fatal(err)
	}
	if err := SVG(&b, sg, DrawOptions{Standalone: true}); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Error("SVG differs between runs")
	}
	for _, w := range []string{`class="node person center"`, "visit ×3", "hire", `B &#34;&lt;/svg&gt;&#34;`, `marker-end="url(#arrow)"`} {
		if !strings.Contains(a.String(), w) {
			t.Errorf("SVG: no %q", w)
		}
	}
	for _, p := range layout(sg, false) {
		if p.x < 0 || p.x > picW || p.y < 0 || p.y > picH {
			t.Errorf("node outside the picture: %+v", p)
		}
	}
	var d strings.Builder
	if err := DOT(&d, sg); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`"https://newsgraph.dev/id/person/a" -> "https://newsgraph.dev/id/place/b" [label="visit ×3"`, `label="B \"</svg>\""`} {
		if !strings.Contains(d.String(), w) {
			t.Errorf("DOT: no %q in\n%s", w, d.String())
		}
	}
}
