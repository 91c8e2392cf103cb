package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// Helpers of the report, CSV, share link and persisted document tests. Their
// names start with "rp" so that they do not meet the helpers of other test
// files of the package.

// rpBearer is the Authorization header of a token secret.
func rpBearer(secret string) map[string]string {
	return map[string]string{"Authorization": "Bearer " + secret}
}

// rpGQL runs a GraphQL operation with variables by POST, with header (admin
// when nil), and decodes the answer.
func rpGQL(t *testing.T, s *server, header map[string]string, query string, vars map[string]any) gqlResponse {
	t.Helper()
	if header == nil {
		header = admin
	}
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	res := request(t, "POST", s.url+"/graphql", "application/json", string(body), header)
	return decode(t, res.body)
}

// rpMust runs an operation as admin, fails the test on any error, and
// decodes the root field into out (when out is not nil).
func rpMust(t *testing.T, s *server, query string, vars map[string]any, field string, out any) {
	t.Helper()
	r := rpGQL(t, s, nil, query, vars)
	if len(r.Errors) > 0 {
		t.Fatalf("%s: %s (%v)", field, r.Errors[0].Message, r.Errors[0].Extensions)
	}
	if out == nil {
		return
	}
	if err := json.Unmarshal(r.Data[field], out); err != nil {
		t.Fatalf("%s: %v in %s", field, err, r.Data[field])
	}
}

// rpFirstError returns the code and field of an answer's first error, and
// fails the test when it has none.
func rpFirstError(t *testing.T, r gqlResponse) (code, field string) {
	t.Helper()
	if len(r.Errors) == 0 {
		t.Fatalf("no error; data %v", r.Data)
	}
	code, _ = r.Errors[0].Extensions["code"].(string)
	field, _ = r.Errors[0].Extensions["field"].(string)
	return code, field
}

// rpReport is a saved report as the API describes it.
type rpReport struct {
	Slug       string
	Title      string
	Query      string
	Variables  json.RawMessage
	DocumentID string
	JSONURL    string `json:"jsonUrl"`
	CSVURL     string `json:"csvUrl"`
	CreatedAt  time.Time
	UpdatedAt  time.Time
	CreatedBy  *string
}

const rpReportFields = `slug title query variables documentId jsonUrl csvUrl createdAt updatedAt createdBy`

// rpSaveReport saves a report as admin, replacing one with the same slug;
// vars may be nil.
func rpSaveReport(t *testing.T, s *server, slug, title, query string, vars any) rpReport {
	t.Helper()
	in := map[string]any{"slug": slug, "title": title, "query": query}
	if vars != nil {
		in["variables"] = vars
	}
	var rep rpReport
	rpMust(t, s, `mutation($in: ReportInput!) { saveReport(input: $in, replace: true) { `+rpReportFields+` } }`,
		map[string]any{"in": in}, "saveReport", &rep)
	return rep
}

// rpCreateToken makes a token as admin and returns its secret; clientID may
// be empty.
func rpCreateToken(t *testing.T, s *server, name, role, clientID string) string {
	t.Helper()
	in := map[string]any{"name": name, "role": role}
	if clientID != "" {
		in["clientId"] = clientID
	}
	var created struct{ Secret string }
	rpMust(t, s, `mutation($in: CreateTokenInput!) { createToken(input: $in) { secret } }`,
		map[string]any{"in": in}, "createToken", &created)
	if created.Secret == "" {
		t.Fatal("createToken gave no secret")
	}
	return created.Secret
}

// rpCreateClient creates a client as admin and returns its id; acv may be
// empty (the default, 0).
func rpCreateClient(t *testing.T, s *server, name, acv string) string {
	t.Helper()
	in := map[string]any{"name": name}
	if acv != "" {
		in["annualContractValue"] = acv
	}
	var c struct{ ID string }
	rpMust(t, s, `mutation($in: ClientInput!) { createClient(input: $in) { id } }`, map[string]any{"in": in}, "createClient", &c)
	return c.ID
}

// rpCreateObjective creates an objective and returns its id; description
// may be nil.
func rpCreateObjective(t *testing.T, s *server, clientID, title string, description *string) string {
	t.Helper()
	in := map[string]any{"clientId": clientID, "title": title}
	if description != nil {
		in["description"] = *description
	}
	var o struct{ ID string }
	rpMust(t, s, `mutation($in: ObjectiveInput!) { createObjective(input: $in) { id } }`, map[string]any{"in": in}, "createObjective", &o)
	return o.ID
}

// rpCreateRequirement creates a requirement and returns its id.
func rpCreateRequirement(t *testing.T, s *server, objectiveID, title string) string {
	t.Helper()
	var r struct{ ID string }
	rpMust(t, s, `mutation($in: RequirementInput!) { createRequirement(input: $in) { id } }`,
		map[string]any{"in": map[string]any{"objectiveId": objectiveID, "title": title}}, "createRequirement", &r)
	return r.ID
}

