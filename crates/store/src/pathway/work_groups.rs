//! Work Groups: a hub's groups of departments for one academic year, each on one programme with
//! a focus, a Work Group Lead, a capacity and a status.

use masteryhub_domain::AcademicYear;
use masteryhub_domain::pathway::{Capacity, ProgrammeCode, Stage, WorkGroupFacts, WorkGroupStatus};
use serde_json::json;
use time::OffsetDateTime;

use super::catalogue::ensure_catalogue;
use super::year_text;
use crate::audit::{self, Actor, Change};
use crate::{Db, StoreError, Tx, dispatch};

/// A Work Group as created or edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkGroupFields {
    pub name: String,
    /// The programme's code in the year's catalogue, e.g. NCP21-14.
    pub programme_code: String,
    pub focus: String,
    pub lead_person_id: Option<i64>,
    pub capacity: i32,
    /// A `WorkGroupStatus` as stored (`recruiting`, `running`, `closed`).
    pub status: String,
}

/// A Work Group with its programme and lead.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct WorkGroup {
    pub id: i64,
    pub hub_code: String,
    pub academic_year: String,
    pub name: String,
    pub focus: String,
    pub programme_code: String,
    pub programme_title: String,
    pub stage: String,
    pub lead_person_id: Option<i64>,
    pub lead_name: Option<String>,
    pub capacity: i32,
    pub status: String,
    /// Departments in the group (its own stage's and co-requisite members, not withdrawn).
    pub members: i64,
}

impl WorkGroup {
    /// The group as the domain's rules read it.
    pub fn facts(&self) -> Result<WorkGroupFacts, StoreError> {
        let corrupt = |e: &dyn std::fmt::Display| {
            StoreError::Invalid(format!("stored Work Group {}: {e}", self.id))
        };
        Ok(WorkGroupFacts {
            id: self.id,
            name: self.name.clone(),
            hub_code: self.hub_code.clone(),
            academic_year: super::stored_year(&self.academic_year)?,
            stage: Stage::parse(&self.stage).map_err(|e| corrupt(&e))?,
            programme_code: ProgrammeCode::parse(&self.programme_code).map_err(|e| corrupt(&e))?,
            status: WorkGroupStatus::parse(&self.status).map_err(|e| corrupt(&e))?,
            capacity: Capacity::new(i64::from(self.capacity)).map_err(|e| corrupt(&e))?,
            members: u32::try_from(self.members).map_err(|e| corrupt(&e))?,
        })
    }
}

/// A department in a Work Group.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Member {
    pub urn: i64,
    pub name: String,
    pub stage: String,
    pub outcome: String,
    /// Whether the department is here as the co-requisite of another stage's programme.
    pub co_requisite: bool,
    /// The Mastery Advocates its accepted application named (empty when joined otherwise).
    pub advocates: String,
}

const SELECT: &str = "SELECT w.id, w.hub_code, w.academic_year, w.name, w.focus, \
     p.code AS programme_code, p.title AS programme_title, p.stage, w.lead_person_id, \
     l.name AS lead_name, w.capacity, w.status, \
     CAST((SELECT COUNT(*) FROM participations m WHERE m.work_group_id = w.id \
           AND m.outcome <> 'withdrawn') \
        + (SELECT COUNT(*) FROM co_requisite_enrolments c \
           JOIN participations m ON m.id = c.participation_id \
           WHERE c.work_group_id = w.id AND m.outcome <> 'withdrawn') AS BIGINT) AS members \
     FROM work_groups w JOIN programmes p ON p.id = w.programme_id \
     LEFT JOIN people l ON l.id = w.lead_person_id";

/// The id of `code` in `year`'s stored catalogue.
pub(crate) async fn programme_id(
    tx: &mut Tx,
    year: AcademicYear,
    code: &str,
) -> Result<i64, StoreError> {
    ensure_catalogue(tx, year).await?;
    let code = code.trim().to_ascii_uppercase();
    const SQL: &str = "SELECT id FROM programmes WHERE academic_year = $1 AND code = $2";
    let id: Option<i64> = dispatch!(Tx, &mut *tx, tx => {
        sqlx::query_scalar(SQL).bind(year_text(year)).bind(&code).fetch_optional(&mut **tx).await?
    });
    id.ok_or_else(|| StoreError::Invalid(format!("{code} is not in the {year} catalogue")))
}

/// One Work Group, read inside a transaction.
pub(crate) async fn work_group_in(tx: &mut Tx, id: i64) -> Result<Option<WorkGroup>, StoreError> {
    let sql = format!("{SELECT} WHERE w.id = $1");
    Ok(dispatch!(Tx, &mut *tx, tx => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&mut **tx).await?
    }))
}

