package repl

import (
	"strings"
	"unicode/utf8"

	"github.com/chzyer/readline"
)

// Completer completes command names in the first word, command names after
// "help", and entity names (labels and aliases, matched case-insensitively,
// possibly several words) elsewhere.
type Completer struct {
	Commands []string
	Names    []string
}

var _ readline.AutoCompleter = (*Completer)(nil)

// NewCompleter returns a Completer over the given command and entity names.
func NewCompleter(commands, names []string) *Completer {
	return &Completer{Commands: commands, Names: names}
}

// noEntityArgs are the commands whose arguments are not entity names.
var noEntityArgs = map[string]bool{"docs": true, "source": true, "gizmo": true, "exit": true, "quit": true}

// Do implements readline.AutoCompleter: it returns the rest of each
// candidate after the text before pos, and the length of that text.
func (c *Completer) Do(line []rune, pos int) ([][]rune, int) {
	text := string(line[:pos])
	trimmed := strings.TrimLeft(text, " \t")
	cmd, rest, hasArgs := strings.Cut(trimmed, " ")
	if !hasArgs {
		return complete(c.Commands, cmd)
	}
	switch {
	case cmd == "help":
		return complete(c.Commands, strings.TrimLeft(rest, " "))
	case noEntityArgs[cmd] || strings.HasPrefix(cmd, "g."):
		return nil, 0
	}
	// Try the longest tail of the line that starts a word and begins an
	// entity name: "path kyiv volo" → "volo" → "Volodymyr Zelenskiy".
	rest = strings.TrimLeft(rest, " ")
	for i := 0; i <= len(rest); i++ {
		if i > 0 && (i == len(rest) || rest[i-1] != ' ') {
			continue
		}
		if out, n := complete(c.Names, rest[i:]); len(out) > 0 {
			return out, n
		}
	}
	return nil, 0
}

// complete returns, for every word starting with prefix (ignoring case),
// the part after the prefix.
func complete(words []string, prefix string) ([][]rune, int) {
	var out [][]rune
	seen := map[string]bool{}
	for _, w := range words {
		if len(w) < len(prefix) || !strings.EqualFold(w[:len(prefix)], prefix) {
			continue
		}
		tail := w[len(prefix):]
		if seen[tail] {
			continue
		}
		seen[tail] = true
		out = append(out, []rune(tail))
	}
	return out, utf8.RuneCountInString(prefix)
}
