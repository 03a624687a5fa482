//! An application's lifecycle: draft → submitted → accepted, waitlisted or declined; withdrawn by
//! the school at any point before it is closed. A waitlisted application may later be accepted or
//! declined. Declining needs a reason. Declined and withdrawn applications are closed.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum ApplicationStatus {
    /// Being written by the school.
    Draft,
    /// Sent to the hub for a decision.
    Submitted,
    /// Given a place.
    Accepted,
    /// On the waiting list for a place.
    Waitlisted,
    /// Refused, with a reason.
    Declined,
    /// Withdrawn by the school.
    Withdrawn,
}

/// Who moves an application into a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// The school (its head of maths or senior leader).
    School,
    /// The hub deciding on it.
    Hub,
}

/// Why a text is not an application status.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{0}' is not an application status: use draft, submitted, accepted, waitlisted, declined \
     or withdrawn"
)]
pub struct ApplicationStatusError(pub String);

impl ApplicationStatus {
    /// Every status, in lifecycle order.
    pub const ALL: [ApplicationStatus; 6] = [
        ApplicationStatus::Draft,
        ApplicationStatus::Submitted,
        ApplicationStatus::Accepted,
        ApplicationStatus::Waitlisted,
        ApplicationStatus::Declined,
        ApplicationStatus::Withdrawn,
    ];

    /// The status's name in URLs, the API and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::Accepted => "accepted",
            Self::Waitlisted => "waitlisted",
            Self::Declined => "declined",
            Self::Withdrawn => "withdrawn",
        }
    }

    /// The status for people, e.g. "On the waiting list".
    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::Submitted => "Submitted",
            Self::Accepted => "Accepted",
            Self::Waitlisted => "On the waiting list",
            Self::Declined => "Declined",
            Self::Withdrawn => "Withdrawn",
        }
    }

    /// Parses a status's name, ignoring case and surrounding space.
    pub fn parse(text: &str) -> Result<Self, ApplicationStatusError> {
        let wanted = text.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == wanted)
            .ok_or_else(|| ApplicationStatusError(text.trim().to_owned()))
    }

    /// The statuses an application in this one may move to.
    pub fn next(self) -> &'static [ApplicationStatus] {
        use ApplicationStatus::*;
        match self {
            Draft => &[Submitted, Withdrawn],
            Submitted => &[Accepted, Waitlisted, Declined, Withdrawn],
            Waitlisted => &[Accepted, Declined, Withdrawn],
            Accepted => &[Withdrawn],
            Declined | Withdrawn => &[],
        }
    }

    /// Whether the application is closed: declined or withdrawn.
    pub fn is_closed(self) -> bool {
        self.next().is_empty()
    }

    /// Who moves an application into this status: the school drafts, submits and withdraws;
    /// the hub accepts, waitlists and declines.
    pub fn moved_by(self) -> Party {
        match self {
            Self::Draft | Self::Submitted | Self::Withdrawn => Party::School,
            Self::Accepted | Self::Waitlisted | Self::Declined => Party::Hub,
        }
    }

    /// What moving an application into this status is called, e.g. "put on the waiting list".
    fn verb(self) -> &'static str {
        match self {
            Self::Draft => "returned to draft",
            Self::Submitted => "submitted",
            Self::Accepted => "accepted",
            Self::Waitlisted => "put on the waiting list",
            Self::Declined => "declined",
            Self::Withdrawn => "withdrawn",
        }
    }
}

impl fmt::Display for ApplicationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ApplicationStatus {
    type Err = ApplicationStatusError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for ApplicationStatus {
    type Error = ApplicationStatusError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<ApplicationStatus> for &'static str {
    fn from(status: ApplicationStatus) -> Self {
        status.as_str()
    }
}

/// The longest reason accepted, in characters.
pub const MAX_REASON_CHARS: usize = 2_000;

/// An allowed move, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transition {
    from: ApplicationStatus,
    to: ApplicationStatus,
    reason: Option<String>,
}

impl Transition {
    /// The status moved from.
    pub fn from(&self) -> ApplicationStatus {
        self.from
    }

    /// The status moved to.
    pub fn to(&self) -> ApplicationStatus {
        self.to
    }

    /// The reason given (always present for a decline).
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }
}

/// Why a move is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    /// The application is already in the status.
    #[error("The application is already {}", .0.label().to_lowercase())]
    Unchanged(ApplicationStatus),
    /// The lifecycle does not allow the move.
    #[error("{}", not_allowed(.from, .to))]
    NotAllowed {
        /// The current status.
        from: ApplicationStatus,
        /// The status asked for.
        to: ApplicationStatus,
    },
    /// A decline without a reason.
    #[error("Give the school a reason for declining the application")]
    ReasonNeeded,
    /// A reason over [`MAX_REASON_CHARS`].
    #[error("The reason must be 2,000 characters or fewer")]
    ReasonTooLong,
}

