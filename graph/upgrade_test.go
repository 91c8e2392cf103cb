package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	"alliance/db"
	"alliance/db/dbtest"
	"alliance/demo"
	"alliance/graph"
)

// upgradeQueries read every figure of the contract: the portfolio, the whole
// gap list, every client with its map, every service, the impact of retiring
// each service and a promise check.
var upgradeQueries = map[string]string{
	"portfolio": `{ portfolio { score statusCounts { status count } annualContractValue monthlyServiceCost orphanMonthlyCost } }`,
	"gaps":      `{ gaps(first: 100) { totalCount edges { cursor } nodes { kind message client { id } objective { id } requirement { id } service { id } } } }`,
	"clients": `{ clients(first: 100, orderBy: {field: MONTHLY_MARGIN, direction: DESC}) { totalCount nodes { id name score gapCount
		monthlyCostToServe monthlyMargin statusCounts { status count } scoreHistory { score }
		objectives { id score requirements { id coverage { status percent shortfalls { service { id } metric { key } required designed measured } }
		commitments { id holds } } } } } }`,
	"requirements": `{ requirements(first: 100) { totalCount nodes { id coverage { status percent } } } }`,
	"services":     `{ services(first: 100) { totalCount nodes { id committedUnits oversubscribed orphan latestMeasurements { id } } } }`,
	"promise": `{ serviceMatches(targets: [{metric: "support_hours", value: 168}, {metric: "response_minutes", value: 15}]) {
		service { id } delivers spareCapacity } }`,
}

// A database made by the previous schema version (00003, before the stored
// figures) with the demo portfolio upgrades, and then answers every contract
// query exactly as the figures computed at the time answered them.
func TestUpgradeFromThePreviousSchemaAnswersTheSame(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		err := d.Atomically(ctx, func(ctx context.Context) error {
			_, err := demo.Load(ctx, d, time.Date(2026, 11, 15, 0, 0, 0, 0, time.UTC))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(as(tester, graph.NewHandler(d, graph.Options{Limits: graph.Limits{MaxCost: 1 << 30, CostPerSecond: -1}})))
		defer srv.Close()
		a := &api{t: t, url: srv.URL, db: d}
		answers := func() map[string]string {
			out := map[string]string{}
			for name, q := range upgradeQueries {
				var data json.RawMessage
				a.ok(q, nil, &data)
				out[name] = string(data)
			}
			var services struct {
				Services struct{ Nodes []struct{ ID string } }
			}
			a.ok(`{ services(first: 100) { nodes { id } } }`, nil, &services)
			for _, s := range services.Services.Nodes {
				var data json.RawMessage
				a.ok(fmt.Sprintf(`{ impact(serviceId: %q) { revenueAtRisk requirements { requirement { id } before after }
					clients { client { id } before after } } }`, s.ID), nil, &data)
				out["impact of "+s.ID] = string(data)
			}
			return out
		}
		before := answers()

		// Back to schema version 3: the figures' tables go, the revision
		// row of that version comes back, the data stays as it was.
		dialect, dir := goose.DialectSQLite3, "../db/migrations/sqlite"
		if d.Dialect() == db.MySQL {
			dialect, dir = goose.DialectMySQL, "../db/migrations/mysql"
		}
		p, err := goose.NewProvider(dialect, d.SQL(), os.DirFS(dir))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.DownTo(ctx, 3); err != nil {
			t.Fatal(err)
		}
		if _, err := d.SQL().ExecContext(ctx, "SELECT n FROM revision"); err != nil {
			t.Fatalf("not at version 3: %v", err)
		}
		if _, err := d.SQL().ExecContext(ctx, "SELECT 1 FROM client_figures"); err == nil {
			t.Fatal("the figures' tables are still there at version 3")
		}

		if _, err := d.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		after := answers()
		for name, want := range before {
			if after[name] != want {
				t.Errorf("%s after the upgrade:\n%s\nbefore:\n%s", name, after[name], want)
			}
		}
		if len(before) < len(upgradeQueries)+10 {
			t.Fatalf("only %d answers compared", len(before))
		}
		if diffs, err := d.Check(ctx); err != nil || len(diffs) > 0 {
			t.Fatalf("check after the upgrade: %v %v", diffs, err)
		}
	})
}
