package graph_test

import (
	"testing"
)

type serviceOut struct {
	ID, Name, Lifecycle, MonthlyCost string
	Description, OwnerTeam           *string
	Capacity                         *int
	DesignedLevels                   []levelOut
}

const serviceFields = `id name lifecycle monthlyCost description ownerTeam capacity designedLevels { metric { key } value }`

func TestServices(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		var out struct{ CreateService serviceOut }
		a.ok(`mutation($in: ServiceInput!) { createService(input: $in) { `+serviceFields+` } }`, in(map[string]any{"name": "Service Desk — Office Hours"}), &out)
		if s := out.CreateService; s.Lifecycle != "LIVE" || s.MonthlyCost != "0.00" || s.Capacity != nil || len(s.DesignedLevels) != 0 {
			t.Fatalf("defaults: %+v", s)
		}
		a.ok(`mutation($in: ServiceInput!) { createService(input: $in) { `+serviceFields+` } }`, in(map[string]any{
			"name": "Service Desk — 24/7", "description": "Follow-the-sun desk", "ownerTeam": "Service Operations",
			"lifecycle": "PLANNED", "monthlyCost": "18400.50", "capacity": 12,
			"designedLevels": []any{map[string]any{"metric": "support_hours", "value": 168}, map[string]any{"metric": "response_minutes", "value": 15}},
		}), &out)
		s := out.CreateService
		if s.Lifecycle != "PLANNED" || s.MonthlyCost != "18400.50" || *s.Capacity != 12 || *s.OwnerTeam != "Service Operations" ||
			len(s.DesignedLevels) != 2 || s.DesignedLevels[0].Metric.Key != "response_minutes" {
			t.Fatalf("got %+v", s)
		}

		services, levels := a.count("services"), a.count("service_levels")
		for _, tc := range []struct {
			name, code, field string
			input             map[string]any
		}{
			{"duplicate name", "CONFLICT", "name", map[string]any{"name": "service desk — 24/7"}},
			{"negative cost", "BAD_USER_INPUT", "monthlyCost", map[string]any{"name": "A", "monthlyCost": -5}},
			{"cost with cents of cents", "BAD_USER_INPUT", "monthlyCost", map[string]any{"name": "A", "monthlyCost": "1.001"}},
			{"negative capacity", "BAD_USER_INPUT", "capacity", map[string]any{"name": "A", "capacity": -1}},
			{"unknown metric", "BAD_USER_INPUT", "designedLevels.0.metric", map[string]any{"name": "A",
				"designedLevels": []any{map[string]any{"metric": "mttr", "value": 4}}}},
			{"duplicate metric", "BAD_USER_INPUT", "designedLevels.1.metric", map[string]any{"name": "A",
				"designedLevels": []any{map[string]any{"metric": "rto_minutes", "value": 4}, map[string]any{"metric": "rto_minutes", "value": 5}}}},
		} {
			t.Run(tc.name, func(t *testing.T) { a.fails(createService, in(tc.input), tc.code, tc.field) })
		}
		if a.count("services") != services || a.count("service_levels") != levels {
			t.Fatal("a refused create wrote something")
		}

		update := `mutation($id: ID!, $p: ServicePatch!) { updateService(id: $id, input: $p) { ` + serviceFields + ` } }`
		var upd struct{ UpdateService serviceOut }
		a.ok(update, map[string]any{"id": s.ID, "p": map[string]any{"lifecycle": "LIVE", "capacity": nil, "ownerTeam": nil}}, &upd)
		if u := upd.UpdateService; u.Lifecycle != "LIVE" || u.Capacity != nil || u.OwnerTeam != nil || len(u.DesignedLevels) != 2 || u.MonthlyCost != "18400.50" {
			t.Fatalf("got %+v", u)
		}
		a.ok(update, map[string]any{"id": s.ID, "p": map[string]any{"designedLevels": []any{map[string]any{"metric": "availability", "value": 99.5}}}}, &upd)
		if d := upd.UpdateService.DesignedLevels; len(d) != 1 || d[0].Metric.Key != "availability" {
			t.Fatalf("designed levels must be replaced: %+v", d)
		}
		a.fails(update, map[string]any{"id": s.ID, "p": map[string]any{"lifecycle": nil}}, "BAD_USER_INPUT", "lifecycle")
		a.fails(update, map[string]any{"id": s.ID, "p": map[string]any{"monthlyCost": nil}}, "BAD_USER_INPUT", "monthlyCost")
		a.fails(update, map[string]any{"id": s.ID, "p": map[string]any{"designedLevels": nil}}, "BAD_USER_INPUT", "designedLevels")
		a.fails(update, map[string]any{"id": s.ID, "p": map[string]any{"name": "Service Desk — Office Hours"}}, "CONFLICT", "name")
		a.fails(update, map[string]any{"id": "123456", "p": map[string]any{}}, "NOT_FOUND", "")
	})
}

