// Package report runs saved reports: it reads a report's query and the
// variables of its URL, runs the query in process through the GraphQL
// executor (as the principal of the context, with the API's limits and
// authorization), and renders the answer as the GraphQL response, as CSV
// rows, or, paging through a connection, as every row streamed a page at a
// time.
//
// It knows nothing of HTTP: package main serves reports at /reports/SLUG.json
// and /reports/SLUG.csv, and says what an error code means as a status.
package report
