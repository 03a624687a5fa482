//! Who may do what: the one policy every page, list and API answer goes through.
//!
//! A person's roles each reach a scope (DOMAIN.md, "Who uses it"): national roles see every hub
//! and school, and a national admin changes anything; a viewer changes nothing. A hub lead sees
//! and changes their own hub and its schools; a Work Group Lead sees their hub and its schools.
//! School roles see their own school only; its head of maths and senior leader act for it.
//! Personal data, the audit trail and the outbox are for national admins (the trail may also be
//! read by national viewers). Whoever may not see people reads the audit trail and history pages
//! with personal data withheld ([`Principal::sees_personal_data`], [`crate::privacy`]).

use crate::Urn;
use crate::people::{Role, RoleGrant, Scope};

/// What an actor wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Read the resource.
    View,
    /// Change the resource, or act for it (invite its staff, move it to another hub).
    Change,
}

/// What an action is done to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource<'a> {
    /// A school, with the hub it belongs to now (if any).
    School { urn: Urn, hub: Option<&'a str> },
    /// A Maths Hub, by code.
    Hub(&'a str),
    /// Everything held about people: accounts, roles, personal data export and erasure.
    People,
    /// The audit trail of every change.
    AuditTrail,
    /// Emails waiting or sent (shown to admins in demo mode).
    Outbox,
    /// The programme catalogue and the year's foci: read by everyone signed in, set nationally.
    Catalogue,
}

/// The roles of whoever is acting, as the policy reads them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Principal {
    grants: Vec<RoleGrant>,
}

/// Which schools and hubs an actor can see, for filtering lists, searches and exports by the same
/// rule as single records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// Every school and hub.
    Everything,
    /// The schools of these hubs, and these schools.
    Within {
        hubs: Vec<String>,
        schools: Vec<Urn>,
    },
}

impl Reach {
    /// Whether a school (in hub `hub`) is within reach.
    pub fn includes_school(&self, urn: Urn, hub: Option<&str>) -> bool {
        match self {
            Reach::Everything => true,
            Reach::Within { hubs, schools } => {
                schools.contains(&urn) || hub.is_some_and(|hub| hubs.iter().any(|h| h == hub))
            }
        }
    }

    /// Whether a hub is within reach.
    pub fn includes_hub(&self, code: &str) -> bool {
        match self {
            Reach::Everything => true,
            Reach::Within { hubs, .. } => hubs.iter().any(|h| h == code),
        }
    }
}

impl Principal {
    /// The actor holding these roles.
    pub fn new(grants: Vec<RoleGrant>) -> Self {
        Self { grants }
    }

    /// The roles the actor holds.
    pub fn grants(&self) -> &[RoleGrant] {
        &self.grants
    }

    /// Whether the actor holds `role` anywhere.
    pub fn holds(&self, role: Role) -> bool {
        self.grants.iter().any(|g| g.role() == role)
    }

    /// Whether the actor may do `action` to `resource`: whether any one of their roles allows it.
    pub fn may(&self, action: Action, resource: Resource<'_>) -> bool {
        self.grants
            .iter()
            .any(|grant| grant_allows(grant, action, resource))
    }

    /// Whether the actor sees the personal data in the audit trail and history pages (names and
    /// email addresses of people): exactly those who may view people. Everyone else sees them
    /// withheld, as [`crate::privacy`] says.
    pub fn sees_personal_data(&self) -> bool {
        self.may(Action::View, Resource::People)
    }

    /// The schools and hubs the actor may view. `may(View, School{..})` agrees with
    /// `reach().includes_school(..)` for every school.
    pub fn reach(&self) -> Reach {
        if self.grants.iter().any(|g| g.scope() == &Scope::National) {
            return Reach::Everything;
        }
        let mut hubs = Vec::new();
        let mut schools = Vec::new();
        for grant in &self.grants {
            match grant.scope() {
                Scope::National => {}
                Scope::Hub(code) => hubs.push(code.clone()),
                Scope::School(urn) => schools.push(*urn),
            }
        }
        hubs.sort();
        hubs.dedup();
        schools.sort();
        schools.dedup();
        Reach::Within { hubs, schools }
    }
}

