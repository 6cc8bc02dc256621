package main

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// writeOutput writes what fill produces to the file at out, safely:
//
//   - A regular file (new or existing) is written beside the target under a
//     temporary name and renamed over it at the end, so a failed or
//     interrupted export never leaves half a file; the temporary file is
//     removed on every exit path that runs (errors, Ctrl-C and SIGTERM,
//     which cancel the command's context); only SIGKILL can leave it. An
//     existing target keeps its mode (and owner, when we may set it); a new
//     one gets 0666 less the umask, as a shell redirection would.
//   - A symbolic link is followed: its target is written, the link stays.
//   - A character device or a named pipe is written through, as a shell
//     redirection would (export -o /dev/null), never replaced by a file.
//   - A directory, block device, socket or anything else is refused.
func writeOutput(out string, fill func(w io.Writer) error) error {
	target, err := resolveLinks(out)
	if err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	info, err := os.Stat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		info = nil
	case err != nil:
		return fmt.Errorf("%s: %w", out, err)
	case info.Mode()&(fs.ModeNamedPipe|fs.ModeCharDevice) != 0:
		return writeThrough(out, target, fill)
	case !info.Mode().IsRegular():
		return fmt.Errorf("%s: is %s: export writes only to regular files, character devices, named pipes or standard output", out, kindOf(info.Mode()))
	}

	dir := filepath.Dir(target)
	perm := fs.FileMode(0o666) // less the umask, applied by the kernel
	if info != nil {
		perm = info.Mode().Perm()
	}
	f, err := createTemp(dir, perm)
	if err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // a no-op once renamed
	if info != nil {
		// Exactly the old mode (the umask may have cleared bits), and the
		// old owner when allowed (root; otherwise it is us anyway).
		f.Chmod(info.Mode().Perm())
		if st, ok := info.Sys().(*syscall.Stat_t); ok {
			f.Chown(int(st.Uid), int(st.Gid))
		}
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	err = fill(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, target)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	return nil
}

// writeThrough writes to a device or pipe in place.
func writeThrough(out, target string, fill func(w io.Writer) error) error {
	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	err = fill(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	return nil
}

// resolveLinks follows symbolic links from path, also when the last one
// points at a file that does not exist yet (it is then created there).
func resolveLinks(path string) (string, error) {
	for range 40 {
		info, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return path, nil
		} else if err != nil {
			return "", err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		dest, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(path), dest)
		}
		path = dest
	}
	return "", errors.New("too many levels of symbolic links")
}

// createTemp creates a new file named .newsgraph-export-* in dir with perm
// (less the umask).
func createTemp(dir string, perm fs.FileMode) (*os.File, error) {
	for range 100 {
		var b [8]byte
		rand.Read(b[:])
		name := filepath.Join(dir, ".newsgraph-export-"+hex.EncodeToString(b[:]))
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, errors.New("cannot create a temporary file")
}

// kindOf names the kind of a file that is not regular.
func kindOf(mode fs.FileMode) string {
	switch {
	case mode.IsDir():
		return "a directory"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeDevice != 0 && mode&fs.ModeCharDevice == 0:
		return "a block device"
	}
	return "not a regular file"
}
