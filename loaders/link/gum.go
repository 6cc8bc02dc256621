package link

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
)

// GUMDoc is one document of the GUM corpus with its gold entity links:
// the Wikipedia titles GUM gives named entities (the identity field of
// its Entity annotation) and the surface forms of their mentions.
type GUMDoc struct {
	ID    string
	Genre string
	Text  string              // sentences joined by spaces, paragraphs by blank lines
	Gold  map[string][]string // Wikipedia title ("United Kingdom") → mention surface forms
}

// ReadGUM reads GUM documents from CoNLL-U (gzipped when the name ends in
// .gz).
func ReadGUM(path string) ([]GUMDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		r = zr
	}
	return readGUM(r, path)
}

type openMention struct {
	identity string
	words    []string
}

func readGUM(r io.Reader, name string) ([]GUMDoc, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var docs []GUMDoc
	var cur *GUMDoc
	var text strings.Builder
	open := map[string]*openMention{}
	newPar := false
	finish := func() {
		if cur != nil {
			cur.Text = text.String()
			docs = append(docs, *cur)
		}
		text.Reset()
		open = map[string]*openMention{}
	}
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "# newdoc id = "):
			finish()
			cur = &GUMDoc{ID: strings.TrimPrefix(l, "# newdoc id = "), Gold: map[string][]string{}}
			newPar = false
		case cur == nil:
			continue
		case strings.HasPrefix(l, "# meta::genre = "):
			cur.Genre = strings.TrimPrefix(l, "# meta::genre = ")
		case l == "# newpar":
			newPar = true
		case strings.HasPrefix(l, "# text = "):
			if text.Len() > 0 {
				if newPar {
					text.WriteString("\n\n")
				} else {
					text.WriteString(" ")
				}
			}
			newPar = false
			text.WriteString(strings.TrimPrefix(l, "# text = "))
		case l == "" || strings.HasPrefix(l, "#"):
		default:
			cols := strings.Split(l, "\t")
			if len(cols) != 10 {
				return nil, fmt.Errorf("%s:%d: %d columns, want 10", name, line, len(cols))
			}
			if strings.ContainsAny(cols[0], "-.") {
				continue // multiword token or empty node
			}
			gumToken(cur, open, cols[1], cols[9])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	finish()
	return docs, nil
}

// gumToken adds a token to the open mentions and opens and closes the
// mentions its Entity annotation names.
func gumToken(doc *GUMDoc, open map[string]*openMention, form, misc string) {
	ann := ""
	for _, kv := range strings.Split(misc, "|") {
		if v, ok := strings.CutPrefix(kv, "Entity="); ok {
			ann = v
		}
	}
	// Openings first (they include this token), then the token, then closings.
	var closes []string
	for i := 0; i < len(ann); {
		switch {
		case ann[i] == '(':
			j := i + 1
			for j < len(ann) && ann[j] != '(' && ann[j] != ')' {
				j++
			}
			f := strings.SplitN(ann[i+1:j], "-", 8)
			m := &openMention{}
			if len(f) == 8 && f[7] != "" {
				m.identity = f[7]
			}
			open[f[0]] = m
			if j < len(ann) && ann[j] == ')' {
				closes = append(closes, f[0])
				j++
			}
			i = j
		default:
			j := i
			for j < len(ann) && ann[j] != ')' && ann[j] != '(' {
				j++
			}
			if j < len(ann) && ann[j] == ')' {
				closes = append(closes, ann[i:j])
				j++
			}
			i = j
		}
	}
	for _, m := range open {
		m.words = append(m.words, form)
	}
	for _, id := range closes {
		m, ok := open[id]
		if !ok {
			continue
		}
		delete(open, id)
		if m.identity == "" {
			continue
		}
		title := GUMTitle(m.identity)
		doc.Gold[title] = append(doc.Gold[title], strings.Join(m.words, " "))
	}
}

// GUMTitle turns GUM's identity field ("Durham%2C_England") into a
// Wikipedia title ("Durham, England").
func GUMTitle(identity string) string {
	if u, err := url.PathUnescape(identity); err == nil {
		identity = u
	}
	return strings.ReplaceAll(identity, "_", " ")
}

// TitleMatches reports whether a Wikipedia title names the item: its Norm,
// or that of the title without a disambiguation ("Durham, England",
// "Georgia (country)"), is the Norm of the item's label, one of its names
// or codes ("NATO").
func TitleMatches(title string, it Item) bool {
	forms := map[string]bool{Norm(title): true}
	if i := strings.IndexAny(title, ",("); i > 0 {
		forms[Norm(title[:i])] = true
	}
	for _, n := range append(append([]string{it.Label}, it.Names...), it.Codes...) {
		if forms[Norm(n)] {
			return true
		}
	}
	return false
}
