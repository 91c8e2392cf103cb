package db

import (
	"context"
	"database/sql"
	"time"

	"github.com/shopspring/decimal"
	"gorm.io/gorm"

	"alliance"
)

// ExchangeFormat names the JSON export format (docs/export.schema.json);
// ExchangeVersion is the version this program writes, and the newest it
// restores.
const (
	ExchangeFormat  = "alliance-export"
	ExchangeVersion = 1
)

// Exchange is the whole map, or one client's part of it, as the JSON export
// holds it: every row with its id and its times, the score history and the
// audit log. Access (tokens, users, sessions, reports, share links) is not
// part of it, and neither are the stored figures, which follow from the
// rest and are computed again on restore.
type Exchange struct {
	Format     string    `json:"format"`
	Version    int       `json:"version"`
	ExportedAt time.Time `json:"exportedAt"`
	// ClientID is set when the export holds one client's part: the client,
	// its map, the services committed to it (with their levels and
	// measurements), its score history and its audit entries.
	ClientID     *int64           `json:"clientId,string"`
	Metrics      []XMetric        `json:"metrics"`
	Clients      []XClient        `json:"clients"`
	Objectives   []XObjective     `json:"objectives"`
	Requirements []XRequirement   `json:"requirements"`
	Services     []XService       `json:"services"`
	Commitments  []XCommitment    `json:"commitments"`
	Measurements []XMeasurement   `json:"measurements"`
	ScoreHistory []XScorePoint    `json:"scoreHistory"`
	AuditLog     []XAuditEntry    `json:"auditLog"`
	Counts       map[string]int64 `json:"counts"`
}

// XMetric is a metric of the catalog.
type XMetric struct {
	Key       string `json:"key"`
	Name      string `json:"name"`
	Unit      string `json:"unit"`
	Direction string `json:"direction"`
	// FreshnessDays is the freshness window; an export without it (written
	// before metrics had one) restores the default, 45.
	FreshnessDays int `json:"freshnessDays,omitempty"`
}

// XLevel is a target or a designed level.
type XLevel struct {
	Metric string  `json:"metric"`
	Value  float64 `json:"value"`
}

// XClient is a client.
type XClient struct {
	ID                  int64           `json:"id,string"`
	Name                string          `json:"name"`
	Industry            *string         `json:"industry"`
	AccountOwner        *string         `json:"accountOwner"`
	Status              string          `json:"status"`
	AnnualContractValue decimal.Decimal `json:"annualContractValue"`
	CreatedAt           time.Time       `json:"createdAt"`
	UpdatedAt           time.Time       `json:"updatedAt"`
}

// XObjective is an objective of a client.
type XObjective struct {
	ID          int64     `json:"id,string"`
	ClientID    int64     `json:"clientId,string"`
	Title       string    `json:"title"`
	Description *string   `json:"description"`
	Owner       *string   `json:"owner"`
	Priority    string    `json:"priority"`
	CreatedAt   time.Time `json:"createdAt"`
	UpdatedAt   time.Time `json:"updatedAt"`
}

// XRequirement is a requirement with its targets.
type XRequirement struct {
	ID          int64     `json:"id,string"`
	ObjectiveID int64     `json:"objectiveId,string"`
	Title       string    `json:"title"`
	Description *string   `json:"description"`
	Priority    string    `json:"priority"`
	Targets     []XLevel  `json:"targets"`
	CreatedAt   time.Time `json:"createdAt"`
	UpdatedAt   time.Time `json:"updatedAt"`
}

// XService is a service with its designed levels.
type XService struct {
	ID             int64           `json:"id,string"`
	Name           string          `json:"name"`
	Description    *string         `json:"description"`
	OwnerTeam      *string         `json:"ownerTeam"`
	Lifecycle      string          `json:"lifecycle"`
	MonthlyCost    decimal.Decimal `json:"monthlyCost"`
	Capacity       *int            `json:"capacity"`
	DesignedLevels []XLevel        `json:"designedLevels"`
	CreatedAt      time.Time       `json:"createdAt"`
	UpdatedAt      time.Time       `json:"updatedAt"`
}

// XCommitment is a commitment of a service to a requirement.
type XCommitment struct {
	ID              int64     `json:"id,string"`
	RequirementID   int64     `json:"requirementId,string"`
	ServiceID       int64     `json:"serviceId,string"`
	CoveragePercent int       `json:"coveragePercent"`
	CapacityUnits   int       `json:"capacityUnits"`
	Note            *string   `json:"note"`
	CreatedAt       time.Time `json:"createdAt"`
	CreatedBy       *string   `json:"createdBy"`
	UpdatedAt       time.Time `json:"updatedAt"`
}

