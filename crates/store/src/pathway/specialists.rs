//! The Specialists Programme: nominations, the hub's scores and decision, and the specialists in
//! training with their accreditation.

use std::collections::BTreeMap;

use masteryhub_domain::AcademicYear;
use serde_json::json;
use time::OffsetDateTime;

use super::year_text;
use crate::audit::{self, Actor, Change};
use crate::outbox::{OutgoingEmail, enqueue};
use crate::text::to_stored_instant;
use crate::{Db, StoreError, Tx, dispatch};

/// A nomination as the school sends it (the caller has checked the essentials).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nomination {
    pub urn: i64,
    pub academic_year: AcademicYear,
    pub teacher_name: String,
    pub teacher_email: String,
    pub qualified_teacher_status: bool,
    pub years_teaching_mathematics: i32,
    pub lead_teacher_statement: String,
    pub senior_leader_name: String,
    pub senior_leader_statement: String,
}

/// A nomination with its school, status and scores.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SpecialistApplication {
    pub id: i64,
    pub urn: i64,
    pub school_name: String,
    pub hub_code: Option<String>,
    pub academic_year: String,
    pub teacher_name: String,
    pub teacher_email: String,
    pub qualified_teacher_status: bool,
    pub years_teaching_mathematics: i32,
    pub lead_teacher_statement: String,
    pub senior_leader_name: String,
    pub senior_leader_statement: String,
    pub status: String,
    pub scores: String,
    pub decision_reason: Option<String>,
}

impl SpecialistApplication {
    /// The hub's scores, criterion code to score.
    pub fn score_map(&self) -> BTreeMap<String, u8> {
        serde_json::from_str(&self.scores).unwrap_or_default()
    }
}

/// A Mastery Specialist, in training or accredited.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Specialist {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub urn: i64,
    pub school_name: String,
    pub hub_code: Option<String>,
    pub started_year: String,
    pub accredited_year: Option<String>,
}

const SELECT: &str = "SELECT a.id, a.urn, s.name AS school_name, \
     COALESCE(o.hub_code, la.hub_code) AS hub_code, a.academic_year, a.teacher_name, \
     a.teacher_email, a.qualified_teacher_status, a.years_teaching_mathematics, \
     a.lead_teacher_statement, a.senior_leader_name, a.senior_leader_statement, a.status, \
     a.scores, a.decision_reason \
     FROM specialist_applications a JOIN schools s ON s.urn = a.urn \
     LEFT JOIN school_hub_overrides o ON o.urn = s.urn \
     LEFT JOIN local_authorities la ON la.code = s.la_code";

/// The hub's decision on a nomination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecialistDecision {
    pub accept: bool,
    pub scores: BTreeMap<String, u8>,
    pub reason: Option<String>,
    pub emails: Vec<OutgoingEmail>,
}

impl Db {
    /// Records a school's nomination, and the emails telling the hub, in one transaction.
    pub async fn nominate_specialist(
        &self,
        nomination: &Nomination,
        emails: &[OutgoingEmail],
        actor: &Actor,
        at: OffsetDateTime,
    ) -> Result<i64, StoreError> {
        const SQL: &str = "INSERT INTO specialist_applications (urn, academic_year, \
             teacher_name, teacher_email, qualified_teacher_status, years_teaching_mathematics, \
             lead_teacher_statement, senior_leader_name, senior_leader_statement, status, \
             created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'submitted', \
             $10, $11) RETURNING id";
        let n = nomination;
        let mut tx = Tx::begin(self).await?;
        let id: i64 = dispatch!(Tx, &mut tx, tx => {
            sqlx::query_scalar(SQL)
                .bind(n.urn)
                .bind(year_text(n.academic_year))
                .bind(n.teacher_name.trim())
                .bind(n.teacher_email.trim())
                .bind(n.qualified_teacher_status)
                .bind(n.years_teaching_mathematics)
                .bind(n.lead_teacher_statement.trim())
                .bind(n.senior_leader_name.trim())
                .bind(n.senior_leader_statement.trim())
                .bind(actor.person_id)
                .bind(to_stored_instant(at))
                .fetch_one(&mut **tx)
                .await?
        });
        for email in emails {
            enqueue(&mut tx, email, at).await?;
        }
        let change = Change {
            record_type: "specialist_application",
            record_id: id.to_string(),
            action: "submitted",
            before: None,
            after: Some(
                json!({"urn": n.urn, "academic_year": year_text(n.academic_year),
                "teacher": n.teacher_name.trim()}),
            ),
        };
        audit::record(&mut tx, actor, at, change).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// One nomination.
    pub async fn specialist_application(
        &self,
        id: i64,
    ) -> Result<Option<SpecialistApplication>, StoreError> {
        let sql = format!("{SELECT} WHERE a.id = $1");
        Ok(dispatch!(Db, self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await?
        }))
    }

