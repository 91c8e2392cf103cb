package ingest

import (
	"context"
	"strings"
	"testing"
	"time"

	"alliance"
)

func TestReadCSV(t *testing.T) {
	// A byte order mark, CRLF line ends, a quoted source holding a comma
	// and a doubled quote, a quoted cell over two lines, a blank line,
	// columns in another order, a date without a time.
	body := "\ufeffmetric,serviceId,value,periodStart,periodEnd,source\r\n" +
		"availability,7,99.95,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z,\"probe, \"\"blackbox\"\"\"\r\n" +
		"\r\n" +
		"response_minutes,8,12,2026-01-01,2026-02-01,\"two\r\nlines\"\r\n" +
		"availability,x,99,2026-01-01,2026-02-01,\r\n" +
		"availability,9,99\r\n"
	rows, err := ReadCSV(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Fatalf("%d rows, want 4: %+v", len(rows), rows)
	}
	first := rows[0]
	if first.Err != nil || first.Line != 2 || first.Input.ServiceID != 7 || first.Input.Metric != "availability" || first.Input.Value != 99.95 ||
		first.Input.Source == nil || *first.Input.Source != `probe, "blackbox"` || !first.Input.PeriodEnd.Equal(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("first row %+v (source %v)", first, first.Input.Source)
	}
	second := rows[1]
	if second.Err != nil || second.Line != 4 || second.Input.Source == nil || *second.Input.Source != "two\r\nlines" && *second.Input.Source != "two\nlines" {
		t.Errorf("second row %+v", second)
	}
	if rows[2].Line != 6 || field(rows[2].Err) != "serviceId" {
		t.Errorf("a bad service id: line %d, %v", rows[2].Line, rows[2].Err)
	}
	if rows[3].Line != 7 || rows[3].Err == nil {
		t.Errorf("a short row: line %d, %v", rows[3].Line, rows[3].Err)
	}
}

func field(err error) string {
	if e, ok := err.(*alliance.Error); ok {
		return e.Field
	}
	return ""
}

func TestReadCSVRefusesWhole(t *testing.T) {
	for _, c := range []struct{ body, field, says string }{
		{"", "", "empty"},
		{"serviceId,metric,value,periodStart\n", "periodEnd", "no column periodEnd"},
		{"serviceId,metric,value,periodStart,periodEnd,colour\n", "colour", "unknown column"},
		{"serviceId,metric,value,periodStart,periodEnd\n1,\"open,1,2026-01-01,2026-02-01\n", "", "line 2"},
	} {
		_, err := ReadCSV(strings.NewReader(c.body))
		if err == nil || field(err) != c.field || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%q: %v (field %q), want field %q saying %q", c.body, err, field(err), c.field, c.says)
		}
	}
	var b strings.Builder
	b.WriteString("serviceId,metric,value,periodStart,periodEnd\n")
	for i := 0; i <= alliance.MaxMeasurementBatch; i++ {
		b.WriteString("1,availability,99,2026-01-01,2026-02-01\n")
	}
	if _, err := ReadCSV(strings.NewReader(b.String())); err == nil || !strings.Contains(err.Error(), "at most 10000") {
		t.Errorf("%d rows: %v", alliance.MaxMeasurementBatch+1, err)
	}
}

func TestReadJSON(t *testing.T) {
	rows, err := ReadJSON(strings.NewReader(`[
		{"serviceId": "7", "metric": "availability", "value": 99.95, "periodStart": "2026-01-01T00:00:00Z", "periodEnd": "2026-02-01T00:00:00Z", "source": "probe"},
		{"serviceId": 8, "metric": "availability", "value": "99", "periodStart": "2026-01-01", "periodEnd": "2026-02-01", "source": null},
		{"serviceId": 8, "metric": "availability", "value": true, "periodStart": "2026-01-01", "periodEnd": "2026-02-01"},
		{"serviceId": 8, "metric": "availability", "periodStart": "2026-01-01", "periodEnd": "2026-02-01"},
		{"serviceId": 8, "metric": "availability", "value": 1, "periodStart": "soon", "periodEnd": "2026-02-01"},
		{"serviceId": 8, "colour": "red"}
	]`))
	if err != nil {
		t.Fatal(err)
	}
	if rows[0].Err != nil || rows[0].Input.ServiceID != 7 || *rows[0].Input.Source != "probe" || rows[1].Err != nil || rows[1].Input.Value != 99 || rows[1].Input.Source != nil {
		t.Errorf("good rows: %+v %+v", rows[0], rows[1])
	}
	for i, want := range map[int]string{2: "value", 3: "value", 4: "periodStart", 5: "colour"} {
		if field(rows[i].Err) != want {
			t.Errorf("row %d: %v, want field %s", i, rows[i].Err, want)
		}
	}
	for _, body := range []string{`{}`, `[1]`, `[] []`, `not json`} {
		if _, err := ReadJSON(strings.NewReader(body)); err == nil {
			t.Errorf("%q read", body)
		}
	}
}

