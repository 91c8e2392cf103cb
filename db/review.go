package db

import (
	"context"
	"time"

	"github.com/shopspring/decimal"
	"gorm.io/gorm"

	"alliance"
)

// Review state is written by the transactions that change a commitment's
// basis (UpdateRequirement's targets, UpdateService's designed levels,
// UpdateCommitment's coverage and capacity): one pending review_changes row
// per commitment and change. Confirming marks them no longer pending. The
// coverage figures never read these tables.

type reviewChangeRow struct {
	ID           int64 `gorm:"primaryKey"`
	CommitmentID int64
	What         string
	MetricKey    *string
	BeforeValue  *float64
	AfterValue   *float64
	Reason       string
	At           time.Time
	Actor        string
	Pending      bool
}

func (reviewChangeRow) TableName() string { return "review_changes" }

type reviewConfirmationRow struct {
	CommitmentID int64 `gorm:"primaryKey"`
	ConfirmedAt  time.Time
	ConfirmedBy  string
	Note         *string
}

func (reviewConfirmationRow) TableName() string { return "review_confirmations" }

// levelChange is one metric whose level differs between two lists.
type levelChange struct {
	metric        string
	before, after *float64
}

// levelChanges returns the metrics whose level was added, removed or changed.
func levelChanges(before, after []alliance.Level) []levelChange {
	old := map[string]float64{}
	for _, l := range before {
		old[l.Metric] = l.Value
	}
	var out []levelChange
	seen := map[string]bool{}
	for _, l := range after {
		seen[l.Metric] = true
		v := l.Value
		if b, ok := old[l.Metric]; !ok {
			out = append(out, levelChange{metric: l.Metric, after: &v})
		} else if b != v {
			out = append(out, levelChange{metric: l.Metric, before: &b, after: &v})
		}
	}
	for _, l := range before {
		if !seen[l.Metric] {
			v := l.Value
			out = append(out, levelChange{metric: l.Metric, before: &v})
		}
	}
	return out
}

func (t *tx) metricCatalog() (map[string]metricRow, error) {
	var rows []metricRow
	if err := t.g.Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make(map[string]metricRow, len(rows))
	for _, r := range rows {
		out[r.MetricKey] = r
	}
	return out, nil
}

func (t *tx) addReviewChange(commitment int64, what alliance.ReviewWhat, metric *string, before, after *float64, reason string) error {
	return t.g.Create(&reviewChangeRow{
		CommitmentID: commitment, What: string(what), MetricKey: metric, BeforeValue: before, AfterValue: after,
		Reason: reason, At: t.now, Actor: t.actor, Pending: true,
	}).Error
}

// reviewTargets asks for review of every commitment of the requirement whose
// targets changed from before to after.
func (t *tx) reviewTargets(requirement int64, before, after []alliance.Level) error {
	changes := levelChanges(before, after)
	if len(changes) == 0 {
		return nil
	}
	var commitments []struct {
		ID        int64
		ServiceID int64
		Name      string
	}
	if err := t.g.Table("commitments").Select("commitments.id, commitments.service_id, s.name").
		Joins("JOIN services s ON s.id = commitments.service_id").
		Where("commitments.requirement_id = ?", requirement).Order("commitments.id").Scan(&commitments).Error; err != nil {
		return err
	}
	if len(commitments) == 0 {
		return nil
	}
	metrics, err := t.metricCatalog()
	if err != nil {
		return err
	}
	services := mapSlice(commitments, func(c struct {
		ID        int64
		ServiceID int64
		Name      string
	}) int64 {
		return c.ServiceID
	})
	designed, err := loadLevels(t.ctx, t.g, designedTable, services)
	if err != nil {
		return err
	}
	for _, c := range commitments {
		for _, ch := range changes {
			var level *float64
			for _, l := range designed[c.ServiceID] {
				if l.Metric == ch.metric {
					v := l.Value
					level = &v
				}
			}
			m := metrics[ch.metric]
			reason := alliance.TargetReason(m.Name, m.Unit, ch.before, ch.after, t.now, c.Name, level)
			key := ch.metric
			if err := t.addReviewChange(c.ID, alliance.ReviewTarget, &key, ch.before, ch.after, reason); err != nil {
				return err
			}
		}
	}
	return nil
}

