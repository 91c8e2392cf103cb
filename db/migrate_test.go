package db_test

import (
	"context"
	"testing"

	"alliance/db/dbtest"
)

func TestMigrateReachesLatest(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			d := dbtest.Open(t, dialect)
			cur, latest, err := d.SchemaVersion(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if cur != latest || latest < 1 {
				t.Fatalf("schema at %d, latest %d", cur, latest)
			}
			applied, err := d.Migrate(context.Background())
			if err != nil || len(applied) != 0 {
				t.Fatalf("second migrate applied %v, err %v", applied, err)
			}
		})
	}
}
