package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDraw: draw writes an entity's neighbourhood and a document's graph as
// SVG and DOT, and names what is wrong with bad arguments.
func TestDraw(t *testing.T) {
	db, _ := ingestSeed(t)
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"draw", "zelenskiy", "-o", filepath.Join(dir, "z.svg")}, []string{`<svg xmlns="http://www.w3.org/2000/svg"`, "Volodymyr Zelenskiy", `class="node person center"`}},
		{[]string{"draw", "zelenskiy", "--hops", "2", "--format", "dot", "-o", filepath.Join(dir, "z.dot")}, []string{"digraph newsgraph", `"https://newsgraph.dev/id/volodymyr_zelenskiy"`}},
		{[]string{"draw", "--doc", seed, "-o", filepath.Join(dir, "d.svg")}, []string{"<svg", "</svg>"}},
	} {
		if _, stderr, err := run(t, append([]string{"--db", db}, tc.args...)...); err != nil {
			t.Errorf("%v: %v\n%s", tc.args, err, stderr)
			continue
		}
		b, err := os.ReadFile(tc.args[len(tc.args)-1])
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(string(b), w) {
				t.Errorf("%v: no %q in %.500s", tc.args, w, b)
			}
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"draw"}, "give either an ENTITY or --doc D"},
		{[]string{"draw", "nobody-at-all"}, "nobody-at-all"},
		{[]string{"draw", "zelenskiy", "--format", "png"}, "want svg or dot"},
		{[]string{"draw", "zelenskiy", "--hops", "3"}, "hops"},
		{[]string{"draw", "--doc", "no/such/doc.txt"}, "no document"},
	} {
		if _, _, err := run(t, append([]string{"--db", db}, tc.args...)...); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: err = %v, want one naming %q", tc.args, err, tc.want)
		}
	}
}

// TestServe: serve listens where --addr says, answers a page and stops
// when its context ends (Ctrl-C).
func TestServe(t *testing.T) {
	db, _ := ingestSeed(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	pr, pw := io.Pipe()
	root := newRoot()
	root.SetArgs([]string{"--db", db, "serve", "--addr", "127.0.0.1:0"})
	root.SetOut(pw)
	root.SetErr(io.Discard)
	done := make(chan error, 1)
	go func() { done <- root.ExecuteContext(ctx); pw.Close() }()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed nothing: %v", err)
	}
	go io.Copy(io.Discard, pr)
	_, url, ok := strings.Cut(strings.TrimSpace(line), " on ")
	url, _, _ = strings.Cut(url, " ")
	if !ok || !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("serve said %q, want an address on 127.0.0.1", line)
	}
	res, err := http.Get(url + "search?q=zelensk")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), "Volodymyr Zelenskiy") {
		t.Errorf("search: %d %.300s", res.StatusCode, body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after interrupt: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Error("serve did not stop")
	}
}
