package coverage

import "alliance"

// Weight returns the weight of a priority in scores: MUST 3, SHOULD 2,
// COULD 1.
func Weight(p alliance.Priority) int64 {
	switch p {
	case alliance.Must:
		return 3
	case alliance.Should:
		return 2
	}
	return 1
}

// tally accumulates a score: Σ weight × percent over Σ weight. Percents are
// whole numbers, so the sums are exact integers.
type tally struct{ num, den int64 }

func (t *tally) add(p alliance.Priority, percent int) {
	w := Weight(p)
	t.num += w * int64(percent)
	t.den += w
}

// score returns Σ weight × percent / Σ weight rounded half away from zero to
// one decimal, or nil for an empty set. Integer arithmetic keeps 66.65 from
// becoming 66.6 through a float.
func (t tally) score() *float64 {
	if t.den == 0 {
		return nil
	}
	// round(10 × num / den) for num, den ≥ 0 is floor((20 num + den) / 2 den).
	tenths := (20*t.num + t.den) / (2 * t.den)
	v := float64(tenths) / 10
	return &v
}

// Counts holds how many requirements have each status, in the order of
// Statuses.
type Counts [6]int

func (c *Counts) add(s Status) {
	for i, st := range Statuses {
		if st == s {
			c[i]++
			return
		}
	}
}

// Of returns the count of one status.
func (c Counts) Of(s Status) int {
	for i, st := range Statuses {
		if st == s {
			return c[i]
		}
	}
	return 0
}
