package db

import (
	"context"

	"gorm.io/gorm"

	"alliance"
)

// scope is the part of the portfolio a request may reach: all of it, or one
// client's map. It is the principal's, from the context, and every read and
// write that a client-limited principal could use to reach another client
// applies it inside its query; the service catalog, the metrics and the
// measurements are seen whole. What the whole-portfolio answers mean within
// one client is a coverage rule (see coverage/scope.go).
type scope struct {
	client  int64
	limited bool
}

func scopeOf(ctx context.Context) scope {
	if p := alliance.PrincipalFrom(ctx); p.Scoped() {
		return scope{client: *p.ClientID, limited: true}
	}
	return scope{}
}

// byClient narrows q to the rows whose client id column is col.
func (s scope) byClient(q *gorm.DB, col string) *gorm.DB {
	if !s.limited {
		return q
	}
	return q.Where(col+" = ?", s.client)
}

// byObjective narrows q to the rows whose objective id column is col.
func (s scope) byObjective(q *gorm.DB, col string) *gorm.DB {
	if !s.limited {
		return q
	}
	return q.Where(col+" IN (SELECT so.id FROM objectives so WHERE so.client_id = ?)", s.client)
}

// byRequirement narrows q to the rows whose requirement id column is col.
func (s scope) byRequirement(q *gorm.DB, col string) *gorm.DB {
	if !s.limited {
		return q
	}
	return q.Where(col+` IN (SELECT sr.id FROM requirements sr JOIN objectives so ON so.id = sr.objective_id
		WHERE so.client_id = ?)`, s.client)
}

// sees reports whether the scope reaches client id.
func (s scope) sees(id int64) bool { return !s.limited || s.client == id }

// forbid refuses what no client-limited principal may do.
func (s scope) forbid(what string) error { return s.forbidField("", what) }

// forbidField is forbid about one input field.
func (s scope) forbidField(field, what string) error {
	if s.limited {
		return alliance.FieldErrorf(alliance.EFORBIDDEN, field, "a token or user limited to one client cannot %s", what)
	}
	return nil
}
