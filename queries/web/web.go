// Package web is newsgraph's web view: HTML pages and a JSON API over the
// canned queries of package queries, and pictures of entity graphs laid out
// on the server (SVG, DOT). It renders what queries computes and reads the
// store only through it; templates, style and script are embedded, so the
// pages work offline.
package web

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
)

//go:embed templates/*.html static/*
var assets embed.FS

// Options configure a Server.
type Options struct {
	// Writable enables the write endpoints (POST /api/remove). Off by
	// default: the view only reads.
	Writable bool
	// AllowGizmo enables the Gizmo console (/gizmo, POST /api/gizmo).
	AllowGizmo bool
	// GizmoTimeout and GizmoLimit bound one Gizmo query
	// (DefaultGizmoTimeout, DefaultGizmoLimit when zero).
	GizmoTimeout time.Duration
	GizmoLimit   int
	// RequestTimeout bounds every other request (DefaultRequestTimeout
	// when zero).
	RequestTimeout time.Duration
	// Log receives one line per failed request; nil logs nothing.
	Log *log.Logger
}

// Defaults of Options.
const (
	DefaultGizmoTimeout   = 5 * time.Second
	DefaultGizmoLimit     = 500
	DefaultRequestTimeout = 10 * time.Second
)

// Server serves the pages and the API over one store.
type Server struct {
	st   *graph.Store
	qs   cgraph.QuadStore
	opts Options
	tmpl map[string]*template.Template
	mux  *http.ServeMux

	mu sync.RWMutex
	ix *queries.SearchIndex // names and headlines, rebuilt after a write
}

// New builds a Server: it reads every entity name and headline once for
// the search index; requests then read only around what they show.
func New(ctx context.Context, st *graph.Store, o Options) (*Server, error) {
	if o.GizmoTimeout <= 0 {
		o.GizmoTimeout = DefaultGizmoTimeout
	}
	if o.GizmoLimit <= 0 {
		o.GizmoLimit = DefaultGizmoLimit
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = DefaultRequestTimeout
	}
	s := &Server{st: st, qs: st.QuadStore(), opts: o}
	ix, err := queries.NewSearchIndex(ctx, s.qs)
	if err != nil {
		return nil, fmt.Errorf("web: search index: %w", err)
	}
	s.ix = ix
	if s.tmpl, err = parseTemplates(); err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

func (s *Server) index() *queries.SearchIndex {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.ix
}

// ServeHTTP serves a request with security headers, a timeout and
// cross-origin protection of the POST endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	s.mux.ServeHTTP(w, r)
}

// Handler is the Server wrapped in a request timeout and cross-origin
// protection: what an http.Server should serve.
func (s *Server) Handler() http.Handler {
	limit := max(s.opts.RequestTimeout, s.opts.GizmoTimeout) + time.Second
	return http.TimeoutHandler(http.NewCrossOriginProtection().Handler(s), limit, "request timed out\n")
}

func (s *Server) routes() {
	m := http.NewServeMux()
	static, _ := fs.Sub(assets, "static")
	m.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	m.HandleFunc("GET /{$}", s.page("home", s.home))
	m.HandleFunc("GET /search", s.page("search", s.search))
	m.HandleFunc("GET /entity", s.page("entity", s.entity))
	m.HandleFunc("GET /fact", s.page("fact", s.fact))
	m.HandleFunc("GET /doc", s.page("doc", s.doc))
	m.HandleFunc("GET /docs", s.page("docs", s.docs))
	m.HandleFunc("GET /neighbourhood", s.page("neighbourhood", s.neighbourhood))
	m.HandleFunc("GET /path", s.page("path", s.path))
	m.HandleFunc("GET /api/search", s.api(s.search))
	m.HandleFunc("GET /api/entities", s.api(s.entities))
	m.HandleFunc("GET /api/entity", s.api(s.entity))
	m.HandleFunc("GET /api/fact", s.api(s.fact))
	m.HandleFunc("GET /api/doc", s.api(s.doc))
	m.HandleFunc("GET /api/docs", s.api(s.docs))
	m.HandleFunc("GET /api/neighbourhood", s.picture(s.neighbourhoodGraph))
	m.HandleFunc("GET /api/docgraph", s.picture(s.docGraph))
	m.HandleFunc("GET /api/path", s.api(s.path))
	if s.opts.AllowGizmo {
		m.HandleFunc("GET /gizmo", s.page("gizmo", s.gizmo))
		m.HandleFunc("POST /gizmo", s.page("gizmo", s.gizmo))
		m.HandleFunc("POST /api/gizmo", s.api(s.gizmo))
	}
	if s.opts.Writable {
		m.HandleFunc("POST /api/remove", s.api(s.remove))
	}
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, false, &httpError{http.StatusNotFound, "no page " + r.URL.Path})
	})
	s.mux = m
}

