package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"alliance/db"
)

var serveFlags = []string{"addr", "db", "demo", "cors-origins", "log-format", "log-level", "max-body-bytes", "parser-token-limit", "shutdown-timeout"}

func serveCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	c, _, err := parseConfig("serve", serveFlags, args, getenv)
	if err != nil {
		return err
	}
	log, err := newLogger(c, stderr)
	if err != nil {
		return err
	}
	for _, o := range c.CORSOrigins {
		if o == "*" {
			return errors.New("cors-origins: list the exact origins (https://reports.example.com); a wildcard is refused")
		}
	}
	d, err := openDB(ctx, c, log)
	if err != nil {
		return err
	}
	defer d.Close()
	log.Info("database ready", "db", db.Redact(c.DB))

	if c.BootstrapToken != "" {
		if err := d.EnsureBootstrapToken(ctx, c.BootstrapToken); err != nil {
			return fmt.Errorf("ALLIANCE_BOOTSTRAP_TOKEN: %w", err)
		}
		log.Info("bootstrap admin token stored", "token", db.BootstrapTokenName)
	}
	if c.Demo {
		sum, err := seedDemo(ctx, d)
		switch {
		case err != nil:
			return err
		case sum == nil:
			log.Info("database is not empty: demo portfolio not loaded")
		default:
			log.Info("demo portfolio loaded", "clients", sum.Clients, "services", sum.Services, "requirements", sum.Requirements)
		}
	}

	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", c.Addr, err)
	}
	srv := &http.Server{
		Handler:           newServer(d, c, log),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	url := "http://" + displayAddr(ln.Addr())
	fmt.Fprintf(stdout, "Alliance is running at %s/ (GraphiQL: %s/graphiql)\n", url, url)
	log.Info("listening", "addr", ln.Addr().String())

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout", c.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}

// displayAddr is the address to print for users: a wildcard listener is
// reached on 127.0.0.1.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	if tcp.IP.IsUnspecified() {
		return fmt.Sprintf("127.0.0.1:%d", tcp.Port)
	}
	return tcp.String()
}
