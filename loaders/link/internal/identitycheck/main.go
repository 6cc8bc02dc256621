// Command identitycheck measures cross-article identity on a store: for
// each of the 20 real-world entities the Wikinews sample mentions in the
// most documents, how many entity nodes (IRIs) are that entity: its
// Wikidata node, and every node whose label is one of its names, also
// behind titles ("U.S. President Trump"). A node is counted unless it was
// checked by hand to be another entity of the same name (others), or is a
// group where the entity is a person ("Biden and Harris"). The
// ideal is 1.0 per entity. Read docs/linking.md; run
//
//	newsgraph --db wn.db query entities --json | go run ./loaders/link/internal/identitycheck
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/loaders/link"
)

// entities are the 20 entities of ../shared/wikinews named in the most
// documents (titles, dates and noise such as "WN" and "UTC" left out),
// with the names that refer to them and, for those the bundled knowledge
// base holds, the Wikidata item: its node (id:wd/QID) is the entity
// whatever label it shows.
var entities = []struct {
	name  string
	forms []string
	qid   string
}{
	{"United States", []string{"United States", "US", "U.S.", "USA", "U.S.A.", "America", "United States of America"}, "Q30"},
	{"Donald Trump", []string{"Donald Trump", "Trump", "Donald J. Trump", "President Trump", "President Donald Trump"}, ""},
	{"Wikinews", []string{"Wikinews"}, ""},
	{"Twitter", []string{"Twitter"}, ""},
	{"COVID-19", []string{"COVID", "COVID-19", "Covid-19", "Covid"}, ""},
	{"California", []string{"California"}, ""},
	{"United Kingdom", []string{"United Kingdom", "UK", "U.K.", "Britain", "Great Britain"}, "Q145"},
	{"Joe Biden", []string{"Joe Biden", "Biden", "Joseph Biden", "Joseph R. Biden", "Joseph R. Biden Jr."}, ""},
	{"Democratic Party", []string{"Democratic Party"}, ""},
	{"United States Congress", []string{"Congress", "United States Congress", "U.S. Congress", "US Congress"}, ""},
	{"Florida", []string{"Florida"}, ""},
	{"New York City", []string{"New York City", "NYC", "New York"}, "Q60"}, // our KB reads "New York" as the city
	{"United States Senate", []string{"Senate", "United States Senate", "U.S. Senate", "US Senate"}, ""},
	{"China", []string{"China", "People's Republic of China", "PRC"}, "Q148"},
	{"Iran", []string{"Iran", "Islamic Republic of Iran"}, "Q794"},
	{"London", []string{"London"}, "Q84"},
	{"Supreme Court of the United States", []string{"Supreme Court", "U.S. Supreme Court", "US Supreme Court", "United States Supreme Court"}, ""},
	{"Barack Obama", []string{"Barack Obama", "Obama", "President Obama"}, ""},
	{"India", []string{"India"}, "Q668"},
	{"European Union", []string{"European Union", "EU", "E.U."}, "Q458"},
}

// persons are the entities of the 20 that are people.
var persons = map[string]bool{"Donald Trump": true, "Joe Biden": true, "Barack Obama": true}

// others are article-local nodes (doc/ID/e/…, the IRIs of unlinked
// generic names such as "Senate") that carry a name of one of the 20 but
// were checked by hand, reading the article, to be another real-world
// entity: they are listed, not counted. Keyed by the document's id and
// the node's label. A document's id hashes its source path, so these are
// the ids of the folder ingested as /work/shared/wikinews (the measured
// store); from another place, the hand-checked nodes are counted.
var others = map[[2]string]string{
	{"6f22b857f9c51964", "Congress"}:      "Argentina's National Congress",
	{"9860941b55e55800", "Congress"}:      "the Congress of the Philippines",
	{"9860941b55e55800", "Senate"}:        "the Senate of the Philippines",
	{"cab9c8a45e856727", "Congress"}:      "the Indian National Congress (a party)",
	{"b6767ed773e9d466", "Senate"}:        "the Puerto Rico Senate",
	{"37f4b99c6d2d9112", "Supreme Court"}: "the Supreme Court of the United Kingdom",
	{"5906ecc4c0993092", "Supreme Court"}: "the Supreme Court of the United Kingdom",
	{"b6767ed773e9d466", "Supreme Court"}: "the Supreme Court of Puerto Rico",
	{"7529143f645d4dc3", "Supreme Court"}: "Austria's Supreme Court of Justice",
}

