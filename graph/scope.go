package graph

import (
	"context"
	"slices"

	"alliance"
	"alliance/coverage"
)

// scoped is the store as a token limited to one client sees it: that client
// and its map, the service catalog and the metrics, and nothing of any other
// client, through any path. It implements every method of Store itself (it
// embeds nothing), so that a method added to Store cannot slip through
// unscoped: the build fails until it is written here.
//
// What the whole-portfolio answers mean for it: the portfolio is its client
// (score, status counts, contract value; monthlyServiceCost is the client's
// cost to serve; no orphan cost); the gap list, requirements, impact and
// audit log hold its client's entries only; a service's committedUnits are
// its client's, and it is never shown as oversubscribed or orphan; the
// promise check shows no spare capacity.
type scoped struct {
	base   Store
	client int64
}

var _ Store = scoped{}

func (s scoped) notFound(entity string, id any, field string) error {
	return alliance.FieldErrorf(alliance.ENOTFOUND, field, "%s %v not found", entity, id)
}

func forbidden(what string) error {
	return alliance.Errorf(alliance.EFORBIDDEN, "a token limited to one client cannot %s", what)
}

// objectivesOwned reports, for each objective id, whether it is the client's.
func (s scoped) objectivesOwned(ctx context.Context, ids []int64) (map[int64]bool, error) {
	os, err := s.base.ObjectivesByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	owned := map[int64]bool{}
	for _, o := range os {
		if o != nil && o.ClientID == s.client {
			owned[o.ID] = true
		}
	}
	return owned, nil
}

// requirementsOwned reports, for each requirement id, whether it is the
// client's.
func (s scoped) requirementsOwned(ctx context.Context, ids []int64) (map[int64]bool, error) {
	rs, err := s.base.RequirementsByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	objectives := make([]int64, 0, len(rs))
	for _, r := range rs {
		if r != nil {
			objectives = append(objectives, r.ObjectiveID)
		}
	}
	ownedObj, err := s.objectivesOwned(ctx, objectives)
	if err != nil {
		return nil, err
	}
	owned := map[int64]bool{}
	for _, r := range rs {
		if r != nil && ownedObj[r.ObjectiveID] {
			owned[r.ID] = true
		}
	}
	return owned, nil
}

func (s scoped) commitmentsOwned(ctx context.Context, cs []*alliance.Commitment) ([]*alliance.Commitment, error) {
	reqs := make([]int64, 0, len(cs))
	for _, c := range cs {
		if c != nil {
			reqs = append(reqs, c.RequirementID)
		}
	}
	owned, err := s.requirementsOwned(ctx, reqs)
	if err != nil {
		return nil, err
	}
	out := make([]*alliance.Commitment, len(cs))
	for i, c := range cs {
		if c != nil && owned[c.RequirementID] {
			out[i] = c
		}
	}
	return out, nil
}

// keep sets to nil the items that fail ok.
func keep[T any](items []*T, ok func(*T) bool) []*T {
	for i, it := range items {
		if it != nil && !ok(it) {
			items[i] = nil
		}
	}
	return items
}

// Clients.

func (s scoped) FindClients(ctx context.Context, f alliance.ClientFilter, p alliance.PageArgs) (*alliance.Page[*alliance.Client], error) {
	f.IDs = []int64{s.client}
	return s.base.FindClients(ctx, f, p)
}

func (s scoped) CountClients(ctx context.Context, f alliance.ClientFilter) (int, error) {
	f.IDs = []int64{s.client}
	return s.base.CountClients(ctx, f)
}

func (s scoped) ClientsByIDs(ctx context.Context, ids []int64) ([]*alliance.Client, error) {
	cs, err := s.base.ClientsByIDs(ctx, ids)
	return keep(cs, func(c *alliance.Client) bool { return c.ID == s.client }), err
}

func (s scoped) CreateClient(context.Context, alliance.ClientInput) (*alliance.Client, error) {
	return nil, forbidden("create clients")
}

func (s scoped) UpdateClient(ctx context.Context, id int64, p alliance.ClientPatch) (*alliance.Client, error) {
	if id != s.client {
		return nil, s.notFound("client", id, "")
	}
	return s.base.UpdateClient(ctx, id, p)
}

