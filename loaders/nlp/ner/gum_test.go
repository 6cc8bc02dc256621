package ner

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

// gumDoc has nested mentions: an organisation holding a place, a person
// with a title, a nationality, and an event (not a PER/ORG/LOC).
const gumDoc = `# newdoc id = GUM_news_x
# global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity
# meta::genre = news
# text = Spokesman John Kirby of the University of Portsmouth met Americans at the Olympics
1	Spokesman	spokesman	NOUN	NN	_	2	compound	_	Entity=(1-person-new-nnnnn-cf1-1-coref
2	John	John	PROPN	NNP	_	9	nsubj	_	_
3	Kirby	Kirby	PROPN	NNP	_	2	flat	_	_
4	of	of	ADP	IN	_	6	case	_	_
5	the	the	DET	DT	_	6	det	_	Entity=(2-organization-new-nnnnn-cf1-1-coref
6	University	University	PROPN	NNP	_	2	nmod	_	_
7	of	of	ADP	IN	_	8	case	_	_
8	Portsmouth	Portsmouth	PROPN	NNP	_	6	nmod	_	Entity=(3-place-new-nnnnn-cf1-1-coref)2)1)
9	met	meet	VERB	VBD	_	0	root	_	_
10	Americans	American	PROPN	NNPS	_	9	obj	_	Entity=(4-person-new-nnnnn-cf1-1-coref)
11	at	at	ADP	IN	_	13	case	_	_
12	the	the	DET	DT	_	13	det	_	Entity=(5-event-new-nnnnn-cf1-1-coref
13	Olympics	Olympics	PROPN	NNPS	_	9	obl	_	Entity=5)
`

func TestGUMSentences(t *testing.T) {
	docs, err := conllu.ReadEntityDocs(strings.NewReader(gumDoc), "gum")
	if err != nil {
		t.Fatal(err)
	}
	ss := gumSentences(docs, nil, nil)
	if len(ss) != 1 {
		t.Fatalf("%d sentences", len(ss))
	}
	var got []string
	for _, tk := range ss[0].Tokens {
		got = append(got, tk.NER)
	}
	// The person mention's head is "John" (its first token whose head is
	// outside): the name is the proper nouns around it; the organisation is
	// outside the person's name, the place inside the organisation's.
	want := "O B-PER I-PER O O B-ORG I-ORG I-ORG O O O O O"
	if strings.Join(got, " ") != want {
		t.Errorf("tags = %s\n want %s", strings.Join(got, " "), want)
	}
	if ss := gumSentences(docs, map[string]bool{"bio": true}, nil); len(ss) != 0 {
		t.Errorf("genre filter kept %d sentences", len(ss))
	}
	// With a gazetteer that knows Portsmouth as a city, an organisation
	// named like it is a place.
	gaz := &Gazetteer{}
	gaz.add("University of Portsmouth", gCity)
	ss = gumSentences(docs, nil, gaz)
	if tags := ss[0].Tokens[5].NER + " " + ss[0].Tokens[7].NER; tags != "B-LOC I-LOC" {
		t.Errorf("with the gazetteer: %s, want B-LOC I-LOC", tags)
	}
	docs[0].ID = heldOutID(t)
	if ss := gumSentences(docs, nil, nil); len(ss) != 0 {
		t.Errorf("a held-out document gave %d sentences", len(ss))
	}
}

// heldOutID returns a document id that conllu.HeldOut keeps aside.
func heldOutID(t *testing.T) string {
	for i := 0; i < 100; i++ {
		id := "GUM_news_" + string(rune('a'+i%26)) + string(rune('a'+i/26))
		if conllu.HeldOut(id) {
			return id
		}
	}
	t.Fatal("no held-out id")
	return ""
}
