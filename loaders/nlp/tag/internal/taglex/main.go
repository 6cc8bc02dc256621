// Command taglex builds the tagger's open-class word lexicon,
// loaders/nlp/tag/lexicon.tsv.gz, from WordNet 3.0 (Debian package
// wordnet-base) and the SCOWL American English word list (Debian package
// wamerican):
//
//	apt-get install wordnet-base wamerican
//	go run ./loaders/nlp/tag/internal/taglex -out loaders/nlp/tag/lexicon.tsv.gz
//
// Each line is a lowercased word form and a bit set (decimal) of what the
// sources say about it: which WordNet parts of speech it is a lemma of,
// which inflections of a WordNet lemma it can be (WordNet's morphy rules and
// exception lists), whether the word list has it in lower case and/or
// only capitalised, and, for a lemma of several parts of speech, which of
// them SemCor tagged most often (WordNet's cntlist.rev). The tagger uses
// it for words too rare in its training data to have an ambiguity class.
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"log"
	"math/bits"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/loaders/nlp/tag/internal/lexbits"
)

func main() {
	wn := flag.String("wordnet", "/usr/share/wordnet", "WordNet 3.0 dict folder")
	words := flag.String("words", "/usr/share/dict/american-english", "word list")
	out := flag.String("out", "loaders/nlp/tag/lexicon.tsv.gz", "output")
	flag.Parse()

	lemmas := map[string]int{} // lemma → POS bits
	for _, p := range []struct {
		file string
		bit  int
	}{{"index.noun", lexbits.Noun}, {"index.verb", lexbits.Verb}, {"index.adj", lexbits.Adj}, {"index.adv", lexbits.Adv}} {
		err := eachLine(filepath.Join(*wn, p.file), func(line string) {
			if strings.HasPrefix(line, " ") {
				return
			}
			w, _, _ := strings.Cut(line, " ")
			if strings.Contains(w, "_") {
				return
			}
			lemmas[w] |= p.bit
		})
		if err != nil {
			log.Fatal(err)
		}
	}
	exc := map[string]int{} // irregular form → inflection bits
	for _, p := range []struct {
		file string
		pos  int
	}{{"noun.exc", lexbits.Noun}, {"verb.exc", lexbits.Verb}, {"adj.exc", lexbits.Adj}} {
		err := eachLine(filepath.Join(*wn, p.file), func(line string) {
			f := strings.Fields(line)
			if len(f) < 2 || strings.Contains(f[0], "_") {
				return
			}
			exc[f[0]] |= inflection(p.pos, f[0])
		})
		if err != nil {
			log.Fatal(err)
		}
	}
	lex := map[string]int{}
	forms := map[string]bool{}
	err := eachLine(*words, func(w string) {
		if strings.HasSuffix(w, "'s") || w == "" {
			return
		}
		l := strings.ToLower(w)
		if l == w {
			lex[l] |= lexbits.Lower
		}
		forms[l] = true
	})
	if err != nil {
		log.Fatal(err)
	}
	// Capitalised only: in the list, but never in lower case.
	for l := range forms {
		if lex[l]&lexbits.Lower == 0 {
			lex[l] |= lexbits.Cap
		}
	}
	for l, b := range lemmas {
		lex[l] |= b
	}
	for l := range lex {
		lex[l] |= morphy(l, lemmas) | exc[l]
	}
	if err := addMostFrequent(lex, lemmas, filepath.Join(*wn, "cntlist.rev")); err != nil {
		log.Fatal(err)
	}
	keys := make([]string, 0, len(lex))
	for l, b := range lex {
		if b != 0 && valid(l) {
			keys = append(keys, l)
		}
	}
	slices.Sort(keys)
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	gz, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	bw := bufio.NewWriter(gz)
	for _, k := range keys {
		fmt.Fprintf(bw, "%s\t%d\n", k, lex[k])
	}
	if err := bw.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	log.Printf("%d forms written to %s", len(keys), *out)
}

// synsetType maps the synset type digit of a WordNet sense key to an index
// of addMostFrequent's counts: noun, verb, adjective (satellites too),
// adverb.
var synsetType = map[byte]int{'1': 0, '2': 1, '3': 2, '5': 2, '4': 3}

