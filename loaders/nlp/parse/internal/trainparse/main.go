// Command trainparse trains and evaluates the dependency parser; it is the
// parser engineer's own driver (the project's CLI wires parse.Train).
//
//	trainparse -o data/models/parse.bin.gz                    # gold tags
//	trainparse -jackknife 5 -jkout /tmp/train-jk.conllu.gz     # predicted tags for train
//	trainparse -train /tmp/train-jk.conllu.gz -keeptags -tagger data/models/tag.bin.gz -o …
//	trainparse -eval data/models/parse.bin.gz [-tagger data/models/tag.bin.gz]
//	trainparse -recipe -tagger data/models/tag.bin.gz -o …     # parse.TrainRecipe, as `newsgraph train parser`
package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/loaders/nlp"
	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
	"github.com/newsgraph/newsgraph/loaders/nlp/parse"
	"github.com/newsgraph/newsgraph/loaders/nlp/tag"
)

type options struct {
	train, dev, out, eval, tagger, jkout, merge   string
	epochs, prune, jackknife, minWeight           int
	models, parallel, ambMin, beam                int
	lexicon                                       string
	seed                                          int64
	keepTags, recipe, foldFull, bySentence, byRel bool
	explore                                       float64
}

func main() {
	var o options
	flag.StringVar(&o.train, "train", "data/ud/en_ewt-ud-train.conllu.gz", "training CoNLL-U")
	flag.StringVar(&o.dev, "dev", "data/ud/en_ewt-ud-dev.conllu.gz", "development CoNLL-U")
	flag.IntVar(&o.epochs, "epochs", 0, "epochs (0 = 15; with -recipe, per model, 0 = 12)")
	flag.Int64Var(&o.seed, "seed", 1, "seed")
	flag.StringVar(&o.out, "o", "", "write the model here")
	flag.StringVar(&o.eval, "eval", "", "evaluate this model on -dev instead of training")
	flag.IntVar(&o.prune, "prune", 0, "with -eval: prune weights below this (int16 scale) and write the result to -o; with -recipe: 0 = 350")
	flag.IntVar(&o.minWeight, "minweight", 0, "training: prune weights below this (int16 scale)")
	flag.StringVar(&o.tagger, "tagger", "", "tagger model: re-tag dev (and train unless -keeptags)")
	flag.BoolVar(&o.keepTags, "keeptags", false, "keep the tags of -train (e.g. jackknifed)")
	flag.Float64Var(&o.explore, "explore", 0, "exploration probability (0 = default)")
	flag.IntVar(&o.jackknife, "jackknife", 0, "train this many taggers on folds of -train and write it re-tagged to -jkout")
	flag.StringVar(&o.jkout, "jkout", "", "jackknifed training file (.conllu.gz)")
	flag.StringVar(&o.merge, "merge", "", "with -eval: average the weights of this model into the evaluated one")
	flag.BoolVar(&o.recipe, "recipe", false, "run parse.TrainRecipe (jackknife with -jackknife folds unless -keeptags, "+
		"-models seeds, average, -prune) and write the model to -o, each model to -o.modelN")
	flag.IntVar(&o.models, "models", 0, "with -recipe: models averaged (0 = 4)")
	flag.IntVar(&o.parallel, "parallel", 1, "with -recipe or -jackknife: trainings at once")
	flag.BoolVar(&o.foldFull, "foldfull", false, "jackknife with full two-pass taggers (default: one pass)")
	flag.StringVar(&o.lexicon, "lexicon", "data/ud/en_ewt-ud-train.conllu.gz", "gold-tagged CoNLL-U for the ambiguity classes")
	flag.IntVar(&o.ambMin, "ambmin", 0, "occurrences a word needs for an ambiguity class (0 = 3, <0 = no ambiguity features)")
	flag.BoolVar(&o.byRel, "byrel", false, "with -eval and -tagger: LAS per gold relation, gold vs predicted tags")
	flag.BoolVar(&o.bySentence, "bysentence", false, "jackknife folds by sentence (i mod k) instead of by document")
	flag.IntVar(&o.beam, "beam", 0, "beam width (training: global beam training; -eval: decode with it)")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "trainparse:", err)
		os.Exit(1)
	}
}

