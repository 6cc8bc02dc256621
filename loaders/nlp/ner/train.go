package ner

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"time"
)

// TrainModel is the training entry point for the CLI ("newsgraph train
// ner"): it trains with opts, writes the model to modelPath, and, when
// testPath is not "", evaluates it there; progress and the score table go to
// log (which may be nil).
func TrainModel(ctx context.Context, opts TrainOptions, modelPath, testPath string, log io.Writer) (*Recognizer, error) {
	if log == nil {
		log = io.Discard
	}
	opts.Log = log
	start := time.Now()
	r, err := Train(ctx, opts)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "trained in %v\n", time.Since(start).Round(time.Millisecond))
	var buf bytes.Buffer
	if err := r.Save(&buf); err != nil {
		return nil, err
	}
	if err := os.WriteFile(modelPath, buf.Bytes(), 0o644); err != nil {
		return nil, fmt.Errorf("ner: %w", err)
	}
	fmt.Fprintf(log, "wrote %s (%d bytes)\n", modelPath, buf.Len())
	if testPath != "" {
		sc, err := Evaluate(r, testPath)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(log, "%s:\n%s", testPath, sc)
	}
	return r, nil
}
