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
	"alliance/graph"
	"alliance/mail"
)

// userCommand runs `alliance user invite|list|disable|enable|reset`.
func userCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New("user: say invite, list, disable, enable or reset (alliance user invite --email EMAIL --name NAME --role viewer|editor|admin)")
	}
	sub, args := args[0], args[1:]
	var email, name, role, client string
	// disable, enable and reset name the user by email, as the first
	// argument or with --email.
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") && sub != "invite" && sub != "list" {
		email, args = args[0], args[1:]
	}
	extra := func(fs *flag.FlagSet) {
		switch sub {
		case "invite":
			fs.StringVar(&email, "email", "", "the person's email address")
			fs.StringVar(&name, "name", "", "their display name")
			fs.StringVar(&role, "role", "", "viewer, editor or admin")
			fs.StringVar(&client, "client", "", "limit them to this client id: a client-portal user (viewer and editor only)")
		case "disable", "enable", "reset":
			fs.StringVar(&email, "email", email, "the user's email address")
		}
	}
	flags := []string{"db", "log-format", "log-level"}
	if sub == "invite" || sub == "reset" {
		flags = append(flags, "public-url", "smtp-url")
	}
	c, _, err := parseConfigWith("user "+sub, flags, args, getenv, extra)
	if err != nil {
		return err
	}
	switch sub {
	case "invite", "list", "disable", "enable", "reset":
	default:
		return fmt.Errorf("user: unknown command %q: say invite, list, disable, enable or reset", sub)
	}
	if sub != "invite" && sub != "list" && strings.TrimSpace(email) == "" {
		return fmt.Errorf("user %s: say which user, by email: alliance user %s EMAIL", sub, sub)
	}
	var in alliance.UserInput
	if sub == "invite" {
		in = alliance.UserInput{Email: email, Name: name}
		if in.Role, in.ClientID, err = roleAndClient(role, client); err != nil {
			return err
		}
		if err := in.Validate(); err != nil {
			return cliError(err)
		}
	}
	d, err := openForCommand(ctx, c, stderr)
	if err != nil {
		return err
	}
	defer d.Close()
	ctx = alliance.WithActor(ctx, "alliance user (command line)")
	base, guessed := linkBase(c, getenv)
	var mailer *mail.Sender
	if c.SMTPURL != "" {
		mc, err := parseSMTPURL(c.SMTPURL)
		if err != nil {
			return err
		}
		mc.RootCAs = mailRootCAs
		mailer = mail.New(*mc)
	}
	switch sub {
	case "invite":
		link, err := d.InviteUser(ctx, in)
		if err != nil {
			return cliError(err)
		}
		u := link.User
		fmt.Fprintf(stdout, "Invited %s %q <%s> (user %d)%s. Their invitation link is valid until %s and shown once, on the next line: hand it to them.\n%s\n",
			u.Role, u.Name, u.Email, u.ID, describeUserClient(u), link.ExpiresAt.Format(time.RFC3339), graph.UserLinkURL(base, link))
		noteGuessedBase(stderr, guessed)
		mailFromCommandLine(ctx, mailer, link, graph.UserLinkURL(base, link), stderr)
		return nil
	case "list":
		users, err := d.Users(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tEMAIL\tNAME\tROLE\tCLIENT\tSTATE\tLAST SIGN-IN")
		for _, u := range users {
			clientID, last := "-", "never"
			if u.ClientID != nil {
				clientID = strconv.FormatInt(*u.ClientID, 10)
			}
			if u.LastSignInAt != nil {
				last = u.LastSignInAt.Format(time.RFC3339)
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", u.ID, u.Email, u.Name, u.Role, clientID, u.State, last)
		}
		return tw.Flush()
	}
	u, err := d.UserByEmail(ctx, email)
	if err != nil {
		return cliError(err)
	}
	switch sub {
	case "disable":
		if u, err = d.DisableUser(ctx, u.ID); err != nil {
			return cliError(err)
		}
		fmt.Fprintf(stdout, "Disabled %s <%s>: their sessions have ended, and their tokens stop working within %s on every server.\n",
			u.Name, u.Email, db.TokenCacheTTL)
	case "enable":
		if u, err = d.EnableUser(ctx, u.ID); err != nil {
			return cliError(err)
		}
		fmt.Fprintf(stdout, "%s <%s> is %s.\n", u.Name, u.Email, u.State)
	case "reset":
		link, err := d.ResetPassword(ctx, u.ID)
		if err != nil {
			return cliError(err)
		}
		what := "password reset"
		if link.Purpose == alliance.Invitation {
			what = "new invitation (they have not accepted the first)"
		}
		fmt.Fprintf(stdout, "A %s link for %s <%s>, valid until %s, is shown once, on the next line: hand it to them.\n%s\n",
			what, u.Name, u.Email, link.ExpiresAt.Format(time.RFC3339), graph.UserLinkURL(base, link))
		noteGuessedBase(stderr, guessed)
		mailFromCommandLine(ctx, mailer, link, graph.UserLinkURL(base, link), stderr)
	}
	return nil
}

// linkBase is the address links printed by the command line start with:
// --public-url, or, without one, the address serve listens on by default
// (guessed is then true).
func linkBase(c *config, getenv func(string) string) (base string, guessed bool) {
	if c.PublicURL != "" {
		return strings.TrimRight(c.PublicURL, "/"), false
	}
	addr := getenv("ALLIANCE_ADDR")
	if addr == "" {
		addr = defaultAddr
	}
	return "http://" + addr, true
}

func noteGuessedBase(stderr io.Writer, guessed bool) {
	if guessed {
		fmt.Fprintln(stderr, "(The link starts with the address the server listens on by default; set --public-url or ALLIANCE_PUBLIC_URL to the address people reach it at.)")
	}
}

func describeUserClient(u *alliance.User) string {
	if u.ClientID != nil {
		return fmt.Sprintf(", limited to client %d", *u.ClientID)
	}
	return ""
}

// mailFromCommandLine mails a link the command line made, when --smtp-url
// is set, and says on stderr whether it went (the link printed works either
// way; stdout's last line stays the link).
func mailFromCommandLine(ctx context.Context, m *mail.Sender, link *alliance.UserLink, url string, stderr io.Writer) {
	if m == nil {
		return
	}
	if err := graph.MailLink(ctx, m, link, url); err != nil {
		fmt.Fprintf(stderr, "The link was not mailed (%v): hand it over yourself.\n", err)
		return
	}
	fmt.Fprintf(stderr, "The link was also mailed to %s.\n", link.User.Email)
}
