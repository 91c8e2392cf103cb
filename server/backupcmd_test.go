package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"alliance/db"
	"alliance/db/dbtest"
)

// writeLoad creates clients over HTTP, one after another, until stop is
// closed, and keeps the id of each creation the server acknowledged, in
// order, with the time of the answer.
type writeLoad struct {
	mu     sync.Mutex
	acked  []ackedWrite
	failed int
	stop   chan struct{}
	done   chan struct{}
}

type ackedWrite struct {
	id string
	at time.Time
}

func startWriteLoad(url string) *writeLoad {
	w := &writeLoad{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		for i := 0; ; i++ {
			select {
			case <-w.stop:
				return
			default:
			}
			body, _ := json.Marshal(map[string]any{"query": fmt.Sprintf(`mutation { createClient(input: {name: "Load %d"}) { id } }`, i)})
			req, _ := http.NewRequest("POST", url+"/graphql", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+testSecret)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				w.mu.Lock()
				w.failed++
				w.mu.Unlock()
				continue
			}
			var r struct {
				Data struct{ CreateClient struct{ ID string } }
			}
			err = json.NewDecoder(resp.Body).Decode(&r)
			resp.Body.Close()
			w.mu.Lock()
			if err == nil && resp.StatusCode == 200 && r.Data.CreateClient.ID != "" {
				w.acked = append(w.acked, ackedWrite{r.Data.CreateClient.ID, time.Now()})
			} else {
				w.failed++
			}
			w.mu.Unlock()
		}
	}()
	return w
}

// end stops the load and returns what was acknowledged.
func (w *writeLoad) end() ([]ackedWrite, int) {
	close(w.stop)
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.acked, w.failed
}

// clientIDs are the ids of every client the server at url lists.
func clientIDs(t *testing.T, url string) map[string]bool {
	t.Helper()
	ids := map[string]bool{}
	after := ""
	for {
		q := `{ clients(first: 100` + after + `) { nodes { id } pageInfo { hasNextPage endCursor } } }`
		r := postQuery(t, url, q, nil)
		var page struct {
			Nodes    []struct{ ID string }
			PageInfo struct {
				HasNextPage bool
				EndCursor   string
			}
		}
		if err := json.Unmarshal(r.Data["clients"], &page); err != nil || len(r.Errors) > 0 {
			t.Fatalf("clients: %v %v", err, r.Errors)
		}
		for _, n := range page.Nodes {
			ids[n.ID] = true
		}
		if !page.PageInfo.HasNextPage {
			return ids
		}
		after = fmt.Sprintf(`, after: %q`, page.PageInfo.EndCursor)
	}
}

// TestBackupUnderWriteLoad takes a backup while a server takes writes over
// HTTP, restores it (SQLite: the copy is served as it is; MySQL: the JSON
// export is restored into a new database), and finds every write
// acknowledged before the backup began.
func TestBackupUnderWriteLoad(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			src := dbtest.URL(t, dialect)
			if _, _, err := runCommand(t, []string{"seed", "--demo", "--db", src}, nil); err != nil {
				t.Fatal(err)
			}
			s := start(t, []string{"--db", src}, nil)
			load := startWriteLoad(s.url)
			time.Sleep(500 * time.Millisecond)
			file := filepath.Join(t.TempDir(), "backups", "backup") // the folder is made
			began := time.Now()
			out, _, err := runCommand(t, []string{"backup", "--db", src, "--out", file}, nil)
			took := time.Since(began)
			time.Sleep(200 * time.Millisecond)
			acked, failed := load.end()
			if err != nil || !strings.Contains(out, "written to "+file) {
				t.Fatalf("backup: %q %v", out, err)
			}
			var before, during int
			for _, a := range acked {
				if a.at.Before(began) {
					before++
				} else {
					during++
				}
			}
			if before < 5 || during < 1 || failed > 0 {
				t.Fatalf("the load: %d writes acknowledged before the backup, %d during or after it, %d failed", before, during, failed)
			}
			// A second backup to the same name is refused; --force replaces it.
			if _, _, err := runCommand(t, []string{"backup", "--db", src, "--out", file}, nil); err == nil || !strings.Contains(err.Error(), "--force") {
				t.Fatalf("backup over an existing file: %v", err)
			}
			if dialect == db.SQLite {
				if _, _, err := runCommand(t, []string{"backup", "--db", src, "--out", strings.TrimPrefix(src, "sqlite:"), "--force"}, nil); err == nil || !strings.Contains(err.Error(), "the database itself") {
					t.Fatalf("backup over the database: %v", err)
				}
			}
			if matches, _ := filepath.Glob(filepath.Join(filepath.Dir(file), ".*")); len(matches) > 0 {
				t.Fatalf("temporary files left: %v", matches)
			}

			restored := src
			switch dialect {
			case db.SQLite:
				if !strings.Contains(out, "integrity check ok") {
					t.Fatalf("backup: %q", out)
				}
				if _, err := db.CheckSQLiteFile(t.Context(), file); err != nil {
					t.Fatal(err)
				}
				restored = "sqlite:" + file
			default:
				if !strings.Contains(out, "JSON export") {
					t.Fatalf("backup: %q", out)
				}
				restored = dbtest.URL(t, dialect)
				if rout, _, err := runCommand(t, []string{"restore", file, "--db", restored}, nil); err != nil {
					t.Fatalf("restore: %q %v", rout, err)
				}
			}
			if cout, _, err := runCommand(t, []string{"check", "--db", restored}, nil); err != nil {
				t.Fatalf("check of the restored backup: %v\n%s", err, cout)
			}
			s.stop()
			r := start(t, []string{"--db", restored}, nil)
			ids := clientIDs(t, r.url)
			var missing, found int
			for _, a := range acked {
				switch {
				case ids[a.id]:
					found++
				case a.at.Before(began):
					missing++
					t.Errorf("client %s, acknowledged %s before the backup began, is not in it", a.id, began.Sub(a.at))
				}
			}
			size := int64(0)
			if st, err := os.Stat(file); err == nil {
				size = st.Size()
			}
			t.Logf("%s: backup of %d bytes in %s under load; %d writes acknowledged before it began, all %d in the backup (%d missing); %d acknowledged during or after it, %d of them in it",
				dialect, size, took.Round(time.Millisecond), before, before-missing, missing, during, found-(before-missing))
		})
	}
}
