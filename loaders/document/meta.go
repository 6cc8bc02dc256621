package document

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ErrBadMeta is wrapped by errors about article metadata: a date that does
// not parse, an index file without the columns it needs.
var ErrBadMeta = errors.New("bad article metadata")

// Meta is what a user knows about an article besides its content: where it
// was published, when, under which title, by whom. Empty fields say
// nothing. What a user says wins over what reading the content finds.
type Meta struct {
	URL       string    // the article's address: its identity in the graph
	Title     string    // headline
	Published time.Time // publication date
	Publisher string    // e.g. "BBC News"
	Byline    string    // author(s)
}

// IsZero reports whether m says nothing.
func (m Meta) IsZero() bool { return m == Meta{} }

// merge returns m with its empty fields filled from o.
func (m Meta) merge(o Meta) Meta {
	if m.URL == "" {
		m.URL = o.URL
	}
	if m.Title == "" {
		m.Title = o.Title
	}
	if m.Published.IsZero() {
		m.Published = o.Published
	}
	if m.Publisher == "" {
		m.Publisher = o.Publisher
	}
	if m.Byline == "" {
		m.Byline = o.Byline
	}
	return m
}

// apply sets d's fields from m. The hash then covers the metadata too, so
// that an article re-ingested with a new date or title counts as changed.
func (m Meta) apply(d *Document) {
	if m.IsZero() {
		return
	}
	if m.URL != "" {
		d.Source = m.URL
	}
	if m.Title != "" {
		d.Headline = m.Title
	}
	if !m.Published.IsZero() {
		d.Published = m.Published.UTC()
	}
	if m.Publisher != "" {
		d.Publisher = m.Publisher
	}
	if m.Byline != "" {
		d.Byline = m.Byline
	}
	sum := sha256.Sum256([]byte(strings.Join([]string{d.Hash, m.URL, m.Title, m.Published.UTC().Format(time.RFC3339), m.Publisher, m.Byline}, "\x00")))
	d.Hash = hex.EncodeToString(sum[:])
}

// dateLayouts are the date forms metadata may take.
var dateLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04",
	"2006-01-02", time.RFC1123Z, time.RFC1123, "2 January 2006", "January 2, 2006", "Jan 2, 2006", "2 Jan 2006",
}

// ParseDate parses a publication date as users and news APIs write them:
// "2019-01-04", "2019-01-04T10:30:00Z", RFC 1123 ("Fri, 04 Jan 2019
// 10:30:00 GMT"), "4 January 2019", "January 4, 2019". Dates without a
// zone are UTC.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	if t, _, ok := parseDateLine(s); ok {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("date %q: %w (want e.g. 2019-01-04 or 2019-01-04T10:30:00Z)", s, ErrBadMeta)
}

// Index holds article metadata from a sidecar file, keyed by path and URL.
type Index struct {
	byPath map[string]Meta // absolute cleaned path
	byURL  map[string]Meta
	byBase map[string][]Meta // file name without folders
	rows   int
}

// Columns (TSV header names, JSON keys) an index file may use, first match
// wins; case does not matter.
var (
	pathKeys      = []string{"path", "file", "filename"}
	urlKeys       = []string{"url", "link", "uri"}
	titleKeys     = []string{"title", "headline"}
	dateKeys      = []string{"date", "published", "published_at", "publishedat", "datepublished", "pubdate", "publish_date", "date_publish", "published_date"}
	publisherKeys = []string{"publisher", "site", "sitename", "site_name", "source_name", "source_domain", "outlet"}
	bylineKeys    = []string{"byline", "author", "authors"}
)

