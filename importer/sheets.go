package importer

import (
	"slices"
	"strings"
)

// column is one column a sheet may have.
type column struct {
	name string
	// required columns must be there; key columns name the row.
	required bool
	note     string
	// enum, when set, lists the values the column takes (the template
	// offers them in a drop-down).
	enum []string
	// metrics columns take their list from the metric catalog.
	metrics bool
}

// sheet is what one entity looks like in a workbook or a CSV file.
type sheet struct {
	name    string // the sheet's name, and in lower case the CSV file's
	entity  string // what one row is, for messages
	columns []column
	// levels, when set, is the column of metric=value pairs; each metric
	// may also have a column of its own named levelPrefix + its key.
	levels      string
	levelPrefix string
}

// The sheets, parents before children: the order they are read and written
// in.
var sheets = []*sheet{
	{name: "Clients", entity: "client", columns: []column{
		{name: "name", required: true, note: "The client's name (the key: a row with the name of a stored client updates it)."},
		{name: "industry", note: "Optional text."},
		{name: "accountOwner", note: "Optional text: who owns the account."},
		{name: "status", note: "PROSPECT, ACTIVE or CHURNED (new clients: ACTIVE).", enum: []string{"PROSPECT", "ACTIVE", "CHURNED"}},
		{name: "annualContractValue", note: "An amount, at most two decimals, not negative (new clients: 0)."},
	}},
	{name: "Services", entity: "service", levels: "designedLevels", levelPrefix: "level.", columns: []column{
		{name: "name", required: true, note: "The service's name (the key)."},
		{name: "description", note: "Optional text."},
		{name: "ownerTeam", note: "Optional text: the team that runs it."},
		{name: "lifecycle", note: "PLANNED, LIVE, RETIRING or RETIRED (new services: LIVE).", enum: []string{"PLANNED", "LIVE", "RETIRING", "RETIRED"}},
		{name: "monthlyCost", note: "An amount, at most two decimals, not negative (new services: 0)."},
		{name: "capacity", note: "Optional whole number of commitment units it can carry; empty for no limit."},
		{name: "designedLevels", note: "What it is designed to deliver, as metric=value pairs separated by semicolons (availability=99.9; response_minutes=30); or one column per metric named level.<metric>."},
	}},
	{name: "Objectives", entity: "objective", columns: []column{
		{name: "client", required: true, note: "The name of the client (in this file or already stored)."},
		{name: "title", required: true, note: "The objective's title (the key within its client)."},
		{name: "description", note: "Optional text."},
		{name: "owner", note: "Optional text."},
		{name: "priority", note: "MUST, SHOULD or COULD (new objectives: SHOULD).", enum: []string{"MUST", "SHOULD", "COULD"}},
	}},
	{name: "Requirements", entity: "requirement", levels: "targets", levelPrefix: "target.", columns: []column{
		{name: "client", required: true, note: "The name of the client."},
		{name: "objective", required: true, note: "The title of the objective, within that client."},
		{name: "title", required: true, note: "The requirement's title (the key within its objective)."},
		{name: "description", note: "Optional text."},
		{name: "priority", note: "MUST, SHOULD or COULD (new requirements: SHOULD).", enum: []string{"MUST", "SHOULD", "COULD"}},
		{name: "targets", note: "The service levels promised, as metric=value pairs separated by semicolons (availability=99.95; support_hours=168); or one column per metric named target.<metric>. Empty: none (a functional requirement)."},
	}},
	{name: "Commitments", entity: "commitment", columns: []column{
		{name: "client", required: true, note: "The name of the client."},
		{name: "objective", required: true, note: "The title of the objective."},
		{name: "requirement", required: true, note: "The title of the requirement."},
		{name: "service", required: true, note: "The name of the service that meets it (the key: requirement and service)."},
		{name: "coveragePercent", note: "The part of the requirement it covers, 1 to 100 (new commitments: 100)."},
		{name: "capacityUnits", note: "How much of the service's capacity it takes, 1 to 1000000 (new commitments: 1)."},
		{name: "note", note: "Optional text."},
	}},
	{name: "Measurements", entity: "measurement", columns: []column{
		{name: "service", required: true, note: "The name of the service measured."},
		{name: "metric", required: true, note: "The metric's key.", metrics: true},
		{name: "periodStart", required: true, note: "When the period began: a date (2026-11-01) or a time (2026-11-01T00:00:00Z), UTC."},
		{name: "periodEnd", required: true, note: "When it ended (after the start). Service, metric and period are the key."},
		{name: "value", required: true, note: "What was delivered, a number in the metric's unit."},
		{name: "source", note: "Optional text: where the figure comes from."},
	}},
}

// sheetNamed returns the sheet a workbook sheet or a CSV file name means
// ("Clients", "clients", "client"), or nil.
func sheetNamed(name string) *sheet {
	n := strings.ToLower(strings.TrimSpace(name))
	for _, s := range sheets {
		l := strings.ToLower(s.name)
		if n == l || n == strings.TrimSuffix(l, "s") {
			return s
		}
	}
	return nil
}

// column returns the column named name (in any case), or nil.
func (s *sheet) column(name string) *column {
	for i := range s.columns {
		if strings.EqualFold(s.columns[i].name, name) {
			return &s.columns[i]
		}
	}
	return nil
}

func sheetNames() []string {
	out := make([]string, len(sheets))
	for i, s := range sheets {
		out[i] = s.name
	}
	return out
}

func (s *sheet) columnNames() []string {
	var out []string
	for _, c := range s.columns {
		out = append(out, c.name)
	}
	if s.levels != "" {
		out = append(out, s.levelPrefix+"<metric>")
	}
	return out
}

func (s *sheet) index() int { return slices.Index(sheets, s) }
