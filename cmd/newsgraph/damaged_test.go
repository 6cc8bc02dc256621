package main

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// boltPagesOf lists the pages in use in a bolt file by kind, as its newest
// meta page has them: "meta", "freelist", "root" (the root bucket's page),
// "branch", "leaf".
func boltPagesOf(t *testing.T, b []byte) (pageSize int, pages map[string][]int) {
	t.Helper()
	le16, le32, le64 := binary.LittleEndian.Uint16, binary.LittleEndian.Uint32, binary.LittleEndian.Uint64
	pageSize = int(le32(b[16+8:]))
	m := b[16:]
	if le64(b[pageSize+16+48:]) > le64(m[48:]) {
		m = b[pageSize+16:]
	}
	root, free, pgid := int(le64(m[16:])), int(le64(m[32:])), int(le64(m[40:]))
	pages = map[string][]int{"meta": {0, 1}, "freelist": {free}, "root": {root}}
	unused := map[int]bool{}
	for i := range int(le16(b[free*pageSize+10:])) { // pages freed by the last commits
		unused[int(le64(b[free*pageSize+16+8*i:]))] = true
	}
	for id := 2; id < pgid && (id+1)*pageSize <= len(b); id++ {
		if id == root || id == free || unused[id] || int(le64(b[id*pageSize:])) != id {
			continue
		}
		switch le16(b[id*pageSize+8:]) {
		case 0x01:
			pages["branch"] = append(pages["branch"], id)
		case 0x02:
			pages["leaf"] = append(pages["leaf"], id)
		}
	}
	return pageSize, pages
}

// TestDamagedStoreCommands runs every command that reads or writes a store
// on copies of one store, each damaged in one way: truncated, or with bytes
// flipped in a meta page, the free list, the root bucket's page, a branch
// page, or the elements or the data of leaf pages. No command may panic;
// each either says the store is damaged in one line (an error, or a
// warning for a meta page bolt skips) or answers exactly as on the sound
// store (the damage is not on its path). A command that answers
// differently without a word is the failure this test is for.
func TestDamagedStoreCommands(t *testing.T) {
	db, _ := ingestSeed(t)
	orig, err := os.ReadFile(filepath.Join(db, "indexes.bolt"))
	if err != nil {
		t.Fatal(err)
	}
	pageSize, pages := boltPagesOf(t, orig)
	if len(pages["branch"]) == 0 || len(pages["leaf"]) < 3 {
		t.Fatalf("the store has too few pages to damage: %v", pages)
	}
	type damage struct {
		name string
		cut  int   // new length, or 0
		flip []int // offsets of 8 flipped bytes
	}
	le16, le32 := binary.LittleEndian.Uint16, binary.LittleEndian.Uint32
	// leafKey and leafValue are the offsets of the key and the value of
	// page id's middle element.
	leafKey := func(id int) int {
		p := orig[id*pageSize:]
		e := 16 + 16*(int(le16(p[10:]))/2)
		return id*pageSize + e + int(le32(p[e+4:]))
	}
	leafValue := func(id int) int {
		p := orig[id*pageSize:]
		e := 16 + 16*(int(le16(p[10:]))/2)
		return leafKey(id) + int(le32(p[e+8:]))
	}
	leaves := pages["leaf"]
	first, mid, last := leaves[0], leaves[len(leaves)/2], leaves[len(leaves)-1]
	branch := pages["branch"][0]
	cases := []damage{
		{"truncated to half", len(orig) / 2, nil},
		{"truncated after the meta pages", 2*pageSize + 100, nil},
		{"meta page 0", 0, []int{20}},
		{"meta page 1", 0, []int{pageSize + 20}},
		{"both meta pages", 0, []int{20, pageSize + 20}},
		{"free list", 0, []int{pages["freelist"][0]*pageSize + 16}},
		{"root page header", 0, []int{pages["root"][0] * pageSize}},
		{"root page elements", 0, []int{pages["root"][0]*pageSize + 16}},
		{"branch page elements", 0, []int{branch*pageSize + 16 + 8}},
		{"branch page keys", 0, []int{branch*pageSize + 16 + 16*int(le16(orig[branch*pageSize+10:])) + 2}},
	}
	for _, id := range []int{first, mid, last} {
		cases = append(cases,
			damage{fmt.Sprintf("leaf page %d elements", id), 0, []int{id*pageSize + 16}},
			damage{fmt.Sprintf("leaf page %d key", id), 0, []int{leafKey(id)}},
			damage{fmt.Sprintf("leaf page %d value", id), 0, []int{leafValue(id)}})
	}
	commands := [][]string{
		{"stats"}, {"query", "docs"}, {"query", "entities"}, {"query", "facts", "the NIS"},
		{"query", "said", "kirby"}, {"query", "who", "release"}, {"query", "timeline"},
		{"export"}, {"check"}, {"ingest", "../../data/seed/article.txt"},
	}
	clean := map[string]string{}
	for _, c := range commands {
		out, _, err := run(t, append([]string{"--db", db}, c...)...)
		if err != nil {
			t.Fatalf("%s on the sound store: %v", c, err)
		}
		clean[strings.Join(c, " ")] = strings.ReplaceAll(out, db, "DB")
	}
	var answered []string
	for _, d := range cases {
		t.Run(d.name, func(t *testing.T) {
			for _, c := range commands {
				b := append([]byte(nil), orig...)
				if d.cut > 0 {
					b = b[:d.cut]
				}
				for _, off := range d.flip {
					for i := off; i < off+8 && i < len(b); i++ {
						b[i] ^= 0xff
					}
				}
				path := filepath.Join(t.TempDir(), "newsgraph.db")
				os.MkdirAll(path, 0o755)
				if err := os.WriteFile(filepath.Join(path, "indexes.bolt"), b, 0o644); err != nil {
					t.Fatal(err)
				}
				name := strings.Join(c, " ")
				var out, stderr string
				var err error
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Errorf("%s panicked: %v", name, r)
						}
					}()
					out, stderr, err = run(t, append([]string{"--db", path}, c...)...)
				}()
				out = strings.ReplaceAll(out, path, "DB")
				warned := strings.Contains(stderr, "store is damaged")
				switch {
				case warned && !strings.Contains(stderr, "internal error"): // bolt opened on the older meta page
				case err != nil:
					if msg := err.Error(); !strings.Contains(msg, "store is damaged") || strings.Contains(msg, "\n") || strings.Contains(msg, "internal error") {
						t.Errorf("%s: %q; want one line saying the store is damaged", name, msg)
					}
					if c[0] == "check" && strings.TrimSpace(out) == "" {
						t.Errorf("check failed (%v) but listed no problem", err)
					}
				case c[0] == "ingest":
					answered = append(answered, d.name+": "+name)
				case out != clean[name]:
					t.Errorf("%s answered differently from the sound store without saying it is damaged:\n%.600s", name, out)
				default:
					answered = append(answered, d.name+": "+name)
				}
			}
		})
	}
	t.Logf("answered as on the sound store (the damage is not on their path): %d of %d\n%s", len(answered), len(cases)*len(commands), strings.Join(answered, "\n"))
}
