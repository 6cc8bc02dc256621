package tag

import (
	"bufio"
	"cmp"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/newsgraph/newsgraph/loaders/nlp/internal/binio"
	"github.com/newsgraph/newsgraph/loaders/nlp/internal/hugepages"
)

// model is the trained, pruned perceptron: an open-addressing hash table
// from feature key to the feature's run of entries, each entry a class and
// its weight, quantised to an int16 multiple of scale and packed into a
// uint32 (class<<16 | uint16(weight)). One table probe and one entry run per
// feature keep tagging to about two cache misses per feature.
type model struct {
	table []slot   // len is a power of two; fingerprint 0 marks an empty slot
	ent   []uint32 // entries of all features, in feature order
	keys  []uint64 // feature keys in feature order (for Save)
	offs  []uint32 // entries of feature f: ent[offs[f]:offs[f+1]]
	scale float32
}

// slot is one table cell: a feature's fingerprint and where its entries are
// (offset<<8 | count). Eight bytes instead of the sixteen a whole key takes
// halve the table, which is most of what loading the tagger costs here
// (fresh memory; see docs/benchmarks.md). index refuses a model in which
// two keys of one probe run share a fingerprint, so a found fingerprint is
// the key.
type slot struct {
	fp   uint32
	offc uint32
}

// fingerprint is the high half of a feature key, never 0.
func fingerprint(k uint64) uint32 { return uint32(k>>32) | 1 }

// maxEntries bounds the offsets a slot can hold (24 bits).
const maxEntries = 1 << 24

// score adds the quantised weights of feats into scores. The table slots
// of all features are found first and their entries summed after, so that
// the memory loads of different features overlap.
func (m *model) score(scores []int32, feats []uint64) {
	if len(m.table) == 0 {
		return
	}
	var found [maxFeatures + nRight]uint32
	n := 0
	mask := uint64(len(m.table) - 1)
	for _, f := range feats {
		fp := fingerprint(f)
		i := f & mask
		for m.table[i].fp != fp && m.table[i].fp != 0 {
			i = (i + 1) & mask
		}
		if s := m.table[i]; s.fp != 0 {
			found[n] = s.offc
			n++
		}
	}
	for _, oc := range found[:n] {
		off := oc >> 8
		for _, e := range m.ent[off : off+oc&0xff] {
			scores[e>>16] += int32(int16(uint16(e)))
		}
	}
}

// buildModel makes a model from per-feature sparse rows, quantising the
// weights; keys must be distinct and not 0.
func buildModel(keys []uint64, rows [][]entry) *model {
	var maxAbs float64
	for _, row := range rows {
		for _, e := range row {
			maxAbs = math.Max(maxAbs, math.Abs(float64(e.w)))
		}
	}
	scale := float32(maxAbs / 32767)
	if scale == 0 {
		scale = 1
	}
	m := &model{scale: scale, offs: make([]uint32, 1, len(keys)+1)}
	for f, k := range keys {
		n := 0
		for _, e := range rows[f] {
			if q := int16(math.Round(float64(e.w / scale))); q != 0 {
				m.ent = append(m.ent, uint32(e.cls)<<16|uint32(uint16(q)))
				n++
			}
		}
		if n == 0 {
			continue
		}
		m.keys = append(m.keys, k)
		m.offs = append(m.offs, uint32(len(m.ent)))
	}
	if err := m.index(); err != nil {
		panic(err) // mix never returns 0 and the training keys are distinct
	}
	return m
}

// tableSize returns the number of table slots for n features: a power of
// two with a load factor of at most 3/4, which keeps linear probes short and
// the table, which every lookup misses the cache on, small.
func tableSize(n int) int {
	size := 1
	for 3*size < 4*n+4 {
		size <<= 1
	}
	return size
}

// index builds the hash table from keys and offs; it fails on a zero or
// repeated key.
func (m *model) index() error {
	size := tableSize(len(m.keys))
	m.table = hugepages.Make[slot](size)
	mask := uint64(size - 1)
	if len(m.ent) >= maxEntries {
		return fmt.Errorf("corrupt model: %d entries, at most %d", len(m.ent), maxEntries-1)
	}
	for f, k := range m.keys {
		if k == 0 {
			return errors.New("corrupt model: zero feature key")
		}
		count := m.offs[f+1] - m.offs[f]
		if count > 0xff {
			return fmt.Errorf("corrupt model: %d entries for one feature", count)
		}
		fp := fingerprint(k)
		i := k & mask
		for m.table[i].fp != 0 {
			if m.table[i].fp == fp {
				if m.keyAt(m.table[i].offc>>8, f) == k {
					return errors.New("corrupt model: repeated feature key")
				}
				return fmt.Errorf("model: features %#x and %#x share a fingerprint in one probe run; retrain with another seed", k, m.keyAt(m.table[i].offc>>8, f))
			}
			i = (i + 1) & mask
		}
		m.table[i] = slot{fp: fp, offc: m.offs[f]<<8 | count}
	}
	return nil
}

