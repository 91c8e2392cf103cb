package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"alliance/db/dbtest"
)

// syncBuffer is an output the program writes to while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// server is the program running in the test.
type server struct {
	url            string
	token          string // the bootstrap admin token's secret
	stdout, stderr *syncBuffer
	stop           func() error
}

// testSecret is the bootstrap admin token of test servers.
const testSecret = "test-bootstrap-secret-0123456789"

var runningAt = regexp.MustCompile(`Alliance is running at (http://[^/ ]+)/`)

// start runs `alliance serve` with args on a free port and waits until it
// answers /healthz.
func start(t *testing.T, args []string, env map[string]string) *server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{stdout: &syncBuffer{}, stderr: &syncBuffer{}, token: testSecret}
	done := make(chan error, 1)
	// The bootstrap token is testSecret unless env says otherwise; "-"
	// means none.
	getenv := func(k string) string {
		if k == "ALLIANCE_BOOTSTRAP_TOKEN" {
			switch env[k] {
			case "":
				return testSecret
			case "-":
				return ""
			}
		}
		return env[k]
	}
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), getenv, s.stdout, s.stderr)
	}()
	deadline := time.Now().Add(30 * time.Second)
	for s.url == "" {
		select {
		case err := <-done:
			cancel()
			t.Fatalf("the server stopped: %v\n%s", err, s.stderr)
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("the server did not print its URL\n%s", s.stderr)
		}
		if m := runningAt.FindStringSubmatch(s.stdout.String()); m != nil {
			s.url = m[1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	for {
		resp, err := http.Get(s.url + "/healthz")
		if err == nil && resp.StatusCode == http.StatusOK {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("/healthz never answered: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	var once sync.Once
	var stopErr error
	s.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case stopErr = <-done:
			case <-time.After(20 * time.Second):
				t.Error("the server did not stop within 20s")
			}
		})
		return stopErr
	}
	t.Cleanup(func() { s.stop() })
	return s
}

type httpResult struct {
	status int
	header http.Header
	body   string
}

func request(t *testing.T, method, url, contentType, body string, header map[string]string) httpResult {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return httpResult{resp.StatusCode, resp.Header, string(b)}
}

// gqlResponse decodes a GraphQL answer.
type gqlResponse struct {
	Data   map[string]json.RawMessage
	Errors []struct {
		Message    string
		Extensions map[string]any
	}
}

func decode(t *testing.T, body string) gqlResponse {
	t.Helper()
	var r gqlResponse
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatalf("not JSON: %s", body)
	}
	return r
}

// postQuery runs a query as the test server's admin.
func postQuery(t *testing.T, url, query string, header map[string]string) gqlResponse {
	t.Helper()
	h := map[string]string{"Authorization": "Bearer " + testSecret}
	for k, v := range header {
		h[k] = v
	}
	b, _ := json.Marshal(map[string]any{"query": query})
	res := request(t, "POST", url+"/graphql", "application/json", string(b), h)
	return decode(t, res.body)
}

// admin is the Authorization header of the test server's admin.
var admin = map[string]string{"Authorization": "Bearer " + testSecret}

func with(h map[string]string, k, v string) map[string]string {
	out := map[string]string{k: v}
	for hk, hv := range h {
		out[hk] = hv
	}
	return out
}

