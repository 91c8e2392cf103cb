// Package export takes the map out of Alliance as files: every list of the
// web app as CSV or XLSX, with the rows and filters of its view (see View).
//
// A list is a built-in report: a GraphQL query run in process through the
// executor as the caller (package report), so that the caller's role and
// client limit apply exactly as they do to /graphql, and a client-portal
// caller is never asked for a field the schema marks @internal. Package
// main serves the lists at /api/export/WHAT.csv and .xlsx and runs the same
// from `alliance export`.
package export
