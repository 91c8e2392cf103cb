-- People: users who sign in with a password, their sessions (kept here so
-- that every server over the database shares them, and a sign-out, a
-- disabled user or a password change ends them everywhere at once), the
-- one-time links that invite them or reset their password, and the user who
-- owns each API token.

-- +goose Up
CREATE TABLE users (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    email           TEXT     NOT NULL,
    -- The lower-cased email: one user per address, whatever its case.
    email_key       TEXT     NOT NULL UNIQUE,
    name            TEXT     NOT NULL,
    role            TEXT     NOT NULL CHECK (role IN ('VIEWER', 'EDITOR', 'ADMIN')),
    client_id       INTEGER  REFERENCES clients (id) ON DELETE CASCADE,
    state           TEXT     NOT NULL CHECK (state IN ('INVITED', 'ACTIVE', 'DISABLED')),
    -- Argon2id, in the PHC string format; null until the user sets one.
    password_hash   TEXT,
    created_at      DATETIME NOT NULL,
    updated_at      DATETIME NOT NULL,
    last_sign_in_at DATETIME
);
CREATE INDEX users_client ON users (client_id);

CREATE TABLE sessions (
    -- The SHA-256 (hex) of the secret the session's cookie carries.
    id              TEXT     NOT NULL PRIMARY KEY,
    user_id         INTEGER  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_secret     TEXT     NOT NULL,
    keep_signed_in  INTEGER  NOT NULL,
    created_at      DATETIME NOT NULL,
    last_seen_at    DATETIME NOT NULL,
    idle_expires_at DATETIME NOT NULL,
    expires_at      DATETIME NOT NULL,
    user_agent      TEXT,
    remote_addr     TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX sessions_idle_expires ON sessions (idle_expires_at);

CREATE TABLE user_links (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     TEXT     NOT NULL CHECK (purpose IN ('INVITATION', 'RESET')),
    -- The SHA-256 (hex) of the link's secret.
    secret_hash TEXT     NOT NULL UNIQUE,
    created_at  DATETIME NOT NULL,
    created_by  TEXT     NOT NULL,
    expires_at  DATETIME NOT NULL,
    used_at     DATETIME
);
CREATE INDEX user_links_user ON user_links (user_id);

-- No REFERENCES here: SQLite could not drop the column again (goose down).
-- A token whose owner is missing or disabled is refused all the same.
ALTER TABLE tokens ADD COLUMN user_id INTEGER;
CREATE INDEX tokens_user ON tokens (user_id);

-- +goose Down
DROP INDEX tokens_user;
ALTER TABLE tokens DROP COLUMN user_id;
DROP TABLE user_links;
DROP TABLE sessions;
DROP TABLE users;
