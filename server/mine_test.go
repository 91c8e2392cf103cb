package main

import (
	"encoding/json"
	"strings"
	"testing"

	"alliance/db/dbtest"
)

// changePassword checks the current password and the new one (naming the
// field), keeps the session asking and ends the user's others.
func TestChangePassword(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			s := start(t, []string{"--db", dbtest.URL(t, dialect)}, nil)
			here := join(t, s.url, "ada@example.com", "Ada Lovelace", "EDITOR", "", adaPassword)
			there, _ := passwordSignIn(t, s.url, "ada@example.com", adaPassword, true)
			change := func(b *browser, current, pw string) gqlResponse {
				body, _ := json.Marshal(map[string]any{"query": `mutation($c: String!, $n: String!) { changePassword(current: $c, new: $n) { email } }`,
					"variables": map[string]string{"c": current, "n": pw}})
				res := request(t, "POST", b.url+"/graphql", "application/json", string(body), b.header(true))
				return decode(t, res.body)
			}
			for _, c := range []struct{ current, pw, field string }{
				{"not my password at all", bobPassword, "current"},
				{adaPassword, "short", "new"},
				{adaPassword, "Password1234!", "new"},
				{adaPassword, adaPassword, "new"},
			} {
				r := change(here, c.current, c.pw)
				if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != c.field {
					t.Fatalf("%+v: %+v", c, r.Errors)
				}
			}
			if there.status() != 200 {
				t.Fatal("a refused change ended a session")
			}
			if r := change(here, adaPassword, bobPassword); len(r.Errors) > 0 {
				t.Fatalf("changePassword: %+v", r.Errors)
			}
			if here.status() != 200 || there.status() != 401 {
				t.Fatalf("after the change: this session %d, the other %d", here.status(), there.status())
			}
			if res := postJSON(t, s.url, "/api/session", map[string]any{"email": "ada@example.com", "password": adaPassword}, nil); res.status != 401 {
				t.Fatalf("the old password still signs in: %d", res.status)
			}
			passwordSignIn(t, s.url, "ada@example.com", bobPassword, false)
			// A token has no password to change.
			r := postQuery(t, s.url, `mutation { changePassword(current: "x", new: "y") { email } }`, nil)
			if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "FORBIDDEN" {
				t.Fatalf("a token changed a password: %+v", r.Errors)
			}
		})
	}
}

