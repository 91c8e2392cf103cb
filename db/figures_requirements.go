package db

import (
	"context"
	"slices"

	"gorm.io/gorm"

	"alliance"
	"alliance/coverage"
)

// A requirement's own figures (its coverage, whether each of its commitments
// holds, its gap list entry, what retiring each of its services would change)
// depend on the requirement, its objective and client, its commitments and
// their services with their designed levels and latest measurements: on
// nothing of the client's other requirements. So a write that moves only
// what some requirements read (a measurement: the requirements committed to
// its service with a target on its metric) evaluates those requirements
// alone, and writes the rows whose values changed. Only when a status or a
// percent moved are the aggregates above them (their objectives' scores,
// their clients' scores, status counts and gap counts) summed again, from the
// stored requirement figures, without evaluating anything else.

// touchRequirementsWhere marks the requirements selected by a query of
// requirements r joined to their objectives o (see clientsOfRequirements).
func (t *tx) touchRequirementsWhere(q *gorm.DB) error {
	var rows []struct{ ID, ClientID int64 }
	if err := q.Select("r.id AS id, o.client_id AS client_id").Scan(&rows).Error; err != nil {
		return err
	}
	for _, r := range rows {
		t.requirements[r.ID] = r.ClientID
	}
	return nil
}

// loadRequirements reads what the rules need to judge the given
// requirements: them, their objectives and clients (without the clients'
// other objectives and requirements), their commitments, the services those
// reach and the services' latest measurements.
func loadRequirements(ctx context.Context, g *gorm.DB, ids []int64) (*coverage.Snapshot, error) {
	set := idSet(g, ids)
	objectives := g.Model(&requirementRow{}).Select("objective_id").Where("id IN ?", set)
	clients := g.Model(&objectiveRow{}).Select("client_id").Where("id IN (?)", objectives)
	return loadScope(ctx, g, snapshotScope{
		clients:      cond{"id IN (?)", clients},
		objectives:   cond{"id IN (?)", objectives},
		requirements: cond{"id IN ?", set},
	})
}

