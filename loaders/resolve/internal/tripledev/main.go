// Command tripledev is a development aid for the direct-triple rules
// (resolve's direct.go): it analyses a folder of articles once (cached as
// gob), resolves them, and prints the candidate direct triples — facts
// whose subject is a node and that have an object — with the reasons the
// rules give for keeping them as statements only. With -labels it scores
// each rule against triples judged by hand (lines "ID<TAB>g|b", g good, b
// garbage; judged-dev.tsv holds the two development draws, seeds 101 and
// 102 of all candidates, judged before the rules existed, judged-final.tsv
// the held-out draw, sampletriples seed 2026 of the export):
//
//	go run ./loaders/resolve/internal/tripledev -cache /tmp/wn.gob -all -seed 101 -n 100 ../shared/wikinews
//	go run ./loaders/resolve/internal/tripledev -cache /tmp/wn.gob -labels loaders/resolve/internal/tripledev/judged-dev.tsv ../shared/wikinews
//
// An ID hashes the document, sentence and the triple's labels, so a label
// stays valid as long as the pipeline gives that triple.
package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loaders/analyze"
	"github.com/newsgraph/newsgraph/loaders/document"
	"github.com/newsgraph/newsgraph/loaders/extract"
	"github.com/newsgraph/newsgraph/loaders/nlp"
	"github.com/newsgraph/newsgraph/loaders/resolve"
)

type article struct {
	Source    string
	Published time.Time
	Doc       *nlp.Document
}

type triple struct {
	ID, Doc, Sent, S, R, O string
	Rules                  string // graph.Fact.NoTriple: "" for a direct triple
	Conf                   float64
}

func main() {
	cache := flag.String("cache", "", "gob file of the analysed articles (made when missing)")
	seed := flag.Uint64("seed", 1, "random seed")
	n := flag.Int("n", 100, "how many triples to print")
	labels := flag.String("labels", "", "judged triples (ID<TAB>g|b): score the rules")
	all := flag.Bool("all", false, "draw from all candidates, also those the rules keep as statements")
	verbose := flag.Bool("v", false, "with -labels: list every judged triple that stays direct or that a rule drops although good")
	flag.Parse()
	ts := candidates(load(*cache, flag.Args()))
	dropped := 0
	pop, alone := map[string]int{}, map[string]int{}
	for _, t := range ts {
		if t.Rules == "" {
			continue
		}
		dropped++
		rs := strings.Split(t.Rules, ",")
		for _, r := range rs {
			pop[r]++
		}
		if len(rs) == 1 {
			alone[rs[0]]++
		}
	}
	fmt.Printf("%d candidate triples, %d kept as statements only, %d direct\n", len(ts), dropped, len(ts)-dropped)
	for _, r := range sortedKeys(pop) {
		fmt.Printf("  %-16s %5d triples (%d by it alone)\n", r, pop[r], alone[r])
	}
	if *labels != "" {
		score(ts, *labels, *verbose)
		return
	}
	pool := ts
	if !*all {
		pool = nil
		for _, t := range ts {
			if t.Rules == "" {
				pool = append(pool, t)
			}
		}
	}
	rng := rand.New(rand.NewPCG(*seed, *seed))
	rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	for i, t := range pool[:min(*n, len(pool))] {
		w := ""
		if t.Rules != "" {
			w = "  {" + t.Rules + "}"
		}
		fmt.Printf("%d. %s %s —%s→ %s  (%.2f)%s\n   %s\n\n", i+1, t.ID, t.S, t.R, t.O, t.Conf, w, t.Sent)
	}
}

