// Package model holds what the GraphQL layer needs beyond the domain types:
// the custom scalars (ID, Time, Money, JSON), the list connections, and the
// patch inputs that gqlgen generates (models_gen.go).
package model
