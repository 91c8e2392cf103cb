package graph

//go:generate go tool gqlgen generate

import "alliance"

// Resolver holds what the resolvers need: the store. Nested fields read
// through the per-request loaders (see loaders.go).
type Resolver struct {
	Store alliance.Store
}
