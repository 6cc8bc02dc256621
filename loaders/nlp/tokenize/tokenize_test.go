package tokenize

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// split returns the sentences of text as token forms joined by spaces.
func split(t *testing.T, tk *Tokenizer, text string) []string {
	t.Helper()
	sents := tk.Tokenize(text)
	checkInvariants(t, text, sents)
	var out []string
	for _, s := range sents {
		var f []string
		for _, tok := range s.Tokens {
			f = append(f, tok.Form)
		}
		out = append(out, strings.Join(f, " "))
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // one entry per sentence, tokens separated by spaces
	}{
		{"publisher and dash",
			"(RFE/RL) — Ukrainian President Volodymyr Zelenskiy said he is prepared …",
			[]string{"( RFE/RL ) — Ukrainian President Volodymyr Zelenskiy said he is prepared …"}},
		{"quote with comma inside is one sentence",
			"“Ukraine is ready to hand over his people to Kim Jong Un if he can organize their exchange for our soldiers who are in captivity in Russia,” Zelenskiy wrote on social media on January 12.",
			[]string{"“ Ukraine is ready to hand over his people to Kim Jong Un if he can organize their exchange for our soldiers who are in captivity in Russia , ” Zelenskiy wrote on social media on January 12 ."}},
		{"ellipsis, brackets, curly possessive",
			"“Through real-time cooperation with Ukraine’s intelligence agency…[South Korea’s National Intelligence Service] has confirmed that",
			[]string{"“ Through real - time cooperation with Ukraine ’s intelligence agency … [ South Korea ’s National Intelligence Service ] has confirmed that"}},
		{"thousands", "North Korea sent some 11,000 troops.", []string{"North Korea sent some 11,000 troops ."}},
		{"curly possessive", "The Ukrainian president’s comments came", []string{"The Ukrainian president ’s comments came"}},
		{"clitics", "He didn't go; they're sure I'd've known, we'll see. I'm Kyiv's.",
			[]string{"He did n't go ; they 're sure I 'd 've known , we 'll see .", "I 'm Kyiv 's ."}},
		{"capital clitics", "DON'T SAY IT'S OK", []string{"DO N'T SAY IT 'S OK"}},
		{"can not and gonna", "You cannot, it's gonna rain, wanna bet?", []string{"You can not , it 's gon na rain , wan na bet ?"}},
		{"abbreviation then sentence end", "U.S. officials said. They left.", []string{"U.S. officials said .", "They left ."}},
		{"month abbreviation before number", "Talks ended Dec. 15 in Seoul. Mr. Kim left.", []string{"Talks ended Dec. 15 in Seoul .", "Mr. Kim left ."}},
		{"abbreviation ends a sentence", "They live in the U.S. The war goes on.", []string{"They live in the U.S .", "The war goes on ."}},
		{"abbreviation before a name is no end", "It came from the U.S. Army and Gen. Smith.", []string{"It came from the U.S. Army and Gen. Smith ."}},
		{"abbreviation at text end", "He met officials, aides, etc.", []string{"He met officials , aides , etc ."}},
		{"e.g. and initials", "Leaders, e.g. George W. Bush, came.", []string{"Leaders , e.g. George W. Bush , came ."}},
		{"closing quote after period", "a war against Ukraine.” Next, he spoke.", []string{"a war against Ukraine . ”", "Next , he spoke ."}},
		{"question in quotes then lowercase", "“Why?” he asked. It rained.", []string{"“ Why ? ” he asked .", "It rained ."}},
		{"straight quotes", `He said "No." Then "Yes."`, []string{`He said " No . "`, `Then " Yes . "`}},
		{"headline, byline, paragraph",
			"Zelenskyy Says Ready To Swap Soldiers\n\nBy\n\n(RFE/RL) — Zelenskiy said so. He left.",
			[]string{"Zelenskyy Says Ready To Swap Soldiers", "By", "( RFE/RL ) — Zelenskiy said so .", "He left ."}},
		{"line break ends a headline", "Quake hits Japan\nA strong quake struck.", []string{"Quake hits Japan", "A strong quake struck ."}},
		{"line break inside a sentence", "The quake struck the\ncoast at noon.", []string{"The quake struck the coast at noon ."}},
		{"hyphens", "Al-Zaman: a non-stop, U.S.-led, long-term e-mail; 1969-1970",
			[]string{"Al - Zaman : a non-stop , U.S. - led , long - term e-mail ; 1969 - 1970"}},
		{"ampersand names", "S&P 500 and AT&T rose; Standard & Poor's said B&W and PG&E's P&L.",
			[]string{"S&P 500 and AT&T rose ; Standard & Poor 's said B & W and PG&E 's P&L ."}},
		{"phone number and date", "Call 713-853-3044 on 16/11/2004.", []string{"Call 713-853-3044 on 16/11/2004 ."}},
		{"money, percent, decimals", "It cost $5 or 3.5% of 2005's $1,200.50 budget.",
			[]string{"It cost $ 5 or 3.5 % of 2005 's $ 1,200.50 budget ."}},
		{"units", "At 5pm the 10km race began.", []string{"At 5 pm the 10 km race began ."}},
		{"slashes", "RFE/RL and/or 9/11", []string{"RFE/RL and / or 9/11"}},
		{"URL and e-mail", "See https://www.rferl.org/a/x.html. Write to kim@example.com, please.",
			[]string{"See https://www.rferl.org/a/x.html .", "Write to kim@example.com , please ."}},
		{"dashes", "peace—and war – both", []string{"peace — and war – both"}},
		{"plural possessive", "the soldiers' families", []string{"the soldiers ' families"}},
		{"em dash run and ellipsis", "Wait... what?! No.", []string{"Wait ... what ?!", "No ."}},
		{"quotes closed after a thin space", "Bolton: \"He said, 'Let's talk tomorrow.'\u2009\" Then he left.",
			[]string{"Bolton : \" He said , ' Let 's talk tomorrow . ' \"", "Then he left ."}},
		{"lone closing quote at paragraph end", "\"We withdraw. Our own issues. \"\n\nThere is more.",
			[]string{"\" We withdraw .", "Our own issues . \"", "There is more ."}},
		{"lone opening quote", "He left. \" We stay,\" she said.", []string{"He left .", "\" We stay , \" she said ."}},
		{"abbreviation ending a paragraph", "They met in Washington, D.C.\n\nNext day", []string{"They met in Washington , D.C .", "Next day"}},
		{"pronoun I is no initial", "It was Pech-de-l'Azé I. The site", []string{"It was Pech - de - l'Azé I .", "The site"}},
		{"news abbreviations", "Sen. Elizabeth Warren (D-Mass.) said at 3 p.m. EST. Gov. Andrew M. Cuomo met the F.B.I. on Oct. 5, 2020.",
			[]string{"Sen. Elizabeth Warren ( D - Mass. ) said at 3 p.m. EST .", "Gov. Andrew M. Cuomo met the F.B.I. on Oct. 5 , 2020 ."}},
		{"possessives of abbreviations and plurals", "Apple Inc.'s and The New York Times' reporters in the '90s",
			[]string{"Apple Inc. 's and The New York Times ' reporters in the '90s"}},
		{"et al. ends a sentence", "Smith et al. They left at 5 a.m. Monday.", []string{"Smith et al .", "They left at 5 a.m. Monday ."}},
		{"Hindi danda", "यह अच्छा है । ठीक", []string{"यह अच्छा है ।", "ठीक"}},
		{"empty", "", nil},
		{"only space", " \n\t\u00a0\u200b ", nil},
	}
	tk := New()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := split(t, tk, tc.text)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("Tokenize(%q)\n got: %q\nwant: %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestOffsetsAndSpaceAfter(t *testing.T) {
	text := "  Kyiv's troops—some 11,000—left.\n\nNext."
	sents := New().Tokenize(text)
	checkInvariants(t, text, sents)
	want := []struct {
		form       string
		start      int
		spaceAfter bool
	}{
		{"Kyiv", 2, false}, {"'s", 6, true}, {"troops", 9, false}, {"—", 15, false}, {"some", 18, true},
		{"11,000", 23, false}, {"—", 29, false}, {"left", 32, false}, {".", 36, true},
	}
	if len(sents) != 2 || len(sents[0].Tokens) != len(want) {
		t.Fatalf("got %d sentences, first with %d tokens", len(sents), len(sents[0].Tokens))
	}
	for i, w := range want {
		tok := sents[0].Tokens[i]
		if tok.Form != w.form || tok.Start != w.start || tok.SpaceAfter != w.spaceAfter || tok.ID != i+1 {
			t.Errorf("token %d = %q@%d space %v id %d, want %q@%d space %v", i, tok.Form, tok.Start, tok.SpaceAfter, tok.ID, w.form, w.start, w.spaceAfter)
		}
	}
	if s := sents[1]; s.Text != "Next." || s.Start != 39 || s.Tokens[0].ID != 1 {
		t.Errorf("second sentence = %+v", s)
	}
}

func TestDocument(t *testing.T) {
	d := New().Document("One. Two.")
	if d.Text != "One. Two." || len(d.Sentences) != 2 {
		t.Fatalf("Document = %+v", d)
	}
}

func TestSeedArticle(t *testing.T) {
	b, err := os.ReadFile(repoFile(t, "data/seed/article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	got := split(t, New(), text)
	// Sentences the article must contain, exactly.
	for _, want := range []string{
		"Zelenskyy Says Ready To Swap Captured North Korean Soldiers For Ukrainian Troops",
		"By",
		"Neither North Korea nor Moscow has commented on the reports .",
		"That soldier said he was born in 1999 and was a sniper in the North Korean Army .",
		"The SBU said one prisoner , who said he was born in 2005 , claimed he believed he was “ going for training , not to fight a war against Ukraine . ”",
		"Last fall , North Korea sent some 11,000 troops to the Kursk region to support Russian forces .",
		"RFE RL",
		"Leave a Reply",
		"Your email address will not be published .",
		"Required fields are marked *",
	} {
		found := false
		for _, s := range got {
			found = found || s == want
		}
		if !found {
			t.Errorf("missing sentence %q", want)
		}
	}
	if len(got) != 31 {
		t.Errorf("got %d sentences, want 31:\n%s", len(got), strings.Join(got, "\n"))
	}
}

// TestWikinewsArticle pins the sentences of a Wikinews article, checked by
// hand: a headline, a dateline and 20 sentences, "U.S." never a boundary.
func TestWikinewsArticle(t *testing.T) {
	b, err := os.ReadFile("testdata/wikinews-pelosi.txt")
	if err != nil {
		t.Fatal(err)
	}
	got := split(t, New(), string(b))
	if len(got) != 22 {
		t.Fatalf("got %d sentences, want 22:\n%s", len(got), strings.Join(got, "\n"))
	}
	if got[0] != "Nancy Pelosi again elected Speaker as 116th U.S. Congress sworn in" || got[1] != "Friday , January 4 , 2019" {
		t.Errorf("headline and dateline = %q, %q", got[0], got[1])
	}
	for _, s := range got[2:] {
		if !strings.HasSuffix(s, " .") && !strings.HasSuffix(s, ". \"") {
			t.Errorf("sentence does not end with a period: %q", s)
		}
	}
}

func TestMultiwords(t *testing.T) {
	tests := []struct {
		text string
		want [][2]int
	}{
		{"I didn't see Kyiv's", [][2]int{{1, 3}, {4, 6}}},
		{"You cannot go", [][2]int{{1, 3}}},
		{"the students' work", [][2]int{{1, 3}}},
		{"a 'normal' day", nil}, // quoted, not possessive
		{"They're gonna", [][2]int{{0, 2}, {2, 4}}},
		{"rock'n'roll O'Brien", nil},
	}
	tk := New()
	for _, tc := range tests {
		sents := tk.Tokenize(tc.text)
		if len(sents) != 1 {
			t.Fatalf("%q: %d sentences", tc.text, len(sents))
		}
		got := Multiwords(&sents[0])
		if len(got) != len(tc.want) {
			t.Errorf("Multiwords(%q) = %v, want %v", tc.text, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("Multiwords(%q) = %v, want %v", tc.text, got, tc.want)
			}
		}
	}
}

func TestLexicon(t *testing.T) {
	lx, err := parseLexicon(strings.NewReader(lexiconTxt))
	if err != nil {
		t.Fatal(err)
	}
	for w, k := range map[string]abbrKind{"Mr.": abbrTitle, "Dec.": abbrMonth, "No.": abbrNumber, "etc.": abbrGeneral, "Inc.": abbrGeneral} {
		if lx.abbr[w] != k {
			t.Errorf("abbr[%q] = %d, want %d", w, lx.abbr[w], k)
		}
	}
	if !lx.starters["the"] || lx.starters["security"] || !lx.prefixes["non"] {
		t.Error("starter or prefix lists are wrong")
	}
	if _, err := parseLexicon(strings.NewReader("abbr X. weird\n")); err == nil {
		t.Error("unknown abbreviation kind accepted")
	}
}

// checkInvariants verifies what Tokenize promises for any input: sentences
// and tokens in order, inside the text, never overlapping, forms equal to
// the text they span, IDs 1-based, SpaceAfter true exactly when white space
// or the end of the text follows, and every byte outside tokens white space.
func checkInvariants(t testing.TB, text string, sents []nlp.Sentence) {
	t.Helper()
	pos := 0 // end of the previous token
	for si, s := range sents {
		if len(s.Tokens) == 0 || s.Start < 0 || s.End > len(text) || s.Start >= s.End || s.Text != text[s.Start:s.End] {
			t.Fatalf("sentence %d bad: %d-%d %q", si, s.Start, s.End, s.Text)
		}
		if s.Tokens[0].Start != s.Start || s.Tokens[len(s.Tokens)-1].End != s.End {
			t.Fatalf("sentence %d span %d-%d does not match its tokens", si, s.Start, s.End)
		}
		if len(s.Tokens) > MaxSentence+1 {
			t.Fatalf("sentence %d has %d tokens", si, len(s.Tokens))
		}
		for ti, tok := range s.Tokens {
			if tok.ID != ti+1 {
				t.Fatalf("sentence %d token %d has ID %d", si, ti, tok.ID)
			}
			if tok.Start < pos || tok.End <= tok.Start || tok.End > len(text) || tok.Form != text[tok.Start:tok.End] {
				t.Fatalf("sentence %d token %d bad: %q %d-%d after %d", si, ti, tok.Form, tok.Start, tok.End, pos)
			}
			gap := text[pos:tok.Start]
			for i := 0; i < len(gap); {
				r, n := utf8.DecodeRuneInString(gap[i:])
				if (r == utf8.RuneError && n == 1) || !isSpace(r) {
					t.Fatalf("byte %d (%q) is in no token", pos+i, gap[i:i+n])
				}
				i += n
			}
			pos = tok.End
		}
	}
	for i := pos; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if (r == utf8.RuneError && n == 1) || !isSpace(r) {
			t.Fatalf("trailing byte %d (%q) is in no token", i, text[i:i+n])
		}
		i += n
	}
	// SpaceAfter across sentence boundaries.
	var all []nlp.Token
	for _, s := range sents {
		all = append(all, s.Tokens...)
	}
	for i, tok := range all {
		want := i == len(all)-1 || all[i+1].Start > tok.End
		if tok.SpaceAfter != want {
			t.Fatalf("token %q at %d: SpaceAfter %v, want %v", tok.Form, tok.Start, tok.SpaceAfter, want)
		}
	}
}

func TestMaxSentence(t *testing.T) {
	text := strings.Repeat("word ", 1000)
	sents := New().Tokenize(text)
	checkInvariants(t, text, sents)
	if len(sents) != 3 || len(sents[0].Tokens) != MaxSentence || len(sents[2].Tokens) != 1000-2*MaxSentence {
		t.Errorf("got %d sentences (first %d tokens), want runs of %d", len(sents), len(sents[0].Tokens), MaxSentence)
	}
	// Closing marks after the 400th token, a period, do not push past the cap.
	text = strings.Repeat("w ", MaxSentence-2) + "end.)))))) Next"
	sents = New().Tokenize(text)
	checkInvariants(t, text, sents)
	if len(sents[0].Tokens) != MaxSentence {
		t.Errorf("first sentence has %d tokens, want %d", len(sents[0].Tokens), MaxSentence)
	}
}
