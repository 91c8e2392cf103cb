package db

import (
	"cmp"
	"context"
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"

	"alliance"
)

// A measurement is identified by its service, metric, period and source
// (migration 00015 holds the identity in a unique index): recording one
// again updates its value. A batch is written set by set, a chunk of rows a
// statement: its services and the metric catalog read once, the stored
// measurements of its identities read by chunks, the new ones inserted by
// chunks, the changed ones updated by chunks, and the requirements that read
// a latest value the batch moved marked once for the whole batch (see
// figures_requirements.go), whatever number of rows moved it.

// Rows of identities bound to one statement: 5 values each, well below
// where SQLite's driver, which binds n values in n², slows down (see idSet).
const (
	identityChunk = 200
	pairChunk     = 300
)

// measurementKey is a measurement's identity.
type measurementKey struct {
	service    int64
	metric     string
	start, end int64 // Unix microseconds
	source     string
}

func keyOfRow(r *measurementRow) measurementKey {
	return measurementKey{r.ServiceID, r.MetricKey, r.PeriodStart.UnixMicro(), r.PeriodEnd.UnixMicro(), r.SourceKey}
}

// metricPair is a service's metric: what the rules read the latest
// measurement of.
type metricPair struct {
	service int64
	metric  string
}

// batchRow is one row of a batch on its way: validated (m), then refused
// (err) or written with an outcome.
type batchRow struct {
	m       *alliance.Measurement
	err     error
	outcome alliance.MeasurementOutcome
	// row is the row as stored; before the value an update replaced.
	row    *measurementRow
	before float64
}

// RecordMeasurements records a batch of measurements in one transaction
// (see alliance.MeasurementService): refused rows are reported with the
// field at fault, the others created, updated or left unchanged; with
// atomic, any refused row writes nothing. One audit entry records the batch
// when it changed anything: its counts, the ids it created and each update's
// value before and after.
func (db *DB) RecordMeasurements(ctx context.Context, in []alliance.MeasurementInput, atomic bool) ([]alliance.MeasurementResult, error) {
	return db.recordMeasurements(ctx, in, atomic, "batch")
}

// recordMeasurements is RecordMeasurements, telling the observer of the
// measurements it wrote as having come in by via.
func (db *DB) recordMeasurements(ctx context.Context, in []alliance.MeasurementInput, atomic bool, via string) ([]alliance.MeasurementResult, error) {
	if err := scopeOf(ctx).forbid("record measurements"); err != nil {
		return nil, err
	}
	if len(in) > alliance.MaxMeasurementBatch {
		return nil, alliance.Invalidf("input", "a batch holds at most %d measurements (got %d): send it in parts", alliance.MaxMeasurementBatch, len(in))
	}
	valid := validateBatch(alliance.PrincipalFrom(ctx), in)
	var rows []*batchRow
	err := db.write(ctx, func(t *tx) error {
		// A transaction run again (a lost deadlock) starts from the rows
		// as validated.
		rows = make([]*batchRow, len(valid))
		for i, r := range valid {
			c := *r
			rows[i] = &c
		}
		written, err := t.recordBatch(rows, atomic)
		if err != nil || !written {
			return err
		}
		return t.auditBatch(rows, atomic)
	})
	if err != nil {
		return nil, err
	}
	out := make([]alliance.MeasurementResult, len(rows))
	written := 0
	for i, r := range rows {
		out[i] = alliance.MeasurementResult{Index: i, Outcome: r.outcome}
		if r.outcome == alliance.MeasurementCreated || r.outcome == alliance.MeasurementUpdated {
			written++
		}
		if r.err != nil {
			var e *alliance.Error
			errors.As(r.err, &e)
			out[i].Field, out[i].Message = e.Field, e.Message
			continue
		}
		out[i].Measurement = r.row.domain()
	}
	if !inTransaction(ctx) {
		db.CountRecorded(via, written)
	}
	return out, nil
}

