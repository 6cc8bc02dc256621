package graph

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"runtime/debug"
)

// The layout of a bolt file (github.com/boltdb/bolt, file format 2).
const (
	boltBranchPage   = 0x01
	boltLeafPage     = 0x02
	boltFreelistPage = 0x10
	boltBucketLeaf   = 0x01 // a leaf element that is a bucket
	boltPageHeader   = 16   // id, flags, count, overflow
	boltElement      = 16   // a branch or leaf page element
	boltBucketHeader = 16   // root page, sequence
	boltMaxDepth     = 64   // levels of pages and nested buckets
	boltMaxProblems  = 20
)

var le16, le32, le64 = binary.LittleEndian.Uint16, binary.LittleEndian.Uint32, binary.LittleEndian.Uint64

// boltPageProblems walks the pages of a bolt file from the root bucket of
// its newest valid meta page, as bolt itself would, and says what is wrong
// (boltWalk), then pages that are neither in use nor free.
func boltPageProblems(file string) []string {
	problems, lost := boltWalk(file)
	if lost > 0 && len(problems) == 0 {
		problems = append(problems, fmt.Sprintf("bolt: %d pages are neither in use nor free", lost))
	}
	return problems
}

// boltWalk checks every page bolt can reach from the newest valid meta page
// before bolt is let near them: bolt trusts its pages, and follows a page
// number out of the file, a page of the wrong kind, an element count or
// offset past its page, or a link back up its tree (a cycle) into a fault,
// a huge allocation or an endless descent — a fatal error, not a panic.
// Problems: a page out of bounds or past the end of the file, whose header
// names another page (bolt reads pages by position but frees them by that
// number), used twice (a cycle or a shared page), of the wrong kind for
// where it is reached, with elements or keys that do not fit it, a tree
// deeper than boltMaxDepth, a bad free list. lost counts the pages neither
// in use nor free (a leak, harmless to read). No problems and lost 0 when
// the meta pages cannot be read (readBoltMetas says why).
func boltWalk(file string) (problems []string, lost int) {
	metas, size, _ := readBoltMetas(file)
	best := -1
	for i, m := range metas {
		if m.ok && (best < 0 || m.txid > metas[best].txid) {
			best = i
		}
	}
	if best < 0 || size == 0 {
		return nil, 0
	}
	m := metas[best]
	f, err := os.Open(file)
	if err != nil {
		return []string{err.Error()}, 0
	}
	defer f.Close()
	data, unmap, err := mapFile(f, size)
	if err != nil {
		return []string{fmt.Sprintf("bolt: %v", err)}, 0
	}
	defer unmap()
	w := &boltTree{data: data, pageSize: m.pageSize, pgid: m.pgid, used: make([]bool, m.pgid)}
	defer func() {
		if r := recover(); r != nil { // the file shrank under the mapping
			problems = append(w.problems, fmt.Sprintf("bolt: %v", r))
		}
	}()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	w.used[0], w.used[1] = true, true // the meta pages
	w.tree(w.page(m.root), m.root, 0, false, nil, nil)
	free := w.freelist(m.freelist)
	for i := range w.used {
		if !w.used[i] && !free[i] {
			lost++
		}
	}
	return w.problems, lost
}

// boltTree is one walk of a bolt file's pages.
type boltTree struct {
	data     []byte // the file
	pageSize int64
	pgid     uint64 // pages in use, from the meta page
	used     []bool
	problems []string
}

func (w *boltTree) add(format string, args ...any) {
	if len(w.problems) < boltMaxProblems {
		w.problems = append(w.problems, fmt.Sprintf("bolt "+format, args...))
	}
}

// page is page id with its overflow pages, marked used; nil after a
// problem.
func (w *boltTree) page(id uint64) []byte {
	if id < 2 || id >= w.pgid {
		w.add("page %d: out of bounds (the file uses %d pages)", id, w.pgid)
		return nil
	}
	off := int64(id) * w.pageSize
	if off+w.pageSize > int64(len(w.data)) {
		w.add("page %d: past the end of the file", id)
		return nil
	}
	p := w.data[off : off+w.pageSize]
	if got := le64(p); got != id {
		w.add("page %d: its header says page %d", id, got)
		return nil
	}
	overflow := uint64(le32(p[12:]))
	if overflow >= w.pgid-id {
		w.add("page %d: %d overflow pages run past the %d in use", id, overflow, w.pgid)
		return nil
	}
	end := off + int64(overflow+1)*w.pageSize
	if end > int64(len(w.data)) {
		w.add("page %d: its %d overflow pages run past the end of the file", id, overflow)
		return nil
	}
	for i := id; i <= id+overflow; i++ {
		if w.used[i] {
			w.add("page %d: reached twice (a cycle, or a page shared by two parents)", i)
			return nil
		}
		w.used[i] = true
	}
	return w.data[off:end]
}