// reviewLevels asks for review of the service's commitments whose
// requirement targets a metric whose designed level changed.
func (t *tx) reviewLevels(service int64, name string, before, after []alliance.Level) error {
	changes := levelChanges(before, after)
	if len(changes) == 0 {
		return nil
	}
	metrics, err := t.metricCatalog()
	if err != nil {
		return err
	}
	for _, ch := range changes {
		var targeted []struct {
			ID    int64
			Value float64
		}
		if err := t.g.Table("commitments").Select("commitments.id, rt.value").
			Joins("JOIN requirement_targets rt ON rt.requirement_id = commitments.requirement_id AND rt.metric_key = ?", ch.metric).
			Where("commitments.service_id = ?", service).Order("commitments.id").Scan(&targeted).Error; err != nil {
			return err
		}
		m := metrics[ch.metric]
		for _, c := range targeted {
			reason := alliance.LevelReason(m.Name, m.Unit, ch.before, ch.after, t.now, name, c.Value)
			key := ch.metric
			if err := t.addReviewChange(c.ID, alliance.ReviewDesignedLevel, &key, ch.before, ch.after, reason); err != nil {
				return err
			}
		}
	}
	return nil
}

// reviewCommitment asks for review of a commitment whose coverage or
// capacity an update changed.
func (t *tx) reviewCommitment(before, after *alliance.Commitment) error {
	if before.CoveragePercent != after.CoveragePercent {
		b, a := float64(before.CoveragePercent), float64(after.CoveragePercent)
		if err := t.addReviewChange(after.ID, alliance.ReviewCoverage, nil, &b, &a,
			alliance.CoverageReason(before.CoveragePercent, after.CoveragePercent, t.now)); err != nil {
			return err
		}
	}
	if before.CapacityUnits != after.CapacityUnits {
		b, a := float64(before.CapacityUnits), float64(after.CapacityUnits)
		if err := t.addReviewChange(after.ID, alliance.ReviewCapacity, nil, &b, &a, alliance.CapacityReason(t.now)); err != nil {
			return err
		}
	}
	return nil
}

// ReviewsByCommitmentIDs returns the review state of each commitment.
func (db *DB) ReviewsByCommitmentIDs(ctx context.Context, ids []int64) ([]*alliance.Review, error) {
	g, done := db.reader(ctx)
	defer done()
	changes, err := findIn[reviewChangeRow](ctx, g, ids, func(g *gorm.DB, chunk []int64) *gorm.DB {
		return g.Where("pending = ? AND commitment_id IN ?", true, chunk).Order("commitment_id").Order("id")
	})
	if err != nil {
		return nil, err
	}
	confirmations, err := findIn[reviewConfirmationRow](ctx, g, ids, func(g *gorm.DB, chunk []int64) *gorm.DB {
		return g.Where("commitment_id IN ?", chunk)
	})
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*alliance.Review, len(ids))
	out := make([]*alliance.Review, len(ids))
	for i, id := range ids {
		if byID[id] == nil {
			byID[id] = &alliance.Review{CommitmentID: id, Changes: []alliance.ReviewChange{}}
		}
		out[i] = byID[id]
	}
	for _, c := range changes {
		r := byID[c.CommitmentID]
		r.Changes = append(r.Changes, alliance.ReviewChange{
			What: alliance.ReviewWhat(c.What), Metric: c.MetricKey, Before: c.BeforeValue, After: c.AfterValue,
			Reason: c.Reason, At: c.At.UTC(), By: c.Actor,
		})
	}
	for _, c := range confirmations {
		r := byID[c.CommitmentID]
		at, by := c.ConfirmedAt.UTC(), c.ConfirmedBy
		r.ConfirmedAt, r.ConfirmedBy, r.Note = &at, &by, c.Note
	}
	return out, nil
}

// toReview is the commitments that need review, within the caller's scope.
func toReview(ctx context.Context, g *gorm.DB) *gorm.DB {
	return scopeOf(ctx).byClient(g.Table("commitments").
		Joins("JOIN requirements r ON r.id = commitments.requirement_id").
		Joins("JOIN objectives o ON o.id = r.objective_id").
		Joins("JOIN clients c ON c.id = o.client_id").
		Where("EXISTS (SELECT 1 FROM review_changes rc WHERE rc.commitment_id = commitments.id AND rc.pending = ?)", true), "c.id")
}

const priorityRank = "CASE r.priority WHEN 'MUST' THEN 0 WHEN 'SHOULD' THEN 1 ELSE 2 END"

// reviewListRow is a commitment with its place in the review list.
type reviewListRow struct {
	Row        commitmentRow `gorm:"embedded"`
	ReviewRank int
	ReviewACV  decimal.Decimal `gorm:"column:review_acv"`
}

