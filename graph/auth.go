package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"alliance"
)

// requiredRole is the role a root field needs, from its @requires directive.
// Query fields without one need VIEWER. A mutation without one is refused to
// everybody: a new mutation cannot forget to say who may run it.
func requiredRole(object string, def *ast.FieldDefinition) (alliance.Role, bool) {
	if def != nil {
		if d := def.Directives.ForName("requires"); d != nil {
			if arg := d.Arguments.ForName("role"); arg != nil && arg.Value != nil {
				return alliance.Role(arg.Value.Raw), true
			}
		}
	}
	if object == "Mutation" {
		return "", false
	}
	return alliance.Viewer, true
}

// authorize checks, before a root field resolves, that the request's
// principal may run it.
func authorize(ctx context.Context) error {
	p := alliance.PrincipalFrom(ctx)
	if p == nil {
		return alliance.Errorf(alliance.EUNAUTHORIZED, "sign in (POST /api/session), or send Authorization: Bearer <token>")
	}
	rf := graphql.GetRootFieldContext(ctx)
	if rf == nil {
		return nil
	}
	need, ok := requiredRole(rf.Object, rf.Field.Definition)
	switch {
	case !ok:
		return alliance.Errorf(alliance.EFORBIDDEN, "%s does not say which role may run it, so nobody may", rf.Field.Name)
	case !p.Role.Allows(need):
		return alliance.Errorf(alliance.EFORBIDDEN, "%s needs the %s role; %q is a %s %s", rf.Field.Name, need, p.Name, p.Role, p.Kind())
	}
	return nil
}

// checkShare keeps a request made through a share link to the one document
// of its report.
func checkShare(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	p := alliance.PrincipalFrom(ctx)
	if p == nil || p.Share == nil {
		return nil
	}
	if alliance.DocumentID(opCtx.RawQuery) != p.Share.Document {
		return &gqlerror.Error{Message: "a share link runs its report only", Extensions: map[string]any{"code": alliance.EFORBIDDEN}}
	}
	return nil
}

// store returns the store of the operation ctx belongs to.
func store(ctx context.Context) Store { return load(ctx).store }

// denied answers a root field that may not run: null, with the error.
func denied(ctx context.Context, err error) graphql.Marshaler {
	rf := graphql.GetRootFieldContext(ctx)
	graphql.AddError(ctx, gqlerror.WrapPath(ast.Path{ast.PathName(rf.Field.Alias)}, err))
	return graphql.Null
}
