-- First run: the one-time link that lets the first person make the admin
-- account of a fresh database. Kept only as a hash, like invitation links.

-- +goose Up
CREATE TABLE setup_links (
    id          BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    -- The SHA-256 (hex) of the link's secret.
    secret_hash CHAR(64)    NOT NULL,
    created_at  DATETIME(6) NOT NULL,
    expires_at  DATETIME(6) NOT NULL,
    used_at     DATETIME(6),
    UNIQUE KEY setup_links_secret (secret_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- +goose Down
DROP TABLE setup_links;
