package parse

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// The model file is gzip of: magic, then little-endian uint32 counts and
// arrays (labels as length-prefixed strings, row keys, row starts, classes,
// int16 weights). The hash table is rebuilt on load from the keys.
const magic = "NGPARSE1"

// Save writes the model to w in its compact gzipped binary form.
func (p *Parser) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.DefaultCompression)
	if err != nil {
		return fmt.Errorf("parse: save: %w", err)
	}
	bw := bufio.NewWriterSize(zw, 1<<16)
	var rows []int // cells in table order
	for i, k := range p.keys {
		if k != 0 {
			rows = append(rows, i)
		}
	}
	var b []byte
	b = append(b, magic...)
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
	for _, i := range rows {
		put(func(b []byte) []byte { return binary.LittleEndian.AppendUint64(b, p.keys[i]) })
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
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("parse: load: %w", err)
	}
	p, err := decode(data)
	if err != nil {
		return nil, fmt.Errorf("parse: load: %w", err)
	}
	return p, nil
}

var errShort = errors.New("truncated model")

func decode(b []byte) (*Parser, error) {
	if len(b) < len(magic) || string(b[:len(magic)]) != magic {
		return nil, errors.New("not a parser model (bad magic)")
	}
	b = b[len(magic):]
	u32 := func() (uint32, error) {
		if len(b) < 4 {
			return 0, errShort
		}
		v := binary.LittleEndian.Uint32(b)
		b = b[4:]
		return v, nil
	}
	nl, err := u32()
	if err != nil {
		return nil, err
	}
	if nl == 0 || nl > 127 {
		return nil, fmt.Errorf("bad label count %d", nl)
	}
	p := &Parser{labels: make([]string, nl), nClass: 1 + 2*int(nl)}
	for i := range p.labels {
		if len(b) < 1 || len(b) < 1+int(b[0]) {
			return nil, errShort
		}
		p.labels[i] = string(b[1 : 1+int(b[0])])
		b = b[1+int(b[0]):]
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
	if uint64(len(b)) != uint64(nr)*10+uint64(ne)*3 {
		return nil, errShort
	}
	keys := make([]uint64, nr)
	for i := range keys {
		if keys[i] = binary.LittleEndian.Uint64(b[8*i:]); keys[i] == 0 {
			return nil, errors.New("zero feature key")
		}
	}
	b = b[8*nr:]
	lens := make([]uint32, nr)
	var total uint64
	for i := range lens {
		lens[i] = uint32(binary.LittleEndian.Uint16(b[2*i:]))
		total += uint64(lens[i])
	}
	b = b[2*nr:]
	if total != uint64(ne) {
		return nil, errors.New("row lengths do not add up")
	}
	ent := make([]uint32, ne)
	for i := range ent {
		c := b[i]
		if int(c) >= p.nClass {
			return nil, fmt.Errorf("bad class %d", c)
		}
		ent[i] = uint32(c)<<16 | uint32(binary.LittleEndian.Uint16(b[int(ne)+2*i:]))
	}
	if nr > math.MaxInt32/4 {
		return nil, errors.New("too many rows")
	}
	p.buildTable(keys, lens, ent)
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
	q := &Parser{labels: p.labels, root: p.root, nClass: p.nClass}
	var keys []uint64
	var lens []uint32
	var ent []uint32
	for i, k := range p.keys {
		if k == 0 {
			continue
		}
		m := len(ent)
		for _, e := range p.row(i) {
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
	size := 1
	for float64(size)*0.6 < float64(len(keys)+1) {
		size <<= 1
	}
	p.mask = uint64(size - 1)
	p.table = make([]uint64, size)
	p.keys = make([]uint64, size)
	p.ent = make([]uint32, 0, len(ent)+len(keys)/2)
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
		p.keys[i] = k
	}
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
		for i, k := range m.keys {
			if k == 0 {
				continue
			}
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
	out := &Parser{labels: p.labels, root: p.root, nClass: p.nClass}
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
