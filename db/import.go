package db

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"gorm.io/gorm"

	"alliance"
)

// ImportState reads the whole map an import matches its rows against: what
// the caller may see of it (a client-limited principal sees its client's map
// and the whole catalog).
func (db *DB) ImportState(ctx context.Context) (*alliance.ImportState, error) {
	g, done := db.reader(ctx)
	defer done()
	return loadImportState(ctx, g, scopeOf(ctx))
}

func loadImportState(ctx context.Context, g *gorm.DB, s scope) (*alliance.ImportState, error) {
	g = g.WithContext(ctx)
	var (
		metrics      []*metricRow
		clients      []*clientRow
		objectives   []*objectiveRow
		requirements []*requirementRow
		services     []*serviceRow
		commitments  []*commitmentRow
		measurements []*measurementRow
	)
	for _, q := range []*gorm.DB{
		g.Order("metric_key").Find(&metrics),
		s.byClient(g, "id").Order("id").Find(&clients),
		s.byClient(g, "client_id").Order("id").Find(&objectives),
		s.byObjective(g, "objective_id").Order("id").Find(&requirements),
		g.Order("id").Find(&services),
		s.byRequirement(g, "requirement_id").Order("id").Find(&commitments),
		g.Order("id").Find(&measurements),
	} {
		if q.Error != nil {
			return nil, q.Error
		}
	}
	targets, err := allLevels(g, targetsTable, s.byObjective(g.Model(&requirementRow{}).Select("id"), "objective_id"))
	if err != nil {
		return nil, err
	}
	designed, err := allLevels(g, designedTable, nil)
	if err != nil {
		return nil, err
	}
	st := &alliance.ImportState{
		Metrics:      mapSlice(metrics, (*metricRow).domain),
		Clients:      mapSlice(clients, (*clientRow).domain),
		Objectives:   mapSlice(objectives, (*objectiveRow).domain),
		Requirements: mapSlice(requirements, (*requirementRow).domain),
		Services:     mapSlice(services, (*serviceRow).domain),
		Commitments:  mapSlice(commitments, (*commitmentRow).domain),
		Measurements: mapSlice(measurements, (*measurementRow).domain),
	}
	for _, r := range st.Requirements {
		if l := targets[r.ID]; l != nil {
			r.Targets = l
		}
	}
	for _, sv := range st.Services {
		if l := designed[sv.ID]; l != nil {
			sv.DesignedLevels = l
		}
	}
	return st, nil
}

// allLevels reads every level of a table (of the owners owners selects, when
// set), ordered by metric key.
func allLevels(g *gorm.DB, lt levelTable, owners *gorm.DB) (map[int64][]alliance.Level, error) {
	q := g.Table(lt.table).Select(lt.owner + " AS owner_id, metric_key, value")
	if owners != nil {
		q = q.Where(lt.owner+" IN (?)", owners)
	}
	var rows []*levelRow
	if err := q.Order(lt.owner).Order("metric_key").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := map[int64][]alliance.Level{}
	for _, r := range rows {
		out[r.OwnerID] = append(out[r.OwnerID], alliance.Level{Metric: r.MetricKey, Value: r.Value})
	}
	return out, nil
}

// Import runs plan over the map in one write transaction and writes the
// changes it returns, in batches, with one audit entry per change carrying
// the import's id, and the stored figures of everything they move brought
// up to date before it commits. When plan or any write fails, nothing is
// written.
func (db *DB) Import(ctx context.Context, plan func(*alliance.ImportState) (*alliance.ImportChanges, error)) error {
	var recorded int
	err := db.write(ctx, func(t *tx) error {
		st, err := loadImportState(t.ctx, t.g, t.scope)
		if err != nil {
			return err
		}
		ch, err := plan(st)
		if err != nil || ch == nil {
			return err
		}
		recorded = 0
		for _, c := range ch.Measurements {
			if c.Before == nil && c.After != nil {
				recorded++
			}
		}
		return (&importer{tx: t, ch: ch, total: ch.Size()}).apply(st)
	})
	if err == nil && !inTransaction(ctx) {
		db.CountRecorded("import", recorded)
	}
	return err
}

// importer writes one import's changes.
type importer struct {
	*tx
	ch          *alliance.ImportChanges
	total, done int
	// ids maps the provisional (negative) ids of created rows to theirs.
	clients, objectives, requirements, services map[int64]int64
	// objectiveClient is the client of each objective, requirementObject
	// the objective of each requirement.
	objectiveClient   map[int64]int64
	requirementObject map[int64]int64
	audits            []*auditRow
}

