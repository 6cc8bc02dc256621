package queries

import (
	"context"

	cgraph "github.com/cayleygraph/cayley/graph"

	"github.com/newsgraph/newsgraph/graph"
)

// DefaultGizmoLimit is the number of results Gizmo returns when no limit
// is given.
const DefaultGizmoLimit = 100

// Gizmo runs a Gizmo query ("g.V(...).Out(...).All()") through Cayley's own
// query session (graph.Gizmo) and returns at most limit results
// (DefaultGizmoLimit when limit <= 0).
func Gizmo(ctx context.Context, qs cgraph.QuadStore, q string, limit int) ([]any, error) {
	if limit <= 0 {
		limit = DefaultGizmoLimit
	}
	return graph.Gizmo(ctx, qs, q, limit)
}
