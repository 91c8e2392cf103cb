package importer

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"alliance"
)

// planner matches the rows of the tables to the stored map and works out
// the changes and the report.
type planner struct {
	st      *alliance.ImportState
	limited bool // the caller sees one client only
	prune   bool
	report  *Report
	ch      *alliance.ImportChanges
	next    int64 // the last provisional id given
	summary map[*sheet]*SheetSummary

	metrics      map[string]*alliance.Metric
	clients      map[string]*alliance.Client // by name key
	services     map[string]*alliance.Service
	objectives   map[objectiveKey]*alliance.Objective
	requirements map[requirementKey]*alliance.Requirement
	commitments  map[[2]int64]*alliance.Commitment
	measurements map[measurementKey]*alliance.Measurement
	// failed holds the keys of rows refused, so that their children are
	// not refused a second time for naming them.
	failed map[string]bool
	// seen holds, per sheet, the row each key was given in; matched the
	// stored rows the file names.
	seen    map[*sheet]map[string]int
	matched map[string]bool
	// named holds, per sheet, the clients (services for measurements) its
	// rows name: what prune reaches.
	named map[*sheet]map[int64]bool
}

type objectiveKey struct {
	client int64
	title  string
}

type requirementKey struct {
	objective int64
	title     string
}

type measurementKey struct {
	service    int64
	metric     string
	start, end int64
}

func newPlanner(st *alliance.ImportState, limited, prune bool, report *Report) *planner {
	p := &planner{
		st: st, limited: limited, prune: prune, report: report,
		ch:      &alliance.ImportChanges{ID: report.ID},
		summary: map[*sheet]*SheetSummary{},
		metrics: map[string]*alliance.Metric{}, clients: map[string]*alliance.Client{}, services: map[string]*alliance.Service{},
		objectives: map[objectiveKey]*alliance.Objective{}, requirements: map[requirementKey]*alliance.Requirement{},
		commitments: map[[2]int64]*alliance.Commitment{}, measurements: map[measurementKey]*alliance.Measurement{},
		failed: map[string]bool{}, seen: map[*sheet]map[string]int{}, matched: map[string]bool{}, named: map[*sheet]map[int64]bool{},
	}
	for _, m := range st.Metrics {
		p.metrics[m.Key] = m
	}
	for _, c := range st.Clients {
		p.clients[alliance.NameKey(c.Name)] = c
	}
	for _, s := range st.Services {
		p.services[alliance.NameKey(s.Name)] = s
	}
	for _, o := range st.Objectives {
		p.objectives[objectiveKey{o.ClientID, alliance.NameKey(o.Title)}] = o
	}
	for _, r := range st.Requirements {
		p.requirements[requirementKey{r.ObjectiveID, alliance.NameKey(r.Title)}] = r
	}
	for _, c := range st.Commitments {
		p.commitments[[2]int64{c.RequirementID, c.ServiceID}] = c
	}
	for _, m := range st.Measurements {
		p.measurements[measurementKey{m.ServiceID, m.Metric, m.PeriodStart.UnixMicro(), m.PeriodEnd.UnixMicro()}] = m
	}
	return p
}

// plan works through the tables, parents first.
func (p *planner) plan(tables []*table) {
	bySheet := map[*sheet]*table{}
	for _, t := range tables {
		bySheet[t.sheet] = t
	}
	for _, s := range sheets {
		t := bySheet[s]
		if t == nil {
			continue
		}
		sum := &SheetSummary{Sheet: t.source, Rows: len(t.rows)}
		p.summary[s] = sum
		p.report.Sheets = append(p.report.Sheets, sum)
		p.seen[s] = map[string]int{}
		p.named[s] = map[int64]bool{}
		for _, r := range t.rows {
			switch s.name {
			case "Clients":
				p.client(t, r)
			case "Services":
				p.service(t, r)
			case "Objectives":
				p.objective(t, r)
			case "Requirements":
				p.requirement(t, r)
			case "Commitments":
				p.commitment(t, r)
			case "Measurements":
				p.measurement(t, r)
			}
		}
	}
	for _, s := range sheets {
		if t := bySheet[s]; t != nil {
			p.leftOut(t)
		}
	}
}

