package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ProfileResult is a CPU profile of Alliance taken while the harness loaded
// it with one query, and where its time went.
type ProfileResult struct {
	Query       string  `json:"query"`
	Concurrency int     `json:"concurrency"`
	File        string  `json:"file"`
	Seconds     int     `json:"seconds"`
	SampledMs   float64 `json:"sampledMs"`
	// Groups are the profile's samples by layer, largest first (see
	// profileLayers).
	Groups []ProfileGroup `json:"groups"`
	// Top is the start of `go tool pprof -top`: the functions with the most
	// samples of their own.
	Top []string `json:"top"`
}

// ProfileGroup is the CPU time of one layer of the server.
type ProfileGroup struct {
	Name    string  `json:"name"`
	Ms      float64 `json:"ms"`
	Percent float64 `json:"percent"`
}

// fetchProfile asks Alliance for a CPU profile of the next seconds (pprof,
// served with --debug-stats) and writes it to path. It is started as the
// load begins and returns when the profile is written.
func fetchProfile(p *process, seconds int, path string) error {
	req, err := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/debug/pprof/profile?seconds=%d", p.url, seconds), nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+p.token)
	resp, err := httpClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET /debug/pprof/profile: status %d: %s", resp.StatusCode, clip(body))
	}
	return os.WriteFile(path, body, 0o644)
}

// profileWhile takes a CPU profile of p for about as long as d, while run
// loads it; the profile goes to dir. It returns run's load and the summary.
func profileWhile(ctx context.Context, p *process, dir, name string, d time.Duration, run func() (Load, error)) (Load, *ProfileResult, error) {
	seconds := int(d / time.Second)
	if seconds < 1 {
		seconds = 1
	}
	path := filepath.Join(dir, name+".pprof")
	done := make(chan error, 1)
	go func() { done <- fetchProfile(p, seconds, path) }()
	l, err := run()
	perr := <-done
	if err != nil {
		return l, nil, err
	}
	if perr != nil {
		return l, nil, fmt.Errorf("CPU profile: %w", perr)
	}
	sum, err := summariseProfile(ctx, path)
	if err != nil {
		return l, nil, err
	}
	sum.Seconds = seconds
	return l, sum, nil
}

// A layer of the server, for the profile's summary: a sample counts for the
// first layer, from the function running up its callers, that one of its
// frames belongs to; garbage collection and stack growth first, wherever
// they were called from.
type profileLayer struct {
	name string
	// match reports whether a function (as pprof names it) is the layer's.
	match func(fn string) bool
}

func prefixes(ps ...string) func(string) bool {
	return func(fn string) bool {
		for _, p := range ps {
			if strings.HasPrefix(fn, p) {
				return true
			}
		}
		return false
	}
}

const (
	layerGC     = "garbage collection"
	layerStacks = "goroutine stack growth"
	layerOther  = "other (runtime, scheduler)"
)

// gcFrame reports whether a function is the garbage collector's: its
// background workers, sweeping and scavenging, and the marking a goroutine
// that allocates is made to assist.
var gcFrame = prefixes("runtime.gcBgMarkWorker", "runtime.gcAssistAlloc", "runtime.gcDrain", "runtime.bgsweep", "runtime.bgscavenge",
	"runtime.markroot", "runtime.scanobject", "runtime.gcStart", "runtime.gcMarkDone", "runtime.gcMarkTermination", "runtime.sweepone",
	"runtime.(*sweepLocked).sweep", "runtime.(*mheap).reclaim", "runtime.forEachP", "runtime.stopTheWorld")

var stackFrame = prefixes("runtime.newstack", "runtime.morestack", "runtime.copystack")

// profileLayers are the layers in the order a frame is looked up in; the
// first whose match a frame meets takes the sample.
var profileLayers = []profileLayer{
	{"JSON encoding", prefixes("encoding/json.", "github.com/99designs/gqlgen/graphql.Marshal", "github.com/99designs/gqlgen/graphql.writeQuotedString",
		"github.com/99designs/gqlgen/graphql.(*FieldSet).MarshalGQL", "github.com/99designs/gqlgen/graphql.Array.MarshalGQL",
		"github.com/99designs/gqlgen/graphql.(*Array).MarshalGQL", "github.com/99designs/gqlgen/graphql.WriterFunc.MarshalGQL",
		"github.com/99designs/gqlgen/graphql.(*jsonWriter)", "github.com/99designs/gqlgen/graphql.(*lit).MarshalGQL",
		"github.com/99designs/gqlgen/graphql.(*Response)", "alliance/graph.Marshal", "alliance/graph.marshal")},
	{"database (driver + gorm)", prefixes("gorm.io/", "database/sql.", "modernc.org/", "github.com/glebarez/", "github.com/go-sql-driver/", "alliance/db.")},
	{"loaders", prefixes("github.com/vikstrous/dataloadgen.", "alliance/graph.(*loaders)", "alliance/graph.newLoaders", "alliance/graph.batch", "alliance/graph.prefetch",
		"alliance/graph.flatten", "alliance/graph.dedupe", "alliance/graph.load")},
	{"gqlgen field execution", prefixes("github.com/99designs/gqlgen/", "github.com/vektah/gqlparser/", "alliance/graph.")},
	{"HTTP and network", prefixes("net/http.", "net.", "internal/poll.", "syscall.", "bufio.", "crypto/", "compress/", "alliance/server.", "main.")},
}

