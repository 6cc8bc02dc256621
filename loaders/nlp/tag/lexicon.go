package tag

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
)

// lexiconData is the open-class word lexicon built by internal/taglex from
// WordNet 3.0 and the SCOWL American English word list: one lowercased form
// and its bit set (lexbits) per line. Licences and attribution:
// lexicon-LICENSE.txt.
//
//go:embed lexicon.tsv.gz
var lexiconData []byte

// Values of tokInfo.lex besides lexicon bits + 1.
const (
	lexKnown  = 0xC0DE // the word has an ambiguity class: the lexicon is not consulted
	lexAbsent = 0      // not in the lexicon (bits+1 otherwise)
)

// readLexicon parses the embedded lexicon into lowercased-form hashes and
// their bits (lexbits), in file order.
func readLexicon() (keys []uint64, vals []uint16, err error) {
	gz, err := gzip.NewReader(bytes.NewReader(lexiconData))
	if err != nil {
		return nil, nil, fmt.Errorf("tag: embedded lexicon.tsv.gz: %w", err)
	}
	sc := bufio.NewScanner(gz)
	var ti tokInfo
	var runes []rune
	for n := 1; sc.Scan(); n++ {
		form, bits, ok := strings.Cut(sc.Text(), "\t")
		v, err := strconv.ParseUint(bits, 10, 16)
		if !ok || err != nil || form == "" {
			return nil, nil, fmt.Errorf("tag: embedded lexicon.tsv.gz: line %d: bad entry %q", n, sc.Text())
		}
		runes = analyse(&ti, form, false, runes)
		keys = append(keys, ti.lower)
		vals = append(vals, uint16(v))
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("tag: embedded lexicon.tsv.gz: %w", err)
	}
	return keys, vals, nil
}

// lexTable is an open-addressing hash table from lowercased-form hash to
// lexicon bits. Each slot packs the hash's upper 48 bits (its fingerprint:
// two forms of a 110 k-word lexicon share one with odds of about 1 in 10^10)
// with the bits + 1 in the lower 16, so a lookup touches one word of memory;
// 0 marks an empty slot. It is filled once, when a model is trained or
// loaded, at a load factor of 2/3.
type lexTable struct {
	slots []uint64
	n     int // entries
}

// lexFingerprint returns the part of a form hash the table keeps.
func lexFingerprint(h uint64) uint64 { return h &^ 0xFFFF }

// newLexTable returns an empty table sized for n entries.
func newLexTable(n int) lexTable {
	if n == 0 {
		return lexTable{}
	}
	return lexTable{slots: make([]uint64, n+n/2+1)}
}

// home returns the first slot to probe for fingerprint f (Lemire's
// multiply-shift range reduction: any table size).
func (lt *lexTable) home(f uint64) int {
	hi, _ := bits.Mul64(f, uint64(len(lt.slots)))
	return int(hi)
}

// add stores the bits of fingerprint f; it reports false when f is already
// there, the table is full, or v does not fit beside f (v+1 must fit in the
// slot's low 16 bits).
func (lt *lexTable) add(f uint64, v uint16) bool {
	if lt.n >= len(lt.slots)-1 || v == math.MaxUint16 {
		return false
	}
	for i := lt.home(f); ; i = (i + 1) % len(lt.slots) {
		switch e := lt.slots[i]; {
		case e == 0:
			lt.slots[i] = f | (uint64(v) + 1)
			lt.n++
			return true
		case lexFingerprint(e) == f:
			return false
		}
	}
}

// get returns the bits + 1 of a lowercased-form hash, or lexAbsent.
func (lt *lexTable) get(h uint64) uint64 {
	if lt.n == 0 {
		return lexAbsent
	}
	f := lexFingerprint(h)
	for i := lt.home(f); ; i = (i + 1) % len(lt.slots) {
		e := lt.slots[i]
		if e == 0 {
			return lexAbsent
		}
		if lexFingerprint(e) == f {
			return e & 0xFFFF
		}
	}
}

// entries returns the table's fingerprints in increasing order and their
// bits (for Save).
func (lt *lexTable) entries() (keys []uint64, vals []uint16) {
	for _, e := range lt.slots {
		if e != 0 {
			keys = append(keys, e)
		}
	}
	slices.Sort(keys)
	vals = make([]uint16, len(keys))
	for i, e := range keys {
		keys[i], vals[i] = lexFingerprint(e), uint16(e&0xFFFF-1)
	}
	return keys, vals
}
