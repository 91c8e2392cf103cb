// Package mail sends Alliance's mail (invitation and password reset links)
// through an SMTP server named by a URL (--smtp-url), with
// github.com/wneessen/go-mail. It knows nothing of the database: the caller
// makes the link and hands it over.
package mail
