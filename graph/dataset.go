package graph

import (
	"bufio"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/cayleygraph/quad/voc"

	"github.com/newsgraph/newsgraph/graph/turtle"
)

// Datasets are RDF files a user brings (N-Triples, N-Quads, Turtle). Each
// file is one named graph, its dataset IRI (DatasetIRI of its source):
//
//	G  rdf:type void:Dataset; ng:source "path"; rdfs:label "file name";
//	   ng:contentHash; void:triples (xsd:integer)          (labelled G)
//	…  every triple of the file                             (labelled G)
//
// Blank nodes become skolem IRIs unique to the file (SkolemNS), so two
// files never share one; graph names inside an N-Quads file are replaced by
// G. Links from our entities to a dataset's resources are written into the
// dataset's link graph, G + "/links" (see WriteDatasetLinks), so removing
// the dataset removes them too.
const (
	// DatasetNS is the namespace of dataset IRIs.
	DatasetNS = Base + "dataset/"
	// SkolemNS is where blank nodes of imported files become IRIs:
	// SkolemNS + file id + "/" + label (RDF 1.1's .well-known/genid).
	SkolemNS = Base + ".well-known/genid/"

	VoIDNS       = "http://rdfs.org/ns/void#"
	VoIDDataset  = VoIDNS + "Dataset"
	VoIDTriples  = VoIDNS + "triples"
	NGDatasetTag = NS + "dataset" // a link statement's dataset
)

func init() {
	// Prefixes for showing what common datasets say (queries' short IRIs).
	for _, ns := range []voc.Namespace{
		{Full: "http://www.w3.org/2003/01/geo/wgs84_pos#", Prefix: "geo:"},
		{Full: "http://xmlns.com/foaf/0.1/", Prefix: "foaf:"},
		{Full: "http://dbpedia.org/resource/", Prefix: "dbr:"},
		{Full: "http://dbpedia.org/ontology/", Prefix: "dbo:"},
		{Full: "http://www.wikidata.org/entity/", Prefix: "wd:"},
		{Full: "http://www.wikidata.org/prop/direct/", Prefix: "wdt:"},
		{Full: VoIDNS, Prefix: "void:"},
	} {
		voc.Register(ns)
	}
}

// Dataset formats ImportDataset reads.
const (
	FormatNTriples = "ntriples"
	FormatNQuads   = "nquads"
	FormatTurtle   = "turtle"
)

// DatasetFormat guesses a file's format from its name (.nt, .nq, .ttl or
// .turtle, each optionally .gz); "" when the name says nothing.
func DatasetFormat(name string) string {
	n := strings.TrimSuffix(strings.ToLower(name), ".gz")
	switch filepath.Ext(n) {
	case ".nt", ".ntriples":
		return FormatNTriples
	case ".nq", ".nquads":
		return FormatNQuads
	case ".ttl", ".turtle":
		return FormatTurtle
	}
	return ""
}

// DatasetIRI is the named graph of the dataset imported from source (a
// path or URL): DatasetNS + the first 16 hex digits of SHA-256(source).
func DatasetIRI(source string) quad.IRI {
	sum := sha256.Sum256([]byte(source))
	return quad.IRI(DatasetNS + hex.EncodeToString(sum[:8]))
}

// LinksGraph is the named graph of the links to dataset g.
func LinksGraph(g quad.IRI) quad.IRI { return quad.IRI(string(g) + "/links") }

// Dataset describes an imported dataset.
type Dataset struct {
	IRI     quad.IRI
	Source  string // the path it was imported from
	Label   string // the file name
	Hash    string // hex SHA-256 of the file's bytes (as read, before decompression)
	Triples int    // distinct triples stored
	Links   int    // links from our entities to its resources
}

// DatasetResult says what ImportDataset did.
type DatasetResult struct {
	Dataset
	Status  string   // Added, Replaced or Unchanged
	Added   int      // quads written
	Removed int      // quads removed (Replaced)
	Skipped int      // bad statements skipped
	Errors  []string // "source:line: what is wrong", for the first 100
}

