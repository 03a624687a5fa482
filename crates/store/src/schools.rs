//! The school register: reading schools, searching them, and moving a school to another hub.

use std::collections::BTreeMap;

use masteryhub_domain::policy::Reach;
use masteryhub_domain::{EstablishmentFacts, Urn};
use serde::Serialize;
use sqlx::AssertSqlSafe;
use time::{Date, OffsetDateTime};

use crate::Engine;
use crate::audit::{self, Actor, Change};
use crate::text::{IN_LIST_CHUNK, contains_pattern, normalise_term, numbered_list, quote_phrase};
use crate::{Db, StoreError, Tx, dispatch};
use serde_json::json;

/// A school as the register describes it, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSchool {
    pub urn: Urn,
    pub name: String,
    pub la_code: String,
    pub la_name: String,
    pub type_of_establishment: String,
    pub type_group: String,
    pub status: String,
    pub open_date: Option<Date>,
    pub close_date: Option<Date>,
    pub phase: String,
    pub statutory_low_age: Option<i16>,
    pub statutory_high_age: Option<i16>,
    pub town: String,
    pub postcode: String,
    pub region: String,
    pub state_funded: bool,
    pub secondary: bool,
    pub open: bool,
}

impl NewSchool {
    /// A stable fingerprint of every stored field, so a re-import can tell unchanged rows from
    /// updated ones without comparing column by column (FNV-1a, 64 bits).
    pub(crate) fn content_hash(&self) -> i64 {
        const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
        const PRIME: u64 = 0x0000_0100_0000_01b3;
        let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        let age = |a: Option<i16>| a.map(|a| a.to_string()).unwrap_or_default();
        let fields = [
            self.urn.to_string(),
            self.name.clone(),
            self.la_code.clone(),
            self.la_name.clone(),
            self.type_of_establishment.clone(),
            self.type_group.clone(),
            self.status.clone(),
            date(self.open_date),
            date(self.close_date),
            self.phase.clone(),
            age(self.statutory_low_age),
            age(self.statutory_high_age),
            self.town.clone(),
            self.postcode.clone(),
            self.region.clone(),
            format!("{}{}{}", self.state_funded, self.secondary, self.open),
        ];
        let mut hash = OFFSET;
        for field in &fields {
            for byte in field.bytes().chain(std::iter::once(0x1f)) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(PRIME);
            }
        }
        hash as i64
    }
}

/// The hub a school belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HubRef {
    pub code: String,
    pub name: String,
}

/// A school as the register stands: every field the register gives, and the derived facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct RegisterRecord {
    pub urn: i64,
    pub name: String,
    pub la_code: String,
    pub la_name: String,
    pub type_of_establishment: String,
    pub type_group: String,
    pub status: String,
    pub open_date: Option<Date>,
    pub close_date: Option<Date>,
    pub phase: String,
    pub statutory_low_age: Option<i16>,
    pub statutory_high_age: Option<i16>,
    pub town: String,
    pub postcode: String,
    pub region: String,
    pub state_funded: bool,
    pub secondary: bool,
    #[sqlx(rename = "is_open")]
    pub open: bool,
}

impl RegisterRecord {
    /// The school's URN as the domain types it. The register only ever stores URNs that parsed.
    pub fn typed_urn(&self) -> Urn {
        Urn::try_from(self.urn).expect("the register stores only valid URNs")
    }

    /// Open, state-funded and secondary: one of the schools the national target counts.
    pub fn counts_towards_target(&self) -> bool {
        self.open && self.state_funded && self.secondary
    }
}

/// A school with everything its page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct School {
    #[serde(flatten)]
    pub record: RegisterRecord,
    pub hub: Option<HubRef>,
    /// Whether a hub lead moved the school away from the hub serving its local authority.
    pub hub_overridden: bool,
    pub predecessors: Vec<LinkedSchool>,
    pub successors: Vec<LinkedSchool>,
}

/// A school as the rules see it, for lists that decide for many schools at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolFacts {
    pub urn: Urn,
    pub name: String,
    pub hub_code: Option<String>,
    pub facts: EstablishmentFacts,
}

