package main

import (
	"context"
	"fmt"
	"io"
	"strings"
)

// benchIngestLink measures ingest without the link stage and with the
// bundled knowledge base, alternating the two in each of runs rounds so
// both see the same machine load, and prints the medians and the median
// of the per-round ratios.
func benchIngestLink(ctx context.Context, backend string, args []string, runs int, w io.Writer) error {
	var without, with, ratio []float64
	for r := 0; r < runs; r++ {
		t0, err := benchIngest(ctx, backend, args, 1, true, io.Discard)
		if err != nil {
			return err
		}
		t1, err := benchIngest(ctx, backend, args, 1, false, io.Discard)
		if err != nil {
			return err
		}
		without, with, ratio = append(without, t0), append(with, t1), append(ratio, t1/t0)
	}
	fmt.Fprintf(w, "ingest of %s, %d rounds (without linking, then with the bundled knowledge base):\n", strings.Join(args, " "), runs)
	fmt.Fprintf(w, "  without %.2fs  with %.2fs (medians)  linking costs %+.1f%% (median of the rounds' ratios)\n",
		median(without), median(with), 100*(median(ratio)-1))
	return nil
}
