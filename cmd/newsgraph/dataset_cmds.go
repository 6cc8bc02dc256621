package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/cayleygraph/quad"
	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loaders/datalink"
	"github.com/newsgraph/newsgraph/loaders/identity"
	"github.com/newsgraph/newsgraph/queries"
)

func newImportCmd(g *globals) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "import FILE...",
		Short: "Load RDF files (N-Triples, N-Quads, Turtle; gzip too) each into its own named graph",
		Long: `import loads each RDF file into a named graph of its own (the dataset's IRI), so queries can
cross from our entities to it once "link --dataset" has linked them. A bad statement is skipped
and reported as FILE:LINE: what is wrong; the rest of the file is loaded. Blank nodes become IRIs
unique to the file. Importing the same file again replaces its graph; "remove --dataset FILE"
drops it. The format comes from the name (.nt, .nq, .ttl, each optionally .gz) or --format.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withStore(cmd, false, func(ctx context.Context, st *graph.Store) error {
				st.VerifyOnClose() // the next query does not pay the page walk
				failed := 0
				for _, path := range args {
					if err := importOne(ctx, cmd, st, path, format); err != nil {
						fmt.Fprintln(cmd.ErrOrStderr(), err)
						failed++
					}
					if ctx.Err() != nil {
						break
					}
				}
				if failed > 0 {
					return exitError{msg: fmt.Sprintf("%d of %d files not imported", failed, len(args)), quiet: true}
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "ntriples, nquads or turtle (default: from the file name)")
	return cmd
}

func importOne(ctx context.Context, cmd *cobra.Command, st *graph.Store, path, format string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	res, err := st.ImportDataset(ctx, f, filepath.Clean(path), format)
	for _, e := range res.Errors {
		fmt.Fprintln(cmd.ErrOrStderr(), e)
	}
	if err != nil {
		return err
	}
	more := ""
	if res.Skipped > len(res.Errors) {
		more = fmt.Sprintf(" (the first %d shown)", len(res.Errors))
	}
	fmt.Fprintf(cmd.OutOrStdout(), "%s %s: %d triples in <%s> (+%d −%d quads), %d bad statements skipped%s\n",
		res.Status, path, res.Triples, string(res.IRI), res.Added, res.Removed, res.Skipped, more)
	return nil
}

func newLinkCmd(g *globals) *cobra.Command {
	var dataset string
	cmd := &cobra.Command{
		Use:   "link --dataset FILE|GRAPH",
		Short: "Link our entities to the resources of an imported dataset (owl:sameAs with scores)",
		Long: `link --dataset scores every entity's label and aliases against the names of the dataset's
resources (rdfs:label, skos:prefLabel/altLabel, schema:name, foaf:name), their type and country,
with the link stage's scorer, and writes owl:sameAs for each link above the threshold, with a link
statement holding its score and features. Running it again replaces the dataset's links.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if dataset == "" {
				return fmt.Errorf("link needs --dataset FILE|GRAPH (an imported dataset; see import)")
			}
			return g.withStore(cmd, false, func(ctx context.Context, st *graph.Store) error {
				res, links, err := datalink.Link(ctx, st, dataset)
				if err != nil {
					return err
				}
				tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ENTITY\tSAME AS\tSCORE\tDECIDED ON")
				for _, l := range links {
					fmt.Fprintf(tw, "%s\t<%s>\t%.2f\t%s\n", short(l.Entity), string(l.Target), l.Score, l.Features)
				}
				if err := tw.Flush(); err != nil {
					return err
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "%d of %d entities linked to %s (%d resources with a name; +%d −%d quads)\n",
					res.Links, res.Entities, res.Dataset.Label, res.Items, res.Added, res.Removed)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&dataset, "dataset", "", "the imported dataset: its file path, file name or graph IRI")
	return cmd
}

func short(iri quad.IRI) string { return "id:" + strings.TrimPrefix(string(iri), graph.EntityNS) }