// rpShareLink is a share link as the API describes it.
type rpShareLink struct {
	ID        string
	URL       string
	JSONURL   string `json:"jsonUrl"`
	ExpiresAt time.Time
	Active    bool
	Client    *struct{ ID string }
}

const rpShareLinkFields = `id url jsonUrl expiresAt active client { id }`

// rpCreateShareLink makes a share link as admin; expiresIn and clientID may
// be empty.
func rpCreateShareLink(t *testing.T, s *server, slug, expiresIn, clientID string) rpShareLink {
	t.Helper()
	vars := map[string]any{"slug": slug}
	if expiresIn != "" {
		vars["expiresIn"] = expiresIn
	}
	if clientID != "" {
		vars["clientId"] = clientID
	}
	var l rpShareLink
	rpMust(t, s, `mutation($slug: String!, $expiresIn: String, $clientId: ID) {
		createShareLink(slug: $slug, expiresIn: $expiresIn, clientId: $clientId) { `+rpShareLinkFields+` } }`,
		vars, "createShareLink", &l)
	return l
}

// rpSecret returns the share secret a link's URL carries.
func rpSecret(t *testing.T, link string) string {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	secret := u.Query().Get("share")
	if secret == "" {
		t.Fatalf("no share secret in %s", link)
	}
	return secret
}

// rpGet fetches a path of the server with header (none when nil).
func rpGet(t *testing.T, s *server, path string, header map[string]string) httpResult {
	t.Helper()
	return request(t, "GET", s.url+path, "", "", header)
}

// rpCSV parses a CSV answer, failing the test when it is not CSV with CRLF
// line ends.
func rpCSV(t *testing.T, body string) [][]string {
	t.Helper()
	if body != "" && !strings.HasSuffix(body, "\r\n") {
		t.Fatalf("the CSV does not end with CRLF: %q", body)
	}
	r := csv.NewReader(strings.NewReader(body))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, body)
	}
	return recs
}

// rpEqualRecords fails the test unless got is want, record by record.
func rpEqualRecords(t *testing.T, got, want [][]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d records, want %d:\n got %q\nwant %q", len(got), len(want), got, want)
	}
	for i := range want {
		if strings.Join(got[i], "\x00") != strings.Join(want[i], "\x00") || len(got[i]) != len(want[i]) {
			t.Fatalf("record %d:\n got %q\nwant %q", i, got[i], want[i])
		}
	}
}

// rpNames reads the names of the nodes of a {"data":{"clients":{"nodes":...}}}
// answer.
func rpNames(t *testing.T, body string) []string {
	t.Helper()
	var r struct {
		Data struct {
			Clients struct{ Nodes []struct{ Name string } }
		}
		Errors []any
	}
	if err := json.Unmarshal([]byte(body), &r); err != nil || len(r.Errors) > 0 {
		t.Fatalf("not a clients answer: %v %s", err, body)
	}
	out := []string{}
	for _, n := range r.Data.Clients.Nodes {
		out = append(out, n.Name)
	}
	return out
}

// rpBenchServer is the program running in a benchmark: start, for testing.TB.
type rpBenchServer struct {
	url    string
	stderr *syncBuffer
	stop   func()
}

// rpStartTB runs `alliance serve` with args on a free port, for a benchmark.
func rpStartTB(tb testing.TB, args []string) *rpBenchServer {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	getenv := func(k string) string {
		if k == "ALLIANCE_BOOTSTRAP_TOKEN" {
			return testSecret
		}
		return ""
	}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), getenv, stdout, stderr)
	}()
	s := &rpBenchServer{stderr: stderr}
	deadline := time.Now().Add(60 * time.Second)
	for s.url == "" {
		select {
		case err := <-done:
			cancel()
			tb.Fatalf("the server stopped: %v\n%s", err, stderr)
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			tb.Fatalf("the server did not print its URL\n%s", stderr)
		}
		if m := runningAt.FindStringSubmatch(stdout.String()); m != nil {
			s.url = m[1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	var once sync.Once
	s.stop = func() {
		once.Do(func() {
			cancel()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				tb.Error("the server did not stop within 20s")
			}
		})
	}
	tb.Cleanup(s.stop)
	return s
}

// rpPostTB runs a GraphQL operation as admin, for a benchmark.
func rpPostTB(tb testing.TB, base, query string, vars map[string]any) map[string]json.RawMessage {
	tb.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequest("POST", base+"/graphql", bytes.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+testSecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var r struct {
		Data   map[string]json.RawMessage
		Errors []struct{ Message string }
	}
	if err := json.Unmarshal(b, &r); err != nil || len(r.Errors) > 0 {
		tb.Fatalf("%s: %v %s", query, err, b)
	}
	return r.Data
}

// rpCountingReader counts the bytes and lines that pass through it.
type rpCountingReader struct {
	r     io.Reader
	bytes int64
	lines int64
}

func (c *rpCountingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.bytes += int64(n)
	c.lines += int64(bytes.Count(p[:n], []byte("\n")))
	return n, err
}

func (c *rpCountingReader) String() string {
	return fmt.Sprintf("%d bytes, %d lines", c.bytes, c.lines)
}
