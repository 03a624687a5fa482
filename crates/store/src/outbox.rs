//! The outbox: email written in the same transaction as the change that caused it, and delivered
//! afterwards by the sender (`masteryhub serve`, or `masteryhub send-email`). A change that rolls
//! back sends nothing; an email that cannot be delivered waits and is tried again.

use serde::Serialize;
use time::OffsetDateTime;

use crate::text::to_stored_instant;
use crate::{Db, StoreError, Tx, dispatch};

/// An email to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingEmail {
    pub to_address: String,
    pub to_name: String,
    pub subject: String,
    pub body: String,
}

/// An email in the outbox, sent or waiting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct QueuedEmail {
    pub id: i64,
    pub to_address: String,
    pub to_name: String,
    pub subject: String,
    pub body: String,
    pub created_at: OffsetDateTime,
    pub sent_at: Option<OffsetDateTime>,
    pub attempts: i32,
    pub last_error: Option<String>,
}

/// After this many failed attempts an email is no longer tried (it stays in the outbox, with its
/// last error, for an admin to see).
pub const MAX_ATTEMPTS: i32 = 10;

/// Puts an email in the outbox inside the transaction of the change that causes it.
pub(crate) async fn enqueue(
    tx: &mut Tx,
    email: &OutgoingEmail,
    at: OffsetDateTime,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO outbox (to_address, to_name, subject, body, created_at) \
         VALUES ($1, $2, $3, $4, $5)";
    let at = to_stored_instant(at);
    dispatch!(Tx, tx, tx => {
        sqlx::query(SQL)
            .bind(&email.to_address)
            .bind(&email.to_name)
            .bind(&email.subject)
            .bind(&email.body)
            .bind(at)
            .execute(&mut **tx)
            .await?;
    });
    Ok(())
}

const COLUMNS: &str =
    "id, to_address, to_name, subject, body, created_at, sent_at, attempts, last_error";

impl Db {
    /// Puts an email in the outbox on its own (no other change causes it).
    pub async fn queue_email(
        &self,
        email: &OutgoingEmail,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let mut tx = Tx::begin(self).await?;
        enqueue(&mut tx, email, at).await?;
        tx.commit().await
    }

    /// Emails waiting to be sent, oldest first.
    pub async fn pending_emails(&self, limit: i64) -> Result<Vec<QueuedEmail>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM outbox WHERE sent_at IS NULL AND attempts < $1 \
             ORDER BY id LIMIT $2"
        );
        Ok(dispatch!(Db, self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(MAX_ATTEMPTS).bind(limit).fetch_all(pool).await?
        }))
    }

    /// The newest emails in the outbox, sent or not, newest first.
    pub async fn recent_emails(&self, limit: i64) -> Result<Vec<QueuedEmail>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM outbox ORDER BY id DESC LIMIT $1");
        Ok(dispatch!(Db, self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(limit).fetch_all(pool).await?
        }))
    }

    /// Records that an email was delivered.
    pub async fn mark_email_sent(&self, id: i64, at: OffsetDateTime) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE outbox SET sent_at = $1, attempts = attempts + 1, \
             last_error = NULL WHERE id = $2";
        let at = to_stored_instant(at);
        dispatch!(Db, self, pool => {
            sqlx::query(SQL).bind(at).bind(id).execute(pool).await?;
        });
        Ok(())
    }

    /// Records a failed attempt to deliver an email; it is tried again later.
    pub async fn mark_email_failed(&self, id: i64, error: &str) -> Result<(), StoreError> {
        const SQL: &str =
            "UPDATE outbox SET attempts = attempts + 1, last_error = $1 WHERE id = $2";
        dispatch!(Db, self, pool => {
            sqlx::query(SQL).bind(error).bind(id).execute(pool).await?;
        });
        Ok(())
    }
}
