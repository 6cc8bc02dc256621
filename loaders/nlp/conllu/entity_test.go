package conllu

import (
	"strings"
	"testing"
)

const entityDoc = `# newdoc id = d1
# global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity
# meta::genre = news
# meta::title = T
# text = Durham University, UK
1	Durham	Durham	PROPN	NNP	_	2	compound	_	Entity=(13-organization-new-nnnnn-cf4-1,2-coref-Durham_University(14-place-new-nnnnn-cf5-1-coref-Durham%2C_England)
2	University	University	PROPN	NNP	_	0	root	_	SpaceAfter=No
3	,	,	PUNCT	,	_	4	punct	_	_
4	UK	UK	PROPN	NNP	_	2	list	_	Entity=(10-place-new-nnnnn-cf1-1-sgl)13)

# newdoc id = d2
# global.Entity = GRP-etype-infstat-salience-centering-minspan-link
# text = It rains
1	It	it	PRON	PRP	_	2	expl	_	Entity=(1-abstract-new-nnnnn-cf1-1-sgl)
2	rains	rain	VERB	VBZ	_	0	root	_	_
`

func TestReadEntityDocs(t *testing.T) {
	docs, err := ReadEntityDocs(strings.NewReader(entityDoc), "x.conllu")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].ID != "d1" || docs[0].Genre != "news" || docs[0].Title != "T" || docs[1].ID != "d2" {
		t.Fatalf("docs = %+v", docs)
	}
	d := &docs[0]
	var got []string
	for _, m := range d.Mentions {
		got = append(got, m.Entity+" "+m.Type+" "+m.Link+" ["+m.Text(d)+"] head="+d.Sentences[m.Sent].Tokens[m.Head].Form+" id="+m.Identity)
	}
	want := []string{
		"13 organization coref [Durham University, UK] head=University id=Durham_University",
		"14 place coref [Durham] head=Durham id=Durham,_England",
		"10 place sgl [UK] head=UK id=",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("mentions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if m := docs[1].Mentions; len(m) != 1 || m[0].Identity != "" || m[0].Type != "abstract" {
		t.Errorf("doc 2 mentions = %+v", m)
	}
}

func TestReadEntityDocsErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{strings.Replace(entityDoc, "13)", "", 1), "entity 13 not closed"},
		{strings.Replace(entityDoc, "13)", "12)", 1), "entity 12 closed but not open"},
		{strings.Replace(entityDoc, "# global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity\n", "", 1), "no \"# global.Entity\""},
		{"", "no sentences"},
	} {
		_, err := ReadEntityDocs(strings.NewReader(c.in), "x.conllu")
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "x.conllu") {
			t.Errorf("error %v, want one naming x.conllu and %q", err, c.want)
		}
	}
}
