package db

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"alliance"
)

// Metrics returns the catalog ordered by key.
func (db *DB) Metrics(ctx context.Context) ([]*alliance.Metric, error) {
	g, done := db.reader(ctx)
	defer done()
	var rows []*metricRow
	if err := g.Order("metric_key").Find(&rows).Error; err != nil {
		return nil, err
	}
	return mapSlice(rows, (*metricRow).domain), nil
}

// MetricsByKeys returns the metrics with these keys.
func (db *DB) MetricsByKeys(ctx context.Context, keys []string) ([]*alliance.Metric, error) {
	g, done := db.reader(ctx)
	defer done()
	var rows []*metricRow
	if err := g.Where("metric_key IN ?", unique(keys)).Find(&rows).Error; err != nil {
		return nil, err
	}
	return align(keys, mapSlice(rows, (*metricRow).domain), func(m *alliance.Metric) string { return m.Key }), nil
}

// CreateMetric adds a metric to the catalog.
func (db *DB) CreateMetric(ctx context.Context, in alliance.MetricInput) (*alliance.Metric, error) {
	if err := scopeOf(ctx).forbid("change the metric catalog"); err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	m := &alliance.Metric{Key: in.Key, Name: in.Name, Unit: in.Unit, Direction: in.Direction, FreshnessDays: *in.FreshnessDays}
	err := db.write(ctx, func(t *tx) error {
		var n int64
		if err := t.g.Model(&metricRow{}).Where("metric_key = ?", m.Key).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return alliance.FieldErrorf(alliance.ECONFLICT, "key", "a metric with key %q already exists", m.Key)
		}
		if err := t.g.Create(&metricRow{MetricKey: m.Key, Name: m.Name, Unit: m.Unit, Direction: string(m.Direction), FreshnessDays: m.FreshnessDays}).Error; err != nil {
			return err
		}
		return t.audit(alliance.ActionCreate, alliance.EntityMetric, m.Key, 0, nil, m)
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// UpdateMetric changes the name, unit or direction of a metric.
func (db *DB) UpdateMetric(ctx context.Context, key string, p alliance.MetricPatch) (*alliance.Metric, error) {
	if err := scopeOf(ctx).forbid("change the metric catalog"); err != nil {
		return nil, err
	}
	var m *alliance.Metric
	err := db.write(ctx, func(t *tx) error {
		row, err := t.loadMetric(key)
		if err != nil {
			return err
		}
		before := row.domain()
		m = row.domain()
		if err := p.Apply(m); err != nil {
			return err
		}
		if *m != *before {
			if err := t.touchMetric(key); err != nil {
				return err
			}
		}
		if err := t.g.Model(&metricRow{MetricKey: key}).Select("*").Omit("metric_key").
			Updates(&metricRow{Name: m.Name, Unit: m.Unit, Direction: string(m.Direction), FreshnessDays: m.FreshnessDays}).Error; err != nil {
			return err
		}
		return t.audit(alliance.ActionUpdate, alliance.EntityMetric, key, 0, before, m)
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// DeleteMetric removes a metric that nothing uses.
func (db *DB) DeleteMetric(ctx context.Context, key string) error {
	if err := scopeOf(ctx).forbid("change the metric catalog"); err != nil {
		return err
	}
	return db.write(ctx, func(t *tx) error {
		row, err := t.loadMetric(key)
		if err != nil {
			return err
		}
		var targets, levels, measurements int64
		for _, c := range []struct {
			table string
			n     *int64
		}{{"requirement_targets", &targets}, {"service_levels", &levels}, {"measurements", &measurements}} {
			if err := t.g.Table(c.table).Where("metric_key = ?", key).Count(c.n).Error; err != nil {
				return err
			}
		}
		var sources int64
		if err := t.g.Model(&sourceRow{}).Where("metric_key = ?", key).Count(&sources).Error; err != nil {
			return err
		}
		if sources > 0 {
			return alliance.FieldErrorf(alliance.ECONFLICT, "key", "metric %q is measured by %d measurement sources; remove those first", key, sources)
		}
		if targets+levels+measurements > 0 {
			return alliance.FieldErrorf(alliance.ECONFLICT, "key",
				"metric %q is in use by %d targets, %d designed levels and %d measurements; remove those first", key, targets, levels, measurements)
		}
		if err := t.g.Delete(&metricRow{}, "metric_key = ?", key).Error; err != nil {
			return err
		}
		return t.audit(alliance.ActionDelete, alliance.EntityMetric, key, 0, row.domain(), nil)
	})
}

func (t *tx) loadMetric(key string) (*metricRow, error) {
	var row metricRow
	err := t.forUpdate().Where("metric_key = ?", key).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, alliance.FieldErrorf(alliance.ENOTFOUND, "key", "metric %q not found", key)
	}
	if err != nil {
		return nil, fmt.Errorf("load metric %q: %w", key, err)
	}
	return &row, nil
}
