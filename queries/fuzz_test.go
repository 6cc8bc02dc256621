package queries

import (
	"context"
	"io"
	"strings"
	"testing"
)

// FuzzNames feeds what a user types as an entity name, a fact ID or a
// command line to the CLI's parsers and to the queries that take them: no
// input may panic, and every error is one line.
func FuzzNames(f *testing.F) {
	for _, s := range []string{"kirby", "John Kirby", "the NIS", "<https://newsgraph.dev/id/person/john_kirby>",
		"1f3a9c2e.12.0", "1f3a9c2e..", "...", "a.b.c", "ffffffff.99999999999999999999.1", "-1.-1.-1", "",
		"   ", "Путин", "!!!", "\x00", "\"unterminated", `a\ b 'c d' "e f"`, "--limit 3 --json", "--timeout", "<>", "<"} {
		f.Add(s)
	}
	env := fixtureEnv(f)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, s string) {
		oneLine := func(what string, err error) {
			if err != nil && strings.Contains(err.Error(), "\n") {
				t.Errorf("%s(%q): error of several lines: %q", what, s, err)
			}
		}
		_, err := env.Resolve(ctx, s)
		oneLine("Resolve", err)
		for _, cmd := range []string{"source", "facts", "said", "timeline"} {
			oneLine(cmd, Run(ctx, env, []string{cmd, s}, io.Discard))
		}
		words, err := SplitArgs(s)
		oneLine("SplitArgs", err)
		if err == nil {
			_, _, err = ParseArgs(Options{}, words)
			oneLine("ParseArgs", err)
		}
	})
}
