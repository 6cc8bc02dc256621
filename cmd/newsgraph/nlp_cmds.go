package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/loaders/analyze"
	"github.com/newsgraph/newsgraph/loaders/extract"
	"github.com/newsgraph/newsgraph/loaders/nlp"
	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
	"github.com/newsgraph/newsgraph/loaders/nlp/lemma"
	"github.com/newsgraph/newsgraph/loaders/nlp/ner"
	"github.com/newsgraph/newsgraph/loaders/nlp/parse"
	"github.com/newsgraph/newsgraph/loaders/nlp/tag"
	"github.com/newsgraph/newsgraph/loaders/nlp/tokenize"
)

// Where the bundled training and evaluation data live, relative to the
// repository root.
const (
	udTrain = "data/ud/en_ewt-ud-train.conllu.gz"
	udDev   = "data/ud/en_ewt-ud-dev.conllu.gz"
	nerTest = "data/ner/en_ewt-ud-test.iob2.gz"
	carbDev = "../shared/carb/data/dev.txt"
)

// openInput opens a named file, or standard input for "-" or "".
func openInput(name string) (io.ReadCloser, string, error) {
	if name == "" || name == "-" {
		return io.NopCloser(os.Stdin), "<stdin>", nil
	}
	f, err := os.Open(name)
	return f, name, err
}