// LoadIndex reads an index file: tab-separated values with a header line
// (.tsv, .tab, .txt) or JSON Lines (.jsonl, .ndjson, .json; one object per
// line). Each row names an article by path (relative to the index file's
// folder, or just its file name) or URL, and gives any of title, date,
// publisher and byline; docs/input.md lists the column names understood.
func LoadIndex(path string) (*Index, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, pathError(path, err)
	}
	ix := &Index{byPath: map[string]Meta{}, byURL: map[string]Meta{}, byBase: map[string][]Meta{}}
	dir := filepath.Dir(path)
	label := quoteName(path)
	add := func(line int, get func(keys []string) string) error {
		m := Meta{URL: get(urlKeys), Title: get(titleKeys), Publisher: get(publisherKeys), Byline: get(bylineKeys)}
		if s := get(dateKeys); s != "" {
			t, err := ParseDate(s)
			if err != nil {
				return fmt.Errorf("%s:%d: %w", label, line, err)
			}
			m.Published = t
		}
		p := get(pathKeys)
		if p == "" && m.URL == "" {
			return fmt.Errorf("%s:%d: %w (a row needs a path or a url)", label, line, ErrBadMeta)
		}
		ix.rows++
		if p != "" {
			if !filepath.IsAbs(p) {
				p = filepath.Join(dir, p)
			}
			if abs, err := filepath.Abs(p); err == nil {
				p = abs
			}
			ix.byPath[p] = m
			base := filepath.Base(p)
			ix.byBase[base] = append(ix.byBase[base], m)
		}
		if m.URL != "" {
			ix.byURL[m.URL] = m
		}
		return nil
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson", ".json":
		err = eachLine(raw, func(n int, line []byte) error {
			var row map[string]any
			if err := json.Unmarshal(line, &row); err != nil {
				return fmt.Errorf("%s:%d: %w (%v)", label, n, ErrBadMeta, err)
			}
			return add(n, func(keys []string) string { return jsonField(row, keys) })
		})
	default:
		var cols map[string]int
		err = eachLine(raw, func(n int, line []byte) error {
			fields := strings.Split(strings.TrimRight(string(line), "\r"), "\t")
			if cols == nil {
				cols = make(map[string]int)
				for i, f := range fields {
					cols[strings.ToLower(strings.TrimSpace(f))] = i
				}
				if first(cols, pathKeys) < 0 && first(cols, urlKeys) < 0 {
					return fmt.Errorf("%s: %w (the header line names no path or url column; tab-separated, e.g. path<TAB>url<TAB>title<TAB>date)", label, ErrBadMeta)
				}
				return nil
			}
			return add(n, func(keys []string) string {
				if i := first(cols, keys); i >= 0 && i < len(fields) {
					return strings.TrimSpace(fields[i])
				}
				return ""
			})
		})
	}
	if err != nil {
		return nil, err
	}
	return ix, nil
}

// first returns the column of the first of keys in cols, or -1.
func first(cols map[string]int, keys []string) int {
	for _, k := range keys {
		if i, ok := cols[k]; ok {
			return i
		}
	}
	return -1
}

// jsonField returns the first of keys present in row as a string; keys
// match case-insensitively, and a list (of authors) is joined with ", ".
func jsonField(row map[string]any, keys []string) string {
	for _, k := range keys {
		for rk, v := range row {
			if !strings.EqualFold(rk, k) {
				continue
			}
			switch v := v.(type) {
			case string:
				if s := strings.TrimSpace(v); s != "" {
					return s
				}
			case float64:
				return fmt.Sprint(v)
			case []any:
				var parts []string
				for _, e := range v {
					if s, ok := e.(string); ok && strings.TrimSpace(s) != "" {
						parts = append(parts, strings.TrimSpace(s))
					}
				}
				if len(parts) > 0 {
					return strings.Join(parts, ", ")
				}
			}
		}
	}
	return ""
}

// eachLine calls fn with each non-blank line of raw and its 1-based number.
func eachLine(raw []byte, fn func(n int, line []byte) error) error {
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(nil, len(raw)+1)
	for n := 1; sc.Scan(); n++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		if err := fn(n, sc.Bytes()); err != nil {
			return err
		}
	}
	return sc.Err()
}

// Lookup returns the metadata the index holds for a document read from path
// (as given; "" for none) whose source is source: by absolute path, then by
// URL, then by file name when only one row has it.
func (ix *Index) Lookup(path, source string) (Meta, bool) {
	if ix == nil {
		return Meta{}, false
	}
	if path != "" {
		if abs, err := filepath.Abs(path); err == nil {
			if m, ok := ix.byPath[abs]; ok {
				return m, true
			}
		}
	}
	if m, ok := ix.byURL[source]; ok {
		return m, true
	}
	if path != "" {
		if ms := ix.byBase[filepath.Base(path)]; len(ms) == 1 {
			return ms[0], true
		}
	}
	return Meta{}, false
}

// Len returns the number of rows in the index.
func (ix *Index) Len() int {
	if ix == nil {
		return 0
	}
	return ix.rows
}
