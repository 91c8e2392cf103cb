-- The read model: every coverage figure, stored beside the data and kept
-- current by the transaction that changes what it depends on. Rows carry the
-- client they belong to, so that a change rewrites one client's figures at
-- once. Exact fractions grow long (a cost to serve sums shares of many
-- services, each over its own units): TEXT. They have no foreign keys: the transaction that removes an entity
-- removes its figures, and writing figures takes no lock on the map's rows
-- (which other writers hold while they wait for the figures' locks). Money is kept exact: a cost to serve or a margin is a rational number
-- written "numerator/denominator"; *_order holds its value as a number, only to
-- order lists by it. Gap list entries carry their place in the list as one
-- byte string (sort_key) whose byte order is the list's order. `alliance
-- migrate` fills these tables from the data (see figures.go); the revision
-- counter of the per-process cache they replace goes.

-- +goose Up
CREATE TABLE requirement_figures (
    requirement_id BIGINT      NOT NULL PRIMARY KEY,
    client_id      BIGINT      NOT NULL,
    status         VARCHAR(20) NOT NULL,
    percent        INT         NOT NULL,
    shortfalls     MEDIUMTEXT  NOT NULL,
    KEY requirement_figures_client (client_id, status),
    KEY requirement_figures_status (status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE commitment_figures (
    commitment_id BIGINT  NOT NULL PRIMARY KEY,
    client_id     BIGINT  NOT NULL,
    holds         TINYINT NOT NULL,
    KEY commitment_figures_client (client_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE objective_figures (
    objective_id BIGINT NOT NULL PRIMARY KEY,
    client_id    BIGINT NOT NULL,
    score        DOUBLE,
    KEY objective_figures_client (client_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE client_figures (
    client_id       BIGINT NOT NULL PRIMARY KEY,
    score           DOUBLE,
    score_num       BIGINT NOT NULL,
    score_den       BIGINT NOT NULL,
    covered         INT    NOT NULL,
    partial         INT    NOT NULL,
    under_delivered INT    NOT NULL,
    overpromised    INT    NOT NULL,
    planned         INT    NOT NULL,
    gap             INT    NOT NULL,
    gap_count       INT    NOT NULL,
    KEY client_figures_score (score)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE client_costs (
    client_id     BIGINT       NOT NULL PRIMARY KEY,
    cost_to_serve TEXT         NOT NULL,
    margin        TEXT         NOT NULL,
    margin_order  DOUBLE       NOT NULL,
    KEY client_costs_margin (margin_order)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE service_figures (
    service_id      BIGINT  NOT NULL PRIMARY KEY,
    committed_units BIGINT  NOT NULL,
    active_units    BIGINT  NOT NULL,
    oversubscribed  TINYINT NOT NULL,
    orphan          TINYINT NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE gap_entries (
    id             BIGINT          NOT NULL AUTO_INCREMENT PRIMARY KEY,
    sort_key       VARBINARY(2600) NOT NULL,
    kind           VARCHAR(20)     NOT NULL,
    client_id      BIGINT,
    objective_id   BIGINT,
    requirement_id BIGINT,
    service_id     BIGINT,
    message        TEXT            NOT NULL,
    KEY gap_entries_order (sort_key),
    KEY gap_entries_client (client_id, sort_key),
    KEY gap_entries_service (service_id),
    KEY gap_entries_kind (kind, sort_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

DROP TABLE revision;

-- +goose Down
CREATE TABLE revision (
    id INT    NOT NULL PRIMARY KEY,
    n  BIGINT NOT NULL,
    CONSTRAINT revision_single_ck CHECK (id = 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
INSERT INTO revision (id, n) VALUES (1, 1);
DELETE FROM settings WHERE name = 'figures';
DROP TABLE gap_entries;
DROP TABLE service_figures;
DROP TABLE client_costs;
DROP TABLE client_figures;
DROP TABLE objective_figures;
DROP TABLE commitment_figures;
DROP TABLE requirement_figures;
