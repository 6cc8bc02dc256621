package document

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// readHTML fills d from an HTML page: go-trafilatura finds the main text and
// the metadata (title, author, site name, date, canonical URL); the text
// then goes through the same noise rules as plain text.
func (o Options) readHTML(name, text string, d *parsed) (err error) {
	defer func() {
		if r := recover(); r != nil { // a bug in the extractor must not take the run down
			err = fmt.Errorf("%s: %w (HTML extraction failed: %s)", name, ErrNoArticle, strings.Join(strings.Fields(fmt.Sprint(r)), " "))
		}
	}()
	maxDepth := o.maxHTMLDepth()
	if tooDeep(text, maxDepth) {
		return fmt.Errorf("%s: %w (HTML elements nested more than %d deep)", name, ErrNoArticle, maxDepth)
	}
	timeout := o.htmlParseTimeout()
	doc, err := html.Parse(&deadlineReader{r: strings.NewReader(text), deadline: time.Now().Add(timeout)})
	if errors.Is(err, errParseTimeout) {
		return fmt.Errorf("%s: %w (parsing the HTML took more than %v)", name, ErrNoArticle, timeout)
	} else if err != nil && strings.Contains(err.Error(), "open stack of elements") {
		return fmt.Errorf("%s: %w (HTML elements nested more than %d deep)", name, ErrNoArticle, DefaultMaxHTMLDepth)
	} else if err != nil {
		return fmt.Errorf("%s: parse HTML: %w", name, err)
	}
	if depth := treeDepth(doc, maxDepth); depth > maxDepth {
		return fmt.Errorf("%s: %w (HTML elements nested more than %d deep)", name, ErrNoArticle, maxDepth)
	}
	res, err := extract(doc, trafilatura.Balanced, false)
	if err != nil || utf8.RuneCountInString(res.ContentText) < shortText {
		// A short result may mean trafilatura's own extractor missed the
		// article: its fallbacks (readability, distiller, baseline) get a
		// chance, and win when they find an article's worth of text. The
		// precise mode without fallbacks then decides whether the page has
		// an article at all: the baseline rescue flattens whatever text a
		// page has, navigation included.
		if alt, aerr := extract(doc, trafilatura.Balanced, true); aerr == nil && utf8.RuneCountInString(alt.ContentText) >= shortText {
			res, err = alt, nil
		} else if err == nil {
			_, err = extract(doc, trafilatura.FavorPrecision, false)
		}
	}
	if err != nil {
		return fmt.Errorf("%s: %w (HTML page has no main text)", name, ErrNoArticle)
	}
	md := res.Metadata
	d.Headline = strings.Join(strings.Fields(md.Title), " ")
	d.Byline = strings.Join(strings.Fields(md.Author), " ")
	d.Publisher = strings.Join(strings.Fields(md.Sitename), " ")
	if !md.Date.IsZero() {
		d.Published = md.Date.UTC()
	}
	d.canonical = canonicalURL(md.URL)

	var sb strings.Builder
	writeBlocks(&sb, res.ContentNode)
	var lines []line
	for _, l := range normalize(sb.String()) {
		ln := line{text: l}
		if strings.HasPrefix(l, headingMark) {
			ln = line{text: strings.TrimSpace(l[len(headingMark):]), heading: true}
		}
		lines = append(lines, ln)
	}
	bs := blocks(lines)
	if len(bs) == 0 {
		return fmt.Errorf("%s: %w (HTML page has no main text)", name, ErrNoArticle)
	}
	// The extracted text often repeats the title as its first heading.
	if first := bs[0]; len(first) == 1 && first[0].heading {
		if d.Headline == "" {
			d.Headline = first[0].text
			bs = bs[1:]
		} else if k := alnumKey(first[0].text); k != "" && strings.HasPrefix(alnumKey(d.Headline), k) {
			bs = bs[1:]
		}
	}
	return clean(name, bs, 0, d)
}

// canonicalURL returns s when it is an absolute http(s) URL, "" otherwise.
// It repairs a protocol-relative link resolved as a path
// ("https://host//host/path" → "https://host/path").
func canonicalURL(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	if rest, ok := strings.CutPrefix(u.Path, "//"+u.Host+"/"); ok {
		u.Path = "/" + rest
		u.RawPath = ""
	}
	return u.String()
}

// DefaultMaxHTMLDepth is the deepest element nesting read when
// Options.MaxHTMLDepth is 0; real pages stay far below it, and the
// extractor's time grows quickly with depth. golang.org/x/net/html refuses
// pages nested deeper than 512 elements whatever the option says.
const DefaultMaxHTMLDepth = 512

// DefaultHTMLParseTimeout bounds the parse of one page when
// Options.HTMLParseTimeout is 0 (a 20 MB page parses in about a second).
const DefaultHTMLParseTimeout = 10 * time.Second

func (o Options) maxHTMLDepth() int {
	if o.MaxHTMLDepth > 0 {
		return min(o.MaxHTMLDepth, DefaultMaxHTMLDepth)
	}
	return DefaultMaxHTMLDepth
}

