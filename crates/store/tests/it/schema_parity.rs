//! The two engines' migrated schemas must describe the same tables and columns.

use std::collections::BTreeMap;

use masteryhub_store::Db;
use masteryhub_store::testing::TestDb;

/// (table, column) -> (type family, nullable)
type Schema = BTreeMap<(String, String), (String, bool)>;

fn family(declared: &str) -> String {
    let t = declared.to_ascii_lowercase();
    let family = match t.as_str() {
        "text" | "character varying" => "text",
        "bigint" | "integer" | "smallint" => "integer",
        "boolean" => "boolean",
        "date" => "date",
        "timestamp" | "timestamp with time zone" => "instant",
        other => other,
    };
    family.to_owned()
}

async fn schema(db: &Db) -> Schema {
    let mut schema = Schema::new();
    match db {
        Db::Sqlite(pool) => {
            let tables: Vec<(String,)> = sqlx::query_as(
                "SELECT name FROM sqlite_master WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%' \
                 AND name NOT LIKE 'school_search%'",
            )
            .fetch_all(pool)
            .await
            .expect("tables");
            for (table,) in tables {
                let sql =
                    format!("SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}')");
                let columns: Vec<(String, String, i64, i64)> =
                    sqlx::query_as(sqlx::AssertSqlSafe(sql))
                        .fetch_all(pool)
                        .await
                        .expect("columns");
                for (column, declared, not_null, pk) in columns {
                    schema.insert(
                        (table.clone(), column),
                        (family(&declared), not_null == 0 && pk == 0),
                    );
                }
            }
        }
        Db::Postgres(pool) => {
            let columns: Vec<(String, String, String, String)> = sqlx::query_as(
                "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text \
                 FROM information_schema.columns WHERE table_schema = 'public' \
                 AND table_name NOT LIKE '_sqlx%' AND table_name <> 'school_search'",
            )
            .fetch_all(pool)
            .await
            .expect("columns");
            for (table, column, declared, nullable) in columns {
                schema.insert((table, column), (family(&declared), nullable == "YES"));
            }
        }
    }
    schema
}

#[tokio::test]
async fn sqlite_and_postgres_schemas_match() {
    let server = std::env::var("TEST_POSTGRES_URL")
        .or_else(|_| std::env::var("TEST_DATABASE_URL"))
        .ok()
        .filter(|url| url.starts_with("postgres"));
    let Some(server) = server else {
        eprintln!("schema parity needs PostgreSQL: set TEST_POSTGRES_URL (CI does)");
        return;
    };
    let sqlite = TestDb::sqlite().await;
    let postgres = TestDb::postgres(&server).await;
    let (a, b) = (schema(&sqlite.db).await, schema(&postgres.db).await);
    // The search tables differ by design (an FTS5 table keyed by rowid on SQLite, a table with
    // a trigram index on PostgreSQL); the search tests prove they answer alike.
    assert!(a.len() > 20, "the SQLite schema was read: {a:?}");
    let only_sqlite: Vec<_> = a.iter().filter(|(k, v)| b.get(*k) != Some(v)).collect();
    let only_postgres: Vec<_> = b.iter().filter(|(k, v)| a.get(*k) != Some(v)).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "schemas differ:\nSQLite has {only_sqlite:#?}\nPostgreSQL has {only_postgres:#?}"
    );
}
