package web

import (
	"fmt"
	"html/template"
	"net/url"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/queries"
)

var pages = []string{"home", "search", "entity", "fact", "doc", "docs", "neighbourhood", "path", "gizmo", "error"}

// parseTemplates parses the layout with each page.
func parseTemplates() (map[string]*template.Template, error) {
	base, err := template.New("layout").Funcs(funcs).ParseFS(assets, "templates/layout.html", "templates/parts.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	out := map[string]*template.Template{}
	for _, p := range pages {
		t, err := template.Must(base.Clone()).ParseFS(assets, "templates/"+p+".html")
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", p, err)
		}
		out[p] = t
	}
	return out, nil
}

// titleOf is the <title> of a page's data.
func titleOf(v any) string {
	switch d := v.(type) {
	case queries.EntityDetail:
		return d.Label
	case queries.SourceView:
		return "Fact " + d.Fact.ID
	case docView:
		if d.Headline != "" {
			return d.Headline
		}
		return d.Source
	case queries.SearchResult:
		return "Search: " + d.Query
	case neighbourhoodView:
		return "Around " + d.Entity.Label
	case pathView:
		if d.Asked {
			return "Path: " + d.A.Label + " – " + d.B.Label
		}
		return "Path"
	case gizmoView:
		return "Gizmo console"
	case errorPage:
		return "Error"
	case []queries.Doc:
		return "Documents"
	}
	return ""
}

var funcs = template.FuncMap{
	"entityURL": func(iri string) string { return "/entity?id=" + url.QueryEscape(queries.EntityPath(iri)) },
	"neighbourhoodURL": func(iri string) string {
		return "/neighbourhood?id=" + url.QueryEscape(queries.EntityPath(iri))
	},
	"docURL":  func(iri string) string { return "/doc?id=" + url.QueryEscape(queries.DocID(iri)) },
	"factURL": func(id string) string { return "/fact?id=" + url.QueryEscape(id) },
	"pct":     func(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) },
	"rel":     func(s string) string { return strings.ReplaceAll(s, "_", " ") },
	"isHTTP": func(s string) bool {
		u, err := url.Parse(s)
		return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
	},
	"linkName":  linkName,
	"typeClass": typeClass,
	"svg": func(sg queries.Subgraph) template.HTML {
		var b strings.Builder
		_ = SVG(&b, sg, DrawOptions{Link: "/entity?id="})
		return template.HTML(b.String()) // SVG escapes every text it holds
	},
	"pathSVG": func(sg queries.Subgraph) template.HTML {
		var b strings.Builder
		_ = SVG(&b, sg, DrawOptions{Link: "/entity?id=", Line: true})
		return template.HTML(b.String())
	},
	"article": article,
	"sub":     func(a, b int) int { return a - b },
	"list":    func(s ...string) []string { return s },
	"nonneg":  func(n int) int { return max(n, 0) },
	// pager is what the "window" template takes.
	"pager": func(what, base string, w queries.Window) map[string]any {
		return map[string]any{"What": what, "Base": template.URL(base), "W": w}
	},
	"add": func(a, b int) int { return a + b },
}

// linkName is how a sameAs link shows: "Wikidata Q3785" for Wikidata, the
// host otherwise.
func linkName(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return s
	}
	if strings.HasSuffix(u.Host, "wikidata.org") {
		return "Wikidata " + u.Path[strings.LastIndex(u.Path, "/")+1:]
	}
	if strings.HasSuffix(u.Host, "dbpedia.org") {
		return "DBpedia " + u.Path[strings.LastIndex(u.Path, "/")+1:]
	}
	return u.Host
}

// article renders a document's sentences as paragraphs (a gap of two or
// more characters between sentences starts a new one), with sentence hl
// highlighted and its marks (subject, relation, object) inside it. Every
// text is escaped.
func article(sents []queries.Sentence, hl int, marks ...queries.Marks) template.HTML {
	var m queries.Marks
	if len(marks) > 0 {
		m = marks[0]
	}
	var b strings.Builder
	b.WriteString(`<div class="article"><p>`)
	for i, s := range sents {
		if i > 0 && s.Start-sents[i-1].End >= 2 {
			b.WriteString("</p><p>")
		} else if i > 0 {
			b.WriteString(" ")
		}
		if s.Index != hl {
			fmt.Fprintf(&b, `<span class="sent" id="s%d">%s</span>`, s.Index, esc(s.Text))
			continue
		}
		fmt.Fprintf(&b, `<mark class="hl" id="hl">%s</mark>`, marked(s.Text, m))
	}
	b.WriteString("</p></div>")
	return template.HTML(b.String())
}

// marked escapes text with the marks wrapped in spans (overlapping marks:
// the earlier one wins).
func marked(text string, m queries.Marks) string {
	type mk struct {
		s    queries.Span
		cls  string
		name string
	}
	var ms []mk
	for _, x := range []struct {
		s         *queries.Span
		cls, name string
	}{{m.Subject, "m-subj", "subject"}, {m.Relation, "m-rel", "relation"}, {m.Object, "m-obj", "object"}} {
		if x.s != nil && x.s.Start >= 0 && x.s.End <= len(text) && x.s.Start < x.s.End {
			ms = append(ms, mk{*x.s, x.cls, x.name})
		}
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].s.Start < ms[j].s.Start })
	var b strings.Builder
	at := 0
	for _, x := range ms {
		if x.s.Start < at {
			continue
		}
		b.WriteString(esc(text[at:x.s.Start]))
		fmt.Fprintf(&b, `<span class="%s" title="%s">%s</span>`, x.cls, x.name, esc(text[x.s.Start:x.s.End]))
		at = x.s.End
	}
	b.WriteString(esc(text[at:]))
	return b.String()
}
