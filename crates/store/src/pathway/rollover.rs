//! Year rollover: the departments of a hub that completed a stage (under their own URN or a
//! predecessor's), and the invitations to join the next one, sent in one transaction.

use masteryhub_domain::{AcademicYear, Urn};
use serde_json::json;
use time::OffsetDateTime;

use super::year_text;
use crate::audit::{self, Actor, Change};
use crate::outbox::{OutgoingEmail, enqueue};
use crate::{Db, StoreError, Tx, dispatch};

impl Db {
    /// The schools of a hub whose department has completed a pathway year: each completed
    /// year's school, or the open school that succeeded it. By school name.
    pub async fn completed_departments(&self, hub_code: &str) -> Result<Vec<Urn>, StoreError> {
        const SQL: &str = "SELECT DISTINCT COALESCE(succ.urn, s.urn) AS urn, \
             COALESCE(succ.name, s.name) AS name \
             FROM participations p JOIN schools s ON s.urn = p.urn \
             LEFT JOIN school_links l ON l.urn = s.urn AND l.direction = 'successor' \
                AND s.is_open = FALSE \
             LEFT JOIN schools succ ON succ.urn = l.link_urn \
             LEFT JOIN school_hub_overrides o ON o.urn = COALESCE(succ.urn, s.urn) \
             LEFT JOIN local_authorities la ON la.code = COALESCE(succ.la_code, s.la_code) \
             WHERE p.outcome = 'completed' AND p.stage IN ('development', 'embedding', 'sustaining') \
             AND COALESCE(o.hub_code, la.hub_code) = $1 \
             ORDER BY 2, 1";
        let rows: Vec<(i64, String)> = dispatch!(Db, self, pool => {
            sqlx::query_as(SQL).bind(hub_code).fetch_all(pool).await?
        });
        Ok(rows
            .into_iter()
            .filter_map(|(urn, _)| Urn::try_from(urn).ok())
            .collect())
    }

    /// The schools with a place or an open application in `year` (they need no invitation).
    pub async fn engaged_in(&self, year: AcademicYear) -> Result<Vec<i64>, StoreError> {
        const SQL: &str = "SELECT urn FROM participations WHERE academic_year = $1 \
             AND outcome <> 'withdrawn' \
             UNION SELECT urn FROM applications WHERE academic_year = $1 \
             AND status NOT IN ('declined', 'withdrawn')";
        Ok(dispatch!(Db, self, pool => {
            sqlx::query_scalar(SQL).bind(year_text(year)).fetch_all(pool).await?
        }))
    }

    /// Sends a hub's rollover invitations for `year`: every email, and the record of it, in one
    /// transaction.
    pub async fn send_rollover_invitations(
        &self,
        hub_code: &str,
        year: AcademicYear,
        emails: &[OutgoingEmail],
        schools: usize,
        actor: &Actor,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let mut tx = Tx::begin(self).await?;
        for email in emails {
            enqueue(&mut tx, email, at).await?;
        }
        let change = Change {
            record_type: "hub",
            record_id: hub_code.to_owned(),
            action: "invited departments to their next stage",
            before: None,
            after: Some(json!({"academic_year": year_text(year), "schools": schools,
                "emails": emails.len()})),
        };
        audit::record(&mut tx, actor, at, change).await?;
        tx.commit().await
    }
}
