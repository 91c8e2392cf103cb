-- Stale evidence: each metric has a freshness window, in days. A commitment
-- whose targeted metric has no measurement that ended within it has stale
-- evidence (worked out when read, from now: nothing else is stored).

-- +goose Up
ALTER TABLE metrics ADD COLUMN freshness_days INT NOT NULL DEFAULT 45,
    ADD CONSTRAINT metrics_freshness_days_ck CHECK (freshness_days BETWEEN 1 AND 3650);

-- +goose Down
ALTER TABLE metrics DROP CONSTRAINT metrics_freshness_days_ck, DROP COLUMN freshness_days;
