-- Sign-in state every server shares: the failure counts behind the sign-in
-- limits (per account and per address), and the single sign-on logins in
-- progress (between /api/oidc/start and /api/oidc/callback, which another
-- server may answer).

-- +goose Up
CREATE TABLE sign_in_failures (
    -- The SHA-256 (hex) of what is counted: "account:" and the lower-cased
    -- email, or "address:" and the remote address.
    key_hash       CHAR(64)    NOT NULL PRIMARY KEY,
    failures       INT         NOT NULL,
    last_failed_at DATETIME(6) NOT NULL,
    locked_until   DATETIME(6),
    KEY sign_in_failures_last (last_failed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE oidc_logins (
    -- The SHA-256 (hex) of the secret of the browser's login cookie.
    id             CHAR(64)      NOT NULL PRIMARY KEY,
    state          VARCHAR(64)   NOT NULL,
    nonce          VARCHAR(64)   NOT NULL,
    -- The PKCE code verifier.
    verifier       VARCHAR(128)  NOT NULL,
    next_path      VARCHAR(2000) NOT NULL,
    -- The redirect URL the authorization request named, which the code
    -- exchange must name again (whichever server answers the callback).
    redirect_url   VARCHAR(2000) NOT NULL,
    keep_signed_in TINYINT       NOT NULL,
    expires_at     DATETIME(6)   NOT NULL,
    KEY oidc_logins_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- +goose Down
DROP TABLE oidc_logins;
DROP TABLE sign_in_failures;
