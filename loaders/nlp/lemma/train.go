package lemma

import (
	"bufio"
	"cmp"
	"compress/gzip"
	"context"
	"encoding/gob"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

// TrainOptions configures Train.
type TrainOptions struct {
	Train string    // CoNLL-U file (.conllu or .conllu.gz) with a lemma column
	Dev   string    // optional CoNLL-U file: its gold-tag lemma accuracy is logged
	Log   io.Writer // summary lines; nil for none
	// MinRuleCount is how many training word types a suffix rule needs to
	// be kept; 0 means 2.
	MinRuleCount int
}

// Train learns the suffix rules and the exception lexicon from the lemma
// column of opts.Train. It is deterministic.
func Train(ctx context.Context, opts TrainOptions) (*Lemmatizer, error) {
	if opts.MinRuleCount <= 0 {
		opts.MinRuleCount = 2
	}
	train, err := conllu.ReadFile(opts.Train)
	if err != nil {
		return nil, fmt.Errorf("lemma: read training data %s: %w", opts.Train, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Most frequent lemma of every (form, XPOS), and XPOS of every UPOS.
	lemmaCount := map[lexKey]map[string]int{}
	uposCount := map[string]map[string]int{}
	formCount := map[lexKey]map[string]int{} // (form, UPOS) → XPOS counts
	for _, s := range train {
		for _, t := range s.Tokens {
			if t.Lemma == "" || t.Lemma == "_" && t.Form != "_" {
				continue
			}
			k := lexKey{t.Form, t.XPOS}
			if lemmaCount[k] == nil {
				lemmaCount[k] = map[string]int{}
			}
			lemmaCount[k][t.Lemma]++
			if uposCount[t.UPOS] == nil {
				uposCount[t.UPOS] = map[string]int{}
			}
			uposCount[t.UPOS][t.XPOS]++
			fk := lexKey{t.Form, t.UPOS}
			if formCount[fk] == nil {
				formCount[fk] = map[string]int{}
			}
			formCount[fk][t.XPOS]++
		}
	}
	if len(lemmaCount) == 0 {
		return nil, fmt.Errorf("lemma: training data %s has no lemmas", opts.Train)
	}
	types := make([]lexKey, 0, len(lemmaCount))
	lemmaOf := make(map[lexKey]string, len(lemmaCount))
	for k, m := range lemmaCount {
		types = append(types, k)
		lemmaOf[k] = argmax(m)
	}
	slices.SortFunc(types, func(a, b lexKey) int { return cmp.Or(cmp.Compare(a.xpos, b.xpos), cmp.Compare(a.form, b.form)) })
	// The exceptions are what the rules and the WordNet check get wrong
	// ("regards"/NNS, which EWT keeps, is a training word the check would
	// turn into "regard").
	l := &Lemmatizer{lex: map[lexKey]string{}, rules: map[ruleKey]rule{}, uposXPOS: map[string]string{}, formXPOS: map[lexKey]string{}}
	for u, m := range uposCount {
		l.uposXPOS[u] = argmax(m)
	}
	for k, m := range formCount {
		if x := argmax(m); x != l.uposXPOS[k.xpos] {
			l.formXPOS[k] = x
		}
	}

	// Suffix rules: count, per (XPOS, suffix), the rules of the word types.
	ruleCount := map[ruleKey]map[rule]int{}
	for _, k := range types {
		r := ruleFor(k.form, lemmaOf[k])
		for n := 0; n <= min(maxSuffix, len(k.form)); n++ {
			if n > 0 && n < len(k.form) && !utf8.RuneStart(k.form[len(k.form)-n]) {
				continue
			}
			rk := ruleKey{k.xpos, lowerSuffix(k.form, n)}
			if ruleCount[rk] == nil {
				ruleCount[rk] = map[rule]int{}
			}
			ruleCount[rk][r]++
		}
	}
	keys := make([]ruleKey, 0, len(ruleCount))
	for k := range ruleCount {
		keys = append(keys, k)
	}
	// Shortest suffixes first, so a longer suffix whose best rule is what
	// its parent would give anyway can be dropped.
	slices.SortFunc(keys, func(a, b ruleKey) int {
		return cmp.Or(cmp.Compare(len(a.suffix), len(b.suffix)), cmp.Compare(a.xpos, b.xpos), cmp.Compare(a.suffix, b.suffix))
	})
	effective := map[ruleKey]rule{}
	for _, k := range keys {
		best, n := bestRule(ruleCount[k])
		parent, hasParent := rule{}, false
		for p := len(k.suffix) - 1; p >= 0 && !hasParent; p-- {
			parent, hasParent = effective[ruleKey{k.xpos, k.suffix[len(k.suffix)-p:]}]
		}
		if n < opts.MinRuleCount && hasParent {
			effective[k] = parent
			continue
		}
		effective[k] = best
		if !hasParent || best != parent {
			l.rules[k] = best
		}
	}

	// Exceptions: lowercase forms first, since other forms fall back to them.
	for _, phase := range []bool{true, false} {
		for _, k := range types {
			if (k.form == strings.ToLower(k.form)) != phase {
				continue
			}
			if want := lemmaOf[k]; l.Lemma(k.form, k.xpos) != want {
				l.lex[k] = want
			}
		}
	}
	if opts.Log != nil {
		fmt.Fprintf(opts.Log, "lemma: %d word types, %d suffix rules, %d exceptions\n", len(types), len(l.rules), len(l.lex))
		if opts.Dev != "" {
			dev, err := conllu.ReadFile(opts.Dev)
			if err != nil {
				return nil, fmt.Errorf("lemma: read dev data %s: %w", opts.Dev, err)
			}
			fmt.Fprintf(opts.Log, "lemma: dev %s\n", Evaluate(l, dev, nil))
		}
	}
	return l, nil
}

// argmax returns the most frequent key, the smallest on ties.
func argmax(m map[string]int) string {
	best, bc := "", -1
	for k, v := range m {
		if v > bc || v == bc && k < best {
			best, bc = k, v
		}
	}
	return best
}

// bestRule returns the most frequent rule and its count, deterministically.
func bestRule(m map[rule]int) (rule, int) {
	var best rule
	bc := -1
	for r, v := range m {
		if v > bc || v == bc && ruleLess(r, best) {
			best, bc = r, v
		}
	}
	return best, bc
}

func ruleLess(a, b rule) bool {
	if a.Cut != b.Cut {
		return a.Cut < b.Cut
	}
	if a.Add != b.Add {
		return a.Add < b.Add
	}
	return a.Lower && !b.Lower
}

// file is the saved form of a Lemmatizer.
type file struct {
	Version                 int
	LexForm, LexXPOS, Lemma []string
	RuleXPOS, RuleSuffix    []string
	Rules                   []rule
	UPOS, XPOS              []string
	FormForm, FormUPOS      []string
	FormXPOS                []string
}

const version = 3

// Save writes the lemmatizer (gzip of gob).
func (l *Lemmatizer) Save(w io.Writer) error {
	f := file{Version: version}
	for _, k := range sortedKeys(l.lex, func(a, b lexKey) int { return cmp.Or(cmp.Compare(a.form, b.form), cmp.Compare(a.xpos, b.xpos)) }) {
		f.LexForm = append(f.LexForm, k.form)
		f.LexXPOS = append(f.LexXPOS, k.xpos)
		f.Lemma = append(f.Lemma, l.lex[k])
	}
	for _, k := range sortedKeys(l.rules, func(a, b ruleKey) int { return cmp.Or(cmp.Compare(a.xpos, b.xpos), cmp.Compare(a.suffix, b.suffix)) }) {
		f.RuleXPOS = append(f.RuleXPOS, k.xpos)
		f.RuleSuffix = append(f.RuleSuffix, k.suffix)
		f.Rules = append(f.Rules, l.rules[k])
	}
	for _, u := range sortedKeys(l.uposXPOS, strings.Compare) {
		f.UPOS = append(f.UPOS, u)
		f.XPOS = append(f.XPOS, l.uposXPOS[u])
	}
	for _, k := range sortedKeys(l.formXPOS, func(a, b lexKey) int { return cmp.Or(cmp.Compare(a.form, b.form), cmp.Compare(a.xpos, b.xpos)) }) {
		f.FormForm = append(f.FormForm, k.form)
		f.FormUPOS = append(f.FormUPOS, k.xpos)
		f.FormXPOS = append(f.FormXPOS, l.formXPOS[k])
	}
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if err := gob.NewEncoder(gz).Encode(&f); err != nil {
		return fmt.Errorf("lemma: save: %w", err)
	}
	return gz.Close()
}

func sortedKeys[K comparable, V any](m map[K]V, cmp func(a, b K) int) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cmp)
	return keys
}

// Load reads a lemmatizer written by Save.
func Load(r io.Reader) (*Lemmatizer, error) {
	gz, err := gzip.NewReader(bufio.NewReader(r))
	if err != nil {
		return nil, fmt.Errorf("lemma: load model: %w", err)
	}
	defer gz.Close()
	var f file
	if err := gob.NewDecoder(gz).Decode(&f); err != nil {
		return nil, fmt.Errorf("lemma: load model: %w", err)
	}
	if f.Version != version || len(f.LexXPOS) != len(f.LexForm) || len(f.Lemma) != len(f.LexForm) ||
		len(f.RuleSuffix) != len(f.RuleXPOS) || len(f.Rules) != len(f.RuleXPOS) || len(f.XPOS) != len(f.UPOS) ||
		len(f.FormUPOS) != len(f.FormForm) || len(f.FormXPOS) != len(f.FormForm) {
		return nil, fmt.Errorf("lemma: load model: not a version %d lemmatizer model", version)
	}
	l := &Lemmatizer{lex: make(map[lexKey]string, len(f.LexForm)), rules: make(map[ruleKey]rule, len(f.Rules)),
		uposXPOS: make(map[string]string, len(f.UPOS)), formXPOS: make(map[lexKey]string, len(f.FormForm))}
	for i, form := range f.LexForm {
		l.lex[lexKey{form, f.LexXPOS[i]}] = f.Lemma[i]
	}
	for i, x := range f.RuleXPOS {
		l.rules[ruleKey{x, f.RuleSuffix[i]}] = f.Rules[i]
	}
	for i, form := range f.FormForm {
		l.formXPOS[lexKey{form, f.FormUPOS[i]}] = f.FormXPOS[i]
	}
	for i, u := range f.UPOS {
		l.uposXPOS[u] = f.XPOS[i]
	}
	return l, nil
}
