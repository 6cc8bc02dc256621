package tag

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// model is the trained, pruned perceptron: an open-addressing hash table
// from feature key to feature number, and for every feature the classes it
// has a weight for. Weights are stored as int16 multiples of scale.
type model struct {
	keys []uint64 // table slots, 0 = empty; len is a power of two
	slot []int32  // feature number of each slot
	offs []uint32 // entries of feature f: [offs[f], offs[f+1])
	cls  []uint8  // class of each entry
	w    []float32
}

// lookup returns the feature number of key, or -1.
func (m *model) lookup(key uint64) int32 {
	mask := uint64(len(m.keys) - 1)
	for i := key & mask; ; i = (i + 1) & mask {
		k := m.keys[i]
		if k == key {
			return m.slot[i]
		}
		if k == 0 {
			return -1
		}
	}
}

// score adds the weights of feats into scores.
func (m *model) score(scores []float32, feats []uint64) {
	if len(m.keys) == 0 {
		return
	}
	for _, f := range feats {
		j := m.lookup(f)
		if j < 0 {
			continue
		}
		lo, hi := m.offs[j], m.offs[j+1]
		cls, w := m.cls[lo:hi], m.w[lo:hi]
		for e, c := range cls {
			scores[c] += w[e]
		}
	}
}

// buildModel makes a model from per-feature sparse rows.
func buildModel(keys []uint64, rows [][]entry) *model {
	m := &model{offs: make([]uint32, 1, len(keys)+1)}
	size := 1
	for size < 2*len(keys) {
		size <<= 1
	}
	m.keys = make([]uint64, size)
	m.slot = make([]int32, size)
	mask := uint64(size - 1)
	for f, k := range keys {
		i := k & mask
		for m.keys[i] != 0 {
			i = (i + 1) & mask
		}
		m.keys[i] = k
		m.slot[i] = int32(f)
		for _, e := range rows[f] {
			m.cls = append(m.cls, e.cls)
			m.w = append(m.w, e.w)
		}
		m.offs = append(m.offs, uint32(len(m.cls)))
	}
	return m
}

type entry struct {
	cls uint8
	w   float32
}

const magic = "newsgraph-tag-v4"

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
	bw.WriteString(magic)
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
	writeModel(bw, t.m)
	if t.m2 != nil {
		bw.WriteByte(1)
		writeModel(bw, t.m2)
	} else {
		bw.WriteByte(0)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return gz.Close()
}

// writeModel writes m's feature keys (in feature order: the table is
// rebuilt on load), entry counts, classes and quantised weights; errors
// surface at the writer's Flush.
func writeModel(bw *bufio.Writer, m *model) {
	le := binary.LittleEndian
	nfeat := len(m.offs) - 1
	binary.Write(bw, le, uint32(nfeat))
	binary.Write(bw, le, uint32(len(m.cls)))
	keys := make([]uint64, nfeat)
	for i, k := range m.keys {
		if k != 0 {
			keys[m.slot[i]] = k
		}
	}
	binary.Write(bw, le, keys)
	// Entry counts per feature are at most the number of classes: bytes.
	counts := make([]uint8, nfeat)
	for f := range counts {
		counts[f] = uint8(m.offs[f+1] - m.offs[f])
	}
	bw.Write(counts)
	bw.Write(m.cls)
	// Weights are quantised to int16 steps of max|w|/32767.
	var maxAbs float64
	for _, x := range m.w {
		maxAbs = math.Max(maxAbs, math.Abs(float64(x)))
	}
	scale := float32(maxAbs / 32767)
	if scale == 0 {
		scale = 1
	}
	binary.Write(bw, le, scale)
	q := make([]int16, len(m.w))
	for i, x := range m.w {
		q[i] = int16(math.Round(float64(x / scale)))
	}
	binary.Write(bw, le, q)
}

// readModel reads a model written by writeModel with nc classes.
func readModel(br *bufio.Reader, nc int) (*model, error) {
	le := binary.LittleEndian
	var hdr [2]uint32
	if err := binary.Read(br, le, &hdr); err != nil {
		return nil, err
	}
	nfeat, nent := int(hdr[0]), int(hdr[1])
	if nfeat > 1<<24 || nent > 1<<26 {
		return nil, errors.New("corrupt model: too many features")
	}
	keys := make([]uint64, nfeat)
	counts := make([]uint8, nfeat)
	m := &model{offs: make([]uint32, nfeat+1), cls: make([]uint8, nent), w: make([]float32, nent)}
	q := make([]int16, nent)
	var scale float32
	for _, step := range []func() error{
		func() error { return binary.Read(br, le, keys) },
		func() error { _, err := io.ReadFull(br, counts); return err },
		func() error { _, err := io.ReadFull(br, m.cls); return err },
		func() error { return binary.Read(br, le, &scale) },
		func() error { return binary.Read(br, le, q) },
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
	for i, x := range q {
		m.w[i] = float32(x) * scale
	}
	for i, c := range m.cls {
		if int(c) >= nc {
			return nil, fmt.Errorf("corrupt model: class %d at entry %d", c, i)
		}
	}
	size := 1
	for size < 2*nfeat {
		size <<= 1
	}
	m.keys, m.slot = make([]uint64, size), make([]int32, size)
	mask := uint64(size - 1)
	for f, k := range keys {
		if k == 0 {
			return nil, errors.New("corrupt model: zero feature key")
		}
		i := k & mask
		for m.keys[i] != 0 {
			if m.keys[i] == k {
				return nil, errors.New("corrupt model: duplicate feature key")
			}
			i = (i + 1) & mask
		}
		m.keys[i], m.slot[i] = k, int32(f)
	}
	return m, nil
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
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, errors.New("not a newsgraph tagger model")
	}
	t := &Tagger{}
	nc := readN(255)
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
	if rerr != nil {
		return nil, rerr
	}
	if t.m, err = readModel(br, nc); err != nil {
		return nil, err
	}
	two, err := br.ReadByte()
	if err != nil {
		return nil, err
	}
	if two == 1 {
		if t.m2, err = readModel(br, nc); err != nil {
			return nil, err
		}
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
