package parse

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/newsgraph/newsgraph/loaders/nlp"
	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
	"github.com/newsgraph/newsgraph/loaders/nlp/tag"
)

// JackknifeOptions configures Jackknife.
type JackknifeOptions struct {
	Train string // CoNLL-U file (.conllu or .conllu.gz) with gold tags
	Folds int    // number of folds, at least 2 (0 = 5)
	// Tagger is the template of the fold taggers' training options; Train,
	// Seed and Log are set by Jackknife. nil means {OnePass: true}.
	Tagger   *tag.TrainOptions
	Seed     int64
	Parallel int // fold taggers trained at once (0 = 1)
	Log      io.Writer
	// BySentence puts sentence i in fold i mod Folds instead of document d
	// (counted by "# newdoc" comments) in fold d mod Folds. A tagger then
	// sees other sentences of the documents it tags, so the tags are
	// cleaner than on new text (kept to compare; see docs/parser.md).
	// Sentences are dealt too when there are fewer documents than folds.
	BySentence bool
}

// Jackknife re-tags a training file as a tagger would tag unseen text: the
// documents are dealt round-robin into Folds folds and each fold is tagged
// (UPOS, XPOS, FEATS) by a tagger trained with tag.Train on the other
// folds. The result is deterministic for a seed, whatever Parallel is.
func Jackknife(ctx context.Context, opts JackknifeOptions) ([]*conllu.Sentence, error) {
	if opts.Folds == 0 {
		opts.Folds = 5
	}
	if opts.Folds < 2 {
		return nil, fmt.Errorf("parse: jackknife: %d folds, need at least 2", opts.Folds)
	}
	topts := tag.TrainOptions{OnePass: true}
	if opts.Tagger != nil {
		topts = *opts.Tagger
	}
	train, err := conllu.ReadFile(opts.Train)
	if err != nil {
		return nil, fmt.Errorf("parse: jackknife: %w", err)
	}
	dir, err := os.MkdirTemp("", "parse-jackknife")
	if err != nil {
		return nil, fmt.Errorf("parse: jackknife: %w", err)
	}
	defer os.RemoveAll(dir)
	k := opts.Folds
	fold := folds(train, k, opts.BySentence)
	// The training files of all folds are written before any fold is
	// re-tagged in place.
	paths := make([]string, k)
	for f := range k {
		paths[f] = filepath.Join(dir, fmt.Sprintf("rest%d.conllu", f))
		if err := writeCoNLLU(paths[f], train, func(i int) bool { return fold[i] != f }); err != nil {
			return nil, fmt.Errorf("parse: jackknife: %w", err)
		}
	}
	log := newSyncLog(opts.Log)
	err = forEach(ctx, k, opts.Parallel, func(f int) error {
		start := time.Now()
		to := topts
		to.Train, to.Seed, to.Log = paths[f], opts.Seed, log.prefixed(fmt.Sprintf("fold %d: ", f))
		tg, err := tag.Train(ctx, to)
		// Each goroutine tags only the sentences of its own fold.
		if err != nil {
			return fmt.Errorf("fold %d: %w", f, err)
		}
		n, same := 0, 0
		for i := range train {
			if fold[i] != f {
				continue
			}
			s := &train[i].Sentence
			gold := make([]string, len(s.Tokens))
			for j, t := range s.Tokens {
				gold[j] = t.XPOS
			}
			tg.Tag(s)
			for j, t := range s.Tokens {
				n++
				if t.XPOS == gold[j] {
					same++
				}
			}
		}
		log.printf("fold %d: tagger trained in %s, XPOS %.2f%% on its held-out fold (%d tokens)\n",
			f, time.Since(start).Round(time.Second), 100*float64(same)/float64(max(n, 1)), n)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("parse: jackknife: %w", err)
	}
	return train, nil
}

// folds returns the fold of every sentence: documents dealt round-robin
// or, bySentence or with fewer documents than folds, sentences.
func folds(sents []*conllu.Sentence, k int, bySentence bool) []int {
	fold := make([]int, len(sents))
	doc := -1
	for i, s := range sents {
		if s.NewDoc || doc < 0 {
			doc++
		}
		fold[i] = doc % k
	}
	if bySentence || doc+1 < k {
		for i := range fold {
			fold[i] = i % k
		}
	}
	return fold
}

// RecipeOptions configures TrainRecipe. The zero value of every field but
// Train and Dev gives the recipe of the committed model.
type RecipeOptions struct {
	Train, Dev string // CoNLL-U files with gold tags (.conllu or .conllu.gz)
	// Tagger tags Dev, on which every model keeps its best epoch: the tagger
	// the parser will run behind (nil = gold dev tags).
	Tagger nlp.Tagger
	// Folds, FoldTagger and BySentence are Jackknife's options.
	Folds      int
	FoldTagger *tag.TrainOptions
	BySentence bool
	// JackknifedTrain, when set, is read instead of jackknifing Train (e.g.
	// JackknifeOut of an earlier run); its tags are kept.
	JackknifedTrain string
	// JackknifeOut, when set, receives the jackknifed training data.
	JackknifeOut string
	// Lexicon and AmbMinCount are TrainOptions'; Lexicon "" = Train (gold
	// tags, also when JackknifedTrain is set).
	Lexicon     string
	AmbMinCount int
	Models      int     // parsers trained with seeds Seed, Seed+1, … and averaged (0 = 4)
	Epochs      int     // epochs per parser, the best on Dev kept (0 = 12)
	Explore     float64 // TrainOptions.Explore
	Beam        int     // TrainOptions.Beam: > 1 trains beam-search models (see SetBeam)
	Prune       int     // weights below this (int16 scale) dropped from the average (0 = 450, < 0 none)
	Seed        int64
	// Parallel is the number of trainings run at once (0 = 1). A parser
	// training holds about 2.7 GB on EWT.
	Parallel int
	Log      io.Writer
	// OnModel, when not nil, is called with each trained parser (i from 0)
	// and its dev scores, e.g. to keep it.
	OnModel func(i int, p *Parser, dev Scores)
}

// TrainRecipe trains the parser as the committed model was trained:
// Train is jackknifed (Jackknife) so that the parsers learn from tags as
// noisy as the tagger's on new text, Models parsers are trained on it with
// different seeds, each keeping its best epoch on Dev, their weights are
// averaged (Merge) and the average is pruned. The result is deterministic
// for a seed, whatever Parallel is.
func TrainRecipe(ctx context.Context, opts RecipeOptions) (*Parser, error) {
	if opts.Models <= 0 {
		opts.Models = 4
	}
	if opts.Epochs <= 0 {
		opts.Epochs = 12
	}
	if opts.Prune == 0 {
		// Chosen within the speed, load and size budgets (docs/parser.md):
		// 5.9 MB for the 4-model average on EWT. At 350 (8.3 MB, +0.1 LAS
		// on dev) the table doubles and the first load in a process takes
		// ~245 ms instead of ~157, which puts the pipeline's first call
		// over its 300 ms budget.
		opts.Prune = 450
	}
	log := newSyncLog(opts.Log)
	start := time.Now()
	train := opts.JackknifedTrain
	if train == "" {
		sents, err := Jackknife(ctx, JackknifeOptions{Train: opts.Train, Folds: opts.Folds, Tagger: opts.FoldTagger,
			Seed: opts.Seed, Parallel: opts.Parallel, Log: opts.Log, BySentence: opts.BySentence})
		if err != nil {
			return nil, err
		}
		log.printf("parse: jackknifed %s in %s\n", opts.Train, time.Since(start).Round(time.Second))
		train = opts.JackknifeOut
		if train == "" {
			dir, err := os.MkdirTemp("", "parse-recipe")
			if err != nil {
				return nil, fmt.Errorf("parse: recipe: %w", err)
			}
			defer os.RemoveAll(dir)
			train = filepath.Join(dir, "train-jackknifed.conllu")
		}
		if err := writeCoNLLU(train, sents, func(int) bool { return true }); err != nil {
			return nil, fmt.Errorf("parse: recipe: %w", err)
		}
	}
	lexicon := opts.Lexicon
	if lexicon == "" {
		lexicon = opts.Train
	}
	models := make([]*Parser, opts.Models)
	var onModel sync.Mutex
	err := forEach(ctx, opts.Models, opts.Parallel, func(i int) error {
		seed := opts.Seed + int64(i)
		var best Scores
		p, err := Train(ctx, TrainOptions{Train: train, Dev: opts.Dev, Epochs: opts.Epochs, Seed: seed,
			Log: log.prefixed(fmt.Sprintf("model %d (seed %d): ", i+1, seed)), Tagger: opts.Tagger,
			KeepTrainTags: true, Explore: opts.Explore, Lexicon: lexicon, AmbMinCount: opts.AmbMinCount, Beam: opts.Beam,
			OnEpoch: func(_ int, _ *Parser, sc Scores) {
				if sc.LAS > best.LAS {
					best = sc
				}
			}})
		if err != nil {
			return err
		}
		models[i] = p
		if opts.OnModel != nil {
			onModel.Lock()
			opts.OnModel(i, p, best)
			onModel.Unlock()
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	p, err := Merge(models...)
	if err != nil {
		return nil, err
	}
	if opts.Prune > 0 {
		p = p.Prune(int16(opts.Prune))
	}
	log.printf("parse: recipe done in %s: %d models averaged, %d feature rows\n",
		time.Since(start).Round(time.Second), len(models), len(p.keys))
	return p, nil
}

// forEach runs f(0) … f(n-1), at most parallel at once, and returns the
// first error (by index). It stops starting new calls once ctx is done.
func forEach(ctx context.Context, n, parallel int, f func(i int) error) error {
	parallel = max(parallel, 1)
	errs := make([]error, n)
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for i := range n {
		if err := ctx.Err(); err != nil {
			errs[i] = err
			break
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			errs[i] = f(i)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// writeCoNLLU writes the sentences i with keep(i) to path, gzipped when the
// name ends in .gz.
func writeCoNLLU(path string, sents []*conllu.Sentence, keep func(i int) bool) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	var w io.Writer = bw
	var zw *gzip.Writer
	if filepath.Ext(path) == ".gz" {
		zw = gzip.NewWriter(bw)
		w = zw
	}
	for i, s := range sents {
		if !keep(i) {
			continue
		}
		if err = conllu.Write(w, &s.Sentence, s.ID); err != nil {
			break
		}
	}
	if zw != nil && err == nil {
		err = zw.Close()
	}
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// syncLog serialises progress lines from concurrent trainings.
type syncLog struct {
	mu *sync.Mutex
	w  io.Writer
}

func newSyncLog(w io.Writer) syncLog { return syncLog{mu: new(sync.Mutex), w: w} }

func (l syncLog) printf(format string, args ...any) {
	if l.w == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.w, format, args...)
}

// prefixed returns a writer that writes each Write, prefixed, under the
// lock (training logs write one line per call); nil without a log.
func (l syncLog) prefixed(prefix string) io.Writer {
	if l.w == nil {
		return nil
	}
	return prefixWriter{l: l, prefix: prefix}
}

type prefixWriter struct {
	l      syncLog
	prefix string
}

func (p prefixWriter) Write(b []byte) (int, error) {
	p.l.mu.Lock()
	defer p.l.mu.Unlock()
	if _, err := io.WriteString(p.l.w, p.prefix); err != nil {
		return 0, err
	}
	return p.l.w.Write(b)
}
