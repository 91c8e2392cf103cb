package db

import (
	"context"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
	"gorm.io/gorm"

	"alliance"
	"alliance/coverage"
)

// The lists and figures of the coverage rules, read from the stored figures
// (see figures.go): each list is one keyset-paginated query and one count, each
// batch of figures one statement, whatever the size of the portfolio.

// keyCol is one column of a list's order.
type keyCol struct {
	expr string
	desc bool
}

// countUnless counts the rows of q into n, unless skip says nobody asked.
func countUnless(skip bool, q *gorm.DB, n *int64) error {
	if skip {
		return nil
	}
	return q.Count(n).Error
}

// orderBy writes the ORDER BY of a key.
func orderBy(cols []keyCol) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = c.expr
		if c.desc {
			parts[i] += " DESC"
		}
	}
	return strings.Join(parts, ", ")
}

// after restricts q to the rows that come after the key values vals in the
// order of cols: (a > x) OR (a = x AND b > y) OR ..., with < for descending
// columns.
func after(q *gorm.DB, cols []keyCol, vals []any) *gorm.DB {
	var ors []string
	var args []any
	for i, c := range cols {
		var ands []string
		for j := 0; j < i; j++ {
			ands = append(ands, cols[j].expr+" = ?")
			args = append(args, vals[j])
		}
		op := " > ?"
		if c.desc {
			op = " < ?"
		}
		ands = append(ands, c.expr+op)
		args = append(args, vals[i])
		ors = append(ors, "("+strings.Join(ands, " AND ")+")")
	}
	return q.Where("("+strings.Join(ors, " OR ")+")", args...)
}

// FindRequirements returns a page of requirements across clients, by title.
// A churned client's requirements are listed only when the filter names that
// client.
func (db *DB) FindRequirements(ctx context.Context, f coverage.RequirementFilter, p alliance.PageArgs) (*alliance.Page[*alliance.Requirement], int, error) {
	limit, err := p.Limit()
	if err != nil {
		return nil, 0, err
	}
	g, done := db.reader(ctx)
	defer done()
	// Across every client, MySQL is walked through the title index in
	// keyset order, table by table: left to itself it starts from the
	// clients and sorts the whole list for every page.
	byTitle := db.dialect == MySQL && f.ClientID == nil && !scopeOf(ctx).limited
	var stale windows
	if f.StaleEvidence != nil {
		if stale, err = db.staleWindows(g); err != nil {
			return nil, 0, err
		}
	}
	table, columns := "requirements r", "r.*"
	if byTitle {
		table, columns = "requirements r FORCE INDEX (requirements_title)", "STRAIGHT_JOIN r.*"
	}
	filtered := func() *gorm.DB {
		q := scopeOf(ctx).byClient(g.Table(table), "f.client_id").
			Joins("JOIN requirement_figures f ON f.requirement_id = r.id").
			Joins("JOIN clients c ON c.id = f.client_id")
		if f.ClientID != nil {
			q = q.Where("f.client_id = ?", *f.ClientID)
		} else {
			q = q.Where("c.status <> ?", string(alliance.Churned))
		}
		if len(f.Status) > 0 {
			q = q.Where("f.status IN ?", mapSlice(f.Status, func(s coverage.Status) string { return string(s) }))
		}
		if len(f.Priority) > 0 {
			q = q.Where("r.priority IN ?", mapSlice(f.Priority, func(p alliance.Priority) string { return string(p) }))
		}
		if f.Search != nil && strings.TrimSpace(*f.Search) != "" {
			q = q.Where("r.title_key LIKE ? ESCAPE '!'", likePattern(*f.Search))
		}
		if f.StaleEvidence != nil {
			cond, args := stale.staleRequirement("r")
			if !*f.StaleEvidence {
				cond = "NOT " + cond
			}
			q = q.Where(cond, args...)
		}
		return q
	}
	key := []keyCol{{expr: "r.title_key"}, {expr: "r.id"}}
	q := filtered()
	if p.After != nil {
		var title string
		var id int64
		if err := decodeCursor(*p.After, "requirements", &title, &id); err != nil {
			return nil, 0, err
		}
		q = after(q, key, []any{title, id})
	}
	var rows []*requirementRow
	if err := q.Select(columns).Order(orderBy(key)).Limit(limit + 1).Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	var total int64
	if err := countUnless(p.NoTotal, filtered(), &total); err != nil {
		return nil, 0, err
	}
	pg := page(rows, limit, func(r *requirementRow) *requirementRow { return r }, func(r *requirementRow) string {
		return encodeCursor("requirements", r.TitleKey, r.ID)
	})
	reqs, err := db.withTargets(ctx, g, pg.Items)
	if err != nil {
		return nil, 0, err
	}
	return &alliance.Page[*alliance.Requirement]{Items: reqs, Cursors: pg.Cursors, HasNext: pg.HasNext}, int(total), nil
}