// id returns a new provisional id.
func (p *planner) id() int64 {
	p.next--
	return p.next
}

func (p *planner) problem(t *table, r row, column, format string, args ...any) {
	p.report.Problems = append(p.report.Problems, Problem{Sheet: t.source, Row: r.num, Column: column, Message: fmt.Sprintf(format, args...)})
}

// refuse reports an error of the domain's rules, in the column of the field
// it names ("targets.1.metric" is in targets).
func (p *planner) refuse(t *table, r row, err error) {
	var e *alliance.Error
	if !errors.As(err, &e) {
		p.problem(t, r, "", "%v", err)
		return
	}
	column, _, _ := strings.Cut(e.Field, ".")
	p.problem(t, r, column, "%s", e.Message)
}

// once reports whether key is given for the first time in the sheet, and
// refuses the row if not.
func (p *planner) once(t *table, r row, key, words string) bool {
	if prev, dup := p.seen[t.sheet][key]; dup {
		p.problem(t, r, "", "%s is given twice (also in row %d): give each once", words, prev)
		return false
	}
	p.seen[t.sheet][key] = r.num
	return true
}

// created records a new row.
func (p *planner) created(t *table, r row, key string, f fields) {
	p.summary[t.sheet].Created++
	p.report.Changes = append(p.report.Changes, &Change{Sheet: t.source, Row: r.num, Action: Create, Key: key, Fields: diff(nil, f)})
}

// updated records a stored row the file names, changed or not; it returns
// whether it changes.
func (p *planner) updated(t *table, r row, key string, before, after fields) bool {
	changes := diff(before, after)
	if len(changes) == 0 {
		p.summary[t.sheet].Unchanged++
		return false
	}
	p.summary[t.sheet].Updated++
	p.report.Changes = append(p.report.Changes, &Change{Sheet: t.source, Row: r.num, Action: Update, Key: key, Fields: changes})
	return true
}

// enum reads an enumerated value in any case; "" leaves the field alone.
func enum[T ~string](v string) *T {
	if v == "" {
		return nil
	}
	e := T(strings.ToUpper(v))
	return &e
}

// textPatch is the patch of an optional text column: left out, it is left
// alone; an empty cell clears it.
func textPatch(t *table, r row, name string) alliance.Optional[string] {
	if v, ok := t.cell(r, name); ok {
		return alliance.Some(v)
	}
	return alliance.Optional[string]{}
}

// textInput is the input of an optional text column of a new row.
func textInput(t *table, r row, name string) *string {
	if v, ok := t.cell(r, name); ok && v != "" {
		return &v
	}
	return nil
}

// notFound refuses a row that names what does not exist, suggesting the
// closest name.
func (p *planner) notFound(t *table, r row, column, what, name string, names []string) {
	slices.Sort(names) // the same suggestion whatever order the maps gave
	if s := suggest(name, names); s != "" {
		p.problem(t, r, column, "no %s named %q — did you mean %q?", what, name, s)
		return
	}
	p.problem(t, r, column, "no %s named %q, in this file or stored", what, name)
}

