package resolve

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// Span repairs on the recogniser's names before they become mentions: a
// title kept inside a person's name, an organisation cut at "and", a name
// with a number in it, an interview's speaker label.

// sentenceEntities returns the recogniser's entities of s with two
// repairs: two organisations joined by "and" whose second ends in an
// organisation head and whose first has none are one name ("National
// Aeronautics" and "Space Administration"; "Republic Windows and Doors"),
// and a name followed by a number is one name with it ("S&P 500", "FTSE
// 100"; see withNumber). An interviewer's label is left out (interviewerLabel).
func sentenceEntities(s *nlp.Sentence) []nlp.Entity {
	out := make([]nlp.Entity, 0, len(s.Entities))
	ents := withKnownOrgs(s)
	for x, en := range ents {
		if en.Start < 0 || en.End > len(s.Tokens) || en.Start >= en.End {
			continue
		}
		if interviewerLabel(s, en.Start, en.End) || currency(s, en.Start, en.End) {
			continue
		}
		// "Linguistic Society of" + "America": one name; a connector does
		// not end a name otherwise.
		if x+1 < len(ents) && ents[x+1].Start == en.End && ents[x+1].End <= len(s.Tokens) &&
			ofLike[strings.ToLower(s.Tokens[en.End-1].Form)] && (en.Type == nlp.Org || en.Type == nlp.Loc || en.Type == nlp.GPE) {
			en.End = ents[x+1].End
			en.Text = spanText(s, en.Start, en.End)
		}
		for en.End-en.Start > 1 && trailing[strings.ToLower(s.Tokens[en.End-1].Form)] {
			en.End--
			en.Text = spanText(s, en.Start, en.End)
		}
		// "Kim Jong-un", "Pointe-à-Pitre": words glued by hyphens are one name.
		if e := hyphenEnd(s, en.End); e != en.End {
			en.End = e
			en.Text = spanText(s, en.Start, en.End)
		}
		if n := len(out); n > 0 && out[n-1].End > en.Start {
			if out[n-1].End < en.End { // the previous name reached into this one
				out[n-1].End = en.End
				out[n-1].Text = spanText(s, out[n-1].Start, en.End)
			}
			continue
		}
		// "University of Birmingham and London", "Massachusetts Institute
		// of Technology and Colorado State University": two names.
		if en.Type == nlp.Org {
			if k := orgAnd(s, en.Start, en.End); k > 0 {
				out = append(out, nlp.Entity{Start: en.Start, End: k, Type: nlp.Org, Text: spanText(s, en.Start, k)})
				b := nlp.Entity{Start: k + 1, End: en.End, Type: nlp.Org, Text: spanText(s, k+1, en.End)}
				if t := kbType(strings.ToLower(b.Text)); t == City || t == Country || t == Place {
					b.Type = nlp.GPE
				}
				out = append(out, b)
				continue
			}
		}
		if n := len(out); n > 0 {
			p := &out[n-1]
			if p.Type == nlp.Org && en.Type == nlp.Org && p.End+1 == en.Start && strings.EqualFold(s.Tokens[p.End].Form, "and") &&
				headType(strings.Fields(p.Text)) == "" && headType(strings.Fields(en.Text)) == Organization {
				p.End = en.End
				p.Text = spanText(s, p.Start, p.End)
				continue
			}
		}
		// "United States Senator", "US Secretary": a country and a role
		// are the country, the role no entity.
		if k := countryThenRole(s, en.Start, en.End); k > 0 {
			out = append(out, nlp.Entity{Start: en.Start, End: k, Type: nlp.GPE, Text: spanText(s, en.Start, k)})
			continue
		}
		// "United States Donald Trump" (after "President of the"),
		// "Zimbabwe Robert Mugabe": a place glued to a person's name.
		if k := placeThenPerson(s, en.Start, en.End); k > 0 {
			out = append(out, nlp.Entity{Start: en.Start, End: k, Type: nlp.GPE, Text: spanText(s, en.Start, k)},
				nlp.Entity{Start: k, End: en.End, Type: nlp.Person, Text: spanText(s, k, en.End)})
			continue
		}
		if en.Type == nlp.Org || en.Type == nlp.Misc {
			if e := withNumber(s, en.Start, en.End); e != en.End {
				en.End = e
				en.Text = spanText(s, en.Start, en.End)
			}
		}
		out = append(out, en)
	}
	return out
}

