package resolve

import (
	"strings"
	"testing"
	"unicode"

	"github.com/newsgraph/newsgraph/graph"
)

// mentionOf returns the entity node (not a concept) one of whose mention
// spans starts at the n-th (1-based) whole-word occurrence of word in text,
// and whether there is one.
func mentionOf(t *testing.T, ents []graph.Entity, text, word string, n int) (graph.Entity, bool) {
	t.Helper()
	isWord := func(i int) bool { return i < 0 || i >= len(text) || !unicode.IsLetter(rune(text[i])) }
	at := -1
	for off := 0; n > 0; off = at + 1 {
		i := strings.Index(text[off:], word)
		if i < 0 {
			t.Fatalf("%q is not %d times in %q", word, n, text)
		}
		at = off + i
		if isWord(at-1) && isWord(at+len(word)) {
			n--
		}
	}
	for _, e := range ents {
		if e.Type == graph.Concept {
			continue
		}
		for _, sp := range e.Spans {
			if sp.Start == at {
				return e, true
			}
		}
	}
	return graph.Entity{}, false
}

// TestCorefRules: one table row per rule of the pronoun resolver, each on
// sentences of its own. want is the label of the node the pronoun (the
// n-th occurrence of pron) becomes a mention of, "" when it must stay
// unresolved; wantType, when set, is that node's type.
func TestCorefRules(t *testing.T) {
	tests := []struct {
		rule, text, pron string
		n                int
		want, wantType   string
	}{
		// Animacy from WordNet: "farrier" is in no hand-made list, yet
		// "they" finds the farriers, who become an article-local group.
		{"animacy: people for they", "The farriers came to the stables on Monday. They said the horses were calm.", "They", 1, "farriers", Group},
		{"animacy: a couple is they", "The couple moved to Austin in 2010. They opened a bakery there.", "They", 1, "couple", Group},
		// Once "the couple" is an entity, the bare noun no longer competes
		// with it for the next "their".
		{"promoted noun competes no more", "The couple moved to Austin in 2010, and they opened a bakery. Their son was born in 2012.", "Their", 1, "couple", Group},
		// Gender: a person known to be a woman outweighs a more recent
		// person of unknown gender ("Robin" is a given name of both).
		{"known gender first", "Mary Jones spoke to reporters. Robin Casey, the mayor, said on Monday that the budget would pass. She said the talks went well.", "She", 1, "Mary Jones", Person},
		// A quote's speaker is not "he" inside it, whatever the speech
		// verb ("remarked").
		{"quote speaker", "Robin Stan met reporters in May. \u201cWe will keep it until he quits,\u201d Stan remarked.", "he", 1, "", ""},
		// The subject of the clause the pronoun's clause depends on.
		{"matrix subject", "Tom Jones won the race. Bill Smith frowned when he saw the result.", "he", 1, "Bill Smith", Person},
		// A possessive in a reported clause with a subject of its own:
		// the speaker is not preferred (without the rule: John Gross).
		{"possessive's clause subject", "John Gross hosts a radio show. Gross said that Stephen Colbert loved his time in Chicago.", "his", 1, "", ""},
		// Pleonastic "it" before a clause refers to nothing.
		{"pleonastic it, that", "Apple Inc. opened a store in May. It helped that sales rose.", "It", 1, "", ""},
		{"pleonastic it, to", "Apple Inc. opened a store in May. It would cost millions to rebuild the plant.", "It", 1, "", ""},
		{"pleonastic it, object", "Apple Inc. opened a store in May. It makes sense to wait.", "It", 1, "", ""},
		// Binding: a pronoun object is not its own verb's subject.
		// An event named by its head noun is "it".
		{"event is it", "The Avignon Festival opened on Friday. It will run until July.", "It", 1, "Avignon Festival", Event},
		{"binding", "John Smith owned a factory. Tom Jones visited it in May. Smith employed him in 1990.", "him", 1, "Tom Jones", ""},
	}
	for _, tt := range tests {
		ents, _ := resolveText(t, tt.text)
		e, ok := mentionOf(t, ents, tt.text, tt.pron, tt.n)
		switch {
		case tt.want == "" && ok:
			t.Errorf("%s: %q resolved to %q, want unresolved", tt.rule, tt.pron, e.Name)
		case tt.want != "" && !ok:
			t.Errorf("%s: %q unresolved, want %q", tt.rule, tt.pron, tt.want)
		case tt.want != "" && !strings.EqualFold(e.Name, tt.want) && !contains(e.Aliases, tt.want):
			t.Errorf("%s: %q resolved to %q, want %q", tt.rule, tt.pron, e.Name, tt.want)
		case tt.wantType != "" && e.Type != tt.wantType:
			t.Errorf("%s: %q resolved to %s %q, want a %s", tt.rule, tt.pron, e.Type, e.Name, tt.wantType)
		}
	}
}
