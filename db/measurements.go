package db

import (
	"context"
	"slices"

	"alliance"
)

// Measurements answers each query with the Last newest measurements of its
// service (of one metric, or all), newest first. Queries that share a metric
// and a count are answered by one statement for all their services.
func (db *DB) Measurements(ctx context.Context, qs []alliance.MeasurementQuery) ([][]*alliance.Measurement, error) {
	type shape struct {
		metric string
		last   int
	}
	services := map[shape][]int64{}
	for _, q := range qs {
		s := shape{q.Metric, q.Last}
		services[s] = append(services[s], q.ServiceID)
	}
	found := map[shape]map[int64][]*alliance.Measurement{}
	g, done := db.reader(ctx)
	defer done()
	for s, ids := range services {
		by := map[int64][]*alliance.Measurement{}
		for chunk := range slices.Chunk(unique(ids), maxParams) {
			sql := `SELECT * FROM (
				SELECT m.*, ROW_NUMBER() OVER (PARTITION BY m.service_id ORDER BY m.period_end DESC, m.id DESC) AS rn
				FROM measurements m WHERE m.service_id IN ?`
			args := []any{chunk}
			if s.metric != "" {
				sql += " AND m.metric_key = ?"
				args = append(args, s.metric)
			}
			sql += `) latest WHERE rn <= ? ORDER BY service_id, period_end DESC, id DESC`
			args = append(args, s.last)
			var rows []*measurementRow
			if err := g.Raw(sql, args...).Scan(&rows).Error; err != nil {
				return nil, err
			}
			for _, r := range rows {
				by[r.ServiceID] = append(by[r.ServiceID], r.domain())
			}
		}
		found[s] = by
	}
	out := make([][]*alliance.Measurement, len(qs))
	for i, q := range qs {
		out[i] = found[shape{q.Metric, q.Last}][q.ServiceID]
		if out[i] == nil {
			out[i] = []*alliance.Measurement{}
		}
	}
	return out, nil
}

// RecordMeasurement records what a service delivered for a metric over a
// period. A measurement of the same service, metric, period and source as
// one recorded already updates that one's value (and when it was recorded);
// with the same value it changes nothing.
func (db *DB) RecordMeasurement(ctx context.Context, in alliance.MeasurementInput) (*alliance.Measurement, error) {
	if err := scopeOf(ctx).forbid("record measurements"); err != nil {
		return nil, err
	}
	m, err := in.Measurement()
	if err != nil {
		return nil, err
	}
	if p := alliance.PrincipalFrom(ctx); !p.MayRecord(m.ServiceID) {
		return nil, serviceNotAllowed(p, m.ServiceID)
	}
	var out *alliance.Measurement
	err = db.write(ctx, func(t *tx) error {
		c := *m
		r, err := t.recordOne(&c)
		if err != nil {
			return err
		}
		out = r.row.domain()
		switch r.outcome {
		case alliance.MeasurementCreated:
			return t.audit(alliance.ActionCreate, alliance.EntityMeasurement, out.ID, 0, nil, out)
		case alliance.MeasurementUpdated:
			was := *out
			was.Value = r.before
			return t.audit(alliance.ActionUpdate, alliance.EntityMeasurement, out.ID, 0, &was, out)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !inTransaction(ctx) {
		db.CountRecorded("api", 1)
	}
	return out, nil
}

// DeleteMeasurement removes a measurement.
func (db *DB) DeleteMeasurement(ctx context.Context, id int64) error {
	if err := scopeOf(ctx).forbid("delete measurements"); err != nil {
		return err
	}
	return db.write(ctx, func(t *tx) error {
		var row measurementRow
		if err := first(t.forUpdate(), &row, id, "measurement", ""); err != nil {
			return err
		}
		latest, err := t.latest(row.ServiceID, row.MetricKey)
		if err != nil {
			return err
		}
		if err := t.g.Delete(&measurementRow{}, id).Error; err != nil {
			return err
		}
		if err := t.touchLatest(row.ServiceID, row.MetricKey, latest); err != nil {
			return err
		}
		return t.audit(alliance.ActionDelete, alliance.EntityMeasurement, id, 0, row.domain(), nil)
	})
}

// latest returns the latest measurement of a service's metric (nil for
// none): the one the coverage rules read.
func (t *tx) latest(serviceID int64, metric string) (*measurementRow, error) {
	var rows []*measurementRow
	err := t.g.Where("service_id = ? AND metric_key = ?", serviceID, metric).
		Order("period_end DESC, recorded_at DESC, id DESC").Limit(1).Find(&rows).Error
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	return rows[0], nil
}

// touchLatest marks the requirements whose coverage reads the service's
// latest measurement of the metric (committed to the service, with a target
// on the metric), when a change gave it another value (before is the latest
// one before the change, nil for none): they alone are evaluated again, not
// the rest of their clients (see figures_requirements.go).
func (t *tx) touchLatest(serviceID int64, metric string, before *measurementRow) error {
	after, err := t.latest(serviceID, metric)
	if err != nil {
		return err
	}
	if (after == nil) == (before == nil) && (after == nil || after.Value == before.Value) {
		return nil // the rules read the same value
	}
	return t.touchRequirementsWhere(t.clientsOfRequirements().
		Joins("JOIN commitments c ON c.requirement_id = r.id").
		Joins("JOIN requirement_targets rt ON rt.requirement_id = r.id").
		Where("c.service_id = ? AND rt.metric_key = ?", serviceID, metric))
}
