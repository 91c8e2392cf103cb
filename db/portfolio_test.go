package db_test

import (
	"context"
	"testing"

	"github.com/shopspring/decimal"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
)

// The portfolio's figures follow every write that moves them, down to a
// service that serves nobody being removed, and stay what a full evaluation
// computes; amounts stay exact.
func TestPortfolioFiguresFollowTheWrites(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		want := func(step, acv, cost, orphan string) {
			t.Helper()
			p, err := d.Portfolio(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if p.AnnualContractValue.String() != acv || p.MonthlyServiceCost.String() != cost || p.OrphanMonthlyCost.String() != orphan {
				t.Fatalf("%s: contract value %s, service cost %s, orphan cost %s; want %s, %s, %s", step,
					p.AnnualContractValue, p.MonthlyServiceCost, p.OrphanMonthlyCost, acv, cost, orphan)
			}
			if diffs, err := d.Check(ctx); err != nil || len(diffs) > 0 {
				t.Fatalf("%s: check: %v %v", step, diffs, err)
			}
		}
		amount := func(s string) *decimal.Decimal { d := decimal.RequireFromString(s); return &d }
		want("empty", "0", "0", "0")
		idle, err := d.CreateService(ctx, alliance.ServiceInput{Name: "Idle", MonthlyCost: amount("100.10")})
		if err != nil {
			t.Fatal(err)
		}
		busy, err := d.CreateService(ctx, alliance.ServiceInput{Name: "Busy", MonthlyCost: amount("0.01")})
		if err != nil {
			t.Fatal(err)
		}
		want("two services, both orphan", "0", "100.11", "100.11")
		c, err := d.CreateClient(ctx, alliance.ClientInput{Name: "A", AnnualContractValue: amount("9999999999999.99")})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.CreateClient(ctx, alliance.ClientInput{Name: "B", AnnualContractValue: amount("0.02")}); err != nil {
			t.Fatal(err)
		}
		want("two clients", "10000000000000.01", "100.11", "100.11")
		o, err := d.CreateObjective(ctx, alliance.ObjectiveInput{ClientID: c.ID, Title: "O"})
		if err != nil {
			t.Fatal(err)
		}
		r, err := d.CreateRequirement(ctx, alliance.RequirementInput{ObjectiveID: o.ID, Title: "R"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.CreateCommitment(ctx, alliance.CommitmentInput{RequirementID: r.ID, ServiceID: busy.ID}); err != nil {
			t.Fatal(err)
		}
		want("a commitment", "10000000000000.01", "100.11", "100.1")
		churned := alliance.Churned
		if _, err := d.UpdateClient(ctx, c.ID, alliance.ClientPatch{Status: alliance.Some(churned)}); err != nil {
			t.Fatal(err)
		}
		want("its client churned", "0.02", "100.11", "100.11")
		retiring := alliance.Retiring
		if _, err := d.UpdateService(ctx, idle.ID, alliance.ServicePatch{Lifecycle: alliance.Some(retiring), MonthlyCost: alliance.Some(*amount("5"))}); err != nil {
			t.Fatal(err)
		}
		want("idle retiring", "0.02", "5.01", "0.01")
		if err := d.DeleteService(ctx, idle.ID); err != nil {
			t.Fatal(err)
		}
		want("idle gone", "0.02", "0.01", "0.01")
	})
}
