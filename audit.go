package alliance

import (
	"context"
	"encoding/json"
	"time"
)

// AuditAction is the kind of change an audit entry records.
type AuditAction string

// Audit actions.
const (
	ActionCreate AuditAction = "CREATE"
	ActionUpdate AuditAction = "UPDATE"
	ActionDelete AuditAction = "DELETE"
)

// Entities named by audit entries.
const (
	EntityClient      = "Client"
	EntityObjective   = "Objective"
	EntityRequirement = "Requirement"
	EntityService     = "Service"
	EntityCommitment  = "Commitment"
	EntityMeasurement = "Measurement"
	EntityMetric      = "Metric"
)

// AuditEntry records one change: when, by whom, what, and the values before
// and after (JSON; null before a create and after a delete).
type AuditEntry struct {
	ID        int64
	At        time.Time
	Actor     string
	Action    AuditAction
	Entity    string
	EntityID  string
	Before    json.RawMessage
	After     json.RawMessage
	RequestID *string
}

// AuditFilter narrows the audit log.
type AuditFilter struct {
	Entity   *string
	EntityID *string
	Actor    *string
	// ClientID keeps the changes to one client's map (set for tokens limited
	// to a client).
	ClientID *int64
}

// AuditService reads the audit log. Entries are written by the other services,
// in the same transaction as the change they record.
type AuditService interface {
	// FindAudit returns a page of the audit log, newest first.
	FindAudit(ctx context.Context, f AuditFilter, p PageArgs) (*Page[*AuditEntry], error)
	CountAudit(ctx context.Context, f AuditFilter) (int, error)
}

type actorKey struct{}
type requestIDKey struct{}

// AnonymousActor is the actor recorded for changes made without a token.
const AnonymousActor = "anonymous"

// WithActor returns a context that makes changes on behalf of actor.
func WithActor(ctx context.Context, actor string) context.Context {
	return context.WithValue(ctx, actorKey{}, actor)
}

// ActorFrom returns the actor of ctx, or AnonymousActor.
func ActorFrom(ctx context.Context) string {
	if a, ok := ctx.Value(actorKey{}).(string); ok && a != "" {
		return a
	}
	return AnonymousActor
}

// WithRequestID returns a context carrying the id of the request it serves.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestIDFrom returns the request id of ctx, or "".
func RequestIDFrom(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// Without returns the entry without the values named keys, before and
// after: what a client portal may read of a change (see the @internal
// fields of the schema).
func (e *AuditEntry) Without(keys ...string) *AuditEntry {
	if len(keys) == 0 {
		return e
	}
	out := *e
	out.Before, out.After = dropKeys(e.Before, keys), dropKeys(e.After, keys)
	return &out
}

// dropKeys removes keys from a JSON object; anything else is kept as it is.
func dropKeys(raw json.RawMessage, keys []string) json.RawMessage {
	var m map[string]json.RawMessage
	if len(raw) == 0 || json.Unmarshal(raw, &m) != nil {
		return raw
	}
	for _, k := range keys {
		delete(m, k)
	}
	b, err := json.Marshal(m)
	if err != nil {
		return raw
	}
	return b
}
