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
