package resolve

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// TestHeadType: the head noun of a name gives its type.
func TestHeadType(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Lake Erie", Place},
		{"Mount Kilimanjaro", Place},
		{"Ross Ice Shelf", Place},
		{"Hagghier Mountains", Place},
		{"Gulf of Mexico", Place},
		{"Catedral de San Ildefonso", Place},
		{"Cleveland Orchestra", Organization},
		{"University of Helsinki", Organization},
		{"Conservatoire de Paris", Organization},
		{"Congressional Black Caucus", Organization},
		{"Center for Advanced Study", Organization},
		{"Metro Toronto Convention Centre", Place},
		{"Avignon Festival", Event},
		{"World War II", Event},
		{"2010 World Cup", Event},
		{"Battle of Hastings", Event},
		{"Christmas", Event},
		{"Chinese New Year", ""}, // "Year" alone is no cue
		{"John Smith", ""},
		{"Sally Field", ""}, // surnames that are place nouns are left out
		{"Kirby", ""},
	}
	for _, tt := range tests {
		if got := headType(strings.Fields(tt.name)); got != tt.want {
			t.Errorf("headType(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestTeamAndKB: a known place followed by a plural is a team; the bundled
// knowledge base types countries, cities and international bodies.
func TestTeamAndKB(t *testing.T) {
	teams := []struct {
		name string
		want bool
	}{
		{"Boston Red Sox", true},
		{"Houston Astros", true},
		{"Chicago White Sox", true},
		{"Beverly Hills", false}, // a place noun
		{"Boston", false},
		{"Paris Hilton", false},
	}
	for _, tt := range teams {
		if got := team(strings.Fields(tt.name)); got != tt.want {
			t.Errorf("team(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
	kb := []struct{ name, want string }{
		{"canada", Country},
		{"geneva", City},
		{"united nations", Organization},
		{"europe", Place},
		{"georgia", Country}, // the country before the US state
		{"kirby", ""},
	}
	for _, tt := range kb {
		if got := kbType(tt.name); got != tt.want {
			t.Errorf("kbType(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestTypeCues: the cues decide the type of whole articles' entities.
func TestTypeCues(t *testing.T) {
	tests := []struct{ text, name, want string }{
		{"We drove along the shore of Lake Erie before dinner.", "Lake Erie", Place},
		{"The Boston Red Sox beat the Houston Astros on Sunday.", "Boston Red Sox", Organization},
		{"She performed with the Cleveland Orchestra for ten years.", "Cleveland Orchestra", Organization},
		{"The film won a prize at the Avignon Festival last summer.", "Avignon Festival", Event},
		{"Attention improves with practice (Rueda, Checa, & Cómbita, 2012).", "Checa", Person},
		{"Mary Jones met John Smith in Paris.", "Mary Jones", Person},
		{"The London 2012 Olympics were a success.", "Olympics", Event},
		{"She grew up in Irving, Texas, near Dallas.", "Irving", Place},
		{"The museum opened near Paramus, NJ, in 1990.", "Paramus", Place},
		{"As Smith, in 2010, wrote to Jones, the plan failed.", "Smith", Person},
		{"His third daughter Lensey, born in 1929, is a children's book author.", "Lensey", Person},
		{"Our study complements Navarro’s (2016) metrical analyses.", "Navarro", Person},
		// a surname is no city, a place preposition makes a place, "Center for" is an organisation
		{"Valeska Paris was held on the ship. Paris said she was not allowed to leave.", "Valeska Paris", Person},
		{"From Langeland there are ferries. Langeland is small. We stayed in Langeland for a week.", "Langeland", Place},
		{"She was a fellow of the Center for Advanced Study in the Behavioral Sciences.", "Center for Advanced Study", Organization},
	}
	for _, tt := range tests {
		ents, _ := resolveText(t, tt.text)
		e, ok := named(ents, tt.name)
		if !ok {
			t.Errorf("%q: no entity %q in %v", tt.text, tt.name, ents)
			continue
		}
		if e.Type != tt.want {
			t.Errorf("%q: %q is a %s, want %s", tt.text, tt.name, e.Type, tt.want)
		}
	}
}

// TestNestedNames: a place named inside an organisation's name is a
// mention of that place, and the outer name stays one entity.
func TestNestedNames(t *testing.T) {
	tests := []struct {
		text         string
		outer, inner string
		innerSpans   int // mentions of the inner entity
	}{
		{"She studied at the University of Chicago. Later she moved back to Chicago.", "University of Chicago", "Chicago", 2},
		{"He joined the Bank of Canada in 1990.", "Bank of Canada", "Canada", 1},
		{"The Houston Astros won again on Sunday.", "Houston Astros", "Houston", 1},
	}
	for _, tt := range tests {
		ents, _ := resolveText(t, tt.text)
		if _, ok := named(ents, tt.outer); !ok {
			t.Errorf("%q: no entity %q", tt.text, tt.outer)
		}
		e, ok := named(ents, tt.inner)
		if !ok {
			t.Errorf("%q: no entity %q in %v", tt.text, tt.inner, ents)
			continue
		}
		if len(e.Spans) != tt.innerSpans {
			t.Errorf("%q: %q has %d spans, want %d", tt.text, tt.inner, len(e.Spans), tt.innerSpans)
		}
	}
}

// sent builds a sentence of forms with their UPOS ("daughter/NOUN"), one
// space between tokens.
func sent(words ...string) *nlp.Sentence {
	s := &nlp.Sentence{}
	off := 0
	for _, w := range words {
		f, pos, _ := strings.Cut(w, "/")
		s.Tokens = append(s.Tokens, nlp.Token{Form: f, UPOS: pos, Start: off, End: off + len(f), SpaceAfter: true})
		off += len(f) + 1
	}
	return s
}

// TestPersonBeforeAndCitation: the person-noun and citation cues on
// hand-made token sequences.
func TestPersonBeforeAndCitation(t *testing.T) {
	before := []struct {
		s    *nlp.Sentence
		k    int
		want bool
	}{
		{sent("His/PRON", "daughter/NOUN", "Lensey/PROPN"), 2, true},
		{sent("two/NUM", "brothers/NOUN", ",/PUNCT", "Niklaus/PROPN", "and/CCONJ", "Johann/PROPN"), 5, true},
		{sent("the/DET", "town/NOUN", "Lensey/PROPN"), 2, false},
		{sent("in/ADP", "Lensey/PROPN"), 1, false},
	}
	for i, tt := range before {
		if got := personBefore(tt.s, tt.k); got != tt.want {
			t.Errorf("personBefore #%d = %v, want %v", i, got, tt.want)
		}
	}
	cites := []struct {
		s    *nlp.Sentence
		k    int
		want bool
	}{
		{sent("Navarro/PROPN", "’s/PART", "(/PUNCT", "2016/NUM", ")/PUNCT"), 1, true},
		{sent("(/PUNCT", "Rueda/PROPN", ",/PUNCT", "Checa/PROPN", ",/PUNCT", "&/CCONJ", "Cómbita/PROPN", ",/PUNCT", "2012/NUM"), 2, true},
		{sent("Rueda/PROPN", "said/VERB", "in/ADP", "2012/NUM"), 1, false},
	}
	for i, tt := range cites {
		if got := citation(tt.s, tt.k); got != tt.want {
			t.Errorf("citation #%d = %v, want %v", i, got, tt.want)
		}
	}
}
