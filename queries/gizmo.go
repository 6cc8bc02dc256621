package queries

import (
	"context"
	"errors"
	"fmt"
	"runtime/metrics"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"

	"github.com/newsgraph/newsgraph/graph"
)

// DefaultGizmoLimit is the number of results Gizmo returns when no limit
// is given.
const DefaultGizmoLimit = 100

// DefaultGizmoTimeout is how long a Gizmo query may run when no time limit
// is given.
const DefaultGizmoTimeout = 5 * time.Second

// DefaultGizmoMemory is how much the heap may grow while a Gizmo query runs
// when no memory limit is given.
const DefaultGizmoMemory = 512 << 20

// GizmoLimits bound one Gizmo query. Zero fields take the defaults.
type GizmoLimits struct {
	Timeout time.Duration // wall time (DefaultGizmoTimeout)
	Results int           // results returned (DefaultGizmoLimit)
	Memory  int64         // bytes the Go heap may grow by while it runs (DefaultGizmoMemory)
	// TimeoutFlag names the setting of Timeout in the error of a query
	// that runs too long ("--timeout" when empty).
	TimeoutFlag string
}

func (l GizmoLimits) withDefaults() GizmoLimits {
	if l.Timeout <= 0 {
		l.Timeout = DefaultGizmoTimeout
	}
	if l.TimeoutFlag == "" {
		l.TimeoutFlag = "--timeout"
	}
	if l.Results <= 0 {
		l.Results = DefaultGizmoLimit
	}
	if l.Memory <= 0 {
		l.Memory = DefaultGizmoMemory
	}
	return l
}

// ErrGizmoLimit is wrapped by the error of a Gizmo query stopped by one of
// its limits; the store and the session are unharmed.
var ErrGizmoLimit = errors.New("gizmo query stopped")

// Gizmo runs a Gizmo query ("g.V(...).Out(...).All()") through Cayley's own
// query session and returns at most lim.Results results. The query is
// stopped — JavaScript interrupted, iterators cancelled — when it runs
// longer than lim.Timeout or the heap grows by more than lim.Memory while
// it runs (sampled every few milliseconds; the heap is the process's, so
// concurrent work counts too), with an error wrapping ErrGizmoLimit that
// says which limit.
func Gizmo(ctx context.Context, qs cgraph.QuadStore, q string, lim GizmoLimits) ([]any, error) {
	lim = lim.withDefaults()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	timer := time.AfterFunc(lim.Timeout, func() {
		cancel(fmt.Errorf("%w: it ran longer than %v (%s)", ErrGizmoLimit, lim.Timeout, lim.TimeoutFlag))
	})
	defer timer.Stop()
	done := make(chan struct{})
	defer close(done)
	go watchHeap(done, lim.Memory, func(grown int64) {
		cancel(fmt.Errorf("%w: it used more than %d MB of memory (%d MB)", ErrGizmoLimit, lim.Memory>>20, grown>>20))
	})
	rs, err := graph.Gizmo(ctx, qs, q, lim.Results)
	if cause := context.Cause(ctx); errors.Is(cause, ErrGizmoLimit) {
		return nil, cause
	}
	return rs, err
}

// watchHeap calls over once when the heap's objects grow more than budget
// bytes over what they were at the start, until done is closed.
func watchHeap(done <-chan struct{}, budget int64, over func(grown int64)) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() int64 {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return int64(sample[0].Value.Uint64())
	}
	base := read()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
			if grown := read() - base; grown > budget {
				over(grown)
				return
			}
		}
	}
}
