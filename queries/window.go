package queries

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/cayley/query/path"
)

// Window is a page of a long list of facts: Limit facts from Offset
// (Limit <= 0: DefaultWindow).
type Window struct {
	Offset int `json:"offset"`
	Limit  int `json:"limit"`
	Total  int `json:"total"` // facts in the whole list (set by the query)
	Count  int `json:"count"` // facts read: those from Offset on (set by the query)
}

// DefaultWindow is how many facts a page reads at most.
const DefaultWindow = 150

// stmtKey orders statement IRIs (DOC/s/I/f/K) in reading order without
// reading them: the document's date, the document, sentence, fact.
type stmtKey struct {
	iri, date, doc string
	s, f           int
}

func splitStmt(iri string) (doc string, s, f int, ok bool) {
	d, rest, ok1 := strings.Cut(iri, "/s/")
	si, fi, ok2 := strings.Cut(rest, "/f/")
	if !ok1 || !ok2 {
		return "", 0, 0, false
	}
	a, err1 := strconv.Atoi(si)
	b, err2 := strconv.Atoi(fi)
	return d, a, b, err1 == nil && err2 == nil
}

// factWindow reads the facts of the window w of the statements p ends at,
// in reading order; only the documents' dates and the window's facts are
// read. It returns w with Total set.
func (r *reader) factWindow(ctx context.Context, p *path.Path, w Window) ([]Fact, Window, error) {
	if w.Limit <= 0 {
		w.Limit = DefaultWindow
	}
	w.Offset = max(w.Offset, 0)
	stmts, err := nodes(ctx, r.qs, p)
	if err != nil {
		return nil, w, err
	}
	keys := make([]stmtKey, 0, len(stmts))
	for _, v := range stmts {
		iri := str(v)
		k := stmtKey{iri: iri}
		if doc, s, f, ok := splitStmt(iri); ok {
			d, err := r.doc(ctx, doc)
			if err != nil {
				return nil, w, err
			}
			k.doc, k.s, k.f, k.date = doc, s, f, d.Published
		}
		keys = append(keys, k)
	}
	sort.SliceStable(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.date != b.date {
			return a.date < b.date
		}
		if a.doc != b.doc {
			return a.doc < b.doc
		}
		if a.s != b.s {
			return a.s < b.s
		}
		if a.f != b.f {
			return a.f < b.f
		}
		return a.iri < b.iri
	})
	w.Total = len(keys)
	lo, hi := min(w.Offset, len(keys)), min(w.Offset+w.Limit, len(keys))
	w.Count = hi - lo
	out := make([]Fact, 0, hi-lo)
	for _, k := range keys[lo:hi] {
		f, err := r.fact(ctx, k.iri)
		if err != nil {
			return nil, w, err
		}
		out = append(out, f)
	}
	return out, w, nil
}
