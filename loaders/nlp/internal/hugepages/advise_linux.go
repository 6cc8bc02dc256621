package hugepages

import "syscall"

// advise marks mem MADV_HUGEPAGE; errors (a kernel without transparent
// huge pages) are ignored: the memory works the same.
func advise(mem []byte) { _ = syscall.Madvise(mem, syscall.MADV_HUGEPAGE) }
