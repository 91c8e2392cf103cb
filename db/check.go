package db

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"alliance/coverage"
)

// Difference is a stored figure that is not what the rules compute from the
// data: what it is, its stored value and its computed value ("missing" where
// there is none).
type Difference struct {
	What     string
	Stored   string
	Computed string
}

func (d Difference) String() string {
	return fmt.Sprintf("%s: stored %s, computed %s", d.What, d.Stored, d.Computed)
}

// Check recomputes every figure from scratch with the pure rules and compares
// it with what is stored, from one consistent read of the database. It returns
// every difference, in a stable order; none means the read model is right.
func (db *DB) Check(ctx context.Context) ([]Difference, error) {
	var diffs []Difference
	err := db.gorm.WithContext(ctx).Transaction(func(g *gorm.DB) error {
		snap, err := loadSnapshot(ctx, g, nil)
		if err != nil {
			return err
		}
		e := coverage.Evaluate(snap)
		want := rowsOf(e, true)
		var got figureRows
		for _, q := range []*gorm.DB{
			g.Find(&got.requirements), g.Find(&got.commitments), g.Find(&got.objectives), g.Find(&got.clients),
			g.Find(&got.costs), g.Find(&got.services), g.Order("sort_key").Find(&got.gaps), g.Find(&got.impacts),
		} {
			if q.Error != nil {
				return q.Error
			}
		}
		diffs = append(diffs, compareRows("requirement", want.requirements, got.requirements, func(r *requirementFigureRow) string { return fmt.Sprint(r.RequirementID) },
			func(r *requirementFigureRow) string {
				return fmt.Sprintf("client %d, %s, %d%%, shortfalls %s", r.ClientID, r.Status, r.Percent, r.Shortfalls)
			})...)
		diffs = append(diffs, compareRows("commitment", want.commitments, got.commitments, func(r *commitmentFigureRow) string { return fmt.Sprint(r.CommitmentID) },
			func(r *commitmentFigureRow) string { return fmt.Sprintf("client %d, holds %t", r.ClientID, r.Holds) })...)
		diffs = append(diffs, compareRows("objective", want.objectives, got.objectives, func(r *objectiveFigureRow) string { return fmt.Sprint(r.ObjectiveID) },
			func(r *objectiveFigureRow) string {
				return fmt.Sprintf("client %d, score %s", r.ClientID, scoreText(r.Score))
			})...)
		diffs = append(diffs, compareRows("client", want.clients, got.clients, func(r *clientFigureRow) string { return fmt.Sprint(r.ClientID) },
			func(r *clientFigureRow) string {
				return fmt.Sprintf("score %s (%d/%d), counts %v, %d gaps", scoreText(r.Score), r.ScoreNum, r.ScoreDen, r.counts(), r.GapCount)
			})...)
		diffs = append(diffs, compareRows("client costs", want.costs, got.costs, func(r *clientCostRow) string { return fmt.Sprint(r.ClientID) },
			func(r *clientCostRow) string {
				return fmt.Sprintf("cost to serve %s, margin %s", r.CostToServe, r.Margin)
			})...)
		diffs = append(diffs, compareRows("service", want.services, got.services, func(r *serviceFigureRow) string { return fmt.Sprint(r.ServiceID) },
			func(r *serviceFigureRow) string {
				return fmt.Sprintf("committed %d, active %d, oversubscribed %t, orphan %t", r.CommittedUnits, r.ActiveUnits, r.Oversubscribed, r.Orphan)
			})...)
		diffs = append(diffs, compareRows("gap entry", want.gaps, got.gaps, func(r *gapRow) string { return fmt.Sprintf("%q", r.SortKey) },
			func(r *gapRow) string {
				return fmt.Sprintf("%s client %d objective %d requirement %d service %d: %s", r.Kind, deref(r.ClientID), deref(r.ObjectiveID), deref(r.RequirementID), deref(r.ServiceID), r.Message)
			})...)
		diffs = append(diffs, compareRows("impact of retiring the service of commitment", want.impacts, got.impacts, func(r *impactFigureRow) string { return fmt.Sprint(r.CommitmentID) },
			func(r *impactFigureRow) string {
				return fmt.Sprintf("client %d, service %d, requirement %d: %s -> %s, loses %d, loses a MUST %t, key %q",
					r.ClientID, r.ServiceID, r.RequirementID, r.StatusBefore, r.StatusAfter, r.Loss, r.LosesMust, r.SortKey)
			})...)
		return nil
	}, &sql.TxOptions{ReadOnly: true})
	return diffs, err
}

// compareRows lists the rows that differ between want and got, matched by
// key and compared by what they say.
func compareRows[R any](what string, want, got []*R, key, text func(*R) string) []Difference {
	wants := make(map[string]string, len(want))
	for _, r := range want {
		wants[key(r)] = text(r)
	}
	gots := make(map[string]string, len(got))
	for _, r := range got {
		gots[key(r)] = text(r)
	}
	var out []Difference
	for k, w := range wants {
		g, ok := gots[k]
		switch {
		case !ok:
			out = append(out, Difference{What: what + " " + k, Stored: "missing", Computed: w})
		case g != w:
			out = append(out, Difference{What: what + " " + k, Stored: g, Computed: w})
		}
	}
	for k, g := range gots {
		if _, ok := wants[k]; !ok {
			out = append(out, Difference{What: what + " " + k, Stored: g, Computed: "missing"})
		}
	}
	slices.SortFunc(out, func(a, b Difference) int { return cmp.Compare(a.What, b.What) })
	return out
}

func scoreText(s *float64) string {
	if s == nil {
		return "none"
	}
	return fmt.Sprint(*s)
}