// placeThenPerson returns where a person's name starts inside a
// recognised span [i, j) that glues a country of the bundled knowledge base
// to it after an office ("President of the United States Donald Trump",
// "President of Zimbabwe Robert Mugabe", "Senator from Vermont …"); 0 when
// the span is not so. The span must follow "the", "of", "from", "for" or
// "to", the country be one to three words and not a given name, and the
// rest two or three capitalised words that are no role ("US President
// Barack Obama" is leadingTitle's) nor an organisation.
func placeThenPerson(s *nlp.Sentence, i, j int) int {
	if i == 0 || !officePrep[strings.ToLower(s.Tokens[i-1].Form)] || givenNameWord(s.Tokens[i].Form) {
		return 0
	}
	for k := i + 1; k <= i+3 && k+2 <= j && j-k <= 3; k++ {
		if kbType(strings.ToLower(spanText(s, i, k))) != Country || givenNameWord(s.Tokens[k-1].Form) {
			continue
		}
		rest := make([]string, 0, j-k)
		for _, tok := range s.Tokens[k:j] {
			if !capitalised(tok.Form) || !isLetters(tok.Form) || roleTitles[strings.ToLower(tok.Form)] {
				return 0
			}
			rest = append(rest, tok.Form)
		}
		if headType(rest) == "" && kbType(strings.ToLower(rest[0])) == "" {
			return k
		}
	}
	return 0
}

// countryThenRole returns the end of the country a recognised span [i, j)
// starts with when the rest is only role words ("United States Senator",
// "U.S. Attorney", "United States District Court Judge" is not: "District"
// and "Court" are no roles); 0 otherwise.
func countryThenRole(s *nlp.Sentence, i, j int) int {
	for k := i + 1; k <= i+3 && k < j; k++ {
		if c := strings.ToLower(spanText(s, i, k)); kbType(c) != Country && !countries[c] {
			continue
		}
		for _, tok := range s.Tokens[k:j] {
			if w := strings.ToLower(strings.TrimSuffix(tok.Form, ".")); !roleTitles[w] && w != "-" {
				return 0
			}
		}
		return k
	}
	return 0
}

// officePrep are the words before a country that ends an office's name.
var officePrep = setOf("the", "of", "from", "for", "to")

// givenNameWord reports whether a word is on the given-name lists.
func givenNameWord(w string) bool {
	_, ok := genders()[strings.ToLower(w)]
	return ok
}

// isLetters reports whether w is letters, with inner hyphens, dots or
// apostrophes ("Jean-Claude", "O'Brien", "J.").
func isLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) && r != '-' && r != '.' && r != '\'' && r != '’' {
			return false
		}
	}
	return true
}

// withNumber returns the end of a name [i, j) extended over a number that
// is part of it: "S&P 500", "FTSE 100", "Nikkei 225" — a name with two
// capitals or an ampersand, right before a whole number of at most four
// digits, not a year, that no plural noun or unit follows ("S&P 500 rose",
// not "IBM 500 workers", "Apple 5 percent" nor "UAW 2009 contract").
func withNumber(s *nlp.Sentence, i, j int) int {
	if j >= len(s.Tokens) {
		return j
	}
	name := s.Tokens[j-1].Form
	caps := 0
	for _, r := range name {
		if r >= 'A' && r <= 'Z' {
			caps++
		}
	}
	if caps < 2 && !strings.Contains(name, "&") {
		return j
	}
	num := s.Tokens[j].Form
	if len(num) == 0 || len(num) > 4 || strings.Trim(num, "0123456789") != "" {
		return j
	}
	if y, _ := strconv.Atoi(num); y >= 1800 && y <= 2100 {
		return j // "UAW 2009 contract"
	}
	if j+1 < len(s.Tokens) {
		switch t := s.Tokens[j+1]; {
		case t.XPOS == "NNS" || t.UPOS == "NUM" || t.UPOS == "PROPN" || t.Form == "%" || strings.EqualFold(t.Form, "percent"):
			return j // "IBM 500 workers", "Apple 5 percent"
		}
	}
	return j + 1
}

