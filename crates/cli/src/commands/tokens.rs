//! `token create | list | revoke`: API tokens from the command line.

use std::process::ExitCode;

use anyhow::{Context, bail};
use masteryhub_domain::{Email, one_line_text};
use masteryhub_store::Db;
use masteryhub_web::auth::{Token, hash_token};

use crate::cli::TokenCommand;

pub async fn run(db: &Db, command: TokenCommand) -> anyhow::Result<ExitCode> {
    match command {
        TokenCommand::Create { email, label } => {
            let person = person_id(db, &email).await?;
            let label = one_line_text(&label, "the label (--label)")?;
            if label.is_empty() {
                bail!("--label must say what the token is for");
            }
            let token = Token::generate()?;
            db.create_api_token(
                person,
                &hash_token(token.as_str()),
                &label,
                &super::operator(),
                super::now(),
            )
            .await?;
            // Alone on standard output, so that a script can capture it.
            println!("{}", token.as_str());
        }
        TokenCommand::List { email } => {
            let person = person_id(db, &email).await?;
            let tokens = db.api_tokens(person).await?;
            if tokens.is_empty() {
                println!("No live tokens.");
            }
            for t in tokens {
                let used = t
                    .last_used_at
                    .map_or_else(|| "never used".to_owned(), |at| format!("last used {at}"));
                println!("{:>6}  {}  (made {}, {used})", t.id, t.label, t.created_at);
            }
        }
        TokenCommand::Revoke { email, id } => {
            let person = person_id(db, &email).await?;
            if !db
                .revoke_api_token(person, id, &super::operator(), super::now())
                .await?
            {
                bail!("{email} has no live token {id}");
            }
            println!("Token {id} is revoked.");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The person with this address. Looked up leniently, so that an account recorded before
/// addresses were checked strictly can still be found (and exported, erased or given a token).
pub async fn person_id(db: &Db, email: &str) -> anyhow::Result<i64> {
    let email = Email::for_lookup(email).context("--email")?;
    Ok(db
        .person_by_email(&email)
        .await?
        .with_context(|| format!("no person with the email address {}", email.as_str()))?
        .id)
}
