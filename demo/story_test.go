package demo_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"alliance"
	"alliance/coverage"
	"alliance/db"
	"alliance/db/dbtest"
)

// The clients and services the story at the top of clients.go names.
const (
	riverbend   = "Riverbend Health Partners"
	kestrel     = "Kestrel Freight & Logistics"
	hartley     = "Hartley & Finch LLP"
	cobalt      = "Cobalt Lane Outfitters"
	brandt      = "Brandt Precision Components"
	lumen       = "Lumen Pay"
	harbourside = "Harbourside Hotels Group"

	officeDesk  = "Service Desk — Office Hours"
	ecommerce   = "E-commerce Platform Hosting"
	erp         = "ERP Hosting"
	exchange    = "On-prem Exchange Hosting"
	fileServers = "Legacy File Server Hosting"
	tape        = "Tape Backup (Legacy)"

	webShop  = "Web shop available 99.9% through peak season"
	scanners = "24/7 support for warehouse scanners and printers"
	legacy   = "Legacy matter files on the shared drives"
	archive  = "Seven-year archive of closed matters"
	nordic   = "Expand into the Nordic market"
)

// told is every requirement the story names, with the coverage it gives it.
var told = []struct {
	client, requirement string
	status              coverage.Status
	percent             int
}{
	{riverbend, "Electronic health record available 99.95%", coverage.Covered, 100},
	{hartley, legacy, coverage.Covered, 100},
	{hartley, archive, coverage.Covered, 100},
	{brandt, "Shop-floor PCs patched within 48 hours", coverage.Partial, 60},
	{cobalt, webShop, coverage.UnderDelivered, 0},
	{kestrel, scanners, coverage.Overpromised, 0},
	{lumen, "Passwordless remote access for all staff", coverage.PlannedOnly, 0},
	{brandt, "Supplier remote access through zero trust", coverage.PlannedOnly, 0},
	{riverbend, "Medical devices segmented from the office network", coverage.Gap, 0},
	{kestrel, "Annual disaster recovery test with a written report", coverage.Gap, 0},
	{cobalt, "Quarterly external vulnerability scans", coverage.Gap, 0},
	{lumen, "Transactions recoverable to five minutes", coverage.Gap, 0},
}

// kinds is every kind of gap list entry.
var kinds = []coverage.GapKind{
	coverage.KindGap, coverage.KindPlannedOnly, coverage.KindOverpromised, coverage.KindUnderDelivered,
	coverage.KindPartial, coverage.KindEmptyObjective, coverage.KindOrphanService, coverage.KindOversubscribed,
}

