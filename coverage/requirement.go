package coverage

import (
	"alliance"
)

// Status is the coverage status of a requirement.
type Status string

// Statuses, in the order they are listed (and in order of precedence).
const (
	Covered        Status = "COVERED"
	Partial        Status = "PARTIAL"
	UnderDelivered Status = "UNDER_DELIVERED"
	Overpromised   Status = "OVERPROMISED"
	PlannedOnly    Status = "PLANNED"
	Gap            Status = "GAP"
)

// Statuses lists every status in the order of the CoverageStatus enum.
var Statuses = []Status{Covered, Partial, UnderDelivered, Overpromised, PlannedOnly, Gap}

// Coverage is how well a requirement is met.
type Coverage struct {
	Status Status
	// Percent is the sum of the coverage of the holding commitments, at most
	// 100.
	Percent    int
	Shortfalls []Shortfall
}

// Shortfall is one target that an active commitment fails: by design, by
// delivery, or both. Designed and Measured are nil when the service has no
// designed level or no measurement for the metric.
type Shortfall struct {
	ServiceID int64
	Metric    string
	Required  float64
	Designed  *float64
	Measured  *float64
}

// Commitment states.
type state int

const (
	ignored state = iota // the service is RETIRED
	planned              // the service is PLANNED
	active               // the service is LIVE or RETIRING
)

func stateOf(s *alliance.Service) state {
	switch {
	case Active(s.Lifecycle):
		return active
	case s.Lifecycle == alliance.Planned:
		return planned
	}
	return ignored
}

// judged is a commitment as the rules see it.
type judged struct {
	coverage    int // the commitment's coverage percent
	state       state
	meetsDesign bool
	delivers    bool
	shortfalls  []Shortfall
}

func (j judged) holds() bool { return j.state == active && j.meetsDesign && j.delivers }

// judge applies the rules to one commitment of requirement r to service s.
// A commitment meets design when, for every target, the service has a
// designed level that meets it; it delivers when no latest measurement of a
// targeted metric misses the target (a metric never measured does not fail).
func (in *index) judge(r *alliance.Requirement, c *alliance.Commitment, s *alliance.Service) judged {
	j := judged{coverage: c.CoveragePercent, state: stateOf(s), meetsDesign: true, delivers: true}
	if j.state != active {
		return j
	}
	designed := in.designed[s.ID]
	for _, t := range r.Targets {
		m, ok := in.metrics[t.Metric]
		if !ok {
			continue // cannot happen: targets reference the catalog
		}
		sf := Shortfall{ServiceID: s.ID, Metric: t.Metric, Required: t.Value}
		failed := false
		if d, ok := designed[t.Metric]; ok {
			sf.Designed = &d
			if !m.Meets(d, t.Value) {
				j.meetsDesign, failed = false, true
			}
		} else {
			j.meetsDesign, failed = false, true
		}
		if v, ok := in.latest[ServiceMetric{s.ID, t.Metric}]; ok {
			sf.Measured = &v
			if !m.Meets(v, t.Value) {
				j.delivers, failed = false, true
			}
		}
		if failed {
			j.shortfalls = append(j.shortfalls, sf)
		}
	}
	return j
}

// cover computes the coverage of a requirement from its commitments, each
// judged: the percent sums the holding ones; the status is the first that
// applies of COVERED, PARTIAL, UNDER_DELIVERED, OVERPROMISED, PLANNED, GAP;
// shortfalls list the failing targets of every active commitment that does
// not hold.
func cover(judgements []judged) Coverage {
	var c Coverage
	underDelivered, activeSeen, plannedSeen := false, false, false
	sum := 0
	for _, j := range judgements {
		switch j.state {
		case planned:
			plannedSeen = true
		case active:
			activeSeen = true
			if j.holds() {
				sum += j.coverage
			} else {
				c.Shortfalls = append(c.Shortfalls, j.shortfalls...)
				if j.meetsDesign && !j.delivers {
					underDelivered = true
				}
			}
		}
	}
	c.Percent = min(100, sum)
	switch {
	case c.Percent == 100:
		c.Status = Covered
	case c.Percent > 0:
		c.Status = Partial
	case underDelivered:
		c.Status = UnderDelivered
	case activeSeen:
		c.Status = Overpromised
	case plannedSeen:
		c.Status = PlannedOnly
	default:
		c.Status = Gap
	}
	return c
}
