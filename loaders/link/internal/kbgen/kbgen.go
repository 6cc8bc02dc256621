// Package kbgen compiles newsgraph's bundled knowledge base
// (data/kb/bundled.tsv) from the reference lists in data/gazetteer/ —
// unmodified copies of Natural Earth countries and populated places,
// country-coder features, SupraVerden bodies and DBpedia's states
// (shared/linking/) — plus the hand-written additions in extra.tsv and the
// national institutions of institutions.tsv. The output is deterministic;
// regenerate it with
//
//	go test ./loaders/link/internal/kbgen -update
//
// and TestRegenerate checks that the committed file is what Build writes.
package kbgen

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph/turtle"
	"github.com/newsgraph/newsgraph/loaders/link"
)

//go:embed extra.tsv
var extraTSV string

//go:embed institutions.tsv
var institutionsTSV string

// Build reads the lists in gazetteer (the data/gazetteer folder) and
// returns the bundled knowledge base in the format link.ReadTSV reads.
func Build(gazetteer string) ([]byte, error) {
	b := &builder{items: map[string]*link.Item{}, iso2: map[string]string{}, iso3: map[string]string{}}
	norp, err := readLines(filepath.Join(gazetteer, "norp.txt"))
	if err != nil {
		return nil, err
	}
	b.norp = map[string]bool{}
	for _, n := range norp {
		b.norp[n] = true
	}
	if err := b.countries(filepath.Join(gazetteer, "countries.tsv")); err != nil {
		return nil, err
	}
	if err := b.countryCoder(filepath.Join(gazetteer, "country-coder.json")); err != nil {
		return nil, err
	}
	if err := b.places(filepath.Join(gazetteer, "populated_places.tsv")); err != nil {
		return nil, err
	}
	if err := b.bodies(filepath.Join(gazetteer, "bodies.tsv")); err != nil {
		return nil, err
	}
	if err := b.extra(); err != nil {
		return nil, err
	}
	if err := b.institutions(); err != nil {
		return nil, err
	}
	if err := b.dbpedia(filepath.Join(gazetteer, "dbpedia-states-geo.ttl")); err != nil {
		return nil, err
	}
	b.demonyms()
	// A town named like a common first name ("Mary", "Pierre", "Nancy")
	// gets no prior: the scorer links it only in context. Capitals keep theirs.
	first, err := readLines(filepath.Join(gazetteer, "first_names.txt"))
	if err != nil {
		return nil, err
	}
	for _, n := range first {
		for _, it := range b.items {
			if it.Label == n && it.Type == link.City && it.Capital == "" {
				it.Prior = 0
			}
		}
	}
	items := make([]link.Item, 0, len(b.items))
	for _, it := range b.items {
		items = append(items, *it)
	}
	sort.Slice(items, func(i, j int) bool { return qless(items[i].ID, items[j].ID) })
	var out strings.Builder
	if err := link.WriteTSV(&out, items); err != nil {
		return nil, err
	}
	return []byte(out.String()), nil
}

type builder struct {
	items      map[string]*link.Item
	iso2, iso3 map[string]string // country codes → QID
	norp       map[string]bool
}

// qless orders QIDs by number, before other IDs (titles), which sort as
// strings.
func qless(a, b string) bool {
	if qa, qb := isQID(a), isQID(b); qa != qb {
		return qa
	}
	na, ea := strconv.Atoi(strings.TrimPrefix(a, "Q"))
	nb, eb := strconv.Atoi(strings.TrimPrefix(b, "Q"))
	if ea != nil || eb != nil {
		return a < b
	}
	return na < nb
}

func (b *builder) item(qid string) (*link.Item, bool) {
	if it, ok := b.items[qid]; ok {
		return it, false
	}
	it := &link.Item{ID: qid, IRI: link.WikidataNS + qid}
	b.items[qid] = it
	return it, true
}

// addName adds a name unless the item already has it (by link.Norm).
func addName(it *link.Item, n string) {
	n = clean(n)
	if n == "" {
		return
	}
	if it.Label == "" {
		it.Label = n
		return
	}
	k := link.Norm(n)
	if k == "" || k == link.Norm(it.Label) {
		return
	}
	for _, o := range it.Names {
		if link.Norm(o) == k {
			return
		}
	}
	it.Names = append(it.Names, n)
}