// interviewerLabel reports whether tokens [i, j) are an interview's
// speaker label of one to three capitals, "WN:" or "((WN))" (Wikinews):
// the interviewer, not an entity of the article. Labels with a name
// ("((Anthony Boccaletti))") stay mentions of that person.
func interviewerLabel(s *nlp.Sentence, i, j int) bool {
	if j != i+1 || len(s.Tokens[i].Form) > 3 || !isAcronym(s.Tokens[i].Form) {
		return false
	}
	return i == 0 && j < len(s.Tokens) && s.Tokens[j].Form == ":" || speakerLabel(s, i)
}

// roleTitles are the words of a role before a person's name that are not
// part of the name ("US President Donald Trump", "Foreign Minister Sergei
// Lavrov"); royal and religious titles ("King", "Pope", "Saint") are left in.
var roleTitles = setOf("president", "minister", "senator", "sen", "rep", "representative", "governor", "gov", "mayor",
	"secretary", "chancellor", "premier", "chairman", "chairwoman", "chair", "ceo", "coach", "spokesman", "spokeswoman",
	"spokesperson", "general", "gen", "judge", "justice", "ambassador", "commissioner", "director", "speaker",
	"leader", "congressman", "congresswoman", "councillor", "councilman", "sheriff", "captain", "lieutenant",
	"sergeant", "colonel", "admiral", "inspector", "detective", "president-elect", "manager", "founder",
	"analyst", "economist", "chief", "attorney", "prosecutor", "commander", "officer", "vice", "deputy",
	"vice-president")

// leadingTitle returns where a person's name starts inside a recognised
// span that begins with a role, and the role: "US President Donald Trump"
// → "Donald Trump", "US President"; "State Hillary Clinton" after
// "Secretary of" → "Hillary Clinton", "Secretary of State". A full name of
// two words or more stays ("Congresswoman Dean" is left whole, as "Mr
// Dean" is); start and "" when there is no role.
func leadingTitle(s *nlp.Sentence, start, end int) (int, string) {
	t := -1
	for k := start; k < end-1; k++ {
		w := strings.ToLower(strings.TrimSuffix(s.Tokens[k].Form, "."))
		if roleTitles[w] {
			t = k
		}
	}
	if t >= 0 {
		if !capitalised(s.Tokens[t+1].Form) || end-(t+1) < 2 {
			return start, ""
		}
		return t + 1, spanText(s, start, t+1)
	}
	// "Secretary of State Hillary Clinton", "Director of National
	// Intelligence John Ratcliffe": the recogniser started at "State",
	// "Intelligence", the end of the office.
	of := start - 1
	for of >= 0 && capitalised(s.Tokens[of].Form) && of > start-4 {
		of--
	}
	if end-start >= 3 && of >= 1 && strings.EqualFold(s.Tokens[of].Form, "of") &&
		roleTitles[strings.ToLower(strings.TrimSuffix(s.Tokens[of-1].Form, "."))] && capitalised(s.Tokens[start+1].Form) &&
		genderOf(s.Tokens[start].Form) == 0 && (genderOf(s.Tokens[start+1].Form) != 0 ||
		s.Tokens[start].Form == "State" || s.Tokens[start].Form == "Defense" || s.Tokens[start].Form == "Defence") {
		return start + 1, spanText(s, of-1, start+1)
	}
	return start, ""
}

func capitalised(f string) bool { return f != "" && f[0] >= 'A' && f[0] <= 'Z' }

// clipOf reports whether a one-word name is a clipping of a longer name's
// first word ("Fed" of "Federal Reserve"): at least three letters, a
// capital first, the start of the word, and not a title, month or given
// name.
func clipOf(short, long string) bool {
	ws := strings.Fields(long)
	if len(ws) < 2 || len(short) < 3 || len(short) >= len(ws[0]) || !capitalised(short) || isAcronym(short) {
		return false
	}
	low := strings.ToLower(short)
	return strings.HasPrefix(ws[0], short) && !personTitles[low] && !roleTitles[low] && months[low] == 0 && genderOf(short) == 0
}

