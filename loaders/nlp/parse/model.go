package parse

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/newsgraph/newsgraph/loaders/nlp/internal/binio"
	"github.com/newsgraph/newsgraph/loaders/nlp/internal/hugepages"
)

// The model file is gzip of: magic, then little-endian uint32 counts and
// arrays (labels as length-prefixed strings, row keys, row starts, classes,
// int16 weights). The hash table is rebuilt on load from the keys. Version
// 2 (magicAmb) appends the ambiguity lexicon: a uint32 count and that many
// (word, class) uint64 pairs, sorted by word; models without one are
// written as version 1. Version 3 (magicBeam), written only for a model
// that parses with a beam (TrainOptions.Beam), puts a flags byte (bit 0:
// the lexicon follows the arrays) and the beam width (uint32) right after
// the magic; the rest is as in versions 1 and 2.
const (
	magic     = "NGPARSE1"
	magicAmb  = "NGPARSE2"
	magicBeam = "NGPARSE3"
)

// Save writes the model to w in its compact gzipped binary form.
func (p *Parser) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.DefaultCompression)
	if err != nil {
		return fmt.Errorf("parse: save: %w", err)
	}
	bw := bufio.NewWriterSize(zw, 1<<16)
	rows := make([]int, len(p.keys)) // cells in row order
	for r, k := range p.keys {
		rows[r] = p.find(k)
	}
	var b []byte
	switch {
	case p.beam > 1:
		b = append(b, magicBeam...)
		flags := byte(0)
		if p.amb != nil {
			flags |= 1
		}
		b = append(b, flags)
		b = binary.LittleEndian.AppendUint32(b, uint32(p.beam))
	case p.amb != nil:
		b = append(b, magicAmb...)
	default:
		b = append(b, magic...)
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(p.labels)))
	for _, l := range p.labels {
		b = append(b, byte(len(l)))
		b = append(b, l...)
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(p.root))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(rows)))
	ne := 0
	for _, i := range rows {
		ne += len(p.row(i))
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(ne))
	bw.Write(b)
	buf := make([]byte, 0, 1<<16)
	put := func(add func([]byte) []byte) {
		buf = add(buf)
		if len(buf) >= 1<<16-8 {
			bw.Write(buf)
			buf = buf[:0]
		}
	}
	for _, k := range p.keys {
		put(func(b []byte) []byte { return binary.LittleEndian.AppendUint64(b, k) })
	}
	for _, i := range rows {
		put(func(b []byte) []byte { return binary.LittleEndian.AppendUint16(b, uint16(len(p.row(i)))) })
	}
	for _, i := range rows {
		for _, e := range p.row(i) {
			put(func(b []byte) []byte { return append(b, byte(e>>16)) })
		}
	}
	for _, i := range rows {
		for _, e := range p.row(i) {
			put(func(b []byte) []byte { return binary.LittleEndian.AppendUint16(b, uint16(e)) })
		}
	}
	if p.amb != nil {
		words := slices.Sorted(maps.Keys(p.amb))
		put(func(b []byte) []byte { return binary.LittleEndian.AppendUint32(b, uint32(len(words))) })
		for _, w := range words {
			put(func(b []byte) []byte {
				return binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64(b, w), p.amb[w])
			})
		}
	}
	bw.Write(buf)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("parse: save: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("parse: save: %w", err)
	}
	return nil
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Parser, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("parse: load: %w", err)
	}
	defer zr.Close()
	p, err := decode(bufio.NewReaderSize(zr, 1<<16))
	if err != nil {
		return nil, fmt.Errorf("parse: load: %w", err)
	}
	return p, nil
}

var errShort = errors.New("truncated model")

