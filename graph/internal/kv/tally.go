// newsgraph: not part of Cayley. Counters kept in the store, changed in the
// transaction of the write that changes what they count, so that a store
// can say how many documents, entities, … it holds without a scan; and the
// store format number newsgraph checks at open.

package kv

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/hidal-go/hidalgo/kv"
	"github.com/hidal-go/hidalgo/kv/options"
)

// Format is the newsgraph store format this package writes: 2 adds the
// label index, the counters of Tally and this number (stores without it are
// format 1), and keeps value IDs and reference counts in one bucket each.
const Format = 2

var (
	keyMetaFormat = metaBucket.AppendBytes([]byte("newsgraph_format"))
	setBucket     = kv.Key{[]byte("ngset")}
)

// Tally is what a write changes besides quads: named counters, and the
// reference counts of the members of named sets. The counter named like a
// set counts its members with a positive reference count ("entities
// mentioned by some document"). The zero Tally changes nothing.
type Tally struct {
	Counters map[string]int64
	Members  map[string]map[string]int64
}

// Add adds n to the counter name.
func (t *Tally) Add(name string, n int64) {
	if t.Counters == nil {
		t.Counters = make(map[string]int64)
	}
	t.Counters[name] += n
}

// Ref adds n to the references of member in set.
func (t *Tally) Ref(set, member string, n int64) {
	if t.Members == nil {
		t.Members = make(map[string]map[string]int64)
	}
	m := t.Members[set]
	if m == nil {
		m = make(map[string]int64)
		t.Members[set] = m
	}
	m[member] += n
}

// Merge adds the changes of o to t.
func (t *Tally) Merge(o *Tally) {
	if o == nil {
		return
	}
	for k, n := range o.Counters {
		t.Add(k, n)
	}
	for set, m := range o.Members {
		for k, n := range m {
			t.Ref(set, k, n)
		}
	}
}

func counterKey(name string) kv.Key { return metaBucket.AppendBytes([]byte("count:" + name)) }

func memberKey(set, member string) kv.Key {
	return setBucket.AppendBytes([]byte(set + "\x00" + member))
}

// SetTally makes every ApplyDeltas call fn for each quad it adds (sign 1)
// or removes (sign -1): duplicates it ignores and missing quads it skips are
// not passed. The counts fn makes in the Tally are applied in the same
// transaction. Call it before the first write.
func (qs *QuadStore) SetTally(fn func(t *Tally, q quad.Quad, sign int64)) { qs.tallyFn = fn }

// applyTally changes the counters and set members of t in tx.
func (qs *QuadStore) applyTally(ctx context.Context, tx kv.Tx, t *Tally) error {
	if t == nil {
		return nil
	}
	counters := make(map[string]int64, len(t.Counters)+len(t.Members))
	for k, n := range t.Counters {
		counters[k] += n
	}
	sets := make([]string, 0, len(t.Members))
	for s := range t.Members {
		sets = append(sets, s)
	}
	sort.Strings(sets)
	for _, set := range sets {
		m := t.Members[set]
		members := make([]string, 0, len(m))
		for k, n := range m {
			if n != 0 {
				members = append(members, k)
			}
		}
		sort.Strings(members)
		keys := make([]kv.Key, len(members))
		for i, k := range members {
			keys[i] = memberKey(set, k)
		}
		vals, err := tx.GetBatch(ctx, keys)
		if err != nil {
			return err
		}
		for i, k := range members {
			var old int64
			if len(vals[i]) > 0 {
				u, n := binary.Uvarint(vals[i])
				if n <= 0 {
					return fmt.Errorf("%w: set %s: bad reference count of %q", ErrDamaged, set, k)
				}
				old = int64(u)
			}
			now := old + m[k]
			switch {
			case old <= 0 && now > 0:
				counters[set]++
			case old > 0 && now <= 0:
				counters[set]--
			}
			if now <= 0 {
				if old > 0 {
					if err := tx.Del(ctx, keys[i]); err != nil {
						return err
					}
				}
				continue
			}
			if err := tx.Put(ctx, keys[i], binary.AppendUvarint(nil, uint64(now))); err != nil {
				return err
			}
		}
	}
	names := make([]string, 0, len(counters))
	for k := range counters {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if _, err := qs.incMetaIntKey(ctx, tx, counterKey(k), counters[k]); err != nil {
			return err
		}
	}
	return nil
}

