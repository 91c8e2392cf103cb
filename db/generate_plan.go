package db

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"alliance"
	"alliance/coverage"
)

// The size of a generated portfolio, per client.
const (
	objectivesPerClient   = 5
	requirementsPerClient = 50
	servicesPerClient     = 2
	commitmentsPerClient  = 200
	measurementsPerClient = 100
)

// bigClientWeight is how many times the median client the largest clients
// (one in a hundred, at least one) are.
const bigClientWeight = 12

// targetRow is a row of requirement_targets.
type targetRow struct {
	RequirementID int64
	MetricKey     string
	Value         float64
}

func (targetRow) TableName() string { return targetsTable.table }

// designedRow is a row of service_levels.
type designedRow struct {
	ServiceID int64
	MetricKey string
	Value     float64
}

func (designedRow) TableName() string { return designedTable.table }

// plan is a generated portfolio, in rows ready to insert. Every id is set:
// the rows go into an empty database.
type plan struct {
	clients      []clientRow
	objectives   []objectiveRow
	requirements []requirementRow
	targets      []targetRow
	services     []serviceRow
	levels       []designedRow
	commitments  []commitmentRow
	measurements []measurementRow
	// statuses are the statuses the requirements are built to have, by id
	// (from 1).
	statuses []coverage.Status
}

// genService is a service of the generated catalog as the planner sees it.
type genService struct {
	row       *serviceRow
	rank      int // 0 is the most used
	tmpl      *serviceTemplate
	levels    []*genLevel // in the catalog's metric order
	orphan    bool        // kept out of every commitment
	weight    float64     // popularity
	units     int         // capacity units of active and planned commitments that count
	lifecycle alliance.Lifecycle
}

// genLevel is a designed level of a service and the measurements behind it.
type genLevel struct {
	metric   *metricSpec
	step     int  // on the metric's ladder
	measured bool // has measurements
	bad      bool // the latest measurement misses the design
	stale    int  // weeks the measurements stop before the anchor
	count    int  // how many measurements
	latest   float64
}

func (l *genLevel) value() float64 { return l.metric.ladder[l.step] }

func (s *genService) active() bool { return coverage.Active(s.lifecycle) }

func (s *genService) level(m *metricSpec) *genLevel {
	for _, l := range s.levels {
		if l.metric == m {
			return l
		}
	}
	return nil
}

// genTarget is a target of a requirement: a step on a metric's ladder.
type genTarget struct {
	metric *metricSpec
	step   int
}

func (t genTarget) value() float64 { return t.metric.ladder[t.step] }

// class is what a commitment of a service to a requirement counts as under
// the coverage rules.
type class int

const (
	holds         class = iota // active, meets design and delivers
	underDelivers              // active, meets design, does not deliver
	fallsShort                 // active, does not meet design
	plannedOnly                // the service is PLANNED
	ignoredClass               // the service is RETIRED
)

// classOf judges a commitment of s to a requirement with these targets, by
// the rules of coverage.md (the latest measurement of a metric is the one
// the planner generated last).
func classOf(s *genService, targets []genTarget) class {
	switch {
	case s.lifecycle == alliance.Retired:
		return ignoredClass
	case s.lifecycle == alliance.Planned:
		return plannedOnly
	}
	meets, delivers := true, true
	for _, t := range targets {
		l := s.level(t.metric)
		if l == nil || !t.metric.meets(l.value(), t.value()) {
			meets = false
		}
		if l != nil && l.measured && !t.metric.meets(l.latest, t.value()) {
			delivers = false
		}
	}
	switch {
	case !meets:
		return fallsShort
	case !delivers:
		return underDelivers
	}
	return holds
}

// allowed reports whether a commitment of class c leaves a requirement of
// the status with that status.
func allowed(status coverage.Status, c class) bool {
	switch status {
	case coverage.UnderDelivered:
		return c != holds
	case coverage.Overpromised:
		return c != holds && c != underDelivers
	case coverage.PlannedOnly:
		return c == plannedOnly || c == ignoredClass
	case coverage.Gap:
		return c == ignoredClass
	}
	return true // COVERED and PARTIAL are set by the percents of the holding ones
}

// genClient is a client as the planner sees it.
type genClient struct {
	row    *clientRow
	weight float64
}

func (c *genClient) counts() bool { return c.row.Status != string(alliance.Churned) }

// genRequirement is a requirement as the planner sees it: the status it is
// built to have, its targets and the services committed to it.
type genRequirement struct {
	id      int64
	created time.Time
	client  *genClient
	status  coverage.Status
	targets []genTarget
	picks   []*genService
}

// statusMix is how often each status is planned, and how many commitments
// a requirement of that status carries, relatively.
var statusMix = []struct {
	status      coverage.Status
	share       float64
	commitments float64
}{
	{coverage.Covered, 0.58, 4.7},
	{coverage.Partial, 0.12, 4.2},
	{coverage.UnderDelivered, 0.08, 3.4},
	{coverage.Overpromised, 0.08, 3.2},
	{coverage.PlannedOnly, 0.05, 2.0},
	{coverage.Gap, 0.09, 0.6},
}

