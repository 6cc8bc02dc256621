// Package hugepages lets the model loaders ask for transparent huge pages
// for their large tables.
//
// Loading a model is mostly touching fresh memory: on the VMs newsgraph is
// measured on, the first write to a 4 KB page costs ~10 µs, so the ~40 MB of
// tables that the tagger and parser build cost ~100 ms of page faults. With
// the kernel's transparent huge pages in "madvise" mode (a common default),
// memory marked MADV_HUGEPAGE is backed by 2 MB pages on first touch: a
// 32 MB slice then takes ~2–15 ms to touch instead of ~75–105 ms
// (docs/benchmarks.md). Elsewhere, or where the kernel says no, the advice
// is a no-op.
package hugepages

import "unsafe"

// hugePage is the size of a transparent huge page on x86-64 and arm64.
const hugePage = 2 << 20

// Make returns make([]T, n) with the advice of Advise.
func Make[T any](n int) []T {
	s := make([]T, n)
	Advise(s)
	return s
}

// MakeCap returns make([]T, 0, c) with the advice of Advise.
func MakeCap[T any](c int) []T {
	s := make([]T, c)
	Advise(s)
	return s[:0]
}

// Advise asks for huge pages for the whole 2 MB-aligned pages inside s's
// memory (up to its capacity). Call it before the memory is first written,
// right after make: pages already touched keep their 4 KB backing. The
// advice changes only how the kernel backs the memory, never its contents.
func Advise[T any](s []T) {
	s = s[:cap(s)]
	if len(s) == 0 {
		return
	}
	var zero T
	base := unsafe.Pointer(unsafe.SliceData(s))
	start := uintptr(base)
	end := start + uintptr(len(s))*unsafe.Sizeof(zero)
	lo := (start + hugePage - 1) &^ (hugePage - 1)
	hi := end &^ (hugePage - 1)
	if hi <= lo {
		return
	}
	advise(unsafe.Slice((*byte)(unsafe.Add(base, lo-start)), hi-lo))
}
