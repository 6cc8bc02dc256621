package graph

import (
	"context"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBoltStructureDamage: pages whose links bolt would follow into a
// fatal error — a cycle through a branch page or a bucket, a page out of
// the file, a page of the wrong kind, more elements than fit, a free list
// longer than its page — are refused at Open with one line, read-only and
// read-write, and check lists them. Without the walk before bolt, the
// cycles end the process (fatal error: out of memory or stack overflow).
func TestBoltStructureDamage(t *testing.T) {
	clean, err := makeBoltFile()
	if err != nil {
		t.Fatal(err)
	}
	const ps = fuzzPageSize
	put64 := binary.LittleEndian.PutUint64
	pageOf := func(b []byte, id int) []byte { return b[id*ps : (id+1)*ps] }
	// kinds lists the pages in use by kind, walking from the root bucket.
	var branches, leaves []int
	meta := pageOf(clean, 0)[boltPageHeader:]
	if m1 := pageOf(clean, 1)[boltPageHeader:]; le64(m1[48:]) > le64(meta[48:]) {
		meta = m1
	}
	var walk func(id int)
	walk = func(id int) {
		p := pageOf(clean, id)
		n := int(le16(p[10:]))
		for i := range n {
			e := p[boltPageHeader+boltElement*i:]
			if le16(p[8:]) == boltBranchPage {
				walk(int(le64(e[8:])))
				continue
			}
			if le32(e)&boltBucketLeaf != 0 {
				if v := e[le32(e[4:])+le32(e[8:]):]; le64(v) != 0 {
					walk(int(le64(v)))
				}
			}
		}
		if le16(p[8:]) == boltBranchPage {
			branches = append(branches, id)
		} else {
			leaves = append(leaves, id)
		}
	}
	root := int(le64(meta[16:]))
	walk(root)
	if len(branches) < 2 || len(leaves) < 2 {
		t.Fatalf("the fuzz's store has %d branch and %d leaf pages; the test wants two of each", len(branches), len(leaves))
	}
	b0, b1, leaf := branches[0], branches[1], leaves[len(leaves)/2]
	// bucketElement is the first element of a leaf that could hold a bucket
	// header (a value of 16 bytes or more): its offset and its value's.
	bucketElement := func() (int, int) {
		for _, id := range leaves {
			p := pageOf(clean, id)
			for i := range int(le16(p[10:])) {
				e := boltPageHeader + boltElement*i
				if le32(p[e+12:]) >= boltBucketHeader {
					return id*ps + e, id*ps + e + int(le32(p[e+4:])+le32(p[e+8:]))
				}
			}
		}
		t.Fatal("no leaf element with a value of 16 bytes")
		return 0, 0
	}
	cases := []struct {
		name string
		harm func(b []byte)
		want string // one of |-separated parts of the problem
	}{
		{"a branch page that is its own child", func(b []byte) { put64(pageOf(b, b0)[boltPageHeader+8:], uint64(b0)) }, "reached twice"},
		{"two branch pages each the other's child", func(b []byte) {
			put64(pageOf(b, b0)[boltPageHeader+8:], uint64(b1))
			put64(pageOf(b, b1)[boltPageHeader+8:], uint64(b0))
		}, "reached twice|out of order"},
		{"a leaf element made a bucket rooted at its own page", func(b []byte) {
			e, v := bucketElement()
			binary.LittleEndian.PutUint32(b[e:], boltBucketLeaf)
			put64(b[v:], uint64(e/ps))
		}, "reached twice"},
		{"a child out of the file", func(b []byte) { put64(pageOf(b, b0)[boltPageHeader+8:], 1<<40) }, "out of bounds"},
		{"a leaf page marked free list", func(b []byte) { binary.LittleEndian.PutUint16(pageOf(b, leaf)[8:], boltFreelistPage) }, "not a branch or leaf page"},
		{"more elements than fit a page", func(b []byte) { binary.LittleEndian.PutUint16(pageOf(b, leaf)[10:], 0xfff0) }, "do not fit"},
		{"a free list of 2^40 pages", func(b []byte) {
			p := pageOf(b, int(le64(meta[32:])))
			binary.LittleEndian.PutUint16(p[10:], 0xFFFF)
			put64(p[boltPageHeader:], 1<<40)
		}, "free list holds"},
	}
	ctx := context.Background()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := append([]byte(nil), clean...)
			c.harm(b)
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, boltFile), b, 0o644); err != nil {
				t.Fatal(err)
			}
			for _, ro := range []bool{true, false} {
				s, err := Open(ctx, Options{Path: dir, ReadOnly: ro})
				if err == nil {
					s.Close()
					t.Fatalf("read-only %v: the store opened", ro)
				}
				if !errors.Is(err, ErrDamaged) || !containsAny(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
					t.Errorf("read-only %v: %v; want one line saying the store is damaged: …%s…", ro, err, c.want)
				}
			}
			if p := CheckFile(Options{Path: dir}); len(p) == 0 || !containsAny(strings.Join(p, "\n"), c.want) {
				t.Errorf("CheckFile: %q; want a problem with %q", p, c.want)
			}
		})
	}
}

