package importer

import (
	"fmt"
	"strings"
	"time"

	"alliance"
)

// clientOf finds the client a row names in its client column; ok is false
// when it names none (the row is refused, unless the client's own row was).
func (p *planner) clientOf(t *table, r row) (*alliance.Client, bool) {
	name, _ := t.cell(r, "client")
	key := alliance.NameKey(strings.TrimSpace(name))
	if c := p.clients[key]; c != nil {
		p.named[t.sheet][c.ID] = true
		return c, true
	}
	if !p.failed["client:"+key] {
		if name == "" {
			p.problem(t, r, "client", "the client must be named")
		} else {
			names := make([]string, 0, len(p.clients))
			for _, c := range p.clients {
				names = append(names, c.Name)
			}
			p.notFound(t, r, "client", "client", name, names)
		}
	}
	return nil, false
}

// objectiveOf finds the objective a row names in its client and objective
// columns.
func (p *planner) objectiveOf(t *table, r row) (*alliance.Objective, bool) {
	c, ok := p.clientOf(t, r)
	if !ok {
		return nil, false
	}
	title, _ := t.cell(r, "objective")
	if o := p.objectives[objectiveKey{c.ID, alliance.NameKey(title)}]; o != nil {
		return o, true
	}
	if !p.failed[fmt.Sprintf("objective:%d:%s", c.ID, alliance.NameKey(title))] {
		var names []string
		for k, o := range p.objectives {
			if k.client == c.ID {
				names = append(names, o.Title)
			}
		}
		p.notFound(t, r, "objective", "objective of "+c.Name, title, names)
	}
	return nil, false
}

// requirementOf finds the requirement a row names in its client, objective
// and requirement columns.
func (p *planner) requirementOf(t *table, r row) (*alliance.Requirement, bool) {
	o, ok := p.objectiveOf(t, r)
	if !ok {
		return nil, false
	}
	title, _ := t.cell(r, "requirement")
	if q := p.requirements[requirementKey{o.ID, alliance.NameKey(title)}]; q != nil {
		return q, true
	}
	if !p.failed[fmt.Sprintf("requirement:%d:%s", o.ID, alliance.NameKey(title))] {
		var names []string
		for k, q := range p.requirements {
			if k.objective == o.ID {
				names = append(names, q.Title)
			}
		}
		p.notFound(t, r, "requirement", "requirement under "+o.Title, title, names)
	}
	return nil, false
}

// serviceOf finds the service a row names in its service column.
func (p *planner) serviceOf(t *table, r row) (*alliance.Service, bool) {
	name, _ := t.cell(r, "service")
	key := alliance.NameKey(strings.TrimSpace(name))
	if s := p.services[key]; s != nil {
		return s, true
	}
	if !p.failed["service:"+key] {
		names := make([]string, 0, len(p.services))
		for _, s := range p.services {
			names = append(names, s.Name)
		}
		p.notFound(t, r, "service", "service", name, names)
	}
	return nil, false
}

func (p *planner) objective(t *table, r row) {
	c, ok := p.clientOf(t, r)
	if !ok {
		return
	}
	title, _ := t.cell(r, "title")
	key := objectiveKey{c.ID, alliance.NameKey(title)}
	failKey := fmt.Sprintf("objective:%d:%s", c.ID, key.title)
	if !p.once(t, r, failKey, fmt.Sprintf("the objective %q of %s", title, c.Name)) {
		return
	}
	in := alliance.ObjectiveInput{ClientID: c.ID, Title: title, Description: textInput(t, r, "description"),
		Owner: textInput(t, r, "owner"), Priority: enumCell[alliance.Priority](t, r, "priority")}
	patch := alliance.ObjectivePatch{Description: textPatch(t, r, "description"), Owner: textPatch(t, r, "owner")}
	if in.Priority != nil {
		patch.Priority = alliance.Optional[alliance.Priority]{Set: true, Value: in.Priority}
	}
	label := c.Name + " / " + strings.TrimSpace(title)
	existing := p.objectives[key]
	if existing == nil {
		o, err := in.Objective()
		if err != nil {
			p.refuse(t, r, err)
			p.failed[failKey] = true
			return
		}
		o.ID = p.id()
		p.objectives[key] = o
		p.ch.Objectives = append(p.ch.Objectives, alliance.Change[alliance.Objective]{After: o})
		p.created(t, r, label, objectiveFields(o))
		return
	}
	p.matched[fmt.Sprintf("objective:%d", existing.ID)] = true
	if strings.TrimSpace(title) != existing.Title {
		patch.Title = alliance.Some(title)
	}
	after := *existing
	if err := patch.Apply(&after); err != nil {
		p.refuse(t, r, err)
		return
	}
	if p.updated(t, r, label, objectiveFields(existing), objectiveFields(&after)) {
		p.ch.Objectives = append(p.ch.Objectives, alliance.Change[alliance.Objective]{Before: existing, After: &after})
		p.objectives[key] = &after
	}
}

