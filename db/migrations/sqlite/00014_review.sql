-- Review of changed promises and designs: each change to a commitment's basis
-- (a target of its requirement, a designed level of its service, its own
-- coverage or capacity) is a row here, pending until an editor confirms the
-- commitment; the last confirmation is kept beside it.

-- +goose Up
CREATE TABLE review_changes (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    commitment_id INTEGER NOT NULL REFERENCES commitments (id) ON DELETE CASCADE,
    what          TEXT NOT NULL CHECK (what IN ('TARGET', 'DESIGNED_LEVEL', 'COVERAGE', 'CAPACITY')),
    metric_key    TEXT,
    before_value  REAL,
    after_value   REAL,
    reason        TEXT NOT NULL,
    at            DATETIME NOT NULL,
    actor         TEXT NOT NULL,
    pending       BOOLEAN NOT NULL DEFAULT 1
);
CREATE INDEX review_changes_pending ON review_changes (pending, commitment_id);
CREATE INDEX review_changes_commitment ON review_changes (commitment_id);

CREATE TABLE review_confirmations (
    commitment_id INTEGER NOT NULL PRIMARY KEY REFERENCES commitments (id) ON DELETE CASCADE,
    confirmed_at  DATETIME NOT NULL,
    confirmed_by  TEXT NOT NULL,
    note          TEXT
);

-- +goose Down
DROP TABLE review_confirmations;
DROP TABLE review_changes;
