use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Postgres, Sqlite, Transaction};

use crate::{StoreError, dispatch};

/// Which database engine a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A connection pool on one of the two supported engines.
#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Db {
    /// Connects to `sqlite://PATH` (the file is created if missing; WAL, foreign keys on) or
    /// `postgres://...`.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(options)
                .await?;
            Ok(Self::Sqlite(pool))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await?;
            Ok(Self::Postgres(pool))
        } else {
            Err(StoreError::UnsupportedUrl(url.to_owned()))
        }
    }

    /// Connects and brings the schema up to date.
    pub async fn connect_and_migrate(url: &str) -> Result<Self, StoreError> {
        let db = Self::connect(url).await?;
        db.migrate().await?;
        Ok(db)
    }

    /// Runs the migrations this engine has not run yet.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match self {
            Self::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await?,
            Self::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        Ok(())
    }

    /// The engine behind this pool.
    pub fn engine(&self) -> Engine {
        match self {
            Self::Sqlite(_) => Engine::Sqlite,
            Self::Postgres(_) => Engine::Postgres,
        }
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        crate::dispatch!(Db, self, pool => {
            sqlx::query("SELECT 1").execute(pool).await?;
        });
        Ok(())
    }

    /// Closes every connection.
    pub async fn close(&self) {
        crate::dispatch!(Db, self, pool => pool.close().await)
    }
}

/// A write transaction on either engine.
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