// validateBatch checks each row on its own: its values, that p may record
// its service, and that no earlier row of the batch has its identity.
func validateBatch(p *alliance.Principal, in []alliance.MeasurementInput) []*batchRow {
	rows := make([]*batchRow, len(in))
	first := make(map[measurementKey]int, len(in))
	for i, x := range in {
		r := &batchRow{}
		rows[i] = r
		m, err := x.Measurement()
		switch {
		case err != nil:
			r.err = err
		case !p.MayRecord(m.ServiceID):
			r.err = serviceNotAllowed(p, m.ServiceID)
		default:
			r.m = m
			k := keyOfRow(newMeasurementRow(m))
			if j, ok := first[k]; ok {
				r.m, r.err = nil, alliance.Invalidf("periodStart", "row %d has the same service, metric, period and source: a batch names each measurement once", j)
			} else {
				first[k] = i
			}
		}
	}
	return rows
}

func serviceNotAllowed(p *alliance.Principal, service int64) error {
	ids := mapSlice(p.ServiceIDs, func(id int64) string { return strconv.FormatInt(id, 10) })
	allowed := "none: its services were deleted"
	if len(ids) > 0 {
		allowed = strings.Join(ids, ", ")
	}
	return alliance.FieldErrorf(alliance.EFORBIDDEN, "serviceId", "%s %q may record measurements of its services only (%s), not of service %d",
		p.Kind(), p.Name, allowed, service)
}

// recordBatch writes the valid rows of a batch, refusing those whose service
// or metric is unknown or whose value the metric does not take, and marks
// the requirements whose latest measurement moved. With atomic, a refused row
// writes nothing and turns the others into refusals too. It reports whether
// anything was written.
func (t *tx) recordBatch(rows []*batchRow, atomic bool) (bool, error) {
	var services []int64
	for _, r := range rows {
		if r.m != nil {
			services = append(services, r.m.ServiceID)
		}
	}
	services = unique(services)
	slices.Sort(services)
	known := map[int64]bool{}
	for chunk := range slices.Chunk(services, maxParams) {
		var ids []int64
		// On MySQL the services' rows are locked, in id order, as one
		// measurement locks its service's.
		if err := t.forUpdate().Model(&serviceRow{}).Where("id IN ?", idSet(t.g, chunk)).Order("id").Pluck("id", &ids).Error; err != nil {
			return false, err
		}
		for _, id := range ids {
			known[id] = true
		}
	}
	var metrics []*metricRow
	if err := t.g.Order("metric_key").Find(&metrics).Error; err != nil {
		return false, err
	}
	catalog := keyed(metrics, func(m *metricRow) string { return m.MetricKey })
	refused := -1
	for i, r := range rows {
		if r.m != nil {
			r.err = checkRow(r.m, known, catalog, metrics)
		}
		if r.err != nil {
			r.m, r.outcome = nil, alliance.MeasurementRefused
			if refused < 0 {
				refused = i
			}
		}
	}
	if atomic && refused >= 0 {
		for _, r := range rows {
			if r.err == nil {
				r.m, r.outcome = nil, alliance.MeasurementRefused
				r.err = alliance.Invalidf("", "not written: the batch is atomic and row %d was refused", refused)
			}
		}
		return false, nil
	}

	// The stored measurements of the batch's identities.
	var todo []*batchRow
	for _, r := range rows {
		if r.m != nil {
			r.m.RecordedAt = t.now
			r.row = newMeasurementRow(r.m)
			todo = append(todo, r)
		}
	}
	stored := map[measurementKey]*measurementRow{}
	for chunk := range slices.Chunk(todo, identityChunk) {
		args := make([]any, 0, 5*len(chunk))
		for _, r := range chunk {
			args = append(args, r.row.ServiceID, r.row.MetricKey, r.row.PeriodStart, r.row.PeriodEnd, r.row.SourceKey)
		}
		var found []*measurementRow
		q := t.g
		if t.g.Dialector.Name() != SQLite {
			// MariaDB otherwise plans 200 equalities as a range of
			// another index, or a scan (85 ms a chunk at 100,000
			// measurements).
			q = q.Table("measurements FORCE INDEX (measurements_identity)")
		}
		if err := q.Where("older_copy = 0 AND "+t.rowIn("service_id, metric_key, period_start, period_end, source_key", 5, len(chunk)), args...).
			Find(&found).Error; err != nil {
			return false, err
		}
		for _, f := range found {
			stored[keyOfRow(f)] = f
		}
	}
	var create, update []*batchRow
	pairs := map[metricPair]bool{}
	for _, r := range todo {
		s := stored[keyOfRow(r.row)]
		switch {
		case s == nil:
			r.outcome = alliance.MeasurementCreated
			create = append(create, r)
		case s.Value == r.row.Value:
			r.outcome, r.row = alliance.MeasurementUnchanged, s
			continue
		default:
			r.outcome, r.before = alliance.MeasurementUpdated, s.Value
			s.Value, s.RecordedAt, s.Source = r.row.Value, t.now, r.row.Source
			r.row = s
			update = append(update, r)
		}
		pairs[metricPair{r.row.ServiceID, r.row.MetricKey}] = true
	}
	if len(create) == 0 && len(update) == 0 {
		return false, nil
	}
	moved := slices.SortedFunc(func(yield func(metricPair) bool) {
		for p := range pairs {
			if !yield(p) {
				return
			}
		}
	}, func(a, b metricPair) int {
		return cmp.Or(cmp.Compare(a.service, b.service), strings.Compare(a.metric, b.metric))
	})
	before, err := t.latestOf(moved)
	if err != nil {
		return false, err
	}

	newRows := mapSlice(create, func(r *batchRow) *measurementRow { return r.row })
	if err := t.g.CreateInBatches(newRows, batchOf(t.g)).Error; err != nil {
		return false, err
	}
	for chunk := range slices.Chunk(update, identityChunk) {
		var b strings.Builder
		args := make([]any, 0, 2*len(chunk)+2)
		b.WriteString("UPDATE measurements SET value = CASE id")
		for _, r := range chunk {
			b.WriteString(" WHEN ? THEN ?")
			args = append(args, r.row.ID, r.row.Value)
		}
		b.WriteString(" END, recorded_at = ? WHERE id IN ?")
		args = append(args, t.now, idSet(t.g, mapSlice(chunk, func(r *batchRow) int64 { return r.row.ID })))
		if err := t.g.Exec(b.String(), args...).Error; err != nil {
			return false, err
		}
	}

	after, err := t.latestOf(moved)
	if err != nil {
		return false, err
	}
	var changed []metricPair
	for _, p := range moved {
		b, a := before[p], after[p]
		if (a == nil) != (b == nil) || a != nil && a.Value != b.Value {
			changed = append(changed, p)
		}
	}
	// The requirements reading them: by metric, the services whose latest
	// value of it moved (a statement a metric, through the index on
	// commitments by service).
	byMetric := map[string][]int64{}
	for _, p := range changed {
		byMetric[p.metric] = append(byMetric[p.metric], p.service)
	}
	for _, metric := range slices.Sorted(maps.Keys(byMetric)) {
		for chunk := range slices.Chunk(byMetric[metric], maxParams) {
			if err := t.touchRequirementsWhere(t.clientsOfRequirements().
				Joins("JOIN commitments c ON c.requirement_id = r.id").
				Joins("JOIN requirement_targets rt ON rt.requirement_id = r.id").
				Where("rt.metric_key = ? AND c.service_id IN ?", metric, idSet(t.g, chunk))); err != nil {
				return false, err
			}
		}
	}
	return true, nil
}

