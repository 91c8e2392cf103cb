package db_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
)

// Ten writers change commitments on the same shared services for different
// clients at once (every change moves every client's cost share). Afterwards
// the stored figures are a full evaluation's, every acknowledged write is
// there, and each client's last score point is its score.
func TestFiguresWithConcurrentWriters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		var shared []int64
		for i := range 3 {
			cost := decimal.NewFromInt(int64(9000 + i))
			capacity := 25
			s, err := d.CreateService(ctx, alliance.ServiceInput{Name: fmt.Sprintf("Shared %d", i), MonthlyCost: &cost, Capacity: &capacity,
				DesignedLevels: []alliance.Level{{Metric: "availability", Value: 99.9}}})
			if err != nil {
				t.Fatal(err)
			}
			shared = append(shared, s.ID)
		}
		const writers, rounds = 10, 6
		reqs := make([][]int64, writers)
		clients := make([]int64, writers)
		for w := range writers {
			acv := decimal.NewFromInt(120000)
			c, err := d.CreateClient(ctx, alliance.ClientInput{Name: fmt.Sprintf("Client %d", w), AnnualContractValue: &acv})
			if err != nil {
				t.Fatal(err)
			}
			clients[w] = c.ID
			o, _ := d.CreateObjective(ctx, alliance.ObjectiveInput{ClientID: c.ID, Title: "Run"})
			for k := range rounds {
				r, err := d.CreateRequirement(ctx, alliance.RequirementInput{ObjectiveID: o.ID, Title: fmt.Sprintf("R%d", k),
					Targets: []alliance.Level{{Metric: "availability", Value: 99.5}}})
				if err != nil {
					t.Fatal(err)
				}
				reqs[w] = append(reqs[w], r.ID)
			}
		}
		var wg sync.WaitGroup
		errs := make([]error, writers)
		made := make([][]int64, writers)
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := range rounds {
					units := 1 + (w+k)%3
					c, err := d.CreateCommitment(ctx, alliance.CommitmentInput{RequirementID: reqs[w][k], ServiceID: shared[(w+k)%3], CapacityUnits: &units})
					if err != nil {
						errs[w] = err
						return
					}
					made[w] = append(made[w], c.ID)
					if k%2 == 1 {
						if _, err := d.UpdateCommitment(ctx, c.ID, alliance.CommitmentPatch{CapacityUnits: alliance.Some(units + 1)}); err != nil {
							errs[w] = err
							return
						}
					}
				}
			}()
		}
		wg.Wait()
		for w, err := range errs {
			if err != nil {
				t.Fatalf("writer %d: %v", w, err)
			}
		}
		var all []int64
		for _, ids := range made {
			all = append(all, ids...)
		}
		got, err := d.CommitmentsByIDs(ctx, all)
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range got {
			if c == nil {
				t.Fatalf("acknowledged commitment %d is lost", all[i])
			}
		}
		diffs, err := d.Check(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, df := range diffs {
			t.Error(df)
		}
		figures, err := d.ClientFigures(ctx, clients)
		if err != nil {
			t.Fatal(err)
		}
		histories, err := d.ScoreHistories(ctx, clients)
		if err != nil {
			t.Fatal(err)
		}
		for i, h := range histories {
			last := h[len(h)-1].Score
			if last == nil || figures[i].Score == nil || *last != *figures[i].Score {
				t.Errorf("client %d: last score point %v, score %v", clients[i], last, figures[i].Score)
			}
			for j := 1; j < len(h); j++ {
				if !h[j].At.After(h[j-1].At) {
					t.Errorf("client %d: history out of order at %d", clients[i], j)
				}
			}
		}
	})
}

// The cost of a write does not grow with the portfolio: the same measurement
// write, on a service with the same commitments, executes the same number of
// statements beside 10 and beside 200 other clients.
func TestWriteCostDoesNotGrowWithThePortfolio(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, _ *db.DB) {
		dialect := db.SQLite
		if t.Name()[len(t.Name())-len("sqlite"):] != "sqlite" {
			dialect = db.MySQL
		}
		counts := map[int]int64{}
		for _, others := range []int{10, 200} {
			d := dbtest.Open(t, dialect)
			ctx := context.Background()
			err := d.Atomically(ctx, func(ctx context.Context) error {
				cost := decimal.NewFromInt(5000)
				busy, err := d.CreateService(ctx, alliance.ServiceInput{Name: "Watched", MonthlyCost: &cost,
					DesignedLevels: []alliance.Level{{Metric: "availability", Value: 99.9}}})
				if err != nil {
					return err
				}
				other, err := d.CreateService(ctx, alliance.ServiceInput{Name: "Other", MonthlyCost: &cost,
					DesignedLevels: []alliance.Level{{Metric: "availability", Value: 99.9}}})
				if err != nil {
					return err
				}
				for i := range 10 + others {
					c, err := d.CreateClient(ctx, alliance.ClientInput{Name: fmt.Sprintf("Client %d", i)})
					if err != nil {
						return err
					}
					o, err := d.CreateObjective(ctx, alliance.ObjectiveInput{ClientID: c.ID, Title: "O"})
					if err != nil {
						return err
					}
					r, err := d.CreateRequirement(ctx, alliance.RequirementInput{ObjectiveID: o.ID, Title: "R",
						Targets: []alliance.Level{{Metric: "availability", Value: 99.5}}})
					if err != nil {
						return err
					}
					s := other.ID
					if i < 10 {
						s = busy.ID // the watched service has ten commitments either way
					}
					if _, err := d.CreateCommitment(ctx, alliance.CommitmentInput{RequirementID: r.ID, ServiceID: s}); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			before := d.Statements()
			if _, err := d.RecordMeasurement(ctx, alliance.MeasurementInput{ServiceID: 1, Metric: "availability", Value: 99.0,
				PeriodStart: mustTime("2026-05-01"), PeriodEnd: mustTime("2026-06-01")}); err != nil {
				t.Fatal(err)
			}
			counts[others] = d.Statements() - before
			if diffs, err := d.Check(ctx); err != nil || len(diffs) > 0 {
				t.Fatalf("check: %v %v", diffs, err)
			}
		}
		t.Logf("a measurement write: %d statements beside 10 other clients, %d beside 200", counts[10], counts[200])
		if counts[10] != counts[200] {
			t.Fatalf("a measurement write costs %d statements beside 10 clients but %d beside 200", counts[10], counts[200])
		}
	})
}

func mustTime(day string) time.Time {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		panic(err)
	}
	return t
}
