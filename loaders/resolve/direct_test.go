package resolve

import (
	"slices"
	"strings"
	"testing"
)

// TestDirectTripleRules: each rule of direct.go on a sentence of its own —
// the fact keeps its statement but gets no direct triple, and says why —
// and clean facts that stay direct triples.
func TestDirectTripleRules(t *testing.T) {
	tests := []struct {
		text string
		rel  string // the fact's relation
		subj string // a word of its subject as written
		rule string // the rule that must fire; "" for a direct triple
		obj  string // a word of its object as written ("" for any)
	}{
		// Clean readings stay direct.
		{"Apple hired John Smith in May.", "hire", "Apple", "", ""},
		{"The police arrested two men on Friday.", "arrest", "police", "", ""},
		{"North Korea sent some 11,000 troops to the border.", "send", "Korea", "", ""},
		{"The airline cancelled 300 flights on Sunday.", "cancel", "airline", "", ""},
		{"The mayor said the bridge would reopen in June.", "say", "mayor", "", ""},
		{"Anna Berg, the mayor of Oslo, opened the museum.", "open", "Berg", "", ""},
		{"Kim will release the prisoners if Seoul pays a ransom.", "release", "Kim", "", ""},
		{"Russian officials signed the agreement on Monday.", "sign", "officials", "", ""},
		// A question asks.
		{"Will the maintainers appoint new maintainers?", "appoint", "maintainers", ruleQuestion, ""},
		// The if-clause of a condition is a hypothesis.
		{"Kim will release the prisoners if Seoul pays a ransom.", "pay", "Seoul", ruleCondition, ""},
		// Reached through a conjunct, a relative clause or "whether".
		{"If Seoul pays a ransom and Kim releases the prisoners, talks will resume.", "release", "Kim", ruleHypothesis, ""},
		{"Analysts asked whether Microsoft would buy Nokia.", "buy", "Microsoft", ruleHypothesis, ""},
		// A bare number or a measure as the object.
		{"Moscow has reclaimed some 40 percent of the territory.", "reclaim", "Moscow", ruleNumber, ""},
		{"The storm moved about 50 miles south of the island.", "move", "storm", ruleNumber, ""},
		// A literal object that is no node, no predicate and no clause.
		{"The council chose the cheaper one.", "choose", "council", ruleLiteral, ""},
		// A clause as the object of a verb that reports none, over a semicolon.
		{"So first sixteen people joined, then from sixteen; now there are about 5000 members.", "join", "people", ruleClauseVerb, ""},
		{"So first sixteen people joined, then from sixteen; now there are about 5000 members.", "join", "people", ruleSemicolon, ""},
		// Editorial brackets cut a word.
		{"The team[s] won the final on Sunday.", "win", "team", ruleBracket, ""},
		// A subject handed down over a semicolon.
		{"The storm destroyed homes in the north; then it flooded the capital and killed ten people.", "kill", "storm", ruleBoundary, ""},
		// Far from its verb.
		{"The report, which was written by a panel of seven independent experts from three universities over two years, criticised the ministry.", "criticise", "report", ruleFar, ""},
		// A copula with an attribute, not a node.
		{"Brock Pierce said the reform is necessary.", "be", "reform", ruleAttribute, ""},
		// Under a negated governor.
		{"A red notice doesn't force countries to conduct the arrest.", "conduct", "notice", ruleNegScope, ""},
		{"The spokesman did not say that the company had closed the plant.", "close", "company", ruleNegScope, ""},
		// A concept glued over a coordination.
		{"Russian and Chinese officials signed the agreement on Monday.", "sign", "officials", ruleCoord, ""},
		// A subject handed down into an adverbial clause from a common noun
		// or a passive subject.
		{"The companies prevented the ships from leaving, citing the new rules.", "cite", "companies", ruleAdvcl, ""},
		{"Photos can be saved by taking screenshots.", "take", "Photos", ruleAdvcl, ""},
		// An object coordinated by "rather than".
		{"Analysts said the plan is a good one, rather than a bad one.", "be", "plan", ruleContrast, "bad"},
		// A noun modifier with a concept as its object.
		{"Polls at the start of the month showed Biden ahead.", "be_at", "Polls", ruleNmod, ""},
		// An apposition after a colon is a label.
		{"Image: Nicholas Moreau.", "be", "Image", ruleColon, ""},
		// An "apposition" without a comma, a parenthesis or a dash.
		{"Questioners included actor Sean Stone, SpaceX co-founder Jim Cantrell and the mother of a prisoner.", "be", "co-founder", ruleAdjacent, ""},
		// A copula whose object is a clause.
		{"The ministry's strategy is to reopen, reset and reform the economy.", "be", "strategy", ruleCopNonArg, ""},
		// An apposition that runs over a comma into the rest of the sentence.
		{"Christopher Gallego-Lazo, also an Ithaca undergrad, evaluated glue from the dusky slug by focusing on the chemical bonds.", "be", "Gallego-Lazo", ruleApposComma, ""},
		// The object is the subject of the next clause.
		{"The study stated the fauna of the sites were primarily medium-sized ungulates such as reindeer.", "state", "study", ruleObjSubj, "fauna"},
	}
	for _, tt := range tests {
		_, facts := resolveText(t, tt.text)
		found := false
		var seen []string
		for _, f := range facts {
			seen = append(seen, f.Subject.Text+" —"+f.Relation+"→ "+f.Object.Text+" {"+f.NoTriple+"}")
			if f.Relation != tt.rel || !strings.Contains(f.Subject.Text, tt.subj) || f.Object.IsZero() || !strings.Contains(f.Object.Text, tt.obj) {
				continue
			}
			found = true
			rules := strings.Split(f.NoTriple, ",")
			switch {
			case tt.rule == "" && f.NoTriple != "":
				t.Errorf("%q: %s —%s→ %s kept as a statement only (%s), want a direct triple", tt.text, f.Subject.Text, f.Relation, f.Object.Text, f.NoTriple)
			case tt.rule != "" && !slices.Contains(rules, tt.rule):
				t.Errorf("%q: %s —%s→ %s: rules %q, want %q", tt.text, f.Subject.Text, f.Relation, f.Object.Text, f.NoTriple, tt.rule)
			}
		}
		if !found {
			t.Errorf("%q: no fact %s —%s→ …; facts: %s", tt.text, tt.subj, tt.rel, strings.Join(seen, "; "))
		}
	}
}
