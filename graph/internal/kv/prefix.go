package kv

import (
	"github.com/cayleygraph/quad"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
)

// QuadsWith iterates the quads whose value in each of dirs is the matching
// ref of vals, through an index whose first directions are exactly dirs
// (subject+predicate: sp; object+predicate: ops): a prefix scan that reads
// only the matching quads, where QuadIterator on one direction reads every
// quad of that value. ok is false when no index starts with dirs (a store
// with the legacy indexes); the caller then iterates one direction and
// filters. A nil ref (a value the store does not hold) gives an empty
// iterator.
func (qs *QuadStore) QuadsWith(dirs []quad.Direction, vals []graph.Ref) (it iterator.Shape, ok bool) {
	if len(dirs) == 0 || len(dirs) != len(vals) {
		return nil, false
	}
	ind := qs.bestIndexes(dirs)
	if len(ind) != 1 || len(ind[0].Dirs) < len(dirs) {
		return nil, false
	}
	keys := make([]uint64, len(dirs))
	for i, d := range ind[0].Dirs[:len(dirs)] {
		j := -1
		for k, dk := range dirs {
			if dk == d {
				j = k
			}
		}
		if j < 0 {
			return nil, false // the index does not start with dirs
		}
		if vals[j] == nil {
			return iterator.NewNull(), true
		}
		v, isInt := vals[j].(Int64Value)
		if !isInt {
			return nil, false
		}
		keys[i] = uint64(v)
	}
	return qs.newQuadIterator(ind[0], keys), true
}
