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
    /// The record is not (or no longer) in the state the change needs: someone decided or
    /// changed it first. The sentence says so to a person, e.g. "This nomination has been
    /// decided already". Checked inside the change's own transaction, so of two identical
    /// changes racing, exactly one succeeds and the other ends here.
    #[error("{0}")]
    Conflict(String),
    /// The record the change is for does not exist (checked inside the change's transaction).
    #[error("{0}")]
    NotFound(String),
}

impl StoreError {
    /// Whether the error is a violation of a unique constraint (detected by kind, since SQLite
    /// does not name constraints).
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, Self::Database(sqlx::Error::Database(e)) if e.is_unique_violation())
    }
}
