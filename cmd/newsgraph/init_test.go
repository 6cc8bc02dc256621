package main

import (
	"fmt"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Bounds on what package initialisers allocate before main runs. Every
// command pays them; what only some commands need (HTML's date parser, say)
// is built on first use instead. Allocations, unlike time, are the same on
// every run. Before go-dateparser's data was made lazy (loaders/document/third_party/) its
// initialiser alone allocated 78 MB; the whole binary now allocates ~6 MB.
const (
	maxInitBytes       = 16 << 20 // all packages together
	maxPackageInitByte = 4 << 20  // any one package
)

// initLine is one line of GODEBUG=inittrace=1's output:
// "init PKG @T ms, C ms clock, B bytes, A allocs".
var initLine = regexp.MustCompile(`^init (\S+) @\S+ ms, \S+ ms clock, (\d+) bytes, (\d+) allocs$`)

// TestInitAllocations runs `query --help` with the runtime's init trace and
// fails if a heavy package initialiser came back.
func TestInitAllocations(t *testing.T) {
	for _, args := range [][]string{{"query", "--help"}, {"--help"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			bin, env := newsgraphBin(t, t.TempDir())
			cmd := exec.Command(bin, args...)
			cmd.Env = append(env, "GODEBUG=inittrace=1")
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("%v: %v\n%s", args, err, clip(stderr.String(), 500))
			}
			type pkg struct {
				name  string
				bytes int
			}
			var (
				pkgs  []pkg
				total int
			)
			for _, l := range strings.Split(stderr.String(), "\n") {
				m := initLine.FindStringSubmatch(l)
				if m == nil {
					continue
				}
				n, err := strconv.Atoi(m[2])
				if err != nil {
					t.Fatalf("%q: %v", l, err)
				}
				pkgs = append(pkgs, pkg{m[1], n})
				total += n
			}
			if len(pkgs) < 50 {
				t.Fatalf("only %d init lines in the trace; stderr:\n%s", len(pkgs), clip(stderr.String(), 500))
			}
			slices.SortFunc(pkgs, func(a, b pkg) int { return b.bytes - a.bytes })
			var top []string
			for _, p := range pkgs[:min(6, len(pkgs))] {
				top = append(top, fmt.Sprintf("%s %d", p.name, p.bytes))
			}
			if total > maxInitBytes {
				t.Errorf("package initialisers allocate %d bytes, more than %d; the largest: %s", total, maxInitBytes, strings.Join(top, ", "))
			}
			if pkgs[0].bytes > maxPackageInitByte {
				t.Errorf("%s's initialiser allocates %d bytes, more than %d: build its data on first use", pkgs[0].name, pkgs[0].bytes, maxPackageInitByte)
			}
			t.Logf("%d packages, %d bytes; the largest: %s", len(pkgs), total, strings.Join(top, ", "))
		})
	}
}
