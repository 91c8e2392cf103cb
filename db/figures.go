package db

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"slices"
	"time"

	"github.com/shopspring/decimal"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"alliance"
	"alliance/coverage"
)

// The read model. Every figure of the coverage rules is stored in the tables
// below, written by the transaction that changes what it depends on, so that
// a read is a query like any other and every server agrees with every other.
//
// A write marks what it may have moved (see tx.touch and friends); before it
// commits, finish brings exactly that up to date, in these steps:
//
//  1. services: the committed and active units of each marked service, its
//     flags and its gap list entries, summed in SQL over the commitments of
//     clients that have not churned. A service whose active units, cost or
//     lifecycle changed shares its cost out anew: every client committed to
//     it has its cost to serve recomputed.
//  2. clients marked for coverage: their snapshot is read (their map, the
//     services it reaches with the service totals of step 1) and evaluated
//     with the pure rules; every figure of theirs is rewritten (with what
//     retiring each service they use would change of their requirements:
//     the impact of a service is read from those rows) and their score
//     history extended.
//  3. requirements marked alone (a measurement changes what the rules read
//     of one service's metric, and so only the requirements committed to
//     that service with a target on that metric): they are evaluated with
//     their commitments and services, without the rest of their clients,
//     and only the rows whose values changed are written; when a status or
//     percent moved, their objectives' and clients' figures are summed
//     again from the stored requirement figures (see figures_requirements.go).
//  4. clients whose cost shares alone moved: their cost to serve and margin,
//     from one query over their active commitments.
//
// The portfolio's figures are not stored: they are summed, in one statement,
// over the clients' and services' figures when asked for, so that no row is
// written by every writer.
//
// Rows that others wait on are locked before they are read: the figures rows
// of the services, then of the clients, in id order.
// Two transactions that move the same client's figures take turns, and the
// second computes from what the first committed (write transactions read
// committed data on MySQL).

// figuresVersion names the rules the stored figures were computed with. A
// database whose figures carry another version (or none: one made by an
// earlier schema) has them recomputed when it is migrated.
const figuresVersion = "2026-12-01.3" // .3: impact figures stored; an under-delivery names a service designed for the promise

// insertBatch is how many rows one INSERT carries.
const insertBatch = 400

type requirementFigureRow struct {
	RequirementID int64 `gorm:"primaryKey;autoIncrement:false"`
	ClientID      int64
	Status        string
	Percent       int
	Shortfalls    string
}

func (requirementFigureRow) TableName() string { return "requirement_figures" }

type commitmentFigureRow struct {
	CommitmentID int64 `gorm:"primaryKey;autoIncrement:false"`
	ClientID     int64
	Holds        bool
}

func (commitmentFigureRow) TableName() string { return "commitment_figures" }

type objectiveFigureRow struct {
	ObjectiveID int64 `gorm:"primaryKey;autoIncrement:false"`
	ClientID    int64
	Score       *float64
}

func (objectiveFigureRow) TableName() string { return "objective_figures" }

type clientFigureRow struct {
	ClientID       int64 `gorm:"primaryKey;autoIncrement:false"`
	Score          *float64
	ScoreNum       int64
	ScoreDen       int64
	Covered        int
	Partial        int
	UnderDelivered int
	Overpromised   int
	Planned        int
	Gap            int
	GapCount       int
}

func (clientFigureRow) TableName() string { return "client_figures" }

func (r *clientFigureRow) counts() coverage.Counts {
	return coverage.Counts{r.Covered, r.Partial, r.UnderDelivered, r.Overpromised, r.Planned, r.Gap}
}

type clientCostRow struct {
	ClientID    int64 `gorm:"primaryKey;autoIncrement:false"`
	CostToServe string
	Margin      string
	MarginOrder float64
}

func (clientCostRow) TableName() string { return "client_costs" }

type serviceFigureRow struct {
	ServiceID      int64 `gorm:"primaryKey;autoIncrement:false"`
	CommittedUnits int
	ActiveUnits    int64
	Oversubscribed bool
	Orphan         bool
}

