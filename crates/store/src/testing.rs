//! A fresh, migrated database per test, on the engine `TEST_DATABASE_URL` names.
//!
//! - unset or `sqlite:`: a SQLite file in a new temporary folder, removed afterwards;
//! - `postgres://USER@HOST:PORT/DB`: a new database `mh_test_*` on that server, created from the
//!   migrations and dropped afterwards (any left by a crashed run can be dropped by name).

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::Db;

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A database that lives as long as the test.
pub struct TestDb {
    pub db: Db,
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Folder(PathBuf),
    Postgres { server_url: String, name: String },
}

/// Names test databases apart; the clock only breaks ties between runs.
#[allow(clippy::disallowed_methods)]
fn unique_suffix() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!(
        "{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        nanos % 1_000_000_000
    )
}

/// `postgres://u@h:p/db?x` with the database name replaced.
pub fn with_database(server_url: &str, name: &str) -> String {
    let (base, query) = match server_url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (server_url, String::new()),
    };
    let authority_end = base
        .find("://")
        .map(|i| i + 3)
        .and_then(|start| base[start..].find('/').map(|i| start + i))
        .unwrap_or(base.len());
    format!("{}/{name}{query}", &base[..authority_end])
}

impl TestDb {
    /// The engine chosen by `TEST_DATABASE_URL`.
    pub async fn new() -> Self {
        match std::env::var("TEST_DATABASE_URL") {
            Ok(url) if url.starts_with("postgres") => Self::postgres(&url).await,
            _ => Self::sqlite().await,
        }
    }

    /// A new SQLite database in a temporary folder.
    pub async fn sqlite() -> Self {
        let folder = std::env::temp_dir().join(format!("masteryhub-test-{}", unique_suffix()));
        std::fs::create_dir_all(&folder).expect("create a temporary folder");
        let url = format!("sqlite://{}", folder.join("test.db").display());
        let db = Db::connect_and_migrate(&url)
            .await
            .expect("migrate a SQLite test database");
        Self {
            db,
            url,
            cleanup: Cleanup::Folder(folder),
        }
    }

    /// A new database on the PostgreSQL server of `server_url`.
    pub async fn postgres(server_url: &str) -> Self {
        let name = format!("mh_test_{}", unique_suffix());
        let admin = Db::connect(server_url)
            .await
            .expect("connect to the PostgreSQL test server");
        if let Db::Postgres(pool) = &admin {
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(pool)
                .await
                .expect("create a PostgreSQL test database");
        }
        admin.close().await;
        let url = with_database(server_url, &name);
        let db = Db::connect_and_migrate(&url)
            .await
            .expect("migrate a PostgreSQL test database");
        Self {
            db,
            url,
            cleanup: Cleanup::Postgres {
                server_url: server_url.to_owned(),
                name,
            },
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Folder(folder) => {
                let _ = std::fs::remove_dir_all(folder);
            }
            Cleanup::Postgres { server_url, name } => {
                let (server_url, name) = (server_url.clone(), name.clone());
                // Drop runs inside the test's runtime: use a thread with a runtime of its own.
                let dropper = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build();
                    if let Ok(runtime) = runtime {
                        runtime.block_on(async {
                            if let Ok(Db::Postgres(pool)) = Db::connect(&server_url).await {
                                let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                                let _ = sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&pool).await;
                                pool.close().await;
                            }
                        });
                    }
                });
                let _ = dropper.join();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn replaces_the_database_name() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            with_database("postgres://u@h/db?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
    }
}
