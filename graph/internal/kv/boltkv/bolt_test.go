package boltkv

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/boltdb/bolt"
	"github.com/hidal-go/hidalgo/kv"

	ngkv "github.com/newsgraph/newsgraph/graph/internal/kv"
)

// TestNestingBound: an Iterator descends into at most maxNesting buckets
// (a damaged page can make a bucket its own descendant) and then stops
// with an error saying the store is damaged.
func TestNestingBound(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		depth   int
		damaged bool
	}{{2, false}, {maxNesting, false}, {maxNesting + 3, true}} {
		db, err := bolt.Open(filepath.Join(t.TempDir(), "x.bolt"), 0o644, nil)
		if err != nil {
			t.Fatal(err)
		}
		err = db.Update(func(tx *bolt.Tx) error {
			b, err := tx.CreateBucket([]byte("b0"))
			for i := 1; err == nil && i < c.depth; i++ {
				b, err = b.CreateBucket([]byte{'b', byte('0' + i)})
			}
			if err != nil {
				return err
			}
			return b.Put([]byte("k"), []byte("v"))
		})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		err = kv.View(ctx, New(db), func(tx kv.Tx) error {
			it := tx.Scan(ctx)
			defer it.Close()
			for it.Next(ctx) {
				n++
			}
			return it.Err()
		})
		db.Close()
		if got := errors.Is(err, ngkv.ErrDamaged); got != c.damaged || (!c.damaged && (err != nil || n != 1)) {
			t.Errorf("buckets %d deep: %d keys, %v; want damaged %v", c.depth, n, err, c.damaged)
		}
	}
}