func addTo(list *[]string, v string) {
	v = clean(v)
	if v == "" || v == "-99" {
		return
	}
	for _, o := range *list {
		if o == v {
			return
		}
	}
	*list = append(*list, v)
}

func clean(s string) string {
	s = strings.TrimSpace(strings.NewReplacer("\t", " ", "|", " ", "\n", " ").Replace(s))
	if s == "-99" {
		return ""
	}
	return s
}

func (b *builder) countries(path string) error {
	return readTSV(path, func(r map[string]string) error {
		q := r["wikidataid"]
		if !isQID(q) {
			return nil
		}
		it, _ := b.item(q)
		it.Type = link.Country
		it.Country = q
		for _, f := range []string{"name_en", "name", "name_long", "admin", "formal_en", "name_alt",
			"name_de", "name_fr", "name_es", "name_ru", "name_zh", "name_ar"} {
			addName(it, r[f])
		}
		for _, f := range []string{"iso_a2", "iso_a2_eh", "iso_a3", "iso_a3_eh"} {
			addTo(&it.Codes, r[f])
		}
		for _, f := range []string{"iso_a2", "iso_a2_eh"} {
			if c := clean(r[f]); c != "" && b.iso2[c] == "" {
				b.iso2[c] = q
			}
		}
		for _, f := range []string{"iso_a3", "iso_a3_eh"} {
			if c := clean(r[f]); c != "" && b.iso3[c] == "" {
				b.iso3[c] = q
			}
		}
		if p, err := strconv.ParseFloat(r["pop_est"], 64); err == nil && p > 0 {
			it.Population = int64(p)
		}
		it.Prior = 0.8
		if r["type"] == "Sovereign country" || r["type"] == "Country" {
			it.Prior = 1
		}
		return nil
	})
}

type ccFeature struct {
	Wikidata string   `json:"wikidata"`
	NameEn   string   `json:"nameEn"`
	Aliases  []string `json:"aliases"`
	Country  string   `json:"country"`
	ISO1A2   string   `json:"iso1A2"`
	ISO1A3   string   `json:"iso1A3"`
	Level    string   `json:"level"`
}

func (b *builder) countryCoder(path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var fs []ccFeature
	if err := json.Unmarshal(raw, &fs); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for _, f := range fs {
		if !isQID(f.Wikidata) || f.Level == "subcountryGroup" {
			continue
		}
		it, isNew := b.item(f.Wikidata)
		if isNew {
			switch f.Level {
			case "union", "unitedNations":
				it.Type, it.Prior = link.Organization, 1
			case "region", "subregion", "intermediateRegion":
				it.Type, it.Prior = link.Place, 0.7
			case "sharedLandform":
				// An island named like a country (Great Britain, Ireland,
				// Cyprus) is rarely what the news means by the name.
				it.Type, it.Prior = link.Place, 0.3
			default:
				it.Type, it.Prior = link.Place, 0.6
				if f.ISO1A2 != "" && f.Country == "" || f.Level == "territory" {
					it.Type, it.Prior = link.Country, 0.8
				}
			}
		}
		addName(it, f.NameEn)
		for _, a := range f.Aliases {
			if isCode(a) {
				addTo(&it.Codes, a)
			} else {
				addName(it, a)
			}
		}
		addTo(&it.Codes, f.ISO1A2)
		addTo(&it.Codes, f.ISO1A3)
		if it.Country == "" {
			switch {
			case it.Type == link.Country:
				it.Country = it.ID
			case f.Country != "":
				it.Country = b.iso2[f.Country]
			}
		}
		if f.ISO1A2 != "" && b.iso2[f.ISO1A2] == "" {
			b.iso2[f.ISO1A2] = it.ID
		}
	}
	return nil
}

// isCode reports whether an alias is a code ("GB-ENG", "UK", "FX").
func isCode(s string) bool {
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.') {
			return false
		}
	}
	return s != ""
}

