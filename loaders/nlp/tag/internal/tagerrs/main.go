// Command tagerrs scores a tagger model on a CoNLL-U file and prints its
// accuracy on words seen and unseen in training and its most frequent XPOS
// confusions:
//
//	go run ./loaders/nlp/tag/internal/tagerrs [-model data/models/tag.bin.gz] [-show NNP>NN]
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"sort"
	"syscall"
	"time"

	"github.com/newsgraph/newsgraph/loaders/nlp"
	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
	"github.com/newsgraph/newsgraph/loaders/nlp/tag"
)

func main() {
	model := flag.String("model", "data/models/tag.bin.gz", "model")
	train := flag.String("train", "data/ud/en_ewt-ud-train.conllu.gz", "training data (for known words)")
	dev := flag.String("dev", "data/ud/en_ewt-ud-dev.conllu.gz", "gold CoNLL-U")
	unk := flag.Bool("unknown", false, "count confusions of unknown words only")
	show := flag.String("show", "", "print the contexts of one confusion, e.g. NNP>NN")
	flag.Parse()
	f, err := os.Open(*model)
	if err != nil {
		log.Fatal(err)
	}
	start, cpu0 := time.Now(), cpuTime()
	t, err := tag.Load(f)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("first load of %s: %s (%s CPU)\n", *model, time.Since(start).Round(time.Microsecond), (cpuTime() - cpu0).Round(time.Microsecond))
	tr, err := conllu.ReadFile(*train)
	if err != nil {
		log.Fatal(err)
	}
	known := map[string]bool{}
	for _, s := range tr {
		for _, k := range s.Tokens {
			known[k.Form] = true
		}
	}
	gold, err := conllu.ReadFile(*dev)
	if err != nil {
		log.Fatal(err)
	}
	conf := map[string]int{}
	var nk, ok, nu, ou int
	for _, g := range gold {
		var s nlp.Sentence
		s.Tokens = append(s.Tokens, g.Tokens...)
		t.Tag(&s)
		for i, p := range s.Tokens {
			gt := g.Tokens[i]
			right := p.XPOS == gt.XPOS
			if known[gt.Form] {
				nk++
				if right {
					ok++
				}
			} else {
				nu++
				if right {
					ou++
				}
			}
			if !right && (!*unk || !known[gt.Form]) {
				conf[gt.XPOS+" -> "+p.XPOS]++
				if *show != "" && *show == gt.XPOS+">"+p.XPOS {
					ctx := ""
					for j := max(0, i-3); j < min(len(s.Tokens), i+4); j++ {
						if j == i {
							ctx += "[" + s.Tokens[j].Form + "] "
						} else {
							ctx += s.Tokens[j].Form + " "
						}
					}
					fmt.Println(known[gt.Form], ctx)
				}
			}
		}
	}
	fmt.Println(tag.Evaluate(t, gold))
	fmt.Printf("known %d %.2f%%  unknown %d %.2f%%\n", nk, 100*float64(ok)/float64(nk), nu, 100*float64(ou)/float64(nu))
	type kv struct {
		k string
		v int
	}
	var l []kv
	for k, v := range conf {
		l = append(l, kv{k, v})
	}
	sort.Slice(l, func(i, j int) bool { return l[i].v > l[j].v })
	for _, e := range l[:min(25, len(l))] {
		fmt.Printf("%5d %s\n", e.v, e.k)
	}
}

// cpuTime returns the CPU time the process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