func newParseCmd() *cobra.Command {
	var goldTokens bool
	cmd := &cobra.Command{
		Use:   "parse [FILE|-]",
		Short: "Analyse raw text (or CoNLL-U with --gold-tokens) and write CoNLL-U",
		Long: `parse runs the language models — tokenizer, sentence splitter, tagger, lemmatizer,
dependency parser, named-entity recognizer — and writes CoNLL-U: lemma, UPOS, XPOS, head and
relation, with entities as NER=B-PERSON etc. in MISC. With --gold-tokens the input is CoNLL-U
whose tokens and sentences are kept, so any UD evaluation tool can score the output.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := ""
			if len(args) == 1 {
				name = args[0]
			}
			in, name, err := openInput(name)
			if err != nil {
				return err
			}
			defer in.Close()
			p, err := analyze.Default()
			if err != nil {
				return err
			}
			w := bufio.NewWriter(cmd.OutOrStdout())
			defer w.Flush()
			if goldTokens {
				r := conllu.NewReader(in, name)
				for {
					s, err := r.Read()
					if err == io.EOF {
						return nil
					}
					if err != nil {
						return err
					}
					for i := range s.Tokens {
						t := &s.Tokens[i]
						*t = nlp.Token{ID: t.ID, Form: t.Form, Start: t.Start, End: t.End, SpaceAfter: t.SpaceAfter}
					}
					p.Sentence(&s.Sentence)
					if err := conllu.Write(w, &s.Sentence, s.ID); err != nil {
						return err
					}
				}
			}
			text, err := io.ReadAll(in)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			doc, err := p.Analyze(cmd.Context(), string(text))
			if err != nil {
				return err
			}
			for i := range doc.Sentences {
				s := &doc.Sentences[i]
				if err := conllu.WriteMultiword(w, s, fmt.Sprint(i+1), tokenize.Multiwords(s)); err != nil {
					return err
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&goldTokens, "gold-tokens", false, "read CoNLL-U and keep its tokens and sentences")
	return cmd
}

func newEvalCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Measure the language models (eval nlp) and the fact extraction (eval carb)",
	}
	var dev, test string
	nlpCmd := &cobra.Command{
		Use:   "nlp",
		Short: "Accuracy of each language model on UD English-EWT dev and UNER EWT test",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return evalNLP(cmd.Context(), cmd.OutOrStdout(), dev, test)
		},
	}
	nlpCmd.Flags().StringVar(&dev, "ud", udDev, "UD treebank (CoNLL-U) to score tokens, tags, lemmas and parses on")
	nlpCmd.Flags().StringVar(&test, "ner", nerTest, "IOB2 file to score named entities on")

	var out string
	carbCmd := &cobra.Command{
		Use:   "carb [SENTENCES]",
		Short: "Write CaRB's tab-separated extractions for a file of sentences (default: CaRB dev)",
		Long: `carb analyses each line of SENTENCES as one sentence, extracts facts, and writes them in
CaRB's format (sentence, confidence, relation, arguments). Score them with
  bash ../shared/carb/score.sh OUT.tsv dev
  bash ../shared/carb/score.sh OUT.tsv dev --single-match`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in := carbDev
			if len(args) == 1 {
				in = args[0]
			}
			return evalCaRB(cmd.Context(), in, out, cmd.ErrOrStderr())
		},
	}
	carbCmd.Flags().StringVarP(&out, "output", "o", "carb-dev.tsv", "where to write the extractions")
	cmd.AddCommand(nlpCmd, carbCmd, newEvalEntitiesCmd(), newEvalLinksCmd())
	return cmd
}

func evalNLP(ctx context.Context, w io.Writer, dev, test string) error {
	start := time.Now()
	p, err := analyze.Default()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "models loaded in %v\n", time.Since(start).Round(time.Millisecond))
	gold, err := conllu.ReadFile(dev)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n# %s (%d sentences)\n", dev, len(gold))
	tok := p.Tokenizer.(*tokenize.Tokenizer)
	fmt.Fprint(w, "\n## tokenizer and sentence splitter (raw text)\n", tokenize.Evaluate(tok, gold))
	tg := p.Tagger.(*tag.Tagger)
	fmt.Fprint(w, "\n## tagger (gold tokens)\n", tag.Evaluate(tg, gold), "\n")
	fmt.Fprint(w, "\n## lemmatizer (gold tokens)\n", lemma.Evaluate(p.Lemmatizer.(*lemma.Lemmatizer), gold, tg), "\n")
	fmt.Fprint(w, "\n## parser, gold tokens, predicted tags\n", parse.Evaluate(p.Parser.(*parse.Parser), gold, tg), "\n")
	fmt.Fprint(w, "\n## parser, gold tokens, gold tags\n", parse.Evaluate(p.Parser.(*parse.Parser), gold, nil), "\n")
	raw, err := analyze.EvaluateRaw(ctx, p, gold)
	if err != nil {
		return err
	}
	fmt.Fprint(w, "\n## whole pipeline from raw text (tokenize+tag+lemma+parse+NER)\n", raw, "\n")
	sc, err := ner.Evaluate(p.Recognizer.(*ner.Recognizer), test)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n# %s\n\n## named entities (span F1)\n%s", test, sc)
	return nil
}

func evalCaRB(ctx context.Context, in, out string, log io.Writer) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	p, err := analyze.Default()
	if err != nil {
		return err
	}
	o, err := os.Create(out)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(o)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n, exts := 0, 0
	start := time.Now()
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		doc, err := p.Analyze(ctx, line)
		if err != nil {
			o.Close()
			return err
		}
		var all []extract.Extraction
		for _, e := range extract.Document(doc) {
			all = append(all, e...)
		}
		if err := extract.WriteCaRB(bw, line, all); err != nil {
			o.Close()
			return err
		}
		n++
		exts += len(all)
	}
	if err := sc.Err(); err != nil {
		o.Close()
		return fmt.Errorf("%s: %w", in, err)
	}
	el := time.Since(start)
	if err := bw.Flush(); err != nil {
		o.Close()
		return err
	}
	if err := o.Close(); err != nil {
		return err
	}
	fmt.Fprintf(log, "%d sentences, %d extractions in %.2fs (%.0f sentences/s) → %s\nscore: bash %s %s dev [--single-match]\n",
		n, exts, el.Seconds(), float64(n)/el.Seconds(), out, filepath.Join(filepath.Dir(filepath.Dir(in)), "score.sh"), out)
	return nil
}
