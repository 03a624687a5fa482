//! How many sign-in attempts are checked before more are refused for a while.
//!
//! Every attempt is counted *before* its password is checked, against three counters, each over
//! a window that starts with the counter's first attempt:
//!
//! - **the account from one address** ([`PER_ACCOUNT_AND_ADDRESS`]): slows a guesser down to a
//!   few tries a window without touching the owner, who signs in from another address;
//! - **the account from anywhere** ([`PER_ACCOUNT`]): a ceiling, well above the pair's limit,
//!   against guessing spread over many addresses. Only an attacker with many addresses can reach
//!   it, so the owner is not locked out by someone guessing from one place;
//! - **the address, for any account** ([`PER_ADDRESS`]): against trying one password on many
//!   accounts. Behind a load balancer the address is the client's, read from `X-Forwarded-For`
//!   only when the request came through a trusted proxy.
//!
//! An attempt that any counter refuses is not counted at all (so hammering a refused pair does
//! not use up the account's ceiling), and a successful sign-in takes its own attempt back and
//! clears the pair's counter.

use time::Duration;

/// Attempts are counted over this window, from a counter's first attempt.
pub const WINDOW: Duration = Duration::minutes(15);
/// Attempts allowed for one account from one client address within the window.
pub const PER_ACCOUNT_AND_ADDRESS: i64 = 5;
/// Attempts allowed for one account (whether or not it exists) from every address together.
pub const PER_ACCOUNT: i64 = 50;
/// Attempts allowed from one client address, on any accounts.
pub const PER_ADDRESS: i64 = 30;
// The owner, at another address, is locked out only by guessing from many addresses.
const _: () = assert!(PER_ACCOUNT_AND_ADDRESS * 2 < PER_ACCOUNT);

/// Counters whose window ended this long ago are deleted.
pub const FORGET_AFTER: Duration = Duration::hours(1);

/// What an attempt would make of each counter, the attempt included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptCounts {
    pub account_and_address: i64,
    pub account: i64,
    pub address: i64,
}

/// Whether an attempt may be checked, given the counts it would make.
pub fn may_attempt(counts: AttemptCounts) -> bool {
    counts.account_and_address <= PER_ACCOUNT_AND_ADDRESS
        && counts.account <= PER_ACCOUNT
        && counts.address <= PER_ADDRESS
}

/// The counter keys of one attempt: the account (an email address in lower case, whether or
/// not such an account exists) and the client's address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptKeys {
    pub account_and_address: String,
    pub account: String,
    pub address: String,
}

impl AttemptKeys {
    pub fn new(account: &str, address: &str) -> Self {
        Self {
            account_and_address: format!("pair:{address} {account}"),
            account: format!("account:{account}"),
            address: format!("address:{address}"),
        }
    }

    /// The keys in the order they are always locked, so that two attempts never wait on each
    /// other's locks.
    pub fn in_lock_order(&self) -> [&str; 3] {
        [&self.account, &self.account_and_address, &self.address]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pair: i64, account: i64, address: i64) -> AttemptCounts {
        AttemptCounts {
            account_and_address: pair,
            account,
            address,
        }
    }

    #[test]
    fn attempts_stop_at_any_limit() {
        assert!(may_attempt(counts(1, 1, 1)));
        assert!(may_attempt(counts(
            PER_ACCOUNT_AND_ADDRESS,
            PER_ACCOUNT,
            PER_ADDRESS
        )));
        assert!(!may_attempt(counts(PER_ACCOUNT_AND_ADDRESS + 1, 1, 1)));
        assert!(!may_attempt(counts(1, PER_ACCOUNT + 1, 1)));
        assert!(!may_attempt(counts(1, 1, PER_ADDRESS + 1)));
    }

    #[test]
    fn keys_name_the_account_and_the_address_apart() {
        let keys = AttemptKeys::new("a@x.example", "192.0.2.1");
        assert_eq!(keys.account, "account:a@x.example");
        assert_eq!(keys.address, "address:192.0.2.1");
        assert_eq!(keys.account_and_address, "pair:192.0.2.1 a@x.example");
        assert_eq!(keys.in_lock_order().len(), 3);
    }
}
