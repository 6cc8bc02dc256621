package document

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// readAll reads every item of args, failing the test on problems unless
// wantProblems.
func readItems(t *testing.T, o Options, args ...string) (docs []*Document, errs []error) {
	t.Helper()
	for d, err := range o.Documents(context.Background(), args) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		docs = append(docs, d)
	}
	return docs, errs
}

const story = "The regional council voted on Tuesday to approve a new flood defence scheme for the river valley, after three years of consultation."

func TestJSONLines(t *testing.T) {
	dir := tree(t, map[string]string{
		"news.jsonl": `{"url": "https://example.com/a", "title": "Council approves flood plan", "date": "2024-03-05", "publisher": "Valley News", "text": "` + story + `"}` + "\n" +
			"\n" + // blank lines are passed over
			`{"id": "b7", "headline": "Second story", "published_at": "2024-03-06T10:00:00Z", "authors": ["Ann Lee", "Bo Chan"], "body": "The mayor said on Monday the plan would cost 40 million euros."}` + "\n" +
			`{"title": "Third", "html": "<html><body><article><p>` + story + `</p><p>` + story + `</p></article></body></html>"}` + "\n" +
			`{"title": "No text"}` + "\n" +
			`not json` + "\n" +
			`{"title": "Bad date", "date": "next week", "text": "Words."}` + "\n" +
			// news-please's keys
			`{"url": "https://example.com/np", "title": "News-please", "date_publish": "2019-01-04 10:30:00", "source_domain": "example.com", "maintext": "` + story + `"}`,
	})
	docs, errs := readItems(t, Options{}, filepath.Join(dir, "news.jsonl"))
	if len(docs) != 4 || len(errs) != 3 {
		t.Fatalf("%d documents, errors %v; want 4 and 3", len(docs), errs)
	}
	if np := docs[3]; np.Published.Format(time.RFC3339) != "2019-01-04T10:30:00Z" || np.Publisher != "example.com" || np.Text != story {
		t.Errorf("news-please line = %+v", np)
	}
	a := docs[0]
	if a.Source != "https://example.com/a" || a.Headline != "Council approves flood plan" || dateString(a.Published) != "2024-03-05" || a.Publisher != "Valley News" || a.Text != story {
		t.Errorf("first = %+v", a)
	}
	b := docs[1]
	if !strings.HasSuffix(b.Source, "news.jsonl#b7") || b.Headline != "Second story" || b.Byline != "Ann Lee, Bo Chan" || b.Published.Format(time.RFC3339) != "2024-03-06T10:00:00Z" {
		t.Errorf("second = %+v", b)
	}
	if c := docs[2]; c.Format != HTML || !strings.HasSuffix(c.Source, "news.jsonl#4") || c.Headline != "Third" || !strings.Contains(c.Text, "flood defence") {
		t.Errorf("third = %+v", c)
	}
	for i, want := range []string{"news.jsonl:5: empty article (no \"text\" or \"html\" field)", "news.jsonl:6: not a text or HTML file (not a JSON object", "news.jsonl:7: date \"next week\": bad article metadata"} {
		if !strings.Contains(errs[i].Error(), want) || strings.Contains(errs[i].Error(), "\n") {
			t.Errorf("error %d = %v, want one line holding %q", i, errs[i], want)
		}
	}
}

