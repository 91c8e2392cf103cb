package graph_test

import (
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"slices"
	"sort"
	"testing"
	"time"

	"alliance"
	"alliance/graph"
)

const evidenceFields = `evidence { judged latestAt stale reason metrics { metric { key } latestAt freshnessDays stale staleSince } }`

type evidenceOut struct {
	Judged   bool
	LatestAt *time.Time
	Stale    bool
	Reason   *string
	Metrics  []struct {
		Metric        struct{ Key string }
		LatestAt      *time.Time
		FreshnessDays int
		Stale         bool
		StaleSince    *time.Time
	}
}

func (a *api) evidence(commitment string) evidenceOut {
	a.t.Helper()
	var out struct {
		Commitment struct{ Evidence evidenceOut }
	}
	a.ok(`query($id: ID!) { commitment(id: $id) { `+evidenceFields+` } }`, map[string]any{"id": commitment}, &out)
	return out.Commitment.Evidence
}

// clock is a fixed time the tests move by hand.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

func (a *api) fixClock(at time.Time) *clock {
	c := &clock{now: at}
	a.db.SetClock(c.Now)
	return c
}

func (a *api) measure(service, metric string, end time.Time, value float64) {
	a.t.Helper()
	a.ok(recordMeasurement, in(map[string]any{"serviceId": service, "metric": metric, "value": value,
		"periodStart": end.AddDate(0, 0, -1).Format(time.RFC3339), "periodEnd": end.Format(time.RFC3339)}), nil)
}

// staleCounts are the stale figures a query sees: the portfolio's count,
// each client's, the filtered requirements and the list.
type staleCounts struct {
	portfolio     int
	clients       map[string]int
	staleReqs     []string
	freshReqs     []string
	listed        []string
	listedTotal   int
	listedPerPage []string
}

func (a *api) staleCounts() staleCounts {
	a.t.Helper()
	var out struct {
		Portfolio struct{ StaleCommitments int }
		Clients   struct {
			Nodes []struct {
				ID               string
				StaleCommitments int
			}
		}
		Stale, Fresh struct {
			TotalCount int
			Nodes      []struct{ ID string }
		}
		CommitmentsWithStaleEvidence struct {
			TotalCount int
			Nodes      []struct{ ID string }
		}
	}
	a.ok(`{ portfolio { staleCommitments } clients(first: 100) { nodes { id staleCommitments } }
		stale: requirements(first: 100, filter: { staleEvidence: true }) { totalCount nodes { id } }
		fresh: requirements(first: 100, filter: { staleEvidence: false }) { totalCount nodes { id } }
		commitmentsWithStaleEvidence(first: 100) { totalCount nodes { id } } }`, nil, &out)
	c := staleCounts{portfolio: out.Portfolio.StaleCommitments, clients: map[string]int{}, listedTotal: out.CommitmentsWithStaleEvidence.TotalCount}
	for _, n := range out.Clients.Nodes {
		c.clients[n.ID] = n.StaleCommitments
	}
	for _, n := range out.Stale.Nodes {
		c.staleReqs = append(c.staleReqs, n.ID)
	}
	for _, n := range out.Fresh.Nodes {
		c.freshReqs = append(c.freshReqs, n.ID)
	}
	for _, n := range out.CommitmentsWithStaleEvidence.Nodes {
		c.listed = append(c.listed, n.ID)
	}
	if out.Stale.TotalCount != len(c.staleReqs) || out.Fresh.TotalCount != len(c.freshReqs) {
		a.t.Fatalf("totalCount %d and %d for pages of %d and %d", out.Stale.TotalCount, out.Fresh.TotalCount, len(c.staleReqs), len(c.freshReqs))
	}
	return c
}