func (serviceFigureRow) TableName() string { return "service_figures" }

// impactFigureRow is what retiring a service would change of one requirement
// committed to it (see coverage.Retirement).
type impactFigureRow struct {
	CommitmentID  int64 `gorm:"primaryKey;autoIncrement:false"`
	ClientID      int64
	ServiceID     int64
	RequirementID int64
	SortKey       string
	StatusBefore  string
	StatusAfter   string
	Loss          int64
	LosesMust     bool
}

func (impactFigureRow) TableName() string { return "impact_figures" }

func impactFigureRowOf(r coverage.Retirement) *impactFigureRow {
	return &impactFigureRow{
		CommitmentID: r.CommitmentID, ClientID: r.ClientID, ServiceID: r.ServiceID, RequirementID: r.RequirementID,
		SortKey: r.Key, StatusBefore: string(r.Before), StatusAfter: string(r.After), Loss: r.Loss, LosesMust: r.LosesMust,
	}
}

type gapRow struct {
	ID            int64 `gorm:"primaryKey"`
	SortKey       string
	Kind          string
	ClientID      *int64
	ObjectiveID   *int64
	RequirementID *int64
	ServiceID     *int64
	Message       string
}

func (gapRow) TableName() string { return "gap_entries" }

func (r *gapRow) domain() coverage.GapEntry {
	return coverage.GapEntry{
		Kind: coverage.GapKind(r.Kind), ClientID: deref(r.ClientID), ObjectiveID: deref(r.ObjectiveID),
		RequirementID: deref(r.RequirementID), ServiceID: deref(r.ServiceID), Sentence: r.Message,
	}
}