// keyAt returns the key of the feature among the first n whose entries
// start at off (features with entries have distinct offsets).
func (m *model) keyAt(off uint32, n int) uint64 {
	f, _ := slices.BinarySearch(m.offs[:n], off)
	for f < n && m.offs[f+1] == off { // skip features without entries
		f++
	}
	return m.keys[f]
}

// mixModels returns the model whose weights are the average of ms's.
func mixModels(ms []*model) *model {
	idx := map[uint64]int{}
	var keys []uint64
	var rows [][]entry
	for _, m := range ms {
		for f, k := range m.keys {
			j, ok := idx[k]
			if !ok {
				j = len(keys)
				idx[k] = j
				keys = append(keys, k)
				rows = append(rows, nil)
			}
			for _, e := range m.ent[m.offs[f]:m.offs[f+1]] {
				w := float32(int16(uint16(e))) * m.scale / float32(len(ms))
				rows[j] = append(rows[j], entry{uint8(e >> 16), w})
			}
		}
	}
	for j, row := range rows {
		slices.SortStableFunc(row, func(a, b entry) int { return cmp.Compare(a.cls, b.cls) })
		out := row[:0]
		for _, e := range row {
			if n := len(out); n > 0 && out[n-1].cls == e.cls {
				out[n-1].w += e.w
			} else {
				out = append(out, e)
			}
		}
		rows[j] = out
	}
	return buildModel(keys, rows)
}

type entry struct {
	cls uint8
	w   float32
}

// magic starts a model file; magicV5 models (before the lexicon features)
// are still read, and magicV7 marks a bidirectional model (TrainOptions.Bidir),
// which has a direction byte before its passes.
const (
	magic   = "newsgraph-tag-v6"
	magicV5 = "newsgraph-tag-v5"
	magicV7 = "newsgraph-tag-v7" // bidirectional: direction byte
)