impl From<TransitionError> for crate::Refusal {
    fn from(error: TransitionError) -> Self {
        let message = error.to_string();
        match error {
            TransitionError::Unchanged(_) => Self::new("application_unchanged", message),
            TransitionError::NotAllowed { .. } => Self::new("transition_not_allowed", message),
            TransitionError::ReasonNeeded => Self::new("reason_needed", message).on("reason"),
            TransitionError::ReasonTooLong => Self::new("reason_too_long", message).on("reason"),
        }
    }
}

fn not_allowed(from: &ApplicationStatus, to: &ApplicationStatus) -> String {
    let article = if *from == ApplicationStatus::Accepted {
        "An"
    } else {
        "A"
    };
    let hint = match from.next() {
        [] => "it is closed".to_owned(),
        [only] => format!("it can only be {}", only.verb()),
        [rest @ .., last] => {
            let rest: Vec<_> = rest.iter().map(|s| s.verb()).collect();
            format!("it can only be {} or {}", rest.join(", "), last.verb())
        }
    };
    format!(
        "{article} {} application cannot be {}: {hint}",
        from.as_str(),
        to.verb()
    )
}

/// Checks a move from one status to another; a decline needs a reason. Blank reasons count as
/// none.
pub fn transition(
    from: ApplicationStatus,
    to: ApplicationStatus,
    reason: Option<&str>,
) -> Result<Transition, TransitionError> {
    if from == to {
        return Err(TransitionError::Unchanged(from));
    }
    if !from.next().contains(&to) {
        return Err(TransitionError::NotAllowed { from, to });
    }
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if to == ApplicationStatus::Declined && reason.is_none() {
        return Err(TransitionError::ReasonNeeded);
    }
    if reason.is_some_and(|r| r.chars().count() > MAX_REASON_CHARS) {
        return Err(TransitionError::ReasonTooLong);
    }
    Ok(Transition {
        from,
        to,
        reason: reason.map(str::to_owned),
    })
}

/// Accepting into a full Work Group is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "This Work Group is full: it holds {capacity} {} and {accepted} {} already accepted",
    one_or_more(.capacity, "department", "departments"),
    one_or_more(.accepted, "is", "are")
)]
pub struct WorkGroupFull {
    /// How many departments the Work Group holds.
    pub capacity: u32,
    /// How many are accepted already.
    pub accepted: u32,
}

fn one_or_more(count: &u32, one: &'static str, more: &'static str) -> &'static str {
    if *count == 1 { one } else { more }
}

