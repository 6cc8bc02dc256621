package graph

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	_ "github.com/cayleygraph/cayley/graph/kv/bolt" // Cayley's own bolt backend, for the comparison
	"github.com/cayleygraph/cayley/writer"
	"github.com/cayleygraph/quad"
)

// BackendCayleyBolt names, in Bench, Cayley's own bolt backend loaded
// through Cayley's Go API (graph.InitQuadStore, graph.NewQuadStore,
// writer.NewSingleReplication, AddQuadSet): upstream code, not newsgraph's
// write path, measured on the same quads in the same transactions.
const BackendCayleyBolt = "cayley-bolt"

// benchCayley loads the articles' quads (made before the clock starts) into
// Cayley's bolt store with Cayley's Go API, batch articles per AddQuadSet
// (one transaction each).
func benchCayley(ctx context.Context, dir string, arts []*Article, batch int, name string) (BenchResult, error) {
	r := BenchResult{Backend: BackendCayleyBolt, Dataset: name}
	sets := make([][]quad.Quad, 0, len(arts)/batch+1)
	var cur []quad.Quad
	for i, a := range arts {
		qs, err := Quads(a)
		if err != nil {
			return r, err
		}
		cur = append(cur, qs...)
		if (i+1)%batch == 0 || i == len(arts)-1 {
			sets = append(sets, cur)
			cur = nil
		}
	}
	p := filepath.Join(dir, "cayley-bolt.db")
	os.RemoveAll(p)
	defer os.RemoveAll(p)
	if err := cgraph.InitQuadStore("bolt", p, nil); err != nil {
		return r, fmt.Errorf("cayley init: %w", err)
	}
	qs, err := cgraph.NewQuadStore("bolt", p, nil)
	if err != nil {
		return r, fmt.Errorf("cayley open: %w", err)
	}
	w, err := writer.NewSingleReplication(qs, nil)
	if err != nil {
		qs.Close()
		return r, err
	}
	start, use := time.Now(), CurrentUsage()
	for _, set := range sets {
		if err := ctx.Err(); err != nil {
			qs.Close()
			return r, err
		}
		if err := w.AddQuadSet(set); err != nil {
			qs.Close()
			return r, fmt.Errorf("cayley write: %w", err)
		}
	}
	r.Write = time.Since(start)
	u := use.Since()
	r.CPU, r.Written = u.CPU, u.Written
	r.Txs = len(sets)
	st, err := qs.Stats(ctx, false)
	if err != nil {
		qs.Close()
		return r, err
	}
	r.Quads = int(st.Quads.Value)
	if err := qs.Close(); err != nil {
		return r, err
	}
	r.SizeBytes, err = DiskSize(p)
	return r, err
}