// layerOf is the layer of a sample's stack, the running function first.
func layerOf(stack []string) string {
	for _, fn := range stack {
		if gcFrame(fn) {
			return layerGC
		}
	}
	for _, fn := range stack {
		if stackFrame(fn) {
			return layerStacks
		}
	}
	for _, fn := range stack {
		for _, l := range profileLayers {
			if l.match(fn) {
				return l.name
			}
		}
	}
	return layerOther
}

// summariseProfile groups a CPU profile's samples by layer, reading the
// stacks that `go tool pprof -traces` prints, and keeps the start of
// `go tool pprof -top`.
func summariseProfile(ctx context.Context, path string) (*ProfileResult, error) {
	traces, err := exec.CommandContext(ctx, "go", "tool", "pprof", "-traces", path).Output()
	if err != nil {
		return nil, fmt.Errorf("go tool pprof -traces %s: %w", path, err)
	}
	groups, total, err := groupTraces(string(traces))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	top, err := exec.CommandContext(ctx, "go", "tool", "pprof", "-top", "-nodecount=25", path).Output()
	if err != nil {
		return nil, fmt.Errorf("go tool pprof -top %s: %w", path, err)
	}
	r := &ProfileResult{File: path, SampledMs: total, Groups: groups}
	for _, line := range strings.Split(strings.TrimRight(string(top), "\n"), "\n") {
		r.Top = append(r.Top, line)
	}
	return r, nil
}

// groupTraces reads the output of `go tool pprof -traces`: samples separated
// by lines of dashes, each a value ("10ms", "1.50s") before the running
// function, then one caller a line.
func groupTraces(text string) ([]ProfileGroup, float64, error) {
	byLayer := map[string]float64{}
	var total float64
	var value float64
	var stack []string
	flush := func() {
		if len(stack) > 0 {
			byLayer[layerOf(stack)] += value
			total += value
		}
		stack, value = nil, 0
	}
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	samples := 0
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "-----------+"):
			flush()
		case len(stack) == 0 && value == 0 && trimmed != "" && strings.HasPrefix(line, " ") && strings.ContainsAny(trimmed, "0123456789"):
			fields := strings.Fields(trimmed)
			if len(fields) < 2 {
				continue
			}
			v, err := parseSampleValue(fields[0])
			if err != nil {
				continue // a header line
			}
			value = v
			stack = append(stack, fields[1])
			samples++
		case len(stack) > 0 && trimmed != "":
			stack = append(stack, strings.Fields(trimmed)[0])
		}
	}
	flush()
	if err := sc.Err(); err != nil {
		return nil, 0, err
	}
	if samples == 0 || total == 0 {
		return nil, 0, fmt.Errorf("the profile holds no sample")
	}
	var out []ProfileGroup
	for name, ms := range byLayer {
		out = append(out, ProfileGroup{Name: name, Ms: ms, Percent: 100 * ms / total})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Ms != out[j].Ms {
			return out[i].Ms > out[j].Ms
		}
		return out[i].Name < out[j].Name
	})
	return out, total, nil
}

// parseSampleValue reads a CPU time as pprof prints it (10ms, 1.50s, 300us,
// 2mins), in milliseconds.
func parseSampleValue(s string) (float64, error) {
	units := []struct {
		suffix string
		ms     float64
	}{{"mins", 60000}, {"hrs", 3600000}, {"ms", 1}, {"us", 0.001}, {"µs", 0.001}, {"ns", 0.000001}, {"s", 1000}}
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			v, err := strconv.ParseFloat(strings.TrimSuffix(s, u.suffix), 64)
			if err != nil {
				return 0, err
			}
			return v * u.ms, nil
		}
	}
	return 0, fmt.Errorf("%q is not a CPU time", s)
}
