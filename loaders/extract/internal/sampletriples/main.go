// Command sampletriples draws direct triples (SUBJECT rel:LEMMA OBJECT) at
// random, with a fixed seed, from an N-Quads export, and prints each with
// the labels of its nodes and the sentence it came from, for judging by
// hand (docs/extraction.md, "Garbage on held-out news"):
//
//	newsgraph --db /tmp/wn.db ingest ../shared/wikinews
//	newsgraph --db /tmp/wn.db export > /tmp/wn.nq
//	go run ./loaders/extract/internal/sampletriples -n 100 -seed 10 < /tmp/wn.nq
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"os"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/newsgraph/newsgraph/graph"
)

func main() {
	n := flag.Int("n", 100, "how many triples")
	seed := flag.Uint64("seed", 10, "random seed")
	flag.Parse()
	r := nquads.NewReader(bufio.NewReaderSize(os.Stdin, 1<<20), true)
	labels := map[string]string{}
	texts := map[string]string{}
	var triples []quad.Quad
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		p := str(q.Predicate)
		switch {
		case strings.HasPrefix(p, graph.RelNS):
			triples = append(triples, q)
		case p == graph.RDFSLabel:
			labels[str(q.Subject)] = graph.Lexical(q.Object)
		case p == graph.SchemaText:
			texts[str(q.Subject)] = graph.Lexical(q.Object)
		}
	}
	key := func(q quad.Quad) string {
		return str(q.Label) + " " + str(q.Subject) + " " + str(q.Predicate) + " " + str(q.Object)
	}
	sort.Slice(triples, func(i, j int) bool { return key(triples[i]) < key(triples[j]) })
	rng := rand.New(rand.NewPCG(*seed, *seed))
	rng.Shuffle(len(triples), func(i, j int) { triples[i], triples[j] = triples[j], triples[i] })
	name := func(v quad.Value) string {
		if _, ok := v.(quad.IRI); ok {
			s := str(v)
			if l, ok := labels[s]; ok {
				kind := "entity"
				switch {
				case strings.HasPrefix(s, graph.EntityNS+"concept/"):
					kind = "concept"
				case strings.HasPrefix(s, graph.DocNS):
					kind = "local"
				}
				return fmt.Sprintf("[%s] %s", kind, l)
			}
			return s
		}
		return fmt.Sprintf("%q", graph.Lexical(v))
	}
	fmt.Printf("%d direct triples; %d drawn with seed %d\n\n", len(triples), min(*n, len(triples)), *seed)
	for i, q := range triples[:min(*n, len(triples))] {
		rel := strings.TrimPrefix(str(q.Predicate), graph.RelNS)
		fmt.Printf("%d. %s —%s→ %s\n   %s\n\n", i+1, name(q.Subject), rel, name(q.Object), texts[str(q.Label)])
	}
}

// str is an IRI without its brackets, or a literal's lexical form.
func str(v quad.Value) string {
	if iri, ok := v.(quad.IRI); ok {
		return string(iri.Full())
	}
	return graph.Lexical(v)
}
