package kv

// newsgraph fix: a batch is applied as its net effect on the store, so that
// reference counts and tallies count only the quads really added and
// removed.

import (
	"context"

	"github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/hidal-go/hidalgo/kv"
)

// netDeltas returns the deltas of in that change the store, applying them
// in order: the first delta of a quad in the batch is an error, unless
// ignoreOpts ignores it, if it adds a quad that is stored (a duplicate) or
// deletes one that is not (missing); a later delta of the same quad is
// applied to what the batch left (as upstream, which did not refuse a quad
// added twice).
// Each quad of the result is added (not stored) or deleted (stored) once, so
// the node reference counts SplitDeltas computes from it are exact.
// (Upstream applied all additions before all deletions and counted the
// references of duplicate and missing quads too.)
func (qs *QuadStore) netDeltas(ctx context.Context, tx kv.Tx, in []graph.Delta, ignoreOpts graph.IgnoreOpts) ([]graph.Delta, error) {
	type state struct {
		hash   refs.QuadHash
		stored bool // in the store before the batch
		now    bool // in the store after the deltas so far
		last   int  // index in in of the last delta of this quad, -1 before it
	}
	states := make(map[refs.QuadHash]*state, len(in))
	order := make([]*state, 0, len(in))
	vals := make(map[refs.ValueHash]int)
	var nodes []graphlog.NodeUpdate
	hashes := make([]refs.QuadHash, len(in))
	for i, d := range in {
		var q refs.QuadHash
		for _, dir := range quad.Directions {
			v := d.Quad.Get(dir)
			if v == nil {
				continue
			}
			h := refs.HashOf(v)
			q.Set(dir, h)
			if _, ok := vals[h]; !ok {
				vals[h] = len(nodes)
				nodes = append(nodes, graphlog.NodeUpdate{Hash: h, Val: v})
			}
		}
		hashes[i] = q
		if _, ok := states[q]; !ok {
			s := &state{hash: q, last: -1}
			states[q] = s
			order = append(order, s)
		}
	}
	ids := make([]uint64, len(nodes))
	if err := qs.resolveValDeltas(ctx, tx, nodes, func(i int, id uint64) { ids[i] = id }); err != nil {
		return nil, err
	}
	for _, s := range order {
		var link cproto.Primitive
		known := true
		for _, dir := range quad.Directions {
			h := s.hash.Get(dir)
			if !h.Valid() {
				continue
			}
			id := ids[vals[h]]
			if id == 0 {
				known = false
				break
			}
			link.SetDirection(dir, id)
		}
		if known {
			p, err := qs.hasPrimitive(ctx, tx, &link, true)
			if err != nil {
				return nil, err
			}
			s.stored = p != nil && !p.Deleted
		}
		s.now = s.stored
	}
	for i, d := range in {
		s := states[hashes[i]]
		first := s.last < 0
		s.last = i
		switch d.Action {
		case graph.Add:
			if s.now && first && !ignoreOpts.IgnoreDup {
				return nil, &graph.DeltaError{Delta: d, Err: graph.ErrQuadExists}
			}
			s.now = true
		case graph.Delete:
			if !s.now && first && !ignoreOpts.IgnoreMissing {
				return nil, &graph.DeltaError{Delta: d, Err: graph.ErrQuadNotExist}
			}
			s.now = false
		}
	}
	out := make([]graph.Delta, 0, len(order))
	for _, s := range order {
		if s.now != s.stored {
			out = append(out, in[s.last])
		}
	}
	return out, nil
}