/// Another school linked to this one in the register (academy conversion, merger, split).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct LinkedSchool {
    pub urn: i64,
    pub name: String,
    pub link_type: String,
    pub established: Option<Date>,
    /// Whether the linked school is in the register too (it may not have been imported).
    pub known: bool,
    /// The linked school's hub, if it is in the register and a hub serves it.
    pub hub_code: Option<String>,
}

/// One line of a school search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct SchoolSummary {
    pub urn: i64,
    pub name: String,
    pub la_code: String,
    pub la_name: String,
    pub type_of_establishment: String,
    pub phase: String,
    pub town: String,
    pub postcode: String,
    pub state_funded: bool,
    pub secondary: bool,
    #[sqlx(rename = "is_open")]
    pub open: bool,
    pub hub_code: Option<String>,
    pub hub_name: Option<String>,
}

/// What to search for; every field narrows the result.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchoolQuery {
    /// Part of the name, URN, town or postcode, in any case.
    pub text: Option<String>,
    pub state_funded: Option<bool>,
    pub secondary: Option<bool>,
    pub open: Option<bool>,
    pub la_code: Option<String>,
    pub hub_code: Option<String>,
    /// Only the schools an actor may see (`masteryhub_domain::policy`); `None` is the whole
    /// register, for the command line.
    pub reach: Option<Reach>,
}

/// One page of search results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SchoolPage {
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
    pub items: Vec<SchoolSummary>,
}

impl SchoolPage {
    /// How many pages the whole result takes (at least one).
    pub fn page_count(&self) -> u32 {
        let per_page = i64::from(self.per_page.max(1));
        u32::try_from(((self.total + per_page - 1) / per_page).max(1)).unwrap_or(u32::MAX)
    }
}

#[derive(sqlx::FromRow)]
struct SchoolRow {
    #[sqlx(flatten)]
    record: RegisterRecord,
    hub_code: Option<String>,
    hub_name: Option<String>,
    hub_overridden: bool,
}

/// The join that gives each school its hub: a hub lead's move if there is one, otherwise the
/// hub serving the school's local authority.
const HUB_JOIN: &str = "LEFT JOIN school_hub_overrides o ON o.urn = s.urn \
     LEFT JOIN local_authorities la ON la.code = s.la_code \
     LEFT JOIN hubs h ON h.code = COALESCE(o.hub_code, la.hub_code)";

/// Words of a search grouped into phrases of at least three characters: a word of one or two
/// letters (too common to narrow anything alone, and too short for a trigram) is bound to the
/// word after it, or to the one before when it is last: "st mary" is one phrase.
fn phrases(text: &str) -> Vec<String> {
    let mut phrases: Vec<String> = Vec::new();
    let mut pending: Option<String> = None;
    for word in text.split(' ') {
        let phrase = match pending.take() {
            Some(short) => format!("{short} {word}"),
            None => word.to_owned(),
        };
        if word.chars().count() < 3 {
            pending = Some(phrase);
        } else {
            phrases.push(phrase);
        }
    }
    if let Some(short) = pending {
        match phrases.last_mut() {
            Some(last) => {
                last.push(' ');
                last.push_str(&short);
            }
            None => phrases.push(short),
        }
    }
    phrases
}

/// The query giving the URNs of schools whose search text holds every phrase of `text`, with
/// its arguments (`$1` onwards). SQLite's FTS5 trigram table answers a phrase MATCH from its
/// index alone (rowid = URN); a search under three characters has no trigram and is matched
/// with LIKE. PostgreSQL's trigram index serves LIKE itself (backslash is its LIKE escape).
fn text_match(engine: Engine, text: &str) -> (String, Vec<String>) {
    let phrases = phrases(text);
    match engine {
        Engine::Sqlite if phrases.iter().all(|p| p.chars().count() >= 3) => (
            "SELECT rowid AS urn FROM school_search WHERE school_search MATCH $1".to_owned(),
            vec![
                phrases
                    .iter()
                    .map(|p| quote_phrase(p))
                    .collect::<Vec<_>>()
                    .join(" "),
            ],
        ),
        Engine::Sqlite => (
            "SELECT rowid AS urn FROM school_search WHERE search_text LIKE $1 ESCAPE '\\'"
                .to_owned(),
            vec![contains_pattern(text)],
        ),
        Engine::Postgres => {
            let conditions: Vec<String> = (1..=phrases.len())
                .map(|i| format!("search_text LIKE ${i}"))
                .collect();
            (
                format!(
                    "SELECT urn FROM school_search WHERE {}",
                    conditions.join(" AND ")
                ),
                phrases.iter().map(|p| contains_pattern(p)).collect(),
            )
        }
    }
}

