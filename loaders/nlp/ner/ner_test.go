package ner

import (
	"os"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

const modelPath = "../../../data/models/ner.gob.gz"

var (
	loadOnce  sync.Once
	loaded    *Recognizer
	loadedErr error
)

// model loads the committed model once for all tests.
func model(t testing.TB) *Recognizer {
	t.Helper()
	loadOnce.Do(func() {
		f, err := os.Open(modelPath)
		if err != nil {
			loadedErr = err
			return
		}
		defer f.Close()
		loaded, loadedErr = Load(f)
	})
	if loadedErr != nil {
		t.Fatalf("load %s: %v", modelPath, loadedErr)
	}
	return loaded
}

// tokenize is a simple test tokenizer with offsets: words, numbers with
// inner commas and periods ("11,000", "U.S."), "'s", and single punctuation
// marks.
func tokenize(text string) nlp.Sentence {
	s := nlp.Sentence{Text: text, End: len(text)}
	i := 0
	for i < len(text) {
		r, w := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += w
			continue
		}
		j := i + w
		switch {
		case strings.HasPrefix(text[i:], "'s") || strings.HasPrefix(text[i:], "’s"):
			j = i + len("'s")
			if text[i] != '\'' {
				j = i + len("’s")
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			for j < len(text) {
				r2, w2 := utf8.DecodeRuneInString(text[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
					j += w2
					continue
				}
				// inner punctuation: 11,000 4.5 U.S.
				if (r2 == ',' || r2 == '.') && j+1 < len(text) {
					r3, _ := utf8.DecodeRuneInString(text[j+1:])
					if unicode.IsDigit(r2+0) || (unicode.IsDigit(r3) && unicode.IsDigit(rune(text[j-1]))) {
						j++
						continue
					}
					if r2 == '.' && unicode.IsUpper(r3) && j-i == 1 {
						j += 2 // U.S
						continue
					}
				}
				if r2 == '.' && j-i <= 3 && strings.ContainsRune(text[i:j], '.') {
					j++ // final period of U.S.
				}
				break
			}
		}
		s.Tokens = append(s.Tokens, nlp.Token{ID: len(s.Tokens) + 1, Form: text[i:j], Start: i, End: j,
			SpaceAfter: j < len(text) && text[j] == ' '})
		i = j
	}
	return s
}

func entitiesOf(t *testing.T, r *Recognizer, text string) map[string]string {
	t.Helper()
	s := tokenize(text)
	r.Recognize(&s)
	got := map[string]string{}
	for _, e := range s.Entities {
		got[e.Text] = e.Type
	}
	return got
}

func TestSeedArticle(t *testing.T) {
	r := model(t)
	places := []string{nlp.GPE, nlp.Loc}
	tests := []struct {
		sentence string
		want     map[string][]string // entity text → acceptable types
	}{
		{"Ukrainian President Volodymyr Zelenskiy said he is prepared to hand over captured North Korean soldiers to Pyongyang if reclusive leader Kim Jong Un can arrange a prisoner swap for Ukrainians held in Russia.",
			map[string][]string{"Volodymyr Zelenskiy": {nlp.Person}, "Kim Jong Un": {nlp.Person}, "Pyongyang": places,
				"Ukrainian": {nlp.NORP}, "North Korean": {nlp.NORP}, "Russia": places}},
		{"Ukrainian officials said the prisoners were talking through interpreters working with South Korea's National Intelligence Service (NIS).",
			map[string][]string{"National Intelligence Service": {nlp.Org}, "Ukrainian": {nlp.NORP}}},
		{"“Through real-time cooperation with Ukraine’s intelligence agency, the Ukrainian military captured two North Korean soldiers on January 9 in the Kursk battlefield in Russia,” Seoul said in a statement.",
			map[string][]string{"January 9": {nlp.Date}, "Kursk": places, "Seoul": places, "two": {nlp.Cardinal}}},
		{"A lightning Ukrainian offensive first captured large swaths of the Kursk region in August 2024.",
			map[string][]string{"August 2024": {nlp.Date}, "Kursk": places}},
		{"Last fall, North Korea sent some 11,000 troops to the Kursk region to support Russian forces.",
			map[string][]string{"11,000": {nlp.Cardinal}, "Russian": {nlp.NORP}, "North Korea": places}},
		{"Moscow has reclaimed some 40 percent of the territory, but Ukrainian troops still control more than 500 square kilometers in Kursk, and Pyongyang’s troops have reportedly been experiencing mass casualties.",
			map[string][]string{"40 percent": {nlp.Percent}, "500 square kilometers": {nlp.Quantity}, "Kursk": places, "Pyongyang": places}},
		{"White House spokesman John Kirby on December 27 told reporters that North Korean forces were suffering heavy casualties on the front lines.",
			map[string][]string{"John Kirby": {nlp.Person}, "December 27": {nlp.Date}, "North Korean": {nlp.NORP}}},
	}
	for _, tt := range tests {
		got := entitiesOf(t, r, tt.sentence)
		for text, types := range tt.want {
			typ, ok := got[text]
			if !ok {
				t.Errorf("%q: no entity %q; got %v", tt.sentence, text, got)
				continue
			}
			found := false
			for _, w := range types {
				found = found || typ == w
			}
			if !found {
				t.Errorf("%q: %q is %s, want one of %v", tt.sentence, text, typ, types)
			}
		}
	}
}

func readFile(path string) ([]byte, error) { return os.ReadFile(path) }

func TestRecognizeDocument(t *testing.T) {
	r := model(t)
	texts := []string{
		"White House spokesman John Kirby on December 27 told reporters that North Korean forces were suffering heavy casualties.",
		"“It is clear that Russian and North Korean military leaders are treating these troops as expendable,” Kirby said.",
		"Ukrainian President Volodymyr Zelenskiy said he is prepared to hand over captured North Korean soldiers.",
		"Zelenskiy wrote on social media on January 12.",
	}
	d := nlp.Document{}
	for _, tx := range texts {
		d.Sentences = append(d.Sentences, tokenize(tx))
	}
	r.RecognizeDocument(&d)
	want := []struct {
		sent int
		text string
	}{{1, "Kirby"}, {3, "Zelenskiy"}, {0, "John Kirby"}, {2, "Volodymyr Zelenskiy"}}
	for _, w := range want {
		s := d.Sentences[w.sent]
		found := false
		for _, e := range s.Entities {
			if e.Text == w.text && e.Type == nlp.Person {
				found = true
				if s.Tokens[e.Start].NER != "B-PERSON" {
					t.Errorf("%q: token tag %q", w.text, s.Tokens[e.Start].NER)
				}
			}
		}
		if !found {
			t.Errorf("sentence %d: no PERSON %q in %+v", w.sent, w.text, s.Entities)
		}
		for k := 1; k < len(s.Entities); k++ {
			if s.Entities[k].Start < s.Entities[k-1].End {
				t.Errorf("sentence %d: entities out of order or overlapping: %+v", w.sent, s.Entities)
			}
		}
	}
}

// TestOrgByHead: capitalised runs ending in an organisation head noun are
// organisations even where the tagger misses them; single words and
// sentence-initial articles are not taken.
func TestOrgByHead(t *testing.T) {
	r := model(t)
	tests := []struct {
		tokens []string
		want   string // the ORG span's text, "" for none
	}{
		{[]string{"interpreters", "working", "with", "South", "Korea", "’s", "National", "Intelligence", "Service", "(", "NIS", ")", "."}, "National Intelligence Service"},
		{[]string{"The", "Federal", "Highway", "Agency", "said", "so", "."}, "Federal Highway Agency"},
		{[]string{"Service", "was", "slow", "."}, ""},
	}
	for _, tc := range tests {
		var s nlp.Sentence
		pos := 0
		for i, f := range tc.tokens {
			s.Tokens = append(s.Tokens, nlp.Token{ID: i + 1, Form: f, Start: pos, End: pos + len(f), SpaceAfter: true})
			pos += len(f) + 1
		}
		s.Text = strings.Join(tc.tokens, " ")
		s.End = len(s.Text)
		r.Recognize(&s)
		got := ""
		for _, e := range s.Entities {
			if e.Type == nlp.Org && (got == "" || e.Text == tc.want) {
				got = e.Text
			}
		}
		if got != tc.want {
			t.Errorf("%v: ORG %q, want %q (entities %+v)", tc.tokens, got, tc.want, s.Entities)
		}
	}
}
