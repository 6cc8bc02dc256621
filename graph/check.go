package graph

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"

	"github.com/newsgraph/newsgraph/graph/internal/kv"
)

// CheckResult is what Check found.
type CheckResult struct {
	Quads     int      // live quads read
	Nodes     int      // nodes read (embedded stores)
	Problems  []string // one line each; empty for a sound store
	Truncated int      // problems found beyond the first MaxProblems
}

// MaxProblems bounds CheckResult.Problems.
const MaxProblems = 50

// OK reports whether Check found nothing wrong.
func (r CheckResult) OK() bool { return len(r.Problems) == 0 }

// Check reads the whole store and reports what is wrong with it. For
// embedded stores it verifies bolt's two meta pages and its page tree and
// free list (boltPageProblems), that every log entry,
// index entry and value decodes, that no quad refers to a node that is not
// stored, that reference counts match the quads using each node, that every
// quad is in every index and every index entry names a quad, and that the
// store's counters agree with what it holds. For other backends it reads
// every quad back. Problems are findings, not errors: the error is for a
// store that cannot be read at all.
func (s *Store) Check(ctx context.Context) (res CheckResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", ErrDamaged, r)
		}
	}()
	add := func(p string) {
		if len(res.Problems) < MaxProblems {
			res.Problems = append(res.Problems, p)
		} else {
			res.Truncated++
		}
	}
	if s.backend == BackendBolt {
		for _, p := range boltMetaProblems(filepath.Join(s.path, boltFile)) {
			add(p)
		}
		for _, p := range boltPageProblems(filepath.Join(s.path, boltFile)) {
			add(p)
		}
	}
	if kqs, ok := s.qs.(*kv.QuadStore); ok {
		c, err := kqs.Check(ctx, add)
		res.Quads, res.Nodes = c.Quads, c.Nodes
		return res, err
	}
	it := s.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			add(err.Error())
			continue
		}
		if !q.IsValid() {
			add(fmt.Sprintf("quad %v refers to a node that is not stored", q))
			continue
		}
		res.Quads++
	}
	return res, it.Err()
}

// boltMeta is what a bolt meta page says of its file.
type boltMeta struct {
	ok       bool
	pageSize int64
	pgid     uint64 // pages in use: the file holds at least this many
	txid     uint64
	root     uint64 // the page of the root bucket
	freelist uint64 // the page of the free list
}

