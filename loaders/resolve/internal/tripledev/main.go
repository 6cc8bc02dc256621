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
	ID, Doc, Sent, S, R, O, Weak, Info string
	Conf                               float64
}

func main() {
	cache := flag.String("cache", "", "gob file of the analysed articles (made when missing)")
	seed := flag.Uint64("seed", 1, "random seed")
	n := flag.Int("n", 100, "how many triples to print")
	labels := flag.String("labels", "", "judged triples (ID<TAB>g|b): score the rules")
	all := flag.Bool("all", false, "draw from all candidates, also those the rules keep as statements")
	flag.Parse()
	arts := load(*cache, flag.Args())
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
			t := triple{Doc: a.Source, Sent: a.Doc.Sentences[f.Sentence].Text, S: label[f.Subject.Entity], R: f.Relation, O: o, Weak: f.NoTriple, Conf: f.Confidence}
			var rs, info []string
			for _, x := range strings.Split(t.Weak, ",") {
				switch {
				case x == "":
				case strings.HasPrefix(x, "?"):
					info = append(info, x)
				default:
					rs = append(rs, x)
				}
			}
			t.Weak, t.Info = strings.Join(rs, ","), strings.Join(info, ",")
			h := sha256.Sum256([]byte(fmt.Sprint(a.Source, f.Sentence, t.S, t.R, t.O)))
			t.ID = hex.EncodeToString(h[:6])
			ts = append(ts, t)
		}
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].ID < ts[j].ID })
	weak := 0
	for _, t := range ts {
		if t.Weak != "" {
			weak++
		}
	}
	fmt.Printf("%d candidate triples, %d kept as statements only, %d direct\n", len(ts), weak, len(ts)-weak)
	pop, alone := map[string]int{}, map[string]int{}
	for _, t := range ts {
		if t.Weak == "" {
			continue
		}
		rs := strings.Split(t.Weak, ",")
		for _, r := range rs {
			pop[r]++
		}
		if len(rs) == 1 {
			alone[rs[0]]++
		}
	}
	var rn []string
	for r := range pop {
		rn = append(rn, r)
	}
	sort.Strings(rn)
	for _, r := range rn {
		fmt.Printf("  %-24s %5d triples (%d by it alone)\n", r, pop[r], alone[r])
	}
	if *labels != "" {
		score(ts, *labels)
		return
	}
	pool := ts
	if !*all {
		pool = nil
		for _, t := range ts {
			if t.Weak == "" {
				pool = append(pool, t)
			}
		}
	}
	rng := rand.New(rand.NewPCG(*seed, *seed))
	rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	for i, t := range pool[:min(*n, len(pool))] {
		w := ""
		if t.Weak != "" {
			w = "  {" + t.Weak + "}"
		}
		fmt.Printf("%d. %s %s —%s→ %s  (%.2f)%s\n   %s\n\n", i+1, t.ID, t.S, t.R, t.O, t.Conf, w, t.Sent)
	}
}

// score prints, for each rule, how many judged good and bad triples it
// keeps as statements only, and the figures of all rules together.
func score(ts []triple, path string) {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	judged := map[string]bool{} // ID → bad
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) >= 2 && (fs[1] == "g" || fs[1] == "b") {
			judged[fs[0]] = fs[1] == "b"
		}
	}
	type cnt struct{ good, bad int }
	rules := map[string]*cnt{}
	var tot, kept, only cnt
	found := 0
	for _, t := range ts {
		bad, ok := judged[t.ID]
		if !ok {
			continue
		}
		if os.Getenv("DUMP") != "" {
			fmt.Fprintf(os.Stderr, "%s\t%v\t%s\t%s\t%s —%s→ %s\n", t.ID, bad, t.Weak, t.Info, t.S, t.R, t.O)
		}
		found++
		c := &tot
		add := func(c *cnt) {
			if bad {
				c.bad++
			} else {
				c.good++
			}
		}
		add(c)
		for _, x := range strings.Split(t.Info, ",") {
			if x == "" {
				continue
			}
			if rules[x] == nil {
				rules[x] = &cnt{}
			}
			add(rules[x])
			if t.Weak == "" {
				if rules[x+"(kept)"] == nil {
					rules[x+"(kept)"] = &cnt{}
				}
				add(rules[x+"(kept)"])
			}
		}
		if t.Weak == "" {
			add(&kept)
			continue
		}
		rs := strings.Split(t.Weak, ",")
		if len(rs) == 1 {
			add(&only)
		}
		for _, r := range rs {
			if rules[r] == nil {
				rules[r] = &cnt{}
			}
			add(rules[r])
		}
	}
	fmt.Printf("judged %d of %d labels found: %d good, %d bad\n", found, len(judged), tot.good, tot.bad)
	var names []string
	for r := range rules {
		names = append(names, r)
	}
	sort.Strings(names)
	for _, r := range names {
		fmt.Printf("  %-24s removes %3d bad, %3d good\n", r, rules[r].bad, rules[r].good)
	}
	fmt.Printf("kept direct: %d good, %d bad (%.1f %% bad); removed by one rule only: %d bad, %d good\n",
		kept.good, kept.bad, 100*float64(kept.bad)/float64(max(1, kept.good+kept.bad)), only.bad, only.good)
	for _, t := range ts {
		if bad, ok := judged[t.ID]; ok && t.Weak != "" && !bad {
			fmt.Printf("   good removed: %s %s —%s→ %s {%s}\n", t.ID, t.S, t.R, t.O, t.Weak)
		}
	}
	for _, t := range ts {
		if bad, ok := judged[t.ID]; ok && bad && (t.Weak == "" || os.Getenv("ALLBAD") != "") {
			fmt.Printf("   bad kept: %s %s —%s→ %s {%s%s} %.2f\n      %s\n", t.ID, t.S, t.R, t.O, t.Weak, t.Info, t.Conf, t.Sent)
		}
	}
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
