//! The emails the service sends, in words a teacher reads: what happened, what to do, and how
//! long a link works. Pure: the caller gives names and links.

use time::Duration;

/// How long a password reset link works.
pub const RESET_LINK_LIFETIME: Duration = Duration::HOUR;

/// How long an invitation link works.
pub const INVITATION_LIFETIME: Duration = Duration::days(7);

/// An email's subject and plain-text body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub subject: String,
    pub body: String,
}

/// The email with a link to choose a new password. It says what a new password does not
/// change: API tokens, which an operator makes for scripts and which keep working until revoked
/// at `tokens_page`.
pub fn password_reset(name: &str, link: &str, tokens_page: &str) -> Message {
    Message {
        subject: "Reset your masteryhub password".to_owned(),
        body: format!(
            "Dear {name},\n\n\
             Someone asked to reset the password of your masteryhub account. To choose a new \
             password, open this link:\n\n{link}\n\n\
             The link works once, for 1 hour; using it also cancels any other reset or \
             invitation link sent to you. If you did not ask for this, you can ignore this \
             email: your password has not changed.\n\n\
             A new password signs you out everywhere, but API tokens made for your account \
             keep working. If you think someone else has used your account, sign in and revoke \
             them here:\n\n{tokens_page}\n\n\
             masteryhub\n"
        ),
    }
}

/// What an invitation says: who invited whom, to which role where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation<'a> {
    pub name: &'a str,
    pub inviter: &'a str,
    /// The role's name for people, e.g. "Head of maths".
    pub role: &'a str,
    /// The school or hub, e.g. "Chudleigh Knighton Academy".
    pub place: &'a str,
    /// A link to set a first password; `None` for someone who already signs in.
    pub link: Option<&'a str>,
    /// Where someone who already has an account signs in.
    pub sign_in: &'a str,
}

/// The email inviting someone to a role.
pub fn invitation(invite: &Invitation<'_>) -> Message {
    let Invitation {
        name,
        inviter,
        role,
        place,
        link,
        sign_in,
    } = invite;
    let next = match link {
        Some(link) => format!(
            "To accept, set your password here:\n\n{link}\n\n\
             The link works once, for 7 days. After that, ask {inviter} to invite you again."
        ),
        None => format!("Sign in as usual to see it:\n\n{sign_in}"),
    };
    Message {
        subject: format!("You are invited to masteryhub as {role} for {place}"),
        body: format!(
            "Dear {name},\n\n\
             {inviter} has invited you to masteryhub, where Maths Hubs run the Secondary \
             Teaching for Mastery programme, as {role} for {place}.\n\n{next}\n\n\
             masteryhub\n"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reset_email_carries_its_link_and_says_how_long_it_works() {
        let message = password_reset(
            "Ann Smith",
            "https://hub.example/password-reset/abc",
            "https://hub.example/account/tokens",
        );
        assert_eq!(message.subject, "Reset your masteryhub password");
        assert!(message.body.starts_with("Dear Ann Smith,"));
        assert!(
            message
                .body
                .contains("\nhttps://hub.example/password-reset/abc\n")
        );
        assert!(message.body.contains("for 1 hour"));
        assert!(
            message
                .body
                .contains("cancels any other reset or invitation link")
        );
        assert!(
            message
                .body
                .contains("API tokens made for your account keep working")
        );
        assert!(
            message
                .body
                .contains("\nhttps://hub.example/account/tokens\n")
        );
    }

    #[test]
    fn an_invitation_links_to_a_password_only_for_someone_without_one() {
        let mut invite = Invitation {
            name: "Hana Head",
            inviter: "Hal Lead",
            role: "Head of maths",
            place: "Chudleigh Knighton Academy",
            link: Some("https://hub.example/invitations/xyz"),
            sign_in: "https://hub.example/sign-in",
        };
        let first = invitation(&invite);
        assert_eq!(
            first.subject,
            "You are invited to masteryhub as Head of maths for Chudleigh Knighton Academy"
        );
        assert!(first.body.contains("Hal Lead has invited you"));
        assert!(first.body.contains("https://hub.example/invitations/xyz"));
        assert!(!first.body.contains("/sign-in"));
        invite.link = None;
        let known = invitation(&invite);
        assert!(known.body.contains("https://hub.example/sign-in"));
        assert!(!known.body.contains("invitations"));
    }
}
