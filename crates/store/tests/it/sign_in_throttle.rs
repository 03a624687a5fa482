//! Sign-in attempts are counted atomically, however many arrive at once.

use masteryhub_domain::throttle::{self, AttemptKeys};
use masteryhub_store::testing::TestDb;
use std::sync::Arc;

use crate::support::NOW;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_attempts_never_see_the_same_count() {
    let test = Arc::new(TestDb::new().await);
    let keys = AttemptKeys::new("a@school.example", "198.51.100.7");
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..40 {
        let (test, keys) = (Arc::clone(&test), keys.clone());
        tasks.spawn(async move {
            test.db
                .count_sign_in_attempt(&keys, NOW, throttle::may_attempt)
                .await
                .expect("counted or refused, never an error")
        });
    }
    let mut allowed = 0;
    while let Some(result) = tasks.join_next().await {
        allowed += usize::from(result.expect("task").is_some());
    }
    assert_eq!(
        allowed,
        usize::try_from(throttle::PER_ACCOUNT_AND_ADDRESS).expect("small")
    );
}

#[tokio::test]
async fn a_refused_attempt_counts_nothing_and_a_taken_back_one_frees_its_place() {
    let test = TestDb::new().await;
    let db = &test.db;
    let keys = AttemptKeys::new("a@school.example", "198.51.100.7");
    let mut counted = Vec::new();
    for _ in 0..throttle::PER_ACCOUNT_AND_ADDRESS {
        let attempt = db
            .count_sign_in_attempt(&keys, NOW, throttle::may_attempt)
            .await
            .expect("count");
        counted.push(attempt.expect("allowed"));
    }
    let refused = db
        .count_sign_in_attempt(&keys, NOW, throttle::may_attempt)
        .await
        .expect("count");
    assert!(refused.is_none());
    // Another address for the same account still counts from the attempts made, not refused.
    let elsewhere = AttemptKeys::new("a@school.example", "192.0.2.1");
    let mut seen = None;
    db.count_sign_in_attempt(&elsewhere, NOW, |counts| {
        seen = Some(counts);
        true
    })
    .await
    .expect("count");
    let seen = seen.expect("asked");
    assert_eq!(seen.account, throttle::PER_ACCOUNT_AND_ADDRESS + 1);
    assert_eq!(seen.account_and_address, 1);
    // A correct password at the first address clears the pair and takes its attempt back.
    let last = counted.pop().expect("one");
    db.forget_sign_in_attempt(&last).await.expect("forget");
    let mut seen = None;
    db.count_sign_in_attempt(&keys, NOW, |counts| {
        seen = Some(counts);
        true
    })
    .await
    .expect("count");
    let seen = seen.expect("asked");
    assert_eq!(seen.account_and_address, 1, "the pair starts again");
    assert_eq!(seen.account, throttle::PER_ACCOUNT_AND_ADDRESS + 1);
    // A new window starts every counter again.
    let later = NOW + throttle::WINDOW;
    let mut seen = None;
    db.count_sign_in_attempt(&keys, later, |counts| {
        seen = Some(counts);
        true
    })
    .await
    .expect("count");
    let seen = seen.expect("asked");
    assert_eq!(
        (seen.account, seen.address, seen.account_and_address),
        (1, 1, 1)
    );
}
