package prom

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"time"

	"alliance"
)

// Actor is who the audit log says recorded the measurements the loop pulls.
const Actor = "prometheus puller"

// LeaseName is the lease row the pullers of one database share.
const LeaseName = "prometheus puller"

// Store is what the puller needs of the system of record.
type Store interface {
	alliance.MeasurementSourceService
}

// Puller pulls the measurements of measurement sources.
type Puller struct {
	Store  Store
	Client *Client
	// Clock tells the time (nil: time.Now).
	Clock func() time.Time
	// Holder names this puller in the lease (empty: host, process and a
	// random part).
	Holder string
	Log    *slog.Logger
}

// Now is the time by the puller's clock, in UTC.
func (p *Puller) Now() time.Time {
	if p.Clock != nil {
		return p.Clock().UTC()
	}
	return time.Now().UTC()
}

func (p *Puller) client() *Client {
	if p.Client != nil {
		return p.Client
	}
	return &Client{}
}

func (p *Puller) log() *slog.Logger {
	if p.Log != nil {
		return p.Log
	}
	return slog.New(slog.DiscardHandler)
}

// NewHolder names a puller: its host, process id and a random part.
func NewHolder() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s:%d:%s", host, os.Getpid(), hex.EncodeToString(b))
}

// Test is what a source's expression gives now: a value, or the failure.
type Test struct {
	Status alliance.SourceStatus
	Value  *float64
	Error  *string
	At     time.Time
}

// Test evaluates the source's expression now and writes nothing.
func (p *Puller) Test(ctx context.Context, s *alliance.MeasurementSource) *Test {
	at := p.Now()
	v, err := p.client().Query(ctx, s, at)
	if err != nil {
		st, msg := failure(err)
		return &Test{Status: st, Error: &msg, At: at}
	}
	return &Test{Status: alliance.SourceOK, Value: &v, At: at}
}

// failure is the status and message of a query's error.
func failure(err error) (alliance.SourceStatus, string) {
	if f := FailureOf(err); f != nil {
		return f.Status, f.Message
	}
	return alliance.SourceUnreachable, err.Error()
}

// Pull records the source's missing measurements: of each closed period
// within its horizon that has none yet, oldest first, the expression's value
// at the period's end. It stops at the first failure, keeping what it
// recorded before. The run's last period is the newest one recorded, by
// this run or an earlier one. The run is kept as the source's last (UNCHANGED when
// nothing was missing). The error is the store's only: a failed query is
// the run's status.
func (p *Puller) Pull(ctx context.Context, s *alliance.MeasurementSource) (*alliance.SourceRun, error) {
	now := p.Now()
	spans := s.Period.Closed(now, s.Horizon)
	if len(spans) == 0 {
		return nil, alliance.Invalidf("horizon", "horizon must be at least one period")
	}
	recorded, err := p.Store.RecordedPeriods(ctx, s, spans[0].Start)
	if err != nil {
		return nil, err
	}
	run := &alliance.SourceRun{Status: alliance.SourceUnchanged, At: now}
	tag := s.Tag()
	for _, span := range spans {
		if slices.ContainsFunc(recorded, span.Start.Equal) {
			end := span.End
			run.LastPeriodEnd = &end
			continue
		}
		v, err := p.client().Query(ctx, s, span.End)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			st, msg := failure(err)
			run.Status, run.Error = st, &msg
			break
		}
		created, err := p.Store.RecordPeriod(ctx, alliance.MeasurementInput{
			ServiceID: s.ServiceID, Metric: s.Metric, Value: v, PeriodStart: span.Start, PeriodEnd: span.End, Source: &tag,
		})
		if alliance.ErrorCode(err) == alliance.EINVALID {
			msg := fmt.Sprintf("the value %s for the period ending %s was refused: %s", formatValue(v),
				span.End.Format(time.RFC3339), alliance.ErrorMessage(err))
			run.Status, run.Error = alliance.SourceRefused, &msg
			break
		}
		if err != nil {
			return nil, err
		}
		if created {
			run.Recorded++
			run.Status = alliance.SourceOK
		}
		end := span.End
		run.LastPeriodEnd = &end
	}
	if err := p.Store.SaveSourceRun(ctx, s.ID, *run); err != nil {
		return nil, err
	}
	return run, nil
}

func formatValue(v float64) string { return fmt.Sprint(v) }

// PullAll pulls every source that is not paused. A source whose run fails
// does not stop the others; renew, when set, is called before each source
// and stops the round when it returns false (the lease was lost).
func (p *Puller) PullAll(ctx context.Context, renew func() bool) error {
	sources, err := p.Store.FindMeasurementSources(ctx, 0)
	if err != nil {
		return err
	}
	for _, s := range sources {
		if s.Paused {
			continue
		}
		if renew != nil && !renew() {
			return nil
		}
		run, err := p.Pull(ctx, s)
		switch {
		case err != nil:
			if ctx.Err() != nil {
				return ctx.Err()
			}
			p.log().Error("measurement source pull failed", "source", s.ID, "err", err)
		case run.Error != nil:
			p.log().Warn("measurement source pull", "source", s.ID, "status", run.Status, "error", *run.Error, "recorded", run.Recorded)
		case run.Recorded > 0:
			p.log().Info("measurement source pull", "source", s.ID, "status", run.Status, "recorded", run.Recorded)
		}
	}
	return nil
}

// Tick takes or renews the lease for ttl and, when this puller holds it,
// pulls every source. It reports whether it held the lease.
func (p *Puller) Tick(ctx context.Context, ttl time.Duration) (bool, error) {
	ctx = alliance.WithActor(ctx, Actor)
	holder := p.holder()
	hold := func() (bool, error) {
		now := p.Now()
		return p.Store.HoldLease(ctx, LeaseName, holder, now, now.Add(ttl))
	}
	held, err := hold()
	if err != nil || !held {
		return false, err
	}
	err = p.PullAll(ctx, func() bool {
		ok, err := hold()
		if err != nil {
			p.log().Error("measurement source lease", "err", err)
		}
		return ok
	})
	return true, err
}

func (p *Puller) holder() string {
	if p.Holder == "" {
		p.Holder = NewHolder()
	}
	return p.Holder
}

// LeaseTTL is how long a lease lasts for a loop run every interval: three
// rounds, so that a round slower than the interval keeps it, and another
// server takes over within three intervals of the holder's stop.
func LeaseTTL(interval time.Duration) time.Duration { return 3 * interval }

// Run pulls every interval until ctx ends (first at once), when it holds
// the lease; then it releases the lease, so that another server takes over
// at its next round.
func (p *Puller) Run(ctx context.Context, interval time.Duration) {
	holder := p.holder()
	p.log().Info("prometheus puller started", "interval", interval, "holder", holder)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := p.Tick(ctx, LeaseTTL(interval)); err != nil && ctx.Err() == nil {
			p.log().Error("prometheus puller round failed", "err", err)
		}
		select {
		case <-ctx.Done():
			rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer cancel()
			if err := p.Store.ReleaseLease(rctx, LeaseName, holder); err != nil {
				p.log().Warn("prometheus puller: lease not released", "err", err)
			}
			p.log().Info("prometheus puller stopped")
			return
		case <-t.C:
		}
	}
}
