package db

import (
	"fmt"

	"github.com/shopspring/decimal"
	"gorm.io/gorm"

	"alliance"
	"alliance/coverage"
)

// The portfolio's figures are one stored row (see figures.go), summed again
// by every write that moves a client's or a service's figures.

// portfolioFigureRow holds the figures of the whole portfolio (one row, id
// 1): the sums of the portfolio's score, its status counts and its amounts,
// exact.
type portfolioFigureRow struct {
	ID                  int64 `gorm:"primaryKey;autoIncrement:false"`
	ScoreNum            int64
	ScoreDen            int64
	Covered             int
	Partial             int
	UnderDelivered      int
	Overpromised        int
	Planned             int
	Gap                 int
	AnnualContractValue string
	MonthlyServiceCost  string
	OrphanMonthlyCost   string
}

func (portfolioFigureRow) TableName() string { return "portfolio_figures" }

func (r *portfolioFigureRow) domain() (*coverage.PortfolioFigures, error) {
	p := &coverage.PortfolioFigures{
		Score:        coverage.ScoreOf(r.ScoreNum, r.ScoreDen),
		StatusCounts: coverage.Counts{r.Covered, r.Partial, r.UnderDelivered, r.Overpromised, r.Planned, r.Gap},
	}
	for _, a := range []struct {
		dst  *decimal.Decimal
		text string
	}{{&p.AnnualContractValue, r.AnnualContractValue}, {&p.MonthlyServiceCost, r.MonthlyServiceCost}, {&p.OrphanMonthlyCost, r.OrphanMonthlyCost}} {
		d, err := decimal.NewFromString(a.text)
		if err != nil {
			return nil, fmt.Errorf("stored portfolio amount %q: %w", a.text, err)
		}
		*a.dst = d
	}
	return p, nil
}

// portfolioRowOf is the portfolio row of a whole portfolio's evaluation.
func portfolioRowOf(e *coverage.Evaluation) *portfolioFigureRow {
	p := e.Portfolio
	c := p.StatusCounts
	row := &portfolioFigureRow{
		ID: 1, Covered: c[0], Partial: c[1], UnderDelivered: c[2], Overpromised: c[3], Planned: c[4], Gap: c[5],
		AnnualContractValue: p.AnnualContractValue.String(), MonthlyServiceCost: p.MonthlyServiceCost.String(),
		OrphanMonthlyCost: p.OrphanMonthlyCost.String(),
	}
	for _, cl := range e.Snapshot().Clients {
		if cl.Status != alliance.Churned {
			row.ScoreNum += e.Clients[cl.ID].ScoreNum
			row.ScoreDen += e.Clients[cl.ID].ScoreDen
		}
	}
	return row
}

// sumPortfolio sums the portfolio's figures in one statement, from the
// stored figures of the clients and services. Amounts are summed exactly:
// MySQL sums DECIMAL exactly, SQLite is given whole cents to sum.
func sumPortfolio(g *gorm.DB, dialect string) (*portfolioFigureRow, error) {
	sum := func(column string) string {
		if dialect == MySQL {
			return "SUM(" + column + ")"
		}
		return "SUM(CAST(ROUND(" + column + " * 100) AS INTEGER))"
	}
	var r struct {
		ScoreNum, ScoreDen                                           int64
		Covered, Partial, UnderDelivered, Overpromised, Planned, Gap int
		AnnualContractValue, MonthlyServiceCost, OrphanMonthlyCost   *string
	}
	err := g.Raw(`SELECT cs.*, ss.* FROM
		(SELECT COALESCE(SUM(f.score_num), 0) AS score_num, COALESCE(SUM(f.score_den), 0) AS score_den,
			COALESCE(SUM(f.covered), 0) AS covered, COALESCE(SUM(f.partial), 0) AS partial,
			COALESCE(SUM(f.under_delivered), 0) AS under_delivered, COALESCE(SUM(f.overpromised), 0) AS overpromised,
			COALESCE(SUM(f.planned), 0) AS planned, COALESCE(SUM(f.gap), 0) AS gap,
			` + sum("c.annual_contract_value") + ` AS annual_contract_value
		FROM clients c LEFT JOIN client_figures f ON f.client_id = c.id
		WHERE c.status <> 'CHURNED') cs
		CROSS JOIN
		(SELECT ` + sum("CASE WHEN s.lifecycle IN ('LIVE', 'RETIRING') THEN s.monthly_cost END") + ` AS monthly_service_cost,
			` + sum("CASE WHEN f.orphan = 1 THEN s.monthly_cost END") + ` AS orphan_monthly_cost
		FROM services s LEFT JOIN service_figures f ON f.service_id = s.id) ss`).Scan(&r).Error
	if err != nil {
		return nil, err
	}
	row := &portfolioFigureRow{
		ID: 1, ScoreNum: r.ScoreNum, ScoreDen: r.ScoreDen, Covered: r.Covered, Partial: r.Partial,
		UnderDelivered: r.UnderDelivered, Overpromised: r.Overpromised, Planned: r.Planned, Gap: r.Gap,
	}
	for _, a := range []struct {
		dst *string
		sum *string
	}{{&row.AnnualContractValue, r.AnnualContractValue}, {&row.MonthlyServiceCost, r.MonthlyServiceCost}, {&row.OrphanMonthlyCost, r.OrphanMonthlyCost}} {
		d := decimal.Zero
		if a.sum != nil {
			var err error
			if d, err = decimal.NewFromString(*a.sum); err != nil {
				return nil, fmt.Errorf("portfolio sum %q: %w", *a.sum, err)
			}
			if dialect != MySQL {
				d = d.Shift(-2) // cents
			}
		}
		*a.dst = d.String()
	}
	return row, nil
}

// refreshPortfolio sums the portfolio's figures again when the transaction
// moved a client's or a service's figures (a client's contract value and
// status mark it, a service's cost and lifecycle mark the service). The row
// is locked first, last of all figures rows; on MySQL the sums then read
// what the writers before committed, with this transaction's own figures.
func (t *tx) refreshPortfolio() error {
	if len(t.touched) == 0 && len(t.services) == 0 {
		return nil
	}
	if err := t.lock("portfolio_figures", "id", []int64{1}); err != nil {
		return err
	}
	row, err := sumPortfolio(t.g, t.g.Dialector.Name())
	if err != nil {
		return err
	}
	return upsert(t.g, []*portfolioFigureRow{row})
}
