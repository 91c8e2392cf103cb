-- Coverage support: a revision counter that every write bumps (so that each
-- server process knows when its cached evaluation is stale), and the history
-- of client scores.

-- +goose Up
CREATE TABLE revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO revision (id, n) VALUES (1, 1);

CREATE TABLE score_points (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    at        DATETIME NOT NULL,
    score     REAL
);
CREATE INDEX score_points_client ON score_points (client_id, at, id);

-- +goose Down
DROP TABLE score_points;
DROP TABLE revision;
