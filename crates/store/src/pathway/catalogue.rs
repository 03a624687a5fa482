//! The programme catalogue: for each academic year, the programmes on offer and the year's foci.
//! A year with nothing stored offers the seed catalogue of DOMAIN.md; the first change to a year
//! (an edit, a copy, a Work Group) stores it.

use masteryhub_domain::AcademicYear;
use masteryhub_domain::money::Pence;
use masteryhub_domain::pathway::catalogue::GroupSize;
use masteryhub_domain::pathway::{Programme, ProgrammeCode, Stage, foci, seed_catalogue};
use serde_json::json;
use time::OffsetDateTime;

use super::{stored_year, year_text};
use crate::audit::{self, Actor, Change};
use crate::{Db, StoreError, Tx, dispatch};

/// A programme with its row id (`None` while the year's catalogue is the unsaved seed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueEntry {
    pub id: Option<i64>,
    pub programme: Programme,
}

#[derive(sqlx::FromRow)]
struct ProgrammeRow {
    id: i64,
    academic_year: String,
    code: String,
    title: String,
    stage: String,
    support_days: Option<i32>,
    group_min: Option<i32>,
    group_max: Option<i32>,
    funding_pence: Option<i64>,
    co_requisites: String,
}

impl ProgrammeRow {
    fn entry(self) -> Result<CatalogueEntry, StoreError> {
        let invalid = |what: &str, e: &dyn std::fmt::Display| {
            StoreError::Invalid(format!("stored programme {}: {what}: {e}", self.code))
        };
        let group_size = match (self.group_min, self.group_max) {
            (Some(min), Some(max)) => Some(
                GroupSize::new(
                    u16::try_from(min).unwrap_or(0),
                    u16::try_from(max).unwrap_or(0),
                )
                .map_err(|e| invalid("group size", &e))?,
            ),
            _ => None,
        };
        let co_requisites = self
            .co_requisites
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(ProgrammeCode::parse)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| invalid("co-requisite", &e))?;
        Ok(CatalogueEntry {
            id: Some(self.id),
            programme: Programme {
                code: ProgrammeCode::parse(&self.code).map_err(|e| invalid("code", &e))?,
                title: self.title.clone(),
                academic_year: stored_year(&self.academic_year)?,
                stage: Stage::parse(&self.stage).map_err(|e| invalid("stage", &e))?,
                support_days: self.support_days.and_then(|d| u8::try_from(d).ok()),
                group_size,
                co_requisites,
                funding_per_school: self.funding_pence.map(Pence::new),
            },
        })
    }
}

const COLUMNS: &str = "id, academic_year, code, title, stage, support_days, group_min, \
     group_max, funding_pence, co_requisites";

/// A change to one programme, as a national admin makes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeChange {
    pub title: String,
    pub support_days: Option<u8>,
    pub group_size: Option<GroupSize>,
    pub funding_per_school: Option<Pence>,
}

/// Holds the lock on `year`'s catalogue until `tx` ends: the changes that store a year's
/// catalogue or foci take turns on it (see [`Tx::lock_key`]), so that a copy and a seeding of the
/// same year cannot both find the year empty.
async fn lock_catalogue(tx: &mut Tx, year: AcademicYear) -> Result<(), StoreError> {
    tx.lock_key(&format!("catalogue:{year}")).await
}

/// The stored catalogue of `year` as entries, or the seed when nothing is stored for it.
fn entries_or_seed(
    year: AcademicYear,
    rows: Vec<ProgrammeRow>,
) -> Result<Vec<CatalogueEntry>, StoreError> {
    if rows.is_empty() {
        return Ok(seed_catalogue(year)
            .into_iter()
            .map(|programme| CatalogueEntry {
                id: None,
                programme,
            })
            .collect());
    }
    let mut entries = rows
        .into_iter()
        .map(ProgrammeRow::entry)
        .collect::<Result<Vec<_>, _>>()?;
    entries.sort_by_key(|e| {
        (
            Stage::ALL.iter().position(|s| *s == e.programme.stage),
            e.id,
        )
    });
    Ok(entries)
}