// checkRow refuses a measurement of an unknown service or metric, or a
// percentage outside 0 to 100.
func checkRow(m *alliance.Measurement, services map[int64]bool, catalog map[string]*metricRow, metrics []*metricRow) error {
	if !services[m.ServiceID] {
		return notFound("service", m.ServiceID, "serviceId")
	}
	metric := catalog[m.Metric]
	if metric == nil {
		return alliance.Invalidf("metric", "unknown metric %q; known metrics: %s", m.Metric,
			strings.Join(mapSlice(metrics, func(m *metricRow) string { return m.MetricKey }), ", "))
	}
	if metric.Unit == "percent" && (m.Value < 0 || m.Value > 100) {
		return alliance.Invalidf("value", "%s is a percentage: give a value from 0 to 100 (got %s)", m.Metric, strconv.FormatFloat(m.Value, 'f', -1, 64))
	}
	return nil
}

// rowIn is the condition that the row of columns cols is one of n rows of
// width placeholders each: a row-value IN on SQLite, whose planner looks each
// row up in the index; on MySQL an OR of equalities, which MariaDB's range
// optimizer turns into index lookups (it scanned the table for a row-value
// IN: 100 ms a chunk at 100,000 measurements).
func (t *tx) rowIn(cols string, width, n int) string {
	if t.g.Dialector.Name() == SQLite {
		one := "(" + strings.TrimSuffix(strings.Repeat("?,", width), ",") + ")"
		return "(" + cols + ") IN (VALUES " + strings.TrimSuffix(strings.Repeat(one+",", n), ",") + ")"
	}
	names := strings.Split(cols, ",")
	var one strings.Builder
	one.WriteString("(")
	for i, c := range names {
		if i > 0 {
			one.WriteString(" AND ")
		}
		one.WriteString(strings.TrimSpace(c) + " = ?")
	}
	one.WriteString(")")
	return "(" + strings.TrimSuffix(strings.Repeat(one.String()+" OR ", n), " OR ") + ")"
}

