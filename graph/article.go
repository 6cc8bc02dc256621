package graph

import "time"

// Article is everything the loaders found in one document, in the plain form
// the graph writer turns into quads. It is the only thing graph/ needs from
// the loaders: nothing here knows about tokens or parses.
type Article struct {
	Source    string    // path or URL the document came from: its identity
	Path      string    // absolute path of the file it was read from when that is not Source (--url, --index, a canonical URL): stored as ng:path, so the file finds it; "" otherwise
	Hash      string    // hex SHA-256 of the raw content
	Pipeline  string    // version of the loaders that made it: another one re-extracts an unchanged document
	Headline  string    // "" when none was found
	Published time.Time // zero when no date was found
	Publisher string    // e.g. "RFE/RL"; "" when unknown
	Byline    string    // author(s); "" when unknown
	Text      string    // the article's clean text (noise removed)
	Sentences []Sentence
	Entities  []Entity
	Facts     []Fact
	Joined    map[string]string // Entity.Key before → after an ingest-time join with the store (link.Join); the writer records it so `resolve` can undo it (identity.go)
}

// Sentence is one sentence of Article.Text; Start and End are byte offsets.
type Sentence struct {
	Text       string
	Start, End int
}

// Entity is a canonical entity mentioned in the article.
type Entity struct {
	Key      string   // stable identity: "wd/Q159" when linked to Wikidata, else Type + "/" + slug of Name (see EntityIRI)
	Name     string   // canonical name: "Volodymyr Zelenskiy"
	Type     string   // Person, Organization, Place, Country, City, Group, Thing, … (schema.org class names)
	Aliases  []string // other names it goes by: "Zelenskyy", "NIS" (never titles, descriptions, pronouns, dates)
	Mentions int      // how many times the article mentions it
	SameAs   []string // IRIs of the same entity in other datasets (Wikidata, DBpedia); filled by linking
	Spans    []Span   // byte spans in Article.Text of the mentions resolved to it, in text order; not stored
	// Local marks an individual the article describes without naming it
	// ("one prisoner", "a 30-year-old man"): its IRI lives under the
	// document's (LocalEntityIRI), so it never merges with another
	// article's "one prisoner".
	Local   bool
	Roles   []string // titles and roles ("Ukrainian President", "White House spokesman"): schema:jobTitle, not aliases
	Born    string   // birth date or year (ISO: YYYY, YYYY-MM, YYYY-MM-DD) a fact of the article gives: schema:birthDate
	Country string   // Key of the entity's country (from the knowledge base), "" when unknown
	Links   []Link   // how each SameAs IRI was decided; filled by linking
}

// Link is one decided link of an entity: the IRI it is the same as, the
// score and the features the decision was made on.
type Link struct {
	Target   string  // IRI of the item: "http://www.wikidata.org/entity/Q159"
	Score    float64 // in [0, 1]
	Features string  // "match=label name=1.00 type=1.00 context=0.00 prior=0.80"
	KB       string  // the knowledge base it came from: "bundled", a KB file's name, a dataset
}

// Concept is the Entity.Type of a common-noun argument ("the offensive",
// "North Korean soldiers"): a skos:Concept keyed by its lemmatised phrase,
// not an entity (documents do not schema:mention it).
const Concept = "Concept"

// Span is a range of bytes [Start, End) of Article.Text.
type Span struct{ Start, End int }

// Term is a fact's argument: an entity of the article, or a literal.
type Term struct {
	Entity   string // Entity.Key, or "" for a literal
	Text     string // the argument as written ("some 11,000 troops")
	Value    string // literal value for typed literals ("11000", "2025-01-09"); "" for plain text
	Datatype string // XSD datatype IRI of Value (xsd:integer, xsd:decimal, xsd:date), "" for plain text
	Unit     string // unit of a quantity ("troops", "percent", "square kilometers")
	// Unresolved marks a pronoun whose referent was not found with enough
	// confidence: the statement keeps Text, but the term is never a node
	// nor the subject or object of a direct triple.
	Unresolved bool
}

// IsZero reports whether the term is empty (no argument).
func (t Term) IsZero() bool { return t.Entity == "" && t.Text == "" && t.Value == "" }

// Arg is an extra (n-ary) argument of a fact, introduced by a preposition.
type Arg struct {
	Prep string // "to", "for", "in", … ("" when none)
	Term Term
}

// Fact is one extraction: Subject –Relation→ Object, with what a triple
// cannot hold.
type Fact struct {
	Sentence     int // index into Article.Sentences
	Subject      Term
	Relation     string // lemma form for the relation IRI: "offer", "hand_over", "be"
	RelationText string // the relation as written: "is prepared to hand over"
	Object       Term   // zero for intransitive facts
	Args         []Arg
	Time         string // time expression as written ("on January 9")
	Date         string // ISO date (YYYY, YYYY-MM or YYYY-MM-DD) when Time could be resolved
	Place        Term   // where it happened, zero when unknown
	Negated      bool
	Modality     string // "can", "may", "prepared to", … ("" when none)
	Condition    string // "if Kim Jong Un can arrange a prisoner swap …"
	Attribution  string // Entity.Key of who said it, "" for the narrator
	Quote        string // the quoted or reported words, for claims
	Confidence   float64
	// NoTriple says why the fact is kept as a statement only, without the
	// direct triple Subject —Relation→ Object ("" for a direct one): a
	// direct triple is a strong claim, made only on a confident reading.
	NoTriple string
	// Where the subject, relation and object are in Article.Text (byte
	// offsets); zero when unknown. Stored as ng:spans.
	SubjectSpan, RelationSpan, ObjectSpan Span
}
