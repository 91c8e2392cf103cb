package graph_test

import (
	"testing"
)

type levelOut struct {
	Metric struct{ Key, Unit, Direction string }
	Value  float64
}

func TestObjectives(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		c1 := a.id(createClient, in(map[string]any{"name": "Woodgrove Bank"}))
		c2 := a.id(createClient, in(map[string]any{"name": "Proseware"}))
		var out struct {
			CreateObjective struct {
				ID, Title, Priority string
				Description, Owner  *string
				Client              struct{ Name string }
			}
		}
		a.ok(`mutation($in: ObjectiveInput!) { createObjective(input: $in) { id title priority description owner client { name } } }`,
			in(map[string]any{"clientId": c1, "title": "Pass the ISO 27001 audit", "description": "Certification by Q3.\nScope: all sites.", "owner": "CISO"}), &out)
		o := out.CreateObjective
		if o.Priority != "SHOULD" || o.Client.Name != "Woodgrove Bank" || *o.Description != "Certification by Q3.\nScope: all sites." || *o.Owner != "CISO" {
			t.Fatalf("got %+v", o)
		}
		// The same title is fine under another client, not under the same one.
		a.id(createObjective, in(map[string]any{"clientId": c2, "title": "Pass the ISO 27001 audit"}))
		objectives := a.count("objectives")
		a.fails(createObjective, in(map[string]any{"clientId": c1, "title": "pass the iso 27001 AUDIT"}), "CONFLICT", "title")
		a.fails(createObjective, in(map[string]any{"clientId": "424242", "title": "X"}), "NOT_FOUND", "clientId")
		a.fails(createObjective, in(map[string]any{"clientId": c1, "title": " "}), "BAD_USER_INPUT", "title")
		a.fails(createObjective, in(map[string]any{"clientId": c1, "title": "X", "priority": "URGENT"}), "GRAPHQL_VALIDATION_FAILED", "")
		if a.count("objectives") != objectives {
			t.Fatal("a refused create wrote an objective")
		}

		update := `mutation($id: ID!, $p: ObjectivePatch!) { updateObjective(id: $id, input: $p) { title priority description owner } }`
		var upd struct {
			UpdateObjective struct {
				Title, Priority    string
				Description, Owner *string
			}
		}
		a.ok(update, map[string]any{"id": o.ID, "p": map[string]any{"priority": "MUST", "description": nil}}, &upd)
		if u := upd.UpdateObjective; u.Priority != "MUST" || u.Description != nil || *u.Owner != "CISO" || u.Title != "Pass the ISO 27001 audit" {
			t.Fatalf("got %+v", u)
		}
		a.fails(update, map[string]any{"id": o.ID, "p": map[string]any{"title": nil}}, "BAD_USER_INPUT", "title")
		a.fails(update, map[string]any{"id": o.ID, "p": map[string]any{"priority": nil}}, "BAD_USER_INPUT", "priority")
		a.fails(update, map[string]any{"id": "31337", "p": map[string]any{}}, "NOT_FOUND", "")

		// Deleting an objective removes its requirements and their
		// commitments, nothing else.
		r := a.id(createRequirement, in(map[string]any{"objectiveId": o.ID, "title": "Encrypted backups"}))
		s := a.id(createService, in(map[string]any{"name": "Managed Backup"}))
		a.id(createCommitment, in(map[string]any{"requirementId": r, "serviceId": s}))
		var del struct{ DeleteObjective string }
		a.ok(`mutation($id: ID!) { deleteObjective(id: $id) }`, map[string]any{"id": o.ID}, &del)
		if del.DeleteObjective != o.ID || a.count("requirements") != 0 || a.count("commitments") != 0 || a.count("services") != 1 || a.count("clients") != 2 {
			t.Fatalf("cascade wrong: requirements %d commitments %d services %d", a.count("requirements"), a.count("commitments"), a.count("services"))
		}
	})
}

