package db

import (
	"context"
	"time"

	"gorm.io/gorm"

	"alliance"
	"alliance/coverage"
)

type scorePointRow struct {
	ID       int64 `gorm:"primaryKey"`
	ClientID int64
	At       time.Time
	Score    *float64
}

func (scorePointRow) TableName() string { return "score_points" }

// touch marks clients whose score the transaction may move.
func (t *tx) touch(clientIDs ...int64) {
	for _, id := range clientIDs {
		t.touched[id] = true
	}
}

// touchWhere marks the clients selected by a query of client ids.
func (t *tx) touchWhere(q *gorm.DB) error {
	var ids []int64
	if err := q.Pluck("o.client_id", &ids).Error; err != nil {
		return err
	}
	t.touch(ids...)
	return nil
}

// clientsOfRequirements selects the clients of requirements.
func (t *tx) clientsOfRequirements() *gorm.DB {
	return t.g.Table("requirements r").Distinct().Joins("JOIN objectives o ON o.id = r.objective_id")
}

func (t *tx) touchRequirement(id int64) error {
	return t.touchWhere(t.clientsOfRequirements().Where("r.id = ?", id))
}

func (t *tx) touchObjective(id int64) error {
	return t.touchWhere(t.g.Table("objectives o").Where("o.id = ?", id))
}

// touchService marks every client with a requirement committed to the
// service.
func (t *tx) touchService(id int64) error {
	return t.touchWhere(t.clientsOfRequirements().Joins("JOIN commitments c ON c.requirement_id = r.id").Where("c.service_id = ?", id))
}

// touchMetric marks every client with a target on the metric.
func (t *tx) touchMetric(key string) error {
	return t.touchWhere(t.clientsOfRequirements().Joins("JOIN requirement_targets rt ON rt.requirement_id = r.id").Where("rt.metric_key = ?", key))
}

// recordScores adds a point to the history of each of the clients whose
// score in e (as returned, rounded) differs from its last point, or that has
// no point yet. The caller holds the clients' figures locks, so that two
// transactions scoring the same client take turns.
func (t *tx) recordScores(ids []int64, e *coverage.Evaluation) error {
	return t.recordScoresOf(ids, func(id int64) (*float64, bool) {
		f := e.Clients[id]
		if f == nil {
			return nil, false
		}
		return f.Score, true
	})
}

// recordScoresOf is recordScores for scores given by score (false: the
// client has none to record).
func (t *tx) recordScoresOf(ids []int64, score func(id int64) (*float64, bool)) error {
	if len(ids) == 0 {
		return nil
	}
	last, err := lastScores(t.g, ids)
	if err != nil {
		return err
	}
	var points []*scorePointRow
	for _, id := range ids {
		s, has := score(id)
		if !has {
			continue
		}
		prev, ok := last[id]
		if ok && coverage.SameScore(prev.Score, s) {
			continue
		}
		points = append(points, &scorePointRow{ClientID: id, At: stamp(prev), Score: s})
	}
	return insert(t.g, points)
}

// lastScores returns the latest point of each client that has one.
func lastScores(g *gorm.DB, clientIDs []int64) (map[int64]*scorePointRow, error) {
	var rows []*scorePointRow
	err := g.Raw(`SELECT * FROM (
		SELECT p.*, ROW_NUMBER() OVER (PARTITION BY p.client_id ORDER BY p.at DESC, p.id DESC) AS rn
		FROM score_points p WHERE p.client_id IN ?) ranked WHERE rn = 1`, clientIDs).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make(map[int64]*scorePointRow, len(rows))
	for _, r := range rows {
		out[r.ClientID] = r
	}
	return out, nil
}

// ScoreHistories returns the score history of each client, oldest first.
func (db *DB) ScoreHistories(ctx context.Context, clientIDs []int64) ([][]alliance.ScorePoint, error) {
	g, done := db.reader(ctx)
	defer done()
	in := ofClientIn(ctx, "client_id")
	rows, err := findIn[scorePointRow](ctx, g, clientIDs, func(g *gorm.DB, chunk []int64) *gorm.DB {
		return in(g, chunk).Order("client_id, at, id")
	})
	if err != nil {
		return nil, err
	}
	grouped := group(clientIDs, rows, func(r *scorePointRow) int64 { return r.ClientID })
	out := make([][]alliance.ScorePoint, len(grouped))
	for i, g := range grouped {
		out[i] = make([]alliance.ScorePoint, len(g))
		for j, r := range g {
			out[i][j] = alliance.ScorePoint{At: r.At.UTC(), Score: r.Score}
		}
	}
	return out, nil
}

// AddScorePoints adds points to the history of clients, for data that
// carries its past (the demo portfolio's trends).
func (db *DB) AddScorePoints(ctx context.Context, clientID int64, points []alliance.ScorePoint) error {
	return db.write(ctx, func(t *tx) error {
		rows := make([]*scorePointRow, len(points))
		for i, p := range points {
			rows[i] = &scorePointRow{ClientID: clientID, At: alliance.Timestamp(p.At), Score: p.Score}
		}
		if len(rows) == 0 {
			return nil
		}
		return t.g.Create(rows).Error
	})
}

// conn is the connection for a read: the open transaction inside Atomically,
// so that reads see what it wrote, or the pool.
func (db *DB) conn(ctx context.Context) *gorm.DB {
	if t, ok := ctx.Value(txKey{}).(*tx); ok {
		return t.g
	}
	return db.gorm
}

// clientOfObjective returns the client of an objective (0 if it is gone).
func (t *tx) clientOfObjective(id int64) int64 {
	var c int64
	t.g.Model(&objectiveRow{}).Where("id = ?", id).Pluck("client_id", &c)
	return c
}

// clientOfRequirement returns the client of a requirement (0 if it is gone).
func (t *tx) clientOfRequirement(id int64) int64 {
	var c int64
	t.clientsOfRequirements().Where("r.id = ?", id).Pluck("o.client_id", &c)
	return c
}
