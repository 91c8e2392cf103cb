package graph_test

import (
	"fmt"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"alliance"
	"alliance/graph"
)

const reviewFields = `review { needed reason changes { what metric { key } before after reason at by } confirmedAt confirmedBy note }`

type reviewOut struct {
	Needed  bool
	Reason  *string
	Changes []struct {
		What          string
		Metric        *struct{ Key string }
		Before, After *float64
		Reason, At    string
		By            string
	}
	ConfirmedAt, ConfirmedBy, Note *string
}

func (a *api) review(commitment string) reviewOut {
	a.t.Helper()
	var out struct{ Commitment struct{ Review reviewOut } }
	a.ok(`query($id: ID!) { commitment(id: $id) { `+reviewFields+` } }`, map[string]any{"id": commitment}, &out)
	return out.Commitment.Review
}

// reviewTree is a requirement targeting response time at 30 minutes and a
// service designed for 30, committed to it.
func (a *api) reviewTree(name string, priority string, acv string) tree {
	a.t.Helper()
	var tr tree
	tr.client = a.id(createClient, in(map[string]any{"name": name, "annualContractValue": acv}))
	tr.objective = a.id(createObjective, in(map[string]any{"clientId": tr.client, "title": "Support " + name}))
	tr.requirement = a.id(createRequirement, in(map[string]any{"objectiveId": tr.objective, "title": "Fast answers", "priority": priority,
		"targets": []any{map[string]any{"metric": "response_minutes", "value": 30}}}))
	tr.service = a.id(createService, in(map[string]any{"name": "Service Desk — " + name,
		"designedLevels": []any{map[string]any{"metric": "response_minutes", "value": 30}}}))
	tr.commitment = a.id(createCommitment, in(map[string]any{"requirementId": tr.requirement, "serviceId": tr.service}))
	return tr
}

const (
	updateTargets = `mutation($id: ID!, $targets: [LevelInput!]) { updateRequirement(id: $id, input: { targets: $targets }) { id } }`
	updateLevels  = `mutation($id: ID!, $levels: [LevelInput!]) { updateService(id: $id, input: { designedLevels: $levels }) { id } }`
	updateCommit  = `mutation($id: ID!, $in: CommitmentPatch!) { updateCommitment(id: $id, input: $in) { id } }`
	confirm       = `mutation($id: ID!, $note: String) { confirmCommitment(id: $id, note: $note) { id ` + reviewFields + ` } }`
)

func oneLevel(metric string, v float64) []any {
	return []any{map[string]any{"metric": metric, "value": v}}
}

