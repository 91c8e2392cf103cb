package graph

//go:generate go tool gqlgen generate

import (
	"context"

	"github.com/vektah/gqlparser/v2/ast"

	"alliance"
	"alliance/coverage"
)

// Store is what the API reads and writes: the map (alliance.Store) and the
// coverage computed from it. Package db implements it.
type Store interface {
	alliance.Store
	// Evaluation returns the coverage of the portfolio as it is now.
	Evaluation(ctx context.Context) (*coverage.Evaluation, error)
	FindRequirements(ctx context.Context, f coverage.RequirementFilter, p alliance.PageArgs) (*alliance.Page[*alliance.Requirement], int, error)
	FindGaps(ctx context.Context, f coverage.GapFilter, p alliance.PageArgs) (*alliance.Page[coverage.GapEntry], int, error)
	FindClientsOrdered(ctx context.Context, f alliance.ClientFilter, o coverage.ClientOrder, p alliance.PageArgs) (*alliance.Page[*alliance.Client], int, error)
	ScoreHistories(ctx context.Context, clientIDs []int64) ([][]alliance.ScorePoint, error)
	Portfolio(ctx context.Context) (*coverage.PortfolioFigures, error)
	// Impact returns nil for an unknown service.
	Impact(ctx context.Context, serviceID int64) (*coverage.Impact, error)
	Matches(ctx context.Context, targets []alliance.Level) ([]coverage.Match, error)
	// ServiceFigures returns nil for an unknown service.
	ServiceFigures(ctx context.Context, serviceID int64) (*coverage.ServiceFigures, error)
}

// Resolver holds what the resolvers need: the store. Nested fields read
// through the per-request loaders (see loaders.go).
type Resolver struct {
	Store  Store
	schema *ast.Schema
}