func (im *importer) apply(st *alliance.ImportState) error {
	if im.scope.limited && (len(im.ch.Services) > 0 || len(im.ch.Measurements) > 0) {
		return im.scope.forbid("change the service catalog or record measurements")
	}
	im.clients, im.objectives, im.requirements, im.services = map[int64]int64{}, map[int64]int64{}, map[int64]int64{}, map[int64]int64{}
	im.objectiveClient, im.requirementObject = map[int64]int64{}, map[int64]int64{}
	for _, o := range st.Objectives {
		im.objectiveClient[o.ID] = o.ClientID
	}
	for _, r := range st.Requirements {
		im.requirementObject[r.ID] = r.ObjectiveID
	}
	g := im.g.Session(&gorm.Session{Logger: &batchLogger{im.g.Logger}})
	im.g = g
	for _, step := range []func() error{
		im.deletes, im.writeClients, im.writeServices, im.writeObjectives,
		im.writeRequirements, im.writeCommitments, im.writeMeasurements,
	} {
		if err := step(); err != nil {
			return err
		}
	}
	return insertBatches(im.g, im.audits, nil)
}

func (im *importer) progress(n int) {
	im.done += n
	if im.ch.Progress != nil {
		im.ch.Progress(im.done, im.total)
	}
}

// record queues the audit entry of a change.
func (im *importer) record(entity string, id, client int64, before, after any) error {
	action := alliance.ActionUpdate
	switch {
	case before == nil:
		action = alliance.ActionCreate
	case after == nil:
		action = alliance.ActionDelete
	}
	row := &auditRow{At: im.now, Actor: im.actor, Action: string(action), Entity: entity, EntityID: fmt.Sprint(id)}
	if client != 0 {
		row.ClientID = &client
	}
	var err error
	if row.BeforeJSON, err = jsonOf(before); err != nil {
		return err
	}
	if row.AfterJSON, err = jsonOf(after); err != nil {
		return err
	}
	if im.ch.ID != "" {
		rid := im.ch.ID
		row.RequestID = &rid
	}
	im.audits = append(im.audits, row)
	return nil
}

// resolve returns the id a reference names: a provisional id is replaced by
// the id its row was given.
func resolve(ids map[int64]int64, id int64) int64 {
	if id < 0 {
		return ids[id]
	}
	return id
}

// deletes removes what a pruning import drops, children first, marking what
// the removals move.
func (im *importer) deletes() error {
	var measurements, commitments, requirements, objectives, services, clients []int64
	for _, c := range im.ch.Measurements {
		if c.After == nil {
			measurements = append(measurements, c.Before.ID)
			if err := im.touchService(c.Before.ServiceID); err != nil {
				return err
			}
			if err := im.record(alliance.EntityMeasurement, c.Before.ID, 0, c.Before, nil); err != nil {
				return err
			}
		}
	}
	for _, c := range im.ch.Commitments {
		if c.After == nil {
			commitments = append(commitments, c.Before.ID)
			im.touchServices(c.Before.ServiceID)
			client := im.objectiveClient[im.requirementObject[c.Before.RequirementID]]
			im.touch(client)
			if err := im.record(alliance.EntityCommitment, c.Before.ID, client, c.Before, nil); err != nil {
				return err
			}
		}
	}
	for _, c := range im.ch.Requirements {
		if c.After == nil {
			requirements = append(requirements, c.Before.ID)
			client := im.objectiveClient[c.Before.ObjectiveID]
			im.touch(client)
			if err := im.record(alliance.EntityRequirement, c.Before.ID, client, c.Before, nil); err != nil {
				return err
			}
		}
	}
	for _, c := range im.ch.Objectives {
		if c.After == nil {
			objectives = append(objectives, c.Before.ID)
			im.touch(c.Before.ClientID)
			if err := im.record(alliance.EntityObjective, c.Before.ID, c.Before.ClientID, c.Before, nil); err != nil {
				return err
			}
		}
	}
	for _, c := range im.ch.Services {
		if c.After == nil {
			services = append(services, c.Before.ID)
			if err := im.touchService(c.Before.ID); err != nil {
				return err
			}
			if err := im.record(alliance.EntityService, c.Before.ID, 0, c.Before, nil); err != nil {
				return err
			}
		}
	}
	for _, c := range im.ch.Clients {
		if c.After == nil {
			clients = append(clients, c.Before.ID)
			im.touch(c.Before.ID)
			if err := im.touchServicesOfClient(c.Before.ID); err != nil {
				return err
			}
			if err := im.record(alliance.EntityClient, c.Before.ID, c.Before.ID, c.Before, nil); err != nil {
				return err
			}
		}
	}
	// What goes with a removed requirement moves its services' sums.
	if len(requirements) > 0 {
		for chunk := range slices.Chunk(requirements, maxParams) {
			if err := im.touchServicesWhere(im.g.Table("commitments").Where("requirement_id IN ?", idSet(im.g, chunk))); err != nil {
				return err
			}
		}
	}
	for _, d := range []struct {
		table string
		ids   []int64
	}{
		{"measurements", measurements}, {"commitments", commitments}, {"requirements", requirements},
		{"objectives", objectives}, {"services", services}, {"clients", clients},
	} {
		for chunk := range slices.Chunk(d.ids, maxParams) {
			if err := im.g.Exec("DELETE FROM "+d.table+" WHERE id IN ?", idSet(im.g, chunk)).Error; err != nil {
				return err
			}
		}
		im.progress(len(d.ids))
	}
	if len(services) > 0 {
		return im.forget("service_id", services)
	}
	return nil
}

