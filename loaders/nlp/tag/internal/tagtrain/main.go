// Command tagtrain trains the POS tagger and writes the model, for the
// tagger's own development runs (the project's entry point is tag.Train):
//
//	go run ./loaders/nlp/tag/internal/tagtrain -out data/models/tag.bin.gz
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
	"github.com/newsgraph/newsgraph/loaders/nlp/tag"
)

func main() {
	var opts tag.TrainOptions
	flag.StringVar(&opts.Train, "train", "data/ud/en_ewt-ud-train.conllu.gz", "training CoNLL-U")
	flag.StringVar(&opts.Dev, "dev", "data/ud/en_ewt-ud-dev.conllu.gz", "dev CoNLL-U (model selection)")
	flag.IntVar(&opts.Epochs, "epochs", 10, "training epochs")
	flag.Int64Var(&opts.Seed, "seed", 1, "shuffle seed")
	flag.Float64Var(&opts.Prune, "prune", 0, "drop averaged weights below this magnitude (0: default)")
	flag.IntVar(&opts.DictMinCount, "dict-count", 0, "tag dictionary minimum count (0: default)")
	flag.Float64Var(&opts.DictMinShare, "dict-share", 0, "tag dictionary minimum share (0: default)")
	flag.IntVar(&opts.AmbMinCount, "amb-count", 0, "ambiguity class minimum count (0: default)")
	flag.Float64Var(&opts.AmbMinShare, "amb-share", 0, "ambiguity class minimum share (0: default)")
	flag.IntVar(&opts.Mix, "mix", 0, "perceptrons averaged per pass (0: one)")
	flag.BoolVar(&opts.OnePass, "one-pass", false, "train the first pass only")
	flag.BoolVar(&opts.NoLexicon, "no-lexicon", false, "leave out the lexicon features (with the other defaults: the model committed before them)")
	flag.BoolVar(&opts.NoBidir, "no-bidir", false, "leave out the bidirectional stacking (with the other defaults: the model committed before it)")
	flag.Float64Var(&opts.OtherPrune, "other-prune", 0, "prune of the left-to-right pass of the bidirectional stacking (0: default)")
	out := flag.String("out", "", "write the model here")
	flag.Parse()
	opts.Log = os.Stderr
	start := time.Now()
	t, err := tag.Train(context.Background(), opts)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "trained in %s: %d classes, %d features\n", time.Since(start).Round(time.Millisecond), t.Classes(), t.Features())
	if *out == "" {
		return
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := t.Save(f); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	// Check the saved model: load time and dev scores.
	f, err = os.Open(*out)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	start = time.Now()
	t2, err := tag.Load(f)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "saved %s: %d bytes, loaded in %s\n", *out, st.Size(), time.Since(start).Round(time.Microsecond))
	if opts.Dev != "" {
		dev, err := conllu.ReadFile(opts.Dev)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Fprintf(os.Stderr, "reloaded model on dev: %s\n", tag.Evaluate(t2, dev))
	}
}
