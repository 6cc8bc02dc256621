package graph

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/boltdb/bolt"
	cgraph "github.com/cayleygraph/cayley/graph"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"

	"github.com/newsgraph/newsgraph/graph/internal/kv"
	"github.com/newsgraph/newsgraph/graph/internal/kv/faultkv"
)

const failArticles = 12

// wantQuads is what writing articles 0…n-1 into an empty store gives.
func wantQuads(t *testing.T, n int) []string {
	var want []string
	seen := map[string]bool{}
	for i := range n {
		qs, err := Quads(SyntheticArticle(i))
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range lines(qs) {
			if !seen[l] {
				seen[l] = true
				want = append(want, l)
			}
		}
	}
	sort.Strings(want)
	return want
}

// checkWhole checks that the store is sound (Check finds nothing) and holds
// exactly the quads of the documents it lists.
func checkWhole(t *testing.T, s *Store, what string) int {
	t.Helper()
	ctx := context.Background()
	res, err := s.Check(ctx)
	if err != nil || !res.OK() {
		t.Fatalf("%s: check: %v %q", what, err, res.Problems)
	}
	docs, err := s.Documents(ctx)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	var want []string
	seen := map[string]bool{}
	for _, d := range docs {
		var n int
		if _, err := fmt.Sscanf(d.Source, "synthetic/%d.txt", &n); err != nil {
			t.Fatalf("document %q: %v", d.Source, err)
		}
		qs, _ := Quads(SyntheticArticle(n))
		for _, l := range lines(qs) {
			if !seen[l] {
				seen[l] = true
				want = append(want, l)
			}
		}
	}
	sort.Strings(want)
	if got := allQuads(t, s); !equalLines(got, want) {
		t.Fatalf("%s: store is not whole documents:\n%.2000s", what, diff(got, want))
	}
	return len(docs)
}

// TestFailedWritesInjected writes articles into a bolt store whose writes
// fail at chosen points (a put in the middle of an article's transaction,
// or its commit), then checks that the store holds whole documents only
// and is sound, and that writing everything again gives the uninterrupted
// result.
func TestFailedWritesInjected(t *testing.T) {
	ctx := context.Background()
	want := wantQuads(t, failArticles)
	for _, point := range []struct {
		op    faultkv.Op
		every int
	}{{faultkv.Commit, 3}, {faultkv.Put, 9001}, {faultkv.Put, 15013}} {
		t.Run(fmt.Sprintf("%s every %d", point.op, point.every), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "db")
			os.MkdirAll(dir, 0o755)
			bdb, err := bolt.Open(filepath.Join(dir, boltFile), 0o644, nil)
			if err != nil {
				t.Fatal(err)
			}
			fdb := &faultkv.KV{KV: hbolt.New(bdb)}
			opts := Options{Backend: BackendBolt, Path: dir}
			qs, err := newKV(kv.Guard(fdb), opts, cgraph.Options{kv.OptNoBloom: true})
			if err != nil {
				t.Fatal(err)
			}
			s := &Store{qs: qs, backend: BackendBolt, path: dir}
			defer s.Close()
			fdb.Fail = func(op faultkv.Op, n int) bool { return op == point.op && n%point.every == point.every-1 }
			failed := 0
			for i := range failArticles {
				if _, err := s.WriteArticle(ctx, SyntheticArticle(i)); err != nil {
					t.Logf("article %d: %v", i, err)
					failed++
				}
			}
			t.Logf("%d of %d writes failed", failed, failArticles)
			if failed == 0 || failed == failArticles {
				t.Fatalf("%d of %d writes failed; the test wants some of each", failed, failArticles)
			}
			checkWhole(t, s, "after failures")
			fdb.Fail = nil
			for i := range failArticles {
				if _, err := s.WriteArticle(ctx, SyntheticArticle(i)); err != nil {
					t.Fatalf("re-run: %v", err)
				}
			}
			if got := allQuads(t, s); !equalLines(got, want) {
				t.Fatalf("re-run is not the uninterrupted result:\n%.2000s", diff(got, want))
			}
			checkWhole(t, s, "after the re-run")
		})
	}
}

// fsizeChildEnv makes the test binary the child of TestFileSizeLimit:
// "PATH LIMIT".
const fsizeChildEnv = "NEWSGRAPH_FSIZE_CHILD"

