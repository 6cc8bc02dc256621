package ner

import (
	"strings"
	"testing"
)

// spanStrings renders spans as "TYPE:words" for comparison.
func spanStrings(forms []string, spans []span) string {
	var out []string
	for _, sp := range spans {
		out = append(out, sp.typ+":"+strings.Join(forms[sp.start:sp.end], " "))
	}
	return strings.Join(out, "|")
}

// testGazetteer knows California as a state and Mexico as a country.
func testGazetteer() *Gazetteer {
	g := &Gazetteer{Exact: map[string]uint16{}, Lex: map[string]uint32{}}
	g.add("California", gState)
	g.add("Mexico", gCountry)
	g.add("New Orleans", gCity)
	return g
}

// TestSpanFixes covers the span rules applied after the tagger: the
// possessive of a shop's name, trimming, splitting a place from its state,
// "Head of Name" joins and US state codes after a town.
func TestSpanFixes(t *testing.T) {
	tests := []struct {
		text  string
		spans []span // learned spans before the fixes
		want  string
	}{
		// A possessive standing alone is a shop: taken in, typed as a place.
		{"we ate at Del Frisco 's last night", []span{{3, 5, "PER"}}, "LOC:Del Frisco 's"},
		{"Wendy 's is great", []span{{0, 1, "PER"}}, "LOC:Wendy 's"},
		{"went to Applebee s yesterday", []span{{2, 3, "ORG"}}, "LOC:Applebee s"},
		// A possessive before a noun is a person's: left out.
		{"Wendy 's car broke", []span{{0, 1, "PER"}}, "PER:Wendy"},
		{"Arafat 's death", []span{{0, 2, "PER"}}, "PER:Arafat"},
		// Weekdays and months are cut from the end of a name.
		{"in Fallujah Wednesday .", []span{{1, 3, "LOC"}}, "LOC:Fallujah"},
		{"Theresa May said", []span{{0, 2, "PER"}}, "PER:Theresa May"},
		// A place and its state are two places.
		{"in Miramar California there", []span{{1, 3, "PER"}}, "LOC:Miramar|LOC:California"},
		{"in Miramar , California there", []span{{1, 4, "LOC"}}, "LOC:Miramar|LOC:California"},
		// Head of Name.
		{"the Department of Defense said", nil, "ORG:Department of Defense"},
		{"the Housing Authority of New Orleans said", []span{{1, 3, "ORG"}, {4, 6, "LOC"}}, "ORG:Housing Authority of New Orleans"},
		{"the Department of Housing and Urban Development", []span{{1, 2, "ORG"}}, "ORG:Department of Housing and Urban Development"},
		{"the Gulf of Mexico is", []span{{3, 4, "LOC"}}, "LOC:Gulf of Mexico"},
		{"the department of defense", nil, ""},
		// US state codes after "Town ,".
		{"from Lawrence , KS .", []span{{1, 2, "LOC"}}, "LOC:Lawrence|LOC:KS"},
		{"OK , KS", nil, ""},
	}
	r := &Recognizer{gaz: testGazetteer()}
	for _, tc := range tests {
		forms := strings.Fields(tc.text)
		si := r.gaz.sentInfo(forms)
		spans := append([]span(nil), tc.spans...)
		spans = trimSpans(possessiveBusiness(spans, si), si)
		taken := make([]bool, len(forms))
		for _, sp := range spans {
			for k := sp.start; k < sp.end; k++ {
				taken[k] = true
			}
		}
		spans = ofNames(spans, si, taken)
		spans = stateCodes(spans, si, taken)
		if got := spanStrings(forms, spans); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
		}
	}
}
