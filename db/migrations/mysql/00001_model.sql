-- The whole map: metric catalog, clients, objectives, requirements and their
-- targets, services and their designed levels, commitments, measurements, the
-- audit log and API tokens. Times are UTC DATETIME(6); money is DECIMAL(15,2).
-- Text compares byte for byte (utf8mb4_bin): the *_key columns hold the
-- lower-cased names that order lists and find duplicates, the same way on every
-- database.

-- +goose Up
CREATE TABLE metrics (
    metric_key VARCHAR(63)  NOT NULL PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    unit       VARCHAR(50)  NOT NULL,
    direction  VARCHAR(20)  NOT NULL,
    CONSTRAINT metrics_direction_ck CHECK (direction IN ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO metrics (metric_key, name, unit, direction) VALUES
    ('availability',     'Availability',             'percent',      'HIGHER_IS_BETTER'),
    ('support_hours',    'Staffed support hours',    'hours/week',   'HIGHER_IS_BETTER'),
    ('response_minutes', 'Response time',            'minutes',      'LOWER_IS_BETTER'),
    ('resolution_hours', 'Resolution time',          'hours',        'LOWER_IS_BETTER'),
    ('rpo_minutes',      'Recovery point objective', 'minutes',      'LOWER_IS_BETTER'),
    ('rto_minutes',      'Recovery time objective',  'minutes',      'LOWER_IS_BETTER');

CREATE TABLE clients (
    id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name                  VARCHAR(200)  NOT NULL,
    name_key              VARCHAR(200)  NOT NULL,
    industry              VARCHAR(200),
    account_owner         VARCHAR(200),
    status                VARCHAR(16)   NOT NULL,
    annual_contract_value DECIMAL(15, 2) NOT NULL DEFAULT 0,
    created_at            DATETIME(6)   NOT NULL,
    updated_at            DATETIME(6)   NOT NULL,
    UNIQUE KEY clients_name (name_key),
    KEY clients_status (status, name_key, id),
    CONSTRAINT clients_status_ck CHECK (status IN ('PROSPECT', 'ACTIVE', 'CHURNED')),
    CONSTRAINT clients_acv_ck CHECK (annual_contract_value >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE objectives (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    client_id   BIGINT       NOT NULL,
    title       VARCHAR(200) NOT NULL,
    title_key   VARCHAR(200) NOT NULL,
    description TEXT,
    owner       VARCHAR(200),
    priority    VARCHAR(8)   NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    updated_at  DATETIME(6)  NOT NULL,
    UNIQUE KEY objectives_title (client_id, title_key),
    CONSTRAINT objectives_client_fk FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE,
    CONSTRAINT objectives_priority_ck CHECK (priority IN ('MUST', 'SHOULD', 'COULD'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE requirements (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    objective_id BIGINT       NOT NULL,
    title        VARCHAR(200) NOT NULL,
    title_key    VARCHAR(200) NOT NULL,
    description  TEXT,
    priority     VARCHAR(8)   NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    updated_at   DATETIME(6)  NOT NULL,
    UNIQUE KEY requirements_title_in_objective (objective_id, title_key),
    KEY requirements_title (title_key, id),
    CONSTRAINT requirements_objective_fk FOREIGN KEY (objective_id) REFERENCES objectives (id) ON DELETE CASCADE,
    CONSTRAINT requirements_priority_ck CHECK (priority IN ('MUST', 'SHOULD', 'COULD'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE requirement_targets (
    requirement_id BIGINT      NOT NULL,
    metric_key     VARCHAR(63) NOT NULL,
    value          DOUBLE      NOT NULL,
    PRIMARY KEY (requirement_id, metric_key),
    KEY requirement_targets_metric (metric_key),
    CONSTRAINT requirement_targets_requirement_fk FOREIGN KEY (requirement_id) REFERENCES requirements (id) ON DELETE CASCADE,
    CONSTRAINT requirement_targets_metric_fk FOREIGN KEY (metric_key) REFERENCES metrics (metric_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE services (
    id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name         VARCHAR(200)  NOT NULL,
    name_key     VARCHAR(200)  NOT NULL,
    description  TEXT,
    owner_team   VARCHAR(200),
    lifecycle    VARCHAR(10)   NOT NULL,
    monthly_cost DECIMAL(15, 2) NOT NULL DEFAULT 0,
    capacity     INT,
    created_at   DATETIME(6)   NOT NULL,
    updated_at   DATETIME(6)   NOT NULL,
    UNIQUE KEY services_name (name_key),
    KEY services_lifecycle (lifecycle, name_key, id),
    CONSTRAINT services_lifecycle_ck CHECK (lifecycle IN ('PLANNED', 'LIVE', 'RETIRING', 'RETIRED')),
    CONSTRAINT services_cost_ck CHECK (monthly_cost >= 0),
    CONSTRAINT services_capacity_ck CHECK (capacity >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE service_levels (
    service_id BIGINT      NOT NULL,
    metric_key VARCHAR(63) NOT NULL,
    value      DOUBLE      NOT NULL,
    PRIMARY KEY (service_id, metric_key),
    KEY service_levels_metric (metric_key),
    CONSTRAINT service_levels_service_fk FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE,
    CONSTRAINT service_levels_metric_fk FOREIGN KEY (metric_key) REFERENCES metrics (metric_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE commitments (
    id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    requirement_id   BIGINT       NOT NULL,
    service_id       BIGINT       NOT NULL,
    coverage_percent INT          NOT NULL,
    capacity_units   INT          NOT NULL,
    note             TEXT,
    created_at       DATETIME(6)  NOT NULL,
    created_by       VARCHAR(200),
    updated_at       DATETIME(6)  NOT NULL,
    UNIQUE KEY commitments_pair (requirement_id, service_id),
    KEY commitments_service (service_id),
    CONSTRAINT commitments_requirement_fk FOREIGN KEY (requirement_id) REFERENCES requirements (id) ON DELETE CASCADE,
    CONSTRAINT commitments_service_fk FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE,
    CONSTRAINT commitments_coverage_ck CHECK (coverage_percent BETWEEN 1 AND 100),
    CONSTRAINT commitments_units_ck CHECK (capacity_units >= 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE measurements (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    service_id   BIGINT       NOT NULL,
    metric_key   VARCHAR(63)  NOT NULL,
    value        DOUBLE       NOT NULL,
    period_start DATETIME(6)  NOT NULL,
    period_end   DATETIME(6)  NOT NULL,
    source       VARCHAR(200),
    recorded_at  DATETIME(6)  NOT NULL,
    KEY measurements_latest (service_id, metric_key, period_end, id),
    KEY measurements_service (service_id, period_end, id),
    KEY measurements_metric (metric_key),
    CONSTRAINT measurements_service_fk FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE,
    CONSTRAINT measurements_metric_fk FOREIGN KEY (metric_key) REFERENCES metrics (metric_key),
    CONSTRAINT measurements_period_ck CHECK (period_end > period_start)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE audit_log (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    at         DATETIME(6)  NOT NULL,
    actor      VARCHAR(200) NOT NULL,
    action     VARCHAR(10)  NOT NULL,
    entity     VARCHAR(40)  NOT NULL,
    entity_id  VARCHAR(100) NOT NULL,
    before_json LONGTEXT,
    after_json  LONGTEXT,
    request_id VARCHAR(64),
    KEY audit_log_entity (entity, entity_id, id),
    KEY audit_log_actor (actor, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE tokens (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    role        VARCHAR(8)   NOT NULL,
    client_id   BIGINT,
    secret_hash VARCHAR(64)  NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    expires_at  DATETIME(6),
    revoked_at  DATETIME(6),
    UNIQUE KEY tokens_name (name),
    UNIQUE KEY tokens_secret (secret_hash),
    KEY tokens_client (client_id),
    CONSTRAINT tokens_client_fk FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE,
    CONSTRAINT tokens_role_ck CHECK (role IN ('VIEWER', 'EDITOR', 'ADMIN'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

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
