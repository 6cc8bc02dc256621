package ner

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
	"github.com/newsgraph/newsgraph/loaders/nlp/internal/gzfile"
)

// Gazetteer categories (bit flags: a phrase may be several things).
const (
	gCountry uint16 = 1 << iota // sovereign countries and territories
	gCity                       // populated places
	gState                      // first-level administrative divisions
	gRegion                     // continents, sub-regions, landforms: LOC
	gOrg                        // organisations (full names)
	gNORP                       // nationalities, religious and political groups
	gFirst                      // person given names
	gTown                       // any named populated place, however small (GeoNames): a LOC, weak evidence
	gGiven                      // given names from a long list (Moby)
	gWnOrg                      // WordNet noun.group names (organisations, peoples, bodies)
	gWnLoc                      // WordNet noun.location instances (places)
	gWnPer                      // WordNet noun.person instances (famous people, also their surnames)
	gBrand                      // brands and products (Simple Icons)
	nGazCats = iota
)

var gazCatNames = [nGazCats]string{"country", "city", "state", "region", "org", "norp", "first", "town", "given", "wnorg", "wnloc", "wnper", "brand"}

// gpeCats are the categories that make a place span a GPE rather than a LOC.
const gpeCats = gCountry | gCity | gState

// Gazetteer holds the phrase lists the recognizer uses as features and to
// split places into GPE and LOC. Keys are normalised with gazKey; Exact holds
// case-sensitive entries (abbreviations such as "US", "NATO").
type Gazetteer struct {
	// phrases maps phraseHash(gazKey(name)) to the name's categories: a
	// 64-bit hash rather than the string, so that a model with 170,000
	// names loads without allocating a string for each.
	phrases phraseTable
	Exact   map[string]uint16
	MaxLen  int // longest phrase, in tokens
	// Lex maps a lower-cased word to packed statistics from UD English-EWT
	// train (see lexCode).
	Lex map[string]uint32
}

// gazKey normalises a phrase for lookup: lower case, with spaces and hyphens
// removed, so that tokenisation differences ("Guinea-Bissau" vs "Guinea - Bissau")
// do not matter.
func gazKey(buf []byte, s string) []byte {
	for _, r := range s {
		if r == ' ' || r == '-' || r == '\u00a0' {
			continue
		}
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	return buf
}

// phraseCats returns the categories of a name (bit flags, 0 if unknown).
func (g *Gazetteer) phraseCats(name string) uint16 {
	c, _ := g.phrases.get(phraseHash(gazKey(nil, name)))
	return c
}

// phraseHash is the 64-bit FNV-1a hash of a gazKey.
func phraseHash(key []byte) uint64 {
	h := uint64(fnvOffset)
	for _, b := range key {
		h ^= uint64(b)
		h *= fnvPrime
	}
	return h
}

func (g *Gazetteer) add(name string, cat uint16) {
	name = strings.TrimSpace(name)
	if name == "" {
		return
	}
	n := len(strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' || r == '\'' })) + strings.Count(name, "-")
	if n > 8 {
		return
	}
	if n > g.MaxLen {
		g.MaxLen = n
	}
	if isAbbrev(name) {
		g.Exact[name] |= cat
		return
	}
	g.phrases.or(phraseHash(gazKey(nil, name)), cat)
}

// isAbbrev reports whether name is an all-capitals abbreviation ("NATO",
// "U.S."), which must match case-sensitively.
func isAbbrev(name string) bool {
	if len(name) > 8 {
		return false
	}
	upper := 0
	for _, r := range name {
		switch {
		case unicode.IsUpper(r):
			upper++
		case r == '.' || r == '&' || unicode.IsDigit(r):
		default:
			return false
		}
	}
	return upper >= 2 || (upper == 1 && strings.Contains(name, "."))
}

