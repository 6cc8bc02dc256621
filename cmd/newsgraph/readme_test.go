package main

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/queries"
)

// asMain makes the test binary run as newsgraph itself, so that tests can
// run the command as a separate process (README commands through bash,
// several ingest processes at once).
const asMain = "NEWSGRAPH_TEST_AS_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(asMain) == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// newsgraphBin returns a path named "newsgraph" that runs this test binary
// as the command, and the environment that makes it do so.
func newsgraphBin(t *testing.T, dir string) (string, []string) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "newsgraph")
	if err := os.Symlink(exe, bin); err != nil {
		t.Fatal(err)
	}
	return bin, append(os.Environ(), asMain+"=1")
}

// readmeCommand is one command of the README's sh blocks.
type readmeCommand struct {
	line int
	cmd  string
}

// readmeCommands returns the commands of the ```sh blocks of the README,
// comments dropped and continuation lines joined.
func readmeCommands(t *testing.T, path string) []readmeCommand {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var (
		out    []readmeCommand
		in     bool
		cont   string
		contAt int
	)
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "```sh"):
			in = true
			continue
		case strings.HasPrefix(l, "```"):
			in = false
			continue
		case !in:
			continue
		}
		l = strings.TrimSpace(stripComment(l))
		if cont != "" {
			l = cont + " " + l
		} else {
			contAt = n
		}
		if strings.HasSuffix(l, "\\") {
			cont = strings.TrimSuffix(l, "\\")
			continue
		}
		cont = ""
		if l != "" {
			out = append(out, readmeCommand{contAt, l})
		}
	}
	return out
}

// stripComment drops a shell comment: a # at the start or after a space,
// outside quotes.
func stripComment(l string) string {
	var quote rune
	for i, r := range l {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '\'' || r == '"':
			quote = r
		case r == '#' && (i == 0 || l[i-1] == ' '):
			return l[:i]
		}
	}
	return l
}

// readmeSkips are the README commands the test does not run, each with the
// reason: too slow for the test suite, or the test itself stands in.
var readmeSkips = []struct {
	re     *regexp.Regexp
	reason string
}{
	{regexp.MustCompile(`^go test\b`), "the test suite itself"},
	{regexp.MustCompile(`^go build -o newsgraph ./cmd/newsgraph$`), "the test binary stands in for ./newsgraph"},
	{regexp.MustCompile(`\bbench (nlp|ingest|store)\b`), "benchmarks run for minutes"},
	{regexp.MustCompile(`\bingest\b.*\.\./shared/wikinews/?$`), "293 articles take ~2 minutes on 2 cores (the seed article, ingested by the first command, stands in)"},
	{regexp.MustCompile(`\btrain all\b`), "retraining every model takes ~15 minutes"},
	{regexp.MustCompile(`\beval (nlp|carb)\b`), "evaluations over UD EWT dev / CaRB take minutes"},
	{regexp.MustCompile(`carb/score\.sh`), "needs the CaRB output of eval carb, skipped above"},
}