// incMetaIntKey is incMetaInt on any key.
func (qs *QuadStore) incMetaIntKey(ctx context.Context, tx kv.Tx, key kv.Key, n int64) (int64, error) {
	if n == 0 {
		return 0, nil
	}
	var v int64
	val, err := tx.Get(ctx, key)
	if err != nil && !errors.Is(err, kv.ErrNotFound) {
		return 0, err
	}
	if err == nil {
		if v, err = asInt64(val, 0); err != nil {
			return 0, fmt.Errorf("kv: %s: %w", key, err)
		}
	}
	buf := make([]byte, 8)
	binary.LittleEndian.PutUint64(buf, uint64(v+n))
	return v, tx.Put(ctx, key, buf)
}

// Counters reads the named counters (0 for one never written).
func (qs *QuadStore) Counters(ctx context.Context, names ...string) ([]int64, error) {
	out := make([]int64, len(names))
	err := kv.View(ctx, qs.db, func(tx kv.Tx) error {
		keys := make([]kv.Key, len(names))
		for i, n := range names {
			keys[i] = counterKey(n)
		}
		vals, err := tx.GetBatch(ctx, keys)
		if err != nil {
			return err
		}
		for i, v := range vals {
			if out[i], err = asInt64(v, 0); err != nil {
				return fmt.Errorf("kv: counter %s: %w", names[i], err)
			}
		}
		return nil
	})
	return out, err
}

// Members calls fn for each member of set with a positive reference count,
// in key order, until fn returns false.
func (qs *QuadStore) Members(ctx context.Context, set string, fn func(member string, refs int64) bool) error {
	prefix := memberKey(set, "")
	return kv.View(ctx, qs.db, func(tx kv.Tx) error {
		it := tx.Scan(ctx, options.WithPrefixKV(setBucket))
		defer it.Close()
		for it.Next(ctx) {
			k := it.Key()
			if len(k) != 2 {
				continue
			}
			name, ok := strings.CutPrefix(string(k[1]), string(prefix[1]))
			if !ok {
				if string(k[1]) > string(prefix[1]) {
					break
				}
				continue
			}
			n, size := binary.Uvarint(it.Val())
			if size <= 0 {
				return fmt.Errorf("%w: set %s: bad reference count of %q", ErrDamaged, set, name)
			}
			if !fn(name, int64(n)) {
				break
			}
		}
		return it.Err()
	})
}

// StoreFormat is the newsgraph format of the store: Format, or 1 for a store
// an older newsgraph made (or Cayley itself).
func (qs *QuadStore) StoreFormat(ctx context.Context) (int64, error) {
	var f int64 = 1
	err := kv.View(ctx, qs.db, func(tx kv.Tx) error {
		val, err := tx.Get(ctx, keyMetaFormat)
		if errors.Is(err, kv.ErrNotFound) {
			return nil
		} else if err != nil {
			return err
		}
		f, err = asInt64(val, 1)
		return err
	})
	return f, err
}

func setFormat(ctx context.Context, db kv.KV, f int64) error {
	return kv.Update(ctx, db, func(tx kv.Tx) error {
		buf := make([]byte, 8)
		binary.LittleEndian.PutUint64(buf, uint64(f))
		return tx.Put(ctx, keyMetaFormat, buf)
	})
}

// ErrOldFormat is returned by CheckFormat for a store with quads but an
// older format than Format.
var ErrOldFormat = errors.New("kv: store format is older than this program's")

// CheckFormat checks that qs has the current format. A store without quads
// (new, or one whose creation was interrupted) is brought to the current
// format when writable is set; one with quads in an older format gives
// ErrOldFormat (Migrate upgrades it).
func CheckFormat(ctx context.Context, qs *QuadStore, writable bool) error {
	f, err := qs.StoreFormat(ctx)
	if err != nil {
		return err
	}
	if f == Format {
		return nil
	}
	if f > Format {
		return fmt.Errorf("kv: store format %d is newer than this program's (%d)", f, Format)
	}
	size, err := qs.getSize()
	if err != nil {
		return err
	}
	if size > 0 {
		return ErrOldFormat
	}
	if !writable {
		return nil
	}
	qs.indexes.Lock()
	qs.indexes.all = DefaultQuadIndexes
	qs.indexes.exists = nil
	qs.indexes.Unlock()
	if err := qs.writeIndexesMeta(ctx); err != nil {
		return err
	}
	return setFormat(ctx, qs.db, Format)
}

