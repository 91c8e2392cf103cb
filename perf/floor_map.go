package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/shopspring/decimal"

	"alliance/coverage"
)

// Q1, a client's map, in three statements: the client with its figures and
// its objectives with theirs; the requirements with their coverage and
// their commitments with services; the targets.

type mapClient struct {
	ID           string          `json:"id"`
	Name         string          `json:"name"`
	Status       string          `json:"status"`
	ACV          string          `json:"annualContractValue"`
	Score        *float64        `json:"score"`
	GapCount     int             `json:"gapCount"`
	Cost         string          `json:"monthlyCostToServe"`
	Margin       string          `json:"monthlyMargin"`
	StatusCounts []statusCount   `json:"statusCounts"`
	Objectives   []*mapObjective `json:"objectives"`
}

type mapObjective struct {
	ID           string            `json:"id"`
	Title        string            `json:"title"`
	Priority     string            `json:"priority"`
	Score        *float64          `json:"score"`
	Requirements []*mapRequirement `json:"requirements"`
}

type mapRequirement struct {
	ID          string           `json:"id"`
	Title       string           `json:"title"`
	Priority    string           `json:"priority"`
	Targets     []mapTarget      `json:"targets"`
	Coverage    mapCoverage      `json:"coverage"`
	Commitments []*mapCommitment `json:"commitments"`
}

type mapTarget struct {
	Metric struct {
		Key  string `json:"key"`
		Unit string `json:"unit"`
	} `json:"metric"`
	Value float64 `json:"value"`
}

type mapCoverage struct {
	Status     string         `json:"status"`
	Percent    int            `json:"percent"`
	Shortfalls []mapShortfall `json:"shortfalls"`
}

type idName struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type mapShortfall struct {
	Service idName `json:"service"`
	Metric  struct {
		Key string `json:"key"`
	} `json:"metric"`
	Required float64  `json:"required"`
	Designed *float64 `json:"designed"`
	Measured *float64 `json:"measured"`
}

type mapCommitment struct {
	ID              string `json:"id"`
	CoveragePercent int    `json:"coveragePercent"`
	CapacityUnits   int    `json:"capacityUnits"`
	Holds           bool   `json:"holds"`
	Service         struct {
		ID        string `json:"id"`
		Name      string `json:"name"`
		Lifecycle string `json:"lifecycle"`
	} `json:"service"`
}

// storedShortfall is how requirement_figures keeps a shortfall.
type storedShortfall struct {
	ServiceID int64    `json:"s"`
	Metric    string   `json:"m"`
	Required  float64  `json:"r"`
	Designed  *float64 `json:"d"`
	Measured  *float64 `json:"v"`
}

func (f *floor) clientMap(ctx context.Context, r *http.Request) (any, error) {
	id, err := strconv.ParseInt(r.URL.Query().Get("id"), 10, 64)
	if err != nil {
		return nil, fmt.Errorf("id: %w", err)
	}
	q, err := f.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	defer q.end()
	c, err := f.mapHead(ctx, q, id)
	if c == nil || err != nil {
		return map[string]any{"client": nil}, err
	}
	if err := f.mapRequirements(ctx, q, id, c); err != nil {
		return nil, err
	}
	return map[string]any{"client": c}, nil
}