// compass are the words that start "North and South Korea".
var compass = setOf("north", "south", "east", "west", "northern", "southern", "eastern", "western", "northeast",
	"northwest", "southeast", "southwest", "upper", "lower")

// ellipsis completes a name left elliptic by a coordination: "North" in
// "North and South Korea" is North Korea, of the type of South Korea.
// ms are the sentence's mentions in order.
func ellipsis(s *nlp.Sentence, ms []*mention) {
	for k := 0; k+1 < len(ms); k++ {
		a, b := ms[k], ms[k+1]
		if a.end-a.start != 1 || b.end-b.start < 2 || b.start != a.end+1 || !compass[strings.ToLower(a.text)] ||
			!compass[strings.ToLower(s.Tokens[b.start].Form)] {
			continue
		}
		if f := strings.ToLower(s.Tokens[a.end].Form); f != "and" && f != "or" && f != "," {
			continue
		}
		a.text += " " + spanText(s, b.start+1, b.end)
		a.typ = entityType(nlpLabel(b.typ), a.text)
		if a.typ == "" {
			a.typ = b.typ
		}
	}
}

// nlpLabel maps a mention type back to the recogniser's label, for
// entityType's gazetteer lookups.
func nlpLabel(typ string) string {
	switch typ {
	case Country, City, Place:
		return nlp.GPE
	}
	return ""
}

// nicknames maps common English diminutives to the given name they stand
// for ("Larry Lessig" = "Lawrence Lessig").
var nicknames = map[string]string{"larry": "lawrence", "steve": "steven", "bill": "william", "will": "william",
	"bob": "robert", "rob": "robert", "bobby": "robert", "jim": "james", "jimmy": "james", "mike": "michael",
	"tom": "thomas", "tommy": "thomas", "dick": "richard", "rick": "richard", "rich": "richard", "dave": "david",
	"joe": "joseph", "tony": "anthony", "chris": "christopher", "matt": "matthew", "dan": "daniel", "danny": "daniel",
	"ben": "benjamin", "sam": "samuel", "andy": "andrew", "alex": "alexander", "ed": "edward", "ted": "edward",
	"ken": "kenneth", "jeff": "jeffrey", "greg": "gregory", "pat": "patrick", "nick": "nicholas", "tim": "timothy",
	"fred": "frederick", "ron": "ronald", "don": "donald", "jerry": "gerald", "charlie": "charles", "chuck": "charles",
	"hank": "henry", "jack": "john", "johnny": "john", "liz": "elizabeth", "beth": "elizabeth", "betty": "elizabeth",
	"kate": "katherine", "katie": "katherine", "kathy": "katherine", "barb": "barbara", "sue": "susan", "jenny": "jennifer",
	"jen": "jennifer", "meg": "margaret", "peggy": "margaret", "maggie": "margaret", "debbie": "deborah", "patty": "patricia",
	"vicky": "victoria", "becky": "rebecca", "mandy": "amanda", "abby": "abigail", "cindy": "cynthia", "steph": "stephanie"}

// sameGiven reports whether two given names are one, a diminutive of the
// other, or two diminutives of one.
func sameGiven(a, b string) bool {
	a, b = strings.ToLower(a), strings.ToLower(b)
	if a == b {
		return true
	}
	if n, ok := nicknames[a]; ok {
		a = n
	}
	if n, ok := nicknames[b]; ok {
		b = n
	}
	return a == b
}

// trailing are words a name does not end with.
var trailing = setOf("of", "and", "the", "for", "&", "de", "in", "at", "-")

// glued reports whether tokens k and k+1 are written without a space.
func glued(s *nlp.Sentence, k int) bool {
	return k >= 0 && k+1 < len(s.Tokens) && s.Tokens[k].End == s.Tokens[k+1].Start
}

// hyphenEnd returns the end of a name ending at token j (exclusive),
// extended over hyphens glued to words on both sides ("Jong" "-" "un",
// "Pointe" "-" "à" "-" "Pitre").
func hyphenEnd(s *nlp.Sentence, j int) int {
	for j+1 < len(s.Tokens) && s.Tokens[j].Form == "-" && glued(s, j-1) && glued(s, j) && hasLetter(s.Tokens[j+1].Form) &&
		!isPunct(s.Tokens[j+1].Form) {
		j += 2
	}
	return j
}

