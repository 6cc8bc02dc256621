package ner

import (
	"strings"

	"github.com/newsgraph/newsgraph/loaders/nlp"
	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

// gumTypes maps GUM etypes to the UNER types the tagger learns; mentions of
// other etypes (events, objects, abstractions, times, …) stay O, as UNER
// English-EWT has no OTH.
var gumTypes = map[string]string{"person": "PER", "organization": "ORG", "place": "LOC"}

// gumConnectors may join the proper nouns of one name inside a GUM mention
// ("University of Portsmouth", "AT & T", "Bailey - Ross", "Leonardo da Vinci").
var gumConnectors = map[string]bool{"of": true, "&": true, "-": true, "for": true, "de": true, "da": true,
	"van": true, "von": true, "der": true, "du": true, "la": true, "le": true, "al": true, "bin": true, "y": true}

// gumSentences turns the documents of a GUM entity corpus into IOB2
// training sentences (PER, ORG, LOC), skipping the held-out documents
// (conllu.HeldOut) so that evaluations on them stay held out. A mention
// names an entity when its head is a proper noun (UPOS PROPN or XPOS NNP);
// its name is the run of proper nouns around the head, with connectors
// between them ("US spokesman John Kirby" → "John Kirby"). Plural persons
// ("Americans") are nationalities, not names. Outer mentions are labelled
// first; a name overlapping one already labelled is dropped ("University of
// Portsmouth" is one ORG, not an ORG holding a LOC). A country, city or
// state the gazetteer knows is a place even where GUM types it as an
// organisation acting ("North Korea sent troops"), as UNER does. genres,
// when not empty, keeps only those genres; gaz may be nil.
func gumSentences(docs []conllu.EntityDoc, genres map[string]bool, gaz *Gazetteer) []nlp.Sentence {
	var out []nlp.Sentence
	for di := range docs {
		d := &docs[di]
		if conllu.HeldOut(d.ID) || len(genres) > 0 && !genres[d.Genre] {
			continue
		}
		bySent := make([][]conllu.Mention, len(d.Sentences))
		for _, m := range d.Mentions {
			bySent[m.Sent] = append(bySent[m.Sent], m)
		}
		for si, cs := range d.Sentences {
			toks := cs.Tokens
			tags := make([]string, len(toks))
			for i := range tags {
				tags[i] = "O"
			}
			proper := func(i int) bool { return toks[i].UPOS == "PROPN" || strings.HasPrefix(toks[i].XPOS, "NNP") }
			// Mentions come outer first at one start; sort by length so
			// that every outer mention precedes the ones inside it.
			ms := bySent[si]
			order := make([]int, len(ms))
			for i := range order {
				order[i] = i
			}
			for i := 1; i < len(order); i++ { // insertion sort: stable and small
				for j := i; j > 0 && ms[order[j]].End-ms[order[j]].Start > ms[order[j-1]].End-ms[order[j-1]].Start; j-- {
					order[j], order[j-1] = order[j-1], order[j]
				}
			}
			taken := make([]bool, len(toks))
			for _, k := range order {
				m := ms[k]
				typ := gumTypes[m.Type]
				if typ == "" || !proper(m.Head) {
					continue
				}
				if typ == "PER" && toks[m.Head].XPOS == "NNPS" {
					continue
				}
				in := func(i int) bool { return i >= m.Start && i < m.End && proper(i) }
				a, b := m.Head, m.Head+1
				for {
					if in(a - 1) {
						a--
					} else if a-2 >= m.Start && gumConnectors[strings.ToLower(toks[a-1].Form)] && in(a-2) {
						a -= 2
					} else {
						break
					}
				}
				for {
					if in(b) {
						b++
					} else if b+1 < m.End && gumConnectors[strings.ToLower(toks[b].Form)] && in(b+1) {
						b += 2
					} else {
						break
					}
				}
				free := true
				for i := a; i < b; i++ {
					free = free && !taken[i]
				}
				if !free {
					continue
				}
				if typ == "ORG" && gaz != nil {
					forms := make([]string, 0, b-a)
					for i := a; i < b; i++ {
						forms = append(forms, toks[i].Form)
					}
					if gaz.phraseCats(strings.Join(forms, " "))&gpeCats != 0 {
						typ = "LOC"
					}
				}
				for i := a; i < b; i++ {
					taken[i] = true
					tags[i] = "I-" + typ
				}
				tags[a] = "B-" + typ
			}
			s := nlp.Sentence{Text: cs.Text, Tokens: make([]nlp.Token, len(toks))}
			for i, t := range toks {
				s.Tokens[i] = nlp.Token{ID: i + 1, Form: t.Form, NER: tags[i]}
			}
			out = append(out, s)
		}
	}
	return out
}

// readGUM reads a GUM entity corpus (".gz" allowed) as NER training
// sentences (see gumSentences).
func readGUM(path string, genres []string, gaz *Gazetteer) ([]nlp.Sentence, error) {
	docs, err := conllu.ReadEntityFile(path)
	if err != nil {
		return nil, err
	}
	g := map[string]bool{}
	for _, x := range genres {
		g[x] = true
	}
	return gumSentences(docs, g, gaz), nil
}
