package document

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"
)

// Expand turns command-line arguments — files, directories, glob patterns,
// http(s) URLs and "-" for standard input — into the ordered list of
// sources to read. Directories are walked recursively in sorted order,
// taking files with a text or HTML extension (.txt, .text, .md, .markdown,
// .html, .htm, .xhtml), files of many articles (.jsonl, .ndjson, .rss,
// .atom, .xml, .warc, .warc.gz; see Items) and files without an extension
// whose content sniffs as text; entries whose names start with "." are
// passed over. A file named directly is always
// taken: reading decides whether it is text.
//
// Problems found while expanding — a missing path, an unreadable directory,
// a pattern matching nothing, a file in a directory that is not text — come
// back as problems, one per source, and do not stop the rest.
func Expand(args []string) (sources []string, problems []error) {
	seen := make(map[string]bool)
	add := func(s string) {
		key := s
		if s != Stdin && !isURL(s) {
			if abs, err := filepath.Abs(s); err == nil {
				key = abs
			}
		}
		if !seen[key] {
			seen[key] = true
			sources = append(sources, s)
		}
	}
	for _, arg := range args {
		if arg == Stdin || isURL(arg) {
			add(arg)
			continue
		}
		paths := []string{arg}
		if _, err := os.Lstat(arg); err != nil && hasMeta(arg) {
			matches, gerr := filepath.Glob(arg)
			if gerr != nil {
				problems = append(problems, fmt.Errorf("%s: bad pattern: %w", quoteName(arg), gerr))
				continue
			}
			if len(matches) == 0 {
				problems = append(problems, fmt.Errorf("%s: no files match the pattern: %w", quoteName(arg), fs.ErrNotExist))
				continue
			}
			paths = matches // sorted by filepath.Glob
		}
		for _, p := range paths {
			info, err := os.Stat(p)
			if err != nil {
				problems = append(problems, pathError(p, err))
				continue
			}
			if !info.IsDir() {
				add(p)
				continue
			}
			walkDir(p, add, &problems)
		}
	}
	return sources, problems
}

// hasMeta reports whether path holds glob metacharacters.
func hasMeta(path string) bool {
	return strings.ContainsAny(path, `*?[`)
}

// walkDir adds the article files under dir, in sorted order.
func walkDir(dir string, add func(string), problems *[]error) {
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			*problems = append(*problems, pathError(p, err))
			if e != nil && e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != dir && strings.HasPrefix(e.Name(), ".") {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if e.IsDir() {
			return nil
		}
		if !e.Type().IsRegular() {
			if e.Type()&fs.ModeSymlink == 0 {
				*problems = append(*problems, notRegular(p, e.Type()))
				return nil
			}
			if info, err := os.Stat(p); err == nil && !info.Mode().IsRegular() {
				*problems = append(*problems, notRegular(p, info.Mode()))
				return nil
			} else if err != nil { // dangling, a loop, unreadable
				*problems = append(*problems, pathError(p, err))
				return nil
			}
		}
		ext := strings.ToLower(filepath.Ext(p))
		switch {
		case isProjectFile(e.Name()):
			*problems = append(*problems, fmt.Errorf("%s: %w (a folder's %s, not an article)", quoteName(p), ErrNotText, strings.TrimSuffix(e.Name(), filepath.Ext(e.Name()))))
		case textExts[ext] || htmlExts[ext] || isContainer(p):
			add(p)
		case ext == "":
			if err := sniffFile(p); err != nil {
				*problems = append(*problems, err)
				return nil
			}
			add(p)
		default:
			*problems = append(*problems, fmt.Errorf("%s: %w", quoteName(p), ErrNotText))
		}
		return nil
	})
	if err != nil {
		*problems = append(*problems, pathError(dir, err))
	}
}

// projectFiles are the names (without extension, upper case) of the files
// that describe a folder rather than belong to it: README.md beside a
// folder of articles is not an article.
var projectFiles = map[string]bool{"README": true, "LICENSE": true, "LICENCE": true, "COPYING": true,
	"CHANGELOG": true, "CONTRIBUTING": true, "NOTICE": true, "AUTHORS": true}

func isProjectFile(name string) bool {
	return projectFiles[strings.ToUpper(strings.TrimSuffix(name, filepath.Ext(name)))]
}

// sniffFile checks that the file at p starts like text or HTML.
func sniffFile(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return pathError(p, err)
	}
	defer f.Close()
	buf := make([]byte, sniffLen)
	n, err := f.Read(buf)
	if err != nil && n == 0 && !errors.Is(err, io.EOF) {
		return pathError(p, err)
	}
	if _, err := sniff(p, buf[:n]); err != nil {
		return fmt.Errorf("%s: %w", quoteName(p), err)
	}
	return nil
}

// Documents expands args as Expand does and reads each source in turn with
// the default Options, yielding the document or the error for each; the
// problems Expand found come first. Iteration stops early when ctx is done.
func Documents(ctx context.Context, args []string) iter.Seq2[*Document, error] {
	return Options{}.Documents(ctx, args)
}

// Documents expands args as Items does and reads each item in turn,
// yielding the document or the error for each; the problems found while
// expanding come first. Iteration stops early when ctx is done.
func (o Options) Documents(ctx context.Context, args []string) iter.Seq2[*Document, error] {
	return func(yield func(*Document, error) bool) {
		items, problems := o.Items(ctx, args)
		for _, p := range problems {
			if !yield(nil, p) {
				return
			}
		}
		for _, it := range items {
			if err := ctx.Err(); err != nil {
				yield(nil, err)
				return
			}
			if !yield(it.Read(ctx, o)) {
				return
			}
		}
	}
}
