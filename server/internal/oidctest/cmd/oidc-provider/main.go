// Command oidc-provider runs the test OpenID provider of package oidctest
// until it is stopped (SIGTERM or SIGINT), for the browser tests: their
// global setup starts it before the Alliance server. It prints
// "OpenID provider running at ISSUER" once it listens. It is a test tool,
// never part of the alliance program.
//
//	oidc-provider --client-id alliance --client-secret S \
//	    --redirect 'http://127.0.0.1:*/api/oidc/callback' \
//	    --user 'ada:ada-pw:ada@example.com:Ada Lovelace:staff,sales'
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"alliance/server/internal/oidctest"
)

type list []string

func (l *list) String() string     { return strings.Join(*l, " ") }
func (l *list) Set(s string) error { *l = append(*l, s); return nil }

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "oidc-provider:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("oidc-provider", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:0", "address to listen on")
	id := fs.String("client-id", "", "the client's id")
	secret := fs.String("client-secret", "", "the client's secret")
	var redirects, users list
	fs.Var(&redirects, "redirect", "a redirect URI of the client, or a glob of them (repeatable)")
	fs.Var(&users, "user", "LOGIN:PASSWORD:EMAIL:NAME[:GROUP,GROUP…], a user (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	p, err := oidctest.Start(oidctest.Options{Addr: *addr, ClientID: *id, ClientSecret: *secret, RedirectURIs: redirects})
	if err != nil {
		return err
	}
	defer p.Close()
	for _, u := range users {
		parts := strings.SplitN(u, ":", 5)
		if len(parts) < 4 {
			return errors.New("--user: want LOGIN:PASSWORD:EMAIL:NAME[:GROUPS]")
		}
		user := oidctest.User{Login: parts[0], Password: parts[1], Email: parts[2], EmailVerified: true, Name: parts[3]}
		if len(parts) == 5 && parts[4] != "" {
			user.Claims = map[string]any{"groups": strings.Split(parts[4], ",")}
		}
		p.AddUser(user)
	}
	fmt.Printf("OpenID provider running at %s\n", p.Issuer)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	return nil
}
