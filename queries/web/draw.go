package web

import (
	"fmt"
	"hash/fnv"
	"html"
	"io"
	"math"
	"net/url"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/queries"
)

// DrawOptions shape a picture.
type DrawOptions struct {
	// Line puts the nodes on one row in order (for a path) instead of the
	// force-directed layout.
	Line bool
	// Standalone adds the XML namespace so the SVG is a file of its own.
	Standalone bool
	// Link makes each node a link to its entity page under this prefix
	// ("/entity?id="); "" leaves nodes unlinked.
	Link string
}

// point is a node position.
type point struct{ x, y float64 }

// Picture sizes, in SVG user units.
const (
	picW, picH = 960.0, 640.0
	margin     = 110.0
)

// layout places the nodes of sg: deterministic (no randomness: the start
// positions come from the node order and a hash of each IRI), the centre
// pinned in the middle, Fruchterman–Reingold forces for a fixed number of
// rounds, then scaled into the picture.
func layout(sg queries.Subgraph, line bool) []point {
	n := len(sg.Nodes)
	pos := make([]point, n)
	if n == 0 {
		return pos
	}
	if line {
		step := (picW - 2*margin) / math.Max(1, float64(n-1))
		for i := range pos {
			pos[i] = point{margin + step*float64(i), picH / 2}
			if n == 1 {
				pos[i].x = picW / 2
			}
		}
		return pos
	}
	idx := map[string]int{}
	for i, nd := range sg.Nodes {
		idx[nd.IRI] = i
	}
	// Start on rings by hop, spread by index, jittered by the IRI's hash.
	perHop := map[int]int{}
	for _, nd := range sg.Nodes {
		perHop[nd.Hop]++
	}
	seenHop := map[int]int{}
	for i, nd := range sg.Nodes {
		h := fnv.New32a()
		h.Write([]byte(nd.IRI))
		jit := float64(h.Sum32()%1000)/1000 - 0.5
		k := seenHop[nd.Hop]
		seenHop[nd.Hop]++
		r := 0.0
		if nd.Hop > 0 || nd.IRI != sg.Center {
			r = 1 + float64(nd.Hop)
		}
		a := 2*math.Pi*float64(k)/float64(perHop[nd.Hop]) + 0.3*jit + 0.5*float64(nd.Hop)
		pos[i] = point{r * math.Cos(a), r * math.Sin(a)}
	}
	type link struct {
		a, b int
		w    float64
	}
	var links []link
	for _, e := range sg.Edges {
		a, okA := idx[e.From]
		b, okB := idx[e.To]
		if okA && okB && a != b {
			links = append(links, link{a, b, 1 + math.Log2(float64(max(e.Count, 1)))})
		}
	}
	area := 16.0
	k := math.Sqrt(area / float64(n))
	temp := 1.0
	const rounds = 300
	disp := make([]point, n)
	for it := 0; it < rounds; it++ {
		for i := range disp {
			disp[i] = point{}
		}
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				dx, dy := pos[i].x-pos[j].x, pos[i].y-pos[j].y
				d2 := dx*dx + dy*dy
				if d2 < 1e-6 {
					dx, dy, d2 = 0.01*float64(i-j), 0.01, 1e-4+0.0001*float64(i+j)
				}
				f := k * k / d2
				disp[i].x += dx * f
				disp[i].y += dy * f
				disp[j].x -= dx * f
				disp[j].y -= dy * f
			}
		}
		for _, l := range links {
			dx, dy := pos[l.a].x-pos[l.b].x, pos[l.a].y-pos[l.b].y
			d := math.Sqrt(dx*dx + dy*dy)
			f := d / k * math.Min(l.w, 3) * 0.5
			disp[l.a].x -= dx * f
			disp[l.a].y -= dy * f
			disp[l.b].x += dx * f
			disp[l.b].y += dy * f
		}
		// A weak pull to the middle keeps unconnected parts near.
		for i := range pos {
			disp[i].x -= pos[i].x * 0.05
			disp[i].y -= pos[i].y * 0.05
		}
		for i := range pos {
			if sg.Nodes[i].IRI == sg.Center {
				continue
			}
			d := math.Hypot(disp[i].x, disp[i].y)
			if d > 0 {
				s := math.Min(d, temp) / d
				pos[i].x += disp[i].x * s
				pos[i].y += disp[i].y * s
			}
		}
		temp = math.Max(0.01, temp*0.985)
	}
	// Scale into the picture: one factor for both axes (no stretching),
	// at most maxUnit pixels per layout unit (small graphs stay compact),
	// centred.
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pos {
		minX, maxX = math.Min(minX, p.x), math.Max(maxX, p.x)
		minY, maxY = math.Min(minY, p.y), math.Max(maxY, p.y)
	}
	const maxUnit = 150.0
	sc := math.Min(maxUnit, math.Min((picW-2*margin)/math.Max(maxX-minX, 1e-9), (picH-2*margin)/math.Max(maxY-minY, 1e-9)))
	cx, cy := (minX+maxX)/2, (minY+maxY)/2
	for i := range pos {
		pos[i] = point{picW/2 + (pos[i].x-cx)*sc, picH/2 + (pos[i].y-cy)*sc}
	}
	return pos
}