/// The year's foci as stored, or the seed's while the year has neither foci nor programmes.
fn foci_or_seed(year: AcademicYear, stored: Vec<String>, stored_programmes: bool) -> Vec<String> {
    if stored.is_empty() && !stored_programmes {
        foci(year).into_iter().map(str::to_owned).collect()
    } else {
        stored
    }
}

const CATALOGUE_SQL: &str = "SELECT id, academic_year, code, title, stage, support_days, \
     group_min, group_max, funding_pence, co_requisites FROM programmes WHERE academic_year = $1 \
     ORDER BY stage, code";
const FOCI_SQL: &str = "SELECT focus FROM year_foci WHERE academic_year = $1 ORDER BY position";

/// The programmes of `year` (stored, or the seed), read inside `tx`.
pub(crate) async fn programmes_in(
    tx: &mut Tx,
    year: AcademicYear,
) -> Result<Vec<Programme>, StoreError> {
    let rows: Vec<ProgrammeRow> = dispatch!(Tx, &mut *tx, tx => {
        sqlx::query_as(CATALOGUE_SQL).bind(year_text(year)).fetch_all(&mut **tx).await?
    });
    Ok(entries_or_seed(year, rows)?
        .into_iter()
        .map(|e| e.programme)
        .collect())
}

/// The foci of `year` (stored, or the seed), read inside `tx`.
async fn foci_in(tx: &mut Tx, year: AcademicYear) -> Result<Vec<String>, StoreError> {
    const ANY: &str = "SELECT COUNT(*) FROM programmes WHERE academic_year = $1";
    let (stored, programmes): (Vec<String>, i64) = dispatch!(Tx, &mut *tx, tx => {
        let stored = sqlx::query_scalar(FOCI_SQL).bind(year_text(year)).fetch_all(&mut **tx).await?;
        let programmes = sqlx::query_scalar(ANY).bind(year_text(year)).fetch_one(&mut **tx).await?;
        (stored, programmes)
    });
    Ok(foci_or_seed(year, stored, programmes > 0))
}

/// Stores `year`'s seed catalogue and foci inside `tx`, unless the year has a catalogue already.
pub(crate) async fn ensure_catalogue(tx: &mut Tx, year: AcademicYear) -> Result<(), StoreError> {
    const ANY: &str = "SELECT COUNT(*) FROM programmes WHERE academic_year = $1";
    lock_catalogue(tx, year).await?;
    let stored: i64 = dispatch!(Tx, &mut *tx, tx => {
        sqlx::query_scalar(ANY).bind(year_text(year)).fetch_one(&mut **tx).await?
    });
    if stored == 0 {
        insert_programmes(tx, &seed_catalogue(year)).await?;
        let foci: Vec<String> = foci(year).into_iter().map(str::to_owned).collect();
        insert_foci(tx, year, &foci).await?;
    }
    Ok(())
}

async fn insert_programmes(tx: &mut Tx, programmes: &[Programme]) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO programmes (academic_year, code, title, stage, support_days, \
         group_min, group_max, funding_pence, co_requisites) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (academic_year, code) DO NOTHING";
    for p in programmes {
        let co_requisites: Vec<&str> = p.co_requisites.iter().map(ProgrammeCode::as_str).collect();
        dispatch!(Tx, &mut *tx, tx => {
            sqlx::query(SQL)
                .bind(year_text(p.academic_year))
                .bind(p.code.as_str())
                .bind(&p.title)
                .bind(p.stage.as_str())
                .bind(p.support_days.map(i32::from))
                .bind(p.group_size.map(|g| i32::from(g.min())))
                .bind(p.group_size.map(|g| i32::from(g.max())))
                .bind(p.funding_per_school.map(Pence::get))
                .bind(co_requisites.join(","))
                .execute(&mut **tx)
                .await?;
        });
    }
    Ok(())
}

