package db_test

import (
	"context"
	"testing"

	"alliance/db"
	"alliance/db/dbtest"
)

// On a generated portfolio, the impact read from the stored retirements of
// every service is what a full evaluation computes, and the most committed
// services change something.
func TestImpactOfEveryGeneratedService(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		sum, err := d.Generate(ctx, db.GenerateOptions{Clients: 20, Seed: 3}, nil)
		if err != nil {
			t.Fatal(err)
		}
		e, err := d.Evaluation(ctx)
		if err != nil {
			t.Fatal(err)
		}
		changes := 0
		for _, s := range e.Snapshot().Services {
			got, err := d.Impact(ctx, s.ID)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := e.Impact(s.ID)
			if impactText(got) != impactText(want) {
				t.Fatalf("impact of service %d\n%s\na full evaluation says\n%s", s.ID, impactText(got), impactText(want))
			}
			changes += len(want.Requirements)
		}
		if changes < sum.Requirements/10 {
			t.Fatalf("%d requirement changes over every service of %d requirements: too few to test", changes, sum.Requirements)
		}
		if imp, err := d.Impact(ctx, 1<<40); err != nil || imp != nil {
			t.Fatalf("an unknown service: %v, %v", imp, err)
		}
	})
}
