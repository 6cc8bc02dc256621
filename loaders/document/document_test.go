package document

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const seedPath = "../../data/seed/article.txt"

func TestSeedArticle(t *testing.T) {
	d, err := ReadFile(context.Background(), seedPath)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Zelenskyy Says Ready To Swap Captured North Korean Soldiers For Ukrainian Troops"; d.Headline != want {
		t.Errorf("Headline = %q, want %q", d.Headline, want)
	}
	if d.Publisher != "RFE/RL" {
		t.Errorf("Publisher = %q, want RFE/RL", d.Publisher)
	}
	if d.Byline != "" {
		t.Errorf("Byline = %q, want empty (the seed has a bare \"By\")", d.Byline)
	}
	if d.Format != Text || d.Path != seedPath || !filepath.IsAbs(d.Source) || !strings.HasSuffix(d.Source, "data/seed/article.txt") {
		t.Errorf("Format, Path, Source = %q, %q, %q", d.Format, d.Path, d.Source)
	}
	if !strings.HasPrefix(d.Text, "Ukrainian President Volodymyr Zelenskiy said") {
		t.Errorf("Text starts %q", d.Text[:min(80, len(d.Text))])
	}
	if !strings.HasSuffix(d.Text, "“It is clear that Russian and North Korean military leaders are treating these troops as expendable and ordering them on hopeless assaults against Ukrainian defenses,” Kirby said.") {
		t.Errorf("Text ends %q", d.Text[max(0, len(d.Text)-120):])
	}
	for _, noise := range []string{"RFE RL", "journalists report the news", "Leave a Reply", "Your email address", "Required fields", "(RFE/RL)", "\nBy\n", d.Headline} {
		if strings.Contains(d.Text, noise) {
			t.Errorf("Text contains noise %q", noise)
		}
	}
	paras := strings.Split(d.Text, "\n\n")
	if len(paras) != 20 {
		t.Errorf("got %d paragraphs, want 20", len(paras))
	}
	for i, p := range paras {
		if p == "" || strings.Contains(p, "\n") || p != strings.TrimSpace(p) {
			t.Errorf("paragraph %d is not one trimmed line: %q", i, p)
		}
	}
	if !strings.Contains(d.Text, "Ukraine’s SBU") || !strings.Contains(d.Text, "intelligence agency…[South") {
		t.Error("curly apostrophes or ellipsis were changed")
	}
	raw, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(raw); d.Hash != hex.EncodeToString(sum[:]) {
		t.Errorf("Hash = %s, want SHA-256 of the file", d.Hash)
	}
}

func TestWebCopy(t *testing.T) {
	d, err := ReadFile(context.Background(), "testdata/webcopy.txt")
	if err != nil {
		t.Fatal(err)
	}
	if d.Headline != "Kenya Raises Interest Rate to Curb Inflation as Shilling Slides" {
		t.Errorf("Headline = %q", d.Headline)
	}
	if d.Byline != "Grace Wanjiru and Peter Otieno" || d.Publisher != "Daily Ledger" || d.Dateline != "NAIROBI, Kenya" || dateString(d.Published) != "2025-03-04" {
		t.Errorf("Byline, Publisher, Dateline, Published = %q, %q, %q, %v", d.Byline, d.Publisher, d.Dateline, d.Published)
	}
	want := "Kenya's central bank raised its benchmark interest rate by half a percentage point on Tuesday, its second increase this year, as the shilling fell to a record low against the dollar.\n\n" +
		"The bank's monetary policy committee said inflation had risen to 7.2 percent in February, above the government's target range.\n\n" +
		"“We will do whatever it takes to bring prices back under control,” Governor Kamau Thugge told reporters in Nairobi.\n\n" +
		"Economists at Standard Bank said they expected one more increase before the end of June."
	if d.Text != want {
		t.Errorf("Text =\n%s\nwant\n%s", d.Text, want)
	}
}

