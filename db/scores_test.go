package db_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
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
// next read through the other, whose evaluation is cached.
func TestEvaluationCacheAcrossServers(t *testing.T) {
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

			first, err := a.Evaluation(ctx)
			if err != nil {
				t.Fatal(err)
			}
			again, _ := a.Evaluation(ctx)
			if first != again {
				t.Fatal("an unchanged database must be answered from the cache")
			}
			if *first.Clients[c.ID].Score != 0 {
				t.Fatal("the requirement starts as a gap")
			}
			if _, err := b.CreateCommitment(ctx, alliance.CommitmentInput{RequirementID: r.ID, ServiceID: s.ID}); err != nil {
				t.Fatal(err)
			}
			seen, err := a.Evaluation(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got := seen.Clients[c.ID].Score; got == nil || *got != 100 {
				t.Fatalf("server A still answers %v after server B's write", got)
			}
			before := a.Statements()
			if _, err := a.Evaluation(ctx); err != nil {
				t.Fatal(err)
			}
			if n := a.Statements() - before; n != 1 {
				t.Fatalf("a cached evaluation costs %d statements, want 1 (the revision)", n)
			}
		})
	}
}

// The evaluation one request starts is shared with the requests that need it
// at the same time: when the request that started it goes away (a browser
// cancels a superseded fetch), the evaluation still completes, is kept, and
// the others get it.
func TestEvaluationOutlivesTheRequestThatStartedIt(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		if _, err := d.CreateClient(context.Background(), alliance.ClientInput{Name: "Watched"}); err != nil {
			t.Fatal(err)
		}
		started, cancel := context.WithCancel(context.Background())
		var computations atomic.Int32
		d.OnEvaluate(func() {
			computations.Add(1)
			cancel() // the starting request ends while the evaluation runs
		})
		if _, err := d.Evaluation(started); err != nil && !errors.Is(err, context.Canceled) {
			t.Fatalf("the starting request: %v", err)
		}
		e, err := d.Evaluation(context.Background())
		if err != nil {
			t.Fatalf("another request: %v", err)
		}
		if len(e.Clients) != 1 {
			t.Fatalf("evaluation of %d clients, want 1", len(e.Clients))
		}
		if n := computations.Load(); n != 1 {
			t.Fatalf("%d evaluations, want 1: the first was lost with its request", n)
		}
	})
}
