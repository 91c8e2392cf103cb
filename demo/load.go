// Package demo holds the demo portfolio of Alliance: a managed service
// provider with clients across industries, their objectives and requirements,
// a service catalog with costs and capacities, commitments, and six months of
// measurements. The data is written as Go values (see clients.go and
// services.go) and Load writes it through an alliance.Store. It deliberately
// shows every coverage status and every kind of gap.
package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"alliance"
	"alliance/coverage"
)

// Summary counts what Load created.
type Summary struct {
	Clients      int
	Objectives   int
	Requirements int
	Services     int
	Commitments  int
	Measurements int
}

// months is how many whole calendar months of measurements each live or
// retiring service carries.
const months = 6

// clientSpec is a client with its objectives.
type clientSpec struct {
	Name          string
	Industry      string
	AccountOwner  string
	Status        alliance.ClientStatus
	ContractValue decimal.Decimal // annual
	Objectives    []objectiveSpec
}

// objectiveSpec is an objective with its requirements.
type objectiveSpec struct {
	Title        string
	Description  string
	Owner        string
	Priority     alliance.Priority
	Requirements []requirementSpec
}

// requirementSpec is a requirement with its targets and the services
// committed to it.
type requirementSpec struct {
	Title       string
	Description string
	Priority    alliance.Priority
	Targets     []alliance.Level
	Commitments []commitmentSpec
}

// commitmentSpec commits the service named Service to the requirement it
// belongs to. Zero Coverage means 100 percent; zero Units means 1.
type commitmentSpec struct {
	Service  string
	Coverage int
	Units    int
	Note     string
}

// serviceSpec is a service of the catalog. Capacity nil means unbounded.
type serviceSpec struct {
	Name        string
	Description string
	OwnerTeam   string
	Lifecycle   alliance.Lifecycle
	MonthlyCost decimal.Decimal
	Capacity    *int
	Levels      []levelSpec
}

// levelSpec is a designed level and what the service measured for it, one
// value per month, oldest first: either none or exactly months values.
type levelSpec struct {
	Metric   string
	Designed float64
	Measured []float64
}

// pending is a commitment waiting for its service to exist.
type pending struct {
	requirementID int64
	requirement   string
	spec          commitmentSpec
}

// Store is what Load writes through: the map, and the score history that
// the demo back-dates so that trends show.
type Store interface {
	alliance.Store
	Evaluation(ctx context.Context) (*coverage.Evaluation, error)
	AddScorePoints(ctx context.Context, clientID int64, points []alliance.ScorePoint) error
}

