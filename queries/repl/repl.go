// Package repl is newsgraph's interactive shell: line editing, persistent
// history and tab completion (github.com/chzyer/readline) over the canned
// queries of package queries, with Gizmo for anything else.
package repl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"

	"github.com/chzyer/readline"

	"github.com/newsgraph/newsgraph/queries"
)

// DefaultPrompt is the prompt when Config.Prompt is empty.
const DefaultPrompt = "newsgraph> "

// Config configures Run. Zero fields take defaults.
type Config struct {
	// HistoryFile keeps the history between sessions; "" means
	// DefaultHistoryFile(), "-" means no history file.
	HistoryFile string
	// Stdin is read for lines; nil means the process's standard input, used
	// as a terminal when it is one. Any other reader is read as plain lines
	// (no echo, no raw mode), which is how tests drive the REPL.
	Stdin io.ReadCloser
	// Stdout receives results, Stderr error lines; nil means the process's.
	Stdout, Stderr io.Writer
	// Prompt is shown before each line; "" means DefaultPrompt.
	Prompt string
}

// DefaultHistoryFile is ~/.newsgraph_history, or "" when there is no home
// directory.
func DefaultHistoryFile() string {
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return ""
	}
	return filepath.Join(home, ".newsgraph_history")
}

// Run reads lines until exit, quit, Ctrl-D or the end of input, and runs
// each: a canned query by name ("facts zelenskiy", flags as on the command
// line), a Gizmo query (a line starting with "g." or "gizmo "), "help" or
// "help CMD". A failing line prints "error: …" to Stderr and the session
// goes on; Ctrl-C clears the line, or cancels the query that is running
// (on a terminal; so that this leaves the session, ctx should not be one
// that SIGINT cancels). Entity names for completion are loaded once, when
// the session starts. Run returns nil at exit, or ctx's error.
func Run(ctx context.Context, env *queries.Env, cfg Config) error {
	stdout, stderr := cfg.Stdout, cfg.Stderr
	if stdout == nil {
		stdout = os.Stdout
	}
	if stderr == nil {
		stderr = os.Stderr
	}
	prompt := cfg.Prompt
	if prompt == "" {
		prompt = DefaultPrompt
	}
	history := cfg.HistoryFile
	switch history {
	case "":
		history = DefaultHistoryFile()
	case "-":
		history = ""
	}
	var names []string
	if ents, err := env.Entities(ctx); err != nil {
		fmt.Fprintf(stderr, "error: loading entity names for completion: %v\n", err)
	} else {
		names = EntityNames(ents)
	}
	rc := &readline.Config{
		Prompt:            prompt,
		HistoryFile:       history,
		HistorySearchFold: true,
		AutoComplete:      NewCompleter(CommandNames(), names),
		InterruptPrompt:   "^C",
		EOFPrompt:         "exit",
		Stdin:             cfg.Stdin,
		Stdout:            stdout,
		Stderr:            stderr,
	}
	if cfg.Stdin != nil {
		noop := func() error { return nil }
		rc.FuncIsTerminal = func() bool { return false }
		rc.FuncMakeRaw, rc.FuncExitRaw = noop, noop
		rc.FuncGetWidth = func() int { return 80 }
		rc.FuncOnWidthChanged = func(func()) {}
	}
	rl, err := readline.NewEx(rc)
	if err != nil {
		return fmt.Errorf("repl: %w", err)
	}
	defer rl.Close()
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, err := rl.Readline()
		switch {
		case errors.Is(err, readline.ErrInterrupt):
			continue // Ctrl-C: drop the line
		case errors.Is(err, io.EOF):
			return nil
		case err != nil:
			return fmt.Errorf("repl: %w", err)
		}
		qctx, stop := ctx, func() {}
		if cfg.Stdin == nil {
			// Ctrl-C while a query runs (the terminal is not in raw mode
			// then) cancels that query, not the session.
			qctx, stop = signal.NotifyContext(ctx, os.Interrupt)
		}
		done, err := Exec(qctx, env, line, stdout)
		stop()
		if err != nil {
			fmt.Fprintf(stderr, "error: %v\n", err)
		}
		if done {
			return nil
		}
	}
}

// Exec runs one REPL line, writing its output to w; done is true for exit
// and quit.
func Exec(ctx context.Context, env *queries.Env, line string, w io.Writer) (done bool, err error) {
	line = strings.TrimSpace(line)
	switch {
	case line == "" || strings.HasPrefix(line, "#"):
		return false, nil
	case line == "exit" || line == "quit":
		return true, nil
	case strings.HasPrefix(line, "g."):
		return false, queries.Run(ctx, env, []string{"gizmo", line}, w)
	case strings.HasPrefix(line, "gizmo ") || strings.HasPrefix(line, "gizmo\t"):
		// Leading flags, then the query as it stands (quotes around it
		// dropped): gizmo --limit 5 g.V().All()
		args := []string{"gizmo"}
		q := strings.TrimSpace(line[len("gizmo"):])
		for strings.HasPrefix(q, "-") {
			flag, rest, _ := strings.Cut(q, " ")
			args = append(args, flag)
			q = strings.TrimSpace(rest)
			if flag == "--limit" || flag == "-n" {
				val, rest, _ := strings.Cut(q, " ")
				args = append(args, val)
				q = strings.TrimSpace(rest)
			}
		}
		if n := len(q); n >= 2 && (q[0] == '\'' || q[0] == '"') && q[n-1] == q[0] {
			q = q[1 : n-1]
		}
		return false, queries.Run(ctx, env, append(args, "--", q), w)
	}
	args, err := queries.SplitArgs(line)
	if err != nil {
		return false, err
	}
	if args[0] == "help" || args[0] == "?" {
		return false, help(w, args[1:])
	}
	return false, queries.Run(ctx, env, args, w)
}

func help(w io.Writer, args []string) error {
	if len(args) > 0 {
		c, ok := queries.Lookup(args[0])
		if !ok {
			return fmt.Errorf("no command %q (try help)", args[0])
		}
		_, err := fmt.Fprintf(w, "%s\n  %s\n", c.Usage, c.Help)
		return err
	}
	t := queries.Table{Header: []string{"COMMAND", "WHAT"}, MaxCell: -1}
	for _, c := range queries.Commands() {
		t.Rows = append(t.Rows, []string{c.Usage, firstSentence(c.Help)})
	}
	t.Rows = append(t.Rows,
		[]string{"g.V(...)...", "a Gizmo query, as gizmo '...'"},
		[]string{"help [CMD]", "this list, or one command's help"},
		[]string{"exit, quit, Ctrl-D", "leave"})
	if err := t.Write(w); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, "Flags: --json, --type T, --limit N. Names may have several words: path john kirby to zelenskiy.")
	return err
}

func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}

// CommandNames are the words the first position completes to.
func CommandNames() []string {
	var out []string
	for _, c := range queries.Commands() {
		out = append(out, c.Name)
	}
	return append(out, "help", "exit", "quit")
}

// EntityNames are the labels and aliases of ents, deduplicated and sorted.
func EntityNames(ents []queries.Entity) []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range ents {
		for _, n := range append([]string{e.Label}, e.Aliases...) {
			if n != "" && !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	sort.Strings(out)
	return out
}