func TestDeleteServiceCascades(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		tr := a.tree("Alpine Ski House")
		a.id(recordMeasurement, in(map[string]any{"serviceId": tr.service, "metric": "availability", "value": 99.97,
			"periodStart": "2026-05-01T00:00:00Z", "periodEnd": "2026-06-01T00:00:00Z"}))
		var out struct{ DeleteService string }
		a.ok(`mutation($id: ID!) { deleteService(id: $id) }`, map[string]any{"id": tr.service}, &out)
		if out.DeleteService != tr.service || a.count("commitments") != 0 || a.count("measurements") != 0 || a.count("service_levels") != 0 {
			t.Fatal("deleting a service must remove its commitments and measurements")
		}
		if a.count("requirements") != 1 || a.count("clients") != 1 {
			t.Fatal("deleting a service must keep the requirements it served")
		}
		a.fails(`mutation($id: ID!) { deleteService(id: $id) }`, map[string]any{"id": tr.service}, "NOT_FOUND", "")
	})
}

func TestCommitments(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		tr := a.tree("Blue Yonder Airlines")
		other := a.id(createService, in(map[string]any{"name": "Cloud Hosting — Premium", "capacity": 4}))
		type commitOut struct {
			ID                             string
			CoveragePercent, CapacityUnits int
			Note, CreatedBy                *string
			CreatedAt                      string
			Requirement                    struct{ Title string }
			Service                        struct{ Name string }
		}
		fields := `id coveragePercent capacityUnits note createdBy createdAt requirement { title } service { name }`
		var out struct{ CreateCommitment commitOut }
		a.ok(`mutation($in: CommitmentInput!) { createCommitment(input: $in) { `+fields+` } }`, in(map[string]any{
			"requirementId": tr.requirement, "serviceId": other, "coveragePercent": 40, "capacityUnits": 3, "note": "Secondary region",
		}), &out)
		c := out.CreateCommitment
		if c.CoveragePercent != 40 || c.CapacityUnits != 3 || *c.Note != "Secondary region" || *c.CreatedBy != "tester" ||
			c.Requirement.Title != "Uptime" || c.Service.Name != "Cloud Hosting — Premium" || c.CreatedAt == "" {
			t.Fatalf("got %+v", c)
		}
		var first struct{ Commitment commitOut }
		a.ok(`query($id: ID!) { commitment(id: $id) { `+fields+` } }`, map[string]any{"id": tr.commitment}, &first)
		if first.Commitment.CoveragePercent != 100 || first.Commitment.CapacityUnits != 1 || first.Commitment.Note != nil {
			t.Fatalf("defaults: %+v", first.Commitment)
		}

		commitments := a.count("commitments")
		for _, tc := range []struct {
			name, code, field string
			input             map[string]any
		}{
			{"same pair twice", "CONFLICT", "serviceId", map[string]any{"requirementId": tr.requirement, "serviceId": tr.service}},
			{"coverage 0", "BAD_USER_INPUT", "coveragePercent", map[string]any{"requirementId": tr.requirement, "serviceId": tr.service, "coveragePercent": 0}},
			{"coverage 101", "BAD_USER_INPUT", "coveragePercent", map[string]any{"requirementId": tr.requirement, "serviceId": tr.service, "coveragePercent": 101}},
			{"no units", "BAD_USER_INPUT", "capacityUnits", map[string]any{"requirementId": tr.requirement, "serviceId": tr.service, "capacityUnits": 0}},
			{"missing requirement", "NOT_FOUND", "requirementId", map[string]any{"requirementId": "9999", "serviceId": tr.service}},
			{"missing service", "NOT_FOUND", "serviceId", map[string]any{"requirementId": tr.requirement, "serviceId": "9999"}},
		} {
			t.Run(tc.name, func(t *testing.T) { a.fails(createCommitment, in(tc.input), tc.code, tc.field) })
		}
		if a.count("commitments") != commitments {
			t.Fatal("a refused create wrote a commitment")
		}

		update := `mutation($id: ID!, $p: CommitmentPatch!) { updateCommitment(id: $id, input: $p) { ` + fields + ` } }`
		var upd struct{ UpdateCommitment commitOut }
		a.ok(update, map[string]any{"id": c.ID, "p": map[string]any{"coveragePercent": 60, "note": nil}}, &upd)
		if u := upd.UpdateCommitment; u.CoveragePercent != 60 || u.CapacityUnits != 3 || u.Note != nil || u.CreatedAt != c.CreatedAt {
			t.Fatalf("got %+v", u)
		}
		a.fails(update, map[string]any{"id": c.ID, "p": map[string]any{"coveragePercent": nil}}, "BAD_USER_INPUT", "coveragePercent")
		a.fails(update, map[string]any{"id": c.ID, "p": map[string]any{"capacityUnits": -2}}, "BAD_USER_INPUT", "capacityUnits")
		a.fails(update, map[string]any{"id": "8888", "p": map[string]any{}}, "NOT_FOUND", "")

		var del struct{ DeleteCommitment string }
		a.ok(`mutation($id: ID!) { deleteCommitment(id: $id) }`, map[string]any{"id": c.ID}, &del)
		if del.DeleteCommitment != c.ID || a.count("commitments") != 1 || a.count("services") != 2 || a.count("requirements") != 1 {
			t.Fatal("deleting a commitment removes only the commitment")
		}
		a.fails(`mutation($id: ID!) { deleteCommitment(id: $id) }`, map[string]any{"id": c.ID}, "NOT_FOUND", "")
	})
}
