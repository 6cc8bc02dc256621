package document

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
)

// scope says where in an article a noise rule applies.
type scope uint8

const (
	anywhere scope = iota // any line of the article
	trailer               // only the paragraphs that end the article
)

// reach says how much of an article goes with a noise line.
type reach uint8

const (
	lineOnly  reach = iota // the line alone
	restBlock              // the line heads a list of links: the rest of its block goes too
	restAll                // the line opens a comment section: everything after it goes too
)

// noiseRule is one kind of page noise: boilerplate a copied web page leaves
// around the article.
type noiseRule struct {
	name    string
	example string // a line the rule makes noise (checked by the tests)
	pattern string // case-insensitive; must match a whole phrase at the start of a line
	scope   scope
	reach   reach
}

// noiseRules is the table of page noise. A line is noise when it is made
// entirely of phrases these rules match ("Your email address will not be
// published. Required fields are marked *" is two phrases). Rules match
// whole phrases only, so prose that merely mentions the words survives.
var noiseRules = []noiseRule{
	// Comment sections.
	{name: "comment-form", example: "Leave a Reply", pattern: `leave a (reply|comment)|post a comment|add a comment|write a comment`, reach: restAll},
	{name: "comment-count", example: "12 thoughts on “Zelenskyy offers prisoner swap”", pattern: `\d+ (comments?|responses?|replies|thoughts on [^\n]{1,120})|comments? \(\d+\)|comments are closed\.?|(show|view|load|read|see) (all )?(\d+ )?comments`, reach: restAll},
	{name: "conversation", example: "Join the conversation", pattern: `join the (conversation|discussion)[.!]?`, reach: restAll},
	{name: "comment-fields", example: "Your email address will not be published. Required fields are marked *", pattern: `your email address will not be published\.?|required fields are marked \*?|(name|e-?mail|website|comment) ?\*|cancel reply|post comment|submit( comment)?|you must be (logged|signed) in to post a comment\.?`},
	{name: "comment-consent", example: "Notify me of new posts by email.", pattern: `save my name, email, and website in this browser for the next time i comment\.?|notify me of (follow-up comments|new posts|new comments)[^\n]{0,40}\.?|this site uses akismet to reduce spam\.[^\n]{0,100}`},

	// Sharing widgets.
	{name: "share", example: "Share this article on WhatsApp", pattern: `share( (this|the) (article|story|post|page))?( (on|via) \w+)?:?|share this:?|like this:?|like loading\.*|click to (share|print|email)[^\n]{0,80}`},
	{name: "social", example: "Facebook | Twitter | LinkedIn | Email", pattern: `(facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|email|e-mail|print|copy link|copy url|tweet|messenger)[,|·•]?`},

	// Advertising.
	{name: "advertisement", example: "Story continues below advertisement", pattern: `advertisements?|sponsored( content| links?| stories)?|ads?|paid (content|post)|(story|article) continues below( this)?( advertisement| ad)?|scroll (down )?to continue( reading)?( with content)?|continue reading( below)?`},

	// Navigation and links to other articles.
	{name: "related", example: "Read more: Ukraine's army retreats", pattern: `related( articles| stories| posts| content| coverage| news| topics| reading)?:?|(read|see) (more|also)(:[^\n]{0,150})?|also read:[^\n]{0,150}|more (stories|news|articles)( from [^\n]{1,40})?:?`, reach: restBlock},
	{name: "recommended", example: "You may also like", pattern: `you (may|might) also (like|be interested in)[^\n]{0,40}|recommended( for you| stories| articles)?:?|most (read|popular|viewed|shared)( stories| articles)?:?|trending( now| stories)?:?|(previous|next|prev)( article| post| story)?:?`, reach: restBlock},
	{name: "site-nav", example: "Skip to main content", pattern: `back to (top|home)|skip to (main )?content|toggle navigation|open menu|home|menu|search|close|log ?in|sign ?in|log ?out|register`},
	{name: "breadcrumbs", example: "Home › World › Europe", pattern: `(home|news)( ?[›»>/|] ?[^›»>/|\n]{1,30}){1,6}`},
	{name: "reading-aids", example: "Listen to this article 4:12", pattern: `\d+ min(ute)?s? read|reading time:? ?\d+ min(ute)?s?|listen( to this (article|story))?( \d+:\d{2})?|print this (article|page)|(font|text) size:?`},
	{name: "tags", example: "Tags: Ukraine, North Korea, prisoners", pattern: `(tags?|topics?|categories|filed under|posted in):[^\n]{0,200}`},

	// Calls to action.
	{name: "click-here", example: "Click here to get the app", pattern: `click here\b[^\n]{0,200}$`},
	{name: "sign-up", example: "Sign up for our daily briefing", pattern: `sign up( now| today)?( (for|to)\b[^\n]{0,80}$)?|subscribe( now| today)?( (to|for)\b[^\n]{0,80}$)?|newsletter|already a (subscriber|member)\?[^\n]{0,80}|(follow|like) us on [^\n]{0,80}|(download|get) (our|the) [^\n]{0,40}\bapp\b[^\n]{0,60}|get (the latest|our) [^\n]{0,80}(newsletter|inbox|updates)[^\n]{0,40}|enter your e-?mail( address)?[^\n]{0,60}`},

	// Cookie and legal notices.
	{name: "cookies", example: "We use cookies to personalise content. Accept all cookies", pattern: `(we|this (site|website)) uses? cookies[^\n]{0,400}|by (continuing|using) (to (use|browse) )?(this|our) (site|website)[^\n]{0,300}|(accept|reject|allow|manage)( all)?( cookies| preferences| settings)?|(cookie|privacy) (policy|settings|preferences|notice)|terms of (use|service)|all rights reserved\.?`},
	{name: "copyright", example: "© 2025 Example Media. All rights reserved.", pattern: `(copyright ?(©|\(c\))? ?\d{4}|©|\(c\) ?\d{4})[^\n]{0,150}`},
	{name: "image-caption", example: "Image caption, AFP via Getty Images", pattern: `(image|media|video) caption,?|([\w .'’-]{1,40}(/| via ))?(getty images|shutterstock|ap photo|epa-efe)[^\n]{0,60}`},
	{name: "photo-credit", example: "Photo: Reuters/Gleb Garanich", pattern: `\((file )?(photo|image|picture|photograph)( credit)?:?[^)\n]{0,80}\)|(file )?(photo|image|picture|photograph|credit|caption)( credit)?: [^\n]{0,150}`},

	// Credits and publisher blurbs that close an article.
	{name: "credits", example: "Reporting by Tom Balmforth; Editing by Alex Richardson", pattern: `\(?(reporting|writing|editing|additional reporting|with reporting|compiled|edited|written|produced|research) by\b[^\n]{0,300}`, scope: trailer},
	{name: "blurb-journalists", example: "RFE/RL journalists report the news in 21 countries where a free press is banned.", pattern: `\S+( \S+){0,3} (journalists|reporters|correspondents|staff) (report|cover|bring( you)?) (the )?news\b[^\n]{0,300}`, scope: trailer},
	{name: "blurb-outlet", example: "The Kyiv Independent is an English-language news outlet founded in 2021.", pattern: `(\S+ ){1,6}(is|are) (an?|the) (\S+ ){0,6}(news|media|broadcast\w*|press)( \w+)? (organi[sz]ation|outlet|agency|service|network|company|corporation|group)\b[^\n]{0,300}`, scope: trailer},
	{name: "origin", example: "This article was originally published on The Conversation.", pattern: `(this|the) (article|story|report|piece) (was|is|has been) (originally |first )?(published|produced|written|reported|republished|updated)\b[^\n]{0,200}`, scope: trailer},
}

