package document

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// An Item is one article to read: a file, standard input, a fetched page,
// a line of a JSON Lines file, an item of a feed or a response record of a
// WARC file. Items are cheap to hold: reading happens in Read, so that
// callers can read many in parallel.
type Item struct {
	Name string // the input as messages name it: "a.txt", "news.jsonl:3", "feed.xml#2", a URL
	read func(ctx context.Context, o Options) (*Document, error)
}

// Read reads the item's document with the options o.
func (it Item) Read(ctx context.Context, o Options) (*Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", quoteName(it.Name), err)
	}
	return it.read(ctx, o)
}

// Container extensions: files that hold many articles.
var (
	jsonlExts = map[string]bool{".jsonl": true, ".ndjson": true}
	feedExts  = map[string]bool{".rss": true, ".atom": true, ".xml": true}
)

// isWARC reports whether name is a WARC file (.warc, .warc.gz).
func isWARC(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, ".warc") || strings.HasSuffix(n, ".warc.gz")
}

// IsContainer reports whether name's extension marks a file of many
// articles: JSON Lines, a feed, a WARC file.
func IsContainer(name string) bool { return isContainer(name) }

func isContainer(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return jsonlExts[ext] || feedExts[ext] || isWARC(name)
}

// isURL reports whether arg is an http(s) URL.
func isURL(arg string) bool {
	l := strings.ToLower(arg)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// Items expands args as Expand does and opens the containers among them —
// JSON Lines files, RSS/Atom feeds, WARC files, URLs (fetched here: a
// fetched feed is a container too) — into one Item per article, in order.
// Problems (a missing file, a feed that does not parse) come back one per
// input and do not stop the rest.
func (o Options) Items(ctx context.Context, args []string) (items []Item, problems []error) {
	sources, problems := Expand(args)
	for _, s := range sources {
		if err := ctx.Err(); err != nil {
			problems = append(problems, err)
			break
		}
		var (
			its []Item
			err error
		)
		switch {
		case s == Stdin:
			its = []Item{{Name: StdinName, read: func(ctx context.Context, o Options) (*Document, error) {
				return o.Read(ctx, StdinName, os.Stdin)
			}}}
		case isURL(s):
			its, err = o.urlItems(ctx, s)
		case jsonlExts[strings.ToLower(filepath.Ext(s))]:
			its, err = o.jsonlItems(s)
		case feedExts[strings.ToLower(filepath.Ext(s))]:
			its, err = o.feedFileItems(s)
		case isWARC(s):
			its, err = o.warcItems(ctx, s)
		default:
			its = []Item{{Name: s, read: func(ctx context.Context, o Options) (*Document, error) { return o.ReadFile(ctx, s) }}}
		}
		if err != nil {
			problems = append(problems, err)
		}
		items = append(items, its...)
	}
	return items, problems
}

// Shard returns the items of shard i of n (1 ≤ i ≤ n): every n-th item,
// starting with the i-th. Processes given the same inputs and shards 1/n …
// n/n together read each item exactly once.
func Shard(items []Item, i, n int) []Item {
	if n <= 1 {
		return items
	}
	var out []Item
	for k := i - 1; k >= 0 && k < len(items); k += n {
		out = append(out, items[k])
	}
	return out
}

// ParseShard parses "i/n" (1 ≤ i ≤ n).
func ParseShard(s string) (i, n int, err error) {
	if _, err := fmt.Sscanf(s, "%d/%d", &i, &n); err != nil || n < 1 || i < 1 || i > n || fmt.Sprintf("%d/%d", i, n) != s {
		return 0, 0, fmt.Errorf("shard %q: want i/n with 1 ≤ i ≤ n, e.g. 1/4", s)
	}
	return i, n, nil
}

// jsonlArticle is one line of a JSON Lines file of articles: its text (or
// HTML) and metadata. Other keys are allowed and ignored.
type jsonlArticle = map[string]any

// Keys of a JSON Lines article besides the metadata keys of an index.
var (
	textKeys = []string{"text", "body", "content", "maintext", "article", "full_text"}
	htmlKeys = []string{"html", "raw_html"}
	idKeys   = []string{"id", "guid", "uuid"}
)

// jsonlItems splits a JSON Lines file into one item per non-blank line.
// Each item keeps the line's offset; Read reads it again, so holding the
// items costs little whatever the file's size.
func (o Options) jsonlItems(path string) ([]Item, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, pathError(path, err)
	}
	defer f.Close()
	var items []Item
	err = scanLines(f, o.maxBytes(), func(n int, off int64, line []byte) {
		name := fmt.Sprintf("%s:%d", path, n)
		length := len(line)
		items = append(items, Item{Name: name, read: func(ctx context.Context, o Options) (*Document, error) {
			buf := make([]byte, length)
			f, err := os.Open(path)
			if err != nil {
				return nil, pathError(path, err)
			}
			defer f.Close()
			if _, err := f.ReadAt(buf, off); err != nil {
				return nil, fmt.Errorf("%s: read: %w", quoteName(name), err)
			}
			return o.readJSONLine(name, path, n, buf)
		}})
	})
	if err != nil {
		return items, fmt.Errorf("%s: %w", quoteName(path), err)
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("%s: %w (no lines)", quoteName(path), ErrEmpty)
	}
	return items, nil
}

