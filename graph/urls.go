package graph

import (
	"context"
	"net/url"
	"strings"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"alliance"
)

type baseURLKey struct{}

// WithBaseURL returns a context whose links (report URLs, share links)
// start with base, such as "https://alliance.example.com".
func WithBaseURL(ctx context.Context, base string) context.Context {
	return context.WithValue(ctx, baseURLKey{}, strings.TrimRight(base, "/"))
}

// reportURL is where a report is served, in a format, through a share link
// when secret is set.
func reportURL(ctx context.Context, slug, format, secret string) string {
	base, _ := ctx.Value(baseURLKey{}).(string)
	u := base + "/reports/" + url.PathEscape(slug) + "." + format
	if secret != "" {
		u += "?share=" + url.QueryEscape(secret)
	}
	return u
}

// UserLinkURL is the address of a one-time link on the web app at base: the
// secret travels in the fragment (#code=…), which browsers never send to a
// server, so that it stays out of access logs and proxies.
func UserLinkURL(base string, l *alliance.UserLink) string {
	page := "/password-reset"
	if l.Purpose == alliance.Invitation {
		page = "/invitation"
	}
	return strings.TrimRight(base, "/") + page + "#code=" + l.Secret
}

// optionalID loads a client named by an optional id.
func optionalID(ctx context.Context, id *int64) (*alliance.Client, error) {
	if id == nil {
		return nil, nil
	}
	return load(ctx).client.Load(ctx, *id)
}

// checkReportQuery refuses a report whose query is not one valid query of
// this API.
func (r *Resolver) checkReportQuery(query string) error {
	doc, errs := gqlparser.LoadQuery(r.schema, query)
	if len(errs) > 0 {
		return alliance.Invalidf("query", "the query is not valid: %s", errs[0].Message)
	}
	if len(doc.Operations) != 1 {
		return alliance.Invalidf("query", "a report holds exactly one operation (found %d)", len(doc.Operations))
	}
	if doc.Operations[0].Operation != ast.Query {
		return alliance.Invalidf("query", "a report runs a query, not a %s", doc.Operations[0].Operation)
	}
	return nil
}