func TestReadText(t *testing.T) {
	tests := []struct {
		name, in                          string
		headline, byline, publisher, date string
		dateline                          string
		text                              string
	}{
		{
			name:     "headline blank body",
			in:       "Storm hits coast\n\nA storm hit the coast on Monday.\n\nPower was cut to 10,000 homes.\n",
			headline: "Storm hits coast",
			text:     "A storm hit the coast on Monday.\n\nPower was cut to 10,000 homes.",
		},
		{
			name: "no headline: first line is running prose",
			in:   "A storm hit the coast on Monday, cutting power to thousands of homes across three counties, officials said.\n\nRepairs will take a week.",
			text: "A storm hit the coast on Monday, cutting power to thousands of homes across three counties, officials said.\n\nRepairs will take a week.",
		},
		{
			name: "headline needs a blank line after it",
			in:   "Storm hits coast\nA storm hit the coast on Monday.",
			text: "Storm hits coast A storm hit the coast on Monday.",
		},
		{
			name:     "byline and date straight under the headline",
			in:       "Port reopens\nBy Ann Lee\nMarch 3, 2024\n\nThe port reopened on Sunday.",
			headline: "Port reopens",
			byline:   "Ann Lee",
			date:     "2024-03-03",
			text:     "The port reopened on Sunday.",
		},
		{
			name:     "wikinews date line and CRLF",
			in:       "Pelosi elected Speaker\r\n\r\nFriday, January 4, 2019\r\n\r\nNancy Pelosi yesterday resumed the office.\r\n",
			headline: "Pelosi elected Speaker",
			date:     "2019-01-04",
			text:     "Nancy Pelosi yesterday resumed the office.",
		},
		{
			name:      "byline, dateline with place and publisher, trailer credits",
			in:        "Ceasefire holds\n\nBy Jane Doe and John Roe\n\nPublished: Jan. 12, 2025 at 3:04 PM EST\n\nGAZA CITY, Gaza (AP) — The ceasefire held for a third day.\n\nAid trucks crossed the border.\n\nReporting by Jane Doe; Editing by John Roe\n\nAP",
			headline:  "Ceasefire holds",
			byline:    "Jane Doe and John Roe",
			publisher: "AP",
			dateline:  "GAZA CITY, Gaza",
			date:      "2025-01-12",
			text:      "The ceasefire held for a third day.\n\nAid trucks crossed the border.",
		},
		{
			name:     "wrapped lines join, hyphenated words join without a space",
			in:       "Talks resume\n\nNegotiators met again\nin Geneva on Tuesday after a well-\nknown mediator intervened.",
			headline: "Talks resume",
			text:     "Negotiators met again in Geneva on Tuesday after a well-known mediator intervened.",
		},
		{
			name:     "list items become paragraphs without markers",
			in:       "Key points\n\n- Rates rise\n- Prices fall\n\n1. First\n2. Second",
			headline: "Key points",
			text:     "Rates rise\n\nPrices fall\n\nFirst\n\nSecond",
		},
		{
			name:     "noise anywhere and a comment section cut",
			in:       "Budget passed\n\nShare this:\n\nThe budget passed 52 to 48.\n\nAdvertisement\n\nSign up for our daily newsletter\n\nThe president will sign it Friday.\n\nClick here to read our full coverage.\n\nRelated\n\n3 Comments\n\nGreat article, thanks for posting this!\n\njohn_smith says:",
			headline: "Budget passed",
			text:     "The budget passed 52 to 48.\n\nThe president will sign it Friday.",
		},
		{
			name:     "cookie notice and copyright",
			in:       "Rail strike ends\n\nWe use cookies to give you the best experience. By continuing you accept our use of cookies.\n\nThe rail strike ended on Sunday.\n\n© 2025 Example News Ltd. All rights reserved.",
			headline: "Rail strike ends",
			text:     "The rail strike ended on Sunday.",
		},
		{
			name:     "NBSP, zero-width space, tabs and curly quotes",
			in:       "Quote\u00a0of the day\n\n“We\u00a0won’t\u200b stop,”\tshe said — twice.",
			headline: "Quote of the day",
			text:     "“We won’t stop,” she said — twice.",
		},
		{
			name:     "prose mentioning noise words stays",
			in:       "Privacy row\n\nRegulators said the site uses cookies to track children.\n\nBy comparison, rivals share less data.\n\nThe company's journalists report to an editor in London, she said.",
			headline: "Privacy row",
			text:     "Regulators said the site uses cookies to track children.\n\nBy comparison, rivals share less data.\n\nThe company's journalists report to an editor in London, she said.",
		},
		{
			name:     "text without spaces or case",
			in:       "新闻标题\n\n一个约定，信守15年，感人至深；一段真情，延续15年，催人泪下。",
			headline: "新闻标题",
			text:     "一个约定，信守15年，感人至深；一段真情，延续15年，催人泪下。",
		},
		{
			name:     "repeated headline and paragraphs go, short repeats stay",
			in:       "Dam bursts in the north\n\nThe dam burst on Tuesday night, flooding three villages.\n\nDam bursts in the north\n\nNo comment.\n\nNo comment.\n\nThe dam burst on Tuesday night, flooding three villages.",
			headline: "Dam bursts in the north",
			text:     "The dam burst on Tuesday night, flooding three villages.\n\nNo comment.\n\nNo comment.",
		},
		{
			name:      "publisher blurb and publisher name at the end",
			in:        "Floods in Kyiv\n\n(Kyiv Post) — Floods hit Kyiv.\n\nKYIV POST\n\nThe Kyiv Post is an independent English-language news outlet founded in 1995.",
			headline:  "Floods in Kyiv",
			publisher: "Kyiv Post",
			text:      "Floods hit Kyiv.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Read(context.Background(), "in.txt", strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if d.Headline != tt.headline || d.Byline != tt.byline || d.Publisher != tt.publisher {
				t.Errorf("Headline, Byline, Publisher = %q, %q, %q; want %q, %q, %q", d.Headline, d.Byline, d.Publisher, tt.headline, tt.byline, tt.publisher)
			}
			if got := dateString(d.Published); got != tt.date {
				t.Errorf("Published = %q, want %q", got, tt.date)
			}
			if d.Text != tt.text {
				t.Errorf("Text =\n%q\nwant\n%q", d.Text, tt.text)
			}
			if d.Dateline != tt.dateline {
				t.Errorf("Dateline = %q, want %q", d.Dateline, tt.dateline)
			}
			if d.Format != Text || d.Source != "in.txt" {
				t.Errorf("Format, Source = %q, %q", d.Format, d.Source)
			}
		})
	}
}

