//! Schools' applications: drafts the head of maths writes, submits and may withdraw; the hub's
//! decision, which on acceptance puts the department in its Work Group (and in the Work Group of
//! any co-requisite programme) in the same transaction, with the emails that tell the school.

use masteryhub_domain::AcademicYear;
use masteryhub_domain::pathway::applications::TransitionError;
use masteryhub_domain::pathway::work_groups::{self, CoRequisite, Placement};
use masteryhub_domain::pathway::{ApplicationStatus, Stage, transition};
use serde_json::json;
use time::OffsetDateTime;

use super::catalogue::programmes_in;
use super::work_groups::{WorkGroup, lock_work_group, lock_work_groups_of};
use super::year_text;
use crate::audit::{self, Actor, Change};
use crate::outbox::{OutgoingEmail, enqueue};
use crate::text::to_stored_instant;
use crate::{Db, StoreError, Tx, dispatch};

/// The form's fields, as typed (a draft may be incomplete; submitting checks them).
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct ApplicationFields {
    pub work_group_id: Option<i64>,
    pub advocate_1_name: String,
    pub advocate_1_email: String,
    pub advocate_2_name: String,
    pub advocate_2_email: String,
    pub senior_leader_name: String,
    pub senior_leader_role: String,
    pub senior_leader_statement: String,
    pub release_time_confirmed: bool,
}

/// An application with its school and Work Group.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ApplicationRecord {
    pub id: i64,
    pub urn: i64,
    pub school_name: String,
    pub hub_code: Option<String>,
    pub academic_year: String,
    pub stage: String,
    pub status: String,
    #[sqlx(flatten)]
    pub fields: ApplicationFields,
    pub work_group_name: Option<String>,
    pub decision_reason: Option<String>,
    /// The person who started it (the head of maths, usually).
    pub created_by: Option<i64>,
    pub created_at: OffsetDateTime,
    pub submitted_at: Option<OffsetDateTime>,
    pub decided_at: Option<OffsetDateTime>,
}

const SELECT: &str = "SELECT a.id, a.urn, s.name AS school_name, \
     COALESCE(o.hub_code, la.hub_code) AS hub_code, a.academic_year, a.stage, a.status, \
     a.work_group_id, a.advocate_1_name, a.advocate_1_email, a.advocate_2_name, \
     a.advocate_2_email, a.senior_leader_name, a.senior_leader_role, a.senior_leader_statement, \
     a.release_time_confirmed, w.name AS work_group_name, a.decision_reason, a.created_by, a.created_at, \
     a.submitted_at, a.decided_at \
     FROM applications a JOIN schools s ON s.urn = a.urn \
     LEFT JOIN school_hub_overrides o ON o.urn = s.urn \
     LEFT JOIN local_authorities la ON la.code = s.la_code \
     LEFT JOIN work_groups w ON w.id = a.work_group_id";

/// A status change and what goes with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    /// The status the change was decided on (the one the person saw). When given, an
    /// application found in another status is refused as changed meanwhile, even where the
    /// lifecycle would allow the move from its new status (a waitlisting and an acceptance
    /// racing are not both made).
    pub from: Option<ApplicationStatus>,
    pub to: ApplicationStatus,
    pub reason: Option<String>,
    /// On acceptance: the Work Group the department joins (the one applied to, or the hub's
    /// choice when the school left it to the hub).
    pub work_group_id: Option<i64>,
    /// Emails telling the school.
    pub emails: Vec<OutgoingEmail>,
}

fn fields_json(f: &ApplicationFields) -> serde_json::Value {
    json!({
        "work_group": f.work_group_id,
        "advocates": [[f.advocate_1_name, f.advocate_1_email], [f.advocate_2_name, f.advocate_2_email]],
        "senior_leader": [f.senior_leader_name, f.senior_leader_role],
        "release_time_confirmed": f.release_time_confirmed,
    })
}