// FindGaps returns a page of the gap list, in its order.
func (db *DB) FindGaps(ctx context.Context, f coverage.GapFilter, p alliance.PageArgs) (*alliance.Page[coverage.GapEntry], int, error) {
	limit, err := p.Limit()
	if err != nil {
		return nil, 0, err
	}
	g, done := db.reader(ctx)
	defer done()
	filtered := func() *gorm.DB {
		q := scopeOf(ctx).byClient(g.Model(&gapRow{}), "client_id")
		if len(f.Kinds) > 0 {
			q = q.Where("kind IN ?", mapSlice(f.Kinds, func(k coverage.GapKind) string { return string(k) }))
		}
		if f.ClientID != nil {
			q = q.Where("client_id = ?", *f.ClientID)
		}
		return q
	}
	q := filtered()
	if p.After != nil {
		var key string
		if err := decodeCursor(*p.After, "gaps", &key); err != nil {
			return nil, 0, err
		}
		q = q.Where("sort_key > ?", key)
	}
	var rows []*gapRow
	if err := q.Order("sort_key").Limit(limit + 1).Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	var total int64
	if err := countUnless(p.NoTotal, filtered(), &total); err != nil {
		return nil, 0, err
	}
	return page(rows, limit, (*gapRow).domain, func(r *gapRow) string { return encodeCursor("gaps", r.SortKey) }), int(total), nil
}

// orderedClient is a client with the figures it may be ordered by.
type orderedClient struct {
	Client      clientRow `gorm:"embedded"`
	Score       *float64
	MarginOrder float64
}

// FindClientsOrdered returns a page of clients in the given order, which may
// rest on computed figures (score, margin). Clients without a score come
// last either way; ties go by name, then id.
func (db *DB) FindClientsOrdered(ctx context.Context, f alliance.ClientFilter, o coverage.ClientOrder, p alliance.PageArgs) (*alliance.Page[*alliance.Client], int, error) {
	limit, err := p.Limit()
	if err != nil {
		return nil, 0, err
	}
	g, done := db.reader(ctx)
	defer done()
	// The client list's own filter, joined to the figures it may be
	// ordered by (their columns are named apart from the clients').
	filtered := func() *gorm.DB {
		return db.clientQuery(ctx, g, f).
			Joins("JOIN client_figures f ON f.client_id = clients.id").
			Joins("JOIN client_costs k ON k.client_id = clients.id")
	}
	name, id := keyCol{expr: "clients.name_key"}, keyCol{expr: "clients.id"}
	var key []keyCol
	var values func(r *orderedClient) []any
	switch o.Field {
	case coverage.OrderByAnnualContractValue:
		key = []keyCol{{"clients.annual_contract_value", o.Desc}, name, id}
		values = func(r *orderedClient) []any {
			return []any{r.Client.AnnualContractValue.String(), r.Client.NameKey, r.Client.ID}
		}
	case coverage.OrderByScore:
		key = []keyCol{{expr: "CASE WHEN f.score IS NULL THEN 1 ELSE 0 END"}, {"COALESCE(f.score, 0)", o.Desc}, name, id}
		values = func(r *orderedClient) []any {
			none, v := 0, 0.0
			if r.Score == nil {
				none = 1
			} else {
				v = *r.Score
			}
			return []any{none, v, r.Client.NameKey, r.Client.ID}
		}
	case coverage.OrderByMonthlyMargin:
		key = []keyCol{{"k.margin_order", o.Desc}, name, id}
		values = func(r *orderedClient) []any { return []any{r.MarginOrder, r.Client.NameKey, r.Client.ID} }
	default:
		key = []keyCol{{"clients.name_key", o.Desc}, id}
		values = func(r *orderedClient) []any { return []any{r.Client.NameKey, r.Client.ID} }
	}
	dir := "ASC"
	if o.Desc {
		dir = "DESC"
	}
	list := "clients:" + o.Field + ":" + dir
	q := filtered()
	if p.After != nil {
		vals := make([]any, len(key))
		ptrs := make([]any, len(key))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := decodeCursor(*p.After, list, ptrs...); err != nil {
			return nil, 0, err
		}
		id, ok := vals[len(vals)-1].(float64)
		if !ok {
			return nil, 0, alliance.Invalidf("after", "after is not a cursor of this list")
		}
		vals[len(vals)-1] = int64(id)
		q = after(q, key, vals)
	}
	var rows []*orderedClient
	if err := q.Select("clients.*, f.score, k.margin_order").Order(orderBy(key)).Limit(limit + 1).Scan(&rows).Error; err != nil {
		return nil, 0, err
	}
	var total int64
	if err := countUnless(p.NoTotal, filtered(), &total); err != nil {
		return nil, 0, err
	}
	return page(rows, limit, func(r *orderedClient) *alliance.Client { return r.Client.domain() }, func(r *orderedClient) string {
		return encodeCursor(list, values(r)...)
	}), int(total), nil
}

