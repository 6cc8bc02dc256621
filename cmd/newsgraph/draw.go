package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
	"github.com/newsgraph/newsgraph/queries/web"
)

func newDrawCmd(g *globals) *cobra.Command {
	var (
		doc, out, format, from, to string
		hops, maxNodes             int
		minConf                    float64
	)
	cmd := &cobra.Command{
		Use:   "draw [ENTITY] [--doc D] [-o out.svg]",
		Short: "Draw an entity's neighbourhood or an article's entity graph as SVG (or DOT)",
		Long: `draw lays out, without any outside tool, the entities one or two facts away from ENTITY
(a name as in query, or an IRI), or with --doc the entities of one document (source path, URL,
IRI or id), edges labelled by relation and sized by how often they are stated. --format dot
writes Graphviz DOT instead of SVG.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if (len(args) == 1) == (doc != "") {
				return fmt.Errorf("draw: give either an ENTITY or --doc D")
			}
			if format != "svg" && format != "dot" {
				return fmt.Errorf("draw: --format %q: want svg or dot", format)
			}
			o := queries.PictureOptions{Hops: hops, From: from, To: to, MinConfidence: minConf, MaxNodes: maxNodes}
			return g.withStore(cmd, true, func(ctx context.Context, st *graph.Store) error {
				qs := st.QuadStore()
				var sg queries.Subgraph
				if doc != "" {
					// Files are stored under their absolute path.
					if _, err := st.FindDocument(ctx, doc); err != nil {
						if abs, aerr := filepath.Abs(doc); aerr == nil {
							if info, ferr := st.FindDocument(ctx, abs); ferr == nil {
								doc = string(info.IRI)
							}
						}
					}
					d, err := queries.DescribeDocument(ctx, qs, doc, queries.Window{Limit: 1 << 30}, nil)
					if err != nil {
						return fmt.Errorf("draw: %w", err)
					}
					sg = queries.FactGraph(d.Facts, d.Types(), o)
				} else {
					ents, err := queries.Entities(ctx, qs, "")
					if err != nil {
						return err
					}
					e, err := queries.Resolve(ctx, ents, args[0])
					if err != nil {
						return fmt.Errorf("draw: %w", err)
					}
					if sg, err = queries.Neighbourhood(ctx, qs, e.IRI, o); err != nil {
						return fmt.Errorf("draw: %w", err)
					}
				}
				var w io.Writer = cmd.OutOrStdout()
				if out != "" && out != "-" {
					f, err := os.Create(out)
					if err != nil {
						return fmt.Errorf("draw: %w", err)
					}
					defer f.Close()
					w = f
				}
				var err error
				if format == "dot" {
					err = web.DOT(w, sg)
				} else {
					err = web.SVG(w, sg, web.DrawOptions{Standalone: true})
				}
				if err != nil {
					return fmt.Errorf("draw: %w", err)
				}
				if f, ok := w.(*os.File); ok && f != os.Stdout {
					if err := f.Close(); err != nil {
						return fmt.Errorf("draw: %w", err)
					}
					fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s: %d entities, %d relations\n", out, len(sg.Nodes), len(sg.Edges))
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&doc, "doc", "", "draw this document's entity graph (source, URL, IRI or id)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to this file (default: standard output)")
	cmd.Flags().StringVar(&format, "format", "svg", "svg or dot")
	cmd.Flags().IntVar(&hops, "hops", 1, "1 or 2: how far from ENTITY")
	cmd.Flags().IntVar(&maxNodes, "max-nodes", queries.DefaultMaxNodes, "most entities in the picture")
	cmd.Flags().StringVar(&from, "from", "", "keep facts dated on or after this date (YYYY[-MM[-DD]])")
	cmd.Flags().StringVar(&to, "to", "", "keep facts dated on or before this date")
	cmd.Flags().Float64Var(&minConf, "min-confidence", 0, "keep facts with at least this confidence")
	return cmd
}
