package db

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"gorm.io/gorm"

	"alliance"
	"alliance/sharelink"
)

type reportRow struct {
	ID          int64 `gorm:"primaryKey"`
	Slug        string
	Title       string
	Description *string
	Query       string
	Variables   string
	DocumentID  string
	CreatedAt   time.Time
	UpdatedAt   time.Time
	CreatedBy   *string
}

func (reportRow) TableName() string { return "reports" }

func (r *reportRow) domain() *alliance.Report {
	return &alliance.Report{ID: r.ID, Slug: r.Slug, Title: r.Title, Description: r.Description, Query: r.Query,
		Variables: []byte(r.Variables), CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(), CreatedBy: r.CreatedBy}
}

// SaveReport creates the report with this slug, or, when in.Replace is set,
// replaces the one that has it.
func (db *DB) SaveReport(ctx context.Context, in alliance.ReportInput) (*alliance.Report, error) {
	if err := scopeOf(ctx).forbid("manage reports"); err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var rep *alliance.Report
	err := db.write(ctx, func(t *tx) error {
		var row reportRow
		err := t.forUpdate().Where("slug = ?", in.Slug).Take(&row).Error
		exists := err == nil
		if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		var before *alliance.Report
		if exists && !in.Replace {
			return alliance.FieldErrorf(alliance.ECONFLICT, "slug", "a report with the slug %q exists (%q); save with replace: true to replace it", row.Slug, row.Title)
		}
		if exists {
			before = row.domain()
		} else {
			actor := t.actor
			row = reportRow{Slug: in.Slug, CreatedAt: t.now, CreatedBy: &actor}
		}
		row.Title, row.Description, row.Query, row.Variables = in.Title, in.Description, in.Query, string(in.Variables)
		row.DocumentID, row.UpdatedAt = alliance.DocumentID(in.Query), t.now
		if exists {
			err = t.save(&row)
		} else {
			err = t.g.Create(&row).Error
		}
		if err != nil {
			return err
		}
		rep = row.domain()
		action := alliance.ActionCreate
		if exists {
			action = alliance.ActionUpdate
		}
		return t.audit(action, "Report", row.Slug, 0, before, rep)
	})
	if err != nil {
		return nil, err
	}
	return rep, nil
}

// DeleteReport removes a report and its share links.
func (db *DB) DeleteReport(ctx context.Context, slug string) error {
	if err := scopeOf(ctx).forbid("manage reports"); err != nil {
		return err
	}
	return db.write(ctx, func(t *tx) error {
		var row reportRow
		err := t.forUpdate().Where("slug = ?", slug).Take(&row).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return alliance.FieldErrorf(alliance.ENOTFOUND, "slug", "report %q not found", slug)
		}
		if err != nil {
			return err
		}
		if err := t.g.Delete(&reportRow{}, row.ID).Error; err != nil {
			return err
		}
		return t.audit(alliance.ActionDelete, "Report", slug, 0, row.domain(), nil)
	})
}

// Reports lists the saved reports by slug.
func (db *DB) Reports(ctx context.Context) ([]*alliance.Report, error) {
	var rows []*reportRow
	if err := db.gorm.WithContext(ctx).Order("slug").Find(&rows).Error; err != nil {
		return nil, err
	}
	return mapSlice(rows, (*reportRow).domain), nil
}

// Report returns the report with this slug, or nil.
func (db *DB) Report(ctx context.Context, slug string) (*alliance.Report, error) {
	return db.reportWhere(ctx, "slug = ?", slug)
}

// ReportByDocument returns the report whose query has this document id, or
// nil.
func (db *DB) ReportByDocument(ctx context.Context, documentID string) (*alliance.Report, error) {
	return db.reportWhere(ctx, "document_id = ?", documentID)
}

func (db *DB) reportWhere(ctx context.Context, where string, arg any) (*alliance.Report, error) {
	var row reportRow
	err := db.gorm.WithContext(ctx).Where(where, arg).Order("id").Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return row.domain(), nil
}

type shareLinkRow struct {
	ID        int64 `gorm:"primaryKey"`
	ReportID  int64
	ClientID  *int64
	CreatedAt time.Time
	CreatedBy string
	ExpiresAt time.Time
	RevokedAt *time.Time
	Slug      string `gorm:"->;column:slug"`        // read with the report
	Document  string `gorm:"->;column:document_id"` // read with the report
}

