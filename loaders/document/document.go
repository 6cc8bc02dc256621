// Package document reads what a user points newsgraph at — text and HTML
// files, directories, glob patterns or standard input — and turns each input
// into a Document: clean article text plus the metadata found beside it
// (headline, publication date, publisher, byline).
//
// It is the first stage of the pipeline. Every error it returns is one line
// that starts with the name of the input at fault and wraps one of the
// sentinel errors below, so callers can both print it and test it with
// errors.Is.
package document

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Sentinel errors wrapped by the errors this package returns.
var (
	ErrEmpty       = errors.New("empty article")
	ErrTooLarge    = errors.New("too large")
	ErrNotText     = errors.New("not a text or HTML file")
	ErrNoArticle   = errors.New("no article text")
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	// ErrNotRegular: named pipes, devices and sockets are never opened for
	// reading (opening a FIFO blocks until a writer comes).
	ErrNotRegular = errors.New("not a regular file: not read")
)

// Formats of a Document.
const (
	Text = "text"
	HTML = "html"
)

// Stdin is the argument that names standard input, and StdinName the name
// its errors carry; its Document's Source is "stdin:NAME" or
// "stdin:sha256:…" (Options.Name).
const (
	Stdin     = "-"
	StdinName = "<stdin>"
)

// DefaultMaxBytes is the size limit used when Options.MaxBytes is zero.
const DefaultMaxBytes = 20 << 20

// Document is one article read from a file, standard input or a reader.
type Document struct {
	Source    string    // identity: absolute cleaned path, the URL (given, canonical, fetched), or "stdin:…"; see docs/input.md
	Path      string    // file path as given ("" for stdin and readers)
	Hash      string    // hex SHA-256 of the raw bytes
	Format    string    // Text or HTML
	Headline  string    // "" when none was found
	Published time.Time // zero when no date was found
	Publisher string    // e.g. "RFE/RL"; "" when unknown
	Byline    string    // author(s); "" when unknown
	Text      string    // clean article text; paragraphs separated by "\n\n"; headline not included
	Dateline  string    // place of the dateline the text opened with ("KYIV, Ukraine"); "" when none
	Note      string    // what a reader should know about how the text was got ("summary only"); "" when nothing
}

// Options controls reading. The zero value is ready to use.
type Options struct {
	// MaxBytes is the largest input accepted; 0 means DefaultMaxBytes.
	// Larger inputs fail with ErrTooLarge without being read past the limit.
	MaxBytes int64

	// Windows1252 makes text that is not valid UTF-8 be decoded as
	// Windows-1252 (a superset of Latin-1) instead of failing with
	// ErrInvalidUTF8. HTML is always decoded as browsers decode it: with
	// the charset it declares, Windows-1252 when it declares none.
	Windows1252 bool

	// MaxHTMLDepth is the deepest element nesting read from HTML; 0 means
	// DefaultMaxHTMLDepth (also the most golang.org/x/net/html parses).
	// It is checked by a tokenizer pass before the page is parsed.
	MaxHTMLDepth int

	// HTMLParseTimeout bounds the time parsing one HTML page may take; 0
	// means DefaultHTMLParseTimeout.
	HTMLParseTimeout time.Duration
	// Meta is what the user says about every document read (--url,
	// --title, --date, --publisher): it wins over the index and over what
	// the content says.
	Meta Meta

	// Index, when set, gives metadata per document (a sidecar file); it
	// wins over what the content says.
	Index *Index

	// Name names standard input's document ("stdin:NAME") when Meta.URL
	// does not; without either it is named by its content hash.
	Name string

	// Fetch controls reading http(s) URLs.
	Fetch FetchOptions
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxBytes
}

// Read reads one document from r with the default Options. Name labels the
// document and its errors; an empty name stands for "<stdin>".
func Read(ctx context.Context, name string, r io.Reader) (*Document, error) {
	return Options{}.Read(ctx, name, r)
}

// ReadFile reads one document from the file at path with the default
// Options; path "-" reads standard input.
func ReadFile(ctx context.Context, path string) (*Document, error) {
	return Options{}.ReadFile(ctx, path)
}

// Read reads one document from r. The format is decided by the extension of
// name (.txt, .text, .md, .html, .htm, .xhtml) and by sniffing the content.
func (o Options) Read(ctx context.Context, name string, r io.Reader) (*Document, error) {
	if name == "" || name == Stdin {
		name = StdinName
	}
	return o.read(ctx, name, "", name, r, -1)
}