/// A hub's Work Groups of one programme in a year, read inside a transaction after locking
/// them, so that two transactions filling the same groups take turns (PostgreSQL; SQLite's
/// write transactions take turns anyway).
pub(crate) async fn lock_work_groups_of(
    tx: &mut Tx,
    hub_code: &str,
    year: AcademicYear,
    code: &str,
) -> Result<Vec<WorkGroup>, StoreError> {
    const LOCK: &str = "UPDATE work_groups SET capacity = capacity WHERE hub_code = $1 \
         AND academic_year = $2 AND programme_id IN \
         (SELECT id FROM programmes WHERE academic_year = $2 AND code = $3)";
    let sql = format!(
        "{SELECT} WHERE w.hub_code = $1 AND w.academic_year = $2 AND p.code = $3 \
         ORDER BY w.name, w.id"
    );
    Ok(dispatch!(Tx, &mut *tx, tx => {
        sqlx::query(LOCK).bind(hub_code).bind(year_text(year)).bind(code)
            .execute(&mut **tx).await?;
        sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(hub_code).bind(year_text(year)).bind(code).fetch_all(&mut **tx).await?
    }))
}

/// Locks one Work Group's row until the transaction ends (see [`lock_work_groups_of`]) and
/// reads it.
pub(crate) async fn lock_work_group(tx: &mut Tx, id: i64) -> Result<Option<WorkGroup>, StoreError> {
    const LOCK: &str = "UPDATE work_groups SET capacity = capacity WHERE id = $1";
    dispatch!(Tx, &mut *tx, tx => {
        sqlx::query(LOCK).bind(id).execute(&mut **tx).await?;
    });
    work_group_in(tx, id).await
}

/// Refuses fields no Work Group can have (by the domain's rules for each field).
fn check_fields(f: &WorkGroupFields) -> Result<(), StoreError> {
    let mut problems = Vec::new();
    if f.name.trim().is_empty() {
        problems.push("a Work Group needs a name".to_owned());
    }
    if let Err(refusal) = Capacity::new(i64::from(f.capacity)) {
        problems.push(refusal.message);
    }
    if let Err(refusal) = WorkGroupStatus::parse(&f.status) {
        problems.push(refusal.message);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid(problems.join("; ")))
    }
}

fn fields_json(f: &WorkGroupFields) -> serde_json::Value {
    json!({"name": f.name, "programme": f.programme_code, "focus": f.focus,
           "lead": f.lead_person_id, "capacity": f.capacity, "status": f.status})
}

impl Db {
    /// Opens a Work Group in a hub for a year.
    pub async fn create_work_group(
        &self,
        hub_code: &str,
        year: AcademicYear,
        fields: &WorkGroupFields,
        actor: &Actor,
        at: OffsetDateTime,
    ) -> Result<i64, StoreError> {
        const SQL: &str = "INSERT INTO work_groups (hub_code, academic_year, programme_id, name, \
             focus, lead_person_id, capacity, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
        check_fields(fields)?;
        let mut tx = Tx::begin(self).await?;
        let programme = programme_id(&mut tx, year, &fields.programme_code).await?;
        let id: i64 = dispatch!(Tx, &mut tx, tx => {
            sqlx::query_scalar(SQL)
                .bind(hub_code)
                .bind(year_text(year))
                .bind(programme)
                .bind(fields.name.trim())
                .bind(fields.focus.trim())
                .bind(fields.lead_person_id)
                .bind(fields.capacity)
                .bind(&fields.status)
                .bind(crate::text::to_stored_instant(at))
                .fetch_one(&mut **tx)
                .await?
        });
        let change = Change {
            record_type: "work_group",
            record_id: id.to_string(),
            action: "opened",
            before: None,
            after: Some(
                json!({"hub": hub_code, "academic_year": year_text(year), "fields": fields_json(fields)}),
            ),
        };
        audit::record(&mut tx, actor, at, change).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Changes a Work Group's name, programme, focus, lead, capacity and status. A capacity below
    /// the departments already in it is refused, and so is another programme once departments
    /// have joined (they joined for the programme's stage).
    pub async fn update_work_group(
        &self,
        id: i64,
        fields: &WorkGroupFields,
        actor: &Actor,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        check_fields(fields)?;
        let mut tx = Tx::begin(self).await?;
        let before = lock_work_group(&mut tx, id)
            .await?
            .ok_or_else(|| StoreError::Invalid(format!("no Work Group {id}")))?;
        let year = super::stored_year(&before.academic_year)?;
        let programme = programme_id(&mut tx, year, &fields.programme_code).await?;
        let capacity = Capacity::new(i64::from(fields.capacity))
            .map_err(|r| StoreError::Invalid(r.message))?;
        let code = ProgrammeCode::parse(&fields.programme_code)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        before
            .facts()?
            .check_change(capacity, &code)
            .map_err(|refusal| StoreError::Invalid(refusal.message))?;
        const SQL: &str = "UPDATE work_groups SET programme_id = $1, name = $2, focus = $3, \
             lead_person_id = $4, capacity = $5, status = $6 WHERE id = $7";
        dispatch!(Tx, &mut tx, tx => {
            sqlx::query(SQL)
                .bind(programme)
                .bind(fields.name.trim())
                .bind(fields.focus.trim())
                .bind(fields.lead_person_id)
                .bind(fields.capacity)
                .bind(&fields.status)
                .bind(id)
                .execute(&mut **tx)
                .await?;
        });
        let change = Change {
            record_type: "work_group",
            record_id: id.to_string(),
            action: "changed",
            before: Some(
                json!({"name": before.name, "programme": before.programme_code,
                "focus": before.focus, "lead": before.lead_person_id,
                "capacity": before.capacity, "status": before.status}),
            ),
            after: Some(fields_json(fields)),
        };
        audit::record(&mut tx, actor, at, change).await?;
        tx.commit().await
    }

    /// One Work Group.
    pub async fn work_group(&self, id: i64) -> Result<Option<WorkGroup>, StoreError> {
        let sql = format!("{SELECT} WHERE w.id = $1");
        Ok(dispatch!(Db, self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await?
        }))
    }