// withDatasetFlag gives remove its --dataset flag: remove --dataset
// FILE|GRAPH drops an imported dataset and the links to it.
func withDatasetFlag(g *globals, cmd *cobra.Command) *cobra.Command {
	var dataset string
	run := cmd.RunE
	cmd.Use = "remove DOC... | remove --dataset FILE|GRAPH"
	cmd.Args = cobra.ArbitraryArgs
	cmd.RunE = func(c *cobra.Command, args []string) error {
		if dataset == "" {
			if len(args) == 0 {
				return fmt.Errorf("remove needs documents, or --dataset FILE|GRAPH")
			}
			return run(c, args)
		}
		if len(args) > 0 {
			return fmt.Errorf("remove --dataset takes no documents")
		}
		return g.withStore(c, false, func(ctx context.Context, st *graph.Store) error {
			d, n, err := st.RemoveDataset(ctx, dataset)
			if err != nil {
				return err
			}
			fmt.Fprintf(c.OutOrStdout(), "removed dataset %s <%s>: %d quads (with %d links)\n", d.Source, string(d.IRI), n, d.Links)
			return nil
		})
	}
	cmd.Flags().StringVar(&dataset, "dataset", "", "remove an imported dataset (file path, file name or graph IRI) and its links")
	return cmd
}

func newResolveCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "resolve",
		Short: "Re-run store-wide entity resolution (joins across articles), then the user's corrections",
		Long: `resolve recomputes which entities of different articles are one: the same Wikidata item; the
same canonical name with compatible types; a name that is the alias of exactly one entity; a
one-word name that can be the short form of exactly one entity ("Obama", "Apple"). Two entities of
one article are never joined. The user's merge and split corrections are applied after it, in the
order they were made. The result depends only on what is stored, not on the order articles were
ingested in; running it again changes nothing.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withStore(cmd, false, func(ctx context.Context, st *graph.Store) error {
				res, err := st.Reidentify(ctx, identity.Resolve)
				if err != nil {
					return err
				}
				printIdentity(cmd, res)
				return nil
			})
		},
	}
}

func printIdentity(cmd *cobra.Command, res graph.IdentityResult) {
	fmt.Fprintf(cmd.OutOrStdout(), "%d entities from %d in the articles (%d joined, %d document splits); %d documents rewritten (+%d −%d quads)\n",
		res.Entities+res.Split, res.Originals, res.Joined, res.Split, res.Docs, res.Added, res.Removed)
}

// correctionFlags are what merge and split record as provenance.
type correctionFlags struct{ by, note string }

func (f *correctionFlags) add(cmd *cobra.Command) {
	who := os.Getenv("USER")
	if who == "" {
		who = "unknown"
	}
	cmd.Flags().StringVar(&f.by, "by", who, "who makes the correction (stored with it)")
	cmd.Flags().StringVar(&f.note, "note", "", "why (stored with it)")
}

// entityIRI resolves a name or IRI the way queries do.
func entityIRI(ctx context.Context, env *queries.Env, name string) (quad.IRI, string, error) {
	e, err := env.Resolve(ctx, name)
	if err != nil {
		return "", "", err
	}
	return quad.IRI(e.IRI), e.Label, nil
}

// correct stores a correction and recomputes identity with store-wide
// resolution (as resolve does), then the corrections. Without the
// resolution, Reidentify would start from the articles' own entities and
// undo every join made at ingest (link.Join), which resolve's rules redo.
func correct(ctx context.Context, cmd *cobra.Command, st *graph.Store, c graph.Correction) error {
	c, err := st.AddCorrection(ctx, c)
	if err != nil {
		return err
	}
	res, err := st.Reidentify(ctx, identity.Resolve)
	if err != nil {
		return err
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "stored correction <%s> by %s at %s\n", string(c.IRI), c.By, c.At.Format("2006-01-02 15:04:05Z"))
	printIdentity(cmd, res)
	return nil
}

func newMergeCmd(g *globals) *cobra.Command {
	var f correctionFlags
	cmd := &cobra.Command{
		Use:   "merge A B",
		Short: "Make entity B the same entity as A (a stored correction that survives re-ingest)",
		Long: `merge joins entity B into entity A (names or IRIs, as queries take them; quote names of several
words): B's documents, facts and names move to A's IRI. The correction is stored in the
corrections graph with who made it, when and why, and is applied to every article written
later, so re-ingesting an article keeps it. Identity is then recomputed store-wide as resolve
does, with every correction applied after it.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withStore(cmd, false, func(ctx context.Context, st *graph.Store) error {
				env := queries.NewEnv(st.QuadStore())
				a, la, err := entityIRI(ctx, env, args[0])
				if err != nil {
					return err
				}
				b, lb, err := entityIRI(ctx, env, args[1])
				if err != nil {
					return err
				}
				if a == b {
					return fmt.Errorf("%q and %q are already one entity (%s)", args[0], args[1], short(a))
				}
				fmt.Fprintf(cmd.OutOrStdout(), "merging %s (%s) into %s (%s)\n", lb, short(b), la, short(a))
				return correct(ctx, cmd, st, graph.Correction{Kind: graph.NGMerge, Entity: a, Other: b, By: f.by, Comment: f.note})
			})
		},
	}
	f.add(cmd)
	return cmd
}