/// Above this many matches a text search is read in name order rather than fetched and sorted.
const BROAD_SEARCH: i64 = 1000;

enum Arg {
    Text(String),
    Bool(bool),
    Int(i64),
}

impl Db {
    /// What the rules need of each of `urns` that is in the register: its name, hub and
    /// register facts, in one query per few hundred schools.
    pub async fn schools_facts(
        &self,
        urns: &[Urn],
    ) -> Result<BTreeMap<Urn, SchoolFacts>, StoreError> {
        let mut found = BTreeMap::new();
        for chunk in urns.chunks(IN_LIST_CHUNK) {
            let sql = format!(
                "SELECT s.urn, s.name, h.code, s.state_funded, s.secondary, s.is_open \
                     FROM schools s {HUB_JOIN} WHERE s.urn IN ({})",
                numbered_list(chunk.len())
            );
            let rows: Vec<(i64, String, Option<String>, bool, bool, bool)> = dispatch!(Db, self, pool => {
                let mut query = sqlx::query_as(AssertSqlSafe(sql));
                for urn in chunk {
                    query = query.bind(i64::from(*urn));
                }
                query.fetch_all(pool).await?
            });
            for (urn, name, hub_code, state_funded, secondary, open) in rows {
                let urn = Urn::try_from(urn)
                    .map_err(|e| StoreError::Invalid(format!("stored school: {e}")))?;
                let facts = EstablishmentFacts {
                    state_funded,
                    secondary,
                    open,
                };
                found.insert(
                    urn,
                    SchoolFacts {
                        urn,
                        name,
                        hub_code,
                        facts,
                    },
                );
            }
        }
        Ok(found)
    }

    /// One school with its hub and register links, or `None` if the URN is not in the register.
    pub async fn school(&self, urn: Urn) -> Result<Option<School>, StoreError> {
        let sql = format!(
            "SELECT s.urn, s.name, s.la_code, s.la_name, s.type_of_establishment, s.type_group, \
             s.status, s.open_date, s.close_date, s.phase, s.statutory_low_age, \
             s.statutory_high_age, s.town, s.postcode, s.region, s.state_funded, s.secondary, \
             s.is_open, h.code AS hub_code, h.name AS hub_name, \
             CASE WHEN o.urn IS NULL THEN FALSE ELSE TRUE END AS hub_overridden \
             FROM schools s {HUB_JOIN} WHERE s.urn = $1"
        );
        let urn = i64::from(urn);
        let row: Option<SchoolRow> = dispatch!(Db, self, pool => {
            sqlx::query_as(AssertSqlSafe(sql)).bind(urn).fetch_optional(pool).await?
        });
        let Some(row) = row else { return Ok(None) };
        let links: Vec<(String, LinkedSchool)> = self.links_of(urn).await?;
        let (mut predecessors, mut successors) = (Vec::new(), Vec::new());
        for (direction, link) in links {
            match direction.as_str() {
                "predecessor" => predecessors.push(link),
                "successor" => successors.push(link),
                _ => {}
            }
        }
        Ok(Some(School {
            record: row.record,
            hub: row
                .hub_code
                .zip(row.hub_name)
                .map(|(code, name)| HubRef { code, name }),
            hub_overridden: row.hub_overridden,
            predecessors,
            successors,
        }))
    }

