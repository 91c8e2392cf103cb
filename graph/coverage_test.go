package graph_test

import (
	"encoding/json"
	"fmt"
	"testing"
)

func level(metric string, v float64) map[string]any {
	return map[string]any{"metric": metric, "value": v}
}

// history returns the scores of a client's history, oldest first, as text.
func (a *api) history(client string) string {
	a.t.Helper()
	var out struct {
		Client struct{ ScoreHistory []struct{ Score *float64 } }
	}
	a.ok(`query($id: ID!) { client(id: $id) { scoreHistory { at score } } }`, map[string]any{"id": client}, &out)
	s := ""
	for i, p := range out.Client.ScoreHistory {
		if i > 0 {
			s += " "
		}
		if p.Score == nil {
			s += "null"
		} else {
			s += fmt.Sprint(*p.Score)
		}
	}
	return s
}

func TestComputedFields(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		acme := a.id(createClient, in(map[string]any{"name": "Acme", "annualContractValue": "120000.00"}))
		o := a.id(createObjective, in(map[string]any{"clientId": acme, "title": "Sell online"}))
		uptime := a.id(createRequirement, in(map[string]any{"objectiveId": o, "title": "Shop up 99.9%", "priority": "MUST",
			"targets": []any{level("availability", 99.9)}}))
		support := a.id(createRequirement, in(map[string]any{"objectiveId": o, "title": "24/7 support", "priority": "SHOULD",
			"targets": []any{level("support_hours", 168)}}))
		hosting := a.id(createService, in(map[string]any{"name": "Hosting", "monthlyCost": "1000.00", "capacity": 2,
			"designedLevels": []any{level("availability", 99.95)}}))
		desk := a.id(createService, in(map[string]any{"name": "Office desk", "monthlyCost": "300.00",
			"designedLevels": []any{level("support_hours", 45)}}))
		a.id(createService, in(map[string]any{"name": "Idle", "monthlyCost": "50.00"}))
		holds := a.id(createCommitment, in(map[string]any{"requirementId": uptime, "serviceId": hosting}))
		fails := a.id(createCommitment, in(map[string]any{"requirementId": support, "serviceId": desk}))

		const query = `query($c: ID!, $o: ID!, $ok: ID!, $ko: ID!, $s: ID!) {
			client(id: $c) { score statusCounts { status count } monthlyCostToServe monthlyMargin
				objectives { score requirements { title coverage { status percent
					shortfalls { service { name } metric { key } required designed measured } } } } }
			objective(id: $o) { score }
			holds: commitment(id: $ok) { holds }
			fails: commitment(id: $ko) { holds }
			service(id: $s) { committedUnits oversubscribed orphan }
			portfolio { score annualContractValue monthlyServiceCost orphanMonthlyCost statusCounts { status count } } }`
		var out struct {
			Client struct {
				Score        *float64
				StatusCounts []struct {
					Status string
					Count  int
				}
				MonthlyCostToServe, MonthlyMargin string
				Objectives                        []struct {
					Score        *float64
					Requirements []struct {
						Title    string
						Coverage struct {
							Status     string
							Percent    float64
							Shortfalls []struct {
								Service            struct{ Name string }
								Metric             struct{ Key string }
								Required           float64
								Designed, Measured *float64
							}
						}
					}
				}
			}
			Objective    struct{ Score *float64 }
			Holds, Fails struct{ Holds bool }
			Service      struct {
				CommittedUnits         int
				Oversubscribed, Orphan bool
			}
			Portfolio struct {
				Score                                                      *float64
				AnnualContractValue, MonthlyServiceCost, OrphanMonthlyCost string
				StatusCounts                                               []struct {
					Status string
					Count  int
				}
			}
		}
		a.ok(query, map[string]any{"c": acme, "o": o, "ok": holds, "ko": fails, "s": hosting}, &out)
		c := out.Client
		// (3 × 100 + 2 × 0) / 5 = 60
		if *c.Score != 60 || *out.Objective.Score != 60 || *c.Objectives[0].Score != 60 || *out.Portfolio.Score != 60 {
			t.Fatalf("scores %v %v %v", *c.Score, *out.Objective.Score, *out.Portfolio.Score)
		}
		counts, _ := json.Marshal(c.StatusCounts)
		if string(counts) != `[{"Status":"COVERED","Count":1},{"Status":"PARTIAL","Count":0},{"Status":"UNDER_DELIVERED","Count":0},{"Status":"OVERPROMISED","Count":1},{"Status":"PLANNED","Count":0},{"Status":"GAP","Count":0}]` {
			t.Fatalf("status counts %s", counts)
		}
		if c.MonthlyCostToServe != "1300.00" || c.MonthlyMargin != "8700.00" {
			t.Fatalf("cost %s, margin %s", c.MonthlyCostToServe, c.MonthlyMargin)
		}
		reqs := c.Objectives[0].Requirements // by title: "24/7 support", "Shop up 99.9%"
		if reqs[0].Coverage.Status != "OVERPROMISED" || reqs[0].Coverage.Percent != 0 || reqs[1].Coverage.Status != "COVERED" || reqs[1].Coverage.Percent != 100 {
			t.Fatalf("coverage %+v", reqs)
		}
		sf := reqs[0].Coverage.Shortfalls
		if len(sf) != 1 || sf[0].Service.Name != "Office desk" || sf[0].Metric.Key != "support_hours" || sf[0].Required != 168 || *sf[0].Designed != 45 || sf[0].Measured != nil {
			t.Fatalf("shortfalls %+v", sf)
		}
		if !out.Holds.Holds || out.Fails.Holds {
			t.Fatal("holds")
		}
		if out.Service.CommittedUnits != 1 || out.Service.Oversubscribed || out.Service.Orphan {
			t.Fatalf("service %+v", out.Service)
		}
		p := out.Portfolio
		if p.AnnualContractValue != "120000.00" || p.MonthlyServiceCost != "1350.00" || p.OrphanMonthlyCost != "50.00" {
			t.Fatalf("portfolio %+v", p)
		}

		// A measurement below the target: under-delivered, and the score
		// falls to 0; every move is in the history.
		a.id(recordMeasurement, in(map[string]any{"serviceId": hosting, "metric": "availability", "value": 99.5,
			"periodStart": "2026-09-01T00:00:00Z", "periodEnd": "2026-10-01T00:00:00Z"}))
		var after struct {
			Requirement struct{ Coverage struct{ Status string } }
			Client      struct{ Score *float64 }
		}
		a.ok(`query($r: ID!, $c: ID!) { requirement(id: $r) { coverage { status } } client(id: $c) { score } }`,
			map[string]any{"r": uptime, "c": acme}, &after)
		if after.Requirement.Coverage.Status != "UNDER_DELIVERED" || *after.Client.Score != 0 {
			t.Fatalf("after the measurement: %+v", after)
		}
		// Created (null), a requirement (0), the holding commitment (60), the
		// measurement (0); the second requirement, the failing commitment and
		// the services did not move the score.
		if h := a.history(acme); h != "null 0 60 0" {
			t.Fatalf("history %q", h)
		}
	})
}

