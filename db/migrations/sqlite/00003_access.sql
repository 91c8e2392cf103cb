-- Access and reports: the client each audit entry belongs to (so that a token
-- limited to a client reads that client's history only), saved reports, their
-- share links, and settings such as the key that signs share links.

-- +goose Up
ALTER TABLE audit_log ADD COLUMN client_id INTEGER;
CREATE INDEX audit_log_client ON audit_log (client_id, id);

CREATE TABLE reports (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    slug        TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    description TEXT,
    query       TEXT NOT NULL,
    variables   TEXT NOT NULL,
    document_id TEXT NOT NULL,
    created_at  DATETIME NOT NULL,
    updated_at  DATETIME NOT NULL,
    created_by  TEXT
);
CREATE INDEX reports_document ON reports (document_id);

CREATE TABLE share_links (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id  INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    client_id  INTEGER REFERENCES clients (id) ON DELETE CASCADE,
    created_at DATETIME NOT NULL,
    created_by TEXT NOT NULL,
    expires_at DATETIME NOT NULL,
    revoked_at DATETIME
);
CREATE INDEX share_links_report ON share_links (report_id);
CREATE INDEX share_links_client ON share_links (client_id);

CREATE TABLE settings (
    name  TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);

-- +goose Down
DROP TABLE settings;
DROP TABLE share_links;
DROP TABLE reports;
DROP INDEX audit_log_client;
ALTER TABLE audit_log DROP COLUMN client_id;
