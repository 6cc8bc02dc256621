package tokenize

import (
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// TestTokenizeAtMost: within the budget TokenizeAtMost gives what Tokenize
// gives; one token over it, nothing and false.
func TestTokenizeAtMost(t *testing.T) {
	tk := New()
	for _, text := range []string{
		"", "Hello.", "The U.S. said so etc. Then it left.",
		"Ukraine’s SBU intelligence on January 11 released a video. Kim Jong Un didn't answer!",
		strings.Repeat("word ", 500),
		strings.Repeat("a,", maxChunk), // one run of white-space-free text, cut in pieces
	} {
		want := tk.Tokenize(text)
		n := 0
		for _, s := range want {
			n += len(s.Tokens)
		}
		for _, c := range []struct {
			max int
			ok  bool
		}{{n, true}, {n + 10, true}, {n - 1, n == 0}} {
			if c.max < 0 {
				continue
			}
			got, ok := tk.TokenizeAtMost(text, c.max)
			if ok != c.ok {
				t.Errorf("%.30q (%d tokens) within %d: ok %v, want %v", text, n, c.max, ok, c.ok)
				continue
			}
			if ok && !reflect.DeepEqual(got, want) {
				t.Errorf("%.30q within %d: not what Tokenize gives", text, c.max)
			}
			if !ok && got != nil {
				t.Errorf("%.30q within %d: %d sentences over the budget", text, c.max, len(got))
			}
		}
	}
}

// TestLongRun: a run without white space longer than maxChunk is split in
// pieces, and its tokens still cover every byte exactly once.
func TestLongRun(t *testing.T) {
	text := "Start " + strings.Repeat("ab-cd/", maxChunk/3) + "é" + strings.Repeat("x", maxChunk+7) + " end."
	at := 0
	for _, s := range New().Tokenize(text) {
		for _, tok := range s.Tokens {
			for at < tok.Start && text[at] == ' ' {
				at++
			}
			if tok.Start != at || tok.Form != text[tok.Start:tok.End] {
				t.Fatalf("token %q at %d, want one starting at %d", tok.Form, tok.Start, at)
			}
			at = tok.End
		}
	}
	if at != len(text) {
		t.Fatalf("tokens end at %d of %d bytes", at, len(text))
	}
}

// TestBudgetMemory: a 5 MB text over a budget of 1,000 tokens is refused
// with memory of the order of the budget, not of the text (a token while
// scanning is 32 bytes: the text's million tokens would take 32 MB).
func TestBudgetMemory(t *testing.T) {
	text := strings.Repeat("word ", 1<<20) // 5 MB, one line, no punctuation
	tk := New()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, ok := tk.TokenizeAtMost(text, 1000)
	runtime.ReadMemStats(&after)
	if ok {
		t.Fatal("a million tokens within a budget of 1,000")
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
		t.Errorf("refusing the text allocated %d bytes, want under 1 MiB", alloc)
	}
}
