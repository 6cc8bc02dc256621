package graph

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// usage is what this process has used so far: CPU time (user and system)
// and bytes it caused to be written to storage (Linux /proc/self/io; 0
// elsewhere).
type usage struct {
	cpu     time.Duration
	written int64
}

func currentUsage() usage {
	var u usage
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		u.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	f, err := os.Open("/proc/self/io")
	if err != nil {
		return u
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "write_bytes:"); ok {
			u.written, _ = strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		}
	}
	return u
}

// since is the usage between u and now.
func (u usage) since() usage {
	now := currentUsage()
	return usage{cpu: now.cpu - u.cpu, written: now.written - u.written}
}