func dateString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func TestNoiseLine(t *testing.T) {
	tests := []struct {
		line  string
		s     scope
		noise bool
		reach reach
	}{
		{"Leave a Reply", anywhere, true, restAll},
		{"Your email address will not be published. Required fields are marked *", anywhere, true, lineOnly},
		{"Required fields are marked *", anywhere, true, lineOnly},
		{"Share this:", anywhere, true, lineOnly},
		{"Facebook Twitter Email", anywhere, true, lineOnly},
		{"Related", anywhere, true, restBlock},
		{"Related Stories:", anywhere, true, restBlock},
		{"Read more: Ukraine's army retreats from Pokrovsk", anywhere, true, restBlock},
		{"ADVERTISEMENT", anywhere, true, lineOnly},
		{"Story continues below advertisement", anywhere, true, lineOnly},
		{"Click here to subscribe to our channel", anywhere, true, lineOnly},
		{"Sign up for our morning briefing", anywhere, true, lineOnly},
		{"This website uses cookies to ensure you get the best experience.", anywhere, true, lineOnly},
		{"Accept all cookies", anywhere, true, lineOnly},
		{"12 Comments", anywhere, true, restAll},
		{"Comments are closed.", anywhere, true, restAll},
		{"Save my name, email, and website in this browser for the next time I comment.", anywhere, true, lineOnly},
		{"Tags: Ukraine, North Korea", anywhere, true, lineOnly},
		{"Copyright 2025 Reuters", anywhere, true, lineOnly},
		{"Photo: Reuters/Gleb Garanich", anywhere, true, lineOnly},
		{"RFE/RL journalists report the news in 21 countries where a free press is banned.", trailer, true, lineOnly},
		{"RFE/RL journalists report the news in 21 countries where a free press is banned.", anywhere, false, lineOnly},
		{"Reuters is the world's largest multimedia news agency.", trailer, true, lineOnly},
		{"Reporting by Tom Balmforth; Editing by Alex Richardson", trailer, true, lineOnly},
		{"This article was originally published on The Conversation.", trailer, true, lineOnly},
		// Prose that mentions the words is not noise.
		{"Leave a reply in the box, the form said, and officials would answer.", anywhere, false, lineOnly},
		{"Sign up for the draft begins on Monday, the ministry announced in a long statement that also covered deferments, exemptions and appeals for students.", anywhere, false, lineOnly},
		{"Facebook said it would appeal.", anywhere, false, lineOnly},
		{"Copyright lawyers said the ruling would chill parody.", anywhere, false, lineOnly},
		{"News of the deal spread fast, traders said.", anywhere, false, lineOnly},
		{"Listen to the people, the mayor said.", anywhere, false, lineOnly},
		{"3 min read", anywhere, true, lineOnly},
		{"Copyright © 2024 Example News", anywhere, true, lineOnly},
		{"Related charges were filed on Friday.", anywhere, false, lineOnly},
		{"The advertisement ran for a week.", anywhere, false, lineOnly},
		{"Officials said the home was destroyed.", anywhere, false, lineOnly},
		{"", anywhere, false, lineOnly},
	}
	for _, tt := range tests {
		noise, reach := noiseLine(tt.line, tt.s)
		if noise != tt.noise || reach != tt.reach {
			t.Errorf("noiseLine(%q, %d) = %v, %v; want %v, %v", tt.line, tt.s, noise, reach, tt.noise, tt.reach)
		}
	}
}

