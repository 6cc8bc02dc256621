package binio

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"testing"
)

func TestReadChunks(t *testing.T) {
	data := []byte{1, 0, 2, 0, 3, 0, 4, 0, 5, 0}
	var got []int
	var ats []int
	err := ReadChunks(bytes.NewReader(data), make([]byte, 4), 5, 2, func(b []byte, at int) {
		ats = append(ats, at)
		for i := 0; i < len(b); i += 2 {
			got = append(got, int(b[i]))
		}
	})
	if err != nil || !slices.Equal(got, []int{1, 2, 3, 4, 5}) || !slices.Equal(ats, []int{0, 2, 4}) {
		t.Errorf("got %v at %v, %v", got, ats, err)
	}
	err = ReadChunks(bytes.NewReader(data[:7]), make([]byte, 4), 5, 2, func([]byte, int) {})
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("short input: %v", err)
	}
}
