use thiserror::Error;

/// A failure of the storage layer.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("unsupported database URL '{0}': use sqlite://PATH or postgres://...")]
    UnsupportedUrl(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("{0}")]
    Invalid(String),
}

impl StoreError {
    /// Whether the error is a violation of a unique constraint (detected by kind, since SQLite
    /// does not name constraints).
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, Self::Database(sqlx::Error::Database(e)) if e.is_unique_violation())
    }
}
