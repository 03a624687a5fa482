//! View models and their templates (askama: checked at compile time, escaped by default).

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use masteryhub_store::hubs::{Hub, HubSummary};
use masteryhub_store::schools::{School, SchoolSummary};

use masteryhub_domain::policy::{Action, Principal, Reach, Resource};
use masteryhub_domain::privacy;

use crate::auth::SignedIn;
use crate::csrf::FormToken;

/// A page's header section (the navigation link it marks as current).
macro_rules! page {
    ($page:ty, $section:literal) => {
        impl $page {
            pub fn section(&self) -> &'static str {
                $section
            }
        }
    };
}

/// A form's header section, and the message beside each field that is wrong.
macro_rules! form_page {
    ($page:ty, $section:literal) => {
        page!($page, $section);

        impl $page {
            pub fn error_for(&self, field: &str) -> Option<&str> {
                error_for(&self.errors, field)
            }
        }
    };
}

/// Renders a template, or answers 500 if it cannot be rendered.
pub fn render<T: Template>(template: &T) -> Response {
    match template.render() {
        Ok(html) => Html(html).into_response(),
        Err(error) => {
            tracing::error!(%error, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "template error").into_response()
        }
    }
}

/// What every page's header shows about the person signed in.
#[derive(Debug, Clone, Default)]
pub struct Chrome {
    pub user_name: Option<String>,
    pub csrf_token: String,
    pub nav: Nav,
}

impl Chrome {
    pub fn for_request(user: Option<&SignedIn>) -> Self {
        user.map_or_else(Self::default, |user| Self {
            user_name: Some(user.name.clone()),
            csrf_token: user.csrf_token.clone().unwrap_or_default(),
            nav: Nav::for_person(&user.principal),
        })
    }

    /// The header of a page for someone not signed in, whose forms carry `token`.
    pub fn anonymous(token: &FormToken) -> Self {
        Self {
            user_name: None,
            csrf_token: token.0.clone(),
            nav: Nav::default(),
        }
    }
}

/// The sections of the service a person's roles open to them, as links in the header.
#[derive(Debug, Clone, Copy, Default)]
pub struct Nav {
    pub schools: bool,
    pub catalogue: bool,
    pub hubs: bool,
    pub people: bool,
    pub audit: bool,
}

impl Nav {
    fn for_person(principal: &Principal) -> Self {
        let reach = principal.reach();
        Self {
            schools: !principal.grants().is_empty(),
            catalogue: principal.may(Action::View, Resource::Catalogue),
            hubs: match &reach {
                Reach::Everything => true,
                Reach::Within { hubs, .. } => !hubs.is_empty(),
            },
            people: principal.may(Action::View, Resource::People),
            audit: principal.may(Action::View, Resource::AuditTrail),
        }
    }
}

/// A choice in a `<select>`.
#[derive(Debug, Clone)]
pub struct SelectOption {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl SelectOption {
    pub fn new(value: impl Into<String>, label: impl Into<String>, current: &str) -> Self {
        let value = value.into();
        let selected = value == current;
        Self {
            value,
            label: label.into(),
            selected,
        }
    }
}

/// Previous and next links under a list.
#[derive(Debug, Clone)]
pub struct Pagination {
    pub page: u32,
    pub page_count: u32,
    pub previous_href: Option<String>,
    pub next_href: Option<String>,
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub chrome: Chrome,
    pub title: &'static str,
    pub message: std::borrow::Cow<'static, str>,
}

page!(ErrorPage, "");

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub chrome: Chrome,
    pub schools: i64,
    pub target_schools: i64,
    pub hubs: usize,
}

page!(HomePage, "home");

/// A problem with one field, as the error summary and the field show it.
#[derive(Debug, Clone)]
pub struct PageFieldError {
    /// The field's name in the request.
    pub field: String,
    /// The id the error summary links to.
    pub anchor: String,
    pub message: String,
}

fn error_for<'a>(errors: &'a [PageFieldError], field: &str) -> Option<&'a str> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.as_str())
}

#[derive(Template)]
#[template(path = "schools.html")]
pub struct SchoolsPage {
    pub chrome: Chrome,
    pub errors: Vec<PageFieldError>,
    pub q: String,
    pub funding: Vec<SelectOption>,
    pub phase: Vec<SelectOption>,
    pub status: Vec<SelectOption>,
    pub local_authorities: Vec<SelectOption>,
    pub hubs: Vec<SelectOption>,
    pub total: i64,
    pub items: Vec<SchoolSummary>,
    pub pagination: Pagination,
}