func TestNoiseRuleExamples(t *testing.T) {
	for _, r := range compiledNoise() {
		if !r.re.MatchString(r.example) {
			t.Errorf("rule %s does not match its example %q", r.name, r.example)
		}
		if noise, _ := noiseLine(r.example, r.scope); !noise {
			t.Errorf("rule %s: its example %q is not noise", r.name, r.example)
		}
		if r.scope == trailer {
			if noise, _ := noiseLine(r.example, anywhere); noise {
				t.Errorf("trailer rule %s: its example %q is noise anywhere", r.name, r.example)
			}
		}
		if r.re.MatchString("The minister said the talks would continue next week.") {
			t.Errorf("rule %s matches plain prose", r.name)
		}
	}
}

func TestParseByline(t *testing.T) {
	tests := []struct {
		line, author string
		ok           bool
	}{
		{"By", "", true},
		{"BY", "", true},
		{"By Jane Doe", "Jane Doe", true},
		{"By: Jane Doe, Reuters", "Jane Doe, Reuters", true},
		{"By Ludwig van Beethoven Jr.", "Ludwig van Beethoven Jr.", true},
		{"By comparison, rivals share less.", "", false},
		{"By the end of the year", "", false},
		{"Bystanders watched", "", false},
	}
	for _, tt := range tests {
		author, ok := parseByline(tt.line)
		if author != tt.author || ok != tt.ok {
			t.Errorf("parseByline(%q) = %q, %v; want %q, %v", tt.line, author, ok, tt.author, tt.ok)
		}
	}
}

func TestParseDateLine(t *testing.T) {
	tests := []struct {
		line, date, label string
	}{
		{"Friday, January 4, 2019", "2019-01-04", ""},
		{"January 4, 2019", "2019-01-04", ""},
		{"Jan. 4, 2019", "2019-01-04", ""},
		{"4 January 2019", "2019-01-04", ""},
		{"Sept. 30, 2024, 10:15 a.m. ET", "2024-09-30", ""},
		{"2025-01-12", "2025-01-12", ""},
		{"Updated 2025-01-12T10:00:00Z", "2025-01-12", "updated"},
		{"Published: Jan. 12, 2025 at 3:04 PM EST", "2025-01-12", "published"},
		{"12 January 2025 | 14:30 GMT", "2025-01-12", ""},
		{"February 30, 2019", "", ""},
		{"On January 4, 2019 the team won.", "", ""},
		{"Friday", "", ""},
	}
	for _, tt := range tests {
		d, label, ok := parseDateLine(tt.line)
		if got := dateString(d); got != tt.date || label != tt.label || ok != (tt.date != "") {
			t.Errorf("parseDateLine(%q) = %q, %q, %v; want %q, %q", tt.line, got, label, ok, tt.date, tt.label)
		}
	}
}

