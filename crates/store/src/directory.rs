//! Finding people and changes: the people of a school, the list of everyone for national
//! admins, and a search of the audit trail.

use masteryhub_domain::{RoleGrant, Urn};
use sqlx::AssertSqlSafe;
use time::OffsetDateTime;

use crate::audit::AuditEvent;
use crate::text::{contains_pattern, to_stored_instant};
use crate::{Db, StoreError, dispatch};

/// A person holding a role at a school.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SchoolMember {
    pub person_id: i64,
    pub name: String,
    pub email: String,
    pub role: String,
    pub has_password: bool,
}

/// A person in the list of everyone.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PersonSummary {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub roles: i64,
}

/// A person's account, as a national admin sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub has_password: bool,
    pub created_at: OffsetDateTime,
    pub roles: Vec<RoleGrant>,
}

/// What to look for in the audit trail; every field narrows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditQuery {
    pub record_type: Option<String>,
    pub record_id: Option<String>,
    /// Part of the actor's name, in any case.
    pub actor: Option<String>,
    pub from: Option<OffsetDateTime>,
    pub until: Option<OffsetDateTime>,
}

/// A page of results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<T> {
    pub total: i64,
    pub items: Vec<T>,
}

enum Arg {
    Text(String),
    Instant(OffsetDateTime),
}

impl Db {
    /// The people holding a role at a school, by name.
    pub async fn school_members(&self, urn: Urn) -> Result<Vec<SchoolMember>, StoreError> {
        const SQL: &str = "SELECT p.id AS person_id, p.name, p.email, r.role, \
             CASE WHEN p.password_hash IS NULL THEN FALSE ELSE TRUE END AS has_password \
             FROM person_roles r JOIN people p ON p.id = r.person_id \
             WHERE r.school_urn = $1 ORDER BY p.name, p.id, r.role";
        Ok(dispatch!(Db, self, pool => {
            sqlx::query_as(SQL).bind(i64::from(urn)).fetch_all(pool).await?
        }))
    }

    /// People whose name or email address holds `text` (everyone without it), by name.
    pub async fn search_people(
        &self,
        text: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> Result<Found<PersonSummary>, StoreError> {
        let pattern = text
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| contains_pattern(&t.to_lowercase()));
        let filter = if pattern.is_some() {
            "WHERE (lower(p.name) LIKE $1 ESCAPE '\\' OR p.email_normalised LIKE $1 ESCAPE '\\')"
        } else {
            "WHERE $1 IS NULL"
        };
        let count = format!("SELECT COUNT(*) FROM people p {filter}");
        let page = format!(
            "SELECT p.id, p.name, p.email, \
             CAST((SELECT COUNT(*) FROM person_roles r WHERE r.person_id = p.id) AS BIGINT) AS roles \
             FROM people p {filter} ORDER BY p.name, p.id LIMIT $2 OFFSET $3"
        );
        let (total, items) = dispatch!(Db, self, pool => (
            sqlx::query_scalar(AssertSqlSafe(count)).bind(&pattern).fetch_one(pool).await?,
            sqlx::query_as(AssertSqlSafe(page)).bind(&pattern).bind(limit).bind(offset)
                .fetch_all(pool).await?,
        ));
        Ok(Found { total, items })
    }

    /// One person's account, or `None`.
    pub async fn account(&self, person_id: i64) -> Result<Option<Account>, StoreError> {
        const SQL: &str = "SELECT id, name, email, \
             CASE WHEN password_hash IS NULL THEN FALSE ELSE TRUE END, created_at \
             FROM people WHERE id = $1";
        let row: Option<(i64, String, String, bool, OffsetDateTime)> = dispatch!(Db, self, pool => {
            sqlx::query_as(SQL).bind(person_id).fetch_optional(pool).await?
        });
        let Some((id, name, email, has_password, created_at)) = row else {
            return Ok(None);
        };
        Ok(Some(Account {
            id,
            name,
            email,
            has_password,
            created_at,
            roles: self.roles_of(id).await?,
        }))
    }

    /// Changes matching `query`, newest first.
    pub async fn search_audit(
        &self,
        query: &AuditQuery,
        limit: i64,
        offset: i64,
    ) -> Result<Found<AuditEvent>, StoreError> {
        let mut args = Vec::new();
        let mut conditions = Vec::new();
        let mut push = |condition: &str, arg: Arg| {
            args.push(arg);
            conditions.push(condition.replace('?', &format!("${}", args.len())));
        };
        if let Some(kind) = &query.record_type {
            push("record_type = ?", Arg::Text(kind.clone()));
        }
        if let Some(id) = &query.record_id {
            push("record_id = ?", Arg::Text(id.clone()));
        }
        if let Some(actor) = &query.actor {
            let pattern = contains_pattern(&actor.to_lowercase());
            push("lower(actor_label) LIKE ? ESCAPE '\\'", Arg::Text(pattern));
        }
        if let Some(from) = query.from {
            push("at >= ?", Arg::Instant(to_stored_instant(from)));
        }
        if let Some(until) = query.until {
            push("at < ?", Arg::Instant(to_stored_instant(until)));
        }
        let filter = if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conditions.join(" AND "))
        };
        let n = args.len();
        let count = format!("SELECT COUNT(*) FROM audit_events {filter}");
        let page = format!(
            "SELECT id, at, actor_label, record_type, record_id, action, before_json, \
             after_json FROM audit_events {filter} ORDER BY at DESC, id DESC \
             LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        let (total, items) = dispatch!(Db, self, pool => {
            let mut count = sqlx::query_scalar(AssertSqlSafe(count));
            let mut page = sqlx::query_as(AssertSqlSafe(page));
            for arg in &args {
                (count, page) = match arg {
                    Arg::Text(text) => (count.bind(text.clone()), page.bind(text.clone())),
                    Arg::Instant(at) => (count.bind(*at), page.bind(*at)),
                };
            }
            (
                count.fetch_one(pool).await?,
                page.bind(limit).bind(offset).fetch_all(pool).await?,
            )
        });
        Ok(Found { total, items })
    }

    /// The kinds of record the audit trail holds changes to.
    pub async fn audit_record_types(&self) -> Result<Vec<String>, StoreError> {
        const SQL: &str = "SELECT DISTINCT record_type FROM audit_events ORDER BY record_type";
        Ok(dispatch!(Db, self, pool => sqlx::query_scalar(SQL).fetch_all(pool).await?))
    }
}