// TestStory loads the demo, evaluates it with the coverage engine and checks
// that it shows what the comment at the top of clients.go says it shows.
func TestStory(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := tell(t, d)

		named := map[int64]bool{}
		for _, w := range told {
			r := s.requirement(w.client, w.requirement)
			named[r.ID] = true
			cov := s.e.Requirements[r.ID]
			if cov.Status != w.status || cov.Percent != w.percent {
				t.Errorf("%s / %q is %s at %d%%%s, want %s at %d%%",
					w.client, w.requirement, cov.Status, cov.Percent, s.shortfalls(cov), w.status, w.percent)
			}
			gs := s.entries(r.ID)
			if w.status != coverage.Covered && !slices.ContainsFunc(gs, func(g coverage.GapEntry) bool { return g.Kind == kindOf(w.status) }) {
				t.Errorf("no %s entry for %s / %q in the gap list; its entries: %s", kindOf(w.status), w.client, w.requirement, list(gs))
			}
		}
		// "COVERED: most requirements": every one the story does not name.
		for _, r := range s.e.Snapshot().Requirements {
			c := s.e.ClientOf(r.ID)
			if cov := s.e.Requirements[r.ID]; !named[r.ID] && c != nil && c.Status != alliance.Churned && cov.Status != coverage.Covered {
				t.Errorf("%s / %q is %s at %d%%%s, and the story does not say so",
					c.Name, r.Title, cov.Status, cov.Percent, s.shortfalls(cov))
			}
		}

		s.holds(hartley, legacy, fileServers, alliance.Retiring, true)
		s.holds(hartley, archive, tape, alliance.Retired, false)
		if sf := s.shortfall(cobalt, webShop, ecommerce, "availability"); sf != nil && (at(sf.Designed) != "99.95" || at(sf.Measured) != "99.2") {
			t.Errorf("%s falls short of %q by design %s, measured %s; want designed 99.95, measured 99.20",
				ecommerce, webShop, at(sf.Designed), at(sf.Measured))
		}
		for metric, designed := range map[string]string{"support_hours": "45", "response_minutes": "30"} {
			if sf := s.shortfall(kestrel, scanners, officeDesk, metric); sf != nil && at(sf.Designed) != designed {
				t.Errorf("%s is designed for %s %s against %q, want %s", officeDesk, at(sf.Designed), metric, scanners, designed)
			}
		}

		for _, k := range kinds {
			if len(s.gaps(k)) == 0 {
				t.Errorf("no %s entry in the gap list: %s", k, list(s.e.Gaps))
			}
		}
		if g := s.only(coverage.KindEmptyObjective); g != nil && g.ObjectiveID != s.objective(cobalt, nordic).ID {
			t.Errorf("the EMPTY_OBJECTIVE entry is %q, want %s / %q", g.Message(), cobalt, nordic)
		}
		if g := s.only(coverage.KindOrphanService); g != nil && g.ServiceID != s.service(exchange).ID {
			t.Errorf("the ORPHAN_SERVICE entry is %q, want %s", g.Message(), exchange)
		}
		if g := s.only(coverage.KindOversubscribed); g != nil {
			sv := s.service(erp)
			f := s.e.Services[sv.ID]
			if g.ServiceID != sv.ID {
				t.Errorf("the OVERSUBSCRIBED entry is %q, want %s", g.Message(), erp)
			}
			if f.CommittedUnits != 11 || sv.Capacity == nil || *sv.Capacity != 8 {
				t.Errorf("%s is committed %d units with capacity %s, want 11 and 8", erp, f.CommittedUnits, at(sv.Capacity))
			}
		}

		h := s.client(harbourside)
		for _, g := range s.e.Gaps {
			if g.ClientID == h.ID || s.e.ClientOf(g.RequirementID) == h {
				t.Errorf("the gap list has an entry about churned %s: %s: %s", harbourside, g.Kind, g.Message())
			}
		}
		t.Logf("%s's own map: %s", harbourside, tally(s.e.Clients[h.ID].StatusCounts))

		counts := s.e.Portfolio.StatusCounts
		for _, st := range coverage.Statuses {
			if counts.Of(st) == 0 {
				t.Errorf("no requirement across the portfolio is %s: %s", st, tally(counts))
			}
		}
		t.Logf("portfolio: %s; %d gap list entries", tally(counts), len(s.e.Gaps))
	})
}

// story is the demo as the coverage engine evaluates it, with lookups by the
// names and titles the story uses.
type story struct {
	t *testing.T
	e *coverage.Evaluation
}

// tell loads the demo into d and evaluates everything in it.
func tell(t *testing.T, d *db.DB) *story {
	t.Helper()
	if _, err := load(t, d); err != nil {
		t.Fatalf("load the demo: %v", err)
	}
	e, err := d.Evaluation(context.Background())
	if err != nil {
		t.Fatalf("evaluate the demo: %v", err)
	}
	return &story{t: t, e: e}
}

// one returns the single item that matches, failing t unless there is
// exactly one.
func one[T any](t *testing.T, what string, items []T, match func(T) bool) T {
	t.Helper()
	var found []T
	for _, x := range items {
		if match(x) {
			found = append(found, x)
		}
	}
	if len(found) != 1 {
		t.Fatalf("the demo has %d %s, want exactly 1", len(found), what)
	}
	return found[0]
}

func (s *story) client(name string) *alliance.Client {
	s.t.Helper()
	return one(s.t, "clients named "+name, s.e.Snapshot().Clients,
		func(c *alliance.Client) bool { return c.Name == name })
}

func (s *story) objective(client, title string) *alliance.Objective {
	s.t.Helper()
	c := s.client(client)
	return one(s.t, fmt.Sprintf("objectives of %s titled %q", client, title), s.e.Snapshot().Objectives,
		func(o *alliance.Objective) bool { return o.ClientID == c.ID && o.Title == title })
}

func (s *story) requirement(client, title string) *alliance.Requirement {
	s.t.Helper()
	c := s.client(client)
	return one(s.t, fmt.Sprintf("requirements of %s titled %q", client, title), s.e.Snapshot().Requirements,
		func(r *alliance.Requirement) bool { return r.Title == title && s.e.ClientOf(r.ID) == c })
}