// Changes to a service, a measurement or a metric move many clients at once:
// each client whose score moved gets a point, the others none.
func TestScoreHistoryOfSharedChanges(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		hosting := a.id(createService, in(map[string]any{"name": "Hosting", "designedLevels": []any{level("availability", 99.95)}}))
		var clients []string
		for i, target := range []float64{99.9, 99.99, 99.99} {
			c := a.id(createClient, in(map[string]any{"name": fmt.Sprintf("Client %d", i)}))
			o := a.id(createObjective, in(map[string]any{"clientId": c, "title": "Stay up"}))
			r := a.id(createRequirement, in(map[string]any{"objectiveId": o, "title": "Uptime", "priority": "MUST",
				"targets": []any{level("availability", target)}}))
			a.id(createCommitment, in(map[string]any{"requirementId": r, "serviceId": hosting}))
			clients = append(clients, c)
		}
		bystander := a.id(createClient, in(map[string]any{"name": "Bystander"}))
		want := []string{"null 0 100", "null 0", "null 0"} // 99.95 meets 99.9, not 99.99
		check := func(step string) {
			t.Helper()
			for i, c := range clients {
				if h := a.history(c); h != want[i] {
					t.Fatalf("%s: client %d history %q, want %q", step, i, h, want[i])
				}
			}
			if h := a.history(bystander); h != "null" {
				t.Fatalf("%s: the bystander's history moved: %q", step, h)
			}
		}
		check("set-up")

		// The metric: lower is better now, so 99.95 meets 99.99 but not 99.9.
		a.ok(`mutation { updateMetric(key: "availability", input: {direction: LOWER_IS_BETTER}) { key } }`, nil, nil)
		want = []string{"null 0 100 0", "null 0 100", "null 0 100"}
		check("metric direction")
		a.ok(`mutation { updateMetric(key: "availability", input: {direction: HIGHER_IS_BETTER, name: "Uptime"}) { key } }`, nil, nil)
		want = []string{"null 0 100 0 100", "null 0 100 0", "null 0 100 0"}
		check("metric back")
		a.ok(`mutation { updateMetric(key: "availability", input: {name: "Availability"}) { key } }`, nil, nil)
		check("metric name only")

		// A measurement that misses: only the client it covered falls.
		a.id(recordMeasurement, in(map[string]any{"serviceId": hosting, "metric": "availability", "value": 99.0,
			"periodStart": "2026-09-01T00:00:00Z", "periodEnd": "2026-10-01T00:00:00Z"}))
		want = []string{"null 0 100 0 100 0", "null 0 100 0", "null 0 100 0"}
		check("measurement")

		// The service retires: nobody's score changes any more (all 0), so
		// no point; planned back: still 0.
		a.ok(`mutation($id: ID!) { updateService(id: $id, input: {lifecycle: RETIRED}) { id } }`, map[string]any{"id": hosting}, nil)
		check("retired")
		// Deleting the measurement and bringing the service back live
		// restores the first client's coverage.
		a.ok(`mutation($id: ID!) { updateService(id: $id, input: {lifecycle: LIVE}) { id } }`, map[string]any{"id": hosting}, nil)
		a.ok(`mutation { deleteMeasurement(id: "1") }`, nil, nil)
		want = []string{"null 0 100 0 100 0 100", "null 0 100 0", "null 0 100 0"}
		check("measurement removed")

		// A refused change records nothing.
		points := a.count("score_points")
		a.fails(createCommitment, in(map[string]any{"requirementId": "1", "serviceId": hosting}), "CONFLICT", "")
		if a.count("score_points") != points {
			t.Fatal("a refused change recorded a point")
		}
		// Deleting the service moves every committed client to GAP.
		a.ok(`mutation($id: ID!) { deleteService(id: $id) }`, map[string]any{"id": hosting}, nil)
		want = []string{"null 0 100 0 100 0 100 0", "null 0 100 0", "null 0 100 0"}
		check("service deleted")
	})
}
