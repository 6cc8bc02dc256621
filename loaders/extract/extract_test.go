package extract

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/loaders/nlp"
	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

// parseFixture turns compact hand-written parses — one token a line:
// "form lemma UPOS XPOS head deprel [NER]" — into CoNLL-U and reads it with
// the conllu package, so fixtures go through the same reader as real data.
func parseFixture(t *testing.T, src string) *nlp.Sentence {
	t.Helper()
	var rows [][]string
	for _, line := range strings.Split(strings.TrimSpace(src), "\n") {
		f := strings.Fields(line)
		if len(f) < 6 {
			t.Fatalf("bad fixture line %q", line)
		}
		rows = append(rows, f)
	}
	var text strings.Builder
	var b strings.Builder
	for i, f := range rows {
		noSpace := i+1 < len(rows) && (strings.ContainsAny(rows[i+1][0][:1], ",.;:!?”)") || f[0] == "“" || f[0] == "(")
		text.WriteString(f[0])
		if !noSpace && i+1 < len(rows) {
			text.WriteByte(' ')
		}
		var misc []string
		if noSpace {
			misc = append(misc, "SpaceAfter=No")
		}
		if len(f) > 6 {
			misc = append(misc, "NER="+f[6])
		}
		m := "_"
		if len(misc) > 0 {
			m = strings.Join(misc, "|")
		}
		fmt.Fprintf(&b, "%d\t%s\t%s\t%s\t%s\t_\t%s\t%s\t_\t%s\n", i+1, f[0], f[1], f[2], f[3], f[4], f[5], m)
	}
	doc := "# text = " + text.String() + "\n" + b.String() + "\n"
	ss, err := conllu.ReadAll(strings.NewReader(doc), t.Name())
	if err != nil || len(ss) != 1 {
		t.Fatalf("fixture: %v (%d sentences)\n%s", err, len(ss), doc)
	}
	return &ss[0].Sentence
}

// render prints an extraction compactly: "subj | rel | obj | args…" plus
// flags, so tests compare one string per fact.
func render(e Extraction) string {
	parts := []string{e.Subject.Text, e.Relation, e.Object.Text}
	for _, a := range e.Args {
		r := string(a.Role)
		if r != "" {
			r += ":"
		}
		parts = append(parts, r+a.Text())
	}
	s := strings.Join(parts, " | ")
	var flags []string
	if e.Negated {
		flags = append(flags, "neg")
	}
	if e.Passive {
		flags = append(flags, "passive")
	}
	if e.Modality != "" {
		flags = append(flags, "mod="+e.Modality)
	}
	if e.Condition != "" {
		flags = append(flags, "if="+e.Condition)
	}
	if e.Conditional {
		flags = append(flags, "conditional")
	}
	if !e.Attribution.IsZero() {
		flags = append(flags, "by="+e.Attribution.Text)
	}
	if len(flags) > 0 {
		s += " [" + strings.Join(flags, " ") + "]"
	}
	return s + " {" + e.Lemma + "}"
}