func (o Options) htmlParseTimeout() time.Duration {
	if o.HTMLParseTimeout > 0 {
		return o.HTMLParseTimeout
	}
	return DefaultHTMLParseTimeout
}

// errParseTimeout ends a parse that ran past its time.
var errParseTimeout = errors.New("HTML parse time limit")

// deadlineReader fails reads after its deadline; the HTML tokenizer reads
// as it goes, so the parse stops soon after.
type deadlineReader struct {
	r        *strings.Reader
	deadline time.Time
}

func (d *deadlineReader) Read(p []byte) (int, error) {
	if time.Now().After(d.deadline) {
		return 0, errParseTimeout
	}
	if len(p) > 16<<10 {
		p = p[:16<<10]
	}
	return d.r.Read(p)
}

// voidElements have no end tag.
var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true,
	"hr": true, "img": true, "input": true, "link": true, "meta": true, "param": true, "source": true,
	"track": true, "wbr": true, "keygen": true, "frame": true, "basefont": true, "bgsound": true}

// tooDeep reports, in one tokenizer pass and before any tree is built,
// whether the page opens elements more than limit deep. It counts as the
// parser's stack of open elements roughly does: a start tag opens an
// element unless void or self-closing, an end tag closes back to the
// nearest open element of its name; unclosed p and li are not counted
// twice in a row.
func tooDeep(text string, limit int) bool {
	z := html.NewTokenizer(strings.NewReader(text))
	var stack []string
	for {
		switch z.Next() {
		case html.ErrorToken:
			return false
		case html.StartTagToken:
			name, _ := z.TagName()
			n := string(name)
			if voidElements[n] {
				continue
			}
			if (n == "p" || n == "li" || n == "option" || n == "td" || n == "tr") && len(stack) > 0 && stack[len(stack)-1] == n {
				continue // an implied end tag
			}
			stack = append(stack, n)
			if len(stack) > limit {
				return true
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i] == string(name) {
					stack = stack[:i]
					break
				}
			}
		}
	}
}

// treeDepth returns the nesting depth of n's tree, stopping once it passes
// limit.
func treeDepth(n *html.Node, limit int) int {
	depth, max := 0, 0
	for c := n; c != nil; {
		if c.FirstChild != nil {
			c = c.FirstChild
			depth++
			if depth > max {
				max = depth
				if max > limit {
					return max
				}
			}
			continue
		}
		for c != n && c.NextSibling == nil {
			c = c.Parent
			depth--
		}
		if c == n {
			break
		}
		c = c.NextSibling
	}
	return max
}

// shortText is the length, in characters, under which an extraction is
// checked again in precise mode.
const shortText = 250

// extract runs go-trafilatura on doc, leaving doc untouched; fallbacks
// lets it try its other extractors when its own finds too little.
func extract(doc *html.Node, focus trafilatura.ExtractionFocus, fallbacks bool) (*trafilatura.ExtractResult, error) {
	cfg := trafilatura.DefaultConfig()
	if !fallbacks {
		cfg.MinExtractedSize = 1 // rescue with the baseline only when nothing was found
	}
	res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{
		Config:          cfg,
		Focus:           focus,
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Fast,
		EnableFallback:  fallbacks,
	})
	if err == nil && (res == nil || res.ContentNode == nil) {
		err = errors.New("no content")
	}
	return res, err
}

// headingMark prefixes, in the text writeBlocks produces, a heading line.
const headingMark = "\uE000"

// blockAtoms are the elements that start and end a paragraph.
var blockAtoms = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Blockquote: true, atom.Pre: true,
	atom.Td: true, atom.Th: true, atom.Tr: true, atom.Dd: true, atom.Dt: true,
	atom.Section: true, atom.Article: true, atom.Table: true, atom.Ul: true, atom.Ol: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Footer: true, atom.Main: true, atom.Body: true,
}

// headingAtoms are the heading elements.
var headingAtoms = map[atom.Atom]bool{atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true}

// writeBlocks writes the text of n with a blank line between paragraphs and
// a line break for <br>; headings are prefixed with headingMark.
func writeBlocks(sb *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		sb.WriteString(strings.ReplaceAll(n.Data, "\n", " "))
		return
	case html.ElementNode:
		switch nodeAtom(n) {
		case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Figcaption, atom.Button, atom.Form:
			return
		case atom.Br:
			sb.WriteByte('\n')
			return
		}
	}
	block := n.Type == html.ElementNode && blockAtoms[nodeAtom(n)]
	if block {
		sb.WriteString("\n\n")
		if headingAtoms[nodeAtom(n)] {
			sb.WriteString(headingMark)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		writeBlocks(sb, c)
	}
	if block {
		sb.WriteString("\n\n")
	}
}

// nodeAtom returns n's element atom. The extractor builds some elements
// (its list items among them) by name only, leaving DataAtom zero.
func nodeAtom(n *html.Node) atom.Atom {
	if n.DataAtom != 0 {
		return n.DataAtom
	}
	return atom.Lookup([]byte(strings.ToLower(n.Data)))
}