func newSplitCmd(g *globals) *cobra.Command {
	var (
		f     correctionFlags
		alias string
		doc   string
	)
	cmd := &cobra.Command{
		Use:   "split ENTITY (--alias NAME | --doc DOC)",
		Short: "Split a name or a document's mentions off an entity into an entity of their own",
		Long: `split undoes a wrong join. --alias NAME takes the articles that call the entity NAME off it
(what resolve or a merge joined under that name becomes an entity of its own again); --doc DOC
takes the entity's mentions in one document (source, IRI or id) off it into a new entity
(ENTITY-IRI--DOCID). The correction is stored with who made it, when and why, and survives
re-ingest. Identity is then recomputed store-wide as resolve does, with every correction applied
after it.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if (alias == "") == (doc == "") {
				return fmt.Errorf("split needs one of --alias NAME or --doc DOC")
			}
			return g.withStore(cmd, false, func(ctx context.Context, st *graph.Store) error {
				env := queries.NewEnv(st.QuadStore())
				e, label, err := entityIRI(ctx, env, strings.Join(args, " "))
				if err != nil {
					return err
				}
				c := graph.Correction{Kind: graph.NGSplitAlias, Entity: e, Alias: alias, By: f.by, Comment: f.note}
				if doc != "" {
					var d graph.DocInfo
					err := withDoc(ctx, doc, func(k string) (err error) {
						d, err = st.FindDocument(ctx, k)
						return err
					})
					if err != nil {
						return err
					}
					c.Kind, c.Doc, c.Alias = graph.NGSplitDocument, d.IRI, ""
				} else if err := checkAlias(ctx, st, e, label, alias); err != nil {
					return err
				}
				return correct(ctx, cmd, st, c)
			})
		},
	}
	cmd.Flags().StringVar(&alias, "alias", "", "split off the articles' entities of this name")
	cmd.Flags().StringVar(&doc, "doc", "", "split off the entity's mentions in this document")
	f.add(cmd)
	return cmd
}

// checkAlias makes sure some article's entity named alias was joined into
// e, so the split has something to take off.
func checkAlias(ctx context.Context, st *graph.Store, e quad.IRI, label, alias string) error {
	joined, err := st.JoinedNames(ctx, e)
	if err != nil {
		return err
	}
	want := strings.ToLower(strings.Join(strings.Fields(alias), " "))
	for _, names := range joined {
		for _, l := range names {
			if strings.ToLower(strings.Join(strings.Fields(l), " ")) == want {
				return nil
			}
		}
	}
	return fmt.Errorf("no article's entity named %q was joined into %s (%s); a name inside one article is split with --doc DOC: %w",
		alias, label, short(e), errNothingToSplit)
}

var errNothingToSplit = errors.New("nothing to split")
