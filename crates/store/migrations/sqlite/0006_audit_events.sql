-- The audit trail: every change, who made it, when, to which record, and the fields before and
-- after (JSON text), written in the same transaction as the change. Keep in step with
-- ../postgres/0006_audit_events.sql.

CREATE TABLE audit_events (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    at TIMESTAMP NOT NULL,
    -- The person who acted; NULL for the command line, whose operator is named in actor_label.
    actor_person_id BIGINT NULL REFERENCES people (id),
    actor_label TEXT NOT NULL,
    record_type TEXT NOT NULL,
    record_id TEXT NOT NULL,
    action TEXT NOT NULL,
    before_json TEXT NULL,
    after_json TEXT NULL
);
CREATE INDEX audit_events_record ON audit_events (record_type, record_id, at);
CREATE INDEX audit_events_at ON audit_events (at);
