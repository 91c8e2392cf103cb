package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/lexer"
	"github.com/vektah/gqlparser/v2/parser"

	"alliance/graph"
)

// FloodOptions are the settings of `perf flood`: several tokens flood the
// most expensive query the limits let through while a cheap probe, on a
// token of its own, asks at a constant rate.
type FloodOptions struct {
	DB, MySQL string
	Clients   int
	Seed      uint64
	// Tokens is how many tokens flood; Connections how many requests each
	// keeps in flight (closed loop, no pause, whatever the answer).
	Tokens, Connections int
	// ProbeRate is the probe's requests a second.
	ProbeRate int
	// Duration is how long the probe runs in each phase.
	Duration time.Duration
	// MaxCost is the server's --max-query-cost: the flood's documents are
	// made as costly as it allows (as the server prices them).
	MaxCost int
	// Serve are more flags for `alliance serve`.
	Serve []string
	// Alliance is the server binary ("" builds ./server).
	Alliance string
	// Database, when set, is a database made by alliance generate to use
	// as it is, rather than a fresh one.
	Database string
	// ServerLog, when set, is a file the server's output goes to.
	ServerLog string
	// ProbeLog, when set, is a file each probe under the flood is written
	// to: when it was sent (ms from the start), its latency (ms) and status.
	ProbeLog string
	// Only, when set, names the one flood document to use; otherwise each
	// is timed alone and the slowest floods.
	Only string
}

func parseFloodOptions(args []string) (*FloodOptions, error) {
	o := &FloodOptions{}
	fs := flag.NewFlagSet("perf flood", flag.ContinueOnError)
	fs.StringVar(&o.DB, "db", "sqlite", "database: sqlite (a fresh file) or mysql (a fresh database on --mysql)")
	fs.StringVar(&o.MySQL, "mysql", "mysql://root@127.0.0.1:3306/", "MySQL/MariaDB server to make a fresh database on, dropped at the end")
	fs.IntVar(&o.Clients, "clients", 1000, "portfolio size for alliance generate")
	fs.Uint64Var(&o.Seed, "seed", 1, "alliance generate's seed")
	fs.IntVar(&o.Tokens, "tokens", 8, "how many tokens flood")
	fs.IntVar(&o.Connections, "connections", graph.DefaultMaxConcurrent, "requests each flooding token keeps in flight (default: the server's --max-concurrent)")
	fs.IntVar(&o.ProbeRate, "probe-rate", 50, "the cheap probe's requests a second")
	fs.DurationVar(&o.Duration, "duration", 20*time.Second, "how long the probe runs, alone and under the flood")
	fs.IntVar(&o.MaxCost, "max-query-cost", graph.DefaultMaxCost, "the server's --max-query-cost, which the flood's documents come up to")
	serve := fs.String("serve", "", "more flags for alliance serve, space-separated (e.g. \"--rate-limit 50000\")")
	fs.StringVar(&o.Alliance, "alliance", "", "the alliance server binary (default: go build ./server)")
	fs.StringVar(&o.Database, "database", "", "a database made by alliance generate (sqlite:PATH or mysql://…/DB) to use as it is, not a fresh one: --db, --clients and --seed are then ignored")
	fs.StringVar(&o.ServerLog, "server-log", "", "write the server's output to this file too")
	fs.StringVar(&o.ProbeLog, "probe-log", "", "write each probe under the flood to this file: sent at (ms), latency (ms), status")
	fs.StringVar(&o.Only, "only", "", "flood with this document only (one of the names printed), not the slowest")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if o.DB != "sqlite" && o.DB != "mysql" {
		return nil, fmt.Errorf("--db: want sqlite or mysql, not %q", o.DB)
	}
	if o.Clients < 1 || o.Tokens < 1 || o.Connections < 1 || o.ProbeRate < 1 || o.Duration <= 0 {
		return nil, errors.New("--clients, --tokens, --connections, --probe-rate and --duration must be positive")
	}
	o.Serve = strings.Fields(*serve)
	return o, nil
}

