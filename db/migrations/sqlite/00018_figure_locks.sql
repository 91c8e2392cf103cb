-- The same columns as on MySQL, where they are the figures' write locks (see
-- db/migrations/mysql/00018_figure_locks.sql); SQLite's immediate transactions
-- hold the database's write lock, and leave them at 0.

-- +goose Up
ALTER TABLE client_figures ADD COLUMN lock_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE service_figures ADD COLUMN lock_count INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE service_figures DROP COLUMN lock_count;
ALTER TABLE client_figures DROP COLUMN lock_count;