func TestReview(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		tr := a.reviewTree("Office Hours", "MUST", "1000")
		if r := a.review(tr.commitment); r.Needed || r.Reason != nil || len(r.Changes) != 0 || r.ConfirmedAt != nil {
			t.Fatalf("a new commitment needs no review: %+v", r)
		}
		// figures are what review must never move: coverage and scores.
		figures := func() string {
			var out map[string]any
			a.ok(`query($r: ID!, $c: ID!, $k: ID!) { requirement(id: $r) { coverage { status percent } }
				client(id: $c) { score } commitment(id: $k) { holds } }`, map[string]any{"r": tr.requirement, "c": tr.client, "k": tr.commitment}, &out)
			return fmt.Sprint(out)
		}

		t.Run("target", func(t *testing.T) {
			a.ok(updateTargets, map[string]any{"id": tr.requirement, "targets": oneLevel("response_minutes", 15)}, nil)
			r := a.review(tr.commitment)
			if !r.Needed || len(r.Changes) != 1 {
				t.Fatalf("review after a target change: %+v", r)
			}
			c := r.Changes[0]
			if c.What != "TARGET" || c.Metric == nil || c.Metric.Key != "response_minutes" || *c.Before != 30 || *c.After != 15 || c.By != "tester" {
				t.Fatalf("change: %+v", c)
			}
			if !strings.HasPrefix(*r.Reason, "The target for response time changed from 30 to 15 minutes on ") ||
				!strings.HasSuffix(*r.Reason, "; Service Desk — Office Hours is designed for 30.") {
				t.Fatalf("reason: %q", *r.Reason)
			}
		})

		t.Run("confirm", func(t *testing.T) {
			audits, before := a.count("audit_log"), figures()
			var out struct{ ConfirmCommitment struct{ Review reviewOut } }
			a.ok(confirm, map[string]any{"id": tr.commitment, "note": "Desk staffing raised in December"}, &out)
			r := out.ConfirmCommitment.Review
			if r.Needed || r.Reason != nil || len(r.Changes) != 0 || r.ConfirmedBy == nil || *r.ConfirmedBy != "tester" ||
				r.ConfirmedAt == nil || r.Note == nil || *r.Note != "Desk staffing raised in December" {
				t.Fatalf("after confirmation: %+v", r)
			}
			if after := figures(); after != before {
				t.Fatalf("confirmation moved figures from %s to %s", before, after)
			}
			if a.count("audit_log") != audits+1 {
				t.Fatalf("confirmation not in the audit log")
			}
			var log struct {
				AuditLog struct {
					Nodes []struct {
						Action, Actor, EntityID string
						After                   map[string]map[string]any
					}
				}
			}
			a.ok(`{ auditLog(first: 1) { nodes { action actor entityId after } } }`, nil, &log)
			e := log.AuditLog.Nodes[0]
			if e.Action != "CONFIRM" || e.Actor != "tester" || e.EntityID != tr.commitment || e.After["review"]["note"] != "Desk staffing raised in December" {
				t.Fatalf("audit entry: %+v", e)
			}
		})

		t.Run("changed again after confirmation", func(t *testing.T) {
			a.ok(updateLevels, map[string]any{"id": tr.service, "levels": oneLevel("response_minutes", 45)}, nil)
			r := a.review(tr.commitment)
			if !r.Needed || len(r.Changes) != 1 || r.Changes[0].What != "DESIGNED_LEVEL" || *r.Changes[0].Before != 30 || *r.Changes[0].After != 45 {
				t.Fatalf("review after a designed level change: %+v", r)
			}
			if !strings.HasPrefix(*r.Reason, "Service Desk — Office Hours's designed level for response time changed from 30 to 45 minutes on ") ||
				!strings.HasSuffix(*r.Reason, "; the target is 15.") {
				t.Fatalf("reason: %q", *r.Reason)
			}
			if r.ConfirmedBy == nil || *r.Note != "Desk staffing raised in December" {
				t.Fatalf("the last confirmation is kept: %+v", r)
			}
			// A level for a metric the requirement does not target asks
			// for nothing more.
			a.ok(updateLevels, map[string]any{"id": tr.service, "levels": []any{
				map[string]any{"metric": "response_minutes", "value": 45}, map[string]any{"metric": "availability", "value": 99}}}, nil)
			if r := a.review(tr.commitment); len(r.Changes) != 1 {
				t.Fatalf("an untargeted metric asked for review: %+v", r)
			}
		})

		t.Run("coverage and capacity", func(t *testing.T) {
			a.ok(confirm, map[string]any{"id": tr.commitment}, nil)
			a.ok(updateCommit, map[string]any{"id": tr.commitment, "in": map[string]any{"note": "just a note"}}, nil)
			if r := a.review(tr.commitment); r.Needed || r.Note != nil {
				t.Fatalf("a note asks for no review, and a confirmation without note has none: %+v", r)
			}
			a.ok(updateCommit, map[string]any{"id": tr.commitment, "in": map[string]any{"coveragePercent": 60, "capacityUnits": 3}}, nil)
			r := a.review(tr.commitment)
			if !r.Needed || len(r.Changes) != 2 || r.Changes[0].What != "COVERAGE" || *r.Changes[0].Before != 100 || *r.Changes[0].After != 60 ||
				r.Changes[1].What != "CAPACITY" || *r.Changes[1].Before != 1 || *r.Changes[1].After != 3 {
				t.Fatalf("review after coverage and capacity: %+v", r)
			}
			if !strings.HasPrefix(*r.Reason, "Its coverage changed from 100% to 60% on ") || strings.Contains(r.Changes[1].Reason, "3") {
				t.Fatalf("reason: %q", *r.Reason)
			}
		})

		t.Run("bad input writes nothing", func(t *testing.T) {
			rows := a.count("review_confirmations") + a.count("audit_log")
			a.fails(confirm, map[string]any{"id": tr.commitment, "note": strings.Repeat("x", alliance.MaxTextLength+1)}, "BAD_USER_INPUT", "note")
			a.fails(confirm, map[string]any{"id": "999999"}, "NOT_FOUND", "")
			if a.count("review_confirmations")+a.count("audit_log") != rows || !a.review(tr.commitment).Needed {
				t.Fatal("a refused confirmation wrote")
			}
		})
	})
}

