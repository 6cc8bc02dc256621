package document

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// normalize unifies line endings and white space: CR LF and CR become LF,
// no-break and other fixed-width spaces become plain spaces, invisible
// characters (zero-width space, soft hyphen, byte order marks, control
// characters) go, and every line is trimmed with inner runs of spaces
// collapsed. Curly quotes, dashes and all other characters stay as they are.
func normalize(s string) []string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				i++
			}
			b.WriteByte('\n')
		case r == '\n':
			b.WriteByte('\n')
		case r == '\u2028':
			b.WriteByte('\n')
		case r == '\u2029':
			b.WriteString("\n\n")
		case r == '\u200B', r == '\u2060', r == '\uFEFF', r == '\u00AD', r == 0x7F, r >= 0x80 && r < 0xA0:
			// invisible: drop
		case r == '\t', r == '\u00A0', r == '\u202F', r == '\u205F', r == '\u3000', r >= '\u2000' && r <= '\u200A', r < 0x20:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return lines
}

// bullet matches a list-item marker at the start of a line.
var bullet = regexp.MustCompile(`^(?:[-*+•·▪►]|\d{1,3}[.)])\s+`)

// line is one line of an article with what reading learned about it.
type line struct {
	text    string
	heading bool // a Markdown heading
	item    bool // a list item: its own paragraph
}