func (s scoped) DeleteClient(context.Context, int64) error { return forbidden("delete its client") }

// Objectives.

func (s scoped) ObjectivesByIDs(ctx context.Context, ids []int64) ([]*alliance.Objective, error) {
	os, err := s.base.ObjectivesByIDs(ctx, ids)
	return keep(os, func(o *alliance.Objective) bool { return o.ClientID == s.client }), err
}

func (s scoped) ObjectivesByClientIDs(ctx context.Context, ids []int64) ([][]*alliance.Objective, error) {
	lists, err := s.base.ObjectivesByClientIDs(ctx, ids)
	for i, id := range ids {
		if err == nil && id != s.client {
			lists[i] = []*alliance.Objective{}
		}
	}
	return lists, err
}

func (s scoped) CreateObjective(ctx context.Context, in alliance.ObjectiveInput) (*alliance.Objective, error) {
	if in.ClientID != s.client {
		return nil, s.notFound("client", in.ClientID, "clientId")
	}
	return s.base.CreateObjective(ctx, in)
}

func (s scoped) ownObjective(ctx context.Context, id int64, field string) error {
	owned, err := s.objectivesOwned(ctx, []int64{id})
	if err == nil && !owned[id] {
		err = s.notFound("objective", id, field)
	}
	return err
}

func (s scoped) UpdateObjective(ctx context.Context, id int64, p alliance.ObjectivePatch) (*alliance.Objective, error) {
	if err := s.ownObjective(ctx, id, ""); err != nil {
		return nil, err
	}
	return s.base.UpdateObjective(ctx, id, p)
}

func (s scoped) DeleteObjective(ctx context.Context, id int64) error {
	if err := s.ownObjective(ctx, id, ""); err != nil {
		return err
	}
	return s.base.DeleteObjective(ctx, id)
}

// Requirements.

func (s scoped) RequirementsByIDs(ctx context.Context, ids []int64) ([]*alliance.Requirement, error) {
	owned, err := s.requirementsOwned(ctx, ids)
	if err != nil {
		return nil, err
	}
	rs, err := s.base.RequirementsByIDs(ctx, ids)
	return keep(rs, func(r *alliance.Requirement) bool { return owned[r.ID] }), err
}

func (s scoped) RequirementsByObjectiveIDs(ctx context.Context, ids []int64) ([][]*alliance.Requirement, error) {
	owned, err := s.objectivesOwned(ctx, ids)
	if err != nil {
		return nil, err
	}
	lists, err := s.base.RequirementsByObjectiveIDs(ctx, ids)
	for i, id := range ids {
		if err == nil && !owned[id] {
			lists[i] = []*alliance.Requirement{}
		}
	}
	return lists, err
}

func (s scoped) CreateRequirement(ctx context.Context, in alliance.RequirementInput) (*alliance.Requirement, error) {
	if err := s.ownObjective(ctx, in.ObjectiveID, "objectiveId"); err != nil {
		return nil, err
	}
	return s.base.CreateRequirement(ctx, in)
}

func (s scoped) ownRequirement(ctx context.Context, id int64, field string) error {
	owned, err := s.requirementsOwned(ctx, []int64{id})
	if err == nil && !owned[id] {
		err = s.notFound("requirement", id, field)
	}
	return err
}

func (s scoped) UpdateRequirement(ctx context.Context, id int64, p alliance.RequirementPatch) (*alliance.Requirement, error) {
	if err := s.ownRequirement(ctx, id, ""); err != nil {
		return nil, err
	}
	return s.base.UpdateRequirement(ctx, id, p)
}

func (s scoped) DeleteRequirement(ctx context.Context, id int64) error {
	if err := s.ownRequirement(ctx, id, ""); err != nil {
		return err
	}
	return s.base.DeleteRequirement(ctx, id)
}

// Services: the catalog is seen whole, and changed by nobody limited to a
// client.

func (s scoped) FindServices(ctx context.Context, f alliance.ServiceFilter, p alliance.PageArgs) (*alliance.Page[*alliance.Service], error) {
	return s.base.FindServices(ctx, f, p)
}

