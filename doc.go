// Package alliance holds the domain of Alliance: clients, their objectives and
// requirements, the IT services committed to meet them, and the measurements
// that show whether those services deliver.
//
// The package is plain Go. It knows nothing of storage (see package db), of
// GraphQL (see package graph) or of HTTP (see the server program), so that the
// rules of the product can be read and tested on their own.
package alliance