// LoadGazetteer reads the lists in dir (the project's data/gazetteer):
// countries.tsv and populated_places.tsv (Natural Earth), country-coder.json,
// bodies.tsv (SupraVerden), norp.txt, first_names.txt, organisations.txt and
// extra.tsv (hand lists), towns.txt.gz, given_names.txt, brands.txt and
// wordnet_names.tsv (GeoNames, Moby, Simple Icons, WordNet: written by
// internal/gazlists) and ewt-lexicon.tsv.gz (derived from UD English-EWT
// train by BuildLexicon).
// A missing optional list is skipped; a malformed one is an error.
func LoadGazetteer(dir string) (*Gazetteer, error) {
	g := &Gazetteer{Exact: map[string]uint16{}, Lex: map[string]uint32{}}
	steps := []struct {
		name     string
		required bool
		read     func(io.Reader) error
	}{
		{"countries.tsv", true, g.readCountries},
		{"populated_places.tsv", true, g.readPlaces},
		{"country-coder.json", false, g.readCountryCoder},
		{"bodies.tsv", false, g.readBodies},
		{"norp.txt", false, g.listReader(gNORP)},
		{"first_names.txt", false, g.listReader(gFirst)},
		{"organisations.txt", false, g.listReader(gOrg)},
		{"towns.txt.gz", false, g.listReader(gTown)},
		{"given_names.txt", false, g.listReader(gGiven)},
		{"wordnet_names.tsv", false, g.readExtra},
		{"brands.txt", false, g.listReader(gBrand)},
		{"extra.tsv", false, g.readExtra},
		{"ewt-lexicon.tsv.gz", false, g.readLexicon},
	}
	for _, st := range steps {
		path := filepath.Join(dir, st.name)
		rc, err := gzfile.Open(path)
		if err != nil {
			if !st.required && errors.Is(err, os.ErrNotExist) {
				continue
			}
			return nil, fmt.Errorf("gazetteer: %w", err)
		}
		err = st.read(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("gazetteer %s: %w", path, err)
		}
	}
	return g, nil
}

// readTSV calls fn with every data row of a headed TSV, by column name.
func readTSV(r io.Reader, fn func(col func(string) string)) error {
	cr := csv.NewReader(r)
	cr.Comma = '\t'
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return err
	}
	idx := map[string]int{}
	for i, h := range head {
		idx[h] = i
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		fn(func(name string) string {
			if i, ok := idx[name]; ok && i < len(rec) {
				return rec[i]
			}
			return ""
		})
	}
}

func (g *Gazetteer) readCountries(r io.Reader) error {
	return readTSV(r, func(col func(string) string) {
		for _, c := range []string{"name", "name_long", "name_en", "formal_en", "name_alt", "admin", "sovereignt"} {
			g.add(col(c), gCountry)
		}
	})
}

func (g *Gazetteer) readPlaces(r io.Reader) error {
	return readTSV(r, func(col func(string) string) {
		for _, c := range []string{"name", "nameascii", "name_en"} {
			g.add(col(c), gCity)
		}
		for _, alt := range strings.Split(col("namealt"), "|") {
			g.add(alt, gCity)
		}
		if col("adm0name") != col("adm1name") {
			g.add(col("adm1name"), gState)
		}
	})
}

func (g *Gazetteer) readCountryCoder(r io.Reader) error {
	var feats []struct {
		NameEn  string   `json:"nameEn"`
		Aliases []string `json:"aliases"`
		Level   string   `json:"level"`
	}
	if err := json.NewDecoder(r).Decode(&feats); err != nil {
		return err
	}
	for _, f := range feats {
		cat := gCountry
		switch f.Level {
		case "region", "subregion", "intermediateRegion", "sharedLandform", "world":
			cat = gRegion
		case "union", "unitedNations", "subunion", "subcountryGroup":
			cat = gOrg
			if f.Level == "subcountryGroup" {
				continue
			}
		}
		g.add(f.NameEn, cat)
		for _, a := range f.Aliases {
			// Keep word aliases, not codes such as "GB-ENG" or "872".
			if strings.IndexFunc(a, unicode.IsLower) >= 0 {
				g.add(a, cat)
			}
		}
	}
	return nil
}

func (g *Gazetteer) readBodies(r io.Reader) error {
	return readTSV(r, func(col func(string) string) {
		g.add(col("name_en"), gOrg)
		if a := col("abbreviation_en"); isAbbrev(a) {
			g.add(a, gOrg)
		}
	})
}

// listReader reads one name a line ("#" comments) into category cat.
func (g *Gazetteer) listReader(cat uint16) func(io.Reader) error {
	return func(r io.Reader) error {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			l := strings.TrimSpace(sc.Text())
			if l == "" || l[0] == '#' {
				continue
			}
			g.add(l, cat)
		}
		return sc.Err()
	}
}