// maxDatasetErrors bounds DatasetResult.Errors.
const maxDatasetErrors = 100

// ImportDataset reads an RDF file from r in format (FormatNTriples,
// FormatNQuads, FormatTurtle; "" guesses from source's name; gzip input is
// recognised by its magic bytes) into its own named graph,
// DatasetIRI(source). Bad statements are skipped and counted; each gives
// an error line naming source, the line and what is wrong. Importing the
// same source again replaces its graph (the same content changes nothing),
// in one transaction, so a failed import leaves the old graph whole. The
// links to it (LinksGraph) are kept; re-run `link --dataset` to refresh
// them.
func (s *Store) ImportDataset(ctx context.Context, r io.Reader, source, format string) (DatasetResult, error) {
	g := DatasetIRI(source)
	res := DatasetResult{Dataset: Dataset{IRI: g, Source: source, Label: filepath.Base(source)}}
	if s.readOnly {
		return res, ErrReadOnly
	}
	if format == "" {
		format = DatasetFormat(source)
	}
	if format == "" {
		return res, fmt.Errorf("%s: unknown RDF format (name it .nt, .nq or .ttl, or give --format ntriples|nquads|turtle)", source)
	}
	h := sha256.New()
	br := bufio.NewReader(io.TeeReader(r, h))
	var in io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return res, fmt.Errorf("%s: %w", source, err)
		}
		defer zr.Close()
		in = zr
	}
	file := sha256.Sum256([]byte(source))
	skolem := SkolemNS + hex.EncodeToString(file[:8]) + "/"
	seen := map[string]bool{}
	var qs []quad.Quad
	add := func(q quad.Quad) {
		for _, dir := range []quad.Direction{quad.Subject, quad.Object} {
			if b, ok := q.Get(dir).(quad.BNode); ok {
				q.Set(dir, quad.IRI(skolem+slug(string(b))))
			}
		}
		q.Label = g
		if k := q.NQuad(); !seen[k] {
			seen[k] = true
			qs = append(qs, q)
		}
	}
	bad := func(line int, msg string) {
		res.Skipped++
		if len(res.Errors) < maxDatasetErrors {
			res.Errors = append(res.Errors, fmt.Sprintf("%s:%d: %s", source, line, msg))
		}
	}
	var err error
	switch format {
	case FormatTurtle:
		err = readTurtle(ctx, in, add, bad)
	case FormatNTriples, FormatNQuads:
		err = readLines(ctx, in, add, bad)
	default:
		return res, fmt.Errorf("%s: unknown RDF format %q (have ntriples, nquads, turtle)", source, format)
	}
	if err != nil {
		return res, fmt.Errorf("%s: %w", source, err)
	}
	if len(qs) == 0 {
		return res, fmt.Errorf("%s: no triples read (%d bad statements)", source, res.Skipped)
	}
	res.Hash = hex.EncodeToString(h.Sum(nil))
	res.Triples = len(qs)
	meta := []quad.Quad{
		{Subject: g, Predicate: quad.IRI(RDFType), Object: quad.IRI(VoIDDataset), Label: g},
		{Subject: g, Predicate: quad.IRI(NGSource), Object: lit(source), Label: g},
		{Subject: g, Predicate: quad.IRI(RDFSLabel), Object: lit(res.Label), Label: g},
		{Subject: g, Predicate: quad.IRI(NGContentHash), Object: lit(res.Hash), Label: g},
		{Subject: g, Predicate: quad.IRI(VoIDTriples), Object: intLit(len(qs)), Label: g},
	}
	for _, q := range meta {
		if k := q.NQuad(); !seen[k] {
			seen[k] = true
			qs = append(qs, q)
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	old, err := s.quadsWith(ctx, quad.Label, g)
	if err != nil {
		return res, fmt.Errorf("%s: %w", source, err)
	}
	res.Status = Added
	if len(old) > 0 {
		res.Status = Replaced
	}
	if res.Added, res.Removed, err = s.applyDiff(ctx, old, qs); err != nil {
		return res, fmt.Errorf("%s: %w", source, err)
	}
	if res.Added+res.Removed == 0 {
		res.Status = Unchanged
	}
	return res, nil
}

func readTurtle(ctx context.Context, r io.Reader, add func(quad.Quad), bad func(int, string)) error {
	tr := turtle.NewReader(r, "")
	for n := 0; ; n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		q, err := tr.ReadQuad()
		if err == io.EOF {
			return nil
		}
		var se *turtle.SyntaxError
		if errors.As(err, &se) {
			bad(se.Line, se.Msg)
			continue
		}
		if err != nil {
			return err
		}
		add(q)
	}
}

