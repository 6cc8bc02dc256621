// Package conllu reads and writes CoNLL-U, the Universal Dependencies file
// format, to and from nlp.Sentence values.
//
// The reader keeps syntactic words (multiword-token ranges such as "1-2" are
// used only for offsets and SpaceAfter; empty nodes such as "8.1" are
// skipped), and, when a sentence has a "# text" comment, gives every token
// its byte offsets into that text. Named entities are read from and written
// to the MISC column as NER=B-PERSON.
package conllu

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/loaders/nlp"
	"github.com/newsgraph/newsgraph/loaders/nlp/internal/gzfile"
)

// Sentence is one CoNLL-U sentence with its metadata.
type Sentence struct {
	nlp.Sentence
	ID     string // from "# sent_id = …"
	NewDoc bool   // a "# newdoc" comment precedes it
	NewPar bool   // a "# newpar" comment precedes it
	// Multiwords are the multiword tokens ("don't" = do + n't) as token
	// index ranges [a, b), 0-based, in order.
	Multiwords [][2]int
	// Comments ("key = value" without the "#") and Misc (each token's MISC
	// column) are kept only when Reader.KeepMisc is set.
	Comments []string
	Misc     []string
}

// mwt is a multiword token: words first..last (1-based IDs) written as form.
type mwt struct {
	first, last int
	form        string
	spaceAfter  bool
}

// Reader reads CoNLL-U sentences one at a time.
type Reader struct {
	// KeepMisc keeps every comment line and every token's MISC column in
	// Sentence.Comments and Sentence.Misc (for annotation layers such as
	// GUM's entities, see ReadEntityDocs).
	KeepMisc bool

	sc   *bufio.Scanner
	name string
	line int
}

// NewReader returns a Reader over r; name is used in error messages.
func NewReader(r io.Reader, name string) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	return &Reader{sc: sc, name: name}
}

// Read returns the next sentence, or io.EOF after the last one.
func (r *Reader) Read() (*Sentence, error) {
	var s Sentence
	var mwts []mwt
	started := false
	for r.sc.Scan() {
		r.line++
		line := strings.TrimRight(r.sc.Text(), "\r")
		if line == "" {
			if started {
				return r.finish(&s, mwts)
			}
			continue
		}
		started = true
		if strings.HasPrefix(line, "#") {
			if r.KeepMisc {
				s.Comments = append(s.Comments, strings.TrimSpace(line[1:]))
			}
			key, val, _ := strings.Cut(strings.TrimSpace(line[1:]), "=")
			key, val = strings.TrimSpace(key), strings.TrimSpace(val)
			switch {
			case key == "sent_id":
				s.ID = val
			case key == "text":
				s.Text = val
			case strings.HasPrefix(key, "newdoc"):
				s.NewDoc = true
			case strings.HasPrefix(key, "newpar"):
				s.NewPar = true
			}
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 10 {
			return nil, fmt.Errorf("%s:%d: want 10 tab-separated columns, got %d", r.name, r.line, len(cols))
		}
		if strings.Contains(cols[0], ".") {
			continue // empty node (enhanced graphs only)
		}
		if a, b, ok := strings.Cut(cols[0], "-"); ok {
			first, err1 := strconv.Atoi(a)
			last, err2 := strconv.Atoi(b)
			if err1 != nil || err2 != nil || last < first {
				return nil, fmt.Errorf("%s:%d: bad multiword token range %q", r.name, r.line, cols[0])
			}
			mwts = append(mwts, mwt{first, last, cols[1], !hasMisc(cols[9], "SpaceAfter=No")})
			continue
		}
		id, err := strconv.Atoi(cols[0])
		if err != nil || id != len(s.Tokens)+1 {
			return nil, fmt.Errorf("%s:%d: bad token id %q (want %d)", r.name, r.line, cols[0], len(s.Tokens)+1)
		}
		head := 0
		if cols[6] != "_" {
			if head, err = strconv.Atoi(cols[6]); err != nil || head < 0 {
				return nil, fmt.Errorf("%s:%d: bad head %q", r.name, r.line, cols[6])
			}
		}
		t := nlp.Token{
			ID: id, Form: cols[1], Lemma: cols[2], UPOS: cols[3], XPOS: cols[4], Feats: cols[5],
			Head: head, DepRel: cols[7], SpaceAfter: !hasMisc(cols[9], "SpaceAfter=No"), NER: "O",
		}
		for _, kv := range strings.Split(cols[9], "|") {
			if v, ok := strings.CutPrefix(kv, "NER="); ok {
				t.NER = v
			}
		}
		s.Tokens = append(s.Tokens, t)
		if r.KeepMisc {
			s.Misc = append(s.Misc, cols[9])
		}
	}
	if err := r.sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", r.name, err)
	}
	if started && len(s.Tokens) > 0 {
		return r.finish(&s, mwts)
	}
	return nil, io.EOF
}

