package db

import (
	"context"
	"database/sql"
	"time"

	"gorm.io/gorm"

	"alliance"
	"alliance/coverage"
)

// loadSnapshot reads what the coverage rules need in a fixed number of
// statements: everything when clientIDs is nil, or the given clients with
// their objectives, requirements, commitments, the services those reach and
// the latest measurements of those services.
func loadSnapshot(ctx context.Context, g *gorm.DB, clientIDs []int64) (*coverage.Snapshot, error) {
	g = g.WithContext(ctx)
	scoped := clientIDs != nil
	// Sub-selects name the rows in scope, so that no list of ids but the
	// clients' is bound.
	objectives := g.Model(&objectiveRow{}).Select("id").Where("client_id IN ?", clientIDs)
	requirements := g.Model(&requirementRow{}).Select("id").Where("objective_id IN (?)", objectives)
	services := g.Model(&commitmentRow{}).Select("service_id").Where("requirement_id IN (?)", requirements)
	where := func(q *gorm.DB, cond string, arg any) *gorm.DB {
		if scoped {
			return q.Where(cond, arg)
		}
		return q
	}

	var (
		metrics      []*metricRow
		clients      []*clientRow
		objs         []*objectiveRow
		reqs         []*requirementRow
		targets      []*levelRow
		svcs         []*serviceRow
		levels       []*levelRow
		commitments  []*commitmentRow
		measurements []*measurementRow
	)
	steps := []*gorm.DB{
		g.Find(&metrics),
		where(g, "id IN ?", clientIDs).Find(&clients),
		where(g, "client_id IN ?", clientIDs).Find(&objs),
		where(g, "objective_id IN (?)", objectives).Find(&reqs),
		where(g.Table(targetsTable.table).Select("requirement_id AS owner_id, metric_key, value"), "requirement_id IN (?)", requirements).
			Order("requirement_id, metric_key").Find(&targets),
		where(g, "id IN (?)", services).Find(&svcs),
		where(g.Table(designedTable.table).Select("service_id AS owner_id, metric_key, value"), "service_id IN (?)", services).
			Order("service_id, metric_key").Find(&levels),
		where(g, "requirement_id IN (?)", requirements).Find(&commitments),
	}
	for _, s := range steps {
		if err := s.Error; err != nil {
			return nil, err
		}
	}
	latest := `SELECT * FROM (
		SELECT m.*, ROW_NUMBER() OVER (PARTITION BY m.service_id, m.metric_key ORDER BY m.period_end DESC, m.recorded_at DESC, m.id DESC) AS rn
		FROM measurements m`
	var args []any
	if scoped {
		latest += " WHERE m.service_id IN (?)"
		args = append(args, services)
	}
	latest += ") ranked WHERE rn = 1"
	if err := g.Raw(latest, args...).Scan(&measurements).Error; err != nil {
		return nil, err
	}

	snap := &coverage.Snapshot{
		Metrics:      mapSlice(metrics, (*metricRow).domain),
		Clients:      mapSlice(clients, (*clientRow).domain),
		Objectives:   mapSlice(objs, (*objectiveRow).domain),
		Requirements: mapSlice(reqs, (*requirementRow).domain),
		Services:     mapSlice(svcs, (*serviceRow).domain),
		Commitments:  mapSlice(commitments, (*commitmentRow).domain),
		Measurements: mapSlice(measurements, (*measurementRow).domain),
	}
	byReq := map[int64]*alliance.Requirement{}
	for _, r := range snap.Requirements {
		byReq[r.ID] = r
	}
	for _, l := range targets {
		if r := byReq[l.OwnerID]; r != nil {
			r.Targets = append(r.Targets, alliance.Level{Metric: l.MetricKey, Value: l.Value})
		}
	}
	bySvc := map[int64]*alliance.Service{}
	for _, s := range snap.Services {
		bySvc[s.ID] = s
	}
	for _, l := range levels {
		if s := bySvc[l.OwnerID]; s != nil {
			s.DesignedLevels = append(s.DesignedLevels, alliance.Level{Metric: l.MetricKey, Value: l.Value})
		}
	}
	return snap, nil
}

// evaluationTimeout bounds one shared evaluation of the portfolio, which
// outlives the request that started it.
const evaluationTimeout = 2 * time.Minute

// Evaluation returns the coverage of the whole portfolio as it is now. Each
// process keeps the last evaluation with the revision it was made at; every
// call reads the revision (one statement), which every write bumps, so a
// change made through any server is seen by the very next call on every
// server. Inside Atomically the evaluation is made afresh from the open
// transaction.
func (db *DB) Evaluation(ctx context.Context) (*coverage.Evaluation, error) {
	if t, ok := ctx.Value(txKey{}).(*tx); ok {
		snap, err := loadSnapshot(ctx, t.g, nil)
		if err != nil {
			return nil, err
		}
		return coverage.Evaluate(snap), nil
	}
	rev, err := db.revision(ctx, db.gorm)
	if err != nil {
		return nil, err
	}
	if e := db.cache.get(rev); e != nil {
		return e, nil
	}
	// Requests that need the evaluation at the same time share one
	// computation. It must not end with the request that happened to start
	// it (a browser cancels superseded fetches): it runs on its own, bounded
	// in time, and each caller stops waiting when its own request ends.
	shared := db.cache.flight.DoChan("evaluation", func() (any, error) {
		if db.cache.computing != nil {
			db.cache.computing()
		}
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), evaluationTimeout)
		defer cancel()
		if e := db.cache.get(rev); e != nil {
			return e, nil
		}
		var e *coverage.Evaluation
		var at int64
		err := db.gorm.WithContext(ctx).Transaction(func(g *gorm.DB) error {
			var err error
			if at, err = db.revision(ctx, g); err != nil {
				return err
			}
			snap, err := loadSnapshot(ctx, g, nil)
			if err != nil {
				return err
			}
			e = coverage.Evaluate(snap)
			return nil
		}, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return nil, err
		}
		db.cache.put(at, e)
		return e, nil
	})
	var v any
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case r := <-shared:
		if r.Err != nil {
			return nil, r.Err
		}
		v = r.Val
	}
	return v.(*coverage.Evaluation), nil
}

// Revision returns the revision of the data: it grows with every write.
func (db *DB) Revision(ctx context.Context) (int64, error) { return db.revision(ctx, db.gorm) }

func (db *DB) revision(ctx context.Context, g *gorm.DB) (int64, error) {
	var n int64
	err := g.WithContext(ctx).Raw("SELECT n FROM revision WHERE id = 1").Scan(&n).Error
	return n, err
}
