package link

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Wikidata classes (P31 values) mapped to our entity types. An item of
// none of them gets Thing.
var wikidataTypes = map[string]string{
	"Q5": Person,
	// countries
	"Q6256": Country, "Q3624078": Country, "Q3024240": Country, "Q7275": Country, "Q1763527": Country,
	"Q15634554": Country, "Q112099": Country, "Q161243": Country,
	// cities and towns
	"Q515": City, "Q1549591": City, "Q1637706": City, "Q5119": City, "Q200250": City, "Q486972": City,
	"Q3957": City, "Q15284": City, "Q532": City, "Q1093829": City, "Q7930989": City, "Q902814": City,
	// other places
	"Q82794": Place, "Q35657": Place, "Q10864048": Place, "Q107390": Place, "Q8502": Place, "Q4022": Place,
	"Q23397": Place, "Q165": Place, "Q5107": Place, "Q23442": Place, "Q34876": Place, "Q2221906": Place,
	"Q56061": Place, "Q1620908": Place, "Q12076836": Place,
	// organisations
	"Q43229": Organization, "Q4830453": Organization, "Q891723": Organization, "Q783794": Organization,
	"Q7278": Organization, "Q484652": Organization, "Q327333": Organization, "Q2659904": Organization,
	"Q3918": Organization, "Q476028": Organization, "Q1331793": Organization, "Q11032": Organization,
	"Q245065": Organization, "Q163740": Organization, "Q6881511": Organization, "Q17149090": Organization,
	"Q1320047": Organization, "Q15911314": Organization, "Q31855": Organization, "Q1664720": Organization,
	"Q7210356": Organization, "Q1058914": Organization, "Q4438121": Organization,
	// groups of people
	"Q41710": Group, "Q33829": Group, "Q231002": Group,
}

// typePriority orders types when an item is an instance of several
// classes: the more specific kinds of place first.
var typePriority = map[string]int{Country: 0, City: 1, Person: 2, Organization: 3, Place: 4, Group: 5, Thing: 6}

// wdEntity is the part of a Wikidata JSON entity that linking keeps.
type wdEntity struct {
	Type   string `json:"type"`
	ID     string `json:"id"`
	Labels struct {
		En *wdText `json:"en"`
	} `json:"labels"`
	Aliases struct {
		En []wdText `json:"en"`
	} `json:"aliases"`
	Claims struct {
		P31   []wdClaim `json:"P31"`   // instance of
		P17   []wdClaim `json:"P17"`   // country
		P36   []wdClaim `json:"P36"`   // capital
		P1376 []wdClaim `json:"P1376"` // capital of
		P625  []wdClaim `json:"P625"`  // coordinates
		P1082 []wdClaim `json:"P1082"` // population
		P297  []wdClaim `json:"P297"`  // ISO 3166-1 alpha-2
		P298  []wdClaim `json:"P298"`  // ISO 3166-1 alpha-3
		P1813 []wdClaim `json:"P1813"` // short name
		P1549 []wdClaim `json:"P1549"` // demonym
	} `json:"claims"`
	Sitelinks map[string]struct {
		Title string `json:"title"`
	} `json:"sitelinks"`
}

type wdText struct {
	Language string `json:"language"`
	Value    string `json:"value"`
}

type wdClaim struct {
	Rank     string `json:"rank"`
	Mainsnak struct {
		Datavalue struct {
			Value json.RawMessage `json:"value"`
			Type  string          `json:"type"`
		} `json:"datavalue"`
	} `json:"mainsnak"`
}

func (c wdClaim) itemID() string {
	var v struct {
		ID string `json:"id"`
	}
	if c.Mainsnak.Datavalue.Type != "wikibase-entityid" || json.Unmarshal(c.Mainsnak.Datavalue.Value, &v) != nil {
		return ""
	}
	return v.ID
}

func (c wdClaim) str() string {
	var s string
	if json.Unmarshal(c.Mainsnak.Datavalue.Value, &s) != nil {
		return ""
	}
	return s
}

func (c wdClaim) englishText() string {
	var t wdText
	if c.Mainsnak.Datavalue.Type != "monolingualtext" || json.Unmarshal(c.Mainsnak.Datavalue.Value, &t) != nil {
		return ""
	}
	if t.Language != "en" {
		return ""
	}
	return t.Value
}

// best returns the claims to use: the preferred ones if any, else the
// normal ones; deprecated claims never.
func best(cs []wdClaim) []wdClaim {
	var pref, norm []wdClaim
	for _, c := range cs {
		switch c.Rank {
		case "preferred":
			pref = append(pref, c)
		case "deprecated":
		default:
			norm = append(norm, c)
		}
	}
	if len(pref) > 0 {
		return pref
	}
	return norm
}