func TestStaleEvidenceAtTheWindowsEdge(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		start := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
		clk := a.fixClock(start)
		tr := a.tree("Edge")
		// No measurement at all: stale, with nothing to date it by.
		e := a.evidence(tr.commitment)
		if !e.Judged || !e.Stale || e.LatestAt != nil || len(e.Metrics) != 1 || e.Metrics[0].StaleSince != nil ||
			e.Reason == nil || *e.Reason != "No measurement of availability yet; the window is 45 days." {
			t.Fatalf("evidence without measurements: %+v (reason %v)", e, deref(e.Reason))
		}
		// A measurement that ended exactly 45 days before now is fresh: the
		// edge is inside the window.
		edge := start.AddDate(0, 0, -45)
		a.measure(tr.service, "availability", edge, 99.95)
		e = a.evidence(tr.commitment)
		if e.Stale || e.Reason != nil || e.LatestAt == nil || !e.LatestAt.Equal(edge) || e.Metrics[0].Stale || e.Metrics[0].StaleSince != nil ||
			e.Metrics[0].FreshnessDays != 45 || e.Metrics[0].Metric.Key != "availability" {
			t.Fatalf("at the edge: %+v", e)
		}
		if c := a.staleCounts(); c.portfolio != 0 || c.clients[tr.client] != 0 || len(c.staleReqs) != 0 || len(c.listed) != 0 {
			t.Fatalf("counts at the edge: %+v", c)
		}
		// One second later it is stale, since the edge.
		clk.now = start.Add(time.Second)
		e = a.evidence(tr.commitment)
		if !e.Stale || e.Metrics[0].StaleSince == nil || !e.Metrics[0].StaleSince.Equal(start) || !e.LatestAt.Equal(edge) ||
			e.Reason == nil || *e.Reason != "No measurement of availability since 17 Oct; the window is 45 days." {
			t.Fatalf("a second past the edge: %+v (reason %v)", e, deref(e.Reason))
		}
		c := a.staleCounts()
		if c.portfolio != 1 || c.clients[tr.client] != 1 || !slices.Equal(c.staleReqs, []string{tr.requirement}) ||
			!slices.Equal(c.listed, []string{tr.commitment}) || c.listedTotal != 1 || slices.Contains(c.freshReqs, tr.requirement) {
			t.Fatalf("counts a second past the edge: %+v", c)
		}
		// The same holds for the lists at the edge itself.
		clk.now = start
		if c := a.staleCounts(); c.portfolio != 0 || len(c.listed) != 0 || !slices.Contains(c.freshReqs, tr.requirement) {
			t.Fatalf("counts back at the edge: %+v", c)
		}

		t.Run("freshnessDays changed", func(t *testing.T) {
			const update = `mutation($k: String!, $p: MetricPatch!) { updateMetric(key: $k, input: $p) { key freshnessDays } }`
			var out struct{ UpdateMetric struct{ FreshnessDays int } }
			a.ok(update, map[string]any{"k": "availability", "p": map[string]any{"freshnessDays": 44}}, &out)
			if out.UpdateMetric.FreshnessDays != 44 {
				t.Fatalf("freshnessDays %d after the update", out.UpdateMetric.FreshnessDays)
			}
			if e := a.evidence(tr.commitment); !e.Stale || e.Metrics[0].FreshnessDays != 44 || !e.Metrics[0].StaleSince.Equal(start.AddDate(0, 0, -1)) {
				t.Fatalf("with a window of 44 days: %+v", e)
			}
			if c := a.staleCounts(); c.portfolio != 1 || len(c.listed) != 1 {
				t.Fatalf("counts with a window of 44 days: %+v", c)
			}
			for _, bad := range []any{0, -1, 3651, nil} {
				a.fails(update, map[string]any{"k": "availability", "p": map[string]any{"freshnessDays": bad}}, "BAD_USER_INPUT", "freshnessDays")
			}
			var m struct{ Metric struct{ FreshnessDays int } }
			a.ok(`{ metric(key: "availability") { freshnessDays } }`, nil, &m)
			if m.Metric.FreshnessDays != 44 {
				t.Fatalf("a refused update wrote freshnessDays %d", m.Metric.FreshnessDays)
			}
			a.ok(update, map[string]any{"k": "availability", "p": map[string]any{"freshnessDays": 45}}, nil)
			if e := a.evidence(tr.commitment); e.Stale {
				t.Fatalf("back to 45 days: %+v", e)
			}
		})

		t.Run("createMetric", func(t *testing.T) {
			const create = `mutation($in: MetricInput!) { createMetric(input: $in) { key freshnessDays } }`
			var out struct{ CreateMetric struct{ FreshnessDays int } }
			a.ok(create, in(map[string]any{"key": "backup_success", "name": "Backup success", "unit": "percent", "direction": "HIGHER_IS_BETTER"}), &out)
			if out.CreateMetric.FreshnessDays != alliance.DefaultFreshnessDays {
				t.Fatalf("default freshnessDays %d", out.CreateMetric.FreshnessDays)
			}
			a.ok(create, in(map[string]any{"key": "restore_test", "name": "Restore test", "unit": "percent", "direction": "HIGHER_IS_BETTER", "freshnessDays": 3650}), &out)
			if out.CreateMetric.FreshnessDays != 3650 {
				t.Fatalf("freshnessDays %d, want 3650", out.CreateMetric.FreshnessDays)
			}
			before := a.count("metrics")
			a.fails(create, in(map[string]any{"key": "patching", "name": "Patching", "unit": "days", "direction": "LOWER_IS_BETTER", "freshnessDays": 0}), "BAD_USER_INPUT", "freshnessDays")
			if a.count("metrics") != before {
				t.Fatal("a refused createMetric wrote a metric")
			}
		})
	})
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