// FloodResult is what `perf flood` measured.
type FloodResult struct {
	DB        string
	Clients   int
	Tokens    int
	Conns     int
	ProbeRate int
	Duration  time.Duration
	// Candidates are the flood documents, each timed alone.
	Candidates []*floodDoc
	// Flood is the one used.
	Flood *floodDoc
	// Alone and Flooded are the probe's figures without and with the
	// flood.
	Alone, Flooded probeFigures
	// Answered, Refused, Cut and Failed count the flood's requests: 200
	// without errors, 429, still running when the probe was done or cut
	// by the server at its write timeout, and anything else.
	Answered, Refused, Cut, Failed int
	// Examples are an answer of each other status.
	Examples map[string]string
	// AnsweredP50 is the flood's own latency, of answered requests.
	AnsweredP50 time.Duration
	// CPU is the server's CPU time during the flood, per second of it.
	CPU float64
	// Statuses are the flood's answers by status.
	Statuses map[string]int
}

type probeFigures struct {
	Requests      uint64
	P50, P99, Max time.Duration
	// Failed counts answers other than 200.
	Failed int
}

// floodDoc is a document a flooder sends: one costly field, aliased as
// often as the cost limit allows.
type floodDoc struct {
	Name    string
	Query   string
	Aliases int
	Cost    int
	// Alone is how long the server took to answer it alone.
	Alone time.Duration
	Bytes int
}

func floodCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseFloodOptions(args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	res, err := Flood(ctx, o, stderr)
	if res != nil {
		printFlood(stdout, res)
	}
	return err
}

