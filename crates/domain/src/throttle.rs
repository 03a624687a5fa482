//! How many failed sign-ins are allowed before more attempts are refused for a while.

use time::Duration;

/// Failures are counted over this window.
pub const WINDOW: Duration = Duration::minutes(15);
/// Failed attempts allowed per account (whether or not it exists) within the window.
pub const PER_ACCOUNT: i64 = 5;
/// Failed attempts allowed per client address within the window.
pub const PER_ADDRESS: i64 = 30;

/// Whether another attempt may be made, given the failures counted within the window.
pub fn may_attempt(account_failures: i64, address_failures: i64) -> bool {
    account_failures < PER_ACCOUNT && address_failures < PER_ADDRESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempts_stop_at_either_limit() {
        assert!(may_attempt(0, 0));
        assert!(may_attempt(PER_ACCOUNT - 1, PER_ADDRESS - 1));
        assert!(!may_attempt(PER_ACCOUNT, 0));
        assert!(!may_attempt(0, PER_ADDRESS));
    }
}