// refreshRequirements brings up to date the figures of the requirements
// marked alone (those of clients re-evaluated whole are up to date already).
// The caller holds their clients' locks (see finish).
func (t *tx) refreshRequirements() error {
	var ids []int64
	for r, c := range t.requirements {
		if !t.touched[c] {
			ids = append(ids, r)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	snap, err := loadRequirements(t.ctx, t.g, ids)
	if err != nil {
		return err
	}
	e := coverage.Evaluate(snap)
	want := rowsOf(e, false)
	want.gaps = slices.DeleteFunc(want.gaps, func(g *gapRow) bool { return g.RequirementID == nil })
	set := idSet(t.g, ids)
	var got figureRows
	for _, q := range []*gorm.DB{
		t.g.Where("requirement_id IN ?", set).Find(&got.requirements),
		t.g.Where("requirement_id IN ?", set).Find(&got.gaps), // migration 00009 indexes these two
		t.g.Where("requirement_id IN ?", set).Find(&got.impacts),
	} {
		if q.Error != nil {
			return q.Error
		}
	}
	// A batch of measurements may reach most of the portfolio: its
	// commitments go by chunks, under MySQL's 65,535 placeholders.
	for chunk := range slices.Chunk(mapSlice(snap.Commitments, func(c *alliance.Commitment) int64 { return c.ID }), maxParams) {
		var rows []*commitmentFigureRow
		if err := t.g.Where("commitment_id IN ?", idSet(t.g, chunk)).Find(&rows).Error; err != nil {
			return err
		}
		got.commitments = append(got.commitments, rows...)
	}

	// What moved the aggregates: a requirement whose status or percent is
	// not what is stored, or that appeared or went.
	moved := map[int64]bool{}
	before := keyed(got.requirements, func(r *requirementFigureRow) int64 { return r.RequirementID })
	for _, r := range want.requirements {
		if b, ok := before[r.RequirementID]; !ok || b.Status != r.Status || b.Percent != r.Percent {
			moved[r.RequirementID] = true
		}
	}
	after := keyed(want.requirements, func(r *requirementFigureRow) int64 { return r.RequirementID })
	for _, r := range got.requirements {
		if _, ok := after[r.RequirementID]; !ok {
			moved[r.RequirementID] = true
		}
	}

	if err := writeChanged(t, "requirement_figures", "requirement_id", want.requirements, got.requirements,
		func(r *requirementFigureRow) int64 { return r.RequirementID }); err != nil {
		return err
	}
	if err := writeChanged(t, "commitment_figures", "commitment_id", want.commitments, got.commitments,
		func(r *commitmentFigureRow) int64 { return r.CommitmentID }); err != nil {
		return err
	}
	if err := writeChanged(t, "impact_figures", "commitment_id", want.impacts, got.impacts,
		func(r *impactFigureRow) int64 { return r.CommitmentID }); err != nil {
		return err
	}
	if err := t.writeChangedGaps(want.gaps, got.gaps); err != nil {
		return err
	}
	if len(moved) == 0 {
		return nil
	}
	var objectives, movedClients []int64
	for _, r := range snap.Requirements {
		if moved[r.ID] {
			objectives = append(objectives, r.ObjectiveID)
		}
	}
	for r := range moved {
		movedClients = append(movedClients, t.requirements[r])
	}
	return t.sumClients(unique(movedClients), unique(objectives))
}

// keyed returns rows by key.
func keyed[R any, K comparable](rows []*R, key func(*R) K) map[K]*R {
	out := make(map[K]*R, len(rows))
	for _, r := range rows {
		out[key(r)] = r
	}
	return out
}

// writeChanged writes the rows of want that are not stored as they are in
// got (matched by key), and deletes the rows of got that want has not.
func writeChanged[R comparable](t *tx, table, column string, want, got []*R, key func(*R) int64) error {
	stored := keyed(got, key)
	var write []*R
	for _, w := range want {
		if s, ok := stored[key(w)]; !ok || *s != *w {
			write = append(write, w)
		}
	}
	wanted := keyed(want, key)
	var gone []int64
	for _, g := range got {
		if _, ok := wanted[key(g)]; !ok {
			gone = append(gone, key(g))
		}
	}
	if err := t.deleteKeys(table, column, gone); err != nil {
		return err
	}
	return upsert(t.g, write)
}

// deleteKeys deletes the rows of table whose column is one of keys.
func (t *tx) deleteKeys(table, column string, keys []int64) error {
	for chunk := range slices.Chunk(keys, maxParams) {
		if err := t.g.Exec("DELETE FROM "+table+" WHERE "+column+" IN ?", idSet(t.g, chunk)).Error; err != nil {
			return err
		}
	}
	return nil
}

// writeChangedGaps replaces the stored gap list entries of requirements
// (got) whose entry is not what want says (an entry's id is the table's
// own, so entries are compared by what they say).
func (t *tx) writeChangedGaps(want, got []*gapRow) error {
	same := func(a, b *gapRow) bool {
		return a.SortKey == b.SortKey && a.Kind == b.Kind && a.Message == b.Message &&
			deref(a.ClientID) == deref(b.ClientID) && deref(a.ObjectiveID) == deref(b.ObjectiveID) &&
			deref(a.RequirementID) == deref(b.RequirementID) && deref(a.ServiceID) == deref(b.ServiceID)
	}
	stored := map[int64][]*gapRow{}
	for _, g := range got {
		stored[deref(g.RequirementID)] = append(stored[deref(g.RequirementID)], g)
	}
	var gone []int64
	var write []*gapRow
	kept := map[*gapRow]bool{}
	for _, w := range want {
		of := stored[deref(w.RequirementID)]
		if i := slices.IndexFunc(of, func(g *gapRow) bool { return !kept[g] && same(g, w) }); i >= 0 {
			kept[of[i]] = true
			continue
		}
		write = append(write, w)
	}
	for _, g := range got {
		if !kept[g] {
			gone = append(gone, g.ID)
		}
	}
	if err := t.deleteKeys("gap_entries", "id", gone); err != nil {
		return err
	}
	return insert(t.g, write)
}

// sumClients recomputes, from the stored requirement figures, the scores of
// objectives and the score, status counts and gap count of clients, writes
// those that changed, and extends the clients' score histories.
func (t *tx) sumClients(clients, objectives []int64) error {
	slices.Sort(clients)
	var reqs []struct {
		ClientID    int64
		ObjectiveID int64
		Priority    string
		Status      string
		Percent     int
	}
	if err := t.g.Raw(`SELECT f.client_id, r.objective_id, r.priority, f.status, f.percent
		FROM requirement_figures f JOIN requirements r ON r.id = f.requirement_id
		WHERE f.client_id IN ?`, idSet(t.g, clients)).Scan(&reqs).Error; err != nil {
		return err
	}
	var gaps []struct{ ClientID, N int64 }
	if err := t.g.Raw(`SELECT client_id, COUNT(*) AS n FROM gap_entries WHERE client_id IN ? GROUP BY client_id`,
		idSet(t.g, clients)).Scan(&gaps).Error; err != nil {
		return err
	}
	type sums struct{ num, den int64 }
	objSums := map[int64]*sums{}
	clientOf := map[int64]int64{}
	want := make(map[int64]*clientFigureRow, len(clients))
	for _, id := range clients {
		want[id] = &clientFigureRow{ClientID: id}
	}
	for _, r := range reqs {
		w := coverage.Weight(alliance.Priority(r.Priority))
		c := want[r.ClientID]
		c.ScoreNum += w * int64(r.Percent)
		c.ScoreDen += w
		switch coverage.Status(r.Status) {
		case coverage.Covered:
			c.Covered++
		case coverage.Partial:
			c.Partial++
		case coverage.UnderDelivered:
			c.UnderDelivered++
		case coverage.Overpromised:
			c.Overpromised++
		case coverage.PlannedOnly:
			c.Planned++
		case coverage.Gap:
			c.Gap++
		}
		if s := objSums[r.ObjectiveID]; s != nil {
			s.num, s.den = s.num+w*int64(r.Percent), s.den+w
		} else {
			objSums[r.ObjectiveID] = &sums{w * int64(r.Percent), w}
		}
		clientOf[r.ObjectiveID] = r.ClientID
	}
	for _, g := range gaps {
		if c := want[g.ClientID]; c != nil {
			c.GapCount = int(g.N)
		}
	}
	for _, c := range want {
		c.Score = coverage.ScoreOf(c.ScoreNum, c.ScoreDen)
	}

	var gotClients []*clientFigureRow
	var gotObjectives []*objectiveFigureRow
	for _, q := range []*gorm.DB{
		t.g.Where("client_id IN ?", idSet(t.g, clients)).Find(&gotClients),
		t.g.Where("objective_id IN ?", idSet(t.g, objectives)).Find(&gotObjectives),
	} {
		if q.Error != nil {
			return q.Error
		}
	}
	stored := keyed(gotClients, func(r *clientFigureRow) int64 { return r.ClientID })
	var writeClients []*clientFigureRow
	for _, id := range clients {
		w, s := want[id], stored[id]
		if s == nil || !sameClientFigures(s, w) {
			writeClients = append(writeClients, w)
		}
	}
	storedObjectives := keyed(gotObjectives, func(r *objectiveFigureRow) int64 { return r.ObjectiveID })
	var writeObjectives []*objectiveFigureRow
	for _, id := range objectives {
		w := &objectiveFigureRow{ObjectiveID: id, ClientID: clientOf[id]}
		if s := objSums[id]; s != nil {
			w.Score = coverage.ScoreOf(s.num, s.den)
		}
		if s := storedObjectives[id]; s == nil || s.ClientID != w.ClientID || !coverage.SameScore(s.Score, w.Score) {
			writeObjectives = append(writeObjectives, w)
		}
	}
	if err := upsert(t.g, writeObjectives); err != nil {
		return err
	}
	if err := upsert(t.g, writeClients); err != nil {
		return err
	}
	return t.recordScoresOf(clients, func(id int64) (*float64, bool) { return want[id].Score, true })
}

// sameClientFigures reports whether two rows of client figures say the same.
func sameClientFigures(a, b *clientFigureRow) bool {
	x, y := *a, *b
	x.Score, y.Score = nil, nil
	return x == y && coverage.SameScore(a.Score, b.Score)
}
