package document

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNotRegularFiles: named pipes, sockets and devices, named directly or
// found in a folder, get one line each and are never opened for reading
// (opening a FIFO blocks until a writer comes: the test would hang).
func TestNotRegularFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "sock.txt")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	cases := []struct{ path, kind string }{
		{fifo, "named pipe"},
		{sock, "socket"},
	}
	if os.Geteuid() == 0 {
		dev := filepath.Join(dir, "null.txt")
		if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3); err != nil { // /dev/null's 1:3
			t.Fatal(err)
		}
		cases = append(cases, struct{ path, kind string }{dev, "character device"})
	}
	link := filepath.Join(dir, "link.txt")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	cases = append(cases, struct{ path, kind string }{link, "named pipe"})

	for _, c := range cases {
		done := make(chan error, 1)
		go func() {
			_, err := ReadFile(context.Background(), c.path)
			done <- err
		}()
		select {
		case err := <-done:
			if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), c.kind) || !strings.HasPrefix(err.Error(), c.path+": ") {
				t.Errorf("ReadFile(%s) = %v, want one line naming it as a %s", c.path, err, c.kind)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("ReadFile(%s) blocked", c.path)
		}
	}

	// Found in a folder: each is a problem (not a skipped non-article).
	sources, problems := Expand([]string{dir})
	if len(sources) != 0 {
		t.Errorf("sources = %q, want none", sources)
	}
	if len(problems) != len(cases) {
		t.Fatalf("problems = %v, want %d", problems, len(cases))
	}
	for _, p := range problems {
		if !errors.Is(p, ErrNotRegular) || errors.Is(p, ErrNotText) {
			t.Errorf("problem %v: want ErrNotRegular", p)
		}
	}
}

// TestHTMLDepthBeforeParse: a page nested deeper than the limit is refused
// by the tokenizer pass, at the configured depth.
func TestHTMLDepthBeforeParse(t *testing.T) {
	page := func(depth int) string {
		return "<html><body>" + strings.Repeat("<div>", depth) + "Text of the article. " + strings.Repeat("</div>", depth) + "</body></html>"
	}
	for _, c := range []struct {
		depth, limit int
		deep         bool
	}{
		{100, 0, false}, {600, 0, true}, {100000, 0, true}, {40, 30, true}, {20, 30, false},
		{300, 1000, false}, {600, 1000, true}, // x/net's own limit is 512
	} {
		got := tooDeep(page(c.depth), Options{MaxHTMLDepth: c.limit}.maxHTMLDepth())
		if got != c.deep {
			t.Errorf("depth %d, limit %d: tooDeep = %v, want %v", c.depth, c.limit, got, c.deep)
		}
		if !c.deep {
			continue
		}
		_, err := Options{MaxHTMLDepth: c.limit}.Read(context.Background(), "deep.html", strings.NewReader(page(c.depth)))
		if !errors.Is(err, ErrNoArticle) || !strings.Contains(err.Error(), "nested more than") {
			t.Errorf("depth %d, limit %d: %v, want nested too deep", c.depth, c.limit, err)
		}
	}
	// Void elements and implied end tags do not count.
	if tooDeep("<html><body>"+strings.Repeat("<br><img src=x><p>para", 2000)+"</body></html>", 512) {
		t.Error("void elements and paragraphs counted as nesting")
	}
}
