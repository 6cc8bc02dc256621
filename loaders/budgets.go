package loaders

import (
	"context"
	"errors"
	"time"

	"github.com/newsgraph/newsgraph/loaders/analyze"
)

// Budgets bound what one document may cost, so that one hostile input
// cannot take a run's time or memory. A document over a budget fails with
// an error wrapping ErrBudget (or analyze.ErrTooLong) that names the limit.
// Zero fields take the defaults below.
type Budgets struct {
	// MaxTokens is the most tokens a document's text may have; the tokenizer
	// stops once it has found more, before anything is parsed.
	MaxTokens int
	// MaxSentenceTokens is the longest sentence parsed whole: a run-on
	// sentence is cut into pieces of at most this many tokens.
	MaxSentenceTokens int
	// MaxFacts and MaxQuads are the most facts and quads a document may
	// give.
	MaxFacts, MaxQuads int
	// Timeout bounds the analysis of one document.
	Timeout time.Duration
}

// Default budgets: far above what a real article needs (a long one has
// about 5,000 tokens, 300 facts and 10,000 quads).
const (
	DefaultMaxTokens         = analyze.DefaultMaxTokens
	DefaultMaxSentenceTokens = analyze.DefaultMaxSentenceTokens
	DefaultMaxFacts          = 20_000
	DefaultMaxQuads          = 250_000
	DefaultTimeout           = 2 * time.Minute
)

// ErrBudget is wrapped by the errors of documents over a budget.
var ErrBudget = errors.New("over budget")

func (b Budgets) withDefaults() Budgets {
	if b.MaxTokens <= 0 {
		b.MaxTokens = DefaultMaxTokens
	}
	if b.MaxSentenceTokens <= 0 {
		b.MaxSentenceTokens = DefaultMaxSentenceTokens
	}
	if b.MaxFacts <= 0 {
		b.MaxFacts = DefaultMaxFacts
	}
	if b.MaxQuads <= 0 {
		b.MaxQuads = DefaultMaxQuads
	}
	if b.Timeout <= 0 {
		b.Timeout = DefaultTimeout
	}
	return b
}

// budgetError prefers the budget that stopped ctx to ctx's bare error.
func budgetError(ctx context.Context, err error) error {
	if cause := context.Cause(ctx); errors.Is(cause, ErrBudget) {
		return cause
	}
	return err
}