func (p *planner) client(t *table, r row) {
	name, _ := t.cell(r, "name")
	key := alliance.NameKey(name)
	if !p.once(t, r, "client:"+key, fmt.Sprintf("the client %q", name)) {
		return
	}
	in := alliance.ClientInput{Name: name, Industry: textInput(t, r, "industry"), AccountOwner: textInput(t, r, "accountOwner")}
	var patch alliance.ClientPatch
	patch.Industry, patch.AccountOwner = textPatch(t, r, "industry"), textPatch(t, r, "accountOwner")
	if v, _ := t.cell(r, "status"); v != "" {
		in.Status = enum[alliance.ClientStatus](v)
		patch.Status = alliance.Optional[alliance.ClientStatus]{Set: true, Value: in.Status}
	}
	if v, _ := t.cell(r, "annualContractValue"); v != "" {
		d, err := amount(v)
		if err != nil {
			p.failed["client:"+key] = true
			p.problem(t, r, "annualContractValue", "%v", err)
			return
		}
		in.AnnualContractValue = &d
		patch.AnnualContractValue = alliance.Some(d)
	}
	existing := p.clients[key]
	if existing == nil {
		c, err := in.Client()
		switch {
		case err != nil:
			p.refuse(t, r, err)
		case p.limited:
			p.problem(t, r, "name", "a token or user limited to one client cannot create clients")
			err = errors.New("limited")
		}
		if err != nil {
			p.failed["client:"+key] = true
			return
		}
		c.ID = p.id()
		p.clients[key] = c
		p.ch.Clients = append(p.ch.Clients, alliance.Change[alliance.Client]{After: c})
		p.created(t, r, c.Name, clientFields(c))
		return
	}
	p.matched[fmt.Sprintf("client:%d", existing.ID)] = true
	if strings.TrimSpace(name) != existing.Name {
		patch.Name = alliance.Some(name) // the same name in other letter case
	}
	after := *existing
	if err := patch.Apply(&after); err != nil {
		p.refuse(t, r, err)
		return
	}
	if p.limited && (after.Name != existing.Name || after.Status != existing.Status || !after.AnnualContractValue.Equal(existing.AnnualContractValue)) {
		p.problem(t, r, "", "a token or user limited to one client cannot change its name, status or contract value")
		return
	}
	if p.updated(t, r, existing.Name, clientFields(existing), clientFields(&after)) {
		p.ch.Clients = append(p.ch.Clients, alliance.Change[alliance.Client]{Before: existing, After: &after})
		p.clients[key] = &after
	}
}

func clientFields(c *alliance.Client) fields {
	return fields{{"name", c.Name}, {"industry", text(c.Industry)}, {"accountOwner", text(c.AccountOwner)},
		{"status", string(c.Status)}, {"annualContractValue", c.AnnualContractValue.String()}}
}

func (p *planner) service(t *table, r row) {
	name, _ := t.cell(r, "name")
	key := alliance.NameKey(name)
	if !p.once(t, r, "service:"+key, fmt.Sprintf("the service %q", name)) {
		return
	}
	fail := func() { p.failed["service:"+key] = true }
	if p.limited {
		p.problem(t, r, "", "a token or user limited to one client cannot change the service catalog")
		fail()
		return
	}
	in := alliance.ServiceInput{Name: name, Description: textInput(t, r, "description"), OwnerTeam: textInput(t, r, "ownerTeam")}
	var patch alliance.ServicePatch
	patch.Description, patch.OwnerTeam = textPatch(t, r, "description"), textPatch(t, r, "ownerTeam")
	if v, _ := t.cell(r, "lifecycle"); v != "" {
		in.Lifecycle = enum[alliance.Lifecycle](v)
		patch.Lifecycle = alliance.Optional[alliance.Lifecycle]{Set: true, Value: in.Lifecycle}
	}
	if v, _ := t.cell(r, "monthlyCost"); v != "" {
		d, err := amount(v)
		if err != nil {
			p.problem(t, r, "monthlyCost", "%v", err)
			fail()
			return
		}
		in.MonthlyCost = &d
		patch.MonthlyCost = alliance.Some(d)
	}
	if v, ok := t.cell(r, "capacity"); ok {
		if v == "" {
			patch.Capacity = alliance.Null[int]()
		} else {
			n, err := whole(v)
			if err != nil {
				p.problem(t, r, "capacity", "%v", err)
				fail()
				return
			}
			in.Capacity = &n
			patch.Capacity = alliance.Some(n)
		}
	}
	ls, set, ok := p.levelsOf(t, r)
	if !ok {
		fail()
		return
	}
	in.DesignedLevels = ls
	if set {
		patch.DesignedLevels = alliance.Some(ls)
	}
	existing := p.services[key]
	if existing == nil {
		s, err := in.Service()
		if err == nil {
			err = p.checkLevels(s.DesignedLevels, "designedLevels")
		}
		if err != nil {
			p.refuse(t, r, err)
			fail()
			return
		}
		s.ID = p.id()
		p.services[key] = s
		p.ch.Services = append(p.ch.Services, alliance.Change[alliance.Service]{After: s})
		p.created(t, r, s.Name, serviceFields(s))
		return
	}
	p.matched[fmt.Sprintf("service:%d", existing.ID)] = true
	if strings.TrimSpace(name) != existing.Name {
		patch.Name = alliance.Some(name)
	}
	after := *existing
	err := patch.Apply(&after)
	if err == nil && set {
		err = p.checkLevels(after.DesignedLevels, "designedLevels")
	}
	if err != nil {
		p.refuse(t, r, err)
		return
	}
	if p.updated(t, r, existing.Name, serviceFields(existing), serviceFields(&after)) {
		p.ch.Services = append(p.ch.Services, alliance.Change[alliance.Service]{Before: existing, After: &after})
		p.services[key] = &after
	}
}

