package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/graph"
)

// globals are the flags every command shares.
type globals struct {
	db      string
	backend string
}

func newRoot() *cobra.Command {
	g := &globals{}
	root := &cobra.Command{
		Use:   "newsgraph",
		Short: "Build a knowledge graph from news articles and query it",
		Long: `newsgraph reads news articles (plain text or HTML files, folders, globs, or - for stdin),
finds who did what to whom, who said what, when and where, and stores the facts as quads
with provenance in an embedded Cayley graph store.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVar(&g.db, "db", "newsgraph.db", "store location: a path for embedded backends, a DSN for postgres")
	root.PersistentFlags().StringVar(&g.backend, "backend", "", "Cayley backend: "+backendList()+" (default "+graph.DefaultBackend+")")
	root.AddCommand(
		newIngestCmd(g), newRemoveCmd(g), newQueryCmd(g), newReplCmd(g), newExportCmd(g),
		newStatsCmd(g), newParseCmd(), newTrainCmd(), newEvalCmd(), newBenchCmd(g),
		newCheckCmd(g),
		newImportCmd(g), newLinkCmd(g), newResolveCmd(g), newMergeCmd(g), newSplitCmd(g),
		newKBCmd(),
		newServeCmd(g), newDrawCmd(g),
	)
	root.AddCommand(newMigrateCmd(g))
	return root
}

// withStore opens the store the flags name for a command, runs fn on it
// and closes it.
func (g *globals) withStore(cmd *cobra.Command, readOnly bool, fn func(ctx context.Context, st *graph.Store) error) (err error) {
	defer recoverStore(&err)
	ctx := cmd.Context()
	st, err := g.open(ctx, readOnly)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, w := range st.Warnings() {
		fmt.Fprintf(cmd.ErrOrStderr(), "newsgraph: warning: %s: store is damaged: %s\n", st.Path(), w)
	}
	return fn(ctx, st)
}

// open opens the store the flags name.
func (g *globals) open(ctx context.Context, readOnly bool) (*graph.Store, error) {
	return graph.Open(ctx, graph.Options{
		Backend:     g.backend,
		Path:        g.db,
		ReadOnly:    readOnly,
		LockTimeout: 2 * time.Second,
	})
}
