package queries

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
)

func init() {
	register(&Command{Name: "entities", Usage: "entities [--type T]",
		Help: "Entities with their type and mention count (summed over documents), most mentioned first; --type keeps one schema.org class (Person, Organization, Place, Country, City, …).",
		Run:  runEntities})
	register(&Command{Name: "facts", Usage: "facts ENTITY",
		Help: "Every fact with ENTITY as subject or object, negated ones marked NOT, with its sentence.",
		Run:  runFacts})
	register(&Command{Name: "said", Usage: "said ENTITY",
		Help: "Claims and quotes attributed to ENTITY, with the document's date, the fact's own date, who reported the claim when not ENTITY itself, and the sentence.",
		Run:  runSaid})
	register(&Command{Name: "who", Usage: "who RELATION [OBJECT]",
		Help: "Facts whose relation is RELATION (a lemma like capture or hand_over, or a form like captured or \"handed over\"), optionally only those whose object is the entity OBJECT.",
		Run:  runWho})
	register(&Command{Name: "timeline", Usage: "timeline [ENTITY]",
		Help: "Dated facts in date order (the fact's date, else its document's date, marked *), optionally only those about ENTITY.",
		Run:  runTimeline})
	register(&Command{Name: "path", Usage: "path A B",
		Help: fmt.Sprintf("The shortest chain of facts connecting entities A and B (at most %d hops, either direction); names of several words may be quoted or separated by \"to\".", DefaultMaxHops),
		Run:  runPath})
	register(&Command{Name: "source", Usage: "source FACT-ID",
		Help: "Provenance of a fact: its statement details, sentence text and offsets, document.",
		Run:  runSource})
	register(&Command{Name: "docs", Usage: "docs",
		Help: "Documents with date, headline, source and counts of sentences, facts and entities.",
		Run:  runDocs})
	register(&Command{Name: "gizmo", Usage: "gizmo 'g.V(...)...'",
		Help: fmt.Sprintf("Any Gizmo query through Cayley's query session; a table of tags, or JSON lines with --json; at most --limit results (default %d); stopped after --timeout (default %v) or when it takes more than %d MB of memory.", DefaultGizmoLimit, DefaultGizmoTimeout, DefaultGizmoMemory>>20),
		Run:  runGizmo})
}

func usage(c string) error {
	cmd, _ := Lookup(c)
	return fmt.Errorf("%w: %s", ErrUsage, cmd.Usage)
}

// entityArg resolves the positional arguments, joined by spaces, as one
// entity name.
func entityArg(ctx context.Context, env *Env, args []string) (Entity, error) {
	return env.Resolve(ctx, strings.Join(args, " "))
}

// entityCommand parses the arguments of a command that takes one entity
// name (optional unless required) and resolves it.
func entityCommand(ctx context.Context, env *Env, name string, args []string, required bool) (Options, Entity, error) {
	o, pos, err := ParseArgs(env.Options, args)
	if err != nil {
		return o, Entity{}, err
	}
	if len(pos) == 0 {
		if required {
			return o, Entity{}, usage(name)
		}
		return o, Entity{}, nil
	}
	e, err := entityArg(ctx, env, pos)
	return o, e, err
}

func runEntities(ctx context.Context, env *Env, args []string, w io.Writer) error {
	o, pos, err := ParseArgs(env.Options, args)
	if err != nil {
		return err
	}
	if len(pos) == 1 && o.Type == "" {
		o.Type = pos[0]
	} else if len(pos) > 0 {
		return usage("entities")
	}
	rows, err := Entities(ctx, env.QS, o.Type)
	if err != nil {
		return err
	}
	return render(w, o, rows, []string{"LABEL", "TYPE", "MENTIONS", "DOCS", "ALIASES", "IRI"}, func(e Entity) []string {
		return []string{e.Label, e.Type, strconv.Itoa(e.Mentions), strconv.Itoa(e.Docs), strings.Join(e.Aliases, "; "), short(e.IRI)}
	})
}

var factHeader = []string{"ID", "SUBJECT", "RELATION", "OBJECT", "WHEN", "MODALITY", "SAID BY", "CONF", "SENTENCE"}