// candidates resolves the articles and returns every fact that would be a
// direct triple but for the rules, sorted by ID.
func candidates(arts []article) []triple {
	var ts []triple
	for _, a := range arts {
		exts := extract.Document(a.Doc)
		ents, facts := resolve.Article(a.Doc, exts, resolve.Options{Published: a.Published})
		label := map[string]string{}
		for _, e := range ents {
			kind := "entity"
			switch {
			case e.Type == graph.Concept:
				kind = "concept"
			case e.Local:
				kind = "local"
			}
			label[e.Key] = "[" + kind + "] " + e.Name
		}
		for _, f := range facts {
			if f.Subject.Entity == "" || f.Subject.Unresolved || f.Object.Unresolved || f.Object.IsZero() || f.Negated {
				continue
			}
			o := label[f.Object.Entity]
			if f.Object.Entity == "" {
				v := f.Object.Value
				if v == "" {
					v = f.Object.Text
				}
				o = fmt.Sprintf("%q", v)
			}
			t := triple{Doc: a.Source, Sent: a.Doc.Sentences[f.Sentence].Text, S: label[f.Subject.Entity], R: f.Relation, O: o, Rules: f.NoTriple, Conf: f.Confidence}
			h := sha256.Sum256([]byte(fmt.Sprint(a.Source, f.Sentence, t.S, t.R, t.O)))
			t.ID = hex.EncodeToString(h[:6])
			ts = append(ts, t)
		}
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].ID < ts[j].ID })
	return ts
}

// score prints, for each rule, how many judged good and garbage triples it
// keeps as statements only, and the garbage share of what stays direct.
func score(ts []triple, path string, verbose bool) {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	judged := map[string]bool{} // ID → garbage
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) >= 2 && (fs[1] == "g" || fs[1] == "b") {
			judged[fs[0]] = fs[1] == "b"
		}
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
	type count struct{ good, bad int }
	add := func(c *count, bad bool) {
		if bad {
			c.bad++
		} else {
			c.good++
		}
	}
	rules := map[string]*count{}
	var all, kept count
	for _, t := range ts {
		bad, ok := judged[t.ID]
		if !ok {
			continue
		}
		add(&all, bad)
		if t.Rules == "" {
			add(&kept, bad)
			if verbose && bad {
				fmt.Printf("   garbage kept: %s %s —%s→ %s\n      %s\n", t.ID, t.S, t.R, t.O, t.Sent)
			}
			continue
		}
		if verbose && !bad {
			fmt.Printf("   good dropped: %s %s —%s→ %s {%s}\n", t.ID, t.S, t.R, t.O, t.Rules)
		}
		for _, r := range strings.Split(t.Rules, ",") {
			if rules[r] == nil {
				rules[r] = &count{}
			}
			add(rules[r], bad)
		}
	}
	fmt.Printf("judged %d of %d labels found: %d good, %d garbage\n", all.good+all.bad, len(judged), all.good, all.bad)
	for _, r := range sortedKeys(rules) {
		fmt.Printf("  %-16s drops %3d garbage, %3d good\n", r, rules[r].bad, rules[r].good)
	}
	fmt.Printf("kept direct: %d good, %d garbage (%.1f %% garbage)\n", kept.good, kept.bad, 100*float64(kept.bad)/float64(max(1, kept.good+kept.bad)))
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func load(cache string, args []string) []article {
	if cache != "" {
		if f, err := os.Open(cache); err == nil {
			defer f.Close()
			var arts []article
			if err := gob.NewDecoder(bufio.NewReader(f)).Decode(&arts); err != nil {
				log.Fatal(err)
			}
			return arts
		}
	}
	ctx := context.Background()
	p, err := analyze.Default()
	if err != nil {
		log.Fatal(err)
	}
	var arts []article
	for d, err := range document.Documents(ctx, args) {
		if err != nil {
			log.Print(err)
			continue
		}
		text := d.Text
		if d.Headline != "" {
			text = d.Headline + "\n\n" + d.Text
		}
		nd, err := p.Analyze(ctx, text)
		if err != nil {
			log.Fatal(err)
		}
		arts = append(arts, article{Source: d.Source, Published: d.Published, Doc: nd})
	}
	if cache != "" {
		f, err := os.Create(cache)
		if err != nil {
			log.Fatal(err)
		}
		w := bufio.NewWriter(f)
		if err := gob.NewEncoder(w).Encode(arts); err != nil {
			log.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			log.Fatal(err)
		}
		f.Close()
	}
	return arts
}
