//! `user add`: people and their roles from the command line.

use std::process::ExitCode;

use anyhow::{Context, bail};
use masteryhub_domain::{Email, Role, RoleGrant, Urn, one_line_text};
use masteryhub_store::Db;
use masteryhub_store::people::Added;

use crate::cli::UserCommand;

pub async fn run(db: &Db, command: UserCommand) -> anyhow::Result<ExitCode> {
    match command {
        UserCommand::Add {
            email,
            name,
            role,
            hub,
            school,
        } => add(db, &email, &name, &role, hub.as_deref(), school.as_deref()).await,
        UserCommand::Export { email } => {
            let id = super::tokens::person_id(db, &email).await?;
            let data = db
                .export_person(id)
                .await?
                .context("the person was erased meanwhile")?;
            println!("{}", serde_json::to_string_pretty(&data)?);
            Ok(ExitCode::SUCCESS)
        }
        UserCommand::Erase { email, confirm } => {
            if !confirm {
                bail!("erasing cannot be undone: add --confirm to erase {email}");
            }
            let id = super::tokens::person_id(db, &email).await?;
            db.erase_person(id, &super::operator(), super::now())
                .await?;
            println!("Erased person {id}: their history stays, without their name or address.");
            Ok(ExitCode::SUCCESS)
        }
    }
}

async fn add(
    db: &Db,
    email: &str,
    name: &str,
    role: &str,
    hub: Option<&str>,
    school: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let email = Email::parse(email).context("--email")?;
    let name = one_line_text(name, "the name (--name)")?;
    let role = Role::parse(role).context("--role")?;
    let school = school
        .map(|urn| Urn::parse(urn).with_context(|| format!("--school: '{urn}' is not a URN")))
        .transpose()?;
    let grant = RoleGrant::new(role, hub, school).context("--role")?;
    let added = db
        .add_person_with_role(&email, &name, &grant, &super::operator(), super::now())
        .await?;
    let whom = format!("{name} <{}>", email.as_str());
    match added {
        Added::NewPerson(_) => println!("Added {whom} as {}.", role.label()),
        Added::RoleToExistingPerson(_) => println!("{whom} is now also {}.", role.label()),
        Added::Unchanged(_) => println!("{whom} already holds that role: nothing changed."),
    }
    Ok(ExitCode::SUCCESS)
}
