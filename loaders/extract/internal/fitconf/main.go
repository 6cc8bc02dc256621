// Command fitconf refits the weights of the extraction confidence model on
// CaRB dev and writes them as loaders/extract/weights.go.
//
// It analyses every line of CaRB dev with the embedded language models
// (analyze.Default), extracts facts, turns each extraction into the tuple
// extract.WriteCaRB would write, and labels it with CaRB's matching
// criterion against the gold tuples of its sentence (reimplemented from
// carb_score.py: relation words shared, a "be" counts against any form of
// "be", arg1 and the remaining arguments joined compared word by word,
// slots swapped for speech verbs). The label is soft: the mean of precision
// and recall of the extraction's best gold tuple. Extractions of sentences
// without gold tuples and those WriteCaRB leaves out are not used.
//
// The model is an L2-regularised logistic regression (the bias is not
// penalised) fitted by a fixed number of Newton steps, which converge to
// the unique optimum, so the weights do not depend on step sizes; every sum
// is taken in a fixed order, so the output is byte-for-byte reproducible for
// the same models and extractor.
//
// Run from the repository root:
//
//	go run ./loaders/extract/internal/fitconf -w loaders/extract/weights.go
//	go run ./loaders/extract/internal/fitconf -cv /tmp/carb-cv.tsv -out /tmp/carb-fit.tsv
//
// -cv writes CaRB dev extractions whose confidences come from 2-fold
// cross-fitting (sentences at even line positions scored by a model fitted
// on the odd ones, and vice versa), for an honest held-out AUC with
// ../shared/carb/score.sh; -out writes them with the weights fitted on all of
// dev (what newsgraph eval carb gives once weights.go is regenerated).
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"go/format"
	"log"
	"math"
	"os"
	"strings"

	"github.com/newsgraph/newsgraph/loaders/analyze"
	"github.com/newsgraph/newsgraph/loaders/extract"
)

func main() {
	carb := flag.String("carb", "../shared/carb", "CaRB directory (data/dev.txt, data/gold/dev.tsv)")
	l2 := flag.Float64("l2", 1.0, "L2 penalty on the weights (not the bias), on the summed log-loss")
	steps := flag.Int("steps", 30, "Newton steps")
	labels := flag.String("label", "soft", "soft: mean of CaRB precision and recall of the best gold match; binary: 1 when some gold tuple gives precision and recall of at least 0.5")
	wfile := flag.String("w", "", "write the fitted weights as this Go file (loaders/extract/weights.go)")
	cvOut := flag.String("cv", "", "write CaRB extractions with 2-fold cross-fitted confidences to this file")
	labelOut := flag.String("labels", "", "write each CaRB tuple's soft label, then the tuple, to this file (to check the matching against carb_score.py)")
	fitOut := flag.String("out", "", "write CaRB extractions with confidences from the weights fitted on all of dev")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("fitconf: ")

	gold, err := readGold(*carb + "/data/gold/dev.tsv")
	if err != nil {
		log.Fatal(err)
	}
	rows, err := extractDev(*carb+"/data/dev.txt", gold)
	if err != nil {
		log.Fatal(err)
	}
	if *labelOut != "" {
		if err := writeLabels(*labelOut, rows); err != nil {
			log.Fatal(err)
		}
	}
	switch *labels {
	case "soft":
	case "binary":
		for i := range rows {
			rows[i].label = b2f(rows[i].hit)
		}
	default:
		log.Fatalf("-label %q: want soft or binary", *labels)
	}
	var folds [2][]row
	labelled := 0
	for _, r := range rows {
		if !r.gold {
			continue
		}
		labelled++
		folds[r.sent%2] = append(folds[r.sent%2], r)
	}
	var train []row
	for _, r := range rows {
		if r.gold {
			train = append(train, r)
		}
	}
	names := extract.FeatureNames()
	w := fit(train, len(names), *l2, *steps)
	wr := roundWeights(w)
	fmt.Fprintf(os.Stderr, "models %s; %d sentences, %d CaRB tuples, %d labelled (mean label %.4f); L2 %g, %d Newton steps\n",
		analyze.ModelsVersion(), countSentences(rows), len(rows), labelled, meanLabel(train), *l2, *steps)
	fmt.Fprintf(os.Stderr, "log-loss on all of dev: fitted %.5f, committed weights %.5f\n",
		logLoss(train, wr), logLoss(train, extract.Weights()))
	var cvw [2][]float64
	for k := range 2 {
		cvw[k] = roundWeights(fit(folds[1-k], len(names), *l2, *steps))
	}
	fmt.Fprintf(os.Stderr, "held-out log-loss (2-fold): %.5f\n",
		(logLoss(folds[0], cvw[0])*float64(len(folds[0]))+logLoss(folds[1], cvw[1])*float64(len(folds[1])))/float64(labelled))

	table := weightTable(names, wr)
	fmt.Print(table)
	if *wfile != "" {
		src, err := format.Source([]byte(goFile(wr)))
		if err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(*wfile, src, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	if *fitOut != "" {
		if err := writeTSV(*fitOut, rows, func(r row) []float64 { return wr }); err != nil {
			log.Fatal(err)
		}
	}
	if *cvOut != "" {
		if err := writeTSV(*cvOut, rows, func(r row) []float64 { return cvw[r.sent%2] }); err != nil {
			log.Fatal(err)
		}
	}
}

// row is one CaRB tuple written for dev: its sentence (line position among
// the non-blank lines), the line, the tuple's fields, its features and label.
type row struct {
	sent     int
	line     string
	fields   string // relation<TAB>arg1<TAB>args…, as WriteCaRB writes them
	features []float64
	gold     bool    // the sentence has gold tuples
	label    float64 // mean of CaRB precision and recall of the best gold match
	hit      bool    // some gold tuple gives precision and recall of at least 0.5
}

func extractDev(path string, gold map[string][]tuple) ([]row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	p, err := analyze.Default()
	if err != nil {
		return nil, err
	}
	ws := extract.Weights()
	var rows []row
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		doc, err := p.Analyze(context.Background(), line)
		if err != nil {
			return nil, err
		}
		gs, hasGold := gold[sentenceKey(line)]
		for i := range doc.Sentences {
			exts, fs := extract.SentenceFeatures(&doc.Sentences[i])
			for j := range exts {
				e := &exts[j]
				if c := sigmoid(dot(ws, fs[j])); math.Abs(c-e.Confidence) > 1e-12 {
					return nil, fmt.Errorf("%s: features give confidence %v, extractor %v", line, c, e.Confidence)
				}
				rel, arg1, args, ok := extract.CaRBTuple(e)
				if !ok {
					continue
				}
				s := newTuple(rel, append([]string{arg1}, args...))
				best, hit := 0.0, false
				for _, g := range gs {
					pr, rc := match(g, s)
					if v := (pr + rc) / 2; v > best {
						best = v
					}
					hit = hit || (pr >= 0.5 && rc >= 0.5)
				}
				rows = append(rows, row{sent: n, line: line, fields: rel + "\t" + arg1 + "\t" + strings.Join(args, "\t"),
					features: fs[j], gold: hasGold, label: best, hit: hit})
			}
		}
		n++
	}
	return rows, sc.Err()
}

// fit minimises the summed log-loss of the soft labels plus l2/2 times the
// squared weights (bias excluded) with Newton's method.
func fit(rows []row, n int, l2 float64, steps int) []float64 {
	w := make([]float64, n)
	for range steps {
		g := make([]float64, n)
		h := make([][]float64, n)
		for i := range h {
			h[i] = make([]float64, n)
		}
		for _, r := range rows {
			p := sigmoid(dot(w, r.features))
			d, s := p-r.label, p*(1-p)
			for i, fi := range r.features {
				if fi == 0 {
					continue
				}
				g[i] += d * fi
				for j, fj := range r.features {
					h[i][j] += s * fi * fj
				}
			}
		}
		for i := 1; i < n; i++ {
			g[i] += l2 * w[i]
			h[i][i] += l2
		}
		step := solve(h, g)
		for i := range w {
			w[i] -= step[i]
		}
	}
	return w
}

// solve returns x with a·x = b by Gaussian elimination with partial pivoting.
func solve(a [][]float64, b []float64) []float64 {
	n := len(b)
	m := make([][]float64, n)
	for i := range a {
		m[i] = append(append([]float64(nil), a[i]...), b[i])
	}
	for c := range n {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[p][c]) {
				p = r
			}
		}
		m[c], m[p] = m[p], m[c]
		if m[c][c] == 0 {
			continue
		}
		for r := c + 1; r < n; r++ {
			f := m[r][c] / m[c][c]
			for k := c; k <= n; k++ {
				m[r][k] -= f * m[c][k]
			}
		}
	}
	x := make([]float64, n)
	for i := n - 1; i >= 0; i-- {
		s := m[i][n]
		for k := i + 1; k < n; k++ {
			s -= m[i][k] * x[k]
		}
		if m[i][i] != 0 {
			x[i] = s / m[i][i]
		}
	}
	return x
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