func TestIndex(t *testing.T) {
	// The layout of ../shared/wikinews/INDEX.tsv: a path relative to the
	// folder above, url, date, title and columns newsgraph does not use.
	dir := tree(t, map[string]string{
		"wikinews/INDEX.tsv": "file\tsource_repo\turl\tdate\tcategory\ttitle\n" +
			"wikinews/wn-001.txt\tx/y\thttps://en.wikinews.org/wiki/One\t2019-01-04\tnews\tStory one\n" +
			"wikinews/wn-002.txt\tx/y\thttps://en.wikinews.org/wiki/Two\t2019-01-05\tnews\tStory two\n",
		"wikinews/wn-001.txt": "Story one\n\nYesterday the council met. " + story,
		"wikinews/wn-002.txt": "Story two\n\nFriday, January 4, 2019\n\n" + story,
		"wikinews/wn-003.txt": "Story three\n\n" + story,
		"index.jsonl":         `{"path": "wikinews/wn-003.txt", "date": "2020-02-02", "publisher": "Wikinews"}` + "\n",
	})
	ix, err := LoadIndex(filepath.Join(dir, "wikinews/INDEX.tsv"))
	if err != nil || ix.Len() != 2 {
		t.Fatalf("LoadIndex: %v, %d rows", err, ix.Len())
	}
	docs, errs := readItems(t, Options{Index: ix}, filepath.Join(dir, "wikinews"))
	if len(errs) != 1 || !errors.Is(errs[0], ErrNotText) || len(docs) != 3 { // INDEX.tsv is skipped
		t.Fatalf("%d docs, errors %v", len(docs), errs)
	}
	if d := docs[0]; dateString(d.Published) != "2019-01-04" || d.Source != "https://en.wikinews.org/wiki/One" || d.Headline != "Story one" {
		t.Errorf("wn-001 = %+v", d)
	}
	if d := docs[1]; dateString(d.Published) != "2019-01-05" {
		t.Errorf("wn-002: the index's date %v should win over the text's", d.Published)
	}
	if d := docs[2]; !d.Published.IsZero() || !filepath.IsAbs(d.Source) {
		t.Errorf("wn-003 is not in the index but got %+v", d)
	}
	plain, _ := readItems(t, Options{}, filepath.Join(dir, "wikinews/wn-001.txt"))
	if plain[0].Hash == docs[0].Hash {
		t.Error("metadata from the index does not change the hash: a re-ingest would keep the old date")
	}

	jx, err := LoadIndex(filepath.Join(dir, "index.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	docs, _ = readItems(t, Options{Index: jx}, filepath.Join(dir, "wikinews/wn-003.txt"))
	if d := docs[0]; dateString(d.Published) != "2020-02-02" || d.Publisher != "Wikinews" {
		t.Errorf("JSON Lines index: %+v", d)
	}

	// The user's flags win over the index.
	docs, _ = readItems(t, Options{Index: ix, Meta: Meta{Published: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), Title: "Mine"}}, filepath.Join(dir, "wikinews/wn-001.txt"))
	if d := docs[0]; dateString(d.Published) != "2021-01-01" || d.Headline != "Mine" || d.Source != "https://en.wikinews.org/wiki/One" {
		t.Errorf("flags over index: %+v", d)
	}

	for name, content := range map[string]string{
		"noheader.tsv": "a\tb\n",
		"baddate.tsv":  "path\tdate\nx.txt\tsoon\n",
		"bad.jsonl":    "{\n",
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(content), 0o644)
		if _, err := LoadIndex(p); !errors.Is(err, ErrBadMeta) || !strings.HasPrefix(err.Error(), p) || strings.Contains(err.Error(), "\n") {
			t.Errorf("LoadIndex(%s) = %v, want one line naming it, wrapping ErrBadMeta", name, err)
		}
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"2019-01-04":                    "2019-01-04T00:00:00Z",
		"2019-01-04T10:30:00+02:00":     "2019-01-04T08:30:00Z",
		"2019-01-04 10:30":              "2019-01-04T10:30:00Z",
		"Fri, 04 Jan 2019 10:30:00 GMT": "2019-01-04T10:30:00Z",
		"4 January 2019":                "2019-01-04T00:00:00Z",
		"January 4, 2019":               "2019-01-04T00:00:00Z",
		"Friday, January 4, 2019":       "2019-01-04T00:00:00Z",
	} {
		got, err := ParseDate(in)
		if err != nil || got.Format(time.RFC3339) != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "yesterday", "2019-13-01", "04/01/2019"} {
		if _, err := ParseDate(bad); !errors.Is(err, ErrBadMeta) {
			t.Errorf("ParseDate(%q) = %v, want ErrBadMeta", bad, err)
		}
	}
}

const rss = `<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Valley News</title><link>https://valley.example/</link>
<item><title>Council approves flood plan</title><link>https://valley.example/flood</link>
<pubDate>Tue, 05 Mar 2024 09:00:00 GMT</pubDate>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>` + story + `</p><ul><li>First stop in Kenya</li><li>He would return on Friday.</li></ul>]]></content:encoded></item>
<item><title>Mayor speaks</title><link>https://valley.example/mayor</link>
<pubDate>Wed, 06 Mar 2024 09:00:00 GMT</pubDate>
<description>The mayor said on Monday the plan would cost 40 million euros.</description></item>
</channel></rss>`

const atomFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Times</title>
<entry><title>Bridge reopens</title><link href="https://atom.example/bridge"/><id>urn:x:1</id>
<updated>2024-04-01T12:00:00Z</updated><author><name>Ann Lee</name></author>
<summary>The bridge reopened on Sunday after two years of repairs, the city said.</summary></entry>
</feed>`

func TestFeeds(t *testing.T) {
	dir := tree(t, map[string]string{"valley.rss": rss, "times.atom": atomFeed, "sitemap.xml": "<urlset><url><loc>x</loc></url></urlset>"})
	docs, errs := readItems(t, Options{}, dir)
	if len(docs) != 3 || len(errs) != 1 || !errors.Is(errs[0], ErrNotText) || !strings.Contains(errs[0].Error(), "sitemap.xml: ") {
		t.Fatalf("%d docs, errors %v; want 3 and the sitemap refused as not a feed", len(docs), errs)
	}
	at := docs[0]
	if at.Source != "https://atom.example/bridge" || at.Headline != "Bridge reopens" || at.Byline != "Ann Lee" || at.Publisher != "Atom Times" ||
		dateString(at.Published) != "2024-04-01" || at.Note != SummaryOnly || !strings.HasPrefix(at.Text, "The bridge reopened") {
		t.Errorf("atom entry = %+v", at)
	}
	full := docs[1]
	if full.Source != "https://valley.example/flood" || full.Publisher != "Valley News" || dateString(full.Published) != "2024-03-05" || full.Note != "" {
		t.Errorf("rss item 1 = %+v", full)
	}
	if !strings.Contains(full.Text, story) || !strings.Contains(full.Text, "First stop in Kenya\n\nHe would") || strings.Contains(full.Text, "Short teaser") {
		t.Errorf("rss item 1 text = %q, want the full content with list items apart", full.Text)
	}
	if s := docs[2]; s.Note != SummaryOnly || s.Source != "https://valley.example/mayor" || !strings.Contains(s.Text, "40 million euros") {
		t.Errorf("rss item 2 = %+v", s)
	}
}

// warcRecord returns one WARC response record for uri holding an HTTP
// response with the given content type and body.
func warcRecord(uri, date, status, contentType, body string) string {
	httpPart := fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", status, contentType, len(body), body)
	return fmt.Sprintf("WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Date: %s\r\nWARC-Target-URI: %s\r\n"+
		"Content-Type: application/http;msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		fakeUUID(uri), date, uri, len(httpPart), httpPart)
}

// gzipRecord is warcRecord for an HTML body kept gzip-encoded, as wget
// writes it.
func gzipRecord(uri, date, body string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(body))
	zw.Close()
	httpPart := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n%s", b.Len(), b.String())
	return fmt.Sprintf("WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Date: %s\r\nWARC-Target-URI: %s\r\n"+
		"Content-Type: application/http;msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		fakeUUID(uri), date, uri, len(httpPart), httpPart)
}

func fakeUUID(s string) string {
	var h uint32 = 2166136261
	for _, c := range []byte(s) {
		h = (h ^ uint32(c)) * 16777619
	}
	return fmt.Sprintf("%08x-0000-4000-8000-000000000000", h)
}

func TestWARC(t *testing.T) {
	page := func(title, date string) string {
		meta := ""
		if date != "" {
			meta = `<meta property="article:published_time" content="` + date + `">`
		}
		return `<html><head><title>` + title + `</title>` + meta + `</head><body><article><h1>` + title + `</h1><p>` + story + `</p><p>` + story + ` Again.</p></article></body></html>`
	}
	records := []string{
		"WARC/1.1\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\nWARC-Date: 2024-05-01T00:00:00Z\r\nContent-Type: application/warc-fields\r\nContent-Length: 24\r\n\r\nsoftware: newsgraph-test\r\n\r\n",
		warcRecord("https://news.example/a", "2024-05-01T10:00:00Z", "200 OK", "text/html; charset=utf-8", page("Flood plan approved", "2024-04-30")),
		warcRecord("https://news.example/logo.png", "2024-05-01T10:00:01Z", "200 OK", "image/png", "\x89PNG"),
		warcRecord("https://news.example/gone", "2024-05-01T10:00:02Z", "404 Not Found", "text/html", "<html>gone</html>"),
		warcRecord("https://news.example/b", "2024-05-02T11:00:00Z", "200 OK", "text/html", page("Mayor speaks", "")),
		gzipRecord("https://news.example/c", "2024-05-03T11:00:00Z", page("Bridge reopens", "2024-05-03")),
	}
	dir := t.TempDir()
	plain := filepath.Join(dir, "crawl.warc")
	os.WriteFile(plain, []byte(strings.Join(records, "")), 0o644)
	// .warc.gz: one gzip member per record, as crawlers write them.
	var gz bytes.Buffer
	for _, r := range records {
		zw := gzip.NewWriter(&gz)
		zw.Write([]byte(r))
		zw.Close()
	}
	gzPath := filepath.Join(dir, "crawl.warc.gz")
	os.WriteFile(gzPath, gz.Bytes(), 0o644)

	for _, p := range []string{plain, gzPath} {
		docs, errs := readItems(t, Options{}, p)
		if len(errs) != 0 || len(docs) != 3 {
			t.Fatalf("%s: %d docs, errors %v; want the 3 HTML responses", p, len(docs), errs)
		}
		if c := docs[2]; c.Headline != "Bridge reopens" || !strings.Contains(c.Text, "flood defence") {
			t.Errorf("%s: gzip-encoded body = %+v", p, c)
		}
		if a := docs[0]; a.Source != "https://news.example/a" || a.Headline != "Flood plan approved" || dateString(a.Published) != "2024-04-30" || !strings.Contains(a.Text, "flood defence") {
			t.Errorf("%s: first = %+v", p, a)
		}
		if b := docs[1]; b.Source != "https://news.example/b" || dateString(b.Published) != "2024-05-02" || !strings.Contains(b.Note, "capture date") {
			t.Errorf("%s: second = %+v (want the capture date, said so)", p, b)
		}
	}
	bad := filepath.Join(dir, "bad.warc")
	os.WriteFile(bad, []byte("this is not a web archive\n"), 0o644)
	if _, errs := readItems(t, Options{}, bad); len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), bad+": ") {
		t.Errorf("bad WARC: errors %v, want one naming it", errs)
	}
}

func TestFetch(t *testing.T) {
	var gotUA string
	mux := http.NewServeMux()
	mux.HandleFunc("/story", func(w http.ResponseWriter, r *http.Request) {
		gotUA = r.UserAgent()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><head><title>Flood plan approved</title></head><body><article><p>`+story+`</p><p>`+story+` More.</p></article></body></html>`)
	})
	mux.HandleFunc("/plain", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "Plain headline\n\n"+story)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/plain", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rss)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, strings.Repeat("word ", 1000)) })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	o := Options{MaxBytes: 4000, Fetch: FetchOptions{Timeout: 300 * time.Millisecond}}
	docs, errs := readItems(t, o, srv.URL+"/story", srv.URL+"/moved", srv.URL+"/feed", srv.URL+"/missing", srv.URL+"/big", srv.URL+"/slow")
	if len(docs) != 4 {
		t.Fatalf("%d docs (errors %v), want story, plain and the feed's two items", len(docs), errs)
	}
	if d := docs[0]; d.Format != HTML || d.Source != srv.URL+"/story" || d.Headline != "Flood plan approved" {
		t.Errorf("story = %+v", d)
	}
	if !strings.HasPrefix(gotUA, "newsgraph/") {
		t.Errorf("User-Agent = %q", gotUA)
	}
	if d := docs[1]; d.Source != srv.URL+"/plain" || d.Headline != "Plain headline" {
		t.Errorf("redirected page = %+v, want the final URL as source", d)
	}
	if docs[2].Source != "https://valley.example/flood" {
		t.Errorf("feed item = %+v", docs[2])
	}
	want := []string{"/missing: fetch: HTTP 404 Not Found", "/big: too large", "/slow: fetch: no answer within 300ms"}
	if len(errs) != len(want) {
		t.Fatalf("errors %v, want %d", errs, len(want))
	}
	for i, w := range want {
		if msg := errs[i].Error(); !strings.HasPrefix(msg, srv.URL) || !strings.Contains(msg, w) || strings.Contains(msg, "\n") {
			t.Errorf("error %d = %q, want one line naming the URL with %q", i, msg, w)
		}
	}
}

