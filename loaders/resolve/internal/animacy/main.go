// Command animacy writes loaders/resolve/animacy.tsv, the common nouns whose
// most frequent WordNet 3.0 sense is a person (noun.person) or an animal
// (noun.animal): what the pronoun resolver uses to tell "the couple … they"
// or "the farrier … he" from "the clock … it".
//
// A lemma is listed when it is one lower-case word (letters, inner
// hyphens), the first synset of its index.noun entry (senses are in order
// of frequency) lies in noun.person or noun.animal, and that synset is not
// an instance (WordNet's "@i" pointer: a named person such as "Aaron").
//
// Reproduce (from the repository root):
//
//	apt-get install -y wordnet-base
//	go run ./loaders/resolve/internal/animacy -wordnet /usr/share/wordnet -o loaders/resolve/animacy.tsv
//
// The output is deterministic (sorted).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

func main() {
	dir := flag.String("wordnet", "/usr/share/wordnet", "WordNet 3.0 dictionary folder (index.noun, data.noun)")
	out := flag.String("o", "loaders/resolve/animacy.tsv", "output file")
	flag.Parse()
	if err := run(*dir, *out); err != nil {
		fmt.Fprintln(os.Stderr, "animacy:", err)
		os.Exit(1)
	}
}

// synset is what the list needs of a data.noun line.
type synset struct {
	lexFile  string // "18" noun.person, "05" noun.animal
	instance bool   // has an instance-hypernym pointer: a named individual
}

var word = regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)

func run(dir, out string) error {
	syns := map[string]synset{}
	if err := lines(filepath.Join(dir, "data.noun"), func(f []string) {
		s := synset{lexFile: f[1]}
		for _, w := range f {
			s.instance = s.instance || w == "@i"
		}
		syns[f[0]] = s
	}); err != nil {
		return err
	}
	var rows []string
	if err := lines(filepath.Join(dir, "index.noun"), func(f []string) {
		// lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
		if len(f) < 6 || !word.MatchString(f[0]) {
			return
		}
		var p int
		fmt.Sscan(f[3], &p)
		if 4+p+2 >= len(f) {
			return
		}
		s, ok := syns[f[4+p+2]]
		if !ok || s.instance {
			return
		}
		switch s.lexFile {
		case "18":
			rows = append(rows, f[0]+"\tp")
		case "05":
			rows = append(rows, f[0]+"\ta")
		}
	}); err != nil {
		return err
	}
	if len(rows) == 0 {
		return fmt.Errorf("%s: no person or animal nouns found", dir)
	}
	sort.Strings(rows)
	head := "# Common nouns whose first WordNet 3.0 sense is a person (p) or an animal (a), written by\n" +
		"# go run ./loaders/resolve/internal/animacy (WordNet 3.0 Copyright 2006 by Princeton University; licence in\n" +
		"# data/gazetteer/LICENSE-WordNet.txt).\n"
	return os.WriteFile(out, []byte(head+strings.Join(rows, "\n")+"\n"), 0o644)
}

// lines calls fn with the fields of every line of a WordNet file that is
// not part of its licence header (those start with two spaces).
func lines(path string, fn func([]string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "  ") {
			continue
		}
		fn(strings.Fields(l))
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