async fn insert_foci(tx: &mut Tx, year: AcademicYear, foci: &[String]) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO year_foci (academic_year, position, focus) VALUES ($1, $2, $3) \
         ON CONFLICT (academic_year, position) DO NOTHING";
    for (position, focus) in foci.iter().enumerate() {
        dispatch!(Tx, &mut *tx, tx => {
            sqlx::query(SQL)
                .bind(year_text(year))
                .bind(i32::try_from(position).unwrap_or(i32::MAX))
                .bind(focus)
                .execute(&mut **tx)
                .await?;
        });
    }
    Ok(())
}

impl Db {
    /// The catalogue of `year`: as stored, or the seed when nothing is stored for it.
    pub async fn catalogue(&self, year: AcademicYear) -> Result<Vec<CatalogueEntry>, StoreError> {
        let rows: Vec<ProgrammeRow> = dispatch!(Db, self, pool => {
            sqlx::query_as(CATALOGUE_SQL).bind(year_text(year)).fetch_all(pool).await?
        });
        entries_or_seed(year, rows)
    }

    /// The programmes of `year`, as the rules read them.
    pub async fn programmes(&self, year: AcademicYear) -> Result<Vec<Programme>, StoreError> {
        Ok(self
            .catalogue(year)
            .await?
            .into_iter()
            .map(|e| e.programme)
            .collect())
    }