    async fn links_of(&self, urn: i64) -> Result<Vec<(String, LinkedSchool)>, StoreError> {
        #[derive(sqlx::FromRow)]
        struct Row {
            direction: String,
            #[sqlx(flatten)]
            link: LinkedSchool,
        }
        let sql = format!(
            "SELECT l.direction, l.link_urn AS urn, \
             COALESCE(s.name, l.link_name) AS name, l.link_type, l.established, \
             CASE WHEN s.urn IS NULL THEN FALSE ELSE TRUE END AS known, h.code AS hub_code \
             FROM school_links l LEFT JOIN schools s ON s.urn = l.link_urn {HUB_JOIN} \
             WHERE l.urn = $1 ORDER BY l.established, l.link_urn"
        );
        let rows: Vec<Row> = dispatch!(Db, self, pool => {
            sqlx::query_as(AssertSqlSafe(sql)).bind(urn).fetch_all(pool).await?
        });
        Ok(rows.into_iter().map(|r| (r.direction, r.link)).collect())
    }

    /// Searches the register, ordered by name, one page at a time (pages count from 1).
    pub async fn search_schools(
        &self,
        query: &SchoolQuery,
        page: u32,
        per_page: u32,
    ) -> Result<SchoolPage, StoreError> {
        let page = page.max(1);
        let per_page = per_page.clamp(1, 500);
        let mut args = Vec::new();
        let mut conditions = Vec::new();
        let mut text_only = None;
        // Text is matched in the trigram-indexed search table: every phrase of the search must
        // appear somewhere in the school's name, URN, town or postcode. `{match}` is filled in
        // below, since how the matches are joined decides the plan.
        if let Some(text) = query.text.as_deref().map(normalise_term)
            && !text.is_empty()
        {
            let (sql, phrases) = text_match(self.engine(), &text);
            args.extend(phrases.into_iter().map(Arg::Text));
            conditions.push("{match}".to_owned());
            text_only = Some(sql);
        }
        let mut push = |condition: &str, arg: Arg| {
            args.push(arg);
            conditions.push(condition.replace('?', &format!("${}", args.len())));
        };
        if let Some(value) = query.state_funded {
            push("s.state_funded = ?", Arg::Bool(value));
        }
        if let Some(value) = query.secondary {
            push("s.secondary = ?", Arg::Bool(value));
        }
        if let Some(value) = query.open {
            push("s.is_open = ?", Arg::Bool(value));
        }
        if let Some(code) = query.la_code.clone() {
            push("s.la_code = ?", Arg::Text(code));
        }
        if let Some(code) = query.hub_code.clone() {
            push("COALESCE(o.hub_code, la.hub_code) = ?", Arg::Text(code));
        }
        if let Some(Reach::Within { hubs, schools }) = &query.reach {
            let mut either = Vec::new();
            let list = |args: &mut Vec<Arg>, values: Vec<Arg>| {
                let first = args.len() + 1;
                let count = values.len();
                args.extend(values);
                (first..first + count)
                    .map(|i| format!("${i}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            if !hubs.is_empty() {
                let hubs = hubs.iter().cloned().map(Arg::Text).collect();
                either.push(format!(
                    "COALESCE(o.hub_code, la.hub_code) IN ({})",
                    list(&mut args, hubs)
                ));
            }
            if !schools.is_empty() {
                let urns = schools.iter().map(|u| Arg::Int(i64::from(*u))).collect();
                either.push(format!("s.urn IN ({})", list(&mut args, urns)));
            }
            conditions.push(if either.is_empty() {
                "1 = 0".to_owned()
            } else {
                format!("({})", either.join(" OR "))
            });
        }
        let filter = if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conditions.join(" AND "))
        };
        let count_joins = if query.hub_code.is_some() || query.reach.is_some() {
            "LEFT JOIN school_hub_overrides o ON o.urn = s.urn \
             LEFT JOIN local_authorities la ON la.code = s.la_code"
        } else {
            ""
        };
        let matched = |urn: &str| match &text_only {
            Some(sql) => filter.replace("{match}", &format!("{urn} IN ({sql})")),
            None => filter.clone(),
        };
        let count_sql = match &text_only {
            // Only text: the search table alone can count the matches.
            Some(sql) if conditions.len() == 1 => format!("SELECT COUNT(*) FROM ({sql}) m"),
            _ => format!(
                "SELECT COUNT(*) FROM schools s {count_joins} {}",
                matched("s.urn")
            ),
        };
        let total: i64 = dispatch!(Db, self, pool => {
            let mut count = sqlx::query_scalar(AssertSqlSafe(count_sql));
            for arg in &args {
                count = match arg {
                    Arg::Text(text) => count.bind(text.clone()),
                    Arg::Bool(value) => count.bind(*value),
                    Arg::Int(value) => count.bind(*value),
                };
            }
            count.fetch_one(pool).await?
        });
        // SQLite: few matches are fetched by URN and sorted; for many, the schools are walked in
        // name order, keeping the matching ones until the page is full (`+` keeps SQLite from
        // looking the URNs up one by one). PostgreSQL misjudges how many rows a trigram LIKE
        // finds, so it is made to find them first, once.
        let (with, page_filter) = match (self.engine(), &text_only) {
            (Engine::Postgres, Some(sql)) => (
                format!("WITH matches AS MATERIALIZED ({sql}) "),
                filter.replace("{match}", "s.urn IN (SELECT urn FROM matches)"),
            ),
            _ if total > BROAD_SEARCH => (String::new(), matched("+s.urn")),
            _ => (String::new(), matched("s.urn")),
        };
        let offset = i64::from(page - 1) * i64::from(per_page);
        let items = if offset >= total {
            Vec::new()
        } else {
            let n = args.len();
            let page_sql = format!(
                "{with}SELECT s.urn, s.name, s.la_code, s.la_name, s.type_of_establishment, \
                 s.phase, s.town, s.postcode, s.state_funded, s.secondary, s.is_open, \
                 h.code AS hub_code, h.name AS hub_name \
                 FROM schools s {HUB_JOIN} {page_filter} ORDER BY s.name, s.urn \
                 LIMIT ${} OFFSET ${}",
                n + 1,
                n + 2
            );
            dispatch!(Db, self, pool => {
                let mut items = sqlx::query_as::<_, SchoolSummary>(AssertSqlSafe(page_sql));
                for arg in &args {
                    items = match arg {
                        Arg::Text(text) => items.bind(text.clone()),
                        Arg::Bool(value) => items.bind(*value),
                        Arg::Int(value) => items.bind(*value),
                    };
                }
                items.bind(i64::from(per_page)).bind(offset).fetch_all(pool).await?
            })
        };
        Ok(SchoolPage {
            total,
            page,
            per_page,
            items,
        })
    }

