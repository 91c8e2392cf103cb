package coverage

import (
	"fmt"
	"testing"

	"alliance"
)

// synthetic builds a portfolio of n clients, each with four objectives of
// four requirements, over 100 services; every requirement has two
// commitments and every service four months of two metrics.
func synthetic(n int) *Snapshot {
	w := newWorld()
	var services []*alliance.Service
	for i := range 100 {
		l := live
		if i%10 == 9 {
			l = planned_
		}
		s := w.service(fmt.Sprintf("Service %03d", i), l, "1000.00", capacity(n/2), lv("availability", 99.9+float64(i%5)/100), lv("response_minutes", float64(10+i%20)))
		for m := 1; m <= 4; m++ {
			w.measure(s, "availability", 99.8+float64((i+m)%4)/20, m, m)
			w.measure(s, "response_minutes", float64(8+(i+m)%15), m, m)
		}
		services = append(services, s)
	}
	prio := []alliance.Priority{must, should, could}
	for c := range n {
		cl := w.client(fmt.Sprintf("Client %05d", c), alliance.Active, "120000.00")
		for o := range 4 {
			ob := w.objective(cl, fmt.Sprintf("Objective %d", o))
			for r := range 4 {
				req := w.requirement(ob, fmt.Sprintf("Requirement %d", r), prio[(c+o+r)%3], lv("availability", 99.9), lv("response_minutes", 15))
				w.commit(req, services[(c+o*4+r)%100], 60, 1)
				w.commit(req, services[(c*7+o+r)%100], 40, 1)
			}
		}
	}
	return &w.s
}

// BenchmarkEvaluate evaluates whole portfolios; the time per requirement
// should not grow with the size (the rules are linear).
func BenchmarkEvaluate(b *testing.B) {
	for _, n := range []int{250, 1000, 4000} {
		snap := synthetic(n)
		b.Run(fmt.Sprintf("clients=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Evaluate(snap)
			}
			reqs := float64(len(snap.Requirements))
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/reqs, "ns/requirement")
			b.ReportMetric(reqs, "requirements")
		})
	}
}

// BenchmarkImpact recomputes the portfolio as if one service were retired.
func BenchmarkImpact(b *testing.B) {
	e := Evaluate(synthetic(1000))
	for b.Loop() {
		if _, ok := e.Impact(e.Snapshot().Services[3].ID); !ok {
			b.Fatal("no impact")
		}
	}
}
