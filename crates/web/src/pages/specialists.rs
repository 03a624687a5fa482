//! The Specialists Programme on the web: a school nominates a teacher (a form that refuses a
//! missing essential), the hub scores each criterion and decides, and the hub's specialists are
//! listed with their training year, whether they may lead a Work Group, and accreditation.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use masteryhub_domain::pathway::Stage;
use masteryhub_domain::pathway::applications::{MAX_NAME_CHARS, MAX_STATEMENT_CHARS};
use masteryhub_domain::pathway::specialists::{
    CRITERIA, Importance, MAX_SCORE, Scoring, SpecialistNominee, SpecialistStanding,
    check_accreditation, check_essentials,
};
use masteryhub_domain::policy::{Action, Resource};
use masteryhub_domain::{AcademicYear, Email, EstablishmentFacts, Urn, one_line_text};
use masteryhub_store::StoreError;
use masteryhub_store::outbox::OutgoingEmail;
use masteryhub_store::pathway::specialists::{
    Nomination, SpecialistApplication, SpecialistDecision,
};
use masteryhub_store::schools::School;

use crate::AppState;
use crate::access::CurrentUser;
use crate::auth::SignedIn;
use crate::csrf::{CheckedForm, NoFields};
use crate::error::PageError;
use crate::pages::schools::{school_resource, visible_school};
use crate::pages::sign_in::field_error;
use crate::pages::work_groups::{chosen_year, year_param};
use crate::pages::{FormPairs, form_value};
use crate::views::{
    Chrome, CriterionRow, NominatePage, PageFieldError, SelectOption, SpecialistApplicationPage,
    SpecialistRow, SpecialistsPage, render,
};

fn nominate_page(
    state: &AppState,
    user: &SignedIn,
    school: &School,
    pairs: &FormPairs,
    errors: Vec<PageFieldError>,
) -> Result<NominatePage, PageError> {
    let this = chosen_year(state, None)?;
    let years: Vec<AcademicYear> = [Some(this), this.next()].into_iter().flatten().collect();
    let chosen = form_value(pairs, "year");
    let chosen = if chosen.is_empty() {
        years.last().map(|y| year_param(*y)).unwrap_or_default()
    } else {
        chosen
    };
    let qts = form_value(pairs, "qualified_teacher_status");
    Ok(NominatePage {
        chrome: Chrome::for_request(Some(user)),
        urn: school.record.urn,
        school_name: school.record.name.clone(),
        years: years
            .iter()
            .map(|y| SelectOption::new(year_param(*y), y.to_string(), &chosen))
            .collect(),
        qts: vec![
            SelectOption::new("", "Select", &qts),
            SelectOption::new("yes", "Yes", &qts),
            SelectOption::new("no", "No", &qts),
        ],
        teacher_name: form_value(pairs, "teacher_name"),
        teacher_email: form_value(pairs, "teacher_email"),
        years_teaching: form_value(pairs, "years_teaching_mathematics"),
        lead_teacher_statement: form_value(pairs, "lead_teacher_statement"),
        senior_leader_name: form_value(pairs, "senior_leader_name"),
        senior_leader_statement: form_value(pairs, "senior_leader_statement"),
        errors,
    })
}

/// `GET /schools/{urn}/nominate-specialist`
pub async fn nominate_form(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(urn): Path<String>,
) -> Result<Response, PageError> {
    let school = visible_school(&state, &user, &urn).await?;
    user.require(Action::Change, school_resource(&school))?;
    Ok(render(&nominate_page(
        &state,
        &user,
        &school,
        &Vec::new(),
        Vec::new(),
    )?))
}

/// Whether a text field is one line (a name) or paragraphs (a statement).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lines {
    One,
    Many,
}

