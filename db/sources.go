package db

import (
	"context"
	"time"

	"gorm.io/gorm"

	"alliance"
)

// sourceRow is a measurement source. The credentials are kept for the puller
// only: domain copies them into Auth, which is never serialized.
type sourceRow struct {
	ID            int64 `gorm:"primaryKey"`
	ServiceID     int64
	MetricKey     string
	Expression    string
	Period        string
	URL           string `gorm:"column:url"`
	BearerToken   *string
	Username      *string
	Password      *string
	Horizon       int
	Paused        bool
	LastStatus    *string
	LastRunAt     *time.Time
	LastError     *string
	LastPeriodEnd *time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

func (sourceRow) TableName() string { return "measurement_sources" }

func orNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func orEmpty(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func utcOrNil(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func sourceRowOf(s *alliance.MeasurementSource) *sourceRow {
	return &sourceRow{
		ID: s.ID, ServiceID: s.ServiceID, MetricKey: s.Metric, Expression: s.Expression, Period: string(s.Period), URL: s.URL,
		BearerToken: orNil(s.Auth.BearerToken), Username: orNil(s.Auth.Username), Password: orNil(s.Auth.Password),
		Horizon: s.Horizon, Paused: s.Paused, CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt,
	}
}

func (r *sourceRow) domain() *alliance.MeasurementSource {
	s := &alliance.MeasurementSource{
		ID: r.ID, ServiceID: r.ServiceID, Metric: r.MetricKey, Expression: r.Expression, Period: alliance.SourcePeriod(r.Period),
		URL:     r.URL,
		Auth:    alliance.SourceAuth{BearerToken: orEmpty(r.BearerToken), Username: orEmpty(r.Username), Password: orEmpty(r.Password)},
		Horizon: r.Horizon, Paused: r.Paused, LastRunAt: utcOrNil(r.LastRunAt), LastError: r.LastError,
		LastPeriodEnd: utcOrNil(r.LastPeriodEnd), CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
	s.AuthKind = s.Auth.Kind()
	if r.LastStatus != nil {
		st := alliance.SourceStatus(*r.LastStatus)
		s.LastStatus = &st
	}
	return s
}

// FindMeasurementSources returns every source, or those of one service, by
// service then id.
func (db *DB) FindMeasurementSources(ctx context.Context, serviceID int64) ([]*alliance.MeasurementSource, error) {
	if err := scopeOf(ctx).forbid("read measurement sources"); err != nil {
		return nil, err
	}
	g, done := db.reader(ctx)
	defer done()
	q := g.Model(&sourceRow{})
	if serviceID != 0 {
		q = q.Where("service_id = ?", serviceID)
	}
	var rows []*sourceRow
	if err := q.Order("service_id, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	return mapSlice(rows, (*sourceRow).domain), nil
}

// SourceStatusCount is how many measurement sources last ran with Status
// ("" before their first run), paused or not.
type SourceStatusCount struct {
	Status string
	Paused bool
	Count  int
}

// CountMeasurementSources counts the sources by the status of their last
// run and whether they are paused, in one statement: what /metrics tells at
// each scrape.
func (db *DB) CountMeasurementSources(ctx context.Context) ([]SourceStatusCount, error) {
	g, done := db.reader(ctx)
	defer done()
	var out []SourceStatusCount
	err := g.Model(&sourceRow{}).Select("COALESCE(last_status, '') AS status, paused, COUNT(*) AS count").
		Group("last_status, paused").Scan(&out).Error
	return out, err
}

// MeasurementSourcesByServiceIDs returns each service's sources, by id.
func (db *DB) MeasurementSourcesByServiceIDs(ctx context.Context, ids []int64) ([][]*alliance.MeasurementSource, error) {
	if err := scopeOf(ctx).forbid("read measurement sources"); err != nil {
		return nil, err
	}
	g, done := db.reader(ctx)
	defer done()
	rows, err := findIn[sourceRow](ctx, g, ids, func(g *gorm.DB, chunk []int64) *gorm.DB {
		return g.Where("service_id IN ?", chunk).Order("id")
	})
	if err != nil {
		return nil, err
	}
	by := map[int64][]*alliance.MeasurementSource{}
	for _, r := range rows {
		by[r.ServiceID] = append(by[r.ServiceID], r.domain())
	}
	out := make([][]*alliance.MeasurementSource, len(ids))
	for i, id := range ids {
		out[i] = by[id]
		if out[i] == nil {
			out[i] = []*alliance.MeasurementSource{}
		}
	}
	return out, nil
}

// MeasurementSource returns one source, with its credentials.
func (db *DB) MeasurementSource(ctx context.Context, id int64) (*alliance.MeasurementSource, error) {
	if err := scopeOf(ctx).forbid("read measurement sources"); err != nil {
		return nil, err
	}
	g, done := db.reader(ctx)
	defer done()
	var row sourceRow
	if err := first(g, &row, id, "measurement source", "id"); err != nil {
		return nil, err
	}
	return row.domain(), nil
}

// CreateMeasurementSource adds a measurement source to a service.
func (db *DB) CreateMeasurementSource(ctx context.Context, in alliance.MeasurementSourceInput) (*alliance.MeasurementSource, error) {
	if err := scopeOf(ctx).forbid("change measurement sources"); err != nil {
		return nil, err
	}
	s, err := in.Source()
	if err != nil {
		return nil, err
	}
	err = db.write(ctx, func(t *tx) error {
		if err := first(t.forUpdate(), &serviceRow{}, s.ServiceID, "service", "serviceId"); err != nil {
			return err
		}
		if err := t.checkMetrics([]string{s.Metric}, ""); err != nil {
			return err
		}
		s.CreatedAt, s.UpdatedAt = t.now, t.now
		row := sourceRowOf(s)
		if err := t.g.Create(row).Error; err != nil {
			return err
		}
		s.ID = row.ID
		return t.audit(alliance.ActionCreate, alliance.EntityMeasurementSource, s.ID, 0, nil, s)
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// UpdateMeasurementSource changes a source. Its last run is kept.
func (db *DB) UpdateMeasurementSource(ctx context.Context, id int64, p alliance.MeasurementSourcePatch) (*alliance.MeasurementSource, error) {
	if err := scopeOf(ctx).forbid("change measurement sources"); err != nil {
		return nil, err
	}
	var s *alliance.MeasurementSource
	err := db.write(ctx, func(t *tx) error {
		var row sourceRow
		if err := first(t.forUpdate(), &row, id, "measurement source", "id"); err != nil {
			return err
		}
		before := row.domain()
		cp := *before
		s = &cp
		if err := p.Apply(s); err != nil {
			return err
		}
		if p.Metric.Set {
			if err := t.checkMetrics([]string{s.Metric}, ""); err != nil {
				return err
			}
		}
		s.UpdatedAt = t.now
		if err := t.g.Model(&sourceRow{}).Where("id = ?", id).Updates(map[string]any{
			"metric_key": s.Metric, "expression": s.Expression, "period": string(s.Period), "url": s.URL,
			"bearer_token": orNil(s.Auth.BearerToken), "username": orNil(s.Auth.Username), "password": orNil(s.Auth.Password),
			"horizon": s.Horizon, "paused": s.Paused, "updated_at": s.UpdatedAt,
		}).Error; err != nil {
			return err
		}
		return t.audit(alliance.ActionUpdate, alliance.EntityMeasurementSource, id, 0, before, s)
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// DeleteMeasurementSource removes a source; the measurements it recorded
// stay.
func (db *DB) DeleteMeasurementSource(ctx context.Context, id int64) error {
	if err := scopeOf(ctx).forbid("change measurement sources"); err != nil {
		return err
	}
	return db.write(ctx, func(t *tx) error {
		var row sourceRow
		if err := first(t.forUpdate(), &row, id, "measurement source", "id"); err != nil {
			return err
		}
		if err := t.g.Delete(&sourceRow{}, id).Error; err != nil {
			return err
		}
		return t.audit(alliance.ActionDelete, alliance.EntityMeasurementSource, id, 0, row.domain(), nil)
	})
}

// RecordedPeriods returns the starts of the periods from since on that have
// the source's measurement already.
func (db *DB) RecordedPeriods(ctx context.Context, s *alliance.MeasurementSource, since time.Time) ([]time.Time, error) {
	g, done := db.reader(ctx)
	defer done()
	var starts []time.Time
	err := g.Model(&measurementRow{}).
		Where("service_id = ? AND metric_key = ? AND source = ? AND period_start >= ?", s.ServiceID, s.Metric, s.Tag(), alliance.Timestamp(since)).
		Order("period_start").Pluck("period_start", &starts).Error
	for i := range starts {
		starts[i] = starts[i].UTC()
	}
	return starts, err
}

// RecordPeriod records a source's measurement of one period, and reports
// whether it was new: through the batch write (RecordMeasurements), so a
// period recorded again with the same value changes nothing and one with
// another value updates it, never a second row. A value the rules refuse is
// the error, naming the field.
func (db *DB) RecordPeriod(ctx context.Context, in alliance.MeasurementInput) (bool, error) {
	res, err := db.recordMeasurements(ctx, []alliance.MeasurementInput{in}, true, "prometheus")
	if err != nil {
		return false, err
	}
	r := res[0]
	if r.Outcome == alliance.MeasurementRefused {
		return false, alliance.Invalidf(r.Field, "%s", r.Message)
	}
	return r.Outcome == alliance.MeasurementCreated, nil
}

// SaveSourceRun keeps the source's last run: its status, time and error,
// and the last period recorded (left as it was when the run recorded none).
func (db *DB) SaveSourceRun(ctx context.Context, id int64, run alliance.SourceRun) error {
	return db.write(ctx, func(t *tx) error {
		set := map[string]any{"last_status": string(run.Status), "last_run_at": alliance.Timestamp(run.At), "last_error": run.Error}
		if run.LastPeriodEnd != nil {
			set["last_period_end"] = alliance.Timestamp(*run.LastPeriodEnd)
		}
		// A source deleted while it ran has nothing to keep.
		return t.g.Model(&sourceRow{}).Where("id = ?", id).Updates(set).Error
	})
}

// HoldLease takes or renews the lease name for holder until until: a
// conditional UPDATE that succeeds when the lease is holder's already, or
// has expired by now. The term counts every change, so that a renewal always
// changes the row (MySQL reports changed rows, not matched ones).
func (db *DB) HoldLease(ctx context.Context, name, holder string, now, until time.Time) (bool, error) {
	res := db.gorm.WithContext(ctx).Exec(
		"UPDATE leases SET holder = ?, expires_at = ?, term = term + 1 WHERE name = ? AND (holder = ? OR expires_at <= ?)",
		holder, alliance.Timestamp(until), name, holder, alliance.Timestamp(now))
	if res.Error != nil {
		return false, res.Error
	}
	return res.RowsAffected == 1, nil
}

// ReleaseLease ends holder's lease now, if it has it.
func (db *DB) ReleaseLease(ctx context.Context, name, holder string) error {
	return db.gorm.WithContext(ctx).Exec("UPDATE leases SET expires_at = ?, term = term + 1 WHERE name = ? AND holder = ?",
		time.Unix(0, 0).UTC(), name, holder).Error
}
