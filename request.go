package alliance

import (
	"context"
	"sync"
)

// RequestNote is what the layers serving a request learn about it, for the
// request's log line and the server's metrics: the GraphQL operation, the
// code of the first error answered, the principal's role, the limit that
// refused it and the route it took. The server puts one in each request's
// context (see WithRequestNote); the layers below fill it in. A nil note
// takes every call and keeps nothing, so code that runs outside a request
// need not check.
type RequestNote struct {
	mu                                 sync.Mutex
	operation, code, role, limit, path string
	opSet                              bool
}

type requestNoteKey struct{}

// WithRequestNote returns a context carrying a new, empty note, and the note.
func WithRequestNote(ctx context.Context) (context.Context, *RequestNote) {
	n := &RequestNote{}
	return context.WithValue(ctx, requestNoteKey{}, n), n
}

// NoteFrom returns the note of ctx's request, or nil.
func NoteFrom(ctx context.Context) *RequestNote {
	n, _ := ctx.Value(requestNoteKey{}).(*RequestNote)
	return n
}

// Operation notes the name of the GraphQL operation the request runs (""
// for one without a name). The first call wins: a request runs one
// operation, and what it runs in turn (a report's pages) is not it.
func (n *RequestNote) Operation(name string) {
	if n == nil {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if !n.opSet {
		n.operation, n.opSet = name, true
	}
}

// Code notes the code of an error answered (extensions.code); the first
// one wins.
func (n *RequestNote) Code(code string) {
	if n == nil || code == "" {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.code == "" {
		n.code = code
	}
}

// Role notes the role the request acts with ("share" through a share link).
func (n *RequestNote) Role(role string) {
	if n == nil {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	n.role = role
}

// Refused notes that a limit refused the request (or its operation), by
// the limit's name: sign_in, write_admission, cost_rate...; the first one
// wins.
func (n *RequestNote) Refused(limit string) {
	if n == nil {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.limit == "" {
		n.limit = limit
	}
}

// Route notes the route pattern that served the request ("GET /graphql").
func (n *RequestNote) Route(pattern string) {
	if n == nil {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	n.path = pattern
}

// RequestFacts is what a note holds.
type RequestFacts struct {
	// Operation is the GraphQL operation's name; HasOperation tells whether
	// one ran at all (a request refused before parsing runs none).
	Operation    string
	HasOperation bool
	Code         string
	Role         string
	Limit        string
	Route        string
}

// Facts returns what the note holds.
func (n *RequestNote) Facts() RequestFacts {
	if n == nil {
		return RequestFacts{}
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	return RequestFacts{Operation: n.operation, HasOperation: n.opSet, Code: n.code, Role: n.role, Limit: n.limit, Route: n.path}
}
