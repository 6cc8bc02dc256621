// Package analyze chains newsgraph's language models into one pipeline:
// text → sentences and tokens → POS tags → lemmas → dependency parse → named
// entities. The models are the trained files embedded in the binary by the
// data package; they are loaded once per process, in parallel.
package analyze

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
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

// Analyze splits text into sentences and analyses each of them.
func (p *Pipeline) Analyze(ctx context.Context, text string) (*nlp.Document, error) {
	doc := &nlp.Document{Text: text, Sentences: p.Tokenizer.Tokenize(text)}
	dr, byDoc := p.Recognizer.(DocumentRecognizer)
	for i := range doc.Sentences {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
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
