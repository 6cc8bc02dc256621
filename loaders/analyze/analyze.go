// Package analyze chains newsgraph's language models into one pipeline:
// text → sentences and tokens → POS tags → lemmas → dependency parse → named
// entities. The models are the trained files embedded in the binary by the
// data package; they are loaded once per process, in parallel.
package analyze

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"sync"
	"time"

	"github.com/newsgraph/newsgraph/data"
	"github.com/newsgraph/newsgraph/loaders/nlp"
	"github.com/newsgraph/newsgraph/loaders/nlp/lemma"
	"github.com/newsgraph/newsgraph/loaders/nlp/ner"
	"github.com/newsgraph/newsgraph/loaders/nlp/parse"
	"github.com/newsgraph/newsgraph/loaders/nlp/tag"
	"github.com/newsgraph/newsgraph/loaders/nlp/tokenize"
)

// Model file names inside data.Models.
const (
	TaggerModel     = "models/tag.bin.gz"
	LemmatizerModel = "models/lemma.bin.gz"
	ParserModel     = "models/parse.bin.gz"
	NERModel        = "models/ner.gob.gz"
)

// Pipeline is a complete analyser. Its zero value is not usable: build one
// with Default or fill every component. A Pipeline is safe for concurrent use.
type Pipeline struct {
	Tokenizer  nlp.Tokenizer
	Tagger     nlp.Tagger
	Lemmatizer nlp.Lemmatizer
	Parser     nlp.Parser
	Recognizer nlp.Recognizer

	// LoadTime is how long loading the models took (zero when built by hand).
	LoadTime time.Duration
}

var (
	defaultOnce sync.Once
	defaultPipe *Pipeline
	defaultErr  error
)

// Default returns the pipeline of the embedded models, loading them on the
// first call.
func Default() (*Pipeline, error) {
	defaultOnce.Do(func() { defaultPipe, defaultErr = load() })
	return defaultPipe, defaultErr
}

