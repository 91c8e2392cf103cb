package graph_test

import (
	"fmt"
	"testing"
)

func TestMeasurements(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		s := a.id(createService, in(map[string]any{"name": "ERP Hosting"}))
		month := func(m int) (string, string) {
			return fmt.Sprintf("2026-%02d-01T00:00:00Z", m), fmt.Sprintf("2026-%02d-01T00:00:00Z", m+1)
		}
		var ids []string
		for m := 1; m <= 6; m++ {
			start, end := month(m)
			ids = append(ids, a.id(recordMeasurement, in(map[string]any{"serviceId": s, "metric": "availability",
				"value": 99.0 + float64(m)/10, "periodStart": start, "periodEnd": end, "source": "Uptime monitor"})))
		}
		// Recorded after the others but for an earlier period: order is by
		// period end, not insertion.
		early := a.id(recordMeasurement, in(map[string]any{"serviceId": s, "metric": "response_minutes", "value": 12,
			"periodStart": "2025-12-01T00:00:00.123Z", "periodEnd": "2025-12-31T23:59:59.999Z"}))
		// Same period end as June's availability, recorded later: comes first.
		start, end := month(6)
		late := a.id(recordMeasurement, in(map[string]any{"serviceId": s, "metric": "response_minutes", "value": 9,
			"periodStart": start, "periodEnd": end}))

		type mOut struct {
			ID                     string
			Value                  float64
			PeriodStart, PeriodEnd string
			Source                 *string
			Metric                 struct{ Key string }
			Service                struct{ Name string }
		}
		var out struct {
			Service struct {
				All, Avail, Last2, Latest []mOut
			}
		}
		a.ok(`query($id: ID!) { service(id: $id) {
			latest: latestMeasurements { id value periodStart periodEnd source metric { key } service { name } }
			all: measurements { id value periodStart periodEnd source metric { key } service { name } }
			avail: measurements(metric: "availability") { id value periodStart periodEnd source metric { key } service { name } }
			last2: measurements(metric: "availability", last: 2) { id value periodStart periodEnd source metric { key } service { name } } } }`,
			map[string]any{"id": s}, &out)
		all := out.Service.All
		if len(all) != 8 || all[0].ID != late || all[1].ID != ids[5] || all[7].ID != early {
			t.Fatalf("order: %+v", all)
		}
		if all[7].PeriodStart != "2025-12-01T00:00:00.123Z" || all[7].PeriodEnd != "2025-12-31T23:59:59.999Z" {
			t.Fatalf("milliseconds lost: %s %s", all[7].PeriodStart, all[7].PeriodEnd)
		}
		if len(out.Service.Avail) != 6 || out.Service.Avail[0].Value != 99.6 || *out.Service.Avail[0].Source != "Uptime monitor" {
			t.Fatalf("by metric: %+v", out.Service.Avail)
		}
		if l := out.Service.Last2; len(l) != 2 || l[0].ID != ids[5] || l[1].ID != ids[4] || l[0].Service.Name != "ERP Hosting" {
			t.Fatalf("last 2: %+v", l)
		}

		// The latest of each metric, by metric key: June's availability and
		// the response time recorded last for June.
		if l := out.Service.Latest; len(l) != 2 || l[0].ID != ids[5] || l[0].Metric.Key != "availability" || l[1].ID != late || l[1].Value != 9 {
			t.Fatalf("latest: %+v", l)
		}

		rows := a.count("measurements")
		okPeriod := map[string]any{"serviceId": s, "metric": "availability", "value": 99, "periodStart": "2026-01-01T00:00:00Z", "periodEnd": "2026-02-01T00:00:00Z"}
		with := func(k string, v any) map[string]any {
			m := map[string]any{}
			for kk, vv := range okPeriod {
				m[kk] = vv
			}
			m[k] = v
			return m
		}
		for _, tc := range []struct {
			name, code, field string
			input             map[string]any
		}{
			{"end before start", "BAD_USER_INPUT", "periodEnd", with("periodEnd", "2025-12-01T00:00:00Z")},
			{"end equals start", "BAD_USER_INPUT", "periodEnd", with("periodEnd", "2026-01-01T00:00:00Z")},
			{"unknown metric", "BAD_USER_INPUT", "metric", with("metric", "latency_ms")},
			{"missing service", "NOT_FOUND", "serviceId", with("serviceId", "4040")},
			{"not a time", "BAD_USER_INPUT", "periodStart", with("periodStart", "last monday")},
		} {
			t.Run(tc.name, func(t *testing.T) { a.fails(recordMeasurement, in(tc.input), tc.code, tc.field) })
		}
		if a.count("measurements") != rows {
			t.Fatal("a refused measurement was written")
		}
		a.fails(`query($id: ID!) { service(id: $id) { measurements(last: 0) { id } } }`, map[string]any{"id": s}, "BAD_USER_INPUT", "last")
		a.fails(`query($id: ID!) { service(id: $id) { measurements(last: 1001) { id } } }`, map[string]any{"id": s}, "BAD_USER_INPUT", "last")

		var del struct{ DeleteMeasurement string }
		a.ok(`mutation($id: ID!) { deleteMeasurement(id: $id) }`, map[string]any{"id": early}, &del)
		if del.DeleteMeasurement != early || a.count("measurements") != rows-1 {
			t.Fatal("deleteMeasurement")
		}
		a.fails(`mutation($id: ID!) { deleteMeasurement(id: $id) }`, map[string]any{"id": early}, "NOT_FOUND", "")
	})
}

