package graph

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cayleygraph/quad"
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

// cleanBoltFile is a small bolt store (two synthetic articles), made once.
func cleanBoltFile() ([]byte, error) {
	fuzzStoreOnce.Do(func() {
		dir, err := os.MkdirTemp("", "newsgraph-fuzz-")
		if err != nil {
			fuzzStoreErr = err
			return
		}
		defer os.RemoveAll(dir)
		ctx := context.Background()
		s, err := Open(ctx, Options{Path: dir})
		if err != nil {
			fuzzStoreErr = err
			return
		}
		for i := range 2 {
			if _, err := s.WriteArticle(ctx, syntheticArticle(i, 4)); err != nil {
				fuzzStoreErr = err
			}
		}
		s.Close()
		fuzzStore, fuzzStoreErr = os.ReadFile(filepath.Join(dir, boltFile))
	})
	return fuzzStore, fuzzStoreErr
}

// FuzzDamagedStore overwrites bytes of a small bolt store at an offset and
// cuts it to a length, then reads it as the commands do: no panic, and
// every error says the store is damaged.
func FuzzDamagedStore(f *testing.F) {
	page := uint32(os.Getpagesize())
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
