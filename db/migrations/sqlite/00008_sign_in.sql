-- Sign-in state every server shares: the failure counts behind the sign-in
-- limits (per account and per address), and the single sign-on logins in
-- progress (between /api/oidc/start and /api/oidc/callback, which another
-- server may answer).

-- +goose Up
CREATE TABLE sign_in_failures (
    -- The SHA-256 (hex) of what is counted: "account:" and the lower-cased
    -- email, or "address:" and the remote address.
    key_hash       TEXT     NOT NULL PRIMARY KEY,
    failures       INTEGER  NOT NULL,
    last_failed_at DATETIME NOT NULL,
    locked_until   DATETIME
);
CREATE INDEX sign_in_failures_last ON sign_in_failures (last_failed_at);

CREATE TABLE oidc_logins (
    -- The SHA-256 (hex) of the secret of the browser's login cookie.
    id             TEXT     NOT NULL PRIMARY KEY,
    state          TEXT     NOT NULL,
    nonce          TEXT     NOT NULL,
    -- The PKCE code verifier.
    verifier       TEXT     NOT NULL,
    next_path      TEXT     NOT NULL,
    -- The redirect URL the authorization request named, which the code
    -- exchange must name again (whichever server answers the callback).
    redirect_url   TEXT     NOT NULL,
    keep_signed_in INTEGER  NOT NULL,
    expires_at     DATETIME NOT NULL
);
CREATE INDEX oidc_logins_expires ON oidc_logins (expires_at);

-- +goose Down
DROP TABLE oidc_logins;
DROP TABLE sign_in_failures;
