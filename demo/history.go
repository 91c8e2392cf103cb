package demo

import (
	"context"
	"math"
	"time"

	"alliance"
)

// trends say how each client's score moved over the six months before the
// demo: monthly steps, in score points from today's score, oldest first,
// ending at today's score last month.
var trends = map[string][]float64{
	"Riverbend Health Partners":   {-14, -11, -9, -6, -2, 0},   // steadily better
	"Kestrel Freight & Logistics": {+12, +12, +9, +9, +4, 0},   // slipping since the 24/7 deal
	"Hartley & Finch LLP":         {-8, -8, -3, -3, 0, 0},      // reached full coverage
	"Cobalt Lane Outfitters":      {+6, +8, +8, +3, -2, 0},     // the web shop under-delivers
	"Brandt Precision Components": {-20, -16, -9, -9, -4, 0},   // the second plant came online
	"Valley Water & Power":        {-5, -5, -5, 0, 0, 0},       // covered since summer
	"Lumen Pay":                   {-30, -25, -18, -12, -5, 0}, // a prospect being won
	"Harbourside Hotels Group":    {0, 0, +2, +2, 0, 0},        // steady until it left
}

// backdateHistory gives every client of the demo a monthly score history
// over the six months before now.
func backdateHistory(ctx context.Context, s Store, now time.Time) error {
	e, err := s.Evaluation(ctx)
	if err != nil {
		return err
	}
	// The first of each of the six months before this one: all in the past.
	now = now.UTC()
	first := time.Date(now.Year(), now.Month(), 1, 9, 0, 0, 0, time.UTC).AddDate(0, -6, 0)
	for _, c := range e.Snapshot().Clients {
		steps, ok := trends[c.Name]
		score := e.Clients[c.ID].Score
		if !ok || score == nil {
			continue
		}
		points := make([]alliance.ScorePoint, len(steps))
		for i, step := range steps {
			v := math.Round(math.Min(100, math.Max(0, *score+step))*10) / 10
			points[i] = alliance.ScorePoint{At: first.AddDate(0, i, 0), Score: &v}
		}
		if err := s.AddScorePoints(ctx, c.ID, points); err != nil {
			return err
		}
	}
	return nil
}
