package db

import (
	"context"

	"gorm.io/gorm"

	"alliance"
)

func (db *DB) auditQuery(ctx context.Context, g *gorm.DB, f alliance.AuditFilter) *gorm.DB {
	q := scopeOf(ctx).byClient(g.Model(&auditRow{}), "client_id")
	if f.Entity != nil {
		q = q.Where("entity = ?", *f.Entity)
	}
	if f.EntityID != nil {
		q = q.Where("entity_id = ?", *f.EntityID)
	}
	if f.Actor != nil {
		q = q.Where("actor = ?", *f.Actor)
	}
	if f.ClientID != nil {
		q = q.Where("client_id = ?", *f.ClientID)
	}
	return q
}

// FindAudit returns a page of the audit log, newest first.
func (db *DB) FindAudit(ctx context.Context, f alliance.AuditFilter, p alliance.PageArgs) (*alliance.Page[*alliance.AuditEntry], error) {
	limit, err := p.Limit()
	if err != nil {
		return nil, err
	}
	g, done := db.reader(ctx)
	defer done()
	q := db.auditQuery(ctx, g, f)
	if p.After != nil {
		var id int64
		if err := decodeCursor(*p.After, "audit", &id); err != nil {
			return nil, err
		}
		q = q.Where("id < ?", id)
	}
	var rows []*auditRow
	if err := q.Order("id DESC").Limit(limit + 1).Find(&rows).Error; err != nil {
		return nil, err
	}
	return page(rows, limit, (*auditRow).domain, func(r *auditRow) string { return encodeCursor("audit", r.ID) }), nil
}

// CountAudit counts the audit entries that pass f.
func (db *DB) CountAudit(ctx context.Context, f alliance.AuditFilter) (int, error) {
	var n int64
	g, done := db.reader(ctx)
	defer done()
	err := db.auditQuery(ctx, g, f).Count(&n).Error
	return int(n), err
}
