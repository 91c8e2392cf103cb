-- Batch ingestion. A measurement is identified by its service, metric,
-- period and source: sending it again updates its value. source is nullable
-- and NULLs are distinct in a unique index, so source_key holds the source
-- or '' for none. Rows recorded before this migration with the same
-- identity are all kept: the one recorded last (the one the coverage rules
-- read) stays the identity's measurement (older_copy = 0), each older one
-- gets its own id in older_copy, which keeps it apart in the index. Nothing
-- is deleted.
--
-- The INGEST role: tokens that may only record measurements, optionally
-- limited to the services listed in token_services (services_limited says a
-- token is limited, so that one whose services were all deleted records
-- none rather than every one).

-- +goose Up
ALTER TABLE measurements ADD COLUMN source_key VARCHAR(200) NOT NULL DEFAULT '',
    ADD COLUMN older_copy BIGINT NOT NULL DEFAULT 0;
UPDATE measurements SET source_key = COALESCE(source, '');
UPDATE measurements m JOIN (
    SELECT DISTINCT o.id FROM measurements o JOIN measurements n
        ON n.service_id = o.service_id AND n.metric_key = o.metric_key
        AND n.period_start = o.period_start AND n.period_end = o.period_end AND n.source_key = o.source_key
        AND (n.recorded_at > o.recorded_at OR n.recorded_at = o.recorded_at AND n.id > o.id)
) older ON older.id = m.id
SET m.older_copy = m.id;
CREATE UNIQUE INDEX measurements_identity ON measurements (service_id, metric_key, period_start, period_end, source_key, older_copy);

ALTER TABLE tokens DROP CONSTRAINT tokens_role_ck,
    ADD CONSTRAINT tokens_role_ck CHECK (role IN ('VIEWER', 'EDITOR', 'ADMIN', 'INGEST')),
    ADD COLUMN services_limited BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE token_services (
    token_id   BIGINT NOT NULL,
    service_id BIGINT NOT NULL,
    PRIMARY KEY (token_id, service_id),
    KEY token_services_service (service_id),
    CONSTRAINT token_services_token_fk FOREIGN KEY (token_id) REFERENCES tokens (id) ON DELETE CASCADE,
    CONSTRAINT token_services_service_fk FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- +goose Down
DROP TABLE token_services;
DELETE FROM tokens WHERE role = 'INGEST';
ALTER TABLE tokens DROP COLUMN services_limited, DROP CONSTRAINT tokens_role_ck,
    ADD CONSTRAINT tokens_role_ck CHECK (role IN ('VIEWER', 'EDITOR', 'ADMIN'));
DROP INDEX measurements_identity ON measurements;
ALTER TABLE measurements DROP COLUMN older_copy, DROP COLUMN source_key;
