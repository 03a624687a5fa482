//! People and the roles they hold, each within a scope: the whole country, one Maths Hub, or one
//! school (DOMAIN.md, "Who uses it").

use std::fmt;

use serde::Serialize;

use crate::Urn;

/// What a person does in the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// NCETM programme team: sees every hub, sets the catalogue, rates and target.
    NationalAdmin,
    /// Sees every hub, changes nothing.
    NationalViewer,
    /// Staff of one Maths Hub.
    HubLead,
    /// An accredited Mastery Specialist running Work Groups for a hub.
    WorkGroupLead,
    /// A school's headteacher or senior leader.
    SchoolLeader,
    /// A school's head of maths (subject leader).
    HeadOfMaths,
    /// One of a department's two Mastery Advocates.
    MasteryAdvocate,
    /// A maths teacher in the department.
    Teacher,
}

/// Where a role applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    National,
    Hub,
    School,
}

impl Role {
    /// Every role, in the order of DOMAIN.md's table.
    pub const ALL: [Role; 8] = [
        Role::NationalAdmin,
        Role::NationalViewer,
        Role::HubLead,
        Role::WorkGroupLead,
        Role::SchoolLeader,
        Role::HeadOfMaths,
        Role::MasteryAdvocate,
        Role::Teacher,
    ];

    /// The role's name on the command line and in the API, e.g. `hub-lead`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::NationalAdmin => "national-admin",
            Role::NationalViewer => "national-viewer",
            Role::HubLead => "hub-lead",
            Role::WorkGroupLead => "work-group-lead",
            Role::SchoolLeader => "school-leader",
            Role::HeadOfMaths => "head-of-maths",
            Role::MasteryAdvocate => "mastery-advocate",
            Role::Teacher => "teacher",
        }
    }

    /// The role's name for people, e.g. "Hub lead".
    pub fn label(self) -> &'static str {
        match self {
            Role::NationalAdmin => "National admin",
            Role::NationalViewer => "National viewer",
            Role::HubLead => "Hub lead",
            Role::WorkGroupLead => "Work Group Lead",
            Role::SchoolLeader => "School leader",
            Role::HeadOfMaths => "Head of maths",
            Role::MasteryAdvocate => "Mastery Advocate",
            Role::Teacher => "Teacher",
        }
    }

    /// Parses a role's command-line name.
    pub fn parse(text: &str) -> Result<Self, PeopleError> {
        Self::ALL
            .into_iter()
            .find(|role| role.as_str() == text.trim())
            .ok_or_else(|| PeopleError::UnknownRole(text.trim().to_owned()))
    }

    /// Where the role applies: national roles everywhere, hub roles in one hub, school roles in
    /// one school.
    pub fn scope_kind(self) -> ScopeKind {
        match self {
            Role::NationalAdmin | Role::NationalViewer => ScopeKind::National,
            Role::HubLead | Role::WorkGroupLead => ScopeKind::Hub,
            Role::SchoolLeader | Role::HeadOfMaths | Role::MasteryAdvocate | Role::Teacher => {
                ScopeKind::School
            }
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where one role is held.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "kebab-case")]
pub enum Scope {
    National,
    Hub(String),
    School(Urn),
}

/// A role held in a scope that suits it: a hub lead of a hub, a head of maths of a school.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct RoleGrant {
    role: Role,
    scope: Scope,
}

impl RoleGrant {
    /// A role with the hub or school it needs, and nothing it does not.
    pub fn new(role: Role, hub: Option<&str>, school: Option<Urn>) -> Result<Self, PeopleError> {
        let hub = hub.map(str::trim).filter(|h| !h.is_empty());
        let scope = match (role.scope_kind(), hub, school) {
            (ScopeKind::National, None, None) => Scope::National,
            (ScopeKind::Hub, Some(hub), None) => Scope::Hub(hub.to_owned()),
            (ScopeKind::School, None, Some(urn)) => Scope::School(urn),
            (kind, _, _) => return Err(PeopleError::WrongScope(role, kind)),
        };
        Ok(Self { role, scope })
    }

    pub fn role(&self) -> Role {
        self.role
    }

    pub fn scope(&self) -> &Scope {
        &self.scope
    }
}

/// Where a person lands after signing in: their widest role's place. National roles see every
/// hub; a hub role sees its hub; a school role sees its school; anyone else the home page.
pub fn home_path(grants: &[RoleGrant]) -> String {
    let widest = grants.iter().min_by_key(|g| match g.scope() {
        Scope::National => 0,
        Scope::Hub(_) => 1,
        Scope::School(_) => 2,
    });
    match widest.map(RoleGrant::scope) {
        Some(Scope::National) => "/hubs".to_owned(),
        Some(Scope::Hub(code)) => format!("/hubs/{code}"),
        Some(Scope::School(urn)) => format!("/schools/{urn}"),
        None => "/".to_owned(),
    }
}

