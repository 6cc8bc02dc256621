package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/loaders"
	"github.com/newsgraph/newsgraph/loaders/entityeval"
	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

// gumTrain is GUM's training split with its entity layer (a copy of ../shared/gum).
const gumTrain = "data/gum/gum-train-cc-by.conllu.gz"

func newEvalEntitiesCmd() *cobra.Command {
	var in, genres, docs string
	var details bool
	cmd := &cobra.Command{
		Use:   "entities",
		Short: "Entities of resolved articles against GUM's gold entities and coreference (docs/entities.md)",
		Long: `entities rebuilds the raw text of each GUM document, runs the whole pipeline on it, aligns the
gold mentions with the mentions of the article's entity nodes by character offsets, and prints
named-entity recall, over-splitting, over-merging, junk share, type accuracy and pronoun accuracy
for the dev part (tuned on) and the held-out part (not tuned on). docs/entities.md defines them.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			start := time.Now()
			ds, err := conllu.ReadEntityFile(in)
			if err != nil {
				return err
			}
			l, err := loaders.New()
			if err != nil {
				return err
			}
			opts := entityeval.Options{Genres: splitList(genres), Docs: splitList(docs)}
			if details {
				opts.Details = cmd.OutOrStdout()
			}
			rep, err := entityeval.Run(cmd.Context(), l, ds, opts)
			if err != nil {
				return fmt.Errorf("%s: %w", in, err)
			}
			rep.Write(cmd.OutOrStdout())
			fmt.Fprintf(cmd.ErrOrStderr(), "(%s in %.1fs)\n", in, time.Since(start).Seconds())
			return nil
		},
	}
	cmd.Flags().StringVar(&in, "gum", gumTrain, "CoNLL-U file (.gz) with GUM's entity layer")
	cmd.Flags().StringVar(&genres, "genre", "", "comma-separated GUM genres to measure (news,interview,…); all when empty")
	cmd.Flags().StringVar(&docs, "docs", "", "comma-separated document ids or patterns (GUM_news_*); all when empty")
	cmd.Flags().BoolVar(&details, "details", false, "also list every error found, document by document")
	return cmd
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
