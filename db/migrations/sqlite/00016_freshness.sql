-- Stale evidence: each metric has a freshness window, in days. A commitment
-- whose targeted metric has no measurement that ended within it has stale
-- evidence (worked out when read, from now: nothing else is stored).

-- +goose Up
ALTER TABLE metrics ADD COLUMN freshness_days INTEGER NOT NULL DEFAULT 45 CHECK (freshness_days BETWEEN 1 AND 3650);

-- +goose Down
ALTER TABLE metrics DROP COLUMN freshness_days;
