// Command alliance runs Alliance: the GraphQL API, its GraphiQL page and the
// web app over an embedded SQLite file (the default) or MySQL/MariaDB.
//
// Usage:
//
//	alliance [serve] [--addr HOST:PORT] [--db URL] [--demo]   run the server (the default command)
//	alliance migrate [--db URL]                               bring the schema to the latest version
//	alliance seed --demo [--db URL]                           load the demo portfolio into an empty database
//
// Every flag can also be set by an environment variable (ALLIANCE_ADDR,
// ALLIANCE_DB, ALLIANCE_DEMO, ...); see `alliance help`.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "alliance:", err)
		os.Exit(1)
	}
}
