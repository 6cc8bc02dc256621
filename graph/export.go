package graph

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	_ "github.com/cayleygraph/quad/dot"     // "graphviz"
	_ "github.com/cayleygraph/quad/gml"     // "gml"
	_ "github.com/cayleygraph/quad/graphml" // "graphml"
	_ "github.com/cayleygraph/quad/json"    // "json", "json-stream"
	_ "github.com/cayleygraph/quad/jsonld"  // "jsonld"
	"github.com/cayleygraph/quad/nquads"    // "nquads"
	_ "github.com/cayleygraph/quad/pquads"  // "pquads"
)

// DefaultFormat is Export's format when none is given.
const DefaultFormat = "nquads"

// Formats lists the names Export accepts: the quad library's registered
// formats that can write ("nquads", "jsonld", "graphml", "gml", "graphviz"
// (alias "dot"), "json", "json-stream", "pquads").
func Formats() []string {
	var out []string
	for _, f := range quad.Formats() {
		if f.Writer != nil {
			out = append(out, f.Name)
		}
	}
	sort.Strings(out)
	return out
}

func formatByName(name string) (*quad.Format, error) {
	switch strings.ToLower(name) {
	case "":
		name = DefaultFormat
	case "dot":
		name = "graphviz"
	case "nq", "n-quads":
		name = "nquads"
	case "json-ld":
		name = "jsonld"
	}
	f := quad.FormatByName(strings.ToLower(name))
	if f == nil || f.Writer == nil {
		return nil, fmt.Errorf("unknown export format %q (have %s)", name, strings.Join(Formats(), ", "))
	}
	return f, nil
}

// Export streams the store's quads, or one document's (doc: source, IRI or
// id, "" for all), to w in the named format (see Formats; "" = N-Quads),
// and returns how many quads it wrote. A whole-store export streams in the
// store's order; a document's quads come sorted.
func (s *Store) Export(ctx context.Context, w io.Writer, format string, doc string) (n int, err error) {
	f, err := formatByName(format)
	if err != nil {
		return 0, err
	}
	var quads []quad.Quad
	if doc != "" {
		d, err := s.resolveDoc(ctx, doc)
		if err != nil {
			return 0, err
		}
		if quads, err = s.documentQuads(ctx, d); err != nil {
			return 0, err
		}
		sort.Slice(quads, func(i, j int) bool { return quads[i].NQuad() < quads[j].NQuad() })
	}
	qw := f.Writer(w)
	defer func() {
		if cerr := qw.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("export %s: %w", f.Name, cerr)
		}
	}()
	if doc != "" {
		for _, q := range quads {
			if err := qw.WriteQuad(q); err != nil {
				return n, fmt.Errorf("export %s: %w", f.Name, err)
			}
			n++
		}
		return n, nil
	}
	if s.counted != nil { // kv: one pass over the log
		err := s.counted.EachQuad(ctx, func(q quad.Quad) error {
			if err := qw.WriteQuad(q); err != nil {
				return fmt.Errorf("export %s: %w", f.Name, err)
			}
			n++
			return nil
		})
		return n, err
	}
	it := s.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return n, fmt.Errorf("export: read quad: %w", err)
		}
		if err := qw.WriteQuad(q); err != nil {
			return n, fmt.Errorf("export %s: %w", f.Name, err)
		}
		n++
	}
	if err := it.Err(); err != nil {
		return n, fmt.Errorf("export: %w", err)
	}
	return n, ctx.Err()
}

// ImportBatch is how many quads Import writes per transaction.
const ImportBatch = 10000

// maxReported bounds ImportResult.Errors.
const maxReported = 100

// ImportResult says what Import did.
type ImportResult struct {
	Quads   int      // quads read and written (duplicates included)
	Skipped int      // bad lines skipped
	Errors  []string // "name:line: reason" for the first 100 bad lines
}

// Import loads N-Quads from r (name is used in error lines and to scope
// blank nodes) in transactions of ImportBatch quads. A bad line is skipped
// and reported as "name:line: reason"; it never aborts the load. Blank
// nodes become IRIs under Base + "bnode/" + a hash of name, so two loads
// never merge their blank nodes. Quads already in the store are left as
// they are.
func (s *Store) Import(ctx context.Context, r io.Reader, name string) (ImportResult, error) {
	var res ImportResult
	if s.readOnly {
		return res, ErrReadOnly
	}
	sum := sha256.Sum256([]byte(name))
	bnodeNS := Base + "bnode/" + hex.EncodeToString(sum[:8]) + "/"
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	batch := make([]cgraph.Delta, 0, ImportBatch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		s.mu.Lock()
		err := s.qs.ApplyDeltas(batch, cgraph.IgnoreOpts{IgnoreDup: true})
		s.mu.Unlock()
		if err != nil {
			return fmt.Errorf("%s: write %d quads: %w", name, len(batch), err)
		}
		res.Quads += len(batch)
		batch = batch[:0]
		return nil
	}
	seen := make(map[quad.Quad]bool, ImportBatch)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		q, err := nquads.ParseRaw(text) // raw: typed literals stay TypedString with full datatype IRIs
		if err == nil && !q.IsValid() {
			err = fmt.Errorf("incomplete quad")
		}
		if err != nil {
			res.Skipped++
			if len(res.Errors) < maxReported {
				res.Errors = append(res.Errors, fmt.Sprintf("%s:%d: %v", name, line, err))
			}
			continue
		}
		for _, dir := range quad.Directions {
			if b, ok := q.Get(dir).(quad.BNode); ok {
				q.Set(dir, quad.IRI(bnodeNS+slug(string(b))))
			}
		}
		if seen[q] {
			continue
		}
		seen[q] = true
		batch = append(batch, cgraph.Delta{Quad: q, Action: cgraph.Add})
		if len(batch) == ImportBatch {
			if err := ctx.Err(); err != nil {
				return res, err
			}
			if err := flush(); err != nil {
				return res, err
			}
			clear(seen)
		}
	}
	if err := sc.Err(); err != nil {
		return res, fmt.Errorf("%s: read: %w", name, err)
	}
	return res, flush()
}