// Migrate brings a format-1 store to Format: it adds the label index of the
// quads there and the counters fn computes (fn is called once for each
// quad in the store, with sign 1), in one transaction. A store already in
// the current format is left alone.
func Migrate(ctx context.Context, qs *QuadStore, fn func(t *Tally, q quad.Quad, sign int64)) error {
	f, err := qs.StoreFormat(ctx)
	if err != nil || f == Format {
		return err
	}
	qs.writer.Lock()
	defer qs.writer.Unlock()
	var t Tally
	labels := make(map[uint64][]uint64)
	values := make(map[uint64]quad.Value)
	err = kv.Update(ctx, qs.db, func(tx kv.Tx) error {
		value := func(id uint64) (quad.Value, error) {
			if id == 0 {
				return nil, nil
			}
			if v, ok := values[id]; ok {
				return v, nil
			}
			v, err := qs.getValFromLog(ctx, tx, id)
			if err != nil {
				return nil, fmt.Errorf("node %d: %w", id, err)
			}
			values[id] = v
			return v, nil
		}
		it := tx.Scan(ctx, options.WithPrefixKV(logIndex))
		for it.Next(ctx) {
			p, err := decodeLogEntry(logKeyID(it.Key()), it.Val())
			if err != nil {
				it.Close()
				return err
			}
			if p.IsNode() {
				v, err := nodeValue(p.ID, p)
				if err != nil {
					it.Close()
					return err
				}
				values[p.ID] = v
				continue
			}
			if p.Deleted {
				continue
			}
			var q quad.Quad
			for _, d := range quad.Directions {
				v, err := value(p.GetDirection(d))
				if err != nil {
					it.Close()
					return err
				}
				q.Set(d, v)
			}
			fn(&t, q, 1)
			if p.Label != 0 {
				labels[p.Label] = append(labels[p.Label], p.ID)
			}
		}
		if err := it.Err(); err != nil {
			it.Close()
			return err
		}
		it.Close()
		values = nil
		ids := make([]uint64, 0, len(labels))
		for l := range labels {
			ids = append(ids, l)
		}
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
		for _, l := range ids {
			if err := tx.Put(ctx, labelIndex.Key([]uint64{l}), appendIndex(nil, labels[l])); err != nil {
				return err
			}
		}
		if err := qs.applyTally(ctx, tx, &t); err != nil {
			return err
		}
		if err := moveValueBuckets(ctx, tx); err != nil {
			return err
		}
		qs.indexes.Lock()
		all := append([]QuadIndex(nil), qs.indexes.all...)
		has := false
		for _, ind := range all {
			has = has || isLabelIndex(ind)
		}
		if !has {
			all = append(all, labelIndex)
		}
		qs.indexes.all, qs.indexes.exists = all, nil
		qs.indexes.Unlock()
		data, err := json.Marshal(all)
		if err != nil {
			return err
		}
		if err := tx.Put(ctx, keyMetaIndexes, data); err != nil {
			return err
		}
		buf := make([]byte, 8)
		binary.LittleEndian.PutUint64(buf, Format)
		return tx.Put(ctx, keyMetaFormat, buf)
	})
	return err
}

// moveValueBuckets moves the value IDs and reference counts of a format-1
// store from their 2×65,536 buckets into the two of format 2.
func moveValueBuckets(ctx context.Context, tx kv.Tx) error {
	type entry struct {
		old, new kv.Key
		val      []byte
	}
	var moves []entry
	for _, prefix := range []byte{'v', 'n'} {
		it := tx.Scan(ctx, options.WithPrefixKV(kv.Key{[]byte{prefix}}))
		for it.Next(ctx) {
			k := it.Key()
			if len(k) != 2 || !format1Bucket(k[0]) {
				continue
			}
			to := valBucket
			if prefix == 'n' {
				to = refBucket
			}
			moves = append(moves, entry{old: k.Clone(), new: to.AppendBytes(append([]byte(nil), k[1]...)), val: append([]byte(nil), it.Val()...)})
		}
		err := it.Err()
		it.Close()
		if err != nil {
			return err
		}
	}
	for _, m := range moves {
		if err := tx.Put(ctx, m.new, m.val); err != nil {
			return err
		}
		if err := tx.Del(ctx, m.old); err != nil {
			return err
		}
	}
	return nil
}

