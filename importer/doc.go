// Package importer moves spreadsheets into the map: one .xlsx workbook with
// a sheet per entity, or one CSV file per entity, matched row by row to
// what is stored by natural keys (a client's name, an objective's title
// within its client, and so on). A dry run reports what an import would
// create, update (field by field) and leave alone, and every problem with
// its sheet, row and column; the import itself writes all of it in one
// transaction or nothing. It is plain Go over the domain and the store's
// alliance.ImportStore; the same rules as the API refuse the same input.
package importer
