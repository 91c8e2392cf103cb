package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"alliance/db"
)

// TestKill9OnSQLite runs the built program on an SQLite file under a write
// loop and kills it with SIGKILL at a random moment, round after round:
// after each restart the file passes PRAGMA integrity_check and holds every
// write the server acknowledged. 5 rounds; ALLIANCE_KILL_ROUNDS=50 for the
// long run.
func TestKill9OnSQLite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the program: not with -short")
	}
	rounds := 5
	if v := os.Getenv("ALLIANCE_KILL_ROUNDS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("ALLIANCE_KILL_ROUNDS=%q: want a number of rounds, at least 1", v)
		}
		rounds = n
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "alliance")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	path := filepath.Join(dir, "kill.db")

	var acked []string // the names of the clients the server said it created
	tried, refused := 0, 0
	for round := 1; round <= rounds; round++ {
		p := startProcess(t, bin, path)
		if round > 1 {
			checkFile(t, path, acked, round-1)
		}
		// Writers until the kill, at a random moment 50 to 500 ms in.
		var mu sync.Mutex
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for w := range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					name := fmt.Sprintf("Kill r%d w%d n%d", round, w, i)
					ok := createClient(p.url, name)
					mu.Lock()
					tried++
					if ok {
						acked = append(acked, name)
					} else {
						refused++
					}
					mu.Unlock()
				}
			}()
		}
		time.Sleep(time.Duration(50+rand.IntN(450)) * time.Millisecond)
		if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		close(stop) // the writes in flight are cut off; no new ones
		p.cmd.Wait()
		wg.Wait()
	}
	p := startProcess(t, bin, path)
	found := checkFile(t, path, acked, rounds)
	p.cmd.Process.Signal(syscall.SIGKILL)
	p.cmd.Wait()
	t.Logf("kill -9 on SQLite: %d rounds, %d writes tried, %d acknowledged, %d found after the restarts, %d not acknowledged (cut off by the kill)",
		rounds, tried, len(acked), found, refused)
	if len(acked) < rounds {
		t.Fatalf("only %d writes acknowledged in %d rounds: the loop did not run", len(acked), rounds)
	}
}

type process struct {
	cmd *exec.Cmd
	url string
}

// startProcess runs the program on the SQLite file and waits for /healthz.
func startProcess(t *testing.T, bin, path string) *process {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--db", "sqlite:"+path)
	cmd.Env = append(os.Environ(), "ALLIANCE_BOOTSTRAP_TOKEN="+testSecret)
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if m := runningAt.FindStringSubmatch(out.String()); m != nil {
			if resp, err := http.Get(m[1] + "/healthz"); err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					return &process{cmd: cmd, url: m[1]}
				}
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the program did not start on %s:\n%s", path, out)
	return nil
}

// createClient asks the server to create a client, and says whether it
// acknowledged the write (an answer with the client and no error).
func createClient(url, name string) bool {
	body, _ := json.Marshal(map[string]any{
		"query":     `mutation($input: ClientInput!) { createClient(input: $input) { name } }`,
		"variables": map[string]any{"input": map[string]any{"name": name}},
	})
	req, _ := http.NewRequest("POST", url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+testSecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	var r struct {
		Data struct {
			CreateClient *struct{ Name string }
		}
		Errors []json.RawMessage
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || resp.StatusCode != 200 || len(r.Errors) > 0 || r.Data.CreateClient == nil {
		return false
	}
	return r.Data.CreateClient.Name == name
}

// checkFile opens the file beside the running server and checks its
// integrity and that every acknowledged client is in it; it returns how many
// were found.
func checkFile(t *testing.T, path string, acked []string, round int) int {
	t.Helper()
	ctx := context.Background()
	d, err := db.Open(ctx, "sqlite:"+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var check string
	if err := d.SQL().QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("after kill %d: integrity_check %q (%v)", round, check, err)
	}
	names := map[string]bool{}
	rows, err := d.SQL().QueryContext(ctx, "SELECT name FROM clients")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names[n] = true
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, n := range acked {
		if names[n] {
			found++
		} else {
			t.Errorf("after kill %d: the acknowledged client %q is missing", round, n)
		}
	}
	return found
}
