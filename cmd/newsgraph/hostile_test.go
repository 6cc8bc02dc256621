package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestIngestHostileFolder ingests a folder that mixes good articles with
// each kind of hostile input the reliability audit found (a FIFO, 100,000
// nested divs, one 5 MB line of words without punctuation, NUL bytes, a
// symbolic link loop, a device): every good article is stored, every bad
// input is named on exactly one line, the exit status is non-zero, and the
// run ends (a deadline guards against a hang).
func TestIngestHostileFolder(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	good := map[string]string{
		"storm.txt": "Storm Hits Coast\n\nA storm hit the coast of Portugal on Monday, officials said. Thousands of homes lost power.\n",
		"vote.md":   "# Council Votes On Budget\n\nThe city council of Lyon approved the budget on Tuesday, the mayor said.\n",
		"fire.html": "<html><head><title>Fire In Oslo</title></head><body><article><h1>Fire In Oslo</h1><p>A fire destroyed a warehouse in Oslo on Friday, police said. Nobody was hurt, according to the fire service, which sent twelve engines to the harbour district.</p><p>The cause of the fire is not yet known, the police spokesman told reporters at the scene on Friday evening.</p></article></body></html>",
	}
	for name, text := range good {
		write(name, []byte(text))
	}
	bad := []string{"pipe.txt", "nested.html", "oneline.txt", "nul.txt", "loop.txt"}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	write("nested.html", []byte("<html><body>"+strings.Repeat("<div>", 100000)+"x"+strings.Repeat("</div>", 100000)+"</body></html>"))
	write("oneline.txt", bytes.Repeat([]byte("word "), 5<<20/5))
	write("nul.txt", []byte("A storm\x00hit the\x00coast.\x00\x00\x00"))
	if err := os.Symlink("loop.txt", filepath.Join(dir, "loop.txt")); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		if err := syscall.Mknod(filepath.Join(dir, "null.txt"), syscall.S_IFCHR|0o666, 1<<8|3); err == nil {
			bad = append(bad, "null.txt")
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var out, errOut bytes.Buffer
	root := newRoot()
	root.SetArgs([]string{"--db", filepath.Join(t.TempDir(), "newsgraph.db"), "ingest", dir})
	root.SetOut(&out)
	root.SetErr(&errOut)
	err := root.ExecuteContext(ctx)
	if ctx.Err() != nil {
		t.Fatalf("ingest did not finish in time:\n%s", errOut.String())
	}
	if err == nil {
		t.Error("ingest of a folder with bad inputs succeeded; want a failing exit status")
	}
	for name := range good {
		if !strings.Contains(out.String(), name) {
			t.Errorf("good article %s was not stored:\n%s\n%s", name, out.String(), errOut.String())
		}
	}
	for _, name := range bad {
		n := 0
		for _, line := range strings.Split(errOut.String(), "\n") {
			if strings.Contains(line, name) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s: %d lines name it, want 1:\n%s", name, n, errOut.String())
		}
	}
	t.Logf("stderr:\n%s", errOut.String())
}
