package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"alliance/db"
	"alliance/db/dbtest"
	"alliance/graph"
)

func runCommand(t *testing.T, args []string, env map[string]string) (string, string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), args, func(k string) string { return env[k] }, &stdout, &stderr)
	return stdout.String(), stderr.String(), err
}

func TestMigrateAndSeedCommands(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			url := dbtest.URL(t, dialect)
			out, _, err := runCommand(t, []string{"migrate", "--db", url}, nil)
			d, derr := db.Open(context.Background(), url, nil)
			if derr != nil {
				t.Fatal(derr)
			}
			_, latest, _ := d.SchemaVersion(context.Background())
			d.Close()
			if err != nil || latest < 2 || !strings.Contains(out, fmt.Sprintf("is at schema version %d\n", latest)) {
				t.Fatalf("migrate: %q %v (latest %d)", out, err, latest)
			}
			if _, _, err := runCommand(t, []string{"seed", "--db", url}, nil); err == nil || !strings.Contains(err.Error(), "seed --demo") {
				t.Fatalf("seed without --demo: %v", err)
			}
			// The URL may come from the environment.
			out, _, err = runCommand(t, []string{"seed", "--demo"}, map[string]string{"ALLIANCE_DB": url})
			if err != nil || !strings.Contains(out, "demo portfolio loaded: 8 clients") {
				t.Fatalf("seed --demo: %q %v", out, err)
			}
			if _, _, err := runCommand(t, []string{"seed", "--demo", "--db", url}, nil); err == nil || !strings.Contains(err.Error(), "empty database only") {
				t.Fatalf("second seed: %v", err)
			}
			// serve --demo over a database that holds data leaves it alone.
			s := start(t, []string{"--db", url, "--demo"}, nil)
			if !strings.Contains(s.stderr.String(), "demo portfolio not loaded") {
				t.Fatalf("logs: %s", s.stderr)
			}
			r := postQuery(t, s.url, `{ clients { totalCount } }`, nil)
			if string(r.Data["clients"]) != `{"totalCount":8}` {
				t.Fatalf("clients %s", r.Data["clients"])
			}
		})
	}
}

