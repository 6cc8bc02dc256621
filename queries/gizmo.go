package queries

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
)

// DefaultGizmoLimit is the number of results Gizmo returns when no limit
// is given.
const DefaultGizmoLimit = 100

// Gizmo runs a Gizmo query ("g.V(...).Out(...).All()") through Cayley's own
// query session and returns its results as JSON values: for each result a
// map from tag ("id" for the node reached) to the node (IRIs as "<…>",
// literals as their value), or whatever g.Emit sent. At most limit results
// are returned (DefaultGizmoLimit when limit <= 0). A session answers one
// query only, so each call makes a new one.
func Gizmo(ctx context.Context, qs cgraph.QuadStore, q string, limit int) (out []any, err error) {
	if limit <= 0 {
		limit = DefaultGizmoLimit
	}
	defer func() {
		// The JavaScript runtime should return errors, not panic; if it
		// does, the caller still gets an error and keeps its session.
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("gizmo: %v", r)
		}
	}()
	s := gizmo.NewSession(qs)
	it, err := s.Execute(ctx, q, query.Options{Collation: query.JSON, Limit: limit})
	if err != nil {
		return nil, fmt.Errorf("gizmo: %w", err)
	}
	defer it.Close()
	for it.Next(ctx) {
		if r := it.Result(); r != nil {
			out = append(out, r)
		}
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("gizmo: %w", err)
	}
	return out, nil
}