func TestConstructions(t *testing.T) {
	tests := []struct {
		name string
		conl string
		want []string // every rendered extraction, in order
	}{
		{"SVO with time and place", `
Rebels rebel NOUN NNS 2 nsubj
captured capture VERB VBD 0 root
three three NUM CD 4 nummod B-CARDINAL
officers officer NOUN NNS 2 obj
on on ADP IN 6 case
Monday Monday PROPN NNP 2 obl B-DATE
in in ADP IN 8 case
Aleppo Aleppo PROPN NNP 2 obl B-GPE
. . PUNCT . 2 punct`,
			[]string{"Rebels | captured | three officers | time:on Monday | place:in Aleppo {capture}"}},
		{"SVC copula", `
Maria Maria PROPN NNP 4 nsubj B-PERSON
is be AUX VBZ 4 cop
a a DET DT 4 det
doctor doctor NOUN NN 0 root
. . PUNCT . 4 punct`,
			[]string{"Maria | is | a doctor {be}"}},
		{"SVA folds the preposition", `
The the DET DT 2 det
children child NOUN NNS 3 nsubj
sleep sleep VERB VBP 0 root
in in ADP IN 5 case
tents tent NOUN NNS 3 obl
. . PUNCT . 3 punct`,
			[]string{"The children | sleep in | tents {sleep_in}"}},
		{"SV", `
The the DET DT 2 det
prisoners prisoner NOUN NNS 3 nsubj
escaped escape VERB VBD 0 root
. . PUNCT . 3 punct`,
			[]string{"The prisoners | escaped |  {escape}"}},
		{"a participle with its own object is active, not passive", `
Many many ADJ JJ 2 amod
people person NOUN NNS 0 root
requested request VERB VBN 2 acl
absentee absentee NOUN NN 5 compound
ballots ballot NOUN NNS 3 obj
. . PUNCT . 2 punct`,
			[]string{"Many people | requested | absentee ballots {request}"}},
		{"a participle after a subordinator is passive", `
Leyts Leyts PROPN NNP 8 nsubj B-PERSON
, , PUNCT , 4 punct
when when SCONJ WRB 4 mark
asked ask VERB VBN 8 advcl
about about ADP IN 6 case
testing testing NOUN NN 4 obl
, , PUNCT , 4 punct
declined decline VERB VBD 0 root
. . PUNCT . 8 punct`,
			[]string{"Leyts | asked about | testing {be_asked_about}", "Leyts | declined |  {decline}"}},
		{"a participle without an object stays an agentless passive", `
Many many ADJ JJ 2 amod
people person NOUN NNS 0 root
arrested arrest VERB VBN 2 acl
in in ADP IN 5 case
Paris Paris PROPN NNP 3 obl B-GPE
. . PUNCT . 2 punct`,
			[]string{"Many people | arrested in | Paris {be_arrested_in}"}},
		{"SVOO", `
The the DET DT 2 det
company company NOUN NN 3 nsubj
gave give VERB VBD 0 root
the the DET DT 5 det
workers worker NOUN NNS 3 iobj
a a DET DT 7 det
bonus bonus NOUN NN 3 obj
. . PUNCT . 3 punct`,
			[]string{"The company | gave | a bonus | iobj:the workers {give}"}},
		{"SVOC", `
The the DET DT 2 det
board board NOUN NN 3 nsubj
elected elect VERB VBD 0 root
her she PRON PRP 3 obj
chairwoman chairwoman NOUN NN 3 xcomp
. . PUNCT . 3 punct`,
			[]string{"The board | elected | her | complement:chairwoman {elect}"}},
		{"SVOA", `
She she PRON PRP 2 nsubj
put put VERB VBD 0 root
the the DET DT 4 det
keys key NOUN NNS 2 obj
on on ADP IN 7 case
the the DET DT 7 det
table table NOUN NN 2 obl
. . PUNCT . 2 punct`,
			[]string{"She | put | the keys | on the table {put}"}},
		{"n-ary prepositional arguments", `
The the DET DT 2 det
bank bank NOUN NN 3 nsubj
lent lend VERB VBD 0 root
money money NOUN NN 3 obj
to to ADP IN 6 case
farmers farmer NOUN NNS 3 obl
for for ADP IN 8 case
seeds seed NOUN NNS 3 obl
. . PUNCT . 3 punct`,
			[]string{"The bank | lent | money | to farmers | for seeds {lend}"}},
		{"coordinated prepositional argument: one fact per conjunct", `
The the DET DT 2 det
bank bank NOUN NN 3 nsubj
lent lend VERB VBD 0 root
money money NOUN NN 3 obj
to to ADP IN 6 case
farmers farmer NOUN NNS 3 obl
and and CCONJ CC 8 cc
traders trader NOUN NNS 6 conj
. . PUNCT . 3 punct`,
			[]string{"The bank | lent | money | to farmers {lend}", "The bank | lent | money | to traders {lend}"}},
		{"passive with agent: agent is the subject", `
The the DET DT 2 det
bridge bridge NOUN NN 4 nsubj:pass
was be AUX VBD 4 aux:pass
destroyed destroy VERB VBN 0 root
by by ADP IN 7 case
the the DET DT 7 det
army army NOUN NN 4 obl:agent
. . PUNCT . 4 punct`,
			[]string{"the army | was destroyed by | The bridge [passive] {destroy}"}},
		{"passive phrasal verb keeps its particle", `
The the DET DT 2 det
prisoners prisoner NOUN NNS 4 nsubj:pass
were be AUX VBD 4 aux:pass
handed hand VERB VBN 0 root
over over ADP RP 4 compound:prt
by by ADP IN 7 case
rebels rebel NOUN NNS 4 obl:agent
. . PUNCT . 4 punct`,
			[]string{"rebels | were handed over by | The prisoners [passive] {hand_over}"}},
		{"passive without agent", `
Two two NUM CD 2 nummod
journalists journalist NOUN NNS 4 nsubj:pass
were be AUX VBD 4 aux:pass
arrested arrest VERB VBN 0 root
. . PUNCT . 4 punct`,
			[]string{"Two journalists | were arrested |  {be_arrested}"}},
		{"apposition X, the Y of Z", `
Anna Anna PROPN NNP 9 nsubj B-PERSON
Berg Berg PROPN NNP 1 flat I-PERSON
, , PUNCT , 5 punct
the the DET DT 5 det
mayor mayor NOUN NN 1 appos
of of ADP IN 7 case
Oslo Oslo PROPN NNP 5 nmod B-GPE
, , PUNCT , 5 punct
resigned resign VERB VBD 0 root
. . PUNCT . 9 punct`,
			[]string{"Anna Berg | resigned |  {resign}", "Anna Berg | is | the mayor of Oslo {be}"}},
		{"title before a name", `
Defense defense PROPN NNP 2 compound
Minister minister PROPN NNP 3 compound
Pablo Pablo PROPN NNP 5 nsubj B-PERSON
Ruiz Ruiz PROPN NNP 3 flat I-PERSON
visited visit VERB VBD 0 root
the the DET DT 7 det
base base NOUN NN 5 obj
. . PUNCT . 5 punct`,
			[]string{"Defense Minister Pablo Ruiz | visited | the base {visit}", "Pablo Ruiz | is | Defense Minister {be}"}},
		{"coordinated subjects and objects", `
Peter Peter PROPN NNP 4 nsubj B-PERSON
and and CCONJ CC 3 cc
Paul Paul PROPN NNP 1 conj B-PERSON
bought buy VERB VBD 0 root
apples apple NOUN NNS 4 obj
and and CCONJ CC 7 cc
pears pear NOUN NNS 5 conj
. . PUNCT . 4 punct`,
			[]string{"Peter | bought | apples {buy}", "Peter | bought | pears {buy}", "Paul | bought | apples {buy}", "Paul | bought | pears {buy}"}},
		{"coordinated verbs share subject and object", `
The the DET DT 2 det
police police NOUN NNS 3 nsubj
arrested arrest VERB VBD 0 root
and and CCONJ CC 5 cc
charged charge VERB VBD 3 conj
the the DET DT 7 det
suspect suspect NOUN NN 3 obj
. . PUNCT . 3 punct`,
			[]string{"The police | arrested | the suspect {arrest}", "The police | charged | the suspect {charge}"}},
		{"neither … nor gives negated facts", `
Neither neither CCONJ CC 2 cc:preconj
Spain Spain PROPN NNP 6 nsubj B-GPE
nor nor CCONJ CC 4 cc
Italy Italy PROPN NNP 2 conj B-GPE
has have AUX VBZ 6 aux
responded respond VERB VBN 0 root
to to ADP IN 9 case
the the DET DT 9 det
proposal proposal NOUN NN 6 obl
. . PUNCT . 6 punct`,
			[]string{"Spain | has responded to | the proposal [neg] {respond_to}", "Italy | has responded to | the proposal [neg] {respond_to}"}},
		{"neither hung on the verb by the parser", `
Neither neither CCONJ CC 6 cc
North North PROPN NNP 3 compound B-GPE
Korea Korea PROPN NNP 6 nsubj I-GPE
nor nor CCONJ CC 5 cc
Peru Peru PROPN NNP 3 conj B-GPE
replied reply VERB VBD 0 root
. . PUNCT . 6 punct`,
			[]string{"North Korea | replied |  [neg] {reply}", "Peru | replied |  [neg] {reply}"}},
		{"negation", `
The the DET DT 2 det
company company NOUN NN 5 nsubj
did do AUX VBD 5 aux
not not PART RB 5 advmod
pay pay VERB VB 0 root
the the DET DT 7 det
fine fine NOUN NN 5 obj
. . PUNCT . 5 punct`,
			[]string{"The company | did not pay | the fine [neg] {pay}"}},
		{"relative clause", `
The the DET DT 2 det
workers worker NOUN NNS 7 nsubj
who who PRON WP 6 nsubj
are be AUX VBP 6 cop
on on ADP IN 6 case
strike strike NOUN NN 2 acl:relcl
demand demand VERB VBP 0 root
higher high ADJ JJR 9 amod
pay pay NOUN NN 7 obj
. . PUNCT . 7 punct`,
			[]string{"The workers | are on | strike {be_on}", "The workers | demand | higher pay {demand}"}},
		{"relative pronoun as object", `
The the DET DT 2 det
house house NOUN NN 7 nsubj
that that PRON WDT 5 obj
they they PRON PRP 5 nsubj
built build VERB VBD 2 acl:relcl
has have AUX VBZ 7 aux
collapsed collapse VERB VBN 0 root
. . PUNCT . 7 punct`,
			[]string{"they | built | The house {build}", "The house | has collapsed |  {collapse}"}},
		{"participial modifier", `
A a DET DT 2 det
photo photo NOUN NN 6 nsubj
showing show VERB VBG 2 acl
three three NUM CD 5 nummod
tanks tank NOUN NNS 3 obj
appeared appear VERB VBD 0 root
online online ADV RB 6 advmod
. . PUNCT . 6 punct`,
			[]string{"A photo | showing | three tanks {show}", "A photo showing three tanks | appeared |  {appear}"}},
		{"participle after a noun misparsed as an adverbial clause", `
They they PRON PRP 2 nsubj
freed free VERB VBD 0 root
prisoners prisoner NOUN NNS 2 obj
held hold VERB VBN 2 advcl
in in ADP IN 6 case
Syria Syria PROPN NNP 4 obl B-GPE
. . PUNCT . 2 punct`,
			[]string{"They | freed | prisoners {free}", "prisoners | held in | Syria {be_held_in}"}},
		{"xcomp chain, modality and condition", `
The the DET DT 2 det
government government NOUN NN 4 nsubj
is be AUX VBZ 4 cop
ready ready ADJ JJ 0 root
to to PART TO 6 mark
release release VERB VB 4 xcomp
the the DET DT 8 det
hostages hostage NOUN NNS 6 obj
if if SCONJ IN 13 mark
the the DET DT 11 det
rebels rebel NOUN NNS 13 nsubj
can can AUX MD 13 aux
guarantee guarantee VERB VB 6 advcl
safe safe ADJ JJ 15 amod
passage passage NOUN NN 13 obj
. . PUNCT . 4 punct`,
			[]string{
				"The government | is ready to release | the hostages [mod=ready to if=if the rebels can guarantee safe passage] {release}",
				"the rebels | can guarantee | safe passage [mod=can conditional] {guarantee}"}},
		{"light verb", `
The the DET DT 2 det
students student NOUN NNS 3 nsubj
took take VERB VBD 0 root
part part NOUN NN 3 obj
in in ADP IN 7 case
the the DET DT 7 det
protest protest NOUN NN 3 obl
. . PUNCT . 3 punct`,
			[]string{"The students | took part in | the protest {take_part_in}"}},
		{"reported speech with that", `
The the DET DT 2 det
mayor mayor NOUN NN 3 nsubj
said say VERB VBD 0 root
that that SCONJ IN 8 mark
the the DET DT 6 det
city city NOUN NN 8 nsubj
will will AUX MD 8 aux
rebuild rebuild VERB VB 3 ccomp
the the DET DT 10 det
school school NOUN NN 8 obj
. . PUNCT . 3 punct`,
			[]string{"The mayor | said that | the city will rebuild the school {say}",
				"the city | will rebuild | the school [mod=will by=The mayor] {rebuild}"}},
		{"told reporters that", `
The the DET DT 2 det
army army NOUN NN 3 nsubj
told tell VERB VBD 0 root
reporters reporter NOUN NNS 3 obj
that that SCONJ IN 9 mark
the the DET DT 7 det
soldiers soldier NOUN NNS 9 nsubj
had have AUX VBD 9 aux
withdrawn withdraw VERB VBN 3 ccomp
. . PUNCT . 3 punct`,
			[]string{"The army | told | reporters | clause:the soldiers had withdrawn {tell}",
				"the soldiers | had withdrawn |  [by=The army] {withdraw}"}},
		{"told reporters that, with the clause misattached to the object", `
The the DET DT 2 det
army army NOUN NN 3 nsubj
told tell VERB VBD 0 root
reporters reporter NOUN NNS 3 obj
that that SCONJ IN 9 mark
the the DET DT 7 det
soldiers soldier NOUN NNS 9 nsubj
had have AUX VBD 9 aux
withdrawn withdraw VERB VBN 4 acl
. . PUNCT . 3 punct`,
			[]string{"The army | told | reporters | clause:the soldiers had withdrawn {tell}",
				"the soldiers | had withdrawn |  [by=The army] {withdraw}"}},
		{"quote then speaker", `
“ “ PUNCT ` + "``" + ` 5 punct
The the DET DT 3 det
roads road NOUN NNS 5 nsubj:pass
are be AUX VBP 5 aux:pass
closed close VERB VBN 0 root
, , PUNCT , 5 punct
” ” PUNCT '' 5 punct
the the DET DT 9 det
police police NOUN NNS 10 nsubj
wrote write VERB VBD 5 parataxis
. . PUNCT . 5 punct`,
			[]string{"The roads | are closed |  [by=the police] {be_closed}",
				"the police | wrote | The roads are closed {write}"}},
		{"nested reported speech keeps the innermost speaker", `
Maria Maria PROPN NNP 2 nsubj B-PERSON
said say VERB VBD 0 root
the the DET DT 4 det
minister minister NOUN NN 5 nsubj
claimed claim VERB VBD 2 ccomp
that that SCONJ IN 9 mark
taxes tax NOUN NNS 9 nsubj
would would AUX MD 9 aux
fall fall VERB VB 5 ccomp
. . PUNCT . 2 punct`,
			[]string{"Maria | said | the minister claimed that taxes would fall {say}",
				"the minister | claimed that | taxes would fall [by=Maria] {claim}",
				"taxes | would fall |  [mod=would by=the minister] {fall}"}},
		{"particle the parser hung on the object", `
The the DET DT 2 det
rebels rebel NOUN NNS 3 nsubj
handed hand VERB VBD 0 root
over over ADV RB 5 advmod
wounded wound VERB VBN 6 amod
prisoners prisoner NOUN NNS 3 obj
. . PUNCT . 3 punct`,
			[]string{"The rebels | handed over | wounded prisoners {hand_over}"}},
		{"date hung on the subject is the clause's time", `
Maria Maria PROPN NNP 4 nsubj B-PERSON
on on ADP IN 3 case
Monday Monday PROPN NNP 1 nmod B-DATE
signed sign VERB VBD 0 root
the the DET DT 6 det
treaty treaty NOUN NN 4 obj
. . PUNCT . 4 punct`,
			[]string{"Maria | signed | the treaty | time:on Monday {sign}"}},
		{"title from the words before a person's name; the titled person is the subject", `
White White ADJ NNP 6 nsubj B-LOC
House House PROPN NNP 1 flat I-LOC
spokesman spokesman NOUN NN 4 nmod:desc
Anna Anna PROPN NNP 1 list B-PERSON
Berg Berg PROPN NNP 4 flat I-PERSON
spoke speak VERB VBD 0 root
. . PUNCT . 6 punct`,
			[]string{"White House spokesman Anna Berg | spoke |  {speak}", "Anna Berg | is | White House spokesman {be}"}},
		{"'as X said' with X parsed as an oblique of the main clause", `
Prices price NOUN NNS 2 nsubj
fell fall VERB VBD 0 root
as as ADP IN 5 case
the the DET DT 5 det
bank bank NOUN NN 2 obl
said say VERB VBD 2 advcl
demand demand NOUN NN 8 nsubj
slowed slow VERB VBD 6 ccomp
. . PUNCT . 2 punct`,
			[]string{"Prices | fell |  {fall}",
				"the bank | said | demand slowed {say}",
				"demand | slowed |  [by=the bank] {slow}"}},
		{"a subject with a preposition is an oblique; its apposition is the subject", `
Through through ADP IN 2 case
talks talk NOUN NNS 7 nsubj
, , PUNCT , 5 punct
the the DET DT 5 det
agency agency NOUN NN 2 appos
has have AUX VBZ 7 aux
confirmed confirm VERB VBN 0 root
the the DET DT 9 det
deal deal NOUN NN 7 obj
. . PUNCT . 7 punct`,
			[]string{"the agency | has confirmed | the deal {confirm}"}},
		{"according to", `
According accord VERB VBG 4 case
to to ADP IN 1 fixed
the the DET DT 4 det
report report NOUN NN 7 obl
, , PUNCT , 7 punct
prices price NOUN NNS 7 nsubj
rose rise VERB VBD 0 root
sharply sharply ADV RB 7 advmod
. . PUNCT . 7 punct`,
			[]string{"prices | rose |  [by=the report] {rise}"}},
		{"speaker after a closing quote, parsed as a relative clause inside the quote", `
“ " PUNCT ` + "``" + ` 4 punct
We we PRON PRP 4 nsubj
will will AUX MD 4 aux
open open VERB VB 0 root
the the DET DT 6 det
schools school NOUN NNS 4 obj
, , PUNCT , 6 punct
” " PUNCT '' 6 punct
Maria Maria PROPN NNP 10 nsubj B-PERSON
wrote write VERB VBD 6 acl:relcl
on on ADP IN 12 case
Friday Friday PROPN NNP 10 obl B-DATE
. . PUNCT . 4 punct`,
			[]string{"We | will open | the schools [mod=will by=Maria] {open}",
				"Maria | wrote | We will open the schools | time:on Friday {write}"}},
		{"'said NP, or NP2, had been VBN': the object is the reported clause's subject", `
Officials official NOUN NNS 2 nsubj
said say VERB VBD 0 root
40 40 NUM CD 4 nummod
workers worker NOUN NNS 2 obj
, , PUNCT , 14 punct
or or CCONJ CC 14 cc
half half NOUN NN 14 obl
of of ADP IN 10 case
the the DET DT 10 det
crew crew NOUN NN 7 nmod
, , PUNCT , 7 punct
had have AUX VBD 14 aux
been be AUX VBN 14 aux:pass
rescued rescue VERB VBN 2 conj
, , PUNCT , 19 punct
though though SCONJ IN 19 mark
nobody nobody PRON NN 19 nsubj
was be AUX VBD 19 aux
named name VERB VBN 14 advcl
. . PUNCT . 2 punct`,
			[]string{"Officials | said | 40 workers, or half of the crew, had been rescued {say}",
				"40 workers | had been rescued |  [by=Officials] {be_rescued}",
				"half of the crew | had been rescued |  [by=Officials] {be_rescued}",
				"nobody | was named |  [neg] {name}"}},
		{"'said NP, who …, claimed': a bare-noun complement is the subject of the conjunct verb", `
The the DET DT 2 det
police police NOUN NNS 3 nsubj
said say VERB VBD 0 root
one one NUM CD 5 nummod
driver driver NOUN NN 3 ccomp
, , PUNCT , 9 punct
who who PRON WP 9 nsubj:pass
was be AUX VBD 9 aux:pass
injured injure VERB VBN 5 acl:relcl
, , PUNCT , 11 punct
claimed claim VERB VBD 3 conj
the the DET DT 13 det
brakes brake NOUN NNS 14 nsubj
failed fail VERB VBD 11 ccomp
. . PUNCT . 3 punct`,
			[]string{"The police | said | one driver, who was injured, claimed the brakes failed {say}",
				"one driver | was injured |  [by=The police] {be_injured}",
				"one driver | claimed | the brakes failed [by=The police] {claim}",
				"the brakes | failed |  [by=one driver] {fail}"}},
		{"', adding that' hung on the reported verb is the reporter's", `
Anna Anna PROPN NNP 2 nsubj B-PERSON
told tell VERB VBD 0 root
reporters reporter NOUN NNS 2 iobj
that that SCONJ IN 7 mark
prices price NOUN NNS 7 nsubj
were be AUX VBD 7 aux
rising rise VERB VBG 2 ccomp
, , PUNCT , 9 punct
adding add VERB VBG 7 advcl
that that SCONJ IN 12 mark
wages wage NOUN NNS 12 nsubj
stalled stall VERB VBD 9 ccomp
. . PUNCT . 2 punct`,
			[]string{"Anna | told that | prices were rising | iobj:reporters {tell}",
				"prices | were rising |  [by=Anna] {rise}",
				"Anna | adding that | wages stalled {add}",
				"wages | stalled |  [by=Anna] {stall}"}},
		{"'said NP and had VBN' stays a verb coordination", `
She she PRON PRP 2 nsubj
said say VERB VBD 0 root
the the DET DT 4 det
words word NOUN NNS 2 obj
and and CCONJ CC 7 cc
had have AUX VBD 7 aux
left leave VERB VBN 2 conj
. . PUNCT . 2 punct`,
			[]string{"She | said | the words {say}",
				"She | had left |  {leave}"}},
		{"relative clause hung on the verb goes to the noun before it", `
The the DET DT 2 det
agency agency NOUN NN 4 nsubj
will will AUX MD 4 aux
feed feed VERB VB 0 root
the the DET DT 6 det
children child NOUN NNS 4 obj
who who PRON WP 10 nsubj
are be AUX VBP 10 cop
in in ADP IN 10 case
shelters shelter NOUN NNS 4 acl:relcl
. . PUNCT . 4 punct`,
			[]string{"The agency | will feed | the children [mod=will] {feed}",
				"the children | are in | shelters {be_in}"}},
		{"a verb hung as a conjunct of a nominal root becomes the root", `
spokesman spokesman NOUN NN 2 nmod:desc
Anna Anna PROPN NNP 0 root B-PERSON
on on ADP IN 5 case
December December PROPN NNP 5 nmod:unmarked B-DATE
27 27 NUM CD 2 nmod I-DATE
told tell VERB VBD 5 conj
reporters reporter NOUN NNS 6 iobj
that that SCONJ IN 11 mark
prices price NOUN NNS 11 nsubj
were be AUX VBD 11 aux
rising rise VERB VBG 6 ccomp
. . PUNCT . 2 punct`,
			[]string{"spokesman Anna | told that | prices were rising | time:on December 27 | iobj:reporters {tell}",
				"prices | were rising |  [by=spokesman Anna] {rise}",
				"Anna | is | spokesman {be}"}},
		{"the same with the verb hung as an apposition", `
spokesman spokesman NOUN NN 2 nmod:desc
Anna Anna PROPN NNP 0 root B-PERSON
on on ADP IN 5 case
December December PROPN NNP 5 nmod:unmarked B-DATE
27 27 NUM CD 2 nmod I-DATE
told tell VERB VBD 5 appos
reporters reporter NOUN NNS 6 iobj
that that SCONJ IN 11 mark
prices price NOUN NNS 11 nsubj
were be AUX VBD 11 aux
rising rise VERB VBG 6 ccomp
. . PUNCT . 2 punct`,
			[]string{"spokesman Anna | told that | prices were rising | time:on December 27 | iobj:reporters {tell}",
				"prices | were rising |  [by=spokesman Anna] {rise}",
				"Anna | is | spokesman {be}"}},
		{"a bracketed insertion before a subjectless verb is its subject", `
Through through ADP IN 2 case
cooperation cooperation NOUN NN 12 obl
with with ADP IN 5 case
the the DET DT 5 det
agency agency NOUN NN 2 nmod
… . PUNCT . 2 punct
[ [ PUNCT -LRB- 9 punct
the the DET DT 9 det
NIS NIS PROPN NNP 2 appos B-ORG
] ] PUNCT -RRB- 9 punct
has have AUX VBZ 12 aux
confirmed confirm VERB VBN 17 ccomp
the the DET DT 14 det
capture capture NOUN NN 12 obj
, , PUNCT , 12 punct
Seoul Seoul PROPN NNP 17 nsubj B-GPE
said say VERB VBD 0 root
. . PUNCT . 17 punct`,
			[]string{"the NIS | has confirmed | the capture | Through cooperation with the agency [by=Seoul] {confirm}",
				"Seoul | said | Through cooperation with the agency … [ the NIS ] has confirmed the capture {say}"}},
		{"'came as X said' with said parsed as a conjunct", `
Shares share NOUN NNS 2 nsubj
rose rise VERB VBD 0 root
as as ADP IN 5 case
the the DET DT 5 det
bank bank NOUN NN 2 obl
said say VERB VBD 2 conj
profits profit NOUN NNS 8 nsubj
doubled double VERB VBD 6 ccomp
. . PUNCT . 2 punct`,
			[]string{"Shares | rose |  {rise}",
				"the bank | said | profits doubled {say}",
				"profits | doubled |  [by=the bank] {double}"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := parseFixture(t, tt.conl)
			var got []string
			for _, e := range Sentence(s) {
				got = append(got, render(e))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("%s\ngot:\n  %s\nwant:\n  %s", s.Text, strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

func TestNestedChain(t *testing.T) {
	s := parseFixture(t, `
Maria Maria PROPN NNP 2 nsubj B-PERSON
said say VERB VBD 0 root
the the DET DT 4 det
minister minister NOUN NN 5 nsubj
claimed claim VERB VBD 2 ccomp
that that SCONJ IN 9 mark
taxes tax NOUN NNS 9 nsubj
would would AUX MD 9 aux
fall fall VERB VB 5 ccomp
. . PUNCT . 2 punct`)
	for _, e := range Sentence(s) {
		if e.Lemma != "fall" {
			continue
		}
		var chain []string
		for _, c := range e.Chain {
			chain = append(chain, c.Text)
		}
		if got := strings.Join(chain, " > "); got != "Maria > the minister" {
			t.Errorf("chain = %q, want Maria > the minister", got)
		}
		return
	}
	t.Fatal("no extraction for fall")
}

func TestTimeAndPlace(t *testing.T) {
	s := parseFixture(t, `
Rebels rebel NOUN NNS 2 nsubj
captured capture VERB VBD 0 root
three three NUM CD 4 nummod B-CARDINAL
officers officer NOUN NNS 2 obj
on on ADP IN 6 case
Monday Monday PROPN NNP 2 obl B-DATE
in in ADP IN 8 case
Aleppo Aleppo PROPN NNP 2 obl B-GPE
. . PUNCT . 2 punct`)
	exts := Sentence(s)
	if len(exts) != 1 {
		t.Fatalf("got %d extractions", len(exts))
	}
	e := exts[0]
	tm, ok := e.Time()
	if !ok || tm.Prep != "on" || tm.Span.Text != "Monday" || tm.Span.Head != 5 {
		t.Errorf("time = %+v, %v", tm, ok)
	}
	pl, ok := e.Place()
	if !ok || pl.Span.Text != "Aleppo" {
		t.Errorf("place = %+v, %v", pl, ok)
	}
	if e.Subject.Head != 0 || e.Object.Head != 3 || e.Pred != 1 {
		t.Errorf("heads: subject %d object %d pred %d", e.Subject.Head, e.Object.Head, e.Pred)
	}
}

func TestWriteCaRB(t *testing.T) {
	s := parseFixture(t, `
The the DET DT 2 det
bridge bridge NOUN NN 4 nsubj:pass
was be AUX VBD 4 aux:pass
destroyed destroy VERB VBN 0 root
by by ADP IN 7 case
the the DET DT 7 det
army army NOUN NN 4 obl:agent
. . PUNCT . 4 punct`)
	exts := Sentence(s)
	exts = append(exts, Extraction{Subject: Span{Head: 0, Tokens: []int{0}, Text: "alone"}, Relation: "slept", Confidence: 0.5})
	var b bytes.Buffer
	if err := WriteCaRB(&b, "The bridge was destroyed by the army .", exts); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 1 {
		t.Fatalf("want 1 line (one-argument extraction dropped), got %q", b.String())
	}
	f := strings.Split(lines[0], "\t")
	want := []string{"The bridge was destroyed by the army .", "", "was destroyed by", "The bridge", "the army"}
	if len(f) != len(want) {
		t.Fatalf("fields %q", f)
	}
	for i := range want {
		if i != 1 && f[i] != want[i] {
			t.Errorf("field %d = %q, want %q", i, f[i], want[i])
		}
	}
	if f[1] == "" || f[1] == "1.0000" {
		t.Errorf("confidence %q", f[1])
	}
}

func TestConfidenceIsGraded(t *testing.T) {
	// The same clause scores lower when it is reported speech (attributed)
	// than when the narrator states it, and a possessive ("the city's
	// school" → the city has school) scores lower than a plain SVO.
	plain := parseFixture(t, `
The the DET DT 2 det
bank bank NOUN NN 3 nsubj
lent lend VERB VBD 0 root
money money NOUN NN 3 obj
. . PUNCT . 3 punct`)
	reported := parseFixture(t, `
The the DET DT 2 det
mayor mayor NOUN NN 3 nsubj
said say VERB VBD 0 root
that that SCONJ IN 7 mark
the the DET DT 6 det
bank bank NOUN NN 7 nsubj
lent lend VERB VBD 3 ccomp
money money NOUN NN 7 obj
. . PUNCT . 3 punct`)
	poss := parseFixture(t, `
The the DET DT 2 det
city city NOUN NN 4 nmod:poss
's 's PART POS 2 case
school school NOUN NN 5 nsubj
closed close VERB VBD 0 root
. . PUNCT . 5 punct`)
	conf := func(s *nlp.Sentence, lemma string) float64 {
		t.Helper()
		for _, e := range Sentence(s) {
			if e.Lemma == lemma {
				return e.Confidence
			}
		}
		t.Fatalf("no %s extraction in %q", lemma, s.Text)
		return 0
	}
	a, b := conf(plain, "lend"), conf(reported, "lend")
	c, d := conf(poss, "close"), conf(poss, "have")
	if !(a > b) {
		t.Errorf("plain %.3f not above reported %.3f", a, b)
	}
	if !(c > d) {
		t.Errorf("clause %.3f not above possessive %.3f", c, d)
	}
	for _, v := range []float64{a, b, c, d} {
		if v <= 0 || v >= 1 {
			t.Errorf("confidence %v outside (0,1)", v)
		}
	}
}

func TestDocumentSetsSentence(t *testing.T) {
	s1 := parseFixture(t, `
It it PRON PRP 2 nsubj
slept sleep VERB VBD 0 root`)
	s2 := parseFixture(t, `
She she PRON PRP 2 nsubj
ran run VERB VBD 0 root`)
	d := &nlp.Document{Sentences: []nlp.Sentence{*s1, *s2}}
	got := Document(d)
	if len(got) != 2 || len(got[1]) != 1 || got[1][0].Sentence != 1 || got[1][0].Lemma != "run" {
		t.Fatalf("Document = %+v", got)
	}
}

func TestEmptyAndBrokenTrees(t *testing.T) {
	if got := Sentence(&nlp.Sentence{}); got != nil {
		t.Errorf("empty sentence: %v", got)
	}
	// A cycle and out-of-range heads must not hang or panic.
	s := &nlp.Sentence{Tokens: []nlp.Token{
		{ID: 1, Form: "a", UPOS: "VERB", Head: 2, DepRel: "conj"},
		{ID: 2, Form: "b", UPOS: "VERB", Head: 1, DepRel: "conj"},
		{ID: 3, Form: "c", UPOS: "NOUN", Head: 9, DepRel: "nsubj"},
	}}
	_ = Sentence(s)
}

// TestGoldTreesWellFormed runs the extractor over every gold parse of UD
// EWT dev and checks the invariants the rest of the pipeline relies on:
// spans are sorted token indexes inside the sentence with their head among
// them, every extraction has a subject and a lemma, confidences are in
// (0,1).
func TestGoldTreesWellFormed(t *testing.T) {
	ss, err := conllu.ReadFile("../../data/ud/en_ewt-ud-dev.conllu.gz")
	if err != nil {
		t.Skip(err)
	}
	n := 0
	kinds := map[Kind]int{}
	for _, cs := range ss {
		s := &cs.Sentence
		for _, e := range Sentence(s) {
			n++
			kinds[e.Kind]++
			spans := []Span{e.Subject, e.Object, e.Attribution}
			for _, a := range e.Args {
				spans = append(spans, a.Span)
			}
			for _, sp := range spans {
				if err := checkSpan(s, sp); err != nil {
					t.Fatalf("%q: %s: %v", s.Text, render(e), err)
				}
			}
			if e.Subject.IsZero() || e.Lemma == "" || e.Relation == "" {
				t.Fatalf("%q: incomplete %s", s.Text, render(e))
			}
			if e.Confidence <= 0 || e.Confidence >= 1 {
				t.Fatalf("%q: confidence %v", s.Text, e.Confidence)
			}
		}
	}
	if n < len(ss) {
		t.Errorf("only %d extractions from %d sentences", n, len(ss))
	}
	for _, k := range []Kind{SV, SVO, SVC, SVA, SVOA, Appos, Speech} {
		if kinds[k] == 0 {
			t.Errorf("no %s extraction in EWT dev", k)
		}
	}
}

func checkSpan(s *nlp.Sentence, sp Span) error {
	if sp.IsZero() {
		return nil
	}
	head := false
	for i, t := range sp.Tokens {
		if t < 0 || t >= len(s.Tokens) {
			return fmt.Errorf("token %d out of range", t)
		}
		if i > 0 && sp.Tokens[i-1] >= t {
			return fmt.Errorf("tokens not sorted: %v", sp.Tokens)
		}
		head = head || t == sp.Head
	}
	if !head {
		return fmt.Errorf("head %d not in %v (%q)", sp.Head, sp.Tokens, sp.Text)
	}
	if sp.Text == "" {
		return fmt.Errorf("empty text")
	}
	return nil
}

// TestRelationLemma: relation IRIs are lemmas.
func TestRelationLemma(t *testing.T) {
	tests := []struct {
		words []string
		want  string
	}{
		{[]string{"hand", "over"}, "hand_over"},
		{[]string{"wo"}, "will"},
		{[]string{"ca", "go"}, "can_go"},
		{[]string{"’re", "for"}, "be_for"},
		{[]string{"not", "comment", "on"}, "comment_on"},
		{[]string{"receive", "us$17.4"}, "receive"},
		{[]string{"£"}, ""},
		{[]string{"से"}, ""},
		{[]string{"pay", "us$750", "in"}, "pay_in"},
		{[]string{"Be", "In"}, "be_in"},
	}
	for _, tt := range tests {
		if got := relationLemma(tt.words); got != tt.want {
			t.Errorf("relationLemma(%q) = %q, want %q", tt.words, got, tt.want)
		}
	}
}
