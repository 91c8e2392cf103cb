package graph

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/vikstrous/dataloadgen"

	"alliance"
	"alliance/coverage"
)

// loaders batch the reads of nested fields: every object of one kind asked for
// while resolving a level of the query is read by one statement. They live for
// one operation (one root field of a mutation, so that each mutation reads what
// the ones before it wrote).
type loaders struct {
	client                   *dataloadgen.Loader[int64, *alliance.Client]
	objective                *dataloadgen.Loader[int64, *alliance.Objective]
	requirement              *dataloadgen.Loader[int64, *alliance.Requirement]
	service                  *dataloadgen.Loader[int64, *alliance.Service]
	metric                   *dataloadgen.Loader[string, *alliance.Metric]
	objectivesOfClient       *dataloadgen.Loader[int64, []*alliance.Objective]
	requirementsOfObjective  *dataloadgen.Loader[int64, []*alliance.Requirement]
	commitmentsOfRequirement *dataloadgen.Loader[int64, []*alliance.Commitment]
	commitmentsOfService     *dataloadgen.Loader[int64, []*alliance.Commitment]
	measurements             *dataloadgen.Loader[alliance.MeasurementQuery, []*alliance.Measurement]
	scoreHistory             *dataloadgen.Loader[int64, []alliance.ScorePoint]
	coverage                 *dataloadgen.Loader[int64, *coverage.Coverage]
	holds                    *dataloadgen.Loader[int64, *bool]
	objectiveFigures         *dataloadgen.Loader[int64, *coverage.ObjectiveFigures]
	clientFigures            *dataloadgen.Loader[int64, *coverage.ClientFigures]
	serviceFigures           *dataloadgen.Loader[int64, *coverage.ServiceFigures]
	latest                   *dataloadgen.Loader[int64, []*alliance.Measurement]
	user                     *dataloadgen.Loader[int64, *alliance.User]
	review                   *dataloadgen.Loader[int64, *alliance.Review]
	toReview                 *dataloadgen.Loader[int64, int]
	sourcesOfService         *dataloadgen.Loader[int64, []*alliance.MeasurementSource]
	evidence                 *dataloadgen.Loader[int64, *alliance.Evidence]
	stale                    *dataloadgen.Loader[int64, int]

	// The fetch functions behind the loaders, for the look-ahead.
	fetchClient                   func(context.Context, []int64) ([]*alliance.Client, []error)
	fetchObjective                func(context.Context, []int64) ([]*alliance.Objective, []error)
	fetchRequirement              func(context.Context, []int64) ([]*alliance.Requirement, []error)
	fetchService                  func(context.Context, []int64) ([]*alliance.Service, []error)
	fetchMetric                   func(context.Context, []string) ([]*alliance.Metric, []error)
	fetchObjectivesOfClient       func(context.Context, []int64) ([][]*alliance.Objective, []error)
	fetchRequirementsOfObjective  func(context.Context, []int64) ([][]*alliance.Requirement, []error)
	fetchCommitmentsOfRequirement func(context.Context, []int64) ([][]*alliance.Commitment, []error)
	fetchCommitmentsOfService     func(context.Context, []int64) ([][]*alliance.Commitment, []error)
	fetchMeasurements             func(context.Context, []alliance.MeasurementQuery) ([][]*alliance.Measurement, []error)
	fetchScoreHistory             func(context.Context, []int64) ([][]alliance.ScorePoint, []error)
	fetchCoverage                 func(context.Context, []int64) ([]*coverage.Coverage, []error)
	fetchHolds                    func(context.Context, []int64) ([]*bool, []error)
	fetchObjectiveFigures         func(context.Context, []int64) ([]*coverage.ObjectiveFigures, []error)
	fetchClientFigures            func(context.Context, []int64) ([]*coverage.ClientFigures, []error)
	fetchServiceFigures           func(context.Context, []int64) ([]*coverage.ServiceFigures, []error)
	fetchLatest                   func(context.Context, []int64) ([][]*alliance.Measurement, []error)
	fetchUser                     func(context.Context, []int64) ([]*alliance.User, []error)
	fetchReview                   func(context.Context, []int64) ([]*alliance.Review, []error)
	fetchEvidence                 func(context.Context, []int64) ([]*alliance.Evidence, []error)
	fetchStale                    func(context.Context, []int64) ([]int, []error)

	store Store
	// read are the keys the look-ahead has read into each loader.
	read readKeys
}

// DefaultLoaderWait is how long a loader waits for more keys before it
// reads, when Options.LoaderWait is not set. The look-ahead reads each level
// of a query for every key at once (ahead.go), so the wait gathers no more
// keys: the harness counted the same statements per request with no wait as
// with 2 ms. It trades latency one request at a time (a longer wait, a
// slower answer) against CPU under load (no wait cost Q1 a sixth to a
// quarter of its throughput at 16 at once on SQLite); 500 µs stayed within a
// sixth of the best of both (docs/PERFORMANCE.md, "The loaders' wait").
const DefaultLoaderWait = 500 * time.Microsecond

// loaderWait is the wait of Options.LoaderWait: 0 for the default, negative
// for none.
func loaderWait(set time.Duration) time.Duration {
	switch {
	case set == 0:
		return DefaultLoaderWait
	case set < 0:
		return 0
	}
	return set
}