func TestParseDateline(t *testing.T) {
	tests := []struct {
		in, rest, place, publisher string
	}{
		{"(RFE/RL) — Ukrainian President said.", "Ukrainian President said.", "", "RFE/RL"},
		{"KYIV, Ukraine (AP) — The army said.", "The army said.", "KYIV, Ukraine", "AP"},
		{"WASHINGTON, Jan 12 (Reuters) - The Senate voted.", "The Senate voted.", "WASHINGTON, Jan 12", "Reuters"},
		{"LONDON — Prices rose.", "Prices rose.", "LONDON", ""},
		{"Ukraine (the country) - is large.", "Ukraine (the country) - is large.", "", ""},
		{"— A dash opens this.", "— A dash opens this.", "", ""},
		{"He said (AP) — no.", "He said (AP) — no.", "", ""},
	}
	for _, tt := range tests {
		rest, place, pub := parseDateline(tt.in)
		if rest != tt.rest || place != tt.place || pub != tt.publisher {
			t.Errorf("parseDateline(%q) = %q, %q, %q; want %q, %q, %q", tt.in, rest, place, pub, tt.rest, tt.place, tt.publisher)
		}
	}
}

func TestMarkdown(t *testing.T) {
	in := "---\ntitle: \"Rates rise again\"\nauthor: Ann Lee\ndate: 2024-03-05\n---\n\n# Ignored heading because the title came first\n\nThe **central bank** raised [rates](https://example.com/rates) by *half a point*. ![chart](c.png)\n\n## Reaction\n\n> Markets fell `sharply`.\n\n```\ncode()\n```\n\n---\n"
	d, err := Read(context.Background(), "post.md", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if d.Headline != "Rates rise again" || d.Byline != "Ann Lee" || dateString(d.Published) != "2024-03-05" {
		t.Errorf("metadata = %q, %q, %v", d.Headline, d.Byline, d.Published)
	}
	want := "The central bank raised rates by half a point.\n\nReaction\n\nMarkets fell sharply."
	if d.Text != want {
		t.Errorf("Text = %q, want %q", d.Text, want)
	}
}

func TestHTML(t *testing.T) {
	d, err := ReadFile(context.Background(), "testdata/news.html")
	if err != nil {
		t.Fatal(err)
	}
	if d.Format != HTML {
		t.Errorf("Format = %q", d.Format)
	}
	if want := "https://www.dailyledger.example/world/2024/11/08/valencia-floods-recede"; d.Source != want {
		t.Errorf("Source = %q, want the canonical URL %q", d.Source, want)
	}
	if d.Path != "testdata/news.html" {
		t.Errorf("Path = %q", d.Path)
	}
	if d.Headline != "Flood Waters Recede in Valencia as Rebuilding Begins" || d.Byline != "Maria Lopez" || d.Publisher != "The Daily Ledger" || dateString(d.Published) != "2024-11-08" {
		t.Errorf("metadata = %q, %q, %q, %v", d.Headline, d.Byline, d.Publisher, d.Published)
	}
	paras := strings.Split(d.Text, "\n\n")
	if len(paras) != 5 {
		t.Errorf("got %d paragraphs, want 5:\n%s", len(paras), d.Text)
	}
	for _, want := range []string{
		"Residents of the eastern Spanish city of Valencia began clearing thick mud",
		"1,800 soldiers and 500 police officers",
		"“We have lost everything, but we are alive,” said Carmen Ruiz",
		"Prime Minister Pedro Sánchez promised 10.6 billion euros",
		"warned that more storms were expected next week.",
	} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("Text lacks article text %q", want)
		}
	}
	for _, noise := range []string{"Politics", "newsletter", "cookies", "Advertisement", "Share on", "Storm Boris", "Related",
		"Comments", "floodwatcher", "Terrible news", "Leave a Reply", "email address", "All rights reserved", "Privacy", "VALENCIA, Spain", d.Headline} {
		if strings.Contains(d.Text, noise) {
			t.Errorf("Text contains page noise %q", noise)
		}
	}
}

