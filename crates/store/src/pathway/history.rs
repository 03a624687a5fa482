//! Each department's participation, year by year, including years under a predecessor URN
//! (academy conversions, from the register's links), and the atomic import of a hub's records.

use std::collections::{BTreeMap, BTreeSet};

use masteryhub_domain::pathway::{Outcome, Participation, Stage};
use masteryhub_domain::{AcademicYear, Urn};
use serde_json::json;
use time::OffsetDateTime;

use super::{stored_year, year_text};
use crate::audit::{self, Actor, Change};
use crate::text::{IN_LIST_CHUNK, numbered_list};
use crate::{Db, StoreError, Tx, dispatch};

/// How many predecessor generations are followed (a school converted, then merged, …).
const MAX_GENERATIONS: usize = 8;

/// One year of a department's pathway, as its timeline shows it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TimelineRow {
    pub urn: i64,
    pub school_name: String,
    pub academic_year: String,
    pub stage: String,
    pub outcome: String,
    pub work_group_id: Option<i64>,
    pub work_group_name: Option<String>,
    /// The hub whose Work Group it was.
    pub work_group_hub: Option<String>,
    pub programme_code: Option<String>,
    pub hub_code: Option<String>,
}

/// One row of a hub's history file, typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryRecord {
    /// The file's line, for errors.
    pub line: u64,
    pub participation: Participation,
    pub programme_code: Option<String>,
    pub hub_code: Option<String>,
}

