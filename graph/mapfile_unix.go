//go:build unix

package graph

import (
	"os"
	"syscall"
	"time"

	"github.com/boltdb/bolt"
)

// mapFile maps the first size bytes of f read-only.
func mapFile(f *os.File, size int64) ([]byte, func(), error) {
	b, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, err
	}
	return b, func() { syscall.Munmap(b) }, nil
}

// lockFile takes flock's lock on file, shared or exclusive, as bolt does,
// waiting at most timeout (none: for ever); the error is bolt.ErrTimeout
// when another process holds it. A file that does not exist is not locked.
func lockFile(file string, exclusive bool, timeout time.Duration) (unlock func(), err error) {
	f, err := os.Open(file)
	if os.IsNotExist(err) {
		return func() {}, nil
	} else if err != nil {
		return nil, err
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	deadline := time.Now().Add(timeout)
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if err == nil {
			return func() { f.Close() }, nil // closing the file releases the lock
		}
		if err != syscall.EWOULDBLOCK {
			f.Close()
			return nil, err
		}
		if timeout > 0 && time.Now().After(deadline) {
			f.Close()
			return nil, bolt.ErrTimeout
		}
		time.Sleep(50 * time.Millisecond)
	}
}
