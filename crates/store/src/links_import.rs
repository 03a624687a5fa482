//! Atomic imports of the register's links between establishments (predecessors and successors:
//! academy conversions, mergers, splits).

use sqlx::AssertSqlSafe;
use time::{Date, OffsetDateTime};

use crate::Tx;
use crate::register_import::{ImportSummary, RECORD_IMPORT, placeholders};
use crate::text::to_stored_instant;
use crate::{Db, StoreError, dispatch};

/// How the linked establishment stands to the establishment the link belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkDirection {
    Predecessor,
    Successor,
    Other,
}

impl LinkDirection {
    fn as_str(self) -> &'static str {
        match self {
            Self::Predecessor => "predecessor",
            Self::Successor => "successor",
            Self::Other => "other",
        }
    }
}

/// One link as the register gives it: `link_urn` is `urn`'s predecessor, successor or other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLink {
    pub urn: i64,
    pub link_urn: i64,
    pub link_name: String,
    pub link_type: String,
    pub direction: LinkDirection,
    pub established: Option<Date>,
}

const BATCH_ROWS: usize = 1000;
const COLUMNS: &str = "urn, link_urn, link_name, link_type, direction, established";

const STAGING_SQLITE: &str = "CREATE TEMP TABLE import_links (urn BIGINT NOT NULL, \
     link_urn BIGINT NOT NULL, link_name TEXT NOT NULL, link_type TEXT NOT NULL, \
     direction TEXT NOT NULL, established DATE NULL)";
const STAGING_POSTGRES: &str = "CREATE TEMP TABLE import_links (urn BIGINT NOT NULL, \
     link_urn BIGINT NOT NULL, link_name TEXT NOT NULL, link_type TEXT NOT NULL, \
     direction TEXT NOT NULL, established DATE NULL) ON COMMIT DROP";

/// An import of links in progress: add every link, then [`finish`](Self::finish). Dropping it
/// without finishing rolls everything back.
pub struct LinkImport {
    tx: Tx,
    pending: Vec<NewLink>,
    source: String,
}

impl Db {
    /// Starts an atomic import of register links from `source`.
    pub async fn begin_link_import(&self, source: &str) -> Result<LinkImport, StoreError> {
        let mut tx = Tx::begin(self).await?;
        match &tx {
            Tx::Sqlite(_) => {
                tx.execute("DROP TABLE IF EXISTS temp.import_links").await?;
                tx.execute(STAGING_SQLITE).await?
            }
            Tx::Postgres(_) => tx.execute(STAGING_POSTGRES).await?,
        };
        Ok(LinkImport {
            tx,
            pending: Vec::with_capacity(BATCH_ROWS),
            source: source.to_owned(),
        })
    }
}

impl LinkImport {
    /// Adds one link.
    pub async fn add(&mut self, link: NewLink) -> Result<(), StoreError> {
        self.pending.push(link);
        if self.pending.len() >= BATCH_ROWS {
            self.flush().await?;
        }
        Ok(())
    }

    async fn flush(&mut self) -> Result<(), StoreError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let sql = format!(
            "INSERT INTO import_links ({COLUMNS}) VALUES {}",
            placeholders(self.tx.engine(), 6, self.pending.len())
        );
        let rows = std::mem::take(&mut self.pending);
        dispatch!(Tx, &mut self.tx, tx => {
            let mut query = sqlx::query(AssertSqlSafe(sql));
            for link in &rows {
                query = query
                    .bind(link.urn)
                    .bind(link.link_urn)
                    .bind(&link.link_name)
                    .bind(&link.link_type)
                    .bind(link.direction.as_str())
                    .bind(link.established);
            }
            query.execute(&mut **tx).await?;
        });
        self.pending = rows;
        self.pending.clear();
        Ok(())
    }

    /// Merges the links into the register and commits. A link repeated in the file counts once;
    /// links missing from the file are kept.
    pub async fn finish(mut self, at: OffsetDateTime) -> Result<ImportSummary, StoreError> {
        self.flush().await?;
        // One row per key: the last one wins when the file repeats a link.
        const DEDUPLICATE: &str = "CREATE TEMP TABLE import_links_unique AS \
             SELECT i.urn, i.link_urn, i.link_type, MAX(i.link_name) AS link_name, \
             MAX(i.direction) AS direction, MAX(i.established) AS established \
             FROM import_links i GROUP BY i.urn, i.link_urn, i.link_type";
        const COUNTS: &str = "SELECT (SELECT COUNT(*) FROM import_links), \
             CAST(COALESCE(SUM(CASE WHEN l.urn IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT), \
             CAST(COALESCE(SUM(CASE WHEN l.urn IS NOT NULL AND (l.link_name <> i.link_name \
             OR l.direction <> i.direction \
             OR COALESCE(l.established, '1900-01-01') <> COALESCE(i.established, '1900-01-01')) \
             THEN 1 ELSE 0 END), 0) AS BIGINT) \
             FROM import_links_unique i LEFT JOIN school_links l ON l.urn = i.urn \
             AND l.link_urn = i.link_urn AND l.link_type = i.link_type";
        const MERGE: &str = "INSERT INTO school_links (urn, link_urn, link_type, link_name, \
             direction, established) SELECT urn, link_urn, link_type, link_name, direction, \
             established FROM import_links_unique WHERE TRUE \
             ON CONFLICT (urn, link_urn, link_type) DO UPDATE SET link_name = excluded.link_name, \
             direction = excluded.direction, established = excluded.established";
        let at = to_stored_instant(at);
        let source = self.source.clone();
        let dedup = match self.tx {
            Tx::Sqlite(_) => DEDUPLICATE.to_owned(),
            Tx::Postgres(_) => DEDUPLICATE.replace(" AS SELECT", " ON COMMIT DROP AS SELECT"),
        };
        let (read, inserted, updated): (i64, i64, i64) = dispatch!(Tx, &mut self.tx, tx => {
            sqlx::query(AssertSqlSafe(dedup)).execute(&mut **tx).await?;
            let counts: (i64, i64, i64) = sqlx::query_as(COUNTS).fetch_one(&mut **tx).await?;
            sqlx::query(MERGE).execute(&mut **tx).await?;
            sqlx::query(RECORD_IMPORT)
                .bind("links")
                .bind(&source)
                .bind(at)
                .bind(counts.0)
                .bind(counts.1)
                .bind(counts.2)
                .bind(counts.0 - counts.1 - counts.2)
                .execute(&mut **tx)
                .await?;
            counts
        });
        if let Tx::Sqlite(_) = self.tx {
            self.tx.execute("DROP TABLE temp.import_links").await?;
            self.tx
                .execute("DROP TABLE temp.import_links_unique")
                .await?;
        }
        self.tx.commit().await?;
        Ok(ImportSummary {
            read: read as u64,
            inserted: inserted as u64,
            updated: updated as u64,
            unchanged: (read - inserted - updated) as u64,
        })
    }
}
