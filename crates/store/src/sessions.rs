//! Signed-in sessions and the password hashes they start from.

use time::{Duration, OffsetDateTime};

use crate::audit::{self, Actor, Change};
use crate::register_import::Tx;
use crate::text::to_stored_instant;
use crate::{Db, StoreError, dispatch};

/// A session, with the person it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SessionRecord {
    pub person_id: i64,
    pub name: String,
    pub email: String,
    pub csrf_token: String,
    pub created_at: OffsetDateTime,
    pub last_seen_at: OffsetDateTime,
}

/// Whom an email address signs in as, and their password hash if they have set one.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Credentials {
    pub person_id: i64,
    pub password_hash: Option<String>,
}

/// A session's last use is written at most this often, not on every request.
const TOUCH_EVERY: Duration = Duration::minutes(1);

impl Db {
    /// The credentials held for an email address (compared in lower case).
    pub async fn credentials(
        &self,
        email_normalised: &str,
    ) -> Result<Option<Credentials>, StoreError> {
        const SQL: &str =
            "SELECT id AS person_id, password_hash FROM people WHERE email_normalised = $1";
        Ok(dispatch!(Db, self, pool => {
            sqlx::query_as(SQL).bind(email_normalised).fetch_optional(pool).await?
        }))
    }

    /// Stores a person's new password hash (the trail says a password was set, never what).
    pub async fn set_password_hash(
        &self,
        person_id: i64,
        hash: &str,
        actor: &Actor,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE people SET password_hash = $1 WHERE id = $2";
        let mut tx = Tx::begin(self).await?;
        let updated = dispatch!(Tx, &mut tx, tx => {
            sqlx::query(SQL).bind(hash).bind(person_id).execute(&mut **tx).await?.rows_affected()
        });
        if updated == 0 {
            return Err(StoreError::Invalid(format!("no person {person_id}")));
        }
        let change = Change {
            record_type: "person",
            record_id: person_id.to_string(),
            action: "password set",
            before: None,
            after: None,
        };
        audit::record(&mut tx, actor, at, change).await?;
        tx.commit().await
    }

    /// Starts a session for a person.
    pub async fn create_session(
        &self,
        token_hash: &str,
        person_id: i64,
        csrf_token: &str,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        const SQL: &str = "INSERT INTO sessions \
             (token_hash, person_id, csrf_token, created_at, last_seen_at) \
             VALUES ($1, $2, $3, $4, $4)";
        let at = to_stored_instant(at);
        dispatch!(Db, self, pool => {
            sqlx::query(SQL).bind(token_hash).bind(person_id).bind(csrf_token).bind(at)
                .execute(pool).await?;
        });
        Ok(())
    }

    /// A session that has not been revoked (whether it has timed out is for the caller, who
    /// knows the time).
    pub async fn session(&self, token_hash: &str) -> Result<Option<SessionRecord>, StoreError> {
        const SQL: &str = "SELECT s.person_id, p.name, p.email, s.csrf_token, s.created_at, \
             s.last_seen_at FROM sessions s JOIN people p ON p.id = s.person_id \
             WHERE s.token_hash = $1 AND s.revoked_at IS NULL";
        Ok(dispatch!(Db, self, pool => {
            sqlx::query_as(SQL).bind(token_hash).fetch_optional(pool).await?
        }))
    }

    /// Records that a session was used at `at` (at most once a minute).
    pub async fn touch_session(
        &self,
        token_hash: &str,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE sessions SET last_seen_at = $1 \
             WHERE token_hash = $2 AND last_seen_at < $3";
        let at = to_stored_instant(at);
        dispatch!(Db, self, pool => {
            sqlx::query(SQL).bind(at).bind(token_hash).bind(at - TOUCH_EVERY)
                .execute(pool).await?;
        });
        Ok(())
    }

    /// Ends a session for good.
    pub async fn revoke_session(
        &self,
        token_hash: &str,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE sessions SET revoked_at = $1 \
             WHERE token_hash = $2 AND revoked_at IS NULL";
        let at = to_stored_instant(at);
        dispatch!(Db, self, pool => {
            sqlx::query(SQL).bind(at).bind(token_hash).execute(pool).await?;
        });
        Ok(())
    }
}

/// How many sign-ins failed recently for an account and for an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RecentFailures {
    pub account: i64,
    pub address: i64,
}

fn account_key(email_normalised: &str) -> String {
    format!("account:{email_normalised}")
}

fn address_key(address: &str) -> String {
    format!("address:{address}")
}

impl Db {
    /// Failed sign-ins since `since` for an account (by its lower-case address) and a client
    /// address.
    pub async fn recent_sign_in_failures(
        &self,
        email_normalised: &str,
        address: &str,
        since: OffsetDateTime,
    ) -> Result<RecentFailures, StoreError> {
        const SQL: &str = "SELECT \
             (SELECT COUNT(*) FROM sign_in_failures WHERE throttle_key = $1 AND failed_at > $3), \
             (SELECT COUNT(*) FROM sign_in_failures WHERE throttle_key = $2 AND failed_at > $3)";
        let since = to_stored_instant(since);
        let (account, address): (i64, i64) = dispatch!(Db, self, pool => {
            sqlx::query_as(SQL)
                .bind(account_key(email_normalised))
                .bind(address_key(address))
                .bind(since)
                .fetch_one(pool)
                .await?
        });
        Ok(RecentFailures { account, address })
    }

    /// Records a failed sign-in against the account and the address, forgetting failures
    /// older than `forget_before`.
    pub async fn record_sign_in_failure(
        &self,
        email_normalised: &str,
        address: &str,
        at: OffsetDateTime,
        forget_before: OffsetDateTime,
    ) -> Result<(), StoreError> {
        const ADD: &str = "INSERT INTO sign_in_failures (throttle_key, failed_at) \
             VALUES ($1, $3), ($2, $3)";
        const FORGET: &str = "DELETE FROM sign_in_failures WHERE failed_at < $1";
        let (at, forget_before) = (to_stored_instant(at), to_stored_instant(forget_before));
        dispatch!(Db, self, pool => {
            let mut tx = pool.begin().await?;
            sqlx::query(FORGET).bind(forget_before).execute(&mut *tx).await?;
            sqlx::query(ADD)
                .bind(account_key(email_normalised))
                .bind(address_key(address))
                .bind(at)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// Forgets an account's failures once its owner signs in.
    pub async fn clear_sign_in_failures(&self, email_normalised: &str) -> Result<(), StoreError> {
        const SQL: &str = "DELETE FROM sign_in_failures WHERE throttle_key = $1";
        dispatch!(Db, self, pool => {
            sqlx::query(SQL).bind(account_key(email_normalised)).execute(pool).await?;
        });
        Ok(())
    }
}
