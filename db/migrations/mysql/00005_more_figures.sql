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
    commitment_id  BIGINT          NOT NULL,
    client_id      BIGINT          NOT NULL,
    service_id     BIGINT          NOT NULL,
    requirement_id BIGINT          NOT NULL,
    sort_key       VARBINARY(2600) NOT NULL,
    status_before  VARCHAR(20)     NOT NULL,
    status_after   VARCHAR(20)     NOT NULL,
    loss           BIGINT          NOT NULL,
    loses_must     TINYINT         NOT NULL,
    PRIMARY KEY (service_id, commitment_id),
    UNIQUE KEY impact_figures_commitment (commitment_id),
    KEY impact_figures_client (client_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- +goose Down
DELETE FROM settings WHERE name = 'figures';
DROP TABLE impact_figures;