func loadTagger(path string) (*tag.Tagger, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return tag.Load(f)
}

func run(o options) error {
	tg, err := loadTagger(o.tagger)
	if err != nil {
		return err
	}
	var tagger interface{ Tag(*nlp.Sentence) }
	if tg != nil {
		tagger = tg
	}
	if o.recipe {
		return recipe(o, tagger)
	}
	if o.jackknife > 1 {
		return jackknife(o)
	}
	if o.eval != "" {
		f, err := os.Open(o.eval)
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
		if o.merge != "" {
			ps := []*parse.Parser{p}
			for _, path := range strings.Split(o.merge, ",") {
				f, err := os.Open(path)
				if err != nil {
					return err
				}
				q, err := parse.Load(f)
				f.Close()
				if err != nil {
					return err
				}
				ps = append(ps, q)
			}
			if p, err = parse.Merge(ps...); err != nil {
				return err
			}
		}
		if o.prune > 0 || o.merge != "" {
			p = p.Prune(int16(o.prune))
			if o.out != "" {
				if err := save(p, o.out); err != nil {
					return err
				}
			}
		}
		if o.beam > 0 {
			p.SetBeam(o.beam) // else the width the model was saved with
		}
		gold, err := conllu.ReadFile(o.dev)
		if err != nil {
			return err
		}
		t0 = time.Now()
		sc := parse.Evaluate(p, gold, nil)
		fmt.Printf("gold tags: %s (%.0f tokens/s incl. copying)\n", sc, float64(sc.Tokens)/time.Since(t0).Seconds())
		if tagger != nil {
			fmt.Printf("tagger %s on dev: %s\n", o.tagger, tag.Evaluate(tg, gold))
			fmt.Printf("predicted tags (%s): %s\n", o.tagger, parse.Evaluate(p, gold, tagger))
			if o.byRel {
				byRel(p, gold, tagger)
			}
		}
		return nil
	}
	t0 := time.Now()
	p, err := parse.Train(context.Background(), parse.TrainOptions{Train: o.train, Dev: o.dev, Epochs: o.epochs,
		Seed: o.seed, Log: os.Stderr, Tagger: tagger, KeepTrainTags: o.keepTags, Explore: o.explore, MinWeight: o.minWeight,
		Lexicon: o.lexicon, AmbMinCount: o.ambMin, Beam: o.beam,
		OnEpoch: func(epoch int, p *parse.Parser, sc parse.Scores) {
			// Checkpoint every epoch so a long run can be stopped early.
			if o.out != "" {
				if err := save(p, fmt.Sprintf("%s.epoch%d", o.out, epoch)); err != nil {
					fmt.Fprintln(os.Stderr, "trainparse: checkpoint:", err)
				}
			}
		}})
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "trained in %s\n", time.Since(t0).Round(time.Second))
	if o.out == "" {
		return nil
	}
	return save(p, o.out)
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

func foldTagger(o options) *tag.TrainOptions {
	return &tag.TrainOptions{OnePass: !o.foldFull}
}

// jackknife re-tags -train with parse.Jackknife and writes it to -jkout.
func jackknife(o options) error {
	train, err := parse.Jackknife(context.Background(), parse.JackknifeOptions{Train: o.train, Folds: o.jackknife,
		Tagger: foldTagger(o), Seed: o.seed, Parallel: o.parallel, Log: os.Stderr, BySentence: o.bySentence})
	if err != nil {
		return err
	}
	return writeFile(o.jkout, train, func(int) bool { return true })
}

