//! People and their roles.

use masteryhub_domain::{Email, Role, RoleGrant, Scope, Urn};
use time::OffsetDateTime;

use serde_json::json;

use crate::audit::{self, Actor, Change};
use crate::text::to_stored_instant;
use crate::{Db, StoreError, Tx, dispatch};

/// A person with their roles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub roles: Vec<RoleGrant>,
}

/// What adding a person did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// A new person, with the role.
    NewPerson(i64),
    /// The person existed; the role is new to them.
    RoleToExistingPerson(i64),
    /// The person already held the role: nothing changed.
    Unchanged(i64),
}

fn scope_key(scope: &Scope) -> String {
    match scope {
        Scope::National => "national".to_owned(),
        Scope::Hub(code) => format!("hub:{code}"),
        Scope::School(urn) => format!("school:{urn}"),
    }
}

#[derive(sqlx::FromRow)]
struct RoleRow {
    role: String,
    hub_code: Option<String>,
    school_urn: Option<i64>,
}

impl RoleRow {
    fn grant(self) -> Result<RoleGrant, StoreError> {
        let invalid = |e: &dyn std::fmt::Display| StoreError::Invalid(format!("stored role: {e}"));
        let role = Role::parse(&self.role).map_err(|e| invalid(&e))?;
        let school = self
            .school_urn
            .map(Urn::try_from)
            .transpose()
            .map_err(|e| invalid(&e))?;
        RoleGrant::new(role, self.hub_code.as_deref(), school).map_err(|e| invalid(&e))
    }
}

impl Db {
    /// Gives `grant` to the person with `email`, adding the person first if they are new. The
    /// hub or school of the role must exist.
    pub async fn add_person_with_role(
        &self,
        email: &Email,
        name: &str,
        grant: &RoleGrant,
        actor: &Actor,
        at: OffsetDateTime,
    ) -> Result<Added, StoreError> {
        self.check_grant(name, grant).await?;
        let name = name.trim();
        let mut tx = Tx::begin(self).await?;
        let added = grant_role(&mut tx, email, name, grant, actor, at).await?;
        tx.commit().await?;
        Ok(added)
    }

    /// Refuses an empty name, and a role in a hub or school that does not exist.
    pub(crate) async fn check_grant(
        &self,
        name: &str,
        grant: &RoleGrant,
    ) -> Result<(), StoreError> {
        if name.trim().is_empty() {
            return Err(StoreError::Invalid("a name is needed".into()));
        }
        match grant.scope() {
            Scope::Hub(code) if self.hub(code).await?.is_none() => {
                Err(StoreError::Invalid(format!("no hub with code '{code}'")))
            }
            Scope::School(urn) if self.school(*urn).await?.is_none() => {
                Err(StoreError::Invalid(format!("no school with URN {urn}")))
            }
            _ => Ok(()),
        }
    }

    /// A person's roles.
    pub async fn roles_of(&self, person_id: i64) -> Result<Vec<RoleGrant>, StoreError> {
        const SQL: &str = "SELECT role, hub_code, school_urn FROM person_roles \
             WHERE person_id = $1 ORDER BY role, scope_key";
        let rows: Vec<RoleRow> = dispatch!(Db, self, pool => {
            sqlx::query_as(SQL).bind(person_id).fetch_all(pool).await?
        });
        rows.into_iter().map(RoleRow::grant).collect()
    }

    /// The person with this email address (in any case), with their roles.
    pub async fn person_by_email(&self, email: &Email) -> Result<Option<Person>, StoreError> {
        const PERSON: &str = "SELECT id, email, name FROM people WHERE email_normalised = $1";
        let person: Option<(i64, String, String)> = dispatch!(Db, self, pool => {
            sqlx::query_as(PERSON).bind(email.normalised()).fetch_optional(pool).await?
        });
        let Some((id, email, name)) = person else {
            return Ok(None);
        };
        let roles = self.roles_of(id).await?;
        Ok(Some(Person {
            id,
            email,
            name,
            roles,
        }))
    }
}

/// Gives `grant` to the person with `email` inside `tx`, adding the person first if they are new,
/// and writes the change to the audit trail. The caller has checked the hub or school exists.
pub(crate) async fn grant_role(
    tx: &mut Tx,
    email: &Email,
    name: &str,
    grant: &RoleGrant,
    actor: &Actor,
    at: OffsetDateTime,
) -> Result<Added, StoreError> {
    const FIND: &str = "SELECT id FROM people WHERE email_normalised = $1";
    // Two grants to a new address racing: PostgreSQL makes the second insert wait for the
    // first to commit and then do nothing, and the second finds the person the first added
    // (rather than failing on the unique address).
    const ADD: &str = "INSERT INTO people (email, email_normalised, name, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (email_normalised) DO NOTHING RETURNING id";
    const GRANT: &str = "INSERT INTO person_roles \
         (person_id, role, hub_code, school_urn, scope_key, granted_at) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (person_id, role, scope_key) DO NOTHING";
    let at = to_stored_instant(at);
    let (hub, school) = match grant.scope() {
        Scope::National => (None, None),
        Scope::Hub(code) => (Some(code.clone()), None),
        Scope::School(urn) => (None, Some(i64::from(*urn))),
    };
    let added = dispatch!(Tx, &mut *tx, tx => {
        let found: Option<i64> = sqlx::query_scalar(FIND)
            .bind(email.normalised())
            .fetch_optional(&mut **tx)
            .await?;
        let added: Option<i64> = match found {
            Some(_) => None,
            None => sqlx::query_scalar(ADD)
                .bind(email.as_str())
                .bind(email.normalised())
                .bind(name)
                .bind(at)
                .fetch_optional(&mut **tx)
                .await?,
        };
        let (existing, id) = match (found, added) {
            (Some(id), _) => (Some(id), id),
            (None, Some(id)) => (None, id),
            // Added by another transaction after this one looked.
            (None, None) => {
                let id: i64 = sqlx::query_scalar(FIND)
                    .bind(email.normalised())
                    .fetch_one(&mut **tx)
                    .await?;
                (Some(id), id)
            }
        };
        let granted = sqlx::query(GRANT)
            .bind(id)
            .bind(grant.role().as_str())
            .bind(hub)
            .bind(school)
            .bind(scope_key(grant.scope()))
            .bind(at)
            .execute(&mut **tx)
            .await?
            .rows_affected();
        match (existing, granted) {
            (None, _) => Added::NewPerson(id),
            (Some(_), 0) => Added::Unchanged(id),
            (Some(_), _) => Added::RoleToExistingPerson(id),
        }
    });
    let (id, action) = match added {
        Added::NewPerson(id) => (id, Some("added with a role")),
        Added::RoleToExistingPerson(id) => (id, Some("given a role")),
        Added::Unchanged(id) => (id, None),
    };
    if let Some(action) = action {
        let change = Change {
            record_type: "person",
            record_id: id.to_string(),
            action,
            before: None,
            after: Some(json!({
                "email": email.as_str(),
                "name": name,
                "role": grant.role().as_str(),
                "scope": grant.scope(),
            })),
        };
        audit::record(tx, actor, at, change).await?;
    }
    Ok(added)
}
