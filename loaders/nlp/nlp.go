// Package nlp holds the plain data structures that flow through newsgraph's
// language analysis: a Document is split into Sentences, each made of Tokens
// that carry their tags, lemma, dependency head and named-entity label.
//
// The packages below loaders/nlp (tokenize, tag, parse, ner, conllu) each fill
// in one part of these structs; loaders/analyze chains them into a pipeline.
// Offsets are byte offsets into Document.Text, so every token and sentence can
// be traced back to the exact characters it came from.
package nlp

// Document is a text analysed into sentences.
type Document struct {
	Text      string
	Sentences []Sentence
}

// Sentence is one sentence (or headline, byline, paragraph fragment) of a
// Document. Start and End are byte offsets into Document.Text.
type Sentence struct {
	Start, End int
	Text       string // Document.Text[Start:End]
	Tokens     []Token
	Entities   []Entity // named-entity spans over Tokens, in order
}

// Token is one syntactic word in UD terms. ID is 1-based within the sentence,
// as in CoNLL-U; Head is the ID of the governing token, 0 for the root.
type Token struct {
	ID         int
	Form       string
	Start, End int  // byte offsets into Document.Text
	SpaceAfter bool // false when the next token follows without white space
	Lemma      string
	UPOS       string // universal POS tag (NOUN, VERB, PROPN, …)
	XPOS       string // Penn Treebank tag (NN, VBD, NNP, …)
	Feats      string // UD morphological features, "_" when none
	Head       int
	DepRel     string // UD basic relation (nsubj, obj, obl, …)
	NER        string // IOB2 entity tag: "O", "B-PERSON", "I-ORG", …
}

// Entity is a named-entity span: tokens Sentence.Tokens[Start:End].
type Entity struct {
	Start, End int    // token indexes, 0-based, End exclusive
	Type       string // one of the EntityType constants
	Text       string // the span's text as it appears in the document
}

// Entity types produced by the recognizer (OntoNotes-style names).
const (
	Person   = "PERSON"
	Org      = "ORG"
	GPE      = "GPE" // countries, cities, states
	Loc      = "LOC" // other places: regions, rivers, battlefields
	NORP     = "NORP"
	Date     = "DATE"
	Time     = "TIME"
	Cardinal = "CARDINAL"
	Quantity = "QUANTITY"
	Percent  = "PERCENT"
	Money    = "MONEY"
	Ordinal  = "ORDINAL"
	Misc     = "MISC" // other named things (events, works, products)
)

// Children returns, for every token index i (0-based), the 0-based indexes of
// the tokens whose head is token i, in sentence order; roots[0] lists the
// tokens attached to the root.
func (s *Sentence) Children() (children [][]int, roots []int) {
	children = make([][]int, len(s.Tokens))
	for i, t := range s.Tokens {
		if t.Head == 0 {
			roots = append(roots, i)
			continue
		}
		if h := t.Head - 1; h >= 0 && h < len(s.Tokens) {
			children[h] = append(children[h], i)
		}
	}
	return children, roots
}

// Tokenizer splits raw text into sentences of tokens with offsets.
type Tokenizer interface {
	Tokenize(text string) []Sentence
}

// Tagger fills UPOS, XPOS and Feats of every token in a sentence.
type Tagger interface {
	Tag(s *Sentence)
}

// Lemmatizer fills Lemma of every token (after tagging).
type Lemmatizer interface {
	Lemmatize(s *Sentence)
}

// Parser fills Head and DepRel of every token (after tagging).
type Parser interface {
	Parse(s *Sentence)
}

// Recognizer fills NER on every token and Sentence.Entities (after parsing).
type Recognizer interface {
	Recognize(s *Sentence)
}
