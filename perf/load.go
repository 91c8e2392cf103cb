package main

import (
	"fmt"
	"math"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// Load is what one load of one target measured.
type Load struct {
	Concurrency int `json:"concurrency"`
	// Closed loop: Concurrency workers, each sending its next request when
	// the last is answered.
	Requests   uint64  `json:"requests"`
	Throughput float64 `json:"throughputPerSecond"`
	P50        float64 `json:"p50Ms"`
	P99        float64 `json:"p99Ms"`
	// Open loop: requests sent at a constant rate (OpenRate, 0.7 × the
	// closed-loop throughput), each timed from when it was due, with as
	// many workers as it takes, so that a slow answer does not hold back
	// the next (no coordinated omission).
	OpenRate     float64 `json:"openRatePerSecond"`
	OpenRequests uint64  `json:"openRequests"`
	OpenP50      float64 `json:"openP50Ms"`
	OpenP99      float64 `json:"openP99Ms"`
	// CPU is the target's CPU time per request in the closed loop, in
	// milliseconds; DBCPU the database server's (MySQL only).
	CPU   float64 `json:"cpuMsPerRequest"`
	DBCPU float64 `json:"dbCpuMsPerRequest,omitempty"`
	// LoadStatements is the SQL statements per request over the closed
	// loop (from /debug/stats before and after it): more than the count of
	// requests sent one at a time when batches split under load.
	LoadStatements float64 `json:"statementsPerRequestUnderLoad,omitempty"`
}

// openFraction is the rate of the open-loop load, as a fraction of the
// closed-loop throughput at the same concurrency.
const openFraction = 0.7

// load measures a target at a concurrency: closed loop, then open loop.
func load(p *process, t vegeta.Target, c int, d time.Duration, dbPID int) (Load, error) {
	out, err := closedLoad(p, t, c, d, dbPID)
	if err != nil {
		return out, err
	}
	out.OpenRate = math.Max(openFraction*out.Throughput, 0.1)
	open := vegeta.NewAttacker(vegeta.Workers(uint64(c)), vegeta.Connections(4*c), vegeta.KeepAlive(true), vegeta.Timeout(10*time.Minute))
	per := 1000 * time.Second
	om, err := attack(open, t, vegeta.Rate{Freq: int(math.Round(out.OpenRate * 1000)), Per: per}, d)
	if err != nil {
		return out, fmt.Errorf("%s at %.1f requests a second: %w", p.name, out.OpenRate, err)
	}
	out.OpenRequests, out.OpenP50, out.OpenP99 = om.Requests, ms(om.Latencies.P50), ms(om.Latencies.P99)
	return out, p.alive()
}

// closedLoad is the closed loop of load alone: c workers for d.
func closedLoad(p *process, t vegeta.Target, c int, d time.Duration, dbPID int) (Load, error) {
	out := Load{Concurrency: c}
	stmtsBefore, err := p.statements()
	if err != nil {
		return out, err
	}
	before, dbBefore := p.usage(), pidCPU(dbPID)
	atk := vegeta.NewAttacker(vegeta.Workers(uint64(c)), vegeta.MaxWorkers(uint64(c)), vegeta.Connections(c),
		vegeta.KeepAlive(true), vegeta.Timeout(10*time.Minute))
	m, err := attack(atk, t, vegeta.Rate{}, d)
	if err != nil {
		return out, fmt.Errorf("%s at concurrency %d: %w", p.name, c, err)
	}
	after, dbAfter := p.usage(), pidCPU(dbPID)
	stmtsAfter, err := p.statements()
	if err != nil {
		return out, err
	}
	if m.Requests > 0 {
		out.LoadStatements = float64(stmtsAfter-stmtsBefore) / float64(m.Requests)
	}
	out.Requests, out.Throughput = m.Requests, m.Throughput
	out.P50, out.P99 = ms(m.Latencies.P50), ms(m.Latencies.P99)
	if m.Requests > 0 {
		out.CPU = ms(after.CPU-before.CPU) / float64(m.Requests)
		if dbPID > 0 {
			out.DBCPU = ms(dbAfter-dbBefore) / float64(m.Requests)
		}
	}
	return out, p.alive()
}

// attack runs one vegeta attack; any failed request fails it.
func attack(atk *vegeta.Attacker, t vegeta.Target, rate vegeta.Rate, d time.Duration) (*vegeta.Metrics, error) {
	var m vegeta.Metrics
	for res := range atk.Attack(vegeta.NewStaticTargeter(t), rate, d, "perf") {
		m.Add(res)
	}
	m.Close()
	if m.Success < 1 {
		return &m, fmt.Errorf("%.1f%% of %d requests failed: %v (status codes %v)", 100*(1-m.Success), m.Requests, m.Errors, m.StatusCodes)
	}
	return &m, nil
}

func ms(d time.Duration) float64 { return math.Round(float64(d.Microseconds())) / 1000 }