// deref is what p points to, or the zero value for nil.
func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func ref(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// shortfallJSON is how a shortfall is stored.
type shortfallJSON struct {
	ServiceID int64    `json:"s"`
	Metric    string   `json:"m"`
	Required  float64  `json:"r"`
	Designed  *float64 `json:"d,omitempty"`
	Measured  *float64 `json:"v,omitempty"`
}

func encodeShortfalls(sfs []coverage.Shortfall) string {
	out := make([]shortfallJSON, len(sfs))
	for i, s := range sfs {
		out[i] = shortfallJSON{s.ServiceID, s.Metric, s.Required, s.Designed, s.Measured}
	}
	b, _ := json.Marshal(out) // plain values: cannot fail
	return string(b)
}

func decodeShortfalls(s string) ([]coverage.Shortfall, error) {
	var in []shortfallJSON
	if err := json.Unmarshal([]byte(s), &in); err != nil {
		return nil, fmt.Errorf("stored shortfalls: %w", err)
	}
	out := make([]coverage.Shortfall, len(in))
	for i, s := range in {
		out[i] = coverage.Shortfall{ServiceID: s.ServiceID, Metric: s.Metric, Required: s.Required, Designed: s.Designed, Measured: s.Measured}
	}
	return out, nil
}

// figureRows are the stored figures of some clients, or of some services.
type figureRows struct {
	requirements []*requirementFigureRow
	commitments  []*commitmentFigureRow
	objectives   []*objectiveFigureRow
	clients      []*clientFigureRow
	costs        []*clientCostRow
	services     []*serviceFigureRow
	gaps         []*gapRow
	impacts      []*impactFigureRow
}

// rowsOf writes an evaluation as rows: every figure of its clients, and, when
// services is set, of its services (the whole portfolio's evaluation knows
// them; one of a few clients does not).
func rowsOf(e *coverage.Evaluation, services bool) *figureRows {
	snap := e.Snapshot()
	out := &figureRows{}
	clientOfObjective := make(map[int64]int64, len(snap.Objectives))
	for _, o := range snap.Objectives {
		clientOfObjective[o.ID] = o.ClientID
		if score, ok := e.Objectives[o.ID]; ok {
			out.objectives = append(out.objectives, &objectiveFigureRow{ObjectiveID: o.ID, ClientID: o.ClientID, Score: score})
		}
	}
	clientOfRequirement := make(map[int64]int64, len(snap.Requirements))
	for _, r := range snap.Requirements {
		cov, ok := e.Requirements[r.ID]
		if !ok {
			continue
		}
		client := clientOfObjective[r.ObjectiveID]
		clientOfRequirement[r.ID] = client
		out.requirements = append(out.requirements, &requirementFigureRow{
			RequirementID: r.ID, ClientID: client, Status: string(cov.Status), Percent: cov.Percent,
			Shortfalls: encodeShortfalls(cov.Shortfalls),
		})
	}
	for _, c := range snap.Commitments {
		if holds, ok := e.Holds[c.ID]; ok {
			out.commitments = append(out.commitments, &commitmentFigureRow{CommitmentID: c.ID, ClientID: clientOfRequirement[c.RequirementID], Holds: holds})
		}
	}
	for _, c := range snap.Clients {
		f := e.Clients[c.ID]
		out.clients = append(out.clients, clientFigureRowOf(c.ID, f))
		out.costs = append(out.costs, clientCostRowOf(c.ID, f.MonthlyCostToServe, f.MonthlyMargin))
	}
	for _, r := range e.Retirements() {
		out.impacts = append(out.impacts, impactFigureRowOf(r))
	}
	for _, g := range e.Gaps {
		if g.ServiceID != 0 && g.ClientID == 0 && !services {
			continue
		}
		out.gaps = append(out.gaps, gapRowOf(g))
	}
	if services {
		for _, sv := range snap.Services {
			out.services = append(out.services, serviceFigureRowOf(sv.ID, e.Services[sv.ID]))
		}
	}
	return out
}

func clientFigureRowOf(id int64, f *coverage.ClientFigures) *clientFigureRow {
	c := f.StatusCounts
	return &clientFigureRow{
		ClientID: id, Score: f.Score, ScoreNum: f.ScoreNum, ScoreDen: f.ScoreDen,
		Covered: c[0], Partial: c[1], UnderDelivered: c[2], Overpromised: c[3], Planned: c[4], Gap: c[5],
		GapCount: f.GapCount,
	}
}

func clientCostRowOf(id int64, cost, margin *big.Rat) *clientCostRow {
	order, _ := margin.Float64()
	return &clientCostRow{ClientID: id, CostToServe: cost.RatString(), Margin: margin.RatString(), MarginOrder: order}
}

func serviceFigureRowOf(id int64, f *coverage.ServiceFigures) *serviceFigureRow {
	return &serviceFigureRow{ServiceID: id, CommittedUnits: f.CommittedUnits, ActiveUnits: f.ActiveUnits, Oversubscribed: f.Oversubscribed, Orphan: f.Orphan}
}

func gapRowOf(g coverage.GapEntry) *gapRow {
	return &gapRow{
		SortKey: g.Key.SortKey(), Kind: string(g.Kind), ClientID: ref(g.ClientID), ObjectiveID: ref(g.ObjectiveID),
		RequirementID: ref(g.RequirementID), ServiceID: ref(g.ServiceID), Message: g.Message(),
	}
}

// insert writes rows in batches.
func insert[R any](g *gorm.DB, rows []*R) error {
	if len(rows) == 0 {
		return nil
	}
	return g.CreateInBatches(rows, batchOf(g)).Error
}

// upsert writes rows in batches, replacing those with the same key.
func upsert[R any](g *gorm.DB, rows []*R) error {
	if len(rows) == 0 {
		return nil
	}
	return g.Clauses(clause.OnConflict{UpdateAll: true}).CreateInBatches(rows, batchOf(g)).Error
}

// batchOf is how many rows one INSERT writes: fewer on SQLite, whose driver
// binds n values in n² (see idSet).
func batchOf(g *gorm.DB) int {
	if g.Dialector.Name() == SQLite {
		return insertBatch / 4
	}
	return insertBatch
}

// figureTable is a table of the read model and the key of its rows.
type figureTable struct{ name, key string }

var (
	// clientRowTables hold a client's figures row by row: they are
	// rewritten whole when the client is evaluated.
	clientRowTables = []figureTable{
		{"requirement_figures", "requirement_id"}, {"commitment_figures", "commitment_id"},
		{"objective_figures", "objective_id"}, {"gap_entries", "id"}, {"impact_figures", "commitment_id"},
	}
	// clientOwnTables hold one row per client, updated in place, since
	// others may be waiting on their locks.
	clientOwnTables = []figureTable{{"client_figures", "client_id"}, {"client_costs", "client_id"}}
	// serviceTables hold a service's figures and its gap entries.
	serviceTables = []figureTable{{"service_figures", "service_id"}, {"gap_entries", "id"}}
)

// writeClients replaces the stored figures of the clients with rows.
func (t *tx) writeClients(ids []int64, rows *figureRows) error {
	for _, table := range clientRowTables {
		if err := t.deleteWhere(table.name, table.key, "client_id IN ?", ids); err != nil {
			return err
		}
	}
	return t.writeRows(rows)
}

// writeRows writes figure rows: new per-client rows, and the rows of clients
// and services, replacing those with the same key.
func (t *tx) writeRows(rows *figureRows) error {
	for _, write := range []func() error{
		func() error { return insert(t.g, rows.requirements) },
		func() error { return insert(t.g, rows.commitments) },
		func() error { return insert(t.g, rows.objectives) },
		func() error { return insert(t.g, rows.gaps) },
		func() error { return insert(t.g, rows.impacts) },
		func() error { return upsert(t.g, rows.clients) },
		func() error { return upsert(t.g, rows.costs) },
		func() error { return upsert(t.g, rows.services) },
	} {
		if err := write(); err != nil {
			return err
		}
	}
	return nil
}

// touchServices marks services whose committed units, flags or gap entries
// the transaction may move.
func (t *tx) touchServices(ids ...int64) {
	for _, id := range ids {
		t.services[id] = true
	}
}

// touchCosts marks services whose monthly cost is shared out anew whatever
// their units do: their cost or lifecycle changed.
func (t *tx) touchCosts(ids ...int64) {
	for _, id := range ids {
		t.services[id] = true
		t.costs[id] = true
	}
}

// touchServicesWhere marks the services selected by a query of service ids.
func (t *tx) touchServicesWhere(q *gorm.DB) error {
	var ids []int64
	if err := q.Distinct().Pluck("service_id", &ids).Error; err != nil {
		return err
	}
	t.touchServices(ids...)
	return nil
}

// touchServicesOfClient marks every service the client's requirements are
// committed to: its churning or leaving changes their sums.
func (t *tx) touchServicesOfClient(id int64) error {
	return t.touchServicesWhere(t.g.Table("commitments c").
		Joins("JOIN requirements r ON r.id = c.requirement_id").
		Joins("JOIN objectives o ON o.id = r.objective_id").Where("o.client_id = ?", id))
}

// finish runs last in every write transaction: it brings the stored figures
// up to date with what the transaction changed, and extends the score
// histories.
func (t *tx) finish() error {
	if len(t.touched)+len(t.services)+len(t.costClients)+len(t.requirements) > 0 {
		defer timeFigures(t.observer, "write")()
	}
	if err := t.refreshServices(); err != nil {
		return err
	}
	// Every client whose figures the steps below write is locked here, in
	// one id order, so that two writers never take them in opposite orders.
	locked := maps.Clone(t.touched)
	maps.Copy(locked, t.costClients)
	for _, c := range t.requirements {
		locked[c] = true
	}
	if err := t.lock("client_figures", "client_id", slices.Sorted(maps.Keys(locked))); err != nil {
		return err
	}
	if err := t.refreshClients(); err != nil {
		return err
	}
	if err := t.refreshRequirements(); err != nil {
		return err
	}
	return t.refreshCosts()
}

// lock takes the write locks of the figures rows of the given ids, in id
// order (on MySQL; SQLite's immediate transactions hold the database's write
// lock already). It takes them by writing the rows (lock_count + 1), not by
// SELECT ... FOR UPDATE: a Galera cluster replicates and certifies writes
// only, so two transactions on two nodes could both hold a read lock, each
// compute the figures from what it saw, and the later commit overwrite the
// earlier one's figures (found by TestGaleraCluster). Rows written by both
// are a certification conflict: one is rolled back and run again (see
// retry).
func (t *tx) lock(table, column string, ids []int64) error {
	if len(ids) == 0 || t.g.Dialector.Name() != "mysql" {
		return nil
	}
	return t.g.Exec("UPDATE "+table+" SET lock_count = lock_count + 1 WHERE "+column+" IN ? ORDER BY "+column, ids).Error
}

// serviceTotals sums the commitments to each service of clients that have
// not churned.
func serviceTotals(g *gorm.DB, ids []int64) (map[int64]coverage.ServiceTotals, error) {
	var rows []struct {
		ServiceID      int64
		ActiveUnits    int64
		CommittedUnits int
	}
	err := g.Raw(`SELECT c.service_id,
			SUM(CASE WHEN s.lifecycle IN ('LIVE', 'RETIRING') THEN c.capacity_units ELSE 0 END) AS active_units,
			SUM(CASE WHEN s.lifecycle IN ('LIVE', 'RETIRING', 'PLANNED') THEN c.capacity_units ELSE 0 END) AS committed_units
		FROM commitments c
		JOIN services s ON s.id = c.service_id
		JOIN requirements r ON r.id = c.requirement_id
		JOIN objectives o ON o.id = r.objective_id
		JOIN clients cl ON cl.id = o.client_id
		WHERE c.service_id IN ? AND cl.status <> 'CHURNED'
		GROUP BY c.service_id`, ids).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make(map[int64]coverage.ServiceTotals, len(rows))
	for _, r := range rows {
		out[r.ServiceID] = coverage.ServiceTotals{ActiveUnits: r.ActiveUnits, CommittedUnits: r.CommittedUnits}
	}
	return out, nil
}

// refreshServices recomputes the figures of the marked services and marks
// for new cost shares the clients of each whose share base moved.
func (t *tx) refreshServices() error {
	if len(t.services) == 0 {
		return nil
	}
	ids := slices.Sorted(maps.Keys(t.services))
	if err := t.lock("service_figures", "service_id", ids); err != nil {
		return err
	}
	var old []*serviceFigureRow
	if err := t.g.Where("service_id IN ?", ids).Find(&old).Error; err != nil {
		return err
	}
	before := make(map[int64]*serviceFigureRow, len(old))
	for _, r := range old {
		before[r.ServiceID] = r
	}
	var svcs []*serviceRow
	if err := t.g.Where("id IN ?", ids).Find(&svcs).Error; err != nil {
		return err
	}
	totals, err := serviceTotals(t.g, ids)
	if err != nil {
		return err
	}
	var rows []*serviceFigureRow
	var gaps []*gapRow
	var reshare []int64
	for _, r := range svcs {
		sv := r.domain()
		f := coverage.StateOf(sv, totals[sv.ID])
		rows = append(rows, serviceFigureRowOf(sv.ID, &f))
		for _, g := range coverage.ServiceGaps(sv, f) {
			gaps = append(gaps, gapRowOf(g))
		}
		if b := before[sv.ID]; b == nil || b.ActiveUnits != f.ActiveUnits || t.costs[sv.ID] {
			reshare = append(reshare, sv.ID)
		}
	}
	if err := upsert(t.g, rows); err != nil {
		return err
	}
	if err := t.deleteWhere("gap_entries", "id", "service_id IN ? AND client_id IS NULL", ids); err != nil {
		return err
	}
	if err := insert(t.g, gaps); err != nil {
		return err
	}
	if len(reshare) == 0 {
		return nil
	}
	var clients []int64
	err = t.clientsOfRequirements().Joins("JOIN commitments c ON c.requirement_id = r.id").
		Where("c.service_id IN ?", reshare).Pluck("o.client_id", &clients).Error
	for _, id := range clients {
		t.costClients[id] = true
	}
	return err
}

// refreshClients re-evaluates the clients marked for coverage and rewrites
// their figures. The caller holds their locks (see finish).
func (t *tx) refreshClients() error {
	if len(t.touched) == 0 {
		return nil
	}
	ids := slices.Sorted(maps.Keys(t.touched))
	snap, err := loadSnapshot(t.ctx, t.g, ids)
	if err != nil {
		return err
	}
	// The clients that are still there are the snapshot's; the others
	// were removed, and their figures go.
	existing := mapSlice(snap.Clients, func(c *alliance.Client) int64 { return c.ID })
	if gone := slices.DeleteFunc(slices.Clone(ids), func(id int64) bool { return slices.Contains(existing, id) }); len(gone) > 0 {
		if err := t.forget("client_id", gone); err != nil {
			return err
		}
	}
	if len(existing) == 0 {
		return nil
	}
	if snap.Totals, err = storedTotals(t.ctx, t.g, snap.Services); err != nil {
		return err
	}
	e := coverage.Evaluate(snap)
	if err := t.writeClients(existing, rowsOf(e, false)); err != nil {
		return err
	}
	for _, id := range existing {
		delete(t.costClients, id) // their costs are written already
	}
	return t.recordScores(existing, e)
}

// deleteWhere deletes the rows of table that meet cond, found first by a
// plain read and then deleted by key: a DELETE with a condition may scan and
// wait on rows other writers hold, and two such scans deadlock.
func (t *tx) deleteWhere(table, key, cond string, args ...any) error {
	var keys []int64
	if err := t.g.Table(table).Where(cond, args...).Pluck(key, &keys).Error; err != nil {
		return err
	}
	for chunk := range slices.Chunk(keys, maxParams) {
		if err := t.g.Exec("DELETE FROM "+table+" WHERE "+key+" IN ?", idSet(t.g, chunk)).Error; err != nil {
			return err
		}
	}
	return nil
}

// forget removes the figures of removed clients (column client_id) or
// services (service_id): every row whose column names one of ids.
func (t *tx) forget(column string, ids []int64) error {
	tables := serviceTables
	if column == "client_id" {
		tables = append(slices.Clone(clientRowTables), clientOwnTables...)
	}
	for _, table := range tables {
		if err := t.deleteWhere(table.name, table.key, column+" IN ?", ids); err != nil {
			return err
		}
	}
	return nil
}

// storedTotals returns the stored sums of the services: what a snapshot of a
// few clients shares costs with.
func storedTotals(ctx context.Context, g *gorm.DB, svcs []*alliance.Service) (map[int64]coverage.ServiceTotals, error) {
	ids := make([]int64, len(svcs))
	for i, s := range svcs {
		ids[i] = s.ID
	}
	out := make(map[int64]coverage.ServiceTotals, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := findIn[serviceFigureRow](ctx, g, ids, idIn("service_id"))
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ServiceID] = coverage.ServiceTotals{ActiveUnits: r.ActiveUnits, CommittedUnits: r.CommittedUnits}
	}
	return out, nil
}