/// An email address, kept as given (trimmed), compared without regard to case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Email(String);

/// The longest address accepted, in characters (RFC 5321's limit on a path, less its brackets).
pub const MAX_EMAIL_CHARS: usize = 254;

/// The longest local part (before the `@`) accepted (RFC 5321).
pub const MAX_LOCAL_PART_CHARS: usize = 64;

impl Email {
    /// An address a mailbox can be reached at, in the common form of RFC 5322's `addr-spec`:
    ///
    /// - a local part of dot-atom text: atoms of letters, digits and
    ///   ``!#$%&'*+-/=?^_`{|}~`` joined by single dots, at most 64 characters;
    /// - `@` and a host name of at least two labels of letters, digits and hyphens (none first
    ///   or last in a label), each at most 63 characters, the last not all digits;
    /// - at most 254 characters in all.
    ///
    /// Quoted local parts, address literals (`[192.0.2.1]`), comments and non-ASCII addresses
    /// are refused: schools' addresses need none of them, and they are where mail systems
    /// disagree. Every address accepted is one the mailer (lettre) accepts.
    pub fn parse(text: &str) -> Result<Self, PeopleError> {
        let text = text.trim();
        if is_mailbox(text) {
            Ok(Self(text.to_owned()))
        } else {
            Err(PeopleError::InvalidEmail(text.to_owned()))
        }
    }

    /// An address to look an existing account up by: any text with something either side of
    /// an `@` and no whitespace, as addresses were accepted before [`Email::parse`] became
    /// strict, so that an account recorded then can still be found, exported and erased. Never
    /// for recording a new address.
    pub fn for_lookup(text: &str) -> Result<Self, PeopleError> {
        let text = text.trim();
        let plausible = text
            .split_once('@')
            .is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty())
            && text.chars().count() <= MAX_EMAIL_CHARS
            && !text.chars().any(|c| c.is_whitespace() || c.is_control());
        if plausible {
            Ok(Self(text.to_owned()))
        } else {
            Err(PeopleError::InvalidEmail(text.to_owned()))
        }
    }

    /// The address as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form addresses are compared in: lower case.
    pub fn normalised(&self) -> String {
        self.0.to_lowercase()
    }
}

/// Whether `text` is an address [`Email::parse`] accepts.
fn is_mailbox(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    text.len() <= MAX_EMAIL_CHARS
        && local.len() <= MAX_LOCAL_PART_CHARS
        && is_dot_atom(local)
        && is_host_name(domain)
}

/// RFC 5322 `atext`: the characters of an atom.
fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c)
}

/// RFC 5322 `dot-atom-text`: atoms joined by single dots.
fn is_dot_atom(text: &str) -> bool {
    text.split('.')
        .all(|atom| !atom.is_empty() && atom.chars().all(is_atext))
}

