package ner

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

var months = wordSet("january february march april may june july august september october november december " +
	"jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. oct oct. nov nov. dec dec.")

var weekdays = wordSet("monday tuesday wednesday thursday friday saturday sunday mon. tue. tues. wed. thu. thur. thurs. fri. sat. sun.")

var dateUnits = wordSet("day days week weeks weekend weekends month months year years decade decades century centuries " +
	"fall autumn spring summer winter quarter")

var dateRel = wordSet("last next this past coming previous")

var dateDeictic = wordSet("yesterday today tomorrow")

var dateAfter = wordSet("ago earlier later before")

var timeWords = wordSet("noon midnight tonight")

var dayParts = wordSet("morning afternoon evening night")

var ampm = wordSet("am pm a.m. p.m. a.m p.m")

var numberWords = wordSet("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen " +
	"fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety dozen")

var scaleWords = wordSet("hundred thousand million billion trillion")

var ordinalWords = wordSet("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth " +
	"thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth fortieth " +
	"fiftieth sixtieth seventieth eightieth ninetieth hundredth thousandth millionth")

var currencySymbols = wordSet("$ us$ € £ ¥ c$ a$ hk$")

var currencyWords = wordSet("dollar dollars euro euros pound pounds cent cents yen ruble rubles rouble roubles " +
	"hryvnia hryvnias yuan renminbi won rupee rupees francs franc usd eur gbp")

var percentWords = wordSet("percent per-cent % pct")

var units = wordSet("kilometer kilometers kilometre kilometres km km2 mile miles meter meters metre metres m feet foot ft " +
	"inch inches yard yards centimeter centimeters cm millimeter millimeters mm kilogram kilograms kg kilo kilos gram grams " +
	"g ton tons tonne tonnes lb lbs ounce ounces liter liters litre litres gallon gallons barrel barrels acre acres " +
	"hectare hectares degree degrees mph kph km/h megawatt megawatts mw gigawatt gigawatts gw kilowatt kilowatts kw " +
	"calorie calories sq")

var unitPrefix = wordSet("square cubic sq.")

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// isDigits reports a number written with digits: "11,000", "4.5", "2024".
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case (r == ',' || r == '.') && i > 0 && i < len(s)-1:
		default:
			return false
		}
	}
	return digits > 0
}

// isNumberWord: "two", "twenty-five", "11,000".
func isNumber(lw string) bool {
	if isDigits(lw) || numberWords[lw] {
		return true
	}
	if a, b, ok := strings.Cut(lw, "-"); ok {
		return numberWords[a] && numberWords[b]
	}
	return false
}

func isYear(s string) bool {
	if len(s) != 4 || !isDigits(s) {
		return false
	}
	y, _ := strconv.Atoi(s)
	return y >= 1000 && y <= 2100
}

func isDecade(s string) bool { // 1990s, '90s
	return len(s) == 5 && s[4] == 's' && isYear(s[:4])
}

func isDayNum(s string) bool {
	s = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(s, "th"), "st"), "nd"), "rd")
	if len(s) == 0 || len(s) > 2 || !isDigits(s) {
		return false
	}
	d, _ := strconv.Atoi(s)
	return d >= 1 && d <= 31
}

func isOrdinal(lw string) bool {
	if ordinalWords[lw] {
		return true
	}
	if a, b, ok := strings.Cut(lw, "-"); ok && numberWords[a] && ordinalWords[b] {
		return true
	}
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if n, ok := strings.CutSuffix(lw, suf); ok && n != "" && isDigits(n) {
			return true
		}
	}
	return false
}

// isMonth accepts a capitalised month name; "May" and "March" only with
// date-like company.
func isMonth(si *sentInfo, i int) bool {
	if i >= len(si.forms) || !months[si.lower[i]] || !isCap(si.forms[i]) {
		return false
	}
	if si.lower[i] == "may" || si.lower[i] == "march" {
		next, prev := "", ""
		if i+1 < len(si.forms) {
			next = si.lower[i+1]
		}
		if i > 0 {
			prev = si.lower[i-1]
		}
		return isDayNum(next) || isYear(next) || prev == "in" || prev == "since" || prev == "until" || prev == "by" ||
			prev == "early" || prev == "late" || prev == "mid" || dateRel[prev] || prev == "of"
	}
	return true
}

// ruleSpans finds DATE, TIME, MONEY, PERCENT, QUANTITY, CARDINAL, ORDINAL and
// NORP spans among the tokens not already taken by the learned model.
func (r *Recognizer) ruleSpans(si *sentInfo, taken []bool) []span {
	var out []span
	n := len(si.forms)
	free := func(a, b int) bool {
		if b > n {
			return false
		}
		for k := a; k < b; k++ {
			if taken[k] {
				return false
			}
		}
		return true
	}
	for i := 0; i < n; {
		if taken[i] {
			i++
			continue
		}
		typ, end := matchRule(si, i)
		if end > i && free(i, end) {
			out = append(out, span{i, end, typ})
			i = end
			continue
		}
		// Nationalities and groups from the gazetteer.
		if si.gazBegin[i] && si.gaz[i]&gNORP != 0 && isCap(si.forms[i]) && free(i, i+si.gazLen[i]) {
			out = append(out, span{i, i + si.gazLen[i], nlp.NORP})
			i += si.gazLen[i]
			continue
		}
		i++
	}
	return out
}

