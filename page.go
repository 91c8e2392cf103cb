package alliance

// Page sizes of every list of the API.
const (
	DefaultPageSize = 50
	MaxPageSize     = 100
)

// PageArgs asks for a page of a list: at most First items after the item
// whose cursor is After (from the start when After is nil).
type PageArgs struct {
	First *int
	After *string
	// NoTotal says the caller does not need the number of items of the
	// whole list: a list that would count them may answer 0 instead.
	NoTotal bool
	// Max is the largest First allowed: 0 for MaxPageSize. Only the
	// server's own pages (a streamed report's, see MaxStreamPageSize) set
	// it.
	Max int
}

// MaxStreamPageSize is the largest page the server reads for itself when it
// streams a whole list (a report of every page): the cost and rate limits of
// such a page still apply.
const MaxStreamPageSize = 1000

// Limit returns how many items the page holds: First, or the default when
// First is nil. A negative First or one above the page's maximum (Max, or
// MaxPageSize) is BAD_USER_INPUT.
func (p PageArgs) Limit() (int, error) {
	if p.First == nil {
		return DefaultPageSize, nil
	}
	n, most := *p.First, p.Max
	if most == 0 {
		most = MaxPageSize
	}
	switch {
	case n < 0:
		return 0, Invalidf("first", "first must not be negative")
	case n > most:
		return 0, Invalidf("first", "first must be at most %d (got %d); page with after: pageInfo.endCursor", most, n)
	}
	return n, nil
}

// Page is one page of a list. Cursors[i] is the cursor of Items[i]; HasNext
// says whether items follow the last one.
type Page[T any] struct {
	Items   []T
	Cursors []string
	HasNext bool
}

// EndCursor returns the cursor of the last item, or nil for an empty page.
func (p *Page[T]) EndCursor() *string {
	if len(p.Cursors) == 0 {
		return nil
	}
	c := p.Cursors[len(p.Cursors)-1]
	return &c
}
