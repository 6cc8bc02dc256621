package loaders

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/loaders/document"
)

// TestQuadBudget: a document over --max-quads fails with a line naming it,
// the quads it gives and the limit; one within the budget loads.
func TestQuadBudget(t *testing.T) {
	l, err := New()
	if err != nil {
		t.Fatal(err)
	}
	d, err := document.Read(context.Background(), "plan.txt", strings.NewReader("The regional council approved the flood defence scheme on Monday, its leader Anna Berg said."))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		max  int
		want string // "" for no error
	}{
		{0, ""}, // the default
		{10_000, ""},
		{20, "plan.txt: over budget: "},
	} {
		l.Budgets.MaxQuads = tc.max
		a, err := l.Load(context.Background(), d)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("max %d: %v", tc.max, err)
		case tc.want == "":
			if a == nil || len(a.Facts) == 0 {
				t.Errorf("max %d: article %+v", tc.max, a)
			}
		case err == nil || !errors.Is(err, ErrBudget) || !strings.Contains(err.Error(), tc.want) || !strings.HasSuffix(err.Error(), "quads, more than the limit of 20"):
			t.Errorf("max %d: err = %v, want %q… quads, more than the limit of 20", tc.max, err, tc.want)
		}
	}
}
