package graph_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
	"alliance/graph"
)

// portfolio writes n clients, each with two objectives of two requirements,
// every requirement committed to two of 20 services that carry designed levels
// and measurements.
func portfolio(t *testing.T, d *db.DB, n int) {
	t.Helper()
	ctx := context.Background()
	err := d.Atomically(ctx, func(ctx context.Context) error {
		var services []int64
		for i := 0; i < 20; i++ {
			cost := decimal.NewFromInt(int64(1000 + i))
			s, err := d.CreateService(ctx, alliance.ServiceInput{Name: fmt.Sprintf("Service %02d", i), MonthlyCost: &cost,
				DesignedLevels: []alliance.Level{{Metric: "availability", Value: 99.9}, {Metric: "response_minutes", Value: 30}}})
			if err != nil {
				return err
			}
			for m := 0; m < 4; m++ {
				start := time.Date(2026, time.Month(m+1), 1, 0, 0, 0, 0, time.UTC)
				if _, err := d.RecordMeasurement(ctx, alliance.MeasurementInput{ServiceID: s.ID, Metric: "availability",
					Value: 99.95, PeriodStart: start, PeriodEnd: start.AddDate(0, 1, 0)}); err != nil {
					return err
				}
			}
			services = append(services, s.ID)
		}
		for i := 0; i < n; i++ {
			c, err := d.CreateClient(ctx, alliance.ClientInput{Name: fmt.Sprintf("Client %04d", i)})
			if err != nil {
				return err
			}
			for j := 0; j < 2; j++ {
				o, err := d.CreateObjective(ctx, alliance.ObjectiveInput{ClientID: c.ID, Title: fmt.Sprintf("Objective %d", j)})
				if err != nil {
					return err
				}
				for k := 0; k < 2; k++ {
					r, err := d.CreateRequirement(ctx, alliance.RequirementInput{ObjectiveID: o.ID, Title: fmt.Sprintf("Requirement %d", k),
						Targets: []alliance.Level{{Metric: "availability", Value: 99.5}}})
					if err != nil {
						return err
					}
					for _, s := range []int64{services[(i+k)%20], services[(i+k+7)%20]} {
						if _, err := d.CreateCommitment(ctx, alliance.CommitmentInput{RequirementID: r.ID, ServiceID: s}); err != nil {
							return err
						}
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Deep queries through every nested path: down from clients, and from
// services back up to every client.
const (
	deepFromClients = `{ clients(first: 100) { totalCount nodes { name objectives { title client { name }
		requirements { title targets { value metric { name } } objective { title }
		commitments { coveragePercent requirement { title } service { name designedLevels { value metric { key } }
			measurements(last: 3) { value metric { key } } } } } } } } }`
	deepFromServices = `{ services(first: 100) { totalCount nodes { name commitments { service { name }
		requirement { title objective { title client { name objectives { title requirements { title } } } } } } } } }`
)

// The queries, in the order they run: the first whole-portfolio answer
// evaluates the portfolio, the next ones find it cached.
var queryNames = []string{"from clients", "from services", "gaps", "portfolio", "impact", "requirements", "clients by score", "stale evidence",
	"stale filter", "stale list"}

var queries = map[string]string{
	"from clients":  deepFromClients,
	"from services": deepFromServices,
	"gaps": `query($internal: Boolean = true) { gaps(first: 100) { totalCount nodes { kind message client { name score } objective { title }
		requirement { title coverage { status percent shortfalls { service { name } metric { key } } } } service { name orphan @include(if: $internal) } } } }`,
	"portfolio": `query($internal: Boolean = true) { portfolio { score statusCounts { status count } annualContractValue
		... @include(if: $internal) { monthlyServiceCost orphanMonthlyCost } } }`,
	"impact": `query($internal: Boolean = true) { impact(serviceId: "1") @include(if: $internal) { service { name } revenueAtRisk requirements { before after requirement { title objective { client { name } } } }
		clients { before after client { name monthlyMargin } } } }`,
	"requirements": `query($internal: Boolean = true) { requirements(first: 100, filter: {status: [COVERED, GAP], priority: [MUST]}) { totalCount
		nodes { title coverage { status } commitments { holds service { ... @include(if: $internal) { committedUnits oversubscribed } } } } } }`,
	"clients by score": `query($internal: Boolean = true) { clients(first: 100, orderBy: {field: SCORE, direction: DESC}) { totalCount
		nodes { name score ... @include(if: $internal) { monthlyCostToServe monthlyMargin } statusCounts { status count } scoreHistory { at score } objectives { score } } } }`,
	"stale evidence": `{ portfolio { staleCommitments } clients(first: 100) { totalCount nodes { name staleCommitments objectives { requirements {
		commitments { evidence { judged latestAt stale reason metrics { metric { key name } latestAt freshnessDays stale staleSince } }
			review { needed } service { name } } } } } } }`,
	// Apart: two root fields that read the same commitments' evidence
	// race for the loaders' caches (the look-ahead of the second finds the
	// keys read and leaves the rest to the loaders' waits).
	"stale filter": `{ requirements(first: 100, filter: { staleEvidence: true }) { totalCount nodes { title commitments { evidence { stale reason } } } } }`,
	"stale list": `{ commitmentsWithStaleEvidence(first: 100) { totalCount nodes { id evidence { stale reason metrics { metric { name } staleSince } }
		review { needed reason } service { name lifecycle } requirement { title priority objective { client { name } } } } }
		commitmentsToReview(first: 100) { totalCount nodes { id evidence { stale } service { name } requirement { title objective { client { name } } } } } }`,
}

func TestStatementsDoNotGrowWithRows(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, _ *db.DB) {
		dialect := t.Name()[len(t.Name())-len("sqlite"):]
		if dialect != db.SQLite {
			dialect = db.MySQL
		}
		// An admin sees everything; a viewer limited to the first client
		// sees its map and the catalog, through predicates in the same
		// queries.
		limited := &alliance.Principal{Name: "limited", Role: alliance.Viewer, ClientID: new(int64(1))}
		for _, who := range []*alliance.Principal{tester, limited} {
			counts := map[int]map[string]int64{}
			for _, n := range []int{10, 300} {
				d := dbtest.Open(t, dialect)
				portfolio(t, d, n)
				srv := httptest.NewServer(as(who, graph.NewHandler(d, graph.Options{Limits: graph.Limits{MaxCost: 1 << 30, CostPerSecond: -1}})))
				a := &api{t: t, url: srv.URL, db: d}
				counts[n] = map[string]int64{}
				for _, name := range queryNames {
					q := queries[name]
					var out struct {
						Clients  *struct{ TotalCount int }
						Services *struct{ TotalCount int }
					}
					before := d.Statements()
					// A client portal leaves out what it may not read.
					a.ok(q, map[string]any{"internal": who != limited}, &out)
					counts[n][name] = d.Statements() - before
					if want := n; out.Clients != nil && who == tester && out.Clients.TotalCount != want {
						t.Fatalf("totalCount %d, want %d", out.Clients.TotalCount, want)
					}
					if out.Clients != nil && who == limited && out.Clients.TotalCount != 1 {
						t.Fatalf("a client-limited viewer counts %d clients", out.Clients.TotalCount)
					}
				}
				srv.Close()
			}
			for _, name := range queryNames {
				small, large := counts[10][name], counts[300][name]
				t.Logf("%s, %s: %d statements over 10 clients, %d over 300", who.Name, name, small, large)
				// Never more over 300 clients than over 10 (fewer is possible:
				// the small portfolio leaves some services orphan, and the gap
				// list then reads them too).
				if large > small || large > 25 {
					t.Errorf("%s, %s: %d statements over 10 clients but %d over 300", who.Name, name, small, large)
				}
				// Stale evidence is judged from now, in the same statements
				// at every size (every service of both portfolios is
				// served, so there is no orphan to tell them apart).
				if strings.HasPrefix(name, "stale") && large != small {
					t.Errorf("%s, %s: %d statements over 10 clients, %d over 300: want the same", who.Name, name, small, large)
				}
			}
		}
	})
}

// mapQuery is a client's whole map, as the web app asks for it.
const mapQuery = `query($id: ID!) { client(id: $id) { id name score gapCount statusCounts { status count }
	objectives { id title score requirements { id title targets { metric { key unit } value }
		coverage { status percent shortfalls { service { id name } metric { key } required designed measured } }
		commitments { id holds service { id name lifecycle } } } } } }`

// The look-ahead reads each service and metric of a map once: the services
// of the shortfalls are among those of the commitments, and the metrics of
// the shortfalls among those of the targets, so reading the coverage after
// them reads no more (twelve statements: the client and its figures, the
// objectives and theirs, the requirements and their targets, the targets'
// metrics, the coverage, the commitments, whether they hold, the services
// and their designed levels).
func TestMapReadsEachServiceOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		portfolio(t, d, 3)
		ctx := alliance.WithActor(context.Background(), "test")
		// A target no service is designed for: every commitment to it
		// falls short.
		r, err := d.CreateRequirement(ctx, alliance.RequirementInput{ObjectiveID: 1, Title: "Five nines",
			Targets: []alliance.Level{{Metric: "availability", Value: 99.999}}})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []int64{1, 2} {
			if _, err := d.CreateCommitment(ctx, alliance.CommitmentInput{RequirementID: r.ID, ServiceID: s}); err != nil {
				t.Fatal(err)
			}
		}
		srv := httptest.NewServer(as(tester, graph.NewHandler(d, graph.Options{Limits: graph.Limits{MaxCost: 1 << 30, CostPerSecond: -1}})))
		defer srv.Close()
		a := &api{t: t, url: srv.URL, db: d}
		a.ok(`{ metrics { key } }`, nil, nil) // the token is looked up and cached
		var out struct {
			Client struct {
				Objectives []struct {
					Requirements []struct {
						Coverage struct {
							Shortfalls []struct{ Service struct{ Name string } }
						}
					}
				}
			}
		}
		before := d.Statements()
		a.ok(mapQuery, map[string]any{"id": "1"}, &out)
		shortfalls := 0
		for _, o := range out.Client.Objectives {
			for _, r := range o.Requirements {
				shortfalls += len(r.Coverage.Shortfalls)
			}
		}
		if n := d.Statements() - before; n != 12 || shortfalls == 0 {
			t.Fatalf("%d statements for a map with %d shortfalls, want 12", n, shortfalls)
		}
	})
}
