// Package graph is the GraphQL API of Alliance: the schema (schema/*.graphqls,
// the single source of the API), the resolvers gqlgen calls, the per-request
// dataloaders behind nested fields, and the HTTP handler with its transports
// and error presentation, with an executor that runs operations in process
// alike (New, API.Execute).
//
// Resolvers are thin: a root field calls the store, a nested field calls a
// loader. Regenerate the executable schema with `go generate ./graph`.
package graph
