package graph

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Usage is what this process has used so far: CPU time (user and system)
// and bytes it caused to be written to storage (Linux /proc/self/io; 0
// elsewhere). The benchmarks measure with it.
type Usage struct {
	CPU     time.Duration
	Written int64
}

// CurrentUsage is the process's usage until now.
func CurrentUsage() Usage {
	var u Usage
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		u.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	f, err := os.Open("/proc/self/io")
	if err != nil {
		return u
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "write_bytes:"); ok {
			u.Written, _ = strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		}
	}
	return u
}

// Since is the usage between u and now.
func (u Usage) Since() Usage {
	now := CurrentUsage()
	return Usage{CPU: now.CPU - u.CPU, Written: now.Written - u.Written}
}
