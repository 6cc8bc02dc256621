// Command trainparse trains the dependency parser and writes the model; it
// is the parser engineer's own driver (the project's CLI wires parse.Train).
//
//	go run ./loaders/nlp/parse/internal/trainparse -o data/models/parse.bin.gz
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
	"github.com/newsgraph/newsgraph/loaders/nlp/parse"
)

func main() {
	train := flag.String("train", "data/ud/en_ewt-ud-train.conllu.gz", "training CoNLL-U")
	dev := flag.String("dev", "data/ud/en_ewt-ud-dev.conllu.gz", "development CoNLL-U")
	epochs := flag.Int("epochs", 15, "epochs")
	seed := flag.Int64("seed", 1, "seed")
	out := flag.String("o", "", "write the model here")
	eval := flag.String("eval", "", "evaluate this model on -dev instead of training")
	prune := flag.Int("prune", 0, "with -eval: prune weights below this (int16 scale) and write the result to -o")
	flag.Parse()
	if err := run(*train, *dev, *epochs, *seed, *out, *eval, *prune); err != nil {
		fmt.Fprintln(os.Stderr, "trainparse:", err)
		os.Exit(1)
	}
}

func run(train, dev string, epochs int, seed int64, out, eval string, prune int) error {
	if eval != "" {
		f, err := os.Open(eval)
		if err != nil {
			return err
		}
		defer f.Close()
		t0 := time.Now()
		p, err := parse.Load(f)
		if err != nil {
			return err
		}
		fmt.Printf("load %s\n", time.Since(t0))
		if prune > 0 {
			p = p.Prune(int16(prune))
			if out != "" {
				if err := save(p, out); err != nil {
					return err
				}
			}
		}
		gold, err := conllu.ReadFile(dev)
		if err != nil {
			return err
		}
		t0 = time.Now()
		sc := parse.Evaluate(p, gold, nil)
		fmt.Printf("gold tags: %s (%.0f tokens/s incl. copying)\n", sc, float64(sc.Tokens)/time.Since(t0).Seconds())
		return nil
	}
	t0 := time.Now()
	p, err := parse.Train(context.Background(), parse.TrainOptions{Train: train, Dev: dev, Epochs: epochs, Seed: seed, Log: os.Stderr})
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "trained in %s\n", time.Since(t0).Round(time.Second))
	if out == "" {
		return nil
	}
	return save(p, out)
}

func save(p *parse.Parser, out string) error {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := p.Save(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
