package graph

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// crashChildEnv makes the test binary the ingesting child of
// TestKilledIngestLeavesWholeDocuments: "BACKEND PATH".
const crashChildEnv = "NEWSGRAPH_CRASH_CHILD"

// TestKilledIngestLeavesWholeDocuments kills (SIGKILL) a process in the
// middle of writing articles and checks that the store holds whole
// documents only: its quads are exactly the union of Quads() of the
// documents it lists.
func TestKilledIngestLeavesWholeDocuments(t *testing.T) {
	if spec := os.Getenv(crashChildEnv); spec != "" {
		crashChild(t, spec)
		return
	}
	for _, backend := range []string{BackendBolt, BackendLevelDB} {
		t.Run(backend, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "newsgraph.db")
			cmd := exec.Command(os.Args[0], "-test.run=^TestKilledIngestLeavesWholeDocuments$")
			cmd.Env = append(os.Environ(), crashChildEnv+"="+backend+" "+path)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(out)
			for sc.Scan() && sc.Text() != "wrote 2" { // after the second transaction (1 + 2 articles)
			}
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			cmd.Wait()

			ctx := context.Background()
			s, err := Open(ctx, Options{Backend: backend, Path: path})
			if err != nil {
				t.Fatalf("reopen after kill: %v", err)
			}
			defer s.Close()
			docs, err := s.Documents(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) < 3 {
				t.Fatalf("%d documents after the child reported 3 written", len(docs))
			}
			var want []string
			for _, d := range docs {
				var n int
				if _, err := fmt.Sscanf(d.Source, "synthetic/%d.txt", &n); err != nil {
					t.Fatalf("document %q: %v", d.Source, err)
				}
				qs, _ := Quads(SyntheticArticle(n))
				want = append(want, lines(qs)...)
			}
			sort.Strings(want)
			if got := allQuads(t, s); !equalLines(got, want) {
				t.Fatalf("store after kill is not whole documents (%d quads, %d documents' worth %d):\n%.2000s",
					len(got), len(docs), len(want), diff(got, want))
			}
		})
	}
}

// crashChild writes synthetic articles until killed, one to four per
// transaction (WriteArticles, as ingest batches them).
func crashChild(t *testing.T, spec string) {
	backend, path, _ := strings.Cut(spec, " ")
	ctx := context.Background()
	s, err := Open(ctx, Options{Backend: backend, Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	w := bufio.NewWriter(os.Stdout)
	for i, tx := 0, 0; i < 2000; tx++ {
		var batch []*Article
		for size := 1 + tx%4; len(batch) < size && i < 2000; i++ {
			batch = append(batch, SyntheticArticle(i))
		}
		if _, err := s.WriteArticles(ctx, batch); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(w, "wrote %d\n", i-1)
		w.Flush()
	}
}
