package db

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"alliance"
)

// RestoreSummary counts what Restore wrote.
type RestoreSummary struct {
	Counts  map[string]int64
	Figures time.Duration
}

// Restore loads an export into an empty database, in one transaction:
// every row keeps its id and its times, the score history and the audit log
// are kept as they were, and the stored figures are computed from the
// restored rows. It refuses (CONFLICT) a database that holds any part of a
// portfolio, an export of another format or of a newer version than
// ExchangeVersion, and (BAD_USER_INPUT, naming the place, such as
// "requirements.3.objectiveId") a row that is not valid or refers to a row
// the export does not hold; nothing is written then. Metrics of the export
// are added to the catalog, or replace the catalog's of the same key.
func (db *DB) Restore(ctx context.Context, x *Exchange) (*RestoreSummary, error) {
	if x.Format != ExchangeFormat {
		return nil, alliance.Invalidf("format", "this is not an Alliance export (format %q, want %q)", x.Format, ExchangeFormat)
	}
	if x.Version > ExchangeVersion {
		return nil, alliance.Errorf(alliance.ECONFLICT, "the export is of format version %d, newer than this program reads (up to %d): restore it with a newer Alliance", x.Version, ExchangeVersion)
	}
	if x.Version < 1 {
		return nil, alliance.Invalidf("version", "the export's version must be 1 or more, not %d", x.Version)
	}
	rows, err := x.rows()
	if err != nil {
		return nil, err
	}
	sum := &RestoreSummary{Counts: x.Counts}
	err = db.write(ctx, func(t *tx) error {
		switch held, err := t.held(); {
		case err != nil:
			return err
		case len(held) > 0:
			return alliance.Errorf(alliance.ECONFLICT, "the database is not empty (it holds %s); an export is restored into an empty database only", strings.Join(held, ", "))
		}
		g := t.g.Session(&gorm.Session{Logger: &batchLogger{t.g.Logger}})
		for _, m := range rows.metrics {
			if err := g.Save(&m).Error; err != nil {
				return fmt.Errorf("restore metric %s: %w", m.MetricKey, err)
			}
		}
		m := &meter{report: func(string) {}}
		for _, step := range []func() error{
			func() error { return insertRows(g, m, "clients", rows.clients) },
			func() error { return insertRows(g, m, "objectives", rows.objectives) },
			func() error { return insertRows(g, m, "requirements", rows.requirements) },
			func() error { return insertRows(g, m, "targets", rows.targets) },
			func() error { return insertRows(g, m, "services", rows.services) },
			func() error { return insertRows(g, m, "designed levels", rows.levels) },
			func() error { return insertRows(g, m, "commitments", rows.commitments) },
			func() error { return insertRows(g, m, "measurements", rows.measurements) },
			func() error { return insertRows(g, m, "score points", rows.points) },
			func() error { return insertRows(g, m, "audit entries", rows.audit) },
		} {
			if err := step(); err != nil {
				return err
			}
		}
		start := time.Now()
		if err := t.refreshAll(); err != nil {
			return fmt.Errorf("compute the stored figures: %w", err)
		}
		sum.Figures = time.Since(start)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return sum, nil
}

// exchangeRows are an export's rows, checked, ready to insert.
type exchangeRows struct {
	metrics      []metricRow
	clients      []clientRow
	objectives   []objectiveRow
	requirements []requirementRow
	targets      []targetRow
	services     []serviceRow
	levels       []designedRow
	commitments  []commitmentRow
	measurements []measurementRow
	points       []scorePointRow
	audit        []auditRow
}

// rows checks an export and turns it into rows: enums, names, ranges, ids
// unique, and every reference to a row of the export (or, for metrics, of
// the seeded catalog).
func (x *Exchange) rows() (*exchangeRows, error) {
	out := &exchangeRows{}
	bad := func(field string, i int, format string, args ...any) error {
		return alliance.Invalidf(fmt.Sprintf("%s.%d", field, i), "%s %d: %s", field, i, fmt.Sprintf(format, args...))
	}
	ts := alliance.Timestamp
	metrics := map[string]bool{}
	for _, k := range []string{"availability", "support_hours", "response_minutes", "resolution_hours", "rpo_minutes", "rto_minutes"} {
		metrics[k] = true
	}
	for i, m := range x.Metrics {
		if m.Key == "" || m.Name == "" || (m.Direction != string(alliance.HigherIsBetter) && m.Direction != string(alliance.LowerIsBetter)) {
			return nil, bad("metrics", i, "a metric needs a key, a name and a direction (HIGHER_IS_BETTER or LOWER_IS_BETTER)")
		}
		if m.FreshnessDays == 0 {
			m.FreshnessDays = alliance.DefaultFreshnessDays
		}
		if err := alliance.CheckFreshnessDays(m.FreshnessDays, "freshnessDays"); err != nil {
			return nil, bad("metrics", i, "%s", alliance.ErrorMessage(err))
		}
		metrics[m.Key] = true
		out.metrics = append(out.metrics, metricRow{MetricKey: m.Key, Name: m.Name, Unit: m.Unit, Direction: m.Direction, FreshnessDays: m.FreshnessDays})
	}
	levels := func(field string, i int, ls []XLevel) error {
		seen := map[string]bool{}
		for _, l := range ls {
			if !metrics[l.Metric] {
				return bad(field, i, "no metric %q in the export or the catalog", l.Metric)
			}
			if seen[l.Metric] {
				return bad(field, i, "metric %q given twice", l.Metric)
			}
			seen[l.Metric] = true
		}
		return nil
	}
	text := func(field string, i int, s string) error {
		if s == "" {
			return bad(field, i, "a name or title is needed")
		}
		return nil
	}
	clients := map[int64]bool{}
	for i, c := range x.Clients {
		switch {
		case clients[c.ID] || c.ID < 1:
			return nil, bad("clients", i, "id %d is not a new positive id", c.ID)
		case !alliance.ClientStatus(c.Status).Valid():
			return nil, bad("clients", i, "unknown status %q", c.Status)
		case c.AnnualContractValue.IsNegative():
			return nil, bad("clients", i, "a negative contract value")
		}
		if err := text("clients", i, c.Name); err != nil {
			return nil, err
		}
		clients[c.ID] = true
		out.clients = append(out.clients, clientRow{ID: c.ID, Name: c.Name, NameKey: alliance.NameKey(c.Name), Industry: c.Industry,
			AccountOwner: c.AccountOwner, Status: c.Status, AnnualContractValue: c.AnnualContractValue, CreatedAt: ts(c.CreatedAt), UpdatedAt: ts(c.UpdatedAt)})
	}
	objectives := map[int64]bool{}
	for i, o := range x.Objectives {
		switch {
		case objectives[o.ID] || o.ID < 1:
			return nil, bad("objectives", i, "id %d is not a new positive id", o.ID)
		case !clients[o.ClientID]:
			return nil, alliance.Invalidf(fmt.Sprintf("objectives.%d.clientId", i), "objectives %d: no client %d in the export", i, o.ClientID)
		case !alliance.Priority(o.Priority).Valid():
			return nil, bad("objectives", i, "unknown priority %q", o.Priority)
		}
		if err := text("objectives", i, o.Title); err != nil {
			return nil, err
		}
		objectives[o.ID] = true
		out.objectives = append(out.objectives, objectiveRow{ID: o.ID, ClientID: o.ClientID, Title: o.Title, TitleKey: alliance.NameKey(o.Title),
			Description: o.Description, Owner: o.Owner, Priority: o.Priority, CreatedAt: ts(o.CreatedAt), UpdatedAt: ts(o.UpdatedAt)})
	}
	requirements := map[int64]bool{}
	for i, r := range x.Requirements {
		switch {
		case requirements[r.ID] || r.ID < 1:
			return nil, bad("requirements", i, "id %d is not a new positive id", r.ID)
		case !objectives[r.ObjectiveID]:
			return nil, alliance.Invalidf(fmt.Sprintf("requirements.%d.objectiveId", i), "requirements %d: no objective %d in the export", i, r.ObjectiveID)
		case !alliance.Priority(r.Priority).Valid():
			return nil, bad("requirements", i, "unknown priority %q", r.Priority)
		}
		if err := text("requirements", i, r.Title); err != nil {
			return nil, err
		}
		if err := levels("requirements", i, r.Targets); err != nil {
			return nil, err
		}
		requirements[r.ID] = true
		out.requirements = append(out.requirements, requirementRow{ID: r.ID, ObjectiveID: r.ObjectiveID, Title: r.Title, TitleKey: alliance.NameKey(r.Title),
			Description: r.Description, Priority: r.Priority, CreatedAt: ts(r.CreatedAt), UpdatedAt: ts(r.UpdatedAt)})
		for _, l := range r.Targets {
			out.targets = append(out.targets, targetRow{RequirementID: r.ID, MetricKey: l.Metric, Value: l.Value})
		}
	}
	services := map[int64]bool{}
	for i, s := range x.Services {
		switch {
		case services[s.ID] || s.ID < 1:
			return nil, bad("services", i, "id %d is not a new positive id", s.ID)
		case !alliance.Lifecycle(s.Lifecycle).Valid():
			return nil, bad("services", i, "unknown lifecycle %q", s.Lifecycle)
		case s.MonthlyCost.IsNegative() || s.Capacity != nil && *s.Capacity < 0:
			return nil, bad("services", i, "a negative monthly cost or capacity")
		}
		if err := text("services", i, s.Name); err != nil {
			return nil, err
		}
		if err := levels("services", i, s.DesignedLevels); err != nil {
			return nil, err
		}
		services[s.ID] = true
		out.services = append(out.services, serviceRow{ID: s.ID, Name: s.Name, NameKey: alliance.NameKey(s.Name), Description: s.Description,
			OwnerTeam: s.OwnerTeam, Lifecycle: s.Lifecycle, MonthlyCost: s.MonthlyCost, Capacity: s.Capacity, CreatedAt: ts(s.CreatedAt), UpdatedAt: ts(s.UpdatedAt)})
		for _, l := range s.DesignedLevels {
			out.levels = append(out.levels, designedRow{ServiceID: s.ID, MetricKey: l.Metric, Value: l.Value})
		}
	}
	commitments := map[int64]bool{}
	for i, c := range x.Commitments {
		switch {
		case commitments[c.ID] || c.ID < 1:
			return nil, bad("commitments", i, "id %d is not a new positive id", c.ID)
		case !requirements[c.RequirementID]:
			return nil, alliance.Invalidf(fmt.Sprintf("commitments.%d.requirementId", i), "commitments %d: no requirement %d in the export", i, c.RequirementID)
		case !services[c.ServiceID]:
			return nil, alliance.Invalidf(fmt.Sprintf("commitments.%d.serviceId", i), "commitments %d: no service %d in the export", i, c.ServiceID)
		case c.CoveragePercent < 1 || c.CoveragePercent > 100:
			return nil, alliance.Invalidf(fmt.Sprintf("commitments.%d.coveragePercent", i), "commitments %d: coverage %d is not from 1 to 100", i, c.CoveragePercent)
		case c.CapacityUnits < 1:
			return nil, alliance.Invalidf(fmt.Sprintf("commitments.%d.capacityUnits", i), "commitments %d: capacity units must be 1 or more", i)
		}
		commitments[c.ID] = true
		out.commitments = append(out.commitments, commitmentRow{ID: c.ID, RequirementID: c.RequirementID, ServiceID: c.ServiceID,
			CoveragePercent: c.CoveragePercent, CapacityUnits: c.CapacityUnits, Note: c.Note, CreatedAt: ts(c.CreatedAt), CreatedBy: c.CreatedBy, UpdatedAt: ts(c.UpdatedAt)})
	}
	measurements := map[int64]bool{}
	for i, m := range x.Measurements {
		switch {
		case measurements[m.ID] || m.ID < 1:
			return nil, bad("measurements", i, "id %d is not a new positive id", m.ID)
		case !services[m.ServiceID]:
			return nil, alliance.Invalidf(fmt.Sprintf("measurements.%d.serviceId", i), "measurements %d: no service %d in the export", i, m.ServiceID)
		case !metrics[m.Metric]:
			return nil, alliance.Invalidf(fmt.Sprintf("measurements.%d.metric", i), "measurements %d: no metric %q", i, m.Metric)
		case !m.PeriodEnd.After(m.PeriodStart):
			return nil, alliance.Invalidf(fmt.Sprintf("measurements.%d.periodEnd", i), "measurements %d: the period ends before it starts", i)
		}
		measurements[m.ID] = true
		out.measurements = append(out.measurements, measurementRow{ID: m.ID, ServiceID: m.ServiceID, MetricKey: m.Metric, Value: m.Value,
			PeriodStart: ts(m.PeriodStart), PeriodEnd: ts(m.PeriodEnd), Source: m.Source, RecordedAt: ts(m.RecordedAt)})
	}
	markOlderCopies(out.measurements)
	for i, p := range x.ScoreHistory {
		if !clients[p.ClientID] {
			return nil, alliance.Invalidf(fmt.Sprintf("scoreHistory.%d.clientId", i), "scoreHistory %d: no client %d in the export", i, p.ClientID)
		}
		out.points = append(out.points, scorePointRow{ID: p.ID, ClientID: p.ClientID, At: ts(p.At), Score: p.Score})
	}
	for _, a := range x.AuditLog {
		out.audit = append(out.audit, auditRow{ID: a.ID, At: ts(a.At), Actor: a.Actor, Action: a.Action, Entity: a.Entity, EntityID: a.EntityID,
			BeforeJSON: a.Before, AfterJSON: a.After, RequestID: a.RequestID, ClientID: a.ClientID})
	}
	return out, nil
}