// scanLines calls fn with each non-blank line of r, its 1-based number and
// its offset; lines longer than max fail.
func scanLines(r io.Reader, max int64, fn func(n int, off int64, line []byte)) error {
	br := newLineReader(r, max)
	var off int64
	for n := 1; ; n++ {
		line, err := br.next()
		if len(line) > 0 {
			if t := strings.TrimSpace(string(line)); t != "" {
				fn(n, off, line)
			}
			off += int64(len(line))
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
	}
}

// readJSONLine turns one JSON Lines article into a document.
func (o Options) readJSONLine(name, path string, n int, line []byte) (*Document, error) {
	label := quoteName(name)
	var row jsonlArticle
	if err := json.Unmarshal(line, &row); err != nil {
		return nil, fmt.Errorf("%s: %w (not a JSON object: %v)", label, ErrNotText, err)
	}
	m := Meta{URL: jsonField(row, urlKeys), Title: jsonField(row, titleKeys), Publisher: jsonField(row, publisherKeys), Byline: jsonField(row, bylineKeys)}
	if s := jsonField(row, dateKeys); s != "" {
		t, err := ParseDate(s)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", label, err)
		}
		m.Published = t
	}
	var (
		body   = jsonField(row, textKeys)
		format = Text
	)
	if body == "" {
		if body = jsonField(row, htmlKeys); body != "" {
			format = HTML
		}
	}
	if body == "" {
		return nil, fmt.Errorf("%s: %w (no \"text\" or \"html\" field)", label, ErrEmpty)
	}
	source := m.URL
	if source == "" {
		abs, _ := filepath.Abs(path)
		if id := jsonField(row, idKeys); id != "" {
			source = abs + "#" + id
		} else {
			source = fmt.Sprintf("%s#%d", abs, n)
		}
	}
	return o.readString(name, path, source, body, format, m, "")
}

// readString reads an article given as a string (from a JSON field, a feed
// item) in the given format, then applies the container's metadata m and
// the user's. Source is its identity unless m or the HTML names a URL.
func (o Options) readString(name, path, source, body, format string, m Meta, note string) (*Document, error) {
	label := quoteName(name)
	raw := []byte(body)
	if int64(len(raw)) > o.maxBytes() {
		return nil, fmt.Errorf("%s: %w (more than %s limit)", label, ErrTooLarge, formatSize(o.maxBytes()))
	}
	ext := ".txt"
	if format == HTML {
		ext = ".html"
	}
	d, err := o.parseAs(name+ext, label, raw, m.Title)
	if err != nil {
		return nil, err
	}
	d.Path, d.Source, d.Note = path, source, note
	if d.canonical != "" && m.URL == "" {
		d.Source = d.canonical
	}
	m.apply(&d.Document)
	o.finish(&d.Document)
	return &d.Document, nil
}

// lineReader reads lines (with their ending) up to a limit each.
type lineReader struct {
	br  *bufio.Reader
	max int64
}

func newLineReader(r io.Reader, max int64) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(r, 64<<10), max: max}
}

// next returns the next line including its "\n", or io.EOF after the last.
func (l *lineReader) next() ([]byte, error) {
	var line []byte
	for {
		chunk, err := l.br.ReadSlice('\n')
		line = append(line, chunk...)
		if int64(len(line)) > l.max {
			return nil, fmt.Errorf("%w (a line of more than %s)", ErrTooLarge, formatSize(l.max))
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return line, err
	}
}