// A user makes personal tokens up to their own role and client, lists and
// revokes their own only; a disabled user's tokens stop working.
func TestPersonalTokens(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			s := start(t, []string{"--db", dbtest.URL(t, dialect)}, nil)
			r := postQuery(t, s.url, `mutation { createClient(input: {name: "Kestrel"}) { id } other: createClient(input: {name: "Other"}) { id } }`, nil)
			var cs struct{ CreateClient, Other struct{ ID string } }
			json.Unmarshal(mustJSON(r.Data), &cs)
			editor := join(t, s.url, "ed@example.com", "Ed Editor", "EDITOR", "", adaPassword)
			portal := join(t, s.url, "pat@example.com", "Pat Portal", "VIEWER", cs.CreateClient.ID, bobPassword)

			create := func(b *browser, in string) gqlResponse {
				return decode(t, b.post(`mutation { createMyToken(input: {`+in+`}) { secret token { id name role client { id } owner { email } } } }`, b.header(true)).body)
			}
			for _, c := range []struct {
				b         *browser
				in, field string
			}{
				{editor, `name: "too high", role: ADMIN`, "role"},
				{portal, `name: "too high", role: EDITOR`, "role"},
				{portal, `name: "other client", role: VIEWER, clientId: "` + cs.Other.ID + `"`, "clientId"},
			} {
				r := create(c.b, c.in)
				if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != c.field {
					t.Fatalf("%s: %+v", c.in, r.Errors)
				}
			}
			var made struct {
				CreateMyToken struct {
					Secret string
					Token  struct {
						ID, Name, Role string
						Client         *struct{ ID string }
						Owner          struct{ Email string }
					}
				}
			}
			r = create(editor, `name: "ed-script", role: EDITOR`)
			if json.Unmarshal(mustJSON(r.Data), &made); len(r.Errors) > 0 || made.CreateMyToken.Token.Owner.Email != "ed@example.com" || made.CreateMyToken.Token.Role != "EDITOR" {
				t.Fatalf("createMyToken: %+v %v", r.Errors, r.Data)
			}
			edToken, edTokenID := made.CreateMyToken.Secret, made.CreateMyToken.Token.ID
			r = create(portal, `name: "pat-report", role: VIEWER`)
			if json.Unmarshal(mustJSON(r.Data), &made); len(r.Errors) > 0 || made.CreateMyToken.Token.Client == nil || made.CreateMyToken.Token.Client.ID != cs.CreateClient.ID {
				t.Fatalf("a portal user's token is not limited to their client: %+v %v", r.Errors, r.Data)
			}
			patToken := made.CreateMyToken.Secret
			// The portal user's token sees their client only.
			if r := postQuery(t, s.url, `{ clients { totalCount } }`, bearer(patToken)); len(r.Errors) > 0 || !strings.Contains(string(mustJSON(r.Data)), `"totalCount":1`) {
				t.Fatalf("the portal token: %+v %v", r.Errors, r.Data)
			}
			// Each lists their own; revoking another's is NOT_FOUND.
			if r := editor.gql(`{ myTokens { name } }`); string(mustJSON(r.Data)) != `{"myTokens":[{"name":"ed-script"}]}` {
				t.Fatalf("myTokens: %v", r.Data)
			}
			if r := decode(t, portal.post(`mutation { revokeMyToken(id: "`+edTokenID+`") { id } }`, portal.header(true)).body); len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "NOT_FOUND" {
				t.Fatalf("revoked another's token: %+v", r.Errors)
			}
			if status(t, s.url, bearer(edToken)) != 200 {
				t.Fatal("the editor's token does not work")
			}
			// A token does no more than its owner may now: the editor made a
			// viewer loses the token's writes; an editor again, has them back.
			edID := userID(t, s.url, "ed@example.com")
			write := `mutation { updateClient(id: "` + cs.CreateClient.ID + `", input: {industry: "Freight"}) { id } }`
			for _, c := range []struct {
				role string
				code any
			}{{"VIEWER", "FORBIDDEN"}, {"EDITOR", nil}} {
				if r := postQuery(t, s.url, `mutation { updateUser(id: "`+edID+`", input: {role: `+c.role+`}) { role } }`, nil); len(r.Errors) > 0 {
					t.Fatalf("updateUser: %+v", r.Errors)
				}
				r := postQuery(t, s.url, write, bearer(edToken))
				var code any
				if len(r.Errors) > 0 {
					code = r.Errors[0].Extensions["code"]
				}
				if code != c.code {
					t.Fatalf("the owner a %s: the token's write %+v", c.role, r.Errors)
				}
			}
			// A disabled owner's tokens stop working; enabled again, they work.
			id := userID(t, s.url, "pat@example.com")
			if r := postQuery(t, s.url, `mutation { disableUser(id: "`+id+`") { state } }`, nil); len(r.Errors) > 0 {
				t.Fatalf("disableUser: %+v", r.Errors)
			}
			if got := status(t, s.url, bearer(patToken)); got != 401 {
				t.Fatalf("a disabled user's token: %d", got)
			}
			if r := editor.gql(`mutation { revokeMyToken(id: "` + edTokenID + `") { active } }`); len(r.Errors) > 0 || string(mustJSON(r.Data)) != `{"revokeMyToken":{"active":false}}` {
				t.Fatalf("revokeMyToken: %+v %v", r.Errors, r.Data)
			}
			if got := status(t, s.url, bearer(edToken)); got != 401 {
				t.Fatalf("a revoked personal token: %d", got)
			}
			// A token makes no personal token.
			if r := postQuery(t, s.url, `mutation { createMyToken(input: {name: "x", role: VIEWER}) { secret } }`, nil); len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "FORBIDDEN" {
				t.Fatalf("a token made a personal token: %+v", r.Errors)
			}
		})
	}
}
