// Command perf measures Alliance against a floor: on a portfolio made by
// `alliance generate` at a given scale, on SQLite or MariaDB/MySQL, it starts
// the real server binary and a minimal hand-written handler over the same
// database (the floor, this program run as `perf floor`, in a process of its
// own), checks that both answer every query alike, and then loads both with
// vegeta: throughput and latency at concurrency 1 and 16, bytes, SQL
// statements, CPU seconds per request and resident memory, each as a ratio
// to the floor. It also times the whole-portfolio report (Q2) and writes
// followed by the reads that must show them (W1).
//
// Usage:
//
//	go run ./perf --db sqlite --clients 1000 --out perf.json
//	go run ./perf --db mysql --clients 1000 --duration 5s
//
// See docs/PERFORMANCE.md for what each figure means and what limits it.
package main
