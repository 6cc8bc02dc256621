package kv

import (
	"context"
	"errors"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/hidal-go/hidalgo/kv/options"
	"google.golang.org/protobuf/proto"
)

// TestReadDamagedLog damages one log entry of a small store at a time and
// checks that export's one pass over the log (EachQuad), the batched value
// lookups of queries (ValuesOf) and a quad read (Quad) all give an error
// wrapping ErrDamaged, never a bare decode error or a quad with a hole.
func TestReadDamagedLog(t *testing.T) {
	ctx := context.Background()
	garbage := []byte{0x07} // wire type 7 does not exist
	tests := []struct {
		name   string
		node   bool                                   // damage a node's entry (else a quad's)
		damage func(p *cproto.Primitive) (val []byte) // nil deletes the entry
	}{
		{"quad entry does not decode", false, func(*cproto.Primitive) []byte { return garbage }},
		{"node entry does not decode", true, func(*cproto.Primitive) []byte { return garbage }},
		{"node entry deleted", true, func(*cproto.Primitive) []byte { return nil }},
		{"node value does not decode", true, func(p *cproto.Primitive) []byte {
			p.Value = garbage
			b, _ := proto.Marshal(p)
			return b
		}},
		{"node entry holds a quad", true, func(p *cproto.Primitive) []byte {
			b, _ := proto.Marshal(&cproto.Primitive{ID: p.ID, Subject: 1, Predicate: 2, Object: 3})
			return b
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			gqs := openTestStore(t)
			qs := gqs.(*QuadStore)
			var deltas []graph.Delta
			for _, o := range []string{"a", "b", "c"} {
				q := quad.Make(quad.IRI("s"), quad.IRI("p"), quad.String(o), quad.IRI("doc"))
				deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Add})
			}
			if err := qs.ApplyDeltas(deltas, graph.IgnoreOpts{}); err != nil {
				t.Fatal(err)
			}
			// Damage the last entry of the wanted kind: the object "c" or
			// the quad using it.
			var target *cproto.Primitive
			var key hkv.Key
			err := hkv.View(ctx, qs.db, func(tx hkv.Tx) error {
				it := tx.Scan(ctx, options.WithPrefixKV(logIndex))
				defer it.Close()
				for it.Next(ctx) {
					p, err := decodeLogEntry(logKeyID(it.Key()), it.Val())
					if err != nil {
						return err
					}
					if p.IsNode() == tc.node && !p.Deleted {
						target, key = p, it.Key()
					}
				}
				return it.Err()
			})
			if err != nil || target == nil {
				t.Fatalf("no entry to damage (%v)", err)
			}
			ref := Int64Value(target.ID)
			err = hkv.Update(ctx, qs.db, func(tx hkv.Tx) error {
				if val := tc.damage(target); val != nil {
					return tx.Put(ctx, key, val)
				}
				return tx.Del(ctx, key)
			})
			if err != nil {
				t.Fatal(err)
			}
			check := func(op string, err error) {
				t.Helper()
				if !errors.Is(err, ErrDamaged) {
					t.Errorf("%s: %v; want an error wrapping ErrDamaged", op, err)
				}
			}
			check("EachQuad", qs.EachQuad(ctx, func(quad.Quad) error { return nil }))
			if tc.node {
				_, err := qs.ValuesOf(ctx, []graph.Ref{ref})
				check("ValuesOf", err)
				_, err = qs.NameOf(ref)
				check("NameOf", err)
			}
			it := qs.QuadsAllIterator().Iterate()
			defer it.Close()
			var quadErr error
			for it.Next(ctx) && quadErr == nil {
				_, quadErr = qs.Quad(it.Result())
			}
			if quadErr == nil {
				quadErr = it.Err()
			}
			check("QuadsAllIterator+Quad", quadErr)
		})
	}
}

// TestQuadCountDamaged: Stats' quad count is 0 on a new store and damage
// when the stored count is not 8 bytes (Size gives 0 for both).
func TestQuadCountDamaged(t *testing.T) {
	ctx := context.Background()
	qs := openTestStore(t).(*QuadStore)
	if n, err := qs.QuadCount(ctx); n != 0 || err != nil {
		t.Fatalf("new store: QuadCount = %d, %v; want 0, nil", n, err)
	}
	q := quad.Make(quad.IRI("s"), quad.IRI("p"), quad.String("o"), nil)
	if err := qs.ApplyDeltas([]graph.Delta{{Quad: q, Action: graph.Add}}, graph.IgnoreOpts{}); err != nil {
		t.Fatal(err)
	}
	if n, err := qs.QuadCount(ctx); n != 1 || err != nil {
		t.Fatalf("one quad: QuadCount = %d, %v; want 1, nil", n, err)
	}
	err := hkv.Update(ctx, qs.db, func(tx hkv.Tx) error {
		return tx.Put(ctx, metaBucket.AppendBytes([]byte("size")), []byte{1, 2, 3})
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := qs.QuadCount(ctx); !errors.Is(err, ErrDamaged) {
		t.Errorf("damaged count: QuadCount error %v; want one wrapping ErrDamaged", err)
	}
}
