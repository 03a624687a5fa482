//! The audit trail: who changed which record, when, with the fields before and after. Every
//! change writes its event in the change's own transaction ([`record`]).

use serde::Serialize;
use serde_json::Value;
use time::OffsetDateTime;

use crate::text::to_stored_instant;
use crate::{Db, StoreError, Tx, dispatch};

/// Who made a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The person, when a signed-in person acted.
    pub person_id: Option<i64>,
    /// How the trail names them: a person's name, or "command line (USER)".
    pub label: String,
}

impl Actor {
    /// The operator of the command line.
    pub fn command_line(operator: &str) -> Self {
        Self {
            person_id: None,
            label: format!("command line ({operator})"),
        }
    }

    /// A signed-in person.
    pub fn person(person_id: i64, name: &str) -> Self {
        Self {
            person_id: Some(person_id),
            label: name.to_owned(),
        }
    }
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct AuditEvent {
    pub id: i64,
    pub at: OffsetDateTime,
    pub actor_label: String,
    pub record_type: String,
    pub record_id: String,
    pub action: String,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
}

/// What changed: the record, the action, and its fields before and after.
pub(crate) struct Change<'a> {
    pub record_type: &'a str,
    pub record_id: String,
    pub action: &'a str,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// Writes `change` by `actor` at `at` inside the transaction making it.
pub(crate) async fn record(
    tx: &mut Tx,
    actor: &Actor,
    at: OffsetDateTime,
    change: Change<'_>,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO audit_events (at, actor_person_id, actor_label, record_type, \
         record_id, action, before_json, after_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    let at = to_stored_instant(at);
    let json = |v: Option<Value>| v.map(|v| v.to_string());
    let (before, after) = (json(change.before), json(change.after));
    dispatch!(Tx, tx, tx => {
        sqlx::query(SQL)
            .bind(at)
            .bind(actor.person_id)
            .bind(&actor.label)
            .bind(change.record_type)
            .bind(&change.record_id)
            .bind(change.action)
            .bind(before)
            .bind(after)
            .execute(&mut **tx)
            .await?;
    });
    Ok(())
}

impl Db {
    /// A record's history, oldest first.
    pub async fn audit_history(
        &self,
        record_type: &str,
        record_id: &str,
    ) -> Result<Vec<AuditEvent>, StoreError> {
        const SQL: &str = "SELECT id, at, actor_label, record_type, record_id, action, \
             before_json, after_json FROM audit_events \
             WHERE record_type = $1 AND record_id = $2 ORDER BY at, id";
        Ok(dispatch!(Db, self, pool => {
            sqlx::query_as(SQL).bind(record_type).bind(record_id).fetch_all(pool).await?
        }))
    }
}
