package kv

// newsgraph: Check verifies a store the way it is laid out on disk, for
// "newsgraph check".

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"

	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"github.com/hidal-go/hidalgo/kv"
	gproto "google.golang.org/protobuf/proto"
)

// CheckCounts is what Check found.
type CheckCounts struct {
	Nodes, Quads, DeadQuads int   // log entries
	Size                    int64 // the store's quad counter
	Problems                int
}

// Check reads the whole store and calls problem once for each thing that is
// wrong: an entry that does not decode, a quad that refers to a node that
// is not stored (a dangling reference), a node missing from the value
// index, a reference count that disagrees with the quads using the node, a
// quad missing from an index or an index entry naming no quad, a quad
// counter that disagrees with the live quads. Buckets and meta keys it does
// not know (another layer's) are left alone. It returns an error only when
// it cannot read the store at all.
func (qs *QuadStore) Check(ctx context.Context, problem func(string)) (CheckCounts, error) {
	var c CheckCounts
	report := func(format string, args ...any) {
		c.Problems++
		problem(fmt.Sprintf(format, args...))
	}
	type link struct{ dirs [4]uint64 }
	var (
		nodes    = make(map[uint64]refs.ValueHash) // log: node ID → hash of its value
		live     = make(map[uint64]link)           // log: live quads
		dead     = make(map[uint64]bool)           // log: deleted quads
		valueIDs = make(map[refs.ValueHash]uint64) // value index
		refCnt   = make(map[refs.ValueHash]int64)  // reference counts
		indexed  = make(map[string]map[uint64]bool)
		maxID    uint64
		horizon  int64
		hasSize  bool
	)
	indexes, err := qs.readIndexesMeta(ctx)
	if err != nil {
		return c, err
	}
	format, err := qs.StoreFormat(ctx)
	if err != nil {
		return c, err
	}
	byBucket := make(map[string]QuadIndex)
	for _, ind := range indexes {
		name := string(ind.bucket()[0])
		byBucket[name] = ind
		indexed[name] = make(map[uint64]bool)
	}
	type entry struct {
		bucket string
		key    []byte
		val    []byte
	}
	var indexEntries []entry
	err = kv.View(ctx, qs.db, func(tx kv.Tx) error {
		it := tx.Scan(ctx)
		defer it.Close()
		for it.Next(ctx) {
			k := it.Key()
			if len(k) != 2 {
				continue // not one of the buckets checked here (another layer's)
			}
			b, key, val := k[0], k[1], it.Val()
			switch {
			case bytes.Equal(b, metaBucket[0]):
				switch string(key) {
				case "size":
					v, err := asInt64(val, 0)
					if err != nil {
						report("quad counter: %v", err)
					}
					c.Size, hasSize = v, true
				case "horizon":
					v, err := asInt64(val, 0)
					if err != nil {
						report("ID counter: %v", err)
					}
					horizon = v
				}
			case bytes.Equal(b, logIndex[0]):
				if len(key) != 8 {
					report("log entry with a %d-byte key", len(key))
					continue
				}
				id := binary.BigEndian.Uint64(key)
				maxID = max(maxID, id)
				var p proto.Primitive
				if err := gproto.Unmarshal(val, &p); err != nil {
					report("log entry %d does not decode: %v", id, err)
					continue
				}
				if p.ID != id {
					report("log entry %d holds entry %d", id, p.ID)
				}
				if p.IsNode() {
					v, err := pquads.UnmarshalValue(p.Value)
					if err != nil || v == nil {
						report("node %d: value does not decode: %v", id, err)
						continue
					}
					nodes[id] = refs.HashOf(v)
					c.Nodes++
				} else if p.Deleted {
					dead[id] = true
					c.DeadQuads++
				} else {
					live[id] = link{[4]uint64{p.Subject, p.Predicate, p.Object, p.Label}}
					c.Quads++
				}
			case bytes.Equal(b, valBucket[0]) || bytes.Equal(b, refBucket[0]) || format1Bucket(b):
				// Value IDs and reference counts: one bucket each in
				// format 2, 2×65,536 named for the hash's first two bytes
				// in format 1 (whose bucket "val" is format 2's).
				var h refs.ValueHash
				if len(key) != len(h) || format1Bucket(b) && (key[0] != b[1] || key[1] != b[2]) {
					report("entry %x in bucket %q has a bad key", key, b)
					continue
				}
				if format1Bucket(b) && format >= 2 {
					report("entry %x in bucket %q is left from format 1", key, b)
				}
				copy(h[:], key)
				n, sz := binary.Uvarint(val)
				if sz <= 0 || sz != len(val) {
					report("entry %x in bucket %q does not decode", key, b)
					continue
				}
				if b[0] == 'v' {
					valueIDs[h] = n
				} else {
					refCnt[h] = int64(n)
				}
			default:
				if _, ok := byBucket[string(b)]; ok {
					indexEntries = append(indexEntries, entry{string(b), append([]byte{}, key...), append([]byte{}, val...)})
				}
			}
		}
		return it.Err()
	})
	if err != nil {
		return c, err
	}
	// Quads: every direction is a stored node.
	used := make(map[refs.ValueHash]int64)
	for id, l := range live {
		for i, n := range l.dirs {
			if n == 0 {
				if i < 3 {
					report("quad %d has no %s", id, quad.Directions[i])
				}
				continue
			}
			h, ok := nodes[n]
			if !ok {
				report("quad %d refers to node %d, which is not stored", id, n)
				continue
			}
			used[h]++
		}
	}
	// Nodes: in the value index under their own ID, counted right.
	for id, h := range nodes {
		if got, ok := valueIDs[h]; !ok {
			report("node %d is missing from the value index", id)
		} else if got != id {
			report("value index gives node %d the ID %d", id, got)
		}
		if refCnt[h] != used[h] {
			report("node %d: reference count %d, used by %d quads", id, refCnt[h], used[h])
		}
	}
	for h, id := range valueIDs {
		if nh, ok := nodes[id]; !ok || nh != h {
			report("value index entry %x names node %d, which is not stored", h[:], id)
		}
	}
	// Indexes: every entry names a quad stored under that key; every live
	// quad is in every index.
	for _, e := range indexEntries {
		ind := byBucket[e.bucket]
		ids, err := decodeIndex(e.val)
		if err != nil {
			report("index %q entry %x: %v", e.bucket, e.key, err)
			continue
		}
		for _, id := range ids {
			if dead[id] {
				continue
			}
			l, ok := live[id]
			if !ok {
				report("index %q entry %x names quad %d, which is not stored", e.bucket, e.key, id)
				continue
			}
			vals := make([]uint64, len(ind.Dirs))
			for i, d := range ind.Dirs {
				vals[i] = l.dirs[dirIndex(d)]
			}
			if !bytes.Equal(ind.Key(vals)[1], e.key) {
				report("index %q entry %x names quad %d, which has another key", e.bucket, e.key, id)
				continue
			}
			indexed[e.bucket][id] = true
		}
	}
	for name, seen := range indexed {
		missing := 0
		label := isLabelIndex(byBucket[name])
		for id, l := range live {
			if label && l.dirs[3] == 0 {
				continue // the label index holds only quads with a label
			}
			if !seen[id] {
				missing++
			}
		}
		if missing > 0 {
			report("%d quads are missing from index %q", missing, name)
		}
	}
	if hasSize && c.Size != int64(c.Quads) {
		report("quad counter says %d quads, the log holds %d", c.Size, c.Quads)
	}
	if maxID > uint64(max(horizon, 0)) {
		report("ID counter %d is below the highest ID in use, %d", horizon, maxID)
	}
	return c, ctx.Err()
}

func dirIndex(d quad.Direction) int {
	for i, x := range quad.Directions {
		if x == d {
			return i
		}
	}
	return 0
}
