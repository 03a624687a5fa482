//! Atomic imports of the school register.
//!
//! An import streams rows into a staging table inside one transaction, then checks the whole
//! file (duplicate URNs), then merges it into the register with set-based SQL. Nothing is
//! visible to anyone else until the commit; a failed or interrupted import leaves the register
//! exactly as it was.

use serde::Serialize;
use sqlx::{AssertSqlSafe, Postgres, Sqlite, Transaction};
use time::OffsetDateTime;

use crate::schools::NewSchool;
use crate::text::{search_text, to_stored_instant};
use crate::{Db, Engine, StoreError, dispatch};

/// Records a finished import.
pub(crate) const RECORD_IMPORT: &str = "INSERT INTO register_imports \
     (kind, source, finished_at, rows_read, inserted, updated, unchanged) \
     VALUES ($1, $2, $3, $4, $5, $6, $7)";

/// Rows sent to the staging table per statement (well inside both engines' parameter limits).
const BATCH_ROWS: usize = 500;

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ImportSummary {
    pub read: u64,
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
}

/// A row that repeats a key already seen earlier in the same file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateRow {
    pub line: u64,
    pub key: String,
    pub first_line: u64,
}

pub(crate) enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    /// Begins a write transaction (`BEGIN IMMEDIATE` on SQLite, so a concurrent writer waits
    /// at the start rather than failing at the commit).
    pub(crate) async fn begin(db: &Db) -> Result<Self, StoreError> {
        Ok(match db {
            Db::Sqlite(pool) => Self::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(pool) => Self::Postgres(pool.begin().await?),
        })
    }

    pub(crate) fn engine(&self) -> Engine {
        match self {
            Self::Sqlite(_) => Engine::Sqlite,
            Self::Postgres(_) => Engine::Postgres,
        }
    }

    /// Holds the lock named `key` until the transaction ends, so that transactions which check
    /// for rows that may not exist yet and then write them (a year's catalogue, a school's
    /// application for a stage) take turns: the second sees what the first wrote. PostgreSQL: a
    /// transaction-scoped advisory lock; SQLite: nothing more is needed, since a transaction
    /// begun by [`Tx::begin`] holds the database's write lock from its start.
    pub(crate) async fn lock_key(&mut self, key: &str) -> Result<(), StoreError> {
        if let Self::Postgres(tx) = self {
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(advisory_key(key))
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    pub(crate) async fn execute(&mut self, sql: &'static str) -> Result<u64, StoreError> {
        Ok(dispatch!(Tx, self, tx => sqlx::query(sql).execute(&mut **tx).await?.rows_affected()))
    }

    pub(crate) async fn commit(self) -> Result<(), StoreError> {
        dispatch!(Tx, self, tx => tx.commit().await?);
        Ok(())
    }
}

/// A lock name as PostgreSQL's advisory locks take it: a 64-bit FNV-1a hash of the name (the
/// same in every process and release, unlike `std`'s hasher).
fn advisory_key(key: &str) -> i64 {
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    i64::from_ne_bytes(hash.to_ne_bytes())
}

/// `($1, $2, ...), ($n+1, ...)` for `rows` rows of `columns` values; on SQLite plain `?`, since
/// SQLite looks numbered parameters up by name one at a time, which grows with the square of
/// their number in a statement of thousands.
pub(crate) fn placeholders(engine: Engine, columns: usize, rows: usize) -> String {
    let mut sql = String::with_capacity(rows * columns * 5);
    for row in 0..rows {
        if row > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for column in 0..columns {
            if column > 0 {
                sql.push_str(", ");
            }
            match engine {
                Engine::Sqlite => sql.push('?'),
                Engine::Postgres => {
                    sql.push('$');
                    sql.push_str(&(row * columns + column + 1).to_string());
                }
            }
        }
        sql.push(')');
    }
    sql
}

const SCHOOL_COLUMNS: &str = "urn, name, la_code, la_name, type_of_establishment, type_group, \
     status, open_date, close_date, phase, statutory_low_age, statutory_high_age, town, postcode, \
     region, state_funded, secondary, is_open, content_hash";
/// The staging table's columns: the file's line, the school, and its search text.
const STAGING_COLUMN_COUNT: usize = 21;

const STAGING_SQLITE: &str = "CREATE TEMP TABLE import_schools (line BIGINT NOT NULL, \
     urn BIGINT NOT NULL, name TEXT NOT NULL, la_code TEXT NOT NULL, la_name TEXT NOT NULL, \
     type_of_establishment TEXT NOT NULL, type_group TEXT NOT NULL, status TEXT NOT NULL, \
     open_date DATE NULL, close_date DATE NULL, phase TEXT NOT NULL, \
     statutory_low_age SMALLINT NULL, statutory_high_age SMALLINT NULL, town TEXT NOT NULL, \
     postcode TEXT NOT NULL, region TEXT NOT NULL, state_funded BOOLEAN NOT NULL, \
     secondary BOOLEAN NOT NULL, is_open BOOLEAN NOT NULL, content_hash BIGINT NOT NULL, \
     search_text TEXT NOT NULL)";
const STAGING_POSTGRES: &str = "CREATE TEMP TABLE import_schools (line BIGINT NOT NULL, \
     urn BIGINT NOT NULL, name TEXT NOT NULL, la_code TEXT NOT NULL, la_name TEXT NOT NULL, \
     type_of_establishment TEXT NOT NULL, type_group TEXT NOT NULL, status TEXT NOT NULL, \
     open_date DATE NULL, close_date DATE NULL, phase TEXT NOT NULL, \
     statutory_low_age SMALLINT NULL, statutory_high_age SMALLINT NULL, town TEXT NOT NULL, \
     postcode TEXT NOT NULL, region TEXT NOT NULL, state_funded BOOLEAN NOT NULL, \
     secondary BOOLEAN NOT NULL, is_open BOOLEAN NOT NULL, content_hash BIGINT NOT NULL, \
     search_text TEXT NOT NULL) ON COMMIT DROP";

/// Rows in PostgreSQL's COPY text format: tab-separated, `\N` for NULL, backslash escapes.
struct CopyText {
    buffer: String,
    first_in_row: bool,
}

impl CopyText {
    fn with_capacity(capacity: usize) -> Self {
        Self {
            buffer: String::with_capacity(capacity),
            first_in_row: true,
        }
    }

    fn separate(&mut self) {
        if !self.first_in_row {
            self.buffer.push('\t');
        }
        self.first_in_row = false;
    }

    fn text(&mut self, value: &str) {
        self.separate();
        for c in value.chars() {
            match c {
                '\\' => self.buffer.push_str("\\\\"),
                '\t' => self.buffer.push_str("\\t"),
                '\n' => self.buffer.push_str("\\n"),
                '\r' => self.buffer.push_str("\\r"),
                c => self.buffer.push(c),
            }
        }
    }

    fn int(&mut self, value: i64) {
        self.separate();
        self.buffer.push_str(&value.to_string());
    }

    fn small(&mut self, value: Option<i16>) {
        match value {
            Some(value) => self.int(i64::from(value)),
            None => self.null(),
        }
    }

    fn date(&mut self, value: Option<time::Date>) {
        match value {
            Some(date) => {
                self.separate();
                self.buffer.push_str(&date.to_string());
            }
            None => self.null(),
        }
    }

    fn boolean(&mut self, value: bool) {
        self.separate();
        self.buffer.push(if value { 't' } else { 'f' });
    }

    fn null(&mut self) {
        self.separate();
        self.buffer.push_str("\\N");
    }

    fn end_row(&mut self) {
        self.buffer.push('\n');
        self.first_in_row = true;
    }

    fn into_bytes(self) -> Vec<u8> {
        self.buffer.into_bytes()
    }
}

/// An import of establishments in progress: add every row, then [`finish`](Self::finish).
/// Dropping it without finishing rolls everything back.
pub struct SchoolImport {
    tx: Tx,
    pending: Vec<(u64, NewSchool)>,
    source: String,
}

impl Db {
    /// Starts an atomic import of establishments from `source` (a file name, for the record).
    pub async fn begin_school_import(&self, source: &str) -> Result<SchoolImport, StoreError> {
        let mut tx = Tx::begin(self).await?;
        match &tx {
            Tx::Sqlite(_) => {
                tx.execute("DROP TABLE IF EXISTS temp.import_schools")
                    .await?;
                tx.execute(STAGING_SQLITE).await?
            }
            Tx::Postgres(_) => tx.execute(STAGING_POSTGRES).await?,
        };
        Ok(SchoolImport {
            tx,
            pending: Vec::with_capacity(BATCH_ROWS),
            source: source.to_owned(),
        })
    }
}

impl SchoolImport {
    /// Adds the school read from `line` of the file.
    pub async fn add(&mut self, line: u64, school: NewSchool) -> Result<(), StoreError> {
        self.pending.push((line, school));
        if self.pending.len() >= BATCH_ROWS {
            self.flush().await?;
        }
        Ok(())
    }

    async fn flush(&mut self) -> Result<(), StoreError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.pending);
        match &mut self.tx {
            Tx::Sqlite(tx) => {
                let sql = format!(
                    "INSERT INTO import_schools (line, {SCHOOL_COLUMNS}, search_text) VALUES {}",
                    placeholders(Engine::Sqlite, STAGING_COLUMN_COUNT, rows.len())
                );
                let mut query = sqlx::query(AssertSqlSafe(sql));
                for (line, s) in &rows {
                    let urn = i64::from(s.urn);
                    query = query
                        .bind(*line as i64)
                        .bind(urn)
                        .bind(&s.name)
                        .bind(&s.la_code)
                        .bind(&s.la_name)
                        .bind(&s.type_of_establishment)
                        .bind(&s.type_group)
                        .bind(&s.status)
                        .bind(s.open_date)
                        .bind(s.close_date)
                        .bind(&s.phase)
                        .bind(s.statutory_low_age)
                        .bind(s.statutory_high_age)
                        .bind(&s.town)
                        .bind(&s.postcode)
                        .bind(&s.region)
                        .bind(s.state_funded)
                        .bind(s.secondary)
                        .bind(s.open)
                        .bind(s.content_hash())
                        .bind(search_text(&s.name, urn, &s.town, &s.postcode));
                }
                query.execute(&mut **tx).await?;
            }
            Tx::Postgres(tx) => {
                // COPY is PostgreSQL's bulk path: one text stream instead of bound parameters.
                let mut data = CopyText::with_capacity(rows.len() * 320);
                for (line, s) in &rows {
                    let urn = i64::from(s.urn);
                    data.int(*line as i64);
                    data.int(urn);
                    for text in [&s.name, &s.la_code, &s.la_name, &s.type_of_establishment]
                        .into_iter()
                        .chain([&s.type_group, &s.status])
                    {
                        data.text(text);
                    }
                    data.date(s.open_date);
                    data.date(s.close_date);
                    data.text(&s.phase);
                    data.small(s.statutory_low_age);
                    data.small(s.statutory_high_age);
                    data.text(&s.town);
                    data.text(&s.postcode);
                    data.text(&s.region);
                    data.boolean(s.state_funded);
                    data.boolean(s.secondary);
                    data.boolean(s.open);
                    data.int(s.content_hash());
                    data.text(&search_text(&s.name, urn, &s.town, &s.postcode));
                    data.end_row();
                }
                let statement =
                    format!("COPY import_schools (line, {SCHOOL_COLUMNS}, search_text) FROM STDIN");
                let mut copy = tx.copy_in_raw(&statement).await?;
                copy.send(data.into_bytes()).await?;
                copy.finish().await?;
            }
        }
        self.pending = rows;
        self.pending.clear();
        Ok(())
    }

    /// Every row whose URN appeared on an earlier line of the file.
    pub async fn duplicates(&mut self) -> Result<Vec<DuplicateRow>, StoreError> {
        self.flush().await?;
        const SQL: &str = "SELECT i.line, i.urn, f.first_line FROM import_schools i \
             JOIN (SELECT urn, MIN(line) AS first_line FROM import_schools GROUP BY urn \
             HAVING COUNT(*) > 1) f ON f.urn = i.urn \
             WHERE i.line <> f.first_line ORDER BY i.line";
        let rows: Vec<(i64, i64, i64)> = dispatch!(Tx, &mut self.tx, tx => {
            sqlx::query_as(SQL).fetch_all(&mut **tx).await?
        });
        Ok(rows
            .into_iter()
            .map(|(line, urn, first_line)| DuplicateRow {
                line: line as u64,
                key: urn.to_string(),
                first_line: first_line as u64,
            })
            .collect())
    }

    /// Merges the file into the register and commits. Schools missing from the file are kept;
    /// schools whose every field is unchanged are not written.
    pub async fn finish(mut self, at: OffsetDateTime) -> Result<ImportSummary, StoreError> {
        self.flush().await?;
        // The schools that are new or differ from the register, found once.
        const CHANGED: &str = "CREATE TEMP TABLE import_changed AS \
             SELECT i.urn, CASE WHEN s.urn IS NULL THEN 1 ELSE 0 END AS is_new \
             FROM import_schools i LEFT JOIN schools s ON s.urn = i.urn \
             WHERE s.urn IS NULL OR s.content_hash <> i.content_hash";
        const COUNTS: &str = "SELECT (SELECT COUNT(*) FROM import_schools), \
             CAST(COALESCE(SUM(is_new), 0) AS BIGINT), \
             CAST(COALESCE(SUM(1 - is_new), 0) AS BIGINT) FROM import_changed";
        const LOCAL_AUTHORITIES: &str = "INSERT INTO local_authorities (code, name) \
             SELECT la_code, MAX(la_name) FROM import_schools WHERE TRUE GROUP BY la_code \
             ON CONFLICT (code) DO UPDATE SET name = excluded.name \
             WHERE local_authorities.name <> excluded.name";
        // SQLite's search table is an FTS5 table whose rowid is the URN.
        let (forget_search, add_search) = match self.tx {
            Tx::Sqlite(_) => (
                "DELETE FROM school_search WHERE rowid IN (SELECT urn FROM import_changed)",
                "INSERT INTO school_search (rowid, search_text) \
                 SELECT i.urn, i.search_text FROM import_schools i \
                 JOIN import_changed c ON c.urn = i.urn",
            ),
            Tx::Postgres(_) => (
                "DELETE FROM school_search WHERE urn IN (SELECT urn FROM import_changed)",
                "INSERT INTO school_search (urn, search_text) \
                 SELECT i.urn, i.search_text FROM import_schools i \
                 JOIN import_changed c ON c.urn = i.urn",
            ),
        };
        let changed = match self.tx {
            Tx::Sqlite(_) => CHANGED.to_owned(),
            Tx::Postgres(_) => {
                CHANGED.replace("import_changed AS", "import_changed ON COMMIT DROP AS")
            }
        };
        let merge = format!(
            "INSERT INTO schools ({SCHOOL_COLUMNS}) SELECT {SCHOOL_COLUMNS} FROM import_schools \
             WHERE urn IN (SELECT urn FROM import_changed) \
             ON CONFLICT (urn) DO UPDATE SET {}",
            SCHOOL_COLUMNS
                .split(',')
                .map(str::trim)
                .filter(|c| *c != "urn")
                .map(|c| format!("{c} = excluded.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let at = to_stored_instant(at);
        let source = self.source.clone();
        let (read, inserted, updated): (i64, i64, i64) = dispatch!(Tx, &mut self.tx, tx => {
            sqlx::query(AssertSqlSafe(changed)).execute(&mut **tx).await?;
            let counts = sqlx::query_as(COUNTS).fetch_one(&mut **tx).await?;
            sqlx::query(LOCAL_AUTHORITIES).execute(&mut **tx).await?;
            sqlx::query(forget_search).execute(&mut **tx).await?;
            sqlx::query(add_search).execute(&mut **tx).await?;
            sqlx::query(AssertSqlSafe(merge)).execute(&mut **tx).await?;
            counts
        });
        let summary = ImportSummary {
            read: read as u64,
            inserted: inserted as u64,
            updated: updated as u64,
            unchanged: (read - inserted - updated) as u64,
        };
        dispatch!(Tx, &mut self.tx, tx => {
            sqlx::query(RECORD_IMPORT)
                .bind("establishments")
                .bind(&source)
                .bind(at)
                .bind(read)
                .bind(inserted)
                .bind(updated)
                .bind(read - inserted - updated)
                .execute(&mut **tx)
                .await?;
        });
        if let Tx::Sqlite(_) = self.tx {
            self.tx.execute("DROP TABLE temp.import_schools").await?;
            self.tx.execute("DROP TABLE temp.import_changed").await?;
        }
        self.tx.commit().await?;
        Ok(summary)
    }
}