impl Db {
    /// Starts a draft application for a school, stage and year; refused while the school has
    /// another application for the same stage and year that is not declined or withdrawn.
    pub async fn create_application(
        &self,
        urn: i64,
        year: AcademicYear,
        stage: Stage,
        actor: &Actor,
        at: OffsetDateTime,
    ) -> Result<i64, StoreError> {
        const OPEN: &str = "SELECT status FROM applications WHERE urn = $1 AND academic_year = $2 \
             AND stage = $3 AND status NOT IN ('declined', 'withdrawn') ORDER BY id LIMIT 1";
        const SQL: &str = "INSERT INTO applications (urn, academic_year, stage, status, \
             created_by, created_at) VALUES ($1, $2, $3, 'draft', $4, $5) RETURNING id";
        let mut tx = Tx::begin(self).await?;
        // No row to lock yet: two starts for the same school, stage and year take turns on a
        // named lock, so the second finds the first's draft.
        tx.lock_key(&format!("application:{urn}:{year}:{}", stage.as_str()))
            .await?;
        let open: Option<String> = dispatch!(Tx, &mut tx, tx => {
            sqlx::query_scalar(OPEN).bind(urn).bind(year_text(year)).bind(stage.as_str())
                .fetch_optional(&mut **tx).await?
        });
        if let Some(status) = open {
            let status = ApplicationStatus::parse(&status)
                .map_or(status.clone(), |s| s.label().to_lowercase());
            return Err(StoreError::Conflict(format!(
                "The school already has an application for {} in {year} ({status})",
                stage.label()
            )));
        }
        let id: i64 = dispatch!(Tx, &mut tx, tx => {
            sqlx::query_scalar(SQL).bind(urn).bind(year_text(year)).bind(stage.as_str())
                .bind(actor.person_id).bind(to_stored_instant(at)).fetch_one(&mut **tx).await?
        });
        let change = Change {
            record_type: "application",
            record_id: id.to_string(),
            action: "started",
            before: None,
            after: Some(
                json!({"urn": urn, "academic_year": year_text(year), "stage": stage.as_str()}),
            ),
        };
        audit::record(&mut tx, actor, at, change).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Saves a draft's fields; refused ([`StoreError::Conflict`]) once the application is
    /// submitted or withdrawn. The status is checked inside the transaction, with the row
    /// locked, so a save racing a submission either lands before it or is refused.
    pub async fn save_application(
        &self,
        id: i64,
        fields: &ApplicationFields,
        actor: &Actor,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE applications SET work_group_id = $1, advocate_1_name = $2, \
             advocate_1_email = $3, advocate_2_name = $4, advocate_2_email = $5, \
             senior_leader_name = $6, senior_leader_role = $7, senior_leader_statement = $8, \
             release_time_confirmed = $9 WHERE id = $10 AND status = 'draft'";
        let mut tx = Tx::begin(self).await?;
        let before = lock_application(&mut tx, id).await?;
        if before.status != "draft" {
            return Err(StoreError::Conflict(format!(
                "This application is {}: only a draft can be changed",
                status_words(&before.status)
            )));
        }
        let saved = dispatch!(Tx, &mut tx, tx => {
            sqlx::query(SQL)
                .bind(fields.work_group_id)
                .bind(&fields.advocate_1_name)
                .bind(&fields.advocate_1_email)
                .bind(&fields.advocate_2_name)
                .bind(&fields.advocate_2_email)
                .bind(&fields.senior_leader_name)
                .bind(&fields.senior_leader_role)
                .bind(&fields.senior_leader_statement)
                .bind(fields.release_time_confirmed)
                .bind(id)
                .execute(&mut **tx)
                .await?
                .rows_affected()
        });
        if saved != 1 {
            return Err(StoreError::Conflict(
                "This application was submitted meanwhile: it can no longer be changed".into(),
            ));
        }
        let change = Change {
            record_type: "application",
            record_id: id.to_string(),
            action: "draft saved",
            before: Some(fields_json(&before.fields)),
            after: Some(fields_json(fields)),
        };
        audit::record(&mut tx, actor, at, change).await?;
        tx.commit().await
    }

    /// One application.
    pub async fn application(&self, id: i64) -> Result<Option<ApplicationRecord>, StoreError> {
        let sql = format!("{SELECT} WHERE a.id = $1");
        Ok(dispatch!(Db, self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await?
        }))
    }