// ReadFile reads one document from the file at path; path "-" reads
// standard input. Files larger than the limit are refused before reading.
func (o Options) ReadFile(ctx context.Context, path string) (*Document, error) {
	if path == Stdin {
		return o.Read(ctx, StdinName, os.Stdin)
	}
	label := quoteName(path)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", label, err)
	}
	f, info, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(-1)
	if info.Mode().IsRegular() {
		size = info.Size()
		if max := o.maxBytes(); size > max {
			return nil, fmt.Errorf("%s: %w (%s > %s limit)", label, ErrTooLarge, formatSize(size), formatSize(max))
		}
	}
	source := path
	if abs, err := filepath.Abs(path); err == nil {
		source = abs
	}
	return o.read(ctx, path, path, source, f, size)
}

// read reads and parses one document from r. Name gives the extension and
// labels errors; path and source fill the Document's fields of those names,
// unless an HTML page names its canonical URL. Size, when known (≥ 0),
// sizes the buffer.
func (o Options) read(ctx context.Context, name, path, source string, r io.Reader, size int64) (*Document, error) {
	label := quoteName(name)
	raw, err := o.readAll(ctx, label, r, size)
	if err != nil {
		return nil, err
	}
	d, err := o.parse(name, label, raw)
	if err != nil {
		return nil, err
	}
	d.Path, d.Source = path, source
	if d.canonical != "" {
		d.Source = d.canonical
	} else if source == StdinName {
		d.Source = o.stdinSource(d.Hash)
	}
	o.finish(&d.Document)
	return &d.Document, nil
}

// stdinSource names standard input's document: by the user's name for it,
// else by its content, so that two different articles piped in one after
// the other are two documents.
func (o Options) stdinSource(hash string) string {
	if o.Name != "" {
		return "stdin:" + o.Name
	}
	return "stdin:sha256:" + hash[:16]
}

// finish applies what the user said about d: the index's row for it, then
// the options' Meta, each winning over what came before.
func (o Options) finish(d *Document) {
	if m, ok := o.Index.Lookup(d.Path, d.Source); ok {
		m.apply(d)
	}
	o.Meta.apply(d)
}

// pathError turns an error from the file system into one line naming path.
func pathError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("%s: %w", quoteName(path), err)
}

// ctxReader fails reads once its context is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// readAll reads r up to the size limit; size, when known (≥ 0), sizes the
// buffer.
func (o Options) readAll(ctx context.Context, name string, r io.Reader, size int64) ([]byte, error) {
	max := o.maxBytes()
	var buf bytes.Buffer
	if size >= 0 && size <= max {
		buf.Grow(int(size) + 1)
	}
	n, err := buf.ReadFrom(io.LimitReader(ctxReader{ctx, r}, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s: read: %w", name, err)
	}
	if n > max {
		return nil, fmt.Errorf("%s: %w (more than %s limit)", name, ErrTooLarge, formatSize(max))
	}
	return buf.Bytes(), nil
}

// formatSize prints a byte count the way people read sizes: "52.4 MB".
// Units are powers of 1024 (MiB printed as MB, as file managers do).
func formatSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d bytes", n)
	}
	v, suffix := float64(n)/unit, "KB"
	for _, s := range []string{"MB", "GB", "TB"} {
		if v < unit {
			break
		}
		v, suffix = v/unit, s
	}
	s := fmt.Sprintf("%.1f", v)
	s = strings.TrimSuffix(s, ".0")
	return s + " " + suffix
}

// parsed is a Document plus what reading found on the way.
type parsed struct {
	Document
	canonical string // canonical URL of an HTML page
}

// quoteName returns name as errors print it: quoted when it holds
// characters that would break the one-line message.
func quoteName(name string) string {
	if strings.IndexFunc(name, func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' }) >= 0 {
		return strconv.Quote(name)
	}
	return name
}

// parse turns raw bytes into a document. The extension of name helps decide
// the format; label names the input in errors.
func (o Options) parse(name, label string, raw []byte) (*parsed, error) {
	return o.parseAs(name, label, raw, "")
}

// parseAs is parse for an article whose headline is known: reading does
// not look for another.
func (o Options) parseAs(name, label string, raw []byte, headline string) (*parsed, error) {
	sum := sha256.Sum256(raw)
	d := &parsed{Document: Document{Hash: hex.EncodeToString(sum[:]), Headline: headline}}
	if len(bytes.TrimSpace(raw)) == 0 {
		if len(raw) == 0 {
			return nil, fmt.Errorf("%s: %w (0 bytes)", label, ErrEmpty)
		}
		return nil, fmt.Errorf("%s: %w (only white space)", label, ErrEmpty)
	}
	format, err := sniff(name, raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", label, err)
	}
	d.Format = format
	text, err := o.decode(label, raw, format)
	if err != nil {
		return nil, err
	}
	switch format {
	case HTML:
		err = o.readHTML(label, text, d)
	default:
		err = readText(label, text, isMarkdown(name), d)
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}