func (im *importer) writeClients() error {
	var created []*alliance.Client
	var rows []*clientRow
	for _, c := range im.ch.Clients {
		switch {
		case c.After == nil:
		case c.Before == nil:
			cl := *c.After
			cl.CreatedAt, cl.UpdatedAt = im.now, im.now
			created = append(created, &cl)
			rows = append(rows, clientRowOf(&cl))
		default:
			cl := *c.After
			cl.UpdatedAt = im.now
			if err := im.save(clientRowOf(&cl)); err != nil {
				return err
			}
			im.touch(cl.ID)
			if (c.Before.Status == alliance.Churned) != (cl.Status == alliance.Churned) {
				if err := im.touchServicesOfClient(cl.ID); err != nil {
					return err
				}
			}
			if err := im.record(alliance.EntityClient, cl.ID, cl.ID, c.Before, &cl); err != nil {
				return err
			}
			im.progress(1)
		}
	}
	provisional := mapSlice(created, func(c *alliance.Client) int64 { return c.ID })
	for _, r := range rows {
		r.ID = 0
	}
	if err := insertBatches(im.g, rows, im.progress); err != nil {
		return err
	}
	for i, c := range created {
		im.clients[provisional[i]] = rows[i].ID
		c.ID = rows[i].ID
		im.touch(c.ID)
		if err := im.record(alliance.EntityClient, c.ID, c.ID, nil, c); err != nil {
			return err
		}
	}
	return nil
}

func (im *importer) writeServices() error {
	var created []*alliance.Service
	var rows []*serviceRow
	var relevel []*alliance.Service
	for _, c := range im.ch.Services {
		switch {
		case c.After == nil:
		case c.Before == nil:
			s := *c.After
			s.CreatedAt, s.UpdatedAt = im.now, im.now
			s.DesignedLevels = sortLevels(s.DesignedLevels)
			created = append(created, &s)
			rows = append(rows, serviceRowOf(&s))
		default:
			s := *c.After
			s.UpdatedAt = im.now
			s.DesignedLevels = sortLevels(s.DesignedLevels)
			if err := im.save(serviceRowOf(&s)); err != nil {
				return err
			}
			if err := im.reviewLevels(s.ID, s.Name, c.Before.DesignedLevels, s.DesignedLevels); err != nil {
				return err
			}
			relevel = append(relevel, &s)
			im.touchCosts(s.ID)
			if err := im.touchService(s.ID); err != nil {
				return err
			}
			if err := im.record(alliance.EntityService, s.ID, 0, c.Before, &s); err != nil {
				return err
			}
			im.progress(1)
		}
	}
	provisional := mapSlice(created, func(s *alliance.Service) int64 { return s.ID })
	for _, r := range rows {
		r.ID = 0
	}
	if err := insertBatches(im.g, rows, im.progress); err != nil {
		return err
	}
	for i, s := range created {
		im.services[provisional[i]] = rows[i].ID
		s.ID = rows[i].ID
		im.touchServices(s.ID)
		if err := im.record(alliance.EntityService, s.ID, 0, nil, s); err != nil {
			return err
		}
	}
	return writeLevels(im, designedTable, relevel, created, func(s *alliance.Service) (int64, []alliance.Level) {
		return s.ID, s.DesignedLevels
	})
}

