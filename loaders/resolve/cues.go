package resolve

import (
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/data"
	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// Type evidence from a name itself: its head noun ("Lake Erie", "Cleveland
// Orchestra", "Avignon Festival"), the bundled knowledge base of countries,
// cities, regions and international bodies, and the form of a sports team
// ("Boston Red Sox").

// headType returns the type a name's head word gives it, "" for none. The
// head is the word before "of" ("University of Helsinki", "Gulf of
// Mexico"), else the last word, numbers and Roman numerals dropped ("World
// War II", "2010 World Cup"); a leading "Lake", "Mount", "Fort", … makes a
// place too. Holidays and pilgrimages on their own are events.
func headType(ws []string) string {
	if len(ws) == 1 {
		if holidays[strings.ToLower(ws[0])] {
			return Event
		}
		return ""
	}
	low := make([]string, 0, len(ws))
	for _, w := range ws {
		low = append(low, strings.ToLower(w))
	}
	h := len(low) - 1
	for h > 0 && (romanOrNumber(low[h])) {
		h--
	}
	for i, w := range low {
		if ofLike[w] && i > 0 {
			h = i - 1
			break
		}
	}
	if h == 0 && h < len(low)-1 && !ofLike[low[1]] {
		// "Lake Erie": a one-word head before the name
		if placeFirst[low[0]] {
			return Place
		}
		return ""
	}
	head := low[h]
	if (head == "center" || head == "centre") && h+1 < len(low) && low[h+1] == "for" {
		return Organization // "Center for Advanced Study"
	}
	switch {
	case placeHeads[head]:
		return Place
	case eventHeads[head]:
		return Event
	case orgHeads[head] || orgWords[head]:
		return Organization
	case placeFirst[low[0]]:
		return Place
	}
	if strings.Join(low, " ") == "new year" || holidays[strings.Join(low, " ")] {
		return Event
	}
	return ""
}

// ofLike join a head to its complement in names ("University of Helsinki",
// "Conservatoire de Paris").
var ofLike = setOf("of", "for", "de", "du", "des", "di", "della", "del", "do", "da")

func romanOrNumber(w string) bool {
	if w == "" {
		return false
	}
	if strings.Trim(w, "ivx") == "" && len(w) <= 4 {
		return true
	}
	return strings.Trim(w, "0123456789") == ""
}

// placeHeads are the head nouns of place names.
var placeHeads = setOf("river", "lake", "sea", "ocean", "bay", "gulf", "strait", "channel", "island", "islands", "isle",
	"archipelago", "peninsula", "mountain", "mountains", "mount", "hills", "valley", "canyon", "desert",
	"forest", "glacier", "shelf", "falls", "coast", "beach", "harbor", "harbour", "park", "street", "st.", "avenue",
	"ave.", "ave", "road", "rd.", "boulevard", "blvd.", "square", "plaza", "bridge", "airport", "station", "cemetery",
	"alley", "arena", "stadium", "palace", "castle", "cathedral", "mosque", "tower", "memorial",
	"monument", "garden", "gardens", "zoo", "county", "province", "heights", "village", "township", "territory",
	"reef", "lagoon", "springs", "expressway", "highway", "freeway", "parkway", "hotel", "resort", "mall",
	"wharf", "pier", "dam", "canal", "trail", "cape", "oasis", "plateau", "basin", "delta", "volcano", "crater",
	"peak", "pass", "lighthouse", "abbey", "basilica", "chapel", "shrine", "fortress", "citadel", "center", "centre",
	"lodge", "terrace", "turnpike")

// placeFirst are words that start place names ("Lake Erie", "Mount Everest",
// "Rue de Rivoli", "Catedral de San Ildefonso").
var placeFirst = setOf("lake", "mount", "mt.", "fort", "cape", "isle", "rue", "avenue", "boulevard", "bd", "via",
	"calle", "paseo", "plaza", "catedral", "iglesia", "masjid", "lac", "lago", "monte", "isla", "río", "rio",
	"piazza", "playa", "puerto", "sierra", "île", "ile", "baie", "pointe", "port")

// eventHeads are the head nouns of event names.
var eventHeads = setOf("festival", "awards", "war", "series", "championship", "championships", "cup", "games",
	"olympics", "tournament", "revolution", "marathon", "election", "elections", "expo", "rebellion", "uprising",
	"massacre", "battle", "summit", "convention", "conference", "fair", "exhibition", "olympiad", "siege", "bowl", "prix", "fest", "carnival", "crusade", "earthquake", "hurricane")

// orgHeads are head nouns of organisation names besides orgWords.
var orgHeads = setOf("orchestra", "magazine", "comics", "broadcasting", "caucus", "conservatoire", "network",
	"records", "studios", "pictures", "press", "society", "academy", "laboratory", "federation", "corps", "bureau",
	"tribunal", "senate", "parliament", "congress", "church", "corporation", "company", "inc.", "ltd.", "airline",
	"institution", "organization", "organisation", "alliance", "coalition", "brotherhood", "guild", "band", "choir", "authority")

// holidays are events named by one word (or two).
var holidays = setOf("olympics", "paralympics", "christmas", "halloween", "easter", "thanksgiving", "hajj", "ramadan", "hanukkah", "diwali",
	"passover", "new year", "mardi gras", "new year's eve", "christmas eve", "oktoberfest")

// team reports whether a name is a sports team's: a known city, state or
// country followed by capitalised plurals ("Boston Red Sox", "Tampa Bay
// Rays", "Houston Astros").
func team(ws []string) bool {
	if len(ws) < 2 {
		return false
	}
	last := strings.ToLower(ws[len(ws)-1])
	if !(strings.HasSuffix(last, "s") && !strings.HasSuffix(last, "ss") || last == "sox") || placeHeads[last] || eventHeads[last] {
		return false
	}
	for k := len(ws) - 1; k >= 1; k-- {
		pre := strings.ToLower(strings.Join(ws[:k], " "))
		if t := kbType(pre); t == City || t == Country || t == Place || cities[pre] || countries[pre] {
			return true
		}
	}
	return false
}

// kbType returns the type the bundled knowledge base (data/kb/bundled.tsv)
// gives a lower-cased name (Country, City, Place or Organization), "" when
// it has none. Labels and other names count; ISO codes do not.
func kbType(low string) string { return kbNames()[low] }

var kbNames = sync.OnceValue(func() map[string]string {
	out := map[string]string{}
	for i, line := range strings.Split(data.BundledKB, "\n") {
		f := strings.Split(line, "\t")
		if i == 0 || len(f) < 11 {
			continue
		}
		typ := f[2]
		switch typ {
		case Country, City, Place, Organization:
		default:
			continue
		}
		for _, n := range append([]string{f[3]}, strings.Split(f[10], "|")...) {
			n = strings.ToLower(strings.TrimSpace(n))
			if n == "" {
				continue
			}
			if old, ok := out[n]; ok && old != typ {
				if rank[typ] <= rank[old] {
					continue // "Georgia": the country before the state; "Luxembourg": the country before the city
				}
			}
			out[n] = typ
		}
	}
	return out
})

// knownOrg reports whether a lower-cased name is a well-known organisation:
// one of data/gazetteer/organisations.txt or of moreOrgs, companies named
// like people ("Lockheed Martin", "Dow Jones").
func knownOrg(low string) bool { return orgNames()[low] }

var orgNames = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, line := range strings.Split(data.Organisations, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			out[strings.ToLower(line)] = true
		}
	}
	for _, n := range moreOrgs {
		out[n] = true
	}
	return out
})

