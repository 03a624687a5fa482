//! `demo`: a generated, deterministic dataset, then the server.

mod pathway;

use std::process::ExitCode;

use anyhow::{Context, bail};
use masteryhub_domain::people::ScopeKind;
use masteryhub_domain::{Email, Role, RoleGrant, Scope, Urn};
use masteryhub_store::Db;
use masteryhub_store::audit::Actor;
use masteryhub_store::people::Added;
use masteryhub_store::schools::SchoolQuery;
use masteryhub_synth::gias::{GeneratorOptions, write_extract, write_links};
use masteryhub_web::auth;

use super::{ImportOutcome, import_establishments, import_links};
use crate::cli::Scale;
use crate::demo_hubs;

/// The seed of the demo data: the same demo everywhere.
const DEMO_SEED: u64 = 2026;
/// The hub whose people the demo accounts are.
const DEMO_HUB: &str = "LCW";

pub async fn run(
    db: &Db,
    settings: super::serve::Settings<'_>,
    scale: Scale,
    demo_password: Option<String>,
) -> anyhow::Result<ExitCode> {
    if db.register_counts().await?.establishments == 0 {
        seed(db, scale).await?;
        let people = accounts(db, demo_password).await?;
        let started = std::time::Instant::now();
        let summary = pathway::seed(db, &people, DEMO_SEED).await?;
        println!(
            "Pathway demo ready in {:.1} s: {summary}.",
            started.elapsed().as_secs_f64()
        );
    } else {
        println!("The database already holds a register: serving it as it is.");
    }
    super::serve::run(db.clone(), settings).await
}

/// Fills an empty database with the demo dataset, through the same imports an operator uses.
pub async fn seed(db: &Db, scale: Scale) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    println!("Filling the database with demo data ({:?} scale)…", scale);
    let hubs = demo_hubs::assignments();
    db.import_hubs(&hubs, "demo hubs", super::now()).await?;

    let options = GeneratorOptions {
        rows: scale.rows(),
        seed: DEMO_SEED,
    };
    let mut extract = Vec::new();
    write_extract(&options, &mut extract).context("generate the demo register")?;
    let size = extract.len() as u64;
    let outcome = import_establishments(db, extract.as_slice(), size, "demo register").await?;
    expect_imported(outcome, "register")?;

    let mut links = Vec::new();
    write_links(&options, &mut links).context("generate the demo links")?;
    let size = links.len() as u64;
    let outcome = import_links(db, links.as_slice(), size, "demo links").await?;
    expect_imported(outcome, "links")?;

    let counts = db.register_counts().await?;
    println!(
        "Demo data ready in {:.1} s: {} establishments, {} open state-funded secondary, {} hubs.",
        started.elapsed().as_secs_f64(),
        counts.establishments,
        counts.open_state_funded_secondary,
        db.hubs().await?.len()
    );
    Ok(())
}

/// One demo account for every role, all with the same password; gives the ones the pathway demo
/// involves.
async fn accounts(db: &Db, password: Option<String>) -> anyhow::Result<pathway::DemoPeople> {
    let password = match password {
        Some(password) if password.chars().count() >= auth::password::MIN_LENGTH => password,
        Some(_) => bail!(
            "--demo-password must be at least {} characters",
            auth::password::MIN_LENGTH
        ),
        None => auth::Token::generate()?.as_str()[..20].to_owned(),
    };
    let hash = {
        let password = password.clone();
        tokio::task::spawn_blocking(move || auth::password::hash(&password))
            .await?
            .map_err(|e| anyhow::anyhow!("could not hash the demo password: {e}"))?
    };
    let hub = DEMO_HUB;
    let target = SchoolQuery {
        state_funded: Some(true),
        secondary: Some(true),
        open: Some(true),
        hub_code: Some(hub.to_owned()),
        ..SchoolQuery::default()
    };
    let demo_school = db
        .search_schools(&target, 1, 1)
        .await?
        .items
        .into_iter()
        .next()
        .context("the demo hub has no open state-funded secondary school")?;
    let urn = Urn::try_from(demo_school.urn)?;
    println!("Demo accounts, all with the password {password}:");
    let mut ids = std::collections::BTreeMap::new();
    for role in Role::ALL {
        let (hub, school) = match role.scope_kind() {
            ScopeKind::National => (None, None),
            ScopeKind::Hub => (Some(hub), None),
            ScopeKind::School => (None, Some(urn)),
        };
        let grant = RoleGrant::new(role, hub, school)?;
        let email = Email::parse(&format!("{role}@demo.masteryhub.example"))?;
        let name = format!("Demo {}", role.label().to_lowercase());
        let id = match db
            .add_person_with_role(&email, &name, &grant, &super::operator(), super::now())
            .await?
        {
            Added::NewPerson(id) | Added::RoleToExistingPerson(id) | Added::Unchanged(id) => id,
        };
        db.set_password_hash(id, &hash, &super::operator(), super::now())
            .await?;
        ids.insert(role.as_str(), (id, name.clone()));
        let place = match grant.scope() {
            Scope::National => "England".to_owned(),
            Scope::Hub(code) => format!("hub {code}"),
            Scope::School(_) => format!("{} (URN {urn})", demo_school.name),
        };
        println!("  {:<18} {:<44} {place}", role.as_str(), email.as_str());
    }
    let person = |role: Role| {
        ids.get(role.as_str())
            .cloned()
            .with_context(|| format!("no demo {role} account"))
    };
    let (hub_lead, hub_lead_name) = person(Role::HubLead)?;
    let (head_of_maths, head_of_maths_name) = person(Role::HeadOfMaths)?;
    Ok(pathway::DemoPeople {
        hub: DEMO_HUB,
        school: urn,
        hub_lead: Actor::person(hub_lead, &hub_lead_name),
        head_of_maths: Actor::person(head_of_maths, &head_of_maths_name),
        work_group_lead: person(Role::WorkGroupLead)?.0,
    })
}

fn expect_imported(outcome: ImportOutcome, what: &str) -> anyhow::Result<()> {
    match outcome {
        ImportOutcome::Imported(_) => Ok(()),
        ImportOutcome::Rejected { errors, .. } => {
            let first: Vec<_> = errors.iter().take(5).cloned().collect();
            bail!(
                "the generated demo {what} was refused ({} errors), first: {}",
                errors.len(),
                first.join("; ")
            )
        }
    }
}