func TestStdinName(t *testing.T) {
	in := "Piped headline\n\n" + story
	a, err := Options{}.Read(context.Background(), "", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Options{}.Read(context.Background(), "", strings.NewReader(in+" Changed."))
	if a.Source == b.Source || !strings.HasPrefix(a.Source, "stdin:sha256:") {
		t.Errorf("two different stdin articles share a source: %q, %q", a.Source, b.Source)
	}
	n, _ := Options{Name: "evening-bulletin"}.Read(context.Background(), "", strings.NewReader(in))
	u, _ := Options{Meta: Meta{URL: "https://example.com/x"}}.Read(context.Background(), "", strings.NewReader(in))
	if n.Source != "stdin:evening-bulletin" || u.Source != "https://example.com/x" {
		t.Errorf("named stdin = %q, with --url = %q", n.Source, u.Source)
	}
}

func TestShard(t *testing.T) {
	var items []Item
	for i := 0; i < 7; i++ {
		items = append(items, Item{Name: fmt.Sprint(i)})
	}
	seen := map[string]int{}
	for i := 1; i <= 3; i++ {
		for _, it := range Shard(items, i, 3) {
			seen[it.Name]++
		}
	}
	if len(seen) != 7 {
		t.Errorf("shards cover %v", seen)
	}
	for _, it := range items {
		if seen[it.Name] != 1 {
			t.Errorf("item %s in %d shards", it.Name, seen[it.Name])
		}
	}
	for _, s := range []string{"1/3", "3/3"} {
		if _, _, err := ParseShard(s); err != nil {
			t.Errorf("ParseShard(%q): %v", s, err)
		}
	}
	for _, s := range []string{"0/3", "4/3", "1", "a/b", "1/0", "1/3x"} {
		if _, _, err := ParseShard(s); err == nil {
			t.Errorf("ParseShard(%q) accepted", s)
		}
	}
}