func (s scoped) CountServices(ctx context.Context, f alliance.ServiceFilter) (int, error) {
	return s.base.CountServices(ctx, f)
}

func (s scoped) ServicesByIDs(ctx context.Context, ids []int64) ([]*alliance.Service, error) {
	return s.base.ServicesByIDs(ctx, ids)
}

func (s scoped) CreateService(context.Context, alliance.ServiceInput) (*alliance.Service, error) {
	return nil, forbidden("change the service catalog")
}

func (s scoped) UpdateService(context.Context, int64, alliance.ServicePatch) (*alliance.Service, error) {
	return nil, forbidden("change the service catalog")
}

func (s scoped) DeleteService(context.Context, int64) error {
	return forbidden("change the service catalog")
}

// Commitments: those on the client's requirements.

func (s scoped) CommitmentsByIDs(ctx context.Context, ids []int64) ([]*alliance.Commitment, error) {
	cs, err := s.base.CommitmentsByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	return s.commitmentsOwned(ctx, cs)
}

func (s scoped) CommitmentsByRequirementIDs(ctx context.Context, ids []int64) ([][]*alliance.Commitment, error) {
	owned, err := s.requirementsOwned(ctx, ids)
	if err != nil {
		return nil, err
	}
	lists, err := s.base.CommitmentsByRequirementIDs(ctx, ids)
	for i, id := range ids {
		if err == nil && !owned[id] {
			lists[i] = []*alliance.Commitment{}
		}
	}
	return lists, err
}

func (s scoped) CommitmentsByServiceIDs(ctx context.Context, ids []int64) ([][]*alliance.Commitment, error) {
	lists, err := s.base.CommitmentsByServiceIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	// One ownership check for every list at once.
	owned, err := s.commitmentsOwned(ctx, flat(lists))
	if err != nil {
		return nil, err
	}
	ownedIDs := map[int64]bool{}
	for _, c := range owned {
		if c != nil {
			ownedIDs[c.ID] = true
		}
	}
	for i, l := range lists {
		lists[i] = compact(keep(l, func(c *alliance.Commitment) bool { return ownedIDs[c.ID] }))
	}
	return lists, nil
}

func (s scoped) CreateCommitment(ctx context.Context, in alliance.CommitmentInput) (*alliance.Commitment, error) {
	if err := s.ownRequirement(ctx, in.RequirementID, "requirementId"); err != nil {
		return nil, err
	}
	return s.base.CreateCommitment(ctx, in)
}

func (s scoped) ownCommitment(ctx context.Context, id int64) error {
	cs, err := s.CommitmentsByIDs(ctx, []int64{id})
	if err == nil && (len(cs) == 0 || cs[0] == nil) {
		err = s.notFound("commitment", id, "")
	}
	return err
}

func (s scoped) UpdateCommitment(ctx context.Context, id int64, p alliance.CommitmentPatch) (*alliance.Commitment, error) {
	if err := s.ownCommitment(ctx, id); err != nil {
		return nil, err
	}
	return s.base.UpdateCommitment(ctx, id, p)
}

func (s scoped) DeleteCommitment(ctx context.Context, id int64) error {
	if err := s.ownCommitment(ctx, id); err != nil {
		return err
	}
	return s.base.DeleteCommitment(ctx, id)
}

// Measurements and metrics belong to the catalog.

func (s scoped) Measurements(ctx context.Context, qs []alliance.MeasurementQuery) ([][]*alliance.Measurement, error) {
	return s.base.Measurements(ctx, qs)
}

func (s scoped) RecordMeasurement(context.Context, alliance.MeasurementInput) (*alliance.Measurement, error) {
	return nil, forbidden("record measurements")
}

func (s scoped) DeleteMeasurement(context.Context, int64) error {
	return forbidden("delete measurements")
}

func (s scoped) Metrics(ctx context.Context) ([]*alliance.Metric, error) { return s.base.Metrics(ctx) }

func (s scoped) MetricsByKeys(ctx context.Context, keys []string) ([]*alliance.Metric, error) {
	return s.base.MetricsByKeys(ctx, keys)
}

func (s scoped) CreateMetric(context.Context, alliance.MetricInput) (*alliance.Metric, error) {
	return nil, forbidden("change the metric catalog")
}