/// A row the store refused, by line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryRowError {
    pub line: u64,
    pub column: &'static str,
    pub message: String,
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HistorySummary {
    pub read: usize,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// Why an import stored nothing.
#[derive(Debug)]
pub enum HistoryImportError {
    Rows(Vec<HistoryRowError>),
    Store(StoreError),
}

impl From<StoreError> for HistoryImportError {
    fn from(error: StoreError) -> Self {
        Self::Store(error)
    }
}

impl From<sqlx::Error> for HistoryImportError {
    fn from(error: sqlx::Error) -> Self {
        Self::Store(error.into())
    }
}

fn participation(
    urn: i64,
    year: &str,
    stage: &str,
    outcome: &str,
) -> Result<Participation, StoreError> {
    let invalid =
        |e: &dyn std::fmt::Display| StoreError::Invalid(format!("stored participation: {e}"));
    Ok(Participation::new(
        Urn::try_from(urn).map_err(|e| invalid(&e))?,
        stored_year(year)?,
        Stage::parse(stage).map_err(|e| invalid(&e))?,
        Outcome::parse(outcome).map_err(|e| invalid(&e))?,
    ))
}

impl Db {
    /// The school and every predecessor of it, generation by generation (the school first).
    pub async fn lineage(&self, urn: Urn) -> Result<Vec<Urn>, StoreError> {
        Ok(self
            .lineages(&[urn])
            .await?
            .remove(&urn)
            .unwrap_or_default())
    }

    /// The lineage of each of `urns` (see [`Db::lineage`]), in a few queries whatever their
    /// number: one per predecessor generation for all of them together.
    pub async fn lineages(&self, urns: &[Urn]) -> Result<BTreeMap<Urn, Vec<Urn>>, StoreError> {
        let mut lineages: BTreeMap<Urn, Vec<Urn>> =
            urns.iter().map(|urn| (*urn, vec![*urn])).collect();
        // Which roots reached each school of the newest generation.
        let mut frontier: BTreeMap<Urn, BTreeSet<Urn>> = urns
            .iter()
            .map(|urn| (*urn, BTreeSet::from([*urn])))
            .collect();
        for _ in 0..MAX_GENERATIONS {
            let schools: Vec<Urn> = frontier.keys().copied().collect();
            let predecessors = self.predecessors_of(&schools).await?;
            let mut next: BTreeMap<Urn, BTreeSet<Urn>> = BTreeMap::new();
            for (school, predecessor) in predecessors {
                for root in frontier.get(&school).into_iter().flatten() {
                    let lineage = lineages.entry(*root).or_default();
                    if !lineage.contains(&predecessor) {
                        lineage.push(predecessor);
                        next.entry(predecessor).or_default().insert(*root);
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }
        Ok(lineages)
    }

    /// Each (school, predecessor) pair among `schools`' links. A predecessor is named on the
    /// school's own links, or the old school names this one as its successor (the register's
    /// extract usually has both; either is enough).
    async fn predecessors_of(&self, schools: &[Urn]) -> Result<BTreeSet<(Urn, Urn)>, StoreError> {
        let mut pairs = BTreeSet::new();
        for chunk in schools.chunks(IN_LIST_CHUNK) {
            let list = numbered_list(chunk.len());
            let sql = format!(
                "SELECT urn, link_urn FROM school_links \
                 WHERE direction = 'predecessor' AND urn IN ({list}) \
                 UNION SELECT link_urn, urn FROM school_links \
                 WHERE direction = 'successor' AND link_urn IN ({list})"
            );
            let rows: Vec<(i64, i64)> = dispatch!(Db, self, pool => {
                let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql));
                for urn in chunk {
                    query = query.bind(i64::from(*urn));
                }
                query.fetch_all(pool).await?
            });
            for (school, predecessor) in rows {
                if let (Ok(school), Ok(predecessor)) =
                    (Urn::try_from(school), Urn::try_from(predecessor))
                {
                    pairs.insert((school, predecessor));
                }
            }
        }
        Ok(pairs)
    }

    /// The department's history for the rules: its own rows and its predecessors', alike.
    pub async fn department_history(&self, urn: Urn) -> Result<Vec<Participation>, StoreError> {
        Ok(self
            .departments_history(&[urn])
            .await?
            .remove(&urn)
            .unwrap_or_default())
    }

    /// The history of each of `urns` (see [`Db::department_history`]) in a few queries, so that
    /// a list of departments is not read one department at a time.
    pub async fn departments_history(
        &self,
        urns: &[Urn],
    ) -> Result<BTreeMap<Urn, Vec<Participation>>, StoreError> {
        let lineages = self.lineages(urns).await?;
        let schools: BTreeSet<Urn> = lineages.values().flatten().copied().collect();
        let schools: Vec<Urn> = schools.into_iter().collect();
        let mut rows_of: BTreeMap<Urn, Vec<Participation>> = BTreeMap::new();
        for chunk in schools.chunks(IN_LIST_CHUNK) {
            let sql = format!(
                "SELECT urn, academic_year, stage, outcome FROM participations WHERE urn IN ({}) \
                 ORDER BY urn, academic_year, stage",
                numbered_list(chunk.len())
            );
            let rows: Vec<(i64, String, String, String)> = dispatch!(Db, self, pool => {
                let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql));
                for urn in chunk {
                    query = query.bind(i64::from(*urn));
                }
                query.fetch_all(pool).await?
            });
            for (urn, year, stage, outcome) in rows {
                let row = participation(urn, &year, &stage, &outcome)?;
                rows_of.entry(row.urn).or_default().push(row);
            }
        }
        Ok(lineages
            .into_iter()
            .map(|(root, lineage)| {
                let history = lineage
                    .iter()
                    .flat_map(|school| rows_of.get(school).into_iter().flatten().cloned())
                    .collect();
                (root, history)
            })
            .collect())
    }

    /// The department's pathway, oldest year first, including years under predecessor URNs.
    pub async fn timeline(&self, urn: Urn) -> Result<Vec<TimelineRow>, StoreError> {
        const SQL: &str = "SELECT p.urn, s.name AS school_name, p.academic_year, p.stage, \
             p.outcome, p.work_group_id, w.name AS work_group_name, w.hub_code AS work_group_hub, \
             p.programme_code, p.hub_code \
             FROM participations p JOIN schools s ON s.urn = p.urn \
             LEFT JOIN work_groups w ON w.id = p.work_group_id WHERE p.urn = $1";
        let mut rows = Vec::new();
        for school in self.lineage(urn).await? {
            let found: Vec<TimelineRow> = dispatch!(Db, self, pool => {
                sqlx::query_as(SQL).bind(i64::from(school)).fetch_all(pool).await?
            });
            rows.extend(found);
        }
        let order = |stage: &str| {
            Stage::parse(stage)
                .ok()
                .and_then(|s| Stage::ALL.iter().position(|x| *x == s))
        };
        rows.sort_by(|a, b| {
            (&a.academic_year, order(&a.stage)).cmp(&(&b.academic_year, order(&b.stage)))
        });
        Ok(rows)
    }

    /// Checks history records against the register, the hubs and each other: every row naming
    /// a school not in the register or an unknown hub, and every repeated (school, year, stage),
    /// by line. Nothing is stored.
    pub async fn check_history(
        &self,
        records: &[HistoryRecord],
    ) -> Result<Vec<HistoryRowError>, StoreError> {
        let urns: BTreeSet<Urn> = records.iter().map(|r| r.participation.urn).collect();
        let known = self.urns_in_register(&urns).await?;
        let hubs = self.hub_codes().await?;
        let mut errors = Vec::new();
        let mut seen: BTreeMap<(Urn, AcademicYear, Stage), u64> = BTreeMap::new();
        for record in records {
            let p = &record.participation;
            if !known.contains(&p.urn) {
                errors.push(HistoryRowError {
                    line: record.line,
                    column: "urn",
                    message: format!("URN {} is not in the school register", p.urn),
                });
            }
            if let Some(hub) = &record.hub_code
                && !hubs.contains_key(&hub.trim().to_lowercase())
            {
                errors.push(HistoryRowError {
                    line: record.line,
                    column: "hub",
                    message: format!("'{hub}' is not a Maths Hub code"),
                });
            }
            if let Some(first) = seen.insert((p.urn, p.academic_year, p.stage), record.line) {
                errors.push(HistoryRowError {
                    line: record.line,
                    column: "urn",
                    message: format!(
                        "URN {} has {} in {} already, on line {first}",
                        p.urn,
                        p.stage.label(),
                        p.academic_year
                    ),
                });
            }
        }
        Ok(errors)
    }

    /// Which of `urns` the register holds.
    async fn urns_in_register(&self, urns: &BTreeSet<Urn>) -> Result<BTreeSet<Urn>, StoreError> {
        let urns: Vec<i64> = urns.iter().map(|u| i64::from(*u)).collect();
        let mut known = BTreeSet::new();
        for chunk in urns.chunks(500) {
            let list: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!("SELECT urn FROM schools WHERE urn IN ({})", list.join(", "));
            let found: Vec<i64> = dispatch!(Db, self, pool => {
                let mut query = sqlx::query_scalar(sqlx::AssertSqlSafe(sql));
                for urn in chunk {
                    query = query.bind(*urn);
                }
                query.fetch_all(pool).await?
            });
            known.extend(found.into_iter().filter_map(|u| Urn::try_from(u).ok()));
        }
        Ok(known)
    }

    /// The hubs' codes, by their lower-case form (a file may write `lcw` for `LCW`).
    async fn hub_codes(&self) -> Result<BTreeMap<String, String>, StoreError> {
        Ok(self
            .hub_names()
            .await?
            .into_iter()
            .map(|(code, _)| (code.to_lowercase(), code))
            .collect())
    }

    /// Imports a hub's history records, all or nothing: a row naming a school not in the
    /// register or an unknown hub, or repeating a (school, year, stage), refuses the whole file,
    /// each such row named by its line (see [`Db::check_history`]). A row for a (school, year,
    /// stage) already recorded updates its outcome, programme and hub. Hub codes are matched
    /// whatever their case and stored as the hub writes its own.
    pub async fn import_history(
        &self,
        records: &[HistoryRecord],
        file: &str,
        actor: &Actor,
        at: OffsetDateTime,
    ) -> Result<HistorySummary, HistoryImportError> {
        let errors = self.check_history(records).await?;
        if !errors.is_empty() {
            return Err(HistoryImportError::Rows(errors));
        }
        let hubs = self.hub_codes().await?;
        let mut summary = HistorySummary {
            read: records.len(),
            ..HistorySummary::default()
        };
        const FIND: &str = "SELECT outcome, programme_code, hub_code FROM participations \
             WHERE urn = $1 AND academic_year = $2 AND stage = $3";
        const INSERT: &str = "INSERT INTO participations (urn, academic_year, stage, outcome, \
             programme_code, hub_code, source, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'import', $7)";
        const UPDATE: &str = "UPDATE participations SET outcome = $1, programme_code = $2, \
             hub_code = $3 WHERE urn = $4 AND academic_year = $5 AND stage = $6";
        let stored_at = crate::text::to_stored_instant(at);
        let mut tx = Tx::begin(self).await?;
        for record in records {
            let p = &record.participation;
            let (urn, year, stage) = (
                i64::from(p.urn),
                year_text(p.academic_year),
                p.stage.as_str(),
            );
            let outcome = p.outcome.as_str();
            let existing: Option<(String, Option<String>, Option<String>)> = dispatch!(Tx, &mut tx, tx => {
                sqlx::query_as(FIND).bind(urn).bind(&year).bind(stage).fetch_optional(&mut **tx).await?
            });
            let hub = record
                .hub_code
                .as_ref()
                .and_then(|h| hubs.get(&h.trim().to_lowercase()).cloned());
            let after = (outcome.to_owned(), record.programme_code.clone(), hub);
            let action = match &existing {
                None => {
                    dispatch!(Tx, &mut tx, tx => {
                        sqlx::query(INSERT).bind(urn).bind(&year).bind(stage).bind(outcome)
                            .bind(&after.1).bind(&after.2).bind(stored_at)
                            .execute(&mut **tx).await?;
                    });
                    summary.inserted += 1;
                    "pathway year imported"
                }
                Some(before) if *before == after => {
                    summary.unchanged += 1;
                    continue;
                }
                Some(_) => {
                    dispatch!(Tx, &mut tx, tx => {
                        sqlx::query(UPDATE).bind(outcome).bind(&after.1)
                            .bind(&after.2).bind(urn).bind(&year).bind(stage)
                            .execute(&mut **tx).await?;
                    });
                    summary.updated += 1;
                    "pathway year updated by import"
                }
            };
            let describe = |v: &(String, Option<String>, Option<String>)| {
                json!({"academic_year": year, "stage": stage, "outcome": v.0,
                       "programme_code": v.1, "hub": v.2, "file": file})
            };
            let change = Change {
                record_type: "school",
                record_id: urn.to_string(),
                action,
                before: existing.as_ref().map(describe),
                after: Some(describe(&after)),
            };
            audit::record(&mut tx, actor, at, change).await?;
        }
        tx.commit().await?;
        Ok(summary)
    }
}
