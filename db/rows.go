package db

import (
	"time"

	"github.com/shopspring/decimal"

	"alliance"
)

// The row types mirror the tables. They stay inside this package: callers see
// the domain types of package alliance.

type metricRow struct {
	MetricKey string `gorm:"primaryKey"`
	Name      string
	Unit      string
	Direction string
	// FreshnessDays is the freshness window of the metric's evidence.
	FreshnessDays int
}

func (metricRow) TableName() string { return "metrics" }

func (r *metricRow) domain() *alliance.Metric {
	return &alliance.Metric{Key: r.MetricKey, Name: r.Name, Unit: r.Unit, Direction: alliance.Direction(r.Direction), FreshnessDays: r.FreshnessDays}
}

type clientRow struct {
	ID                  int64 `gorm:"primaryKey"`
	Name                string
	NameKey             string
	Industry            *string
	AccountOwner        *string
	Status              string
	AnnualContractValue decimal.Decimal
	CreatedAt           time.Time
	UpdatedAt           time.Time
}

func (clientRow) TableName() string { return "clients" }

func (r *clientRow) domain() *alliance.Client {
	return &alliance.Client{
		ID: r.ID, Name: r.Name, Industry: r.Industry, AccountOwner: r.AccountOwner,
		Status: alliance.ClientStatus(r.Status), AnnualContractValue: r.AnnualContractValue,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
}

func clientRowOf(c *alliance.Client) *clientRow {
	return &clientRow{
		ID: c.ID, Name: c.Name, NameKey: alliance.NameKey(c.Name), Industry: c.Industry,
		AccountOwner: c.AccountOwner, Status: string(c.Status), AnnualContractValue: c.AnnualContractValue,
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
	}
}

type objectiveRow struct {
	ID          int64 `gorm:"primaryKey"`
	ClientID    int64
	Title       string
	TitleKey    string
	Description *string
	Owner       *string
	Priority    string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

func (objectiveRow) TableName() string { return "objectives" }

func (r *objectiveRow) domain() *alliance.Objective {
	return &alliance.Objective{
		ID: r.ID, ClientID: r.ClientID, Title: r.Title, Description: r.Description, Owner: r.Owner,
		Priority: alliance.Priority(r.Priority), CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
}

func objectiveRowOf(o *alliance.Objective) *objectiveRow {
	return &objectiveRow{
		ID: o.ID, ClientID: o.ClientID, Title: o.Title, TitleKey: alliance.NameKey(o.Title),
		Description: o.Description, Owner: o.Owner, Priority: string(o.Priority),
		CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt,
	}
}

type requirementRow struct {
	ID          int64 `gorm:"primaryKey"`
	ObjectiveID int64
	Title       string
	TitleKey    string
	Description *string
	Priority    string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

func (requirementRow) TableName() string { return "requirements" }

func (r *requirementRow) domain() *alliance.Requirement {
	return &alliance.Requirement{
		ID: r.ID, ObjectiveID: r.ObjectiveID, Title: r.Title, Description: r.Description,
		Priority: alliance.Priority(r.Priority), Targets: []alliance.Level{},
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
}

func requirementRowOf(q *alliance.Requirement) *requirementRow {
	return &requirementRow{
		ID: q.ID, ObjectiveID: q.ObjectiveID, Title: q.Title, TitleKey: alliance.NameKey(q.Title),
		Description: q.Description, Priority: string(q.Priority), CreatedAt: q.CreatedAt, UpdatedAt: q.UpdatedAt,
	}
}

// levelRow is a row of requirement_targets or service_levels: OwnerID is the
// requirement or the service.
type levelRow struct {
	OwnerID   int64
	MetricKey string
	Value     float64
}

type serviceRow struct {
	ID          int64 `gorm:"primaryKey"`
	Name        string
	NameKey     string
	Description *string
	OwnerTeam   *string
	Lifecycle   string
	MonthlyCost decimal.Decimal
	Capacity    *int
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

func (serviceRow) TableName() string { return "services" }

func (r *serviceRow) domain() *alliance.Service {
	return &alliance.Service{
		ID: r.ID, Name: r.Name, Description: r.Description, OwnerTeam: r.OwnerTeam,
		Lifecycle: alliance.Lifecycle(r.Lifecycle), MonthlyCost: r.MonthlyCost, Capacity: r.Capacity,
		DesignedLevels: []alliance.Level{}, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
}

func serviceRowOf(s *alliance.Service) *serviceRow {
	return &serviceRow{
		ID: s.ID, Name: s.Name, NameKey: alliance.NameKey(s.Name), Description: s.Description,
		OwnerTeam: s.OwnerTeam, Lifecycle: string(s.Lifecycle), MonthlyCost: s.MonthlyCost,
		Capacity: s.Capacity, CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt,
	}
}

type commitmentRow struct {
	ID              int64 `gorm:"primaryKey"`
	RequirementID   int64
	ServiceID       int64
	CoveragePercent int
	CapacityUnits   int
	Note            *string
	CreatedAt       time.Time
	CreatedBy       *string
	UpdatedAt       time.Time
}

func (commitmentRow) TableName() string { return "commitments" }

func (r *commitmentRow) domain() *alliance.Commitment {
	return &alliance.Commitment{
		ID: r.ID, RequirementID: r.RequirementID, ServiceID: r.ServiceID, CoveragePercent: r.CoveragePercent,
		CapacityUnits: r.CapacityUnits, Note: r.Note, CreatedAt: r.CreatedAt.UTC(), CreatedBy: r.CreatedBy,
		UpdatedAt: r.UpdatedAt.UTC(),
	}
}

func commitmentRowOf(c *alliance.Commitment) *commitmentRow {
	return &commitmentRow{
		ID: c.ID, RequirementID: c.RequirementID, ServiceID: c.ServiceID, CoveragePercent: c.CoveragePercent,
		CapacityUnits: c.CapacityUnits, Note: c.Note, CreatedAt: c.CreatedAt, CreatedBy: c.CreatedBy,
		UpdatedAt: c.UpdatedAt,
	}
}

type measurementRow struct {
	ID          int64 `gorm:"primaryKey"`
	ServiceID   int64
	MetricKey   string
	Value       float64
	PeriodStart time.Time
	PeriodEnd   time.Time
	Source      *string
	RecordedAt  time.Time
	// SourceKey is the source, or "" for none: the identity's part that a
	// unique index can hold (see migration 00015). OlderCopy is 0 but for
	// an older copy of an identity kept from before that migration, which
	// holds its own id.
	SourceKey string
	OlderCopy int64
}

func (measurementRow) TableName() string { return "measurements" }

// newMeasurementRow returns the row of a new measurement.
func newMeasurementRow(m *alliance.Measurement) *measurementRow {
	return &measurementRow{
		ID: m.ID, ServiceID: m.ServiceID, MetricKey: m.Metric, Value: m.Value, PeriodStart: m.PeriodStart,
		PeriodEnd: m.PeriodEnd, Source: m.Source, RecordedAt: m.RecordedAt, SourceKey: deref(m.Source),
	}
}

// markOlderCopies sets OlderCopy on the rows that share an identity with a
// row recorded later (as migration 00015 does), so that rows restored from
// an export made before it keep every copy.
func markOlderCopies(rows []measurementRow) {
	newest := map[measurementKey]int{}
	for i := range rows {
		r := &rows[i]
		r.SourceKey, r.OlderCopy = deref(r.Source), 0
		k := keyOfRow(r)
		j, ok := newest[k]
		if !ok {
			newest[k] = i
			continue
		}
		o := &rows[j]
		if r.RecordedAt.After(o.RecordedAt) || r.RecordedAt.Equal(o.RecordedAt) && r.ID > o.ID {
			o.OlderCopy, newest[k] = o.ID, i
		} else {
			r.OlderCopy = r.ID
		}
	}
}

func (r *measurementRow) domain() *alliance.Measurement {
	return &alliance.Measurement{
		ID: r.ID, ServiceID: r.ServiceID, Metric: r.MetricKey, Value: r.Value,
		PeriodStart: r.PeriodStart.UTC(), PeriodEnd: r.PeriodEnd.UTC(), Source: r.Source, RecordedAt: r.RecordedAt.UTC(),
	}
}

type auditRow struct {
	ID         int64 `gorm:"primaryKey"`
	At         time.Time
	Actor      string
	Action     string
	Entity     string
	EntityID   string
	BeforeJSON *string
	AfterJSON  *string
	RequestID  *string
	ClientID   *int64
}

func (auditRow) TableName() string { return "audit_log" }

func (r *auditRow) domain() *alliance.AuditEntry {
	e := &alliance.AuditEntry{
		ID: r.ID, At: r.At.UTC(), Actor: r.Actor, Action: alliance.AuditAction(r.Action),
		Entity: r.Entity, EntityID: r.EntityID, RequestID: r.RequestID,
	}
	if r.BeforeJSON != nil {
		e.Before = []byte(*r.BeforeJSON)
	}
	if r.AfterJSON != nil {
		e.After = []byte(*r.AfterJSON)
	}
	return e
}
