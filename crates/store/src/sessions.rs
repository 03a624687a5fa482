//! Signed-in sessions and the password hashes they start from.

use time::{Duration, OffsetDateTime};

use crate::audit::{self, Actor, Change};
use crate::text::to_stored_instant;
use crate::{Db, StoreError, Tx, dispatch};

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