// recipe runs parse.TrainRecipe, keeping every model, and evaluates the
// result.
func recipe(o options, tagger nlp.Tagger) error {
	ro := parse.RecipeOptions{Train: o.train, Dev: o.dev, Tagger: tagger, Folds: o.jackknife, FoldTagger: foldTagger(o), BySentence: o.bySentence,
		JackknifeOut: o.jkout, Models: o.models, Epochs: o.epochs, Explore: o.explore, Prune: o.prune, Seed: o.seed, Beam: o.beam,
		Parallel: o.parallel, Log: os.Stderr, Lexicon: o.lexicon, AmbMinCount: o.ambMin,
		OnModel: func(i int, p *parse.Parser, sc parse.Scores) {
			fmt.Fprintf(os.Stderr, "model %d: best dev %s\n", i+1, sc)
			if o.out != "" {
				if err := save(p, fmt.Sprintf("%s.model%d", o.out, i+1)); err != nil {
					fmt.Fprintln(os.Stderr, "trainparse:", err)
				}
			}
		}}
	if o.keepTags {
		ro.JackknifedTrain = o.train
	}
	t0 := time.Now()
	p, err := parse.TrainRecipe(context.Background(), ro)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "recipe trained in %s\n", time.Since(t0).Round(time.Second))
	if o.out != "" {
		if err := save(p, o.out); err != nil {
			return err
		}
	}
	gold, err := conllu.ReadFile(o.dev)
	if err != nil {
		return err
	}
	fmt.Printf("gold tags: %s\n", parse.Evaluate(p, gold, nil))
	if tagger != nil {
		fmt.Printf("predicted tags (%s): %s\n", o.tagger, parse.Evaluate(p, gold, tagger))
	}
	return nil
}

func writeFile(path string, sents []*conllu.Sentence, keep func(i int) bool) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<16)
	var w interface {
		Write([]byte) (int, error)
	} = bw
	var zw *gzip.Writer
	if filepath.Ext(path) == ".gz" {
		zw = gzip.NewWriter(bw)
		w = zw
	}
	for i, s := range sents {
		if !keep(i) {
			continue
		}
		if err := conllu.Write(w, &s.Sentence, s.ID); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// byRel prints, per universal relation of the gold trees, how many tokens
// get the right head and relation with gold and with predicted tags, worst
// loss (in tokens) first.
func byRel(p *parse.Parser, gold []*conllu.Sentence, tagger nlp.Tagger) {
	type count struct{ n, goldTags, predTags int }
	counts := map[string]*count{}
	parseAll := func(tg nlp.Tagger, add func(c *count)) {
		for _, g := range gold {
			s := g.Sentence
			s.Tokens = slices.Clone(g.Tokens)
			if tg != nil {
				tg.Tag(&s)
			}
			p.Parse(&s)
			for i, t := range s.Tokens {
				gt := g.Tokens[i]
				rel, _, _ := strings.Cut(gt.DepRel, ":")
				c := counts[rel]
				if c == nil {
					c = &count{}
					counts[rel] = c
				}
				got, _, _ := strings.Cut(t.DepRel, ":")
				if t.Head == gt.Head && got == rel {
					add(c)
				}
				if tg == nil {
					c.n++
				}
			}
		}
	}
	parseAll(nil, func(c *count) { c.goldTags++ })
	parseAll(tagger, func(c *count) { c.predTags++ })
	rels := make([]string, 0, len(counts))
	for r := range counts {
		rels = append(rels, r)
	}
	loss := func(r string) int { return counts[r].goldTags - counts[r].predTags }
	slices.SortFunc(rels, func(a, b string) int {
		if d := loss(b) - loss(a); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	fmt.Printf("%-12s %6s %8s %8s %6s\n", "relation", "tokens", "LAS gold", "LAS pred", "lost")
	for _, r := range rels {
		c := counts[r]
		fmt.Printf("%-12s %6d %8.2f %8.2f %6d\n", r, c.n, 100*float64(c.goldTags)/float64(c.n),
			100*float64(c.predTags)/float64(c.n), loss(r))
	}
}