func TestServeEndToEnd(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			s := start(t, []string{"--db", dbtest.URL(t, dialect), "--demo", "--max-body-bytes", "4096"}, nil)

			if r := request(t, "GET", s.url+"/readyz", "", "", nil); r.status != 200 || !strings.Contains(r.body, `"ready"`) {
				t.Fatalf("/readyz: %d %s", r.status, r.body)
			}

			// The demo portfolio, by POST and by GET.
			var clients struct{ TotalCount int }
			r := postQuery(t, s.url, `{ clients { totalCount } }`, nil)
			if err := json.Unmarshal(r.Data["clients"], &clients); err != nil || clients.TotalCount < 6 {
				t.Fatalf("demo clients: %s %v", r.Data["clients"], r.Errors)
			}
			get := request(t, "GET", s.url+"/graphql?query=%7B%20services%20%7B%20totalCount%20%7D%20%7D", "", "", admin)
			if get.status != 200 || !strings.Contains(get.body, `"totalCount":17`) {
				t.Fatalf("GET query: %d %s", get.status, get.body)
			}

			// Refusals, each with a code.
			for _, tc := range []struct {
				name, method, path, contentType, body string
				status                                int
			}{
				{"mutation over GET", "GET", "/graphql?query=mutation%7BdeleteClient(id:%221%22)%7D", "", "", 406},
				{"form post", "POST", "/graphql", "application/x-www-form-urlencoded", "query=%7Bmetrics%7Bkey%7D%7D", 400},
				{"text post", "POST", "/graphql", "text/plain", `{"query":"{ metrics { key } }"}`, 400},
				{"array batch", "POST", "/graphql", "application/json", `[{"query":"{ metrics { key } }"},{"query":"{ metrics { key } }"}]`, 400},
				{"body too large", "POST", "/graphql", "application/json", `{"query":"{ metrics { key } }","variables":{"pad":"` + strings.Repeat("x", 5000) + `"}}`, 413},
			} {
				t.Run(tc.name, func(t *testing.T) {
					res := request(t, tc.method, s.url+tc.path, tc.contentType, tc.body, admin)
					gr := decode(t, res.body)
					if res.status != tc.status || len(gr.Errors) == 0 || gr.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
						t.Fatalf("%d %s", res.status, res.body)
					}
				})
			}
			if res := request(t, "DELETE", s.url+"/graphql", "", "", admin); res.status != 405 {
				t.Fatalf("DELETE /graphql: %d", res.status)
			}
			if n := postQuery(t, s.url, `{ clients { totalCount } }`, nil); len(n.Errors) != 0 {
				t.Fatal("a refused request changed something")
			}

			// Request ids: echoed when sensible, made up otherwise, and kept
			// in the audit record of a change.
			res := request(t, "POST", s.url+"/graphql", "application/json",
				`{"query":"mutation { createMetric(input: {key: \"patch_days\", name: \"Days to patch\", unit: \"days\", direction: LOWER_IS_BETTER}) { key } }"}`,
				with(admin, "X-Request-Id", "req-from-test-42"))
			if res.header.Get("X-Request-Id") != "req-from-test-42" || strings.Contains(res.body, "errors") {
				t.Fatalf("request id %q, body %s", res.header.Get("X-Request-Id"), res.body)
			}
			audit := postQuery(t, s.url, `{ auditLog(first: 1, filter: {entity: "Metric"}) { nodes { requestId actor } } }`, nil)
			if !strings.Contains(string(audit.Data["auditLog"]), `"requestId":"req-from-test-42"`) {
				t.Fatalf("audit: %s", audit.Data["auditLog"])
			}
			if id := request(t, "GET", s.url+"/healthz", "", "", map[string]string{"X-Request-Id": "bad id with spaces"}).header.Get("X-Request-Id"); len(id) != 16 {
				t.Fatalf("made-up request id %q", id)
			}

			// Pages and files.
			page := request(t, "GET", s.url+"/graphiql", "", "", nil)
			if page.status != 200 || !strings.Contains(page.body, "/assets/") || strings.Contains(page.body, "cdn") || strings.Contains(page.body, "https://") {
				t.Fatalf("/graphiql: %d %s", page.status, page.body)
			}
			asset := regexp.MustCompile(`/assets/[^"]+\.js`).FindString(page.body)
			if a := request(t, "GET", s.url+asset, "", "", nil); a.status != 200 || !strings.Contains(a.header.Get("Cache-Control"), "immutable") {
				t.Fatalf("%s: %d %v", asset, a.status, a.header)
			}
			if icon := request(t, "GET", s.url+"/favicon.ico", "", "", nil); icon.status != 200 || icon.header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(icon.body, "<svg") {
				t.Fatalf("/favicon.ico: %d %v", icon.status, icon.header)
			}
			if a := request(t, "GET", s.url+"/assets/missing.js", "", "", nil); a.status != 404 {
				t.Fatalf("missing asset: %d", a.status)
			}
			if sdl := request(t, "GET", s.url+"/schema.graphql", "", "", nil); sdl.status != 200 || !strings.Contains(sdl.body, "type Client {") {
				t.Fatalf("/schema.graphql: %d", sdl.status)
			}
			if home := request(t, "GET", s.url+"/", "", "", nil); home.status != 200 || !strings.Contains(home.body, "<html") {
				t.Fatalf("/: %d", home.status)
			}

			// Logs: one line a request, with the path but never the query
			// string.
			logs := s.stderr.String()
			if !strings.Contains(logs, "path=/graphql") || strings.Contains(logs, "deleteClient") || !strings.Contains(logs, "request_id=req-from-test-42") {
				t.Fatalf("logs:\n%s", logs)
			}

			if err := s.stop(); err != nil {
				t.Fatalf("graceful stop: %v", err)
			}
			if !strings.Contains(s.stderr.String(), "msg=stopped") {
				t.Fatal("no shutdown in the logs")
			}
		})
	}
}