// Flood makes the database, starts Alliance with its default limits (and
// o.Serve), makes the tokens, times each flood document alone, then
// measures the probe alone and under the flood. Progress goes to log.
func Flood(ctx context.Context, o *FloodOptions, log io.Writer) (res *FloodResult, err error) {
	dir, err := os.MkdirTemp("", "alliance-flood-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	bin := o.Alliance
	if bin == "" {
		fmt.Fprintln(log, "perf flood: building ./server")
		if bin, err = buildAlliance(ctx, dir); err != nil {
			return nil, err
		}
	}
	url := o.Database
	if url == "" {
		var drop func() error
		if url, drop, err = freshDatabase(ctx, &Options{DB: o.DB, MySQL: o.MySQL}, dir); err != nil {
			return nil, err
		}
		defer func() {
			if derr := drop(); derr != nil && err == nil {
				err = fmt.Errorf("drop the run's database: %w", derr)
			}
		}()
		fmt.Fprintf(log, "perf flood: alliance generate --clients %d --seed %d on %s\n", o.Clients, o.Seed, o.DB)
		if err := generate(ctx, bin, url, o.Clients, o.Seed, log); err != nil {
			return nil, err
		}
	}
	d, _, err := openSQL(url)
	if err != nil {
		return nil, err
	}
	services, client, clients, err := floodSubjects(ctx, d)
	d.Close()
	if err != nil {
		return nil, err
	}
	secret := randomHex(24)
	args := append([]string{"serve", "--addr", "127.0.0.1:0", "--db", url, "--log-level", "error",
		"--max-query-cost", strconv.Itoa(o.MaxCost)}, o.Serve...)
	var logFile io.Writer
	if o.ServerLog != "" {
		f, err := os.Create(o.ServerLog)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		logFile = f
	}
	al, err := startProcess(ctx, "alliance", bin, args, []string{"ALLIANCE_BOOTSTRAP_TOKEN=" + secret}, allianceAt, "/readyz", logFile)
	if err != nil {
		return nil, err
	}
	al.token = secret
	defer al.stop()

	run := randomHex(3) // token names are unique in a database used again
	res = &FloodResult{DB: dialectOf(url), Clients: clients, Tokens: o.Tokens, Conns: o.Connections, ProbeRate: o.ProbeRate, Duration: o.Duration}
	for _, f := range floodFields(services, client) {
		if o.Only != "" && f.name != o.Only {
			continue
		}
		// Each document is priced and timed with a token of its own, whose
		// rate is untouched.
		tok, err := newToken(al, run+" time "+f.name)
		if err != nil {
			return nil, err
		}
		doc, err := legalDoc(al, tok, f, o.MaxCost)
		if err != nil {
			return res, fmt.Errorf("%s: %w", f.name, err)
		}
		if doc == nil {
			continue // not legal even once
		}
		fmt.Fprintf(log, "perf flood: timing %s (%d aliases, cost %d)\n", doc.Name, doc.Aliases, doc.Cost)
		t, err := allianceTarget(&process{url: al.url, token: tok}, doc.Query, nil)
		if err != nil {
			return nil, err
		}
		body, elapsed, err := do(t)
		if err == nil {
			_, err = graphqlData(body)
		}
		if err != nil {
			return res, fmt.Errorf("%s: %w", doc.Name, err)
		}
		doc.Alone, doc.Bytes = elapsed, len(body)
		res.Candidates = append(res.Candidates, doc)
		if res.Flood == nil || doc.Alone > res.Flood.Alone {
			res.Flood = doc
		}
	}
	if res.Flood == nil {
		return nil, fmt.Errorf("--only %q: no such flood document", o.Only)
	}

	probeToken, err := newToken(al, run+" probe")
	if err != nil {
		return nil, err
	}
	probe, err := allianceTarget(&process{url: al.url, token: probeToken}, `query Probe($id: ID!) { client(id: $id) { name } }`,
		map[string]any{"id": strconv.FormatInt(client, 10)})
	if err != nil {
		return nil, err
	}
	var flooders []vegeta.Target
	for i := range o.Tokens {
		tok, err := newToken(al, fmt.Sprintf("%s flood %d", run, i+1))
		if err != nil {
			return nil, err
		}
		t, err := allianceTarget(&process{url: al.url, token: tok}, res.Flood.Query, nil)
		if err != nil {
			return nil, err
		}
		flooders = append(flooders, t)
	}

	fmt.Fprintf(log, "perf flood: the probe alone, %d a second for %s\n", o.ProbeRate, o.Duration)
	res.Alone = runProbe(probe, o, "")
	fmt.Fprintf(log, "perf flood: %d tokens × %d connections flood %s while the probe runs\n", o.Tokens, o.Connections, res.Flood.Name)
	// The flood's requests still running when the probe is done are cut
	// (their connections closed), not waited for.
	floodCtx, cut := context.WithCancel(ctx)
	defer cut()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var answered vegeta.Metrics
	res.Statuses = map[string]int{}
	res.Examples = map[string]string{}
	before := al.usage()
	started := time.Now()
	for _, t := range flooders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{Timeout: 10 * time.Minute, Transport: cutTransport{ctx: floodCtx, base: &http.Transport{
				MaxIdleConnsPerHost: o.Connections, MaxConnsPerHost: o.Connections}}}
			atk := vegeta.NewAttacker(vegeta.Client(client), vegeta.Workers(uint64(o.Connections)), vegeta.MaxWorkers(uint64(o.Connections)),
				vegeta.MaxBody(4096))
			go func() { <-floodCtx.Done(); atk.Stop() }()
			for r := range atk.Attack(vegeta.NewStaticTargeter(t), vegeta.Rate{}, 10*o.Duration, "flood") {
				mu.Lock()
				status := strconv.Itoa(int(r.Code))
				res.Statuses[status]++
				switch {
				case r.Code == 200 && !strings.Contains(string(r.Body), `"errors"`):
					res.Answered++
					answered.Add(r)
				case r.Code == 429:
					res.Refused++
				case r.Code == 0 && (floodCtx.Err() != nil || endedByServer(r.Error)):
					res.Cut++
				default:
					res.Failed++
				}
				if _, ok := res.Examples[status]; !ok && r.Code != 200 && r.Code != 429 {
					res.Examples[status] = clip([]byte(r.Error + " " + string(r.Body)))
				}
				mu.Unlock()
			}
		}()
	}
	res.Flooded = runProbe(probe, o, o.ProbeLog)
	cut()
	wg.Wait()
	elapsed := time.Since(started)
	res.CPU = (al.usage().CPU - before.CPU).Seconds() / elapsed.Seconds()
	answered.Close()
	res.AnsweredP50 = answered.Latencies.P50
	return res, al.alive()
}