    /// Moves a school to a hub other than the one serving its local authority. The move is kept
    /// across register imports until it is cleared, and written to the audit trail. A school
    /// moved to that hub already is refused ([`StoreError::Conflict`]): its place is read and
    /// changed under a lock on the school's hub, so of moves racing, one is made.
    pub async fn move_school_to_hub(
        &self,
        urn: Urn,
        hub_code: &str,
        reason: &str,
        actor: &Actor,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        if self.school(urn).await?.is_none() {
            return Err(StoreError::Invalid(format!("no school with URN {urn}")));
        }
        if self.hub(hub_code).await?.is_none() {
            return Err(StoreError::Invalid(format!(
                "no hub with code '{hub_code}'"
            )));
        }
        const SQL: &str = "INSERT INTO school_hub_overrides (urn, hub_code, reason, set_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (urn) DO UPDATE SET hub_code = excluded.hub_code, \
             reason = excluded.reason, set_at = excluded.set_at";
        let stored_at = crate::text::to_stored_instant(at);
        let mut tx = Tx::begin(self).await?;
        let before = lock_school_hub(&mut tx, urn).await?;
        if before.moved_to.as_deref() == Some(hub_code) {
            return Err(StoreError::Conflict(format!(
                "School {urn} has been moved to hub {hub_code} already"
            )));
        }
        dispatch!(Tx, &mut tx, tx => {
            sqlx::query(SQL)
                .bind(i64::from(urn))
                .bind(hub_code)
                .bind(reason)
                .bind(stored_at)
                .execute(&mut **tx)
                .await?;
        });
        let change = Change {
            record_type: "school",
            record_id: urn.to_string(),
            action: "moved to another hub",
            before: Some(before.json()),
            after: Some(json!({"hub": hub_code, "moved_by_hub_lead": true, "reason": reason})),
        };
        audit::record(&mut tx, actor, at, change).await?;
        tx.commit().await
    }

