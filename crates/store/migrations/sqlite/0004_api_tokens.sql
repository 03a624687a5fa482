-- API tokens for integrations: each acts with its person's roles. Only a hash is kept; the token
-- itself is shown once, when it is made. Keep in step with ../postgres/0004_api_tokens.sql.

CREATE TABLE api_tokens (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    token_hash TEXT NOT NULL UNIQUE,
    person_id BIGINT NOT NULL REFERENCES people (id),
    label TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP NULL,
    revoked_at TIMESTAMP NULL
);
CREATE INDEX api_tokens_person ON api_tokens (person_id);