func (im *importer) writeObjectives() error {
	var created []*alliance.Objective
	var rows []*objectiveRow
	for _, c := range im.ch.Objectives {
		switch {
		case c.After == nil:
		case c.Before == nil:
			o := *c.After
			o.ClientID = resolve(im.clients, o.ClientID)
			o.CreatedAt, o.UpdatedAt = im.now, im.now
			created = append(created, &o)
			rows = append(rows, objectiveRowOf(&o))
		default:
			o := *c.After
			o.UpdatedAt = im.now
			if err := im.save(objectiveRowOf(&o)); err != nil {
				return err
			}
			im.touch(o.ClientID)
			if err := im.record(alliance.EntityObjective, o.ID, o.ClientID, c.Before, &o); err != nil {
				return err
			}
			im.progress(1)
		}
	}
	provisional := mapSlice(created, func(o *alliance.Objective) int64 { return o.ID })
	for _, r := range rows {
		r.ID = 0
	}
	if err := insertBatches(im.g, rows, im.progress); err != nil {
		return err
	}
	for i, o := range created {
		im.objectives[provisional[i]] = rows[i].ID
		o.ID = rows[i].ID
		im.objectiveClient[o.ID] = o.ClientID
		im.touch(o.ClientID)
		if err := im.record(alliance.EntityObjective, o.ID, o.ClientID, nil, o); err != nil {
			return err
		}
	}
	return nil
}

func (im *importer) writeRequirements() error {
	var created []*alliance.Requirement
	var rows []*requirementRow
	var retarget []*alliance.Requirement
	for _, c := range im.ch.Requirements {
		switch {
		case c.After == nil:
		case c.Before == nil:
			r := *c.After
			r.ObjectiveID = resolve(im.objectives, r.ObjectiveID)
			r.CreatedAt, r.UpdatedAt = im.now, im.now
			r.Targets = sortLevels(r.Targets)
			created = append(created, &r)
			rows = append(rows, requirementRowOf(&r))
		default:
			r := *c.After
			r.UpdatedAt = im.now
			r.Targets = sortLevels(r.Targets)
			if err := im.save(requirementRowOf(&r)); err != nil {
				return err
			}
			if err := im.reviewTargets(r.ID, c.Before.Targets, r.Targets); err != nil {
				return err
			}
			retarget = append(retarget, &r)
			client := im.objectiveClient[r.ObjectiveID]
			im.touch(client)
			if err := im.record(alliance.EntityRequirement, r.ID, client, c.Before, &r); err != nil {
				return err
			}
			im.progress(1)
		}
	}
	provisional := mapSlice(created, func(r *alliance.Requirement) int64 { return r.ID })
	for _, r := range rows {
		r.ID = 0
	}
	if err := insertBatches(im.g, rows, im.progress); err != nil {
		return err
	}
	for i, r := range created {
		im.requirements[provisional[i]] = rows[i].ID
		r.ID = rows[i].ID
		im.requirementObject[r.ID] = r.ObjectiveID
		client := im.objectiveClient[r.ObjectiveID]
		im.touch(client)
		if err := im.record(alliance.EntityRequirement, r.ID, client, nil, r); err != nil {
			return err
		}
	}
	return writeLevels(im, targetsTable, retarget, created, func(r *alliance.Requirement) (int64, []alliance.Level) {
		return r.ID, r.Targets
	})
}

func (im *importer) writeCommitments() error {
	var created []*alliance.Commitment
	var rows []*commitmentRow
	for _, c := range im.ch.Commitments {
		switch {
		case c.After == nil:
		case c.Before == nil:
			k := *c.After
			k.RequirementID = resolve(im.requirements, k.RequirementID)
			k.ServiceID = resolve(im.services, k.ServiceID)
			k.CreatedAt, k.UpdatedAt = im.now, im.now
			actor := im.actor
			k.CreatedBy = &actor
			created = append(created, &k)
			rows = append(rows, commitmentRowOf(&k))
		default:
			k := *c.After
			k.UpdatedAt = im.now
			if err := im.save(commitmentRowOf(&k)); err != nil {
				return err
			}
			if err := im.reviewCommitment(c.Before, &k); err != nil {
				return err
			}
			im.touchServices(k.ServiceID)
			client := im.objectiveClient[im.requirementObject[k.RequirementID]]
			im.touch(client)
			if err := im.record(alliance.EntityCommitment, k.ID, client, c.Before, &k); err != nil {
				return err
			}
			im.progress(1)
		}
	}
	for _, r := range rows {
		r.ID = 0
	}
	if err := insertBatches(im.g, rows, im.progress); err != nil {
		return err
	}
	for i, k := range created {
		k.ID = rows[i].ID
		im.touchServices(k.ServiceID)
		client := im.objectiveClient[im.requirementObject[k.RequirementID]]
		im.touch(client)
		if err := im.record(alliance.EntityCommitment, k.ID, client, nil, k); err != nil {
			return err
		}
	}
	return nil
}

