package db

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"alliance"
)

// levelTable is a table of levels: a requirement's targets or a service's
// designed levels.
type levelTable struct{ table, owner string }

var (
	targetsTable  = levelTable{"requirement_targets", "requirement_id"}
	designedTable = levelTable{"service_levels", "service_id"}
)

// loadLevels returns the levels of each owner, ordered by metric key.
func loadLevels(ctx context.Context, g *gorm.DB, lt levelTable, owners []int64) (map[int64][]alliance.Level, error) {
	rows, err := findIn[levelRow](ctx, g, owners, func(g *gorm.DB, chunk []int64) *gorm.DB {
		return g.Table(lt.table).Select(lt.owner+" AS owner_id, metric_key, value").
			Where(lt.owner+" IN ?", chunk).Order(lt.owner).Order("metric_key")
	})
	if err != nil {
		return nil, err
	}
	out := make(map[int64][]alliance.Level, len(owners))
	for _, r := range rows {
		out[r.OwnerID] = append(out[r.OwnerID], alliance.Level{Metric: r.MetricKey, Value: r.Value})
	}
	return out, nil
}

// replaceLevels makes levels the whole list of the owner's levels.
func (t *tx) replaceLevels(lt levelTable, owner int64, levels []alliance.Level) error {
	if err := t.g.Exec("DELETE FROM "+lt.table+" WHERE "+lt.owner+" = ?", owner).Error; err != nil {
		return err
	}
	if len(levels) == 0 {
		return nil
	}
	rows := make([]map[string]any, len(levels))
	for i, l := range levels {
		rows[i] = map[string]any{lt.owner: owner, "metric_key": l.Metric, "value": l.Value}
	}
	return t.g.Table(lt.table).Create(rows).Error
}

// checkLevels refuses levels whose metric is not in the catalog, or whose
// value a percent metric cannot take (outside 0 to 100), naming the element
// at fault ("targets.2.metric", "targets.0.value").
func (t *tx) checkLevels(levels []alliance.Level, field string) error {
	if err := t.checkMetrics(alliance.LevelMetrics(levels), field); err != nil {
		return err
	}
	var percent []string
	if err := t.g.Model(&metricRow{}).Where("metric_key IN ? AND unit = 'percent'", unique(alliance.LevelMetrics(levels))).
		Pluck("metric_key", &percent).Error; err != nil {
		return err
	}
	for i, l := range levels {
		if slices.Contains(percent, l.Metric) && (l.Value < 0 || l.Value > 100) {
			at := "value"
			if field != "" {
				at = fmt.Sprintf("%s.%d.value", field, i)
			}
			return alliance.Invalidf(at, "%s is a percentage: give a value from 0 to 100 (got %s)", l.Metric, strconv.FormatFloat(l.Value, 'f', -1, 64))
		}
	}
	return nil
}

// checkMetrics refuses levels whose metric is not in the catalog, naming the
// element at fault ("targets.2.metric").
func (t *tx) checkMetrics(keys []string, field string) error {
	if len(keys) == 0 {
		return nil
	}
	var known []string
	if err := t.g.Model(&metricRow{}).Where("metric_key IN ?", unique(keys)).Pluck("metric_key", &known).Error; err != nil {
		return err
	}
	for i, k := range keys {
		if !slices.Contains(known, k) {
			var all []string
			if err := t.g.Model(&metricRow{}).Order("metric_key").Pluck("metric_key", &all).Error; err != nil {
				return err
			}
			at := "metric"
			if field != "" {
				at = fmt.Sprintf("%s.%d.metric", field, i)
			}
			return alliance.Invalidf(at, "unknown metric %q; known metrics: %s", k, strings.Join(all, ", "))
		}
	}
	return nil
}

// sortLevels orders levels by metric key, the order they are read back in.
func sortLevels(levels []alliance.Level) []alliance.Level {
	out := slices.Clone(levels)
	slices.SortFunc(out, func(a, b alliance.Level) int { return strings.Compare(a.Metric, b.Metric) })
	if out == nil {
		out = []alliance.Level{}
	}
	return out
}
