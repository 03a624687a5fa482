//! Everything held about a person, to give them (export) or to remove (erase).

use serde::Serialize;
use serde_json::json;
use time::OffsetDateTime;

use crate::api_tokens::ApiToken;
use crate::audit::{self, Actor, AuditEvent, Change};
use crate::text::to_stored_instant;
use crate::{Db, StoreError, Tx, dispatch};

/// A person's data, as exported.
#[derive(Debug, Clone, Serialize)]
pub struct PersonalData {
    pub person_id: i64,
    pub email: String,
    pub name: String,
    pub created_at: OffsetDateTime,
    pub has_password: bool,
    pub roles: Vec<serde_json::Value>,
    pub api_tokens: Vec<ApiToken>,
    pub sessions: Vec<SessionSummary>,
    /// Changes made to the person's record.
    pub history: Vec<AuditEvent>,
    /// Changes the person made.
    pub changes_made: Vec<AuditEvent>,
    /// Email sent (or waiting) to them.
    pub emails: Vec<crate::outbox::QueuedEmail>,
}

/// A session, without its secrets.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct SessionSummary {
    pub created_at: OffsetDateTime,
    pub last_seen_at: OffsetDateTime,
    pub revoked_at: Option<OffsetDateTime>,
}

impl Db {
    /// Everything held about a person, or `None` if there is no such person.
    pub async fn export_person(&self, person_id: i64) -> Result<Option<PersonalData>, StoreError> {
        const PERSON: &str = "SELECT email, name, created_at, \
             CASE WHEN password_hash IS NULL THEN FALSE ELSE TRUE END FROM people WHERE id = $1";
        const SESSIONS: &str = "SELECT created_at, last_seen_at, revoked_at FROM sessions \
             WHERE person_id = $1 ORDER BY created_at";
        const MADE: &str = "SELECT id, at, actor_label, record_type, record_id, action, \
             before_json, after_json FROM audit_events WHERE actor_person_id = $1 ORDER BY at, id";
        let person: Option<(String, String, OffsetDateTime, bool)> = dispatch!(Db, self, pool => {
            sqlx::query_as(PERSON).bind(person_id).fetch_optional(pool).await?
        });
        let Some((email, name, created_at, has_password)) = person else {
            return Ok(None);
        };
        let roles = match masteryhub_domain::Email::for_lookup(&email) {
            Ok(parsed) => self
                .person_by_email(&parsed)
                .await?
                .map(|p| p.roles)
                .unwrap_or_default(),
            Err(_) => Vec::new(),
        };
        const EMAILS: &str = "SELECT id, to_address, to_name, subject, body, created_at, \
             sent_at, attempts, last_error FROM outbox WHERE lower(to_address) = $1 ORDER BY id";
        let (sessions, changes_made, emails) = dispatch!(Db, self, pool => (
            sqlx::query_as(SESSIONS).bind(person_id).fetch_all(pool).await?,
            sqlx::query_as(MADE).bind(person_id).fetch_all(pool).await?,
            sqlx::query_as(EMAILS).bind(email.to_lowercase()).fetch_all(pool).await?,
        ));
        Ok(Some(PersonalData {
            person_id,
            email,
            name,
            created_at,
            has_password,
            roles: roles.iter().map(|r| json!(r)).collect(),
            api_tokens: self.api_tokens(person_id).await?,
            sessions,
            history: self.audit_history("person", &person_id.to_string()).await?,
            changes_made,
            emails,
        }))
    }

    /// Erases a person: their name, email address and password go, their sessions and tokens
    /// end, and their roles are removed. What they did stays in the audit trail, under
    /// "erased person N", so the history of records and the figures keep their shape. False
    /// when there is no such person; a person erased already (by a racing request, say) is
    /// refused with [`StoreError::Conflict`].
    pub async fn erase_person(
        &self,
        person_id: i64,
        actor: &Actor,
        at: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let stored_at = to_stored_instant(at);
        let placeholder = format!("erased person {person_id}");
        let mut tx = Tx::begin(self).await?;
        let erased = dispatch!(Tx, &mut tx, tx => {
            // Email to them held their address; their links are of no further use.
            sqlx::query("DELETE FROM outbox WHERE lower(to_address) = \
                 (SELECT email_normalised FROM people WHERE id = $1)")
                .bind(person_id).execute(&mut **tx).await?;
            sqlx::query("DELETE FROM one_time_links WHERE person_id = $1")
                .bind(person_id).execute(&mut **tx).await?;
            // Only a person not erased yet: of erasures racing, one is made.
            let erased = sqlx::query(
                "UPDATE people SET name = $1, email = $2, email_normalised = $2, \
                 password_hash = NULL WHERE id = $3 AND email_normalised <> $2",
            )
            .bind(&placeholder)
            .bind(format!("erased-{person_id}@erased.invalid"))
            .bind(person_id)
            .execute(&mut **tx)
            .await?
            .rows_affected();
            if erased > 0 {
                sqlx::query("DELETE FROM person_roles WHERE person_id = $1")
                    .bind(person_id).execute(&mut **tx).await?;
                sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE person_id = $2 AND revoked_at IS NULL")
                    .bind(stored_at).bind(person_id).execute(&mut **tx).await?;
                sqlx::query("UPDATE api_tokens SET revoked_at = $1, label = '' WHERE person_id = $2")
                    .bind(stored_at).bind(person_id).execute(&mut **tx).await?;
                sqlx::query("UPDATE audit_events SET actor_label = $1 WHERE actor_person_id = $2")
                    .bind(&placeholder).bind(person_id).execute(&mut **tx).await?;
                // The person's own record no longer shows what their fields were.
                sqlx::query("UPDATE audit_events SET before_json = NULL, after_json = NULL \
                     WHERE record_type = 'person' AND record_id = $1")
                    .bind(person_id.to_string()).execute(&mut **tx).await?;
            }
            erased > 0
        });
        if !erased {
            let exists: Option<i64> = dispatch!(Tx, &mut tx, tx => {
                sqlx::query_scalar("SELECT id FROM people WHERE id = $1")
                    .bind(person_id).fetch_optional(&mut **tx).await?
            });
            if exists.is_some() {
                return Err(StoreError::Conflict(
                    "This person's personal data has been erased already".into(),
                ));
            }
        }
        if erased {
            let change = Change {
                record_type: "person",
                record_id: person_id.to_string(),
                action: "erased",
                before: None,
                after: None,
            };
            audit::record(&mut tx, actor, at, change).await?;
        }
        tx.commit().await?;
        Ok(erased)
    }
}