// httpError is an error with its status code.
type httpError struct {
	code int
	msg  string
}

func (e *httpError) Error() string { return e.msg }

func badRequest(format string, a ...any) error {
	return &httpError{http.StatusBadRequest, fmt.Sprintf(format, a...)}
}

func notFound(err error) error { return &httpError{http.StatusNotFound, err.Error()} }

// handler computes what a page shows; the page's template renders it and
// /api/… sends it as JSON.
type handler func(ctx context.Context, r *http.Request) (any, error)

func (s *Server) ctx(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), s.opts.RequestTimeout)
}

// pageData is what every template gets.
type pageData struct {
	Title      string
	Query      string
	Type       string
	AllowGizmo bool
	Data       any
}

func (s *Server) page(name string, h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := s.ctx(r)
		defer cancel()
		v, err := h(ctx, r)
		if err != nil {
			s.fail(w, r, false, err)
			return
		}
		s.render(w, r, http.StatusOK, name, v)
	}
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, v any) {
	d := pageData{Title: titleOf(v), Query: r.URL.Query().Get("q"), Type: r.URL.Query().Get("type"), AllowGizmo: s.opts.AllowGizmo, Data: v}
	var b strings.Builder
	if err := s.tmpl[name].ExecuteTemplate(&b, "layout", d); err != nil {
		s.logf("render %s: %v", name, err)
		http.Error(w, "cannot render the page", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	_, _ = w.Write([]byte(b.String()))
}

func (s *Server) api(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := s.ctx(r)
		defer cancel()
		v, err := h(ctx, r)
		if err != nil {
			s.fail(w, r, true, err)
			return
		}
		writeJSON(w, http.StatusOK, v)
	}
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// fail answers with the error's status (500 for unexpected ones) as JSON or
// as a page.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, asJSON bool, err error) {
	code := http.StatusInternalServerError
	var he *httpError
	var amb *queries.AmbiguousError
	var nf *queries.NotFoundError
	switch {
	case errors.As(err, &he):
		code = he.code
	case errors.As(err, &amb):
		code = http.StatusConflict
	case errors.As(err, &nf):
		code = http.StatusNotFound
	case errors.Is(err, context.DeadlineExceeded):
		code = http.StatusServiceUnavailable
		err = fmt.Errorf("the query took too long: %w", err)
	}
	if code == http.StatusInternalServerError {
		s.logf("%s %s: %v", r.Method, r.URL, err)
	}
	if asJSON {
		writeJSON(w, code, map[string]string{"error": err.Error()})
		return
	}
	s.render(w, r, code, "error", errorPage{Code: code, Message: err.Error()})
}

type errorPage struct {
	Code    int
	Message string
}

func (s *Server) logf(format string, a ...any) {
	if s.opts.Log != nil {
		s.opts.Log.Printf(format, a...)
	}
}

// --- handlers ---------------------------------------------------------------

type homeData struct {
	Entities int
	Docs     int
	Top      []queries.Entity
	Recent   []queries.Doc
}

func (s *Server) home(ctx context.Context, r *http.Request) (any, error) {
	ix := s.index()
	ents, docs := ix.Entities(), ix.Docs()
	d := homeData{Entities: len(ents), Docs: len(docs), Top: ents[:min(len(ents), 24)]}
	for i := len(docs) - 1; i >= 0 && len(d.Recent) < 12; i-- {
		d.Recent = append(d.Recent, docs[i])
	}
	return d, nil
}

func intParam(r *http.Request, name string, def, lo, hi int) (int, error) {
	v := strings.TrimSpace(r.URL.Query().Get(name))
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, badRequest("%s: want a whole number from %d to %d, not %q", name, lo, hi, v)
	}
	return n, nil
}

// window reads the page of a long fact list: offset, limit.
func window(r *http.Request) (queries.Window, error) {
	var w queries.Window
	var err error
	if w.Offset, err = intParam(r, "offset", 0, 0, 1<<30); err != nil {
		return w, err
	}
	w.Limit, err = intParam(r, "limit", queries.DefaultWindow, 1, 1000)
	return w, err
}

func (s *Server) search(ctx context.Context, r *http.Request) (any, error) {
	q := r.URL.Query()
	limit, err := intParam(r, "limit", 50, 1, 1000)
	if err != nil {
		return nil, err
	}
	return s.index().Search(q.Get("q"), q.Get("type"), limit), nil
}

