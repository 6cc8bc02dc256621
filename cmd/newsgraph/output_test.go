package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWriteOutputTargets: regular files are replaced whole and keep their
// mode; symbolic links are written through; devices and pipes are written
// through, never replaced; directories are refused; no temporary file
// stays behind, also when the export fails.
func TestWriteOutputTargets(t *testing.T) {
	const text = "<a> <b> <c> .\n"
	fill := func(w io.Writer) error { _, err := io.WriteString(w, text); return err }
	dir := t.TempDir()

	// An existing file keeps its mode.
	file := filepath.Join(dir, "graph.nq")
	if err := os.WriteFile(file, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	os.Chmod(file, 0o640)
	if err := writeOutput(file, fill); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(file); string(b) != text {
		t.Errorf("file holds %q", b)
	}
	if fi, _ := os.Stat(file); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode became %v, want 0640", fi.Mode().Perm())
	}
	// A new file gets 0666 less the umask, not 0600.
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	fresh := filepath.Join(dir, "new.nq")
	if err := writeOutput(fresh, fill); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(fresh); fi.Mode().Perm() != 0o644 {
		t.Errorf("new file's mode is %v, want 0644", fi.Mode().Perm())
	}

	// A symbolic link is written through and stays a link.
	link := filepath.Join(dir, "link.nq")
	if err := os.Symlink("graph.nq", link); err != nil {
		t.Fatal(err)
	}
	if err := writeOutput(link, func(w io.Writer) error { _, err := io.WriteString(w, "via link\n"); return err }); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the symbolic link was replaced")
	}
	if b, _ := os.ReadFile(file); string(b) != "via link\n" {
		t.Errorf("link target holds %q", b)
	}

	// A named pipe is written through.
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	got := make(chan string)
	go func() {
		b, _ := os.ReadFile(fifo)
		got <- string(b)
	}()
	if err := writeOutput(fifo, fill); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != text {
		t.Errorf("pipe reader got %q", s)
	}
	if fi, _ := os.Lstat(fifo); fi.Mode()&os.ModeNamedPipe == 0 {
		t.Error("the named pipe was replaced")
	}

	// A directory is refused.
	if err := writeOutput(t.TempDir(), fill); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Errorf("export to a directory: %v", err)
	}

	// A failed export leaves the old file and no temporary file.
	if err := writeOutput(file, func(w io.Writer) error { io.WriteString(w, "half"); return errors.New("boom") }); err == nil {
		t.Error("failed fill reported success")
	}
	if b, _ := os.ReadFile(file); string(b) != "via link\n" {
		t.Errorf("failed export changed the file to %q", b)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".newsgraph-export-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

// TestExportToDevice: export -o to a character device (a copy of /dev/null
// made with mknod) writes through it and leaves it a device. Needs root.
func TestExportToDevice(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mknod needs root")
	}
	db, _ := ingestSeed(t)
	dir := t.TempDir()
	dev := filepath.Join(dir, "null")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		t.Skipf("mknod: %v", err)
	}
	if _, stderr, err := run(t, "--db", db, "export", "-o", dev); err != nil {
		t.Fatalf("export to a device: %v\n%s", err, stderr)
	}
	fi, err := os.Lstat(dev)
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("the device was replaced: %v %v", fi.Mode(), err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("export left files beside the device: %v", entries)
	}
	// A block device is refused, not replaced.
	blk := filepath.Join(dir, "loop")
	if err := syscall.Mknod(blk, syscall.S_IFBLK|0o600, 7<<8|250); err != nil {
		t.Skipf("mknod: %v", err)
	}
	if _, _, err := run(t, "--db", db, "export", "-o", blk); err == nil || !strings.Contains(err.Error(), "block device") {
		t.Errorf("export to a block device: %v", err)
	}
	if fi, err := os.Lstat(blk); err != nil || fi.Mode()&os.ModeDevice == 0 {
		t.Error("the block device was replaced")
	}
}