// runProbe sends the probe at its rate for the run's duration, and writes
// each request to the file logTo when it is not "".
func runProbe(t vegeta.Target, o *FloodOptions, logTo string) probeFigures {
	atk := vegeta.NewAttacker(vegeta.Workers(4), vegeta.Connections(16), vegeta.KeepAlive(true), vegeta.Timeout(time.Minute))
	var m vegeta.Metrics
	var lines strings.Builder
	start := time.Now()
	for r := range atk.Attack(vegeta.NewStaticTargeter(t), vegeta.Rate{Freq: o.ProbeRate, Per: time.Second}, o.Duration, "probe") {
		m.Add(r)
		fmt.Fprintf(&lines, "%.0f %.1f %d\n", ms(r.Timestamp.Sub(start)), ms(r.Latency), r.Code)
	}
	if logTo != "" {
		_ = os.WriteFile(logTo, []byte(lines.String()), 0o644)
	}
	m.Close()
	failed := 0
	for code, n := range m.StatusCodes {
		if code != "200" {
			failed += n
		}
	}
	return probeFigures{Requests: m.Requests, P50: m.Latencies.P50, P99: m.Latencies.P99, Max: m.Latencies.Max, Failed: failed}
}

// newToken makes a viewer token through the API and returns its secret.
func newToken(al *process, name string) (string, error) {
	data, _, err := ask(al, `mutation($in: CreateTokenInput!) { createToken(input: $in) { secret } }`,
		map[string]any{"in": map[string]any{"name": name, "role": "VIEWER"}})
	if err != nil {
		return "", fmt.Errorf("create token %q: %w", name, err)
	}
	var out struct{ CreateToken struct{ Secret string } }
	if err := json.Unmarshal(data, &out); err != nil {
		return "", err
	}
	return out.CreateToken.Secret, nil
}

// floodSubjects returns the services by commitments, most first, a client
// in the middle for the probe, and how many clients there are.
func floodSubjects(ctx context.Context, d *sql.DB) ([]int64, int64, int, error) {
	var n, client int64
	if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM clients").Scan(&n); err != nil {
		return nil, 0, 0, err
	}
	if err := d.QueryRowContext(ctx, "SELECT id FROM clients ORDER BY id LIMIT 1 OFFSET ?", n/2).Scan(&client); err != nil {
		return nil, 0, 0, err
	}
	rows, err := d.QueryContext(ctx, "SELECT service_id FROM commitments GROUP BY service_id ORDER BY COUNT(*) DESC, service_id")
	if err != nil {
		return nil, 0, 0, err
	}
	defer rows.Close()
	var services []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, 0, 0, err
		}
		services = append(services, id)
	}
	if len(services) == 0 {
		return nil, 0, 0, errors.New("the database holds no commitment")
	}
	return services, client, int(n), rows.Err()
}

// dialectOf is the database kind of an Alliance database URL.
func dialectOf(url string) string {
	if strings.HasPrefix(url, "mysql:") {
		return "mysql"
	}
	return "sqlite"
}

// floodField is a candidate for the most expensive legal query: a costly
// field, to be aliased as often as the server takes it (the i-th alias is
// field(i)).
type floodField struct {
	name  string
	field func(i int) string
}

// doc is the document of n aliases of f.
func (f floodField) doc(n int) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		fmt.Fprintf(&b, " a%d: %s", i, f.field(i))
	}
	b.WriteString(" }")
	return b.String()
}

