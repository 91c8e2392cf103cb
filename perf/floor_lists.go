package main

import (
	"context"
	"database/sql"
	"net/http"

	"github.com/shopspring/decimal"

	"alliance/coverage"
)

// Q3, the portfolio and the first 100 gaps, in two statements (the sums and
// the list's count in one); Q4, a page of clients by score, in one.

type portfolio struct {
	Score        *float64      `json:"score"`
	ACV          string        `json:"annualContractValue"`
	ServiceCost  string        `json:"monthlyServiceCost"`
	OrphanCost   string        `json:"orphanMonthlyCost"`
	StatusCounts []statusCount `json:"statusCounts"`
}

type gap struct {
	Kind        string   `json:"kind"`
	Message     string   `json:"message"`
	Client      *idName  `json:"client"`
	Objective   *idTitle `json:"objective"`
	Requirement *idTitle `json:"requirement"`
	Service     *idName  `json:"service"`
}

type idTitle struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

func (f *floor) portfolioAndGaps(ctx context.Context, _ *http.Request) (any, error) {
	q, err := f.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	defer q.end()
	var num, den int64
	var counts coverage.Counts
	var acv, cost, orphan decimal.Decimal
	var total int
	err = q.row(ctx, `SELECT COALESCE(SUM(f.score_num), 0), COALESCE(SUM(f.score_den), 0),
			COALESCE(SUM(f.covered), 0), COALESCE(SUM(f.partial), 0), COALESCE(SUM(f.under_delivered), 0),
			COALESCE(SUM(f.overpromised), 0), COALESCE(SUM(f.planned), 0), COALESCE(SUM(f.gap), 0),
			(SELECT `+f.sumMoney("annual_contract_value")+` FROM clients WHERE status <> 'CHURNED'),
			(SELECT `+f.sumMoney("monthly_cost")+` FROM services WHERE lifecycle IN ('LIVE', 'RETIRING')),
			(SELECT `+f.sumMoney("s.monthly_cost")+` FROM services s JOIN service_figures sf ON sf.service_id = s.id WHERE sf.orphan = 1),
			(SELECT COUNT(*) FROM gap_entries)
		FROM client_figures f JOIN clients c ON c.id = f.client_id
		WHERE c.status <> 'CHURNED'`).Scan(&num, &den, &counts[0], &counts[1], &counts[2], &counts[3], &counts[4], &counts[5],
		&acv, &cost, &orphan, &total)
	if err != nil {
		return nil, err
	}
	p := portfolio{Score: coverage.ScoreOf(num, den), ACV: f.money(acv), ServiceCost: f.money(cost), OrphanCost: f.money(orphan),
		StatusCounts: statusCounts(counts)}
	rows, err := q.query(ctx, `SELECT g.kind, g.message, g.client_id, c.name, g.objective_id, o.title, g.requirement_id, r.title, g.service_id, s.name
		FROM gap_entries g
		LEFT JOIN clients c ON c.id = g.client_id
		LEFT JOIN objectives o ON o.id = g.objective_id
		LEFT JOIN requirements r ON r.id = g.requirement_id
		LEFT JOIN services s ON s.id = g.service_id
		ORDER BY g.sort_key LIMIT 100`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	nodes := []gap{}
	for rows.Next() {
		var g gap
		var cID, oID, rID, sID sql.NullInt64
		var cName, oTitle, rTitle, sName sql.NullString
		if err := rows.Scan(&g.Kind, &g.Message, &cID, &cName, &oID, &oTitle, &rID, &rTitle, &sID, &sName); err != nil {
			return nil, err
		}
		if cID.Valid {
			g.Client = &idName{idString(cID.Int64), cName.String}
		}
		if oID.Valid {
			g.Objective = &idTitle{idString(oID.Int64), oTitle.String}
		}
		if rID.Valid {
			g.Requirement = &idTitle{idString(rID.Int64), rTitle.String}
		}
		if sID.Valid {
			g.Service = &idName{idString(sID.Int64), sName.String}
		}
		nodes = append(nodes, g)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return map[string]any{"portfolio": p, "gaps": map[string]any{"totalCount": total, "nodes": nodes}}, nil
}

type listedClient struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Status   string   `json:"status"`
	ACV      string   `json:"annualContractValue"`
	Score    *float64 `json:"score"`
	GapCount int      `json:"gapCount"`
	Cost     string   `json:"monthlyCostToServe"`
	Margin   string   `json:"monthlyMargin"`
}

func (f *floor) clientsByScore(ctx context.Context, _ *http.Request) (any, error) {
	rows, err := f.pool().query(ctx, `SELECT c.id, c.name, c.status, c.annual_contract_value, cf.score, cf.gap_count, k.cost_to_serve, k.margin,
			(SELECT COUNT(*) FROM clients JOIN client_figures ON client_figures.client_id = clients.id
				JOIN client_costs ON client_costs.client_id = clients.id)
		FROM clients c
		JOIN client_figures cf ON cf.client_id = c.id
		JOIN client_costs k ON k.client_id = c.id
		ORDER BY CASE WHEN cf.score IS NULL THEN 1 ELSE 0 END, COALESCE(cf.score, 0) DESC, c.name_key, c.id
		LIMIT 100`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	nodes := []listedClient{}
	total := 0
	for rows.Next() {
		var c listedClient
		var id int64
		var acv decimal.Decimal
		var score sql.NullFloat64
		var cost, margin string
		if err := rows.Scan(&id, &c.Name, &c.Status, &acv, &score, &c.GapCount, &cost, &margin, &total); err != nil {
			return nil, err
		}
		c.ID, c.ACV, c.Score = idString(id), acv.StringFixed(2), nullFloat(score)
		if c.Cost, err = amount(cost); err != nil {
			return nil, err
		}
		if c.Margin, err = amount(margin); err != nil {
			return nil, err
		}
		nodes = append(nodes, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return map[string]any{"clients": map[string]any{"totalCount": total, "nodes": nodes}}, nil
}
