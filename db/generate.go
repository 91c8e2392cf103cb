package db

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"alliance"
)

// MaxGenerateClients bounds GenerateOptions.Clients: the portfolio is built
// in memory before it is written (some 250 MB at this size).
const MaxGenerateClients = 10_000

// GenerateOptions say what Generate makes.
type GenerateOptions struct {
	// Clients is the size N: N clients, 5N objectives, 50N requirements,
	// 2N services, 100N measurements and about 200N commitments.
	Clients int
	// Seed picks the portfolio: the same Clients, Seed and month of Now give
	// the same rows.
	Seed uint64
	// Now anchors the dates (zero: the current time). The latest
	// measurements end on the first of the month that was current a day
	// before Now, UTC; everything else was created before that.
	Now time.Time
}

// GenerateSummary counts what Generate wrote and says how long it took.
type GenerateSummary struct {
	Clients        int `json:"clients"`
	Objectives     int `json:"objectives"`
	Requirements   int `json:"requirements"`
	Targets        int `json:"targets"`
	Services       int `json:"services"`
	DesignedLevels int `json:"designedLevels"`
	Commitments    int `json:"commitments"`
	Measurements   int `json:"measurements"`
	// Write is how long planning and writing the rows took; Figures how long
	// RefreshFigures took after them.
	Write   time.Duration `json:"-"`
	Figures time.Duration `json:"-"`
}

// The placeholders of one INSERT of Generate. MySQL accepts 65,535 and is
// fastest with large batches. SQLite accepts 32,766, but its driver binds
// each placeholder by scanning the arguments (time quadratic in their
// number): small batches are several times faster there.
const (
	generateParamsMySQL  = 30_000
	generateParamsSQLite = 800
)

// progressEvery is how often Generate reports progress, at most, besides
// the end of each table.
const progressEvery = time.Second

