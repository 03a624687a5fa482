//! One module per command.

mod demo;
mod generate;
mod history;
mod hubs;
mod import;
mod serve;
mod tokens;
mod users;

use std::process::ExitCode;

use anyhow::Context;
use masteryhub_store::Db;

use crate::cli::{Cli, Command};

pub use import::{ImportOutcome, import_establishments, import_links};

/// Connects to the database, runs the migrations, and does the command.
pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // Generating an extract needs no database.
    if let Command::GenerateGias { rows, seed, links } = cli.command {
        return generate::command(rows, seed, links);
    }
    let db = Db::connect_and_migrate(&cli.database_url)
        .await
        .with_context(|| format!("could not open the database {}", cli.database_url))?;
    let code = match cli.command {
        Command::Serve { addr } => {
            let settings = serve::Settings {
                addr,
                secure_cookies: cli.secure_cookies,
                trusted_proxies: cli.trusted_proxies.clone(),
                mail: &cli.mail,
                demo: false,
            };
            serve::run(db.clone(), settings).await?
        }
        Command::SendEmail => serve::send_email(&db, &cli.mail).await?,
        Command::Migrate => {
            println!("The database is up to date.");
            ExitCode::SUCCESS
        }
        Command::ImportGias { file } => import::gias_command(&db, &file).await?,
        Command::ImportGiasLinks { file } => import::links_command(&db, &file).await?,
        Command::ImportHubs { file } => hubs::command(&db, &file).await?,
        Command::ImportHistory { file } => history::command(&db, &file).await?,
        Command::MoveSchool {
            urn,
            hub,
            reason,
            clear,
        } => hubs::move_school(&db, &urn, hub.zip(reason), clear).await?,
        Command::User(command) => users::run(&db, command).await?,
        Command::Token(command) => tokens::run(&db, command).await?,
        Command::GenerateGias { .. } => unreachable!("handled above"),
        Command::Demo {
            addr,
            scale,
            demo_password,
        } => {
            let settings = serve::Settings {
                addr,
                secure_cookies: cli.secure_cookies,
                trusted_proxies: cli.trusted_proxies.clone(),
                mail: &cli.mail,
                demo: true,
            };
            demo::run(&db, settings, scale, demo_password).await?
        }
    };
    db.close().await;
    Ok(code)
}

/// The operator of the command line, as the audit trail names them.
pub fn operator() -> masteryhub_store::audit::Actor {
    let name = std::env::var("USER").unwrap_or_else(|_| "unknown operator".to_owned());
    masteryhub_store::audit::Actor::command_line(&name)
}

/// The current instant: the one place the binary reads the clock for the store.
#[allow(clippy::disallowed_methods)]
pub fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc()
}
