package db_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
)

// Ten writers commit services to ten requirements of one client at once.
// Each commit moves the score by 10; the history must end at the final
// score, and, since writers take turns on the client, climb in steps.
func TestScoreHistoryWithConcurrentWriters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		c, err := d.CreateClient(ctx, alliance.ClientInput{Name: "Busy"})
		if err != nil {
			t.Fatal(err)
		}
		o, _ := d.CreateObjective(ctx, alliance.ObjectiveInput{ClientID: c.ID, Title: "Everything"})
		var reqs, svcs []int64
		could := alliance.Could
		for i := range 10 {
			r, err := d.CreateRequirement(ctx, alliance.RequirementInput{ObjectiveID: o.ID, Title: fmt.Sprintf("R%d", i), Priority: &could})
			if err != nil {
				t.Fatal(err)
			}
			s, err := d.CreateService(ctx, alliance.ServiceInput{Name: fmt.Sprintf("S%d", i)})
			if err != nil {
				t.Fatal(err)
			}
			reqs, svcs = append(reqs, r.ID), append(svcs, s.ID)
		}
		var wg sync.WaitGroup
		errs := make([]error, 10)
		for i := range 10 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = d.CreateCommitment(ctx, alliance.CommitmentInput{RequirementID: reqs[i], ServiceID: svcs[i]})
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("writer %d: %v", i, err)
			}
		}
		e, err := d.Evaluation(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if s := e.Clients[c.ID].Score; s == nil || *s != 100 {
			t.Fatalf("final score %v", s)
		}
		h, err := d.ScoreHistories(ctx, []int64{c.ID})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range h[0] {
			if p.Score == nil {
				got = append(got, "null")
			} else {
				got = append(got, fmt.Sprint(*p.Score))
			}
		}
		want := "[null 0 10 20 30 40 50 60 70 80 90 100]"
		if fmt.Sprint(got) != want {
			t.Fatalf("history %v, want %s", got, want)
		}
	})
}

// Two servers over one database: a write through one is seen by the very
// next read through the other, since the figures are stored with the data.
func TestFiguresAcrossServers(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			url := dbtest.URL(t, dialect)
			open := func() *db.DB {
				d, err := db.Open(ctx, url, nil)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { d.Close() })
				if _, err := d.Migrate(ctx); err != nil {
					t.Fatal(err)
				}
				return d
			}
			a, b := open(), open()
			c, err := a.CreateClient(ctx, alliance.ClientInput{Name: "Shared"})
			if err != nil {
				t.Fatal(err)
			}
			o, _ := a.CreateObjective(ctx, alliance.ObjectiveInput{ClientID: c.ID, Title: "O"})
			r, _ := a.CreateRequirement(ctx, alliance.RequirementInput{ObjectiveID: o.ID, Title: "R"})
			s, _ := a.CreateService(ctx, alliance.ServiceInput{Name: "S"})
			score := func(d *db.DB) *float64 {
				fs, err := d.ClientFigures(ctx, []int64{c.ID})
				if err != nil || fs[0] == nil {
					t.Fatalf("figures of client %d: %v, %v", c.ID, fs, err)
				}
				return fs[0].Score
			}
			if got := score(a); got == nil || *got != 0 {
				t.Fatalf("the requirement starts as a gap, score %v", got)
			}
			if _, err := b.CreateCommitment(ctx, alliance.CommitmentInput{RequirementID: r.ID, ServiceID: s.ID}); err != nil {
				t.Fatal(err)
			}
			if got := score(a); got == nil || *got != 100 {
				t.Fatalf("server A still answers %v after server B's write", got)
			}
		})
	}
}
