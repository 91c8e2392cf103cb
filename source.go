package alliance

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// SourcePeriod is how often a measurement source records a measurement: one
// per closed day, week (from Monday) or calendar month, in UTC.
type SourcePeriod string

// Periods of measurement sources.
const (
	Daily   SourcePeriod = "DAILY"
	Weekly  SourcePeriod = "WEEKLY"
	Monthly SourcePeriod = "MONTHLY"
)

// Valid reports whether p is a known period.
func (p SourcePeriod) Valid() bool { return p == Daily || p == Weekly || p == Monthly }

// Start returns the start of the period that holds t (UTC midnight; a
// Monday for weeks, the first of the month for months).
func (p SourcePeriod) Start(t time.Time) time.Time {
	t = t.UTC()
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	switch p {
	case Weekly:
		back := (int(day.Weekday()) + 6) % 7 // days since Monday
		return day.AddDate(0, 0, -back)
	case Monthly:
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	return day
}

// End returns the end of the period that starts at start.
func (p SourcePeriod) End(start time.Time) time.Time {
	switch p {
	case Weekly:
		return start.AddDate(0, 0, 7)
	case Monthly:
		return start.AddDate(0, 1, 0)
	}
	return start.AddDate(0, 0, 1)
}

// Span is one period: from Start (included) to End (excluded).
type Span struct {
	Start, End time.Time
}

// Closed returns the last n periods that have ended by now, oldest first.
func (p SourcePeriod) Closed(now time.Time, n int) []Span {
	end := p.Start(now) // the end of the last closed period
	out := make([]Span, n)
	for i := n - 1; i >= 0; i-- {
		start := p.Start(end.Add(-time.Nanosecond))
		out[i] = Span{start, end}
		end = start
	}
	return out
}

// SourceAuthKind is how a source authenticates to its Prometheus.
type SourceAuthKind string

// Kinds of source authentication.
const (
	AuthNone   SourceAuthKind = "NONE"
	AuthBearer SourceAuthKind = "BEARER"
	AuthBasic  SourceAuthKind = "BASIC"
)

// SourceStatus is how a source's last run (or a test) ended.
type SourceStatus string

// Statuses of a source's run.
const (
	// SourceOK: at least one period was recorded (a test: a value came).
	SourceOK SourceStatus = "OK"
	// SourceUnchanged: every closed period within the horizon was already
	// recorded.
	SourceUnchanged SourceStatus = "UNCHANGED"
	// SourceUnreachable: no answer, or an HTTP error without Prometheus's
	// error JSON (network, timeout, 401, 5xx...).
	SourceUnreachable SourceStatus = "UNREACHABLE"
	// SourceQueryError: Prometheus refused the expression (its message is
	// the run's error).
	SourceQueryError SourceStatus = "QUERY_ERROR"
	// SourceEmptyResult: the expression gave no sample.
	SourceEmptyResult SourceStatus = "EMPTY_RESULT"
	// SourceManySeries: the expression gave more than one series.
	SourceManySeries SourceStatus = "MANY_SERIES"
	// SourceNotNumeric: the expression gave a string, NaN or an infinity.
	SourceNotNumeric SourceStatus = "NOT_NUMERIC"
	// SourceRefused: the value is not one the metric takes (a percentage
	// above 100...).
	SourceRefused SourceStatus = "REFUSED"
)

// SourceAuth are a source's credentials: a bearer token, or a user and
// password for basic authentication. They are stored, used by the puller,
// and never returned by the API nor written to the audit log.
type SourceAuth struct {
	BearerToken string
	Username    string
	Password    string
}

// Kind is the kind of authentication the credentials are for.
func (a SourceAuth) Kind() SourceAuthKind {
	switch {
	case a.BearerToken != "":
		return AuthBearer
	case a.Username != "":
		return AuthBasic
	}
	return AuthNone
}

// MeasurementSource ties a service's metric to a PromQL expression,
// evaluated at the end of each closed period on a Prometheus-compatible
// HTTP API.
type MeasurementSource struct {
	ID         int64        `json:"id"`
	ServiceID  int64        `json:"serviceId"`
	Metric     string       `json:"metric"`
	Expression string       `json:"expression"`
	Period     SourcePeriod `json:"period"`
	URL        string       `json:"url"`
	// Auth is never serialized: the audit log records AuthKind only.
	Auth     SourceAuth     `json:"-"`
	AuthKind SourceAuthKind `json:"authKind"`
	// Horizon is how many closed periods back the source fills.
	Horizon int  `json:"horizon"`
	Paused  bool `json:"paused"`
	// The last run, nil before the first.
	LastStatus    *SourceStatus `json:"-"`
	LastRunAt     *time.Time    `json:"-"`
	LastError     *string       `json:"-"`
	LastPeriodEnd *time.Time    `json:"-"`
	CreatedAt     time.Time     `json:"createdAt"`
	UpdatedAt     time.Time     `json:"updatedAt"`
}

// Tag is the source of the measurements it records: "prometheus:<id>".
func (s *MeasurementSource) Tag() string { return SourceTag(s.ID) }

// SourceTag is the source of the measurements source id records.
func SourceTag(id int64) string { return fmt.Sprintf("prometheus:%d", id) }

// Bounds of measurement sources.
const (
	DefaultSourceHorizon = 12
	MaxSourceHorizon     = 400
	MaxExpressionLength  = 4000
	MaxSourceURLLength   = 500
	MaxCredentialLength  = 4000
)

// SourceAuthInput gives a source's credentials: a bearer token, or a user
// (and password) for basic authentication.
type SourceAuthInput struct {
	BearerToken *string
	Username    *string
	Password    *string
}

func (in *SourceAuthInput) auth(field string) (SourceAuth, error) {
	if in == nil {
		return SourceAuth{}, nil
	}
	get := func(p *string, name string) (string, error) {
		if p == nil {
			return "", nil
		}
		s := strings.TrimSpace(*p)
		if utf8.RuneCountInString(s) > MaxCredentialLength || hasControl(s, false) {
			return "", Invalidf(field+"."+name, "%s must be at most %d characters, without control characters", name, MaxCredentialLength)
		}
		return s, nil
	}
	var a SourceAuth
	var err error
	if a.BearerToken, err = get(in.BearerToken, "bearerToken"); err != nil {
		return a, err
	}
	if a.Username, err = get(in.Username, "username"); err != nil {
		return a, err
	}
	if a.Password, err = get(in.Password, "password"); err != nil {
		return a, err
	}
	switch {
	case a.BearerToken != "" && (a.Username != "" || a.Password != ""):
		return a, Invalidf(field+".bearerToken", "give a bearer token or a username and password, not both")
	case a.Password != "" && a.Username == "":
		return a, Invalidf(field+".username", "a password needs a username")
	}
	return a, nil
}

// MeasurementSourceInput is a new measurement source. Horizon defaults to
// DefaultSourceHorizon.
type MeasurementSourceInput struct {
	ServiceID  int64
	Metric     string
	Expression string
	Period     SourcePeriod
	URL        string
	Auth       *SourceAuthInput
	Horizon    *int
	Paused     *bool
}

// Source validates the input and returns the source it describes.
func (in MeasurementSourceInput) Source() (*MeasurementSource, error) {
	s := &MeasurementSource{ServiceID: in.ServiceID, Metric: trimSpace(in.Metric), Horizon: DefaultSourceHorizon}
	if err := CheckMetricKey(s.Metric, "metric"); err != nil {
		return nil, err
	}
	var err error
	if s.Expression, err = checkExpression(in.Expression); err != nil {
		return nil, err
	}
	if s.Period, err = checkPeriod(in.Period); err != nil {
		return nil, err
	}
	if s.URL, err = checkSourceURL(in.URL); err != nil {
		return nil, err
	}
	if s.Auth, err = in.Auth.auth("auth"); err != nil {
		return nil, err
	}
	s.AuthKind = s.Auth.Kind()
	if in.Horizon != nil {
		if s.Horizon, err = checkHorizon(*in.Horizon); err != nil {
			return nil, err
		}
	}
	if in.Paused != nil {
		s.Paused = *in.Paused
	}
	return s, nil
}

// MeasurementSourcePatch changes some fields of a source. Auth, when set,
// replaces the credentials (null removes them); left out, they stay.
type MeasurementSourcePatch struct {
	Metric     Optional[string]
	Expression Optional[string]
	Period     Optional[SourcePeriod]
	URL        Optional[string]
	Auth       Optional[SourceAuthInput]
	Horizon    Optional[int]
	Paused     Optional[bool]
}

// Apply validates the patch and applies it to s.
func (p MeasurementSourcePatch) Apply(s *MeasurementSource) error {
	if v, ok, err := required(p.Metric, "metric"); err != nil {
		return err
	} else if ok {
		v = trimSpace(v)
		if err := CheckMetricKey(v, "metric"); err != nil {
			return err
		}
		s.Metric = v
	}
	if v, ok, err := required(p.Expression, "expression"); err != nil {
		return err
	} else if ok {
		if s.Expression, err = checkExpression(v); err != nil {
			return err
		}
	}
	if v, ok, err := required(p.Period, "period"); err != nil {
		return err
	} else if ok {
		if s.Period, err = checkPeriod(v); err != nil {
			return err
		}
	}
	if v, ok, err := required(p.URL, "url"); err != nil {
		return err
	} else if ok {
		if s.URL, err = checkSourceURL(v); err != nil {
			return err
		}
	}
	if p.Auth.Set {
		a, err := p.Auth.Value.auth("auth")
		if err != nil {
			return err
		}
		s.Auth, s.AuthKind = a, a.Kind()
	}
	if v, ok, err := required(p.Horizon, "horizon"); err != nil {
		return err
	} else if ok {
		if s.Horizon, err = checkHorizon(v); err != nil {
			return err
		}
	}
	if v, ok, err := required(p.Paused, "paused"); err != nil {
		return err
	} else if ok {
		s.Paused = v
	}
	return nil
}

func checkExpression(e string) (string, error) {
	e = strings.TrimSpace(e)
	switch {
	case e == "":
		return "", Invalidf("expression", "expression must not be empty: give a PromQL expression such as avg_over_time(probe_success[1d]) * 100")
	case utf8.RuneCountInString(e) > MaxExpressionLength:
		return "", Invalidf("expression", "expression must be at most %d characters", MaxExpressionLength)
	case hasControl(e, true):
		return "", Invalidf("expression", "expression must not contain control characters")
	}
	return e, nil
}

func checkPeriod(p SourcePeriod) (SourcePeriod, error) {
	if !p.Valid() {
		return "", Invalidf("period", "unknown period %q: want DAILY, WEEKLY or MONTHLY", p)
	}
	return p, nil
}

func checkHorizon(n int) (int, error) {
	if n < 1 || n > MaxSourceHorizon {
		return 0, Invalidf("horizon", "horizon must be from 1 to %d periods", MaxSourceHorizon)
	}
	return n, nil
}

// checkSourceURL checks a Prometheus base URL: http or https, a host, no
// credentials, query or fragment. A trailing slash is dropped.
func checkSourceURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if len(raw) > MaxSourceURLLength {
		return "", Invalidf("url", "url must be at most %d characters", MaxSourceURLLength)
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		return "", Invalidf("url", "url %q is not an http or https address such as http://prometheus.example.com:9090", raw)
	case u.User != nil:
		return "", Invalidf("url", "url must not hold credentials: give them as auth")
	case u.RawQuery != "" || u.Fragment != "":
		return "", Invalidf("url", "url must be the base address of the Prometheus API, without a query or fragment")
	}
	return strings.TrimRight(raw, "/"), nil
}

