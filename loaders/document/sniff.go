package document

import (
	"bytes"
	"fmt"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// Extensions read as text and as HTML.
var (
	textExts = map[string]bool{".txt": true, ".text": true, ".md": true, ".markdown": true}
	htmlExts = map[string]bool{".html": true, ".htm": true, ".xhtml": true}
)

// isMarkdown reports whether name has a Markdown extension.
func isMarkdown(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

// sniffLen is how much of the input sniffing looks at.
const sniffLen = 8 << 10

// sniff decides the format of raw from the extension of name and its first
// bytes, or fails with ErrNotText for binary content. Its errors do not name
// the input: callers add the name.
func sniff(name string, raw []byte) (string, error) {
	head := raw[:min(len(raw), sniffLen)]
	if isUTF16(head) {
		head = []byte(decodeUTF16(head))
	}
	ct := http.DetectContentType(head)
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	if !strings.HasPrefix(ct, "text/") && bytes.IndexByte(head, 0) < 0 && validUTF8Head(head, len(head) < len(raw)) && looksLikeText(head) {
		// Signatures are first bytes: text that happens to start with
		// "BMW" or "GIF8" is still text when it decodes as UTF-8.
		ct = "text/plain"
	}
	if bytes.IndexByte(head, 0) >= 0 || !(strings.HasPrefix(ct, "text/") || ct == "application/octet-stream" && looksLikeText(head)) {
		return "", fmt.Errorf("%w (looks like %s)", ErrNotText, ct)
	}
	ext := strings.ToLower(filepath.Ext(name))
	lead := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n"))
	fullHTML := bytes.HasPrefix(lead, []byte("<!doctype html")) || bytes.HasPrefix(lead, []byte("<html")) ||
		bytes.HasPrefix(lead, []byte("<?xml")) && bytes.Contains(lead, []byte("<html"))
	switch {
	case htmlExts[ext]:
		if bytes.IndexByte(raw, '<') < 0 {
			return Text, nil // an .html file without a single tag
		}
		return HTML, nil
	case textExts[ext]:
		if fullHTML {
			return HTML, nil
		}
		return Text, nil
	case ct == "text/html" || fullHTML:
		return HTML, nil
	case ct == "text/plain" || ct == "application/octet-stream": // text with a few control bytes
		return Text, nil
	}
	return "", fmt.Errorf("%w (looks like %s)", ErrNotText, ct)
}

// validUTF8Head reports whether head is valid UTF-8; when cut is set, head
// is the start of a longer input and may end inside a character.
func validUTF8Head(head []byte, cut bool) bool {
	if utf8.Valid(head) {
		return true
	}
	if !cut {
		return false
	}
	for i := 1; i < utf8.UTFMax && i <= len(head); i++ {
		if utf8.Valid(head[:len(head)-i]) {
			return true
		}
	}
	return false
}

// looksLikeText reports whether b, which has control bytes, is still text:
// form feeds and escapes are rare but legal in old text files.
func looksLikeText(b []byte) bool {
	bad := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			bad++
		}
	}
	return bad*100 < len(b) // under 1 % control bytes
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

func isUTF16(b []byte) bool {
	return len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF)
}

// decodeUTF16 decodes b, which starts with a UTF-16 byte order mark.
func decodeUTF16(b []byte) string {
	big := b[0] == 0xFE
	b = b[2:]
	u := make([]uint16, len(b)/2)
	for i := range u {
		if big {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	return string(utf16.Decode(u))
}

// metaCharset finds the charsets an HTML page declares.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.-]+)`)

// decode returns raw as UTF-8 text. A UTF-8 byte order mark is dropped and
// UTF-16 with a byte order mark is converted. HTML that is not valid UTF-8
// is decoded as browsers do (see decodeHTML). Text that is not valid UTF-8
// is decoded as Windows-1252 when the options say so, and otherwise fails
// with ErrInvalidUTF8 naming the byte offset.
func (o Options) decode(name string, raw []byte, format string) (string, error) {
	if isUTF16(raw) {
		return decodeUTF16(raw), nil
	}
	body := bytes.TrimPrefix(raw, utf8BOM)
	if utf8.Valid(body) {
		return string(body), nil
	}
	if format == HTML {
		return decodeHTML(body), nil
	}
	if o.Windows1252 {
		return decode1252(body), nil
	}
	off := len(raw) - len(body) + invalidOffset(body)
	return "", fmt.Errorf("%s: %w at byte %d", name, ErrInvalidUTF8, off)
}

// decodeHTML decodes a page that is not valid UTF-8 the way browsers do:
// with the first other charset it declares in a <meta> tag (windows-1250,
// iso-8859-2, shift_jis, …); with U+FFFD for the bad bytes when it declares
// only UTF-8; as Windows-1252 when it declares nothing.
func decodeHTML(b []byte) string {
	utf8Declared := false
	for _, m := range metaCharset.FindAllSubmatch(b[:min(len(b), 8<<10)], -1) {
		enc, canonical := charset.Lookup(string(m[1]))
		switch {
		case enc == nil:
			continue
		case canonical == "utf-8":
			utf8Declared = true
			continue
		}
		if s, err := enc.NewDecoder().Bytes(b); err == nil && utf8.Valid(s) {
			return string(s)
		}
	}
	if utf8Declared {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return decode1252(b)
}

// invalidOffset returns the offset of the first invalid UTF-8 sequence in b.
func invalidOffset(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// win1252 maps bytes 0x80–0x9F of Windows-1252; other bytes equal their
// Latin-1 code points. Undefined bytes map to U+FFFD.
var win1252 = [32]rune{
	'€', '\uFFFD', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\uFFFD', 'Ž', '\uFFFD',
	'\uFFFD', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\uFFFD', 'ž', 'Ÿ',
}

// decode1252 decodes b as Windows-1252.
func decode1252(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/8)
	for _, c := range b {
		switch {
		case c < 0x80:
			sb.WriteByte(c)
		case c < 0xA0:
			sb.WriteRune(win1252[c-0x80])
		default:
			sb.WriteRune(rune(c))
		}
	}
	return sb.String()
}