// XMeasurement is a measurement of a service.
type XMeasurement struct {
	ID          int64     `json:"id,string"`
	ServiceID   int64     `json:"serviceId,string"`
	Metric      string    `json:"metric"`
	Value       float64   `json:"value"`
	PeriodStart time.Time `json:"periodStart"`
	PeriodEnd   time.Time `json:"periodEnd"`
	Source      *string   `json:"source"`
	RecordedAt  time.Time `json:"recordedAt"`
}

// XScorePoint is a point of a client's score history.
type XScorePoint struct {
	ID       int64     `json:"id,string"`
	ClientID int64     `json:"clientId,string"`
	At       time.Time `json:"at"`
	Score    *float64  `json:"score"`
}

// XAuditEntry is an entry of the audit log; Before and After are the JSON
// the log holds, as text.
type XAuditEntry struct {
	ID        int64     `json:"id,string"`
	At        time.Time `json:"at"`
	Actor     string    `json:"actor"`
	Action    string    `json:"action"`
	Entity    string    `json:"entity"`
	EntityID  string    `json:"entityId"`
	Before    *string   `json:"before"`
	After     *string   `json:"after"`
	RequestID *string   `json:"requestId"`
	ClientID  *int64    `json:"clientId,string"`
}

// Export reads the whole map, or with clientID one client's part of it, in
// one read-only transaction, as the JSON export holds it. It fails with
// NOT_FOUND for an unknown client.
func (db *DB) Export(ctx context.Context, clientID *int64, now time.Time) (*Exchange, error) {
	x := &Exchange{Format: ExchangeFormat, Version: ExchangeVersion, ExportedAt: alliance.Timestamp(now), ClientID: clientID}
	err := db.gorm.WithContext(ctx).Transaction(func(g *gorm.DB) error {
		var metrics []metricRow
		var clients []clientRow
		var objectives []objectiveRow
		var requirements []requirementRow
		var targets []targetRow
		var services []serviceRow
		var levels []designedRow
		var commitments []commitmentRow
		var measurements []measurementRow
		var points []scorePointRow
		var audit []auditRow
		q := func(m any) *gorm.DB { return g.Model(m) }
		// The subqueries of one client's part.
		objIDs := func() *gorm.DB { return g.Table("objectives").Select("id").Where("client_id = ?", *clientID) }
		reqIDs := func() *gorm.DB { return g.Table("requirements").Select("id").Where("objective_id IN (?)", objIDs()) }
		svcIDs := func() *gorm.DB {
			return g.Table("commitments").Select("service_id").Where("requirement_id IN (?)", reqIDs())
		}
		scoped := func(m any, where string, sub func() *gorm.DB) *gorm.DB {
			if clientID == nil {
				return q(m)
			}
			if sub == nil {
				return q(m).Where(where, *clientID)
			}
			return q(m).Where(where, sub())
		}
		steps := []*gorm.DB{
			g.Model(&metricRow{}).Order("metric_key").Find(&metrics),
			scoped(&clientRow{}, "id = ?", nil).Order("id").Find(&clients),
			scoped(&objectiveRow{}, "client_id = ?", nil).Order("id").Find(&objectives),
			scoped(&requirementRow{}, "objective_id IN (?)", objIDs).Order("id").Find(&requirements),
			scoped(&targetRow{}, "requirement_id IN (?)", reqIDs).Order("requirement_id, metric_key").Find(&targets),
			scoped(&serviceRow{}, "id IN (?)", svcIDs).Order("id").Find(&services),
			scoped(&designedRow{}, "service_id IN (?)", svcIDs).Order("service_id, metric_key").Find(&levels),
			scoped(&commitmentRow{}, "requirement_id IN (?)", reqIDs).Order("id").Find(&commitments),
			scoped(&measurementRow{}, "service_id IN (?)", svcIDs).Order("id").Find(&measurements),
			scoped(&scorePointRow{}, "client_id = ?", nil).Order("id").Find(&points),
			scoped(&auditRow{}, "client_id = ?", nil).Order("id").Find(&audit),
		}
		for _, s := range steps {
			if s.Error != nil {
				return s.Error
			}
		}
		if clientID != nil && len(clients) == 0 {
			return alliance.Errorf(alliance.ENOTFOUND, "no client %d", *clientID)
		}
		x.fill(metrics, clients, objectives, requirements, targets, services, levels, commitments, measurements, points, audit)
		return nil
	}, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	return x, nil
}

func (x *Exchange) fill(metrics []metricRow, clients []clientRow, objectives []objectiveRow, requirements []requirementRow,
	targets []targetRow, services []serviceRow, levels []designedRow, commitments []commitmentRow,
	measurements []measurementRow, points []scorePointRow, audit []auditRow) {
	utc := func(t time.Time) time.Time { return t.UTC() }
	x.Metrics = make([]XMetric, 0, len(metrics))
	for _, m := range metrics {
		x.Metrics = append(x.Metrics, XMetric{Key: m.MetricKey, Name: m.Name, Unit: m.Unit, Direction: m.Direction, FreshnessDays: m.FreshnessDays})
	}
	x.Clients = make([]XClient, 0, len(clients))
	for _, c := range clients {
		x.Clients = append(x.Clients, XClient{ID: c.ID, Name: c.Name, Industry: c.Industry, AccountOwner: c.AccountOwner,
			Status: c.Status, AnnualContractValue: c.AnnualContractValue, CreatedAt: utc(c.CreatedAt), UpdatedAt: utc(c.UpdatedAt)})
	}
	x.Objectives = make([]XObjective, 0, len(objectives))
	for _, o := range objectives {
		x.Objectives = append(x.Objectives, XObjective{ID: o.ID, ClientID: o.ClientID, Title: o.Title, Description: o.Description,
			Owner: o.Owner, Priority: o.Priority, CreatedAt: utc(o.CreatedAt), UpdatedAt: utc(o.UpdatedAt)})
	}
	byReq := map[int64][]XLevel{}
	for _, t := range targets {
		byReq[t.RequirementID] = append(byReq[t.RequirementID], XLevel{Metric: t.MetricKey, Value: t.Value})
	}
	x.Requirements = make([]XRequirement, 0, len(requirements))
	for _, r := range requirements {
		ts := byReq[r.ID]
		if ts == nil {
			ts = []XLevel{}
		}
		x.Requirements = append(x.Requirements, XRequirement{ID: r.ID, ObjectiveID: r.ObjectiveID, Title: r.Title,
			Description: r.Description, Priority: r.Priority, Targets: ts, CreatedAt: utc(r.CreatedAt), UpdatedAt: utc(r.UpdatedAt)})
	}
	bySvc := map[int64][]XLevel{}
	for _, l := range levels {
		bySvc[l.ServiceID] = append(bySvc[l.ServiceID], XLevel{Metric: l.MetricKey, Value: l.Value})
	}
	x.Services = make([]XService, 0, len(services))
	for _, s := range services {
		ls := bySvc[s.ID]
		if ls == nil {
			ls = []XLevel{}
		}
		x.Services = append(x.Services, XService{ID: s.ID, Name: s.Name, Description: s.Description, OwnerTeam: s.OwnerTeam,
			Lifecycle: s.Lifecycle, MonthlyCost: s.MonthlyCost, Capacity: s.Capacity, DesignedLevels: ls,
			CreatedAt: utc(s.CreatedAt), UpdatedAt: utc(s.UpdatedAt)})
	}
	x.Commitments = make([]XCommitment, 0, len(commitments))
	for _, c := range commitments {
		x.Commitments = append(x.Commitments, XCommitment{ID: c.ID, RequirementID: c.RequirementID, ServiceID: c.ServiceID,
			CoveragePercent: c.CoveragePercent, CapacityUnits: c.CapacityUnits, Note: c.Note, CreatedAt: utc(c.CreatedAt),
			CreatedBy: c.CreatedBy, UpdatedAt: utc(c.UpdatedAt)})
	}
	x.Measurements = make([]XMeasurement, 0, len(measurements))
	for _, m := range measurements {
		x.Measurements = append(x.Measurements, XMeasurement{ID: m.ID, ServiceID: m.ServiceID, Metric: m.MetricKey, Value: m.Value,
			PeriodStart: utc(m.PeriodStart), PeriodEnd: utc(m.PeriodEnd), Source: m.Source, RecordedAt: utc(m.RecordedAt)})
	}
	x.ScoreHistory = make([]XScorePoint, 0, len(points))
	for _, p := range points {
		x.ScoreHistory = append(x.ScoreHistory, XScorePoint{ID: p.ID, ClientID: p.ClientID, At: utc(p.At), Score: p.Score})
	}
	x.AuditLog = make([]XAuditEntry, 0, len(audit))
	for _, a := range audit {
		x.AuditLog = append(x.AuditLog, XAuditEntry{ID: a.ID, At: utc(a.At), Actor: a.Actor, Action: a.Action, Entity: a.Entity,
			EntityID: a.EntityID, Before: a.BeforeJSON, After: a.AfterJSON, RequestID: a.RequestID, ClientID: a.ClientID})
	}
	x.Counts = map[string]int64{
		"clients": int64(len(x.Clients)), "objectives": int64(len(x.Objectives)), "requirements": int64(len(x.Requirements)),
		"services": int64(len(x.Services)), "commitments": int64(len(x.Commitments)), "measurements": int64(len(x.Measurements)),
		"scoreHistory": int64(len(x.ScoreHistory)), "auditLog": int64(len(x.AuditLog)),
	}
}
