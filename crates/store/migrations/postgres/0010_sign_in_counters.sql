-- Sign-in attempts, counted per account and client address, per account and per address before
-- each password is checked (crates/domain/src/throttle.rs). One row per counter, so that an
-- attempt is counted by one atomic upsert on both engines. Replaces the list of failures, which
-- was read and written apart and so could be raced. Keep in step with
-- ../sqlite/0010_sign_in_counters.sql.

DROP TABLE sign_in_failures;

CREATE TABLE sign_in_counters (
    -- 'pair:IP EMAIL', 'account:EMAIL' (lower case, whether or not the account exists) or
    -- 'address:IP'
    throttle_key TEXT NOT NULL PRIMARY KEY,
    window_started_at TIMESTAMPTZ NOT NULL,
    attempts BIGINT NOT NULL
);
CREATE INDEX sign_in_counters_window ON sign_in_counters (window_started_at);
