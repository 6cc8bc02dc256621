package ner

import (
	"strings"
	"testing"
)

// TestGazetteerLists: the committed lists load into their categories (a
// missing optional list is skipped silently, so this is what notices).
func TestGazetteerLists(t *testing.T) {
	g, err := LoadGazetteer("../../../data/gazetteer")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		cat  uint16
	}{
		{"Noida", gTown}, {"Kursk", gTown}, {"Kursk", gWnLoc}, {"Gretchen", gGiven}, {"Firefox", gBrand},
		{"Hamas", gWnOrg}, {"Lincoln", gWnPer}, {"Seoul", gCity}, {"Ukraine", gCountry},
	} {
		if got := g.phraseCats(c.name); got&c.cat == 0 {
			t.Errorf("%s: categories %b, want bit %b", c.name, got, c.cat)
		}
	}
}

// TestPhraseTable: entries survive growth and the stored form, categories
// accumulate, and a stored table of the wrong shape is refused.
func TestPhraseTable(t *testing.T) {
	var tab phraseTable
	for h := uint64(0); h < 5000; h++ {
		tab.or(h*0x9e3779b97f4a7c15, uint16(1+h%7))
	}
	tab.or(0, 8) // h = 0 above gave hash 0 (stored as 1) category 1
	back, err := decodeTable(tab.keys, tab.cats)
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range []*phraseTable{&tab, &back} {
		for h := uint64(1); h < 5000; h++ {
			if c, ok := tb.get(h * 0x9e3779b97f4a7c15); !ok || c != uint16(1+h%7) {
				t.Fatalf("hash %d: %d %v", h, c, ok)
			}
		}
		if c, ok := tb.get(0); !ok || c != 1|8 {
			t.Errorf("hash 0: %d %v, want 9 (1 from h=0, 8 added)", c, ok)
		}
		if _, ok := tb.get(12345); ok {
			t.Error("an absent hash was found")
		}
	}
	if back.n != tab.n {
		t.Errorf("decoded table holds %d entries, want %d", back.n, tab.n)
	}
	for _, c := range []struct{ keys, cats int }{{8*1024 + 1, 2 * 1024}, {8 * 1000, 2 * 1000}, {8 * 1024, 2 * 1023}} {
		if _, err := decodeTable(make([]byte, c.keys), make([]byte, c.cats)); err == nil {
			t.Errorf("%d key bytes, %d category bytes: accepted", c.keys, c.cats)
		}
	}
}

// TestBuildLexicon: counts per lower-cased word — occurrences, PROPN,
// capitalised when not sentence-initial, non-initial, head and dependent of a
// flat name — from CoNLL-U words (multiword ranges skipped).
func TestBuildLexicon(t *testing.T) {
	in := "# sent_id = 1\n" +
		"1\tJohn\tJohn\tPROPN\tNNP\t_\t3\tnsubj\t_\t_\n" +
		"2\tKirby\tKirby\tPROPN\tNNP\t_\t1\tflat\t_\t_\n" +
		"3\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_\n\n" +
		"1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n" +
		"2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n" +
		"3\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_\n" +
		"4\tKirby\tKirby\tPROPN\tNNP\t_\t3\tobj\t_\t_\n\n"
	var out strings.Builder
	if err := BuildLexicon(strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	want := "word\tcount\tpropn\tcap_noninitial\tnoninitial\tflat_head\tflat_dep\n" +
		"john\t1\t1\t0\t0\t1\t0\n" +
		"kirby\t2\t2\t2\t2\t0\t1\n" +
		"said\t2\t0\t0\t2\t0\t0\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

// TestRowTable: every key finds its row, absent keys none, and a repeated
// key is refused.
func TestRowTable(t *testing.T) {
	keys := []uint64{0, 3, 1 << 40, 1<<40 | 1, ^uint64(0)}
	tab, err := newRowTable(keys)
	if err != nil {
		t.Fatal(err)
	}
	for r, k := range keys {
		if got := tab.row(k); got != r {
			t.Errorf("key %#x: row %d, want %d", k, got, r)
		}
	}
	for _, k := range []uint64{1, 2, 1<<40 | 2} {
		if got := tab.row(k); got != -1 {
			t.Errorf("absent key %#x: row %d", k, got)
		}
	}
	if _, err := newRowTable([]uint64{5, 7, 5}); err == nil {
		t.Error("a repeated key was accepted")
	}
	var empty rowTable
	if empty.row(3) != -1 {
		t.Error("empty table found a row")
	}
}
