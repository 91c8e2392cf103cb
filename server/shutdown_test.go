package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync"
	"testing"
	"time"

	"alliance/db"
	"alliance/db/dbtest"
)

// inFlight is one request of the shutdown test: sent, then answered (or
// not) while the server stops.
type inFlight struct {
	kind   string
	status int
	body   string
	err    error
	done   time.Time
}

// sendSlow posts body to url, trickled over trickle when it is not zero
// (the server has accepted the request and is reading it), and calls sent
// once the request's headers, or all of it, are written.
func sendSlow(url, body string, trickle time.Duration, sent func()) (int, string, error) {
	var r io.Reader = strings.NewReader(body)
	if trickle > 0 {
		pr, pw := io.Pipe()
		go func() {
			const parts = 10
			step := (len(body) + parts - 1) / parts
			for i := 0; i < len(body); i += step {
				time.Sleep(trickle / parts)
				if _, err := pw.Write([]byte(body[i:min(i+step, len(body))])); err != nil {
					return
				}
			}
			pw.Close()
		}()
		r = pr
	}
	req, _ := http.NewRequest("POST", url+"/graphql", r)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+testSecret)
	var once sync.Once
	trace := &httptrace.ClientTrace{
		WroteHeaders: func() {
			if trickle > 0 {
				once.Do(sent)
			}
		},
		WroteRequest: func(httptrace.WroteRequestInfo) { once.Do(sent) },
	}
	req = req.WithContext(httptrace.WithClientTrace(context.Background(), trace))
	// A connection of its own per request: none is shared or reused.
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Do(req)
	once.Do(sent)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

