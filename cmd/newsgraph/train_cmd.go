package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/loaders/analyze"
	"github.com/newsgraph/newsgraph/loaders/nlp/lemma"
	"github.com/newsgraph/newsgraph/loaders/nlp/ner"
	"github.com/newsgraph/newsgraph/loaders/nlp/parse"
	"github.com/newsgraph/newsgraph/loaders/nlp/tag"
)

// components lists what train can train, in dependency order (the parser
// trains on the tagger's tags).
var components = []string{"tagger", "lemmatizer", "parser", "ner"}

func newTrainCmd() *cobra.Command {
	var (
		out  string
		seed int64
	)
	cmd := &cobra.Command{
		Use:   "train [tagger|lemmatizer|parser|ner|all]...",
		Short: "Train the language models from the bundled UD English-EWT and UNER data",
		Long: `train learns the models from data/ud/ (UD English-EWT train, dev to choose) and data/ner/,
deterministically for a given seed, and writes them to data/models/, where the next build embeds
them. Run it from the repository root. The parser trains on jackknifed tags (train re-tagged by
taggers trained on the other folds, as unseen text is tagged) and chooses its epochs on dev tagged
by the tagger in data/models/ (or the one trained in the same run); its recipe (several seeds
averaged, pruned) takes about half an hour on two cores (docs/parser.md).`,
		ValidArgs: append(components, "all"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = []string{"all"}
			}
			want := map[string]bool{}
			for _, a := range args {
				if a == "all" {
					for _, c := range components {
						want[c] = true
					}
					continue
				}
				found := false
				for _, c := range components {
					found = found || c == a
				}
				if !found {
					return fmt.Errorf("unknown component %q (want one of %v or all)", a, components)
				}
				want[a] = true
			}
			return train(cmd.Context(), want, out, seed, cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "data/models", "folder to write the models to")
	cmd.Flags().Int64Var(&seed, "seed", 1, "random seed (same seed, same models)")
	return cmd
}

// saver is what every model has.
type saver interface{ Save(io.Writer) error }

// save writes a model to dir/name through a temporary file, so a failed run
// never leaves half a model behind.
func save(dir, name string, m saver, log io.Writer) error {
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		return err
	}
	path := filepath.Join(dir, name)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	fmt.Fprintf(log, "wrote %s (%.1f MB)\n", path, float64(buf.Len())/1e6)
	return nil
}

func train(ctx context.Context, want map[string]bool, out string, seed int64, log io.Writer) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	step := func(name string, f func() error) error {
		if !want[name] {
			return nil
		}
		fmt.Fprintf(log, "== training %s\n", name)
		start := time.Now()
		if err := f(); err != nil {
			return fmt.Errorf("training %s: %w", name, err)
		}
		fmt.Fprintf(log, "== %s trained in %v\n", name, time.Since(start).Round(time.Second))
		return nil
	}
	var tagger *tag.Tagger
	if err := step("tagger", func() (err error) {
		if tagger, err = tag.Train(ctx, tag.TrainOptions{Train: udTrain, Dev: udDev, Seed: seed, Log: log}); err != nil {
			return err
		}
		return save(out, filepath.Base(analyze.TaggerModel), tagger, log)
	}); err != nil {
		return err
	}
	if err := step("lemmatizer", func() error {
		l, err := lemma.Train(ctx, lemma.TrainOptions{Train: udTrain, Dev: udDev, Log: log})
		if err != nil {
			return err
		}
		return save(out, filepath.Base(analyze.LemmatizerModel), l, log)
	}); err != nil {
		return err
	}
	if err := step("parser", func() error {
		if tagger == nil {
			p, err := analyze.Default()
			if err != nil {
				return err
			}
			tagger = p.Tagger.(*tag.Tagger)
		}
		// The whole recipe of the committed model: jackknifed training tags,
		// several seeds averaged, pruned (docs/parser.md).
		p, err := parse.TrainRecipe(ctx, parse.RecipeOptions{Train: udTrain, Dev: udDev, Seed: seed, Log: log,
			Tagger: tagger, Parallel: 2})
		if err != nil {
			return err
		}
		return save(out, filepath.Base(analyze.ParserModel), p, log)
	}); err != nil {
		return err
	}
	return step("ner", func() error {
		opts := ner.DefaultTrainOptions() // the settings chosen by cross-validation on UNER dev
		opts.Seed, opts.Log = seed, log
		r, err := ner.Train(ctx, opts)
		if err != nil {
			return err
		}
		return save(out, filepath.Base(analyze.NERModel), r, log)
	})
}
