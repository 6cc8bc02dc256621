package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/boltdb/bolt"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"google.golang.org/protobuf/proto"
)

// FuzzImport loads arbitrary N-Quads text: bad lines are skipped and
// reported, never a panic, and everything read back is valid.
func FuzzImport(f *testing.F) {
	qs, _ := Quads(seedArticle())
	var sb strings.Builder
	for _, q := range qs[:40] {
		sb.WriteString(q.NQuad() + "\n")
	}
	for _, s := range []string{sb.String(), "", "<a> <b> <c> .", "_:x <b> \"y\"@en <g> .", "<a> <b> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .",
		"<a> <b> .", "<a <b> <c> .", "\"lit\" <b> <c> .", "<a> <b> \"\\u0000\" .", "# comment\n\n<a> <b> <c> <d> <e> .", "<> <> <> .", "<a> <b> \"unterminated ."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ctx := context.Background()
		s, err := Open(ctx, Options{Backend: BackendMemstore})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		res, err := s.Import(ctx, strings.NewReader(text), "fuzz.nq")
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error of several lines: %q", err)
			}
			return
		}
		for _, e := range res.Errors {
			if strings.Contains(e, "\n") {
				t.Errorf("report of several lines: %q", e)
			}
		}
		if _, err := s.Export(ctx, io.Discard, "", ""); err != nil {
			t.Errorf("export after import: %v", err)
		}
	})
}

// FuzzParseFactID: a fact ID parses or gives one line; what parses prints
// back as itself.
func FuzzParseFactID(f *testing.F) {
	for _, s := range []string{"1f3a9c2e.12.0", "1F3A9C2E.1.2", "x.1.2", "1f3a9c2e.-1.0", "....", "", "1f3a9c2e.99999999999999999999.0", " 1f3a9c2e.1.1 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		doc, sent, k, err := ParseFactID(id)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error of several lines: %q", err)
			}
			return
		}
		if sent < 0 || k < 0 {
			t.Errorf("ParseFactID(%q) = %d, %d: negative", id, sent, k)
		}
		if got := FactID(quad.IRI(DocNS+doc), sent, k); got != fmt.Sprintf("%s.%d.%d", doc[:min(len(doc), DocPrefixLen)], sent, k) {
			t.Errorf("ParseFactID(%q) does not print back: %q", id, got)
		}
	})
}

var (
	fuzzStoreOnce sync.Once
	fuzzStore     []byte
	fuzzStoreErr  error
)

// fuzzPageSize is the bolt page size of the fuzz's store, whatever the
// machine's (bolt's default): the seeds name offsets in its pages.
const fuzzPageSize = 4096

// cleanBoltFile is a small bolt store (two synthetic articles), made once.
func cleanBoltFile() ([]byte, error) {
	fuzzStoreOnce.Do(func() { fuzzStore, fuzzStoreErr = makeBoltFile() })
	return fuzzStore, fuzzStoreErr
}

// makeBoltFile writes two synthetic articles into a new bolt store of
// fuzzPageSize pages and returns its file: the same bytes on every run and
// machine, so that a crasher found once is found again.
func makeBoltFile() ([]byte, error) {
	dir, err := os.MkdirTemp("", "newsgraph-fuzz-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, boltFile), newBoltFile(fuzzPageSize), 0o644); err != nil {
		return nil, err
	}
	ctx := context.Background()
	s, err := Open(ctx, Options{Path: dir})
	if err != nil {
		return nil, err
	}
	for i := range 2 {
		if _, err := s.WriteArticle(ctx, syntheticArticle(i, 4)); err != nil {
			s.Close()
			return nil, err
		}
	}
	if err := s.Close(); err != nil {
		return nil, err
	}
	return copyBolt(filepath.Join(dir, boltFile), filepath.Join(dir, "copy.bolt"))
}

