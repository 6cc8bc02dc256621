package resolve

import (
	"testing"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// TestSpanRepairs: titles leave a person's name for its roles, a clipped
// name joins the organisation, a number stays in a name, an organisation
// cut at "and" is one, an interviewer's label is no entity.
func TestSpanRepairs(t *testing.T) {
	tests := []struct {
		text    string
		name    string // an entity that must exist
		typ     string // its type, "" for any
		alias   string // one of its aliases, "" for none
		role    string // one of its roles, "" for none
		missing string // a name no entity may have
	}{
		{"US President Donald Trump spoke to reporters on Monday.", "Donald Trump", Person, "", "US President", "US President Donald Trump"},
		{"Foreign Minister Sergei Lavrov met his counterpart in Geneva.", "Sergei Lavrov", Person, "", "Foreign Minister", "Foreign Minister"},
		{"Former Secretary of State Hillary Clinton spoke first.", "Hillary Clinton", Person, "", "Secretary of State", "State"},
		{"The Federal Reserve raised rates. The Fed said inflation was too high.", "Federal Reserve", Organization, "Fed", "", ""},
		{"The S&P 500 rose two percent on Tuesday.", "S&P 500", "", "", "", "S&P"},
		{"Engineers at the National Aeronautics and Space Administration tested the rocket.", "National Aeronautics and Space Administration", Organization, "", "", "Space Administration"},
		{"WN: Why did you run for mayor?", "", "", "", "", "WN"},
		{"A double room costs 825 DKK a night, a single 450 DKK.", "", "", "", "", "DKK"},
		{"Standard & Poor's downgraded the bonds on Friday.", "Standard & Poor's", Organization, "", "", "Poor"},
		{"Procter & Gamble raised prices again.", "Procter & Gamble", Organization, "", "", "Gamble"},
		{"Lockheed Martin and Northrop Grumman won the contract.", "Northrop Grumman", Organization, "", "", ""},
		{"Talks between North and South Korea resumed on Monday.", "North Korea", Country, "", "", "North"},
		{"Kim Jong-un inspected the missile site.", "Kim Jong-un", Person, "", "", "Kim Jong"},
		{"She studied at the University of Birmingham and London.", "University of Birmingham", Organization, "", "", "University of Birmingham and London"},
		{"The Linguistic Society of America met in January.", "Linguistic Society of America", Organization, "", "", "Linguistic Society of"},
		{"Larry Lessig spoke first. Later Lawrence Lessig founded a group.", "Lawrence Lessig", Person, "Larry Lessig", "", ""},
		// A country glued to a person's name after an office: two entities.
		{"The President of the United States Donald Trump spoke on Monday.", "Donald Trump", Person, "", "", "United States Donald Trump"},
		{"Chad Michael Murray starred in the film.", "", "", "", "", "Michael Murray"},
		// A country and a role only: the country, and no entity for the role.
		{"The United States Senator spoke for an hour.", "United States", Country, "", "", "United States Senator"},
		{"The U.S. Vice-President arrived on Monday.", "", "", "", "", "U.S. Vice-President"},
	}
	for _, tt := range tests {
		ents, _ := resolveText(t, tt.text)
		if tt.missing != "" {
			if e, ok := named(ents, tt.missing); ok {
				t.Errorf("%q: unexpected entity %q (%+v)", tt.text, tt.missing, e)
			}
		}
		if tt.name == "" {
			continue
		}
		e, ok := named(ents, tt.name)
		if !ok {
			t.Errorf("%q: no entity %q in %+v", tt.text, tt.name, ents)
			continue
		}
		if tt.typ != "" && e.Type != tt.typ {
			t.Errorf("%q: %q is a %s, want %s", tt.text, tt.name, e.Type, tt.typ)
		}
		if tt.alias != "" && !contains(e.Aliases, tt.alias) {
			t.Errorf("%q: %q has aliases %q, want %q", tt.text, tt.name, e.Aliases, tt.alias)
		}
		if tt.role != "" && !contains(e.Roles, tt.role) {
			t.Errorf("%q: %q has roles %q, want %q", tt.text, tt.name, e.Roles, tt.role)
		}
	}
}

// TestClipAndNumber: the string rules on their own.
func TestClipAndNumber(t *testing.T) {
	clips := []struct {
		short, long string
		want        bool
	}{
		{"Fed", "Federal Reserve", true},
		{"Fed", "Fed", false},
		{"Gen", "General Motors", false},    // a title
		{"Mar", "Maryland State", false},    // a month
		{"Ann", "Annapolis Council", false}, // a given name
		{"Federal", "Federal Reserve", false},
	}
	for _, tt := range clips {
		if got := clipOf(tt.short, tt.long); got != tt.want {
			t.Errorf("clipOf(%q, %q) = %v, want %v", tt.short, tt.long, got, tt.want)
		}
	}
}

func TestSameGiven(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Larry", "Lawrence", true},
		{"Bill", "Will", true}, // both William
		{"Steve", "Steven", true},
		{"Steve", "Stephanie", false},
		{"Jack", "James", false},
	}
	for _, tt := range tests {
		if got := sameGiven(tt.a, tt.b); got != tt.want {
			t.Errorf("sameGiven(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestLeadingTitle: where a person's name starts in a recognised span, and
// the role before it.
func TestLeadingTitle(t *testing.T) {
	tests := []struct {
		s          *nlp.Sentence
		start, end int
		want       int
		role       string
	}{
		{sent("US/PROPN", "President/PROPN", "Donald/PROPN", "Trump/PROPN"), 0, 4, 2, "US President"},
		{sent("Director/PROPN", "of/ADP", "National/PROPN", "Intelligence/PROPN", "John/PROPN", "Ratcliffe/PROPN"), 3, 6, 4, "Director of National Intelligence"},
		{sent("Secretary/PROPN", "of/ADP", "State/PROPN", "Hillary/PROPN", "Clinton/PROPN"), 2, 5, 3, "Secretary of State"},
		{sent("Congresswoman/PROPN", "Dean/PROPN"), 0, 2, 0, ""},                   // a title and a surname stay whole
		{sent("King/PROPN", "Charles/PROPN", "III/PROPN"), 0, 3, 0, ""},            // a royal title is part of the name
		{sent("Friends/NOUN", "of/ADP", "John/PROPN", "Smith/PROPN"), 2, 4, 2, ""}, // no role before "of"
	}
	for i, tt := range tests {
		got, role := leadingTitle(tt.s, tt.start, tt.end)
		if got != tt.want || role != tt.role {
			t.Errorf("#%d: leadingTitle = %d, %q, want %d, %q", i, got, role, tt.want, tt.role)
		}
	}
}

// TestSameEntityMistypedSurname: a one-word name the recogniser typed
// otherwise is the surname of a person of the article ("Trump" as a
// place, after "Donald Trump"); a country or city of that name is not.
func TestSameEntityMistypedSurname(t *testing.T) {
	tests := []struct {
		mtext, mtyp string
		want        bool
	}{
		{"Trump", Place, true},
		{"Trump", Organization, true},
		{"Trump", Thing, true},
		{"Trump", Country, false},
		{"Trump", City, false},
		{"Obama", Place, false}, // another surname
	}
	for _, tt := range tests {
		c := &cluster{typ: Person, names: []string{"Donald Trump"}}
		if got := sameEntity(c, &mention{text: tt.mtext, typ: tt.mtyp}); got != tt.want {
			t.Errorf("sameEntity(Donald Trump, %s %q) = %v, want %v", tt.mtyp, tt.mtext, got, tt.want)
		}
	}
}
