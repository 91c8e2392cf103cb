-- A write transaction that is about to rewrite stored figures takes the lock
-- of their client's and their services' rows by counting itself in them
-- (lock_count + 1) rather than by SELECT ... FOR UPDATE: a Galera cluster
-- never replicates a lock that only reads, so two transactions on two nodes
-- both "held" the lock, computed from what each saw, and the second to commit
-- overwrote the first's figures. A lock that writes is certified like any
-- write: one of the two is rolled back and run again over the other's data.

-- +goose Up
ALTER TABLE client_figures ADD COLUMN lock_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE service_figures ADD COLUMN lock_count BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE service_figures DROP COLUMN lock_count;
ALTER TABLE client_figures DROP COLUMN lock_count;
