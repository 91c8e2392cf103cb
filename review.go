package alliance

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ReviewWhat is what changed in a commitment's basis.
type ReviewWhat string

// The changes that ask for review.
const (
	// ReviewTarget is a target of the commitment's requirement.
	ReviewTarget ReviewWhat = "TARGET"
	// ReviewDesignedLevel is a designed level of the commitment's service
	// for a metric its requirement targets.
	ReviewDesignedLevel ReviewWhat = "DESIGNED_LEVEL"
	// ReviewCoverage is the commitment's coverage percent.
	ReviewCoverage ReviewWhat = "COVERAGE"
	// ReviewCapacity is the commitment's capacity units (internal to the
	// provider).
	ReviewCapacity ReviewWhat = "CAPACITY"
)

// ActionConfirm is the audit action of confirmCommitment.
const ActionConfirm AuditAction = "CONFIRM"

// ReviewChange is one change to a commitment's basis, pending until the
// commitment is confirmed. Before and After are nil where there was no value
// (a target added or removed). Reason says it in words.
type ReviewChange struct {
	What   ReviewWhat
	Metric *string
	Before *float64
	After  *float64
	Reason string
	At     time.Time
	By     string
}

// Review is the review state of a commitment: the changes since it was last
// confirmed, and that confirmation.
type Review struct {
	CommitmentID int64
	Changes      []ReviewChange
	ConfirmedAt  *time.Time
	ConfirmedBy  *string
	Note         *string
}

// Needed reports whether a change waits for confirmation.
func (r *Review) Needed() bool { return len(r.Changes) > 0 }

// Reason says in words why the commitment needs review (nil when it does
// not): its changes' reasons, oldest first.
func (r *Review) Reason() *string {
	if !r.Needed() {
		return nil
	}
	out := make([]string, len(r.Changes))
	for i, c := range r.Changes {
		out[i] = c.Reason
	}
	s := strings.Join(out, " ")
	return &s
}

// ForPortal returns the review as a client-limited caller may read it: the
// capacity units before and after are the provider's.
func (r *Review) ForPortal() *Review {
	out := *r
	out.Changes = make([]ReviewChange, len(r.Changes))
	for i, c := range r.Changes {
		if c.What == ReviewCapacity {
			c.Before, c.After = nil, nil
		}
		out.Changes[i] = c
	}
	return &out
}

// ReviewService keeps the review state of commitments. Changes are recorded by
// the writes that make them, in the same transaction.
type ReviewService interface {
	// ReviewsByCommitmentIDs returns the review of each commitment, in the
	// order of the ids (an empty review for a commitment never changed).
	ReviewsByCommitmentIDs(ctx context.Context, ids []int64) ([]*Review, error)
	// FindCommitmentsToReview returns the commitments that need review,
	// by their requirement's priority (MUST first), then their client's
	// annual contract value (highest first), then id.
	FindCommitmentsToReview(ctx context.Context, p PageArgs) (*Page[*Commitment], error)
	// CountCommitmentsToReview counts them, for each client id (in order)
	// or, with no ids, over the whole portfolio (one count).
	CountCommitmentsToReview(ctx context.Context, clientIDs []int64) ([]int, error)
	// ConfirmCommitment clears the commitment's pending changes, recording
	// who confirmed it, when, and the note, in the audit log too.
	ConfirmCommitment(ctx context.Context, id int64, note *string) (*Commitment, error)
}

// reviewDay is how a reason dates a change: "2 Dec".
const reviewDay = "2 Jan"

func reviewNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func reviewUnit(unit string) string {
	if unit == "percent" {
		return "%"
	}
	return " " + unit
}

// TargetReason says that a target changed: metric is the metric's name and
// unit its unit; service is the committed service's name and designed its
// designed level for the metric (nil when it has none).
func TargetReason(metric, unit string, before, after *float64, at time.Time, service string, designed *float64) string {
	m, day := strings.ToLower(metric), at.Format(reviewDay)
	var s string
	switch {
	case before != nil && after != nil:
		s = fmt.Sprintf("The target for %s changed from %s to %s%s on %s", m, reviewNumber(*before), reviewNumber(*after), reviewUnit(unit), day)
	case after != nil:
		s = fmt.Sprintf("A target for %s of %s%s was set on %s", m, reviewNumber(*after), reviewUnit(unit), day)
	default:
		s = fmt.Sprintf("The target for %s (%s%s) was removed on %s", m, reviewNumber(*before), reviewUnit(unit), day)
	}
	if after == nil {
		return s + "."
	}
	if designed == nil {
		return fmt.Sprintf("%s; %s has no designed level for it.", s, service)
	}
	return fmt.Sprintf("%s; %s is designed for %s.", s, service, reviewNumber(*designed))
}

// LevelReason says that a service's designed level changed for a metric the
// requirement targets at target.
func LevelReason(metric, unit string, before, after *float64, at time.Time, service string, target float64) string {
	m, day := strings.ToLower(metric), at.Format(reviewDay)
	var s string
	switch {
	case before != nil && after != nil:
		s = fmt.Sprintf("%s's designed level for %s changed from %s to %s%s on %s", service, m, reviewNumber(*before), reviewNumber(*after), reviewUnit(unit), day)
	case after != nil:
		s = fmt.Sprintf("%s was given a designed level for %s of %s%s on %s", service, m, reviewNumber(*after), reviewUnit(unit), day)
	default:
		s = fmt.Sprintf("%s's designed level for %s (%s%s) was removed on %s", service, m, reviewNumber(*before), reviewUnit(unit), day)
	}
	return fmt.Sprintf("%s; the target is %s.", s, reviewNumber(target))
}

// CoverageReason says that the commitment's coverage changed.
func CoverageReason(before, after int, at time.Time) string {
	return fmt.Sprintf("Its coverage changed from %d%% to %d%% on %s.", before, after, at.Format(reviewDay))
}

// CapacityReason says that the commitment's capacity units changed, without
// the figures (they are the provider's; the change's before and after hold
// them for those who may read them).
func CapacityReason(at time.Time) string {
	return fmt.Sprintf("The capacity units it takes changed on %s.", at.Format(reviewDay))
}

// CleanNote checks the note of a confirmation.
func CleanNote(note *string) (*string, error) { return cleanText(note, "note", MaxTextLength, true) }