// planner builds a plan from one random stream, in a fixed order: the same
// size, seed and anchor give the same plan.
type planner struct {
	rng    *rand.Rand
	n      int
	anchor time.Time
	out    *plan

	services []*genService
	global   *sampler   // every service that may be committed, by popularity
	byMetric []*sampler // the same, designed for each metric of genMetrics
	notLive  *sampler   // PLANNED and RETIRED services
	retired  *sampler

	clients      []*genClient
	requirements []*genRequirement
}

// newPlan plans a portfolio of n clients from seed. Dates are anchored on
// anchor: the latest measurements end there, everything else was created
// before it.
func newPlan(n int, seed uint64, anchor time.Time) *plan {
	p := &planner{
		rng:    rand.New(rand.NewPCG(seed, 0x616c6c69616e6365)), // "alliance"
		n:      n,
		anchor: anchor,
		out:    &plan{},
	}
	p.planServices()
	p.planMeasurements()
	p.makeSamplers()
	p.planClients()
	p.planObjectivesAndRequirements()
	p.planCommitments()
	p.planCapacities()
	return p.out
}

// anchorOf is the anchor of a portfolio generated at now: the first of the
// month that was current a day before now (UTC), so that every generated
// time is in the past.
func anchorOf(now time.Time) time.Time {
	d := now.UTC().Add(-24 * time.Hour)
	return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// Random helpers.

func (p *planner) chance(prob float64) bool { return p.rng.Float64() < prob }

// between returns a uniform value in [lo, hi).
func (p *planner) between(lo, hi float64) float64 { return lo + (hi-lo)*p.rng.Float64() }

func pickOf[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// daysBefore is a time of day some days before the anchor.
func (p *planner) daysBefore(lo, hi int) time.Time {
	return p.anchor.AddDate(0, 0, -(lo + p.rng.IntN(hi-lo+1))).Add(time.Duration(p.rng.IntN(86400)) * time.Second)
}

// later is a time up to days after t, and an hour before the anchor at the
// latest.
func (p *planner) later(t time.Time, days int) time.Time {
	t = t.Add(time.Duration(p.rng.IntN(days*86400+1)) * time.Second)
	if limit := p.anchor.Add(-time.Hour); t.After(limit) {
		return limit
	}
	return t
}

func (p *planner) person() string { return pickOf(p.rng, firstNames) + " " + pickOf(p.rng, lastNames) }

// money is an amount of about v with random cents.
func (p *planner) money(v float64) decimal.Decimal {
	return decimal.New(int64(v)*100+int64(p.rng.IntN(100)), -2)
}

// priority draws a priority: MUST, SHOULD or COULD with the given weights
// out of 100 for the first two.
func (p *planner) priority(must, should int) string {
	switch x := p.rng.IntN(100); {
	case x < must:
		return string(alliance.Must)
	case x < must+should:
		return string(alliance.Should)
	}
	return string(alliance.Could)
}

// apportion splits total into whole parts in proportion to weights, each at
// least least (largest remainders first, ties to the earlier part).
func apportion(total int, weights []float64, least int) []int {
	out := make([]int, len(weights))
	if len(weights) == 0 {
		return out
	}
	rest := max(0, total-least*len(weights))
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	type remainder struct {
		i int
		f float64
	}
	rems := make([]remainder, len(weights))
	given := 0
	for i, w := range weights {
		exact := float64(rest) * w / sum
		whole := int(math.Floor(exact))
		out[i] = least + whole
		given += whole
		rems[i] = remainder{i, exact - float64(whole)}
	}
	slices.SortStableFunc(rems, func(a, b remainder) int { return cmp.Compare(b.f, a.f) })
	for j := 0; given < rest; j++ {
		out[rems[j%len(rems)].i]++
		given++
	}
	return out
}

// sampler draws services in proportion to their popularity.
type sampler struct {
	items []*genService
	cum   []float64
}

func newSampler(all []*genService, keep func(*genService) bool) *sampler {
	s := &sampler{}
	total := 0.0
	for _, sv := range all {
		if keep(sv) {
			total += sv.weight
			s.items = append(s.items, sv)
			s.cum = append(s.cum, total)
		}
	}
	return s
}

// pick draws a service, or nil when the sampler has none.
func (s *sampler) pick(r *rand.Rand) *genService {
	if len(s.items) == 0 {
		return nil
	}
	x := r.Float64() * s.cum[len(s.cum)-1]
	i := sort.Search(len(s.cum), func(i int) bool { return s.cum[i] > x })
	return s.items[min(i, len(s.items)-1)]
}

// find draws services until one satisfies ok; after a few misses it takes
// the most popular one that does. nil when none does.
func (s *sampler) find(r *rand.Rand, ok func(*genService) bool) *genService {
	for range 40 {
		if sv := s.pick(r); sv != nil && ok(sv) {
			return sv
		}
	}
	for _, sv := range s.items {
		if ok(sv) {
			return sv
		}
	}
	return nil
}

// The catalog.

// planServices makes the service catalog: the first instance of every
// template first (the most used services), then a long tail of instances
// at other sites, each designed a step tighter or looser.
func (p *planner) planServices() {
	total := servicesPerClient * p.n
	names := map[string]bool{}
	for i := range total {
		flagship := i < len(serviceTemplates)
		tmpl := &serviceTemplates[i%len(serviceTemplates)]
		if !flagship {
			tmpl = &serviceTemplates[p.rng.IntN(len(serviceTemplates))]
		}
		s := &genService{rank: i, tmpl: tmpl, weight: 1 / math.Pow(float64(i+1), 1.1), lifecycle: alliance.Live}
		switch {
		case !flagship:
			s.lifecycle = p.tailLifecycle()
		case firstLifecycles[tmpl.name] != "":
			s.lifecycle = firstLifecycles[tmpl.name]
		}
		for _, tl := range tmpl.levels {
			m := genMetrics[tl.metric]
			step := tl.step
			if !flagship {
				step = min(max(step+pickOf(p.rng, []int{-1, 0, 0, 0, 1}), 0), len(m.ladder)-1)
			}
			s.levels = append(s.levels, &genLevel{metric: m, step: step})
		}
		cost := tmpl.cost * p.between(0.5, 1.5)
		if flagship {
			cost *= 1.8
		}
		s.row = &serviceRow{
			ID: int64(i + 1), Name: p.serviceName(tmpl, names), Description: &tmpl.description,
			OwnerTeam: &tmpl.team, MonthlyCost: p.money(cost), CreatedAt: p.daysBefore(60, 3000),
		}
		p.services = append(p.services, s)
	}
	p.ensureLifecycles()
	p.chooseOrphans()
	for _, s := range p.services {
		if s.lifecycle == alliance.Retired && p.chance(0.4) {
			s.row.MonthlyCost = decimal.New(0, -2)
		}
		if s.lifecycle == alliance.Planned {
			s.row.CreatedAt = p.daysBefore(10, 200)
		}
		s.row.Lifecycle = string(s.lifecycle)
		s.row.NameKey = alliance.NameKey(s.row.Name)
		s.row.UpdatedAt = p.later(s.row.CreatedAt, 90)
	}
}

// tailLifecycle draws the lifecycle of a service of the long tail.
func (p *planner) tailLifecycle() alliance.Lifecycle {
	switch x := p.rng.Float64(); {
	case x < 0.72:
		return alliance.Live
	case x < 0.81:
		return alliance.Retiring
	case x < 0.91:
		return alliance.Planned
	}
	return alliance.Retired
}

// serviceName names an instance of a template after its site, numbered
// when the site already has one.
func (p *planner) serviceName(tmpl *serviceTemplate, taken map[string]bool) string {
	site := pickOf(p.rng, sites)
	name := fmt.Sprintf("%s (%s)", tmpl.name, site)
	for k := 2; taken[alliance.NameKey(name)]; k++ {
		name = fmt.Sprintf("%s (%s %d)", tmpl.name, site, k)
	}
	taken[alliance.NameKey(name)] = true
	return name
}

// ensureLifecycles makes sure the catalog has a PLANNED, a RETIRED and a
// RETIRING service (the least used live ones become so), whatever its
// size.
func (p *planner) ensureLifecycles() {
	for _, want := range []alliance.Lifecycle{alliance.Planned, alliance.Retired, alliance.Retiring} {
		if slices.ContainsFunc(p.services, func(s *genService) bool { return s.lifecycle == want }) {
			continue
		}
		if s := p.leastUsedLive(); s != nil {
			s.lifecycle = want
		}
	}
}

// leastUsedLive returns the least used LIVE service but the most used one
// that is no orphan, or nil.
func (p *planner) leastUsedLive() *genService {
	for i := len(p.services) - 1; i > 0; i-- {
		if s := p.services[i]; s.lifecycle == alliance.Live && !s.orphan {
			return s
		}
	}
	return nil
}

// chooseOrphans keeps one and a half percent of the services (at least
// one) out of every commitment: live services that cost money (every live
// service does; only retired ones are made free) and serve no one. They are
// drawn from the long tail when it has live ones.
func (p *planner) chooseOrphans() {
	want := max(1, int(math.Round(0.015*float64(len(p.services)))))
	var tail []*genService
	for _, s := range p.services[min(len(serviceTemplates), len(p.services)):] {
		if s.lifecycle == alliance.Live {
			tail = append(tail, s)
		}
	}
	p.rng.Shuffle(len(tail), func(i, j int) { tail[i], tail[j] = tail[j], tail[i] })
	for _, s := range tail[:min(want, len(tail))] {
		s.orphan = true
	}
	for chosen := min(want, len(tail)); chosen < want; chosen++ {
		s := p.leastUsedLive()
		if s == nil {
			break
		}
		s.orphan = true
	}
}

// planMeasurements plans the measurements of every live and retiring
// service: weekly, on its designed metrics (a few are never measured),
// ending at the anchor (a few weeks before it for some), the latest
// missing the design for about one in eight. The measurements of the whole
// portfolio are shared out over these series.
func (p *planner) planMeasurements() {
	var series []*genLevel
	var weights []float64
	for _, s := range p.services {
		if !s.active() {
			continue
		}
		flagship := s.rank < len(serviceTemplates)
		for _, l := range s.levels {
			if !flagship && p.chance(0.08) {
				continue
			}
			l.measured = true
			l.bad = p.chance(0.12)
			if p.chance(0.05) {
				l.stale = 8 + p.rng.IntN(12)
			}
			w := p.between(0.5, 1.5)
			if flagship {
				w *= 2
			}
			series = append(series, l)
			weights = append(weights, w)
		}
	}
	p.ensureUnderDelivery()
	counts := apportion(measurementsPerClient*p.n, weights, 1)
	for i, l := range series {
		l.count = counts[i]
	}
	for _, s := range p.services {
		for _, l := range s.levels {
			if l.measured {
				p.measure(s, l)
			}
		}
	}
}

// ensureUnderDelivery makes sure some service that may be committed has a
// latest measurement that misses its design (an UNDER_DELIVERED
// requirement needs one).
func (p *planner) ensureUnderDelivery() {
	var first *genLevel
	for _, s := range p.services {
		if !s.active() || s.orphan {
			continue
		}
		for _, l := range s.levels {
			if l.bad && l.measured {
				return
			}
			if l.measured && first == nil && s.rank > 0 {
				first = l
			}
		}
	}
	if first != nil {
		first.bad = true
	}
}

// measure writes the measurements of one designed level, oldest first, so
// that ids grow with time.
func (p *planner) measure(s *genService, l *genLevel) {
	source := &l.metric.source
	for j := l.count - 1; j >= 0; j-- {
		end := p.anchor.AddDate(0, 0, -7*(l.stale+j))
		var v float64
		if (j == 0 && l.bad) || (j > 0 && p.chance(0.08)) {
			v = p.missed(l.metric, l.value())
		} else {
			v = p.met(l.metric, l.value())
		}
		if j == 0 {
			l.latest = v
		}
		row := measurementRow{
			ID: int64(len(p.out.measurements) + 1), ServiceID: s.row.ID, MetricKey: l.metric.key, Value: v,
			PeriodStart: end.AddDate(0, 0, -7), PeriodEnd: end, Source: source, SourceKey: *source,
			RecordedAt: end.Add(time.Duration(30+p.rng.IntN(180)) * time.Minute),
		}
		if start := row.PeriodStart.Add(-time.Duration(p.rng.IntN(90*86400)) * time.Second); start.Before(s.row.CreatedAt) {
			s.row.CreatedAt = start // the service ran before it was measured
		}
		p.out.measurements = append(p.out.measurements, row)
	}
}

// met is a measured value that meets the design d.
func (p *planner) met(m *metricSpec, d float64) float64 {
	var v float64
	switch {
	case m.key == "availability":
		v = d + (100-d)*p.between(0.1, 0.9)
	case m.higher():
		v = d // the rota was staffed as designed
	default:
		v = d * p.between(0.55, 0.98)
	}
	if v = round(v, m.decimals); !m.meets(v, d) {
		v = d
	}
	return v
}

// missed is a measured value that misses the design d.
func (p *planner) missed(m *metricSpec, d float64) float64 {
	var v float64
	switch {
	case m.key == "availability":
		v = d - p.between(0.05, 1.2)
	case m.higher():
		v = d * p.between(0.6, 0.95)
	default:
		v = d * p.between(1.1, 2.0)
	}
	unit := math.Pow10(-m.decimals)
	if v = round(v, m.decimals); m.meets(v, d) {
		if m.higher() {
			v = round(d-unit, m.decimals)
		} else {
			v = round(d+unit, m.decimals)
		}
	}
	return v
}

func round(v float64, decimals int) float64 {
	f := math.Pow10(decimals)
	return math.Round(v*f) / f
}

// makeSamplers sets up the draws of services for commitments. Orphans are
// in none.
func (p *planner) makeSamplers() {
	committable := func(s *genService) bool { return !s.orphan }
	p.global = newSampler(p.services, committable)
	for _, m := range genMetrics {
		p.byMetric = append(p.byMetric, newSampler(p.services, func(s *genService) bool { return committable(s) && s.level(m) != nil }))
	}
	p.notLive = newSampler(p.services, func(s *genService) bool {
		return committable(s) && (s.lifecycle == alliance.Planned || s.lifecycle == alliance.Retired)
	})
	p.retired = newSampler(p.services, func(s *genService) bool { return s.lifecycle == alliance.Retired })
}

// The clients and their maps.

// planClients makes the clients: most ACTIVE, some PROSPECT and CHURNED;
// sizes spread around the median, and one in a hundred (at least one, the
// first) bigClientWeight times the median.
func (p *planner) planClients() {
	big := make([]bool, p.n)
	big[0] = true
	others := p.rng.Perm(p.n - 1)
	for _, i := range others[:max(0, int(math.Round(float64(p.n)/100))-1)] {
		big[i+1] = true
	}
	names := map[string]bool{}
	var small []float64
	for i := range p.n {
		ind := pickOf(p.rng, industries)
		c := &genClient{weight: min(max(math.Exp(0.5*p.rng.NormFloat64()), 0.3), 3)}
		if !big[i] {
			small = append(small, c.weight)
		}
		owner := p.person()
		c.row = &clientRow{
			ID: int64(i + 1), Name: p.clientName(ind, names), Industry: &ind.name, AccountOwner: &owner,
			Status: p.clientStatus(i), CreatedAt: p.daysBefore(120, 2400),
		}
		c.row.NameKey = alliance.NameKey(c.row.Name)
		c.row.UpdatedAt = p.later(c.row.CreatedAt, 60)
		p.clients = append(p.clients, c)
	}
	// The middle client of all (the upper one of two), which is one of
	// the small ones.
	median := 1.0
	if len(small) > 0 {
		slices.Sort(small)
		median = small[min(p.n/2, len(small)-1)]
	}
	for i, c := range p.clients {
		if big[i] {
			c.weight = bigClientWeight * median
		}
		c.row.AnnualContractValue = p.money(c.weight * p.between(250_000, 900_000))
	}
	p.ensureStatuses()
	for _, c := range p.clients {
		p.out.clients = append(p.out.clients, *c.row)
	}
}

// clientStatus draws the status of the i-th client; the first is ACTIVE.
func (p *planner) clientStatus(i int) string {
	x := p.rng.Float64()
	switch {
	case i == 0 || x >= 0.2:
		return string(alliance.Active)
	case x < 0.08:
		return string(alliance.Churned)
	}
	return string(alliance.Prospect)
}

// ensureStatuses makes sure that, from three clients on, some client is a
// PROSPECT and some has CHURNED (the last ones become so).
func (p *planner) ensureStatuses() {
	if p.n < 3 {
		return
	}
	for k, want := range []alliance.ClientStatus{alliance.Churned, alliance.Prospect} {
		if !slices.ContainsFunc(p.clients, func(c *genClient) bool { return c.row.Status == string(want) }) {
			p.clients[p.n-1-k].row.Status = string(want)
		}
	}
}

// clientName makes a company name of the industry, unique.
func (p *planner) clientName(ind industry, taken map[string]bool) string {
	return uniqueName(taken, 20, "%s %d", func() string {
		return pickOf(p.rng, namePrefixes) + " " + pickOf(p.rng, ind.nouns)
	})
}

// planObjectivesAndRequirements shares the objectives and the requirements
// out over the clients by size, and each client's requirements over its
// objectives; about one objective in fifty (never a client's first) has
// none. The first requirements of the first client have every status, in
// order.
func (p *planner) planObjectivesAndRequirements() {
	weights := make([]float64, p.n)
	for i, c := range p.clients {
		weights[i] = c.weight
	}
	objectives := apportion(objectivesPerClient*p.n, weights, 1)
	requirements := apportion(requirementsPerClient*p.n, weights, 1)
	for ci, c := range p.clients {
		titles := map[string]bool{}
		first := len(p.out.objectives)
		var shares []float64
		for k := range objectives[ci] {
			p.out.objectives = append(p.out.objectives, p.objective(c, titles))
			w := p.between(0.4, 1.6)
			if k > 0 && (p.chance(0.02) || (ci == 0 && k == objectives[ci]-1)) {
				w = 0 // an empty objective
			}
			shares = append(shares, w)
		}
		for k, n := range apportionNonEmpty(requirements[ci], shares) {
			o := &p.out.objectives[first+k]
			reqTitles := map[string]bool{}
			for range n {
				p.requirement(o, c, reqTitles)
			}
		}
	}
}

// apportionNonEmpty is apportion, at least one each, over the parts whose
// weight is not zero; the others get none.
func apportionNonEmpty(total int, weights []float64) []int {
	var idx []int
	var ws []float64
	for i, w := range weights {
		if w > 0 {
			idx = append(idx, i)
			ws = append(ws, w)
		}
	}
	out := make([]int, len(weights))
	for j, n := range apportion(total, ws, 1) {
		out[idx[j]] = n
	}
	return out
}

// objective makes an objective of the client, its title unique among the
// client's.
func (p *planner) objective(c *genClient, titles map[string]bool) objectiveRow {
	o := objectiveRow{
		ID: int64(len(p.out.objectives) + 1), ClientID: c.row.ID,
		Title: uniqueName(titles, 12, "%s (%d)", p.objectiveTitle), Priority: p.priority(35, 45),
		CreatedAt: p.later(c.row.CreatedAt, 365),
	}
	o.TitleKey = alliance.NameKey(o.Title)
	if p.chance(0.4) {
		o.Description = &objectiveNotes[p.rng.IntN(len(objectiveNotes))]
	}
	if p.chance(0.85) {
		owner := p.person() + ", " + pickOf(p.rng, roles)
		o.Owner = &owner
	}
	o.UpdatedAt = p.later(o.CreatedAt, 30)
	return o
}

// uniqueName draws names or titles until one is not taken; after tries
// draws it numbers the last (numbered formats it and k from 2 on), and takes
// it.
func uniqueName(taken map[string]bool, tries int, numbered string, draw func() string) string {
	var name string
	for range tries {
		if name = draw(); !taken[alliance.NameKey(name)] {
			break
		}
	}
	base := name
	for k := 2; taken[alliance.NameKey(name)]; k++ {
		name = fmt.Sprintf(numbered, base, k)
	}
	taken[alliance.NameKey(name)] = true
	return name
}

// objectiveTitle draws the title of an objective.
func (p *planner) objectiveTitle() string {
	r := p.rng
	switch r.IntN(13) {
	case 0:
		return fmt.Sprintf("Cut order-to-cash time by %d%%", 10+5*r.IntN(7))
	case 1:
		return fmt.Sprintf("Pass the %d %s audit", 2026+r.IntN(4), pickOf(r, audits))
	case 2:
		return fmt.Sprintf("Keep the %s running around the clock", lowerFirst(pickOf(r, systems)))
	case 3:
		return fmt.Sprintf("Move %s onto the group ERP", pickOf(r, erpMoves))
	case 4:
		return fmt.Sprintf("Open the %s site", pickOf(r, sites))
	case 5:
		return fmt.Sprintf("Expand into the %s market", pickOf(r, markets))
	case 6:
		return fmt.Sprintf("Survive a data-centre outage without losing %s", pickOf(r, losses))
	case 7:
		return fmt.Sprintf("Run the %s on three shifts", pickOf(r, shifts))
	case 8:
		return fmt.Sprintf("Replace the legacy %s", pickOf(r, legacy))
	case 9:
		return fmt.Sprintf("Give every %s a managed laptop", pickOf(r, workforces))
	case 10:
		return fmt.Sprintf("Launch the %s", pickOf(r, launches))
	case 11:
		return fmt.Sprintf("Cut IT cost per %s by %d%%", pickOf(r, perUnits), 5+5*r.IntN(5))
	}
	return fmt.Sprintf("Digitise %s", pickOf(r, digitised))
}

// lowerFirst lower-cases the first letter of a name, unless it starts with
// an acronym (ERP, CRM, SCADA).
func lowerFirst(s string) string {
	if len(s) > 1 && s[1] >= 'A' && s[1] <= 'Z' {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// requirement plans a requirement of the objective: its status, the
// service it is built around (its lead), its targets and its title.
func (p *planner) requirement(o *objectiveRow, c *genClient, titles map[string]bool) {
	status := p.drawStatus()
	if forced := len(p.requirements); forced < len(coverage.Statuses) {
		status = coverage.Statuses[forced]
	}
	lead, targets := p.leadFor(status)
	if lead == nil && status != coverage.Gap {
		status = coverage.Gap // the catalog has no service this status needs
		_, targets = p.leadFor(status)
	}
	row := requirementRow{
		ID: int64(len(p.out.requirements) + 1), ObjectiveID: o.ID,
		Title: uniqueName(titles, 12, "%s (%d)", func() string { return p.requirementTitle(targets) }), Priority: p.priority(40, 40),
		CreatedAt: p.later(o.CreatedAt, 120),
	}
	row.TitleKey = alliance.NameKey(row.Title)
	if p.chance(0.15) {
		row.Description = &requirementNotes[p.rng.IntN(len(requirementNotes))]
	}
	row.UpdatedAt = p.later(row.CreatedAt, 30)
	p.out.requirements = append(p.out.requirements, row)
	r := &genRequirement{id: row.ID, created: row.CreatedAt, client: c, status: status, targets: targets}
	if lead != nil {
		r.picks = append(r.picks, lead)
	}
	for _, t := range targets {
		p.out.targets = append(p.out.targets, targetRow{RequirementID: row.ID, MetricKey: t.metric.key, Value: t.value()})
	}
	p.requirements = append(p.requirements, r)
	p.out.statuses = append(p.out.statuses, status)
}

// drawStatus draws the status a requirement is built to have.
func (p *planner) drawStatus() coverage.Status {
	x := p.rng.Float64()
	for _, s := range statusMix {
		if x < s.share {
			return s.status
		}
		x -= s.share
	}
	return coverage.Covered
}

// leadFor picks the service a requirement of the status is built around,
// and targets that make its commitment count as the status needs:
//   - COVERED, PARTIAL: an active service, targets its design or looser on
//     metrics whose latest measurement meets the design (it holds);
//   - UNDER_DELIVERED: an active service, one target exactly its design on a
//     metric whose latest measurement misses it;
//   - OVERPROMISED: an active service, one target tighter than its design
//     (or on a metric it has no design for);
//   - PLANNED: a PLANNED service;
//   - GAP: no service; targets as a popular service is designed.
//
// The lead is nil (except for GAP) when the catalog has no such service.
func (p *planner) leadFor(status coverage.Status) (*genService, []genTarget) {
	r := p.rng
	switch status {
	case coverage.Covered, coverage.Partial:
		s := p.global.find(r, func(s *genService) bool { return s.active() && len(goodLevels(s)) > 0 })
		if s == nil {
			return nil, nil
		}
		return s, p.loosened(p.subset(goodLevels(s), nil))
	case coverage.UnderDelivered:
		s := p.global.find(r, func(s *genService) bool { return s.active() && len(badLevels(s)) > 0 })
		if s == nil {
			return nil, nil
		}
		missed := pickOf(r, badLevels(s))
		targets := p.loosened(p.subset(s.levels, missed))
		for i := range targets {
			if targets[i].metric == missed.metric {
				targets[i].step = missed.step
			}
		}
		return s, targets
	case coverage.Overpromised:
		s := p.global.find(r, func(s *genService) bool { return s.active() && len(s.levels) > 0 })
		if s == nil {
			return nil, nil
		}
		return s, p.tightened(s, p.loosened(p.subset(s.levels, nil)))
	case coverage.PlannedOnly:
		s := p.notLive.find(r, func(s *genService) bool { return s.lifecycle == alliance.Planned && len(s.levels) > 0 })
		if s == nil {
			return nil, nil
		}
		return s, p.loosened(p.subset(s.levels, nil))
	}
	if s := p.global.pick(r); s != nil && len(s.levels) > 0 {
		return nil, p.loosened(p.subset(s.levels, nil))
	}
	return nil, []genTarget{{genMetrics[mAvailability], 3}}
}

// goodLevels are the levels whose latest measurement meets the design (or
// that have none).
func goodLevels(s *genService) []*genLevel {
	var out []*genLevel
	for _, l := range s.levels {
		if !l.measured || !l.bad {
			out = append(out, l)
		}
	}
	return out
}

// badLevels are the levels whose latest measurement misses the design.
func badLevels(s *genService) []*genLevel {
	var out []*genLevel
	for _, l := range s.levels {
		if l.measured && l.bad {
			out = append(out, l)
		}
	}
	return out
}

// subset draws one to three of the levels (always including must, when
// set) as targets at the designed step, in the catalog's metric order.
func (p *planner) subset(levels []*genLevel, must *genLevel) []genTarget {
	k := 1 + p.rng.IntN(min(3, len(levels)))
	order := p.rng.Perm(len(levels))
	var chosen []*genLevel
	if must != nil {
		chosen = append(chosen, must)
	}
	for _, i := range order {
		if len(chosen) < k && levels[i] != must {
			chosen = append(chosen, levels[i])
		}
	}
	slices.SortFunc(chosen, func(a, b *genLevel) int { return cmp.Compare(metricIndex(a.metric), metricIndex(b.metric)) })
	out := make([]genTarget, len(chosen))
	for i, l := range chosen {
		out[i] = genTarget{l.metric, l.step}
	}
	return out
}

func metricIndex(m *metricSpec) int { return slices.Index(genMetrics, m) }

// loosened moves some targets a step or two looser than designed: a client
// asks for less than a service is built for, often.
func (p *planner) loosened(targets []genTarget) []genTarget {
	for i := range targets {
		switch x := p.rng.IntN(10); {
		case x >= 9:
			targets[i].step -= 2
		case x >= 6:
			targets[i].step--
		}
		targets[i].step = max(targets[i].step, 0)
	}
	return targets
}

// tightened makes one target tighter than the service's design, or, when
// every target is at the tightest step, adds one on a metric the service
// has no design for.
func (p *planner) tightened(s *genService, targets []genTarget) []genTarget {
	var open []int
	for i, t := range targets {
		if s.level(t.metric).step < len(t.metric.ladder)-1 {
			open = append(open, i)
		}
	}
	if len(open) > 0 {
		i := pickOf(p.rng, open)
		targets[i].step = s.level(targets[i].metric).step + 1
		return targets
	}
	var lacking []*metricSpec
	for _, m := range genMetrics {
		if s.level(m) == nil {
			lacking = append(lacking, m)
		}
	}
	m := pickOf(p.rng, lacking)
	targets = append(targets[:min(len(targets), 2)], genTarget{m, p.rng.IntN(len(m.ladder))})
	slices.SortFunc(targets, func(a, b genTarget) int { return cmp.Compare(metricIndex(a.metric), metricIndex(b.metric)) })
	return targets
}

// requirementTitle says what a requirement with these targets asks for.
func (p *planner) requirementTitle(targets []genTarget) string {
	r := p.rng
	value := map[string]float64{}
	for _, t := range targets {
		value[t.metric.key] = t.value()
	}
	system := pickOf(r, systems)
	if hours, ok := value["support_hours"]; ok {
		title := coverage.Number(hours) + "-hour-a-week support for " + pickOf(r, supported)
		switch hours {
		case 168:
			title = "24/7 support for " + pickOf(r, supported)
		case 45:
			title = "Office-hours support for " + pickOf(r, supported)
		}
		if minutes, ok := value["response_minutes"]; ok {
			title += " with " + coverage.Number(minutes) + "-minute response"
		}
		return title
	}
	if v, ok := value["availability"]; ok {
		return system + " available " + coverage.Number(v) + "%"
	}
	if v, ok := value["rto_minutes"]; ok {
		return system + " restored within " + duration(v) + " after a site failure"
	}
	if v, ok := value["rpo_minutes"]; ok {
		if v == 1440 {
			return "Nightly backup of " + lowerFirst(system) + " data"
		}
		return system + " recoverable to " + duration(v)
	}
	if v, ok := value["response_minutes"]; ok {
		return system + " incidents answered within " + coverage.Number(v) + " minutes"
	}
	return system + " faults fixed within " + coverage.Number(value["resolution_hours"]) + " hours"
}

// duration says a number of minutes in words.
func duration(minutes float64) string {
	switch {
	case minutes == 60:
		return "one hour"
	case minutes == 1440:
		return "a day"
	case minutes == 2880:
		return "two days"
	case minutes > 60 && math.Mod(minutes, 60) == 0:
		return strconv.Itoa(int(minutes/60)) + " hours"
	}
	return strconv.Itoa(int(minutes)) + " minutes"
}

// Commitments.

func (r *genRequirement) has(s *genService) bool { return slices.Contains(r.picks, s) }

// planCommitments shares the portfolio's commitments out over the
// requirements (by status: covered ones carry the most, gaps the fewest),
// commits to each the services that keep its status, carrying what one
// cannot take to the next, then sets percents and units.
func (p *planner) planCommitments() {
	weights := make([]float64, len(p.requirements))
	for i, r := range p.requirements {
		for _, s := range statusMix {
			if s.status == r.status {
				weights[i] = s.commitments * p.between(0.5, 1.5)
			}
		}
	}
	wants := apportion(commitmentsPerClient*p.n, weights, 0)
	carry := 0
	for i, r := range p.requirements {
		carry = p.fill(r, wants[i]+carry)
	}
	for carry > 0 {
		before := carry
		for _, r := range p.requirements {
			if carry > 0 && (r.status == coverage.Covered || r.status == coverage.Partial) {
				carry = p.fill(r, len(r.picks)+1) + carry - 1
			}
		}
		if carry == before {
			break // every requirement has every service it may have
		}
	}
	for _, r := range p.requirements {
		p.commit(r)
	}
}

// fill commits services to r until it has want commitments, and returns how
// many it could not find.
func (p *planner) fill(r *genRequirement, want int) int {
	for tries := 0; len(r.picks) < want && tries < 8*(want-len(r.picks))+8; tries++ {
		s := p.candidate(r)
		if s == nil || r.has(s) || !allowed(r.status, classOf(s, r.targets)) {
			continue
		}
		r.picks = append(r.picks, s)
	}
	return max(0, want-len(r.picks))
}

// candidate draws a service to commit to r: for most, one designed for a
// metric r targets.
func (p *planner) candidate(r *genRequirement) *genService {
	switch r.status {
	case coverage.Gap:
		return p.retired.pick(p.rng)
	case coverage.PlannedOnly:
		return p.notLive.pick(p.rng)
	}
	if len(r.targets) > 0 && p.rng.IntN(5) > 0 {
		return p.byMetric[metricIndex(pickOf(p.rng, r.targets).metric)].pick(p.rng)
	}
	return p.global.pick(p.rng)
}

// commit writes r's commitments: percents that give r its status, mostly
// one capacity unit each.
func (p *planner) commit(r *genRequirement) {
	percents := p.percents(r)
	for i, s := range r.picks {
		units := 1
		switch x := p.rng.IntN(100); {
		case x >= 94:
			units = 3 + p.rng.IntN(3)
		case x >= 80:
			units = 2
		}
		row := commitmentRow{
			ID: int64(len(p.out.commitments) + 1), RequirementID: r.id, ServiceID: s.row.ID,
			CoveragePercent: percents[i], CapacityUnits: units, CreatedBy: r.client.row.AccountOwner,
		}
		row.CreatedAt = p.later(maxTime(r.created, s.row.CreatedAt), 30)
		row.UpdatedAt = p.later(row.CreatedAt, 30)
		if p.chance(0.04) {
			row.Note = &commitmentNotes[p.rng.IntN(len(commitmentNotes))]
		}
		if r.client.counts() && (s.active() || s.lifecycle == alliance.Planned) {
			s.units += units
		}
		p.out.commitments = append(p.out.commitments, row)
	}
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// percents gives each commitment of r its coverage percent: the holding
// ones of a COVERED requirement reach 100 together, those of a PARTIAL one
// stay below; the others take any percent.
func (p *planner) percents(r *genRequirement) []int {
	out := make([]int, len(r.picks))
	var holding []int
	for i, s := range r.picks {
		if classOf(s, r.targets) == holds {
			holding = append(holding, i)
		} else {
			out[i] = p.anyPercent()
		}
	}
	var total int
	switch {
	case len(holding) == 0:
		return out
	case r.status == coverage.Partial:
		total = max(10+5*p.rng.IntN(17), len(holding))
	case len(holding) == 1 || p.chance(0.5):
		// One service covers it all; the others add redundancy.
		out[holding[0]] = 100
		for _, i := range holding[1:] {
			out[i] = p.anyPercent()
		}
		return out
	default:
		total = 100
	}
	weights := make([]float64, len(holding))
	for i := range weights {
		weights[i] = p.between(0.5, 1.5)
	}
	for j, share := range apportion(total, weights, 1) {
		out[holding[j]] = share
	}
	return out
}

// anyPercent draws a coverage percent: mostly a multiple of five.
func (p *planner) anyPercent() int {
	if p.chance(0.7) {
		return 5 * (4 + p.rng.IntN(17))
	}
	return 1 + p.rng.IntN(100)
}

// planCapacities gives about three in four services of templates with a
// capacity one: above what is committed, except for about one in twenty,
// which are oversubscribed (at least one, when any service carries
// commitments). Then the catalog's rows are final.
func (p *planner) planCapacities() {
	over := false
	for _, s := range p.services {
		if s.lifecycle == alliance.Retired || !s.tmpl.capacity || !p.chance(0.75) {
			continue
		}
		if s.units > 0 && p.chance(0.05) {
			p.oversubscribe(s)
			over = true
			continue
		}
		c := 5 * (1 + p.rng.IntN(20))
		if s.units > 0 {
			c = 5 * int(math.Ceil(float64(s.units)*p.between(1.05, 1.8)/5))
		}
		s.row.Capacity = &c
	}
	if !over {
		for _, s := range p.services {
			if s.units > 0 {
				p.oversubscribe(s)
				break
			}
		}
	}
	for _, s := range p.services {
		p.out.services = append(p.out.services, *s.row)
		for _, l := range s.levels {
			p.out.levels = append(p.out.levels, designedRow{ServiceID: s.row.ID, MetricKey: l.metric.key, Value: l.value()})
		}
	}
}

// oversubscribe gives s a capacity below its committed units.
func (p *planner) oversubscribe(s *genService) {
	c := min(int(float64(s.units)*p.between(0.6, 0.95)), s.units-1)
	s.row.Capacity = &c
}