func newLoaders(s Store, batchWait time.Duration) *loaders {
	l := &loaders{store: s}
	wait := dataloadgen.WithWait(batchWait)
	l.fetchClient = batch(s.ClientsByIDs, l.aheadClients)
	l.fetchObjective = batch(s.ObjectivesByIDs, l.aheadObjectives)
	l.fetchRequirement = batch(s.RequirementsByIDs, l.aheadRequirements)
	l.fetchService = batch(s.ServicesByIDs, l.aheadServices)
	l.fetchMetric = batch(s.MetricsByKeys, nil)
	l.fetchObjectivesOfClient = batch(s.ObjectivesByClientIDs, flatten(l.aheadObjectives))
	l.fetchRequirementsOfObjective = batch(s.RequirementsByObjectiveIDs, flatten(l.aheadRequirements))
	l.fetchCommitmentsOfRequirement = batch(s.CommitmentsByRequirementIDs, flatten(l.aheadCommitments))
	l.fetchCommitmentsOfService = batch(s.CommitmentsByServiceIDs, flatten(l.aheadCommitments))
	l.fetchMeasurements = batch(s.Measurements, flatten(l.aheadMeasurements))
	l.fetchScoreHistory = batch(s.ScoreHistories, nil)
	l.client = dataloadgen.NewLoader(l.fetchClient, wait)
	l.objective = dataloadgen.NewLoader(l.fetchObjective, wait)
	l.requirement = dataloadgen.NewLoader(l.fetchRequirement, wait)
	l.service = dataloadgen.NewLoader(l.fetchService, wait)
	l.metric = dataloadgen.NewLoader(l.fetchMetric, wait)
	l.objectivesOfClient = dataloadgen.NewLoader(l.fetchObjectivesOfClient, wait)
	l.requirementsOfObjective = dataloadgen.NewLoader(l.fetchRequirementsOfObjective, wait)
	l.commitmentsOfRequirement = dataloadgen.NewLoader(l.fetchCommitmentsOfRequirement, wait)
	l.commitmentsOfService = dataloadgen.NewLoader(l.fetchCommitmentsOfService, wait)
	l.measurements = dataloadgen.NewLoader(l.fetchMeasurements, wait)
	l.scoreHistory = dataloadgen.NewLoader(l.fetchScoreHistory, wait)
	// The stored figures: the look-ahead primes them with the objects
	// they belong to.
	l.fetchCoverage = batch(s.RequirementCoverages, nil)
	l.fetchHolds = batch(s.CommitmentHolds, nil)
	l.fetchObjectiveFigures = batch(s.ObjectiveFigures, nil)
	l.fetchClientFigures = batch(s.ClientFigures, nil)
	l.fetchServiceFigures = batch(s.ServiceFigures, nil)
	l.fetchLatest = batch(s.LatestMeasurements, nil)
	l.coverage = dataloadgen.NewLoader(l.fetchCoverage, wait)
	l.holds = dataloadgen.NewLoader(l.fetchHolds, wait)
	l.objectiveFigures = dataloadgen.NewLoader(l.fetchObjectiveFigures, wait)
	l.clientFigures = dataloadgen.NewLoader(l.fetchClientFigures, wait)
	l.serviceFigures = dataloadgen.NewLoader(l.fetchServiceFigures, wait)
	l.latest = dataloadgen.NewLoader(l.fetchLatest, wait)
	l.fetchUser = batch(s.UsersByIDs, nil)
	l.user = dataloadgen.NewLoader(l.fetchUser, wait)
	l.fetchReview = batch(s.ReviewsByCommitmentIDs, nil)
	l.review = dataloadgen.NewLoader(l.fetchReview, wait)
	l.toReview = dataloadgen.NewLoader(batch(s.CountCommitmentsToReview, nil), wait)
	l.sourcesOfService = dataloadgen.NewLoader(batch(s.MeasurementSourcesByServiceIDs, nil), wait)
	l.fetchEvidence = batch(s.EvidenceByCommitmentIDs, l.aheadEvidence)
	l.evidence = dataloadgen.NewLoader(l.fetchEvidence, wait)
	l.fetchStale = batch(s.CountStaleCommitments, nil)
	l.stale = dataloadgen.NewLoader(l.fetchStale, wait)
	return l
}

// batch adapts a store method that answers many keys at once (in their order)
// to a loader's fetch function. ahead, when set, looks ahead from the values
// read (see ahead.go).
func batch[K comparable, V any](f func(context.Context, []K) ([]V, error), ahead func(context.Context, []V)) func(context.Context, []K) ([]V, []error) {
	return func(ctx context.Context, keys []K) (_ []V, errs []error) {
		// The loader would recover a panic on its own, without the stack:
		// keep it for the log.
		defer func() {
			if v := recover(); v != nil {
				errs = []error{fmt.Errorf("panic while loading: %v\n%s", v, debug.Stack())}
			}
		}()
		values, err := f(ctx, keys)
		if err != nil {
			return nil, []error{err}
		}
		if ahead != nil {
			ahead(ctx, values)
		}
		return values, nil
	}
}

// flatten lets a look-ahead over objects serve a loader of lists of them.
func flatten[T any](ahead func(context.Context, []*T)) func(context.Context, [][]*T) {
	return func(ctx context.Context, lists [][]*T) { ahead(ctx, flat(lists)) }
}

type loadersKey struct{}

func withLoaders(ctx context.Context, s Store, wait time.Duration) context.Context {
	return context.WithValue(ctx, loadersKey{}, newLoaders(s, wait))
}

// load returns the loaders of the operation ctx belongs to.
func load(ctx context.Context) *loaders {
	return ctx.Value(loadersKey{}).(*loaders)
}

// must turns a missing parent (removed by a concurrent change while the query
// ran) into an error instead of a null in a non-null field.
func must[T any](v *T, err error, entity string, id any) (*T, error) {
	if err == nil && v == nil {
		return nil, alliance.Errorf(alliance.ENOTFOUND, "%s %v not found (removed while the query ran)", entity, id)
	}
	return v, err
}
