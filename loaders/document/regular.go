package document

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// openRegular opens the regular file at path (following symbolic links) for
// reading. Anything else — a directory, named pipe, device or socket — is
// refused with one line naming it, without being opened for reading:
// opening a FIFO blocks until a writer comes, and reading a device may
// never end. The file is opened non-blocking and checked again after
// opening, so a FIFO put in its place in between cannot block either.
func openRegular(path string) (*os.File, fs.FileInfo, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, pathError(path, err)
	}
	if !info.Mode().IsRegular() {
		return nil, nil, notRegular(path, info.Mode())
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, pathError(path, err)
	}
	info, err = f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, pathError(path, err)
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, nil, notRegular(path, info.Mode())
	}
	return f, info, nil
}

// notRegular is the error for a path that is not a regular file.
func notRegular(path string, mode fs.FileMode) error {
	if mode.IsDir() {
		return fmt.Errorf("%s: is a directory: %w", quoteName(path), ErrNotText)
	}
	return fmt.Errorf("%s: is %s, %w", quoteName(path), fileKind(mode), ErrNotRegular)
}

// fileKind names the kind of file mode describes.
func fileKind(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeCharDevice != 0:
		return "a character device"
	case mode&fs.ModeDevice != 0:
		return "a block device"
	case mode&fs.ModeSymlink != 0:
		return "a symbolic link"
	case mode&fs.ModeIrregular != 0:
		return "an irregular file"
	}
	return "not a regular file"
}