    /// A school's applications, newest first.
    pub async fn school_applications(
        &self,
        urn: i64,
    ) -> Result<Vec<ApplicationRecord>, StoreError> {
        let sql = format!("{SELECT} WHERE a.urn = $1 ORDER BY a.academic_year DESC, a.id DESC");
        Ok(dispatch!(Db, self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(urn).fetch_all(pool).await?
        }))
    }

    /// A hub's applications for a year that the school has sent (not drafts), by Work Group and
    /// school.
    pub async fn hub_applications(
        &self,
        hub_code: &str,
        year: AcademicYear,
    ) -> Result<Vec<ApplicationRecord>, StoreError> {
        let sql = format!(
            "{SELECT} WHERE COALESCE(o.hub_code, la.hub_code) = $1 AND a.academic_year = $2 \
             AND a.status <> 'draft' ORDER BY COALESCE(w.name, ''), s.name, a.id"
        );
        Ok(dispatch!(Db, self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(hub_code).bind(year_text(year)).fetch_all(pool).await?
        }))
    }

    /// Moves an application to another status, all in one transaction: the lifecycle must allow
    /// it; acceptance needs a Work Group with room, and enrols the department in it and in a
    /// Work Group of each co-requisite programme (of the same hub and year, with room); a
    /// withdrawal after acceptance withdraws the department; the emails go in the outbox.
    ///
    /// The application's row is locked and its status read inside the transaction, so of moves
    /// racing exactly one is made: the others find the application moved and are refused with
    /// [`StoreError::Conflict`], writing nothing. A move the lifecycle does not allow from the
    /// current status is a `Conflict` too; a decline without a reason, or a Work Group without
    /// room, is `Invalid`.
    pub async fn move_application(
        &self,
        id: i64,
        change: &Move,
        actor: &Actor,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let stored_at = to_stored_instant(at);
        let mut tx = Tx::begin(self).await?;
        let app = lock_application(&mut tx, id).await?;
        let from = ApplicationStatus::parse(&app.status)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        if change.from.is_some_and(|seen| seen != from) {
            return Err(StoreError::Conflict(moved_meanwhile(from, change.to)));
        }
        transition(from, change.to, change.reason.as_deref()).map_err(|e| match e {
            TransitionError::Unchanged(_) => StoreError::Conflict(moved_meanwhile(from, change.to)),
            TransitionError::NotAllowed { .. } => StoreError::Conflict(e.to_string()),
            TransitionError::ReasonNeeded | TransitionError::ReasonTooLong => {
                StoreError::Invalid(e.to_string())
            }
        })?;
        if change.to == ApplicationStatus::Accepted {
            let group = change
                .work_group_id
                .or(app.fields.work_group_id)
                .ok_or_else(|| {
                    StoreError::Invalid("choose the Work Group the department joins".into())
                })?;
            enrol(&mut tx, &app, group, stored_at).await?;
        }
        if change.to == ApplicationStatus::Withdrawn && from == ApplicationStatus::Accepted {
            const WITHDRAW: &str = "UPDATE participations SET outcome = 'withdrawn' \
                 WHERE urn = $1 AND academic_year = $2 AND stage = $3";
            dispatch!(Tx, &mut tx, tx => {
                sqlx::query(WITHDRAW).bind(app.urn).bind(&app.academic_year).bind(&app.stage)
                    .execute(&mut **tx).await?;
            });
        }
        const SQL: &str = "UPDATE applications SET status = $1, decision_reason = $2, \
             submitted_at = CASE WHEN $1 = 'submitted' THEN $3 ELSE submitted_at END, \
             decided_at = CASE WHEN $1 IN ('accepted', 'waitlisted', 'declined') THEN $3 \
             ELSE decided_at END, work_group_id = COALESCE($4, work_group_id) \
             WHERE id = $5 AND status = $6";
        let moved = dispatch!(Tx, &mut tx, tx => {
            sqlx::query(SQL)
                .bind(change.to.as_str())
                .bind(change.reason.as_deref().map(str::trim).filter(|r| !r.is_empty()))
                .bind(stored_at)
                .bind(change.work_group_id.filter(|_| change.to == ApplicationStatus::Accepted))
                .bind(id)
                .bind(from.as_str())
                .execute(&mut **tx)
                .await?
                .rows_affected()
        });
        if moved != 1 {
            // Not reached while the row is locked above; kept so that the status condition
            // and its check cannot drift apart.
            return Err(StoreError::Conflict(moved_meanwhile(from, change.to)));
        }
        for email in &change.emails {
            enqueue(&mut tx, email, at).await?;
        }
        let record = Change {
            record_type: "application",
            record_id: id.to_string(),
            action: change.to.as_str(),
            before: Some(json!({"status": from.as_str()})),
            after: Some(
                json!({"status": change.to.as_str(), "reason": change.reason,
                "work_group": change.work_group_id}),
            ),
        };
        audit::record(&mut tx, actor, at, record).await?;
        tx.commit().await
    }
}

/// A status as words in a sentence: "submitted", "on the waiting list".
fn status_words(status: &str) -> String {
    ApplicationStatus::parse(status)
        .map_or_else(|_| status.to_owned(), |s| s.label().to_lowercase())
}

