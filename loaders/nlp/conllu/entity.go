package conllu

import (
	"fmt"
	"hash/fnv"
	"io"
	"net/url"
	"strings"

	"github.com/newsgraph/newsgraph/loaders/nlp/internal/gzfile"
)

// EntityDoc is one document of a treebank with an entity layer in the
// CorefUD / GUM format: MISC "Entity=" brackets on the tokens, their fields
// named by the document's "# global.Entity" comment
// (GRP-etype-infstat-salience-centering-minspan-link-identity in GUM).
type EntityDoc struct {
	ID    string // "# newdoc id"
	Title string // "# meta::title"
	Genre string // "# meta::genre"
	RawDocument
	Mentions []Mention // in order of their start, outer before inner
}

// HeldOut reports whether the document with this id belongs to the part of
// an entity corpus that newsgraph keeps aside: one document in four, those
// whose FNV-1a hash (32 bits) of the id is 0 modulo 4. Nothing is tuned or
// trained on them (the NER model trains on the other GUM documents only), so
// figures measured on them are held-out figures.
func HeldOut(id string) bool {
	h := fnv.New32a()
	h.Write([]byte(id))
	return h.Sum32()%4 == 0
}

// Mention is one entity mention: tokens [Start, End) of sentence Sent of its
// EntityDoc (the sentence's tokens carry offsets into the document's Text).
type Mention struct {
	Sent, Start, End int
	Head             int    // the token of the span whose syntactic head lies outside it
	Entity           string // the entity (coreference group) id: mentions with one Entity corefer
	Type             string // etype: person, place, organization, event, time, abstract, object, …
	Infstat          string // information status: new, giv:act, acc:inf, …
	Link             string // coref, sgl (a singleton), …
	Identity         string // Wikipedia title of a named entity, unescaped ("North_Korea"); "" when none
}

// Span returns the mention's byte span in the document's Text.
func (m Mention) Span(d *EntityDoc) (start, end int) {
	t := d.Sentences[m.Sent].Tokens
	return t[m.Start].Start, t[m.End-1].End
}

// Text returns the mention's text as written.
func (m Mention) Text(d *EntityDoc) string {
	s, e := m.Span(d)
	return d.Text[s:e]
}

// ReadEntityDocs reads a CoNLL-U treebank with an entity layer into
// documents (a new one at every "# newdoc") with their running text rebuilt
// as RawDocuments does and every mention found. name is used in errors.
func ReadEntityDocs(r io.Reader, name string) ([]EntityDoc, error) {
	rd := NewReader(r, name)
	rd.KeepMisc = true
	var sents []*Sentence
	for {
		s, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		sents = append(sents, s)
	}
	if len(sents) == 0 {
		return nil, fmt.Errorf("%s: no sentences", name)
	}
	raws := RawDocuments(sents)
	docs := make([]EntityDoc, 0, len(raws))
	for _, raw := range raws {
		d := EntityDoc{RawDocument: raw}
		var format []string
		for _, c := range raw.Sentences[0].Comments {
			key, val, _ := strings.Cut(c, "=")
			key, val = strings.TrimSpace(key), strings.TrimSpace(val)
			switch key {
			case "newdoc id":
				d.ID = val
			case "meta::title":
				d.Title = val
			case "meta::genre":
				d.Genre = val
			case "global.Entity":
				format = strings.Split(val, "-")
			}
		}
		if d.ID == "" {
			d.ID = fmt.Sprintf("%s#%d", name, len(docs)+1)
		}
		if format == nil {
			return nil, fmt.Errorf("%s: document %s has no \"# global.Entity\" comment naming the entity fields", name, d.ID)
		}
		for si, s := range raw.Sentences {
			ms, err := sentenceMentions(s, si, format)
			if err != nil {
				return nil, fmt.Errorf("%s: document %s, sentence %s: %w", name, d.ID, s.ID, err)
			}
			d.Mentions = append(d.Mentions, ms...)
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// ReadEntityFile reads ReadEntityDocs from a file, gzipped when its name
// ends in .gz.
func ReadEntityFile(path string) ([]EntityDoc, error) {
	f, err := gzfile.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadEntityDocs(f, path)
}

// sentenceMentions parses the Entity= brackets of one sentence: "(" +
// fields opens a mention (closed on the same token when ")" follows),
// "ID)" closes the innermost open mention of entity ID.
func sentenceMentions(s *Sentence, si int, format []string) ([]Mention, error) {
	type open struct {
		m   Mention
		idx int // index in out
	}
	var stack []open
	var out []Mention
	for ti, misc := range s.Misc {
		var val string
		for _, kv := range strings.Split(misc, "|") {
			if v, ok := strings.CutPrefix(kv, "Entity="); ok {
				val = v
			}
		}
		for i := 0; i < len(val); {
			if val[i] == '(' {
				j := i + 1
				for j < len(val) && val[j] != '(' && val[j] != ')' {
					j++
				}
				m, err := parseMention(val[i+1:j], format)
				if err != nil {
					return nil, fmt.Errorf("token %d: %w", ti+1, err)
				}
				m.Sent, m.Start, m.End = si, ti, ti+1
				out = append(out, m)
				if j < len(val) && val[j] == ')' {
					j++ // a one-token mention
				} else {
					stack = append(stack, open{m, len(out) - 1})
				}
				i = j
				continue
			}
			j := strings.IndexByte(val[i:], ')')
			if j < 0 {
				return nil, fmt.Errorf("token %d: bad Entity value %q", ti+1, val)
			}
			id := val[i : i+j]
			k := len(stack) - 1
			for k >= 0 && stack[k].m.Entity != id {
				k--
			}
			if k < 0 {
				return nil, fmt.Errorf("token %d: entity %s closed but not open", ti+1, id)
			}
			out[stack[k].idx].End = ti + 1
			stack = append(stack[:k], stack[k+1:]...)
			i += j + 1
		}
	}
	if len(stack) > 0 {
		return nil, fmt.Errorf("entity %s not closed by the end of the sentence", stack[len(stack)-1].m.Entity)
	}
	for i := range out {
		out[i].Head = spanHead(s, out[i].Start, out[i].End)
	}
	return out, nil
}

// parseMention reads the fields of an opening bracket in the order format
// names them; the last field (identity) may hold the separator.
func parseMention(v string, format []string) (Mention, error) {
	fs := strings.SplitN(v, "-", len(format))
	if fs[0] == "" {
		return Mention{}, fmt.Errorf("entity bracket %q has no id", v)
	}
	var m Mention
	for i, f := range fs {
		switch format[i] {
		case "GRP", "eid":
			m.Entity = f
		case "etype":
			m.Type = f
		case "infstat":
			m.Infstat = f
		case "link":
			m.Link = f
		case "identity":
			if u, err := url.PathUnescape(f); err == nil {
				f = u
			}
			m.Identity = f
		}
	}
	if m.Entity == "" {
		m.Entity = fs[0]
	}
	return m, nil
}

// spanHead returns the first token of [start, end) whose head lies outside
// the span (the span's syntactic head).
func spanHead(s *Sentence, start, end int) int {
	for i := start; i < end; i++ {
		if h := s.Tokens[i].Head - 1; h < start || h >= end {
			return i
		}
	}
	return start
}