// readBoltMetas reads the two meta pages at the start of a bolt file and
// says what is wrong with them. bolt opens a file whose newer meta page is
// damaged on the older one — the previous commit — without a word.
func readBoltMetas(file string) (metas [2]boltMeta, size int64, problems []string) {
	f, err := os.Open(file)
	if err != nil {
		return metas, 0, []string{err.Error()}
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	const (
		pageHeader = 16
		metaLen    = 64 // magic … txid, then the checksum
		magic      = 0xED0CDAED
	)
	pageSize := int64(os.Getpagesize())
	var first [pageHeader + metaLen]byte
	if _, err := io.ReadFull(f, first[:]); err == nil {
		if ps := binary.LittleEndian.Uint32(first[pageHeader+8:]); ps >= 512 && ps <= 1<<16 && ps&(ps-1) == 0 {
			pageSize = int64(ps)
		}
	}
	for i := range int64(2) {
		var b [pageHeader + metaLen]byte
		if _, err := f.ReadAt(b[:], i*pageSize); err != nil {
			problems = append(problems, fmt.Sprintf("bolt meta page %d: %v", i, err))
			continue
		}
		m := b[pageHeader:]
		if binary.LittleEndian.Uint32(m) != magic {
			problems = append(problems, fmt.Sprintf("bolt meta page %d: bad magic number", i))
			continue
		}
		h := fnv.New64a()
		h.Write(m[:metaLen-8])
		if binary.LittleEndian.Uint64(m[metaLen-8:]) != h.Sum64() {
			problems = append(problems, fmt.Sprintf("bolt meta page %d: checksum mismatch (bolt falls back to the other meta page, an older commit)", i))
			continue
		}
		metas[i] = boltMeta{ok: true, pageSize: pageSize, pgid: binary.LittleEndian.Uint64(m[40:]), txid: binary.LittleEndian.Uint64(m[48:]),
			root: binary.LittleEndian.Uint64(m[16:]), freelist: binary.LittleEndian.Uint64(m[32:])}
		if need := int64(metas[i].pgid) * pageSize; need > size {
			problems = append(problems, fmt.Sprintf("bolt file is %d bytes, shorter than the %d its meta page %d says it uses (truncated)", size, need, i))
		}
	}
	return metas, size, problems
}

// boltMetaProblems says what is wrong with a bolt file's meta pages.
func boltMetaProblems(file string) []string {
	_, _, problems := readBoltMetas(file)
	return problems
}

// boltPageProblems walks the pages of a bolt file from the root bucket of
// its newest valid meta page, as bolt itself would, and says what is wrong:
// a page whose header names another page (bolt reads pages by position but
// frees them by that number, so a write would corrupt the file further), a
// page used twice, out of bounds, of the wrong kind, or neither in use nor
// free, an element that runs past its page, a bad free list. Reads never
// look at these, so only this walk finds such damage before a write does.
func boltPageProblems(file string) []string {
	metas, _, _ := readBoltMetas(file)
	best := -1
	for i, m := range metas {
		if m.ok && (best < 0 || m.txid > metas[best].txid) {
			best = i
		}
	}
	if best < 0 {
		return nil // boltMetaProblems says why
	}
	m := metas[best]
	f, err := os.Open(file)
	if err != nil {
		return []string{err.Error()}
	}
	defer f.Close()
	const (
		branchPage, leafPage, freelistPage = 0x01, 0x02, 0x10
		bucketLeaf                         = 0x01
		maxProblems                        = 20
	)
	le16, le32, le64 := binary.LittleEndian.Uint16, binary.LittleEndian.Uint32, binary.LittleEndian.Uint64
	var problems []string
	add := func(format string, args ...any) {
		if len(problems) < maxProblems {
			problems = append(problems, fmt.Sprintf("bolt "+format, args...))
		}
	}
	used := make([]bool, m.pgid)
	used[0], used[1] = true, true // the meta pages
	read := func(id uint64) []byte {
		if id < 2 || id >= m.pgid {
			add("page %d: out of bounds (the file uses %d pages)", id, m.pgid)
			return nil
		}
		p := make([]byte, m.pageSize)
		if _, err := f.ReadAt(p, int64(id)*m.pageSize); err != nil {
			add("page %d: %v", id, err)
			return nil
		}
		if got := le64(p); got != id {
			add("page %d: its header says page %d", id, got)
			return nil
		}
		overflow := uint64(le32(p[12:]))
		if id+overflow >= m.pgid {
			add("page %d: %d overflow pages run past the %d in use", id, overflow, m.pgid)
			return nil
		}
		for i := id; i <= id+overflow; i++ {
			if used[i] {
				add("page %d: used twice", i)
				return nil
			}
			used[i] = true
		}
		if overflow > 0 {
			p = make([]byte, int64(overflow+1)*m.pageSize)
			if _, err := f.ReadAt(p, int64(id)*m.pageSize); err != nil {
				add("page %d: %v", id, err)
				return nil
			}
		}
		return p
	}
	var walk func(p []byte, id uint64, depth int)
	walk = func(p []byte, id uint64, depth int) {
		if p == nil || len(problems) >= maxProblems {
			return
		}
		if depth > 64 {
			add("page %d: the tree is more than 64 levels deep", id)
			return
		}
		flags, count := le16(p[8:]), int(le16(p[10:]))
		if flags != branchPage && flags != leafPage {
			add("page %d: not a branch or leaf page (flags %#x)", id, flags)
			return
		}
		for i := range count {
			e := 16 + 16*i
			if e+16 > len(p) {
				add("page %d: %d elements do not fit the page", id, count)
				return
			}
			if flags == branchPage {
				child := le64(p[e+8:])
				walk(read(child), child, depth+1)
				continue
			}
			fl, start := le32(p[e:]), e+int(le32(p[e+4:]))
			ks, vs := int(le32(p[e+8:])), int(le32(p[e+12:]))
			if start+ks+vs > len(p) || ks < 0 || vs < 0 {
				add("page %d: element %d runs past the page", id, i)
				continue
			}
			if fl&bucketLeaf == 0 {
				continue
			}
			v := p[start+ks : start+ks+vs]
			if len(v) < 16 {
				add("page %d: element %d: a bucket of %d bytes", id, i, len(v))
				continue
			}
			if r := le64(v); r != 0 {
				walk(read(r), r, depth+1)
			} else if len(v) >= 32 {
				walk(v[16:], id, depth+1) // an inline bucket: its page is in the value
			}
		}
	}
	walk(read(m.root), m.root, 0)
	free := make([]bool, m.pgid)
	if p := read(m.freelist); p != nil {
		if flags := le16(p[8:]); flags != freelistPage {
			add("page %d: the free list page has flags %#x", m.freelist, flags)
		} else {
			n, ids := uint64(le16(p[10:])), p[16:]
			if n == 0xFFFF && len(ids) >= 8 {
				n, ids = le64(ids), ids[8:]
			}
			if n > uint64(len(ids)/8) {
				add("page %d: the free list holds %d pages, more than fit its pages", m.freelist, n)
				n = uint64(len(ids) / 8)
			}
			for i := range n {
				id := le64(ids[8*i:])
				switch {
				case id < 2 || id >= m.pgid:
					add("free list: page %d is out of bounds", id)
				case used[id]:
					add("free list: page %d is also in use", id)
				case free[id]:
					add("free list: page %d is listed twice", id)
				default:
					free[id] = true
				}
			}
		}
	}
	lost := 0
	for i := range used {
		if !used[i] && !free[i] {
			lost++
		}
	}
	if lost > 0 && len(problems) == 0 {
		add("%d pages are neither in use nor free", lost)
	}
	return problems
}
