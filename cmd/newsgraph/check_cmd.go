package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/graph"
)

func newCheckCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Verify the store: every entry decodes, no dangling references, counters agree",
		Long: `check reads the whole store and says what is wrong with it, one problem per line: bolt meta
pages that fail their checksum, bolt pages whose header, links or free list are wrong, entries that do not decode, quads that refer to nodes that are not
stored, reference counts or quad counters that disagree with the quads, quads missing from an index.
The exit status is 1 when anything is wrong.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			err := g.withStore(cmd, true, func(ctx context.Context, st *graph.Store) error {
				res, err := st.Check(ctx)
				if err != nil {
					return err
				}
				for _, p := range res.Problems {
					fmt.Fprintln(cmd.OutOrStdout(), p)
				}
				if res.Truncated > 0 {
					fmt.Fprintf(cmd.OutOrStdout(), "… and %d more problems\n", res.Truncated)
				}
				if !res.OK() {
					return fmt.Errorf("%w: %s: %d problems (%d quads, %d nodes read)", graph.ErrDamaged, st.Path(), len(res.Problems)+res.Truncated, res.Quads, res.Nodes)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: ok (%d quads, %d nodes)\n", st.Path(), res.Quads, res.Nodes)
				return nil
			})
			if errors.Is(err, graph.ErrDamaged) {
				// A store too damaged to open: what its files show.
				for _, p := range graph.CheckFile(graph.Options{Backend: g.backend, Path: g.db}) {
					fmt.Fprintln(cmd.OutOrStdout(), p)
				}
			}
			return err
		},
	}
}

// recoverStore turns a panic of a command working on a store into one line:
// the store layer turns what it knows of damage into errors, so a panic that
// still escapes is a bug or damage it did not foresee.
func recoverStore(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("internal error: %v (if the store is damaged, newsgraph check says what is wrong)", r)
	}
}
