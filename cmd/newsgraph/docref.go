package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loaders/document"
)

// scheme matches the start of a URL, an IRI or a stdin source ("stdin:…").
var scheme = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

// docKeys lists what a document named on the command line may be stored
// under, most likely first: the name as given (a source, URL, IRI or id
// prefix), the absolute path of a relative path, and the source reading the
// file gives (an HTML page's canonical URL). Ingest stores a file under its
// absolute path, so "remove data/seed/article.txt" finds it from the folder
// it was ingested from.
func docKeys(ctx context.Context, name string) []string {
	keys := []string{name}
	add := func(k string) {
		for _, have := range keys {
			if have == k {
				return
			}
		}
		keys = append(keys, k)
	}
	if scheme.MatchString(name) {
		return keys
	}
	if abs, err := filepath.Abs(name); err == nil {
		add(abs)
	}
	if info, err := os.Stat(name); err == nil && info.Mode().IsRegular() {
		if d, err := document.ReadFile(ctx, name); err == nil {
			add(d.Source)
		}
	}
	return keys
}

// withDoc calls fn with each key docKeys gives for name until one is found
// in the store; the error for the name as given is kept when none is.
func withDoc(ctx context.Context, name string, fn func(key string) error) error {
	var first error
	for i, k := range docKeys(ctx, name) {
		err := fn(k)
		if err == nil || !errors.Is(err, graph.ErrNotFound) {
			return err
		}
		if i == 0 {
			first = err
		}
	}
	if info, err := os.Stat(name); err == nil && info.Mode().IsRegular() {
		// A file stored under a URL (--url, --index) is found by that URL.
		return fmt.Errorf("%w (a document read with --url or --index is stored under its URL: see query docs)", first)
	}
	return first
}