    /// A hub's Work Groups in a year, by name.
    pub async fn work_groups(
        &self,
        hub_code: &str,
        year: AcademicYear,
    ) -> Result<Vec<WorkGroup>, StoreError> {
        let sql = format!(
            "{SELECT} WHERE w.hub_code = $1 AND w.academic_year = $2 ORDER BY w.name, w.id"
        );
        Ok(dispatch!(Db, self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(hub_code).bind(year_text(year)).fetch_all(pool).await?
        }))
    }

    /// The departments in a Work Group, by school name.
    pub async fn work_group_members(&self, id: i64) -> Result<Vec<Member>, StoreError> {
        const ADVOCATES: &str = "COALESCE((SELECT a.advocate_1_name || \
             CASE WHEN a.advocate_2_name = '' THEN '' ELSE ', ' || a.advocate_2_name END \
             FROM applications a WHERE a.urn = m.urn AND a.academic_year = m.academic_year \
             AND a.stage = m.stage AND a.status = 'accepted' ORDER BY a.id DESC LIMIT 1), '')";
        let sql = format!(
            "SELECT s.urn, s.name, m.stage, m.outcome, FALSE AS co_requisite, \
             {ADVOCATES} AS advocates \
             FROM participations m JOIN schools s ON s.urn = m.urn WHERE m.work_group_id = $1 \
             UNION ALL \
             SELECT s.urn, s.name, m.stage, m.outcome, TRUE AS co_requisite, \
             {ADVOCATES} AS advocates \
             FROM co_requisite_enrolments c JOIN participations m ON m.id = c.participation_id \
             JOIN schools s ON s.urn = m.urn WHERE c.work_group_id = $1 \
             ORDER BY 2, 1"
        );
        Ok(dispatch!(Db, self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_all(pool).await?
        }))
    }

    /// The people who may lead a hub's Work Groups: its Work Group Leads.
    pub async fn work_group_leads(&self, hub_code: &str) -> Result<Vec<(i64, String)>, StoreError> {
        Ok(self
            .hub_people(hub_code, "work-group-lead")
            .await?
            .into_iter()
            .map(|(id, name, _)| (id, name))
            .collect())
    }

    /// The people holding `role` in a hub: id, name and email address, by name.
    pub async fn hub_people(
        &self,
        hub_code: &str,
        role: &str,
    ) -> Result<Vec<(i64, String, String)>, StoreError> {
        const SQL: &str = "SELECT p.id, p.name, p.email FROM person_roles r \
             JOIN people p ON p.id = r.person_id \
             WHERE r.role = $1 AND r.hub_code = $2 ORDER BY p.name, p.id";
        Ok(dispatch!(Db, self, pool => {
            sqlx::query_as(SQL).bind(role).bind(hub_code).fetch_all(pool).await?
        }))
    }
}
