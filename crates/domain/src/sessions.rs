//! How long a signed-in session lasts.

use time::{Duration, OffsetDateTime};

/// A session ends after this long without a request.
pub const IDLE_TIMEOUT: Duration = Duration::minutes(60);
/// A session ends this long after sign-in, however active.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(12);

/// Whether a session begun at `created_at` and last used at `last_seen_at` still holds at `now`.
pub fn session_is_live(
    created_at: OffsetDateTime,
    last_seen_at: OffsetDateTime,
    now: OffsetDateTime,
) -> bool {
    now - last_seen_at < IDLE_TIMEOUT && now - created_at < ABSOLUTE_TIMEOUT
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn sessions_end_when_idle_or_old() {
        let start = datetime!(2026-11-25 09:00 UTC);
        assert!(session_is_live(start, start, start));
        assert!(session_is_live(start, start, start + Duration::minutes(59)));
        assert!(!session_is_live(start, start, start + IDLE_TIMEOUT));
        let busy = start + Duration::hours(11) + Duration::minutes(50);
        assert!(session_is_live(start, busy, busy + Duration::minutes(5)));
        assert!(!session_is_live(start, busy, start + ABSOLUTE_TIMEOUT));
    }
}
