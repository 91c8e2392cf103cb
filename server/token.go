package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"alliance"
	"alliance/db"
)

// tokenCommand runs `alliance token create|list|revoke`.
func tokenCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New("token: say create, list or revoke (alliance token create --name NAME --role viewer|editor|admin|ingest)")
	}
	sub, args := args[0], args[1:]
	var name, role, client, expires, id, services string
	extra := func(fs *flag.FlagSet) {
		switch sub {
		case "create":
			fs.StringVar(&name, "name", "", "the token's name (who or what uses it)")
			fs.StringVar(&role, "role", "", "viewer, editor, admin or ingest (records measurements, nothing else)")
			fs.StringVar(&client, "client", "", "limit the token to this client id (viewer and editor only)")
			fs.StringVar(&services, "services", "", "limit an ingest token to these service ids, comma-separated (default: every service)")
			fs.StringVar(&expires, "expires", "", "how long the token lasts, a Go duration such as 720h (default: no end)")
		case "revoke":
			fs.StringVar(&name, "name", "", "the name of the token to revoke")
			fs.StringVar(&id, "id", "", "the id of the token to revoke")
		}
	}
	c, _, err := parseConfigWith("token "+sub, []string{"db", "log-format", "log-level"}, args, getenv, extra)
	if err != nil {
		return err
	}
	d, err := openForCommand(ctx, c, stderr)
	if err != nil {
		return err
	}
	defer d.Close()
	ctx = alliance.WithActor(ctx, "alliance token (command line)")
	switch sub {
	case "create":
		in := alliance.TokenInput{Name: name}
		if in.Role, in.ClientID, err = roleAndClient(role, client); err != nil {
			return err
		}
		if expires != "" {
			in.ExpiresIn = &expires
		}
		if services != "" {
			for _, v := range splitList(services) {
				n, err := strconv.ParseInt(v, 10, 64)
				if err != nil {
					return fmt.Errorf("--services: %q is not a service id", v)
				}
				in.ServiceIDs = append(in.ServiceIDs, n)
			}
		}
		t, secret, err := d.CreateToken(ctx, in)
		if err != nil {
			return cliError(err)
		}
		fmt.Fprintf(stdout, "Created %s token %q (id %d)%s. Its secret is shown once, on the next line; keep it safe:\n%s\n",
			t.Role, t.Name, t.ID, describeLimits(t), secret)
		return nil
	case "list":
		tokens, err := d.Tokens(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tROLE\tCLIENT\tCREATED\tEXPIRES\tSTATE")
		for _, t := range tokens {
			clientID, ends, state := "-", "never", "active"
			if t.ClientID != nil {
				clientID = strconv.FormatInt(*t.ClientID, 10)
			}
			if t.ExpiresAt != nil {
				ends = t.ExpiresAt.Format(time.RFC3339)
			}
			switch {
			case t.RevokedAt != nil:
				state = "revoked " + t.RevokedAt.Format(time.RFC3339)
			case !t.Active(time.Now()):
				state = "expired"
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Name, t.Role, clientID, t.CreatedAt.Format(time.RFC3339), ends, state)
		}
		return tw.Flush()
	case "revoke":
		var tokenID int64
		switch {
		case id != "":
			if tokenID, err = strconv.ParseInt(id, 10, 64); err != nil {
				return fmt.Errorf("--id: %q is not a token id", id)
			}
		case name != "":
			t, err := d.TokenByName(ctx, name)
			if err != nil {
				return err
			}
			if t == nil {
				return fmt.Errorf("no token is named %q", name)
			}
			tokenID = t.ID
		default:
			return errors.New("token revoke: say which, with --name NAME or --id ID")
		}
		t, err := d.RevokeToken(ctx, tokenID)
		if err != nil {
			return cliError(err)
		}
		fmt.Fprintf(stdout, "Revoked token %q (id %d). Servers stop accepting it within %s.\n", t.Name, t.ID, db.TokenCacheTTL)
		return nil
	}
	return fmt.Errorf("token: unknown command %q: say create, list or revoke", sub)
}

func describeLimits(t *alliance.Token) string {
	s := ""
	if t.ClientID != nil {
		s += fmt.Sprintf(", limited to client %d", *t.ClientID)
	}
	if t.ServicesLimited {
		ids := make([]string, len(t.ServiceIDs))
		for i, id := range t.ServiceIDs {
			ids[i] = strconv.FormatInt(id, 10)
		}
		s += ", limited to the services " + strings.Join(ids, ", ")
	}
	if t.ExpiresAt != nil {
		s += ", expiring " + t.ExpiresAt.Format(time.RFC3339)
	}
	return s
}

// cliError words a domain error for the command line: "--name: ...".
// roleAndClient reads the --role and --client flags of a command that gives
// someone access: a role, and the client they are limited to (nil: none).
func roleAndClient(role, client string) (alliance.Role, *int64, error) {
	r, err := alliance.ParseRole(role)
	if err != nil {
		return "", nil, fmt.Errorf("--role: %s", alliance.ErrorMessage(err))
	}
	if client == "" {
		return r, nil, nil
	}
	n, err := strconv.ParseInt(client, 10, 64)
	if err != nil {
		return "", nil, fmt.Errorf("--client: %q is not a client id", client)
	}
	return r, &n, nil
}

func cliError(err error) error {
	var e *alliance.Error
	if errors.As(err, &e) && e.Field != "" {
		flagName := map[string]string{"clientId": "client", "expiresIn": "expires", "serviceIds": "services"}[strings.Split(e.Field, ".")[0]]
		if flagName == "" {
			flagName = e.Field
		}
		return fmt.Errorf("--%s: %s", flagName, e.Message)
	}
	return err
}
