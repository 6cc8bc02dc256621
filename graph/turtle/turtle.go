// Package turtle reads RDF 1.1 Turtle (and so N-Triples, a subset of it)
// into quads of the cayleygraph/quad library, statement by statement, with
// error recovery: a statement with a syntax error is reported with its line
// and skipped, and reading goes on at the next statement.
//
// No maintained Go Turtle parser is served by the module proxy this project
// may use (knakk/rdf, deiu/gon3, nvkp/turtle, geoknoesis/rdf-go were
// tried), so this one is written for the job: prefixes and base (@prefix,
// PREFIX, @base, BASE), IRIs with \u escapes resolved against the base,
// prefixed names, "a", predicate and object lists, blank node labels and
// [ … ] property lists, collections ( … ), string literals in all four
// quotings with escapes, language tags and datatypes, and the numeric and
// boolean shorthands.
package turtle

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

const (
	rdfNS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	xsdNS = "http://www.w3.org/2001/XMLSchema#"
)

// SyntaxError is a statement that could not be read.
type SyntaxError struct {
	Line int    // 1-based line where the error was found
	Msg  string // what is wrong
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Reader reads triples from Turtle text.
type Reader struct {
	r        *bufio.Reader
	line     int
	base     string
	prefixes map[string]string
	bnodes   int
	resync   bool        // the last error ended its statement at a line break
	pending  []quad.Quad // triples of the current statement
	out      []quad.Quad // triples of complete statements, not yet returned
}

// NewReader reads Turtle from r; base resolves relative IRIs ("" for none).
func NewReader(r io.Reader, base string) *Reader {
	return &Reader{r: bufio.NewReaderSize(r, 64*1024), line: 1, base: base, prefixes: map[string]string{}}
}

// ReadQuad returns the next triple (as a quad without label). It returns
// io.EOF at the end, a *SyntaxError for a bad statement (the next call goes
// on after it), and any other error for a failed read.
func (t *Reader) ReadQuad() (quad.Quad, error) {
	for len(t.out) == 0 {
		err := t.statement()
		if err != nil {
			t.pending = t.pending[:0]
			var se *SyntaxError
			if errors.As(err, &se) {
				t.recover()
			}
			return quad.Quad{}, err
		}
		t.out, t.pending = append(t.out, t.pending...), t.pending[:0]
	}
	q := t.out[0]
	t.out = t.out[1:]
	return q, nil
}

// Line is the current line of the input.
func (t *Reader) Line() int { return t.line }

func (t *Reader) errorf(format string, args ...any) error {
	return &SyntaxError{Line: t.line, Msg: fmt.Sprintf(format, args...)}
}

// peek returns the next byte without consuming it; 0 at the end.
func (t *Reader) peek() byte {
	b, err := t.r.Peek(1)
	if err != nil {
		return 0
	}
	return b[0]
}

func (t *Reader) peekN(n int) string {
	b, _ := t.r.Peek(n)
	return string(b)
}

func (t *Reader) next() (byte, error) {
	c, err := t.r.ReadByte()
	if err != nil {
		if err == io.EOF {
			return 0, t.errorf("unexpected end of input")
		}
		return 0, err
	}
	if c == '\n' {
		t.line++
	}
	return c, nil
}

// skip skips whitespace and comments.
func (t *Reader) skip() {
	for {
		c := t.peek()
		switch c {
		case ' ', '\t', '\r', '\n':
			t.next()
		case '#':
			for c := t.peek(); c != '\n' && c != 0; c = t.peek() {
				t.next()
			}
		default:
			return
		}
	}
}

// recover skips to just after the next '.' that ends a statement (followed
// by white space, a comment or the end), outside quotes and IRIs.
func (t *Reader) recover() {
	if t.resync {
		t.resync = false
		return
	}
	var quote byte
	for {
		c, err := t.r.ReadByte()
		if err != nil {
			return
		}
		if c == '\n' {
			t.line++
			if quote != 0 && quote != 'L' {
				quote = 0 // short strings and IRIs end at the line's end
			}
		}
		switch {
		case quote == '>':
			if c == '>' {
				quote = 0
			}
		case quote == '"' || quote == '\'':
			if c == '\\' {
				t.r.ReadByte()
			} else if c == quote {
				quote = 0
			}
		case c == '<':
			quote = '>'
		case c == '"' || c == '\'':
			quote = c
		case c == '.':
			n := t.peek()
			if n == 0 || n == ' ' || n == '\t' || n == '\r' || n == '\n' || n == '#' {
				return
			}
		}
	}
}

func (t *Reader) expect(c byte) error {
	t.skip()
	got, err := t.next()
	if err != nil {
		return err
	}
	if got != c {
		return t.errorf("expected %q, found %q", c, got)
	}
	return nil
}

// statement reads one directive or triples statement into t.pending; io.EOF
// at the end of the input.
func (t *Reader) statement() error {
	t.skip()
	c := t.peek()
	if c == 0 {
		if _, err := t.r.Peek(1); err != nil && err != io.EOF {
			return err
		}
		return io.EOF
	}
	if c == '@' {
		t.next()
		word := t.word()
		switch word {
		case "prefix":
			if err := t.prefixDecl(); err != nil {
				return err
			}
		case "base":
			if err := t.baseDecl(); err != nil {
				return err
			}
		default:
			return t.errorf("unknown directive @%s", word)
		}
		return t.expect('.')
	}
	if w := strings.ToUpper(t.peekN(6)); (strings.HasPrefix(w, "PREFIX") || strings.HasPrefix(w, "BASE")) && t.isSPARQLDirective(w) {
		if strings.HasPrefix(w, "PREFIX") {
			t.word()
			return t.prefixDecl()
		}
		t.word()
		return t.baseDecl()
	}
	return t.triples()
}

// isSPARQLDirective tells PREFIX/BASE from a prefixed name starting so.
func (t *Reader) isSPARQLDirective(w string) bool {
	n := 6
	if strings.HasPrefix(w, "BASE") {
		n = 4
	}
	s := t.peekN(n + 1)
	return len(s) == n+1 && (s[n] == ' ' || s[n] == '\t' || s[n] == '<')
}

func (t *Reader) word() string {
	var b strings.Builder
	for c := t.peek(); c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'; c = t.peek() {
		t.next()
		b.WriteByte(c)
	}
	return b.String()
}

