package queries

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
)

// TestGizmoLimits: a query that loops, or grows memory without end, is
// stopped with an error naming the limit, and the next query on the same
// store answers.
func TestGizmoLimits(t *testing.T) {
	qs := fixture(t)
	ctx := context.Background()
	tests := []struct {
		name, query string
		lim         GizmoLimits
		want        string // in the error
	}{
		{"endless loop", `while (true) {}`, GizmoLimits{Timeout: 200 * time.Millisecond}, "longer than 200ms"},
		{"endless loop in a callback", `g.V().ForEach(function(d) { while (true) {} })`, GizmoLimits{Timeout: 200 * time.Millisecond}, "longer than"},
		{"growing memory", `var a = []; var s = "x"; while (s.length < 1e6) { s = s + s }; while (true) { a.push(s + a.length) }`,
			GizmoLimits{Timeout: time.Minute, Memory: 64 << 20}, "memory"},
	}
	for _, tc := range tests {
		_, err := Gizmo(ctx, qs, tc.query, tc.lim)
		if !errors.Is(err, ErrGizmoLimit) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want the limit (%q)", tc.name, err, tc.want)
		}
		// The store answers the next query.
		rs, err := Gizmo(ctx, qs, `g.V("<`+iri(kirby)+`>").Out("<`+graph.RDFSLabel+`>").All()`, GizmoLimits{})
		if err != nil || len(rs) == 0 {
			t.Fatalf("%s: next query: %v, %v", tc.name, rs, err)
		}
	}
	// Results are capped.
	rs, err := Gizmo(ctx, qs, `g.V().All()`, GizmoLimits{Results: 2})
	if err != nil || len(rs) != 2 {
		t.Errorf("results limit 2: %d results, %v", len(rs), err)
	}
	// --timeout parses.
	o, _, err := ParseArgs(Options{}, []string{"--timeout", "2s", "g.V()"})
	if err != nil || o.Timeout != 2*time.Second {
		t.Errorf("--timeout 2s: %v, %v", o.Timeout, err)
	}
	if _, _, err := ParseArgs(Options{}, []string{"--timeout", "soon"}); !errors.Is(err, ErrUsage) {
		t.Errorf("--timeout soon: %v", err)
	}
}