// SourceRun is what a source's run recorded: how it ended, when, the error
// in words, how many periods it recorded, and the last period recorded.
type SourceRun struct {
	Status        SourceStatus
	At            time.Time
	Error         *string
	Recorded      int
	LastPeriodEnd *time.Time
}

// MeasurementSourceService keeps measurement sources.
type MeasurementSourceService interface {
	// FindMeasurementSources returns every source, or those of one service
	// (serviceID != 0), by service then id.
	FindMeasurementSources(ctx context.Context, serviceID int64) ([]*MeasurementSource, error)
	// MeasurementSourcesByServiceIDs returns each service's sources.
	MeasurementSourcesByServiceIDs(ctx context.Context, ids []int64) ([][]*MeasurementSource, error)
	// MeasurementSource returns one source with its credentials, or NOT_FOUND.
	MeasurementSource(ctx context.Context, id int64) (*MeasurementSource, error)
	CreateMeasurementSource(ctx context.Context, in MeasurementSourceInput) (*MeasurementSource, error)
	UpdateMeasurementSource(ctx context.Context, id int64, p MeasurementSourcePatch) (*MeasurementSource, error)
	DeleteMeasurementSource(ctx context.Context, id int64) error
	// RecordedPeriods returns the starts of the periods from since on that
	// already have the source's measurement (same service, metric, period
	// and source tag).
	RecordedPeriods(ctx context.Context, s *MeasurementSource, since time.Time) ([]time.Time, error)
	// RecordPeriod records the source's measurement of one period unless a
	// measurement of that identity (service, metric, period start and end,
	// source) exists; it reports whether it wrote one.
	RecordPeriod(ctx context.Context, in MeasurementInput) (bool, error)
	// SaveSourceRun keeps the source's last run.
	SaveSourceRun(ctx context.Context, id int64, run SourceRun) error
	// HoldLease takes or renews the lease named name for holder until
	// until, when it is expired by now or already holder's; it reports
	// whether holder has it.
	HoldLease(ctx context.Context, name, holder string, now, until time.Time) (bool, error)
	// ReleaseLease gives up holder's lease, so another may take it at once.
	ReleaseLease(ctx context.Context, name, holder string) error
}

// EntityMeasurementSource names sources in the audit log.
const EntityMeasurementSource = "MeasurementSource"
