// Command lemmatrain trains the lemmatizer, writes the model and scores it
// on dev with gold and predicted tags, for the lemmatizer's own development
// runs (the project's entry point is lemma.Train):
//
//	go run ./loaders/nlp/lemma/internal/lemmatrain -out data/models/lemma.bin.gz
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"sort"
	"time"

	"github.com/newsgraph/newsgraph/loaders/nlp"
	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
	"github.com/newsgraph/newsgraph/loaders/nlp/lemma"
	"github.com/newsgraph/newsgraph/loaders/nlp/tag"
)

func main() {
	var opts lemma.TrainOptions
	flag.StringVar(&opts.Train, "train", "data/ud/en_ewt-ud-train.conllu.gz", "training CoNLL-U")
	dev := flag.String("dev", "data/ud/en_ewt-ud-dev.conllu.gz", "dev CoNLL-U")
	flag.IntVar(&opts.MinRuleCount, "min-rule", 0, "minimum word types per suffix rule (0: default)")
	tagModel := flag.String("tagger", "data/models/tag.bin.gz", "tagger model for predicted tags (\"\" for none)")
	errs := flag.Bool("errors", false, "print the most frequent lemma errors with predicted tags")
	out := flag.String("out", "", "write the model here")
	flag.Parse()
	opts.Log = os.Stderr
	start := time.Now()
	l, err := lemma.Train(context.Background(), opts)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "trained in %s\n", time.Since(start).Round(time.Millisecond))
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			log.Fatal(err)
		}
		if err := l.Save(f); err != nil {
			log.Fatal(err)
		}
		if err := f.Close(); err != nil {
			log.Fatal(err)
		}
		f, err = os.Open(*out)
		if err != nil {
			log.Fatal(err)
		}
		st, _ := f.Stat()
		start = time.Now()
		if l, err = lemma.Load(f); err != nil {
			log.Fatal(err)
		}
		f.Close()
		fmt.Fprintf(os.Stderr, "saved %s: %d bytes, loaded in %s\n", *out, st.Size(), time.Since(start).Round(time.Microsecond))
	}
	var tagger nlp.Tagger
	if *tagModel != "" {
		f, err := os.Open(*tagModel)
		if err != nil {
			log.Fatal(err)
		}
		t, err := tag.Load(f)
		if err != nil {
			log.Fatal(err)
		}
		f.Close()
		tagger = t
	}
	gold, err := conllu.ReadFile(*dev)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "dev: %s\n", lemma.Evaluate(l, gold, tagger))
	fmt.Fprintf(os.Stderr, "dev without the WordNet check (whose work the exceptions leave to it): %s\n", lemma.Evaluate(l.WithoutWordNet(), gold, tagger))
	if *errs && tagger != nil {
		count := map[string]int{}
		for _, g := range gold {
			var s nlp.Sentence
			s.Tokens = append(s.Tokens, g.Tokens...)
			tagger.Tag(&s)
			l.Lemmatize(&s)
			for i, t := range s.Tokens {
				if gt := g.Tokens[i]; t.Lemma != gt.Lemma {
					count[fmt.Sprintf("%s/%s→%s (gold %s/%s→%s)", t.Form, t.XPOS, t.Lemma, gt.XPOS, gt.UPOS, gt.Lemma)]++
				}
			}
		}
		keys := make([]string, 0, len(count))
		for k := range count {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			return count[keys[i]] > count[keys[j]] || count[keys[i]] == count[keys[j]] && keys[i] < keys[j]
		})
		for _, k := range keys[:min(80, len(keys))] {
			fmt.Printf("%4d %s\n", count[k], k)
		}
	}
}