func TestConfig(t *testing.T) {
	env := map[string]string{"ALLIANCE_ADDR": "0.0.0.0:9999", "ALLIANCE_DEMO": "true", "ALLIANCE_CORS_ORIGINS": "https://a.example, https://b.example"}
	c, _, err := parseConfig("serve", serveFlags(), []string{"--addr", "127.0.0.1:7000"}, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:7000" || !c.Demo || c.DB != defaultDB || len(c.CORSOrigins) != 2 || c.CORSOrigins[1] != "https://b.example" {
		t.Fatalf("flag over environment over default: %+v", c)
	}
	c, _, _ = parseConfig("serve", serveFlags(), nil, func(string) string { return "" })
	if c.Addr != defaultAddr || c.Demo || c.MaxBodyBytes != 1<<20 || c.ParserTokenLimit != 15000 || c.LogLevel != "info" || c.LoaderWait != graph.DefaultLoaderWait {
		t.Fatalf("defaults: %+v", c)
	}
	c, _, err = parseConfig("serve", serveFlags(), nil, func(k string) string { return map[string]string{"ALLIANCE_LOADER_WAIT": "500us"}[k] })
	if err != nil || c.LoaderWait != 500*time.Microsecond {
		t.Fatalf("ALLIANCE_LOADER_WAIT=500us: %v, %v", c, err)
	}

	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"bad demo variable", nil, map[string]string{"ALLIANCE_DEMO": "yes please"}, "ALLIANCE_DEMO"},
		{"bad body limit", nil, map[string]string{"ALLIANCE_MAX_BODY_BYTES": "lots"}, "ALLIANCE_MAX_BODY_BYTES"},
		{"bad log level", []string{"--log-level", "chatty"}, nil, "log level"},
		{"bad database URL", []string{"--db", "postgres://x/y"}, nil, "expected sqlite:PATH or mysql://"},
		{"wildcard origin", []string{"--cors-origins", "*"}, nil, "wildcard is refused"},
		{"unknown flag", []string{"--port", "80"}, nil, "flag provided but not defined"},
		{"bad loader wait", nil, map[string]string{"ALLIANCE_LOADER_WAIT": "soon"}, "ALLIANCE_LOADER_WAIT"},
		{"negative loader wait", []string{"--loader-wait", "-1ms"}, nil, "loader-wait: want a duration of at least 0s"},
		{"short bootstrap token", []string{"--db", "sqlite:" + t.TempDir() + "/a.db"}, map[string]string{"ALLIANCE_BOOTSTRAP_TOKEN": "short"}, "at least 16"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := runCommand(t, append([]string{"serve", "--addr", "127.0.0.1:0"}, tc.args...), tc.env)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one saying %q", err, tc.want)
			}
		})
	}
	if _, _, err := runCommand(t, []string{"frobnicate"}, nil); err == nil || !strings.Contains(err.Error(), `unknown command "frobnicate"`) {
		t.Fatalf("unknown command: %v", err)
	}
	out, _, err := runCommand(t, []string{"help"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range settings {
		if !strings.Contains(out, "--"+s.flag) || !strings.Contains(out, s.env) {
			t.Errorf("help lacks --%s / %s", s.flag, s.env)
		}
	}
}

func TestBootstrapTokenIsStored(t *testing.T) {
	url := dbtest.URL(t, db.SQLite)
	secret := "a-long-bootstrap-secret-0123456789"
	s := start(t, []string{"--db", url}, map[string]string{"ALLIANCE_BOOTSTRAP_TOKEN": secret})
	s.stop()
	// Starting again with the same secret keeps one token; a new secret
	// replaces it.
	start(t, []string{"--db", url}, map[string]string{"ALLIANCE_BOOTSTRAP_TOKEN": secret}).stop()
	start(t, []string{"--db", url}, map[string]string{"ALLIANCE_BOOTSTRAP_TOKEN": secret + "-rotated"}).stop()
	conn, err := sql.Open("sqlite", strings.TrimPrefix(url, "sqlite:"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	var hash, role string
	if err := conn.QueryRow("SELECT COUNT(*), MAX(secret_hash), MAX(role) FROM tokens WHERE name = 'bootstrap'").Scan(&n, &hash, &role); err != nil {
		t.Fatal(err)
	}
	if n != 1 || role != "ADMIN" || hash != db.HashSecret(secret+"-rotated") || strings.Contains(hash, secret) {
		t.Fatalf("tokens: %d %s %s", n, role, hash)
	}
}

func TestCORS(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	preflight := func(h *httptest.Server, origin string) string {
		res := request(t, "OPTIONS", h.URL+"/graphql", "", "", map[string]string{
			"Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type"})
		return res.header.Get("Access-Control-Allow-Origin")
	}
	allowed := httptest.NewServer(newServer(d, &config{CORSOrigins: []string{"https://reports.example.com"}, MaxBodyBytes: 1 << 20}, slog.New(slog.DiscardHandler)))
	defer allowed.Close()
	if got := preflight(allowed, "https://reports.example.com"); got != "https://reports.example.com" {
		t.Fatalf("listed origin: %q", got)
	}
	if got := preflight(allowed, "https://evil.example"); got != "" {
		t.Fatalf("unlisted origin allowed: %q", got)
	}
	none := httptest.NewServer(newServer(d, &config{MaxBodyBytes: 1 << 20}, slog.New(slog.DiscardHandler)))
	defer none.Close()
	if got := preflight(none, "https://reports.example.com"); got != "" {
		t.Fatalf("no origins configured, yet %q allowed", got)
	}
}

// When the database fails, the client sees a plain message with the request
// id; the details go to the log; /readyz says not ready.
func TestInternalErrorsHideDetails(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	if err := d.EnsureBootstrapToken(context.Background(), testSecret); err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	h := httptest.NewServer(newServer(d, &config{MaxBodyBytes: 1 << 20, Auth: true}, slog.New(slog.NewTextHandler(&logs, nil))))
	defer h.Close()
	// The token is known (cached) before the database goes away.
	request(t, "GET", h.URL+"/graphql?query=%7Bme%7Bname%7D%7D", "", "", map[string]string{"Authorization": "Bearer " + testSecret})
	d.Close()
	res := request(t, "POST", h.URL+"/graphql", "application/json", `{"query":"{ clients { totalCount } }"}`, map[string]string{"X-Request-Id": "trace-me", "Authorization": "Bearer " + testSecret})
	r := decode(t, res.body)
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "INTERNAL_SERVER_ERROR" || r.Errors[0].Message != "internal error (request id trace-me)" {
		t.Fatalf("%s", res.body)
	}
	if !strings.Contains(logs.String(), "database is closed") || !strings.Contains(logs.String(), "request_id=trace-me") {
		t.Fatalf("logs: %s", logs.String())
	}
	if ready := request(t, "GET", h.URL+"/readyz", "", "", nil); ready.status != 503 {
		t.Fatalf("/readyz: %d", ready.status)
	}
}

// The README's configuration table names every flag and variable.
func TestReadmeDocumentsEverySetting(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range settings {
		if !bytes.Contains(readme, []byte("`--"+s.flag+"`")) || !bytes.Contains(readme, []byte("`"+s.env+"`")) {
			t.Errorf("README.md does not document --%s / %s", s.flag, s.env)
		}
	}
	for _, e := range envOnly {
		if !bytes.Contains(readme, []byte("`"+e.env+"`")) {
			t.Errorf("README.md does not document %s", e.env)
		}
	}
}

func TestParserTokenLimit(t *testing.T) {
	s := start(t, []string{"--db", dbtest.URL(t, db.SQLite), "--parser-token-limit", "100"}, nil)
	small := postQuery(t, s.url, `{ metrics { key name unit direction } }`, nil)
	if len(small.Errors) != 0 {
		t.Fatalf("a small query was refused: %+v", small.Errors)
	}
	big := postQuery(t, s.url, "{ "+strings.Repeat("metrics { key } ", 40)+"}", nil)
	if len(big.Errors) == 0 || big.Errors[0].Extensions["code"] != "GRAPHQL_PARSE_FAILED" {
		t.Fatalf("a 160-token query under a limit of 100: %+v", big.Errors)
	}
}

// Every setting is taken by serve (the other commands take a few of them):
// a setting added to the list but not to serve's flags would be documented
// and refused.
func TestServeTakesEverySetting(t *testing.T) {
	for _, s := range settings {
		if !slices.Contains(serveFlags(), s.flag) {
			t.Errorf("serve does not take --%s", s.flag)
		}
	}
}

// The loaders' wait changes when they read, not what: a client's map is the
// same with no wait, the default and a long one.
func TestLoaderWaitKeepsTheAnswer(t *testing.T) {
	url := dbtest.URL(t, db.SQLite)
	const q = `{ clients(first: 3) { nodes { id name score objectives { title requirements { title coverage { status percent }
		commitments { coveragePercent holds service { name } } } } } } }`
	var want string
	for _, wait := range []string{"2ms", "0", "20ms"} {
		s := start(t, []string{"--db", url, "--demo", "--loader-wait", wait}, nil)
		r := postQuery(t, s.url, q, nil)
		if len(r.Errors) > 0 {
			t.Fatalf("--loader-wait %s: %+v", wait, r.Errors)
		}
		got := string(r.Data["clients"])
		if want == "" {
			want = got
		} else if got != want {
			t.Errorf("--loader-wait %s answered\n%s\nwant\n%s", wait, got, want)
		}
		s.stop()
	}
	if !strings.Contains(want, "requirements") {
		t.Fatalf("the map holds no requirement: %s", want)
	}
}