// latestOf returns the latest measurement of each pair (none for a pair
// without any), as the rules pick it: the latest period end, then the one
// recorded last (see coverage.Latest), one statement a chunk of pairs.
func (t *tx) latestOf(pairs []metricPair) (map[metricPair]*measurementRow, error) {
	out := make(map[metricPair]*measurementRow, len(pairs))
	for chunk := range slices.Chunk(pairs, pairChunk) {
		args := make([]any, 0, 2*len(chunk))
		for _, p := range chunk {
			args = append(args, p.service, p.metric)
		}
		var rows []*measurementRow
		from := "measurements"
		if t.g.Dialector.Name() != SQLite {
			from += " FORCE INDEX (measurements_latest)"
		}
		if err := t.g.Raw(`SELECT m.id, m.service_id, m.metric_key, m.value, m.period_end, m.recorded_at FROM measurements m
			JOIN (SELECT service_id, metric_key, MAX(period_end) AS period_end FROM `+from+`
				WHERE `+t.rowIn("service_id, metric_key", 2, len(chunk))+` GROUP BY service_id, metric_key) l
			ON m.service_id = l.service_id AND m.metric_key = l.metric_key AND m.period_end = l.period_end`, args...).
			Scan(&rows).Error; err != nil {
			return nil, err
		}
		for _, r := range rows {
			p := metricPair{r.ServiceID, r.MetricKey}
			if o := out[p]; o == nil || r.RecordedAt.After(o.RecordedAt) || r.RecordedAt.Equal(o.RecordedAt) && r.ID > o.ID {
				out[p] = r
			}
		}
	}
	return out, nil
}

// auditBatch records a batch that changed something in one audit entry,
// under the lowest id it wrote.
func (t *tx) auditBatch(rows []*batchRow, atomic bool) error {
	counts := map[alliance.MeasurementOutcome]int{}
	created := []int64{}
	type change struct {
		ID     int64   `json:"id"`
		Before float64 `json:"before"`
		After  float64 `json:"after"`
	}
	updated := []change{}
	var lowest int64
	for _, r := range rows {
		counts[r.outcome]++
		switch r.outcome {
		case alliance.MeasurementCreated:
			created = append(created, r.row.ID)
		case alliance.MeasurementUpdated:
			updated = append(updated, change{r.row.ID, r.before, r.row.Value})
		default:
			continue
		}
		if lowest == 0 || r.row.ID < lowest {
			lowest = r.row.ID
		}
	}
	action := alliance.ActionUpdate
	if len(created) > 0 {
		action = alliance.ActionCreate
	}
	return t.audit(action, EntityMeasurementBatch, lowest, 0, nil, map[string]any{
		"rows": len(rows), "created": counts[alliance.MeasurementCreated], "updated": counts[alliance.MeasurementUpdated],
		"unchanged": counts[alliance.MeasurementUnchanged], "refused": counts[alliance.MeasurementRefused], "atomic": atomic,
		"createdIds": created, "updates": updated,
	})
}

// EntityMeasurementBatch names the audit entries of batches of measurements
// (entity id: the lowest measurement id the batch wrote).
const EntityMeasurementBatch = "MeasurementBatch"

// recordOne records one measurement through the batch's path and returns
// the refusal as an error.
func (t *tx) recordOne(m *alliance.Measurement) (*batchRow, error) {
	r := &batchRow{m: m}
	if _, err := t.recordBatch([]*batchRow{r}, true); err != nil {
		return nil, err
	}
	if r.err != nil {
		return nil, r.err
	}
	return r, nil
}