func (s *Server) entities(ctx context.Context, r *http.Request) (any, error) {
	limit, err := intParam(r, "limit", 100, 1, 100000)
	if err != nil {
		return nil, err
	}
	typ := r.URL.Query().Get("type")
	out := []queries.Entity{}
	for _, e := range s.index().Entities() {
		if len(out) == limit {
			break
		}
		if typ == "" || strings.EqualFold(e.Type, typ) || (strings.EqualFold(typ, "Place") && (e.Type == "Country" || e.Type == "City")) {
			out = append(out, e)
		}
	}
	return out, nil
}

// entityParam is the entity a request names: ?id= (an IRI or the part
// after the entity namespace) or ?name= (resolved as by the CLI).
func (s *Server) entityParam(ctx context.Context, r *http.Request, idKey, nameKey string) (string, error) {
	q := r.URL.Query()
	if id := strings.TrimSpace(q.Get(idKey)); id != "" {
		return queries.EntityIRI(id), nil
	}
	name := strings.TrimSpace(q.Get(nameKey))
	if name == "" {
		return "", badRequest("give the entity as ?%s=person/… or ?%s=NAME", idKey, nameKey)
	}
	e, err := queries.Resolve(ctx, s.index().Entities(), name)
	if err != nil {
		return "", err
	}
	return e.IRI, nil
}

func (s *Server) entity(ctx context.Context, r *http.Request) (any, error) {
	iri, err := s.entityParam(ctx, r, "id", "name")
	if err != nil {
		return nil, err
	}
	w, err := window(r)
	if err != nil {
		return nil, err
	}
	d, err := queries.DescribeEntity(ctx, s.qs, iri, w, s.index())
	if err != nil && strings.HasPrefix(err.Error(), "no entity") {
		return nil, notFound(err)
	}
	return d, err
}

func (s *Server) fact(ctx context.Context, r *http.Request) (any, error) {
	id := strings.TrimSpace(r.URL.Query().Get("id"))
	if id == "" {
		return nil, badRequest("give the fact as ?id=DOC.SENTENCE.FACT")
	}
	v, err := queries.FactSource(ctx, s.qs, id)
	if err != nil {
		if strings.HasPrefix(err.Error(), "no fact") || strings.HasPrefix(err.Error(), "fact ID") {
			return nil, notFound(err)
		}
		return nil, err
	}
	return v, nil
}

// docView is the document page: the document and its picture.
type docView struct {
	queries.DocDetail
	Graph queries.Subgraph `json:"graph"`
}

func (s *Server) doc(ctx context.Context, r *http.Request) (any, error) {
	id := strings.TrimSpace(r.URL.Query().Get("id"))
	if id == "" {
		return nil, badRequest("give the document as ?id= (its id, IRI or source)")
	}
	w, err := window(r)
	if err != nil {
		return nil, err
	}
	d, err := queries.DescribeDocument(ctx, s.qs, id, w, s.index())
	if err != nil {
		if strings.HasPrefix(err.Error(), "no document") {
			return nil, notFound(err)
		}
		return nil, err
	}
	return docView{DocDetail: d, Graph: queries.FactGraph(d.Facts, d.Types(), queries.PictureOptions{})}, nil
}

func (s *Server) docs(ctx context.Context, r *http.Request) (any, error) {
	ds := s.index().Docs()
	out := make([]queries.Doc, 0, len(ds))
	for i := len(ds) - 1; i >= 0; i-- {
		out = append(out, ds[i])
	}
	return out, nil
}

// pictureOptions reads the filters of a picture: hops, from, to,
// min_confidence, max_nodes.
func pictureOptions(r *http.Request) (queries.PictureOptions, error) {
	var o queries.PictureOptions
	var err error
	if o.Hops, err = intParam(r, "hops", 1, 1, 2); err != nil {
		return o, err
	}
	if o.MaxNodes, err = intParam(r, "max_nodes", queries.DefaultMaxNodes, 2, 200); err != nil {
		return o, err
	}
	q := r.URL.Query()
	for _, d := range []struct {
		name string
		to   *string
	}{{"from", &o.From}, {"to", &o.To}} {
		v := strings.TrimSpace(q.Get(d.name))
		if v != "" && !isDate(v) {
			return o, badRequest("%s: want a date YYYY, YYYY-MM or YYYY-MM-DD, not %q", d.name, v)
		}
		*d.to = v
	}
	if v := strings.TrimSpace(q.Get("min_confidence")); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 || f > 1 {
			return o, badRequest("min_confidence: want a number from 0 to 1, not %q", v)
		}
		o.MinConfidence = f
	}
	return o, nil
}

