package graph

import (
	"context"

	"alliance"
)

// LinkMailer mails a one-time link, at url, to the user it is for (package
// mail, over --smtp-url).
type LinkMailer interface {
	MailLink(ctx context.Context, l *alliance.UserLink, url string) error
}

// MailLink mails a link just made through m and records on it what became
// of that (l.Mail). A failure loses nothing: the link works and is still
// answered to the admin; the error is returned for the log.
func MailLink(ctx context.Context, m LinkMailer, l *alliance.UserLink, url string) error {
	err := m.MailLink(ctx, l, url)
	l.Mail = &alliance.LinkMail{To: l.User.Email, Sent: err == nil}
	if err != nil {
		msg := "the mail was not sent (" + err.Error() + "): hand the link over yourself"
		l.Mail.Error = &msg
	}
	return err
}

// mailed mails the link a mutation made, when a mailer is configured.
func (r *Resolver) mailed(ctx context.Context, l *alliance.UserLink, err error) (*alliance.UserLink, error) {
	if err != nil || r.mailer == nil {
		return l, err
	}
	base, _ := ctx.Value(baseURLKey{}).(string)
	if err := MailLink(ctx, r.mailer, l, UserLinkURL(base, l)); err != nil {
		r.log.ErrorContext(ctx, "mail a link", "err", err, "user", l.User.ID, "purpose", l.Purpose,
			"request_id", alliance.RequestIDFrom(ctx))
	}
	return l, nil
}
