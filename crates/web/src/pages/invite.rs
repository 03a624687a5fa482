//! Inviting someone to a school: a hub lead (or the school's head of maths or senior leader)
//! names them and their role; they get an email with a link to set their password.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use masteryhub_domain::messages::{self, INVITATION_LIFETIME};
use masteryhub_domain::people::ScopeKind;
use masteryhub_domain::policy::Action;
use masteryhub_domain::{Email, Role, RoleGrant, one_line_text};
use masteryhub_store::one_time_links::NewLink;
use masteryhub_store::outbox::OutgoingEmail;
use serde::Deserialize;

use crate::AppState;
use crate::access::CurrentUser;
use crate::auth::{Token, hash_token};
use crate::csrf::CheckedForm;
use crate::error::PageError;
use crate::pages::schools::{school_resource, visible_school};
use crate::pages::sign_in::field_error;
use crate::views::{Chrome, InvitePage, PageFieldError, SelectOption, render};

/// The roles a school's people are invited to.
fn school_roles() -> impl Iterator<Item = Role> {
    Role::ALL
        .into_iter()
        .filter(|role| role.scope_kind() == ScopeKind::School)
}

fn role_options(current: &str) -> Vec<SelectOption> {
    school_roles()
        .map(|role| SelectOption::new(role.as_str(), role.label(), current))
        .collect()
}

/// `GET /schools/{urn}/invite`
pub async fn form(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(urn): Path<String>,
) -> Result<Response, PageError> {
    let school = visible_school(&state, &user, &urn).await?;
    user.require(Action::Change, school_resource(&school))?;
    Ok(render(&InvitePage {
        chrome: Chrome::for_request(Some(&user)),
        urn: school.record.urn,
        school_name: school.record.name,
        name: String::new(),
        email: String::new(),
        roles: role_options(Role::HeadOfMaths.as_str()),
        errors: Vec::new(),
    }))
}

#[derive(Debug, Default, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

/// The form's fields as the domain types them, or every field that is wrong.
fn parse(form: &InviteForm) -> Result<(String, Email, Role), Vec<PageFieldError>> {
    let name = match one_line_text(&form.name, "the person's full name") {
        Err(refused) => Err(refused.to_string()),
        Ok(name) if name.is_empty() => Err("Enter the person's full name".to_owned()),
        Ok(name) if name.chars().count() > 200 => {
            Err("The name must be 200 characters or fewer".to_owned())
        }
        Ok(name) => Ok(name),
    }
    .map_err(|message| field_error("name", &message));
    let email = Email::parse(&form.email).map_err(|_| {
        field_error(
            "email",
            if form.email.trim().is_empty() {
                "Enter the person's email address"
            } else {
                "Enter an email address in the correct format, like name@school.example"
            },
        )
    });
    let role = Role::parse(&form.role)
        .ok()
        .filter(|role| role.scope_kind() == ScopeKind::School)
        .ok_or_else(|| field_error("role", "Select a role from the list"));
    match (name, email, role) {
        (Ok(name), Ok(email), Ok(role)) => Ok((name, email, role)),
        (name, email, role) => Err([name.err(), email.err(), role.err()]
            .into_iter()
            .flatten()
            .collect()),
    }
}

/// `POST /schools/{urn}/invite`
pub async fn send(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(urn): Path<String>,
    CheckedForm(form): CheckedForm<InviteForm>,
) -> Result<Response, PageError> {
    let school = visible_school(&state, &user, &urn).await?;
    user.require(Action::Change, school_resource(&school))?;
    let (name, email, role) = match parse(&form) {
        Ok(parsed) => parsed,
        Err(errors) => {
            let page = InvitePage {
                chrome: Chrome::for_request(Some(&user)),
                urn: school.record.urn,
                school_name: school.record.name,
                name: form.name.trim().to_owned(),
                email: form.email.trim().to_owned(),
                roles: role_options(form.role.trim()),
                errors,
            };
            return Ok((StatusCode::BAD_REQUEST, render(&page)).into_response());
        }
    };
    let urn = school.record.typed_urn();
    let grant =
        RoleGrant::new(role, None, Some(urn)).map_err(|e| PageError::Internal(e.to_string()))?;
    let secret = Token::generate().map_err(|e| PageError::Internal(e.to_string()))?;
    let now = state.clock.now();
    let link = NewLink {
        token_hash: &hash_token(secret.as_str()),
        expires_at: now + INVITATION_LIFETIME,
    };
    let url = format!("{}/invitations/{}", state.base_url, secret.as_str());
    let sign_in = format!("{}/sign-in", state.base_url);
    let compose = |invited: &masteryhub_store::one_time_links::Invited| {
        let message = messages::invitation(&messages::Invitation {
            name: &name,
            inviter: &user.name,
            role: role.label(),
            place: &school.record.name,
            link: invited.needs_password.then_some(url.as_str()),
            sign_in: &sign_in,
        });
        OutgoingEmail {
            to_address: email.as_str().to_owned(),
            to_name: name.clone(),
            subject: message.subject,
            body: message.body,
        }
    };
    state
        .db
        .invite(&email, &name, &grant, &user.actor(), &link, now, compose)
        .await?;
    Ok(Redirect::to(&format!("/schools/{urn}?invited=1")).into_response())
}
