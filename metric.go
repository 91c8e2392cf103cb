package alliance

import "context"

// Direction says which way a metric improves.
type Direction string

// Directions.
const (
	HigherIsBetter Direction = "HIGHER_IS_BETTER"
	LowerIsBetter  Direction = "LOWER_IS_BETTER"
)

// Valid reports whether d is a known direction.
func (d Direction) Valid() bool { return d == HigherIsBetter || d == LowerIsBetter }

// Metric is an entry of the metric catalog: what can be promised, designed
// and measured. The key identifies it and never changes.
type Metric struct {
	Key       string    `json:"key"`
	Name      string    `json:"name"`
	Unit      string    `json:"unit"`
	Direction Direction `json:"direction"`
	// FreshnessDays is the metric's freshness window: a commitment's
	// evidence for it is stale without a measurement that ended within
	// this many days before now (see evidence.go).
	FreshnessDays int `json:"freshnessDays"`
}

// The freshness window of a metric: its default and its bounds, in days.
const (
	DefaultFreshnessDays = 45
	MaxFreshnessDays     = 3650
)

// CheckFreshnessDays checks a freshness window, naming field.
func CheckFreshnessDays(days int, field string) error {
	if days < 1 || days > MaxFreshnessDays {
		return Invalidf(field, "%s must be between 1 and %d days, not %d", field, MaxFreshnessDays, days)
	}
	return nil
}

// Meets reports whether value meets target for this metric's direction.
func (m Metric) Meets(value, target float64) bool {
	if m.Direction == HigherIsBetter {
		return value >= target
	}
	return value <= target
}

// MetricInput is a new catalog entry.
type MetricInput struct {
	Key       string
	Name      string
	Unit      string
	Direction Direction
	// FreshnessDays is the freshness window; nil for the default, 45.
	FreshnessDays *int
}

// Validate trims and checks the input.
func (in *MetricInput) Validate() error {
	in.Key = trimSpace(in.Key)
	if err := CheckMetricKey(in.Key, "key"); err != nil {
		return err
	}
	var err error
	if in.Name, err = cleanName(in.Name, "name"); err != nil {
		return err
	}
	if in.Unit, err = cleanUnit(in.Unit); err != nil {
		return err
	}
	if !in.Direction.Valid() {
		return Invalidf("direction", "unknown direction %q", in.Direction)
	}
	if in.FreshnessDays == nil {
		in.FreshnessDays = new(int(DefaultFreshnessDays))
	}
	return CheckFreshnessDays(*in.FreshnessDays, "freshnessDays")
}

// MetricPatch changes a catalog entry; the key cannot change.
type MetricPatch struct {
	Name          Optional[string]
	Unit          Optional[string]
	Direction     Optional[Direction]
	FreshnessDays Optional[int]
}

// Apply validates the patch and applies it to m.
func (p MetricPatch) Apply(m *Metric) error {
	if v, ok, err := required(p.Name, "name"); err != nil {
		return err
	} else if ok {
		if m.Name, err = cleanName(v, "name"); err != nil {
			return err
		}
	}
	if v, ok, err := required(p.Unit, "unit"); err != nil {
		return err
	} else if ok {
		if m.Unit, err = cleanUnit(v); err != nil {
			return err
		}
	}
	if v, ok, err := required(p.Direction, "direction"); err != nil {
		return err
	} else if ok {
		if !v.Valid() {
			return Invalidf("direction", "unknown direction %q", v)
		}
		m.Direction = v
	}
	if v, ok, err := required(p.FreshnessDays, "freshnessDays"); err != nil {
		return err
	} else if ok {
		if err := CheckFreshnessDays(v, "freshnessDays"); err != nil {
			return err
		}
		m.FreshnessDays = v
	}
	return nil
}

func cleanUnit(s string) (string, error) {
	u, err := cleanText(&s, "unit", MaxUnitLength, false)
	if err != nil {
		return "", err
	}
	if u == nil {
		return "", Invalidf("unit", "unit must not be empty")
	}
	return *u, nil
}

// MetricService manages the metric catalog.
type MetricService interface {
	// Metrics returns the whole catalog, ordered by key.
	Metrics(ctx context.Context) ([]*Metric, error)
	// MetricsByKeys returns the metrics with these keys, in the same order;
	// nil where a key names no metric.
	MetricsByKeys(ctx context.Context, keys []string) ([]*Metric, error)
	CreateMetric(ctx context.Context, in MetricInput) (*Metric, error)
	UpdateMetric(ctx context.Context, key string, p MetricPatch) (*Metric, error)
	// DeleteMetric removes a metric that no target, designed level or
	// measurement uses; one in use is CONFLICT.
	DeleteMetric(ctx context.Context, key string) error
}
