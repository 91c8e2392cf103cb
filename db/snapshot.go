package db

import (
	"context"
	"database/sql"

	"gorm.io/gorm"

	"alliance"
	"alliance/coverage"
)

// snapshotScope names the part of the map a snapshot holds, level by level:
// a condition on each table and its argument (a list of ids or a sub-select).
// The zero scope is the whole map.
type snapshotScope struct {
	clients, objectives, requirements cond
}

type cond struct {
	sql string
	arg any
}

// loadSnapshot reads what the coverage rules need in a fixed number of
// statements: everything when clientIDs is nil, or the given clients with
// their objectives, requirements, commitments, the services those reach and
// the latest measurements of those services.
func loadSnapshot(ctx context.Context, g *gorm.DB, clientIDs []int64) (*coverage.Snapshot, error) {
	if clientIDs == nil {
		return loadScope(ctx, g, snapshotScope{})
	}
	// Sub-selects name the rows in scope, so that no list of ids but the
	// clients' is bound.
	objectives := g.Model(&objectiveRow{}).Select("id").Where("client_id IN ?", clientIDs)
	return loadScope(ctx, g, snapshotScope{
		clients:      cond{"id IN ?", clientIDs},
		objectives:   cond{"client_id IN ?", clientIDs},
		requirements: cond{"objective_id IN (?)", objectives},
	})
}

// loadScope reads the part of the map that scope names.
func loadScope(ctx context.Context, g *gorm.DB, scope snapshotScope) (*coverage.Snapshot, error) {
	g = g.WithContext(ctx)
	scoped := scope.clients.sql != ""
	where := func(q *gorm.DB, c cond) *gorm.DB {
		if scoped {
			return q.Where(c.sql, c.arg)
		}
		return q
	}
	requirements := where(g.Model(&requirementRow{}).Select("id"), scope.requirements)
	services := g.Model(&commitmentRow{}).Select("service_id").Where("requirement_id IN (?)", requirements)
	inRequirements := cond{"requirement_id IN (?)", requirements}
	inServices := cond{"id IN (?)", services}

	var (
		metrics     []*metricRow
		clients     []*clientRow
		objs        []*objectiveRow
		reqs        []*requirementRow
		targets     []*levelRow
		svcs        []*serviceRow
		levels      []*levelRow
		commitments []*commitmentRow
	)
	steps := []*gorm.DB{
		g.Find(&metrics),
		where(g, scope.clients).Find(&clients),
		where(g, scope.objectives).Find(&objs),
		where(g, scope.requirements).Find(&reqs),
		where(g.Table(targetsTable.table).Select("requirement_id AS owner_id, metric_key, value"), inRequirements).
			Order("requirement_id, metric_key").Find(&targets),
		where(g, inServices).Find(&svcs),
		where(g.Table(designedTable.table).Select("service_id AS owner_id, metric_key, value"), cond{"service_id IN (?)", services}).
			Order("service_id, metric_key").Find(&levels),
		where(g, inRequirements).Find(&commitments),
	}
	for _, s := range steps {
		if err := s.Error; err != nil {
			return nil, err
		}
	}
	var measurements []*measurementRow
	var err error
	if scoped {
		measurements, err = latestTargeted(g, requirements)
	} else {
		measurements, err = latestMeasurements(g, "")
	}
	if err != nil {
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

// latestTargeted returns the latest measurements of each service and metric
// the rules read for the requirements of the sub-select: each metric they
// target, of each service they are committed to. Each pair's latest period
// end is found through the index on service, metric and period end, rather
// than by ranking every measurement of the services (a service has dozens a
// metric, and other metrics too); the measurements of that period end are
// returned, among which the rules pick the one recorded last (see
// coverage.Latest).
func latestTargeted(g *gorm.DB, requirements *gorm.DB) ([]*measurementRow, error) {
	var rows []*measurementRow
	err := g.Raw(`SELECT m.* FROM (
			SELECT p.service_id, p.metric_key, (SELECT MAX(l.period_end) FROM measurements l
				WHERE l.service_id = p.service_id AND l.metric_key = p.metric_key) AS period_end
			FROM (SELECT DISTINCT c.service_id, rt.metric_key FROM commitments c
				JOIN requirement_targets rt ON rt.requirement_id = c.requirement_id
				WHERE c.requirement_id IN (?)) p
		) latest JOIN measurements m ON m.service_id = latest.service_id AND m.metric_key = latest.metric_key
			AND m.period_end = latest.period_end
		ORDER BY m.service_id, m.metric_key, m.id`, requirements).Scan(&rows).Error
	return rows, err
}

// Evaluation returns the coverage of the whole portfolio computed from
// scratch with the pure rules, from one consistent read of the data (inside
// Atomically, from the open transaction). The API reads the stored figures
// instead; this is the oracle they are checked against (see Check) and what
// the demo's history is drawn from.
func (db *DB) Evaluation(ctx context.Context) (*coverage.Evaluation, error) {
	if t, ok := ctx.Value(txKey{}).(*tx); ok {
		snap, err := loadSnapshot(ctx, t.g, nil)
		if err != nil {
			return nil, err
		}
		return coverage.Evaluate(snap), nil
	}
	var e *coverage.Evaluation
	err := db.gorm.WithContext(ctx).Transaction(func(g *gorm.DB) error {
		snap, err := loadSnapshot(ctx, g, nil)
		if err != nil {
			return err
		}
		e = coverage.Evaluate(snap)
		return nil
	}, &sql.TxOptions{ReadOnly: true})
	return e, err
}
