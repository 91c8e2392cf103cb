-- First run: the one-time link that lets the first person make the admin
-- account of a fresh database. Kept only as a hash, like invitation links.

-- +goose Up
CREATE TABLE setup_links (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    -- The SHA-256 (hex) of the link's secret.
    secret_hash TEXT     NOT NULL UNIQUE,
    created_at  DATETIME NOT NULL,
    expires_at  DATETIME NOT NULL,
    used_at     DATETIME
);

-- +goose Down
DROP TABLE setup_links;
