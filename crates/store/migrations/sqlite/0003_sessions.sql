-- Signed-in sessions, kept in the database so that any instance can serve any request and a
-- session can be revoked. Keep in step with ../postgres/0003_sessions.sql.

CREATE TABLE sessions (
    -- SHA-256 of the token in the cookie: a stolen database holds no usable session.
    token_hash TEXT NOT NULL PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES people (id),
    -- Sent back in every form of the session; a state-changing request without it is refused.
    csrf_token TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP NULL
);
CREATE INDEX sessions_person ON sessions (person_id);
