package demo_test

import (
	"context"
	"testing"
	"time"

	"alliance/db"
	"alliance/db/dbtest"
)

// Every client has six monthly points before today, ending at the score the
// data gives it, and no point in the future.
func TestDemoScoreHistory(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, err := load(t, d); err != nil {
			t.Fatal(err)
		}
		e, err := d.Evaluation(ctx)
		if err != nil {
			t.Fatal(err)
		}
		clients := e.Snapshot().Clients
		ids := make([]int64, len(clients))
		for i, c := range clients {
			ids[i] = c.ID
		}
		histories, err := d.ScoreHistories(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range clients {
			h := histories[i]
			score := e.Clients[c.ID].Score
			if len(h) < 6 {
				t.Errorf("%s: %d points", c.Name, len(h))
				continue
			}
			last := h[len(h)-1]
			if last.Score == nil || score == nil || *last.Score != *score {
				t.Errorf("%s: the history ends at %v, the score is %v", c.Name, last.Score, score)
			}
			for j, p := range h {
				if p.At.After(time.Now()) || j > 0 && p.At.Before(h[j-1].At) {
					t.Errorf("%s: point %d at %s is out of order or in the future", c.Name, j, p.At)
				}
			}
		}
	})
}
