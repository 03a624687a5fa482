-- Failed sign-ins, counted per account and per client address to slow down password guessing.
-- In the database, so that every instance counts the same. Keep in step with
-- ../postgres/0005_sign_in_failures.sql.

CREATE TABLE sign_in_failures (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    -- 'account:EMAIL' (lower case, whether or not the account exists) or 'address:IP'
    throttle_key TEXT NOT NULL,
    failed_at TIMESTAMP NOT NULL
);
CREATE INDEX sign_in_failures_key ON sign_in_failures (throttle_key, failed_at);
