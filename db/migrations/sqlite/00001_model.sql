-- The whole map: metric catalog, clients, objectives, requirements and their
-- targets, services and their designed levels, commitments, measurements, the
-- audit log and API tokens. Times are UTC text with microseconds; money is
-- DECIMAL(15,2) (NUMERIC affinity: at most 15 significant digits, which a
-- double holds exactly).

-- +goose Up
CREATE TABLE metrics (
    metric_key TEXT NOT NULL PRIMARY KEY,
    name       TEXT NOT NULL,
    unit       TEXT NOT NULL,
    direction  TEXT NOT NULL CHECK (direction IN ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER'))
);

INSERT INTO metrics (metric_key, name, unit, direction) VALUES
    ('availability',     'Availability',             'percent',      'HIGHER_IS_BETTER'),
    ('support_hours',    'Staffed support hours',    'hours/week',   'HIGHER_IS_BETTER'),
    ('response_minutes', 'Response time',            'minutes',      'LOWER_IS_BETTER'),
    ('resolution_hours', 'Resolution time',          'hours',        'LOWER_IS_BETTER'),
    ('rpo_minutes',      'Recovery point objective', 'minutes',      'LOWER_IS_BETTER'),
    ('rto_minutes',      'Recovery time objective',  'minutes',      'LOWER_IS_BETTER');

CREATE TABLE clients (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    name                  TEXT NOT NULL,
    name_key              TEXT NOT NULL UNIQUE,
    industry              TEXT,
    account_owner         TEXT,
    status                TEXT NOT NULL CHECK (status IN ('PROSPECT', 'ACTIVE', 'CHURNED')),
    annual_contract_value DECIMAL(15, 2) NOT NULL DEFAULT 0 CHECK (annual_contract_value >= 0),
    created_at            DATETIME NOT NULL,
    updated_at            DATETIME NOT NULL
);
CREATE INDEX clients_status ON clients (status, name_key, id);

CREATE TABLE objectives (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    title_key   TEXT NOT NULL,
    description TEXT,
    owner       TEXT,
    priority    TEXT NOT NULL CHECK (priority IN ('MUST', 'SHOULD', 'COULD')),
    created_at  DATETIME NOT NULL,
    updated_at  DATETIME NOT NULL,
    UNIQUE (client_id, title_key)
);

CREATE TABLE requirements (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    objective_id INTEGER NOT NULL REFERENCES objectives (id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    title_key    TEXT NOT NULL,
    description  TEXT,
    priority     TEXT NOT NULL CHECK (priority IN ('MUST', 'SHOULD', 'COULD')),
    created_at   DATETIME NOT NULL,
    updated_at   DATETIME NOT NULL,
    UNIQUE (objective_id, title_key)
);
CREATE INDEX requirements_title ON requirements (title_key, id);

CREATE TABLE requirement_targets (
    requirement_id INTEGER NOT NULL REFERENCES requirements (id) ON DELETE CASCADE,
    metric_key     TEXT NOT NULL REFERENCES metrics (metric_key),
    value          REAL NOT NULL,
    PRIMARY KEY (requirement_id, metric_key)
);
CREATE INDEX requirement_targets_metric ON requirement_targets (metric_key);

CREATE TABLE services (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT NOT NULL,
    name_key     TEXT NOT NULL UNIQUE,
    description  TEXT,
    owner_team   TEXT,
    lifecycle    TEXT NOT NULL CHECK (lifecycle IN ('PLANNED', 'LIVE', 'RETIRING', 'RETIRED')),
    monthly_cost DECIMAL(15, 2) NOT NULL DEFAULT 0 CHECK (monthly_cost >= 0),
    capacity     INTEGER CHECK (capacity >= 0),
    created_at   DATETIME NOT NULL,
    updated_at   DATETIME NOT NULL
);
CREATE INDEX services_lifecycle ON services (lifecycle, name_key, id);

CREATE TABLE service_levels (
    service_id INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    metric_key TEXT NOT NULL REFERENCES metrics (metric_key),
    value      REAL NOT NULL,
    PRIMARY KEY (service_id, metric_key)
);
CREATE INDEX service_levels_metric ON service_levels (metric_key);

CREATE TABLE commitments (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    requirement_id   INTEGER NOT NULL REFERENCES requirements (id) ON DELETE CASCADE,
    service_id       INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    coverage_percent INTEGER NOT NULL CHECK (coverage_percent BETWEEN 1 AND 100),
    capacity_units   INTEGER NOT NULL CHECK (capacity_units >= 1),
    note             TEXT,
    created_at       DATETIME NOT NULL,
    created_by       TEXT,
    updated_at       DATETIME NOT NULL,
    UNIQUE (requirement_id, service_id)
);
CREATE INDEX commitments_service ON commitments (service_id);

CREATE TABLE measurements (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    service_id   INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    metric_key   TEXT NOT NULL REFERENCES metrics (metric_key),
    value        REAL NOT NULL,
    period_start DATETIME NOT NULL,
    period_end   DATETIME NOT NULL,
    source       TEXT,
    recorded_at  DATETIME NOT NULL,
    CHECK (period_end > period_start)
);
CREATE INDEX measurements_latest ON measurements (service_id, metric_key, period_end, id);
CREATE INDEX measurements_service ON measurements (service_id, period_end, id);
CREATE INDEX measurements_metric ON measurements (metric_key);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         DATETIME NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    before_json TEXT,
    after_json  TEXT,
    request_id TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_actor ON audit_log (actor, id);

CREATE TABLE tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT NOT NULL UNIQUE,
    role         TEXT NOT NULL CHECK (role IN ('VIEWER', 'EDITOR', 'ADMIN')),
    client_id    INTEGER REFERENCES clients (id) ON DELETE CASCADE,
    secret_hash  TEXT NOT NULL UNIQUE,
    created_at   DATETIME NOT NULL,
    expires_at   DATETIME,
    revoked_at   DATETIME
);
CREATE INDEX tokens_client ON tokens (client_id);

-- +goose Down
DROP TABLE tokens;
DROP TABLE audit_log;
DROP TABLE measurements;
DROP TABLE commitments;
DROP TABLE service_levels;
DROP TABLE services;
DROP TABLE requirement_targets;
DROP TABLE requirements;
DROP TABLE objectives;
DROP TABLE clients;
DROP TABLE metrics;
