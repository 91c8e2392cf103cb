package graph

//go:generate go tool gqlgen generate

import (
	"context"
	"log/slog"

	"github.com/vektah/gqlparser/v2/ast"

	"alliance"
	"alliance/coverage"
	"alliance/prom"
)

// Store is what the API reads and writes: the map (alliance.Store) and the
// coverage computed from it. Package db implements it.
type Store interface {
	alliance.Store
	// ReadOnly returns a context whose reads all see one state of the
	// data, and the function that ends it.
	ReadOnly(ctx context.Context) (context.Context, func(), error)
	FindRequirements(ctx context.Context, f coverage.RequirementFilter, p alliance.PageArgs) (*alliance.Page[*alliance.Requirement], int, error)
	FindGaps(ctx context.Context, f coverage.GapFilter, p alliance.PageArgs) (*alliance.Page[coverage.GapEntry], int, error)
	FindClientsOrdered(ctx context.Context, f alliance.ClientFilter, o coverage.ClientOrder, p alliance.PageArgs) (*alliance.Page[*alliance.Client], int, error)
	ScoreHistories(ctx context.Context, clientIDs []int64) ([][]alliance.ScorePoint, error)
	Portfolio(ctx context.Context) (*coverage.PortfolioFigures, error)
	// Impact returns nil for an unknown service.
	Impact(ctx context.Context, serviceID int64) (*coverage.Impact, error)
	Matches(ctx context.Context, targets []alliance.Level) ([]coverage.Match, error)
	// The stored figures of many entities at once, in the order of the ids
	// (nil for an id that names nothing).
	RequirementCoverages(ctx context.Context, ids []int64) ([]*coverage.Coverage, error)
	CommitmentHolds(ctx context.Context, ids []int64) ([]*bool, error)
	ObjectiveFigures(ctx context.Context, ids []int64) ([]*coverage.ObjectiveFigures, error)
	ClientFigures(ctx context.Context, ids []int64) ([]*coverage.ClientFigures, error)
	ServiceFigures(ctx context.Context, ids []int64) ([]*coverage.ServiceFigures, error)
	// ClientUnits returns the client's active and planned units on each
	// service.
	ClientUnits(ctx context.Context, clientID int64, serviceIDs []int64) ([]int, error)
	// LatestMeasurements returns the latest measurement of each metric of
	// each service.
	LatestMeasurements(ctx context.Context, serviceIDs []int64) ([][]*alliance.Measurement, error)
}

// Resolver holds what the resolvers need: the store. Nested fields read
// through the per-request loaders (see loaders.go).
type Resolver struct {
	Store  Store
	schema *ast.Schema
	// mailer mails the one-time links made (nil: none is mailed).
	mailer LinkMailer
	log    *slog.Logger
	// puller tests and pulls measurement sources.
	puller *prom.Puller
}
