package queries

import (
	"context"
	"io"
	"sort"
	"strconv"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph"
)

func init() {
	register(&Command{Name: "links", Usage: "links [ENTITY]",
		Help: "Links of entities to Wikidata, DBpedia and imported datasets (owl:sameAs), with the score and the features each was decided on (name match, type compatibility, context, prior), the knowledge base and the document; only ENTITY's when given.",
		Run:  runLinks})
}

// Link is one decided owl:sameAs of an entity (an ng:Link statement).
type Link struct {
	Entity   string  `json:"entity"` // IRI
	Label    string  `json:"label"`
	Target   string  `json:"target"`
	Score    float64 `json:"score"`
	Features string  `json:"features"`
	KB       string  `json:"kb"`
	Doc      string  `json:"doc"` // the document (or dataset link graph) that decided it
}

// Links lists the link statements of the entity with IRI entity, or of
// every entity when entity is "", by entity label, then score (highest
// first), then target.
func Links(ctx context.Context, qs cgraph.QuadStore, entity string) ([]Link, error) {
	var p *path.Path
	if entity != "" {
		p = path.StartPath(qs, quad.IRI(entity)).In(quad.IRI(graph.RDFSubject)).Has(quad.IRI(graph.RDFType), quad.IRI(graph.NGLink))
	} else {
		p = path.StartPath(qs, quad.IRI(graph.NGLink)).In(quad.IRI(graph.RDFType))
	}
	stmts, err := nodes(ctx, qs, p)
	if err != nil {
		return nil, err
	}
	labels := map[string]string{}
	var out []Link
	for _, st := range stmts {
		m, err := readNode(ctx, qs, st)
		if err != nil {
			return nil, err
		}
		l := Link{Entity: m.first(graph.RDFSubject), Target: m.first(graph.RDFObject), Score: atof(m.first(graph.NGScore)),
			Features: m.first(graph.NGLinkFeatures), KB: m.first(graph.NGKB), Doc: m.first(graph.ProvDerivedFrom)}
		if l.Entity == "" {
			continue
		}
		lab, ok := labels[l.Entity]
		if !ok {
			em, err := readNode(ctx, qs, quad.IRI(l.Entity))
			if err != nil {
				return nil, err
			}
			lab = em.first(graph.RDFSLabel)
			labels[l.Entity] = lab
		}
		l.Label = lab
		out = append(out, l)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Label != b.Label {
			return a.Label < b.Label
		}
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.Target != b.Target {
			return a.Target < b.Target
		}
		return a.Doc < b.Doc
	})
	return out, nil
}

func runLinks(ctx context.Context, env *Env, args []string, w io.Writer) error {
	o, ent, err := entityCommand(ctx, env, "links", args, false)
	if err != nil {
		return err
	}
	rows, err := Links(ctx, env.QS, ent.IRI)
	if err != nil {
		return err
	}
	return render(w, o, rows, []string{"ENTITY", "SAME AS", "SCORE", "DECIDED ON", "KB", "DOCUMENT"}, func(l Link) []string {
		return []string{l.Label + " " + short(l.Entity), short(l.Target), strconv.FormatFloat(l.Score, 'f', 3, 64), l.Features, l.KB, short(l.Doc)}
	})
}