form_page!(SchoolsPage, "schools");

#[derive(Template)]
#[template(path = "school.html")]
pub struct SchoolPage {
    pub chrome: Chrome,
    pub school: School,
    /// Whether the person may act for the school (invite its staff).
    pub may_change: bool,
    /// The department's pathway, year by year (predecessors' years too).
    pub timeline: Vec<masteryhub_store::pathway::history::TimelineRow>,
    /// The Work Groups of the timeline the person may open.
    pub openable_groups: Vec<i64>,
    pub applications: Vec<masteryhub_store::pathway::applications::ApplicationRecord>,
    /// Whether the person may open the school's hub.
    pub hub_link: bool,
    /// The linked schools the person may open.
    pub openable_links: Vec<i64>,
    /// The school's people, for those who may act for it.
    pub members: Vec<masteryhub_store::directory::SchoolMember>,
    pub notice: Option<&'static str>,
}

impl SchoolPage {
    pub fn section(&self) -> &'static str {
        "schools"
    }

    /// A status's name for people.
    pub fn status(name: &str) -> &'static str {
        masteryhub_domain::pathway::ApplicationStatus::parse(name).map_or("Unknown", |s| s.label())
    }

    /// Whether a linked school's name links to its page.
    pub fn opens(&self, urn: &i64) -> bool {
        self.openable_links.contains(urn)
    }

    pub fn yes_no(value: &bool) -> &'static str {
        if *value { "Yes" } else { "No" }
    }

    pub fn date(value: &Option<time::Date>) -> String {
        value
            .as_ref()
            .map_or_else(|| "Not recorded".to_owned(), format_date)
    }

    pub fn ages(&self) -> String {
        match (
            self.school.record.statutory_low_age,
            self.school.record.statutory_high_age,
        ) {
            (Some(low), Some(high)) => format!("{low} to {high}"),
            _ => "Not recorded".to_owned(),
        }
    }
}

