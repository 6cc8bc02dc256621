package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestWordnetNames: capitalised words of noun.group synsets, and of
// noun.location / noun.person synsets only when they are instances.
func TestWordnetNames(t *testing.T) {
	data := "  1 This software and database is being provided to you\n" +
		"08294696 14 n 02 Hamas 0 Islamic_Resistance_Movement 0 001 @i 08392137 n 0000 | a militant group\n" +
		"08524735 15 n 01 Kursk 0 001 @i 08524262 n 0000 | a city\n" +
		"08524736 15 n 01 Downtown 0 001 @ 08524262 n 0000 | not an instance\n" +
		"11157064 18 n 02 Lincoln 0 Abraham_Lincoln 0 001 @i 10467395 n 0000 | a president\n" +
		"02084071 05 n 01 Dog 0 001 @ 02083346 n 0000 | an animal file\n" +
		"08294697 14 n 01 committee 0 000 | lower case\n"
	p := filepath.Join(t.TempDir(), "data.noun")
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := wordnetNames(p)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"wnorg\tHamas", "wnorg\tIslamic Resistance Movement", "wnloc\tKursk", "wnper\tLincoln", "wnper\tAbraham Lincoln"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if err := os.WriteFile(p, []byte("08294696 14 n 09 Hamas 0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := wordnetNames(p); err == nil {
		t.Error("a truncated synset line was accepted")
	}
}

// TestWriteList: sorted, de-duplicated, header first; gzip output is
// byte-identical across runs.
func TestWriteList(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.txt.gz"} {
		p := filepath.Join(dir, name)
		if err := writeList(p, "# h\n", []string{"b", "a", "b"}, filepath.Ext(name) == ".gz"); err != nil {
			t.Fatal(err)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "a.txt"))
	if string(b) != "# h\na\nb\n" {
		t.Errorf("got %q", b)
	}
	first, _ := os.ReadFile(filepath.Join(dir, "b.txt.gz"))
	if err := writeList(filepath.Join(dir, "b.txt.gz"), "# h\n", []string{"a", "b"}, true); err != nil {
		t.Fatal(err)
	}
	again, _ := os.ReadFile(filepath.Join(dir, "b.txt.gz"))
	if !slices.Equal(first, again) {
		t.Error("gzip output differs between runs")
	}
}

// TestJSONLists: town names and brand titles with their aliases, trimmed,
// without over-long names; a malformed file names itself in the error.
func TestJSONLists(t *testing.T) {
	dir := t.TempDir()
	cities := filepath.Join(dir, "cities.json")
	icons := filepath.Join(dir, "icons.json")
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(cities, []byte(`[{"name":" Kursk "},{"name":"A B C D E"},{"name":""},{"name":"Noida"}]`), 0o644)
	os.WriteFile(icons, []byte(`[{"title":"Firefox","aliases":{"aka":["Mozilla Firefox"]}},{"title":"Google"}]`), 0o644)
	os.WriteFile(bad, []byte(`{`), 0o644)
	if got, err := townNames(cities); err != nil || !slices.Equal(got, []string{"Kursk", "Noida"}) {
		t.Errorf("townNames = %q, %v", got, err)
	}
	if got, err := brandNames(icons); err != nil || !slices.Equal(got, []string{"Firefox", "Mozilla Firefox", "Google"}) {
		t.Errorf("brandNames = %q, %v", got, err)
	}
	if _, err := townNames(bad); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("malformed file: %v", err)
	}
}
