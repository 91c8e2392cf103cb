package db

import (
	"cmp"
	"context"
	"math/big"
	"slices"
	"sort"
	"strconv"
	"strings"

	"alliance"
	"alliance/coverage"
)

// The lists below are read from the evaluation of the portfolio (cached; see
// Evaluation), filtered, ordered and paged in memory. A cursor holds the sort
// key of its item, so a page resumes after it even when items came or went.

// pageSorted returns the page of items (sorted by key) that follows the
// cursor of list in p.
func pageSorted[T, K any](items []T, p alliance.PageArgs, list string, key func(T) K, compare func(a, b K) int) (*alliance.Page[T], error) {
	limit, err := p.Limit()
	if err != nil {
		return nil, err
	}
	start := 0
	if p.After != nil {
		var after K
		if err := decodeCursor(*p.After, list, &after); err != nil {
			return nil, err
		}
		start = sort.Search(len(items), func(i int) bool { return compare(key(items[i]), after) > 0 })
	}
	end := min(start+limit, len(items))
	pg := &alliance.Page[T]{Items: make([]T, 0, end-start), Cursors: make([]string, 0, end-start), HasNext: end < len(items)}
	for _, it := range items[start:end] {
		pg.Items = append(pg.Items, it)
		pg.Cursors = append(pg.Cursors, encodeCursor(list, key(it)))
	}
	return pg, nil
}

type titleKey struct {
	Title string `json:"t"`
	ID    int64  `json:"i"`
}

func compareTitles(a, b titleKey) int {
	return cmp.Or(cmp.Compare(a.Title, b.Title), cmp.Compare(a.ID, b.ID))
}

// FindRequirements returns a page of requirements across clients, by title.
// A churned client's requirements are listed only when the filter names that
// client.
func (db *DB) FindRequirements(ctx context.Context, f coverage.RequirementFilter, p alliance.PageArgs) (*alliance.Page[*alliance.Requirement], int, error) {
	e, err := db.Evaluation(ctx)
	if err != nil {
		return nil, 0, err
	}
	search := ""
	if f.Search != nil {
		search = strings.ToLower(strings.TrimSpace(*f.Search))
	}
	var items []*alliance.Requirement
	for _, r := range e.Snapshot().Requirements {
		c := e.ClientOf(r.ID)
		switch {
		case c == nil:
			continue
		case f.ClientID != nil && c.ID != *f.ClientID:
			continue
		case f.ClientID == nil && c.Status == alliance.Churned:
			continue
		case len(f.Status) > 0 && !slices.Contains(f.Status, e.Requirements[r.ID].Status):
			continue
		case len(f.Priority) > 0 && !slices.Contains(f.Priority, r.Priority):
			continue
		case search != "" && !strings.Contains(alliance.NameKey(r.Title), search):
			continue
		}
		items = append(items, r)
	}
	key := func(r *alliance.Requirement) titleKey { return titleKey{alliance.NameKey(r.Title), r.ID} }
	slices.SortFunc(items, func(a, b *alliance.Requirement) int { return compareTitles(key(a), key(b)) })
	pg, err := pageSorted(items, p, "requirements", key, compareTitles)
	return pg, len(items), err
}

// FindGaps returns a page of the gap list, in its order.
func (db *DB) FindGaps(ctx context.Context, f coverage.GapFilter, p alliance.PageArgs) (*alliance.Page[coverage.GapEntry], int, error) {
	e, err := db.Evaluation(ctx)
	if err != nil {
		return nil, 0, err
	}
	var client int64
	if f.ClientID != nil {
		client = *f.ClientID
		if client == 0 {
			client = -1 // names no client
		}
	}
	items := coverage.FilterGaps(e.Gaps, f.Kinds, client)
	pg, err := pageSorted(items, p, "gaps", func(g coverage.GapEntry) coverage.GapKey { return g.Key }, coverage.GapKey.Compare)
	return pg, len(items), err
}

