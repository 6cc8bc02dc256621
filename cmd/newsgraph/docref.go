package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loaders/document"
)

// scheme matches the start of a URL, an IRI or a stdin source ("stdin:…").
var scheme = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

// docKeys lists what a document named on the command line may be found by,
// most likely first: the name as given (a source, URL, IRI, id prefix or
// absolute path) and the absolute path of a relative path. The store finds
// a file's document by its path whether it is stored under that path or,
// read with --url or --index or naming a canonical URL, under a URL
// (ng:path); so "remove data/seed/article.txt" finds it from the folder it
// was ingested from.
func docKeys(name string) []string {
	keys := []string{name}
	if scheme.MatchString(name) {
		return keys
	}
	if abs, err := filepath.Abs(name); err == nil && abs != name {
		keys = append(keys, abs)
	}
	return keys
}

// withDoc calls fn with each key docKeys gives for name until one is found
// in the store; the error for the name as given is kept when none is. A
// store written before documents kept their file's path (ng:path) finds a
// file stored under its canonical URL by reading the file again.
func withDoc(ctx context.Context, name string, fn func(key string) error) error {
	var first error
	keys := docKeys(name)
	for i := 0; i < len(keys); i++ {
		err := fn(keys[i])
		if err == nil || !errors.Is(err, graph.ErrNotFound) {
			return err
		}
		if i == 0 {
			first = err
		}
		if i == len(keys)-1 && !scheme.MatchString(name) {
			if info, serr := os.Stat(name); serr == nil && info.Mode().IsRegular() {
				if d, rerr := document.ReadFile(ctx, name); rerr == nil && !slices.Contains(keys, d.Source) {
					keys = append(keys, d.Source)
				}
			}
		}
	}
	return first
}
