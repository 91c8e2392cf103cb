package importer

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"time"

	"alliance"
)

// Options say how to import.
type Options struct {
	// DryRun reports what the import would do and writes nothing.
	DryRun bool
	// Prune removes the stored rows the file leaves out (see the README):
	// they are listed in the report first.
	Prune bool
	// Progress, when set, is told how many rows are written out of how
	// many, now and then.
	Progress func(done, total int)
}

// errProblems stops a write transaction whose plan found problems.
var errProblems = errors.New("the import has problems")

// Import reads the files, matches their rows to the map of store and, unless
// opt.DryRun or a problem is found, writes the changes in one transaction.
// The report says what was (or would be) done and every problem; the error
// is for failures of the store, not of the input.
func Import(ctx context.Context, store alliance.ImportStore, files []File, opt Options) (*Report, error) {
	report := &Report{ID: newID(), DryRun: opt.DryRun, Prune: opt.Prune, Sheets: []*SheetSummary{}, Changes: []*Change{}, Problems: []Problem{}, Notices: []Problem{}}
	rd := read(files)
	report.Problems = append(report.Problems, rd.problems...)
	report.Notices = append(report.Notices, rd.notices...)
	if len(files) == 0 {
		report.Problems = append(report.Problems, Problem{Sheet: "import", Message: "no file given"})
	}
	limited := alliance.PrincipalFrom(ctx).Scoped()
	base := *report
	plan := func(st *alliance.ImportState) (*alliance.ImportChanges, error) {
		// The plan may run again (a transaction that lost a deadlock):
		// it starts afresh each time.
		r := base
		r.Problems = append([]Problem{}, base.Problems...)
		p := newPlanner(st, limited, opt.Prune, &r)
		p.plan(rd.tables)
		*report = r
		if len(report.Problems) > 0 {
			return nil, errProblems
		}
		p.ch.Progress = opt.Progress
		return p.ch, nil
	}
	if opt.DryRun || len(report.Problems) > 0 {
		st, err := store.ImportState(ctx)
		if err != nil {
			return nil, err
		}
		plan(st)
		return report, nil
	}
	err := store.Import(alliance.WithRequestID(ctx, report.ID), plan)
	switch {
	case errors.Is(err, errProblems):
		return report, nil
	case err != nil:
		return nil, err
	}
	report.Applied = true
	return report, nil
}

// newID names an import: when it began and a random part
// ("import-20261201T170501-3f9a1c2e").
func newID() string {
	b := make([]byte, 4)
	rand.Read(b)
	return "import-" + time.Now().UTC().Format("20060102T150405") + "-" + hex.EncodeToString(b)
}