/// Whether a Work Group holding `capacity` departments, `accepted` of them already accepted, has
/// room for one more.
pub fn check_room(capacity: u32, accepted: u32) -> Result<(), WorkGroupFull> {
    if accepted < capacity {
        Ok(())
    } else {
        Err(WorkGroupFull { capacity, accepted })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ApplicationStatus::*;
    use proptest::prelude::*;

    #[test]
    fn a_refused_move_is_a_refusal_with_a_code_and_its_field() {
        let refusal = crate::Refusal::from(
            transition(Submitted, Declined, Some(" ")).expect_err("no reason"),
        );
        assert_eq!(
            (refusal.code, refusal.field),
            ("reason_needed", Some("reason"))
        );
        let refusal =
            crate::Refusal::from(transition(Declined, Accepted, None).expect_err("closed"));
        assert_eq!(
            (refusal.code, refusal.field),
            ("transition_not_allowed", None)
        );
        assert!(
            refusal.message.contains("it is closed"),
            "{}",
            refusal.message
        );
        let refusal = crate::Refusal::from(transition(Draft, Draft, None).expect_err("same"));
        assert_eq!(refusal.code, "application_unchanged");
        let long = "x".repeat(MAX_REASON_CHARS + 1);
        let refusal =
            crate::Refusal::from(transition(Submitted, Declined, Some(&long)).expect_err("long"));
        assert_eq!(
            (refusal.code, refusal.field),
            ("reason_too_long", Some("reason"))
        );
    }

    #[test]
    fn the_lifecycle_allows_exactly_these_moves() {
        let allowed = [
            (Draft, Submitted),
            (Draft, Withdrawn),
            (Submitted, Accepted),
            (Submitted, Waitlisted),
            (Submitted, Declined),
            (Submitted, Withdrawn),
            (Waitlisted, Accepted),
            (Waitlisted, Declined),
            (Waitlisted, Withdrawn),
            (Accepted, Withdrawn),
        ];
        for from in ApplicationStatus::ALL {
            for to in ApplicationStatus::ALL {
                let result = transition(from, to, Some("Capacity"));
                assert_eq!(
                    result.is_ok(),
                    allowed.contains(&(from, to)),
                    "{from} -> {to}: {result:?}"
                );
            }
        }
        assert!(Declined.is_closed() && Withdrawn.is_closed() && !Accepted.is_closed());
    }

    #[test]
    fn refusals_say_what_is_possible() {
        assert_eq!(
            transition(Draft, Accepted, None)
                .expect_err("not submitted")
                .to_string(),
            "A draft application cannot be accepted: it can only be submitted or withdrawn"
        );
        assert_eq!(
            transition(Accepted, Waitlisted, None)
                .expect_err("decided")
                .to_string(),
            "An accepted application cannot be put on the waiting list: it can only be withdrawn"
        );
        assert_eq!(
            transition(Withdrawn, Submitted, None)
                .expect_err("closed")
                .to_string(),
            "A withdrawn application cannot be submitted: it is closed"
        );
        assert_eq!(
            transition(Submitted, Draft, None)
                .expect_err("no way back")
                .to_string(),
            "A submitted application cannot be returned to draft: it can only be accepted, put \
             on the waiting list, declined or withdrawn"
        );
        assert_eq!(
            transition(Waitlisted, Waitlisted, None),
            Err(TransitionError::Unchanged(Waitlisted))
        );
        assert_eq!(
            TransitionError::Unchanged(Waitlisted).to_string(),
            "The application is already on the waiting list"
        );
    }

    #[test]
    fn declining_needs_a_reason() {
        for reason in [None, Some(""), Some("   ")] {
            assert_eq!(
                transition(Submitted, Declined, reason),
                Err(TransitionError::ReasonNeeded)
            );
        }
        let declined =
            transition(Waitlisted, Declined, Some(" No places left this year ")).expect("allowed");
        assert_eq!(declined.reason(), Some("No places left this year"));
        assert_eq!((declined.from(), declined.to()), (Waitlisted, Declined));
        let long = "x".repeat(MAX_REASON_CHARS + 1);
        assert_eq!(
            transition(Submitted, Declined, Some(&long)),
            Err(TransitionError::ReasonTooLong)
        );
        assert_eq!(
            transition(Draft, Submitted, None).map(|t| t.reason().is_none()),
            Ok(true)
        );
    }

    #[test]
    fn the_school_and_the_hub_each_make_their_moves() {
        assert_eq!(Submitted.moved_by(), Party::School);
        assert_eq!(Withdrawn.moved_by(), Party::School);
        assert_eq!(Accepted.moved_by(), Party::Hub);
        assert_eq!(Waitlisted.moved_by(), Party::Hub);
        assert_eq!(Declined.moved_by(), Party::Hub);
    }

    #[test]
    fn statuses_round_trip_through_their_names() {
        for status in ApplicationStatus::ALL {
            assert_eq!(ApplicationStatus::parse(status.as_str()), Ok(status));
        }
        assert_eq!(ApplicationStatus::parse(" SUBMITTED "), Ok(Submitted));
        let error = ApplicationStatus::parse("approved").expect_err("unknown");
        assert!(error.to_string().contains("'approved'"));
        assert!(error.to_string().contains("waitlisted"));
    }

    #[test]
    fn a_full_work_group_takes_no_more() {
        assert_eq!(check_room(6, 5), Ok(()));
        assert_eq!(
            check_room(6, 6),
            Err(WorkGroupFull {
                capacity: 6,
                accepted: 6
            })
        );
        assert_eq!(
            check_room(6, 6).expect_err("full").to_string(),
            "This Work Group is full: it holds 6 departments and 6 are already accepted"
        );
        assert_eq!(
            check_room(1, 1).expect_err("full").to_string(),
            "This Work Group is full: it holds 1 department and 1 is already accepted"
        );
        assert!(check_room(0, 0).is_err());
    }

    proptest! {
        #[test]
        fn room_exactly_below_capacity(capacity in 0u32..50, accepted in 0u32..60) {
            prop_assert_eq!(check_room(capacity, accepted).is_ok(), accepted < capacity);
        }

        #[test]
        fn no_move_leaves_a_closed_application(
            from in proptest::sample::select(ApplicationStatus::ALL.to_vec()),
            to in proptest::sample::select(ApplicationStatus::ALL.to_vec()),
        ) {
            if from.is_closed() {
                prop_assert!(transition(from, to, Some("reason")).is_err());
            }
            if to == Withdrawn && !from.is_closed() {
                prop_assert!(transition(from, to, None).is_ok());
            }
        }
    }
}