/// The nomination, or every field that is wrong (including each missing essential).
fn check(
    state: &AppState,
    school: &School,
    pairs: &FormPairs,
) -> Result<Nomination, Vec<PageFieldError>> {
    let mut errors = Vec::new();
    // Names are one line; statements are paragraphs.
    let required = |name: &str, what: &str, lines: Lines, errors: &mut Vec<PageFieldError>| {
        let text = form_value(pairs, name);
        let max = match lines {
            Lines::One => MAX_NAME_CHARS,
            Lines::Many => MAX_STATEMENT_CHARS,
        };
        if lines == Lines::One
            && let Err(refused) = one_line_text(&text, what)
        {
            errors.push(field_error(name, &refused.to_string()));
        } else if text.is_empty() {
            errors.push(field_error(name, &format!("Enter {what}")));
        } else if text.chars().count() > max {
            errors.push(field_error(
                name,
                &format!("{what} must be {max} characters or fewer"),
            ));
        }
        text
    };
    let teacher_name = required(
        "teacher_name",
        "the teacher's name",
        Lines::One,
        &mut errors,
    );
    let teacher_email = form_value(pairs, "teacher_email");
    if Email::parse(&teacher_email).is_err() {
        errors.push(field_error(
            "teacher_email",
            "Enter the teacher's email address, like name@school.org.uk",
        ));
    }
    let qts = match form_value(pairs, "qualified_teacher_status").as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => {
            errors.push(field_error(
                "qualified_teacher_status",
                "Say whether the teacher holds Qualified Teacher Status",
            ));
            None
        }
    };
    let years = match form_value(pairs, "years_teaching_mathematics").parse::<u8>() {
        Ok(n) if n <= 60 => Some(n),
        _ => {
            errors.push(field_error(
                "years_teaching_mathematics",
                "Enter the whole years the teacher has taught mathematics, like 4",
            ));
            None
        }
    };
    let lead = required(
        "lead_teacher_statement",
        "the lead teacher's statement",
        Lines::Many,
        &mut errors,
    );
    let senior_name = required(
        "senior_leader_name",
        "the senior leader's name",
        Lines::One,
        &mut errors,
    );
    let senior = required(
        "senior_leader_statement",
        "the senior leader's statement",
        Lines::Many,
        &mut errors,
    );
    let open = {
        let this = chosen_year(state, None).ok();
        this.into_iter()
            .chain(this.and_then(|y| y.next()))
            .collect::<Vec<_>>()
    };
    let year = AcademicYear::parse(&form_value(pairs, "year"))
        .ok()
        .filter(|y| open.contains(y));
    if year.is_none() {
        errors.push(field_error(
            "year",
            "Select the academic year from the list",
        ));
    }
    if let (Some(qts), Some(years)) = (qts, years) {
        let nominee = SpecialistNominee {
            qualified_teacher_status: qts,
            school: Some(EstablishmentFacts {
                state_funded: school.record.state_funded,
                secondary: school.record.secondary,
                open: school.record.open,
            }),
            years_teaching_mathematics: years,
        };
        if let Err(missing) = check_essentials(&nominee) {
            for m in missing {
                let field = match m.code {
                    "qualified_teacher_status" => "qualified_teacher_status",
                    "two_years_teaching_mathematics" => "years_teaching_mathematics",
                    // Employment is the school's: it is the nomination's school.
                    _ => "teacher_name",
                };
                errors.push(field_error(field, &m.message));
            }
        }
    }
    match (qts, years, year) {
        (Some(qts), Some(years), Some(year)) if errors.is_empty() => Ok(Nomination {
            urn: school.record.urn,
            academic_year: year,
            teacher_name,
            teacher_email,
            qualified_teacher_status: qts,
            years_teaching_mathematics: i32::from(years),
            lead_teacher_statement: lead,
            senior_leader_name: senior_name,
            senior_leader_statement: senior,
        }),
        _ => Err(errors),
    }
}

/// `POST /schools/{urn}/nominate-specialist`
pub async fn nominate(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(urn): Path<String>,
    CheckedForm(pairs): CheckedForm<FormPairs>,
) -> Result<Response, PageError> {
    let school = visible_school(&state, &user, &urn).await?;
    user.require(Action::Change, school_resource(&school))?;
    let nomination = match check(&state, &school, &pairs) {
        Ok(nomination) => nomination,
        Err(errors) => {
            let page = nominate_page(&state, &user, &school, &pairs, errors)?;
            return Ok((StatusCode::BAD_REQUEST, render(&page)).into_response());
        }
    };
    let leads = match &school.hub {
        Some(hub) => state.db.hub_people(&hub.code, "hub-lead").await?,
        None => Vec::new(),
    };
    let emails: Vec<OutgoingEmail> = leads
        .into_iter()
        .map(|(_, name, email)| OutgoingEmail {
            subject: format!(
                "Specialists Programme nomination: {} of {}",
                nomination.teacher_name, school.record.name
            ),
            body: format!(
                "Dear {name},\n\n{} has nominated {} for the Specialists Programme from {}. \
                 Score and decide it in masteryhub under the hub's specialists.\n\nmasteryhub\n",
                school.record.name, nomination.teacher_name, nomination.academic_year
            ),
            to_address: email,
            to_name: name,
        })
        .collect();
    let id = state
        .db
        .nominate_specialist(&nomination, &emails, &user.actor(), state.clock.now())
        .await?;
    Ok(Redirect::to(&format!("/specialist-applications/{id}")).into_response())
}