func (s scoped) UpdateMetric(context.Context, string, alliance.MetricPatch) (*alliance.Metric, error) {
	return nil, forbidden("change the metric catalog")
}

func (s scoped) DeleteMetric(context.Context, string) error {
	return forbidden("change the metric catalog")
}

// The audit log: changes to the client's map.

func (s scoped) FindAudit(ctx context.Context, f alliance.AuditFilter, p alliance.PageArgs) (*alliance.Page[*alliance.AuditEntry], error) {
	f.ClientID = &s.client
	return s.base.FindAudit(ctx, f, p)
}

func (s scoped) CountAudit(ctx context.Context, f alliance.AuditFilter) (int, error) {
	f.ClientID = &s.client
	return s.base.CountAudit(ctx, f)
}

// Tokens, reports and share links are managed by admins, who are never
// limited to a client; reports may be read and run.

func (s scoped) CreateToken(context.Context, alliance.TokenInput) (*alliance.Token, string, error) {
	return nil, "", forbidden("manage tokens")
}

func (s scoped) RevokeToken(context.Context, int64) (*alliance.Token, error) {
	return nil, forbidden("manage tokens")
}

func (s scoped) Tokens(context.Context) ([]*alliance.Token, error) {
	return nil, forbidden("list tokens")
}

func (s scoped) Authenticate(context.Context, string) (*alliance.Principal, error) {
	return nil, forbidden("check tokens")
}

func (s scoped) SaveReport(context.Context, alliance.ReportInput) (*alliance.Report, error) {
	return nil, forbidden("manage reports")
}

func (s scoped) DeleteReport(context.Context, string) error { return forbidden("manage reports") }

func (s scoped) Reports(ctx context.Context) ([]*alliance.Report, error) { return s.base.Reports(ctx) }

func (s scoped) Report(ctx context.Context, slug string) (*alliance.Report, error) {
	return s.base.Report(ctx, slug)
}

func (s scoped) ReportByDocument(ctx context.Context, id string) (*alliance.Report, error) {
	return s.base.ReportByDocument(ctx, id)
}

func (s scoped) CreateShareLink(context.Context, alliance.ShareLinkInput) (*alliance.ShareLink, error) {
	return nil, forbidden("manage share links")
}

func (s scoped) RevokeShareLink(context.Context, int64) (*alliance.ShareLink, error) {
	return nil, forbidden("manage share links")
}

func (s scoped) ShareLinks(context.Context) ([]*alliance.ShareLink, error) {
	return nil, forbidden("list share links")
}

func (s scoped) AuthenticateShare(context.Context, string, string) (*alliance.Principal, error) {
	return nil, forbidden("check share links")
}

// Coverage.

func (s scoped) ReadOnly(ctx context.Context) (context.Context, func(), error) {
	return s.base.ReadOnly(ctx)
}

// The figures of the entities the token reached through the methods above:
// its client's map and the catalog. A service's figures are its client's.

func (s scoped) RequirementCoverages(ctx context.Context, ids []int64) ([]*coverage.Coverage, error) {
	return s.base.RequirementCoverages(ctx, ids)
}

func (s scoped) CommitmentHolds(ctx context.Context, ids []int64) ([]*bool, error) {
	return s.base.CommitmentHolds(ctx, ids)
}

func (s scoped) ObjectiveFigures(ctx context.Context, ids []int64) ([]*coverage.ObjectiveFigures, error) {
	return s.base.ObjectiveFigures(ctx, ids)
}

func (s scoped) ClientFigures(ctx context.Context, ids []int64) ([]*coverage.ClientFigures, error) {
	fs, err := s.base.ClientFigures(ctx, ids)
	for i, id := range ids {
		if err == nil && id != s.client {
			fs[i] = nil
		}
	}
	return fs, err
}

func (s scoped) ServiceFigures(ctx context.Context, ids []int64) ([]*coverage.ServiceFigures, error) {
	fs, err := s.base.ServiceFigures(ctx, ids)
	if err != nil {
		return nil, err
	}
	units, err := s.base.ClientUnits(ctx, s.client, ids)
	if err != nil {
		return nil, err
	}
	for i, f := range fs {
		if f != nil {
			fs[i] = &coverage.ServiceFigures{CommittedUnits: units[i]}
		}
	}
	return fs, nil
}