func TestStdin(t *testing.T) {
	html, err := os.ReadFile("testdata/news.html")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		in     []byte
		format string
	}{
		{"html sniffed", html, HTML},
		{"text sniffed", []byte("Headline here\n\nBody text of the story."), Text},
		{"text with a stray control byte", []byte("Headline here\n\nBody text of the story\x1b with an escape in a long enough paragraph of text that stays well under one percent of control bytes, as old files have them, and then some more words to be sure."), Text},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Read(context.Background(), "", bytes.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if d.Format != tt.format || d.Path != "" {
				t.Errorf("Format, Path = %q, %q; want %q, \"\"", d.Format, d.Path, tt.format)
			}
			if want := "stdin:sha256:" + d.Hash[:16]; tt.format == Text && d.Source != want {
				t.Errorf("Source = %q, want %q (named by its content)", d.Source, want)
			}
		})
	}
}

func TestReadFileStdin(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdin
	os.Stdin = r
	defer func() { os.Stdin = old; r.Close() }()
	go func() {
		io.WriteString(w, "Piped headline\n\nPiped body text.")
		w.Close()
	}()
	d, err := ReadFile(context.Background(), Stdin)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(d.Source, "stdin:sha256:") || d.Headline != "Piped headline" || d.Text != "Piped body text." {
		t.Errorf("got %+v", d)
	}
}

func TestIdempotent(t *testing.T) {
	raw, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	a, err := Read(context.Background(), "a.txt", bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Read(context.Background(), "a.txt", bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if *a != *b {
		t.Errorf("same bytes, different documents:\n%+v\n%+v", a, b)
	}
	c, err := Read(context.Background(), "a.txt", bytes.NewReader(append(raw, '\n')))
	if err != nil {
		t.Fatal(err)
	}
	if c.Hash == a.Hash {
		t.Error("different bytes, same hash")
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...)
	tests := []struct {
		name    string
		path    string
		opts    Options
		want    error
		message string // a fragment the one-line message must hold
	}{
		{"missing", filepath.Join(dir, "nope.txt"), Options{}, fs.ErrNotExist, "no such file"},
		{"directory", dir, Options{}, ErrNotText, "is a directory"},
		{"empty", write("empty.txt", nil), Options{}, ErrEmpty, "0 bytes"},
		{"no words", write("digits.txt", []byte("12 34\n\n-- 56 --")), Options{}, ErrNoArticle, "no words"},
		{"whitespace", write("blank.txt", []byte(" \n\t\r\n\u00a0\n")), Options{}, ErrEmpty, "white space"},
		{"invalid utf-8", write("latin1.txt", []byte("Headline\n\nCaf\xe9 owners protest.")), Options{}, ErrInvalidUTF8, "at byte 13"},
		{"binary with text extension", write("image.txt", png), Options{}, ErrNotText, "image/png"},
		{"too large", write("big.txt", bytes.Repeat([]byte("word "), 300)), Options{MaxBytes: 1000}, ErrTooLarge, "(1.5 KB > 1000 bytes limit)"},
		{"only noise", write("noise.txt", []byte("Share this:\n\nAdvertisement\n\nLeave a Reply\n\nYour email address will not be published.")), Options{}, ErrNoArticle, "only page noise"},
		{"only a headline", write("headline.txt", []byte("Just a headline\n\n")), Options{}, ErrNoArticle, ""},
		{"html without article", write("empty.html", []byte("<html><head><title>Nothing</title></head><body><nav><a href=/>Home</a></nav></body></html>")), Options{}, ErrNoArticle, ""},
		{"html nested too deep", write("deep.html", []byte("<html><body>"+strings.Repeat("<div>", 5000)+"<p>Deep text of the story.</p>"+strings.Repeat("</div>", 5000))), Options{}, ErrNoArticle, "nested more than 512 deep"},
		{"html of only noise", write("noise.html", []byte("<html><body><p>Advertisement</p><p>Share this:</p></body></html>")), Options{}, ErrNoArticle, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := tt.opts.ReadFile(context.Background(), tt.path)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v (doc %+v), want %v", err, d, tt.want)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tt.path+": ") || strings.Contains(msg, "\n") || !strings.Contains(msg, tt.message) {
				t.Errorf("message %q: want one line starting with %q and holding %q", msg, tt.path+": ", tt.message)
			}
		})
	}
}

