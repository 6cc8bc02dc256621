package queries

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph"

	"golang.org/x/text/unicode/norm"
)

// maxCandidates is how many candidates an AmbiguousError lists.
const maxCandidates = 10

// AmbiguousError is returned when a name matches several entities; its
// message lists the first maxCandidates, most mentioned first.
type AmbiguousError struct {
	Name       string
	Candidates []Entity
}

func (e *AmbiguousError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q is ambiguous; candidates:", e.Name)
	for i, c := range e.Candidates {
		if i == maxCandidates {
			fmt.Fprintf(&b, "\n  … and %d more", len(e.Candidates)-i)
			break
		}
		fmt.Fprintf(&b, "\n  %s (%s) %s", c.Label, c.Type, short(c.IRI))
	}
	return b.String()
}

// NotFoundError is returned when a name matches no entity.
type NotFoundError struct {
	Name        string
	Suggestions []string // closest labels, best first
}

func (e *NotFoundError) Error() string {
	if len(e.Suggestions) == 0 {
		return fmt.Sprintf("no entity named %q", e.Name)
	}
	return fmt.Sprintf("no entity named %q; did you mean %s?", e.Name, strings.Join(quoteAll(e.Suggestions), ", "))
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// determiners are dropped from the start of a name: "the NIS" → "nis".
var determiners = map[string]bool{"the": true, "a": true, "an": true}

// NormalizeName folds a name for matching: lower case, no diacritics,
// punctuation as spaces, no leading determiner or trailing possessive,
// single spaces. "The  NIS's" → "nis", "Zelenskyy" → "zelenskyy".
func NormalizeName(s string) string {
	s = norm.NFD.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			// drop combining marks (diacritics)
		case r == '’' || r == '\'':
			b.WriteRune('\'')
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteRune(' ')
		}
	}
	words := strings.Fields(b.String())
	out := words[:0]
	for i, w := range words {
		w = strings.TrimSuffix(w, "'s")
		w = strings.Trim(w, "'")
		if w == "" || (i == 0 && determiners[w] && len(words) > 1) {
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// spellings are the forms a name is likely stored under: as typed (spaces
// collapsed, without a leading determiner or a trailing possessive), Title
// Case, UPPER and lower case.
func spellings(name string) []string {
	words := strings.Fields(name)
	if len(words) > 1 && determiners[strings.ToLower(words[0])] {
		words = words[1:]
	}
	if n := len(words); n > 0 {
		w := strings.TrimSuffix(strings.TrimSuffix(words[n-1], "'s"), "’s")
		if w != "" {
			words[n-1] = w
		}
	}
	typed := strings.Join(words, " ")
	title := make([]string, len(words))
	for i, w := range words {
		r := []rune(strings.ToLower(w))
		if len(r) > 0 {
			r[0] = unicode.ToUpper(r[0])
		}
		title[i] = string(r)
	}
	var out []string
	for _, s := range []string{typed, strings.Join(title, " "), strings.ToUpper(typed), strings.ToLower(typed)} {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// lookupNames finds the entities with a label or alias spelt as one of
// spellings(name), through the store's index.
func lookupNames(ctx context.Context, qs cgraph.QuadStore, name string) ([]Entity, error) {
	var vals []quad.Value
	for _, s := range spellings(name) {
		vals = append(vals, quad.String(s))
	}
	if len(vals) == 0 {
		return nil, nil
	}
	ns, err := nodes(ctx, qs, inAny(qs, vals, quad.IRI(graph.RDFSLabel), quad.IRI(graph.SKOSAltLabel)))
	if err != nil {
		return nil, err
	}
	return readEntities(ctx, qs, ns)
}

// Resolve finds the entity a user means by name: an IRI (full or short),
// or a label or alias compared after NormalizeName. An exact label or alias
// match wins; otherwise a name whose words all occur in exactly one entity's
// label or alias ("kirby" → John Kirby). Several matches give an
// *AmbiguousError, none a *NotFoundError with the closest labels.
func Resolve(ctx context.Context, ents []Entity, name string) (Entity, error) {
	if strings.TrimSpace(name) == "" {
		return Entity{}, fmt.Errorf("empty entity name")
	}
	full := parseIRIArg(name)
	for _, e := range ents {
		if e.IRI == full {
			return e, nil
		}
	}
	key := NormalizeName(name)
	var byLabel, byAlias, byWords []Entity
	for _, e := range ents {
		switch {
		case NormalizeName(e.Label) == key:
			byLabel = append(byLabel, e)
		case anyName(e.Aliases, func(a string) bool { return a == key }):
			byAlias = append(byAlias, e)
		case anyName(append([]string{e.Label}, e.Aliases...), func(a string) bool { return containsWords(a, key) }):
			byWords = append(byWords, e)
		}
	}
	for _, set := range [][]Entity{byLabel, append(byLabel, byAlias...), byWords} {
		switch len(set) {
		case 0:
			continue
		case 1:
			return set[0], nil
		default:
			return Entity{}, &AmbiguousError{Name: name, Candidates: set}
		}
	}
	return Entity{}, &NotFoundError{Name: name, Suggestions: closest(ents, key, 3)}
}

func parseIRIArg(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">") {
		s = s[1 : len(s)-1]
	}
	return string(quad.IRI(s).Full())
}

func anyName(names []string, ok func(string) bool) bool {
	for _, n := range names {
		if ok(NormalizeName(n)) {
			return true
		}
	}
	return false
}

// containsWords reports whether every word of key is a word of name.
func containsWords(name, key string) bool {
	if key == "" {
		return false
	}
	words := map[string]bool{}
	for _, w := range strings.Fields(name) {
		words[w] = true
	}
	for _, w := range strings.Fields(key) {
		if !words[w] {
			return false
		}
	}
	return true
}

// closest returns up to n labels whose names are nearest to key by edit
// distance, among labels close enough to be a plausible typo.
func closest(ents []Entity, key string, n int) []string {
	type cand struct {
		label string
		d     int
	}
	best := map[string]int{}
	for _, e := range ents {
		for _, name := range append([]string{e.Label}, e.Aliases...) {
			d := levenshtein(NormalizeName(name), key)
			if old, ok := best[e.Label]; !ok || d < old {
				best[e.Label] = d
			}
		}
	}
	var cs []cand
	for l, d := range best {
		if d <= max(1, len([]rune(key))/3) {
			cs = append(cs, cand{l, d})
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].d != cs[j].d {
			return cs[i].d < cs[j].d
		}
		return cs[i].label < cs[j].label
	})
	var out []string
	for i := 0; i < len(cs) && i < n; i++ {
		out = append(out, cs[i].label)
	}
	return out
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
