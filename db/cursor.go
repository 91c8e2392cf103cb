package db

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"alliance"
)

// A cursor is opaque to clients: base64url of a JSON array holding the list it
// belongs to and the sort key of the item it points at.

func encodeCursor(list string, key ...any) string {
	b, _ := json.Marshal(append([]any{list}, key...))
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor reads a cursor of list into dst. A cursor that is malformed or
// from another list is BAD_USER_INPUT on the "after" argument.
func decodeCursor(cursor, list string, dst ...any) error {
	bad := alliance.Invalidf("after", "after is not a cursor of this list; use a pageInfo.endCursor or edges.cursor of the same list")
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return bad
	}
	var parts []json.RawMessage
	if err := json.Unmarshal(b, &parts); err != nil || len(parts) != len(dst)+1 {
		return bad
	}
	var got string
	if json.Unmarshal(parts[0], &got) != nil || got != list {
		return bad
	}
	for i, d := range dst {
		if err := json.Unmarshal(parts[i+1], d); err != nil {
			return bad
		}
	}
	return nil
}

// byName orders a query by a name key column, then id, starting after the
// cursor when there is one.
func byName(g *gorm.DB, list, col string, after *string) (*gorm.DB, error) {
	if after != nil {
		var key string
		var id int64
		if err := decodeCursor(*after, list, &key, &id); err != nil {
			return nil, err
		}
		g = g.Where(fmt.Sprintf("(%[1]s > ? OR (%[1]s = ? AND id > ?))", col), key, key, id)
	}
	return g.Order(col).Order("id"), nil
}

// page cuts the rows of a query run with limit+1 into a page.
func page[R, T any](rows []R, limit int, conv func(R) T, cursor func(R) string) *alliance.Page[T] {
	p := &alliance.Page[T]{Items: make([]T, 0, min(len(rows), limit)), Cursors: make([]string, 0, min(len(rows), limit))}
	if len(rows) > limit {
		p.HasNext = true
		rows = rows[:limit]
	}
	for _, r := range rows {
		p.Items = append(p.Items, conv(r))
		p.Cursors = append(p.Cursors, cursor(r))
	}
	return p
}

// likePattern returns a LIKE pattern (with escape character '!') that finds
// text containing s, ignoring case (the searched columns hold lower case).
func likePattern(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	r := strings.NewReplacer("!", "!!", "%", "!%", "_", "!_")
	return "%" + r.Replace(s) + "%"
}