/// Why a move to `to` is refused when the application is `now`, no longer where the move was
/// decided on: "This application is accepted already".
pub fn moved_meanwhile(now: ApplicationStatus, to: ApplicationStatus) -> String {
    let words = now.label().to_lowercase();
    if now == to {
        format!("This application is {words} already")
    } else {
        format!("This application has changed meanwhile: it is {words} now. Check it and try again")
    }
}

/// Locks an application's row until the transaction ends (PostgreSQL; SQLite's write
/// transactions take turns anyway) and reads it.
async fn lock_application(tx: &mut Tx, id: i64) -> Result<ApplicationRecord, StoreError> {
    const LOCK: &str = "UPDATE applications SET status = status WHERE id = $1";
    let sql = format!("{SELECT} WHERE a.id = $1");
    let app: Option<ApplicationRecord> = dispatch!(Tx, &mut *tx, tx => {
        sqlx::query(LOCK).bind(id).execute(&mut **tx).await?;
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&mut **tx).await?
    });
    app.ok_or_else(|| StoreError::NotFound(format!("There is no application {id}")))
}

/// Puts an accepted department in `group` (and its co-requisite Work Groups), refusing a
/// group of another hub, year or stage, a closed group, and a full one. The groups are read
/// and locked inside `tx`, so two acceptances cannot both take the last place; everything is
/// read through `tx` (a second connection from the pool could wait for ever behind the racers
/// holding the others).
async fn enrol(
    tx: &mut Tx,
    app: &ApplicationRecord,
    group: i64,
    at: OffsetDateTime,
) -> Result<(), StoreError> {
    let wg = lock_work_group(tx, group)
        .await?
        .ok_or_else(|| StoreError::Invalid(format!("no Work Group {group}")))?;
    let facts = wg.facts()?;
    let year = super::stored_year(&app.academic_year)?;
    let stage = Stage::parse(&app.stage)
        .map_err(|e| StoreError::Invalid(format!("stored application {}: {e}", app.id)))?;
    // The co-requisite programmes' groups, locked like the group itself, for the rule to choose.
    let catalogue = programmes_in(tx, year).await?;
    let programme = catalogue.iter().find(|p| p.code == facts.programme_code);
    let mut co_groups = Vec::new();
    for code in programme
        .map(|p| p.co_requisites.as_slice())
        .unwrap_or_default()
    {
        let groups = lock_work_groups_of(tx, &wg.hub_code, year, code.as_str())
            .await?
            .iter()
            .map(WorkGroup::facts)
            .collect::<Result<Vec<_>, _>>()?;
        let title = catalogue
            .iter()
            .find(|p| p.code == *code)
            .map(|p| p.title.as_str());
        co_groups.push((code, title, groups));
    }
    let co_requisites: Vec<CoRequisite<'_>> = co_groups
        .iter()
        .map(|(code, title, groups)| CoRequisite {
            code,
            title: *title,
            groups,
        })
        .collect();
    let placement = Placement {
        hub_code: app.hub_code.as_deref(),
        academic_year: year,
        stage,
    };
    let enrolment = work_groups::enrol(placement, &facts, &co_requisites)
        .map_err(|refusal| StoreError::Invalid(refusal.message))?;
    const PARTICIPATE: &str = "INSERT INTO participations (urn, academic_year, stage, \
             outcome, work_group_id, programme_code, hub_code, source, created_at) \
             VALUES ($1, $2, $3, 'in_progress', $4, $5, $6, 'application', $7) \
             ON CONFLICT (urn, academic_year, stage) DO UPDATE SET outcome = 'in_progress', \
             work_group_id = excluded.work_group_id, programme_code = excluded.programme_code, \
             hub_code = excluded.hub_code \
             RETURNING id";
    let participation: i64 = dispatch!(Tx, &mut *tx, tx => {
        sqlx::query_scalar(PARTICIPATE)
            .bind(app.urn).bind(&app.academic_year).bind(&app.stage)
            .bind(enrolment.work_group_id)
            .bind(&wg.programme_code).bind(&wg.hub_code).bind(at)
            .fetch_one(&mut **tx).await?
    });
    const CO: &str = "INSERT INTO co_requisite_enrolments (participation_id, \
             work_group_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
    for co_group in enrolment.co_requisite_work_group_ids {
        dispatch!(Tx, &mut *tx, tx => {
            sqlx::query(CO).bind(participation).bind(co_group).bind(at)
                .execute(&mut **tx).await?;
        });
    }
    Ok(())
}