func decode(br *bufio.Reader) (*Parser, error) {
	var hdr [8]byte
	if _, err := io.ReadFull(br, hdr[:len(magic)]); err != nil {
		return nil, errors.New("not a parser model (bad magic)")
	}
	u32 := func() (uint32, error) {
		if _, err := io.ReadFull(br, hdr[:4]); err != nil {
			return 0, errShort
		}
		return binary.LittleEndian.Uint32(hdr[:4]), nil
	}
	var hasAmb bool
	beam := uint32(0)
	switch string(hdr[:len(magic)]) {
	case magic:
	case magicAmb:
		hasAmb = true
	case magicBeam:
		flags, err := br.ReadByte()
		if err != nil {
			return nil, errShort
		}
		if flags > 1 {
			return nil, fmt.Errorf("bad flags %#x", flags)
		}
		hasAmb = flags&1 != 0
		if beam, err = u32(); err != nil {
			return nil, err
		}
		if beam < 2 || beam > 64 {
			return nil, fmt.Errorf("bad beam width %d", beam)
		}
	default:
		return nil, errors.New("not a parser model (bad magic)")
	}
	nl, err := u32()
	if err != nil {
		return nil, err
	}
	if nl == 0 || nl > 127 {
		return nil, fmt.Errorf("bad label count %d", nl)
	}
	p := &Parser{labels: make([]string, nl), nClass: 1 + 2*int(nl), beam: int(beam)}
	for i := range p.labels {
		n, err := br.ReadByte()
		if err != nil {
			return nil, errShort
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(br, b); err != nil {
			return nil, errShort
		}
		p.labels[i] = string(b)
	}
	root, err := u32()
	if err != nil {
		return nil, err
	}
	if root >= nl {
		return nil, fmt.Errorf("bad root label %d", root)
	}
	p.root = int(root)
	nr, err := u32()
	if err != nil {
		return nil, err
	}
	ne, err := u32()
	if err != nil {
		return nil, err
	}
	if nr > 1<<25 || ne > 1<<26 { // far above any real model; bounds the allocation below
		return nil, fmt.Errorf("implausible sizes: %d rows, %d weights", nr, ne)
	}
	// The arrays are read in chunks straight into the tables: fresh memory
	// is most of what loading costs, so nothing is read twice.
	chunkBuf := make([]byte, 1<<16)
	readArray := func(n, width int, fn func(b []byte, at int)) error {
		if binio.ReadChunks(br, chunkBuf, n, width, fn) != nil {
			return errShort
		}
		return nil
	}
	p.keys = hugepages.Make[uint64](int(nr))
	if err := readArray(int(nr), 8, func(b []byte, at int) {
		for i := range len(b) / 8 {
			p.keys[at+i] = binary.LittleEndian.Uint64(b[8*i:])
		}
	}); err != nil {
		return nil, err
	}
	lens := hugepages.Make[uint16](int(nr))
	if err := readArray(int(nr), 2, func(b []byte, at int) {
		for i := range len(b) / 2 {
			lens[at+i] = binary.LittleEndian.Uint16(b[2*i:])
		}
	}); err != nil {
		return nil, err
	}
	cls := hugepages.Make[byte](int(ne))
	if _, err := io.ReadFull(br, cls); err != nil {
		return nil, errShort
	}
	nInline := 0
	var total uint64
	for r, n := range lens {
		if n == 1 {
			nInline++
		}
		if n == 0 || p.keys[r] == 0 {
			return nil, errors.New("empty row")
		}
		total += uint64(n)
	}
	if total != uint64(ne) {
		return nil, errors.New("row lengths do not add up")
	}
	for _, c := range cls {
		if int(c) >= p.nClass {
			return nil, fmt.Errorf("bad class %d", c)
		}
	}
	// Build the table while the weights stream in: rows of one weight go
	// inline in their cell, longer ones into ent behind their length.
	size := tableSize(int(nr))
	p.mask = uint64(size - 1)
	p.table = hugepages.Make[uint64](size)
	p.ent = hugepages.MakeCap[uint32](int(ne) - nInline + int(nr) - nInline)
	r, left := 0, 0 // current row, its weights still to come
	var pl uint32
	if err := readArray(int(ne), 2, func(b []byte, at int) {
		for i := range len(b) / 2 {
			if left == 0 {
				left = int(lens[r])
				if left > 1 {
					pl = uint32(len(p.ent))
					p.ent = append(p.ent, uint32(left))
				}
			}
			e := uint32(cls[at+i])<<16 | uint32(binary.LittleEndian.Uint16(b[2*i:]))
			if lens[r] == 1 {
				pl = inline | e
			} else {
				p.ent = append(p.ent, e)
			}
			if left--; left == 0 {
				k := p.keys[r]
				j := hashSlot(k) & p.mask
				for p.table[j] != 0 {
					j = (j + 1) & p.mask
				}
				p.table[j] = uint64(fingerprint(k))<<32 | uint64(pl)
				r++
			}
		}
	}); err != nil {
		return nil, err
	}
	if hasAmb {
		na, err := u32()
		if err != nil {
			return nil, err
		}
		if na > 1<<22 {
			return nil, fmt.Errorf("implausible lexicon size %d", na)
		}
		ab := make([]byte, 16*int(na))
		if _, err := io.ReadFull(br, ab); err != nil {
			return nil, errShort
		}
		p.amb = make(map[uint64]uint64, na)
		for i := 0; i < len(ab); i += 16 {
			p.amb[binary.LittleEndian.Uint64(ab[i:])] = binary.LittleEndian.Uint64(ab[i+8:])
		}
	}
	if _, err := br.ReadByte(); err != io.EOF {
		return nil, errors.New("trailing data")
	}
	return p, nil
}

// row returns the weights of table cell i (class<<16 | uint16(weight)).
func (p *Parser) row(i int) []uint32 {
	pl := uint32(p.table[i])
	if pl&inline != 0 {
		return []uint32{pl &^ inline}
	}
	return p.ent[pl+1 : pl+1+p.ent[pl]]
}

// Prune returns a copy of p without the weights whose magnitude is below
// t (on the int16 scale) and without the rows left empty.
func (p *Parser) Prune(t int16) *Parser {
	q := &Parser{labels: p.labels, root: p.root, nClass: p.nClass, amb: p.amb, beam: p.beam}
	var keys []uint64
	var lens []uint32
	var ent []uint32
	for _, k := range p.keys {
		m := len(ent)
		for _, e := range p.row(p.find(k)) {
			if v := int16(e); v >= t || v <= -t {
				ent = append(ent, e)
			}
		}
		if len(ent) > m {
			keys = append(keys, k)
			lens = append(lens, uint32(len(ent)-m))
		}
	}
	q.buildTable(keys, lens, ent)
	return q
}

// buildTable fills the hash table: row r has key keys[r] and the next
// lens[r] weights of ent (rows in order).
func (p *Parser) buildTable(keys []uint64, lens []uint32, ent []uint32) {
	size := tableSize(len(keys))
	p.mask = uint64(size - 1)
	p.table = hugepages.Make[uint64](size)
	p.keys = keys
	p.ent = hugepages.MakeCap[uint32](len(ent) + len(keys)/2)
	var off uint32
	for r, k := range keys {
		i := hashSlot(k) & p.mask
		for p.table[i] != 0 {
			i = (i + 1) & p.mask
		}
		row := ent[off : off+lens[r]]
		off += lens[r]
		var pl uint32
		if len(row) == 1 {
			pl = inline | row[0]
		} else {
			pl = uint32(len(p.ent))
			p.ent = append(p.ent, uint32(len(row)))
			p.ent = append(p.ent, row...)
		}
		p.table[i] = uint64(fingerprint(k))<<32 | uint64(pl)
	}
}

// tableSize returns the hash table size for n rows (load factor <= 0.6).
func tableSize(n int) int {
	size := 1
	for float64(size)*0.6 < float64(n+1) {
		size <<= 1
	}
	return size
}

// find returns the table cell of row key k, which must be present.
func (p *Parser) find(k uint64) int {
	i := hashSlot(k) & p.mask
	for uint32(p.table[i]>>32) != fingerprint(k) {
		i = (i + 1) & p.mask
	}
	return int(i)
}

// Merge returns a parser whose weights are the average of those of the
// given parsers, which must have the same labels: an ensemble of several
// models at the cost of one.
func Merge(ps ...*Parser) (*Parser, error) {
	if len(ps) == 0 {
		return nil, errors.New("parse: merge: no models")
	}
	p := ps[0]
	rows := map[uint64][]int32{}
	var order []uint64
	for _, m := range ps {
		if !slices.Equal(p.labels, m.labels) || p.root != m.root {
			return nil, errors.New("parse: merge: models have different labels")
		}
		if (p.amb == nil) != (m.amb == nil) || !maps.Equal(p.amb, m.amb) {
			return nil, errors.New("parse: merge: models have different ambiguity lexicons")
		}
		for _, k := range m.keys {
			i := m.find(k)
			r, ok := rows[k]
			if !ok {
				r = make([]int32, m.nClass)
				order = append(order, k)
			}
			for _, e := range m.row(i) {
				r[e>>16] += int32(int16(e))
			}
			rows[k] = r
		}
	}
	out := &Parser{labels: p.labels, root: p.root, nClass: p.nClass, amb: p.amb, beam: p.beam}
	var keys []uint64
	var lens []uint32
	var ent []uint32
	n := int32(len(ps))
	for _, k := range order {
		m := len(ent)
		for c, v := range rows[k] {
			if v /= n; v != 0 {
				ent = append(ent, uint32(c)<<16|uint32(uint16(int16(v))))
			}
		}
		if len(ent) > m {
			keys = append(keys, k)
			lens = append(lens, uint32(len(ent)-m))
		}
	}
	out.buildTable(keys, lens, ent)
	return out, nil
}
