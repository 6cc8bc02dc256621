package ner

import (
	"slices"
	"unicode"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// titles are words that precede a person's name but are not part of it in
// UNER ("President Volodymyr Zelenskiy" → "Volodymyr Zelenskiy").
var titles = wordSet("president vice prime minister foreign defense defence interior finance secretary spokesman " +
	"spokeswoman spokesperson leader chairman chairwoman chief general gen. lt. col. colonel sgt. sergeant captain capt. " +
	"commander admiral adm. senator sen. rep. representative gov. governor mayor judge justice ambassador envoy " +
	"mr. mr mrs. mrs ms. ms dr. dr prof. professor king queen prince princess pope chancellor sheikh ayatollah " +
	"cleric bishop archbishop rev. reverend sir lord lady premier dictator officer director ceo")

// refine splits learned spans where newsgraph's conventions differ from a
// raw tagger output: a leading nationality and title ("Ukrainian President
// Volodymyr Zelenskiy" → NORP "Ukrainian" + PERSON "Volodymyr Zelenskiy"),
// and a possessive after a known place ("South Korea 's National
// Intelligence Service" → GPE + ORG).
func (r *Recognizer) refine(spans []span, si *sentInfo) []span {
	var out []span
	for n, sp := range spans {
		// A span that is the start of a longer nationality ("North" of
		// "North Korean") becomes the nationality.
		if k := sp.start; si.gazBegin[k] && si.gaz[k]&gNORP != 0 && si.gaz[k]&gpeCats == 0 && k+si.gazLen[k] > sp.end &&
			(n+1 == len(spans) || spans[n+1].start >= k+si.gazLen[k]) {
			out = append(out, span{k, k + si.gazLen[k], nlp.NORP})
			continue
		}
		// Organisation head nouns decide the type of multi-word names.
		if sp.end-sp.start >= 2 && orgHeads[si.lower[sp.end-1]] {
			sp.typ = "ORG"
		}
		// Leading nationality, then titles.
		k := sp.start
		var norp *span
		if si.gazBegin[k] && si.gaz[k]&gNORP != 0 && si.gaz[k]&gpeCats == 0 && k+si.gazLen[k] < sp.end {
			norp = &span{k, k + si.gazLen[k], nlp.NORP}
			k += si.gazLen[k]
		}
		t := k
		for t < sp.end-1 && titles[si.lower[t]] {
			t++
		}
		// Not a title when the words are a known organisation or brand
		// ("General Motors", "General Dynamics") or the name ends in an
		// organisation head ("General Motors Corp.").
		knownOrg := si.gazBegin[k] && si.gazLen[k] > t-k && si.gaz[k]&(gOrg|gBrand|gWnOrg) != 0 || sp.typ == "ORG" && orgHeads[si.lower[sp.end-1]]
		if t > k && isCap(si.forms[t]) && !knownOrg {
			if norp != nil {
				out = append(out, *norp)
			}
			out = append(out, span{t, sp.end, "PER"})
			continue
		}
		if norp != nil && sp.typ == "PER" {
			out = append(out, *norp)
			sp.start = k
		}
		// Possessive after a known place.
		split := false
		for p := sp.start + 1; p < sp.end-1; p++ {
			if (si.lower[p] == "'s" || si.lower[p] == "’s") && si.gazBegin[sp.start] && si.gazLen[sp.start] == p-sp.start &&
				si.gaz[sp.start]&gpeCats != 0 {
				rest := span{p + 1, sp.end, sp.typ}
				if orgHeads[si.lower[sp.end-1]] {
					rest.typ = "ORG"
				}
				out = append(out, span{sp.start, p, "LOC"}, rest)
				split = true
				break
			}
		}
		if !split {
			out = append(out, sp)
		}
	}
	return out
}

// orgHeads end organisation names: "National Intelligence Service".
var orgHeads = wordSet("service services agency ministry department council committee party army navy bank " +
	"university college school company corporation corp. inc. inc ltd. ltd llc co. group institute association " +
	"commission court union organization organisation federation foundation police guard command network " +
	"times post journal news press television radio club team airlines church fund board authority office")

// orgByHead finds runs of two or more capitalised words ending in an
// organisation head noun ("National Intelligence Service", "Supreme Court")
// that the tagger left out, and makes them organisations. A leading article
// or title stays out of the name.
func orgByHead(spans []span, si *sentInfo, taken []bool) []span {
	for i := 1; i < len(si.forms); i++ {
		if taken[i] || !orgHeads[si.lower[i]] || !isCap(si.forms[i]) {
			continue
		}
		a := i
		for a > 0 && !taken[a-1] && isCap(si.forms[a-1]) && !articles[si.lower[a-1]] && !titles[si.lower[a-1]] {
			a--
		}
		if i-a < 1 {
			continue
		}
		spans = append(spans, span{a, i + 1, "ORG"})
		for k := a; k <= i; k++ {
			taken[k] = true
		}
	}
	return spans
}

var articles = wordSet("the a an this that these those")

// placeNouns follow a place name: "the Kursk region".
var placeNouns = wordSet("region oblast province district county city town village river valley mountains border " +
	"battlefield front peninsula island islands sea lake bay desert state")

// placeBefore finds capitalised words followed by a place noun ("Kursk
// region") that the tagger left out or typed as something else, and makes
// them places.
func (r *Recognizer) placeBefore(spans []span, si *sentInfo, taken []bool) []span {
	for n := range spans {
		sp := &spans[n]
		if sp.typ != "LOC" && sp.end < len(si.forms) && placeNouns[si.forms[sp.end]] && sp.end-sp.start == 1 {
			sp.typ = "LOC"
		}
	}
	for i := 1; i+1 < len(si.forms); i++ {
		if taken[i] || !isCap(si.forms[i]) || !placeNouns[si.forms[i+1]] || titles[si.lower[i]] {
			continue
		}
		if c, ok := r.gaz.Lex[si.lower[i]]; ok && (c>>8)&0xff < 2 {
			continue // mostly a common word in the treebank
		}
		spans = append(spans, span{i, i + 1, "LOC"})
		taken[i] = true
	}
	return spans
}

// extendToNames widens learned spans to the proper-name chunk they overlap
// ("York" → "New York", "Webb" → "Webb Jennings") when the added tokens are
// in no other span.
func (r *Recognizer) extendToNames(spans []span, si *sentInfo) []span {
	if si.names == nil {
		return spans
	}
	n := len(si.forms)
	owner := make([]int, n)
	for i := range owner {
		owner[i] = -1
	}
	for k, sp := range spans {
		for i := sp.start; i < sp.end; i++ {
			owner[i] = k
		}
	}
	for k := range spans {
		sp := &spans[k]
		// chunk containing sp.start
		a := sp.start
		for a > 0 && si.names[a] == 2 && owner[a-1] == -1 {
			a--
		}
		b := sp.end
		for b < n && si.names[b] == 2 && owner[b] == -1 {
			b++
		}
		if si.names[a] != 1 && a != sp.start {
			a = sp.start // ran into a non-chunk token: keep the start
		}
		for i := a; i < sp.start; i++ {
			owner[i] = k
		}
		for i := sp.end; i < b; i++ {
			owner[i] = k
		}
		sp.start, sp.end = a, b
	}
	return spans
}

// possessiveBusiness takes in the possessive of a name that stands alone,
// as shop and restaurant names do in reviews ("went to Del Frisco 's .",
// "Wendy 's is", "Applebee s"): the span grows to hold "'s" and becomes a
// place, UNER's usual type for them.
func possessiveBusiness(spans []span, si *sentInfo) []span {
	n := len(si.forms)
	for k := range spans {
		sp := &spans[k]
		e := sp.end
		if sp.typ == nlp.NORP || e >= n || (k+1 < len(spans) && spans[k+1].start == e) {
			continue
		}
		switch si.lower[e] {
		case "s":
		case "'s", "’s":
			if e+1 < n && !bizFollowers[si.lower[e+1]] {
				continue
			}
		default:
			continue
		}
		sp.end = e + 1
		sp.typ = "LOC"
	}
	return spans
}

// bizFollowers may follow a shop's name in the possessive ("Wendy 's is",
// "at Wendy 's and"), but hardly the possessive of a person ("Wendy 's car").
var bizFollowers = wordSet(". , ! ? ; : ) - -- ... \" is was are were has had have does did will would can could " +
	"and or but in on at for to with near by from off of downtown today tonight yesterday again before after last " +
	"this if when because so than since")

// trimMonths are the month names that are not also common given names or
// surnames ("April", "June", "May" stay).
var trimMonths = wordSet("january february september october november december")

// trimSpans cuts what is not part of a name from the end of learned spans:
// a possessive the business rule did not keep ("Arafat 's"), a weekday or
// month ("Fallujah Wednesday"), and splits a place followed by its state or
// country ("Miramar California" → "Miramar" + "California").
func trimSpans(spans []span, si *sentInfo) []span {
	out := spans[:0]
	var extra []span
	for _, sp := range spans {
		if sp.typ == nlp.NORP {
			out = append(out, sp)
			continue
		}
		for sp.end-sp.start > 1 {
			l := si.lower[sp.end-1]
			if (l == "'s" || l == "’s") && sp.end < len(si.forms) && !bizFollowers[si.lower[sp.end]] {
				sp.end--
				continue
			}
			if (weekdays[l] || trimMonths[l]) && isCap(si.forms[sp.end-1]) {
				sp.end--
				continue
			}
			break
		}
		if last := sp.end - 1; sp.end-sp.start >= 2 && si.gazBegin[last] && si.gazLen[last] == 1 &&
			si.gaz[last]&(gCountry|gState) != 0 && si.gaz[sp.start]&gOrg == 0 {
			a := span{sp.start, last, "LOC"}
			if last-1 >= sp.start && si.forms[last-1] == "," {
				a.end--
			}
			if a.end > a.start {
				out = append(out, a)
			}
			extra = append(extra, span{last, sp.end, "LOC"})
			continue
		}
		out = append(out, sp)
	}
	if extra != nil {
		out = append(out, extra...)
		slices.SortFunc(out, func(a, b span) int { return a.start - b.start })
	}
	return out
}

// usStates are US state codes, places after "City ,": "Lawrence , KS".
var usStates = wordSet("al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd " +
	"oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy dc")

// stateCodes makes a US state code after "Town ," a place ("Lawrence , KS"),
// outside headlines and sentences written in capitals.
func stateCodes(spans []span, si *sentInfo, taken []bool) []span {
	if si.caseClass == "title" {
		return spans
	}
	upperSent := true
	for _, f := range si.forms {
		if len(f) > 1 && !allCaps(f) && isLetters(f) {
			upperSent = false
			break
		}
	}
	if upperSent {
		return spans
	}
	for i := 2; i < len(si.forms); i++ {
		if taken[i] || !allCaps(si.forms[i]) || !usStates[si.lower[i]] || si.forms[i-1] != "," || !isCap(si.forms[i-2]) {
			continue
		}
		spans = append(spans, span{i, i + 1, "LOC"})
		taken[i] = true
	}
	return spans
}

func allCaps(w string) bool {
	for _, r := range w {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

func isLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// geoHeads head place names built with "of": "Gulf of Mexico".
var geoHeads = wordSet("gulf bay sea lake isle isles island islands cape strait straits")

// ofNames joins "Head of Name" into one name when Head is a capitalised
// organisation or place head noun: "Department of Defense", "Housing
// Authority of New Orleans", "Gulf of Mexico". The span starts at the
// learned span or capitalised run ending in Head and runs to the end of the
// capitalised words after "of" (through "and": "Department of Housing and
// Urban Development"); spans inside it are replaced.
func ofNames(spans []span, si *sentInfo, taken []bool) []span {
	n := len(si.forms)
	for h := 0; h+2 < n; h++ {
		lw := si.lower[h]
		if !isCap(si.forms[h]) || si.lower[h+1] != "of" || !isCap(si.forms[h+2]) || !(orgHeads[lw] || geoHeads[lw]) {
			continue
		}
		typ := "ORG"
		if geoHeads[lw] {
			typ = "LOC"
		}
		a := h
		for _, sp := range spans {
			if sp.start <= h && h < sp.end {
				a = sp.start
			}
		}
		if a == h {
			for a > 0 && !taken[a-1] && isCap(si.forms[a-1]) && !articles[si.lower[a-1]] && !titles[si.lower[a-1]] {
				a--
			}
		}
		b := h + 2
		for b < n && (isCap(si.forms[b]) || (si.lower[b] == "and" && b+1 < n && isCap(si.forms[b+1]))) {
			b++
		}
		for _, sp := range spans {
			if sp.start >= a && sp.start < b && sp.end > b {
				b = sp.end
			}
		}
		out := spans[:0]
		for _, sp := range spans {
			if sp.end <= a || sp.start >= b {
				out = append(out, sp)
			}
		}
		spans = append(out, span{a, b, typ})
		for k := a; k < b; k++ {
			taken[k] = true
		}
		h = b - 1
	}
	slices.SortFunc(spans, func(x, y span) int { return x.start - y.start })
	return spans
}