func (s scoped) ClientUnits(ctx context.Context, clientID int64, serviceIDs []int64) ([]int, error) {
	if clientID != s.client {
		return make([]int, len(serviceIDs)), nil
	}
	return s.base.ClientUnits(ctx, clientID, serviceIDs)
}

func (s scoped) LatestMeasurements(ctx context.Context, serviceIDs []int64) ([][]*alliance.Measurement, error) {
	return s.base.LatestMeasurements(ctx, serviceIDs)
}

func (s scoped) FindRequirements(ctx context.Context, f coverage.RequirementFilter, p alliance.PageArgs) (*alliance.Page[*alliance.Requirement], int, error) {
	if f.ClientID != nil && *f.ClientID != s.client {
		f.ClientID = new(int64) // names no client
	} else {
		f.ClientID = &s.client
	}
	return s.base.FindRequirements(ctx, f, p)
}

func (s scoped) FindGaps(ctx context.Context, f coverage.GapFilter, p alliance.PageArgs) (*alliance.Page[coverage.GapEntry], int, error) {
	if f.ClientID != nil && *f.ClientID != s.client {
		f.ClientID = new(int64)
	} else {
		f.ClientID = &s.client
	}
	return s.base.FindGaps(ctx, f, p)
}

func (s scoped) FindClientsOrdered(ctx context.Context, f alliance.ClientFilter, o coverage.ClientOrder, p alliance.PageArgs) (*alliance.Page[*alliance.Client], int, error) {
	f.IDs = []int64{s.client}
	return s.base.FindClientsOrdered(ctx, f, o, p)
}

func (s scoped) ScoreHistories(ctx context.Context, ids []int64) ([][]alliance.ScorePoint, error) {
	h, err := s.base.ScoreHistories(ctx, ids)
	for i, id := range ids {
		if err == nil && id != s.client {
			h[i] = []alliance.ScorePoint{}
		}
	}
	return h, err
}

func (s scoped) Portfolio(ctx context.Context) (*coverage.PortfolioFigures, error) {
	p := &coverage.PortfolioFigures{}
	cs, err := s.base.ClientsByIDs(ctx, []int64{s.client})
	if err != nil {
		return nil, err
	}
	fs, err := s.base.ClientFigures(ctx, []int64{s.client})
	if err != nil {
		return nil, err
	}
	if cs[0] == nil || fs[0] == nil {
		return p, nil
	}
	f := fs[0]
	p.Score, p.StatusCounts, p.AnnualContractValue = f.Score, f.StatusCounts, cs[0].AnnualContractValue
	p.MonthlyServiceCost = coverage.Cents(f.MonthlyCostToServe)
	return p, nil
}

func (s scoped) Impact(ctx context.Context, serviceID int64) (*coverage.Impact, error) {
	imp, err := s.base.Impact(ctx, serviceID)
	if err != nil || imp == nil {
		return imp, err
	}
	out := &coverage.Impact{ServiceID: imp.ServiceID}
	atRisk := false
	for _, ch := range imp.Requirements {
		if ch.ClientID == s.client {
			out.Requirements = append(out.Requirements, ch)
			atRisk = atRisk || ch.LosesMust
		}
	}
	for _, ch := range imp.Clients {
		if ch.ClientID == s.client {
			out.Clients = append(out.Clients, ch)
		}
	}
	if atRisk {
		cs, err := s.base.ClientsByIDs(ctx, []int64{s.client})
		if err != nil {
			return nil, err
		}
		if c := cs[0]; c != nil && c.Status != alliance.Churned {
			out.RevenueAtRisk = c.AnnualContractValue
		}
	}
	return out, nil
}

func (s scoped) Matches(ctx context.Context, targets []alliance.Level) ([]coverage.Match, error) {
	ms, err := s.base.Matches(ctx, targets)
	for i := range ms {
		ms[i].SpareCapacity = nil
	}
	return ms, err
}

func compact[T any](items []*T) []*T {
	return slices.DeleteFunc(items, func(t *T) bool { return t == nil })
}