func enumCell[T ~string](t *table, r row, name string) *T {
	v, _ := t.cell(r, name)
	return enum[T](v)
}

func objectiveFields(o *alliance.Objective) fields {
	return fields{{"title", o.Title}, {"description", text(o.Description)}, {"owner", text(o.Owner)}, {"priority", string(o.Priority)}}
}

func (p *planner) requirement(t *table, r row) {
	o, ok := p.objectiveOf(t, r)
	if !ok {
		return
	}
	title, _ := t.cell(r, "title")
	key := requirementKey{o.ID, alliance.NameKey(title)}
	failKey := fmt.Sprintf("requirement:%d:%s", o.ID, key.title)
	if !p.once(t, r, failKey, fmt.Sprintf("the requirement %q of %s", title, o.Title)) {
		return
	}
	in := alliance.RequirementInput{ObjectiveID: o.ID, Title: title, Description: textInput(t, r, "description"),
		Priority: enumCell[alliance.Priority](t, r, "priority")}
	patch := alliance.RequirementPatch{Description: textPatch(t, r, "description")}
	if in.Priority != nil {
		patch.Priority = alliance.Optional[alliance.Priority]{Set: true, Value: in.Priority}
	}
	ls, set, ok := p.levelsOf(t, r)
	if !ok {
		p.failed[failKey] = true
		return
	}
	in.Targets = ls
	if set {
		patch.Targets = alliance.Some(ls)
	}
	client, _ := t.cell(r, "client")
	label := strings.TrimSpace(client) + " / " + o.Title + " / " + strings.TrimSpace(title)
	existing := p.requirements[key]
	if existing == nil {
		q, err := in.Requirement()
		if err == nil {
			err = p.checkLevels(q.Targets, "targets")
		}
		if err != nil {
			p.refuse(t, r, err)
			p.failed[failKey] = true
			return
		}
		q.ID = p.id()
		p.requirements[key] = q
		p.ch.Requirements = append(p.ch.Requirements, alliance.Change[alliance.Requirement]{After: q})
		p.created(t, r, label, requirementFields(q))
		return
	}
	p.matched[fmt.Sprintf("requirement:%d", existing.ID)] = true
	if strings.TrimSpace(title) != existing.Title {
		patch.Title = alliance.Some(title)
	}
	after := *existing
	err := patch.Apply(&after)
	if err == nil && set {
		err = p.checkLevels(after.Targets, "targets")
	}
	if err != nil {
		p.refuse(t, r, err)
		return
	}
	if p.updated(t, r, label, requirementFields(existing), requirementFields(&after)) {
		p.ch.Requirements = append(p.ch.Requirements, alliance.Change[alliance.Requirement]{Before: existing, After: &after})
		p.requirements[key] = &after
	}
}

func requirementFields(q *alliance.Requirement) fields {
	return fields{{"title", q.Title}, {"description", text(q.Description)}, {"priority", string(q.Priority)}, {"targets", levelText(q.Targets)}}
}