/// Percent-encodes text for a query string.
pub fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `24,000`: a count as the GOV.UK style guide writes numbers, with a comma every three digits.
pub fn thousands(n: &i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if *n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 local authority`, `1,234 local authorities`
pub fn count(n: &i64, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if *n == 1 { one } else { many })
}

/// `25 November 2026 at 10:00 UTC`
pub fn format_instant(at: time::OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{} at {:02}:{:02} UTC",
        format_date(&at.date()),
        at.hour(),
        at.minute()
    )
}

/// `1 November 2011`
pub fn format_date(date: &time::Date) -> String {
    format!("{} {} {}", date.day(), date.month(), date.year())
}

#[derive(Template)]
#[template(path = "hubs.html")]
pub struct HubsPage {
    pub chrome: Chrome,
    pub hubs: Vec<HubSummary>,
    pub total_target_schools: i64,
}

page!(HubsPage, "hubs");

#[derive(Template)]
#[template(path = "sign_in.html")]
pub struct SignInPage {
    pub chrome: Chrome,
    pub email: String,
    pub errors: Vec<PageFieldError>,
    /// A confirmation to show above the form.
    pub notice: Option<&'static str>,
    /// The page to go back to after signing in (empty: the person's home).
    pub next: String,
}

form_page!(SignInPage, "sign-in");

#[derive(Template)]
#[template(path = "password_reset.html")]
pub struct PasswordResetPage {
    pub chrome: Chrome,
    pub email: String,
    pub errors: Vec<PageFieldError>,
}

form_page!(PasswordResetPage, "sign-in");

#[derive(Template)]
#[template(path = "password_reset_sent.html")]
pub struct PasswordResetSentPage {
    pub chrome: Chrome,
}

page!(PasswordResetSentPage, "sign-in");

#[derive(Template)]
#[template(path = "set_password.html")]
pub struct SetPasswordPage {
    pub chrome: Chrome,
    pub heading: &'static str,
    pub action: String,
    pub name: String,
    pub email: String,
    pub min_length: usize,
    pub errors: Vec<PageFieldError>,
}

form_page!(SetPasswordPage, "sign-in");

#[derive(Template)]
#[template(path = "link_expired.html")]
pub struct LinkExpiredPage {
    pub chrome: Chrome,
    pub advice: &'static str,
}

page!(LinkExpiredPage, "sign-in");

#[derive(Template)]
#[template(path = "invite.html")]
pub struct InvitePage {
    pub chrome: Chrome,
    pub urn: i64,
    pub school_name: String,
    pub name: String,
    pub email: String,
    pub roles: Vec<SelectOption>,
    pub errors: Vec<PageFieldError>,
}

form_page!(InvitePage, "schools");

#[derive(Template)]
#[template(path = "people.html")]
pub struct PeoplePage {
    pub chrome: Chrome,
    pub q: String,
    pub total: i64,
    pub people: Vec<masteryhub_store::directory::PersonSummary>,
    pub pagination: Pagination,
    pub show_outbox: bool,
}

page!(PeoplePage, "people");

/// One role of a person, where it is held.
#[derive(Debug, Clone)]
pub struct RoleRow {
    pub role: &'static str,
    pub place: String,
    pub href: Option<String>,
}

#[derive(Template)]
#[template(path = "person.html")]
pub struct PersonPage {
    pub chrome: Chrome,
    pub account: masteryhub_store::directory::Account,
    pub created: String,
    pub roles: Vec<RoleRow>,
    pub may_erase: bool,
    pub notice: Option<&'static str>,
    pub errors: Vec<PageFieldError>,
}

form_page!(PersonPage, "people");

#[derive(Template)]
#[template(path = "audit.html")]
pub struct AuditPage {
    pub chrome: Chrome,
    pub kinds: Vec<SelectOption>,
    pub record_id: String,
    pub actor: String,
    pub from: String,
    pub until: String,
    pub total: i64,
    /// Each change with the kind and id of its record.
    pub events: Vec<(String, String, HistoryRow)>,
    pub pagination: Pagination,
    pub errors: Vec<PageFieldError>,
    /// Whether records about people link to their People pages (for those who may open them).
    pub people_links: bool,
}

impl AuditPage {
    pub fn section(&self) -> &'static str {
        "audit"
    }

    pub fn error_for(&self, field: &str) -> Option<&str> {
        error_for(&self.errors, field)
    }

    /// The page of the record a change was made to, where there is one the reader may open.
    pub fn record_href(&self, kind: &str, id: &str) -> Option<String> {
        match kind {
            "school" => Some(format!("/schools/{id}")),
            "hub" => Some(format!("/hubs/{id}")),
            "person" if self.people_links => Some(format!("/admin/people/{id}")),
            _ => None,
        }
    }
}

/// An email in the outbox.
#[derive(Debug, Clone)]
pub struct OutboxRow {
    pub created: String,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub status: String,
}

#[derive(Template)]
#[template(path = "outbox.html")]
pub struct OutboxPage {
    pub chrome: Chrome,
    pub emails: Vec<OutboxRow>,
}

page!(OutboxPage, "people");

/// `2025-26`: a year as it goes in an address.
pub fn year_param(year: masteryhub_domain::AcademicYear) -> String {
    year.to_string().replace('/', "-")
}

/// Links to the years before and after the one shown.
#[derive(Debug, Clone)]
pub struct YearLinks {
    pub previous: Option<(String, String)>,
    pub next: Option<(String, String)>,
}

impl YearLinks {
    /// Links from `base?year=` to the years either side of `year`.
    pub fn around(year: masteryhub_domain::AcademicYear, base: &str) -> Self {
        let link = |y: masteryhub_domain::AcademicYear| {
            (y.to_string(), format!("{base}?year={}", year_param(y)))
        };
        Self {
            previous: year.previous().map(link),
            next: year.next().map(link),
        }
    }
}

#[derive(Template)]
#[template(path = "work_groups.html")]
pub struct WorkGroupsPage {
    pub chrome: Chrome,
    pub hub_code: String,
    pub hub_name: String,
    pub year: String,
    pub year_param: String,
    pub years: YearLinks,
    pub groups: Vec<masteryhub_store::pathway::work_groups::WorkGroup>,
    pub may_open: bool,
}

page!(WorkGroupsPage, "hubs");

#[derive(Template)]
#[template(path = "work_group.html")]
pub struct WorkGroupPage {
    pub chrome: Chrome,
    pub group: masteryhub_store::pathway::work_groups::WorkGroup,
    pub members: Vec<masteryhub_store::pathway::work_groups::Member>,
    pub may_change: bool,
    pub year_param: String,
}

page!(WorkGroupPage, "hubs");

#[derive(Template)]
#[template(path = "work_group_form.html")]
pub struct WorkGroupFormPage {
    pub chrome: Chrome,
    pub title: String,
    pub action: String,
    pub back: String,
    pub name: String,
    pub capacity: String,
    pub programmes: Vec<SelectOption>,
    pub foci: Vec<SelectOption>,
    pub leads: Vec<SelectOption>,
    pub statuses: Vec<SelectOption>,
    pub errors: Vec<PageFieldError>,
}

form_page!(WorkGroupFormPage, "hubs");

/// Whether a department may join, as a page shows it.
#[derive(Debug, Clone)]
pub struct EligibilityView {
    pub eligible: bool,
    pub reasons: Vec<String>,
    pub co_requisites: Vec<String>,
}

impl From<&masteryhub_domain::pathway::Eligibility> for EligibilityView {
    fn from(e: &masteryhub_domain::pathway::Eligibility) -> Self {
        Self {
            eligible: e.is_eligible(),
            reasons: e.reasons().iter().map(|r| r.message.clone()).collect(),
            co_requisites: e.co_requisites().to_vec(),
        }
    }
}

#[derive(Template)]
#[template(path = "apply.html")]
pub struct ApplyPage {
    pub chrome: Chrome,
    /// The years a school may apply for.
    pub year_labels: Vec<String>,
    /// Each stage with its eligibility in each of those years.
    pub grid: Vec<(&'static str, Vec<EligibilityView>)>,
    pub urn: i64,
    pub school_name: String,
    pub stages: Vec<SelectOption>,
    pub years: Vec<SelectOption>,
    pub errors: Vec<PageFieldError>,
}

form_page!(ApplyPage, "schools");

type ApplicationRecord = masteryhub_store::pathway::applications::ApplicationRecord;

#[derive(Template)]
#[template(path = "application.html")]
pub struct ApplicationPage {
    pub chrome: Chrome,
    pub app: ApplicationRecord,
    pub stage_label: &'static str,
    pub status_label: &'static str,
    pub eligibility: EligibilityView,
    pub may_edit: bool,
    pub may_withdraw: bool,
    pub may_decide: bool,
    /// Whether the person may open the application's Work Group.
    pub group_link: bool,
    pub advocates_done: bool,
    pub leader_done: bool,
    pub group_options: Vec<SelectOption>,
    pub errors: Vec<PageFieldError>,
}

form_page!(ApplicationPage, "schools");

#[derive(Template)]
#[template(path = "application_section.html")]
pub struct ApplicationSectionPage {
    pub chrome: Chrome,
    pub id: i64,
    pub school_name: String,
    /// Which part of the form: `work-group`, `advocates` or `senior-leader`.
    pub part: &'static str,
    pub title: &'static str,
    pub groups: Vec<SelectOption>,
    pub fields: masteryhub_store::pathway::applications::ApplicationFields,
    pub errors: Vec<PageFieldError>,
}

form_page!(ApplicationSectionPage, "schools");

/// An application in the hub's list.
#[derive(Debug, Clone)]
pub struct HubApplicationRow {
    pub app: ApplicationRecord,
    pub status: &'static str,
    pub eligible: bool,
    pub reasons: Vec<String>,
}

#[derive(Template)]
#[template(path = "applications.html")]
pub struct ApplicationsPage {
    pub chrome: Chrome,
    pub hub_code: String,
    pub hub_name: String,
    pub year: String,
    pub years: YearLinks,
    pub rows: Vec<HubApplicationRow>,
}

page!(ApplicationsPage, "hubs");

/// A programme in the catalogue's table.
#[derive(Debug, Clone)]
pub struct ProgrammeRow {
    pub id: Option<i64>,
    pub code: String,
    /// Whether the code stands in for one the seeds do not give.
    pub placeholder: bool,
    pub title: String,
    pub stage: &'static str,
    pub support_days: String,
    pub group_size: String,
    pub funding: String,
    pub co_requisites: String,
}

#[derive(Template)]
#[template(path = "catalogue.html")]
pub struct CataloguePage {
    pub chrome: Chrome,
    pub year: String,
    pub year_param: String,
    pub previous: Option<String>,
    pub years: YearLinks,
    pub programmes: Vec<ProgrammeRow>,
    pub foci: Vec<String>,
    pub may_change: bool,
    /// Whether the year's catalogue is stored (else it is the seed, not yet saved).
    pub stored: bool,
    /// The foci as the form shows them, one a line.
    pub foci_text: String,
    pub errors: Vec<PageFieldError>,
}

form_page!(CataloguePage, "catalogue");

#[derive(Template)]
#[template(path = "programme.html")]
pub struct ProgrammePage {
    pub chrome: Chrome,
    pub id: i64,
    pub code: String,
    pub year: String,
    pub year_param: String,
    pub stage: &'static str,
    pub title: String,
    pub support_days: String,
    pub group_min: String,
    pub group_max: String,
    pub funding_pounds: String,
    pub errors: Vec<PageFieldError>,
}

form_page!(ProgrammePage, "catalogue");

/// A department in a hub's rollover.
#[derive(Debug, Clone)]
pub struct RolloverRow {
    pub urn: i64,
    pub name: String,
    /// The latest stage completed, with its year.
    pub completed: String,
    /// The stage it may join, if any.
    pub next: Option<&'static str>,
    /// Whether it has a place or an open application in the year already.
    pub engaged: bool,
}

#[derive(Template)]
#[template(path = "rollover.html")]
pub struct RolloverPage {
    pub chrome: Chrome,
    pub hub_code: String,
    pub hub_name: String,
    pub year: String,
    pub year_param: String,
    pub years: YearLinks,
    pub rows: Vec<RolloverRow>,
    pub to_invite: usize,
    pub may_invite: bool,
    pub notice: Option<String>,
}

page!(RolloverPage, "hubs");

/// A hub in the national rollover.
#[derive(Debug, Clone)]
pub struct HubRolloverRow {
    pub code: String,
    pub name: String,
    pub development: usize,
    pub embedding: usize,
    pub sustaining: usize,
    pub invited_or_placed: usize,
}

#[derive(Template)]
#[template(path = "national_rollover.html")]
pub struct NationalRolloverPage {
    pub chrome: Chrome,
    pub year: String,
    pub years: YearLinks,
    pub hubs: Vec<HubRolloverRow>,
}

page!(NationalRolloverPage, "hubs");

#[derive(Template)]
#[template(path = "nominate.html")]
pub struct NominatePage {
    pub chrome: Chrome,
    pub urn: i64,
    pub school_name: String,
    pub years: Vec<SelectOption>,
    pub qts: Vec<SelectOption>,
    pub teacher_name: String,
    pub teacher_email: String,
    pub years_teaching: String,
    pub lead_teacher_statement: String,
    pub senior_leader_name: String,
    pub senior_leader_statement: String,
    pub errors: Vec<PageFieldError>,
}

form_page!(NominatePage, "schools");

/// A criterion of the Specialists Programme with the hub's score.
#[derive(Debug, Clone)]
pub struct CriterionRow {
    pub code: &'static str,
    pub text: &'static str,
    pub essential: bool,
    pub evidenced_in: String,
    pub score: String,
}

#[derive(Template)]
#[template(path = "specialist_application.html")]
pub struct SpecialistApplicationPage {
    pub chrome: Chrome,
    pub app: masteryhub_store::pathway::specialists::SpecialistApplication,
    pub criteria: Vec<CriterionRow>,
    pub may_decide: bool,
    pub max_score: u8,
    pub errors: Vec<PageFieldError>,
}

form_page!(SpecialistApplicationPage, "schools");

/// A specialist in a hub's list.
#[derive(Debug, Clone)]
pub struct SpecialistRow {
    pub specialist: masteryhub_store::pathway::specialists::Specialist,
    pub standing: String,
    pub may_lead: &'static str,
    pub may_accredit: bool,
}

#[derive(Template)]
#[template(path = "specialists.html")]
pub struct SpecialistsPage {
    pub chrome: Chrome,
    pub hub_code: String,
    pub hub_name: String,
    pub year: String,
    pub nominations: Vec<masteryhub_store::pathway::specialists::SpecialistApplication>,
    pub specialists: Vec<SpecialistRow>,
    /// A refused accreditation, linking to the specialist's row.
    pub errors: Vec<PageFieldError>,
}

page!(SpecialistsPage, "hubs");

/// A stage's name for people, from its stored name.
pub fn stage_label(name: &str) -> &str {
    masteryhub_domain::pathway::Stage::parse(name).map_or(name, |stage| stage.label())
}

/// An outcome's name for people, from its stored name.
pub fn outcome_label(name: &str) -> &str {
    masteryhub_domain::pathway::Outcome::parse(name).map_or(name, |outcome| outcome.label())
}

/// A Work Group status for people.
pub fn work_group_status(name: &str) -> &'static str {
    crate::pages::work_groups::status_label(name)
}

/// A role's name for people, from its command-line name.
pub fn role_label(name: &str) -> &str {
    masteryhub_domain::Role::parse(name).map_or(name, |role| role.label())
}

/// One change in a record's history.
#[derive(Debug, Clone)]
pub struct HistoryRow {
    pub when: String,
    pub who: String,
    pub what: String,
    pub before: String,
    pub after: String,
}

impl HistoryRow {
    /// A change as shown to someone who sees personal data (`sees_personal_data`), or with it
    /// withheld as `masteryhub_domain::privacy` says.
    pub fn new(e: masteryhub_store::audit::AuditEvent, sees_personal_data: bool) -> Self {
        let when = format_instant(e.at);
        let (before, after) = (
            e.before_json.unwrap_or_default(),
            e.after_json.unwrap_or_default(),
        );
        if sees_personal_data {
            return Self {
                when,
                who: e.actor_label,
                what: e.action,
                before,
                after,
            };
        }
        if privacy::is_about_a_person(&e.record_type) {
            let whole = |fields: String| {
                if fields.is_empty() {
                    fields
                } else {
                    privacy::WITHHELD.to_owned()
                }
            };
            return Self {
                when,
                who: privacy::WITHHELD.to_owned(),
                what: e.action,
                before: whole(before),
                after: whole(after),
            };
        }
        Self {
            when,
            who: privacy::withhold_email_addresses(&e.actor_label),
            what: e.action,
            before: withhold_fields(&before),
            after: withhold_fields(&after),
        }
    }
}

/// A record's fields (JSON) with the fields that name people and every email address withheld.
fn withhold_fields(json: &str) -> String {
    fn withhold(value: serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match value {
            Value::String(text) => Value::String(privacy::withhold_email_addresses(&text)),
            Value::Array(items) => Value::Array(items.into_iter().map(withhold).collect()),
            Value::Object(fields) => Value::Object(
                fields
                    .into_iter()
                    .map(|(name, value)| {
                        let value = if privacy::names_people(&name) {
                            Value::String(privacy::WITHHELD.to_owned())
                        } else {
                            withhold(value)
                        };
                        (name, value)
                    })
                    .collect(),
            ),
            other => other,
        }
    }
    match serde_json::from_str(json) {
        Ok(value) => withhold(value).to_string(),
        Err(_) => privacy::withhold_email_addresses(json),
    }
}

#[derive(Template)]
#[template(path = "history.html")]
pub struct HistoryPage {
    pub chrome: Chrome,
    pub title: String,
    pub back_href: String,
    pub events: Vec<HistoryRow>,
    /// The header section the record belongs to.
    pub section: &'static str,
    /// What the page says when nothing has changed.
    pub empty: &'static str,
}

impl HistoryPage {
    pub fn section(&self) -> &'static str {
        self.section
    }
}

/// One API token in its owner's list.
#[derive(Debug, Clone)]
pub struct TokenRow {
    pub id: i64,
    pub label: String,
    pub created: String,
    pub last_used: String,
}

#[derive(Template)]
#[template(path = "tokens.html")]
pub struct TokensPage {
    pub chrome: Chrome,
    pub tokens: Vec<TokenRow>,
}

page!(TokensPage, "account");

#[derive(Template)]
#[template(path = "hub.html")]
pub struct HubPage {
    pub chrome: Chrome,
    pub hub: Hub,
}

page!(HubPage, "hubs");

#[cfg(test)]
mod tests {
    use super::{count, thousands};

    #[test]
    fn writes_counts_with_commas() {
        assert_eq!(thousands(&0), "0");
        assert_eq!(thousands(&999), "999");
        assert_eq!(thousands(&1000), "1,000");
        assert_eq!(thousands(&24_000), "24,000");
        assert_eq!(thousands(&1_234_567), "1,234,567");
        assert_eq!(thousands(&-1200), "-1,200");
        assert_eq!(count(&1, "hub", "hubs"), "1 hub");
        assert_eq!(count(&1500, "hub", "hubs"), "1,500 hubs");
    }
}