// floodFields are the candidates for the most expensive legal query.
func floodFields(services []int64, client int64) []floodField {
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	lists := `revenueAtRisk requirements { before after requirement { id title } } clients { before after client { id name } }`
	return []floodField{
		{"impact lists of the most committed service", func(int) string {
			return `impact(serviceId: "` + id(services[0]) + `") { ` + lists + ` }`
		}},
		{"impact figures of the most committed services", func(i int) string {
			return `impact(serviceId: "` + id(services[i%len(services)]) + `") { revenueAtRisk }`
		}},
		{"serviceMatches", func(int) string {
			return `serviceMatches(targets: [{metric: "support_hours", value: 45}, {metric: "response_minutes", value: 30}]) { delivers spareCapacity service { id name } }`
		}},
		{"requirements filtered by status", func(int) string {
			return `requirements(first: 100, filter: {status: [GAP, PARTIAL]}) { totalCount nodes { title coverage { status percent } } }`
		}},
		{"counts of the requirements", func(int) string {
			return `requirements(first: 0) { totalCount }`
		}},
		{"counts of requirements found by title", func(int) string {
			return `requirements(first: 0, filter: {search: "zz"}) { totalCount }`
		}},
		{"portfolios", func(int) string {
			return `portfolio { score annualContractValue monthlyServiceCost statusCounts { status count } }`
		}},
		{"gaps with their count", func(int) string {
			return `gaps(first: 100) { totalCount nodes { kind message client { name } requirement { title } service { name } } }`
		}},
		{"clients by margin", func(int) string {
			return `clients(first: 100, orderBy: {field: MONTHLY_MARGIN, direction: ASC}) { totalCount nodes { name score monthlyMargin } }`
		}},
		{"client maps", func(int) string {
			return `client(id: "` + id(client) + `") { name objectives { title requirements { title coverage { status percent }
				commitments { coveragePercent holds service { name designedLevels { value } latestMeasurements { value } } } } } }`
		}},
	}
}

// ballast is a field that costs more than the cost limit on any version of
// the server (100 services × 1,000 measurements × 3 fields, 300,100 by the
// estimates), and its number of fields.
const (
	ballast       = `zz: services(first: 100) { nodes { measurements(last: 1000) { value periodEnd } } }`
	ballastFields = 5
)

// legalDoc finds how many aliases of f the server takes: as many as its
// field and token limits allow (--max-query-fields, --parser-token-limit at
// their defaults), fewer if their cost is over maxCost. The server under
// test says what an alias costs it: a document of n aliases and the ballast
// is refused with "the query costs X", the ballast alone with B, so one
// alias costs (X - B) / n; the costs are those of the server measured, not
// of this program's version.
func legalDoc(al *process, token string, f floodField, maxCost int) (*floodDoc, error) {
	fields, tokens, err := shapeOf(f.doc(1))
	if err != nil {
		return nil, err
	}
	n := min((graph.DefaultMaxFields-ballastFields)/fields, (graph.DefaultParserTokenLimit-100)/tokens)
	k := 1 + maxCost/300_000
	ballasts := strings.TrimSpace(strings.Repeat(ballast+" ", k))
	b, err := refusedCost(al, token, "{ "+ballasts+" }")
	if err != nil {
		return nil, fmt.Errorf("the ballast: %w", err)
	}
	with := f.doc(n)
	x, err := refusedCost(al, token, with[:len(with)-1]+ballasts+" }")
	if err != nil {
		return nil, err
	}
	per := (x - b) / n
	if per < 1 {
		return nil, fmt.Errorf("%d aliases cost %d with the ballast, %d without", n, x, b)
	}
	n = min(n, maxCost/per)
	if n < 1 {
		return nil, nil
	}
	return &floodDoc{Name: f.name, Query: f.doc(n), Aliases: n, Cost: n * per}, nil
}

var costsRE = regexp.MustCompile(`the query costs (\d+)`)