func TestMetrics(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		var cat struct {
			Metrics []struct{ Key, Name, Unit, Direction string }
		}
		a.ok(`{ metrics { key name unit direction } }`, nil, &cat)
		want := map[string]string{
			"availability": "HIGHER_IS_BETTER", "support_hours": "HIGHER_IS_BETTER", "response_minutes": "LOWER_IS_BETTER",
			"resolution_hours": "LOWER_IS_BETTER", "rpo_minutes": "LOWER_IS_BETTER", "rto_minutes": "LOWER_IS_BETTER",
		}
		if len(cat.Metrics) != len(want) {
			t.Fatalf("seeded catalog: %+v", cat.Metrics)
		}
		for _, m := range cat.Metrics {
			if want[m.Key] != m.Direction {
				t.Fatalf("metric %+v", m)
			}
		}

		create := `mutation($in: MetricInput!) { createMetric(input: $in) { key name unit direction } }`
		var out struct {
			CreateMetric struct{ Key, Name, Unit, Direction string }
		}
		a.ok(create, in(map[string]any{"key": "patch_days", "name": "Time to patch", "unit": "days", "direction": "LOWER_IS_BETTER"}), &out)
		if out.CreateMetric.Key != "patch_days" || out.CreateMetric.Unit != "days" {
			t.Fatalf("got %+v", out.CreateMetric)
		}
		a.fails(create, in(map[string]any{"key": "patch_days", "name": "X", "unit": "d", "direction": "LOWER_IS_BETTER"}), "CONFLICT", "key")
		a.fails(create, in(map[string]any{"key": "Patch Days", "name": "X", "unit": "d", "direction": "LOWER_IS_BETTER"}), "BAD_USER_INPUT", "key")
		a.fails(create, in(map[string]any{"key": "x1", "name": "", "unit": "d", "direction": "LOWER_IS_BETTER"}), "BAD_USER_INPUT", "name")
		a.fails(create, in(map[string]any{"key": "x1", "name": "X", "unit": " ", "direction": "LOWER_IS_BETTER"}), "BAD_USER_INPUT", "unit")

		update := `mutation($k: String!, $p: MetricPatch!) { updateMetric(key: $k, input: $p) { key name unit direction } }`
		var upd struct {
			UpdateMetric struct{ Key, Name, Unit, Direction string }
		}
		a.ok(update, map[string]any{"k": "patch_days", "p": map[string]any{"name": "Days to patch"}}, &upd)
		if upd.UpdateMetric.Name != "Days to patch" || upd.UpdateMetric.Unit != "days" {
			t.Fatalf("got %+v", upd.UpdateMetric)
		}
		a.fails(update, map[string]any{"k": "patch_days", "p": map[string]any{"unit": nil}}, "BAD_USER_INPUT", "unit")
		a.fails(update, map[string]any{"k": "nope", "p": map[string]any{"name": "X"}}, "NOT_FOUND", "")

		// In use by a target: refused, and the metric stays.
		c := a.id(createClient, in(map[string]any{"name": "Patchers Inc"}))
		o := a.id(createObjective, in(map[string]any{"clientId": c, "title": "Stay secure"}))
		r := a.id(createRequirement, in(map[string]any{"objectiveId": o, "title": "Patch within a week",
			"targets": []any{map[string]any{"metric": "patch_days", "value": 7}}}))
		e := a.fails(`mutation { deleteMetric(key: "patch_days") }`, nil, "CONFLICT", "")
		if !contains(e.Message, "1 targets") {
			t.Fatalf("message should say what uses it: %s", e.Message)
		}
		a.ok(`mutation($id: ID!) { deleteRequirement(id: $id) }`, map[string]any{"id": r}, nil)
		var del struct{ DeleteMetric string }
		a.ok(`mutation { deleteMetric(key: "patch_days") }`, nil, &del)
		if del.DeleteMetric != "patch_days" {
			t.Fatalf("deleteMetric returned %q", del.DeleteMetric)
		}
		var one struct{ Metric *struct{ Key string } }
		a.ok(`{ metric(key: "patch_days") { key } }`, nil, &one)
		if one.Metric != nil {
			t.Fatal("deleted metric still there")
		}
		a.fails(`mutation { deleteMetric(key: "patch_days") }`, nil, "NOT_FOUND", "")
	})
}
