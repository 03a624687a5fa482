//! Single-use links sent by email: a password reset, or an invitation to set a first password.
//! Only a hash of the link's secret is kept; a link works once, until it expires. Using one
//! spends every other open link of the same person (reset and invitation alike), and an
//! invitation stops working once its person has a password, however it was set.

use masteryhub_domain::{Email, RoleGrant};
use serde_json::json;
use time::OffsetDateTime;

use crate::audit::{self, Actor, Change};
use crate::outbox::{OutgoingEmail, enqueue};
use crate::people::{Added, grant_role};
use crate::text::to_stored_instant;
use crate::{Db, StoreError, Tx, dispatch};

/// What a link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    PasswordReset,
    Invitation,
}

impl LinkPurpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::PasswordReset => "password_reset",
            Self::Invitation => "invitation",
        }
    }
}

/// A new link: the hash of its secret and when it stops working.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLink<'a> {
    pub token_hash: &'a str,
    pub expires_at: OffsetDateTime,
}

/// The person a live link is for.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct LinkHolder {
    pub person_id: i64,
    pub name: String,
    pub email: String,
}

/// At most this many password reset emails go to one account in an hour.
pub const RESETS_PER_HOUR: i64 = 3;

/// Erased people keep an address in this domain, which no link may be sent to.
const ERASED: &str = "%@erased.invalid";

async fn insert_link(
    tx: &mut Tx,
    purpose: LinkPurpose,
    person_id: i64,
    link: &NewLink<'_>,
    at: OffsetDateTime,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO one_time_links \
         (token_hash, purpose, person_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)";
    dispatch!(Tx, tx, tx => {
        sqlx::query(SQL)
            .bind(link.token_hash)
            .bind(purpose.as_str())
            .bind(person_id)
            .bind(to_stored_instant(at))
            .bind(to_stored_instant(link.expires_at))
            .execute(&mut **tx)
            .await?;
    });
    Ok(())
}

/// What an invitation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invited {
    pub added: Added,
    /// Whether the person has no password yet, so the email carries a link to set one.
    pub needs_password: bool,
}

