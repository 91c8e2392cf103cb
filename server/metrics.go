package main

import (
	"cmp"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"alliance"
	"alliance/db"
)

// maxOperationNames is how many distinct GraphQL operation names the
// metrics tell apart; the operations named after those are counted as
// "other", so that a client sending random names cannot grow the metrics
// without end.
const maxOperationNames = 64

// Operation labels that are not a route nor an operation's name.
const (
	opAnonymous = "anonymous" // a GraphQL operation without a name
	opUnknown   = "unknown"   // a GraphQL request refused before its operation was known
	opOther     = "other"     // a name past maxOperationNames
	opNoRoute   = "none"      // a request no route took
)

// metrics are the server's Prometheus metrics, in a registry of their own
// (never the global one): what GET /metrics serves.
type metrics struct {
	reg         *prometheus.Registry
	requests    *prometheus.CounterVec
	duration    *prometheus.HistogramVec
	inFlight    prometheus.Gauge
	refusals    *prometheus.CounterVec
	figures     *prometheus.HistogramVec
	measurement *prometheus.CounterVec

	mu    sync.Mutex
	names map[string]bool
}

func newMetrics(d *db.DB) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "alliance_http_requests_total",
			Help: "Requests answered, by operation (the GraphQL operation's name on /graphql, the route elsewhere), HTTP status class, extensions.code of the first error (none without one) and role.",
		}, []string{"operation", "status", "code", "role"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "alliance_http_request_duration_seconds",
			Help:    "Time to answer a request, by operation.",
			Buckets: []float64{.002, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"operation"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "alliance_http_requests_in_flight",
			Help: "Requests being served.",
		}),
		refusals: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "alliance_refusals_total",
			Help: "Requests refused by a limit: sign_in and reset_request (failed attempts), write_admission (503 OVERLOADED), concurrent_operations, cost_rate, expensive_turns and retry_early (GraphQL admission), export.",
		}, []string{"limit"}),
		figures: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "alliance_figures_refresh_seconds",
			Help:    "Time spent bringing the stored coverage figures up to date: in each write transaction that moved some (kind write), or rebuilding them all (kind full).",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10, 60},
		}, []string{"kind"}),
		measurement: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "alliance_measurements_recorded_total",
			Help: "Measurements written and committed, by the way they came in (api, import, ...).",
		}, []string{"via"}),
		names: map[string]bool{},
	}
	m.reg.MustRegister(m.requests, m.duration, m.inFlight, m.refusals, m.figures, m.measurement,
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "alliance_sql_statements_total",
			Help: "SQL statements this process has run.",
		}, func() float64 { return float64(d.Statements()) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "alliance_write_conflicts_total",
			Help: "Runs of write transactions lost to a conflict with concurrent writes (deadlock, lock wait timeout, Galera certification): each was run again, or, the last allowed, failed with CONFLICT_RETRY.",
		}, func() float64 { return float64(d.Conflicts()) }),
		newSourcesCollector(d),
		collectors.NewDBStatsCollector(d.SQL(), d.Dialect()),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	// Every refusal reason starts at 0, so that a rate over it exists
	// before the first refusal.
	for _, l := range []string{"sign_in", "reset_request", "write_admission", "concurrent_operations", "cost_rate", "expensive_turns", "retry_early", "export"} {
		m.refusals.WithLabelValues(l)
	}
	for _, k := range []string{"write", "full"} {
		m.figures.WithLabelValues(k)
	}
	for _, v := range []string{"api", "batch", "import", "prometheus"} {
		m.measurement.WithLabelValues(v)
	}
	return m
}

// Registry is where other parts of the server register their metrics.
func (m *metrics) Registry() *prometheus.Registry { return m.reg }

// FiguresRefreshed implements db.Observer.
func (m *metrics) FiguresRefreshed(kind string, d time.Duration) {
	m.figures.WithLabelValues(kind).Observe(d.Seconds())
}

// MeasurementsRecorded implements db.Observer.
func (m *metrics) MeasurementsRecorded(via string, n int) {
	m.measurement.WithLabelValues(boundedName(via)).Add(float64(n))
}

var _ db.Observer = (*metrics)(nil)

// operationNamePattern is what a GraphQL name may be, at a sensible length.
var operationNamePattern = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]{0,63}$`)

// operationLabel is the operation label of a request: its route, or on
// /graphql the name of its operation, the first maxOperationNames names
// told apart and the others counted as "other".
func (m *metrics) operationLabel(f alliance.RequestFacts) string {
	switch {
	case f.Route == "":
		return opNoRoute
	case f.Route != "GET /graphql" && f.Route != "POST /graphql":
		return f.Route
	case !f.HasOperation:
		return opUnknown
	case f.Operation == "":
		return opAnonymous
	case !operationNamePattern.MatchString(f.Operation):
		return opOther
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.names[f.Operation] {
		return f.Operation
	}
	if len(m.names) >= maxOperationNames {
		return opOther
	}
	m.names[f.Operation] = true
	return f.Operation
}

// boundedName keeps a label value made by code (not by clients) short and
// plain.
func boundedName(s string) string {
	if !operationNamePattern.MatchString(s) {
		return opOther
	}
	return s
}

// roleLabel is the role label of a request.
func roleLabel(role string) string {
	if role == "" {
		return "none"
	}
	return role
}

// observe counts a request answered.
func (m *metrics) observe(f alliance.RequestFacts, status int, elapsed time.Duration) {
	op := m.operationLabel(f)
	code := f.Code
	if code == "" {
		code = "none"
	}
	m.requests.WithLabelValues(op, strconv.Itoa(status/100)+"xx", boundedName(code), roleLabel(f.Role)).Inc()
	m.duration.WithLabelValues(op).Observe(elapsed.Seconds())
	if f.Limit != "" {
		m.refusals.WithLabelValues(boundedName(f.Limit)).Inc()
	}
}

// serveMetrics answers GET /metrics: the metrics in Prometheus's text
// format, to a request with Authorization: Bearer <--metrics-token> only
// (401 without it, 403 with another token). The tokens are compared in
// constant time, through their hashes so that not even the length shows.
func serveMetrics(m *metrics, token string, log *slog.Logger) http.Handler {
	want := sha256.Sum256([]byte(token))
	h := promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelError)})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, ok := bearerToken(r)
		if !ok || got == "" {
			writeError(w, r, log, alliance.Errorf(alliance.EUNAUTHORIZED, "send Authorization: Bearer <the --metrics-token>"))
			return
		}
		sum := sha256.Sum256([]byte(got))
		if subtle.ConstantTimeCompare(sum[:], want[:]) != 1 {
			writeError(w, r, log, alliance.Errorf(alliance.EFORBIDDEN, "this is not the metrics token"))
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}

// sourcesCollector tells, at each scrape, how many measurement sources
// there are by the status of their last run ("never" before the first),
// paused or not: what an alert on a failing pull watches.
type sourcesCollector struct {
	d    *db.DB
	desc *prometheus.Desc
}

func newSourcesCollector(d *db.DB) *sourcesCollector {
	return &sourcesCollector{d: d, desc: prometheus.NewDesc("alliance_measurement_sources",
		"Measurement sources (Prometheus pulls) by the status of their last run (never: not run yet) and whether they are paused.",
		[]string{"status", "paused"}, nil)}
}

func (c *sourcesCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *sourcesCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := c.d.CountMeasurementSources(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.desc, err)
		return
	}
	for _, n := range counts {
		status := cmp.Or(n.Status, "never")
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(n.Count), status, strconv.FormatBool(n.Paused))
	}
}
