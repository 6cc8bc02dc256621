package ner

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// readConllu calls fn with the word lines (10 columns each) of every
// sentence of a CoNLL-U stream, skipping multiword-token ranges and empty
// nodes.
func readConllu(r io.Reader, fn func(sent [][]string)) error {
	var sent [][]string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if strings.TrimSpace(l) == "" {
			if len(sent) > 0 {
				fn(sent)
			}
			sent = nil
			continue
		}
		if l[0] == '#' {
			continue
		}
		c := strings.Split(l, "\t")
		if len(c) != 10 {
			return fmt.Errorf("line %d: want 10 columns, got %d", line, len(c))
		}
		if strings.ContainsAny(c[0], "-.") {
			continue
		}
		sent = append(sent, c)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("line %d: %w", line, err)
	}
	if len(sent) > 0 {
		fn(sent)
	}
	return nil
}

// nameChunks turns a CoNLL-U sentence into tokens tagged B-NAME/I-NAME over
// maximal runs of proper nouns (UPOS PROPN), the silver target of the name
// chunker.
func nameChunks(sent [][]string) nlp.Sentence {
	s := nlp.Sentence{Tokens: make([]nlp.Token, len(sent))}
	for i, c := range sent {
		tag := "O"
		if c[3] == "PROPN" {
			tag = "B-NAME"
			if i > 0 && sent[i-1][3] == "PROPN" {
				tag = "I-NAME"
			}
		}
		head, _ := strconv.Atoi(c[6])
		s.Tokens[i] = nlp.Token{ID: i + 1, Form: c[1], NER: tag, UPOS: c[3], Head: head, DepRel: c[7]}
	}
	return s
}

// readNameChunks reads a CoNLL-U file (".gz" allowed) as name-chunk
// training sentences.
func readNameChunks(path string) ([]nlp.Sentence, error) {
	rc, err := openMaybeGzip(path)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var out []nlp.Sentence
	if err := readConllu(rc, func(sent [][]string) { out = append(out, nameChunks(sent)) }); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}