// containsAny reports whether s contains one of the |-separated parts.
func containsAny(s, parts string) bool {
	for _, p := range strings.Split(parts, "|") {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// TestWalkUnderLock: the walk before bolt waits for bolt's lock, so a
// store being written by another process is "in use", never taken for
// damaged from pages read in the middle of a commit.
func TestWalkUnderLock(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "newsgraph.db")
	w, err := Open(ctx, Options{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := w.WriteArticle(ctx, seedArticle()); err != nil {
		t.Fatal(err)
	}
	// flock locks belong to the open file: a second open in this process
	// meets the writer's lock as another process would.
	_, err = Open(ctx, Options{Path: path, ReadOnly: true, LockTimeout: 100 * time.Millisecond})
	if !errors.Is(err, ErrStoreInUse) {
		t.Fatalf("read-only open while a writer holds the store: %v; want it in use", err)
	}
}

// TestWalkedStamp: a bolt file found sound is remembered beside it with
// its state, and walked again once it changes.
func TestWalkedStamp(t *testing.T) {
	defer func(w time.Duration) { racyWindow = w }(racyWindow)
	racyWindow = 0 // the test's files are all changed just now
	ctx := context.Background()
	clean, err := makeBoltFile()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, boltFile)
	if err := os.WriteFile(file, clean, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, Options{Path: dir, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	b, err := os.ReadFile(file + walkedSuffix)
	if err != nil || string(b) != walkStamp(file) || walkStamp(file) == "" {
		t.Fatalf("after a sound walk: stamp %q, %v; want %q", b, err, walkStamp(file))
	}
	// The same bytes written again are a change: walked again, and a
	// damaged page found.
	damaged := append([]byte(nil), clean...)
	meta := damaged[boltPageHeader:]
	if m1 := damaged[fuzzPageSize+boltPageHeader:]; le64(m1[48:]) > le64(meta[48:]) {
		meta = m1
	}
	p := damaged[int(le64(meta[16:]))*fuzzPageSize:] // the root bucket's page
	binary.LittleEndian.PutUint16(p[8:], boltFreelistPage)
	if err := os.WriteFile(file, damaged, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, Options{Path: dir, ReadOnly: true}); !errors.Is(err, ErrDamaged) {
		t.Fatalf("after the file changed: %v; want it walked again and damaged", err)
	}
	racyWindow = time.Hour // changed within the window: no stamp, walked every time
	if err := os.WriteFile(file, clean, 0o644); err != nil {
		t.Fatal(err)
	}
	if walkStamp(file) != "" {
		t.Fatal("a stamp for a file changed just now")
	}
}

// TestWalkAfterWrite: a large bolt store written by a command that asked
// for it (VerifyOnClose) is walked when that command closes it, so the
// next open finds the record; a small one, or one written without asking,
// is left to the next open.
func TestWalkAfterWrite(t *testing.T) {
	defer func(w time.Duration, m int64) { racyWindow, walkAtCloseMin = w, m }(racyWindow, walkAtCloseMin)
	racyWindow = 50 * time.Millisecond // waited out at close
	ctx := context.Background()
	for _, tt := range []struct {
		min    int64
		want   bool
		verify bool
	}{{1, true, true}, {1 << 40, false, true}, {1, false, false}} {
		walkAtCloseMin = tt.min
		dir := t.TempDir()
		s, err := Open(ctx, Options{Path: dir})
		if err != nil {
			t.Fatal(err)
		}
		if tt.verify {
			s.VerifyOnClose()
		}
		if _, err := s.WriteArticle(ctx, seedArticle()); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, boltFile)
		b, err := os.ReadFile(file + walkedSuffix)
		got := err == nil && string(b) == walkStamp(file) && walkStamp(file) != ""
		if got != tt.want {
			t.Errorf("walkAtCloseMin %d, VerifyOnClose %v: recorded %v (%q, %v), want %v", tt.min, tt.verify, got, b, err, tt.want)
		}
	}
}
