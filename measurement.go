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

// MeasurementService records and reads measurements.
type MeasurementService interface {
	// Measurements answers each query with its measurements, newest first
	// (by period end, then by when they were recorded).
	Measurements(ctx context.Context, qs []MeasurementQuery) ([][]*Measurement, error)
	RecordMeasurement(ctx context.Context, in MeasurementInput) (*Measurement, error)
	DeleteMeasurement(ctx context.Context, id int64) error
}