// moreOrgs are companies whose names read like people's or places'.
var moreOrgs = []string{"northrop grumman", "dow jones", "standard & poor's", "s&p", "merrill lynch", "lehman brothers",
	"bear stearns", "johnson & johnson", "procter & gamble", "ernst & young", "charles schwab", "wells fargo",
	"dow chemical", "general dynamics", "procter & gamble", "barnes & noble", "marks & spencer", "general electric", "chrysler", "daimler", "porsche", "ferrari",
	"lamborghini", "rolls-royce", "harley-davidson", "marriott", "hilton", "disney", "warner bros.", "paramount",
	"lufthansa", "ryanair", "emirates"}

var rank = map[string]int{Country: 4, Organization: 3, City: 2, Place: 1}

// placeComma reports whether a name is followed by a comma and a known
// country, city, region or US state ("Irving, Texas", "Aberdeenshire,
// Scotland", "Paramus, NJ"): the name is a place in it.
func placeComma(s *nlp.Sentence, end int) bool {
	if end+1 >= len(s.Tokens) || s.Tokens[end].Form != "," {
		return false
	}
	for l := 3; l >= 1; l-- {
		if end+1+l > len(s.Tokens) {
			continue
		}
		low := strings.ToLower(spanText(s, end+1, end+1+l))
		if t := kbType(low); t == Country || t == City || t == Place || countries[low] || usStates[low] && len(low) > 2 ||
			l == 1 && isAcronym(s.Tokens[end+1].Form) && usStates[low] {
			return true // a postal code only in capitals: "Paramus, NJ", not "Smith, in 2010"
		}
	}
	return false
}

// usStates are the US states and their postal codes.
var usStates = setOf("alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware",
	"florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine",
	"maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada",
	"new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio", "oklahoma",
	"oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas", "utah", "vermont",
	"virginia", "washington", "west virginia", "wisconsin", "wyoming", "d.c.", "dc",
	"al", "ak", "az", "ar", "ca", "co", "ct", "de", "fl", "ga", "hi", "id", "il", "in", "ia", "ks", "ky", "la", "me",
	"md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh", "nj", "nm", "ny", "nc", "nd", "oh", "ok", "or", "pa",
	"ri", "sc", "sd", "tn", "tx", "ut", "vt", "va", "wa", "wv", "wi", "wy")
