// Package binio reads the fixed-width arrays of the language models' binary
// files in chunks, straight into the arrays they fill.
package binio

import "io"

// ReadChunks reads n items of size bytes each from r, through buf, and calls
// fn on successive chunks of them with the index of the chunk's first item.
// It returns r's error (io.ErrUnexpectedEOF when r ends early).
func ReadChunks(r io.Reader, buf []byte, n, size int, fn func(b []byte, at int)) error {
	per := len(buf) / size
	for at := 0; at < n; at += per {
		b := buf[:min(per, n-at)*size]
		if _, err := io.ReadFull(r, b); err != nil {
			return err
		}
		fn(b, at)
	}
	return nil
}