func (b *builder) places(path string) error {
	capPop := map[string]float64{}
	return readTSV(path, func(r map[string]string) error {
		q := r["wikidataid"]
		if !isQID(q) {
			return nil
		}
		it, isNew := b.item(q)
		if isNew {
			it.Type = link.City
		}
		for _, f := range []string{"name_en", "name", "nameascii", "namealt", "name_de", "name_fr", "name_es",
			"name_ru", "name_zh", "name_ar"} {
			addName(it, r[f])
		}
		country := b.iso3[clean(r["adm0_a3"])]
		if country == "" {
			country = b.iso2[clean(r["iso_a2"])]
		}
		if it.Country == "" {
			it.Country = country
		}
		lat, e1 := strconv.ParseFloat(r["latitude"], 64)
		lon, e2 := strconv.ParseFloat(r["longitude"], 64)
		if e1 == nil && e2 == nil {
			it.Lat, it.Lon, it.HasCoord = lat, lon, true
		}
		pop, _ := strconv.ParseFloat(r["pop_max"], 64)
		if pop > 0 {
			it.Population = int64(pop)
		}
		it.Prior = math.Round(math.Min(1, math.Max(0.3, math.Log10(math.Max(pop, 1))/7.3))*100) / 100
		if r["featurecla"] == "Admin-0 capital" && country != "" && r["adm0cap"] == "1" {
			if c, ok := b.items[country]; ok && pop > capPop[country] {
				if old, ok := b.items[c.Capital]; ok && old.Capital == country {
					old.Capital = ""
				}
				capPop[country] = pop
				c.Capital = q
				it.Capital = country
				it.Prior = 1
			}
		}
		return nil
	})
}

func (b *builder) bodies(path string) error {
	return readTSV(path, func(r map[string]string) error {
		q := r["wikidata"]
		if !isQID(q) {
			return nil
		}
		it, isNew := b.item(q)
		if isNew {
			it.Type, it.Prior = link.Organization, 0.6
		}
		addName(it, r["name_en"])
		if r["key"] != r["name_en"] {
			addName(it, r["key"])
		}
		addTo(&it.Codes, r["abbreviation_en"])
		return nil
	})
}

func (b *builder) extra() error {
	for i, line := range strings.Split(extraTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return fmt.Errorf("extra.tsv:%d: want QID<TAB>kind<TAB>value", i+1)
		}
		it, ok := b.items[f[0]]
		if !ok {
			return fmt.Errorf("extra.tsv:%d: %s is not in the lists", i+1, f[0])
		}
		switch f[1] {
		case "name":
			addName(it, f[2])
		case "code":
			addTo(&it.Codes, f[2])
		case "demonym":
			addTo(&it.Demonyms, f[2])
		default:
			return fmt.Errorf("extra.tsv:%d: unknown kind %q", i+1, f[1])
		}
	}
	return nil
}

// dbpedia gives each country the DBpedia resource (written as a second
// owl:sameAs) whose English name (foaf:name) is the country's label, when
// exactly one resource of the DBpedia list of states has that name.
func (b *builder) dbpedia(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	byName := map[string][]string{}
	r := turtle.NewReader(f, "")
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		s, ok := q.Subject.(quad.IRI)
		if !ok || q.Predicate != quad.IRI("http://xmlns.com/foaf/0.1/name") || !strings.HasPrefix(string(s), link.DBpediaNS) {
			continue
		}
		n := q.Object.Native()
		name, ok := n.(string)
		if !ok {
			if l, isLang := q.Object.(quad.LangString); isLang {
				name, ok = string(l.Value), true
			}
		}
		if ok && !slices.Contains(byName[name], string(s)) {
			byName[name] = append(byName[name], string(s))
		}
	}
	// By label first; a country whose label is not DBpedia's ("United States
	// of America") by the first of its other names that names one resource
	// no other country has.
	used := map[string]bool{}
	var rest []*link.Item
	for _, id := range b.ids() {
		it := b.items[id]
		if it.Type != link.Country {
			continue
		}
		if iris := byName[it.Label]; len(iris) == 1 {
			addTo(&it.SameAs, iris[0])
			used[iris[0]] = true
		} else {
			rest = append(rest, it)
		}
	}
	for _, it := range rest {
		for _, n := range it.Names {
			if iris := byName[n]; len(iris) == 1 && !used[iris[0]] {
				addTo(&it.SameAs, iris[0])
				used[iris[0]] = true
				break
			}
		}
	}
	return nil
}

