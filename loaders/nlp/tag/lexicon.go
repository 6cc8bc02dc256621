package tag

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
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
// lexicon bits + 1 (0: absent), built once when a model is loaded.
type lexTable struct {
	keys []uint64 // 0 marks an empty slot
	vals []uint16
}

// newLexTable indexes keys and vals; later duplicates of a key are ignored.
func newLexTable(keys []uint64, vals []uint16) lexTable {
	if len(keys) == 0 {
		return lexTable{}
	}
	size := tableSize(len(keys))
	lt := lexTable{keys: make([]uint64, size), vals: make([]uint16, size)}
	mask := uint64(size - 1)
	for j, k := range keys {
		if k == 0 {
			continue
		}
		i := k & mask
		for lt.keys[i] != 0 && lt.keys[i] != k {
			i = (i + 1) & mask
		}
		if lt.keys[i] == 0 {
			lt.keys[i], lt.vals[i] = k, vals[j]+1
		}
	}
	return lt
}

// get returns the bits + 1 of a lowercased-form hash, or lexAbsent.
func (lt *lexTable) get(k uint64) uint64 {
	if len(lt.keys) == 0 {
		return lexAbsent
	}
	mask := uint64(len(lt.keys) - 1)
	for i := k & mask; lt.keys[i] != 0; i = (i + 1) & mask {
		if lt.keys[i] == k {
			return uint64(lt.vals[i])
		}
	}
	return lexAbsent
}
