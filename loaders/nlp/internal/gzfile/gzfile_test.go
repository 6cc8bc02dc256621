package gzfile

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("hello\n"))
	zw.Close()
	files := map[string][]byte{"a.txt": []byte("hello\n"), "b.txt.gz": gz.Bytes(), "c.gz": []byte("not gzip")}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"a.txt", "b.txt.gz"} {
		rc, err := Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		if err != nil || string(b) != "hello\n" {
			t.Errorf("%s: %q, %v", name, b, err)
		}
		if err := rc.Close(); err != nil {
			t.Errorf("%s: close: %v", name, err)
		}
	}
	if _, err := Open(filepath.Join(dir, "c.gz")); err == nil {
		t.Error("a .gz file that is not gzip opened")
	}
	if _, err := Open(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing file opened")
	}
}
