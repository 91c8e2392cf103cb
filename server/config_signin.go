package main

import (
	"flag"
	"fmt"
	"net/url"
	"strings"

	"alliance"
	"alliance/mail"
)

// signInConfig is the configuration of single sign-on (OpenID Connect), of
// mail, and of the proxies whose X-Forwarded-For is believed.
type signInConfig struct {
	OIDCIssuer       string
	OIDCClientID     string
	OIDCClientSecret string
	OIDCName         string
	OIDCRoleClaim    string
	OIDCRoles        string
	OIDCClientClaim  string
	OIDCAutoCreate   string
	SMTPURL          string
	TrustedProxies   []string
}

// defaultOIDCName is the label of the sign-in button, "Sign in with …".
const defaultOIDCName = "single sign-on"

func init() {
	settings = append(settings,
		stringSetting("oidc-issuer", "ALLIANCE_OIDC_ISSUER", "", "single sign-on: the OpenID provider's issuer URL (https://login.example.com/realms/staff); its discovery document is read from ISSUER/.well-known/openid-configuration", func(c *config) *string { return &c.OIDCIssuer }),
		stringSetting("oidc-client-id", "ALLIANCE_OIDC_CLIENT_ID", "", "single sign-on: the client id Alliance is registered under at the provider", func(c *config) *string { return &c.OIDCClientID }),
		stringSetting("oidc-client-secret", "ALLIANCE_OIDC_CLIENT_SECRET", "", "single sign-on: the client's secret (prefer the variable: a flag shows in the process list)", func(c *config) *string { return &c.OIDCClientSecret }),
		stringSetting("oidc-name", "ALLIANCE_OIDC_NAME", defaultOIDCName, "single sign-on: the provider's name on the sign-in button (Sign in with NAME)", func(c *config) *string { return &c.OIDCName }),
		stringSetting("oidc-role-claim", "ALLIANCE_OIDC_ROLE_CLAIM", "", "single sign-on: the ID token claim (a string or a list of strings, such as groups) that gives a new user's role", func(c *config) *string { return &c.OIDCRoleClaim }),
		stringSetting("oidc-roles", "ALLIANCE_OIDC_ROLES", "", "single sign-on: VALUE=ROLE,... : the role-claim values that give each role (default: the values viewer, editor, admin themselves)", func(c *config) *string { return &c.OIDCRoles }),
		stringSetting("oidc-client-claim", "ALLIANCE_OIDC_CLIENT_CLAIM", "", "single sign-on: the ID token claim holding the id of the client a new user is limited to (a client-portal user)", func(c *config) *string { return &c.OIDCClientClaim }),
		stringSetting("oidc-auto-create", "ALLIANCE_OIDC_AUTO_CREATE", "", "single sign-on: viewer, editor or admin: the role of a user made for an email neither invited nor mapped by the role claim (default: such a sign-in is refused)", func(c *config) *string { return &c.OIDCAutoCreate }),
		stringSetting("smtp-url", "ALLIANCE_SMTP_URL", "", "mail invitation and reset links: smtp://USER:PASS@HOST:587?from=alliance@example.com (STARTTLS when offered) or smtps://… (TLS) (prefer the variable: a flag shows in the process list)", func(c *config) *string { return &c.SMTPURL }),
		setting{"trusted-proxies", "ALLIANCE_TRUSTED_PROXIES", "comma-separated addresses or CIDR ranges of reverse proxies whose X-Forwarded-For names the client's address (default: none)", func(fs *flag.FlagSet, c *config, v string, _ bool) error {
			c.TrustedProxies = splitList(v)
			fs.Func("trusted-proxies", "comma-separated addresses or CIDR ranges of reverse proxies whose X-Forwarded-For names the client's address (default: none)", func(s string) error {
				c.TrustedProxies = splitList(s)
				return nil
			})
			return nil
		}},
	)
}

// oidcEnabled reports whether single sign-on is configured.
func (c *signInConfig) oidcEnabled() bool { return c.OIDCIssuer != "" }

// checkSignInConfig refuses single sign-on, mail and proxy settings that
// cannot work, naming the setting.
func checkSignInConfig(c *config) error {
	if _, err := parseTrustedProxies(c.TrustedProxies); err != nil {
		return err
	}
	if c.SMTPURL != "" {
		if _, err := parseSMTPURL(c.SMTPURL); err != nil {
			return err
		}
	}
	any := c.OIDCIssuer != "" || c.OIDCClientID != "" || c.OIDCClientSecret != "" || c.OIDCRoleClaim != "" || c.OIDCRoles != "" ||
		c.OIDCClientClaim != "" || c.OIDCAutoCreate != ""
	if !any {
		return nil
	}
	switch {
	case c.OIDCIssuer == "":
		return fmt.Errorf("oidc-issuer: single sign-on needs the provider's issuer URL (the other --oidc-… settings are set)")
	case c.OIDCClientID == "":
		return fmt.Errorf("oidc-client-id: single sign-on needs the client id Alliance is registered under")
	case c.OIDCClientSecret == "":
		return fmt.Errorf("oidc-client-secret: single sign-on needs the client's secret (ALLIANCE_OIDC_CLIENT_SECRET)")
	case strings.TrimSpace(c.OIDCName) == "":
		return fmt.Errorf("oidc-name: the sign-in button needs a name")
	}
	if u, err := url.Parse(c.OIDCIssuer); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("oidc-issuer: %q is not a URL such as https://login.example.com", c.OIDCIssuer)
	}
	if _, err := parseRoleMap(c.OIDCRoles); err != nil {
		return err
	}
	if c.OIDCRoles != "" && c.OIDCRoleClaim == "" {
		return fmt.Errorf("oidc-roles: say which claim holds the values (--oidc-role-claim groups)")
	}
	if c.OIDCAutoCreate != "" {
		if _, err := alliance.ParseUserRole(c.OIDCAutoCreate); err != nil {
			return fmt.Errorf("oidc-auto-create: %q: want viewer, editor or admin (or nothing: refuse)", c.OIDCAutoCreate)
		}
	}
	return nil
}

// parseRoleMap reads --oidc-roles: VALUE=ROLE pairs, comma-separated.
func parseRoleMap(s string) (map[string]alliance.Role, error) {
	m := map[string]alliance.Role{}
	for _, pair := range splitList(s) {
		value, role, ok := strings.Cut(pair, "=")
		value = strings.TrimSpace(value)
		r, err := alliance.ParseUserRole(strings.TrimSpace(role))
		if !ok || value == "" || err != nil {
			return nil, fmt.Errorf("oidc-roles: %q: want VALUE=ROLE, the role viewer, editor or admin (alliance-admins=admin,sales=editor)", pair)
		}
		m[value] = r
	}
	return m, nil
}

// parseSMTPURL reads --smtp-url.
func parseSMTPURL(s string) (*mail.Config, error) {
	c, err := mail.ParseURL(s)
	if err != nil {
		return nil, fmt.Errorf("smtp-url: %w", err)
	}
	return c, nil
}
