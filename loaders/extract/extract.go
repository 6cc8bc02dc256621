// Package extract finds facts in the Universal Dependencies parse of a
// sentence: clause-based open information extraction in the ClausIE /
// Stanford OpenIE family, adapted to UD basic relations.
//
// Every predicate of a sentence (a verb, or a nominal or adjective with a
// copula) becomes a clause; its subject, objects and prepositional arguments
// are read off the parse, coordination is split into separate facts,
// relative clauses, participial modifiers and xcomp chains get their
// subjects from the words they modify or depend on, and reported speech
// attaches its speaker to every fact of the reported clause. Appositions,
// titles before names and possessives give nominal facts ("Kirby —be→
// White House spokesman").
//
// The package only reads nlp.Sentence values; it keeps no state between
// calls and is safe for concurrent use.
package extract

import (
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// Span is an argument: some tokens of one sentence, usually a subtree of the
// parse with parts cut out (conjuncts, relative clauses, appositions).
type Span struct {
	Head   int    // 0-based index of the head token, -1 when the span is empty
	Tokens []int  // 0-based token indexes, in sentence order
	Text   string // the tokens' text, joined as written
}

// IsZero reports whether the span is empty.
func (s Span) IsZero() bool { return len(s.Tokens) == 0 }

// Role says what an extra argument is.
type Role string

// Roles of extra arguments.
const (
	RoleArg        Role = ""           // a prepositional or other argument
	RoleTime       Role = "time"       // when: "on January 9", "last fall"
	RolePlace      Role = "place"      // where: "in Kursk" (a GPE/LOC entity)
	RoleComplement Role = "complement" // object complement: "elected him president"
	RoleIObj       Role = "iobj"       // second object: "gave him a book"
	RoleClause     Role = "clause"     // reported or complement clause beside an object
)

// Arg is an extra (n-ary) argument of an extraction.
type Arg struct {
	Prep string // preposition(s) as written: "to", "according to"; "" when none
	Span Span
	Role Role

	group int // 1 + token index of the oblique this argument is a conjunct of; 0 when none
}

// Text returns the argument as written, preposition included.
func (a Arg) Text() string {
	if a.Prep == "" {
		return a.Span.Text
	}
	return a.Prep + " " + a.Span.Text
}

// Kind is the type of clause or nominal construction an extraction came from.
type Kind string

// Kinds of extractions (ClausIE's clause types plus nominal ones).
const (
	SV     Kind = "SV"
	SVO    Kind = "SVO"
	SVC    Kind = "SVC" // copula: "X is Y"
	SVA    Kind = "SVA" // verb with a folded prepositional argument: "X lives in Y"
	SVOO   Kind = "SVOO"
	SVOC   Kind = "SVOC"
	SVOA   Kind = "SVOA"
	Appos  Kind = "appos"  // "X, the Y of Z" → X is Y of Z
	Title  Kind = "title"  // "White House spokesman John Kirby" → Kirby is White House spokesman
	Poss   Kind = "poss"   // "Ukraine's SBU" → Ukraine has SBU
	Speech Kind = "speech" // "X said (that) CLAUSE": the claim itself
	Nmod   Kind = "nmod"   // "the Foundation in Berlin" → the Foundation is in Berlin
)

// Extraction is one fact found in a sentence.
//
// Subject and Object are semantic roles: for a passive with an agent ("the
// soldiers were captured by Ukraine") Subject is the agent and Object the
// patient, Passive is set, and Relation keeps the surface form ("were
// captured by"). Without an agent the patient stays the subject and Lemma
// starts with "be_" ("be_captured").
type Extraction struct {
	Sentence int  // index of the sentence in its document (set by Document)
	Kind     Kind // clause type or nominal construction
	Subject  Span
	// Relation is the relation as written, with auxiliaries, negation,
	// particles, the xcomp chain and a folded preposition:
	// "is prepared to hand over", "has not commented on".
	Relation string
	// Lemma is the relation in lemma form for the IRI, words joined by "_":
	// "hand_over", "be", "be_in", "comment_on", "take_part_in".
	Lemma   string
	Pred    int  // 0-based index of the content predicate token, -1 for nominal facts
	Object  Span // zero for intransitive clauses
	Passive bool // surface passive with its agent as Subject
	Args    []Arg

	Negated     bool
	Modality    string // "can", "will", "prepared to", "ready to" ("" when none)
	Condition   string // "if Kim Jong Un can arrange a prisoner swap"
	Conditional bool   // the clause is itself the condition of another ("if X can arrange")

	// Attribution is the speaker of the reported clause the fact is in (the
	// innermost one when speech is nested); Chain lists all speakers from
	// the outermost to the innermost.
	Attribution Span
	Chain       []Span
	Quote       string // for Speech extractions: the reported words

	Confidence float64 // 0..1, graded by features of the extraction

	inherited bool // the subject was inherited, not the clause's own
}

// Time returns the first time argument, if any.
func (e *Extraction) Time() (Arg, bool) { return e.role(RoleTime) }

// Place returns the first place argument, if any.
func (e *Extraction) Place() (Arg, bool) { return e.role(RolePlace) }

func (e *Extraction) role(r Role) (Arg, bool) {
	for _, a := range e.Args {
		if a.Role == r {
			return a, true
		}
	}
	return Arg{}, false
}

// Document extracts from every sentence of d; the result has one slice per
// sentence, in order.
func Document(d *nlp.Document) [][]Extraction {
	out := make([][]Extraction, len(d.Sentences))
	for i := range d.Sentences {
		exts := Sentence(&d.Sentences[i])
		for j := range exts {
			exts[j].Sentence = i
		}
		out[i] = exts
	}
	return out
}

// Sentence extracts the facts of one parsed sentence. Tokens need Form,
// Lemma, UPOS, Head and DepRel; XPOS, Feats, NER and Sentence.Entities
// improve the result when present.
func Sentence(s *nlp.Sentence) []Extraction {
	if len(s.Tokens) == 0 || !mostlyLatin(s) {
		return nil // the models read English: a sentence in another script gives only garbage
	}
	x := newTree(s)
	out := x.extract()
	for i := range out {
		out[i].Confidence = confidence(x, &out[i])
	}
	return dedupe(out)
}

// mostlyLatin reports whether at least half the letters of the sentence
// are Latin ones.
func mostlyLatin(s *nlp.Sentence) bool {
	latin, other := 0, 0
	for _, t := range s.Tokens {
		for _, r := range t.Form {
			switch {
			case unicode.Is(unicode.Latin, r):
				latin++
			case unicode.IsLetter(r):
				other++
			}
		}
	}
	return latin >= other
}

// extract finds every extraction of the sentence, before confidences and
// deduplication.
func (x *tree) extract() []Extraction {
	var out []Extraction
	for p := range x.toks {
		if x.isPredicate(p) {
			out = append(out, x.clause(p)...)
		}
	}
	return append(out, x.nominal()...)
}

// dedupe drops extractions that repeat an earlier one word for word.
func dedupe(exts []Extraction) []Extraction {
	seen := make(map[string]bool, len(exts))
	out := exts[:0]
	for _, e := range exts {
		var b strings.Builder
		b.WriteString(e.Subject.Text)
		b.WriteByte('\t')
		b.WriteString(e.Relation)
		b.WriteByte('\t')
		b.WriteString(e.Object.Text)
		for _, a := range e.Args {
			b.WriteByte('\t')
			b.WriteString(a.Text())
		}
		k := b.String()
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, e)
	}
	return out
}

// Inherited reports whether the subject was inherited — from the first verb
// of a coordination, the noun a relative clause or participle modifies, the
// governor of an xcomp or adverbial clause — rather than the clause's own.
func (e *Extraction) Inherited() bool { return e.inherited }
