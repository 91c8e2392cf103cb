package dbtest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"alliance/db"
)

// Bulk fills a migrated database with a synthetic portfolio, fast, by SQL:
// clients, each with four objectives of four requirements (two targets each),
// every requirement committed to two of 100 services that carry designed
// levels and six months of measurements. It is for benchmarks: the rows are
// valid, but no audit or score history is written.
func Bulk(tb testing.TB, d *db.DB, clients int) {
	tb.Helper()
	ctx := context.Background()
	conn := d.SQL()
	now := time.Now().UTC().Format("2006-01-02 15:04:05.000000")
	exec := func(query string, rows [][]any) {
		tb.Helper()
		const batch = 500
		for start := 0; start < len(rows); start += batch {
			end := min(start+batch, len(rows))
			var b strings.Builder
			var args []any
			b.WriteString(query)
			for i, r := range rows[start:end] {
				if i > 0 {
					b.WriteString(",")
				}
				b.WriteString("(" + strings.TrimSuffix(strings.Repeat("?,", len(r)), ",") + ")")
				args = append(args, r...)
			}
			if _, err := conn.ExecContext(ctx, b.String(), args...); err != nil {
				tb.Fatalf("bulk insert: %v", err)
			}
		}
	}
	var services, levels, measurements [][]any
	for s := 1; s <= 100; s++ {
		name := fmt.Sprintf("Service %03d", s)
		lifecycle := "LIVE"
		if s%10 == 0 {
			lifecycle = "PLANNED"
		}
		services = append(services, []any{s, name, strings.ToLower(name), lifecycle, fmt.Sprintf("%d.50", 1000+s*37), clients, now, now})
		levels = append(levels, []any{s, "availability", 99.9 + float64(s%5)/100}, []any{s, "response_minutes", float64(10 + s%20)})
		for m := 0; m < 6; m++ {
			end := time.Now().UTC().AddDate(0, -m, 0).Format("2006-01-02 15:04:05.000000")
			start := time.Now().UTC().AddDate(0, -m-1, 0).Format("2006-01-02 15:04:05.000000")
			measurements = append(measurements, []any{s, "availability", 99.8 + float64((s+m)%4)/20, start, end, now})
		}
	}
	exec("INSERT INTO services (id, name, name_key, lifecycle, monthly_cost, capacity, created_at, updated_at) VALUES ", services)
	exec("INSERT INTO service_levels (service_id, metric_key, value) VALUES ", levels)
	exec("INSERT INTO measurements (service_id, metric_key, value, period_start, period_end, recorded_at) VALUES ", measurements)

	var cs, os, rs, ts, ks [][]any
	prio := []string{"MUST", "SHOULD", "COULD"}
	o, r, k := 0, 0, 0
	for c := 1; c <= clients; c++ {
		name := fmt.Sprintf("Client %05d", c)
		status := "ACTIVE"
		if c%20 == 0 {
			status = "PROSPECT"
		}
		cs = append(cs, []any{c, name, strings.ToLower(name), status, fmt.Sprintf("%d.00", 100000+c*1000), now, now})
		for oi := 0; oi < 4; oi++ {
			o++
			title := fmt.Sprintf("Objective %d", oi)
			os = append(os, []any{o, c, title, strings.ToLower(title), prio[oi%3], now, now})
			for ri := 0; ri < 4; ri++ {
				r++
				title := fmt.Sprintf("Requirement %d", ri)
				rs = append(rs, []any{r, o, title, strings.ToLower(title), prio[(c+ri)%3], now, now})
				ts = append(ts, []any{r, "availability", 99.9}, []any{r, "response_minutes", 15.0})
				a, b := (c+oi*4+ri)%100+1, (c*7+oi+ri)%100+1
				for i, s := range []int{a, b} {
					if i == 1 && b == a {
						break // one commitment per service and requirement
					}
					k++
					ks = append(ks, []any{k, r, s, 60 - 20*i, 1, now, now})
				}
			}
		}
	}
	exec("INSERT INTO clients (id, name, name_key, status, annual_contract_value, created_at, updated_at) VALUES ", cs)
	exec("INSERT INTO objectives (id, client_id, title, title_key, priority, created_at, updated_at) VALUES ", os)
	exec("INSERT INTO requirements (id, objective_id, title, title_key, priority, created_at, updated_at) VALUES ", rs)
	exec("INSERT INTO requirement_targets (requirement_id, metric_key, value) VALUES ", ts)
	exec("INSERT INTO commitments (id, requirement_id, service_id, coverage_percent, capacity_units, created_at, updated_at) VALUES ", ks)
	// Rows written behind the store's back: compute the stored figures.
	if err := d.RefreshFigures(ctx); err != nil {
		tb.Fatal(err)
	}
}
