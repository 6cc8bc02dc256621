package graph

import (
	"os"
	"syscall"
)

// fileTimes is what walkStamp needs to know of file.
func fileTimes(file string) (dev, ino uint64, size, mtime, ctime int64, ok bool) {
	fi, err := os.Stat(file)
	if err != nil {
		return
	}
	st, isStat := fi.Sys().(*syscall.Stat_t)
	if !isStat {
		return
	}
	return uint64(st.Dev), st.Ino, st.Size, st.Mtim.Nano(), st.Ctim.Nano(), true
}
