-- Email waits here, written in the same transaction as the change that caused it, until the
-- sender delivers it (by SMTP, or into a folder). Keep in step with ../postgres/0007_outbox.sql.

CREATE TABLE outbox (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    to_address TEXT NOT NULL,
    to_name TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NULL
);
CREATE INDEX outbox_pending ON outbox (sent_at, id);

-- Single-use links sent by email: password resets and invitations. Only a hash of the secret in
-- the link is kept.
CREATE TABLE one_time_links (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    token_hash TEXT NOT NULL UNIQUE,
    purpose TEXT NOT NULL CHECK (purpose IN ('password_reset', 'invitation')),
    person_id BIGINT NOT NULL REFERENCES people (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP NULL
);
CREATE INDEX one_time_links_person ON one_time_links (person_id, created_at);