// mapHead reads the client and its objectives, with their figures.
func (f *floor) mapHead(ctx context.Context, q *querier, id int64) (*mapClient, error) {
	rows, err := q.query(ctx, `SELECT c.name, c.status, c.annual_contract_value, cf.score, cf.gap_count,
			cf.covered, cf.partial, cf.under_delivered, cf.overpromised, cf.planned, cf.gap, k.cost_to_serve, k.margin,
			o.id, o.title, o.priority, ofg.score
		FROM clients c
		JOIN client_figures cf ON cf.client_id = c.id
		JOIN client_costs k ON k.client_id = c.id
		LEFT JOIN objectives o ON o.client_id = c.id
		LEFT JOIN objective_figures ofg ON ofg.objective_id = o.id
		WHERE c.id = ?
		ORDER BY o.title_key, o.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var c *mapClient
	for rows.Next() {
		var (
			name, status, cost, margin string
			acv                        decimal.Decimal
			score, oScore              sql.NullFloat64
			counts                     coverage.Counts
			gapCount                   int
			oID                        sql.NullInt64
			oTitle, oPriority          sql.NullString
		)
		if err := rows.Scan(&name, &status, &acv, &score, &gapCount, &counts[0], &counts[1], &counts[2], &counts[3], &counts[4], &counts[5],
			&cost, &margin, &oID, &oTitle, &oPriority, &oScore); err != nil {
			return nil, err
		}
		if c == nil {
			c = &mapClient{ID: idString(id), Name: name, Status: status, ACV: acv.StringFixed(2), Score: nullFloat(score), GapCount: gapCount,
				StatusCounts: statusCounts(counts), Objectives: []*mapObjective{}}
			if c.Cost, err = amount(cost); err != nil {
				return nil, err
			}
			if c.Margin, err = amount(margin); err != nil {
				return nil, err
			}
		}
		if oID.Valid {
			c.Objectives = append(c.Objectives, &mapObjective{ID: idString(oID.Int64), Title: oTitle.String, Priority: oPriority.String,
				Score: nullFloat(oScore), Requirements: []*mapRequirement{}})
		}
	}
	return c, rows.Err()
}

// mapRequirements reads the requirements of the client's objectives with
// their coverage and commitments, then their targets.
func (f *floor) mapRequirements(ctx context.Context, q *querier, id int64, c *mapClient) error {
	objectives := make(map[string]*mapObjective, len(c.Objectives))
	for _, o := range c.Objectives {
		objectives[o.ID] = o
	}
	rows, err := q.query(ctx, `SELECT r.objective_id, r.id, r.title, r.priority, rf.status, rf.percent, rf.shortfalls,
			cm.id, cm.coverage_percent, cm.capacity_units, cmf.holds, s.id, s.name, s.lifecycle
		FROM objectives o
		JOIN requirements r ON r.objective_id = o.id
		JOIN requirement_figures rf ON rf.requirement_id = r.id
		LEFT JOIN commitments cm ON cm.requirement_id = r.id
		LEFT JOIN services s ON s.id = cm.service_id
		LEFT JOIN commitment_figures cmf ON cmf.commitment_id = cm.id
		WHERE o.client_id = ?
		ORDER BY r.objective_id, r.title_key, r.id, s.name_key, cm.id`, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	requirements := map[int64]*mapRequirement{}
	var cur *mapRequirement
	var curID int64
	shortfalls := map[*mapRequirement][]storedShortfall{}
	services := map[int64]string{}
	for rows.Next() {
		var (
			oID, rID                int64
			title, priority, status string
			percent                 int
			stored                  string
			cmID, cmCov, cmUnits    sql.NullInt64
			holds                   sql.NullBool
			sID                     sql.NullInt64
			sName, sLifecycle       sql.NullString
		)
		if err := rows.Scan(&oID, &rID, &title, &priority, &status, &percent, &stored, &cmID, &cmCov, &cmUnits, &holds, &sID, &sName, &sLifecycle); err != nil {
			return err
		}
		if cur == nil || curID != rID {
			cur, curID = &mapRequirement{ID: idString(rID), Title: title, Priority: priority, Targets: []mapTarget{},
				Coverage: mapCoverage{Status: status, Percent: percent, Shortfalls: []mapShortfall{}}, Commitments: []*mapCommitment{}}, rID
			requirements[rID] = cur
			if o := objectives[idString(oID)]; o != nil {
				o.Requirements = append(o.Requirements, cur)
			}
			var sfs []storedShortfall
			if err := json.Unmarshal([]byte(stored), &sfs); err != nil {
				return fmt.Errorf("requirement %d: stored shortfalls: %w", rID, err)
			}
			shortfalls[cur] = sfs
		}
		if cmID.Valid {
			m := &mapCommitment{ID: idString(cmID.Int64), CoveragePercent: int(cmCov.Int64), CapacityUnits: int(cmUnits.Int64), Holds: holds.Bool}
			m.Service.ID, m.Service.Name, m.Service.Lifecycle = idString(sID.Int64), sName.String, sLifecycle.String
			cur.Commitments = append(cur.Commitments, m)
			services[sID.Int64] = sName.String
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	// A shortfall is always of a commitment of its requirement: its
	// service is one of those just read.
	for req, sfs := range shortfalls {
		for _, s := range sfs {
			name, ok := services[s.ServiceID]
			if !ok {
				return fmt.Errorf("requirement %s: a shortfall of service %d, which it is not committed to", req.ID, s.ServiceID)
			}
			out := mapShortfall{Service: idName{idString(s.ServiceID), name}, Required: s.Required, Designed: s.Designed, Measured: s.Measured}
			out.Metric.Key = s.Metric
			req.Coverage.Shortfalls = append(req.Coverage.Shortfalls, out)
		}
	}
	trows, err := q.query(ctx, `SELECT t.requirement_id, t.metric_key, m.unit, t.value
		FROM objectives o
		JOIN requirements r ON r.objective_id = o.id
		JOIN requirement_targets t ON t.requirement_id = r.id
		JOIN metrics m ON m.metric_key = t.metric_key
		WHERE o.client_id = ?
		ORDER BY t.requirement_id, t.metric_key`, id)
	if err != nil {
		return err
	}
	defer trows.Close()
	for trows.Next() {
		var rID int64
		var t mapTarget
		if err := trows.Scan(&rID, &t.Metric.Key, &t.Metric.Unit, &t.Value); err != nil {
			return err
		}
		if req := requirements[rID]; req != nil {
			req.Targets = append(req.Targets, t)
		}
	}
	return trows.Err()
}