func (im *importer) writeMeasurements() error {
	var created []*alliance.Measurement
	var rows []*measurementRow
	measured := map[int64]bool{}
	for _, c := range im.ch.Measurements {
		switch {
		case c.After == nil:
		case c.Before == nil:
			m := *c.After
			m.ServiceID = resolve(im.services, m.ServiceID)
			m.RecordedAt = im.now
			created = append(created, &m)
			rows = append(rows, newMeasurementRow(&m))
			measured[m.ServiceID] = true
		default:
			m := *c.After
			if err := im.g.Model(&measurementRow{}).Where("id = ?", m.ID).
				Updates(map[string]any{"value": m.Value, "source": m.Source, "source_key": deref(m.Source)}).Error; err != nil {
				return err
			}
			measured[m.ServiceID] = true
			if err := im.record(alliance.EntityMeasurement, m.ID, 0, c.Before, &m); err != nil {
				return err
			}
			im.progress(1)
		}
	}
	if err := insertBatches(im.g, rows, im.progress); err != nil {
		return err
	}
	for i, m := range created {
		m.ID = rows[i].ID
		if err := im.record(alliance.EntityMeasurement, m.ID, 0, nil, m); err != nil {
			return err
		}
	}
	// A service's latest measurements reach every client committed to it.
	for _, id := range slices.Sorted(maps.Keys(measured)) {
		if err := im.touchService(id); err != nil {
			return err
		}
	}
	return nil
}

// writeLevels makes the levels of each owner, updated or created, theirs:
// the old ones of updated owners go in one statement per chunk, the new
// ones of all in batches.
func writeLevels[T any](im *importer, lt levelTable, updated, created []*T, of func(*T) (int64, []alliance.Level)) error {
	var stale []int64
	var rows [][]any
	for i, o := range append(slices.Clone(updated), created...) {
		id, levels := of(o)
		if i < len(updated) {
			stale = append(stale, id)
		}
		for _, l := range levels {
			rows = append(rows, []any{id, l.Metric, l.Value})
		}
	}
	for chunk := range slices.Chunk(stale, maxParams) {
		if err := im.g.Exec("DELETE FROM "+lt.table+" WHERE "+lt.owner+" IN ?", idSet(im.g, chunk)).Error; err != nil {
			return err
		}
	}
	for chunk := range slices.Chunk(rows, batchRows(im.g, 3)) {
		q := "INSERT INTO " + lt.table + " (" + lt.owner + ", metric_key, value) VALUES " +
			strings.TrimSuffix(strings.Repeat("(?, ?, ?), ", len(chunk)), ", ")
		args := make([]any, 0, 3*len(chunk))
		for _, r := range chunk {
			args = append(args, r...)
		}
		if err := im.g.Exec(q, args...).Error; err != nil {
			return err
		}
	}
	return nil
}

// insertBatches writes rows by multi-row INSERTs sized for the dialect (see
// generateParams), telling progress after each.
func insertBatches[R any](g *gorm.DB, rows []*R, progress func(int)) error {
	if len(rows) == 0 {
		return nil
	}
	stmt := &gorm.Statement{DB: g}
	if err := stmt.Parse(new(R)); err != nil {
		return err
	}
	for chunk := range slices.Chunk(rows, batchRows(g, len(stmt.Schema.DBNames))) {
		if err := g.Create(chunk).Error; err != nil {
			return err
		}
		if progress != nil {
			progress(len(chunk))
		}
	}
	return nil
}

// batchRows is how many rows of columns columns one INSERT carries.
func batchRows(g *gorm.DB, columns int) int {
	params := generateParamsMySQL
	if g.Dialector.Name() == SQLite {
		params = generateParamsSQLite
	}
	return max(1, params/columns)
}