func TestNameQuoted(t *testing.T) {
	_, err := Read(context.Background(), "bad\nname.txt", strings.NewReader("0"))
	if !errors.Is(err, ErrNoArticle) || err.Error() != `"bad\nname.txt": no article text (no words)` {
		t.Errorf("err = %v", err)
	}
}

func TestUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: file permissions do not stop reading")
	}
	p := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(p, []byte("Headline\n\nBody."), 0o000); err != nil {
		t.Fatal(err)
	}
	_, err := ReadFile(context.Background(), p)
	if !errors.Is(err, fs.ErrPermission) || !strings.HasPrefix(err.Error(), p+": ") {
		t.Errorf("err = %v, want permission denied naming %s", err, p)
	}
}

func TestEncodings(t *testing.T) {
	tests := []struct {
		name, file string
		in         []byte
		opts       Options
		want       string
	}{
		{"option", "a.txt", []byte("Caf\xe9 news\n\nThe caf\xe9 \x93reopened\x94 \x96 at last."), Options{Windows1252: true}, "The café “reopened” – at last."},
		{"declared windows-1250", "a.html", []byte(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1250"></head><body><article><p>Pan Micha` + "\xb3" + ` powiedzia` + "\xb3" + ` w poniedzia` + "\xb3" + `ek, ` + "\xbf" + `e rozmowy b` + "\xea" + `d` + "\xb9" + ` kontynuowane w Genewie przez wiele tygodni.</p></article></body></html>`), Options{}, "Pan Michał powiedział w poniedziałek, że rozmowy będą kontynuowane w Genewie przez wiele tygodni."},
		{"html declaring UTF-8 with a bad byte", "a.html", []byte(`<html><head><meta charset="utf-8"></head><body><article><p>The caf` + "\xe9" + ` reopened at last after a long closure, its owner said on Monday.</p></article></body></html>`), Options{}, "The caf\uFFFD reopened at last after a long closure, its owner said on Monday."},
		{"html declaring nothing", "a.html", []byte(`<html><body><article><p>The caf` + "\xe9" + ` reopened at last after a long closure, its owner said on Monday.</p></article></body></html>`), Options{}, "The café reopened at last after a long closure, its owner said on Monday."},
		{"declared charset", "a.html", []byte(`<html><head><meta charset="iso-8859-1"><title>Caf` + "\xe9" + `</title></head><body><article><p>The caf` + "\xe9" + ` reopened at last after a long closure, its owner said on Monday.</p></article></body></html>`), Options{}, "The café reopened at last after a long closure, its owner said on Monday."},
		{"UTF-8 byte order mark", "a.txt", []byte("\xef\xbb\xbfHeadline\n\nThe body."), Options{}, "The body."},
		{"UTF-16 little endian", "a.txt", []byte("\xff\xfeA\x00 \x00b\x00o\x00d\x00y\x00.\x00"), Options{}, "A body."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := tt.opts.Read(context.Background(), tt.file, bytes.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if d.Text != tt.want {
				t.Errorf("Text = %q, want %q", d.Text, tt.want)
			}
		})
	}
}

// endless is a reader of endless text that counts what it hands out.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a' + byte(i%26)
	}
	e.n += int64(len(p))
	return len(p), nil
}

func TestTooLarge(t *testing.T) {
	// A sparse 50 MB file is refused from its size, before any reading.
	p := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = ReadFile(context.Background(), p)
	if !errors.Is(err, ErrTooLarge) || err.Error() != p+": too large (50 MB > 20 MB limit)" {
		t.Errorf("err = %v", err)
	}

	// A stream is read only up to the limit.
	r := &endless{}
	_, err = Read(context.Background(), "", r)
	if !errors.Is(err, ErrTooLarge) || !strings.HasPrefix(err.Error(), "<stdin>: too large") {
		t.Errorf("err = %v", err)
	}
	if r.n > DefaultMaxBytes+1<<20 {
		t.Errorf("read %d bytes of an endless stream, limit %d", r.n, DefaultMaxBytes)
	}
}

