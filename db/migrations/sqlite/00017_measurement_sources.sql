-- Measurement sources: a service's metric measured by a PromQL expression on
-- a Prometheus-compatible API, one measurement per closed period, with the
-- last run's outcome. The credentials are stored for the puller and never
-- returned by the API. One lease row says which server pulls.

-- +goose Up
CREATE TABLE measurement_sources (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    service_id      INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    metric_key      TEXT NOT NULL REFERENCES metrics (metric_key),
    expression      TEXT NOT NULL,
    period          TEXT NOT NULL CHECK (period IN ('DAILY', 'WEEKLY', 'MONTHLY')),
    url             TEXT NOT NULL,
    bearer_token    TEXT,
    username        TEXT,
    password        TEXT,
    horizon         INTEGER NOT NULL CHECK (horizon BETWEEN 1 AND 400),
    paused          BOOLEAN NOT NULL DEFAULT 0,
    last_status     TEXT,
    last_run_at     DATETIME,
    last_error      TEXT,
    last_period_end DATETIME,
    created_at      DATETIME NOT NULL,
    updated_at      DATETIME NOT NULL
);
CREATE INDEX measurement_sources_service ON measurement_sources (service_id, id);
CREATE INDEX measurement_sources_metric ON measurement_sources (metric_key);

CREATE TABLE leases (
    name       TEXT NOT NULL PRIMARY KEY,
    holder     TEXT NOT NULL,
    expires_at DATETIME NOT NULL,
    term       INTEGER NOT NULL DEFAULT 0
);
INSERT INTO leases (name, holder, expires_at, term) VALUES ('prometheus puller', '', '1970-01-01 00:00:00.000000', 0);

-- +goose Down
DROP TABLE leases;
DROP TABLE measurement_sources;