// readExtra reads "category<TAB>name" lines, category one of gazCatNames
// (extra.tsv, by hand; wordnet_names.tsv, by gazlists).
func (g *Gazetteer) readExtra(r io.Reader) error {
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		l := strings.TrimSpace(sc.Text())
		if l == "" || l[0] == '#' {
			continue
		}
		cat, name, ok := strings.Cut(l, "\t")
		if !ok {
			return fmt.Errorf("line %d: want category<TAB>name", line)
		}
		c := -1
		for i, n := range gazCatNames {
			if n == cat {
				c = i
			}
		}
		if c < 0 {
			return fmt.Errorf("line %d: unknown category %q", line, cat)
		}
		g.add(name, 1<<c)
	}
	return sc.Err()
}

// Lexicon statistics, packed into a uint32 per lower-cased word:
// byte 0 frequency bucket, byte 1 PROPN-ratio bucket, byte 2 capitalised
// (non-sentence-initial) ratio bucket, byte 3 name role (1 given name, 2
// surname).
func lexCode(n, propn, capNI, nonInit, flatHead, flatDep int) uint32 {
	freq := min(bucketLog(n), 5)
	pb := ratioBucket(propn, n)
	cb := uint32(0)
	if nonInit > 0 {
		cb = ratioBucket(capNI, nonInit) + 1
	}
	role := uint32(0)
	switch {
	case flatHead >= 1 && flatHead*2 >= propn && propn*2 > n:
		role = 1
		if flatHead >= 1 && flatHead < flatDep {
			role = 2
		}
	case flatDep >= 1 && flatDep*2 >= propn && propn*2 > n:
		role = 2
	}
	return freq | pb<<8 | cb<<16 | role<<24
}

func bucketLog(n int) uint32 {
	b := uint32(0)
	for n > 1 {
		n >>= 1
		b++
	}
	return b
}

func ratioBucket(a, n int) uint32 {
	switch r := float64(a) / float64(n); {
	case r < 0.05:
		return 0
	case r < 0.5:
		return 1
	case r < 0.95:
		return 2
	default:
		return 3
	}
}

func (g *Gazetteer) readLexicon(r io.Reader) error {
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if line == 1 && f[0] == "word" {
			continue
		}
		if len(f) != 7 {
			return fmt.Errorf("line %d: want 7 columns", line)
		}
		var v [6]int
		for i := range v {
			x, err := strconv.Atoi(f[i+1])
			if err != nil {
				return fmt.Errorf("line %d: %w", line, err)
			}
			v[i] = x
		}
		g.Lex[f[0]] = lexCode(v[0], v[1], v[2], v[3], v[4], v[5])
		if v[4] >= 2 && v[4] > v[5] && v[1]*2 > v[0] {
			g.phrases.or(phraseHash(gazKey(nil, f[0])), gFirst)
		}
	}
	return sc.Err()
}

// BuildLexicon reads a CoNLL-U treebank (UD English-EWT train) and writes the
// word statistics the recognizer uses as features, as TSV with columns word,
// count, PROPN count, capitalised-non-initial count, non-initial count,
// flat-head count (given-name evidence), flat-dependent count (surname
// evidence). Words seen once are dropped.
func BuildLexicon(r io.Reader, w io.Writer) error {
	type stat struct{ n, propn, capNI, nonInit, flatHead, flatDep int }
	stats := map[string]*stat{}
	cr := conllu.NewReader(r, "lexicon input")
	for {
		cs, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		sent := cs.Tokens
		heads := map[int]bool{}
		for _, t := range sent {
			if t.DepRel == "flat" {
				heads[t.Head] = true
			}
		}
		for i, t := range sent {
			lw := strings.ToLower(t.Form)
			s := stats[lw]
			if s == nil {
				s = &stat{}
				stats[lw] = s
			}
			s.n++
			if t.UPOS == "PROPN" {
				s.propn++
				if heads[t.ID] {
					s.flatHead++
				}
				if t.DepRel == "flat" {
					s.flatDep++
				}
			}
			if i > 0 {
				s.nonInit++
				if r, _ := utf8.DecodeRuneInString(t.Form); unicode.IsUpper(r) {
					s.capNI++
				}
			}
		}
	}
	words := make([]string, 0, len(stats))
	for k, s := range stats {
		if s.n >= 2 || s.propn >= 1 {
			words = append(words, k)
		}
	}
	slices.Sort(words)
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "word\tcount\tpropn\tcap_noninitial\tnoninitial\tflat_head\tflat_dep")
	for _, k := range words {
		s := stats[k]
		fmt.Fprintf(bw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\n", k, s.n, s.propn, s.capNI, s.nonInit, s.flatHead, s.flatDep)
	}
	return bw.Flush()
}