func load() (*Pipeline, error) {
	start := time.Now()
	// Loading builds large tables that all stay live: collecting garbage
	// meanwhile only costs time.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	p := &Pipeline{Tokenizer: tokenize.New()}
	loaders := []struct {
		file string
		load func(r io.Reader) error
	}{
		{TaggerModel, func(r io.Reader) (err error) { p.Tagger, err = loadAs[*tag.Tagger, nlp.Tagger](tag.Load, r); return }},
		{LemmatizerModel, func(r io.Reader) (err error) {
			p.Lemmatizer, err = loadAs[*lemma.Lemmatizer, nlp.Lemmatizer](lemma.Load, r)
			return
		}},
		{ParserModel, func(r io.Reader) (err error) {
			p.Parser, err = loadAs[*parse.Parser, nlp.Parser](parse.Load, r)
			return
		}},
		{NERModel, func(r io.Reader) (err error) {
			p.Recognizer, err = loadAs[*ner.Recognizer, nlp.Recognizer](ner.Load, r)
			return
		}},
	}
	errs := make([]error, len(loaders))
	var wg sync.WaitGroup
	for i, l := range loaders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Read the embedded bytes in place (ReadFile would copy them).
			f, err := data.Models.Open(l.file)
			if err == nil {
				err = l.load(f)
				f.Close()
			}
			if err != nil {
				errs[i] = fmt.Errorf("loading model %s: %w", l.file, err)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	p.LoadTime = time.Since(start)
	return p, nil
}

// loadAs adapts a concrete model loader to the interface it implements.
func loadAs[T any, I any](f func(io.Reader) (T, error), r io.Reader) (I, error) {
	m, err := f(r)
	if err != nil {
		var zero I
		return zero, err
	}
	return any(m).(I), nil
}

// DocumentRecognizer is a Recognizer that also makes a document's entities
// consistent across its sentences (a name found in one sentence is found
// where it recurs); Analyze prefers it.
type DocumentRecognizer interface {
	RecognizeDocument(d *nlp.Document)
}

// boundedTokenizer is a Tokenizer that stops at a number of tokens, so
// that a text over the budget costs no more memory than one within it
// (tokenize.Tokenizer is one).
type boundedTokenizer interface {
	TokenizeAtMost(text string, max int) ([]nlp.Sentence, bool)
}

// Analyze splits text into sentences and analyses each of them, within
// the default Limits.
func (p *Pipeline) Analyze(ctx context.Context, text string) (*nlp.Document, error) {
	return p.AnalyzeWithin(ctx, text, Limits{})
}

// AnalyzeWithin splits text into sentences and analyses each of them within
// lim: a text of more tokens fails with an error wrapping ErrTooLong before
// any sentence is parsed (a boundedTokenizer stops counting there), and a
// sentence longer than lim.MaxSentenceTokens is cut into pieces of at most
// that many tokens, each analysed as a sentence. It stops with ctx's error
// when ctx is done.
func (p *Pipeline) AnalyzeWithin(ctx context.Context, text string, lim Limits) (*nlp.Document, error) {
	lim = lim.withDefaults()
	var sents []nlp.Sentence
	if bt, ok := p.Tokenizer.(boundedTokenizer); ok {
		var within bool
		if sents, within = bt.TokenizeAtMost(text, lim.MaxTokens); !within {
			return nil, fmt.Errorf("%w: more tokens than the limit of %d", ErrTooLong, lim.MaxTokens)
		}
	} else {
		sents = p.Tokenizer.Tokenize(text)
		tokens := 0
		for _, s := range sents {
			tokens += len(s.Tokens)
		}
		if tokens > lim.MaxTokens {
			return nil, fmt.Errorf("%w: %d tokens, more than the limit of %d", ErrTooLong, tokens, lim.MaxTokens)
		}
	}
	doc := &nlp.Document{Text: text, Sentences: cutSentences(text, sents, lim.MaxSentenceTokens)}
	dr, byDoc := p.Recognizer.(DocumentRecognizer)
	for i := range doc.Sentences {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		s := &doc.Sentences[i]
		p.syntax(s)
		if !byDoc && len(s.Tokens) > 0 {
			p.Recognizer.Recognize(s)
		}
	}
	if byDoc {
		dr.RecognizeDocument(doc)
	}
	return doc, nil
}

// Sentence analyses one tokenized sentence in place: tags, lemmas, parse and
// entities.
func (p *Pipeline) Sentence(s *nlp.Sentence) {
	if len(s.Tokens) == 0 {
		return
	}
	p.syntax(s)
	p.Recognizer.Recognize(s)
}

// syntax tags, lemmatizes and parses a sentence.
func (p *Pipeline) syntax(s *nlp.Sentence) {
	if len(s.Tokens) == 0 {
		return
	}
	p.Tagger.Tag(s)
	p.Lemmatizer.Lemmatize(s)
	p.Parser.Parse(s)
}

var (
	versionOnce sync.Once
	version     string
)

// ModelsVersion identifies the embedded models: the first 12 hex digits of
// the SHA-256 of their files, in name order.
func ModelsVersion() string {
	versionOnce.Do(func() {
		h := sha256.New()
		for _, name := range []string{TaggerModel, LemmatizerModel, ParserModel, NERModel} {
			b, _ := data.Models.ReadFile(name)
			fmt.Fprintf(h, "%s %d\n", name, len(b))
			h.Write(b)
		}
		version = hex.EncodeToString(h.Sum(nil))[:12]
	})
	return version
}

// Limits bound the analysis of one text. Zero fields take the defaults.
type Limits struct {
	// MaxTokens is the most tokens a text may have (DefaultMaxTokens).
	MaxTokens int
	// MaxSentenceTokens is the longest sentence parsed whole
	// (DefaultMaxSentenceTokens); a longer run is cut into pieces.
	MaxSentenceTokens int
}

// Defaults of Limits: a long news article has about 5,000 tokens and its
// longest sentence under 150.
const (
	DefaultMaxTokens         = 200_000
	DefaultMaxSentenceTokens = 200
)

// ErrTooLong is wrapped by the error for a text over Limits.MaxTokens.
var ErrTooLong = errors.New("text too long to analyse")

func (l Limits) withDefaults() Limits {
	if l.MaxTokens <= 0 {
		l.MaxTokens = DefaultMaxTokens
	}
	if l.MaxSentenceTokens <= 0 {
		l.MaxSentenceTokens = DefaultMaxSentenceTokens
	}
	return l
}

// cutSentences cuts every sentence longer than max tokens into pieces of at
// most max tokens (the last piece takes the rest), renumbering the tokens.
func cutSentences(text string, sents []nlp.Sentence, max int) []nlp.Sentence {
	long := false
	for _, s := range sents {
		if len(s.Tokens) > max {
			long = true
			break
		}
	}
	if !long {
		return sents
	}
	out := make([]nlp.Sentence, 0, len(sents)+8)
	for _, s := range sents {
		for len(s.Tokens) > max {
			piece := nlp.Sentence{Tokens: s.Tokens[:max:max]}
			out = append(out, spanOf(text, piece))
			s.Tokens = s.Tokens[max:]
		}
		if len(s.Tokens) > 0 {
			out = append(out, spanOf(text, nlp.Sentence{Tokens: s.Tokens}))
		}
	}
	return out
}

// spanOf sets a piece's offsets and text from its tokens and numbers them
// from 1.
func spanOf(text string, s nlp.Sentence) nlp.Sentence {
	toks := make([]nlp.Token, len(s.Tokens))
	copy(toks, s.Tokens)
	for i := range toks {
		toks[i].ID = i + 1
	}
	s.Tokens = toks
	s.Start, s.End = toks[0].Start, toks[len(toks)-1].End
	if s.Start >= 0 && s.End <= len(text) && s.Start <= s.End {
		s.Text = text[s.Start:s.End]
	}
	return s
}