func dot(w, f []float64) float64 {
	z := 0.0
	for i, v := range f {
		z += w[i] * v
	}
	return z
}

func logLoss(rows []row, w []float64) float64 {
	s := 0.0
	for _, r := range rows {
		p := min(max(sigmoid(dot(w, r.features)), 1e-12), 1-1e-12)
		s -= r.label*math.Log(p) + (1-r.label)*math.Log(1-p)
	}
	return s / float64(len(rows))
}

func meanLabel(rows []row) float64 {
	s := 0.0
	for _, r := range rows {
		s += r.label
	}
	return s / float64(len(rows))
}

func countSentences(rows []row) int {
	seen := map[int]bool{}
	for _, r := range rows {
		seen[r.sent] = true
	}
	return len(seen)
}

// roundWeights rounds to three decimals, as weights.go stores them.
func roundWeights(w []float64) []float64 {
	out := make([]float64, len(w))
	for i, v := range w {
		out[i] = math.Round(v*1000) / 1000
		if out[i] == 0 {
			out[i] = 0 // no -0
		}
	}
	return out
}

func weightTable(names []string, w []float64) string {
	var b strings.Builder
	for i, n := range names {
		fmt.Fprintf(&b, "%8.3f  %s\n", w[i], n)
	}
	return b.String()
}

func goFile(w []float64) string {
	var b strings.Builder
	b.WriteString("// Code generated by go run ./loaders/extract/internal/fitconf -w loaders/extract/weights.go; DO NOT EDIT.\n\n")
	b.WriteString("package extract\n\n")
	b.WriteString("// weights of the logistic confidence model (features in featureNames),\n")
	b.WriteString("// fitted on CaRB dev by loaders/extract/internal/fitconf.\n")
	b.WriteString("var weights = [nFeatures]float64{\n")
	names := extract.FeatureNames()
	for i, v := range w {
		fmt.Fprintf(&b, "\t%.3f, // %s\n", v, names[i])
	}
	b.WriteString("}\n")
	return b.String()
}

func writeTSV(path string, rows []row, weights func(row) []float64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	for _, r := range rows {
		fmt.Fprintf(bw, "%s\t%.4f\t%s\n", r.line, sigmoid(dot(weights(r), r.features)), r.fields)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func writeLabels(path string, rows []row) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	for _, r := range rows {
		fmt.Fprintf(bw, "%.17g\t%s\t%s\n", r.label, r.line, r.fields)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
