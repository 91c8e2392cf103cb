package model

import (
	"context"

	"alliance"
	"alliance/coverage"
)

// PageInfo says where a page ends and whether another follows.
type PageInfo struct {
	HasNextPage bool
	EndCursor   *string
}

// connection is one page of a list, with a lazy count of the whole list:
// totalCount costs a statement only when asked for.
type connection[T any] struct {
	page  *alliance.Page[T]
	count func(context.Context) (int, error)
}

// Nodes returns the items of the page.
func (c connection[T]) Nodes() []T { return c.page.Items }

// PageInfo says where the page ends and whether another follows.
func (c connection[T]) PageInfo() *PageInfo {
	return &PageInfo{HasNextPage: c.page.HasNext, EndCursor: c.page.EndCursor()}
}

// TotalCount counts the whole list, all pages together.
func (c connection[T]) TotalCount(ctx context.Context) (int, error) { return c.count(ctx) }

func edges[T, E any](c connection[T], edge func(cursor string, node T) E) []E {
	out := make([]E, len(c.page.Items))
	for i, n := range c.page.Items {
		out[i] = edge(c.page.Cursors[i], n)
	}
	return out
}

// ClientConnection is a page of clients.
type ClientConnection struct{ connection[*alliance.Client] }

// NewClientConnection returns a page of clients and a way to count them all.
func NewClientConnection(p *alliance.Page[*alliance.Client], count func(context.Context) (int, error)) *ClientConnection {
	return &ClientConnection{connection[*alliance.Client]{p, count}}
}

// Edges returns the clients of the page with their cursors.
func (c *ClientConnection) Edges() []*ClientEdge {
	return edges(c.connection, func(cur string, n *alliance.Client) *ClientEdge { return &ClientEdge{Cursor: cur, Node: n} })
}

// ServiceConnection is a page of services.
type ServiceConnection struct{ connection[*alliance.Service] }

// NewServiceConnection returns a page of services and a way to count them all.
func NewServiceConnection(p *alliance.Page[*alliance.Service], count func(context.Context) (int, error)) *ServiceConnection {
	return &ServiceConnection{connection[*alliance.Service]{p, count}}
}

// Edges returns the services of the page with their cursors.
func (c *ServiceConnection) Edges() []*ServiceEdge {
	return edges(c.connection, func(cur string, n *alliance.Service) *ServiceEdge { return &ServiceEdge{Cursor: cur, Node: n} })
}

// AuditConnection is a page of the audit log.
type AuditConnection struct {
	connection[*alliance.AuditEntry]
}

// NewAuditConnection returns a page of the audit log and a way to count it all.
func NewAuditConnection(p *alliance.Page[*alliance.AuditEntry], count func(context.Context) (int, error)) *AuditConnection {
	return &AuditConnection{connection[*alliance.AuditEntry]{p, count}}
}

// Edges returns the entries of the page with their cursors.
func (c *AuditConnection) Edges() []*AuditEdge {
	return edges(c.connection, func(cur string, n *alliance.AuditEntry) *AuditEdge { return &AuditEdge{Cursor: cur, Node: n} })
}

// RequirementConnection is a page of requirements.
type RequirementConnection struct {
	connection[*alliance.Requirement]
}

// NewRequirementConnection returns a page of requirements and the size of the
// whole list.
func NewRequirementConnection(p *alliance.Page[*alliance.Requirement], total int) *RequirementConnection {
	return &RequirementConnection{connection[*alliance.Requirement]{p, counted(total)}}
}

// Edges returns the requirements of the page with their cursors.
func (c *RequirementConnection) Edges() []*RequirementEdge {
	return edges(c.connection, func(cur string, n *alliance.Requirement) *RequirementEdge {
		return &RequirementEdge{Cursor: cur, Node: n}
	})
}

// GapConnection is a page of the gap list.
type GapConnection struct{ connection[*coverage.GapEntry] }

// NewGapConnection returns a page of the gap list and the size of the whole
// list.
func NewGapConnection(p *alliance.Page[coverage.GapEntry], total int) *GapConnection {
	items := make([]*coverage.GapEntry, len(p.Items))
	for i := range p.Items {
		items[i] = &p.Items[i]
	}
	pp := &alliance.Page[*coverage.GapEntry]{Items: items, Cursors: p.Cursors, HasNext: p.HasNext}
	return &GapConnection{connection[*coverage.GapEntry]{pp, counted(total)}}
}

// Edges returns the entries of the page with their cursors.
func (c *GapConnection) Edges() []*GapEdge {
	return edges(c.connection, func(cur string, n *coverage.GapEntry) *GapEdge { return &GapEdge{Cursor: cur, Node: n} })
}

// counted is the count of a list already counted.
func counted(n int) func(context.Context) (int, error) {
	return func(context.Context) (int, error) { return n, nil }
}

// CommitmentConnection is a page of commitments.
type CommitmentConnection struct {
	connection[*alliance.Commitment]
}

// NewCommitmentConnection returns a page of commitments; count counts the
// whole list when asked.
func NewCommitmentConnection(p *alliance.Page[*alliance.Commitment], count func(context.Context) (int, error)) *CommitmentConnection {
	return &CommitmentConnection{connection[*alliance.Commitment]{p, count}}
}

// Edges returns the commitments of the page with their cursors.
func (c *CommitmentConnection) Edges() []*CommitmentEdge {
	return edges(c.connection, func(cur string, n *alliance.Commitment) *CommitmentEdge {
		return &CommitmentEdge{Cursor: cur, Node: n}
	})
}
