-- Batch ingestion. A measurement is identified by its service, metric,
-- period and source: sending it again updates its value. source is nullable
-- and NULLs are distinct in a unique index, so source_key holds the source
-- or '' for none. Rows recorded before this migration with the same
-- identity are all kept: the one recorded last (the one the coverage rules
-- read) stays the identity's measurement (older_copy = 0), each older one
-- gets its own id in older_copy, which keeps it apart in the index. Nothing
-- is deleted.
--
-- The INGEST role: tokens that may only record measurements, optionally
-- limited to the services listed in token_services (services_limited says a
-- token is limited, so that one whose services were all deleted records
-- none rather than every one). SQLite cannot change a CHECK constraint: the
-- tokens table is rebuilt (nothing references it).

-- +goose Up
ALTER TABLE measurements ADD COLUMN source_key TEXT NOT NULL DEFAULT '';
ALTER TABLE measurements ADD COLUMN older_copy INTEGER NOT NULL DEFAULT 0;
UPDATE measurements SET source_key = COALESCE(source, '');
UPDATE measurements SET older_copy = id WHERE EXISTS (
    SELECT 1 FROM measurements n
    WHERE n.service_id = measurements.service_id AND n.metric_key = measurements.metric_key
      AND n.period_start = measurements.period_start AND n.period_end = measurements.period_end
      AND n.source_key = measurements.source_key
      AND (n.recorded_at > measurements.recorded_at OR n.recorded_at = measurements.recorded_at AND n.id > measurements.id));
CREATE UNIQUE INDEX measurements_identity ON measurements (service_id, metric_key, period_start, period_end, source_key, older_copy);

CREATE TABLE tokens_new (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    name             TEXT NOT NULL UNIQUE,
    role             TEXT NOT NULL CHECK (role IN ('VIEWER', 'EDITOR', 'ADMIN', 'INGEST')),
    client_id        INTEGER REFERENCES clients (id) ON DELETE CASCADE,
    secret_hash      TEXT NOT NULL UNIQUE,
    created_at       DATETIME NOT NULL,
    expires_at       DATETIME,
    revoked_at       DATETIME,
    user_id          INTEGER,
    services_limited BOOLEAN NOT NULL DEFAULT 0
);
INSERT INTO tokens_new (id, name, role, client_id, secret_hash, created_at, expires_at, revoked_at, user_id)
    SELECT id, name, role, client_id, secret_hash, created_at, expires_at, revoked_at, user_id FROM tokens;
DROP TABLE tokens;
ALTER TABLE tokens_new RENAME TO tokens;
CREATE INDEX tokens_client ON tokens (client_id);
CREATE INDEX tokens_user ON tokens (user_id);

CREATE TABLE token_services (
    token_id   INTEGER NOT NULL REFERENCES tokens (id) ON DELETE CASCADE,
    service_id INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    PRIMARY KEY (token_id, service_id)
);
CREATE INDEX token_services_service ON token_services (service_id);

-- +goose Down
DROP TABLE token_services;
DELETE FROM tokens WHERE role = 'INGEST';
CREATE TABLE tokens_old (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT NOT NULL UNIQUE,
    role         TEXT NOT NULL CHECK (role IN ('VIEWER', 'EDITOR', 'ADMIN')),
    client_id    INTEGER REFERENCES clients (id) ON DELETE CASCADE,
    secret_hash  TEXT NOT NULL UNIQUE,
    created_at   DATETIME NOT NULL,
    expires_at   DATETIME,
    revoked_at   DATETIME,
    user_id      INTEGER
);
INSERT INTO tokens_old (id, name, role, client_id, secret_hash, created_at, expires_at, revoked_at, user_id)
    SELECT id, name, role, client_id, secret_hash, created_at, expires_at, revoked_at, user_id FROM tokens;
DROP TABLE tokens;
ALTER TABLE tokens_old RENAME TO tokens;
CREATE INDEX tokens_client ON tokens (client_id);
CREATE INDEX tokens_user ON tokens (user_id);

DROP INDEX measurements_identity;
ALTER TABLE measurements DROP COLUMN older_copy;
ALTER TABLE measurements DROP COLUMN source_key;