func (shareLinkRow) TableName() string { return "share_links" }

func (db *DB) shareLinkDomain(ctx context.Context, r *shareLinkRow) (*alliance.ShareLink, error) {
	key, err := db.shareKey(ctx)
	if err != nil {
		return nil, err
	}
	l := &alliance.ShareLink{ID: r.ID, ReportID: r.ReportID, Slug: r.Slug, ClientID: r.ClientID, CreatedAt: r.CreatedAt.UTC(),
		CreatedBy: r.CreatedBy, ExpiresAt: r.ExpiresAt.UTC(), Document: r.Document}
	if r.RevokedAt != nil {
		at := r.RevokedAt.UTC()
		l.RevokedAt = &at
	}
	l.Secret = sharelink.Sign(key, r.signed())
	return l, nil
}

// signed is what the link's secret signs.
func (r *shareLinkRow) signed() sharelink.Link {
	return sharelink.Link{ID: r.ID, ReportID: r.ReportID, ClientID: r.ClientID, Expires: r.ExpiresAt}
}

func (db *DB) shareLinks(g *gorm.DB) *gorm.DB {
	return g.Table("share_links").Select("share_links.*, reports.slug, reports.document_id").Joins("JOIN reports ON reports.id = share_links.report_id")
}

// CreateShareLink makes a link that runs one report, read-only, within a
// scope (one client, or all).
func (db *DB) CreateShareLink(ctx context.Context, in alliance.ShareLinkInput) (*alliance.ShareLink, error) {
	if err := scopeOf(ctx).forbid("manage share links"); err != nil {
		return nil, err
	}
	expires, err := in.Validate(time.Now())
	if err != nil {
		return nil, err
	}
	var row shareLinkRow
	err = db.write(ctx, func(t *tx) error {
		var rep reportRow
		if err := t.g.Where("slug = ?", in.Slug).Take(&rep).Error; errors.Is(err, gorm.ErrRecordNotFound) {
			return alliance.FieldErrorf(alliance.ENOTFOUND, "slug", "report %q not found", in.Slug)
		} else if err != nil {
			return err
		}
		var client int64
		if in.ClientID == nil {
			// A report filtered to one client shares that client only,
			// unless the link names its scope.
			in.ClientID = filteredClient(json.RawMessage(rep.Variables))
		}
		if in.ClientID != nil {
			if err := first(t.g, &clientRow{}, *in.ClientID, "client", "clientId"); err != nil {
				return err
			}
			client = *in.ClientID
		}
		// Second precision (the expiry is part of the signed secret),
		// rounded down: a link never outlives the life asked for.
		row = shareLinkRow{ReportID: rep.ID, ClientID: in.ClientID, CreatedAt: t.now, CreatedBy: t.actor,
			ExpiresAt: expires.Truncate(time.Second), Slug: rep.Slug, Document: rep.DocumentID}
		if err := t.g.Omit("slug", "document_id").Create(&row).Error; err != nil {
			return err
		}
		return t.audit(alliance.ActionCreate, "ShareLink", row.ID, client, nil,
			map[string]any{"id": row.ID, "report": rep.Slug, "clientId": row.ClientID, "expiresAt": row.ExpiresAt})
	})
	if err != nil {
		return nil, err
	}
	return db.shareLinkDomain(ctx, &row)
}

// RevokeShareLink revokes a link; revoking it again changes nothing.
func (db *DB) RevokeShareLink(ctx context.Context, id int64) (*alliance.ShareLink, error) {
	if err := scopeOf(ctx).forbid("manage share links"); err != nil {
		return nil, err
	}
	var row shareLinkRow
	err := db.write(ctx, func(t *tx) error {
		if err := db.shareLinks(t.g).Where("share_links.id = ?", id).Take(&row).Error; errors.Is(err, gorm.ErrRecordNotFound) {
			return alliance.FieldErrorf(alliance.ENOTFOUND, "id", "share link %d not found", id)
		} else if err != nil {
			return err
		}
		if row.RevokedAt != nil {
			return nil
		}
		now := t.now
		row.RevokedAt = &now
		if err := t.g.Table("share_links").Where("id = ?", id).Update("revoked_at", now).Error; err != nil {
			return err
		}
		var client int64
		if row.ClientID != nil {
			client = *row.ClientID
		}
		return t.audit(alliance.ActionUpdate, "ShareLink", id, client, nil, map[string]any{"id": id, "report": row.Slug, "revokedAt": now})
	})
	if err != nil {
		return nil, err
	}
	return db.shareLinkDomain(ctx, &row)
}