// refreshCosts recomputes the cost to serve and margin of the clients whose
// cost shares moved and whose coverage did not.
func (t *tx) refreshCosts() error {
	if len(t.costClients) == 0 {
		return nil
	}
	ids := slices.Sorted(maps.Keys(t.costClients)) // locked by finish
	costs, err := clientCosts(t.g, ids)
	if err != nil {
		return err
	}
	return upsert(t.g, costs)
}

// clientCosts computes the cost to serve and margin of clients from their
// active commitments and the stored active units of the services.
func clientCosts(g *gorm.DB, ids []int64) ([]*clientCostRow, error) {
	var clients []*clientRow
	if err := g.Where("id IN ?", ids).Order("id").Find(&clients).Error; err != nil {
		return nil, err
	}
	var shares []struct {
		ClientID    int64
		Units       int64
		ActiveUnits int64
		MonthlyCost decimal.Decimal
	}
	err := g.Raw(`SELECT o.client_id, SUM(c.capacity_units) AS units, f.active_units, s.monthly_cost
		FROM commitments c
		JOIN services s ON s.id = c.service_id
		JOIN service_figures f ON f.service_id = s.id
		JOIN requirements r ON r.id = c.requirement_id
		JOIN objectives o ON o.id = r.objective_id
		WHERE o.client_id IN ? AND s.lifecycle IN ('LIVE', 'RETIRING')
		GROUP BY o.client_id, s.id, f.active_units, s.monthly_cost`, ids).Scan(&shares).Error
	if err != nil {
		return nil, err
	}
	cost := map[int64]*big.Rat{}
	for _, s := range shares {
		if cost[s.ClientID] == nil {
			cost[s.ClientID] = new(big.Rat)
		}
		cost[s.ClientID].Add(cost[s.ClientID], coverage.CostShare(s.MonthlyCost, s.Units, s.ActiveUnits))
	}
	out := make([]*clientCostRow, 0, len(clients))
	for _, c := range clients {
		total := cost[c.ID]
		if total == nil || c.Status == string(alliance.Churned) {
			total = new(big.Rat)
		}
		out = append(out, clientCostRowOf(c.ID, total, coverage.Margin(c.AnnualContractValue, total)))
	}
	return out, nil
}