// addMostFrequent sets, for each lemma of more than one WordNet part of
// speech, the bit of the part of speech whose senses SemCor tagged most
// often (WordNet's cntlist.rev: sense key, sense number, count).
func addMostFrequent(lex, lemmas map[string]int, path string) error {
	counts := map[string]*[4]int{}
	err := eachLine(path, func(line string) {
		f := strings.Fields(line)
		if len(f) != 3 {
			return
		}
		lemma, rest, ok := strings.Cut(f[0], "%")
		if !ok || rest == "" || strings.Contains(lemma, "_") {
			return
		}
		n, err := strconv.Atoi(f[2])
		if err != nil {
			return
		}
		k, ok := synsetType[rest[0]]
		if !ok {
			return
		}
		if counts[lemma] == nil {
			counts[lemma] = new([4]int)
		}
		counts[lemma][k] += n
	})
	if err != nil {
		return err
	}
	most := []int{lexbits.MostNoun, lexbits.MostVerb, lexbits.MostAdj, lexbits.MostAdv}
	for l, c := range counts {
		if bits.OnesCount(uint(lemmas[l]&(lexbits.Noun|lexbits.Verb|lexbits.Adj|lexbits.Adv))) < 2 {
			continue
		}
		best, tie := 0, false
		for k := 1; k < 4; k++ {
			switch {
			case c[k] > c[best]:
				best, tie = k, false
			case c[k] == c[best]:
				tie = true
			}
		}
		if !tie && c[best] > 0 {
			lex[l] |= most[best]
		}
	}
	return nil
}

// valid keeps forms made of letters, digits, hyphens, periods and
// apostrophes.
func valid(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '.' && r != '\'' {
			return false
		}
	}
	return true
}

// inflection returns the inflection bit of an irregular form of a lemma of
// part of speech pos.
func inflection(pos int, form string) int {
	switch pos {
	case lexbits.Noun:
		return lexbits.NounPl
	case lexbits.Verb:
		switch {
		case strings.HasSuffix(form, "ing"):
			return lexbits.VerbIng
		case strings.HasSuffix(form, "s"):
			return lexbits.VerbS
		}
		return lexbits.VerbEd
	default:
		if strings.HasSuffix(form, "st") {
			return lexbits.AdjEst
		}
		return lexbits.AdjEr
	}
}

// morphy applies WordNet's regular detachment rules to w and returns the
// inflection bits of the rules whose result is a lemma of their part of
// speech.
func morphy(w string, lemmas map[string]int) int {
	rules := []struct {
		suf, repl string
		pos, bit  int
	}{
		{"s", "", lexbits.Noun, lexbits.NounPl}, {"ses", "s", lexbits.Noun, lexbits.NounPl}, {"xes", "x", lexbits.Noun, lexbits.NounPl},
		{"zes", "z", lexbits.Noun, lexbits.NounPl}, {"ches", "ch", lexbits.Noun, lexbits.NounPl}, {"shes", "sh", lexbits.Noun, lexbits.NounPl},
		{"men", "man", lexbits.Noun, lexbits.NounPl}, {"ies", "y", lexbits.Noun, lexbits.NounPl},
		{"s", "", lexbits.Verb, lexbits.VerbS}, {"ies", "y", lexbits.Verb, lexbits.VerbS}, {"es", "e", lexbits.Verb, lexbits.VerbS}, {"es", "", lexbits.Verb, lexbits.VerbS},
		{"ed", "e", lexbits.Verb, lexbits.VerbEd}, {"ed", "", lexbits.Verb, lexbits.VerbEd}, {"ied", "y", lexbits.Verb, lexbits.VerbEd},
		{"ing", "e", lexbits.Verb, lexbits.VerbIng}, {"ing", "", lexbits.Verb, lexbits.VerbIng},
		{"er", "", lexbits.Adj, lexbits.AdjEr}, {"est", "", lexbits.Adj, lexbits.AdjEst}, {"er", "e", lexbits.Adj, lexbits.AdjEr}, {"est", "e", lexbits.Adj, lexbits.AdjEst},
		{"ier", "y", lexbits.Adj, lexbits.AdjEr}, {"iest", "y", lexbits.Adj, lexbits.AdjEst},
	}
	bits := 0
	for _, r := range rules {
		if !strings.HasSuffix(w, r.suf) || len(w) <= len(r.suf)+1 {
			continue
		}
		stem := w[:len(w)-len(r.suf)]
		if lemmas[stem+r.repl]&r.pos != 0 {
			bits |= r.bit
		}
		// Doubled final consonant: stopped → stop, bigger → big.
		if (r.bit == lexbits.VerbEd || r.bit == lexbits.VerbIng || r.bit == lexbits.AdjEr || r.bit == lexbits.AdjEst) && r.repl == "" {
			if n := len(stem); n >= 3 && stem[n-1] == stem[n-2] && lemmas[stem[:n-1]]&r.pos != 0 {
				bits |= r.bit
			}
		}
	}
	return bits
}

// eachLine calls fn with every line of a file.
func eachLine(path string, fn func(string)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("taglex: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		fn(sc.Text())
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("taglex: read %s: %w", path, err)
	}
	return nil
}