/// What one role, in its scope, allows.
fn grant_allows(grant: &RoleGrant, action: Action, resource: Resource<'_>) -> bool {
    use Resource as R;
    match (grant.role(), grant.scope()) {
        (Role::NationalAdmin, _) => true,
        (Role::NationalViewer, _) => {
            action == Action::View && !matches!(resource, R::People | R::Outbox)
        }
        // Everyone signed in reads the catalogue; only national admins (above) change it.
        (_, _) if resource == R::Catalogue => action == Action::View,
        (Role::HubLead, Scope::Hub(own)) => match resource {
            R::Hub(code) => code == own,
            R::School { hub, .. } => hub == Some(own.as_str()),
            R::People | R::AuditTrail | R::Outbox | R::Catalogue => false,
        },
        (Role::WorkGroupLead, Scope::Hub(own)) => {
            action == Action::View
                && match resource {
                    R::Hub(code) => code == own,
                    R::School { hub, .. } => hub == Some(own.as_str()),
                    R::People | R::AuditTrail | R::Outbox | R::Catalogue => false,
                }
        }
        (role, Scope::School(own)) => match resource {
            R::School { urn, .. } if urn == *own => {
                action == Action::View || matches!(role, Role::HeadOfMaths | Role::SchoolLeader)
            }
            _ => false,
        },
        // A grant in the wrong kind of scope cannot be built; it allows nothing.
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn urn(n: u32) -> Urn {
        Urn::parse(&n.to_string()).expect("valid")
    }

    fn grant(role: Role, scope: &Scope) -> RoleGrant {
        match scope {
            Scope::National => RoleGrant::new(role, None, None),
            Scope::Hub(code) => RoleGrant::new(role, Some(code), None),
            Scope::School(urn) => RoleGrant::new(role, None, Some(*urn)),
        }
        .expect("scope suits role")
    }

    fn one(role: Role, scope: &Scope) -> Principal {
        Principal::new(vec![grant(role, scope)])
    }

    fn school(n: u32, hub: &'static str) -> Resource<'static> {
        Resource::School {
            urn: urn(n),
            hub: Some(hub),
        }
    }

    #[test]
    fn national_admins_do_anything_and_viewers_only_look() {
        let admin = one(Role::NationalAdmin, &Scope::National);
        let viewer = one(Role::NationalViewer, &Scope::National);
        for resource in [
            school(100_001, "EME"),
            school(100_003, "LCW"),
            Resource::Hub("LCW"),
            Resource::AuditTrail,
        ] {
            assert!(admin.may(Action::Change, resource));
            assert!(viewer.may(Action::View, resource));
            assert!(!viewer.may(Action::Change, resource));
        }
        assert!(admin.may(Action::Change, Resource::People));
        assert!(!viewer.may(Action::View, Resource::People));
        assert!(!viewer.may(Action::View, Resource::Outbox));
        assert!(admin.sees_personal_data());
        assert!(
            !viewer.sees_personal_data(),
            "the trail, with personal data withheld"
        );
    }

    #[test]
    fn hub_roles_stay_in_their_hub() {
        let eme = Scope::Hub("EME".into());
        let lead = one(Role::HubLead, &eme);
        let wgl = one(Role::WorkGroupLead, &eme);
        assert!(lead.may(Action::Change, school(100_002, "EME")));
        assert!(lead.may(Action::Change, Resource::Hub("EME")));
        assert!(!lead.may(Action::View, school(100_003, "LCW")));
        assert!(!lead.may(Action::View, Resource::Hub("LCW")));
        assert!(!lead.may(Action::View, Resource::People));
        assert!(!lead.sees_personal_data() && !wgl.sees_personal_data());
        assert!(wgl.may(Action::View, school(100_002, "EME")));
        assert!(!wgl.may(Action::Change, school(100_002, "EME")));
        assert!(!wgl.may(Action::View, school(100_003, "LCW")));
    }

    #[test]
    fn school_roles_see_only_their_school_and_only_leaders_act_for_it() {
        let own = Scope::School(urn(100_001));
        for role in [
            Role::SchoolLeader,
            Role::HeadOfMaths,
            Role::MasteryAdvocate,
            Role::Teacher,
        ] {
            let person = one(role, &own);
            assert!(person.may(Action::View, school(100_001, "EME")), "{role}");
            assert!(!person.may(Action::View, school(100_002, "EME")), "{role}");
            assert!(!person.may(Action::View, Resource::Hub("EME")), "{role}");
            assert!(!person.may(Action::View, Resource::AuditTrail), "{role}");
            let acts = matches!(role, Role::SchoolLeader | Role::HeadOfMaths);
            assert_eq!(
                person.may(Action::Change, school(100_001, "EME")),
                acts,
                "{role}"
            );
        }
    }

    #[test]
    fn everyone_reads_the_catalogue_and_only_national_admins_change_it() {
        let eme = Scope::Hub("EME".into());
        let school = Scope::School(urn(100_001));
        for person in [
            one(Role::NationalViewer, &Scope::National),
            one(Role::HubLead, &eme),
            one(Role::WorkGroupLead, &eme),
            one(Role::Teacher, &school),
        ] {
            assert!(person.may(Action::View, Resource::Catalogue));
            assert!(!person.may(Action::Change, Resource::Catalogue));
        }
        assert!(
            one(Role::NationalAdmin, &Scope::National).may(Action::Change, Resource::Catalogue)
        );
        assert!(!Principal::default().may(Action::View, Resource::Catalogue));
    }

    #[test]
    fn no_roles_allow_nothing() {
        let nobody = Principal::default();
        assert!(!nobody.may(Action::View, school(100_001, "EME")));
        assert_eq!(
            nobody.reach(),
            Reach::Within {
                hubs: vec![],
                schools: vec![]
            }
        );
    }

    #[test]
    fn roles_add_up() {
        let person = Principal::new(vec![
            grant(Role::Teacher, &Scope::School(urn(100_003))),
            grant(Role::HubLead, &Scope::Hub("EME".into())),
        ]);
        assert!(person.may(Action::View, school(100_003, "LCW")));
        assert!(!person.may(Action::Change, school(100_003, "LCW")));
        assert!(person.may(Action::Change, school(100_001, "EME")));
        assert_eq!(
            person.reach(),
            Reach::Within {
                hubs: vec!["EME".into()],
                schools: vec![urn(100_003)]
            }
        );
    }

    fn any_scope() -> impl Strategy<Value = Scope> {
        prop_oneof![
            Just(Scope::National),
            prop::sample::select(vec!["EME", "LCW", "NWC"]).prop_map(|h| Scope::Hub(h.into())),
            (100_001u32..100_006).prop_map(|n| Scope::School(urn(n))),
        ]
    }

    fn any_grant() -> impl Strategy<Value = RoleGrant> {
        (prop::sample::select(Role::ALL.to_vec()), any_scope()).prop_filter_map(
            "scope suits role",
            |(role, scope)| match &scope {
                Scope::National => RoleGrant::new(role, None, None).ok(),
                Scope::Hub(code) => RoleGrant::new(role, Some(code), None).ok(),
                Scope::School(urn) => RoleGrant::new(role, None, Some(*urn)).ok(),
            },
        )
    }

    proptest! {
        /// Lists and single records are filtered by the same rule.
        #[test]
        fn reach_agrees_with_viewing_each_school(
            grants in prop::collection::vec(any_grant(), 0..4),
            school in 100_001u32..100_008,
            hub in prop::option::of(prop::sample::select(vec!["EME", "LCW", "NWC", "XXX"])),
        ) {
            let person = Principal::new(grants);
            let urn = urn(school);
            prop_assert_eq!(
                person.may(Action::View, Resource::School { urn, hub }),
                person.reach().includes_school(urn, hub)
            );
            if let Some(hub) = hub {
                prop_assert_eq!(
                    person.may(Action::View, Resource::Hub(hub)),
                    person.reach().includes_hub(hub)
                );
            }
        }

        /// Nobody may change what they may not see.
        #[test]
        fn changing_needs_seeing(
            grants in prop::collection::vec(any_grant(), 0..4),
            school in 100_001u32..100_008,
            hub in prop::option::of(prop::sample::select(vec!["EME", "LCW"])),
        ) {
            let person = Principal::new(grants);
            for resource in [
                Resource::School { urn: urn(school), hub },
                Resource::Hub(hub.unwrap_or("EME")),
                Resource::People,
                Resource::AuditTrail,
                Resource::Outbox,
                Resource::Catalogue,
            ] {
                prop_assert!(!person.may(Action::Change, resource) || person.may(Action::View, resource));
            }
        }
    }
}
