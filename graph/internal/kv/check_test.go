package kv

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
)

// TestCheckValueBuckets: Check reads the value IDs and reference counts of
// a format-2 store (one bucket each) and of a format-1 store (Cayley's
// buckets per first two bytes of the hash): a sound store of either format
// has no problems, and a value entry deleted or a reference count changed
// is reported in both.
func TestCheckValueBuckets(t *testing.T) {
	a, p, b, doc := quad.IRI("a"), quad.IRI("p"), quad.IRI("b"), quad.IRI("doc")
	hash := quad.HashOf(b)
	for _, format := range []int{2, 1} {
		for _, damage := range []struct {
			name, want string
			fn         func(ctx context.Context, tx hkv.Tx, val, ref hkv.Key) error
		}{
			{"sound", "", nil},
			{"value entry deleted", "missing from the value index", func(ctx context.Context, tx hkv.Tx, val, ref hkv.Key) error {
				return tx.Del(ctx, val)
			}},
			{"reference count changed", "reference count 7, used by 2 quads", func(ctx context.Context, tx hkv.Tx, val, ref hkv.Key) error {
				return tx.Put(ctx, ref, []byte{7})
			}},
		} {
			t.Run(fmt.Sprintf("format %d, %s", format, damage.name), func(t *testing.T) {
				ctx := context.Background()
				gqs, db := openFaulty(t, nil)
				qs := gqs.(*QuadStore)
				if err := qs.ApplyDeltas(adds(quad.Make(a, p, b, doc), quad.Make(b, p, quad.String("two"), doc)), graph.IgnoreOpts{}); err != nil {
					t.Fatal(err)
				}
				val, ref := valBucket.AppendBytes(hash), refBucket.AppendBytes(hash)
				if format == 1 {
					if err := MakeFormat1(ctx, qs); err != nil {
						t.Fatal(err)
					}
					val = hkv.Key{[]byte{'v', hash[0], hash[1]}, hash}
					ref = hkv.Key{[]byte{'n', hash[0], hash[1]}, hash}
				}
				if damage.fn != nil {
					if err := hkv.Update(ctx, db, func(tx hkv.Tx) error { return damage.fn(ctx, tx, val, ref) }); err != nil {
						t.Fatal(err)
					}
				}
				var problems []string
				c, err := qs.Check(ctx, func(p string) { problems = append(problems, p) })
				if err != nil {
					t.Fatal(err)
				}
				if c.Quads != 2 {
					t.Errorf("read %d quads, want 2", c.Quads)
				}
				if damage.want == "" {
					if len(problems) > 0 {
						t.Errorf("problems in a sound store: %q", problems)
					}
					return
				}
				if !strings.Contains(strings.Join(problems, "\n"), damage.want) {
					t.Errorf("problems %q, want one saying %q", problems, damage.want)
				}
			})
		}
	}
}
