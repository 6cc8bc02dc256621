package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries/web"
)

func newServeCmd(g *globals) *cobra.Command {
	var (
		addr       string
		writable   bool
		allowGizmo bool
		gizmoTime  time.Duration
		gizmoLimit int
		timeout    time.Duration
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve a web view of the graph: search, entities, facts with their sources, pictures",
		Long: `serve answers on --addr (127.0.0.1:8080: this machine only) with pages for search, entities,
documents, the source sentence of every fact, pictures of an entity's neighbourhood and of an
article, paths between entities, and a JSON API behind each page (docs/web.md). The store is
opened read-only unless --writable; the Gizmo console is off unless --allow-gizmo.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withStore(cmd, !writable, func(ctx context.Context, st *graph.Store) error {
				srv, err := web.New(ctx, st, web.Options{Writable: writable, AllowGizmo: allowGizmo,
					GizmoTimeout: gizmoTime, GizmoLimit: gizmoLimit, RequestTimeout: timeout,
					Log: log.New(cmd.ErrOrStderr(), "serve: ", log.LstdFlags)})
				if err != nil {
					return err
				}
				ln, err := net.Listen("tcp", addr)
				if err != nil {
					return fmt.Errorf("serve: %w", err)
				}
				hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 5 * time.Second,
					ReadTimeout: 10 * time.Second, WriteTimeout: timeout + gizmoTime + 5*time.Second,
					IdleTimeout: 60 * time.Second, MaxHeaderBytes: 64 << 10}
				fmt.Fprintf(cmd.OutOrStdout(), "serving %s on http://%s/ (Ctrl-C to stop)\n", st.Path(), ln.Addr())
				done := make(chan error, 1)
				go func() { done <- hs.Serve(ln) }()
				select {
				case err := <-done:
					return err
				case <-ctx.Done():
					sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
					defer cancel()
					if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
						return err
					}
					return nil
				}
			})
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on (host:port; 0.0.0.0:8080 opens it to the network)")
	cmd.Flags().BoolVar(&writable, "writable", false, "open the store for writing and enable POST /api/remove")
	cmd.Flags().BoolVar(&allowGizmo, "allow-gizmo", false, "enable the Gizmo console (/gizmo, POST /api/gizmo)")
	cmd.Flags().DurationVar(&gizmoTime, "gizmo-timeout", web.DefaultGizmoTimeout, "time limit of one Gizmo query")
	cmd.Flags().IntVar(&gizmoLimit, "gizmo-limit", web.DefaultGizmoLimit, "most results of one Gizmo query")
	cmd.Flags().DurationVar(&timeout, "timeout", web.DefaultRequestTimeout, "time limit of every other request")
	return cmd
}
