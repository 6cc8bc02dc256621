package document

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSniffText: valid UTF-8 text is text whatever its first bytes look
// like to a signature table; binary stays refused.
func TestSniffText(t *testing.T) {
	long := strings.Repeat("The carmaker said sales rose in Europe. ", 300) // past sniffLen
	tests := []struct {
		name, content string
		want          string // format, or "" for refused
	}{
		{"bmp signature", "BMW recalls 1.5 million cars over faulty brakes\n\nBMW said on Tuesday it would recall cars.", Text},
		{"gif signature", "GIF89a is an image format, the engineer explained to the court on Monday.", Text},
		{"pdf signature", "%PDF files were leaked, the ministry said.", Text},
		{"zip signature", "PK\x03\x04", ""},
		{"ogg signature", "OggS shop opens its doors", Text},
		{"cut inside a character", "BM" + long[:sniffLen-4] + "é" + long, Text},
		{"real bmp", "BM\x36\x00\x0c\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00", ""},
	}
	for _, tt := range tests {
		got, err := sniff("article", []byte(tt.content))
		if tt.want == "" {
			if err == nil {
				t.Errorf("%s: accepted as %s", tt.name, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: got %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
	// The BBC case end to end: a file without extension in a folder.
	dir := t.TempDir()
	p := filepath.Join(dir, "bmw")
	if err := os.WriteFile(p, []byte("BMW profits jump\n\nBMW said its profits rose by a fifth in the first quarter."), 0o644); err != nil {
		t.Fatal(err)
	}
	srcs, problems := Expand([]string{dir})
	if len(srcs) != 1 || len(problems) != 0 {
		t.Fatalf("Expand = %v, %v", srcs, problems)
	}
	d, err := ReadFile(context.Background(), p)
	if err != nil || d.Headline != "BMW profits jump" {
		t.Fatalf("ReadFile = %+v, %v", d, err)
	}
}

// TestHTMLListItems: list items stay separate paragraphs ("…in Kenya" and
// "He would…" once ran together into "KenyaHe").
func TestHTMLListItems(t *testing.T) {
	d, err := ReadFile(context.Background(), "testdata/list.html")
	if err != nil {
		t.Fatal(err)
	}
	paras := strings.Split(d.Text, "\n\n")
	want := []string{"Three days of talks in Uganda", "A visit to a tea farm in Kenya"}
	for _, w := range want {
		found := false
		for _, p := range paras {
			found = found || p == w
		}
		if !found {
			t.Errorf("no paragraph %q in %q", w, d.Text)
		}
	}
	if strings.Contains(d.Text, "UgandaA") || strings.Contains(d.Text, "KenyaHe") {
		t.Errorf("list items ran together: %q", d.Text)
	}
}

// TestHTMLFallback: when trafilatura's own extractor finds only a teaser,
// its fallbacks find the story (the loader once turned them off).
func TestHTMLFallback(t *testing.T) {
	d, err := ReadFile(context.Background(), "testdata/fallback.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"The regional council voted on Tuesday", "two storage basins", "ready to hold back a flood."} {
		if !strings.Contains(d.Text, w) {
			t.Errorf("text lacks %q: %q", w, d.Text)
		}
	}
}