func (t *Reader) prefixDecl() error {
	t.skip()
	var b strings.Builder
	for c := t.peek(); c != ':'; c = t.peek() {
		if c == 0 || c == ' ' || c == '\n' || c == '\t' || c == '<' {
			return t.errorf("bad prefix declaration")
		}
		t.next()
		b.WriteByte(c)
	}
	t.next()
	t.skip()
	iri, err := t.iriRef()
	if err != nil {
		return err
	}
	t.prefixes[b.String()] = iri
	return nil
}

func (t *Reader) baseDecl() error {
	t.skip()
	iri, err := t.iriRef()
	if err != nil {
		return err
	}
	t.base = iri
	return nil
}

func (t *Reader) emit(s quad.Value, p quad.IRI, o quad.Value) {
	t.pending = append(t.pending, quad.Quad{Subject: s, Predicate: p, Object: o})
}

func (t *Reader) newBNode() quad.BNode {
	t.bnodes++
	return quad.BNode("b" + strconv.Itoa(t.bnodes))
}

// triples reads subject predicateObjectList '.' (or a [ … ] subject with an
// optional list).
func (t *Reader) triples() error {
	var subj quad.Value
	var err error
	if t.peek() == '[' {
		if subj, err = t.blankNodePropertyList(); err != nil {
			return err
		}
		t.skip()
		if t.peek() == '.' {
			t.next()
			return nil
		}
	} else if subj, err = t.subject(); err != nil {
		return err
	}
	if err := t.predicateObjectList(subj); err != nil {
		return err
	}
	return t.expect('.')
}

func (t *Reader) subject() (quad.Value, error) {
	t.skip()
	switch c := t.peek(); {
	case c == '(':
		return t.collection()
	case c == '_':
		return t.blankLabel()
	default:
		iri, err := t.iri()
		if err != nil {
			return nil, err
		}
		return iri, nil
	}
}

func (t *Reader) predicateObjectList(subj quad.Value) error {
	for {
		t.skip()
		pred, err := t.verb()
		if err != nil {
			return err
		}
		for {
			obj, err := t.object()
			if err != nil {
				return err
			}
			t.emit(subj, pred, obj)
			t.skip()
			if t.peek() != ',' {
				break
			}
			t.next()
		}
		t.skip()
		if t.peek() != ';' {
			return nil
		}
		for t.peek() == ';' {
			t.next()
			t.skip()
		}
		if c := t.peek(); c == '.' || c == ']' {
			return nil
		}
	}
}

func (t *Reader) verb() (quad.IRI, error) {
	if t.peek() == 'a' {
		if s := t.peekN(2); len(s) == 2 && (s[1] == ' ' || s[1] == '\t' || s[1] == '\n' || s[1] == '\r' || s[1] == '<' || s[1] == '"') {
			t.next()
			return quad.IRI(rdfNS + "type"), nil
		}
	}
	return t.iri()
}

