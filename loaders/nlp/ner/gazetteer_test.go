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