func TestStaleEvidencePerMetricAndLifecycle(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		now := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
		a.fixClock(now)
		a.ok(`mutation { updateMetric(key: "response_minutes", input: { freshnessDays: 10 }) { key } }`, nil, nil)
		client := a.id(createClient, in(map[string]any{"name": "Windows"}))
		objective := a.id(createObjective, in(map[string]any{"clientId": client, "title": "Support"}))
		requirement := a.id(createRequirement, in(map[string]any{"objectiveId": objective, "title": "Desk",
			"targets": []any{map[string]any{"metric": "availability", "value": 99}, map[string]any{"metric": "response_minutes", "value": 30}}}))
		commit := func(lifecycle string) (service, commitment string) {
			service = a.id(createService, in(map[string]any{"name": "Desk " + lifecycle, "lifecycle": lifecycle}))
			return service, a.id(createCommitment, in(map[string]any{"requirementId": requirement, "serviceId": service}))
		}
		live, liveC := commit("LIVE")
		a.measure(live, "availability", now.AddDate(0, 0, -20), 99.5)
		a.measure(live, "availability", now.AddDate(0, 0, -50), 99.5)
		a.measure(live, "response_minutes", now.AddDate(0, 0, -20), 12)
		// 20 days is within availability's 45 but not response time's 10.
		e := a.evidence(liveC)
		if !e.Stale || len(e.Metrics) != 2 || e.Metrics[0].Metric.Key != "availability" || e.Metrics[0].Stale ||
			e.Metrics[1].Metric.Key != "response_minutes" || !e.Metrics[1].Stale || e.Metrics[1].FreshnessDays != 10 ||
			!e.Metrics[1].StaleSince.Equal(now.AddDate(0, 0, -10)) || !e.LatestAt.Equal(now.AddDate(0, 0, -20)) ||
			deref(e.Reason) != "No measurement of response time since 10 Jun; the window is 10 days." {
			t.Fatalf("per-metric windows: %+v (reason %s)", e, deref(e.Reason))
		}

		// PLANNED and RETIRED services are not judged, measured or not;
		// RETIRING ones are.
		_, plannedC := commit("PLANNED")
		retiring, retiringC := commit("RETIRING")
		_, retiredC := commit("RETIRED")
		for id, judged := range map[string]bool{plannedC: false, retiredC: false, retiringC: true} {
			e := a.evidence(id)
			if e.Judged != judged || e.Stale != judged || len(e.Metrics) != 2 || e.Metrics[0].Stale != judged {
				t.Fatalf("commitment %s: %+v", id, e)
			}
		}
		c := a.staleCounts()
		if c.portfolio != 2 || c.clients[client] != 2 || len(c.listed) != 2 || !slices.Contains(c.listed, liveC) || !slices.Contains(c.listed, retiringC) {
			t.Fatalf("counts: %+v", c)
		}
		a.measure(retiring, "availability", now, 99)
		a.measure(retiring, "response_minutes", now, 10)
		a.measure(live, "response_minutes", now.AddDate(0, 0, -1), 12)
		if c := a.staleCounts(); c.portfolio != 0 || len(c.staleReqs) != 0 || !slices.Contains(c.freshReqs, requirement) {
			t.Fatalf("counts once measured: %+v", c)
		}
		// A PLANNED service that goes live is judged from then on.
		var svc struct {
			Commitment struct{ Service struct{ ID string } }
		}
		a.ok(`query($id: ID!) { commitment(id: $id) { service { id } } }`, map[string]any{"id": plannedC}, &svc)
		a.ok(`mutation($id: ID!) { updateService(id: $id, input: { lifecycle: LIVE }) { id } }`, map[string]any{"id": svc.Commitment.Service.ID}, nil)
		if e := a.evidence(plannedC); !e.Judged || !e.Stale || deref(e.Reason) !=
			"No measurement of availability yet; the window is 45 days. No measurement of response time yet; the window is 10 days." {
			t.Fatalf("gone live: %+v (reason %s)", e, deref(e.Reason))
		}

		// A requirement without targets promises nothing measurable.
		functional := a.id(createRequirement, in(map[string]any{"objectiveId": objective, "title": "Named contact"}))
		fc := a.id(createCommitment, in(map[string]any{"requirementId": functional, "serviceId": live}))
		if e := a.evidence(fc); e.Stale || len(e.Metrics) != 0 || e.LatestAt != nil || !e.Judged {
			t.Fatalf("functional requirement: %+v", e)
		}
	})
}