func hasMisc(misc, kv string) bool {
	for _, f := range strings.Split(misc, "|") {
		if f == kv {
			return true
		}
	}
	return false
}

// finish validates heads, sets offsets from the text (or builds the text from
// the forms) and collects entity spans. The words of a multiword token get
// consecutive pieces of its span when their forms spell it ("don't" → do +
// n't), else its whole span each.
func (r *Reader) finish(s *Sentence, mwts []mwt) (*Sentence, error) {
	n := len(s.Tokens)
	if n == 0 {
		return nil, fmt.Errorf("%s:%d: sentence %q has no tokens", r.name, r.line, s.ID)
	}
	for _, t := range s.Tokens {
		if t.Head > n {
			return nil, fmt.Errorf("%s:%d: sentence %q: token %d has head %d beyond the sentence", r.name, r.line, s.ID, t.ID, t.Head)
		}
	}
	for _, m := range mwts {
		if m.first < 1 || m.last > n {
			return nil, fmt.Errorf("%s:%d: sentence %q: multiword token %d-%d beyond the sentence", r.name, r.line, s.ID, m.first, m.last)
		}
		s.Multiwords = append(s.Multiwords, [2]int{m.first - 1, m.last})
	}
	built := s.Text == ""
	var b strings.Builder
	pos := 0
	// place puts a surface form at the next position of the text (or of the
	// text being built) and returns its span.
	place := func(form string, spaceAfter, last bool) (int, int) {
		if built {
			start := b.Len()
			b.WriteString(form)
			end := b.Len()
			if spaceAfter && !last {
				b.WriteByte(' ')
			}
			return start, end
		}
		for pos < len(s.Text) && (s.Text[pos] == ' ' || s.Text[pos] == '\t') {
			pos++
		}
		if strings.HasPrefix(s.Text[pos:], form) {
			pos += len(form)
			return pos - len(form), pos
		}
		return pos, pos // text and forms disagree: keep going without drifting
	}
	for i := 0; i < n; i++ {
		t := &s.Tokens[i]
		var m *mwt
		for k := range mwts {
			if mwts[k].first == t.ID {
				m = &mwts[k]
			}
		}
		if m == nil {
			t.Start, t.End = place(t.Form, t.SpaceAfter, i == n-1)
			continue
		}
		start, end := place(m.form, m.spaceAfter, m.last == n)
		words := s.Tokens[m.first-1 : m.last]
		var spelled strings.Builder
		for _, w := range words {
			spelled.WriteString(w.Form)
		}
		split := strings.EqualFold(spelled.String(), m.form) && end-start == len(m.form)
		at := start
		for k := range words {
			w := &words[k]
			w.SpaceAfter = false
			if split {
				w.Start, w.End = at, at+len(w.Form)
				at = w.End
			} else {
				w.Start, w.End = start, end
			}
		}
		words[len(words)-1].SpaceAfter = m.spaceAfter
		i = m.last - 1
	}
	if built {
		s.Text = b.String()
	}
	s.Start, s.End = 0, len(s.Text)
	s.Entities = Entities(&s.Sentence)
	return s, nil
}

