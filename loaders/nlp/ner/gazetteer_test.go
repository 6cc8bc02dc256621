package ner

import "testing"

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
		if got := g.Phrase(c.name); got&c.cat == 0 {
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