// refusedCost sends a document the server must refuse for its cost and
// returns the cost it says.
func refusedCost(al *process, token, doc string) (int, error) {
	t, err := allianceTarget(&process{url: al.url, token: token}, doc, nil)
	if err != nil {
		return 0, err
	}
	body, _, _ := do(t)
	m := costsRE.FindSubmatch(body)
	if m == nil {
		return 0, fmt.Errorf("not refused for its cost: %s", clip(body))
	}
	return strconv.Atoi(string(m[1]))
}

// shapeOf counts the fields and the lexical tokens of a document.
func shapeOf(doc string) (fields, tokens int, err error) {
	q, err := parser.ParseQuery(&ast.Source{Input: doc})
	if err != nil {
		return 0, 0, err
	}
	var count func(ast.SelectionSet) int
	count = func(set ast.SelectionSet) int {
		n := 0
		for _, s := range set {
			if f, ok := s.(*ast.Field); ok {
				n += 1 + count(f.SelectionSet)
			}
		}
		return n
	}
	for _, op := range q.Operations {
		fields += count(op.SelectionSet)
	}
	lx := lexer.New(&ast.Source{Input: doc})
	for {
		tok, err := lx.ReadToken()
		if err != nil {
			return 0, 0, err
		}
		if tok.Kind == lexer.EOF {
			break
		}
		tokens++
	}
	return fields, tokens, nil
}

func printFlood(w io.Writer, r *FloodResult) {
	fmt.Fprintf(w, "\n%s, %d clients: %d tokens × %d connections flood; a probe (client(id) { name }) at %d a second for %s\n",
		r.DB, r.Clients, r.Tokens, r.Conns, r.ProbeRate, r.Duration)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "flood document\taliases\tcost\talone ms\tanswer bytes\t")
	for _, d := range r.Candidates {
		mark := ""
		if d == r.Flood {
			mark = " (floods)"
		}
		fmt.Fprintf(tw, "%s%s\t%d\t%d\t%.0f\t%d\t\n", d.Name, mark, d.Aliases, d.Cost, ms(d.Alone), d.Bytes)
	}
	tw.Flush()
	tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "probe\trequests\tp50 ms\tp99 ms\tmax ms\tnot 200\t")
	for _, p := range []struct {
		name string
		f    probeFigures
	}{{"alone", r.Alone}, {"under the flood", r.Flooded}} {
		fmt.Fprintf(tw, "%s\t%d\t%.1f\t%.1f\t%.1f\t%d\t\n", p.name, p.f.Requests, ms(p.f.P50), ms(p.f.P99), ms(p.f.Max), p.f.Failed)
	}
	tw.Flush()
	fmt.Fprintf(w, "flood: %d answered (p50 %.0f ms), %d refused (429), %d still running at the end, %d other; server CPU %.2f cores\n",
		r.Answered, ms(r.AnsweredP50), r.Refused, r.Cut, r.Failed, r.CPU)
	for status, body := range r.Examples {
		fmt.Fprintf(w, "  status %s: %s\n", status, body)
	}
}

// endedByServer tells whether a request without an answer ended because
// the server closed its connection: what a queued flood operation that
// outlasts the server's write timeout gets. That is the server bounding
// the flood, as a 429 is, not a failure of the server.
func endedByServer(err string) bool {
	return strings.HasSuffix(err, "EOF") || strings.Contains(err, "connection reset by peer")
}

// cutTransport sends requests that also end when ctx does: ending it cuts
// the requests running.
type cutTransport struct {
	ctx  context.Context
	base http.RoundTripper
}

func (t cutTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithCancel(r.Context())
	stop := context.AfterFunc(t.ctx, cancel)
	resp, err := t.base.RoundTrip(r.WithContext(ctx))
	if err != nil {
		stop()
		cancel()
		return nil, err
	}
	resp.Body = &cutBody{ReadCloser: resp.Body, done: func() { stop(); cancel() }}
	return resp, nil
}

// cutBody lets go of its request's context once read.
type cutBody struct {
	io.ReadCloser
	done func()
}

func (b *cutBody) Close() error {
	err := b.ReadCloser.Close()
	b.done()
	return err
}
