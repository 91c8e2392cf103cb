-- The read model: every coverage figure, stored beside the data and kept
-- current by the transaction that changes what it depends on. Rows carry the
-- client they belong to, so that a change rewrites one client's figures at
-- once. Exact fractions grow long (a cost to serve sums shares of many
-- services, each over its own units): TEXT. They have no foreign keys: the transaction that removes an entity
-- removes its figures, and writing figures takes no lock on the map's rows
-- (which other writers hold while they wait for the figures' locks). Money is kept exact: a cost to serve or a margin is a rational number
-- written "numerator/denominator"; *_order holds its value as a number, only to
-- order lists by it. Gap list entries carry their place in the list as one
-- string (sort_key) whose byte order is the list's order. `alliance migrate`
-- fills these tables from the data (see figures.go); the revision counter of
-- the per-process cache they replace goes.

-- +goose Up
CREATE TABLE requirement_figures (
    requirement_id INTEGER NOT NULL PRIMARY KEY,
    client_id      INTEGER NOT NULL,
    status         TEXT    NOT NULL,
    percent        INTEGER NOT NULL,
    shortfalls     TEXT    NOT NULL
);
CREATE INDEX requirement_figures_client ON requirement_figures (client_id, status);
CREATE INDEX requirement_figures_status ON requirement_figures (status);

CREATE TABLE commitment_figures (
    commitment_id INTEGER NOT NULL PRIMARY KEY,
    client_id     INTEGER NOT NULL,
    holds         INTEGER NOT NULL
);
CREATE INDEX commitment_figures_client ON commitment_figures (client_id);

CREATE TABLE objective_figures (
    objective_id INTEGER NOT NULL PRIMARY KEY,
    client_id    INTEGER NOT NULL,
    score        REAL
);
CREATE INDEX objective_figures_client ON objective_figures (client_id);

CREATE TABLE client_figures (
    client_id       INTEGER NOT NULL PRIMARY KEY,
    score           REAL,
    score_num       INTEGER NOT NULL,
    score_den       INTEGER NOT NULL,
    covered         INTEGER NOT NULL,
    partial         INTEGER NOT NULL,
    under_delivered INTEGER NOT NULL,
    overpromised    INTEGER NOT NULL,
    planned         INTEGER NOT NULL,
    gap             INTEGER NOT NULL,
    gap_count       INTEGER NOT NULL
);
CREATE INDEX client_figures_score ON client_figures (score);

CREATE TABLE client_costs (
    client_id     INTEGER NOT NULL PRIMARY KEY,
    cost_to_serve TEXT    NOT NULL,
    margin        TEXT    NOT NULL,
    margin_order  REAL    NOT NULL
);
CREATE INDEX client_costs_margin ON client_costs (margin_order);

CREATE TABLE service_figures (
    service_id      INTEGER NOT NULL PRIMARY KEY,
    committed_units INTEGER NOT NULL,
    active_units    INTEGER NOT NULL,
    oversubscribed  INTEGER NOT NULL,
    orphan          INTEGER NOT NULL
);

CREATE TABLE gap_entries (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    sort_key       TEXT    NOT NULL,
    kind           TEXT    NOT NULL,
    client_id      INTEGER,
    objective_id   INTEGER,
    requirement_id INTEGER,
    service_id     INTEGER,
    message        TEXT    NOT NULL
);
CREATE INDEX gap_entries_order ON gap_entries (sort_key);
CREATE INDEX gap_entries_client ON gap_entries (client_id, sort_key);
CREATE INDEX gap_entries_service ON gap_entries (service_id);
CREATE INDEX gap_entries_kind ON gap_entries (kind, sort_key);

DROP TABLE revision;

-- +goose Down
CREATE TABLE revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO revision (id, n) VALUES (1, 1);
DELETE FROM settings WHERE name = 'figures';
DROP TABLE gap_entries;
DROP TABLE service_figures;
DROP TABLE client_costs;
DROP TABLE client_figures;
DROP TABLE objective_figures;
DROP TABLE commitment_figures;
DROP TABLE requirement_figures;