/// A host name of letter-digit-hyphen labels (RFC 1123), with a dot, not ending in a number.
fn is_host_name(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |label: &&str| {
        (1..=63).contains(&label.len())
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    labels.len() >= 2
        && labels.iter().all(label_ok)
        && labels
            .last()
            .is_some_and(|tld| !tld.chars().all(|c| c.is_ascii_digit()))
}

/// Why a person or role cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeopleError {
    #[error(
        "'{0}' is not a role: use national-admin, national-viewer, hub-lead, work-group-lead, \
         school-leader, head-of-maths, mastery-advocate or teacher"
    )]
    UnknownRole(String),
    #[error("{} {}", .0.as_str(), match .1 {
        ScopeKind::National => "is national: give no hub and no school",
        ScopeKind::Hub => "is held in a hub: give the hub (and no school)",
        ScopeKind::School => "is held in a school: give the school's URN (and no hub)",
    })]
    WrongScope(Role, ScopeKind),
    #[error("'{0}' is not an email address")]
    InvalidEmail(String),
    #[error("a name is needed")]
    EmptyName,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urn() -> Urn {
        Urn::parse("137666").expect("valid")
    }

    #[test]
    fn every_role_round_trips_through_its_name() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
        assert!(matches!(
            Role::parse("admin"),
            Err(PeopleError::UnknownRole(_))
        ));
    }

    #[test]
    fn each_role_takes_exactly_the_scope_it_needs() {
        assert_eq!(
            RoleGrant::new(Role::NationalAdmin, None, None).map(|g| g.scope().clone()),
            Ok(Scope::National)
        );
        assert_eq!(
            RoleGrant::new(Role::HubLead, Some("EME"), None).map(|g| g.scope().clone()),
            Ok(Scope::Hub("EME".into()))
        );
        assert_eq!(
            RoleGrant::new(Role::HeadOfMaths, None, Some(urn())).map(|g| g.scope().clone()),
            Ok(Scope::School(urn()))
        );
        for (role, hub, school) in [
            (Role::NationalViewer, Some("EME"), None),
            (Role::HubLead, None, None),
            (Role::HubLead, Some("EME"), Some(urn())),
            (Role::WorkGroupLead, Some("  "), None),
            (Role::Teacher, Some("EME"), None),
            (Role::MasteryAdvocate, None, None),
        ] {
            assert!(
                matches!(
                    RoleGrant::new(role, hub, school),
                    Err(PeopleError::WrongScope(..))
                ),
                "{role} {hub:?} {school:?}"
            );
        }
    }

    #[test]
    fn people_land_on_their_widest_roles_place() {
        let head = RoleGrant::new(Role::HeadOfMaths, None, Some(urn())).expect("grant");
        let lead = RoleGrant::new(Role::HubLead, Some("EME"), None).expect("grant");
        let viewer = RoleGrant::new(Role::NationalViewer, None, None).expect("grant");
        assert_eq!(home_path(&[]), "/");
        assert_eq!(home_path(std::slice::from_ref(&head)), "/schools/137666");
        assert_eq!(home_path(&[head.clone(), lead.clone()]), "/hubs/EME");
        assert_eq!(home_path(&[head, lead, viewer]), "/hubs");
    }

    #[test]
    fn emails_are_mailboxes_the_mailer_can_send_to() {
        for good in [
            "ann@school.example",
            "Ann.O'Neil+maths@st-marys.sch.uk",
            "a@b.co",
            "x!#$%&'*+-/=?^_`{|}~@x-1.example",
            "9@9.example",
            "erased-12@erased.invalid",
            &format!("{}@{}.example", "a".repeat(64), "b".repeat(63)),
            &format!("a@{}.example", vec!["c".repeat(63); 3].join(".")),
        ] {
            assert_eq!(
                Email::parse(good).map(|e| e.0),
                Ok(good.to_owned()),
                "{good}"
            );
        }
        for bad in [
            "\"><svg/onload=alert(3)>@x.example",
            "<ann@x.example>",
            "Ann <ann@x.example>",
            "\"ann smith\"@x.example",
            "ann(comment)@x.example",
            "ann@[192.0.2.1]",
            "ann@192.0.2.1",
            "ann@x.123",
            ".ann@x.example",
            "ann.@x.example",
            "an..n@x.example",
            "ann@x..example",
            "ann@x.example.",
            "ann@-x.example",
            "ann@x-.example",
            "ann@x_y.example",
            "ann@localhost",
            "josé@x.example",
            "ann@bücher.example",
            "ann\n@x.example",
            "ann@x.example\r\nBcc: eve@evil.example",
            "ann\0@x.example",
            &format!("{}@x.example", "a".repeat(65)),
            &format!("a@{}.example", "b".repeat(64)),
            &format!("a@{}.example", vec!["c".repeat(63); 4].join(".")),
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn accounts_recorded_with_looser_addresses_can_still_be_looked_up() {
        let old = "\"><svg/onload=alert(3)>@x.example";
        assert!(Email::parse(old).is_err());
        assert_eq!(
            Email::for_lookup(old).map(|e| e.normalised()),
            Ok(old.to_owned())
        );
        for bad in [
            "",
            "ann",
            "@x.example",
            "ann@",
            "a b@x.example",
            "a\n@x.example",
        ] {
            assert!(Email::for_lookup(bad).is_err(), "{bad}");
        }
    }

    proptest::proptest! {
        /// Any address built from the grammar is accepted, and kept as typed.
        #[test]
        fn every_well_formed_address_is_accepted(
            local in "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,20}(\\.[A-Za-z0-9_+-]{1,10}){0,2}",
            labels in proptest::collection::vec("[A-Za-z0-9]([A-Za-z0-9-]{0,8}[A-Za-z0-9])?", 1..4),
            tld in "[A-Za-z]{2,6}",
        ) {
            let text = format!("{local}@{}.{tld}", labels.join("."));
            proptest::prop_assert_eq!(Email::parse(&text).map(|e| e.0), Ok(text.clone()));
        }

        /// Whatever is accepted holds nothing that could break a header or a page.
        #[test]
        fn nothing_accepted_holds_space_markup_or_control_characters(text in proptest::prelude::any::<String>()) {
            if let Ok(email) = Email::parse(&text) {
                proptest::prop_assert!(email.0.chars().all(|c| c.is_ascii_graphic()));
                proptest::prop_assert!(!email.0.contains(['<', '>', '"', '(', ')', ',', ';', ':', '\\', '[', ']']));
                proptest::prop_assert_eq!(email.0.matches('@').count(), 1);
            }
        }
    }

    #[test]
    fn emails_compare_without_case() {
        let email = Email::parse(" Ann.Smith@School.example ").expect("valid");
        assert_eq!(email.as_str(), "Ann.Smith@School.example");
        assert_eq!(email.normalised(), "ann.smith@school.example");
        for bad in [
            "",
            "ann",
            "@x.org",
            "ann@",
            "ann@x",
            "ann@.org",
            "a b@x.org",
            "a@b@c.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }
}