func (p *planner) commitment(t *table, r row) {
	q, okQ := p.requirementOf(t, r)
	s, okS := p.serviceOf(t, r)
	if !okQ || !okS {
		return
	}
	key := [2]int64{q.ID, s.ID}
	label := fmt.Sprintf("%s → %s", q.Title, s.Name)
	if !p.once(t, r, fmt.Sprintf("commitment:%d:%d", q.ID, s.ID), fmt.Sprintf("the commitment of %q to %q", s.Name, q.Title)) {
		return
	}
	in := alliance.CommitmentInput{RequirementID: q.ID, ServiceID: s.ID, Note: textInput(t, r, "note")}
	patch := alliance.CommitmentPatch{Note: textPatch(t, r, "note")}
	for _, f := range []struct {
		name string
		in   **int
		o    *alliance.Optional[int]
	}{{"coveragePercent", &in.CoveragePercent, &patch.CoveragePercent}, {"capacityUnits", &in.CapacityUnits, &patch.CapacityUnits}} {
		v, _ := t.cell(r, f.name)
		if v == "" {
			continue
		}
		n, err := whole(v)
		if err != nil {
			p.problem(t, r, f.name, "%v", err)
			return
		}
		*f.in = &n
		*f.o = alliance.Some(n)
	}
	existing := p.commitments[key]
	if existing == nil {
		c, err := in.Commitment()
		if err != nil {
			p.refuse(t, r, err)
			return
		}
		if p.limited && in.CapacityUnits != nil {
			p.problem(t, r, "capacityUnits", "a token or user limited to one client cannot set capacity units: they are the provider's")
			return
		}
		c.ID = p.id()
		p.commitments[key] = c
		p.ch.Commitments = append(p.ch.Commitments, alliance.Change[alliance.Commitment]{After: c})
		p.created(t, r, label, commitmentFields(c))
		return
	}
	p.matched[fmt.Sprintf("commitment:%d", existing.ID)] = true
	after := *existing
	if err := patch.Apply(&after); err != nil {
		p.refuse(t, r, err)
		return
	}
	if p.limited && after.CapacityUnits != existing.CapacityUnits {
		p.problem(t, r, "capacityUnits", "a token or user limited to one client cannot set capacity units: they are the provider's")
		return
	}
	if p.updated(t, r, label, commitmentFields(existing), commitmentFields(&after)) {
		p.ch.Commitments = append(p.ch.Commitments, alliance.Change[alliance.Commitment]{Before: existing, After: &after})
		p.commitments[key] = &after
	}
}

func commitmentFields(c *alliance.Commitment) fields {
	return fields{{"coveragePercent", fmt.Sprint(c.CoveragePercent)}, {"capacityUnits", fmt.Sprint(c.CapacityUnits)}, {"note", text(c.Note)}}
}

func (p *planner) measurement(t *table, r row) {
	if p.limited {
		p.problem(t, r, "", "a token or user limited to one client cannot record measurements")
		return
	}
	s, ok := p.serviceOf(t, r)
	if !ok {
		return
	}
	p.named[t.sheet][s.ID] = true
	metric, _ := t.cell(r, "metric")
	in := alliance.MeasurementInput{ServiceID: s.ID, Metric: metric, Source: textInput(t, r, "source")}
	for _, f := range []struct {
		name string
		at   *time.Time
	}{{"periodStart", &in.PeriodStart}, {"periodEnd", &in.PeriodEnd}} {
		v, _ := t.cell(r, f.name)
		m, err := moment(v)
		if err != nil {
			p.problem(t, r, f.name, "%v", err)
			return
		}
		*f.at = m
	}
	v, _ := t.cell(r, "value")
	var err error
	if in.Value, err = number(v); err != nil {
		p.problem(t, r, "value", "%v", err)
		return
	}
	m, err := in.Measurement()
	if err == nil {
		err = p.checkLevels([]alliance.Level{{Metric: m.Metric, Value: m.Value}}, "")
	}
	if err != nil {
		p.refuse(t, r, err)
		return
	}
	key := measurementKey{s.ID, m.Metric, m.PeriodStart.UnixMicro(), m.PeriodEnd.UnixMicro()}
	label := fmt.Sprintf("%s %s %s to %s", s.Name, m.Metric, timeText(m.PeriodStart), timeText(m.PeriodEnd))
	if !p.once(t, r, fmt.Sprintf("measurement:%v", key), "the measurement "+label) {
		return
	}
	existing := p.measurements[key]
	if existing == nil {
		m.ID = p.id()
		p.measurements[key] = m
		p.ch.Measurements = append(p.ch.Measurements, alliance.Change[alliance.Measurement]{After: m})
		p.created(t, r, label, measurementFields(m))
		return
	}
	p.matched[fmt.Sprintf("measurement:%d", existing.ID)] = true
	after := *existing
	after.Value = m.Value
	if _, has := t.cell(r, "source"); has {
		after.Source = m.Source
	}
	if p.updated(t, r, label, measurementFields(existing), measurementFields(&after)) {
		p.ch.Measurements = append(p.ch.Measurements, alliance.Change[alliance.Measurement]{Before: existing, After: &after})
	}
}

