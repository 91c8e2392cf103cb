-- One more stored figure, kept like the others (see 00004 and figures.go);
-- `alliance migrate` computes it (the figures' version changes with it).
--
-- What retiring a service would change: one row for each requirement of a
-- client that has not churned and each service it is committed to whose
-- retirement would change the requirement's status or percent, with what the
-- client's score would lose and the requirement's place among an impact's
-- changes (sort_key, whose byte order is that order). The rows are a
-- client's, rewritten with its other figures.
-- The impact of a service reads its rows (clustered by service, so that they
-- are read in one range) and its clients' score sums.

-- +goose Up
CREATE TABLE impact_figures (
    commitment_id  INTEGER NOT NULL,
    client_id      INTEGER NOT NULL,
    service_id     INTEGER NOT NULL,
    requirement_id INTEGER NOT NULL,
    sort_key       TEXT    NOT NULL,
    status_before  TEXT    NOT NULL,
    status_after   TEXT    NOT NULL,
    loss           INTEGER NOT NULL,
    loses_must     INTEGER NOT NULL,
    PRIMARY KEY (service_id, commitment_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX impact_figures_commitment ON impact_figures (commitment_id);
CREATE INDEX impact_figures_client ON impact_figures (client_id);

-- +goose Down
DELETE FROM settings WHERE name = 'figures';
DROP TABLE impact_figures;
