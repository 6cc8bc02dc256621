package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckCommand: check passes on a sound store; on one whose bolt meta
// page was overwritten it names the problem, says the store is damaged and
// fails.
func TestCheckCommand(t *testing.T) {
	db, _ := ingestSeed(t)
	out, stderr, err := run(t, "--db", db, "check")
	if err != nil || !strings.Contains(out, ": ok (") {
		t.Fatalf("check of a sound store: %v\n%s%s", err, out, stderr)
	}
	file := filepath.Join(db, "indexes.bolt")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i := 20; i < 28; i++ {
		b[i] ^= 0xff
	}
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, err = run(t, "--db", db, "stats")
	if err != nil || !strings.Contains(stderr, "warning") || !strings.Contains(stderr, "meta page 0") {
		t.Errorf("stats on a store with a damaged meta page: err %v, no warning in %q", err, stderr)
	}
	out, _, err = run(t, "--db", db, "check")
	if err == nil || !strings.Contains(err.Error(), "store is damaged") || !strings.Contains(out, "meta page 0") {
		t.Errorf("check of a store with a damaged meta page: err %v, output:\n%s", err, out)
	}
}