// compiledRule is a noiseRule ready to match.
type compiledRule struct {
	noiseRule
	re *regexp.Regexp
}

// compiledNoise returns noiseRules compiled once, on first use (not when
// the package is initialised: commands that read no document don't pay for
// it); the slice is never modified.
var compiledNoise = sync.OnceValue(func() []compiledRule {
	out := make([]compiledRule, len(noiseRules))
	for i, r := range noiseRules {
		re := regexp.MustCompile(`^(?i:` + r.pattern + `)(?:[\s.,;:!|·•*]+|$)`)
		re.Longest()
		out[i] = compiledRule{r, re}
	}
	return out
})

// maxNoiseLine is the longest line, in bytes, that can be noise.
const maxNoiseLine = 1000

// noiseLine reports whether line is made entirely of noise phrases that
// apply in scope s, and how far the noise reaches.
func noiseLine(line string, s scope) (noise bool, r reach) {
	rest := strings.TrimSpace(line)
	if rest == "" || len(rest) > maxNoiseLine {
		return false, lineOnly
	}
	for rest != "" {
		// Take the longest phrase any rule matches here.
		best, bestReach := 0, lineOnly
		rules := compiledNoise()
		for i := range rules {
			rule := &rules[i]
			if rule.scope > s {
				continue
			}
			if loc := rule.re.FindStringIndex(rest); loc != nil && loc[1] > best {
				best, bestReach = loc[1], rule.reach
			}
		}
		if best == 0 {
			return false, lineOnly
		}
		rest = strings.TrimSpace(rest[best:])
		r = max(r, bestReach)
	}
	return true, r
}

