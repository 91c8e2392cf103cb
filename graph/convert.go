package graph

import (
	"github.com/99designs/gqlgen/graphql"

	"alliance"
	"alliance/coverage"
	"alliance/graph/model"
)

// The patch inputs arrive as gqlgen's Omittable fields (which tell an omitted
// field from an explicit null) and leave as the domain's patches.

func opt[T any](o graphql.Omittable[*T]) alliance.Optional[T] {
	v, set := o.ValueOK()
	return alliance.Optional[T]{Set: set, Value: v}
}

func optLevels(o graphql.Omittable[[]*alliance.Level]) alliance.Optional[[]alliance.Level] {
	v, set := o.ValueOK()
	if !set || v == nil {
		return alliance.Optional[[]alliance.Level]{Set: set}
	}
	levels := make([]alliance.Level, len(v))
	for i, l := range v {
		levels[i] = *l
	}
	return alliance.Some(levels)
}

func clientPatch(p model.ClientPatch) alliance.ClientPatch {
	return alliance.ClientPatch{
		Name: opt(p.Name), Industry: opt(p.Industry), AccountOwner: opt(p.AccountOwner),
		Status: opt(p.Status), AnnualContractValue: opt(p.AnnualContractValue),
	}
}

func objectivePatch(p model.ObjectivePatch) alliance.ObjectivePatch {
	return alliance.ObjectivePatch{
		Title: opt(p.Title), Description: opt(p.Description), Owner: opt(p.Owner), Priority: opt(p.Priority),
	}
}

func requirementPatch(p model.RequirementPatch) alliance.RequirementPatch {
	return alliance.RequirementPatch{
		Title: opt(p.Title), Description: opt(p.Description), Priority: opt(p.Priority), Targets: optLevels(p.Targets),
	}
}

func servicePatch(p model.ServicePatch) alliance.ServicePatch {
	return alliance.ServicePatch{
		Name: opt(p.Name), Description: opt(p.Description), OwnerTeam: opt(p.OwnerTeam), Lifecycle: opt(p.Lifecycle),
		MonthlyCost: opt(p.MonthlyCost), Capacity: opt(p.Capacity), DesignedLevels: optLevels(p.DesignedLevels),
	}
}

func commitmentPatch(p model.CommitmentPatch) alliance.CommitmentPatch {
	return alliance.CommitmentPatch{
		CoveragePercent: opt(p.CoveragePercent), CapacityUnits: opt(p.CapacityUnits), Note: opt(p.Note),
	}
}

func userPatch(p model.UserPatch) alliance.UserPatch {
	return alliance.UserPatch{Name: opt(p.Name), Role: opt(p.Role), ClientID: opt(p.ClientID)}
}

func sourcePatch(p model.MeasurementSourcePatch) alliance.MeasurementSourcePatch {
	return alliance.MeasurementSourcePatch{
		Metric: opt(p.Metric), Expression: opt(p.Expression), Period: opt(p.Period), URL: opt(p.URL), Auth: opt(p.Auth),
		Horizon: opt(p.Horizon), Paused: opt(p.Paused),
	}
}

func metricPatch(p model.MetricPatch) alliance.MetricPatch {
	return alliance.MetricPatch{Name: opt(p.Name), Unit: opt(p.Unit), Direction: opt(p.Direction), FreshnessDays: opt(p.FreshnessDays)}
}

// orEmpty returns a filter's value, or the zero filter when none was given.
func orEmpty[T any](f *T) T {
	if f == nil {
		var zero T
		return zero
	}
	return *f
}

// first returns the only element of a one-key batch read (nil when missing).
func first[T any](items []*T, err error) (*T, error) {
	if err != nil || len(items) == 0 {
		return nil, err
	}
	return items[0], nil
}

// measurementQuery checks the arguments of Service.measurements.
func measurementQuery(serviceID int64, metric *string, last *int) (alliance.MeasurementQuery, error) {
	q := alliance.MeasurementQuery{ServiceID: serviceID, Last: alliance.DefaultMeasurements}
	if metric != nil {
		q.Metric = *metric
	}
	if last != nil {
		if *last < 1 || *last > alliance.MaxMeasurements {
			return q, alliance.Invalidf("last", "last must be between 1 and %d", alliance.MaxMeasurements)
		}
		q.Last = *last
	}
	return q, nil
}

func clientOrder(o *model.ClientOrder) coverage.ClientOrder {
	return coverage.ClientOrder{Field: string(o.Field), Desc: o.Direction == model.OrderDirectionDesc}
}

// nonEmpty is s, or nil for "".
func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