// Save writes the tagger in its compact binary form (gzip of little-endian
// arrays).
func (t *Tagger) Save(w io.Writer) error {
	gz, err := gzip.NewWriterLevel(w, gzip.DefaultCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(gz)
	le := binary.LittleEndian
	writeStr := func(s string) {
		binary.Write(bw, le, uint16(len(s)))
		bw.WriteString(s)
	}
	// A model without lexicon features is written in the older format,
	// which has no place for one.
	lexKeys, lexVals := t.lex.entries()
	v5 := len(lexKeys) == 0
	v7 := t.rev || t.mo != nil
	switch {
	case v7:
		bw.WriteString(magicV7)
	case v5:
		bw.WriteString(magicV5)
	default:
		bw.WriteString(magic)
	}
	binary.Write(bw, le, uint32(len(t.xpos)))
	for i := range t.xpos {
		writeStr(t.xpos[i])
		writeStr(t.upos[i])
	}
	binary.Write(bw, le, uint32(len(t.feats)))
	for _, f := range t.feats {
		writeStr(f)
	}
	// Tag dictionary, feature lexicon and class defaults.
	binary.Write(bw, le, uint32(len(t.dictKeys)))
	binary.Write(bw, le, t.dictKeys)
	binary.Write(bw, le, t.dictCls)
	binary.Write(bw, le, uint32(len(t.featKeys)))
	binary.Write(bw, le, t.featKeys)
	binary.Write(bw, le, t.featVals)
	binary.Write(bw, le, t.featDefault)
	binary.Write(bw, le, uint32(len(t.ambKeys)))
	binary.Write(bw, le, t.ambKeys)
	binary.Write(bw, le, t.ambVals)
	if !v5 {
		binary.Write(bw, le, uint32(len(lexKeys)))
		binary.Write(bw, le, lexVals)
	}
	models := []*model{t.m}
	if t.m2 != nil {
		models = append(models, t.m2)
		if t.mo != nil {
			models = append(models, t.mo)
		}
	}
	if v7 {
		var dir byte
		if t.rev {
			dir = 1
		}
		bw.WriteByte(dir)
	}
	bw.WriteByte(byte(len(models)))
	for _, m := range models {
		writeModel(bw, m)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := gz.Close(); err != nil {
		return err
	}
	// The feature keys are random 64-bit numbers that do not compress: they
	// go in a second gzip member of stored blocks, which decompresses at the
	// speed of a copy. Readers see one stream.
	gz, err = gzip.NewWriterLevel(w, gzip.NoCompression)
	if err != nil {
		return err
	}
	bw.Reset(gz)
	for _, m := range models {
		writeKeys(bw, m)
	}
	binary.Write(bw, le, lexKeys)
	if err := bw.Flush(); err != nil {
		return err
	}
	return gz.Close()
}

// writeModel writes m's sizes, entry counts, classes, scale and quantised
// weights (everything but the feature keys, see writeKeys); errors surface
// at the writer's Flush.
func writeModel(bw *bufio.Writer, m *model) {
	le := binary.LittleEndian
	binary.Write(bw, le, uint32(len(m.keys)))
	binary.Write(bw, le, uint32(len(m.ent)))
	// Entry counts per feature are at most the number of classes: bytes.
	counts := make([]uint8, len(m.keys))
	for f := range counts {
		counts[f] = uint8(m.offs[f+1] - m.offs[f])
	}
	bw.Write(counts)
	// Classes, then weights, each array on its own: they compress better.
	cls := make([]uint8, len(m.ent))
	q := make([]int16, len(m.ent))
	for i, e := range m.ent {
		cls[i], q[i] = uint8(e>>16), int16(uint16(e))
	}
	bw.Write(cls)
	binary.Write(bw, le, m.scale)
	binary.Write(bw, le, q)
}

// writeKeys writes m's feature keys, in feature order.
func writeKeys(bw *bufio.Writer, m *model) {
	binary.Write(bw, binary.LittleEndian, m.keys)
}

// chunkBuf is the buffer binio.ReadChunks decodes through.
type chunkBuf [1 << 15]byte

// readModel reads what writeModel wrote, for nc classes, decoding straight
// into the model's arrays; the keys follow with readKeys.
func readModel(br io.Reader, nc int, buf *chunkBuf) (*model, error) {
	le := binary.LittleEndian
	var hdr [2]uint32
	if err := binary.Read(br, le, &hdr); err != nil {
		return nil, err
	}
	nfeat, nent := int(hdr[0]), int(hdr[1])
	if nfeat > 1<<24 || nent > 1<<26 {
		return nil, errors.New("corrupt model: too many features")
	}
	m := &model{offs: hugepages.Make[uint32](nfeat + 1), ent: hugepages.Make[uint32](nent)}
	counts := hugepages.Make[uint8](nfeat)
	for _, step := range []func() error{
		func() error { _, err := io.ReadFull(br, counts); return err },
		func() error {
			return binio.ReadChunks(br, buf[:], nent, 1, func(b []byte, at int) {
				for i, c := range b {
					m.ent[at+i] = uint32(c) << 16
				}
			})
		},
		func() error { return binary.Read(br, le, &m.scale) },
		func() error {
			return binio.ReadChunks(br, buf[:], nent, 2, func(b []byte, at int) {
				for i := 0; i < len(b); i += 2 {
					m.ent[at+i/2] |= uint32(le.Uint16(b[i:]))
				}
			})
		},
	} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	for f, c := range counts {
		m.offs[f+1] = m.offs[f] + uint32(c)
	}
	if int(m.offs[nfeat]) != nent {
		return nil, errors.New("corrupt model: entry counts disagree")
	}
	for i, e := range m.ent {
		if int(e>>16) >= nc {
			return nil, fmt.Errorf("corrupt model: class %d at entry %d", e>>16, i)
		}
	}
	return m, nil
}

// readKeys reads the feature keys of m written by writeKeys and builds its
// table.
func readKeys(br io.Reader, m *model, buf *chunkBuf) error {
	m.keys = hugepages.Make[uint64](len(m.offs) - 1)
	err := binio.ReadChunks(br, buf[:], len(m.keys), 8, func(b []byte, at int) {
		for i := 0; i < len(b); i += 8 {
			m.keys[at+i/8] = binary.LittleEndian.Uint64(b[i:])
		}
	})
	if err != nil {
		return err
	}
	return m.index()
}

// Load reads a tagger written by Save.
func Load(r io.Reader) (*Tagger, error) {
	t, err := load(r)
	if err != nil {
		return nil, fmt.Errorf("tag: load model: %w", err)
	}
	return t, nil
}

func load(r io.Reader) (*Tagger, error) {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	defer gz.Close()
	br := bufio.NewReaderSize(gz, 1<<16)
	le := binary.LittleEndian
	var rerr error
	read := func(v any) {
		if rerr == nil {
			rerr = binary.Read(br, le, v)
		}
	}
	readN := func(limit uint32) int {
		var n uint32
		read(&n)
		if rerr == nil && n > limit {
			rerr = fmt.Errorf("corrupt model: count %d exceeds %d", n, limit)
			return 0
		}
		return int(n)
	}
	readStr := func() string {
		var n uint16
		read(&n)
		if rerr != nil {
			return ""
		}
		b := make([]byte, n)
		_, rerr = io.ReadFull(br, b)
		return string(b)
	}
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic && string(head) != magicV5 && string(head) != magicV7 {
		return nil, errors.New("not a newsgraph tagger model")
	}
	t := &Tagger{}
	nc := readN(255)
	if rerr == nil && nc == 0 {
		return nil, errors.New("corrupt model: no classes")
	}
	t.xpos, t.upos = make([]string, nc), make([]string, nc)
	for i := range nc {
		t.xpos[i] = readStr()
		t.upos[i] = readStr()
	}
	nf := readN(1 << 16)
	t.feats = make([]string, nf)
	for i := range nf {
		t.feats[i] = readStr()
	}
	nd := readN(1 << 24)
	t.dictKeys, t.dictCls = make([]uint64, nd), make([]uint8, nd)
	read(t.dictKeys)
	read(t.dictCls)
	nl := readN(1 << 24)
	t.featKeys, t.featVals = make([]uint64, nl), make([]uint16, nl)
	read(t.featKeys)
	read(t.featVals)
	t.featDefault = make([]uint16, nc)
	read(t.featDefault)
	na := readN(1 << 24)
	t.ambKeys, t.ambVals = make([]uint64, na), make([]uint64, na)
	read(t.ambKeys)
	read(t.ambVals)
	var lexVals []uint16
	if string(head) == magic || string(head) == magicV7 {
		nx := readN(1 << 24)
		lexVals = make([]uint16, nx)
		read(lexVals)
	}
	if rerr != nil {
		return nil, rerr
	}
	var dir byte
	if string(head) == magicV7 {
		if dir, err = br.ReadByte(); err != nil {
			return nil, err
		}
	}
	if dir > 1 {
		return nil, fmt.Errorf("corrupt model: direction %d", dir)
	}
	t.rev = dir == 1
	nm, err := br.ReadByte()
	if err != nil {
		return nil, err
	}
	if nm < 1 || nm > 3 {
		return nil, fmt.Errorf("corrupt model: %d passes", nm)
	}
	var buf chunkBuf
	models := make([]*model, nm)
	for i := range models {
		if models[i], err = readModel(br, nc, &buf); err != nil {
			return nil, err
		}
	}
	for _, m := range models {
		if err := readKeys(br, m, &buf); err != nil {
			return nil, err
		}
	}
	t.lex = newLexTable(len(lexVals))
	dup := false
	err = binio.ReadChunks(br, buf[:], len(lexVals), 8, func(b []byte, at int) {
		for i := 0; i < len(b); i += 8 {
			k := le.Uint64(b[i:])
			if k != lexFingerprint(k) || k == 0 || !t.lex.add(k, lexVals[at+i/8]) {
				dup = true
			}
		}
	})
	if err != nil {
		return nil, err
	}
	if dup {
		return nil, errors.New("corrupt model: bad or repeated lexicon key")
	}
	t.m = models[0]
	if nm >= 2 {
		t.m2 = models[1]
	}
	if nm == 3 {
		t.mo = models[2]
	}
	for _, c := range t.dictCls {
		if int(c) >= nc {
			return nil, errors.New("corrupt model: bad tag dictionary class")
		}
	}
	for _, v := range append(t.featVals[:len(t.featVals):len(t.featVals)], t.featDefault...) {
		if int(v) >= nf {
			return nil, errors.New("corrupt model: bad feature index")
		}
	}
	t.init()
	return t, nil
}