// bylineLine matches "By", "By: Jane Doe", "By Jane Doe and John Roe, Reuters".
var bylineLine = regexp.MustCompile(`^(?i:by)(?:[:\s]+(.*))?$`)

// nameWords are the lower-case words allowed in a byline name.
var nameWords = map[string]bool{"and": true, "&": true, "de": true, "van": true, "von": true, "der": true,
	"den": true, "da": true, "di": true, "la": true, "le": true, "bin": true, "al": true, "of": true, "the": true, "in": true}

// parseByline reports whether line is a byline and returns the author(s).
func parseByline(line string) (author string, ok bool) {
	m := bylineLine.FindStringSubmatch(line)
	if m == nil {
		return "", false
	}
	author = strings.TrimSpace(m[1])
	if author == "" {
		return "", true
	}
	words := strings.Fields(author)
	if len(words) > 10 || strings.HasSuffix(author, ".") && !initialEnd(author) {
		return "", false
	}
	for _, w := range words {
		w = strings.Trim(w, ",;|")
		if w == "" || nameWords[strings.ToLower(w)] {
			continue
		}
		if r := []rune(w)[0]; !unicode.IsUpper(r) {
			return "", false
		}
	}
	return strings.TrimRight(author, ",;| "), true
}

// initialEnd reports whether s ends with an initial such as "Jr." or "J.".
func initialEnd(s string) bool {
	f := strings.Fields(s)
	last := f[len(f)-1]
	return len([]rune(last)) <= 3
}

// datelinePrefix matches a dateline that opens the first paragraph:
// "(RFE/RL) — ", "KYIV, Ukraine (AP) — ", "WASHINGTON, Jan 12 (Reuters) - ",
// "LONDON — ". The publisher is group 2.
var datelinePrefix = regexp.MustCompile(`^(?:(\p{Lu}[\p{Lu}\p{Lu} .'’-]*\p{Lu}(?:,[^()—–\n]{1,40}?)?)\s*)?(?:\((\p{Lu}[\p{L}0-9/&.' -]{0,39})\)\s*)?(?:—|–|--?)\s+`)

// parseDateline strips a dateline from the start of p and returns the
// publisher it names ("" when it names none).
func parseDateline(p string) (rest, place, publisher string) {
	m := datelinePrefix.FindStringSubmatchIndex(p)
	if m == nil {
		return p, "", ""
	}
	if m[2] < 0 && m[4] < 0 {
		return p, "", "" // a bare dash opening a paragraph is not a dateline
	}
	if m[2] >= 0 {
		place = p[m[2]:m[3]]
		if first := strings.Fields(place)[0]; strings.ToUpper(first) != first || len([]rune(strings.Trim(first, ","))) < 2 {
			return p, "", ""
		}
	}
	if m[4] >= 0 {
		publisher = strings.TrimSpace(p[m[4]:m[5]])
	}
	return p[m[1]:], strings.TrimSpace(place), publisher
}

// alnumKey lower-cases s and keeps only letters and digits, so that
// "RFE RL" and "RFE/RL" compare equal.
func alnumKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// shoutLine reports whether line is a few upper-case words with no sentence
// punctuation, like "RFE RL" or "ADVERTISEMENT" left at the end of a page.
func shoutLine(line string) bool {
	words := strings.Fields(line)
	if len(words) == 0 || len(words) > 4 {
		return false
	}
	letters := 0
	for _, r := range line {
		switch {
		case unicode.IsUpper(r):
			letters++
		case unicode.IsLetter(r): // lower case, or a script without case
			return false
		case unicode.IsDigit(r), r == '.', r == '!', r == '?', r == '"', r == '“', r == '”':
			return false
		}
	}
	return letters >= 2
}