// A client-limited caller counts and lists only its client's commitments.
func TestStaleEvidenceScoped(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		a.fixClock(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
		one, two := a.tree("One"), a.tree("Two")
		_ = a.tree("Three")
		var id int64
		if _, err := fmt.Sscan(one.client, &id); err != nil {
			t.Fatal(err)
		}
		limited := &alliance.Principal{Name: "limited", Role: alliance.Viewer, ClientID: &id}
		srv := httptest.NewServer(as(limited, graph.NewHandler(a.db, testOptions)))
		defer srv.Close()
		la := &api{t: t, url: srv.URL, db: a.db}
		c := la.staleCounts()
		if c.portfolio != 1 || len(c.clients) != 1 || c.clients[one.client] != 1 || !slices.Equal(c.listed, []string{one.commitment}) ||
			!slices.Equal(c.staleReqs, []string{one.requirement}) || c.listedTotal != 1 {
			t.Fatalf("a client-limited caller: %+v", c)
		}
		if all := a.staleCounts(); all.portfolio != 3 || all.listedTotal != 3 {
			t.Fatalf("an admin: %+v", all)
		}
		// The other client's commitment is not found.
		r := la.post(`query($id: ID!) { commitment(id: $id) { evidence { stale } } }`, map[string]any{"id": two.commitment})
		if len(r.Errors) == 0 && string(r.Data) != `{"commitment":null}` {
			t.Fatalf("another client's commitment: %s", r.Data)
		}
	})
}

