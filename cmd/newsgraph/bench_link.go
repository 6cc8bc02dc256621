package main

import (
	"context"
	"fmt"
	"io"
)

// benchIngestLink measures ingest without the link stage, then with the
// bundled knowledge base, in one run, and prints the cost of linking.
func benchIngestLink(ctx context.Context, backend string, args []string, runs int, w io.Writer) error {
	fmt.Fprintln(w, "without linking:")
	without, err := benchIngest(ctx, backend, args, runs, true, w)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "with the bundled knowledge base:")
	with, err := benchIngest(ctx, backend, args, runs, false, w)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "linking costs %+.1f%% of ingest time (%.2fs with, %.2fs without)\n", 100*(with/without-1), with, without)
	return nil
}
