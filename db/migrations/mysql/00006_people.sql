-- People: users who sign in with a password, their sessions (kept here so
-- that every server over the database shares them, and a sign-out, a
-- disabled user or a password change ends them everywhere at once), the
-- one-time links that invite them or reset their password, and the user who
-- owns each API token. Actors ("Ada Lovelace <ada@example.com>") are longer
-- than token names: the columns that record them widen.

-- +goose Up
CREATE TABLE users (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    email           VARCHAR(254) NOT NULL,
    -- The lower-cased email: one user per address, whatever its case.
    email_key       VARCHAR(254) NOT NULL,
    name            VARCHAR(200) NOT NULL,
    role            VARCHAR(8)   NOT NULL,
    client_id       BIGINT,
    state           VARCHAR(8)   NOT NULL,
    -- Argon2id, in the PHC string format; null until the user sets one.
    password_hash   VARCHAR(255),
    created_at      DATETIME(6)  NOT NULL,
    updated_at      DATETIME(6)  NOT NULL,
    last_sign_in_at DATETIME(6),
    UNIQUE KEY users_email (email_key),
    KEY users_client (client_id),
    CONSTRAINT users_client_fk FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE,
    CONSTRAINT users_role_ck CHECK (role IN ('VIEWER', 'EDITOR', 'ADMIN')),
    CONSTRAINT users_state_ck CHECK (state IN ('INVITED', 'ACTIVE', 'DISABLED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE sessions (
    -- The SHA-256 (hex) of the secret the session's cookie carries.
    id              CHAR(64)     NOT NULL PRIMARY KEY,
    user_id         BIGINT       NOT NULL,
    csrf_secret     VARCHAR(64)  NOT NULL,
    keep_signed_in  TINYINT      NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    last_seen_at    DATETIME(6)  NOT NULL,
    idle_expires_at DATETIME(6)  NOT NULL,
    expires_at      DATETIME(6)  NOT NULL,
    user_agent      VARCHAR(500),
    remote_addr     VARCHAR(64),
    KEY sessions_user (user_id),
    KEY sessions_expires (expires_at),
    KEY sessions_idle_expires (idle_expires_at),
    CONSTRAINT sessions_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE user_links (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id     BIGINT       NOT NULL,
    purpose     VARCHAR(10)  NOT NULL,
    -- The SHA-256 (hex) of the link's secret.
    secret_hash CHAR(64)     NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    created_by  VARCHAR(500) NOT NULL,
    expires_at  DATETIME(6)  NOT NULL,
    used_at     DATETIME(6),
    UNIQUE KEY user_links_secret (secret_hash),
    KEY user_links_user (user_id),
    CONSTRAINT user_links_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT user_links_purpose_ck CHECK (purpose IN ('INVITATION', 'RESET'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

ALTER TABLE tokens ADD COLUMN user_id BIGINT, ADD KEY tokens_user (user_id),
    ADD CONSTRAINT tokens_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;

ALTER TABLE audit_log MODIFY actor VARCHAR(500) NOT NULL;
ALTER TABLE commitments MODIFY created_by VARCHAR(500);
ALTER TABLE reports MODIFY created_by VARCHAR(500);
ALTER TABLE share_links MODIFY created_by VARCHAR(500) NOT NULL;

-- +goose Down
ALTER TABLE share_links MODIFY created_by VARCHAR(200) NOT NULL;
ALTER TABLE reports MODIFY created_by VARCHAR(200);
ALTER TABLE commitments MODIFY created_by VARCHAR(200);
ALTER TABLE audit_log MODIFY actor VARCHAR(200) NOT NULL;
ALTER TABLE tokens DROP FOREIGN KEY tokens_user_fk, DROP KEY tokens_user, DROP COLUMN user_id;
DROP TABLE user_links;
DROP TABLE sessions;
DROP TABLE users;
