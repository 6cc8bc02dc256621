package queries

import (
	"bytes"
	"context"
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the examples in docs/queries.md from the fixture")

const docFile = "../docs/queries.md"

// TestDocExamples checks that every example in docs/queries.md — a code
// block whose first line is "$ newsgraph query …" — shows what the command
// prints on the fixture. go test ./queries -run TestDocExamples -update
// rewrites them.
func TestDocExamples(t *testing.T) {
	src, err := os.ReadFile(docFile)
	if err != nil {
		t.Skipf("no %s: %v", docFile, err)
	}
	env := fixtureEnv(t)
	var out strings.Builder
	blocks := 0
	rest := string(src)
	const fence = "```\n"
	for {
		i := strings.Index(rest, fence+"$ newsgraph query ")
		if i < 0 {
			out.WriteString(rest)
			break
		}
		out.WriteString(rest[:i+len(fence)])
		rest = rest[i+len(fence):]
		nl := strings.IndexByte(rest, '\n')
		end := strings.Index(rest, fence)
		if nl < 0 || end < nl {
			t.Fatalf("unterminated example at %q", rest[:min(len(rest), 60)])
		}
		cmdLine, shown := rest[:nl], rest[nl+1:end]
		args, err := SplitArgs(strings.TrimPrefix(cmdLine, "$ newsgraph query "))
		if err != nil {
			t.Fatalf("%s: %v", cmdLine, err)
		}
		var b bytes.Buffer
		if err := Run(context.Background(), env, args, &b); err != nil {
			b.WriteString("newsgraph: " + err.Error() + "\n")
		}
		if !*update && b.String() != shown {
			t.Errorf("%s: docs show\n%s\nbut it prints\n%s", cmdLine, shown, b.String())
		}
		out.WriteString(cmdLine + "\n" + b.String())
		rest = rest[end:]
		blocks++
	}
	if blocks < 9 {
		t.Errorf("only %d examples in %s; want one per command at least", blocks, docFile)
	}
	if *update {
		if err := os.WriteFile(docFile, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
