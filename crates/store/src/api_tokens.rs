//! API tokens: long random secrets, stored as hashes, each acting as one person.

use serde::Serialize;
use time::OffsetDateTime;

use serde_json::json;

use crate::audit::{self, Actor, Change};
use crate::sessions::SessionRecord;
use crate::text::to_stored_instant;
use crate::{Db, StoreError, Tx, dispatch};

/// A token as its owner sees it in a list (never the secret itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ApiToken {
    pub id: i64,
    pub label: String,
    pub created_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
}

impl Db {
    /// Records a new token for a person.
    pub async fn create_api_token(
        &self,
        person_id: i64,
        token_hash: &str,
        label: &str,
        actor: &Actor,
        at: OffsetDateTime,
    ) -> Result<i64, StoreError> {
        let label = label.trim();
        if label.is_empty() {
            return Err(StoreError::Invalid("a token needs a label".into()));
        }
        const SQL: &str = "INSERT INTO api_tokens (token_hash, person_id, label, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id";
        let stored_at = to_stored_instant(at);
        let mut tx = Tx::begin(self).await?;
        let id: i64 = dispatch!(Tx, &mut tx, tx => {
            sqlx::query_scalar(SQL).bind(token_hash).bind(person_id).bind(label).bind(stored_at)
                .fetch_one(&mut **tx).await?
        });
        let change = Change {
            record_type: "person",
            record_id: person_id.to_string(),
            action: "API token made",
            before: None,
            after: Some(json!({"token": id, "label": label})),
        };
        audit::record(&mut tx, actor, at, change).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The person a live token acts as, recording its use (at most once a minute).
    pub async fn api_token_person(
        &self,
        token_hash: &str,
        at: OffsetDateTime,
    ) -> Result<Option<SessionRecord>, StoreError> {
        // A token has no CSRF token and no session times: it is not a browser session.
        const SQL: &str = "SELECT t.person_id, p.name, p.email, '' AS csrf_token, \
             t.created_at, t.created_at AS last_seen_at \
             FROM api_tokens t JOIN people p ON p.id = t.person_id \
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL";
        const TOUCH: &str = "UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2 \
             AND (last_used_at IS NULL OR last_used_at < $3)";
        let at = to_stored_instant(at);
        let found: Option<SessionRecord> = dispatch!(Db, self, pool => {
            sqlx::query_as(SQL).bind(token_hash).fetch_optional(pool).await?
        });
        if found.is_some() {
            dispatch!(Db, self, pool => {
                sqlx::query(TOUCH).bind(at).bind(token_hash).bind(at - time::Duration::minutes(1))
                    .execute(pool).await?;
            });
        }
        Ok(found)
    }

    /// A person's live tokens, newest first.
    pub async fn api_tokens(&self, person_id: i64) -> Result<Vec<ApiToken>, StoreError> {
        const SQL: &str = "SELECT id, label, created_at, last_used_at FROM api_tokens \
             WHERE person_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC, id DESC";
        Ok(dispatch!(Db, self, pool => {
            sqlx::query_as(SQL).bind(person_id).fetch_all(pool).await?
        }))
    }

    /// Revokes one of a person's tokens; false when the person has no such live token.
    pub async fn revoke_api_token(
        &self,
        person_id: i64,
        token_id: i64,
        actor: &Actor,
        at: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE api_tokens SET revoked_at = $1 \
             WHERE id = $2 AND person_id = $3 AND revoked_at IS NULL";
        let stored_at = to_stored_instant(at);
        let mut tx = Tx::begin(self).await?;
        let revoked = dispatch!(Tx, &mut tx, tx => {
            sqlx::query(SQL).bind(stored_at).bind(token_id).bind(person_id).execute(&mut **tx)
                .await?.rows_affected()
        });
        if revoked == 0 {
            return Ok(false);
        }
        let change = Change {
            record_type: "person",
            record_id: person_id.to_string(),
            action: "API token revoked",
            before: Some(json!({"token": token_id})),
            after: None,
        };
        audit::record(&mut tx, actor, at, change).await?;
        tx.commit().await?;
        Ok(true)
    }
}