// matchRule returns the type and end of the longest rule match starting at
// token i, or end == i for none.
func matchRule(si *sentInfo, i int) (string, int) {
	n := len(si.forms)
	lw := func(k int) string {
		if k < n {
			return si.lower[k]
		}
		return ""
	}
	w := lw(i)

	// Dates.
	if isMonth(si, i) { // January 9[, 2025] | August 2024 | January
		j := i + 1
		if isDayNum(lw(j)) {
			j++
			if lw(j) == "," && isYear(lw(j+1)) {
				j += 2
			} else if isYear(lw(j)) {
				j++
			}
		} else if isYear(lw(j)) {
			j++
		} else if lw(j) == "," && isYear(lw(j+1)) {
			j += 2
		}
		return nlp.Date, j
	}
	if isDayNum(w) && isMonth(si, i+1) { // 9 January [2025]
		j := i + 2
		if isYear(lw(j)) {
			j++
		}
		return nlp.Date, j
	}
	if weekdays[w] && isCap(si.forms[i]) {
		return nlp.Date, i + 1
	}
	if dateDeictic[w] {
		return nlp.Date, i + 1
	}
	if dateRel[w] && i+1 < n && (dateUnits[lw(i+1)] || weekdays[lw(i+1)] || (months[lw(i+1)] && isCap(si.forms[i+1]))) {
		if w != "this" || lw(i+1) != "morning" {
			return nlp.Date, i + 2
		}
	}
	if (w == "a" || w == "one" || isNumber(w)) && dateUnits[lw(i+1)] && dateAfter[lw(i+2)] {
		return nlp.Date, i + 3
	}
	if isDecade(w) {
		return nlp.Date, i + 1
	}
	// Times.
	if timeWords[w] {
		return nlp.Time, i + 1
	}
	if (w == "this" || w == "last" || w == "yesterday" || w == "tomorrow") && dayParts[lw(i+1)] {
		return nlp.Time, i + 2
	}
	if isClock(w) {
		if ampm[lw(i+1)] {
			return nlp.Time, i + 2
		}
		return nlp.Time, i + 1
	}
	if isDigits(w) && len(w) <= 2 && (ampm[lw(i+1)] || lw(i+1) == "o'clock") {
		return nlp.Time, i + 2
	}
	// Money with a leading symbol: "$ 5 million", "$5".
	if currencySymbols[w] && isNumber(lw(i+1)) {
		return nlp.Money, numberEnd(si, i+1)
	}
	if sym, num, ok := cutCurrency(w); ok && sym && isDigits(num) {
		j := i + 1
		for scaleWords[lw(j)] {
			j++
		}
		return nlp.Money, j
	}
	if strings.HasSuffix(w, "%") && isDigits(strings.TrimSuffix(w, "%")) {
		return nlp.Percent, i + 1
	}
	if isNumber(w) || (w == "a" && scaleWords[lw(i+1)]) {
		j := numberEnd(si, i)
		if w == "a" && j == i+1 {
			return "", i
		}
		switch next := lw(j); {
		case percentWords[next]:
			return nlp.Percent, j + 1
		case next == "per" && lw(j+1) == "cent":
			return nlp.Percent, j + 2
		case next == "percentage" && lw(j+1) == "points":
			return nlp.Percent, j + 2
		case currencyWords[next]:
			return nlp.Money, j + 1
		case units[next]:
			return nlp.Quantity, j + 1
		case unitPrefix[next] && units[lw(j+1)]:
			return nlp.Quantity, j + 2
		}
		if w == "a" {
			return nlp.Cardinal, j
		}
		if isYear(w) && j == i+1 && !strings.Contains(w, ",") {
			return nlp.Date, i + 1
		}
		if w == "one" && j == i+1 {
			// "one of", "one" as a pronoun: only a number beside a noun or another number.
			if next := lw(j); next == "of" || next == "," || next == "." || next == "" || next == "another" || next == "who" || next == "that" {
				return "", i
			}
		}
		return nlp.Cardinal, j
	}
	if isOrdinal(w) {
		return nlp.Ordinal, i + 1
	}
	return "", i
}

// numberEnd extends a number over scale words and hyphenated forms:
// "5 million", "two hundred thousand".
func numberEnd(si *sentInfo, i int) int {
	j := i + 1
	for j < len(si.forms) && (scaleWords[si.lower[j]] || (numberWords[si.lower[j]] && scaleWords[si.lower[j-1]])) {
		j++
	}
	return j
}

func isClock(s string) bool {
	h, m, ok := strings.Cut(s, ":")
	return ok && len(h) >= 1 && len(h) <= 2 && len(m) == 2 && isDigits(h) && isDigits(m)
}

// cutCurrency splits "$5" into its symbol and number.
func cutCurrency(s string) (sym bool, num string, ok bool) {
	for _, p := range []string{"us$", "$", "€", "£", "¥"} {
		if rest, found := strings.CutPrefix(s, p); found && rest != "" {
			return true, strings.TrimRightFunc(rest, unicode.IsLetter), true
		}
	}
	return false, "", false
}