func isDate(s string) bool {
	for _, layout := range []string{"2006", "2006-01", "2006-01-02"} {
		if _, err := time.Parse(layout, s); err == nil && len(s) == len(layout) {
			return true
		}
	}
	return false
}

// neighbourhoodView is the neighbourhood page.
type neighbourhoodView struct {
	Entity  queries.Entity         `json:"entity"`
	Options queries.PictureOptions `json:"options"`
	Graph   queries.Subgraph       `json:"graph"`
	Edges   []labelledEdge         `json:"-"`
}

type labelledEdge struct {
	queries.Edge
	FromLabel, ToLabel string
}

func labelled(sg queries.Subgraph) []labelledEdge {
	l := map[string]string{}
	for _, n := range sg.Nodes {
		l[n.IRI] = n.Label
	}
	out := make([]labelledEdge, len(sg.Edges))
	for i, e := range sg.Edges {
		out[i] = labelledEdge{Edge: e, FromLabel: l[e.From], ToLabel: l[e.To]}
	}
	return out
}

func (s *Server) neighbourhoodGraph(ctx context.Context, r *http.Request) (queries.Subgraph, error) {
	iri, err := s.entityParam(ctx, r, "id", "name")
	if err != nil {
		return queries.Subgraph{}, err
	}
	o, err := pictureOptions(r)
	if err != nil {
		return queries.Subgraph{}, err
	}
	return queries.Neighbourhood(ctx, s.qs, iri, o)
}

func (s *Server) neighbourhood(ctx context.Context, r *http.Request) (any, error) {
	iri, err := s.entityParam(ctx, r, "id", "name")
	if err != nil {
		return nil, err
	}
	o, err := pictureOptions(r)
	if err != nil {
		return nil, err
	}
	g, err := queries.Neighbourhood(ctx, s.qs, iri, o)
	if err != nil {
		return nil, err
	}
	v := neighbourhoodView{Options: o, Graph: g, Edges: labelled(g), Entity: queries.Entity{IRI: iri, Label: queries.EntityPath(iri)}}
	for _, n := range g.Nodes {
		if n.IRI == iri {
			v.Entity.Label, v.Entity.Type = n.Label, n.Type
		}
	}
	return v, nil
}

func (s *Server) docGraph(ctx context.Context, r *http.Request) (queries.Subgraph, error) {
	id := strings.TrimSpace(r.URL.Query().Get("id"))
	if id == "" {
		return queries.Subgraph{}, badRequest("give the document as ?id=")
	}
	o, err := pictureOptions(r)
	if err != nil {
		return queries.Subgraph{}, err
	}
	w, err := window(r)
	if err != nil {
		return queries.Subgraph{}, err
	}
	d, err := queries.DescribeDocument(ctx, s.qs, id, w, s.index())
	if err != nil {
		if strings.HasPrefix(err.Error(), "no document") {
			return queries.Subgraph{}, notFound(err)
		}
		return queries.Subgraph{}, err
	}
	return queries.FactGraph(d.Facts, d.Types(), o), nil
}

// picture serves a Subgraph as JSON, or with ?format=svg|dot as a picture.
func (s *Server) picture(h func(ctx context.Context, r *http.Request) (queries.Subgraph, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := s.ctx(r)
		defer cancel()
		g, err := h(ctx, r)
		if err != nil {
			s.fail(w, r, true, err)
			return
		}
		switch f := r.URL.Query().Get("format"); f {
		case "", "json":
			writeJSON(w, http.StatusOK, g)
		case "svg":
			w.Header().Set("Content-Type", "image/svg+xml")
			_ = SVG(w, g, DrawOptions{Standalone: true, Link: "/entity?id="})
		case "dot":
			w.Header().Set("Content-Type", "text/vnd.graphviz; charset=utf-8")
			_ = DOT(w, g)
		default:
			s.fail(w, r, true, badRequest("format: want json, svg or dot, not %q", f))
		}
	}
}

// pathView is the path page and /api/path.
type pathView struct {
	A     queries.Entity   `json:"a"`
	B     queries.Entity   `json:"b"`
	Asked bool             `json:"-"`
	Found bool             `json:"found"`
	Hops  []queries.Hop    `json:"hops"`
	Graph queries.Subgraph `json:"graph"`
}