func measurementFields(m *alliance.Measurement) fields {
	return fields{{"value", figure(m.Value)}, {"source", text(m.Source)}}
}

// leftOut counts the stored rows of a sheet's entity that the file does not
// name, and with prune removes those within its reach: every client or
// service the file leaves out, and the objectives, requirements and
// commitments of the clients the sheet names (the measurements of the
// services it names).
func (p *planner) leftOut(t *table) {
	sum := p.summary[t.sheet]
	named := p.named[t.sheet]
	objectiveClient := map[int64]int64{}
	for _, o := range p.st.Objectives {
		objectiveClient[o.ID] = o.ClientID
	}
	requirementClient := map[int64]int64{}
	for _, q := range p.st.Requirements {
		requirementClient[q.ID] = objectiveClient[q.ObjectiveID]
	}
	serviceName := map[int64]string{}
	for _, sv := range p.st.Services {
		serviceName[sv.ID] = sv.Name
	}
	requirementTitle := map[int64]string{}
	for _, q := range p.st.Requirements {
		requirementTitle[q.ID] = q.Title
	}
	drop := func(kind string, id int64, reach bool, key, detail string, remove func()) {
		if p.matched[fmt.Sprintf("%s:%d", kind, id)] {
			return
		}
		if !p.prune || !reach {
			sum.LeftAlone++
			return
		}
		sum.Deleted++
		remove()
		p.report.Changes = append(p.report.Changes, &Change{Sheet: t.source, Action: Delete, Key: key, Detail: detail})
	}
	switch t.sheet.name {
	case "Clients":
		for _, c := range p.st.Clients {
			drop("client", c.ID, true, c.Name, "with its objectives, requirements and commitments", func() {
				if p.limited {
					p.report.Problems = append(p.report.Problems, Problem{Sheet: t.source, Message: fmt.Sprintf("a token or user limited to one client cannot remove clients (%q is not in the file)", c.Name)})
				}
				p.ch.Clients = append(p.ch.Clients, alliance.Change[alliance.Client]{Before: c})
			})
		}
	case "Services":
		for _, s := range p.st.Services {
			drop("service", s.ID, true, s.Name, "with its commitments and measurements", func() {
				p.ch.Services = append(p.ch.Services, alliance.Change[alliance.Service]{Before: s})
			})
		}
	case "Objectives":
		for _, o := range p.st.Objectives {
			drop("objective", o.ID, named[o.ClientID], o.Title, "with its requirements and their commitments", func() {
				p.ch.Objectives = append(p.ch.Objectives, alliance.Change[alliance.Objective]{Before: o})
			})
		}
	case "Requirements":
		for _, q := range p.st.Requirements {
			drop("requirement", q.ID, named[requirementClient[q.ID]], q.Title, "with its commitments", func() {
				p.ch.Requirements = append(p.ch.Requirements, alliance.Change[alliance.Requirement]{Before: q})
			})
		}
	case "Commitments":
		for _, c := range p.st.Commitments {
			drop("commitment", c.ID, named[requirementClient[c.RequirementID]], requirementTitle[c.RequirementID]+" → "+serviceName[c.ServiceID], "", func() {
				p.ch.Commitments = append(p.ch.Commitments, alliance.Change[alliance.Commitment]{Before: c})
			})
		}
	case "Measurements":
		for _, m := range p.st.Measurements {
			drop("measurement", m.ID, named[m.ServiceID], fmt.Sprintf("%s %s %s to %s", serviceName[m.ServiceID], m.Metric, timeText(m.PeriodStart), timeText(m.PeriodEnd)), "", func() {
				p.ch.Measurements = append(p.ch.Measurements, alliance.Change[alliance.Measurement]{Before: m})
			})
		}
	}
}