// RefreshFigures computes every stored figure from the data, from scratch, in
// one transaction, and gives each client without a score history its first
// point. Migrate calls it when the stored figures were computed by other
// rules or not at all.
func (db *DB) RefreshFigures(ctx context.Context) error {
	defer timeFigures(db.observer, "full")()
	return db.write(ctx, func(t *tx) error { return t.refreshAll() })
}

func (t *tx) refreshAll() error {
	snap, err := loadSnapshot(t.ctx, t.g, nil)
	if err != nil {
		return err
	}
	e := coverage.Evaluate(snap)
	rows := rowsOf(e, true)
	for _, table := range append(append(slices.Clone(clientRowTables), clientOwnTables...), serviceTables[0]) {
		if err := t.g.Exec("DELETE FROM " + table.name).Error; err != nil {
			return err
		}
	}
	if err := t.writeRows(rows); err != nil {
		return err
	}
	var unscored []int64
	if err := t.g.Model(&clientRow{}).Where("id NOT IN (?)", t.g.Model(&scorePointRow{}).Select("client_id")).
		Order("id").Pluck("id", &unscored).Error; err != nil {
		return err
	}
	if err := t.recordScores(unscored, e); err != nil {
		return err
	}
	if err := t.g.Exec("DELETE FROM settings WHERE name = 'figures'").Error; err != nil {
		return err
	}
	return t.g.Exec("INSERT INTO settings (name, value) VALUES ('figures', ?)", figuresVersion).Error
}

// figuresCurrent reports whether the stored figures were computed by the
// rules of this program.
func (db *DB) figuresCurrent(ctx context.Context) (bool, error) {
	var v []string
	if err := db.gorm.WithContext(ctx).Raw("SELECT value FROM settings WHERE name = 'figures'").Scan(&v).Error; err != nil {
		return false, err
	}
	return len(v) == 1 && v[0] == figuresVersion, nil
}

// stamp returns now as a score point's time, never before the client's last
// point: a history stays in order even across servers whose clocks disagree.
func stamp(prev *scorePointRow) time.Time {
	at := alliance.Timestamp(time.Now())
	if prev != nil && !at.After(prev.At) {
		at = prev.At.Add(time.Microsecond)
	}
	return at
}