func (s *Server) path(ctx context.Context, r *http.Request) (any, error) {
	q := r.URL.Query()
	v := pathView{Hops: []queries.Hop{}}
	if strings.TrimSpace(q.Get("a")) == "" && strings.TrimSpace(q.Get("b")) == "" && strings.TrimSpace(q.Get("a_id")) == "" {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			return nil, badRequest("give two entities: ?a=NAME&b=NAME (or a_id=, b_id=)")
		}
		return v, nil
	}
	v.Asked = true
	ents := s.index().Entities()
	find := func(idKey, nameKey string) (queries.Entity, error) {
		iri, err := s.entityParam(ctx, r, idKey, nameKey)
		if err != nil {
			return queries.Entity{}, err
		}
		for _, e := range ents {
			if e.IRI == iri {
				return e, nil
			}
		}
		return queries.Entity{}, notFound(fmt.Errorf("no entity %s", queries.EntityPath(iri)))
	}
	var err error
	if v.A, err = find("a_id", "a"); err != nil {
		return nil, err
	}
	if v.B, err = find("b_id", "b"); err != nil {
		return nil, err
	}
	maxHops, err := intParam(r, "max_hops", queries.DefaultMaxHops, 1, 6)
	if err != nil {
		return nil, err
	}
	hops, err := queries.ShortestPath(ctx, s.qs, v.A.IRI, v.B.IRI, maxHops)
	if err != nil {
		return nil, err
	}
	v.Found = hops != nil
	if hops != nil {
		v.Hops = hops
	}
	v.Graph = queries.PathGraph(v.Hops)
	for i := range v.Graph.Nodes {
		for _, e := range ents {
			if e.IRI == v.Graph.Nodes[i].IRI {
				v.Graph.Nodes[i].Type = e.Type
			}
		}
	}
	return v, nil
}

// gizmoView is the Gizmo console and /api/gizmo.
type gizmoView struct {
	Query   string        `json:"query"`
	Results []any         `json:"results"`
	Limit   int           `json:"limit"`
	Timeout string        `json:"timeout"`
	Elapsed string        `json:"elapsed,omitempty"`
	Error   string        `json:"error,omitempty"`
	Pretty  string        `json:"-"`
	Took    time.Duration `json:"-"`
}

func (s *Server) gizmo(ctx context.Context, r *http.Request) (any, error) {
	v := gizmoView{Limit: s.opts.GizmoLimit, Timeout: s.opts.GizmoTimeout.String(), Results: []any{}}
	if r.Method != http.MethodPost {
		v.Query = `g.V("<https://newsgraph.dev/id/person/john_kirby>").Out().All()`
		return v, nil
	}
	r.Body = http.MaxBytesReader(nil, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return nil, badRequest("cannot read the query: %v", err)
	}
	v.Query = r.PostForm.Get("q")
	if strings.TrimSpace(v.Query) == "" {
		return nil, badRequest("give the Gizmo query as the form field q")
	}
	start := time.Now()
	res, err := s.runGizmo(r.Context(), v.Query)
	v.Took = time.Since(start)
	v.Elapsed = v.Took.Round(time.Millisecond).String()
	if err != nil {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			return nil, badRequest("%v", err)
		}
		v.Error = err.Error()
		return v, nil
	}
	v.Results = res
	if res == nil {
		v.Results = []any{}
	}
	b, _ := json.MarshalIndent(v.Results, "", "  ")
	v.Pretty = string(b)
	return v, nil
}

// runGizmo is the one place the web view runs Gizmo: under the console's
// time and result limits and queries' memory budget (queries.Gizmo stops
// a runaway query and returns an error wrapping queries.ErrGizmoLimit).
func (s *Server) runGizmo(ctx context.Context, q string) ([]any, error) {
	return queries.Gizmo(ctx, s.qs, q, queries.GizmoLimits{Timeout: s.opts.GizmoTimeout, Results: s.opts.GizmoLimit, TimeoutFlag: "--gizmo-timeout"})
}

// remove deletes a document (only with Options.Writable).
func (s *Server) remove(ctx context.Context, r *http.Request) (any, error) {
	doc := strings.TrimSpace(r.URL.Query().Get("doc"))
	if doc == "" {
		return nil, badRequest("give the document as ?doc= (source or IRI)")
	}
	n, err := s.st.RemoveDocument(ctx, doc)
	if err != nil {
		return nil, badRequest("%v", err)
	}
	ix, err := queries.NewSearchIndex(ctx, s.qs)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.ix = ix
	s.mu.Unlock()
	return map[string]any{"removed": doc, "quads": n}, nil
}
