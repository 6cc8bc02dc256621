package ner

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/newsgraph/newsgraph/loaders/nlp"
	"github.com/newsgraph/newsgraph/loaders/nlp/internal/gzfile"
)

// ReadIOB2 reads Universal NER's IOB2 format: one token a line, tab-separated
// columns id, form, tag (further columns ignored), sentences separated by blank
// lines, "#" comment lines skipped. The gold tag of each token is returned in
// Token.NER exactly as written (e.g. "B-PER"); offsets are left zero.
// Sentence.Text holds the "# text =" comment when present.
func ReadIOB2(r io.Reader) ([]nlp.Sentence, error) {
	sents, _, err := readIOB2(r)
	return sents, err
}

// readIOB2 also reports which sentences start a document ("# newdoc").
func readIOB2(r io.Reader) ([]nlp.Sentence, []bool, error) {
	var (
		out    []nlp.Sentence
		newDoc []bool
		cur    nlp.Sentence
		curNew bool
		line   int
	)
	flush := func() {
		if len(cur.Tokens) > 0 {
			out = append(out, cur)
			newDoc = append(newDoc, curNew || len(out) == 1)
			curNew = false
		}
		cur = nlp.Sentence{}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	for sc.Scan() {
		line++
		l := strings.TrimRight(sc.Text(), "\r")
		switch {
		case strings.TrimSpace(l) == "":
			flush()
			continue
		case strings.HasPrefix(l, "#"):
			if strings.HasPrefix(l, "# newdoc") {
				curNew = true
			}
			if t, ok := strings.CutPrefix(l, "# text = "); ok {
				cur.Text = t
			}
			continue
		}
		cols := strings.Split(l, "\t")
		if len(cols) < 3 {
			return nil, nil, fmt.Errorf("line %d: want at least 3 tab-separated columns, got %d", line, len(cols))
		}
		tag := cols[2]
		if tag != "O" && !(len(tag) > 2 && (tag[:2] == "B-" || tag[:2] == "I-")) {
			return nil, nil, fmt.Errorf("line %d: bad IOB2 tag %q", line, tag)
		}
		cur.Tokens = append(cur.Tokens, nlp.Token{ID: len(cur.Tokens) + 1, Form: cols[1], NER: tag, SpaceAfter: true})
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("line %d: %w", line, err)
	}
	flush()
	return out, newDoc, nil
}

// ReadIOB2File reads an IOB2 file, gunzipping it when its name ends in ".gz".
func ReadIOB2File(path string) ([]nlp.Sentence, error) {
	sents, _, err := readIOB2File(path)
	return sents, err
}

func readIOB2File(path string) ([]nlp.Sentence, []bool, error) {
	rc, err := gzfile.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer rc.Close()
	sents, newDoc, err := readIOB2(rc)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return sents, newDoc, nil
}

// span is a typed token span [start, end).
type span struct {
	start, end int
	typ        string
}

// spansOf decodes IOB2 tags into spans. An I- tag that does not continue a
// span of its type starts a new one (the usual lenient conlleval reading).
func spansOf(tags []string) []span {
	var out []span
	open := -1
	typ := ""
	closeSpan := func(i int) {
		if open >= 0 {
			out = append(out, span{open, i, typ})
		}
		open, typ = -1, ""
	}
	for i, t := range tags {
		switch {
		case t == "O" || len(t) < 3:
			closeSpan(i)
		case t[0] == 'B' || open < 0 || t[2:] != typ:
			closeSpan(i)
			open, typ = i, t[2:]
		}
	}
	closeSpan(len(tags))
	return out
}