// Entities collects the IOB2 spans of a sentence's Token.NER tags; an I- tag
// without a matching B- starts a new span.
func Entities(s *nlp.Sentence) []nlp.Entity {
	var out []nlp.Entity
	for i := 0; i < len(s.Tokens); i++ {
		tag := s.Tokens[i].NER
		if len(tag) < 3 || (tag[0] != 'B' && tag[0] != 'I') || tag[1] != '-' {
			continue
		}
		typ := tag[2:]
		j := i + 1
		for j < len(s.Tokens) && s.Tokens[j].NER == "I-"+typ {
			j++
		}
		out = append(out, nlp.Entity{Start: i, End: j, Type: typ, Text: SpanText(s, i, j)})
		i = j - 1
	}
	return out
}

// SpanText returns the text of tokens [i, j) of s: the slice of s.Text they
// cover when offsets are known, else their forms joined by SpaceAfter.
func SpanText(s *nlp.Sentence, i, j int) string {
	a, b := s.Tokens[i].Start-s.Start, s.Tokens[j-1].End-s.Start
	if a >= 0 && b > a && b <= len(s.Text) {
		return s.Text[a:b]
	}
	var sb strings.Builder
	for k := i; k < j; k++ {
		sb.WriteString(s.Tokens[k].Form)
		if k < j-1 && s.Tokens[k].SpaceAfter {
			sb.WriteByte(' ')
		}
	}
	return sb.String()
}

// ReadAll reads every sentence of r.
func ReadAll(r io.Reader, name string) ([]*Sentence, error) {
	cr := NewReader(r, name)
	var out []*Sentence
	for {
		s, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
}

// ReadFile reads every sentence of a CoNLL-U file; a name ending in ".gz" is
// decompressed.
func ReadFile(path string) ([]*Sentence, error) {
	rc, err := gzfile.Open(path)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return ReadAll(rc, path)
}

// Write writes s as one CoNLL-U sentence: "# sent_id" (when id is not
// empty), "# text", one line per token and a blank line. Empty fields are
// written as "_"; SpaceAfter=No and NER tags other than "O" go to MISC.
func Write(w io.Writer, s *nlp.Sentence, id string) error {
	return WriteMultiword(w, s, id, nil)
}

// WriteMultiword is Write with multiword tokens: each range [a, b) of token
// indexes (0-based, b exclusive, in order) is written as a surface-token
// line "a+1-b" before its words, carrying the SpaceAfter of the range.
func WriteMultiword(w io.Writer, s *nlp.Sentence, id string, ranges [][2]int) error {
	bw := bufio.NewWriter(w)
	if id != "" {
		fmt.Fprintf(bw, "# sent_id = %s\n", id)
	}
	fmt.Fprintf(bw, "# text = %s\n", oneLine(s.Text))
	last := len(s.Tokens) - 1
	inRange := -1 // end of the range being written, exclusive
	for i, t := range s.Tokens {
		if len(ranges) > 0 && ranges[0][0] == i && ranges[0][1] > i+1 && ranges[0][1] <= len(s.Tokens) {
			a, b := ranges[0][0], ranges[0][1]
			misc := "_"
			if !s.Tokens[b-1].SpaceAfter && b-1 < last {
				misc = "SpaceAfter=No"
			}
			fmt.Fprintf(bw, "%d-%d\t%s\t_\t_\t_\t_\t_\t_\t_\t%s\n", a+1, b, field(SpanText(s, a, b)), misc)
			inRange = b
			ranges = ranges[1:]
		}
		var misc []string
		if !t.SpaceAfter && i < last && i >= inRange {
			misc = append(misc, "SpaceAfter=No")
		}
		if t.NER != "" && t.NER != "O" {
			misc = append(misc, "NER="+t.NER)
		}
		fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t_\t%s\n", i+1, field(t.Form), field(t.Lemma),
			field(t.UPOS), field(t.XPOS), field(t.Feats), t.Head, field(t.DepRel), field(strings.Join(misc, "|")))
		if i == inRange-1 {
			inRange = -1
		}
	}
	bw.WriteByte('\n')
	return bw.Flush()
}

func field(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
	if s == "" {
		return "_"
	}
	return s
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