// typeClass is the CSS class (and colour) of an entity type.
func typeClass(t string) string {
	switch t {
	case "Person":
		return "person"
	case "Organization":
		return "org"
	case "Place", "Country", "City":
		return "place"
	case "Group":
		return "group"
	}
	return "thing"
}

var typeColour = map[string]string{"person": "#2f6db5", "org": "#2e8b57", "place": "#c9711e", "group": "#7b52ab", "thing": "#6b7280"}

// pair is the edges between two nodes, drawn as one line.
type pair struct {
	a, b    int
	labels  []string
	count   int
	forward bool // every edge goes a → b
	back    bool // every edge goes b → a
	facts   []string
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// SVG writes sg as an SVG picture: nodes coloured by type and sized by
// their number of stated facts, one line per pair of nodes sized by how
// often its facts are stated and labelled by relation (× count). Every
// text is escaped.
func SVG(w io.Writer, sg queries.Subgraph, o DrawOptions) error {
	pos := layout(sg, o.Line)
	idx := map[string]int{}
	for i, nd := range sg.Nodes {
		idx[nd.IRI] = i
	}
	weight := make([]int, len(sg.Nodes))
	pairs := map[[2]int]*pair{}
	for _, e := range sg.Edges {
		a, okA := idx[e.From]
		b, okB := idx[e.To]
		if !okA || !okB || a == b {
			continue
		}
		weight[a] += e.Count
		weight[b] += e.Count
		k := [2]int{min(a, b), max(a, b)}
		p := pairs[k]
		if p == nil {
			p = &pair{a: k[0], b: k[1], forward: true, back: true}
			pairs[k] = p
		}
		l := strings.ReplaceAll(e.Relation, "_", " ")
		if e.Count > 1 {
			l += fmt.Sprintf(" ×%d", e.Count)
		}
		p.labels = append(p.labels, l)
		p.count += e.Count
		p.facts = append(p.facts, e.Facts...)
		if a == k[0] {
			p.back = false
		} else {
			p.forward = false
		}
	}
	keys := make([][2]int, 0, len(pairs))
	for k := range pairs {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	var b strings.Builder
	ns := ""
	if o.Standalone {
		ns = ` xmlns="http://www.w3.org/2000/svg"`
	}
	// The view box fits the nodes (with room for labels), so a small graph
	// is not lost in an empty picture.
	vx, vy, vw, vh := 0.0, 0.0, picW, picH
	if len(pos) > 0 {
		minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, p := range pos {
			minX, maxX = math.Min(minX, p.x), math.Max(maxX, p.x)
			minY, maxY = math.Min(minY, p.y), math.Max(maxY, p.y)
		}
		vw, vh = math.Max(maxX-minX+2*margin, 560), math.Max(maxY-minY+110, 240)
		vx, vy = (minX+maxX)/2-vw/2, (minY+maxY)/2-vh/2+10
	}
	fmt.Fprintf(&b, `<svg%s class="picture" width="%.0f" height="%.0f" viewBox="%.0f %.0f %.0f %.0f" role="img" aria-label="entity graph" font-family="system-ui, sans-serif">`, ns, vw, vh, vx, vy, vw, vh)
	b.WriteString(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#9aa3af"/></marker></defs>`)
	if len(sg.Nodes) == 0 {
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" text-anchor="middle" fill="#6b7280" font-size="18">no facts between entities match</text>`, vx+vw/2, vy+vh/2)
	}
	radius := func(i int) float64 { return 7 + 3*math.Sqrt(float64(weight[i])) }
	b.WriteString(`<g class="edges">`)
	for _, k := range keys {
		p := pairs[k]
		pa, pb := pos[p.a], pos[p.b]
		// Shorten the line to the circles' rims so arrows show.
		dx, dy := pb.x-pa.x, pb.y-pa.y
		d := math.Max(math.Hypot(dx, dy), 1e-9)
		ra, rb := radius(p.a)+2, radius(p.b)+2
		x1, y1 := pa.x+dx/d*ra, pa.y+dy/d*ra
		x2, y2 := pb.x-dx/d*rb, pb.y-dy/d*rb
		marker := ""
		switch {
		case p.forward:
			marker = ` marker-end="url(#arrow)"`
		case p.back:
			marker = ` marker-start="url(#arrow)"`
		}
		sw := 1.2 + 1.3*math.Log2(float64(p.count))
		label := strings.Join(p.labels[:min(len(p.labels), 2)], " · ")
		if len(p.labels) > 2 {
			label += fmt.Sprintf(" +%d", len(p.labels)-2)
		}
		full := sg.Nodes[p.a].Label + " — " + strings.Join(p.labels, ", ") + " — " + sg.Nodes[p.b].Label
		fmt.Fprintf(&b, `<g class="edge" data-from="%s" data-to="%s" data-facts="%s"><title>%s</title>`,
			esc(sg.Nodes[p.a].IRI), esc(sg.Nodes[p.b].IRI), esc(strings.Join(p.facts, " ")), esc(full))
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#9aa3af" stroke-width="%.1f"%s/>`, x1, y1, x2, y2, sw, marker)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" font-size="11" fill="#4b5563" stroke="#fff" stroke-width="3" paint-order="stroke">%s</text></g>`,
			(x1+x2)/2, (y1+y2)/2-3, esc(clip(label, 40)))
	}
	b.WriteString(`</g><g class="nodes">`)
	for i, nd := range sg.Nodes {
		p := pos[i]
		cls := typeClass(nd.Type)
		r := radius(i)
		if nd.IRI == sg.Center && !o.Line {
			r += 4
		}
		open, closeTag := "", ""
		if o.Link != "" {
			open = fmt.Sprintf(`<a href="%s">`, esc(o.Link+url.QueryEscape(queries.EntityPath(nd.IRI))))
			closeTag = `</a>`
		}
		center := ""
		if nd.IRI == sg.Center {
			center = " center"
		}
		fmt.Fprintf(&b, `<g class="node %s%s" data-iri="%s">%s<title>%s (%s)</title>`, cls, center, esc(nd.IRI), open, esc(nd.Label), esc(nd.Type))
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="%.1f" fill="%s" stroke="#fff" stroke-width="2"/>`, p.x, p.y, r, typeColour[cls])
		weightAttr := "500"
		if nd.IRI == sg.Center {
			weightAttr = "700"
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" font-size="13" font-weight="%s" fill="#111827" stroke="#fff" stroke-width="4" paint-order="stroke">%s</text>%s</g>`,
			p.x, p.y+r+15, weightAttr, esc(clip(nd.Label, 26)), closeTag)
	}
	b.WriteString(`</g></svg>`)
	_, err := io.WriteString(w, b.String())
	return err
}

// esc escapes text for SVG/HTML content and attribute values.
func esc(s string) string { return html.EscapeString(s) }

// DOT writes sg in Graphviz's DOT language: one node per entity, one edge
// per relation labelled with it (× count).
func DOT(w io.Writer, sg queries.Subgraph) error {
	var b strings.Builder
	b.WriteString("digraph newsgraph {\n  graph [overlap=false, splines=true];\n  node [shape=ellipse, style=filled, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n")
	for _, nd := range sg.Nodes {
		extra := ""
		if nd.IRI == sg.Center {
			extra = ", penwidth=3"
		}
		fmt.Fprintf(&b, "  %s [label=%s, fillcolor=\"%s\", fontcolor=\"white\"%s];\n", dotQuote(nd.IRI), dotQuote(nd.Label), typeColour[typeClass(nd.Type)], extra)
	}
	for _, e := range sg.Edges {
		l := strings.ReplaceAll(e.Relation, "_", " ")
		if e.Count > 1 {
			l += fmt.Sprintf(" ×%d", e.Count)
		}
		fmt.Fprintf(&b, "  %s -> %s [label=%s, penwidth=%.1f];\n", dotQuote(e.From), dotQuote(e.To), dotQuote(l), 1+math.Log2(float64(max(e.Count, 1))))
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// dotQuote is s as a DOT quoted string.
func dotQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", "")
	return `"` + r.Replace(s) + `"`
}
