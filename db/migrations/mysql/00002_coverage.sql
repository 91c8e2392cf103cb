-- Coverage support: a revision counter that every write bumps (so that each
-- server process knows when its cached evaluation is stale), and the history
-- of client scores.

-- +goose Up
CREATE TABLE revision (
    id INT    NOT NULL PRIMARY KEY,
    n  BIGINT NOT NULL,
    CONSTRAINT revision_single_ck CHECK (id = 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
INSERT INTO revision (id, n) VALUES (1, 1);

CREATE TABLE score_points (
    id        BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    client_id BIGINT      NOT NULL,
    at        DATETIME(6) NOT NULL,
    score     DOUBLE,
    KEY score_points_client (client_id, at, id),
    CONSTRAINT score_points_client_fk FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- +goose Down
DROP TABLE score_points;
DROP TABLE revision;