func factCells(f Fact) []string {
	return []string{f.ID, f.SubjectLabel, relText(f), objText(f), when(f), f.Modality, f.AttributionLabel, conf(f.Confidence), f.Text}
}

func runFacts(ctx context.Context, env *Env, args []string, w io.Writer) error {
	o, e, err := entityCommand(ctx, env, "facts", args, true)
	if err != nil {
		return err
	}
	rows, err := Facts(ctx, env.QS, e.IRI)
	if err != nil {
		return err
	}
	return render(w, o, rows, factHeader, factCells)
}

func runSaid(ctx context.Context, env *Env, args []string, w io.Writer) error {
	o, e, err := entityCommand(ctx, env, "said", args, true)
	if err != nil {
		return err
	}
	rows, err := Said(ctx, env.QS, e.IRI)
	if err != nil {
		return err
	}
	return render(w, o, rows, []string{"PUBLISHED", "WHEN", "ID", "CLAIM", "REPORTED BY", "SENTENCE"}, func(f Fact) []string {
		claim := f.Quote
		if claim == "" {
			claim = strings.TrimSpace(f.SubjectLabel + " " + relText(f) + " " + f.ObjectLabel)
		}
		by := ""
		if f.Attribution != e.IRI {
			by = f.AttributionLabel
		}
		return []string{f.Published, when(f), f.ID, claim, by, f.Text}
	})
}

func runWho(ctx context.Context, env *Env, args []string, w io.Writer) error {
	o, pos, err := ParseArgs(env.Options, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usage("who")
	}
	// The relation is the longest leading run of words that names one
	// ("hand over NIS" → hand_over + NIS); the rest names the object.
	k := 1
	for n := len(pos); n > 1; n-- {
		rels, err := matchRelations(ctx, env.QS, strings.Join(pos[:n], " "), false)
		if err != nil {
			return err
		}
		if len(rels) > 0 {
			k = n
			break
		}
	}
	obj := ""
	if k < len(pos) {
		e, err := entityArg(ctx, env, pos[k:])
		if err != nil {
			return err
		}
		obj = e.IRI
	}
	rows, err := Who(ctx, env.QS, strings.Join(pos[:k], " "), obj)
	if err != nil {
		return err
	}
	return render(w, o, rows, []string{"SUBJECT", "RELATION", "OBJECT", "WHEN", "ID", "SENTENCE"}, func(f Fact) []string {
		return []string{f.SubjectLabel, relText(f), objText(f), when(f), f.ID, f.Text}
	})
}

func runTimeline(ctx context.Context, env *Env, args []string, w io.Writer) error {
	o, e, err := entityCommand(ctx, env, "timeline", args, false)
	if err != nil {
		return err
	}
	rows, err := Timeline(ctx, env.QS, e.IRI)
	if err != nil {
		return err
	}
	return render(w, o, rows, []string{"WHEN", "SUBJECT", "RELATION", "OBJECT", "ID", "SENTENCE"}, func(d Dated) []string {
		return []string{d.When + yes(d.FromDoc, "*"), d.SubjectLabel, relText(d.Fact), objText(d.Fact), d.ID, d.Text}
	})
}

func runPath(ctx context.Context, env *Env, args []string, w io.Writer) error {
	o, pos, err := ParseArgs(env.Options, args)
	if err != nil {
		return err
	}
	from, to, err := pathEnds(ctx, env, pos)
	if err != nil {
		return err
	}
	hops, err := ShortestPath(ctx, env.QS, from.IRI, to.IRI, 0)
	if err != nil {
		return err
	}
	if hops == nil {
		return fmt.Errorf("no chain of at most %d facts connects %s and %s", DefaultMaxHops, from.Label, to.Label)
	}
	n := 0
	return render(w, o, hops, []string{"#", "FROM", "RELATION", "TO", "FACT", "SENTENCE"}, func(h Hop) []string {
		n++
		rel := h.Relation + " →"
		if h.Reverse {
			rel = "← " + h.Relation
		}
		return []string{strconv.Itoa(n), h.FromLabel, rel, h.ToLabel, h.FactID, h.Text}
	})
}

