package main

import (
	"testing"
	"time"
)

// L1 and the loader waits run only when --only names them; --only refuses
// a measurement it does not know.
func TestOptions(t *testing.T) {
	o, err := parseOptions(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"q1", "q2", "w1"} {
		if !o.wants(name) {
			t.Errorf("the default run leaves out %s", name)
		}
	}
	for _, name := range []string{"l1", "waits"} {
		if o.wants(name) {
			t.Errorf("the default run makes %s", name)
		}
	}
	if o.L1Duration != time.Minute || o.L1Rate != 50 || o.L1Readers != 8 || len(o.LoaderWaits) != 5 || o.LoaderWaits[0] != 0 {
		t.Errorf("defaults: %+v", o)
	}
	o, err = parseOptions([]string{"--only", "q1, l1", "--l1-duration", "2s", "--loader-waits", "0,250us"})
	if err != nil {
		t.Fatal(err)
	}
	if !o.wants("l1") || !o.wants("q1") || o.wants("q3") || o.L1Duration != 2*time.Second || o.LoaderWaits[1] != 250*time.Microsecond {
		t.Errorf("parsed: %+v", o)
	}
	for _, args := range [][]string{{"--only", "q7"}, {"--l1-rate", "0"}, {"--loader-waits", "-1ms"}, {"--loader-waits", "soon"}} {
		if _, err := parseOptions(args); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}

// A CPU profile's samples are charged to the first layer up their stack:
// the database under a loader is the database's, marshalling under gqlgen
// is JSON's, the collector wherever it runs.
func TestProfileLayers(t *testing.T) {
	traces := `File: alliance
Type: cpu
Duration: 1s, Total samples = 60ms (6.00%)
-----------+-------------------------------------------------------
      10ms   runtime.memmove
             modernc.org/sqlite/lib._sqlite3VdbeExec
             database/sql.(*Rows).Next
             alliance/db.(*DB).ObjectiveFigures
             alliance/graph.newLoaders.batch[go.shape.int64,go.shape.*uint8].func20
             github.com/vikstrous/dataloadgen.(*Loader[go.shape.int64 ,go.shape.*uint8]).startBatch.func1
-----------+-------------------------------------------------------
      20ms   strconv.appendQuotedWith
             github.com/99designs/gqlgen/graphql.MarshalString.func1
             github.com/99designs/gqlgen/graphql.(*FieldSet).MarshalGQL
             alliance/graph.(*executionContext)._Client
-----------+-------------------------------------------------------
      10ms   runtime.scanobject
             runtime.gcDrain
             runtime.gcBgMarkWorker
-----------+-------------------------------------------------------
      1.5s   runtime.mallocgc
             github.com/vikstrous/dataloadgen.(*Loader[go.shape.int64,go.shape.*uint8]).LoadThunk
             alliance/graph.(*clientResolver).Objectives
-----------+-------------------------------------------------------
      10ms   runtime.futex
             runtime.findRunnable
             runtime.schedule
-----------+-------------------------------------------------------
`
	groups, total, err := groupTraces(traces)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, g := range groups {
		got[g.Name] = g.Ms
	}
	want := map[string]float64{"database (driver + gorm)": 10, "JSON encoding": 20, layerGC: 10, "loaders": 1500, layerOther: 10}
	if total != 1550 || len(got) != len(want) {
		t.Fatalf("total %v, groups %v", total, got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %v ms, want %v", k, got[k], v)
		}
	}
	if groups[0].Name != "loaders" {
		t.Errorf("largest first: %+v", groups)
	}
	if _, _, err := groupTraces("File: alliance\nType: cpu\n"); err == nil {
		t.Error("a profile with no sample: no error")
	}
}

func TestAFloodRequestTheServerClosedIsCutNotFailed(t *testing.T) {
	for err, want := range map[string]bool{
		`Post "http://127.0.0.1:4000/graphql": EOF`:                               true,
		`Post "http://127.0.0.1:4000/graphql": unexpected EOF`:                    true,
		`read tcp 127.0.0.1:5000->127.0.0.1:4000: read: connection reset by peer`: true,
		`Post "http://127.0.0.1:4000/graphql": dial tcp: connection refused`:      false,
		`Post "http://127.0.0.1:4000/graphql": context deadline exceeded`:         false,
		``: false,
	} {
		if got := endedByServer(err); got != want {
			t.Errorf("endedByServer(%q) = %v, want %v", err, got, want)
		}
	}
}
