package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"alliance/db/dbtest"
	"alliance/ingest"
)

// pushed decodes the answer of POST /api/measurements.
func pushed(t *testing.T, res httpResult) ingest.Answer {
	t.Helper()
	if res.status != 200 {
		t.Fatalf("POST /api/measurements: %d %s", res.status, res.body)
	}
	var a ingest.Answer
	if err := json.Unmarshal([]byte(res.body), &a); err != nil {
		t.Fatalf("not JSON: %s", res.body)
	}
	return a
}

// measured counts the measurements of a service, as the admin reads them.
func measured(t *testing.T, url, service string) int {
	t.Helper()
	r := postQuery(t, url, `{ service(id: "`+service+`") { measurements(last: 1000) { id } } }`, nil)
	var out struct{ Measurements []struct{ ID string } }
	if len(r.Errors) > 0 || json.Unmarshal(r.Data["service"], &out) != nil {
		t.Fatalf("measurements of %s: %+v", service, r.Errors)
	}
	return len(out.Measurements)
}

func TestPushMeasurements(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			s := start(t, []string{"--db", dbtest.URL(t, dialect), "--demo"}, nil)
			r := postQuery(t, s.url, `{ services(first: 2) { nodes { id } } }`, nil)
			var list struct{ Nodes []struct{ ID string } }
			json.Unmarshal(r.Data["services"], &list)
			if len(list.Nodes) < 2 {
				t.Fatalf("services: %+v", r)
			}
			ours, foreign := list.Nodes[0].ID, list.Nodes[1].ID

			// An INGEST token limited to one service, made through the API.
			r = postQuery(t, s.url, `mutation { createToken(input: {name: "monitoring", role: INGEST, serviceIds: ["`+ours+`"]}) { secret token { role services { id } } } }`, nil)
			var made struct {
				Secret string
				Token  struct {
					Role     string
					Services []struct{ ID string }
				}
			}
			if len(r.Errors) > 0 || json.Unmarshal(r.Data["createToken"], &made) != nil || made.Token.Role != "INGEST" || len(made.Token.Services) != 1 || made.Token.Services[0].ID != ours {
				t.Fatalf("createToken: %+v %+v", r.Errors, made)
			}
			if r := postQuery(t, s.url, `mutation { createToken(input: {name: "x", role: INGEST, serviceIds: ["999999"]}) { secret } }`, nil); len(r.Errors) == 0 || r.Errors[0].Extensions["field"] != "serviceIds.0" {
				t.Fatalf("an ingest token for a missing service: %+v", r.Errors)
			}
			ingestTok := map[string]string{"Authorization": "Bearer " + made.Secret}
			before := measured(t, s.url, ours)

			// CSV with a byte order mark, CRLF line ends, a quoted comma,
			// and a row of a service the token may not record.
			csv := "\ufeffserviceId,metric,value,periodStart,periodEnd,source\r\n" +
				ours + ",availability,99.91,2031-01-01T00:00:00Z,2031-02-01T00:00:00Z,\"blackbox, probe\"\r\n" +
				ours + ",response_minutes,14,2031-01-01,2031-02-01,\"blackbox, probe\"\r\n" +
				foreign + ",availability,99.5,2031-01-01,2031-02-01,\r\n"
			a := pushed(t, request(t, "POST", s.url+"/api/measurements", "text/csv; charset=utf-8", csv, ingestTok))
			if a.Created != 2 || a.Refused != 1 || a.Results[0].Line != 2 || a.Results[2].Line != 4 || a.Results[2].Field != "serviceId" ||
				a.Results[0].Measurement == nil || a.Results[0].Measurement.Source == nil || *a.Results[0].Measurement.Source != "blackbox, probe" {
				t.Fatalf("CSV push: %+v", a)
			}
			if got := measured(t, s.url, ours); got != before+2 {
				t.Fatalf("%d measurements after the push, want %d", got, before+2)
			}
			// Again: nothing changes.
			a = pushed(t, request(t, "POST", s.url+"/api/measurements", "text/csv", csv, ingestTok))
			if a.Unchanged != 2 || a.Refused != 1 || measured(t, s.url, ours) != before+2 {
				t.Fatalf("the same CSV again: %+v", a)
			}
			// Atomic: the foreign row writes nothing.
			changed := strings.ReplaceAll(csv, "99.91", "98")
			a = pushed(t, request(t, "POST", s.url+"/api/measurements?atomic=true", "text/csv", changed, ingestTok))
			if a.Refused != 3 || !strings.Contains(a.Results[0].Message, "line 4 was refused") {
				t.Fatalf("atomic CSV: %+v", a)
			}
			r = postQuery(t, s.url, `{ service(id: "`+ours+`") { measurements(metric: "availability", last: 1) { value } } }`, nil)
			if !strings.Contains(string(r.Data["service"]), "99.91") {
				t.Fatalf("an atomic batch with a refused row wrote: %s", r.Data["service"])
			}
			// JSON, updating one and refusing a bad value.
			body := `[{"serviceId": "` + ours + `", "metric": "availability", "value": 98, "periodStart": "2031-01-01T00:00:00Z", "periodEnd": "2031-02-01T00:00:00Z", "source": "blackbox, probe"},
				{"serviceId": "` + ours + `", "metric": "availability", "value": "lots", "periodStart": "2031-01-01", "periodEnd": "2031-02-01"}]`
			a = pushed(t, request(t, "POST", s.url+"/api/measurements", "application/json", body, ingestTok))
			if a.Updated != 1 || a.Refused != 1 || a.Results[1].Field != "value" {
				t.Fatalf("JSON push: %+v", a)
			}

			// Refused whole: another content type, a viewer.
			if res := request(t, "POST", s.url+"/api/measurements", "text/plain", csv, ingestTok); res.status != 400 {
				t.Errorf("text/plain: %d %s", res.status, res.body)
			}
			viewer := makeToken(t, s.url, "push viewer", "VIEWER", "")
			if res := request(t, "POST", s.url+"/api/measurements", "text/csv", csv, viewer); res.status != 403 {
				t.Errorf("a viewer pushing: %d %s", res.status, res.body)
			}

			// The INGEST token does nothing else: no other route, no read.
			for _, path := range []string{"/api/export/all.json", "/api/export/requirements.csv", "/reports/x.csv", "/api/import/template"} {
				if res := request(t, "GET", s.url+path, "", "", ingestTok); res.status != 403 {
					t.Errorf("GET %s as INGEST: %d %s", path, res.status, res.body)
				}
			}
			if res := request(t, "POST", s.url+"/api/import", "multipart/form-data; boundary=x", "--x--", ingestTok); res.status != 403 {
				t.Errorf("POST /api/import as INGEST: %d", res.status)
			}
			for _, doc := range []string{
				`{ me { name } }`,
				`{ services(first: 1) { nodes { name } } }`,
				`mutation { recordMeasurement(input: {serviceId: "` + ours + `", metric: "availability", value: 99, periodStart: "2031-03-01T00:00:00Z", periodEnd: "2031-04-01T00:00:00Z"}) { service { name } } }`,
				`mutation { recordMeasurements(input: []) { results { measurement { service { commitments { id } } } } } }`,
			} {
				r := postQuery(t, s.url, doc, ingestTok)
				if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "FORBIDDEN" {
					t.Errorf("%s as INGEST: %+v", doc, r)
				}
			}
			if measured(t, s.url, ours) != before+2 {
				t.Fatalf("a refused document wrote")
			}
			// What recording answers it may read.
			r = postQuery(t, s.url, `mutation { recordMeasurements(input: [{serviceId: "`+ours+`", metric: "availability", value: 99, periodStart: "2031-03-01T00:00:00Z", periodEnd: "2031-04-01T00:00:00Z"},
				{serviceId: "`+foreign+`", metric: "availability", value: 99, periodStart: "2031-03-01T00:00:00Z", periodEnd: "2031-04-01T00:00:00Z"}]) {
				created refused results { index outcome field message measurement { id value service { id } metric { key } } } } }`, ingestTok)
			var res struct {
				Created, Refused int
				Results          []struct {
					Outcome, Field string
					Measurement    *struct{ Service struct{ ID string } }
				}
			}
			if len(r.Errors) > 0 || json.Unmarshal(r.Data["recordMeasurements"], &res) != nil || res.Created != 1 || res.Refused != 1 ||
				res.Results[0].Measurement.Service.ID != ours || res.Results[1].Field != "serviceId" || res.Results[1].Measurement != nil {
				t.Fatalf("recordMeasurements as INGEST: %+v %s", r.Errors, r.Data["recordMeasurements"])
			}

			// A session writes with its anti-CSRF token, and not without.
			editor := join(t, s.url, "push@example.com", "Pusher", "EDITOR", "", adaPassword)
			later := strings.ReplaceAll(csv, "2031-0", "2032-0")
			if res := request(t, "POST", s.url+"/api/measurements", "text/csv", later, editor.header(false)); res.status == 200 {
				t.Errorf("a session push without its anti-CSRF token: %d %s", res.status, res.body)
			}
			if got := measured(t, s.url, ours); got != before+3 {
				t.Fatalf("%d measurements, want %d", got, before+3)
			}
			a = pushed(t, request(t, "POST", s.url+"/api/measurements", "text/csv", later, editor.header(true)))
			if a.Created != 3 {
				t.Fatalf("a session push: %+v", a)
			}

			// A full batch through GraphQL fits the body an INGEST token may
			// send (larger than --max-body-bytes).
			var rows []string
			for i := 0; i < 10000; i++ {
				end := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i+1) * time.Minute).Format(time.RFC3339)
				rows = append(rows, fmt.Sprintf(`{"serviceId": %q, "metric": "support_hours", "value": %d, "periodStart": "2020-01-01T00:00:00Z", "periodEnd": %q, "source": "backfill of the ticket system"}`, ours, i%100, end))
			}
			big := `{"query": "mutation($in: [MeasurementInput!]!) { recordMeasurements(input: $in) { created unchanged refused } }", "variables": {"in": [` + strings.Join(rows, ",") + `]}}`
			if len(big) < 1<<20 {
				t.Fatalf("the batch is %d bytes, not above the default body limit", len(big))
			}
			out := request(t, "POST", s.url+"/graphql", "application/json", big, ingestTok)
			if out.status != 200 || !strings.Contains(out.body, `"created":10000`) {
				t.Fatalf("a batch of 10,000 through GraphQL: %d %.300s", out.status, out.body)
			}
		})
	}
}
