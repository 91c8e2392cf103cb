-- Access and reports: the client each audit entry belongs to (so that a token
-- limited to a client reads that client's history only), saved reports, their
-- share links, and settings such as the key that signs share links.

-- +goose Up
ALTER TABLE audit_log ADD COLUMN client_id BIGINT, ADD KEY audit_log_client (client_id, id);

CREATE TABLE reports (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    slug        VARCHAR(63)  NOT NULL,
    title       VARCHAR(200) NOT NULL,
    description TEXT,
    query       MEDIUMTEXT   NOT NULL,
    variables   MEDIUMTEXT   NOT NULL,
    document_id VARCHAR(71)  NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    updated_at  DATETIME(6)  NOT NULL,
    created_by  VARCHAR(200),
    UNIQUE KEY reports_slug (slug),
    KEY reports_document (document_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE share_links (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    report_id  BIGINT       NOT NULL,
    client_id  BIGINT,
    created_at DATETIME(6)  NOT NULL,
    created_by VARCHAR(200) NOT NULL,
    expires_at DATETIME(6)  NOT NULL,
    revoked_at DATETIME(6),
    KEY share_links_report (report_id),
    KEY share_links_client (client_id),
    CONSTRAINT share_links_report_fk FOREIGN KEY (report_id) REFERENCES reports (id) ON DELETE CASCADE,
    CONSTRAINT share_links_client_fk FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE settings (
    name  VARCHAR(63) NOT NULL PRIMARY KEY,
    value TEXT        NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- +goose Down
DROP TABLE settings;
DROP TABLE share_links;
DROP TABLE reports;
ALTER TABLE audit_log DROP KEY audit_log_client, DROP COLUMN client_id;