func serviceFields(s *alliance.Service) fields {
	capacity := ""
	if s.Capacity != nil {
		capacity = fmt.Sprint(*s.Capacity)
	}
	return fields{{"name", s.Name}, {"description", text(s.Description)}, {"ownerTeam", text(s.OwnerTeam)},
		{"lifecycle", string(s.Lifecycle)}, {"monthlyCost", s.MonthlyCost.String()}, {"capacity", capacity},
		{"designedLevels", levelText(s.DesignedLevels)}}
}

// levelsOf reads the levels of a row from the pairs column and the
// per-metric columns; set says whether the table has any of them.
func (p *planner) levelsOf(t *table, r row) (ls []alliance.Level, set, ok bool) {
	col := t.sheet.levels
	for i, c := range t.columns {
		if c == nil || c.name != col {
			continue
		}
		set = true
		v := ""
		if i < len(r.cells) {
			v = r.cells[i]
		}
		if v == "" {
			continue
		}
		if m := t.metrics[i]; m != "" {
			f, err := number(v)
			if err != nil {
				p.problem(t, r, t.sheet.levelPrefix+m, "%v", err)
				return nil, set, false
			}
			ls = append(ls, alliance.Level{Metric: m, Value: f})
			continue
		}
		pairs, err := levels(v)
		if err != nil {
			p.problem(t, r, col, "%v", err)
			return nil, set, false
		}
		ls = append(ls, pairs...)
	}
	if ls == nil {
		ls = []alliance.Level{}
	}
	return ls, set, true
}

// checkLevels refuses levels the catalog does not allow, as the store does:
// an unknown metric, or a percentage outside 0 to 100.
func (p *planner) checkLevels(ls []alliance.Level, field string) error {
	for i, l := range ls {
		m := p.metrics[l.Metric]
		if m == nil {
			return alliance.Invalidf(fmt.Sprintf("%s.%d.metric", field, i), "unknown metric %q; known metrics: %s", l.Metric, p.metricKeys())
		}
		if m.Unit == "percent" && (l.Value < 0 || l.Value > 100) {
			return alliance.Invalidf(fmt.Sprintf("%s.%d.value", field, i), "%s is a percentage: give a value from 0 to 100 (got %s)", l.Metric, figure(l.Value))
		}
	}
	return nil
}

func (p *planner) metricKeys() string {
	keys := make([]string, len(p.st.Metrics))
	for i, m := range p.st.Metrics {
		keys[i] = m.Key
	}
	return strings.Join(keys, ", ")
}