type entity struct {
	IRI      string   `json:"iri"`
	Label    string   `json:"label"`
	Type     string   `json:"type"`
	Aliases  []string `json:"aliases"`
	Mentions int      `json:"mentions"`
	Docs     int      `json:"docs"`
}

func main() {
	var ents []entity
	if err := json.NewDecoder(os.Stdin).Decode(&ents); err != nil {
		fmt.Fprintln(os.Stderr, "identitycheck: stdin is not `newsgraph query entities --json`:", err)
		os.Exit(1)
	}
	total, missing := 0, 0
	var excluded []string
	fmt.Printf("%-36s %5s  %s\n", "ENTITY", "IRIS", "NODES (label, docs)")
	for _, e := range entities {
		forms := map[string]bool{}
		for _, f := range e.forms {
			forms[link.Norm(f)] = true
		}
		var nodes []string
		for _, n := range ents {
			qid := strings.TrimPrefix(n.IRI, "https://newsgraph.dev/id/wd/")
			if !(forms[link.Norm(n.Label)] || forms[strip(n.Label)] || e.qid != "" && qid == e.qid) {
				continue
			}
			if persons[e.name] && n.Type == "Group" {
				// "Biden and Harris": a group named after its first member
				// is not the person.
				excluded = append(excluded, fmt.Sprintf("%s (%q, a Group: %s)", e.name, n.Label, n.IRI))
				continue
			}
			if doc, _, ok := strings.Cut(strings.TrimPrefix(n.IRI, "https://newsgraph.dev/doc/"), "/e/"); ok && others[[2]string{doc, n.Label}] != "" {
				excluded = append(excluded, fmt.Sprintf("%s (%q in %s): %s", e.name, n.Label, doc, others[[2]string{doc, n.Label}]))
				continue
			}
			nodes = append(nodes, fmt.Sprintf("%s (%q, %d)", strings.TrimPrefix(n.IRI, "https://newsgraph.dev/id/"), n.Label, n.Docs))
		}
		sort.Strings(nodes)
		total += len(nodes)
		if len(nodes) == 0 {
			missing++
		}
		fmt.Printf("%-36s %5d  %s\n", e.name, len(nodes), strings.Join(nodes, "; "))
	}
	for _, x := range excluded {
		fmt.Println("not counted, another entity:", x)
	}
	if missing > 0 {
		fmt.Printf("%d of the entities have no node at all: the figure below is not comparable\n", missing)
	}
	fmt.Printf("IRIs per entity: %.2f (%d IRIs for %d entities)\n", float64(total)/float64(len(entities)), total, len(entities))
}

// titles are the words a label may carry before the name proper: "U.S.
// President Trump", "Democratic candidate Joe Biden", "British capital
// London" are nodes of Trump, Biden and London all the same.
var titles = map[string]bool{
	"us": true, "united": true, "states": true, "american": true, "british": true, "president": true,
	"former": true, "vice": true, "incumbent": true, "senator": true, "sen": true, "rep": true,
	"representative": true, "governor": true, "gov": true, "then": true, "presidential": true,
	"candidate": true, "democratic": true, "republican": true, "nominee": true, "mr": true, "mrs": true,
	"ms": true, "dr": true, "capital": true,
}

// strip is link.Norm of a label without its leading title words ("" when
// nothing but titles is left).
func strip(label string) string {
	w := strings.Fields(link.Norm(label))
	for len(w) > 0 && titles[w[0]] {
		w = w[1:]
	}
	return strings.Join(w, " ")
}
