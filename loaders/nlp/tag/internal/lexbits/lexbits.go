// Package lexbits names the bits of the tagger's lexicon entries, which
// internal/taglex writes and package tag reads.
package lexbits

// Bits of a lexicon entry.
const (
	Noun     = 1 << iota // WordNet noun lemma
	Verb                 // WordNet verb lemma
	Adj                  // WordNet adjective lemma
	Adv                  // WordNet adverb lemma
	NounPl               // plural of a noun lemma
	VerbS                // -s form of a verb lemma
	VerbEd               // past tense or participle of a verb lemma
	VerbIng              // -ing form of a verb lemma
	AdjEr                // comparative of an adjective lemma
	AdjEst               // superlative of an adjective lemma
	Lower                // in the word list in lower case
	Cap                  // in the word list, capitalised only
	MostNoun             // lemma of several WordNet parts of speech whose SemCor senses are mostly nouns (cntlist.rev)
	MostVerb             // … mostly verbs
	MostAdj              // … mostly adjectives (satellites included)
	MostAdv              // … mostly adverbs
)