// MakeFormat1 turns qs back into a format-1 store, as an older newsgraph
// made it (no format number, counters, sets or label index; value IDs and
// reference counts in Cayley's 2×65,536 buckets): for tests of Migrate.
func MakeFormat1(ctx context.Context, qs *QuadStore) error {
	return kv.Update(ctx, qs.db, func(tx kv.Tx) error {
		var del []kv.Key
		for _, prefix := range []kv.Key{setBucket, labelIndex.bucket(), metaBucket} {
			it := tx.Scan(ctx, options.WithPrefixKV(prefix))
			for it.Next(ctx) {
				k := it.Key()
				if prefix[0][0] == 'm' && !strings.HasPrefix(string(k[len(k)-1]), "count:") {
					continue
				}
				del = append(del, append(kv.Key(nil), k...))
			}
			it.Close()
		}
		del = append(del, keyMetaFormat)
		for _, k := range del {
			if err := tx.Del(ctx, k); err != nil {
				return err
			}
		}
		for i, b := range []kv.Key{valBucket, refBucket} {
			prefix := []byte{'v', 'n'}[i] // Cayley's: 'v' for IDs, 'n' for reference counts
			var moves []kv.Key
			var vals [][]byte
			it := tx.Scan(ctx, options.WithPrefixKV(b))
			for it.Next(ctx) {
				k := it.Key()
				if len(k) == 2 && string(k[0]) == string(b[0]) {
					moves = append(moves, k.Clone())
					vals = append(vals, append([]byte(nil), it.Val()...))
				}
			}
			it.Close()
			for i, k := range moves {
				h := k[1]
				to := kv.Key{[]byte{prefix, h[0], h[1]}, h}
				if string(to[0]) == string(k[0]) {
					continue // format 1's bucket "val" is format 2's
				}
				if err := tx.Put(ctx, to, vals[i]); err != nil {
					return err
				}
				if err := tx.Del(ctx, k); err != nil {
					return err
				}
			}
		}
		data, err := json.Marshal(DefaultQuadIndexes[:2])
		if err != nil {
			return err
		}
		return tx.Put(ctx, keyMetaIndexes, data)
	})
}

// EachQuad calls fn for every quad in the store, in the order they were
// written, from one read transaction: one pass over the log, values looked
// up in batches and kept in a bounded cache (newsgraph: export reads a quad
// at a time through Quad otherwise, one transaction and four lookups each).
func (qs *QuadStore) EachQuad(ctx context.Context, fn func(quad.Quad) error) error {
	const (
		batchSize = 1024
		maxCache  = 1 << 18
	)
	cache := make(map[uint64]quad.Value)
	var batch []*cproto.Primitive
	return kv.View(ctx, qs.db, func(tx kv.Tx) error {
		flush := func() error {
			var missing []uint64
			seen := make(map[uint64]bool)
			for _, p := range batch {
				for _, d := range quad.Directions {
					id := p.GetDirection(d)
					if _, ok := cache[id]; id != 0 && !ok && !seen[id] {
						seen[id] = true
						missing = append(missing, id)
					}
				}
			}
			if len(missing) > 0 {
				prims, err := qs.getPrimitivesFromLog(ctx, tx, missing)
				if err != nil {
					return err
				}
				for i, p := range prims {
					v, err := nodeValue(missing[i], p)
					if err != nil {
						return err
					}
					cache[missing[i]] = v
				}
			}
			for _, p := range batch {
				var q quad.Quad
				for _, d := range quad.Directions {
					if id := p.GetDirection(d); id != 0 {
						q.Set(d, cache[id])
					}
				}
				if !q.IsValid() {
					return fmt.Errorf("%w: quad %d lacks a subject, predicate or object", ErrDamaged, p.ID)
				}
				if err := fn(q); err != nil {
					return err
				}
			}
			batch = batch[:0]
			if len(cache) > maxCache {
				clear(cache)
			}
			return ctx.Err()
		}
		it := tx.Scan(ctx, options.WithPrefixKV(logIndex))
		defer it.Close()
		for it.Next(ctx) {
			p, err := decodeLogEntry(logKeyID(it.Key()), it.Val())
			if err != nil {
				return err
			}
			if p.IsNode() || p.Deleted {
				continue
			}
			batch = append(batch, p)
			if len(batch) == batchSize {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if err := it.Err(); err != nil {
			return err
		}
		return flush()
	})
}
