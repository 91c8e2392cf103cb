-- Review of changed promises and designs: each change to a commitment's basis
-- (a target of its requirement, a designed level of its service, its own
-- coverage or capacity) is a row here, pending until an editor confirms the
-- commitment; the last confirmation is kept beside it.

-- +goose Up
CREATE TABLE review_changes (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commitment_id BIGINT       NOT NULL,
    what          VARCHAR(20)  NOT NULL,
    metric_key    VARCHAR(64),
    before_value  DOUBLE,
    after_value   DOUBLE,
    reason        TEXT         NOT NULL,
    at            DATETIME(6)  NOT NULL,
    actor         VARCHAR(200) NOT NULL,
    pending       BOOLEAN      NOT NULL DEFAULT TRUE,
    KEY review_changes_pending (pending, commitment_id),
    KEY review_changes_commitment (commitment_id),
    CONSTRAINT review_changes_commitment_fk FOREIGN KEY (commitment_id) REFERENCES commitments (id) ON DELETE CASCADE,
    CONSTRAINT review_changes_what_ck CHECK (what IN ('TARGET', 'DESIGNED_LEVEL', 'COVERAGE', 'CAPACITY'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE review_confirmations (
    commitment_id BIGINT       NOT NULL PRIMARY KEY,
    confirmed_at  DATETIME(6)  NOT NULL,
    confirmed_by  VARCHAR(200) NOT NULL,
    note          TEXT,
    CONSTRAINT review_confirmations_commitment_fk FOREIGN KEY (commitment_id) REFERENCES commitments (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- +goose Down
DROP TABLE review_confirmations;
DROP TABLE review_changes;
