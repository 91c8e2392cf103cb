-- Two more stored figures, kept like the others (see 00004 and figures.go);
-- `alliance migrate` computes them (the figures' version changes with them).
--
-- The portfolio's figures: one row (id 1) of sums over the clients that have
-- not churned and over the services, summed again by every write that moves
-- a client's or a service's figures. Amounts are exact decimals, as text.
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
CREATE TABLE portfolio_figures (
    id                    INT         NOT NULL PRIMARY KEY,
    score_num             BIGINT      NOT NULL,
    score_den             BIGINT      NOT NULL,
    covered               INT         NOT NULL,
    partial               INT         NOT NULL,
    under_delivered       INT         NOT NULL,
    overpromised          INT         NOT NULL,
    planned               INT         NOT NULL,
    gap                   INT         NOT NULL,
    annual_contract_value TEXT        NOT NULL,
    monthly_service_cost  TEXT        NOT NULL,
    orphan_monthly_cost   TEXT        NOT NULL,
    CONSTRAINT portfolio_figures_single_ck CHECK (id = 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

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
DROP TABLE portfolio_figures;