// blocks groups lines into blocks separated by blank lines.
func blocks(lines []line) [][]line {
	var out [][]line
	var cur []line
	for _, l := range lines {
		if l.text == "" {
			if cur != nil {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, l)
	}
	if cur != nil {
		out = append(out, cur)
	}
	return out
}

// looksLikeHeadline reports whether s can be a headline: one short line that
// is not a sentence of running prose.
func looksLikeHeadline(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 3 || n > 250 || !strings.ContainsFunc(s, unicode.IsLetter) {
		return false
	}
	words := len(strings.Fields(s))
	if strings.HasSuffix(s, ".") && words > 12 {
		return false
	}
	if _, ok := parseByline(s); ok {
		return false
	}
	if _, _, ok := parseDateLine(s); ok {
		return false
	}
	noise, _ := noiseLine(s, trailer)
	return !noise
}

// blankAfterFirst reports whether the first line with text is followed by a
// blank line (not just by the end of the input).
func blankAfterFirst(ls []line) bool {
	for i, l := range ls {
		if l.text != "" {
			return i+2 < len(ls) && ls[i+1].text == ""
		}
	}
	return false
}

// minUnspaced is the fewest characters of an article written without
// spaces (Chinese, Japanese); shorter single "words" are page debris.
const minUnspaced = 20

// minRepeat is the shortest paragraph, in bytes, dropped when it repeats an
// earlier one; short ones ("Yes.", "He declined.") may repeat in prose.
const minRepeat = 40

// headerBlocks is how many blocks after the headline may hold a byline or a
// date line.
const headerBlocks = 4

// readText fills d from plain text (or Markdown): headline, byline, date,
// publisher and the clean article text.
func readText(name, text string, markdown bool, d *parsed) error {
	var lines []line
	if markdown {
		lines = markdownLines(normalize(text), d)
	} else {
		for _, l := range normalize(text) {
			lines = append(lines, plainLine(l))
		}
	}
	bs, removed := dropLeadingNoise(blocks(lines))
	if len(bs) == 0 {
		if removed > 0 {
			return fmt.Errorf("%s: %w (only page noise: %d lines dropped)", name, ErrNoArticle, removed)
		}
		return fmt.Errorf("%s: %w (only white space)", name, ErrEmpty)
	}
	// Headline: a Markdown heading, or a lone first line followed by a blank
	// line or by byline and date lines.
	first := bs[0]
	switch {
	case len(first) == 1 && (first[0].heading || looksLikeHeadline(first[0].text)) && (len(bs) > 1 || first[0].heading || blankAfterFirst(lines)):
		if d.Headline == "" {
			d.Headline = first[0].text
		}
		bs = bs[1:]
	case len(first) > 1 && looksLikeHeadline(first[0].text) && allHeader(first[1:]):
		if d.Headline == "" {
			d.Headline = first[0].text
		}
		bs[0] = first[1:]
	}
	return clean(name, bs, removed, d)
}

// dropLeadingNoise drops the noise lines that open a page (skip links,
// menus, breadcrumbs) so that the headline can be found under them. It
// returns the blocks left and how many lines went.
func dropLeadingNoise(bs [][]line) ([][]line, int) {
	n := 0
	for len(bs) > 0 {
		b := bs[0]
		i := 0
		for i < len(b) {
			noise, r := noiseLine(b[i].text, anywhere)
			if !noise {
				break
			}
			n++
			i++
			if r != lineOnly { // a list of links under the line: the block goes
				n += len(b) - i
				i = len(b)
			}
		}
		if i < len(b) {
			bs[0] = b[i:]
			break
		}
		bs = bs[1:]
	}
	return bs, n
}

// allHeader reports whether every line is a byline or a date line.
func allHeader(ls []line) bool {
	for _, l := range ls {
		_, byline := parseByline(l.text)
		_, _, date := parseDateLine(l.text)
		if !byline && !date {
			return false
		}
	}
	return true
}

// clean drops page noise from the blocks of an article (its headline
// already taken), takes byline, date and publisher from where news pages
// print them, and sets d.Text to the paragraphs that remain. Removed counts
// the lines already dropped, for the error when nothing remains.
func clean(name string, bs [][]line, removed int, d *parsed) error {
	var paras []string
	seen := make(map[string]bool)
	headKey := alnumKey(d.Headline)
	for bi, b := range bs {
		var kept []line
		cut := false
		for li, l := range b {
			inHeader := bi < headerBlocks && len(paras) == 0 && len(kept) == 0
			if author, ok := parseByline(l.text); ok && (inHeader || author == "") {
				if d.Byline == "" {
					d.Byline = author
				}
				removed++
				continue
			}
			if t, label, ok := parseDateLine(l.text); ok && (inHeader || label != "") {
				if d.Published.IsZero() && !isUpdate(label) {
					d.Published = t
				}
				removed++
				continue
			}
			if noise, r := noiseLine(l.text, anywhere); noise {
				removed++
				if r == restAll && len(paras) > 0 {
					cut = true
					break
				}
				if r == restBlock {
					removed += len(b) - li - 1
					break
				}
				continue
			}
			kept = append(kept, l)
		}
		for _, p := range joinBlock(kept) {
			// Web extracts repeat the title and teaser paragraphs.
			if k := alnumKey(p); len(p) >= minRepeat && seen[k] || k != "" && k == headKey {
				removed++
				continue
			} else if len(p) >= minRepeat {
				seen[k] = true
			}
			paras = append(paras, p)
		}
		if cut {
			break
		}
	}

	// A dateline opening the first paragraph names the publisher.
	if len(paras) > 0 {
		rest, place, pub := parseDateline(paras[0])
		if rest != paras[0] && strings.TrimSpace(rest) != "" {
			paras[0] = rest
			d.Dateline = place
			if d.Publisher == "" {
				d.Publisher = pub
			}
		}
	}

	// Trailer: blurbs, credits and the publisher's name closing the page.
	pubKey := alnumKey(d.Publisher)
	for len(paras) > 0 {
		p := paras[len(paras)-1]
		noise, _ := noiseLine(p, trailer)
		if !noise && !shoutLine(p) && (pubKey == "" || alnumKey(p) != pubKey) {
			break
		}
		paras = paras[:len(paras)-1]
		removed++
	}

	body := strings.Join(paras, "\n\n")
	switch {
	case body == "" && d.Headline != "" && removed == 0:
		return fmt.Errorf("%s: %w (only a headline)", name, ErrNoArticle)
	case body == "" && removed > 0:
		return fmt.Errorf("%s: %w (only page noise: %d lines dropped)", name, ErrNoArticle, removed)
	case !strings.ContainsFunc(body, unicode.IsLetter):
		return fmt.Errorf("%s: %w (no words)", name, ErrNoArticle)
	case !strings.ContainsAny(body, " \n") && utf8.RuneCountInString(body) < minUnspaced:
		return fmt.Errorf("%s: %w (only %q)", name, ErrNoArticle, clip(body, 60))
	}
	d.Text = body
	return nil
}

// joinBlock turns the lines of one block into paragraphs: wrapped lines
// join with a space (a line ending in a hyphenated word joins without one),
// list items and headings stand alone.
func joinBlock(ls []line) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for i, l := range ls {
		if l.item || l.heading || i > 0 && ls[i-1].heading {
			flush()
		}
		if cur.Len() > 0 {
			s := cur.String()
			if !(strings.HasSuffix(s, "-") && len(s) > 1 && unicode.IsLetter(rune(s[len(s)-2]))) {
				cur.WriteByte(' ')
			}
		}
		cur.WriteString(l.text)
	}
	flush()
	return out
}

// plainLine makes a line of plain text; a list item loses its marker.
func plainLine(s string) line {
	if loc := bullet.FindStringIndex(s); loc != nil {
		return line{text: s[loc[1]:], item: true}
	}
	return line{text: s}
}

// clip shortens s to at most n runes, marking a cut with "…".
func clip(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j] + "…"
		}
		i++
	}
	return s
}