    /// Returns a school to the hub serving its local authority; false if it had not moved (or
    /// a racing request returned it first: the move is removed, and recorded, once).
    pub async fn clear_school_hub_move(
        &self,
        urn: Urn,
        actor: &Actor,
        at: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "DELETE FROM school_hub_overrides WHERE urn = $1";
        let mut tx = Tx::begin(self).await?;
        let before = lock_school_hub(&mut tx, urn).await?;
        let cleared = dispatch!(Tx, &mut tx, tx => {
            sqlx::query(SQL).bind(i64::from(urn)).execute(&mut **tx).await?.rows_affected()
        });
        if cleared == 0 {
            return Ok(false);
        }
        let change = Change {
            record_type: "school",
            record_id: urn.to_string(),
            action: "returned to the hub of its local authority",
            before: Some(before.json()),
            after: None,
        };
        audit::record(&mut tx, actor, at, change).await?;
        tx.commit().await?;
        Ok(true)
    }
}

/// Which hub a school is in, read inside a transaction.
struct SchoolHub {
    /// The hub a hub lead moved it to, if any.
    moved_to: Option<String>,
    /// The hub serving its local authority.
    local: Option<String>,
}

impl SchoolHub {
    fn json(&self) -> serde_json::Value {
        json!({
            "hub": self.moved_to.as_ref().or(self.local.as_ref()),
            "moved_by_hub_lead": self.moved_to.is_some(),
        })
    }
}

/// Takes the lock on a school's hub until `tx` ends (a named lock: the school may have no move
/// row to lock yet) and reads where the school is.
async fn lock_school_hub(tx: &mut Tx, urn: Urn) -> Result<SchoolHub, StoreError> {
    const SQL: &str = "SELECT o.hub_code, la.hub_code FROM schools s \
         LEFT JOIN school_hub_overrides o ON o.urn = s.urn \
         LEFT JOIN local_authorities la ON la.code = s.la_code WHERE s.urn = $1";
    tx.lock_key(&format!("school-hub:{urn}")).await?;
    let row: Option<(Option<String>, Option<String>)> = dispatch!(Tx, &mut *tx, tx => {
        sqlx::query_as(SQL).bind(i64::from(urn)).fetch_optional(&mut **tx).await?
    });
    let (moved_to, local) = row.unwrap_or_default();
    Ok(SchoolHub { moved_to, local })
}

/// Headline figures of the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct RegisterCounts {
    pub establishments: i64,
    pub open_state_funded_secondary: i64,
}

/// A local authority in the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct LocalAuthority {
    pub code: String,
    pub name: String,
    pub hub_code: Option<String>,
}

impl Db {
    /// How many establishments the register holds, and how many count towards the target.
    pub async fn register_counts(&self) -> Result<RegisterCounts, StoreError> {
        const ALL: &str = "SELECT COUNT(*) FROM schools";
        const TARGET: &str = "SELECT COUNT(*) FROM schools \
             WHERE is_open = $1 AND state_funded = $1 AND secondary = $1";
        let (establishments, open_state_funded_secondary): (i64, i64) = dispatch!(Db, self, pool => (
            sqlx::query_scalar(ALL).fetch_one(pool).await?,
            sqlx::query_scalar(TARGET).bind(true).fetch_one(pool).await?,
        ));
        Ok(RegisterCounts {
            establishments,
            open_state_funded_secondary,
        })
    }

    /// Every local authority, by name.
    pub async fn local_authorities(&self) -> Result<Vec<LocalAuthority>, StoreError> {
        const SQL: &str = "SELECT code, name, hub_code FROM local_authorities ORDER BY name, code";
        Ok(dispatch!(Db, self, pool => sqlx::query_as(SQL).fetch_all(pool).await?))
    }
}

#[cfg(test)]
mod tests {
    use super::phrases;

    #[test]
    fn short_words_bind_to_their_neighbours() {
        assert_eq!(phrases("st mary"), vec!["st mary"]);
        assert_eq!(phrases("king edward vi"), vec!["king", "edward vi"]);
        assert_eq!(phrases("a b c d"), vec!["a b c d"]);
        assert_eq!(phrases("st"), vec!["st"]);
        assert_eq!(phrases("leeds"), vec!["leeds"]);
        assert_eq!(phrases("of st mary"), vec!["of st mary"]);
    }
}
