package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"alliance/db/dbtest"
)

// loadPage has Debian's Chromium load the web app at url, as a person
// would, and returns the page it made.
func loadPage(t *testing.T, url string) string {
	t.Helper()
	bin := "/usr/bin/chromium"
	if _, err := os.Stat(bin); err != nil {
		if os.Getenv("ALLIANCE_REQUIRE_BROWSER") == "1" {
			t.Fatalf("%s: %v (ALLIANCE_REQUIRE_BROWSER=1 makes this a failure)", bin, err)
		}
		t.Skipf("%s is not installed; set ALLIANCE_REQUIRE_BROWSER=1 to fail instead", bin)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--user-data-dir="+t.TempDir(), "--virtual-time-budget=10000", "--dump-dom", url)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	return string(out)
}

// logLine is a line of the JSON log.
type logLine map[string]any

func (l logLine) str(k string) string { s, _ := l[k].(string); return s }

// jsonLines parses the log written since offset; every line must be JSON.
func jsonLines(t *testing.T, log string) []logLine {
	t.Helper()
	var out []logLine
	for _, raw := range strings.Split(strings.TrimSpace(log), "\n") {
		if raw == "" {
			continue
		}
		var l logLine
		if err := json.Unmarshal([]byte(raw), &l); err != nil {
			t.Fatalf("a log line is not JSON: %q", raw)
		}
		out = append(out, l)
	}
	return out
}

// A page load logs one line per request at info: its document and each
// API request, never the dozen scripts and styles it loads (those are
// logged at debug), nor the statements it runs.
func TestPageLoadLogsOneLinePerRequest(t *testing.T) {
	for _, level := range []string{"info", "debug"} {
		t.Run(level, func(t *testing.T) {
			s := start(t, []string{"--db", dbtest.URL(t, "sqlite"), "--demo", "--log-format", "json", "--log-level", level}, nil)
			time.Sleep(100 * time.Millisecond) // the last /healthz of start is logged
			from := len(s.stderr.String())
			page := loadPage(t, s.url+"/#token="+testSecret)
			if !strings.Contains(page, "Kestrel") {
				t.Fatalf("the page did not show the portfolio:\n%.2000s", page)
			}
			time.Sleep(200 * time.Millisecond)
			lines := jsonLines(t, s.stderr.String()[from:])
			ids := map[string]bool{}
			var document, graphql, assets, statements int
			for _, l := range lines {
				if l.str("msg") != "request" {
					if strings.Contains(l.str("msg"), "sql") {
						statements++
						continue
					}
					if level == "info" {
						t.Errorf("a line that is not a request's at info: %v", l)
					}
					continue
				}
				id := l.str("request_id")
				if id == "" || ids[id] {
					t.Errorf("request id %q missing or logged twice: %v", id, l)
				}
				ids[id] = true
				for _, k := range []string{"method", "path", "status", "bytes", "ms", "time", "level"} {
					if _, ok := l[k]; !ok {
						t.Errorf("request line without %s: %v", k, l)
					}
				}
				switch p := l.str("path"); {
				case p == "/":
					document++
				case p == "/graphql":
					graphql++
					if l.str("operation") == "" || l.str("role") != "admin" {
						t.Errorf("a GraphQL request's line without its operation or role: %v", l)
					}
				case strings.HasPrefix(p, "/assets/"):
					assets++
				}
			}
			t.Logf("log level %s: a page load logged %d lines: document %d, GraphQL %d, assets %d, statements %d",
				level, len(lines), document, graphql, assets, statements)
			if document != 1 || graphql < 1 {
				t.Fatalf("document %d, GraphQL %d lines", document, graphql)
			}
			switch level {
			case "info":
				if assets != 0 || statements != 0 || len(lines) != document+graphql {
					t.Fatalf("%d lines at info for %d requests of the page and its API", len(lines), document+graphql)
				}
			case "debug":
				if assets < 5 {
					t.Fatalf("the scripts and styles are not logged at debug: %d", assets)
				}
			}
		})
	}
}
