package db

import (
	"context"
	"encoding/json"
	"slices"

	"gorm.io/gorm"
)

// maxParams bounds the ids bound to one IN list, below what SQLite and MySQL
// accept. Batches larger than this (never reached by one page of the API)
// take one statement per chunk.
const maxParams = 30000

// findIn runs query once per chunk of ids, binding the chunk to its single
// placeholder, and collects the rows.
func findIn[R any](ctx context.Context, g *gorm.DB, ids []int64, query func(g *gorm.DB, chunk []int64) *gorm.DB) ([]*R, error) {
	var all []*R
	for chunk := range slices.Chunk(unique(ids), maxParams) {
		var rows []*R
		if err := query(g.WithContext(ctx), chunk).Find(&rows).Error; err != nil {
			return nil, err
		}
		all = append(all, rows...)
	}
	return all, nil
}

// idSet is what a placeholder in "column IN ?" takes for ids. MySQL takes
// the list. SQLite's driver matches each placeholder against every argument,
// so n bound values cost n² (a delete of 20,000 figure rows took most of a
// write's time): there the ids go as one JSON array, read by json_each.
//
// On MySQL a list of more than 20,000 ids (a batch of measurements that
// reaches most of the portfolio) goes as one JSON array too, through
// JSON_TABLE, so that a statement binding it more than once stays under
// MySQL's 65,535 placeholders.
func idSet(g *gorm.DB, ids []int64) any {
	switch {
	case g.Dialector.Name() == SQLite && len(ids) >= 64:
		b, _ := json.Marshal(ids)
		return gorm.Expr("(SELECT value FROM json_each(?))", string(b))
	case g.Dialector.Name() != SQLite && len(ids) > 20_000:
		b, _ := json.Marshal(ids)
		return gorm.Expr("(SELECT j.value FROM JSON_TABLE(?, '$[*]' COLUMNS (value BIGINT PATH '$')) j)", string(b))
	}
	return ids
}

// unique returns ids without repeats, in first-seen order.
func unique[K comparable](ids []K) []K {
	seen := make(map[K]struct{}, len(ids))
	out := make([]K, 0, len(ids))
	for _, id := range ids {
		if _, ok := seen[id]; !ok {
			seen[id] = struct{}{}
			out = append(out, id)
		}
	}
	return out
}

// align returns, for each key, the value whose key it is (the zero value
// where there is none).
func align[K comparable, V any](keys []K, values []V, keyOf func(V) K) []V {
	by := make(map[K]V, len(values))
	for _, v := range values {
		by[keyOf(v)] = v
	}
	out := make([]V, len(keys))
	for i, k := range keys {
		out[i] = by[k]
	}
	return out
}

// group returns, for each key, the values whose key it is, in their order.
func group[K comparable, V any](keys []K, values []V, keyOf func(V) K) [][]V {
	by := make(map[K][]V, len(keys))
	for _, v := range values {
		k := keyOf(v)
		by[k] = append(by[k], v)
	}
	out := make([][]V, len(keys))
	for i, k := range keys {
		out[i] = by[k]
		if out[i] == nil {
			out[i] = []V{}
		}
	}
	return out
}

// mapSlice applies f to every element.
func mapSlice[T, U any](in []T, f func(T) U) []U {
	out := make([]U, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}

// withCascade returns the audit value of a deleted entity: its fields and,
// under "cascade", the ids of what was removed with it.
func withCascade(entity any, cascade map[string][]int64) (map[string]any, error) {
	b, err := json.Marshal(entity)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	for k, ids := range cascade {
		if ids == nil {
			cascade[k] = []int64{}
		}
	}
	m["cascade"] = cascade
	return m, nil
}

// pluckIDs returns the ids selected by query.
func pluckIDs(query *gorm.DB) ([]int64, error) {
	var ids []int64
	err := query.Order("id").Pluck("id", &ids).Error
	return ids, err
}
