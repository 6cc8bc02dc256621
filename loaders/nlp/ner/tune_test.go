package ner

import (
	"context"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// tuneGazetteer skips unless NER_TUNE is set, and loads the gazetteer.
func tuneGazetteer(t *testing.T) *Gazetteer {
	t.Helper()
	if os.Getenv("NER_TUNE") == "" {
		t.Skip("set NER_TUNE=1 to run the settings search")
	}
	dir := "../../../data/gazetteer"
	if d := os.Getenv("NER_GAZDIR"); d != "" {
		dir = d
	}
	gaz, err := LoadGazetteer(dir)
	if err != nil {
		t.Fatal(err)
	}
	return gaz
}

// TestTune chooses settings on UNER EWT dev, never on the test file: by
// default it trains on the first 90% and scores the last 10%; with
// NER_FOLDS=1 it runs 5-fold cross-validation over contiguous blocks. It runs
// only with NER_TUNE=1 (see docs/ner.md for the other NER_* knobs):
//
//	NER_TUNE=1 NER_FOLDS=1 go test -count=1 -run TestTune$ -v ./loaders/nlp/ner/
func TestTune(t *testing.T) {
	gaz := tuneGazetteer(t)
	sents, newDoc, err := readIOB2File("../../../data/ner/en_ewt-ud-dev.iob2.gz")
	if err != nil {
		t.Fatal(err)
	}
	cut := len(sents) * 9 / 10
	opts := DefaultTrainOptions()
	if e, err := strconv.Atoi(os.Getenv("NER_EPOCHS")); err == nil {
		opts.Epochs = e
	}
	if os.Getenv("NER_NOGAZ") != "" {
		gaz = nil
	}
	opts.SelfTrain = os.Getenv("NER_NOSELF") == ""
	if e, err := strconv.Atoi(os.Getenv("NER_NAMEEPOCHS")); err == nil {
		opts.NameEpochs = e
	}
	if e, err := strconv.Atoi(os.Getenv("NER_ROUNDS")); err == nil {
		opts.SelfTrainRounds = e
	}
	if e, err := strconv.Atoi(os.Getenv("NER_GOLDW")); err == nil {
		opts.GoldWeight = e
	}
	if e, err := strconv.Atoi(os.Getenv("NER_SEED")); err == nil {
		opts.Seed = int64(e)
	}
	if e, err := strconv.Atoi(os.Getenv("NER_RUNS")); err == nil {
		opts.Runs = e
	}
	if os.Getenv("NER_ORGEV") != "" {
		opts.OrgEvidence = os.Getenv("NER_ORGEV") == "1"
	}
	if os.Getenv("NER_GREEDY") != "" {
		opts.Viterbi = false
	}
	if e, err := strconv.Atoi(os.Getenv("NER_NAMERUNS")); err == nil {
		opts.NameRuns = e
	}
	var names []nlp.Sentence
	if os.Getenv("NER_NONAMES") == "" {
		if names, err = readNameChunks("../../../data/ud/en_ewt-ud-train.conllu.gz"); err != nil {
			t.Fatal(err)
		}
	}
	// NER_GUM=path adds GUM's named mentions (outside its held-out
	// documents) to every fold's training data; NER_GUMW repeats them,
	// NER_GUMGENRES=news,interview keeps those genres.
	var gum []nlp.Sentence
	if p := os.Getenv("NER_GUM"); p != "" {
		var genres []string
		if g := os.Getenv("NER_GUMGENRES"); g != "" {
			genres = strings.Split(g, ",")
		}
		g, err := readGUM(p, genres, gaz)
		if err != nil {
			t.Fatal(err)
		}
		w, _ := strconv.Atoi(os.Getenv("NER_GUMW"))
		for range max(1, w) {
			gum = append(gum, g...)
		}
		t.Logf("%d GUM sentences", len(gum))
	}
	if os.Getenv("NER_FOLDS") != "" {
		// 5-fold cross-validation over contiguous blocks of dev.
		pens := []float32{0, 1, 2, 3, 4, 6}
		tots := make([]PRF, len(pens))
		pers := make([]map[string]PRF, len(pens))
		for i := range pers {
			pers[i] = map[string]PRF{}
		}
		for f := 0; f < 5; f++ {
			a, b := len(sents)*f/5, len(sents)*(f+1)/5
			train := append(slices.Clone(sents[:a]), sents[b:]...)
			train = append(train, gum...)
			r, err := trainRecognizer(context.Background(), train, names, gaz, opts)
			if err != nil {
				t.Fatal(err)
			}
			if os.Getenv("NER_NODOC") != "" {
				newDoc = nil
			}
			for pi, pen := range pens {
				r.ner.oPenalty = pen
				tot, per := &tots[pi], pers[pi]
				sc := evaluateSentences(r, sents[a:b], sub(newDoc, a, b))
				if pi == 0 && os.Getenv("NER_ERR") != "" {
					errorKinds(t, r, sents[a:b])
				}
				tot.add(sc.Micro)
				for k, v := range sc.Types {
					p := per[k]
					p.add(v)
					per[k] = p
				}
			}
		}
		for pi, pen := range pens {
			tot, per := tots[pi], pers[pi]
			t.Logf("O penalty %v", pen)
			t.Logf("5-fold dev CV: micro P %.1f R %.1f F1 %.1f | PER %.1f ORG %.1f LOC %.1f", 100*tot.Precision(), 100*tot.Recall(), 100*tot.F1(),
				100*per["PER"].F1(), 100*per["ORG"].F1(), 100*per["LOC"].F1())
		}
		return
	}
	opts.Log = os.Stderr
	r, err := trainRecognizer(context.Background(), append(slices.Clone(sents[:cut]), gum...), names, gaz, opts)
	if err != nil {
		t.Fatal(err)
	}
	sc := evaluateSentences(r, sents[cut:], newDoc[cut:])
	if os.Getenv("NER_DUMP") != "" {
		for _, s := range sents[cut:] {
			gold, test := predict(r, s)
			var g, p []string
			for _, sp := range spansOf(gold) {
				g = append(g, sp.typ+":"+spanText(&s, sp.start, sp.end))
			}
			for _, e := range test.Entities {
				if unerType(e.Type) != "" {
					p = append(p, unerType(e.Type)+":"+e.Text)
				}
			}
			if strings.Join(g, "|") != strings.Join(p, "|") {
				t.Logf("%s\n   gold %q\n   pred %q", s.Text, g, p)
			}
		}
	}
	t.Logf("held-out dev (last 10%%), %d epochs, %d features:\n%s", opts.Epochs, len(r.ner.keys), sc)
}

// errorKinds logs how gold spans were missed: wrong type with the right
// boundaries, overlapping, or not found at all.
func errorKinds(t *testing.T, r *Recognizer, sents []nlp.Sentence) {
	kinds := map[string]int{}
	for _, s := range sents {
		gold, test := predict(r, s)
		for _, g := range spansOf(gold) {
			kind := "missed"
			for _, e := range test.Entities {
				ut := unerType(e.Type)
				switch {
				case e.Start == g.start && e.End == g.end && ut == g.typ:
					kind = "correct"
				case e.Start == g.start && e.End == g.end:
					if kind != "correct" {
						kind = "type " + g.typ + "->" + ut + "/" + e.Type
					}
				case e.Start < g.end && g.start < e.End && kind == "missed":
					kind = "overlap"
				}
			}
			kinds[kind]++
			if kind == "overlap" && os.Getenv("NER_ERR") == "3" {
				var ps []string
				for _, e := range test.Entities {
					if e.Start < g.end && g.start < e.End {
						ps = append(ps, e.Type+":"+e.Text)
					}
				}
				t.Logf("overlap %s %q pred %q", g.typ, spanText(&s, g.start, g.end), ps)
			}
			if kind == "missed" && os.Getenv("NER_ERR") == "2" {
				t.Logf("missed %s %q", g.typ, spanText(&s, g.start, g.end))
			}
		}
	}
	t.Logf("%v", kinds)
	if os.Getenv("NER_ERR") == "4" {
		for _, s := range sents {
			gold, test := predict(r, s)
			g := map[span]bool{}
			for _, sp := range spansOf(gold) {
				g[sp] = true
			}
			for _, e := range test.Entities {
				if ut := unerType(e.Type); ut != "" && !g[span{e.Start, e.End, ut}] {
					t.Logf("false %s %q", e.Type, e.Text)
				}
			}
		}
	}
}

// predict returns the gold tags of s and a copy of s run through r.
func predict(r *Recognizer, s nlp.Sentence) ([]string, nlp.Sentence) {
	gold := namesOf(s)
	test := s
	test.Tokens = slices.Clone(s.Tokens)
	r.Recognize(&test)
	return gold, test
}

func sub(v []bool, a, b int) []bool {
	if v == nil {
		return nil
	}
	return v[a:b]
}
