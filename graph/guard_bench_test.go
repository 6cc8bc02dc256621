package graph

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/boltdb/bolt"
	cgraph "github.com/cayleygraph/cayley/graph"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"

	"github.com/newsgraph/newsgraph/graph/internal/kv"
)

// BenchmarkGuard measures what kv.Guard (recovering bolt's panics, copying
// values out of the memory map) costs on writes and on a full read, against
// the bare bolt store, in one run:
//
//	go test ./graph -run '^$' -bench Guard -count 5
func BenchmarkGuard(b *testing.B) {
	ctx := context.Background()
	for _, guarded := range []bool{false, true} {
		name := "bare"
		if guarded {
			name = "guarded"
		}
		open := func(b *testing.B) *Store {
			dir := filepath.Join(b.TempDir(), "db")
			os.MkdirAll(dir, 0o755)
			bdb, err := bolt.Open(filepath.Join(dir, boltFile), 0o644, nil)
			if err != nil {
				b.Fatal(err)
			}
			var db hkv.KV = hbolt.New(bdb)
			if guarded {
				db = kv.Guard(db)
			}
			qs, err := newKV(db, Options{Backend: BackendBolt, Path: dir}, cgraph.Options{kv.OptNoBloom: true})
			if err != nil {
				b.Fatal(err)
			}
			return &Store{qs: qs, backend: BackendBolt, path: dir}
		}
		b.Run("write/"+name, func(b *testing.B) {
			s := open(b)
			defer s.Close()
			for i := 0; b.Loop(); i++ {
				if _, err := s.WriteArticle(ctx, SyntheticArticle(i)); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("export/"+name, func(b *testing.B) {
			s := open(b)
			defer s.Close()
			for i := range 20 {
				if _, err := s.WriteArticle(ctx, SyntheticArticle(i)); err != nil {
					b.Fatal(err)
				}
			}
			for b.Loop() {
				if _, err := s.Export(ctx, discard{}, "", ""); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