// ParseWikidataEntity turns one entity of a Wikidata JSON dump (one line,
// without the trailing comma) into an Item and its sitelink count. ok is
// false for entities linking does not keep (properties, lexemes, items
// without an English label).
func ParseWikidataEntity(line []byte) (it Item, sitelinks int, ok bool, err error) {
	var e wdEntity
	if err := json.Unmarshal(line, &e); err != nil {
		return Item{}, 0, false, err
	}
	if e.ID == "" {
		return Item{}, 0, false, errors.New("entity without an id")
	}
	if e.Type != "item" || e.Labels.En == nil || e.Labels.En.Value == "" {
		return Item{}, 0, false, nil
	}
	it = Item{ID: e.ID, IRI: WikidataNS + e.ID, Label: e.Labels.En.Value, Type: Thing}
	for _, a := range e.Aliases.En {
		// Aliases, "U.S." and "UK" among them, are names the item goes by;
		// codes are what the ISO properties and short names give.
		if a.Value != it.Label {
			addUnique(&it.Names, a.Value)
		}
	}
	for _, c := range best(e.Claims.P31) {
		if t, ok := wikidataTypes[c.itemID()]; ok && typePriority[t] < typePriority[it.Type] {
			it.Type = t
		}
	}
	if cs := best(e.Claims.P17); len(cs) > 0 {
		it.Country = cs[0].itemID()
	}
	if it.Type == Country {
		it.Country = it.ID
	}
	if cs := best(e.Claims.P36); len(cs) > 0 && it.Type == Country {
		it.Capital = cs[0].itemID()
	}
	if cs := best(e.Claims.P1376); len(cs) > 0 && it.Type != Country {
		it.Capital = cs[0].itemID()
	}
	if cs := best(e.Claims.P625); len(cs) > 0 {
		var v struct {
			Latitude  float64 `json:"latitude"`
			Longitude float64 `json:"longitude"`
		}
		if json.Unmarshal(cs[0].Mainsnak.Datavalue.Value, &v) == nil {
			it.Lat, it.Lon, it.HasCoord = v.Latitude, v.Longitude, true
		}
	}
	if cs := best(e.Claims.P1082); len(cs) > 0 {
		var v struct {
			Amount string `json:"amount"`
		}
		if json.Unmarshal(cs[0].Mainsnak.Datavalue.Value, &v) == nil {
			if f, err := strconv.ParseFloat(strings.TrimPrefix(v.Amount, "+"), 64); err == nil && f > 0 {
				it.Population = int64(f)
			}
		}
	}
	for _, cs := range [][]wdClaim{e.Claims.P297, e.Claims.P298} {
		for _, c := range best(cs) {
			if s := c.str(); s != "" {
				addUnique(&it.Codes, s)
			}
		}
	}
	for _, c := range best(e.Claims.P1813) {
		if s := c.englishText(); s != "" {
			if isCaps(s) {
				addUnique(&it.Codes, s)
			} else if s != it.Label {
				addUnique(&it.Names, s)
			}
		}
	}
	for _, c := range best(e.Claims.P1549) {
		if s := c.englishText(); s != "" {
			addUnique(&it.Demonyms, s)
		}
	}
	sitelinks = len(e.Sitelinks)
	if t := e.Sitelinks["enwiki"].Title; t != "" {
		it.SameAs = []string{DBpediaNS + strings.ReplaceAll(t, " ", "_")}
	}
	it.Prior = math.Round(math.Min(1, math.Log1p(float64(sitelinks))/math.Log1p(300))*1000) / 1000
	return it, sitelinks, true, nil
}

func addUnique(list *[]string, s string) {
	for _, x := range *list {
		if x == s {
			return
		}
	}
	*list = append(*list, s)
}

// DumpLines calls fn for each entity line of a Wikidata JSON dump read
// from r: the dump is one JSON array with one entity per line, so the
// "[" and "]" lines are skipped and each line's trailing comma removed.
// Memory holds one line at a time.
func DumpLines(r io.Reader, fn func(lineNo int, line []byte) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	n := 0
	for {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 {
			n++
			l := bytes.TrimSpace(line)
			l = bytes.TrimSuffix(l, []byte(","))
			if len(l) > 0 && !(len(l) == 1 && (l[0] == '[' || l[0] == ']')) {
				if ferr := fn(n, l); ferr != nil {
					return ferr
				}
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("line %d: %w", n+1, err)
		}
	}
}
