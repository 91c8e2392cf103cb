-- Measurement sources: a service's metric measured by a PromQL expression on
-- a Prometheus-compatible API, one measurement per closed period, with the
-- last run's outcome. The credentials are stored for the puller and never
-- returned by the API. One lease row says which server pulls.

-- +goose Up
CREATE TABLE measurement_sources (
    id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    service_id      BIGINT        NOT NULL,
    metric_key      VARCHAR(63)   NOT NULL,
    expression      TEXT          NOT NULL,
    period          VARCHAR(10)   NOT NULL,
    url             VARCHAR(500)  NOT NULL,
    bearer_token    TEXT,
    username        TEXT,
    password        TEXT,
    horizon         INT           NOT NULL,
    paused          BOOLEAN       NOT NULL DEFAULT FALSE,
    last_status     VARCHAR(20),
    last_run_at     DATETIME(6),
    last_error      TEXT,
    last_period_end DATETIME(6),
    created_at      DATETIME(6)   NOT NULL,
    updated_at      DATETIME(6)   NOT NULL,
    KEY measurement_sources_service (service_id, id),
    KEY measurement_sources_metric (metric_key),
    CONSTRAINT measurement_sources_service_fk FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE,
    CONSTRAINT measurement_sources_metric_fk FOREIGN KEY (metric_key) REFERENCES metrics (metric_key),
    CONSTRAINT measurement_sources_period_ck CHECK (period IN ('DAILY', 'WEEKLY', 'MONTHLY')),
    CONSTRAINT measurement_sources_horizon_ck CHECK (horizon BETWEEN 1 AND 400)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE leases (
    name       VARCHAR(100) NOT NULL PRIMARY KEY,
    holder     VARCHAR(200) NOT NULL,
    expires_at DATETIME(6)  NOT NULL,
    term       BIGINT       NOT NULL DEFAULT 0
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
INSERT INTO leases (name, holder, expires_at, term) VALUES ('prometheus puller', '', '1970-01-01 00:00:00.000000', 0);

-- +goose Down
DROP TABLE leases;
DROP TABLE measurement_sources;
