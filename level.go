package alliance

import (
	"fmt"
	"strings"
)

// Level is a metric and a value: a requirement's target, a service's designed
// level.
type Level struct {
	Metric string  `json:"metric"`
	Value  float64 `json:"value"`
}

// ValidateLevels checks a list of levels given in the input field named
// field; see validateLevels.
func ValidateLevels(levels []Level, field string) ([]Level, error) {
	return validateLevels(levels, field)
}

// validateLevels checks a list of levels: known key format, finite values,
// each metric at most once. Whether the metric exists is checked by the store,
// which knows the catalog. Errors name the element ("targets.1.metric").
func validateLevels(levels []Level, field string) ([]Level, error) {
	if len(levels) > MaxLevels {
		return nil, Invalidf(field, "at most %d levels are allowed", MaxLevels)
	}
	seen := make(map[string]int, len(levels))
	out := make([]Level, len(levels))
	for i, l := range levels {
		at := fmt.Sprintf("%s.%d", field, i)
		l.Metric = trimSpace(l.Metric)
		if err := CheckMetricKey(l.Metric, "metric"); err != nil {
			return nil, prefixField(err, at)
		}
		if j, dup := seen[l.Metric]; dup {
			return nil, Invalidf(at+".metric", "metric %q appears twice (also at %s.%d)", l.Metric, field, j)
		}
		seen[l.Metric] = i
		if err := checkFinite(l.Value, "value"); err != nil {
			return nil, prefixField(err, at)
		}
		out[i] = l
	}
	return out, nil
}

// LevelMetrics returns the metric keys of levels, in order.
func LevelMetrics(levels []Level) []string {
	keys := make([]string, len(levels))
	for i, l := range levels {
		keys[i] = l.Metric
	}
	return keys
}

func trimSpace(s string) string { return strings.TrimSpace(s) }