func (s *story) service(name string) *alliance.Service {
	s.t.Helper()
	return one(s.t, "services named "+name, s.e.Snapshot().Services,
		func(sv *alliance.Service) bool { return sv.Name == name })
}

// holds checks that the commitment of a requirement to a service of the
// given lifecycle holds, or does not.
func (s *story) holds(client, requirement, service string, lifecycle alliance.Lifecycle, want bool) {
	s.t.Helper()
	r, sv := s.requirement(client, requirement), s.service(service)
	c := one(s.t, fmt.Sprintf("commitments of %s / %q to %s", client, requirement, service), s.e.Snapshot().Commitments,
		func(c *alliance.Commitment) bool { return c.RequirementID == r.ID && c.ServiceID == sv.ID })
	if sv.Lifecycle != lifecycle {
		s.t.Errorf("%s is %s, want %s", service, sv.Lifecycle, lifecycle)
	}
	if got := s.e.Holds[c.ID]; got != want {
		s.t.Errorf("the commitment of %s / %q to %s (%s) holds: %v, want %v", client, requirement, service, sv.Lifecycle, got, want)
	}
}

// shortfall returns the shortfall of a requirement on one metric of a
// service, or nil after failing the test.
func (s *story) shortfall(client, requirement, service, metric string) *coverage.Shortfall {
	s.t.Helper()
	r, sv := s.requirement(client, requirement), s.service(service)
	cov := s.e.Requirements[r.ID]
	for i, sf := range cov.Shortfalls {
		if sf.ServiceID == sv.ID && sf.Metric == metric {
			return &cov.Shortfalls[i]
		}
	}
	s.t.Errorf("%s / %q has no shortfall of %s on %s%s", client, requirement, service, metric, s.shortfalls(cov))
	return nil
}

// shortfalls writes the shortfalls of a coverage for a failure message.
func (s *story) shortfalls(cov coverage.Coverage) string {
	var out []string
	for _, sf := range cov.Shortfalls {
		sv := one(s.t, "services of a shortfall", s.e.Snapshot().Services, func(sv *alliance.Service) bool { return sv.ID == sf.ServiceID })
		out = append(out, fmt.Sprintf("%s %s: required %s, designed %s, measured %s",
			sv.Name, sf.Metric, at(&sf.Required), at(sf.Designed), at(sf.Measured)))
	}
	if len(out) == 0 {
		return ""
	}
	return " (shortfalls: " + strings.Join(out, "; ") + ")"
}

func (s *story) gaps(kind coverage.GapKind) []coverage.GapEntry {
	return coverage.FilterGaps(s.e.Gaps, []coverage.GapKind{kind}, 0)
}

// only returns the single entry of a kind, or nil after failing the test.
func (s *story) only(kind coverage.GapKind) *coverage.GapEntry {
	s.t.Helper()
	gs := s.gaps(kind)
	if len(gs) != 1 {
		s.t.Errorf("%d %s entries in the gap list, want 1: %s", len(gs), kind, list(gs))
		return nil
	}
	return &gs[0]
}

// entries returns the gap list entries about a requirement.
func (s *story) entries(requirementID int64) []coverage.GapEntry {
	var gs []coverage.GapEntry
	for _, g := range s.e.Gaps {
		if g.RequirementID == requirementID {
			gs = append(gs, g)
		}
	}
	return gs
}

// kindOf is the kind of gap entry a requirement status makes.
func kindOf(st coverage.Status) coverage.GapKind {
	if st == coverage.PlannedOnly {
		return coverage.KindPlannedOnly
	}
	return coverage.GapKind(st)
}

func list(gs []coverage.GapEntry) string {
	if len(gs) == 0 {
		return "none"
	}
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = fmt.Sprintf("%s: %s", g.Kind, g.Message())
	}
	return strings.Join(out, " | ")
}

func tally(c coverage.Counts) string {
	out := make([]string, len(coverage.Statuses))
	for i, st := range coverage.Statuses {
		out[i] = fmt.Sprintf("%s %d", st, c.Of(st))
	}
	return strings.Join(out, ", ")
}

// at writes a number that may be missing.
func at[N int | float64](v *N) string {
	if v == nil {
		return "none"
	}
	return coverage.Number(float64(*v))
}