// readLines reads N-Triples or N-Quads, one statement a line.
func readLines(ctx context.Context, r io.Reader, add func(quad.Quad), bad func(int, string)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for line := 1; sc.Scan(); line++ {
		if line%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		q, err := nquads.ParseRaw(text)
		if err == nil && (q.Subject == nil || q.Predicate == nil || q.Object == nil) {
			err = fmt.Errorf("incomplete statement")
		}
		if err != nil {
			bad(line, strings.TrimPrefix(err.Error(), "nquads: "))
			continue
		}
		add(q)
	}
	return sc.Err()
}

// Datasets lists the imported datasets, sorted by source.
func (s *Store) Datasets(ctx context.Context) ([]Dataset, error) {
	var iris []quad.IRI
	err := s.eachQuad(ctx, quad.Object, quad.IRI(VoIDDataset), func(q quad.Quad) error {
		if g, ok := q.Subject.(quad.IRI); ok && q.Predicate == quad.IRI(RDFType) && q.Label == g {
			iris = append(iris, g)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]Dataset, 0, len(iris))
	for _, g := range iris {
		d, err := s.datasetInfo(ctx, g)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Source < out[j].Source })
	return out, nil
}

func (s *Store) datasetInfo(ctx context.Context, g quad.IRI) (Dataset, error) {
	d := Dataset{IRI: g}
	err := s.eachQuad(ctx, quad.Subject, g, func(q quad.Quad) error {
		if q.Label != g {
			return nil
		}
		switch Lexical(q.Predicate) {
		case NGSource:
			d.Source = Lexical(q.Object)
		case RDFSLabel:
			d.Label = Lexical(q.Object)
		case NGContentHash:
			d.Hash = Lexical(q.Object)
		case VoIDTriples:
			d.Triples, _ = strconv.Atoi(Lexical(q.Object))
		}
		return nil
	})
	if err != nil {
		return d, err
	}
	err = s.eachQuad(ctx, quad.Object, quad.IRI(NGLink), func(q quad.Quad) error {
		if q.Label == LinksGraph(g) && q.Predicate == quad.IRI(RDFType) {
			d.Links++
		}
		return nil
	})
	return d, err
}

// FindDataset finds an imported dataset by its source path, its graph IRI
// (with or without <>), or its file name when only one dataset has it; the
// error wraps ErrNotFound when there is none.
func (s *Store) FindDataset(ctx context.Context, name string) (Dataset, error) {
	key := strings.Trim(strings.TrimSpace(name), "<>")
	if key == "" {
		return Dataset{}, fmt.Errorf("empty dataset name: %w", ErrNotFound)
	}
	all, err := s.Datasets(ctx)
	if err != nil {
		return Dataset{}, err
	}
	var byLabel []Dataset
	for _, d := range all {
		if string(d.IRI) == key || d.Source == key || d.IRI == DatasetIRI(key) || d.Source == filepath.Clean(key) {
			return d, nil
		}
		if d.Label == filepath.Base(key) {
			byLabel = append(byLabel, d)
		}
	}
	if len(byLabel) == 1 {
		return byLabel[0], nil
	}
	if len(byLabel) > 1 {
		return Dataset{}, fmt.Errorf("dataset %q: %d datasets have that file name, give the path or the graph IRI", name, len(byLabel))
	}
	return Dataset{}, fmt.Errorf("dataset %q: %w (see `newsgraph import`)", name, ErrNotFound)
}