// TestGracefulShutdownUnderLoad stops a server (as SIGTERM does: run's
// context ends) while slow requests are in flight: each is answered in
// full, new connections are refused at once, and the program returns
// within --shutdown-timeout; a request slower than the timeout has its
// connection cut at the timeout, and the program still returns then.
func TestGracefulShutdownUnderLoad(t *testing.T) {
	url := dbtest.URL(t, db.SQLite)
	// The loader wait makes each level of the map a slow-ish read (the
	// mutations create services, which the map of clients does not show).
	const mapQuery = `{ clients(first: 8) { nodes { id name objectives { title requirements { title coverage { status percent }
		commitments { coveragePercent holds service { name } } } } } } }`
	s := start(t, []string{"--db", url, "--demo", "--loader-wait", "200ms", "--max-concurrent", "64", "--shutdown-timeout", "10s"}, nil)
	want := postQuery(t, s.url, mapQuery, nil)
	if len(want.Errors) > 0 || !strings.Contains(string(want.Data["clients"]), "commitments") {
		t.Fatalf("the map: %s %v", want.Data["clients"], want.Errors)
	}
	mapBody, _ := json.Marshal(map[string]any{"query": mapQuery})

	const maps, mutations, trickled = 12, 8, 4
	requests := make([]*inFlight, 0, maps+mutations+trickled)
	var sent, answered sync.WaitGroup
	send := func(kind, body string, trickle time.Duration) {
		f := &inFlight{kind: kind}
		requests = append(requests, f)
		sent.Add(1)
		answered.Add(1)
		go func() {
			defer answered.Done()
			f.status, f.body, f.err = sendSlow(s.url, body, trickle, sent.Done)
			f.done = time.Now()
		}()
	}
	for i := 0; i < maps; i++ {
		send("map", string(mapBody), 0)
	}
	for i := 0; i < mutations; i++ {
		b, _ := json.Marshal(map[string]any{"query": fmt.Sprintf(`mutation { createService(input: {name: "Shutdown %d"}) { id name commitments { id } } }`, i)})
		send("mutation", string(b), 0)
	}
	for i := 0; i < trickled; i++ {
		send("trickled map", string(mapBody), 800*time.Millisecond)
	}
	sent.Wait()
	time.Sleep(100 * time.Millisecond) // the server has taken every connection

	signal := time.Now()
	var stopErr error
	var exited time.Time
	stopped := make(chan struct{})
	go func() {
		stopErr = s.stop()
		exited = time.Now()
		close(stopped)
	}()
	// New connections are refused once the listener is closed.
	addr := strings.TrimPrefix(s.url, "http://")
	var refusedAfter time.Duration
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			refusedAfter = time.Since(signal)
			break
		}
		c.Close()
		if time.Since(signal) > 2*time.Second {
			t.Fatal("new connections were still accepted 2s after the signal")
		}
		time.Sleep(5 * time.Millisecond)
	}
	answered.Wait()
	<-stopped
	if stopErr != nil {
		t.Fatalf("the server stopped with: %v", stopErr)
	}
	var inFlightAtSignal int
	var lastAnswer time.Time
	for _, f := range requests {
		if f.err != nil || f.status != 200 {
			t.Errorf("a %s accepted before the signal: status %d, %v, %s", f.kind, f.status, f.err, clip(f.body))
			continue
		}
		r := decode(t, f.body)
		switch {
		case len(r.Errors) > 0:
			t.Errorf("a %s accepted before the signal was answered with errors: %v", f.kind, r.Errors)
		case strings.HasSuffix(f.kind, "map") && string(r.Data["clients"]) != string(want.Data["clients"]):
			t.Errorf("a %s was answered in part: %s", f.kind, clip(f.body))
		case f.kind == "mutation" && !strings.Contains(string(r.Data["createService"]), `"commitments":[]`):
			t.Errorf("a mutation was answered in part: %s", f.body)
		}
		if f.done.After(signal) {
			inFlightAtSignal++
		}
		if f.done.After(lastAnswer) {
			lastAnswer = f.done
		}
	}
	if inFlightAtSignal < len(requests)/2 {
		t.Fatalf("only %d of %d requests were still in flight at the signal: the test shows nothing", inFlightAtSignal, len(requests))
	}
	if exited.Sub(signal) > 10*time.Second || exited.Before(lastAnswer) {
		t.Fatalf("exited %s after the signal, the last answer %s after it", exited.Sub(signal), lastAnswer.Sub(signal))
	}
	if !strings.Contains(s.stderr.String(), "drained_in") {
		t.Errorf("no stop logged:\n%s", s.stderr)
	}
	t.Logf("%d requests (%d maps, %d mutations, %d with bodies trickled over 800ms) sent before the signal, %d still unanswered at it: every one answered in full; new connections refused %s after the signal; the last answer %s after it; the program returned %s after it (--shutdown-timeout 10s)",
		len(requests), maps, mutations, trickled, inFlightAtSignal, refusedAfter.Round(time.Millisecond), lastAnswer.Sub(signal).Round(time.Millisecond), exited.Sub(signal).Round(time.Millisecond))

	// A request slower than the timeout is cut at the timeout; the program
	// returns then, the database closed after the connections.
	t.Run("timeout", func(t *testing.T) {
		s := start(t, []string{"--db", url, "--shutdown-timeout", "500ms"}, nil)
		sentOne := make(chan struct{})
		cut := make(chan error, 1)
		go func() {
			_, _, err := sendSlow(s.url, string(mapBody), 5*time.Second, func() { close(sentOne) })
			cut <- err
		}()
		<-sentOne
		time.Sleep(100 * time.Millisecond)
		signal := time.Now()
		err := s.stop()
		took := time.Since(signal)
		if err == nil || !strings.Contains(err.Error(), "--shutdown-timeout 500ms") {
			t.Fatalf("stop: %v", err)
		}
		if took < 500*time.Millisecond || took > 2*time.Second {
			t.Fatalf("returned %s after the signal with --shutdown-timeout 500ms", took)
		}
		select {
		case err := <-cut:
			if err == nil {
				t.Fatal("the request slower than the timeout was answered")
			}
		case <-time.After(2 * time.Second):
			t.Fatal("the connection of the request slower than the timeout was not cut")
		}
		t.Logf("a request slower than --shutdown-timeout 500ms: its connection cut, the program returned %s after the signal", took.Round(time.Millisecond))
	})
}