// TestREADMECommands runs every command the README's sh blocks show, as
// written, in order, through bash, in a folder laid out like a clone (data/
// and ../shared/ beside it), with ./newsgraph and "go run ./cmd/newsgraph"
// both the command under test. It fails when one fails. Commands that need
// ../shared/ are skipped when it is absent, and the slow ones always; each
// skip is logged with its reason.
func TestREADMECommands(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the README's commands")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	work := filepath.Join(root, "newsgraph")
	if err := os.Mkdir(work, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(repo, "data"), filepath.Join(work, "data")); err != nil {
		t.Fatal(err)
	}
	shared := filepath.Join(repo, "..", "shared")
	haveShared := false
	if _, err := os.Stat(shared); err == nil {
		haveShared = true
		if err := os.Symlink(shared, filepath.Join(root, "shared")); err != nil {
			t.Fatal(err)
		}
	}
	_, env := newsgraphBin(t, work)
	cmds := readmeCommands(t, filepath.Join(repo, "README.md"))
	if len(cmds) < 10 {
		t.Fatalf("found %d commands in the README's sh blocks", len(cmds))
	}
	ran := 0
commands:
	for _, c := range cmds {
		for _, s := range readmeSkips {
			if s.re.MatchString(c.cmd) {
				t.Logf("README:%d skipped (%s): %s", c.line, s.reason, c.cmd)
				continue commands
			}
		}
		if strings.Contains(c.cmd, "../shared/") && !haveShared {
			t.Logf("README:%d skipped (../shared/ is absent): %s", c.line, c.cmd)
			continue
		}
		script := strings.ReplaceAll(c.cmd, "go run ./cmd/newsgraph", "./newsgraph")
		if serveCmd.MatchString(script) {
			ran++
			if err := runServer(work, env, script); err != nil {
				t.Errorf("README:%d %s: %v", c.line, c.cmd, err)
			}
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		cmd := exec.CommandContext(ctx, "bash", "-o", "pipefail", "-ec", script)
		cmd.Dir, cmd.Env = work, env
		cmd.Stdin = strings.NewReader("") // the REPL ends at end of input
		start := time.Now()
		out, err := cmd.CombinedOutput()
		cancel()
		ran++
		t.Logf("README:%d ran in %.1fs: %s", c.line, time.Since(start).Seconds(), c.cmd)
		if err != nil {
			t.Errorf("README:%d %s: %v\n%s", c.line, c.cmd, err, clip(string(out), 1500))
		}
	}
	t.Logf("ran %d of the README's %d commands", ran, len(cmds))
}

// serveCmd matches the README's server command: it runs until stopped, so
// the test starts it, waits for its home page and stops it.
var serveCmd = regexp.MustCompile(`^\./newsgraph serve\b`)

// runServer runs script (newsgraph serve on its default address) in dir
// until its home page answers 200, then stops it.
func runServer(dir string, env []string, script string) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-ec", "exec "+script)
	cmd.Dir, cmd.Env = dir, env
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			return fmt.Errorf("exited before answering (%v)\n%s", err, clip(out.String(), 1500))
		case <-time.After(200 * time.Millisecond):
		}
		resp, err := http.Get("http://127.0.0.1:8080/")
		if err != nil {
			continue
		}
		resp.Body.Close()
		cancel()
		<-exited
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("home page: %s", resp.Status)
		}
		return nil
	}
	cancel()
	<-exited
	return fmt.Errorf("no answer on 127.0.0.1:8080 within 2 minutes\n%s", clip(out.String(), 1500))
}

// TestHelpEverywhere: every command and every query answers --help.
func TestHelpEverywhere(t *testing.T) {
	var paths [][]string
	root := newRoot()
	for _, c := range root.Commands() {
		paths = append(paths, []string{c.Name()})
		for _, sub := range c.Commands() {
			paths = append(paths, []string{c.Name(), sub.Name()})
		}
	}
	for _, q := range queries.Commands() {
		paths = append(paths, []string{"query", q.Name}, []string{"--db", "x.db", "query", q.Name})
	}
	for _, p := range paths {
		out, stderr, err := run(t, append(p, "--help")...)
		if err != nil || !strings.Contains(strings.ToLower(out), "usage") {
			t.Errorf("%s --help: err %v, stdout %q, stderr %q", strings.Join(p, " "), err, clip(out, 200), clip(stderr, 200))
		}
	}
}

// TestPostgresRefusedOneLine: a refused PostgreSQL connection is one line
// on stderr (Cayley once logged a Go struct dump before it).
func TestPostgresRefusedOneLine(t *testing.T) {
	bin, env := newsgraphBin(t, t.TempDir())
	cmd := exec.Command(bin, "--backend", "postgres", "--db", "postgres://nobody:x@127.0.0.1:1/none?sslmode=disable", "stats")
	cmd.Env = env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Run(); err == nil {
		t.Fatal("stats on a closed port succeeded")
	}
	msg := stderr.String()
	if strings.Count(msg, "\n") != 1 || !strings.Contains(msg, "connection refused") || strings.Contains(msg, "&net.") {
		t.Errorf("stderr = %q, want one line saying the connection was refused", msg)
	}
}
