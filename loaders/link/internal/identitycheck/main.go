// Command identitycheck measures cross-article identity on a store: for
// each of the 20 real-world entities the Wikinews sample mentions in the
// most documents, how many entity nodes (IRIs) carry one of its names as
// their label. The ideal is 1.0 per entity. Read docs/linking.md; run
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
// with the names that refer to them.
var entities = []struct {
	name  string
	forms []string
}{
	{"United States", []string{"United States", "US", "U.S.", "USA", "U.S.A.", "America", "United States of America"}},
	{"Donald Trump", []string{"Donald Trump", "Trump", "Donald J. Trump", "President Trump", "President Donald Trump"}},
	{"Wikinews", []string{"Wikinews"}},
	{"Twitter", []string{"Twitter"}},
	{"COVID-19", []string{"COVID", "COVID-19", "Covid-19", "Covid"}},
	{"California", []string{"California"}},
	{"United Kingdom", []string{"United Kingdom", "UK", "U.K.", "Britain", "Great Britain"}},
	{"Joe Biden", []string{"Joe Biden", "Biden", "Joseph Biden", "Joseph R. Biden", "Joseph R. Biden Jr."}},
	{"Democratic Party", []string{"Democratic Party"}},
	{"United States Congress", []string{"Congress", "United States Congress", "U.S. Congress", "US Congress"}},
	{"Florida", []string{"Florida"}},
	{"New York City", []string{"New York City", "NYC", "New York"}}, // our KB reads "New York" as the city
	{"United States Senate", []string{"Senate", "United States Senate", "U.S. Senate", "US Senate"}},
	{"China", []string{"China", "People's Republic of China", "PRC"}},
	{"Iran", []string{"Iran", "Islamic Republic of Iran"}},
	{"London", []string{"London"}},
	{"Supreme Court of the United States", []string{"Supreme Court", "U.S. Supreme Court", "US Supreme Court", "United States Supreme Court"}},
	{"Barack Obama", []string{"Barack Obama", "Obama", "President Obama"}},
	{"India", []string{"India"}},
	{"European Union", []string{"European Union", "EU", "E.U."}},
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
	total := 0
	fmt.Printf("%-36s %5s  %s\n", "ENTITY", "IRIS", "NODES (label, docs)")
	for _, e := range entities {
		forms := map[string]bool{}
		for _, f := range e.forms {
			forms[link.Norm(f)] = true
		}
		var nodes []string
		for _, n := range ents {
			if forms[link.Norm(n.Label)] {
				nodes = append(nodes, fmt.Sprintf("%s (%q, %d)", strings.TrimPrefix(n.IRI, "https://newsgraph.dev/id/"), n.Label, n.Docs))
			}
		}
		sort.Strings(nodes)
		total += len(nodes)
		fmt.Printf("%-36s %5d  %s\n", e.name, len(nodes), strings.Join(nodes, "; "))
	}
	fmt.Printf("IRIs per entity: %.2f (%d IRIs for %d entities)\n", float64(total)/float64(len(entities)), total, len(entities))
}