// RemoveDataset removes an imported dataset (see FindDataset) and the
// links to it, in one transaction; it returns how many quads it removed.
func (s *Store) RemoveDataset(ctx context.Context, name string) (Dataset, int, error) {
	if s.readOnly {
		return Dataset{}, 0, ErrReadOnly
	}
	d, err := s.FindDataset(ctx, name)
	if err != nil {
		return d, 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var deltas []cgraph.Delta
	for _, l := range []quad.IRI{d.IRI, LinksGraph(d.IRI)} {
		err := s.eachQuad(ctx, quad.Label, l, func(q quad.Quad) error {
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Delete})
			return nil
		})
		if err != nil {
			return d, 0, err
		}
	}
	if err := s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreMissing: true}); err != nil {
		return d, 0, fmt.Errorf("%s: remove %d quads: %w", name, len(deltas), err)
	}
	return d, len(deltas), nil
}

// EachDatasetQuad calls fn for every quad of dataset g.
func (s *Store) EachDatasetQuad(ctx context.Context, g quad.IRI, fn func(quad.Quad) error) error {
	return s.eachQuad(ctx, quad.Label, g, fn)
}

// DatasetLink is a decided link from one of our entities to a resource of
// a dataset.
type DatasetLink struct {
	Entity   quad.IRI // our entity
	Target   quad.IRI // the dataset's resource
	Score    float64
	Features string // what it was decided on (link.Features.String())
}

// WriteDatasetLinks replaces the links to dataset g with links, in one
// transaction: each is a direct `Entity owl:sameAs Target` and a link
// statement (rdf:type ng:Link; rdf:subject, rdf:predicate owl:sameAs,
// rdf:object; ng:score; ng:linkFeatures; ng:kb the dataset's file name;
// ng:dataset g; prov:wasDerivedFrom g), all labelled LinksGraph(g). It
// returns the numbers of quads added and removed.
func (s *Store) WriteDatasetLinks(ctx context.Context, g quad.IRI, links []DatasetLink) (added, removed int, err error) {
	if s.readOnly {
		return 0, 0, ErrReadOnly
	}
	d, err := s.datasetInfo(ctx, g)
	if err != nil {
		return 0, 0, err
	}
	lg := LinksGraph(g)
	b := &builder{seen: make(map[quad.Quad]struct{})}
	sort.Slice(links, func(i, j int) bool {
		if links[i].Entity != links[j].Entity {
			return links[i].Entity < links[j].Entity
		}
		return links[i].Target < links[j].Target
	})
	for _, l := range links {
		b.add(l.Entity, OWLSameAs, l.Target, lg)
		sum := sha256.Sum256([]byte(string(l.Entity) + " " + string(l.Target)))
		li := quad.IRI(string(lg) + "/" + hex.EncodeToString(sum[:8]))
		b.add(li, RDFType, quad.IRI(NGLink), lg)
		b.add(li, RDFSubject, l.Entity, lg)
		b.add(li, RDFPredicate, quad.IRI(OWLSameAs), lg)
		b.add(li, RDFObject, l.Target, lg)
		b.add(li, NGScore, typed(decimal(l.Score), XSDDecimal), lg)
		b.addText(li, NGLinkFeatures, l.Features, lg)
		b.addText(li, NGKB, d.Label, lg)
		b.add(li, NGDatasetTag, g, lg)
		b.add(li, ProvDerivedFrom, g, lg)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	added, removed, err = s.replaceGraph(ctx, lg, b.quads)
	if err != nil {
		return 0, 0, fmt.Errorf("write links to %s: %w", g, err)
	}
	return added, removed, nil
}