// Load writes the demo portfolio through s. Measurement periods are whole
// calendar months ending before now (UTC), and each client's score history
// starts six months back. Clients come first, so that loading into a
// database that already holds the demo fails on the first client's name
// (CONFLICT). Load opens no transaction: run it inside one.
func Load(ctx context.Context, s Store, now time.Time) (*Summary, error) {
	sum := &Summary{}
	var commitments []pending
	for _, cs := range clients {
		c, err := s.CreateClient(ctx, alliance.ClientInput{
			Name:                cs.Name,
			Industry:            text(cs.Industry),
			AccountOwner:        text(cs.AccountOwner),
			Status:              &cs.Status,
			AnnualContractValue: &cs.ContractValue,
		})
		if err != nil {
			return nil, fmt.Errorf("client %q: %w", cs.Name, err)
		}
		sum.Clients++
		for _, ob := range cs.Objectives {
			o, err := s.CreateObjective(ctx, alliance.ObjectiveInput{
				ClientID:    c.ID,
				Title:       ob.Title,
				Description: text(ob.Description),
				Owner:       text(ob.Owner),
				Priority:    &ob.Priority,
			})
			if err != nil {
				return nil, fmt.Errorf("objective %q of %q: %w", ob.Title, cs.Name, err)
			}
			sum.Objectives++
			for _, rs := range ob.Requirements {
				r, err := s.CreateRequirement(ctx, alliance.RequirementInput{
					ObjectiveID: o.ID,
					Title:       rs.Title,
					Description: text(rs.Description),
					Priority:    &rs.Priority,
					Targets:     rs.Targets,
				})
				if err != nil {
					return nil, fmt.Errorf("requirement %q of %q: %w", rs.Title, cs.Name, err)
				}
				sum.Requirements++
				for _, cm := range rs.Commitments {
					commitments = append(commitments, pending{r.ID, rs.Title, cm})
				}
			}
		}
	}

	serviceIDs := make(map[string]int64, len(services))
	periods := monthsBefore(now)
	for _, ss := range services {
		svc, err := s.CreateService(ctx, alliance.ServiceInput{
			Name:           ss.Name,
			Description:    text(ss.Description),
			OwnerTeam:      text(ss.OwnerTeam),
			Lifecycle:      &ss.Lifecycle,
			MonthlyCost:    &ss.MonthlyCost,
			Capacity:       ss.Capacity,
			DesignedLevels: designed(ss.Levels),
		})
		if err != nil {
			return nil, fmt.Errorf("service %q: %w", ss.Name, err)
		}
		sum.Services++
		serviceIDs[ss.Name] = svc.ID
		for _, l := range ss.Levels {
			if len(l.Measured) != 0 && len(l.Measured) != months {
				return nil, fmt.Errorf("service %q: %s has %d measurements, want 0 or %d", ss.Name, l.Metric, len(l.Measured), months)
			}
			for i, v := range l.Measured {
				_, err := s.RecordMeasurement(ctx, alliance.MeasurementInput{
					ServiceID:   svc.ID,
					Metric:      l.Metric,
					Value:       v,
					PeriodStart: periods[i],
					PeriodEnd:   periods[i+1],
					Source:      text(sources[l.Metric]),
				})
				if err != nil {
					return nil, fmt.Errorf("measurement of %s for %q: %w", l.Metric, ss.Name, err)
				}
				sum.Measurements++
			}
		}
	}

	for _, p := range commitments {
		id, ok := serviceIDs[p.spec.Service]
		if !ok {
			return nil, fmt.Errorf("requirement %q: no service named %q in the demo catalog", p.requirement, p.spec.Service)
		}
		in := alliance.CommitmentInput{RequirementID: p.requirementID, ServiceID: id, Note: text(p.spec.Note)}
		if p.spec.Coverage != 0 {
			in.CoveragePercent = &p.spec.Coverage
		}
		if p.spec.Units != 0 {
			in.CapacityUnits = &p.spec.Units
		}
		if _, err := s.CreateCommitment(ctx, in); err != nil {
			return nil, fmt.Errorf("commitment of %q to %q: %w", p.spec.Service, p.requirement, err)
		}
		sum.Commitments++
	}
	if err := backdateHistory(ctx, s, now); err != nil {
		return nil, fmt.Errorf("score history: %w", err)
	}
	return sum, nil
}

// monthsBefore returns the months+1 boundaries of the last whole calendar
// months that ended before now, oldest first: period i runs from
// boundaries[i] to boundaries[i+1].
func monthsBefore(now time.Time) []time.Time {
	last := now.UTC().Add(-time.Nanosecond) // a month ending exactly at now has not ended before it
	end := time.Date(last.Year(), last.Month(), 1, 0, 0, 0, 0, time.UTC)
	b := make([]time.Time, months+1)
	for i := range b {
		b[i] = end.AddDate(0, i-months, 0)
	}
	return b
}

// designed returns the designed levels of a service.
func designed(ls []levelSpec) []alliance.Level {
	out := make([]alliance.Level, len(ls))
	for i, l := range ls {
		out[i] = alliance.Level{Metric: l.Metric, Value: l.Designed}
	}
	return out
}

// sources names where each metric's monthly figures come from.
var sources = map[string]string{
	"availability":     "Uptime monitoring (monthly report)",
	"support_hours":    "Staffing rota",
	"response_minutes": "ITSM ticket report",
	"resolution_hours": "ITSM ticket report",
	"rpo_minutes":      "Backup job reports",
	"rto_minutes":      "Recovery tests",
}

// text returns nil for an empty text, else a pointer to it.
func text(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Helpers that keep the data below short and readable.

func money(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func capacity(n int) *int { return &n }

func availability(v float64) alliance.Level { return alliance.Level{Metric: "availability", Value: v} }

func supportHours(v float64) alliance.Level {
	return alliance.Level{Metric: "support_hours", Value: v}
}

func responseMinutes(v float64) alliance.Level {
	return alliance.Level{Metric: "response_minutes", Value: v}
}

func resolutionHours(v float64) alliance.Level {
	return alliance.Level{Metric: "resolution_hours", Value: v}
}

func rpoMinutes(v float64) alliance.Level { return alliance.Level{Metric: "rpo_minutes", Value: v} }

func rtoMinutes(v float64) alliance.Level { return alliance.Level{Metric: "rto_minutes", Value: v} }

func levels(ls ...alliance.Level) []alliance.Level { return ls }

func to(services ...string) []commitmentSpec {
	out := make([]commitmentSpec, len(services))
	for i, s := range services {
		out[i] = commitmentSpec{Service: s}
	}
	return out
}

// Short names for the priorities, used throughout the data.
const (
	must   = alliance.Must
	should = alliance.Should
	could  = alliance.Could
)
