package model

import (
	"context"

	"alliance"
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