// pathEnds resolves the two entities of path: split at "to" (or "->"),
// or, with exactly two words, one each; otherwise the first split of the
// words where both halves name an entity ("john kirby zelenskiy").
func pathEnds(ctx context.Context, env *Env, pos []string) (Entity, Entity, error) {
	resolve := func(a, b []string) (Entity, Entity, error) {
		if len(a) == 0 || len(b) == 0 {
			return Entity{}, Entity{}, usage("path")
		}
		from, err := entityArg(ctx, env, a)
		if err != nil {
			return from, Entity{}, err
		}
		to, err := entityArg(ctx, env, b)
		return from, to, err
	}
	for i, p := range pos {
		if p == "to" || p == "->" {
			return resolve(pos[:i], pos[i+1:])
		}
	}
	if len(pos) <= 2 {
		return resolve(pos[:min(1, len(pos))], pos[min(1, len(pos)):])
	}
	for i := 1; i < len(pos); i++ {
		if from, to, err := resolve(pos[:i], pos[i:]); err == nil {
			return from, to, nil
		}
	}
	return Entity{}, Entity{}, fmt.Errorf("%w: path A B: no split of %q names two entities; quote the names or put \"to\" between them", ErrUsage, strings.Join(pos, " "))
}

func runSource(ctx context.Context, env *Env, args []string, w io.Writer) error {
	o, pos, err := ParseArgs(env.Options, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usage("source")
	}
	p, err := Source(ctx, env.QS, pos[0])
	if err != nil {
		return err
	}
	if o.JSON {
		return WriteJSON(w, p)
	}
	f, d := p.Fact, p.Doc
	t := Table{Header: []string{"FIELD", "VALUE"}}
	add := func(k, v string) {
		if v != "" {
			t.Rows = append(t.Rows, []string{k, v})
		}
	}
	add("fact", f.ID)
	add("statement", short(f.Statement))
	add("subject", f.SubjectLabel+" "+short(f.Subject))
	add("relation", f.Relation+" ("+f.RelationText+")")
	add("object", strings.TrimSpace(f.ObjectLabel+" "+short(f.Object)))
	for _, a := range f.Args {
		add("argument", strings.TrimSpace(a.Prep+" "+a.Text+" "+short(a.Entity)))
	}
	switch {
	case f.Time != "" && f.Date != "":
		add("time", f.Time+" ("+f.Date+")")
	default:
		add("time", f.Time+f.Date)
	}
	add("place", f.Place)
	add("negated", strconv.FormatBool(f.Negated))
	add("modality", f.Modality)
	add("condition", f.Condition)
	add("attributed to", f.AttributionLabel)
	add("quote", f.Quote)
	add("confidence", conf(f.Confidence))
	add("sentence", fmt.Sprintf("%d, bytes %d–%d", f.SentenceIndex, f.Start, f.End))
	add("text", f.Text)
	add("document", short(d.IRI))
	add("source", d.Source)
	add("headline", d.Headline)
	add("published", d.Published)
	add("publisher", d.Publisher)
	return t.Write(w)
}

func runDocs(ctx context.Context, env *Env, args []string, w io.Writer) error {
	o, pos, err := ParseArgs(env.Options, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usage("docs")
	}
	rows, err := Docs(ctx, env.QS)
	if err != nil {
		return err
	}
	return render(w, o, rows, []string{"PUBLISHED", "HEADLINE", "SOURCE", "SENTENCES", "FACTS", "ENTITIES", "IRI"}, func(d Doc) []string {
		return []string{d.Published, d.Headline, d.Source, strconv.Itoa(d.Sentences), strconv.Itoa(d.Facts), strconv.Itoa(d.Entities), short(d.IRI)}
	})
}

func runGizmo(ctx context.Context, env *Env, args []string, w io.Writer) error {
	o, pos, err := ParseArgs(env.Options, args)
	if err != nil {
		return err
	}
	q := strings.TrimSpace(strings.Join(pos, " "))
	if q == "" {
		return usage("gizmo")
	}
	rs, err := Gizmo(ctx, env.QS, q, GizmoLimits{Timeout: o.Timeout, Results: o.Limit})
	if err != nil {
		return err
	}
	return writeGizmo(w, o, rs)
}
