// Package datalink links the store's entities to the resources of a
// dataset the user imported (`newsgraph import`, graph.Store.ImportDataset):
// it reads the dataset's resources into link.Items — names from
// rdfs:label, skos:prefLabel/altLabel, schema:name and foaf:name, a type
// from rdf:type (or Place for a resource with coordinates), a country from
// dbo:country, schema:addressCountry or Wikidata's P17 — indexes them in a
// link.MemKB, and scores each entity's label and aliases against it with
// the link stage's scorer (link.Best: name match, type compatibility,
// context, prior; below link.Threshold there is no link). The decided links
// are written as owl:sameAs with their score and features
// (graph.Store.WriteDatasetLinks).
package datalink

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loaders/link"
)

// Name predicates, best first for the label.
var namePreds = []string{
	graph.SKOSNS + "prefLabel",
	graph.RDFSLabel,
	"http://schema.org/name",
	"https://schema.org/name",
	"http://xmlns.com/foaf/0.1/name",
	graph.SKOSAltLabel,
}

// Country predicates: the object is the resource's country.
var countryPreds = map[string]bool{
	"http://dbpedia.org/ontology/country":        true,
	"http://schema.org/addressCountry":           true,
	"https://schema.org/addressCountry":          true,
	"http://www.wikidata.org/prop/direct/P17":    true,
	graph.NGCountry:                              true,
	"http://www.geonames.org/ontology#inCountry": true,
}

const (
	geoLat  = "http://www.w3.org/2003/01/geo/wgs84_pos#lat"
	geoLong = "http://www.w3.org/2003/01/geo/wgs84_pos#long"
	wdtP31  = "http://www.wikidata.org/prop/direct/P31"
)

// typeNames maps class local names (DBpedia, schema.org, FOAF, GeoNames)
// and a few Wikidata classes to our types.
var typeNames = map[string]string{
	"City": link.City, "Town": link.City, "Village": link.City, "Settlement": link.City, "Municipality": link.City,
	"Q515": link.City, "Q1549591": link.City, "Q5119": link.City,
	"Country": link.Country, "Sovereign_state": link.Country, "SovereignState": link.Country,
	"Q6256": link.Country, "Q3624078": link.Country,
	"Place": link.Place, "PopulatedPlace": link.Place, "Location": link.Place, "SpatialThing": link.Place,
	"AdministrativeRegion": link.Place, "Region": link.Place, "State": link.Place, "Feature": link.Place,
	"Person": link.Person, "Q5": link.Person,
	"Organisation": link.Organization, "Organization": link.Organization, "Company": link.Organization,
	"PoliticalParty": link.Organization, "GovernmentAgency": link.Organization, "Q43229": link.Organization,
}

// DatasetPrior is the prior of every resource of an imported dataset: it
// says nothing of how well known a resource is, and the user brought it to
// be linked to, so it is neither a well-known item nor one nobody links to
// (link.Score does not link a place of prior 0 without context).
const DatasetPrior = 0.5

type resource struct {
	names    map[string][]string // predicate → names (English or untagged first)
	types    []string
	country  string
	hasCoord bool
}

