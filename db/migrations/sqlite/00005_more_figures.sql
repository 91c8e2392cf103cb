-- What retiring a service would change, stored like every other figure (see
-- 00004 and figures.go): one row for each requirement of a client that has
-- not churned and each service it is committed to whose retirement would
-- change the requirement's status or percent, with what it would lose and its
-- place among an impact's changes (sort_key, whose byte order is that order).
-- The impact of a service reads its rows, and its clients' score sums. The
-- rows are a client's, rewritten with its other figures; `alliance migrate`
-- computes them (the figures' version changes with this table).

-- +goose Up
CREATE TABLE impact_figures (
    commitment_id  INTEGER NOT NULL PRIMARY KEY,
    client_id      INTEGER NOT NULL,
    service_id     INTEGER NOT NULL,
    requirement_id INTEGER NOT NULL,
    sort_key       TEXT    NOT NULL,
    status_before  TEXT    NOT NULL,
    status_after   TEXT    NOT NULL,
    loss           INTEGER NOT NULL,
    loses_must     INTEGER NOT NULL
);
CREATE INDEX impact_figures_service ON impact_figures (service_id);
CREATE INDEX impact_figures_client ON impact_figures (client_id);

-- +goose Down
DELETE FROM settings WHERE name = 'figures';
DROP TABLE impact_figures;
