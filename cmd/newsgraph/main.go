// Command newsgraph builds a knowledge graph from news articles and answers
// questions about it.
//
//	newsgraph ingest data/seed/article.txt   # articles → facts → embedded store
//	newsgraph query said zelenskyy           # canned queries
//	newsgraph repl                           # interactive
//	newsgraph export > graph.nq              # N-Quads (or --format)
//	newsgraph stats                          # documents, entities, facts, quads
//
// Run "newsgraph help" for every command.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/cayleygraph/cayley/clog"
)

func main() {
	// Cayley's own log lines repeat, as a Go struct dump, the errors
	// newsgraph prints in one line (a refused PostgreSQL connection).
	clog.SetLogger(nil)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	err := newRoot().ExecuteContext(ctx)
	if err != nil {
		var ex exitError
		if !errors.As(err, &ex) || !ex.quiet {
			fmt.Fprintln(os.Stderr, "newsgraph:", err)
		}
		os.Exit(1)
	}
}

// exitError makes the command exit non-zero; quiet when the problems were
// already printed one per line.
type exitError struct {
	msg   string
	quiet bool
}

func (e exitError) Error() string { return e.msg }