// Items reads the resources of dataset g that have a name. shortItems are
// the same resources under the names their qualified names shorten to
// ("Aksu" of "Aksu, Kazakhstan"), which Link accepts only where the
// entity's country is the qualifier: "Florida" alone is not "Florida,
// Uruguay".
func Items(ctx context.Context, st *graph.Store, g quad.IRI) (items, shortItems []link.Item, err error) {
	res := map[string]*resource{}
	get := func(v quad.Value) *resource {
		iri, ok := v.(quad.IRI)
		if !ok {
			return nil
		}
		r := res[string(iri)]
		if r == nil {
			r = &resource{names: map[string][]string{}}
			res[string(iri)] = r
		}
		return r
	}
	err = st.EachDatasetQuad(ctx, g, func(q quad.Quad) error {
		r := get(q.Subject)
		if r == nil {
			return nil
		}
		p := graph.Lexical(q.Predicate)
		switch {
		case p == graph.RDFType || p == wdtP31:
			if t := typeNames[localName(graph.Lexical(q.Object))]; t != "" {
				r.types = append(r.types, t)
			}
		case countryPreds[p]:
			r.country = graph.Lexical(q.Object)
		case p == geoLat || p == geoLong:
			r.hasCoord = true
		default:
			for _, np := range namePreds {
				if p == np {
					name := strings.TrimSpace(graph.Lexical(q.Object))
					if name == "" {
						break
					}
					if l, ok := q.Object.(quad.LangString); ok && l.Lang != "en" && !strings.HasPrefix(l.Lang, "en-") {
						r.names[p+"@other"] = append(r.names[p+"@other"], name)
					} else {
						r.names[p] = append(r.names[p], name)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	// Countries are named by their label, so a country resource of the
	// dataset and a country our graph names meet in the link context.
	label := func(r *resource) string {
		for _, p := range namePreds {
			if ns := r.names[p]; len(ns) > 0 {
				sort.Strings(ns)
				return ns[0]
			}
		}
		for _, p := range namePreds {
			if ns := r.names[p+"@other"]; len(ns) > 0 {
				sort.Strings(ns)
				return ns[0]
			}
		}
		return ""
	}
	ids := make([]string, 0, len(res))
	for id := range res {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		r := res[id]
		lab := label(r)
		if lab == "" || id == string(g) { // the dataset's own description
			continue
		}
		it := link.Item{ID: id, IRI: id, Label: lab, Prior: DatasetPrior}
		seen := map[string]bool{link.Norm(lab): true}
		addName := func(n string) {
			if k := link.Norm(n); k != "" && !seen[k] {
				seen[k] = true
				it.Names = append(it.Names, n)
			}
		}
		for _, p := range namePreds {
			for _, suffix := range []string{"", "@other"} {
				ns := r.names[p+suffix]
				sort.Strings(ns)
				for _, n := range ns {
					addName(n)
				}
			}
		}
		// "Aksu, Kazakhstan", "Raman, Punjab (India)": the name before the
		// qualifier names it only where the context names the qualifier
		// (Link's second KB), and the qualifier hints at the country.
		var shorts []string
		for _, n := range append([]string{lab}, it.Names...) {
			if short, qual, ok := qualified(n); ok {
				if k := link.Norm(short); k != "" && !seen[k] {
					shorts = append(shorts, short)
				}
				if r.country == "" {
					it.Country = "name:" + link.Norm(qual)
				}
			}
		}
		if r.country != "" {
			if c := res[r.country]; c != nil && label(c) != "" {
				it.Country = "name:" + link.Norm(label(c))
			} else {
				it.Country = r.country
			}
		}
		it.Type = pickType(r.types)
		if it.Type == "" && r.hasCoord {
			it.Type = link.Place
		}
		if it.Type == link.Country {
			it.Country = "name:" + link.Norm(lab)
		}
		items = append(items, it)
		if len(shorts) > 0 {
			short := it
			short.Label, short.Names = shorts[0], shorts[1:]
			shortItems = append(shortItems, short)
		}
	}
	return items, shortItems, nil
}

// qualified splits "Aksu, Kazakhstan" and "Raman (India)" into the name
// and its qualifier.
func qualified(n string) (name, qual string, ok bool) {
	if i := strings.Index(n, " ("); i > 0 && strings.HasSuffix(n, ")") {
		name, qual = n[:i], n[i+2:len(n)-1]
		if j := strings.Index(name, ", "); j > 0 {
			name, qual = name[:j], name[j+2:]
		}
		return strings.TrimSpace(name), strings.TrimSpace(qual), true
	}
	if i := strings.LastIndex(n, ", "); i > 0 {
		return strings.TrimSpace(n[:strings.Index(n, ", ")]), strings.TrimSpace(n[i+2:]), true
	}
	return "", "", false
}

func pickType(ts []string) string {
	for _, want := range []string{link.City, link.Country, link.Person, link.Organization, link.Place} {
		for _, t := range ts {
			if t == want {
				return t
			}
		}
	}
	return ""
}

func localName(iri string) string {
	if i := strings.LastIndexAny(iri, "/#:"); i >= 0 {
		return iri[i+1:]
	}
	return iri
}

// Result says what Link did.
type Result struct {
	Dataset  graph.Dataset
	Items    int // resources with a name
	Entities int // our entities tried
	Links    int // links written
	Added    int // quads added
	Removed  int // quads removed (links of an earlier run that no longer hold)
}

// Link links every stored entity to the resources of the dataset named
// (source path, graph IRI or file name; see graph.Store.FindDataset) and
// replaces the dataset's links with the result; re-running it is safe.
func Link(ctx context.Context, st *graph.Store, dataset string) (Result, []graph.DatasetLink, error) {
	d, err := st.FindDataset(ctx, dataset)
	if err != nil {
		return Result{}, nil, err
	}
	res := Result{Dataset: d}
	items, shortItems, err := Items(ctx, st, d.IRI)
	if err != nil {
		return res, nil, fmt.Errorf("%s: %w", dataset, err)
	}
	res.Items = len(items)
	kb, shortKB := link.NewMemKB(items), link.NewMemKB(shortItems)
	defer kb.Close()
	defer shortKB.Close()
	ents, err := st.Entities(ctx)
	if err != nil {
		return res, nil, err
	}
	countryLabel := map[quad.IRI]string{}
	var links []graph.DatasetLink
	for _, e := range ents {
		if strings.HasPrefix(string(e.IRI), graph.EntityNS+"thing/") || e.Label == "" {
			continue // common nouns are not linked
		}
		res.Entities++
		lc := &link.Context{}
		if e.Country != "" {
			cl, ok := countryLabel[e.Country]
			if !ok {
				if cl, err = st.Label(ctx, e.Country); err != nil {
					return res, nil, err
				}
				countryLabel[e.Country] = cl
			}
			if cl != "" {
				lc.Countries = map[string]bool{"name:" + link.Norm(cl): true}
				lc.Linked = map[string]bool{}
			}
		}
		typ := pickType(e.Types)
		if typ == "" && len(e.Types) > 0 {
			typ = e.Types[0]
		}
		var best link.Decision
		found := false
		for _, name := range append([]string{e.Label}, e.Aliases...) {
			cands, err := kb.Candidates(ctx, name)
			if err != nil {
				return res, nil, err
			}
			d, ok := link.Best(link.Mention{Name: name, Type: typ}, cands, lc)
			if ok && (!found || d.Score > best.Score) {
				best, found = d, true
			}
		}
		if !found && len(lc.Countries) > 0 {
			for _, name := range append([]string{e.Label}, e.Aliases...) {
				cands, err := shortKB.Candidates(ctx, name)
				if err != nil {
					return res, nil, err
				}
				d, ok := link.Best(link.Mention{Name: name, Type: typ}, cands, lc)
				if ok && d.Features.Context == 1 && (!found || d.Score > best.Score) {
					best, found = d, true
				}
			}
		}
		if found {
			links = append(links, graph.DatasetLink{Entity: e.IRI, Target: quad.IRI(best.Item.IRI), Score: best.Score, Features: best.Features.String()})
		}
	}
	res.Links = len(links)
	if res.Added, res.Removed, err = st.WriteDatasetLinks(ctx, d.IRI, links); err != nil {
		return res, links, err
	}
	return res, links, nil
}