// ids are the items' IDs in the order of the output.
func (b *builder) ids() []string {
	out := make([]string, 0, len(b.items))
	for id := range b.items {
		out = append(out, id)
	}
	sort.Slice(out, func(i, j int) bool { return qless(out[i], out[j]) })
	return out
}

// institutions adds the national institutions of institutions.tsv: items
// known by their English Wikipedia title (ID and label from the title,
// IRI the DBpedia resource), of one country.
func (b *builder) institutions() error {
	for i, line := range strings.Split(institutionsTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return fmt.Errorf("institutions.tsv:%d: want title<TAB>type<TAB>country<TAB>names", i+1)
		}
		title, typ, country := f[0], f[1], f[2]
		if c, ok := b.items[country]; !ok || c.Type != link.Country {
			return fmt.Errorf("institutions.tsv:%d: %s is not a country of the lists", i+1, country)
		}
		if _, dup := b.items[title]; dup || title == "" || strings.ContainsAny(title, " \t") {
			return fmt.Errorf("institutions.tsv:%d: title %q is empty, has spaces or is listed twice", i+1, title)
		}
		it := &link.Item{ID: title, IRI: link.DBpediaNS + title, Type: typ, Country: country, Prior: 0.8}
		b.items[title] = it
		addName(it, strings.ReplaceAll(title, "_", " "))
		for _, n := range strings.Split(f[3], "|") {
			addName(it, n)
		}
	}
	return nil
}

// demonyms derives the regular demonyms of countries ("North Korea" →
// "North Korean", "Russia" → "Russian", "Kenya" → "Kenyan") from their
// English names, keeping those norp.txt lists (with their plurals) and
// that only one country derives.
func (b *builder) demonyms() {
	owner := map[string]string{}
	for _, it := range b.items {
		if it.Type != link.Country {
			continue
		}
		for _, n := range append([]string{it.Label}, it.Names...) {
			for _, d := range derive(n) {
				if !b.norp[d] {
					continue
				}
				if o, ok := owner[d]; ok && o != it.ID {
					owner[d] = "" // ambiguous
				} else if !ok {
					owner[d] = it.ID
				}
			}
		}
	}
	ds := make([]string, 0, len(owner))
	for d := range owner {
		ds = append(ds, d)
	}
	sort.Strings(ds)
	for _, d := range ds {
		if q := owner[d]; q != "" {
			it := b.items[q]
			addTo(&it.Demonyms, d)
			if b.norp[d+"s"] {
				addTo(&it.Demonyms, d+"s")
			}
		}
	}
}

// derive makes the regular demonym forms of a place name.
func derive(name string) []string {
	words := strings.Fields(name)
	if len(words) == 0 || len(words) > 3 {
		return nil
	}
	last := words[len(words)-1]
	pre := strings.Join(words[:len(words)-1], " ")
	if pre != "" {
		pre += " "
	}
	var out []string
	add := func(s string) { out = append(out, pre+s) }
	add(last + "n")
	add(last + "an")
	add(last + "ian")
	add(last + "i")
	add(last + "ese")
	for _, suf := range []string{"a", "e", "o", "y", "ia", "land"} {
		if stem, ok := strings.CutSuffix(last, suf); ok {
			add(stem + "an")
			add(stem + "ian")
			add(stem + "ese")
			add(stem + "i")
			add(stem + "ic")
		}
	}
	return out
}

func isQID(s string) bool {
	if len(s) < 2 || s[0] != 'Q' {
		return false
	}
	_, err := strconv.Atoi(s[1:])
	return err == nil
}

func readLines(path string) ([]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(string(raw), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out, nil
}

// readTSV calls fn for every row of a TSV file with a header line.
func readTSV(path string, fn func(map[string]string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var head []string
	line := 0
	for sc.Scan() {
		line++
		cols := strings.Split(strings.TrimRight(sc.Text(), "\r"), "\t")
		if head == nil {
			head = cols
			continue
		}
		r := make(map[string]string, len(head))
		for i, h := range head {
			if i < len(cols) {
				r[h] = cols[i]
			}
		}
		if err := fn(r); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
