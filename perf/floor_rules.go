package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"alliance"
	"alliance/coverage"
)

// Q5 and Q6 run the coverage rules, as Alliance does, over the part of the
// map they need, read in a few statements: what a hand-written server that
// shares Alliance's rules would do.

type impactAnswer struct {
	RevenueAtRisk string              `json:"revenueAtRisk"`
	Service       idName              `json:"service"`
	Requirements  []requirementChange `json:"requirements"`
	Clients       []clientChange      `json:"clients"`
}

type requirementChange struct {
	Before      string  `json:"before"`
	After       string  `json:"after"`
	Requirement idTitle `json:"requirement"`
}

type clientChange struct {
	Before *float64 `json:"before"`
	After  *float64 `json:"after"`
	Client idName   `json:"client"`
}

// impact reads what Alliance stores for it, as a hand-written server over
// the same tables would: the retirements of the service with their
// requirements' titles, and their clients' names, contract values and score
// sums; the answer is assembled with the same rule (coverage.ImpactOf).
func (f *floor) impact(ctx context.Context, r *http.Request) (any, error) {
	id, err := strconv.ParseInt(r.URL.Query().Get("id"), 10, 64)
	if err != nil {
		return nil, fmt.Errorf("id: %w", err)
	}
	q, err := f.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	defer q.end()
	var name string
	switch err := q.row(ctx, "SELECT name FROM services WHERE id = ?", id).Scan(&name); {
	case err == sql.ErrNoRows:
		return map[string]any{"impact": nil}, nil
	case err != nil:
		return nil, err
	}
	rows, err := q.query(ctx, `SELECT i.requirement_id, i.client_id, i.sort_key, i.status_before, i.status_after, i.loss, i.loses_must, r.title
		FROM impact_figures i JOIN requirements r ON r.id = i.requirement_id WHERE i.service_id = ?`, id)
	if err != nil {
		return nil, err
	}
	titles := map[int64]string{}
	var rs []coverage.Retirement
	for rows.Next() {
		rt := coverage.Retirement{ServiceID: id}
		var losesMust int64
		var title string
		if err := rows.Scan(&rt.RequirementID, &rt.ClientID, &rt.Key, &rt.Before, &rt.After, &rt.Loss, &losesMust, &title); err != nil {
			rows.Close()
			return nil, err
		}
		rt.LosesMust = losesMust != 0
		titles[rt.RequirementID] = title
		rs = append(rs, rt)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	crows, err := q.query(ctx, `SELECT c.id, c.name, c.annual_contract_value, f.score_num, f.score_den
		FROM clients c JOIN client_figures f ON f.client_id = c.id
		WHERE c.id IN (SELECT client_id FROM impact_figures WHERE service_id = ?)`, id)
	if err != nil {
		return nil, err
	}
	var clients []coverage.ImpactClient
	names := map[int64]string{}
	for crows.Next() {
		var c coverage.ImpactClient
		var value string
		if err := crows.Scan(&c.ID, &c.Name, &value, &c.Scores.Num, &c.Scores.Den); err != nil {
			crows.Close()
			return nil, err
		}
		if c.AnnualContractValue, err = decimal.NewFromString(value); err != nil {
			crows.Close()
			return nil, err
		}
		names[c.ID] = c.Name
		clients = append(clients, c)
	}
	crows.Close()
	if err := crows.Err(); err != nil {
		return nil, err
	}
	imp := coverage.ImpactOf(id, rs, clients)
	out := impactAnswer{RevenueAtRisk: imp.RevenueAtRisk.StringFixed(2), Service: idName{idString(id), name},
		Requirements: []requirementChange{}, Clients: []clientChange{}}
	for _, c := range imp.Requirements {
		out.Requirements = append(out.Requirements, requirementChange{string(c.Before), string(c.After), idTitle{idString(c.RequirementID), titles[c.RequirementID]}})
	}
	for _, c := range imp.Clients {
		out.Clients = append(out.Clients, clientChange{c.Before, c.After, idName{idString(c.ClientID), names[c.ClientID]}})
	}
	return map[string]any{"impact": out}, nil
}

func (f *floor) metrics(ctx context.Context, q *querier) ([]*alliance.Metric, error) {
	rows, err := q.query(ctx, "SELECT metric_key, name, unit, direction FROM metrics ORDER BY metric_key")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*alliance.Metric
	for rows.Next() {
		m := &alliance.Metric{}
		if err := rows.Scan(&m.Key, &m.Name, &m.Unit, &m.Direction); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// designedLevels reads the designed levels of the services that meet cond
// into services.
func (f *floor) designedLevels(ctx context.Context, q *querier, cond string, args []any, services map[int64]*alliance.Service) error {
	rows, err := q.query(ctx, "SELECT service_id, metric_key, value FROM service_levels WHERE "+cond+" ORDER BY service_id, metric_key", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var sid int64
		var l alliance.Level
		if err := rows.Scan(&sid, &l.Metric, &l.Value); err != nil {
			return err
		}
		if s := services[sid]; s != nil {
			s.DesignedLevels = append(s.DesignedLevels, l)
		}
	}
	return rows.Err()
}

// latest reads the latest measurement of each service and metric among the
// measurements that meet cond: the greatest period end, then the one
// recorded last, then the greatest id. The rules need only its value.
func (f *floor) latest(ctx context.Context, q *querier, cond string, args ...any) ([]*alliance.Measurement, error) {
	rows, err := q.query(ctx, `SELECT id, service_id, metric_key, value FROM (
			SELECT m.id, m.service_id, m.metric_key, m.value,
				ROW_NUMBER() OVER (PARTITION BY m.service_id, m.metric_key ORDER BY m.period_end DESC, m.recorded_at DESC, m.id DESC) AS rn
			FROM measurements m WHERE `+cond+`) ranked
		WHERE rn = 1`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*alliance.Measurement
	for rows.Next() {
		m := &alliance.Measurement{}
		if err := rows.Scan(&m.ID, &m.ServiceID, &m.Metric, &m.Value); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

type match struct {
	Delivers      bool `json:"delivers"`
	SpareCapacity *int `json:"spareCapacity"`
	Service       struct {
		ID          string `json:"id"`
		Name        string `json:"name"`
		Lifecycle   string `json:"lifecycle"`
		MonthlyCost string `json:"monthlyCost"`
	} `json:"service"`
}

// matches answers Q6 for targets given as ?t=metric:value&t=...
func (f *floor) matches(ctx context.Context, r *http.Request) (any, error) {
	var targets []alliance.Level
	var keys []any
	for _, t := range r.URL.Query()["t"] {
		key, v, _ := strings.Cut(t, ":")
		value, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return nil, fmt.Errorf("target %q: %w", t, err)
		}
		targets = append(targets, alliance.Level{Metric: key, Value: value})
		keys = append(keys, key)
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("give targets as t=metric:value")
	}
	q, err := f.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	defer q.end()
	snap := &coverage.Snapshot{Totals: map[int64]coverage.ServiceTotals{}}
	if snap.Metrics, err = f.metrics(ctx, q); err != nil {
		return nil, err
	}
	rows, err := q.query(ctx, `SELECT s.id, s.name, s.lifecycle, s.monthly_cost, s.capacity, COALESCE(sf.active_units, 0), COALESCE(sf.committed_units, 0)
		FROM services s LEFT JOIN service_figures sf ON sf.service_id = s.id
		WHERE s.lifecycle <> 'RETIRED' ORDER BY s.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	services := map[int64]*alliance.Service{}
	for rows.Next() {
		s := &alliance.Service{}
		var capacity sql.NullInt64
		var t coverage.ServiceTotals
		if err := rows.Scan(&s.ID, &s.Name, &s.Lifecycle, &s.MonthlyCost, &capacity, &t.ActiveUnits, &t.CommittedUnits); err != nil {
			return nil, err
		}
		if capacity.Valid {
			n := int(capacity.Int64)
			s.Capacity = &n
		}
		services[s.ID] = s
		snap.Services = append(snap.Services, s)
		snap.Totals[s.ID] = t
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	live := "SELECT id FROM services WHERE lifecycle <> 'RETIRED'"
	if err := f.designedLevels(ctx, q, "service_id IN ("+live+")", nil, services); err != nil {
		return nil, err
	}
	in := strings.TrimSuffix(strings.Repeat("?, ", len(keys)), ", ")
	if snap.Measurements, err = f.latest(ctx, q, "m.service_id IN ("+live+") AND m.metric_key IN ("+in+")", keys...); err != nil {
		return nil, err
	}
	ms, err := coverage.Evaluate(snap).Matches(targets)
	if err != nil {
		return nil, err
	}
	out := make([]match, len(ms))
	for i, m := range ms {
		s := services[m.ServiceID]
		out[i].Delivers, out[i].SpareCapacity = m.Delivers, m.SpareCapacity
		out[i].Service.ID, out[i].Service.Name, out[i].Service.Lifecycle = idString(s.ID), s.Name, string(s.Lifecycle)
		out[i].Service.MonthlyCost = s.MonthlyCost.StringFixed(2)
	}
	return map[string]any{"serviceMatches": out}, nil
}
