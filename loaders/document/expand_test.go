package document

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// tree makes files under a temporary directory and returns it.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const jpeg = "\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"

func TestExpand(t *testing.T) {
	dir := tree(t, map[string]string{
		"b.txt":                "B headline\n\nB body text.",
		"a.html":               "<html><body><p>A page.</p></body></html>",
		"photo.jpg":            jpeg,
		"nested/c.md":          "# C\n\nC body text.",
		"nested/deeper/d.text": "D body text.",
		"nested/NOTES":         "plain notes without an extension",
		"nested/blob":          "\x00\x01\x02binary",
		"nested/data.json":     `{"a": 1}`,
		".hidden/e.txt":        "hidden",
		"nested/.DS_Store":     "\x00\x00\x00\x01Bud1",
		"README.md":            "# About these articles",
	})
	j := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	tests := []struct {
		name     string
		args     []string
		sources  []string
		problems []string // each problem's message starts with one of these, in order
		is       []error
	}{
		{
			name:     "directory: sorted, recursive, binaries and other files reported",
			args:     []string{dir},
			sources:  []string{j("a.html"), j("b.txt"), j("nested/NOTES"), j("nested/c.md"), j("nested/deeper/d.text")},
			problems: []string{j("README.md") + ": not a text or HTML file (a folder's README", j("nested/blob") + ": not a text or HTML file", j("nested/data.json") + ": not a text or HTML file", j("photo.jpg") + ": not a text or HTML file"},
			is:       []error{ErrNotText, ErrNotText, ErrNotText, ErrNotText},
		},
		{
			name:    "files named directly are taken whatever their extension",
			args:    []string{j("photo.jpg"), j("b.txt")},
			sources: []string{j("photo.jpg"), j("b.txt")},
		},
		{
			name:     "glob, stdin, duplicates and a missing path",
			args:     []string{filepath.Join(dir, "*.txt"), "-", j("b.txt"), j("missing.txt"), "-", filepath.Join(dir, "*.nothing")},
			sources:  []string{j("b.txt"), "-"},
			problems: []string{j("missing.txt") + ": no such file or directory", filepath.Join(dir, "*.nothing") + ": no files match"},
			is:       []error{fs.ErrNotExist, fs.ErrNotExist},
		},
		{
			name:     "glob matching a directory walks it",
			args:     []string{filepath.Join(dir, "nest*")},
			sources:  []string{j("nested/NOTES"), j("nested/c.md"), j("nested/deeper/d.text")},
			problems: []string{j("nested/blob") + ":", j("nested/data.json") + ":"},
			is:       []error{ErrNotText, ErrNotText},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sources, problems := Expand(tt.args)
			if !slices.Equal(sources, tt.sources) {
				t.Errorf("sources =\n%q\nwant\n%q", sources, tt.sources)
			}
			if len(problems) != len(tt.problems) {
				t.Fatalf("problems = %v, want %d", problems, len(tt.problems))
			}
			for i, p := range problems {
				if !strings.HasPrefix(p.Error(), tt.problems[i]) || !errors.Is(p, tt.is[i]) {
					t.Errorf("problem %d = %v, want prefix %q wrapping %v", i, p, tt.problems[i], tt.is[i])
				}
			}
		})
	}
}

func TestDocuments(t *testing.T) {
	dir := tree(t, map[string]string{
		"1.txt":     "One\n\nThe first story.",
		"2.txt":     "   \n",
		"3.html":    "<html><head><title>Three</title></head><body><article><p>The third story is a web page with a paragraph of its own text.</p></article></body></html>",
		"photo.jpg": jpeg,
	})
	var got []string
	for d, err := range Documents(context.Background(), []string{dir}) {
		if err != nil {
			got = append(got, "error: "+strings.TrimPrefix(err.Error(), dir+string(filepath.Separator)))
			continue
		}
		got = append(got, d.Headline)
	}
	want := []string{
		"error: photo.jpg: not a text or HTML file",
		"One",
		"error: 2.txt: empty article (only white space)",
		"Three",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}

	// Stopping early stops reading.
	n := 0
	for range Documents(context.Background(), []string{dir}) {
		n++
		break
	}
	if n != 1 {
		t.Errorf("loop ran %d times after break", n)
	}
}

func TestExpandUnreadableDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: directory permissions do not stop reading")
	}
	dir := tree(t, map[string]string{"ok/a.txt": "A", "locked/b.txt": "B"})
	locked := filepath.Join(dir, "locked")
	if err := os.Chmod(locked, 0o000); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(locked, 0o755)
	sources, problems := Expand([]string{dir})
	if !slices.Equal(sources, []string{filepath.Join(dir, "ok", "a.txt")}) {
		t.Errorf("sources = %q", sources)
	}
	if len(problems) != 1 || !errors.Is(problems[0], fs.ErrPermission) || !strings.HasPrefix(problems[0].Error(), locked+": ") {
		t.Errorf("problems = %v, want one permission error naming %s", problems, locked)
	}
}
