package main

import (
	"strings"
	"testing"

	"alliance/db"
	"alliance/db/dbtest"
)

// The command line invites, lists, disables, enables and resets users; its
// links work on a running server over the same database.
func TestUserCommands(t *testing.T) {
	url := dbtest.URL(t, db.SQLite)
	s := start(t, []string{"--db", url}, nil)
	run := func(args ...string) (string, string, error) {
		return runCommand(t, append([]string{"user"}, append(args, "--db", url)...), map[string]string{"ALLIANCE_PUBLIC_URL": s.url})
	}
	lastLine := func(out string) string {
		lines := strings.Split(strings.TrimSpace(out), "\n")
		return lines[len(lines)-1]
	}

	out, _, err := run("invite", "--email", "Ada@Example.com", "--name", "Ada Lovelace", "--role", "editor", "--client", "")
	link := lastLine(out)
	if err != nil || !strings.Contains(out, `Invited EDITOR "Ada Lovelace" <Ada@Example.com>`) || !strings.HasPrefix(link, s.url+"/invitation#code=alzi_") {
		t.Fatalf("invite: %v\n%s", err, out)
	}
	for _, bad := range [][]string{
		{"invite", "--email", "ada@example.com", "--name", "Again", "--role", "viewer"},
		{"invite", "--email", "not an email", "--name", "X", "--role", "viewer"},
		{"invite", "--email", "x@example.com", "--name", "X", "--role", "owner"},
		{"invite", "--email", "x@example.com", "--name", "", "--role", "viewer"},
		{"invite", "--email", "x@example.com", "--name", "X", "--role", "admin", "--client", "1"},
		{"disable", "nobody@example.com"},
		{"disable"},
		{"frobnicate"},
	} {
		if _, _, err := run(bad...); err == nil {
			t.Errorf("user %v was accepted", bad)
		}
	}
	_, _, err = run("invite", "--email", "x@example.com", "--name", "X", "--role", "viewer", "--client", "1")
	if err == nil || !strings.Contains(err.Error(), "--client: client 1 not found") {
		t.Fatalf("an unknown client: %v", err)
	}

	// Reset before acceptance: a new invitation, which replaces the first.
	out, _, err = run("reset", "ada@example.com")
	if err != nil || !strings.Contains(out, "new invitation") || !strings.Contains(lastLine(out), "/invitation#code=") {
		t.Fatalf("reset of an invited user: %v\n%s", err, out)
	}
	if res := postJSON(t, s.url, "/api/invitation", map[string]any{"code": strings.SplitN(link, "#code=", 2)[1], "password": adaPassword}, nil); res.status != 400 {
		t.Fatalf("the replaced link: %d", res.status)
	}
	ada, _ := browserOf(t, s.url, postJSON(t, s.url, "/api/invitation", map[string]any{"code": strings.SplitN(lastLine(out), "#code=", 2)[1], "password": adaPassword}, nil))

	out, _, err = run("list")
	if err != nil || !strings.Contains(out, "Ada@Example.com") || !strings.Contains(out, "EDITOR") || !strings.Contains(out, "ACTIVE") || strings.Contains(out, "argon2") {
		t.Fatalf("list: %v\n%s", err, out)
	}
	if out, _, err = run("disable", "ADA@example.com"); err != nil || !strings.Contains(out, "Disabled Ada Lovelace") {
		t.Fatalf("disable: %v %s", err, out)
	}
	if got := ada.status(); got != 401 {
		t.Fatalf("a session of a user disabled from the command line: %d", got)
	}
	if out, _, err = run("enable", "--email", "ada@example.com"); err != nil || !strings.Contains(out, "is ACTIVE") {
		t.Fatalf("enable: %v %s", err, out)
	}
	out, _, err = run("reset", "ada@example.com")
	if err != nil || !strings.Contains(out, "password reset link") || !strings.HasPrefix(lastLine(out), s.url+"/password-reset#code=alzr_") {
		t.Fatalf("reset: %v\n%s", err, out)
	}
	res := postJSON(t, s.url, "/api/password-reset", map[string]any{"code": strings.SplitN(lastLine(out), "#code=", 2)[1], "password": "a brand new password"}, nil)
	browserOf(t, s.url, res)
	log := postQuery(t, s.url, `{ auditLog(first: 3, filter: {entity: "User"}) { nodes { actor action } } }`, nil)
	if !strings.Contains(string(log.Data["auditLog"]), `"actor":"Ada Lovelace \u003cAda@Example.com\u003e"`) || !strings.Contains(string(log.Data["auditLog"]), `"actor":"alliance user (command line)"`) {
		t.Fatalf("actors: %s", log.Data["auditLog"])
	}

	// Without a public URL the link starts with the default address, and
	// says so.
	out, stderr, err := runCommand(t, []string{"user", "reset", "ada@example.com", "--db", url}, nil)
	if err != nil || !strings.HasPrefix(lastLine(out), "http://127.0.0.1:8080/password-reset#code=") || !strings.Contains(stderr, "--public-url") {
		t.Fatalf("reset without a public URL: %v\n%s\n%s", err, out, stderr)
	}
}

func TestSessionSettings(t *testing.T) {
	c, _, err := parseConfig("serve", serveFlags(), nil, func(string) string { return "" })
	if err != nil || c.SessionIdle.Hours() != 12 || c.SessionLifetime.Hours() != 7*24 || c.SessionKeep.Hours() != 30*24 {
		t.Fatalf("defaults: %v %+v", err, c)
	}
	c, _, err = parseConfig("serve", serveFlags(), []string{"--session-idle", "30m"}, func(k string) string {
		return map[string]string{"ALLIANCE_SESSION_LIFETIME": "48h", "ALLIANCE_SESSION_IDLE": "2h"}[k]
	})
	if err != nil || c.SessionIdle.Minutes() != 30 || c.SessionLifetime.Hours() != 48 {
		t.Fatalf("flag over environment: %v %+v", err, c)
	}
	for _, tc := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"--session-idle", "soon"}, nil, "session-idle"},
		{[]string{"--session-lifetime", "0s"}, nil, "session-lifetime"},
		{nil, map[string]string{"ALLIANCE_SESSION_KEEP": "forever"}, "ALLIANCE_SESSION_KEEP"},
	} {
		if _, _, err := runCommand(t, append([]string{"serve", "--addr", "127.0.0.1:0"}, tc.args...), tc.env); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v %v: %v, want an error naming %s", tc.args, tc.env, err, tc.want)
		}
	}
}
