package alliance

import (
	"context"
	"time"
)

// Measurement is what a service delivered for one metric over a period.
type Measurement struct {
	ID          int64     `json:"id"`
	ServiceID   int64     `json:"serviceId"`
	Metric      string    `json:"metric"`
	Value       float64   `json:"value"`
	PeriodStart time.Time `json:"periodStart"`
	PeriodEnd   time.Time `json:"periodEnd"`
	Source      *string   `json:"source"`
	RecordedAt  time.Time `json:"recordedAt"`
}

// MeasurementInput is a new measurement.
type MeasurementInput struct {
	ServiceID   int64
	Metric      string
	Value       float64
	PeriodStart time.Time
	PeriodEnd   time.Time
	Source      *string
}

// Measurement validates the input and returns the measurement it describes.
func (in MeasurementInput) Measurement() (*Measurement, error) {
	m := &Measurement{
		ServiceID:   in.ServiceID,
		Metric:      trimSpace(in.Metric),
		Value:       in.Value,
		PeriodStart: Timestamp(in.PeriodStart),
		PeriodEnd:   Timestamp(in.PeriodEnd),
	}
	if err := CheckMetricKey(m.Metric, "metric"); err != nil {
		return nil, err
	}
	if err := checkFinite(m.Value, "value"); err != nil {
		return nil, err
	}
	if !m.PeriodEnd.After(m.PeriodStart) {
		return nil, Invalidf("periodEnd", "periodEnd must be after periodStart")
	}
	if m.PeriodStart.Year() < 1970 || m.PeriodEnd.Year() > 9999 {
		return nil, Invalidf("periodStart", "the period must lie between the years 1970 and 9999")
	}
	var err error
	if m.Source, err = cleanText(in.Source, "source", MaxLabelLength, false); err != nil {
		return nil, err
	}
	return m, nil
}

// Default and largest number of measurements returned per service.
const (
	DefaultMeasurements = 100
	MaxMeasurements     = 1000
)

// MeasurementQuery selects the measurements of a service: of one metric or
// all, the Last newest.
type MeasurementQuery struct {
	ServiceID int64
	Metric    string // "" for every metric
	Last      int
}

// A measurement is identified by its service, metric, period and source:
// recording one again with the same identity updates its value (and when it
// was recorded) rather than adding another.

// MaxMeasurementBatch is the most rows one batch of measurements may hold.
const MaxMeasurementBatch = 10_000

// MeasurementOutcome is what a batch did with one of its rows.
type MeasurementOutcome string

// Outcomes of a batch's rows.
const (
	MeasurementCreated   MeasurementOutcome = "CREATED"   // a new identity: recorded
	MeasurementUpdated   MeasurementOutcome = "UPDATED"   // a known identity with another value: its value replaced
	MeasurementUnchanged MeasurementOutcome = "UNCHANGED" // a known identity with the same value: nothing written
	MeasurementRefused   MeasurementOutcome = "REFUSED"   // not written: Field and Message say why
)

// MeasurementResult is what a batch did with one row.
type MeasurementResult struct {
	// Index is the row's position in the batch, from 0.
	Index   int
	Outcome MeasurementOutcome
	// Measurement is the row as stored (nil when refused).
	Measurement *Measurement
	// Field names the input field at fault ("" for a valid row of an atomic
	// batch that was not written because another row was refused), Message
	// says what is wrong; both only when refused.
	Field   string
	Message string
}

// MeasurementService records and reads measurements.
type MeasurementService interface {
	// Measurements answers each query with its measurements, newest first
	// (by period end, then by when they were recorded).
	Measurements(ctx context.Context, qs []MeasurementQuery) ([][]*Measurement, error)
	// RecordMeasurement records one measurement, or, for an identity
	// recorded already, updates its value.
	RecordMeasurement(ctx context.Context, in MeasurementInput) (*Measurement, error)
	// RecordMeasurements records a batch (at most MaxMeasurementBatch rows)
	// in one transaction and answers each row's outcome, in input order:
	// refused rows are reported and the others written, or, when atomic,
	// nothing is written if any row is refused. Without a principal in ctx
	// (the server's own puller) no service limit applies.
	RecordMeasurements(ctx context.Context, in []MeasurementInput, atomic bool) ([]MeasurementResult, error)
	DeleteMeasurement(ctx context.Context, id int64) error
}