// Generate fills an empty database with a synthetic portfolio shaped like
// the demo at a scale: N clients (a few ten times the median, some
// prospects and churned), their objectives and requirements with targets on
// the six metrics of the seeded catalog, a catalog of services (a few used
// by most clients, a long tail used by few; every lifecycle; some with a
// capacity), commitments and weekly measurements. Every coverage status and
// every kind of gap occurs from N = 10 on. The rows depend only on opt: the
// same options give the same rows.
//
// It refuses a database that holds any client, service, objective,
// requirement, commitment or measurement (CONFLICT, naming what is there),
// and writes nothing then. The rows go in by batches in one transaction,
// with one audit entry for the whole portfolio and every stored figure.
// progress (which may be nil) receives a line now and then.
func (db *DB) Generate(ctx context.Context, opt GenerateOptions, progress func(string)) (*GenerateSummary, error) {
	if opt.Clients < 1 || opt.Clients > MaxGenerateClients {
		return nil, alliance.Invalidf("clients", "the number of clients must be from 1 to %d (got %d)", MaxGenerateClients, opt.Clients)
	}
	if progress == nil {
		progress = func(string) {}
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	start := time.Now()
	var sum *GenerateSummary
	err := db.write(ctx, func(t *tx) error {
		if err := t.refuseUnlessEmpty(); err != nil {
			return err
		}
		if err := t.checkGenerateMetrics(); err != nil {
			return err
		}
		progress(fmt.Sprintf("generate: planning %d clients (seed %d)", opt.Clients, opt.Seed))
		p := newPlan(opt.Clients, opt.Seed, anchorOf(opt.Now))
		sum = p.summary()
		if err := t.insertPlan(p, &meter{report: progress}); err != nil {
			return err
		}
		if err := t.audit(alliance.ActionCreate, "Portfolio", "generated", 0, nil, map[string]any{
			"generated": "synthetic portfolio", "clients": opt.Clients, "seed": opt.Seed, "counts": sum,
		}); err != nil {
			return err
		}
		// The figures are computed in the same transaction: a portfolio
		// is never left without them.
		sum.Write = time.Since(start)
		progress("generate: computing the stored figures")
		figures := time.Now()
		if err := t.refreshAll(); err != nil {
			return fmt.Errorf("compute the stored figures: %w", err)
		}
		sum.Figures = time.Since(figures)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return sum, nil
}

func (p *plan) summary() *GenerateSummary {
	return &GenerateSummary{
		Clients: len(p.clients), Objectives: len(p.objectives), Requirements: len(p.requirements),
		Targets: len(p.targets), Services: len(p.services), DesignedLevels: len(p.levels),
		Commitments: len(p.commitments), Measurements: len(p.measurements),
	}
}

// portfolioTables are the tables that must be empty for Generate, with
// what their rows are called.
var portfolioTables = []struct{ table, noun string }{
	{"clients", "client"}, {"services", "service"}, {"objectives", "objective"},
	{"requirements", "requirement"}, {"commitments", "commitment"}, {"measurements", "measurement"},
}

// refuseUnlessEmpty returns a CONFLICT naming what the database holds, if
// it holds any part of a portfolio.
func (t *tx) refuseUnlessEmpty() error {
	held, err := t.held()
	if err != nil || len(held) == 0 {
		return err
	}
	return alliance.Errorf(alliance.ECONFLICT, "the database is not empty (it holds %s); a portfolio is generated into an empty database only", strings.Join(held, ", "))
}

// held says what part of a portfolio the database holds ("3 clients"), if
// any.
func (t *tx) held() ([]string, error) {
	var held []string
	for _, pt := range portfolioTables {
		var n int64
		if err := t.g.Table(pt.table).Count(&n).Error; err != nil {
			return nil, err
		}
		if n > 0 {
			noun := pt.noun
			if n > 1 {
				noun += "s"
			}
			held = append(held, fmt.Sprintf("%d %s", n, noun))
		}
	}
	return held, nil
}

// checkGenerateMetrics makes sure the catalog holds the metrics that
// generated targets and designs use, with the directions the generator
// assumes.
func (t *tx) checkGenerateMetrics() error {
	var rows []*metricRow
	if err := t.g.Find(&rows).Error; err != nil {
		return err
	}
	have := map[string]alliance.Direction{}
	for _, r := range rows {
		have[r.MetricKey] = alliance.Direction(r.Direction)
	}
	for _, m := range genMetrics {
		switch got, ok := have[m.key]; {
		case !ok:
			return fmt.Errorf("the metric catalog lacks %q, which migration 00001 seeds and generated portfolios use", m.key)
		case got != m.direction:
			return fmt.Errorf("metric %q is %s in the catalog; generated portfolios need it %s", m.key, got, m.direction)
		}
	}
	return nil
}

// insertPlan writes every row of p, parents first.
func (t *tx) insertPlan(p *plan, m *meter) error {
	g := t.g.Session(&gorm.Session{Logger: &batchLogger{t.g.Logger}})
	for _, step := range []func() error{
		func() error { return insertRows(g, m, "clients", p.clients) },
		func() error { return insertRows(g, m, "objectives", p.objectives) },
		func() error { return insertRows(g, m, "requirements", p.requirements) },
		func() error { return insertRows(g, m, "targets", p.targets) },
		func() error { return insertRows(g, m, "services", p.services) },
		func() error { return insertRows(g, m, "designed levels", p.levels) },
		func() error { return insertRows(g, m, "commitments", p.commitments) },
		func() error { return insertRows(g, m, "measurements", p.measurements) },
	} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// insertRows writes rows by batches of multi-row INSERTs, each with at most
// the dialect's generateParams placeholders, reporting progress.
func insertRows[R any](g *gorm.DB, m *meter, what string, rows []R) error {
	stmt := &gorm.Statement{DB: g}
	if err := stmt.Parse(new(R)); err != nil {
		return err
	}
	params := generateParamsMySQL
	if g.Dialector.Name() == SQLite {
		params = generateParamsSQLite
	}
	size := params / len(stmt.Schema.DBNames)
	for start := 0; start < len(rows); start += size {
		end := min(start+size, len(rows))
		if err := g.Create(rows[start:end]).Error; err != nil {
			return fmt.Errorf("generate: insert %s %d to %d: %w", what, start+1, end, err)
		}
		m.step(what, end, len(rows))
	}
	return nil
}

// meter reports the progress of inserts: at the end of each table, and in
// between at most every progressEvery.
type meter struct {
	report func(string)
	last   time.Time
}

func (m *meter) step(what string, done, total int) {
	if done < total && time.Since(m.last) < progressEvery {
		return
	}
	m.last = time.Now()
	m.report(fmt.Sprintf("generate: %s %d/%d", what, done, total))
}

// batchLogger is the logger of Generate's inserts: it passes everything to
// the DB's logger but the text of statements, which for a batch runs to
// thousands of rows; a slow or failed batch is logged with its row count.
type batchLogger struct{ logger.Interface }

func (l *batchLogger) LogMode(logger.LogLevel) logger.Interface { return l }

func (l *batchLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	l.Interface.Trace(ctx, begin, func() (string, int64) {
		_, rows := fc()
		return "(a batch insert of generate)", rows
	}, err)
}