func TestRequirements(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		c := a.id(createClient, in(map[string]any{"name": "Northwind"}))
		o := a.id(createObjective, in(map[string]any{"clientId": c, "title": "Cut order-to-cash time by 30%"}))
		fields := `id title priority description targets { metric { key unit direction } value } objective { title client { name } }`
		type reqOut struct {
			ID, Title, Priority string
			Description         *string
			Targets             []levelOut
			Objective           struct {
				Title  string
				Client struct{ Name string }
			}
		}
		var out struct{ CreateRequirement reqOut }
		a.ok(`mutation($in: RequirementInput!) { createRequirement(input: $in) { `+fields+` } }`, in(map[string]any{
			"objectiveId": o, "title": "24/7 support with 15-minute response", "priority": "MUST",
			"targets": []any{
				map[string]any{"metric": "support_hours", "value": 168},
				map[string]any{"metric": "response_minutes", "value": 15},
			},
		}), &out)
		r := out.CreateRequirement
		if r.Priority != "MUST" || r.Objective.Client.Name != "Northwind" || len(r.Targets) != 2 {
			t.Fatalf("got %+v", r)
		}
		// Targets are listed by metric key.
		if r.Targets[0].Metric.Key != "response_minutes" || r.Targets[0].Value != 15 || r.Targets[0].Metric.Direction != "LOWER_IS_BETTER" ||
			r.Targets[1].Metric.Key != "support_hours" || r.Targets[1].Value != 168 || r.Targets[1].Metric.Unit != "hours/week" {
			t.Fatalf("targets %+v", r.Targets)
		}

		// A functional requirement has no targets.
		var fn struct{ CreateRequirement reqOut }
		a.ok(`mutation($in: RequirementInput!) { createRequirement(input: $in) { `+fields+` } }`,
			in(map[string]any{"objectiveId": o, "title": "Single sign-on for the order portal"}), &fn)
		if fn.CreateRequirement.Priority != "SHOULD" || len(fn.CreateRequirement.Targets) != 0 {
			t.Fatalf("got %+v", fn.CreateRequirement)
		}

		reqs, targets := a.count("requirements"), a.count("requirement_targets")
		level := func(m string, v any) map[string]any { return map[string]any{"metric": m, "value": v} }
		for _, tc := range []struct {
			name, code, field string
			input             map[string]any
		}{
			{"unknown metric", "BAD_USER_INPUT", "targets.1.metric", map[string]any{"objectiveId": o, "title": "A",
				"targets": []any{level("availability", 99), level("uptime_pct", 99)}}},
			{"malformed metric key", "BAD_USER_INPUT", "targets.0.metric", map[string]any{"objectiveId": o, "title": "A",
				"targets": []any{level("Availability!", 99)}}},
			{"same metric twice", "BAD_USER_INPUT", "targets.2.metric", map[string]any{"objectiveId": o, "title": "A",
				"targets": []any{level("availability", 99), level("rpo_minutes", 5), level("availability", 99.9)}}},
			{"missing objective", "NOT_FOUND", "objectiveId", map[string]any{"objectiveId": "777", "title": "A"}},
			{"duplicate title", "CONFLICT", "title", map[string]any{"objectiveId": o, "title": "single SIGN-ON for the order portal"}},
			{"empty title", "BAD_USER_INPUT", "title", map[string]any{"objectiveId": o, "title": ""}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				a.fails(createRequirement, in(tc.input), tc.code, tc.field)
			})
		}
		if a.count("requirements") != reqs || a.count("requirement_targets") != targets {
			t.Fatal("a refused create wrote something")
		}

		update := `mutation($id: ID!, $p: RequirementPatch!) { updateRequirement(id: $id, input: $p) { ` + fields + ` } }`
		var upd struct{ UpdateRequirement reqOut }
		a.ok(update, map[string]any{"id": r.ID, "p": map[string]any{"title": "Round-the-clock support"}}, &upd)
		if len(upd.UpdateRequirement.Targets) != 2 || upd.UpdateRequirement.Title != "Round-the-clock support" {
			t.Fatalf("omitted targets must stay: %+v", upd.UpdateRequirement)
		}
		a.ok(update, map[string]any{"id": r.ID, "p": map[string]any{"targets": []any{level("availability", 99.95)}}}, &upd)
		if ts := upd.UpdateRequirement.Targets; len(ts) != 1 || ts[0].Metric.Key != "availability" || ts[0].Value != 99.95 {
			t.Fatalf("targets must be replaced: %+v", ts)
		}
		a.ok(update, map[string]any{"id": r.ID, "p": map[string]any{"targets": []any{}}}, &upd)
		if len(upd.UpdateRequirement.Targets) != 0 || a.count("requirement_targets") != 0 {
			t.Fatal("an empty list must clear the targets")
		}
		a.fails(update, map[string]any{"id": r.ID, "p": map[string]any{"targets": nil}}, "BAD_USER_INPUT", "targets")
		a.fails(update, map[string]any{"id": r.ID, "p": map[string]any{"targets": []any{level("nope", 1)}}}, "BAD_USER_INPUT", "targets.0.metric")
		a.fails(update, map[string]any{"id": r.ID, "p": map[string]any{"title": "Single Sign-On for the order portal"}}, "CONFLICT", "title")

		s := a.id(createService, in(map[string]any{"name": "Identity Platform"}))
		a.id(createCommitment, in(map[string]any{"requirementId": fn.CreateRequirement.ID, "serviceId": s}))
		var del struct{ DeleteRequirement string }
		a.ok(`mutation($id: ID!) { deleteRequirement(id: $id) }`, map[string]any{"id": fn.CreateRequirement.ID}, &del)
		if del.DeleteRequirement != fn.CreateRequirement.ID || a.count("commitments") != 0 || a.count("services") != 1 {
			t.Fatal("deleting a requirement must remove its commitments and keep the service")
		}
		a.fails(`mutation($id: ID!) { deleteRequirement(id: $id) }`, map[string]any{"id": fn.CreateRequirement.ID}, "NOT_FOUND", "")
	})
}

// A percent metric takes values from 0 to 100: in targets, designed levels
// and measurements.
func TestPercentMetricsStayWithinAHundred(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		c := a.id(createClient, in(map[string]any{"name": "Percent Co"}))
		o := a.id(createObjective, in(map[string]any{"clientId": c, "title": "Up"}))
		a.fails(createRequirement, in(map[string]any{"objectiveId": o, "title": "Too much",
			"targets": []any{map[string]any{"metric": "response_minutes", "value": 500}, map[string]any{"metric": "availability", "value": 150}}}), "BAD_USER_INPUT", "targets.1.value")
		a.fails(createService, in(map[string]any{"name": "Impossible", "designedLevels": []any{map[string]any{"metric": "availability", "value": -1}}}), "BAD_USER_INPUT", "designedLevels.0.value")
		s := a.id(createService, in(map[string]any{"name": "Possible"}))
		a.fails(recordMeasurement, in(map[string]any{"serviceId": s, "metric": "availability", "value": 100.5,
			"periodStart": "2026-01-01T00:00:00Z", "periodEnd": "2026-02-01T00:00:00Z"}), "BAD_USER_INPUT", "value")
		a.id(createRequirement, in(map[string]any{"objectiveId": o, "title": "Fine", "targets": []any{map[string]any{"metric": "availability", "value": 100}}}))
	})
}
