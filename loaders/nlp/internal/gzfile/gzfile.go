// Package gzfile opens data files that may be gzip-compressed: the
// treebanks, NER files and word lists the language models train from.
package gzfile

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"strings"
)

// Open opens path for reading, decompressing it when its name ends in
// ".gz". Closing the result closes the file.
func Open(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if !strings.HasSuffix(path, ".gz") {
		return f, nil
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return file{zr, f}, nil
}

type file struct {
	*gzip.Reader
	f *os.File
}

func (g file) Close() error {
	err := g.Reader.Close()
	if cerr := g.f.Close(); err == nil {
		err = cerr
	}
	return err
}