func (t *Reader) object() (quad.Value, error) {
	t.skip()
	switch c := t.peek(); {
	case c == '<':
		return t.iri()
	case c == '_':
		return t.blankLabel()
	case c == '[':
		return t.blankNodePropertyList()
	case c == '(':
		return t.collection()
	case c == '"' || c == '\'':
		return t.literal()
	case c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9':
		return t.number()
	case c == 0:
		return nil, t.errorf("unexpected end of input")
	default:
		if w := t.peekN(6); strings.HasPrefix(w, "true") && !isNameChar(byteAt(w, 4)) {
			t.r.Discard(4)
			return quad.TypedString{Value: "true", Type: xsdNS + "boolean"}, nil
		} else if strings.HasPrefix(w, "false") && !isNameChar(byteAt(w, 5)) {
			t.r.Discard(5)
			return quad.TypedString{Value: "false", Type: xsdNS + "boolean"}, nil
		}
		return t.iri()
	}
}

func byteAt(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

func (t *Reader) blankLabel() (quad.Value, error) {
	if s := t.peekN(2); s != "_:" {
		return nil, t.errorf("bad blank node %q", s)
	}
	t.r.Discard(2)
	name := t.name()
	if name == "" {
		return nil, t.errorf("empty blank node label")
	}
	return quad.BNode("l" + name), nil // "l": kept apart from the generated b1, b2, …
}

func (t *Reader) blankNodePropertyList() (quad.Value, error) {
	t.next() // '['
	b := t.newBNode()
	t.skip()
	if t.peek() == ']' {
		t.next()
		return b, nil
	}
	if err := t.predicateObjectList(b); err != nil {
		return nil, err
	}
	return b, t.expect(']')
}

func (t *Reader) collection() (quad.Value, error) {
	t.next() // '('
	var head, prev quad.Value = quad.IRI(rdfNS + "nil"), nil
	for {
		t.skip()
		if t.peek() == ')' {
			t.next()
			if prev != nil {
				t.emit(prev, quad.IRI(rdfNS+"rest"), quad.IRI(rdfNS+"nil"))
			}
			return head, nil
		}
		item, err := t.object()
		if err != nil {
			return nil, err
		}
		cell := t.newBNode()
		if prev == nil {
			head = cell
		} else {
			t.emit(prev, quad.IRI(rdfNS+"rest"), cell)
		}
		t.emit(cell, quad.IRI(rdfNS+"first"), item)
		prev = cell
	}
}

// name reads PN_CHARS-ish bytes (and any non-ASCII), allowing '.' inside
// but not at the end.
func (t *Reader) name() string {
	var b strings.Builder
	for {
		c := t.peek()
		if c == '.' {
			if s := t.peekN(2); len(s) == 2 && isNameChar(s[1]) {
				t.next()
				b.WriteByte(c)
				continue
			}
			break
		}
		if c == '\\' { // PN_LOCAL_ESC
			if s := t.peekN(2); len(s) == 2 && strings.IndexByte("_~.-!$&'()*+,;=/?#@%", s[1]) >= 0 {
				t.r.Discard(2)
				b.WriteByte(s[1])
				continue
			}
			break
		}
		if c == '%' {
			if s := t.peekN(3); len(s) == 3 && isHex(s[1]) && isHex(s[2]) {
				t.r.Discard(3)
				b.WriteString(s)
				continue
			}
			break
		}
		if !isNameChar(c) {
			break
		}
		t.next()
		b.WriteByte(c)
	}
	return b.String()
}

func isNameChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == '-' || c == ':' || c >= 0x80
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// iri reads an IRIREF or a prefixed name.
func (t *Reader) iri() (quad.IRI, error) {
	t.skip()
	if t.peek() == '<' {
		s, err := t.iriRef()
		return quad.IRI(s), err
	}
	var prefix strings.Builder
	for c := t.peek(); c != ':'; c = t.peek() {
		if !isNameChar(c) && c != '.' {
			if c == 0 {
				return "", t.errorf("unexpected end of input")
			}
			return "", t.errorf("unexpected %q", c)
		}
		t.next()
		prefix.WriteByte(c)
	}
	t.next() // ':'
	ns, ok := t.prefixes[prefix.String()]
	if !ok {
		return "", t.errorf("undefined prefix %q", prefix.String()+":")
	}
	return quad.IRI(ns + t.name()), nil
}

// iriRef reads <…>, unescapes \u and \U, and resolves it against the base.
func (t *Reader) iriRef() (string, error) {
	if c, err := t.next(); err != nil {
		return "", err
	} else if c != '<' {
		return "", t.errorf("expected '<', found %q", c)
	}
	var b strings.Builder
	for {
		c, err := t.next()
		if err != nil {
			return "", err
		}
		switch {
		case c == '>':
			return t.resolve(b.String()), nil
		case c == '\\':
			r, err := t.uchar()
			if err != nil {
				return "", err
			}
			b.WriteRune(r)
		case c <= ' ' || strings.IndexByte("<\"{}|^`", c) >= 0:
			return "", t.errorf("character %q not allowed in an IRI", c)
		default:
			b.WriteByte(c)
		}
	}
}

func (t *Reader) resolve(iri string) string {
	if t.base == "" || strings.Contains(iri, ":") && !strings.HasPrefix(iri, "#") {
		if u, err := url.Parse(iri); err == nil && u.Scheme != "" {
			return iri
		}
	}
	if t.base == "" {
		return iri
	}
	b, err := url.Parse(t.base)
	if err != nil {
		return iri
	}
	r, err := url.Parse(iri)
	if err != nil {
		return iri
	}
	return b.ResolveReference(r).String()
}

// uchar reads the rest of \uXXXX or \UXXXXXXXX after the backslash.
func (t *Reader) uchar() (rune, error) {
	c, err := t.next()
	if err != nil {
		return 0, err
	}
	n := 0
	switch c {
	case 'u':
		n = 4
	case 'U':
		n = 8
	default:
		return 0, t.errorf("bad escape \\%c in an IRI", c)
	}
	return t.hexRune(n)
}

func (t *Reader) hexRune(n int) (rune, error) {
	s := t.peekN(n)
	if len(s) < n {
		return 0, t.errorf("short \\u escape")
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil || !utf8.ValidRune(rune(v)) {
		return 0, t.errorf("bad \\u escape %q", s)
	}
	t.r.Discard(n)
	return rune(v), nil
}

func (t *Reader) literal() (quad.Value, error) {
	q, _ := t.next()
	long := t.peekN(2) == string([]byte{q, q})
	if long {
		t.r.Discard(2)
	}
	var b strings.Builder
	for {
		c, err := t.next()
		if err != nil {
			return nil, err
		}
		if c == q {
			if !long {
				break
			}
			if t.peekN(2) == string([]byte{q, q}) {
				t.r.Discard(2)
				// """a"""" : extra quotes belong to the content
				for t.peek() == q {
					t.next()
					b.WriteByte(q)
				}
				break
			}
			b.WriteByte(c)
			continue
		}
		if !long && (c == '\n' || c == '\r') {
			if c == '\r' && t.peek() == '\n' {
				t.next()
			}
			// An unterminated string: the statement ends with its line.
			t.resync = true
			return nil, &SyntaxError{Line: t.line - 1, Msg: "unterminated string (line break in a short string)"}
		}
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		e, err := t.next()
		if err != nil {
			return nil, err
		}
		switch e {
		case 't':
			b.WriteByte('\t')
		case 'b':
			b.WriteByte('\b')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 'f':
			b.WriteByte('\f')
		case '"', '\'', '\\':
			b.WriteByte(e)
		case 'u', 'U':
			n := 4
			if e == 'U' {
				n = 8
			}
			r, err := t.hexRune(n)
			if err != nil {
				return nil, err
			}
			b.WriteRune(r)
		default:
			return nil, t.errorf("bad escape \\%c in a string", e)
		}
	}
	s := b.String()
	if !utf8.ValidString(s) {
		return nil, t.errorf("string is not valid UTF-8")
	}
	switch t.peek() {
	case '@':
		t.next()
		var lang strings.Builder
		for c := t.peek(); c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'; c = t.peek() {
			t.next()
			lang.WriteByte(c)
		}
		if lang.Len() == 0 {
			return nil, t.errorf("empty language tag")
		}
		return quad.LangString{Value: quad.String(s), Lang: lang.String()}, nil
	case '^':
		if t.peekN(2) != "^^" {
			return nil, t.errorf("expected ^^")
		}
		t.r.Discard(2)
		dt, err := t.iri()
		if err != nil {
			return nil, err
		}
		return quad.TypedString{Value: quad.String(s), Type: dt}, nil
	}
	return quad.String(s), nil
}

func (t *Reader) number() (quad.Value, error) {
	var b strings.Builder
	for {
		c := t.peek()
		if c >= '0' && c <= '9' || c == '+' || c == '-' {
			t.next()
			b.WriteByte(c)
			continue
		}
		if c == '.' {
			if s := t.peekN(2); len(s) == 2 && s[1] >= '0' && s[1] <= '9' {
				t.next()
				b.WriteByte(c)
				continue
			}
		}
		if c == 'e' || c == 'E' {
			t.next()
			b.WriteByte(c)
			continue
		}
		break
	}
	s := b.String()
	typ := "integer"
	switch {
	case strings.ContainsAny(s, "eE"):
		typ = "double"
	case strings.Contains(s, "."):
		typ = "decimal"
	}
	if _, err := strconv.ParseFloat(s, 64); err != nil || s == "" {
		return nil, t.errorf("bad number %q", s)
	}
	return quad.TypedString{Value: quad.String(s), Type: quad.IRI(xsdNS + typ)}, nil
}