async fn visible_nomination(
    state: &AppState,
    user: &SignedIn,
    id: &str,
) -> Result<SpecialistApplication, PageError> {
    let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
    let app = state
        .db
        .specialist_application(id)
        .await?
        .ok_or(PageError::NotFound)?;
    let urn = Urn::try_from(app.urn).map_err(|e| PageError::Internal(e.to_string()))?;
    user.require(
        Action::View,
        Resource::School {
            urn,
            hub: app.hub_code.as_deref(),
        },
    )?;
    Ok(app)
}

fn nomination_page(
    user: &SignedIn,
    app: SpecialistApplication,
    errors: Vec<PageFieldError>,
) -> SpecialistApplicationPage {
    let scores = app.score_map();
    let may_decide = app.status == "submitted"
        && app
            .hub_code
            .as_deref()
            .is_some_and(|hub| user.may(Action::Change, Resource::Hub(hub)));
    let criteria = CRITERIA
        .iter()
        .map(|c| CriterionRow {
            code: c.code,
            text: c.text,
            essential: c.importance == Importance::Essential,
            evidenced_in: c
                .evidenced_in
                .iter()
                .map(|e| e.label())
                .collect::<Vec<_>>()
                .join("; "),
            score: scores
                .get(c.code)
                .map(|s| s.to_string())
                .unwrap_or_default(),
        })
        .collect();
    SpecialistApplicationPage {
        chrome: Chrome::for_request(Some(user)),
        may_decide,
        max_score: MAX_SCORE,
        criteria,
        app,
        errors,
    }
}

/// `GET /specialist-applications/{id}`
pub async fn show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let app = visible_nomination(&state, &user, &id).await?;
    Ok(render(&nomination_page(&user, app, Vec::new())))
}