// tree checks the B+tree whose root is page p (numbered id; an inline
// bucket's page is inside the value of its leaf element, on page id) and
// the buckets nested in its leaves. Its keys must be in increasing order,
// at least lo and below hi (the keys of its parent's element and the next;
// nil for none): bolt finds keys by binary search, and one key out of order
// hides others without a word.
func (w *boltTree) tree(p []byte, id uint64, depth int, inline bool, lo, hi []byte) {
	if p == nil || len(w.problems) >= boltMaxProblems {
		return
	}
	where := fmt.Sprintf("page %d", id)
	if inline {
		where = fmt.Sprintf("page %d: an inline bucket", id)
	}
	if depth > boltMaxDepth {
		w.add("%s: pages and buckets nest more than %d levels deep", where, boltMaxDepth)
		return
	}
	if len(p) < boltPageHeader {
		w.add("%s: %d bytes, shorter than a page header", where, len(p))
		return
	}
	flags, count := le16(p[8:]), int(le16(p[10:]))
	switch {
	case flags == boltLeafPage:
	case flags == boltBranchPage && !inline:
		if count == 0 {
			w.add("%s: a branch page without elements", where)
			return
		}
	default:
		w.add("%s: not a branch or leaf page (flags %#x)", where, flags)
		return
	}
	if boltPageHeader+count*boltElement > len(p) {
		w.add("%s: %d elements do not fit the page", where, count)
		return
	}
	// key is the key of element i, nil when it does not fit the page.
	key := func(i int) []byte {
		e := uint64(boltPageHeader + boltElement*i)
		pos, ks, vs := uint64(le32(p[e+4:])), uint64(le32(p[e+8:])), uint64(le32(p[e+12:]))
		if flags == boltBranchPage {
			ks, vs = uint64(le32(p[e+4:])), 0
			pos = uint64(le32(p[e:]))
		}
		if ks == 0 || e+pos+ks+vs > uint64(len(p)) {
			return nil
		}
		return p[e+pos : e+pos+ks]
	}
	keys := make([][]byte, count)
	for i := range count {
		if keys[i] = key(i); keys[i] == nil {
			w.add("%s: element %d runs past the page or has no key", where, i)
			return
		}
		if (i == 0 && lo != nil && bytes.Compare(keys[i], lo) < 0) || (i > 0 && bytes.Compare(keys[i-1], keys[i]) >= 0) || (hi != nil && bytes.Compare(keys[i], hi) >= 0) {
			w.add("%s: element %d: its key is out of order", where, i)
			return
		}
	}
	for i := range count {
		e := boltPageHeader + boltElement*i
		if flags == boltBranchPage {
			child := le64(p[e+8:])
			next := hi
			if i+1 < count {
				next = keys[i+1]
			}
			w.tree(w.page(child), child, depth+1, false, keys[i], next)
			continue
		}
		fl, pos := le32(p[e:]), uint64(le32(p[e+4:]))
		ks, vs := uint64(le32(p[e+8:])), uint64(le32(p[e+12:]))
		if fl&boltBucketLeaf == 0 {
			continue
		}
		v := p[uint64(e)+pos+ks : uint64(e)+pos+ks+vs]
		if len(v) < boltBucketHeader {
			w.add("%s: element %d: a bucket of %d bytes", where, i, len(v))
			continue
		}
		if r := le64(v); r != 0 {
			w.tree(w.page(r), r, depth+1, false, nil, nil)
		} else {
			w.tree(v[boltBucketHeader:], id, depth+1, true, nil, nil)
		}
	}
}

// freelist checks the free list on page id and returns the free pages.
func (w *boltTree) freelist(id uint64) []bool {
	free := make([]bool, w.pgid)
	p := w.page(id)
	if p == nil {
		return free
	}
	if flags := le16(p[8:]); flags != boltFreelistPage {
		w.add("page %d: the free list page has flags %#x", id, flags)
		return free
	}
	n, ids := uint64(le16(p[10:])), p[boltPageHeader:]
	if n == 0xFFFF && len(ids) >= 8 {
		n, ids = le64(ids), ids[8:]
	}
	if n > uint64(len(ids)/8) {
		w.add("page %d: the free list holds %d pages, more than fit its pages", id, n)
		n = uint64(len(ids) / 8)
	}
	for i := range n {
		id := le64(ids[8*i:])
		switch {
		case id < 2 || id >= w.pgid:
			w.add("free list: page %d is out of bounds", id)
		case w.used[id]:
			w.add("free list: page %d is also in use", id)
		case free[id]:
			w.add("free list: page %d is listed twice", id)
		default:
			free[id] = true
		}
	}
	return free
}