// Portfolio returns the figures of the whole portfolio: sums over the clients
// that have not churned and over the services. Within a client's scope, that
// client's (coverage.ClientPortfolio).
func (db *DB) Portfolio(ctx context.Context) (*coverage.PortfolioFigures, error) {
	if s := scopeOf(ctx); s.limited {
		cs, err := db.ClientsByIDs(ctx, []int64{s.client})
		if err != nil {
			return nil, err
		}
		fs, err := db.ClientFigures(ctx, []int64{s.client})
		if err != nil {
			return nil, err
		}
		return coverage.ClientPortfolio(cs[0], fs[0]), nil
	}
	g, done := db.reader(ctx)
	defer done()
	// One statement: a row of sums over the clients that have not churned
	// and over the services. Money is summed exactly: MySQL sums DECIMAL
	// exactly; SQLite is given whole cents.
	money := func(col string) string {
		if db.dialect == MySQL {
			return "SUM(" + col + ")"
		}
		return "SUM(CAST(ROUND(" + col + " * 100) AS INTEGER))"
	}
	var sums struct {
		Num, Den                                                     int64
		Covered, Partial, UnderDelivered, Overpromised, Planned, Gap int
		Value, Cost, Orphan                                          *string
	}
	err := g.Raw(`SELECT a.num, a.den, a.covered, a.partial, a.under_delivered, a.overpromised, a.planned, a.gap,
			v.value, s.cost, o.orphan
		FROM (SELECT COALESCE(SUM(f.score_num), 0) AS num, COALESCE(SUM(f.score_den), 0) AS den,
				COALESCE(SUM(f.covered), 0) AS covered, COALESCE(SUM(f.partial), 0) AS partial,
				COALESCE(SUM(f.under_delivered), 0) AS under_delivered, COALESCE(SUM(f.overpromised), 0) AS overpromised,
				COALESCE(SUM(f.planned), 0) AS planned, COALESCE(SUM(f.gap), 0) AS gap
			FROM client_figures f JOIN clients c ON c.id = f.client_id WHERE c.status <> 'CHURNED') a,
		(SELECT ` + money("annual_contract_value") + ` AS value FROM clients WHERE status <> 'CHURNED') v,
		(SELECT ` + money("monthly_cost") + ` AS cost FROM services WHERE lifecycle IN ('LIVE', 'RETIRING')) s,
		(SELECT ` + money("sv.monthly_cost") + ` AS orphan FROM services sv JOIN service_figures f ON f.service_id = sv.id
			WHERE f.orphan = 1) o`).Scan(&sums).Error
	if err != nil {
		return nil, err
	}
	p := &coverage.PortfolioFigures{
		Score:        coverage.ScoreOf(sums.Num, sums.Den),
		StatusCounts: coverage.Counts{sums.Covered, sums.Partial, sums.UnderDelivered, sums.Overpromised, sums.Planned, sums.Gap},
	}
	for _, a := range []struct {
		dst *decimal.Decimal
		sum *string
	}{{&p.AnnualContractValue, sums.Value}, {&p.MonthlyServiceCost, sums.Cost}, {&p.OrphanMonthlyCost, sums.Orphan}} {
		if a.sum == nil {
			continue // no rows: zero
		}
		d, err := decimal.NewFromString(*a.sum)
		if err != nil {
			return nil, fmt.Errorf("a portfolio sum %q: %w", *a.sum, err)
		}
		if db.dialect != MySQL {
			d = d.Shift(-2) // whole cents
		}
		*a.dst = d.Round(2)
	}
	return p, nil
}

