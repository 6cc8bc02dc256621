package main

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// postgresEnv names the DSN of a scratch PostgreSQL database (see .ci/run).
const postgresEnv = "NEWSGRAPH_TEST_POSTGRES"

// shardArticles are small articles that share entities, so that concurrent
// writers meet on the same nodes.
var shardArticles = []string{
	"Zelenskiy meets Kirby\n\nUkrainian President Volodymyr Zelenskiy met White House spokesman John Kirby in Kyiv on Monday. Zelenskiy said Ukraine needed more air defence.",
	"Kirby praises Kyiv\n\nJohn Kirby said on Tuesday that Ukraine had defended Kyiv well. Kirby told reporters that Russia would fail.",
	"Seoul confirms capture\n\nSouth Korea's National Intelligence Service said Ukraine captured two North Korean soldiers. The NIS said the soldiers were wounded.",
	"Kim Jong Un silent\n\nNorth Korean leader Kim Jong Un did not comment on the soldiers. Pyongyang sent troops to Russia last year, Seoul said.",
	"Moscow rejects claims\n\nThe Kremlin said on Wednesday that Russia had not used North Korean troops. Moscow accused Kyiv of lying.",
	"Zelenskiy offers swap\n\nZelenskiy said he was ready to hand over the North Korean soldiers to Kim Jong Un. Ukraine wants its own soldiers back from Russia.",
	"Aid arrives in Kyiv\n\nThe United Nations delivered food to Kyiv on Thursday. UN officials said more convoys would follow.",
	"Kirby on sanctions\n\nJohn Kirby said the United States would impose new sanctions on Russia. Washington announced the measures on Friday.",
}

// postgresDSN returns a DSN for a database of this test's own (created on
// the server NEWSGRAPH_TEST_POSTGRES names, so that the graph package's
// tests, which drop their tables, can run at the same time), or skips.
func postgresDSN(t *testing.T, name string) string {
	t.Helper()
	dsn := os.Getenv(postgresEnv)
	if dsn == "" {
		t.Skipf("%s is not set (a DSN like postgres://postgres:pw@127.0.0.1:5432/newsgraph_test?sslmode=disable)", postgresEnv)
	}
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var exists bool
	if err := db.QueryRow(`SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		t.Fatalf("postgres: %v", err)
	}
	if !exists {
		if _, err := db.Exec(`CREATE DATABASE ` + name); err != nil {
			t.Fatalf("postgres: create database %s: %v", name, err)
		}
	}
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// dropTables empties the store in the database dsn names.
func dropTables(t *testing.T, dsn string) {
	t.Helper()
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DROP TABLE IF EXISTS quads, nodes CASCADE`); err != nil {
		t.Fatalf("reset postgres: %v", err)
	}
}

// TestConcurrentIngestPostgres: several ingest processes, each with its
// --shard of the same inputs, writing into one PostgreSQL store at once,
// leave the same graph as one process ingesting everything.
func TestConcurrentIngestPostgres(t *testing.T) {
	dsn := postgresDSN(t, "newsgraph_test_shards")
	dir := t.TempDir()
	articles := filepath.Join(dir, "articles")
	os.Mkdir(articles, 0o755)
	for i, a := range shardArticles {
		if err := os.WriteFile(filepath.Join(articles, fmt.Sprintf("a%02d.txt", i)), []byte(a), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bin, env := newsgraphBin(t, dir)
	ingest := func(extra ...string) *exec.Cmd {
		cmd := exec.Command(bin, append([]string{"--backend", "postgres", "--db", dsn, "ingest", "-q", "-j", "1"}, append(extra, articles)...)...)
		cmd.Env = env
		return cmd
	}
	exportSorted := func() []string {
		cmd := exec.Command(bin, "--backend", "postgres", "--db", dsn, "export")
		cmd.Env = env
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("export: %v", err)
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		slices.Sort(lines)
		return lines
	}

	// Joining an article's names to the entities already stored depends on
	// which articles are stored first (docs/model.md, "Store-wide
	// identity"), and concurrent processes store them in no fixed order:
	// the result to compare is the order-independent one newsgraph resolve
	// brings a store to.
	resolve := func() {
		cmd := exec.Command(bin, "--backend", "postgres", "--db", dsn, "resolve")
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("resolve: %v\n%s", err, out)
		}
	}

	dropTables(t, dsn)
	if out, err := ingest().CombinedOutput(); err != nil {
		t.Fatalf("single ingest: %v\n%s", err, out)
	}
	resolve()
	want := exportSorted()

	for _, n := range []int{3} {
		dropTables(t, dsn)
		var (
			wg   sync.WaitGroup
			mu   sync.Mutex
			errs []string
		)
		for i := 1; i <= n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				out, err := ingest("--shard", fmt.Sprintf("%d/%d", i, n)).CombinedOutput()
				if err != nil {
					mu.Lock()
					errs = append(errs, fmt.Sprintf("shard %d/%d: %v\n%s", i, n, err, out))
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if len(errs) > 0 {
			t.Fatalf("%d processes: %s", n, strings.Join(errs, "\n"))
		}
		resolve()
		got := exportSorted()
		if !slices.Equal(got, want) {
			missing, extra := diffSorted(want, got)
			t.Errorf("%d processes: %d quads, single process %d; missing %d (e.g. %q), extra %d (e.g. %q)", n, len(got), len(want), len(missing), first(missing), len(extra), first(extra))
		}
	}
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// diffSorted returns the lines of sorted a missing from sorted b, and those
// of b not in a.
func diffSorted(a, b []string) (missing, extra []string) {
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j >= len(b) || i < len(a) && a[i] < b[j]:
			missing = append(missing, a[i])
			i++
		case i >= len(a) || b[j] < a[i]:
			extra = append(extra, b[j])
			j++
		default:
			i++
			j++
		}
	}
	return missing, extra
}