    /// One stored programme.
    pub async fn programme(&self, id: i64) -> Result<Option<CatalogueEntry>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM programmes WHERE id = $1");
        let row: Option<ProgrammeRow> = dispatch!(Db, self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await?
        });
        row.map(ProgrammeRow::entry).transpose()
    }

    /// The year's foci for Work Groups: as stored, or the seed.
    pub async fn foci(&self, year: AcademicYear) -> Result<Vec<String>, StoreError> {
        let stored: Vec<String> = dispatch!(Db, self, pool => {
            sqlx::query_scalar(FOCI_SQL).bind(year_text(year)).fetch_all(pool).await?
        });
        let stored_programmes = self.catalogue(year).await?.iter().any(|e| e.id.is_some());
        Ok(foci_or_seed(year, stored, stored_programmes))
    }

    /// Stores `year`'s catalogue (the seed, if it has none yet).
    pub async fn save_catalogue(&self, year: AcademicYear) -> Result<(), StoreError> {
        let mut tx = Tx::begin(self).await?;
        ensure_catalogue(&mut tx, year).await?;
        tx.commit().await
    }

    /// Offers `from`'s catalogue and foci again in `to`; refused ([`StoreError::Conflict`]) if
    /// `to` has a catalogue stored. `to` is checked and filled under the lock on its catalogue,
    /// so of copies racing exactly one is made.
    pub async fn copy_catalogue(
        &self,
        from: AcademicYear,
        to: AcademicYear,
        actor: &Actor,
        at: OffsetDateTime,
    ) -> Result<usize, StoreError> {
        const ANY: &str = "SELECT COUNT(*) FROM programmes WHERE academic_year = $1";
        let mut tx = Tx::begin(self).await?;
        lock_catalogue(&mut tx, to).await?;
        let stored: i64 = dispatch!(Tx, &mut tx, tx => {
            sqlx::query_scalar(ANY).bind(year_text(to)).fetch_one(&mut **tx).await?
        });
        if stored > 0 {
            return Err(StoreError::Conflict(format!(
                "{to} has a catalogue already: change its programmes one by one"
            )));
        }
        let programmes: Vec<Programme> = programmes_in(&mut tx, from)
            .await?
            .iter()
            .map(|p| p.copy_to_year(to))
            .collect();
        let foci = foci_in(&mut tx, from).await?;
        insert_programmes(&mut tx, &programmes).await?;
        insert_foci(&mut tx, to, &foci).await?;
        let action = format!("copied from {from}");
        let change = Change {
            record_type: "catalogue",
            record_id: year_text(to),
            action: &action,
            before: None,
            after: Some(json!({"from": year_text(from), "programmes": programmes.len()})),
        };
        audit::record(&mut tx, actor, at, change).await?;
        tx.commit().await?;
        Ok(programmes.len())
    }

    /// Changes a stored programme's title and figures.
    pub async fn update_programme(
        &self,
        id: i64,
        change: &ProgrammeChange,
        actor: &Actor,
        at: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        if change.title.trim().is_empty() {
            return Err(StoreError::Invalid("a programme needs a title".into()));
        }
        // Edits are applied in turn (the last one stands); the row is locked and read inside
        // the transaction so that each audit event's "before" is what that edit replaced.
        const LOCK: &str = "UPDATE programmes SET title = title WHERE id = $1";
        const SQL: &str = "UPDATE programmes SET title = $1, support_days = $2, group_min = $3, \
             group_max = $4, funding_pence = $5 WHERE id = $6";
        let sql = format!("SELECT {COLUMNS} FROM programmes WHERE id = $1");
        let mut tx = Tx::begin(self).await?;
        let row: Option<ProgrammeRow> = dispatch!(Tx, &mut tx, tx => {
            sqlx::query(LOCK).bind(id).execute(&mut **tx).await?;
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&mut **tx).await?
        });
        let Some(before) = row.map(ProgrammeRow::entry).transpose()? else {
            return Ok(false);
        };
        dispatch!(Tx, &mut tx, tx => {
            sqlx::query(SQL)
                .bind(change.title.trim())
                .bind(change.support_days.map(i32::from))
                .bind(change.group_size.map(|g| i32::from(g.min())))
                .bind(change.group_size.map(|g| i32::from(g.max())))
                .bind(change.funding_per_school.map(Pence::get))
                .bind(id)
                .execute(&mut **tx)
                .await?;
        });
        let describe =
            |title: &str, days: Option<u8>, group: Option<GroupSize>, funding: Option<Pence>| {
                json!({
                    "title": title,
                    "support_days": days,
                    "group_size": group.map(|g| format!("{}-{}", g.min(), g.max())),
                    "funding_pence": funding.map(Pence::get),
                })
            };
        let p = &before.programme;
        let record = Change {
            record_type: "programme",
            record_id: id.to_string(),
            action: "changed",
            before: Some(describe(
                &p.title,
                p.support_days,
                p.group_size,
                p.funding_per_school,
            )),
            after: Some(describe(
                change.title.trim(),
                change.support_days,
                change.group_size,
                change.funding_per_school,
            )),
        };
        audit::record(&mut tx, actor, at, record).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Replaces the year's foci (storing the year's catalogue first if it has none).
    pub async fn set_foci(
        &self,
        year: AcademicYear,
        foci: &[String],
        actor: &Actor,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let mut tx = Tx::begin(self).await?;
        lock_catalogue(&mut tx, year).await?;
        let before = foci_in(&mut tx, year).await?;
        ensure_catalogue(&mut tx, year).await?;
        const CLEAR: &str = "DELETE FROM year_foci WHERE academic_year = $1";
        dispatch!(Tx, &mut tx, tx => {
            sqlx::query(CLEAR).bind(year_text(year)).execute(&mut **tx).await?;
        });
        insert_foci(&mut tx, year, foci).await?;
        let change = Change {
            record_type: "catalogue",
            record_id: year_text(year),
            action: "foci changed",
            before: Some(json!(before)),
            after: Some(json!(foci)),
        };
        audit::record(&mut tx, actor, at, change).await?;
        tx.commit().await
    }

    /// The academic years with a stored catalogue, newest first.
    pub async fn catalogue_years(&self) -> Result<Vec<AcademicYear>, StoreError> {
        const SQL: &str =
            "SELECT DISTINCT academic_year FROM programmes ORDER BY academic_year DESC";
        let years: Vec<String> = dispatch!(Db, self, pool => {
            sqlx::query_scalar(SQL).fetch_all(pool).await?
        });
        years.iter().map(|y| stored_year(y)).collect()
    }
}
