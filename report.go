package alliance

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Report is a saved GraphQL query: runnable by URL as JSON or CSV, and by
// its document id as a persisted document.
type Report struct {
	ID          int64
	Slug        string
	Title       string
	Description *string
	Query       string
	// Variables are the default variables, a JSON object.
	Variables json.RawMessage
	CreatedAt time.Time
	UpdatedAt time.Time
	CreatedBy *string
}

// DocumentID is the id of the report's query as a persisted document:
// "sha256:" and the hex SHA-256 of the query text.
func (r *Report) DocumentID() string { return DocumentID(r.Query) }

// DocumentID returns the persisted-document id of a query text.
func DocumentID(query string) string {
	sum := sha256.Sum256([]byte(query))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// MaxQueryLength bounds a saved query.
const MaxQueryLength = 64 * 1024

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// ReportInput saves a report: a new one, or the one with the same slug.
type ReportInput struct {
	Slug        string
	Title       string
	Description *string
	Query       string
	Variables   json.RawMessage
	// Replace lets the report replace one with the same slug; without it
	// that is a conflict.
	Replace bool
}

// Validate trims and checks the input. That the query is a valid GraphQL
// query of this API is checked by the API, which knows the schema.
func (in *ReportInput) Validate() error {
	in.Slug = strings.TrimSpace(in.Slug)
	if !slugPattern.MatchString(in.Slug) {
		return Invalidf("slug", "slug %q must be 1 to 63 lower-case letters, digits and dashes, starting with a letter or digit", in.Slug)
	}
	var err error
	if in.Title, err = cleanName(in.Title, "title"); err != nil {
		return err
	}
	if in.Description, err = cleanText(in.Description, "description", MaxTextLength, true); err != nil {
		return err
	}
	if strings.TrimSpace(in.Query) == "" {
		return Invalidf("query", "query must not be empty")
	}
	if len(in.Query) > MaxQueryLength || !utf8.ValidString(in.Query) {
		return Invalidf("query", "query must be UTF-8 text of at most %d bytes", MaxQueryLength)
	}
	if len(in.Variables) == 0 || string(in.Variables) == "null" {
		in.Variables = json.RawMessage("{}")
	}
	var obj map[string]any
	if err := json.Unmarshal(in.Variables, &obj); err != nil {
		return Invalidf("variables", "variables must be a JSON object")
	}
	return nil
}

// ShareLink lets a tool that cannot send headers (a spreadsheet import) run
// one report, read-only, until it expires or is revoked. It sees what its
// scope allows: one client, or everything.
type ShareLink struct {
	ID        int64
	ReportID  int64
	Slug      string
	ClientID  *int64
	CreatedAt time.Time
	CreatedBy string
	ExpiresAt time.Time
	RevokedAt *time.Time
	// Secret is what the link's URL carries; see ReportService.
	Secret string
	// Document is the document id of the report's query: the one document
	// a request through the link may run.
	Document string
}

// Share links last 30 days unless asked otherwise.
const DefaultShareLinkLife = "720h"

// ShareLinkInput asks for a share link to a report.
type ShareLinkInput struct {
	Slug      string
	ExpiresIn *string
	ClientID  *int64
}

// Validate checks the input and returns when the link expires.
func (in *ShareLinkInput) Validate(now time.Time) (time.Time, error) {
	life := DefaultShareLinkLife
	if in.ExpiresIn == nil || strings.TrimSpace(*in.ExpiresIn) == "" {
		in.ExpiresIn = &life
	}
	at, err := expiry(in.ExpiresIn, "expiresIn", now)
	if err != nil {
		return time.Time{}, err
	}
	return *at, nil
}

// ReportService manages saved reports and their share links.
type ReportService interface {
	// SaveReport creates the report with this slug, or replaces it.
	SaveReport(ctx context.Context, in ReportInput) (*Report, error)
	DeleteReport(ctx context.Context, slug string) error
	// Reports lists the saved reports by slug.
	Reports(ctx context.Context) ([]*Report, error)
	// Report returns the report with this slug, or nil.
	Report(ctx context.Context, slug string) (*Report, error)
	// ReportByDocument returns the report whose query has this document id,
	// or nil.
	ReportByDocument(ctx context.Context, documentID string) (*Report, error)
	CreateShareLink(ctx context.Context, in ShareLinkInput) (*ShareLink, error)
	RevokeShareLink(ctx context.Context, id int64) (*ShareLink, error)
	ShareLinks(ctx context.Context) ([]*ShareLink, error)
	// AuthenticateShare returns the principal of a share link's secret for
	// the report with this slug, or an UNAUTHENTICATED error.
	AuthenticateShare(ctx context.Context, slug, secret string) (*Principal, error)
}
