//! Counting sign-in attempts before their passwords are checked (the limits and what they are
//! for are the domain's: `masteryhub_domain::throttle`).
//!
//! Each counter is one row, counted up by one upsert inside a write transaction: on SQLite the
//! transaction is `BEGIN IMMEDIATE`, so attempts take turns; on PostgreSQL the upsert locks the
//! row until the transaction ends, and a waiting attempt then counts on from the committed
//! value. Either way no two attempts see the same count, however many arrive at once.

use masteryhub_domain::throttle::{self, AttemptCounts, AttemptKeys};
use time::OffsetDateTime;

use crate::text::to_stored_instant;
use crate::{Db, StoreError, Tx, dispatch};

/// An attempt that was counted, so that a correct password can take it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountedAttempt {
    keys: AttemptKeys,
    /// When the account's and the address's windows started, as counted.
    account_window: OffsetDateTime,
    address_window: OffsetDateTime,
}

/// Counts one on `$1`: a new window from `$2` if the counter's window started at `$3` or
/// before. The right-hand sides read the row as it was, on both engines.
const COUNT: &str = "INSERT INTO sign_in_counters (throttle_key, window_started_at, attempts) \
     VALUES ($1, $2, 1) ON CONFLICT (throttle_key) DO UPDATE SET \
     attempts = CASE WHEN sign_in_counters.window_started_at <= $3 THEN 1 \
                ELSE sign_in_counters.attempts + 1 END, \
     window_started_at = CASE WHEN sign_in_counters.window_started_at <= $3 THEN $2 \
                ELSE sign_in_counters.window_started_at END \
     RETURNING attempts, window_started_at";

const FORGET: &str = "DELETE FROM sign_in_counters WHERE window_started_at < $1";

const TAKE_BACK: &str = "UPDATE sign_in_counters SET attempts = attempts - 1 \
     WHERE throttle_key = $1 AND window_started_at = $2 AND attempts > 0";

const CLEAR: &str = "DELETE FROM sign_in_counters WHERE throttle_key = $1";

impl Db {
    /// Counts a sign-in attempt on its three counters if `allow` lets through the counts it
    /// would make; otherwise counts nothing and answers `None`. One transaction.
    pub async fn count_sign_in_attempt(
        &self,
        keys: &AttemptKeys,
        now: OffsetDateTime,
        allow: impl FnOnce(AttemptCounts) -> bool,
    ) -> Result<Option<CountedAttempt>, StoreError> {
        let now = to_stored_instant(now);
        let window_ended = now - throttle::WINDOW;
        let mut tx = Tx::begin(self).await?;
        dispatch!(Tx, &mut tx, tx => {
            sqlx::query(FORGET)
                .bind(window_ended - throttle::FORGET_AFTER)
                .execute(&mut **tx)
                .await?;
        });
        // Always in the same order, so that two attempts never wait for each other's rows.
        let mut in_order = [
            keys.account.as_str(),
            keys.account_and_address.as_str(),
            keys.address.as_str(),
        ];
        in_order.sort_unstable();
        let mut counted = Vec::with_capacity(in_order.len());
        for key in in_order {
            let row: (i64, OffsetDateTime) = dispatch!(Tx, &mut tx, tx => {
                sqlx::query_as(COUNT)
                    .bind(key)
                    .bind(now)
                    .bind(window_ended)
                    .fetch_one(&mut **tx)
                    .await?
            });
            counted.push((key, row));
        }
        let find = |wanted: &str| {
            counted
                .iter()
                .find(|(key, _)| *key == wanted)
                .map(|(_, row)| *row)
                .unwrap_or((0, now))
        };
        let (account, account_window) = find(&keys.account);
        let (address, address_window) = find(&keys.address);
        let (account_and_address, _) = find(&keys.account_and_address);
        let counts = AttemptCounts {
            account_and_address,
            account,
            address,
        };
        if !allow(counts) {
            dispatch!(Tx, tx, tx => tx.rollback().await?);
            return Ok(None);
        }
        tx.commit().await?;
        Ok(Some(CountedAttempt {
            keys: keys.clone(),
            account_window,
            address_window,
        }))
    }

    /// After a correct password: the attempt no longer counts against the account or the
    /// address, and the account's attempts from this address are forgotten.
    pub async fn forget_sign_in_attempt(&self, attempt: &CountedAttempt) -> Result<(), StoreError> {
        let mut tx = Tx::begin(self).await?;
        dispatch!(Tx, &mut tx, tx => {
            for (key, window) in [
                (&attempt.keys.account, attempt.account_window),
                (&attempt.keys.address, attempt.address_window),
            ] {
                sqlx::query(TAKE_BACK).bind(key).bind(window).execute(&mut **tx).await?;
            }
            sqlx::query(CLEAR)
                .bind(&attempt.keys.account_and_address)
                .execute(&mut **tx)
                .await?;
        });
        tx.commit().await
    }
}