func TestCommitmentsToReview(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		small := a.reviewTree("Small", "MUST", "100")
		big := a.reviewTree("Big", "MUST", "5000")
		could := a.reviewTree("Could", "COULD", "90000")
		should := a.reviewTree("Should", "SHOULD", "10")
		calm := a.reviewTree("Calm", "MUST", "99999")
		for _, tr := range []tree{small, big, could, should} {
			a.ok(updateTargets, map[string]any{"id": tr.requirement, "targets": oneLevel("response_minutes", 20)}, nil)
		}
		type list struct {
			CommitmentsToReview struct {
				TotalCount int
				PageInfo   struct {
					HasNextPage bool
					EndCursor   string
				}
				Nodes []struct{ ID string }
			}
			Portfolio struct{ CommitmentsToReview int }
			Clients   struct {
				Nodes []struct {
					Name                string
					CommitmentsToReview int
				}
			}
		}
		var got []string
		var after any
		for range 3 {
			var out list
			a.ok(`query($after: String) { commitmentsToReview(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } }
				portfolio { commitmentsToReview } clients(first: 10) { nodes { name commitmentsToReview } } }`, map[string]any{"after": after}, &out)
			for _, n := range out.CommitmentsToReview.Nodes {
				got = append(got, n.ID)
			}
			if out.CommitmentsToReview.TotalCount != 4 || out.Portfolio.CommitmentsToReview != 4 {
				t.Fatalf("counts: %+v", out)
			}
			for _, c := range out.Clients.Nodes {
				if want := map[bool]int{true: 0, false: 1}[c.Name == "Calm"]; c.CommitmentsToReview != want {
					t.Fatalf("client %s counts %d", c.Name, c.CommitmentsToReview)
				}
			}
			if !out.CommitmentsToReview.PageInfo.HasNextPage {
				break
			}
			after = out.CommitmentsToReview.PageInfo.EndCursor
		}
		if a.review(calm.commitment).Needed {
			t.Fatal("an unchanged commitment needs review")
		}
		want := []string{big.commitment, small.commitment, should.commitment, could.commitment}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("order %v, want %v (by priority, then contract value)", got, want)
		}

		t.Run("client limited", func(t *testing.T) {
			id, _ := strconv.ParseInt(small.client, 10, 64)
			portal := &alliance.Principal{Name: "portal", Role: alliance.Editor, ClientID: &id}
			srv := httptest.NewServer(as(portal, graph.NewHandler(a.db, testOptions)))
			defer srv.Close()
			p := &api{t: t, url: srv.URL, db: a.db}
			a.ok(updateCommit, map[string]any{"id": small.commitment, "in": map[string]any{"capacityUnits": 4}}, nil)
			var out list
			p.ok(`{ commitmentsToReview { totalCount nodes { id } } portfolio { commitmentsToReview } }`, nil, &out)
			if out.CommitmentsToReview.TotalCount != 1 || len(out.CommitmentsToReview.Nodes) != 1 ||
				out.CommitmentsToReview.Nodes[0].ID != small.commitment || out.Portfolio.CommitmentsToReview != 1 {
				t.Fatalf("a portal sees only its client's: %+v", out)
			}
			r := p.review(small.commitment)
			if len(r.Changes) != 2 || r.Changes[1].What != "CAPACITY" || r.Changes[1].Before != nil || r.Changes[1].After != nil {
				t.Fatalf("a portal must not see capacity figures: %+v", r)
			}
			if a.review(small.commitment).Changes[1].After == nil {
				t.Fatal("the provider sees capacity figures")
			}
			p.fails(confirm, map[string]any{"id": big.commitment}, "NOT_FOUND", "")
			p.ok(confirm, map[string]any{"id": small.commitment, "note": "ok for us"}, nil)
			if a.review(small.commitment).Needed || !a.review(big.commitment).Needed {
				t.Fatal("confirmation by the portal")
			}
		})
	})
}
