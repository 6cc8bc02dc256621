package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/graph"
)

func newMigrateCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "migrate",
		Short: "Bring a store an older newsgraph made to the current format",
		Long: `migrate upgrades an embedded store (bolt, leveldb) made by an older newsgraph, in one
transaction: it indexes what each document wrote (for remove and export --doc) and computes the
counts stats prints. Other commands refuse an old store until it is migrated; a current store is
left as it is.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			start := time.Now()
			err := graph.Migrate(cmd.Context(), graph.Options{Backend: g.backend, Path: g.db, LockTimeout: 2 * time.Second})
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "%s: current format (%.1fs)\n", g.db, time.Since(start).Seconds())
			return nil
		},
	}
}
