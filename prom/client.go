// Package prom pulls measurements from Prometheus: a small client of its
// HTTP API (instant queries only) and the puller, which evaluates each
// measurement source's expression at the end of every closed period and
// records the result, one server at a time (a lease in the database).
package prom

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"alliance"
)

// DefaultTimeout bounds one query, from the request to the last byte of the
// answer.
const DefaultTimeout = 15 * time.Second

// maxAnswer is the largest answer read: an instant query that gives one
// number is a few hundred bytes; a larger one is a mistake (many series).
const maxAnswer = 4 << 20

// Failure is a query that gave no measurement: its status, and the reason
// in words.
type Failure struct {
	Status  alliance.SourceStatus
	Message string
}

func (f *Failure) Error() string { return f.Message }

// FailureOf returns err as a Failure, or nil when it is not one.
func FailureOf(err error) *Failure {
	var f *Failure
	if errors.As(err, &f) {
		return f
	}
	return nil
}

func failf(status alliance.SourceStatus, format string, args ...any) *Failure {
	return &Failure{Status: status, Message: fmt.Sprintf(format, args...)}
}

// Client queries Prometheus-compatible HTTP APIs.
type Client struct {
	// HTTP sends the requests (nil: a client of its own, no redirects to
	// other hosts' credentials: see newHTTP).
	HTTP *http.Client
	// Timeout bounds each query (0: DefaultTimeout).
	Timeout time.Duration
}

func (c *Client) http() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return defaultHTTP
}

var defaultHTTP = &http.Client{
	// Credentials are set per request: a redirect would carry them away
	// to wherever it points, so none is followed.
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// answer is the envelope of every answer of the API.
type answer struct {
	Status    string          `json:"status"`
	Data      json.RawMessage `json:"data"`
	ErrorType string          `json:"errorType"`
	Error     string          `json:"error"`
}

type queryData struct {
	ResultType string          `json:"resultType"`
	Result     json.RawMessage `json:"result"`
}

type sample struct {
	Metric map[string]string `json:"metric"`
	Value  [2]any            `json:"value"`
}

// Query evaluates the source's expression at time at and returns its one
// number. Anything else is a *Failure: UNREACHABLE (no answer, or an HTTP
// error without Prometheus's error JSON), QUERY_ERROR (Prometheus's error,
// its message kept), EMPTY_RESULT, MANY_SERIES or NOT_NUMERIC.
func (c *Client) Query(ctx context.Context, s *alliance.MeasurementSource, at time.Time) (float64, error) {
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	q := url.Values{}
	q.Set("query", s.Expression)
	q.Set("time", strconv.FormatInt(at.Unix(), 10))
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+"/api/v1/query?"+q.Encode(), nil)
	if err != nil {
		return 0, failf(alliance.SourceUnreachable, "the address %s cannot be queried: %v", s.URL, err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "alliance-puller")
	switch s.Auth.Kind() {
	case alliance.AuthBearer:
		req.Header.Set("Authorization", "Bearer "+s.Auth.BearerToken)
	case alliance.AuthBasic:
		req.SetBasicAuth(s.Auth.Username, s.Auth.Password)
	}
	res, err := c.http().Do(req)
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return 0, failf(alliance.SourceUnreachable, "Prometheus at %s did not answer within %s", s.URL, timeout)
		}
		return 0, failf(alliance.SourceUnreachable, "Prometheus at %s cannot be reached: %s", s.URL, netReason(err))
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, maxAnswer+1))
	if err != nil {
		return 0, failf(alliance.SourceUnreachable, "Prometheus at %s broke off its answer: %s", s.URL, netReason(err))
	}
	var a answer
	if jerr := json.Unmarshal(body, &a); jerr != nil || a.Status == "" {
		if res.StatusCode != http.StatusOK {
			return 0, failf(alliance.SourceUnreachable, "Prometheus at %s answered HTTP %s", s.URL, res.Status)
		}
		if len(body) > maxAnswer {
			return 0, failf(alliance.SourceManySeries, "the answer is larger than %d MB: the expression gives too many series", maxAnswer>>20)
		}
		return 0, failf(alliance.SourceUnreachable, "%s does not answer as the Prometheus API does (no JSON status)", s.URL)
	}
	if a.Status != "success" {
		msg := a.Error
		if msg == "" {
			msg = "no message"
		}
		if a.ErrorType != "" {
			msg = a.ErrorType + ": " + msg
		}
		return 0, failf(alliance.SourceQueryError, "Prometheus refused the query: %s", msg)
	}
	var d queryData
	if err := json.Unmarshal(a.Data, &d); err != nil {
		return 0, failf(alliance.SourceQueryError, "Prometheus answered data that is not a query result: %v", err)
	}
	switch d.ResultType {
	case "scalar":
		var v [2]any
		if err := json.Unmarshal(d.Result, &v); err != nil {
			return 0, failf(alliance.SourceNotNumeric, "the scalar answered is malformed: %v", err)
		}
		return number(v[1])
	case "vector":
		var samples []sample
		if err := json.Unmarshal(d.Result, &samples); err != nil {
			return 0, failf(alliance.SourceNotNumeric, "the vector answered is malformed: %v", err)
		}
		switch len(samples) {
		case 0:
			return 0, failf(alliance.SourceEmptyResult, "the expression gives no sample at %s: no series matches, or none has a sample in the lookback",
				at.UTC().Format(time.RFC3339))
		case 1:
			return number(samples[0].Value[1])
		}
		return 0, failf(alliance.SourceManySeries, "the expression gives %d series (%s): aggregate them to one, with sum, avg, min or max",
			len(samples), seriesNames(samples, 3))
	case "string":
		var v [2]any
		_ = json.Unmarshal(d.Result, &v)
		return 0, failf(alliance.SourceNotNumeric, "the expression gives a string (%q), not a number", fmt.Sprint(v[1]))
	case "matrix":
		return 0, failf(alliance.SourceNotNumeric, "the expression gives a range vector, not a number: wrap it in a function such as avg_over_time(...)")
	}
	return 0, failf(alliance.SourceNotNumeric, "the expression gives a %q result, not a number", d.ResultType)
}

// number reads a sample's value, which the API sends as a string.
func number(v any) (float64, error) {
	s, ok := v.(string)
	if !ok {
		return 0, failf(alliance.SourceNotNumeric, "the value %v is not a number", v)
	}
	f, err := strconv.ParseFloat(s, 64)
	switch {
	case err != nil:
		return 0, failf(alliance.SourceNotNumeric, "the value %q is not a number", s)
	case math.IsNaN(f) || math.IsInf(f, 0):
		return 0, failf(alliance.SourceNotNumeric, "the expression gives %s, not a finite number (a division by zero, or no data in the range?)", s)
	}
	return f, nil
}

// seriesNames names the first n series of samples: {job="a"}, ...
func seriesNames(samples []sample, n int) string {
	var names []string
	for i, s := range samples {
		if i == n {
			names = append(names, "...")
			break
		}
		var labels []string
		for k, v := range s.Metric {
			labels = append(labels, fmt.Sprintf("%s=%q", k, v))
		}
		slices.Sort(labels)
		names = append(names, "{"+strings.Join(labels, ", ")+"}")
	}
	return strings.Join(names, ", ")
}

// netReason is the end of a network error's chain: "connection refused",
// without the request's URL and its query repeated.
func netReason(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return err.Error()
}