// copyBolt copies the bolt file from into a new file to, one top-level
// bucket per transaction in the order of their names, without the times of
// the log's entries, and returns the copy.
// bolt lays out the pages of a transaction in the random order of a Go map
// of its changed buckets; one bucket at a time, the layout is the same
// every time.
func copyBolt(from, to string) ([]byte, error) {
	src, err := bolt.Open(from, 0o644, &bolt.Options{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer src.Close()
	if err := os.WriteFile(to, newBoltFile(fuzzPageSize), 0o644); err != nil {
		return nil, err
	}
	dst, err := bolt.Open(to, 0o644, nil)
	if err != nil {
		return nil, err
	}
	err = src.View(func(stx *bolt.Tx) error {
		return stx.ForEach(func(name []byte, sb *bolt.Bucket) error {
			return dst.Update(func(dtx *bolt.Tx) error {
				db, err := dtx.CreateBucket(name)
				if err != nil {
					return err
				}
				return sb.ForEach(func(k, v []byte) error {
					if v == nil {
						return fmt.Errorf("bucket %q holds a bucket, which copyBolt does not copy", name)
					}
					if string(name) == "log" { // the time of each write
						p := new(cproto.Primitive)
						if err := proto.Unmarshal(v, p); err != nil {
							return err
						}
						p.Timestamp = 0
						if v, err = (proto.MarshalOptions{Deterministic: true}).Marshal(p); err != nil {
							return err
						}
					}
					return db.Put(k, v)
				})
			})
		})
	})
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	return os.ReadFile(to)
}

// newBoltFile is an empty bolt file of pages of pageSize bytes, as bolt
// makes it with the machine's page size (bolt 1.3.1 has no option for it):
// two meta pages, an empty free list (page 2) and root bucket (page 3).
func newBoltFile(pageSize int) []byte {
	b := make([]byte, 4*pageSize)
	for i := range 2 {
		p := b[i*pageSize:]
		binary.LittleEndian.PutUint64(p, uint64(i))
		binary.LittleEndian.PutUint16(p[8:], 0x04) // a meta page
		m := p[boltPageHeader:]
		binary.LittleEndian.PutUint32(m, 0xED0CDAED) // magic
		binary.LittleEndian.PutUint32(m[4:], 2)      // version
		binary.LittleEndian.PutUint32(m[8:], uint32(pageSize))
		binary.LittleEndian.PutUint64(m[16:], 3) // root bucket
		binary.LittleEndian.PutUint64(m[32:], 2) // free list
		binary.LittleEndian.PutUint64(m[40:], 4) // pages in use
		binary.LittleEndian.PutUint64(m[48:], uint64(i))
		h := fnv.New64a()
		h.Write(m[:56])
		binary.LittleEndian.PutUint64(m[56:], h.Sum64())
	}
	binary.LittleEndian.PutUint64(b[2*pageSize:], 2)
	binary.LittleEndian.PutUint16(b[2*pageSize+8:], boltFreelistPage)
	binary.LittleEndian.PutUint64(b[3*pageSize:], 3)
	binary.LittleEndian.PutUint16(b[3*pageSize+8:], boltLeafPage)
	return b
}

// TestFuzzStoreDeterministic: the fuzz's base store is the same bytes each
// time it is made.
func TestFuzzStoreDeterministic(t *testing.T) {
	a, err := makeBoltFile()
	if err != nil {
		t.Fatal(err)
	}
	b, err := makeBoltFile()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatalf("two builds of the fuzz's store differ (%d and %d bytes)", len(a), len(b))
	}
	if ps := le32(a[boltPageHeader+8:]); ps != fuzzPageSize {
		t.Fatalf("page size %d, want %d", ps, fuzzPageSize)
	}
}

// FuzzDamagedStore overwrites bytes of a small bolt store at an offset and
// cuts it to a length, then reads it as the commands do: no panic, and
// every error says the store is damaged.
func FuzzDamagedStore(f *testing.F) {
	const page = fuzzPageSize
	for _, c := range []struct {
		off  uint32
		data []byte
		cut  uint32
	}{
		{20, []byte{0xff, 0xff}, 0}, {page + 30, []byte{1}, 0}, {2*page + 16, []byte{0, 0, 0, 0}, 0},
		{3*page + 40, []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, 0}, {0, nil, 5 * page},
		{4*page + 100, []byte("\x08\x96\x01"), 0}, {6*page + 64, []byte{0x7f}, 0}, {0, nil, 2*page + 1},
	} {
		f.Add(c.off, c.data, c.cut)
	}
	clean, err := cleanBoltFile()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, off uint32, data []byte, cut uint32) {
		b := append([]byte(nil), clean...)
		if int(off) < len(b) {
			copy(b[off:], data)
		}
		if cut > 0 && int(cut) < len(b) {
			b = b[:cut]
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, boltFile), b, 0o644); err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		damaged := func(op string, err error) {
			if err != nil && (!errors.Is(err, ErrDamaged) || strings.Contains(err.Error(), "\n")) {
				t.Errorf("%s: %v; want one line saying the store is damaged", op, err)
			}
		}
		s, err := Open(ctx, Options{Path: dir, ReadOnly: true, LockTimeout: 1})
		damaged("open", err)
		if err != nil {
			return
		}
		defer s.Close()
		_, err = s.Documents(ctx)
		damaged("documents", err)
		_, err = s.Export(ctx, io.Discard, "", "")
		damaged("export", err)
		_, err = s.Check(ctx)
		damaged("check", err)
	})
}