/// `POST /specialist-applications/{id}/decision`: the hub's scores and decision.
pub async fn decide(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    CheckedForm(pairs): CheckedForm<FormPairs>,
) -> Result<Response, PageError> {
    let app = visible_nomination(&state, &user, &id).await?;
    let hub = app.hub_code.clone().ok_or(PageError::NotAllowed)?;
    user.require(Action::Change, Resource::Hub(&hub))?;
    let mut errors = Vec::new();
    let mut scores = BTreeMap::new();
    for c in CRITERIA {
        let text = form_value(&pairs, &format!("score_{}", c.code));
        match text.parse::<u8>() {
            Ok(score) if score <= MAX_SCORE => {
                scores.insert(c.code.to_owned(), score);
            }
            _ => errors.push(field_error(
                &format!("score_{}", c.code),
                &format!("Score “{}” from 0 to {MAX_SCORE}", c.text),
            )),
        }
    }
    let accept = match form_value(&pairs, "decision").as_str() {
        "accepted" => Some(true),
        "declined" => Some(false),
        _ => {
            errors.push(field_error("decision", "Select a decision"));
            None
        }
    };
    let reason = Some(form_value(&pairs, "reason")).filter(|r| !r.is_empty());
    if accept == Some(false) && reason.is_none() {
        errors.push(field_error(
            "reason",
            "Give the school a reason for declining",
        ));
    }
    if errors.is_empty() && accept == Some(true) {
        let pairs: Vec<(&str, u8)> = scores.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        let totals = Scoring::new(&pairs)
            .map(|s| s.totals())
            .map_err(|e| PageError::Internal(format!("{e:?}")))?;
        if !totals.essentials_not_evidenced.is_empty() {
            errors.push(field_error("decision", "An essential criterion scored 0 is not evidenced: the nomination cannot be accepted"));
        }
    }
    let Some(accept) = accept.filter(|_| errors.is_empty()) else {
        let page = nomination_page(&user, app, errors);
        return Ok((StatusCode::BAD_REQUEST, render(&page)).into_response());
    };
    let outcome = if accept {
        "accepted: they start training this year"
    } else {
        "declined"
    };
    let emails = match app.hub_code.as_deref() {
        Some(_) => vec![OutgoingEmail {
            to_address: app.teacher_email.clone(),
            to_name: app.teacher_name.clone(),
            subject: format!(
                "Your Specialists Programme nomination has been {}",
                if accept { "accepted" } else { "declined" }
            ),
            body: format!(
                "Dear {},\n\nYour nomination for the Specialists Programme from {} has been {outcome}.{}\n\nmasteryhub\n",
                app.teacher_name,
                app.academic_year,
                reason
                    .as_deref()
                    .map(|r| format!(" The hub's reason: {r}"))
                    .unwrap_or_default()
            ),
        }],
        None => Vec::new(),
    };
    let decision = SpecialistDecision {
        accept,
        scores,
        reason,
        emails,
    };
    match state
        .db
        .decide_specialist_application(app.id, &decision, &user.actor(), state.clock.now())
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/specialist-applications/{}", app.id)).into_response()),
        // Decided by someone else first: the nomination as it is now, saying so.
        Err(StoreError::Conflict(message)) => {
            let now = visible_nomination(&state, &user, &app.id.to_string()).await?;
            let page = nomination_page(&user, now, vec![field_error("status", &message)]);
            Ok((StatusCode::CONFLICT, render(&page)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

/// `GET /hubs/{code}/specialists`: nominations and specialists, with this year's standing.
pub async fn hub(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(code): Path<String>,
) -> Result<Response, PageError> {
    user.require(Action::View, Resource::Hub(&code))?;
    Ok(render(&hub_page(&state, &user, &code, Vec::new()).await?))
}

/// The hub's specialists page, with `errors` in its error summary.
async fn hub_page(
    state: &AppState,
    user: &SignedIn,
    code: &str,
    errors: Vec<PageFieldError>,
) -> Result<SpecialistsPage, PageError> {
    let hub = state.db.hub(code).await?.ok_or(PageError::NotFound)?;
    let this = chosen_year(state, None)?;
    let may_change = user.may(Action::Change, Resource::Hub(code));
    let specialists = state
        .db
        .hub_specialists(code)
        .await?
        .into_iter()
        .map(|s| {
            let started = AcademicYear::parse(&s.started_year).ok();
            let standing = started.and_then(|y| SpecialistStanding::in_year(y, this));
            let standing_label = match (&s.accredited_year, standing) {
                (Some(year), _) => format!("Accredited in {year}"),
                (None, Some(SpecialistStanding::Year1)) => "Training, year 1".to_owned(),
                (None, Some(SpecialistStanding::Year2)) => "Training, year 2".to_owned(),
                (None, Some(SpecialistStanding::Year3)) => "Training, year 3".to_owned(),
                (None, Some(SpecialistStanding::Accredited)) => {
                    "Training complete: accreditation not yet recorded".to_owned()
                }
                (None, None) => "Starts later".to_owned(),
            };
            let may_lead = match (&s.accredited_year, standing) {
                (Some(_), _) => "Any Work Group",
                (None, Some(st)) if st.may_lead(Stage::Development) => "A Development Work Group",
                _ => "Not yet",
            };
            SpecialistRow {
                may_accredit: may_change
                    && s.accredited_year.is_none()
                    && started
                        .is_some_and(|started| check_accreditation(started, None, this).is_ok()),
                standing: standing_label,
                may_lead,
                specialist: s,
            }
        })
        .collect();
    Ok(SpecialistsPage {
        chrome: Chrome::for_request(Some(user)),
        hub_code: hub.summary.code,
        hub_name: hub.summary.name,
        year: this.to_string(),
        nominations: state.db.hub_specialist_applications(code).await?,
        specialists,
        errors,
    })
}

/// `POST /specialists/{id}/accredit`: records the specialist's accreditation this year, in or
/// after their third year of training; earlier (or twice) is refused with the reason.
pub async fn accredit(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    CheckedForm(NoFields {}): CheckedForm<NoFields>,
) -> Result<Response, PageError> {
    let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
    let specialist = state.db.specialist(id).await?.ok_or(PageError::NotFound)?;
    let hub = specialist.hub_code.clone().ok_or(PageError::NotFound)?;
    user.require(Action::Change, Resource::Hub(&hub))?;
    let this = chosen_year(&state, None)?;
    let internal =
        |e: masteryhub_domain::academic_year::AcademicYearError| PageError::Internal(e.to_string());
    let started = AcademicYear::parse(&specialist.started_year).map_err(internal)?;
    let accredited = specialist
        .accredited_year
        .as_deref()
        .map(AcademicYear::parse)
        .transpose()
        .map_err(internal)?;
    if let Err(refused) = check_accreditation(started, accredited, this) {
        let error = PageFieldError {
            field: format!("specialist-{id}"),
            anchor: format!("specialist-{id}"),
            message: refused.message(&specialist.name),
        };
        let page = hub_page(&state, &user, &hub, vec![error]).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)).into_response());
    }
    state
        .db
        .accredit_specialist(id, this, &user.actor(), state.clock.now())
        .await?;
    Ok(Redirect::to(&format!("/hubs/{hub}/specialists")).into_response())
}