// clientKey is a client's place in an order: its value (a number as a
// string: decimal, rational or float) or none.
type clientKey struct {
	None  bool   `json:"z"`
	Value string `json:"v"`
	Name  string `json:"n"`
	ID    int64  `json:"i"`
}

// FindClientsOrdered returns a page of clients in the given order, which may
// rest on computed figures (score, margin).
func (db *DB) FindClientsOrdered(ctx context.Context, f alliance.ClientFilter, o coverage.ClientOrder, p alliance.PageArgs) (*alliance.Page[*alliance.Client], int, error) {
	e, err := db.Evaluation(ctx)
	if err != nil {
		return nil, 0, err
	}
	search := ""
	if f.Search != nil {
		search = strings.ToLower(strings.TrimSpace(*f.Search))
	}
	var items []*alliance.Client
	for _, c := range e.Snapshot().Clients {
		if (len(f.Status) == 0 || slices.Contains(f.Status, c.Status)) && strings.Contains(alliance.NameKey(c.Name), search) &&
			(f.IDs == nil || slices.Contains(f.IDs, c.ID)) {
			items = append(items, c)
		}
	}
	key := func(c *alliance.Client) clientKey {
		k := clientKey{Name: alliance.NameKey(c.Name), ID: c.ID}
		switch o.Field {
		case coverage.OrderByAnnualContractValue:
			k.Value = c.AnnualContractValue.String()
		case coverage.OrderByScore:
			if s := e.Clients[c.ID].Score; s != nil {
				k.Value = strconv.FormatFloat(*s, 'g', -1, 64)
			} else {
				k.None = true
			}
		case coverage.OrderByMonthlyMargin:
			k.Value = e.Clients[c.ID].MonthlyMargin.RatString()
		}
		return k
	}
	compare := func(a, b clientKey) int {
		if a.None != b.None {
			if a.None {
				return 1
			}
			return -1
		}
		v := 0
		if o.Field != coverage.OrderByName && !a.None {
			ra, _ := new(big.Rat).SetString(a.Value)
			rb, _ := new(big.Rat).SetString(b.Value)
			if ra != nil && rb != nil {
				v = ra.Cmp(rb)
			}
		} else if o.Field == coverage.OrderByName {
			v = cmp.Compare(a.Name, b.Name)
		}
		if o.Desc {
			v = -v
		}
		return cmp.Or(v, cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	}
	keys := make(map[int64]clientKey, len(items))
	for _, c := range items {
		keys[c.ID] = key(c)
	}
	slices.SortFunc(items, func(a, b *alliance.Client) int { return compare(keys[a.ID], keys[b.ID]) })
	dir := "ASC"
	if o.Desc {
		dir = "DESC"
	}
	pg, err := pageSorted(items, p, "clients:"+o.Field+":"+dir, func(c *alliance.Client) clientKey { return keys[c.ID] }, compare)
	return pg, len(items), err
}

// Portfolio returns the figures of the whole portfolio.
func (db *DB) Portfolio(ctx context.Context) (*coverage.PortfolioFigures, error) {
	e, err := db.Evaluation(ctx)
	if err != nil {
		return nil, err
	}
	p := e.Portfolio
	return &p, nil
}

// Impact returns what retiring the service would change, or nil for an
// unknown service.
func (db *DB) Impact(ctx context.Context, serviceID int64) (*coverage.Impact, error) {
	e, err := db.Evaluation(ctx)
	if err != nil {
		return nil, err
	}
	imp, _ := e.Impact(serviceID)
	return imp, nil
}

// Matches returns the services designed for every target.
func (db *DB) Matches(ctx context.Context, targets []alliance.Level) ([]coverage.Match, error) {
	e, err := db.Evaluation(ctx)
	if err != nil {
		return nil, err
	}
	return e.Matches(targets)
}

// ServiceFigures returns the computed fields of a service, or nil.
func (db *DB) ServiceFigures(ctx context.Context, serviceID int64) (*coverage.ServiceFigures, error) {
	e, err := db.Evaluation(ctx)
	if err != nil {
		return nil, err
	}
	return e.Services[serviceID], nil
}