// TestFileSizeLimit writes articles in a process whose files may not grow
// past a limit (RLIMIT_FSIZE, a stand-in for a full disk), then checks the
// store and completes it without the limit.
func TestFileSizeLimit(t *testing.T) {
	if spec := os.Getenv(fsizeChildEnv); spec != "" {
		fsizeChild(t, spec)
		return
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "newsgraph.db")
	// A store holding the first article sets the size the limit allows a
	// little more than.
	s, err := Open(ctx, Options{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.WriteArticle(ctx, SyntheticArticle(0)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	fi, err := os.Stat(filepath.Join(path, boltFile))
	if err != nil {
		t.Fatal(err)
	}
	limit := 2 * fi.Size()
	const n = 16
	cmd := exec.Command(os.Args[0], "-test.run=^TestFileSizeLimit$")
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s %d %d", fsizeChildEnv, path, limit, n))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("child: %v\n%s", err, out.String())
	}
	failed := strings.Count(out.String(), "failed ")
	if failed == 0 || !strings.Contains(out.String(), "too large") {
		t.Fatalf("no write hit the file size limit:\n%s", out.String())
	}
	s, err = Open(ctx, Options{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	stored := checkWhole(t, s, "after the limit")
	t.Logf("%d articles stored, %d failed with the file size limit", stored, failed)
	for i := range n {
		if _, err := s.WriteArticle(ctx, SyntheticArticle(i)); err != nil {
			t.Fatalf("re-run: %v", err)
		}
	}
	if got, want := allQuads(t, s), wantQuads(t, n); !equalLines(got, want) {
		t.Fatalf("re-run is not the uninterrupted result:\n%.2000s", diff(got, want))
	}
	checkWhole(t, s, "after the re-run")
}

// fsizeChild writes articles under a file size limit, printing failures.
func fsizeChild(t *testing.T, spec string) {
	f := strings.Fields(spec)
	limit, _ := strconv.ParseUint(f[1], 10, 64)
	n, _ := strconv.Atoi(f[2])
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := Open(ctx, Options{Path: f[0]})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for i := range n {
		if _, err := s.WriteArticle(ctx, SyntheticArticle(i)); err != nil {
			fmt.Fprintf(w, "failed %d: %v\n", i, err)
		}
	}
}

// TestDamagedStore truncates the bolt file or flips bytes at several
// offsets, then runs what the commands run. Nothing may panic; every error
// must say the store is damaged; check must find what is wrong where the
// other operations fail.
func TestDamagedStore(t *testing.T) {
	ctx := context.Background()
	clean := filepath.Join(t.TempDir(), "clean.db")
	s, err := Open(ctx, Options{Path: clean})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 8 {
		if _, err := s.WriteArticle(ctx, SyntheticArticle(i)); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	orig, err := os.ReadFile(filepath.Join(clean, boltFile))
	if err != nil {
		t.Fatal(err)
	}
	size := int64(len(orig))
	page := int64(os.Getpagesize())
	type damage struct {
		name     string
		truncate int64 // new size, or -1
		flip     int64 // offset of 8 flipped bytes, or -1
	}
	cases := []damage{
		{"truncated to half", size / 2, -1},
		{"truncated after the meta pages", 2*page + 100, -1},
		{"truncated in the first meta page", 100, -1},
	}
	for _, off := range []int64{20, page + 20, 2*page + 8, 3 * page, size / 5, size / 3, size / 2, 2 * size / 3, size - 200} {
		cases = append(cases, damage{fmt.Sprintf("bytes flipped at %d", off), -1, off})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "newsgraph.db")
			os.MkdirAll(path, 0o755)
			b := append([]byte(nil), orig...)
			if c.truncate >= 0 {
				b = b[:c.truncate]
			}
			if c.flip >= 0 {
				for i := c.flip; i < c.flip+8 && i < int64(len(b)); i++ {
					b[i] ^= 0xff
				}
			}
			if err := os.WriteFile(filepath.Join(path, boltFile), b, 0o644); err != nil {
				t.Fatal(err)
			}
			failed := false
			try := func(op string, fn func() error) {
				t.Helper()
				var err error
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Errorf("%s panicked: %v", op, r)
						}
					}()
					err = fn()
				}()
				if err == nil {
					return
				}
				failed = true
				t.Logf("%s: %v", op, err)
				if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "store is damaged") || strings.Contains(err.Error(), "\n") {
					t.Errorf("%s: %v; want one line saying the store is damaged", op, err)
				}
			}
			var ok bool
			var problems []string
			try("open read-only", func() error {
				s, err := Open(ctx, Options{Path: path, ReadOnly: true})
				if err != nil {
					return err
				}
				defer s.Close()
				try("stats", func() error { _, err := s.Stats(ctx); return err })
				try("documents", func() error { _, err := s.Documents(ctx); return err })
				try("export", func() error { _, err := s.Export(ctx, io.Discard, "", ""); return err })
				try("check", func() error {
					res, err := s.Check(ctx)
					ok, problems = err == nil && res.OK(), res.Problems
					return err
				})
				return nil
			})
			try("open and write", func() error {
				s, err := Open(ctx, Options{Path: path})
				if err != nil {
					return err
				}
				defer s.Close()
				_, err = s.WriteArticle(ctx, SyntheticArticle(100))
				return err
			})
			if failed && ok {
				t.Errorf("operations failed but check found nothing wrong")
			}
			if c.flip == 20 && ok {
				t.Errorf("a damaged meta page went unreported (problems %q)", problems)
			}
		})
	}
}

// TestUnfinishedStore: a store whose creation did not finish — an empty
// bolt file, or a store initialised with nothing written yet — opens as an
// empty store for reading (it said "kv: no bucket") and is finished by the
// next write.
func TestUnfinishedStore(t *testing.T) {
	ctx := context.Background()
	empty := filepath.Join(t.TempDir(), "empty.db")
	os.MkdirAll(empty, 0o755)
	if err := os.WriteFile(filepath.Join(empty, boltFile), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(t.TempDir(), "fresh.db")
	s, err := Open(ctx, Options{Path: fresh})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, path := range []string{empty, fresh} {
		s, err := Open(ctx, Options{Path: path, ReadOnly: true})
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		st, err := s.Stats(ctx)
		if err != nil || st.Quads != 0 || st.Documents != 0 {
			t.Errorf("%s: stats %+v, %v; want an empty store", path, st, err)
		}
		s.Close()
		s, err = Open(ctx, Options{Path: path})
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if _, err := s.WriteArticle(ctx, SyntheticArticle(0)); err != nil {
			t.Errorf("%s: write: %v", path, err)
		}
		s.Close()
	}
}
