package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"syscall"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

// BenchmarkPages times every page on a real store: set NEWSGRAPH_WEB_DB to
// a bolt store (docs/benchmarks.md builds it from ../shared/wikinews) and
// NEWSGRAPH_WEB_ENTITY, NEWSGRAPH_WEB_DOC to the entity (person/…) and the
// document (16-hex id) to open; without NEWSGRAPH_WEB_DB it is skipped.
func BenchmarkPages(b *testing.B) {
	db := os.Getenv("NEWSGRAPH_WEB_DB")
	if db == "" {
		b.Skip("set NEWSGRAPH_WEB_DB to a store to time the pages")
	}
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Options{Path: db, ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	srv, err := New(ctx, st, Options{})
	if err != nil {
		b.Fatal(err)
	}
	ent, doc := envOr("NEWSGRAPH_WEB_ENTITY", "donald_trump"), envOr("NEWSGRAPH_WEB_DOC", "a2f0d79ece7f7719")
	fact := envOr("NEWSGRAPH_WEB_FACT", doc[:8]+".1.0")
	h := srv.Handler()
	for _, p := range []struct{ name, url string }{
		{"home", "/"},
		{"search", "/search?q=zelensk"},
		{"api-search", "/api/search?q=zelensk&limit=8"},
		{"entity", "/entity?id=" + ent},
		{"fact", "/fact?id=" + fact},
		{"doc", "/doc?id=" + doc},
		{"docs", "/docs"},
		{"neighbourhood-1", "/neighbourhood?id=" + ent},
		{"neighbourhood-2", "/neighbourhood?id=" + ent + "&hops=2"},
		{"docgraph-svg", "/api/docgraph?id=" + doc + "&format=svg"},
		{"path", "/path?a_id=" + ent + "&b_id=" + envOr("NEWSGRAPH_WEB_ENTITY2", "joe_biden")},
	} {
		b.Run(p.name, func(b *testing.B) {
			cpu0 := cpuTime()
			for i := 0; i < b.N; i++ {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, p.url, nil))
				if w.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", p.url, w.Code, w.Body.String())
				}
			}
			// CPU time per page, which a loaded machine does not inflate
			// as it does the wall time (ns/op).
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
		})
	}
}

// cpuTime is the process's user + system CPU time in nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
