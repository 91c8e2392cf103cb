-- A measurement evaluates again only the requirements that read it (see
-- figures_requirements.go) and reads their stored gap entries and impacts
-- to write only those that changed: by requirement, which these index.

-- +goose Up
CREATE INDEX gap_entries_requirement ON gap_entries (requirement_id);
CREATE INDEX impact_figures_requirement ON impact_figures (requirement_id);

-- +goose Down
DROP INDEX impact_figures_requirement;
DROP INDEX gap_entries_requirement;