// On a generated portfolio, every stale figure equals what a direct
// computation from the measurements says.
func TestStaleEvidenceMatchesADirectComputation(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		now := time.Date(2026, 9, 15, 6, 0, 0, 0, time.UTC)
		a.fixClock(now)
		rng := rand.New(rand.NewPCG(13, 45))
		windows := map[string]int{"availability": 45, "response_minutes": 20, "resolution_hours": 90}
		for k, d := range windows {
			a.ok(`mutation($k: String!, $d: Int!) { updateMetric(key: $k, input: { freshnessDays: $d }) { key } }`, map[string]any{"k": k, "d": d}, nil)
		}
		metrics := []string{"availability", "response_minutes", "resolution_hours"}
		lifecycles := []string{"LIVE", "LIVE", "RETIRING", "PLANNED", "RETIRED", "LIVE"}
		type service struct {
			id, lifecycle string
			latest        map[string]time.Time
		}
		var services []service
		for i := range 12 {
			s := service{lifecycle: lifecycles[i%len(lifecycles)], latest: map[string]time.Time{}}
			s.id = a.id(createService, in(map[string]any{"name": fmt.Sprintf("Service %02d", i), "lifecycle": s.lifecycle}))
			for _, m := range metrics {
				for range rng.IntN(3) {
					// Period ends from 100 days ago to now, on whole days and
					// on the window's edge itself now and then.
					end := now.AddDate(0, 0, -rng.IntN(100))
					if rng.IntN(4) == 0 {
						end = now.AddDate(0, 0, -windows[m])
					}
					a.measure(s.id, m, end, 99)
					if end.After(s.latest[m]) {
						s.latest[m] = end
					}
				}
			}
			services = append(services, s)
		}
		type commitment struct{ id, client, requirement string }
		var commitments []commitment
		churned := map[string]bool{}
		clientIDs := []string{}
		for i := range 8 {
			status := []string{"ACTIVE", "PROSPECT", "ACTIVE", "CHURNED"}[i%4]
			c := a.id(createClient, in(map[string]any{"name": fmt.Sprintf("Client %d", i), "status": status, "annualContractValue": fmt.Sprint(1000 * (i + 1))}))
			clientIDs = append(clientIDs, c)
			churned[c] = status == "CHURNED"
			o := a.id(createObjective, in(map[string]any{"clientId": c, "title": "Objective"}))
			for j := range 3 {
				var targets []any
				for _, m := range metrics {
					if rng.IntN(2) == 0 {
						targets = append(targets, map[string]any{"metric": m, "value": 1})
					}
				}
				r := a.id(createRequirement, in(map[string]any{"objectiveId": o, "title": fmt.Sprintf("Requirement %d", j), "targets": targets}))
				for _, s := range rng.Perm(len(services))[:rng.IntN(3)] {
					k := a.id(createCommitment, in(map[string]any{"requirementId": r, "serviceId": services[s].id}))
					commitments = append(commitments, commitment{id: k, client: c, requirement: r})
				}
			}
		}
		// The direct computation: read the targets and services back, and
		// judge each commitment from the measurements recorded above.
		var out struct {
			Requirements struct {
				Nodes []struct {
					ID      string
					Targets []struct{ Metric struct{ Key string } }
				}
			}
		}
		a.ok(`{ requirements(first: 100) { nodes { id targets { metric { key } } } } }`, nil, &out)
		targets := map[string][]string{}
		for _, r := range out.Requirements.Nodes {
			for _, t := range r.Targets {
				targets[r.ID] = append(targets[r.ID], t.Metric.Key)
			}
		}
		serviceOf := map[string]service{}
		for _, k := range commitments {
			var o struct {
				Commitment struct{ Service struct{ ID string } }
			}
			a.ok(`query($id: ID!) { commitment(id: $id) { service { id } } }`, map[string]any{"id": k.id}, &o)
			for _, s := range services {
				if s.id == o.Commitment.Service.ID {
					serviceOf[k.id] = s
				}
			}
		}
		// Churned clients' requirements are listed only by client: their
		// targets come from a read per client.
		for c := range churned {
			if !churned[c] {
				continue
			}
			var o struct {
				Requirements struct {
					Nodes []struct {
						ID      string
						Targets []struct{ Metric struct{ Key string } }
					}
				}
			}
			a.ok(`query($c: ID!) { requirements(first: 100, filter: { clientId: $c }) { nodes { id targets { metric { key } } } } }`, map[string]any{"c": c}, &o)
			for _, r := range o.Requirements.Nodes {
				for _, t := range r.Targets {
					targets[r.ID] = append(targets[r.ID], t.Metric.Key)
				}
			}
		}
		isStale := func(k commitment) bool {
			s := serviceOf[k.id]
			if s.lifecycle != "LIVE" && s.lifecycle != "RETIRING" {
				return false
			}
			for _, m := range targets[k.requirement] {
				latest, ok := s.latest[m]
				if !ok || latest.Before(now.AddDate(0, 0, -windows[m])) {
					return true
				}
			}
			return false
		}
		want := staleCounts{clients: map[string]int{}}
		staleReq := map[string]bool{}
		for _, k := range commitments {
			if e := a.evidence(k.id); e.Stale != isStale(k) {
				t.Errorf("commitment %s: evidence.stale %v, directly %v (%+v)", k.id, e.Stale, isStale(k), e)
			}
			if !isStale(k) {
				continue
			}
			want.clients[k.client]++
			if !churned[k.client] {
				want.portfolio++
				want.listed = append(want.listed, k.id)
				staleReq[k.requirement] = true
			}
		}
		got := a.staleCounts()
		sort.Strings(got.listed)
		sort.Strings(want.listed)
		if got.portfolio != want.portfolio || !slices.Equal(got.listed, want.listed) || got.listedTotal != want.portfolio {
			t.Errorf("portfolio %d, list %v; directly %d, %v", got.portfolio, got.listed, want.portfolio, want.listed)
		}
		for _, c := range clientIDs {
			if n, ok := got.clients[c]; ok && n != want.clients[c] {
				t.Errorf("client %s: staleCommitments %d, directly %d", c, got.clients[c], want.clients[c])
			}
		}
		if len(got.staleReqs) != len(staleReq) {
			t.Errorf("%d requirements with stale evidence, directly %d", len(got.staleReqs), len(staleReq))
		}
		for _, r := range got.staleReqs {
			if !staleReq[r] {
				t.Errorf("requirement %s filtered as stale, directly not", r)
			}
		}
		for _, r := range got.freshReqs {
			if staleReq[r] {
				t.Errorf("requirement %s filtered as not stale, directly stale", r)
			}
		}
		if want.portfolio == 0 || want.portfolio == len(commitments) {
			t.Fatalf("the generated portfolio should mix stale and fresh: %d of %d stale", want.portfolio, len(commitments))
		}
		t.Logf("%d of %d commitments stale, %d requirements", want.portfolio, len(commitments), len(staleReq))
	})
}