func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, "x.txt", strings.NewReader("Headline\n\nBody.")); !errors.Is(err, context.Canceled) {
		t.Errorf("Read: err = %v, want context.Canceled", err)
	}
	if _, err := ReadFile(ctx, seedPath); !errors.Is(err, context.Canceled) {
		t.Errorf("ReadFile: err = %v, want context.Canceled", err)
	}
}

func TestCanonicalURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.com/a/b", "https://example.com/a/b"},
		{"https://www.24horas.cl//www.24horas.cl/politica/x-1", "https://www.24horas.cl/politica/x-1"},
		{"/relative/path", ""},
		{"ftp://example.com/a", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := canonicalURL(tt.in); got != tt.want {
			t.Errorf("canonicalURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatSize(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{{0, "0 bytes"}, {1023, "1023 bytes"}, {1536, "1.5 KB"}, {20 << 20, "20 MB"}, {54945382, "52.4 MB"}, {3 << 30, "3 GB"}}
	for _, tt := range tests {
		if got := formatSize(tt.n); got != tt.want {
			t.Errorf("formatSize(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// wikinewsFiles lists the shared Wikinews articles, skipping tb when they
// are not there.
func wikinewsFiles(tb testing.TB) []string {
	tb.Helper()
	for _, dir := range []string{"../../../shared/wikinews", "/work/shared/wikinews"} {
		if files, _ := filepath.Glob(filepath.Join(dir, "*.txt")); len(files) > 0 {
			return files
		}
	}
	tb.Skip("shared Wikinews articles (../shared/wikinews) not present in this checkout")
	return nil
}

func TestWikinews(t *testing.T) {
	files := wikinewsFiles(t)
	dated := 0
	for _, f := range files {
		d, err := ReadFile(context.Background(), f)
		if err != nil {
			t.Error(err)
			continue
		}
		if d.Headline == "" || len(d.Text) < 100 || strings.Contains(d.Text, "\n\n\n") {
			t.Errorf("%s: headline %q, %d bytes of text", f, d.Headline, len(d.Text))
		}
		if !d.Published.IsZero() {
			dated++
		}
	}
	if dated < len(files)/2 {
		t.Errorf("only %d of %d Wikinews articles got a date from their date line", dated, len(files))
	}
}

func FuzzRead(f *testing.F) {
	seed, _ := os.ReadFile(seedPath)
	html, _ := os.ReadFile("testdata/news.html")
	for _, s := range [][]byte{seed, html, nil, []byte(" \n"), []byte("By\n\n(X) — y"), []byte("\xff\xfe\x00"), []byte("<p>a</p>"), []byte("---\ntitle: x\n---\n# h\n"),
		[]byte(strings.Repeat("<div>", 1000) + "deep" + strings.Repeat("</div>", 1000)), []byte(strings.Repeat("<b><i>", 300)),
		[]byte(strings.Repeat("word ", 5000)), []byte("a\x00b\x00c"), []byte("<html><body><table>" + strings.Repeat("<tr><td>", 600))} {
		f.Add("a.txt", s)
		f.Add("a.html", s)
		f.Add("a.md", s)
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		d, err := Options{MaxBytes: 1 << 20}.Read(context.Background(), name, bytes.NewReader(data))
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error message has several lines: %q", err)
			}
			return
		}
		if d.Text == "" || strings.Contains(d.Text, "\n\n\n") || d.Text != strings.TrimSpace(d.Text) {
			t.Errorf("bad text %q", d.Text)
		}
		if d.Format != Text && d.Format != HTML {
			t.Errorf("Format = %q", d.Format)
		}
	})
}

func TestShoutLine(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"RFE RL", true},
		{"ADVERTISEMENT", true},
		{"THE END OF IT", true},
		{"NATO SAYS MORE TROOPS NEEDED", false}, // too many words for debris
		{"Kyiv", false},
		{"UPDATED 2025", false},
		{"WHY?", false},
		{"子虐待をなくす", false},
		{"A", false},
	}
	for _, tt := range tests {
		if got := shoutLine(tt.line); got != tt.want {
			t.Errorf("shoutLine(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}