impl Db {
    /// For the account with this address (if there is one, and it has had fewer than
    /// [`RESETS_PER_HOUR`] resets in the last hour), records a reset link and puts the email
    /// `compose` writes for its holder in the outbox, in one transaction. Whether an email was
    /// sent is returned for tests and logs; a person is never told.
    pub async fn start_password_reset(
        &self,
        email: &Email,
        link: &NewLink<'_>,
        at: OffsetDateTime,
        compose: impl FnOnce(&LinkHolder) -> OutgoingEmail,
    ) -> Result<bool, StoreError> {
        const HOLDER: &str = "SELECT id AS person_id, name, email FROM people \
             WHERE email_normalised = $1 AND email_normalised NOT LIKE $2";
        const RECENT: &str = "SELECT COUNT(*) FROM one_time_links \
             WHERE person_id = $1 AND purpose = $2 AND created_at > $3";
        let mut tx = Tx::begin(self).await?;
        let since = to_stored_instant(at - time::Duration::HOUR);
        let holder: Option<(LinkHolder, i64)> = dispatch!(Tx, &mut tx, tx => {
            let holder: Option<LinkHolder> = sqlx::query_as(HOLDER)
                .bind(email.normalised()).bind(ERASED).fetch_optional(&mut **tx).await?;
            match holder {
                Some(holder) => {
                    let recent: i64 = sqlx::query_scalar(RECENT)
                        .bind(holder.person_id)
                        .bind(LinkPurpose::PasswordReset.as_str())
                        .bind(since)
                        .fetch_one(&mut **tx)
                        .await?;
                    Some((holder, recent))
                }
                None => None,
            }
        });
        let Some((holder, recent)) = holder else {
            return Ok(false);
        };
        if recent >= RESETS_PER_HOUR {
            return Ok(false);
        }
        insert_link(
            &mut tx,
            LinkPurpose::PasswordReset,
            holder.person_id,
            link,
            at,
        )
        .await?;
        enqueue(&mut tx, &compose(&holder), at).await?;
        let change = Change {
            record_type: "person",
            record_id: holder.person_id.to_string(),
            action: "password reset emailed",
            before: None,
            after: None,
        };
        audit::record(
            &mut tx,
            &Actor::person(holder.person_id, &holder.name),
            at,
            change,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Gives `grant` to the person with `email` (adding them if they are new) and emails them,
    /// in one transaction. Someone without a password gets a link to set one (`link`); someone
    /// who already signs in is told of their new role. The hub or school must exist.
    #[allow(clippy::too_many_arguments)]
    pub async fn invite(
        &self,
        email: &Email,
        name: &str,
        grant: &RoleGrant,
        actor: &Actor,
        link: &NewLink<'_>,
        at: OffsetDateTime,
        compose: impl FnOnce(&Invited) -> OutgoingEmail,
    ) -> Result<Invited, StoreError> {
        self.check_grant(name, grant).await?;
        let mut tx = Tx::begin(self).await?;
        let added = grant_role(&mut tx, email, name.trim(), grant, actor, at).await?;
        let person_id = match added {
            Added::NewPerson(id) | Added::RoleToExistingPerson(id) | Added::Unchanged(id) => id,
        };
        const HAS_PASSWORD: &str = "SELECT CASE WHEN password_hash IS NULL THEN FALSE ELSE TRUE END FROM people WHERE id = $1";
        let has_password: bool = dispatch!(Tx, &mut tx, tx => {
            sqlx::query_scalar(HAS_PASSWORD).bind(person_id).fetch_one(&mut **tx).await?
        });
        let invited = Invited {
            added,
            needs_password: !has_password,
        };
        if invited.needs_password {
            insert_link(&mut tx, LinkPurpose::Invitation, person_id, link, at).await?;
        }
        enqueue(&mut tx, &compose(&invited), at).await?;
        let change = Change {
            record_type: "person",
            record_id: person_id.to_string(),
            action: "invited",
            before: None,
            after: Some(json!({"role": grant.role().as_str(), "scope": grant.scope()})),
        };
        audit::record(&mut tx, actor, at, change).await?;
        tx.commit().await?;
        Ok(invited)
    }

    /// The holder of a link that is unused and unexpired at `at` (an invitation only while its
    /// holder has no password).
    pub async fn live_link(
        &self,
        token_hash: &str,
        purpose: LinkPurpose,
        at: OffsetDateTime,
    ) -> Result<Option<LinkHolder>, StoreError> {
        const SQL: &str = "SELECT p.id AS person_id, p.name, p.email FROM one_time_links l \
             JOIN people p ON p.id = l.person_id \
             WHERE l.token_hash = $1 AND l.purpose = $2 AND l.used_at IS NULL \
             AND l.expires_at > $3 AND p.email_normalised NOT LIKE $4 \
             AND (l.purpose <> 'invitation' OR p.password_hash IS NULL)";
        Ok(dispatch!(Db, self, pool => {
            sqlx::query_as(SQL)
                .bind(token_hash)
                .bind(purpose.as_str())
                .bind(to_stored_instant(at))
                .bind(ERASED)
                .fetch_optional(pool)
                .await?
        }))
    }

    /// Uses a live link to set its holder's password, once: the link is spent with every other
    /// open link of theirs, every session of theirs ends, and the change is in the audit trail,
    /// in one transaction. `None` if the link is not live (used, expired or unknown).
    pub async fn set_password_by_link(
        &self,
        token_hash: &str,
        purpose: LinkPurpose,
        password_hash: &str,
        at: OffsetDateTime,
    ) -> Result<Option<LinkHolder>, StoreError> {
        let Some(holder) = self.live_link(token_hash, purpose, at).await? else {
            return Ok(None);
        };
        const SPEND: &str = "UPDATE one_time_links SET used_at = $1 \
             WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 \
             AND (purpose <> 'invitation' \
             OR person_id IN (SELECT id FROM people WHERE password_hash IS NULL))";
        const SPEND_OTHERS: &str = "UPDATE one_time_links SET used_at = $1 \
             WHERE person_id = $2 AND used_at IS NULL";
        const PASSWORD: &str = "UPDATE people SET password_hash = $1 WHERE id = $2";
        const END_SESSIONS: &str = "UPDATE sessions SET revoked_at = $1 \
             WHERE person_id = $2 AND revoked_at IS NULL";
        let stored_at = to_stored_instant(at);
        let mut tx = Tx::begin(self).await?;
        let spent = dispatch!(Tx, &mut tx, tx => {
            let spent = sqlx::query(SPEND).bind(stored_at).bind(token_hash)
                .execute(&mut **tx).await?.rows_affected();
            if spent == 1 {
                sqlx::query(SPEND_OTHERS).bind(stored_at).bind(holder.person_id)
                    .execute(&mut **tx).await?;
                sqlx::query(PASSWORD).bind(password_hash).bind(holder.person_id)
                    .execute(&mut **tx).await?;
                sqlx::query(END_SESSIONS).bind(stored_at).bind(holder.person_id)
                    .execute(&mut **tx).await?;
            }
            spent == 1
        });
        if !spent {
            // Another request used it first.
            return Ok(None);
        }
        let change = Change {
            record_type: "person",
            record_id: holder.person_id.to_string(),
            action: match purpose {
                LinkPurpose::PasswordReset => "password reset",
                LinkPurpose::Invitation => "invitation accepted",
            },
            before: None,
            after: None,
        };
        audit::record(
            &mut tx,
            &Actor::person(holder.person_id, &holder.name),
            at,
            change,
        )
        .await?;
        tx.commit().await?;
        Ok(Some(holder))
    }
}