// FindCommitmentsToReview returns a page of the commitments that need review.
func (db *DB) FindCommitmentsToReview(ctx context.Context, p alliance.PageArgs) (*alliance.Page[*alliance.Commitment], error) {
	g, done := db.reader(ctx)
	defer done()
	return reviewOrder(toReview(ctx, g), "commitmentsToReview", p)
}

// reviewOrder returns a page of the commitments of q (joined to their
// requirement r and client c) in the order of the review lists: by
// priority, then contract value, then id. list names the list in its
// cursors.
func reviewOrder(q *gorm.DB, list string, p alliance.PageArgs) (*alliance.Page[*alliance.Commitment], error) {
	limit, err := p.Limit()
	if err != nil {
		return nil, err
	}
	key := []keyCol{{expr: priorityRank}, {expr: "c.annual_contract_value", desc: true}, {expr: "commitments.id"}}
	if p.After != nil {
		var rank int
		var value string
		var id int64
		if err := decodeCursor(*p.After, list, &rank, &value, &id); err != nil {
			return nil, err
		}
		acv, err := decimal.NewFromString(value)
		if err != nil {
			return nil, alliance.Invalidf("after", "after is not a cursor of this list; use a pageInfo.endCursor or edges.cursor of the same list")
		}
		q = after(q, key, []any{rank, acv, id})
	}
	var rows []reviewListRow
	if err := q.Select("commitments.*, " + priorityRank + " AS review_rank, c.annual_contract_value AS review_acv").
		Order(orderBy(key)).Limit(limit + 1).Scan(&rows).Error; err != nil {
		return nil, err
	}
	return page(rows, limit, func(r reviewListRow) *alliance.Commitment { return r.Row.domain() }, func(r reviewListRow) string {
		return encodeCursor(list, r.ReviewRank, r.ReviewACV.String(), r.Row.ID)
	}), nil
}

// CountCommitmentsToReview counts the commitments that need review, by
// client or over the portfolio.
func (db *DB) CountCommitmentsToReview(ctx context.Context, clientIDs []int64) ([]int, error) {
	g, done := db.reader(ctx)
	defer done()
	if len(clientIDs) == 0 {
		var n int64
		if err := toReview(ctx, g).Count(&n).Error; err != nil {
			return nil, err
		}
		return []int{int(n)}, nil
	}
	var counts []struct {
		ClientID int64
		N        int
	}
	if err := toReview(ctx, g).Select("c.id AS client_id, COUNT(*) AS n").Where("c.id IN ?", clientIDs).
		Group("c.id").Scan(&counts).Error; err != nil {
		return nil, err
	}
	by := map[int64]int{}
	for _, c := range counts {
		by[c.ClientID] = c.N
	}
	return mapSlice(clientIDs, func(id int64) int { return by[id] }), nil
}

// ConfirmCommitment confirms a commitment: its pending changes are reviewed.
func (db *DB) ConfirmCommitment(ctx context.Context, id int64, note *string) (*alliance.Commitment, error) {
	n, err := alliance.CleanNote(note)
	if err != nil {
		return nil, err
	}
	var c *alliance.Commitment
	err = db.write(ctx, func(t *tx) error {
		var row commitmentRow
		if err := first(t.scope.byRequirement(t.forUpdate(), "requirement_id"), &row, id, "commitment", "id"); err != nil {
			return err
		}
		c = row.domain()
		var pending []reviewChangeRow
		if err := t.g.Where("commitment_id = ? AND pending = ?", id, true).Order("id").Find(&pending).Error; err != nil {
			return err
		}
		if err := t.g.Model(&reviewChangeRow{}).Where("commitment_id = ? AND pending = ?", id, true).
			Update("pending", false).Error; err != nil {
			return err
		}
		if err := t.g.Delete(&reviewConfirmationRow{}, id).Error; err != nil {
			return err
		}
		if err := t.g.Create(&reviewConfirmationRow{CommitmentID: id, ConfirmedAt: t.now, ConfirmedBy: t.actor, Note: n}).Error; err != nil {
			return err
		}
		reasons := mapSlice(pending, func(r reviewChangeRow) string { return r.Reason })
		return t.audit(alliance.ActionConfirm, alliance.EntityCommitment, id, t.clientOfRequirement(c.RequirementID),
			map[string]any{"review": map[string]any{"needed": len(pending) > 0, "reasons": reasons}},
			map[string]any{"review": map[string]any{"needed": false, "confirmedAt": t.now, "confirmedBy": t.actor, "note": n}})
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}