// figuresByID reads the stored figure rows of ids (query narrows the table
// to a chunk of them), and converts each: in the order of ids, nil where
// there is none.
func figuresByID[R, V any](ctx context.Context, db *DB, ids []int64, query func(g *gorm.DB, chunk []int64) *gorm.DB,
	key func(*R) int64, conv func(*R) (*V, error)) ([]*V, error) {
	g, done := db.reader(ctx)
	defer done()
	rows, err := findIn[R](ctx, g, ids, query)
	if err != nil {
		return nil, err
	}
	out := make([]*V, len(ids))
	for i, r := range align(ids, rows, key) {
		if r != nil {
			if out[i], err = conv(r); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// idIn returns a query of the rows whose column holds one of a chunk of ids.
func idIn(column string) func(g *gorm.DB, chunk []int64) *gorm.DB {
	return func(g *gorm.DB, chunk []int64) *gorm.DB { return g.Where(column+" IN ?", chunk) }
}

// ofClientIn is idIn for the figures of a client's map: limited to the
// clients the scope of ctx reaches.
func ofClientIn(ctx context.Context, column string) func(g *gorm.DB, chunk []int64) *gorm.DB {
	s := scopeOf(ctx)
	return func(g *gorm.DB, chunk []int64) *gorm.DB {
		return s.byClient(g.Where(column+" IN ?", chunk), "client_id")
	}
}

// RequirementCoverages returns the coverage of each requirement (nil for one
// that is not there).
func (db *DB) RequirementCoverages(ctx context.Context, ids []int64) ([]*coverage.Coverage, error) {
	return figuresByID(ctx, db, ids, ofClientIn(ctx, "requirement_id"), func(r *requirementFigureRow) int64 { return r.RequirementID },
		func(r *requirementFigureRow) (*coverage.Coverage, error) {
			sfs, err := decodeShortfalls(r.Shortfalls)
			return &coverage.Coverage{Status: coverage.Status(r.Status), Percent: r.Percent, Shortfalls: sfs}, err
		})
}

// CommitmentHolds says, for each commitment, whether it holds (nil for one
// that is not there).
func (db *DB) CommitmentHolds(ctx context.Context, ids []int64) ([]*bool, error) {
	return figuresByID(ctx, db, ids, ofClientIn(ctx, "commitment_id"), func(r *commitmentFigureRow) int64 { return r.CommitmentID },
		func(r *commitmentFigureRow) (*bool, error) { return &r.Holds, nil })
}

// ObjectiveFigures returns the figures of each objective (nil for one that
// is not there).
func (db *DB) ObjectiveFigures(ctx context.Context, ids []int64) ([]*coverage.ObjectiveFigures, error) {
	return figuresByID(ctx, db, ids, ofClientIn(ctx, "objective_id"), func(r *objectiveFigureRow) int64 { return r.ObjectiveID },
		func(r *objectiveFigureRow) (*coverage.ObjectiveFigures, error) {
			return &coverage.ObjectiveFigures{Score: r.Score}, nil
		})
}

// clientFigures is a client's stored figures with its costs.
type clientFigures struct {
	Figures     clientFigureRow `gorm:"embedded"`
	CostToServe string
	Margin      string
}

// ClientFigures returns the figures of each client (nil for one that is not
// there).
func (db *DB) ClientFigures(ctx context.Context, ids []int64) ([]*coverage.ClientFigures, error) {
	s := scopeOf(ctx)
	query := func(g *gorm.DB, chunk []int64) *gorm.DB {
		return s.byClient(g.Table("client_figures f"), "f.client_id").Select("f.*, k.cost_to_serve, k.margin").
			Joins("JOIN client_costs k ON k.client_id = f.client_id").Where("f.client_id IN ?", chunk)
	}
	return figuresByID(ctx, db, ids, query, func(r *clientFigures) int64 { return r.Figures.ClientID },
		func(r *clientFigures) (*coverage.ClientFigures, error) {
			cost, ok1 := new(big.Rat).SetString(r.CostToServe)
			margin, ok2 := new(big.Rat).SetString(r.Margin)
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("client %d: stored amounts %q, %q are not numbers", r.Figures.ClientID, r.CostToServe, r.Margin)
			}
			f := r.Figures
			return &coverage.ClientFigures{
				Score: f.Score, ScoreNum: f.ScoreNum, ScoreDen: f.ScoreDen, StatusCounts: f.counts(),
				MonthlyCostToServe: cost, MonthlyMargin: margin, GapCount: f.GapCount,
			}, nil
		})
}

// ServiceFigures returns the figures of each service (nil for one that is not
// there). Within a client's scope they are that client's (coverage.ClientService).
func (db *DB) ServiceFigures(ctx context.Context, ids []int64) ([]*coverage.ServiceFigures, error) {
	fs, err := figuresByID(ctx, db, ids, idIn("service_id"), func(r *serviceFigureRow) int64 { return r.ServiceID },
		func(r *serviceFigureRow) (*coverage.ServiceFigures, error) {
			return &coverage.ServiceFigures{CommittedUnits: r.CommittedUnits, ActiveUnits: r.ActiveUnits, Oversubscribed: r.Oversubscribed, Orphan: r.Orphan}, nil
		})
	s := scopeOf(ctx)
	if err != nil || !s.limited {
		return fs, err
	}
	units, err := db.ClientUnits(ctx, s.client, ids)
	if err != nil {
		return nil, err
	}
	for i, f := range fs {
		if f != nil {
			fs[i] = coverage.ClientService(units[i])
		}
	}
	return fs, nil
}

// ClientUnits returns, for each service, the capacity units of the client's
// active and planned commitments on it.
func (db *DB) ClientUnits(ctx context.Context, clientID int64, serviceIDs []int64) ([]int, error) {
	if !scopeOf(ctx).sees(clientID) {
		return make([]int, len(serviceIDs)), nil
	}
	g, done := db.reader(ctx)
	defer done()
	var rows []struct {
		ServiceID int64
		Units     int
	}
	err := g.Raw(`SELECT c.service_id, SUM(c.capacity_units) AS units
		FROM commitments c
		JOIN services s ON s.id = c.service_id
		JOIN requirements r ON r.id = c.requirement_id
		JOIN objectives o ON o.id = r.objective_id
		WHERE o.client_id = ? AND c.service_id IN ? AND s.lifecycle <> 'RETIRED'
		GROUP BY c.service_id`, clientID, unique(serviceIDs)).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	by := make(map[int64]int, len(rows))
	for _, r := range rows {
		by[r.ServiceID] = r.Units
	}
	out := make([]int, len(serviceIDs))
	for i, id := range serviceIDs {
		out[i] = by[id]
	}
	return out, nil
}

// LatestMeasurements returns, for each service, the latest measurement of
// each metric it was measured on, by metric key: what the rules compare with
// targets.
func (db *DB) LatestMeasurements(ctx context.Context, serviceIDs []int64) ([][]*alliance.Measurement, error) {
	g, done := db.reader(ctx)
	defer done()
	var rows []*measurementRow
	if len(serviceIDs) > 0 {
		var err error
		if rows, err = latestMeasurements(g, "m.service_id IN ?", unique(serviceIDs)); err != nil {
			return nil, err
		}
	}
	by := map[int64][]*alliance.Measurement{}
	for _, r := range rows {
		by[r.ServiceID] = append(by[r.ServiceID], r.domain())
	}
	out := make([][]*alliance.Measurement, len(serviceIDs))
	for i, id := range serviceIDs {
		out[i] = by[id]
		if out[i] == nil {
			out[i] = []*alliance.Measurement{}
		}
	}
	return out, nil
}

// latestMeasurements reads the latest measurement of each service and metric
// among the measurements that meet filter (all when it is ""), ordered by
// service and metric. Latest: the greatest period end, then the one recorded
// last.
func latestMeasurements(g *gorm.DB, filter string, args ...any) ([]*measurementRow, error) {
	q := `SELECT * FROM (
		SELECT m.*, ROW_NUMBER() OVER (PARTITION BY m.service_id, m.metric_key ORDER BY m.period_end DESC, m.recorded_at DESC, m.id DESC) AS rn
		FROM measurements m`
	if filter != "" {
		q += " WHERE " + filter
	}
	q += ") ranked WHERE rn = 1 ORDER BY service_id, metric_key"
	var rows []*measurementRow
	err := g.Raw(q, args...).Scan(&rows).Error
	return rows, err
}

// impactClient is what an impact reads of a client.
type impactClient struct {
	ID                  int64
	Name                string
	AnnualContractValue decimal.Decimal
	ScoreNum, ScoreDen  int64
}

// Impact returns what retiring the service would change, or nil for an
// unknown service: read from the stored retirements of the service (see
// coverage.Retirement) and the score sums of their clients, in three
// statements whatever the service's commitments. Within a client's scope it
// is what that client would see change (coverage's Impact.ForClient).
func (db *DB) Impact(ctx context.Context, serviceID int64) (*coverage.Impact, error) {
	imp, err := db.impact(ctx, serviceID)
	s := scopeOf(ctx)
	if err != nil || imp == nil || !s.limited {
		return imp, err
	}
	cs, err := db.ClientsByIDs(ctx, []int64{s.client})
	if err != nil {
		return nil, err
	}
	return imp.ForClient(cs[0]), nil
}

// impact is Impact before the scope's rule is applied: the whole portfolio's,
// or the changes of the scope's client alone.
func (db *DB) impact(ctx context.Context, serviceID int64) (*coverage.Impact, error) {
	g, done := db.reader(ctx)
	defer done()
	var n int64
	if err := g.Model(&serviceRow{}).Where("id = ?", serviceID).Count(&n).Error; err != nil || n == 0 {
		return nil, err
	}
	// Scanned by hand: a service may have thousands of retirements. Within
	// a client's scope, only that client's are read.
	q, args := `SELECT requirement_id, client_id, sort_key, status_before, status_after, loss, loses_must
		FROM impact_figures WHERE service_id = ?`, []any{serviceID}
	if s := scopeOf(ctx); s.limited {
		q, args = q+" AND client_id = ?", append(args, s.client)
	}
	rows, err := g.Raw(q, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var rs []coverage.Retirement
	for rows.Next() {
		r := coverage.Retirement{ServiceID: serviceID}
		var losesMust int64
		if err := rows.Scan(&r.RequirementID, &r.ClientID, &r.Key, &r.Before, &r.After, &r.Loss, &losesMust); err != nil {
			return nil, err
		}
		r.LosesMust = losesMust != 0
		rs = append(rs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return &coverage.Impact{ServiceID: serviceID}, nil
	}
	var clients []impactClient
	ids := unique(mapSlice(rs, func(r coverage.Retirement) int64 { return r.ClientID }))
	for chunk := range slices.Chunk(ids, maxParams) {
		var some []impactClient
		err := g.Raw(`SELECT c.id, c.name, c.annual_contract_value, f.score_num, f.score_den
			FROM clients c JOIN client_figures f ON f.client_id = c.id WHERE c.id IN ?`, chunk).Scan(&some).Error
		if err != nil {
			return nil, err
		}
		clients = append(clients, some...)
	}
	out := make([]coverage.ImpactClient, len(clients))
	for i, c := range clients {
		out[i] = coverage.ImpactClient{ID: c.ID, Name: c.Name, AnnualContractValue: c.AnnualContractValue,
			Scores: coverage.ScoreSums{Num: c.ScoreNum, Den: c.ScoreDen}}
	}
	return coverage.ImpactOf(serviceID, rs, out), nil
}

// Matches returns the services designed for every target: the rules run over
// the service catalog, with the stored sums and the latest measurements of
// the targeted metrics. Within a client's scope, without spare capacity
// (coverage.ClientMatches).
func (db *DB) Matches(ctx context.Context, targets []alliance.Level) ([]coverage.Match, error) {
	g, done := db.reader(ctx)
	defer done()
	var metrics []*metricRow
	var rows []*serviceRow
	for _, q := range []*gorm.DB{g.Find(&metrics), g.Where("lifecycle <> ?", string(alliance.Retired)).Find(&rows)} {
		if err := q.Error; err != nil {
			return nil, err
		}
	}
	svcs, err := db.withDesign(ctx, g, rows)
	if err != nil {
		return nil, err
	}
	snap := &coverage.Snapshot{Metrics: mapSlice(metrics, (*metricRow).domain), Services: svcs}
	ids := mapSlice(rows, func(r *serviceRow) int64 { return r.ID })
	keys := make([]string, len(targets))
	for i, t := range targets {
		keys[i] = t.Metric
	}
	if len(ids) > 0 {
		latest, err := latestMeasurements(g, "m.service_id IN ? AND m.metric_key IN ?", ids, keys)
		if err != nil {
			return nil, err
		}
		snap.Measurements = mapSlice(latest, (*measurementRow).domain)
	}
	if snap.Totals, err = storedTotals(ctx, g, snap.Services); err != nil {
		return nil, err
	}
	ms, err := coverage.Evaluate(snap).Matches(targets)
	if err == nil && scopeOf(ctx).limited {
		ms = coverage.ClientMatches(ms)
	}
	return ms, err
}
