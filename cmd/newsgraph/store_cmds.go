package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
	"github.com/newsgraph/newsgraph/queries/repl"
)

func backendList() string { return strings.Join(graph.Backends(), ", ") }

func newRemoveCmd(g *globals) *cobra.Command {
	return withDatasetFlag(g, &cobra.Command{ // dataset_cmds.go
		Use:   "remove DOC...",
		Short: "Take documents (by path as given at ingest, URL, or document id/IRI) and their facts out of the graph",
		Long: `remove deletes every quad a document contributed: its metadata, sentences, facts and its
descriptions of entities. Entities stay while another document still mentions them.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withStore(cmd, false, func(ctx context.Context, st *graph.Store) error {
				failed := 0
				for _, doc := range args {
					var n int
					err := withDoc(ctx, doc, func(key string) (err error) { n, err = st.RemoveDocument(ctx, key); return err })
					if err != nil {
						fmt.Fprintf(cmd.ErrOrStderr(), "%s: %v\n", doc, err)
						failed++
						continue
					}
					fmt.Fprintf(cmd.OutOrStdout(), "removed %s: %d quads\n", doc, n)
				}
				if failed > 0 {
					return exitError{msg: fmt.Sprintf("%d of %d documents not removed", failed, len(args)), quiet: true}
				}
				return nil
			})
		},
	})
}

func newQueryCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "query NAME [ARGS...]",
		Short: "Run a canned query (entities, facts, said, who, timeline, path, source, docs, gizmo)",
		Long:  "query runs one of the canned queries:\n\n" + commandHelp(),
		Args:  cobra.MinimumNArgs(1),
		// The queries parse their own flags (--json, --type, --limit), so
		// they work the same on the command line and in the REPL.
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if args[0] == "-h" || args[0] == "--help" {
				return cmd.Help()
			}
			args, err := g.parseGlobals(args)
			if err != nil {
				return err
			}
			if queryHelp(cmd.OutOrStdout(), args) {
				return nil
			}
			return g.withStore(cmd, true, func(ctx context.Context, st *graph.Store) error {
				return queries.Run(ctx, queries.NewEnv(st.QuadStore()), args, cmd.OutOrStdout())
			})
		},
	}
	return cmd
}

// parseGlobals takes --db and --backend out of args for commands that parse
// their own flags.
func (g *globals) parseGlobals(args []string) ([]string, error) {
	var rest []string
	for i := 0; i < len(args); i++ {
		name, val, hasVal := strings.Cut(args[i], "=")
		if name != "--db" && name != "--backend" {
			rest = append(rest, args[i])
			continue
		}
		if !hasVal {
			if i+1 >= len(args) {
				return nil, fmt.Errorf("%s needs a value", name)
			}
			i++
			val = args[i]
		}
		if name == "--db" {
			g.db = val
		} else {
			g.backend = val
		}
	}
	return rest, nil
}

// queryHelp prints the help of the query args name when args ask for it
// ("path --help", "said -h") and reports whether it did.
func queryHelp(w io.Writer, args []string) bool {
	if len(args) < 2 || !slices.Contains(args[1:], "--help") && !slices.Contains(args[1:], "-h") {
		return false
	}
	for _, c := range queries.Commands() {
		if c.Name == args[0] {
			fmt.Fprintf(w, "Usage: newsgraph query %s [--json] [--limit N]\n\n%s\n", c.Usage, c.Help)
			return true
		}
	}
	return false
}

func commandHelp() string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for _, c := range queries.Commands() {
		fmt.Fprintf(tw, "  %s\t%s\n", c.Usage, firstLine(c.Help))
	}
	tw.Flush()
	b.WriteString("\nEvery query takes --json for machine-readable output and --limit N.")
	return b.String()
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func newReplCmd(g *globals) *cobra.Command {
	var history string
	cmd := &cobra.Command{
		Use:   "repl",
		Short: "Interactive queries: canned queries by name, Gizmo for anything else, help",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withStore(cmd, true, func(ctx context.Context, st *graph.Store) error {
				// Ctrl-C in the REPL cancels the running query, not the session.
				return repl.Run(context.WithoutCancel(ctx), queries.NewEnv(st.QuadStore()), repl.Config{HistoryFile: history})
			})
		},
	}
	cmd.Flags().StringVar(&history, "history", "", `history file (default ~/.newsgraph_history; "-" for none)`)
	return cmd
}

func newExportCmd(g *globals) *cobra.Command {
	var (
		out, format, doc string
	)
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Stream the graph (or one document) as N-Quads or another RDF format",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withStore(cmd, true, func(ctx context.Context, st *graph.Store) error {
				if doc != "" {
					// The document as ingest stored it: path as given, URL or id.
					if err := withDoc(ctx, doc, func(key string) error { _, err := st.FindDocument(ctx, key); doc = key; return err }); err != nil {
						return err
					}
				}
				if out == "" || out == "-" {
					_, err := st.Export(ctx, cmd.OutOrStdout(), format, doc)
					return err
				}
				var n int
				err := writeOutput(out, func(w io.Writer) (err error) {
					n, err = st.Export(ctx, w, format, doc)
					return err
				})
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "wrote %d quads to %s\n", n, out)
				return nil
			})
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to FILE instead of standard output")
	cmd.Flags().StringVarP(&format, "format", "f", graph.DefaultFormat, "output format: "+strings.Join(graph.Formats(), ", "))
	cmd.Flags().StringVar(&doc, "doc", "", "export only this document (path as given at ingest, URL, or document id/IRI)")
	return cmd
}

func newStatsCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "stats",
		Short: "Count documents, entities, facts and quads",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withStore(cmd, true, func(ctx context.Context, st *graph.Store) error {
				s, err := st.Stats(ctx)
				if err != nil {
					return err
				}
				tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
				fmt.Fprintf(tw, "store\t%s (%s)\n", st.Path(), st.Backend())
				fmt.Fprintf(tw, "documents\t%d\n", s.Documents)
				fmt.Fprintf(tw, "entities\t%d\n", s.Entities)
				fmt.Fprintf(tw, "facts\t%d (direct triples; %d statements incl. negated)\n", s.Facts, s.Statements)
				fmt.Fprintf(tw, "relations\t%d\n", s.Relations)
				fmt.Fprintf(tw, "quads\t%d\n", s.Quads)
				return tw.Flush()
			})
		},
	}
}
