// Package coverage holds the coverage rules of Alliance, exactly as
// docs/coverage.md states them: whether a commitment holds, each
// requirement's status, percent and shortfalls, the scores of objectives,
// clients and the portfolio, the cost to serve and margin of each client, the
// state of each service, the gap list, the impact of retiring a service and
// the services that meet a set of targets.
//
// The rules are plain Go over plain values: a Snapshot of the map goes in, an
// Evaluation comes out. Nothing here reads a database or knows GraphQL. Every
// computation is linear in the size of the snapshot.
package coverage
