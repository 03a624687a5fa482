//! Maths Hubs and the local authorities each one serves.

use serde::Serialize;
use time::OffsetDateTime;

use crate::{Db, StoreError, dispatch};

/// One line of a hubs file: a hub and one local authority it serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubAssignment {
    pub hub_code: String,
    pub hub_name: String,
    pub la_code: String,
    pub la_name: String,
}

/// A hub with its headline figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct HubSummary {
    pub code: String,
    pub name: String,
    pub local_authority_count: i64,
    /// Open, state-funded secondary schools the hub serves (after any moves by hub leads).
    pub open_state_funded_secondary: i64,
}

/// A local authority a hub serves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct HubLocalAuthority {
    pub code: String,
    pub name: String,
    /// Open, state-funded secondary schools in the local authority.
    pub open_state_funded_secondary: i64,
}

/// A hub with its local authorities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hub {
    #[serde(flatten)]
    pub summary: HubSummary,
    pub local_authorities: Vec<HubLocalAuthority>,
}

/// What an import of hubs changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct HubImportSummary {
    pub hubs: u64,
    pub local_authorities: u64,
}

/// Counts open state-funded secondary schools by their effective hub.
const TARGET_SCHOOLS_BY_HUB: &str = "SELECT COALESCE(o.hub_code, la.hub_code) AS hub_code, \
     COUNT(*) AS schools FROM schools s \
     LEFT JOIN school_hub_overrides o ON o.urn = s.urn \
     LEFT JOIN local_authorities la ON la.code = s.la_code \
     WHERE s.is_open = $1 AND s.state_funded = $1 AND s.secondary = $1";

impl Db {
    /// Stores hubs and the local authorities they serve, in one transaction. A local authority
    /// named in the file moves to the hub the file gives it; others keep theirs.
    pub async fn import_hubs(
        &self,
        assignments: &[HubAssignment],
        source: &str,
        at: OffsetDateTime,
    ) -> Result<HubImportSummary, StoreError> {
        const HUB: &str = "INSERT INTO hubs (code, name) VALUES ($1, $2) \
             ON CONFLICT (code) DO UPDATE SET name = excluded.name";
        const LA: &str = "INSERT INTO local_authorities (code, name, hub_code) VALUES ($1, $2, $3) \
             ON CONFLICT (code) DO UPDATE SET name = excluded.name, hub_code = excluded.hub_code";
        let mut hubs: Vec<(&str, &str)> = assignments
            .iter()
            .map(|a| (a.hub_code.as_str(), a.hub_name.as_str()))
            .collect();
        hubs.sort_unstable();
        hubs.dedup();
        let at = crate::text::to_stored_instant(at);
        let read = assignments.len() as i64;
        dispatch!(Db, self, pool => {
            let mut tx = pool.begin().await?;
            for (code, name) in &hubs {
                sqlx::query(HUB).bind(*code).bind(*name).execute(&mut *tx).await?;
            }
            for a in assignments {
                sqlx::query(LA)
                    .bind(&a.la_code)
                    .bind(&a.la_name)
                    .bind(&a.hub_code)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query(crate::register_import::RECORD_IMPORT)
                .bind("hubs")
                .bind(source)
                .bind(at)
                .bind(read)
                .bind(0_i64)
                .bind(0_i64)
                .bind(0_i64)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        });
        Ok(HubImportSummary {
            hubs: hubs.len() as u64,
            local_authorities: assignments.len() as u64,
        })
    }

    /// Every hub's code and name, by name (without figures: cheap enough for every form).
    pub async fn hub_names(&self) -> Result<Vec<(String, String)>, StoreError> {
        const SQL: &str = "SELECT code, name FROM hubs ORDER BY name, code";
        Ok(dispatch!(Db, self, pool => sqlx::query_as(SQL).fetch_all(pool).await?))
    }

    /// Every hub, by name, with its figures.
    pub async fn hubs(&self) -> Result<Vec<HubSummary>, StoreError> {
        const HUBS: &str = "SELECT h.code, h.name, \
             (SELECT COUNT(*) FROM local_authorities la WHERE la.hub_code = h.code) \
             AS local_authority_count, CAST(0 AS BIGINT) AS open_state_funded_secondary \
             FROM hubs h ORDER BY h.name";
        let counts_sql =
            format!("{TARGET_SCHOOLS_BY_HUB} GROUP BY COALESCE(o.hub_code, la.hub_code)");
        let (mut hubs, counts): (Vec<HubSummary>, Vec<(Option<String>, i64)>) = dispatch!(Db, self, pool => {(
            sqlx::query_as(HUBS).fetch_all(pool).await?,
            sqlx::query_as(sqlx::AssertSqlSafe(counts_sql)).bind(true).fetch_all(pool).await?,
        )});
        for hub in &mut hubs {
            hub.open_state_funded_secondary = counts
                .iter()
                .find(|(code, _)| code.as_deref() == Some(hub.code.as_str()))
                .map_or(0, |(_, n)| *n);
        }
        Ok(hubs)
    }

    /// One hub with its local authorities, or `None` if there is no hub with that code.
    pub async fn hub(&self, code: &str) -> Result<Option<Hub>, StoreError> {
        const LAS: &str = "SELECT la.code, la.name, \
             (SELECT COUNT(*) FROM schools s WHERE s.la_code = la.code AND s.is_open = $2 \
             AND s.state_funded = $2 AND s.secondary = $2) AS open_state_funded_secondary \
             FROM local_authorities la WHERE la.hub_code = $1 ORDER BY la.name";
        let Some(summary) = self.hubs().await?.into_iter().find(|h| h.code == code) else {
            return Ok(None);
        };
        let local_authorities = dispatch!(Db, self, pool => {
            sqlx::query_as(LAS).bind(code).bind(true).fetch_all(pool).await?
        });
        Ok(Some(Hub {
            summary,
            local_authorities,
        }))
    }
}