// ShareLinks lists every share link, newest first.
func (db *DB) ShareLinks(ctx context.Context) ([]*alliance.ShareLink, error) {
	if err := scopeOf(ctx).forbid("list share links"); err != nil {
		return nil, err
	}
	var rows []*shareLinkRow
	if err := db.shareLinks(db.gorm.WithContext(ctx)).Order("share_links.id DESC").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]*alliance.ShareLink, len(rows))
	for i, r := range rows {
		l, err := db.shareLinkDomain(ctx, r)
		if err != nil {
			return nil, err
		}
		out[i] = l
	}
	return out, nil
}

// AuthenticateShare checks a share link's secret for the report with this
// slug and returns a read-only principal within the link's scope.
func (db *DB) AuthenticateShare(ctx context.Context, slug, secret string) (*alliance.Principal, error) {
	denied := func(why string) error { return alliance.Errorf(alliance.EUNAUTHORIZED, "this share link %s", why) }
	claim, err := sharelink.Parse(secret)
	if err != nil {
		return nil, denied("is not valid")
	}
	now := time.Now()
	// An expired link is refused before it is looked up.
	if claim.Expired(now) {
		return nil, denied("has expired")
	}
	var row shareLinkRow
	if err := db.shareLinks(db.gorm.WithContext(ctx)).Where("share_links.id = ?", claim.ID).Take(&row).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, denied("is not valid")
	} else if err != nil {
		return nil, err
	}
	key, err := db.shareKey(ctx)
	if err != nil {
		return nil, err
	}
	// Not expired at now, the claim can only be forged here.
	if row.Slug != slug || claim.Verify(key, row.signed(), now) != nil {
		return nil, denied("is not valid for this report")
	}
	if row.RevokedAt != nil {
		return nil, denied("was revoked")
	}
	link, err := db.shareLinkDomain(ctx, &row)
	if err != nil {
		return nil, err
	}
	return &alliance.Principal{Name: fmt.Sprintf("share link %d", row.ID), Role: alliance.Viewer, ClientID: row.ClientID, Share: link}, nil
}

// shareKey returns the key that signs share links: made once per database
// and kept there, so that every server checks links alike.
func (db *DB) shareKey(ctx context.Context) ([]byte, error) {
	db.keyMu.Lock()
	defer db.keyMu.Unlock()
	if db.key != nil {
		return db.key, nil
	}
	read := func() (string, error) {
		var v string
		err := db.gorm.WithContext(ctx).Raw("SELECT value FROM settings WHERE name = 'share_key'").Scan(&v).Error
		return v, err
	}
	v, err := read()
	if err != nil {
		return nil, err
	}
	if v == "" {
		// Another server may insert its key first: then read that one.
		_ = db.gorm.WithContext(ctx).Exec("INSERT INTO settings (name, value) VALUES ('share_key', ?)", base64.RawStdEncoding.EncodeToString(sharelink.NewKey())).Error
		if v, err = read(); err != nil || v == "" {
			return nil, fmt.Errorf("share link key: %v", err)
		}
	}
	key, err := base64.RawStdEncoding.DecodeString(v)
	if err != nil {
		return nil, fmt.Errorf("share link key: %w", err)
	}
	db.key = key
	return key, nil
}

// filteredClient returns the client a report's saved variables filter to:
// the one value of every "clientId" in them, at any depth, or nil when there
// is none (or more than one client).
func filteredClient(vars json.RawMessage) *int64 {
	var v any
	if len(vars) == 0 || json.Unmarshal(vars, &v) != nil {
		return nil
	}
	var found []string
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if s, ok := x.(string); ok && k == "clientId" {
					found = append(found, s)
				} else {
					walk(x)
				}
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
	if len(found) == 0 || slices.ContainsFunc(found, func(s string) bool { return s != found[0] }) {
		return nil
	}
	id, err := strconv.ParseInt(found[0], 10, 64)
	if err != nil || id < 1 {
		return nil
	}
	return &id
}
