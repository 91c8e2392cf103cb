package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"alliance/db"
	"alliance/prom"
)

// serveFlags are the flags of serve: every setting, so that a setting added
// to the list is one serve takes (the other commands take a few).
func serveFlags() []string {
	names := make([]string, len(settings))
	for i, s := range settings {
		names[i] = s.flag
	}
	return names
}

// writeTimeout bounds how long the server spends writing one answer (a
// streamed report renews it with every page it sends), so that a client that
// stops reading cannot hold a request's memory for ever.
const writeTimeout = 2 * time.Minute

func serveCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	c, _, err := parseConfig("serve", serveFlags(), args, getenv)
	if err != nil {
		return err
	}
	log, err := newLogger(c, stderr)
	if err != nil {
		return err
	}
	if err := checkServeConfig(c); err != nil {
		return err
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
	// Nobody could sign in to a fresh database (no user, no token): it gets
	// a setup link, printed last (see printSetupLink).
	fresh, err := d.Fresh(ctx)
	if err != nil {
		return err
	}
	demoLoaded := false
	if c.Demo {
		sum, err := seedDemo(ctx, d)
		switch {
		case err != nil:
			return err
		case sum == nil:
			log.Info("database is not empty: demo portfolio not loaded")
		default:
			demoLoaded = true
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
		WriteTimeout:      writeTimeout,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	base := "http://" + displayAddr(ln.Addr())
	if c.PublicURL != "" {
		base = strings.TrimRight(c.PublicURL, "/")
	}
	fmt.Fprintf(stdout, "Alliance is running at %s/ (GraphiQL: %s/graphiql)\n", base, base)
	if demoLoaded {
		if err := addDemoUsers(ctx, d, stdout); err != nil {
			return err
		}
	}
	if !c.Auth {
		fmt.Fprintln(stdout, "Authentication is off: anyone who can reach this address may read and change everything.")
	} else if secret, err := d.EnsureFirstAdmin(ctx); err != nil {
		return fmt.Errorf("first admin token: %w", err)
	} else if secret != "" {
		// Printed once, here only: the token travels in the URL fragment,
		// which browsers never send to the server.
		fmt.Fprintf(stdout, "No API token existed, so an admin token named %q was made. Sign in (shown once): %s/#token=%s\n",
			db.FirstAdminName, base, secret)
	}
	if fresh && c.Auth {
		if err := printSetupLink(ctx, d, base, stdout); err != nil {
			return err
		}
	}
	log.Info("listening", "addr", ln.Addr().String(), "auth", c.Auth)

	stopPulling := startPuller(ctx, d, c, log)
	defer stopPulling()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Shutdown closes the listener at once (a new connection is refused)
	// and waits for every request it accepted to be answered; after the
	// timeout it cuts the connections still open. The puller stops after,
	// and the database closes last (deferred above): no request in flight
	// ever finds it closed.
	log.Info("shutting down", "timeout", c.ShutdownTimeout)
	began := time.Now()
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.ShutdownTimeout)
	defer cancel()
	err = srv.Shutdown(sctx)
	if err != nil {
		srv.Close()
		err = fmt.Errorf("shutdown: the requests in flight did not finish within --shutdown-timeout %s; their connections were cut", c.ShutdownTimeout)
	}
	stopPulling()
	if err != nil {
		return err
	}
	log.Info("stopped", "drained_in", time.Since(began).Round(time.Millisecond))
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

// checkServeConfig refuses settings that cannot be served safely.
func checkServeConfig(c *config) error {
	for _, o := range c.CORSOrigins {
		if o == "*" || strings.Contains(o, "*") {
			return errors.New("cors-origins: list the exact origins (https://reports.example.com); a wildcard is refused")
		}
		if u, err := url.Parse(o); err != nil || u.Scheme == "" || u.Host == "" || (u.Path != "" && u.Path != "/") {
			return fmt.Errorf("cors-origins: %q is not an origin such as https://reports.example.com", o)
		}
	}
	if c.MetricsToken != "" && len(c.MetricsToken) < 16 {
		return errors.New("metrics-token: want at least 16 characters (a random secret, such as the output of `openssl rand -hex 16`)")
	}
	if c.PullInterval != 0 && c.PullInterval < time.Second {
		return fmt.Errorf("pull-interval: want 0 (no pulling) or at least 1s, not %s", c.PullInterval)
	}
	if c.LoaderWait < 0 {
		return fmt.Errorf("loader-wait: want 0 or more, not %s", c.LoaderWait)
	}
	if !c.Auth && !loopbackOnly(c.Addr) {
		return fmt.Errorf("auth: authentication may be turned off only when listening on loopback (127.0.0.1:PORT, [::1]:PORT or localhost:PORT), not %s", c.Addr)
	}
	if err := checkSignInConfig(c); err != nil {
		return err
	}
	if c.PublicURL != "" {
		if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("public-url: %q is not an address such as https://alliance.example.com", c.PublicURL)
		}
	}
	return nil
}

// loopbackOnly reports whether a listen address takes connections from this
// machine only.
func loopbackOnly(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// startPuller runs the Prometheus puller every pull-interval (not at all for
// 0) and returns the function that stops it: it ends its round, releases
// the lease, and returns.
func startPuller(ctx context.Context, d *db.DB, c *config, log *slog.Logger) func() {
	if c.PullInterval == 0 {
		return func() {}
	}
	ctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan struct{})
	p := &prom.Puller{Store: d, Clock: clock, Log: log}
	go func() {
		defer close(done)
		p.Run(ctx, c.PullInterval)
	}()
	return func() {
		cancel()
		<-done
	}
}