// recorder records what it is given, refusing service 999.
type recorder struct{ got []alliance.MeasurementInput }

func (r *recorder) RecordMeasurements(_ context.Context, in []alliance.MeasurementInput, atomic bool) ([]alliance.MeasurementResult, error) {
	out := make([]alliance.MeasurementResult, len(in))
	refused := false
	for i, m := range in {
		out[i] = alliance.MeasurementResult{Index: i, Outcome: alliance.MeasurementCreated, Measurement: &alliance.Measurement{ServiceID: m.ServiceID}}
		if m.ServiceID == 999 {
			out[i] = alliance.MeasurementResult{Index: i, Outcome: alliance.MeasurementRefused, Field: "serviceId", Message: "service 999 not found"}
			refused = true
		}
	}
	if atomic && refused {
		for i := range out {
			if out[i].Field == "" {
				out[i] = alliance.MeasurementResult{Index: i, Outcome: alliance.MeasurementRefused, Message: "not written: the batch is atomic and row 1 was refused"}
			}
		}
	} else {
		r.got = append(r.got, in...)
	}
	return out, nil
}

func TestRecordNumbersRowsAsTheBodyDoes(t *testing.T) {
	body := "serviceId,metric,value,periodStart,periodEnd\n1,availability,99,2026-01-01,2026-02-01\nx,availability,99,2026-01-01,2026-02-01\n" +
		"2,availability,99,2026-01-01,2026-02-01\n999,availability,99,2026-01-01,2026-02-01\n"
	rows, err := ReadCSV(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	a, err := Record(context.Background(), rec, rows, false)
	if err != nil {
		t.Fatal(err)
	}
	if a.Created != 2 || a.Refused != 2 || len(rec.got) != 3 || a.Results[1].Line != 3 || a.Results[1].Field != "serviceId" || a.Results[3].Line != 5 {
		t.Fatalf("answer %+v, recorded %d", a, len(rec.got))
	}
	// Atomic: the row that could not be read writes nothing at all.
	rec = &recorder{}
	a, err = Record(context.Background(), rec, rows, true)
	if err != nil {
		t.Fatal(err)
	}
	if a.Refused != 4 || len(rec.got) != 0 || !strings.Contains(a.Results[0].Message, "line 3 was refused") {
		t.Fatalf("atomic answer %+v, recorded %d", a, len(rec.got))
	}
	// The store's own atomic refusal names the body's line.
	a, err = Record(context.Background(), rec, []Row{rows[0], rows[3]}, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.got) != 0 || !strings.Contains(a.Results[0].Message, "line 5 was refused") {
		t.Fatalf("atomic answer from the store %+v", a.Results)
	}
}

// FuzzReadCSV: whatever the body, ReadCSV answers rows or an error, never
// panics, numbers rows by lines that exist, in order, and a row it reads
// has a valid period or an error.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("serviceId,metric,value,periodStart,periodEnd,source\n1,availability,99.9,2026-01-01,2026-02-01,x\n"))
	f.Add([]byte("\ufeffserviceId,metric,value,periodStart,periodEnd\r\n1,a,\"1,5\",2026-01-01T00:00:00Z,2026-02-01T00:00:00Z\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ReadCSV(strings.NewReader(string(data)))
		if err != nil {
			if rows != nil {
				t.Fatalf("rows with an error")
			}
			if _, ok := err.(*alliance.Error); !ok {
				t.Fatalf("an error that is not the API's: %v", err)
			}
			return
		}
		lines := strings.Count(string(data), "\n") + strings.Count(string(data), "\r") + 1
		last := 1
		for _, r := range rows {
			if r.Line <= last || r.Line > lines {
				t.Fatalf("row at line %d after line %d, in %d lines", r.Line, last, lines)
			}
			last = r.Line
			if r.Err == nil && (r.Input.ServiceID < 1 || r.Input.PeriodStart.IsZero() || r.Input.PeriodEnd.IsZero()) {
				t.Fatalf("a row read without its values: %+v", r)
			}
		}
	})
}