    /// A hub's nominations, newest year first.
    pub async fn hub_specialist_applications(
        &self,
        hub_code: &str,
    ) -> Result<Vec<SpecialistApplication>, StoreError> {
        let sql = format!(
            "{SELECT} WHERE COALESCE(o.hub_code, la.hub_code) = $1 \
             ORDER BY a.academic_year DESC, s.name, a.id"
        );
        Ok(dispatch!(Db, self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(hub_code).fetch_all(pool).await?
        }))
    }

    /// Records the hub's scores and decision on a submitted nomination; an accepted teacher
    /// becomes a specialist in training from the nomination's year. One transaction, whose first
    /// statement decides the nomination only if it is still submitted: of decisions racing,
    /// exactly one is made; the others are refused with [`StoreError::Conflict`] and write
    /// nothing (no second specialist, email or audit event).
    pub async fn decide_specialist_application(
        &self,
        id: i64,
        decision: &SpecialistDecision,
        actor: &Actor,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let status = if decision.accept {
            "accepted"
        } else {
            "declined"
        };
        let scores = serde_json::to_string(&decision.scores)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let stored_at = to_stored_instant(at);
        // PostgreSQL makes a second UPDATE of the row wait for the first to commit, then
        // checks the condition again (and finds the nomination decided); SQLite's writers take
        // turns from BEGIN IMMEDIATE.
        const DECIDE: &str = "UPDATE specialist_applications SET status = $1, scores = $2, \
             decision_reason = $3, decided_at = $4 WHERE id = $5 AND status = 'submitted'";
        const SPECIALIST: &str = "INSERT INTO specialists (application_id, name, email, urn, \
             hub_code, started_year, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
        let mut tx = Tx::begin(self).await?;
        let decided = dispatch!(Tx, &mut tx, tx => {
            sqlx::query(DECIDE).bind(status).bind(&scores).bind(&decision.reason)
                .bind(stored_at).bind(id).execute(&mut **tx).await?.rows_affected()
        });
        let app = specialist_application_in(&mut tx, id).await?;
        let app = match (decided, app) {
            (1, Some(app)) => app,
            (_, Some(app)) => {
                return Err(StoreError::Conflict(format!(
                    "This nomination has been decided already: it was {}",
                    app.status
                )));
            }
            (_, None) => return Err(StoreError::NotFound(format!("There is no nomination {id}"))),
        };
        if decision.accept {
            dispatch!(Tx, &mut tx, tx => {
                sqlx::query(SPECIALIST).bind(id).bind(&app.teacher_name).bind(&app.teacher_email)
                    .bind(app.urn).bind(&app.hub_code).bind(&app.academic_year).bind(stored_at)
                    .execute(&mut **tx).await?;
            });
        }
        for email in &decision.emails {
            enqueue(&mut tx, email, at).await?;
        }
        let change = Change {
            record_type: "specialist_application",
            record_id: id.to_string(),
            action: status,
            before: Some(json!({"status": "submitted"})),
            after: Some(
                json!({"status": status, "scores": decision.scores, "reason": decision.reason}),
            ),
        };
        audit::record(&mut tx, actor, at, change).await?;
        tx.commit().await
    }

    /// One specialist.
    pub async fn specialist(&self, id: i64) -> Result<Option<Specialist>, StoreError> {
        const SQL: &str = "SELECT p.id, p.name, p.email, p.urn, s.name AS school_name, \
             p.hub_code, p.started_year, p.accredited_year FROM specialists p \
             JOIN schools s ON s.urn = p.urn WHERE p.id = $1";
        Ok(dispatch!(Db, self, pool => {
            sqlx::query_as(SQL).bind(id).fetch_optional(pool).await?
        }))
    }

    /// A hub's specialists, by name.
    pub async fn hub_specialists(&self, hub_code: &str) -> Result<Vec<Specialist>, StoreError> {
        const SQL: &str = "SELECT p.id, p.name, p.email, p.urn, s.name AS school_name, \
             p.hub_code, p.started_year, p.accredited_year FROM specialists p \
             JOIN schools s ON s.urn = p.urn WHERE p.hub_code = $1 ORDER BY p.name, p.id";
        Ok(dispatch!(Db, self, pool => {
            sqlx::query_as(SQL).bind(hub_code).fetch_all(pool).await?
        }))
    }

    /// Records a specialist's accreditation in `year`, once: the update happens only while the
    /// specialist is not accredited, so of accreditations racing exactly one is recorded; the
    /// others are refused with [`StoreError::Conflict`].
    pub async fn accredit_specialist(
        &self,
        id: i64,
        year: AcademicYear,
        actor: &Actor,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE specialists SET accredited_year = $1 \
             WHERE id = $2 AND accredited_year IS NULL";
        const NOW_ACCREDITED: &str = "SELECT accredited_year FROM specialists WHERE id = $1";
        let mut tx = Tx::begin(self).await?;
        let done = dispatch!(Tx, &mut tx, tx => {
            sqlx::query(SQL).bind(year_text(year)).bind(id).execute(&mut **tx).await?.rows_affected()
        });
        if done != 1 {
            let accredited: Option<Option<String>> = dispatch!(Tx, &mut tx, tx => {
                sqlx::query_scalar(NOW_ACCREDITED).bind(id).fetch_optional(&mut **tx).await?
            });
            return Err(match accredited {
                Some(year) => StoreError::Conflict(format!(
                    "This specialist's accreditation has been recorded already ({})",
                    year.unwrap_or_default()
                )),
                None => StoreError::NotFound(format!("There is no specialist {id}")),
            });
        }
        let change = Change {
            record_type: "specialist",
            record_id: id.to_string(),
            action: "accredited",
            before: None,
            after: Some(json!({"academic_year": year_text(year)})),
        };
        audit::record(&mut tx, actor, at, change).await?;
        tx.commit().await
    }
}

/// One nomination, read inside a transaction.
async fn specialist_application_in(
    tx: &mut Tx,
    id: i64,
) -> Result<Option<SpecialistApplication>, StoreError> {
    let sql = format!("{SELECT} WHERE a.id = $1");
    Ok(dispatch!(Tx, tx, tx => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&mut **tx).await?
    }))
}