// orgAnd returns the index of an "and" that joins two names inside an
// organisation span [i, j) — the first with an organisation head, the
// second with one too or a known place — or 0 for none.
func orgAnd(s *nlp.Sentence, i, j int) int {
	for k := i + 1; k < j-1; k++ {
		if s.Tokens[k].Form != "and" {
			continue
		}
		a, b := strings.Fields(spanText(s, i, k)), strings.Fields(spanText(s, k+1, j))
		if headType(a) != Organization || !capitalised(b[0]) {
			continue
		}
		low := strings.ToLower(strings.Join(b, " "))
		if headType(b) == Organization || kbType(low) == City || kbType(low) == Country || countries[low] || cities[low] {
			return k
		}
	}
	return 0
}

// currencies are currency codes and abbreviations written next to amounts.
var currencies = setOf("usd", "eur", "gbp", "jpy", "chf", "cad", "aud", "nzd", "cny", "rmb", "hkd", "sgd", "sek",
	"nok", "dkk", "isk", "rub", "inr", "brl", "mxn", "zar", "krw", "try", "pln", "czk", "huf", "ils", "aed", "sar",
	"thb", "idr", "myr", "php", "vnd", "egp", "ngn", "kes", "uah", "kr", "rs", "rp", "dh")

// currency reports whether tokens [i, j) are one currency code next to a
// number ("125 DKK", "150 Kr", "USD 40"): a unit, not an entity.
func currency(s *nlp.Sentence, i, j int) bool {
	if j != i+1 || !currencies[strings.ToLower(strings.TrimSuffix(s.Tokens[i].Form, "."))] {
		return false
	}
	num := func(k int) bool { return k >= 0 && k < len(s.Tokens) && s.Tokens[k].UPOS == "NUM" }
	return num(i-1) || num(j)
}

// withKnownOrgs returns the recogniser's entities of s with the
// well-known organisations of several words (knownOrg) written in it added
// as organisations, in place of the entities they overlap: "Standard &
// Poor's" (adjectives to the tagger), "Procter & Gamble" (a person
// "Gamble" to the recogniser).
func withKnownOrgs(s *nlp.Sentence) []nlp.Entity {
	var found []nlp.Entity
	for i := 0; i < len(s.Tokens); i++ {
		if !capitalised(s.Tokens[i].Form) {
			continue
		}
		for _, name := range orgsByFirst()[strings.ToLower(s.Tokens[i].Form)] {
			j := i + len(name)
			if j > len(s.Tokens) {
				continue
			}
			ok := true
			for k, w := range name {
				ok = ok && strings.ToLower(strings.ReplaceAll(s.Tokens[i+k].Form, "’", "'")) == w
			}
			if ok {
				found = append(found, nlp.Entity{Start: i, End: j, Type: nlp.Org, Text: spanText(s, i, j)})
				i = j - 1
				break
			}
		}
	}
	if len(found) == 0 {
		return s.Entities
	}
	out := make([]nlp.Entity, 0, len(s.Entities)+len(found))
	for _, en := range s.Entities {
		keep := true
		for _, f := range found {
			keep = keep && (en.End <= f.Start || en.Start >= f.End)
		}
		if keep {
			out = append(out, en)
		}
	}
	out = append(out, found...)
	slices.SortStableFunc(out, func(a, b nlp.Entity) int { return a.Start - b.Start })
	return out
}

// orgsByFirst indexes the known organisations of two or more words by
// their first word, longest first; names are split into the recogniser's
// tokens ("standard", "&", "poor", "'s").
var orgsByFirst = sync.OnceValue(func() map[string][][]string {
	out := map[string][][]string{}
	for n := range orgNames() {
		n = strings.ReplaceAll(n, "'s", " 's")
		ws := strings.Fields(n)
		if len(ws) < 2 {
			continue
		}
		out[ws[0]] = append(out[ws[0]], ws)
	}
	for _, l := range out {
		slices.SortFunc(l, func(a, b []string) int {
			if len(a) != len(b) {
				return len(b) - len(a)
			}
			return strings.Compare(strings.Join(a, " "), strings.Join(b, " "))
		})
	}
	return out
})
