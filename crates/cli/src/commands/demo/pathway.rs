//! The demo's pathway: five years of departments' history (2021/22 to 2025/26), the demo hub's
//! Work Groups for the current year (2025/26, running) and the next (2026/27, recruiting), and
//! applications for 2026/27 in every status. Everything goes through the store's functions, as
//! an operator's import, a hub lead's decisions and a school's applications would; the choices
//! are made by the workspace's one generator (`masteryhub_synth::prng`, in the stream the demo
//! has always drawn from), seeded like the rest of the demo, so every demo is the same.
//!
//! The years are fixed rather than read from the clock, so that the demo (and the tests that walk
//! it) are the same whenever it is made.

use std::collections::BTreeMap;

use anyhow::{Context, bail};
use masteryhub_domain::pathway::catalogue::programme_for;
use masteryhub_domain::pathway::{
    ApplicationStatus, Outcome, Participation, Programme, Stage, next_stage,
};
use masteryhub_domain::{AcademicYear, EstablishmentFacts, Urn};
use masteryhub_store::Db;
use masteryhub_store::audit::Actor;
use masteryhub_store::pathway::applications::{ApplicationFields, Move};
use masteryhub_store::pathway::history::{HistoryImportError, HistoryRecord};
use masteryhub_store::pathway::work_groups::WorkGroupFields;
use masteryhub_store::schools::{SchoolQuery, SchoolSummary};
use masteryhub_synth::prng::SplitMix64;
use time::OffsetDateTime;

use crate::demo_hubs;

/// The first year of history.
const FIRST_YEAR: i32 = 2021;
/// The current academic year, 2025/26: its Work Groups are running.
const CURRENT_YEAR: i32 = 2025;
/// The next academic year, 2026/27: its Work Groups are recruiting and schools are applying.
const NEXT_YEAR: i32 = 2026;
/// The demo hub should have at least this many open state-funded secondary schools, so that its
/// Work Groups and applications show every case. The hub-scale register spreads about 2,000
/// establishments over England, leaving the hub with one or two: the others are moved to it from
/// neighbouring hubs, as a hub lead may move a school that works with another hub.
const HUB_SCHOOLS: usize = 16;
/// Percent of the demo hub's departments, and of other hubs', that have taken part.
const ENGAGED_IN_HUB: u64 = 70;
const ENGAGED_ELSEWHERE: u64 = 30;

/// The demo accounts the pathway involves.
pub struct DemoPeople {
    /// The demo hub.
    pub hub: &'static str,
    /// The school of the demo school accounts (head of maths and the others).
    pub school: Urn,
    pub hub_lead: Actor,
    pub head_of_maths: Actor,
    /// The demo Work Group Lead's person id.
    pub work_group_lead: i64,
}

/// What the demo made, for its one-line report.
#[derive(Debug, Default)]
pub struct Summary {
    pub history_rows: usize,
    pub departments: usize,
    pub hubs: usize,
    pub work_groups: usize,
    pub current_year_places: usize,
    pub applications: BTreeMap<&'static str, usize>,
    pub moved: usize,
    pub specialists: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total: usize = self.applications.values().sum();
        let states: Vec<String> = ApplicationStatus::ALL
            .iter()
            .map(|s| {
                let n = self.applications.get(s.as_str()).copied().unwrap_or(0);
                format!("{n} {}", s.as_str())
            })
            .collect();
        write!(
            f,
            "{} department-years of history (2021/22 to 2025/26) for {} departments in {} \
             hubs; in the demo hub, {} Work Groups for 2025/26 and 2026/27, {} departments \
             placed in 2025/26 and {total} applications for 2026/27 ({})",
            self.history_rows,
            self.departments,
            self.hubs,
            self.work_groups,
            self.current_year_places,
            states.join(", ")
        )?;
        write!(f, "; {} Mastery Specialists", self.specialists)?;
        if self.moved > 0 {
            write!(f, "; {} schools moved to the demo hub", self.moved)?;
        }
        Ok(())
    }
}

fn year(start: i32) -> anyhow::Result<AcademicYear> {
    Ok(AcademicYear::starting(start)?)
}

/// One department's years on the pathway over `years`, as a hub's records show them: a start
/// in Development (sometimes after a Preparatory year), Embedding after a completed Development
/// year (now and then a year later), then Sustaining a year at a time; some years not completed
/// or withdrawn from. With `last_under_way`, the last year is in progress.
fn story(
    rng: &mut SplitMix64,
    engaged: u64,
    years: &[AcademicYear],
    last_under_way: bool,
) -> Vec<(AcademicYear, Stage, Outcome)> {
    use Outcome::{Completed, InProgress, NotCompleted, Withdrawn};
    let mut rows = Vec::new();
    if years.is_empty() || !rng.percent(engaged) {
        return rows;
    }
    let start = rng.index(years.len());
    if start > 0 && rng.percent(15) {
        rows.push((years[start - 1], Stage::Preparatory, Completed));
    }
    let mut next = Some(Stage::Development);
    let mut gap = false;
    for (i, &year) in years.iter().enumerate().skip(start) {
        let Some(stage) = next else { break };
        if std::mem::take(&mut gap) {
            continue;
        }
        let outcome = if last_under_way && i == years.len() - 1 {
            *rng.weighted_pick(&[(96, InProgress), (4, Withdrawn)])
        } else {
            match stage {
                Stage::Development => {
                    *rng.weighted_pick(&[(75, Completed), (15, NotCompleted), (10, Withdrawn)])
                }
                Stage::Embedding => {
                    *rng.weighted_pick(&[(85, Completed), (10, NotCompleted), (5, Withdrawn)])
                }
                _ => *rng.weighted_pick(&[(92, Completed), (6, NotCompleted), (2, Withdrawn)]),
            }
        };
        rows.push((year, stage, outcome));
        next = match (stage, outcome) {
            (Stage::Development, Completed) => {
                gap = rng.percent(15);
                Some(Stage::Embedding)
            }
            (Stage::Development, _) => rng.percent(40).then_some(Stage::Development),
            (_, Withdrawn) => None,
            (Stage::Embedding, _) => Some(Stage::Sustaining),
            _ => rng.percent(85).then_some(Stage::Sustaining),
        };
    }
    rows
}

fn facts(school: &SchoolSummary) -> EstablishmentFacts {
    EstablishmentFacts {
        state_funded: school.state_funded,
        secondary: school.secondary,
        open: school.open,
    }
}

const FIRST_NAMES: [&str; 16] = [
    "Aisha", "Ben", "Chloe", "Daniel", "Efua", "Farid", "Grace", "Harry", "Imani", "James",
    "Kavya", "Liam", "Maya", "Noah", "Olivia", "Priya",
];
const LAST_NAMES: [&str; 16] = [
    "Adeyemi",
    "Brown",
    "Chen",
    "Davies",
    "Evans",
    "Fernandes",
    "Green",
    "Hussain",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Murphy",
    "Nowak",
    "Okafor",
    "Patel",
];

/// A teacher's name and email at school `urn`.
fn teacher(rng: &mut SplitMix64, urn: i64) -> (String, String) {
    let first = FIRST_NAMES[rng.index(FIRST_NAMES.len())];
    let last = LAST_NAMES[rng.index(LAST_NAMES.len())];
    let email = format!("{}.{}@school{urn}.example", first, last).to_lowercase();
    (format!("{first} {last}"), email)
}

/// A complete application form for school `urn`, to `work_group_id`.
fn form(rng: &mut SplitMix64, urn: i64, work_group_id: Option<i64>) -> ApplicationFields {
    let (a1, e1) = teacher(rng, urn);
    let (mut a2, mut e2) = teacher(rng, urn);
    if e2 == e1 {
        (a2, e2) = (
            "Sam Taylor".to_owned(),
            format!("sam.taylor@school{urn}.example"),
        );
    }
    let (leader, _) = teacher(rng, urn);
    let role = ["Headteacher", "Deputy headteacher", "Assistant headteacher"][rng.index(3)];
    ApplicationFields {
        work_group_id,
        advocate_1_name: a1,
        advocate_1_email: e1,
        advocate_2_name: a2,
        advocate_2_email: e2,
        senior_leader_name: leader,
        senior_leader_role: role.to_owned(),
        senior_leader_statement: "Teaching for mastery is a priority in our school improvement \
             plan. We will release both Mastery Advocates for every Work Group session and for \
             the department's professional development, and a senior leader will attend the \
             launch."
            .to_owned(),
        release_time_confirmed: true,
    }
}

/// A Work Group being opened: its programme's stage and code, and how many it holds.
struct Opening {
    stage: Stage,
    count: usize,
}

/// The Work Groups a year needs: enough places for `demand` departments of each stage, and for
/// the Embedding departments' places in the Embedding and Sustaining Work Groups too.
fn openings(demand: &BTreeMap<Stage, usize>) -> Vec<Opening> {
    let of = |stage| demand.get(&stage).copied().unwrap_or(0);
    vec![
        Opening {
            stage: Stage::Preparatory,
            count: of(Stage::Preparatory),
        },
        Opening {
            stage: Stage::Development,
            count: of(Stage::Development),
        },
        Opening {
            stage: Stage::Embedding,
            count: of(Stage::Embedding),
        },
        Opening {
            stage: Stage::Sustaining,
            count: of(Stage::Sustaining) + of(Stage::Embedding),
        },
    ]
}

/// Opens a hub's Work Groups for a year, as its hub lead would; gives how many.
#[allow(clippy::too_many_arguments)]
async fn open_work_groups(
    db: &Db,
    people: &DemoPeople,
    other_leads: &[i64],
    year: AcademicYear,
    catalogue: &[Programme],
    demand: &BTreeMap<Stage, usize>,
    status: &str,
    at: OffsetDateTime,
) -> anyhow::Result<usize> {
    let foci = db.foci(year).await?;
    let mut opened = 0;
    for opening in openings(demand) {
        let programme = programme_for(catalogue, opening.stage)
            .with_context(|| format!("no {} programme in {year}", opening.stage))?;
        let capacity = programme.group_size.map_or(6, |g| usize::from(g.max()));
        // A running year has the groups its departments fill; a recruiting one offers every
        // programme.
        let groups = match opening.count.div_ceil(capacity) {
            0 if status == "recruiting" => 1,
            n => n,
        };
        let name = match opening.stage {
            Stage::Preparatory => "Preparatory Work Group",
            Stage::Development => "Development Work Group",
            Stage::Embedding => "Embedding Year Support",
            _ => "Embedding and Sustaining Work Group",
        };
        for i in 0..groups {
            let name = if groups == 1 {
                name.to_owned()
            } else {
                format!("{name} {}", char::from(b'A' + (i % 26) as u8))
            };
            let lead = match (opening.stage, i) {
                (Stage::Development | Stage::Sustaining, 0) => Some(people.work_group_lead),
                _ => other_leads
                    .get((opened + i) % other_leads.len().max(1))
                    .copied(),
            };
            let focus = foci
                .get((opened + i) % foci.len().max(1))
                .cloned()
                .unwrap_or_default();
            let fields = WorkGroupFields {
                name,
                programme_code: programme.code.to_string(),
                focus,
                lead_person_id: lead,
                capacity: i32::try_from(capacity).unwrap_or(i32::MAX),
                status: status.to_owned(),
            };
            db.create_work_group(people.hub, year, &fields, &people.hub_lead, at)
                .await?;
        }
        opened += groups;
    }
    Ok(opened)
}

/// The hub's Work Group of `stage`'s programme with a place free, first by name.
async fn group_with_room(
    db: &Db,
    hub: &str,
    year: AcademicYear,
    catalogue: &[Programme],
    stage: Stage,
) -> anyhow::Result<Option<i64>> {
    let code = programme_for(catalogue, stage)
        .map(|p| p.code.to_string())
        .unwrap_or_default();
    Ok(db
        .work_groups(hub, year)
        .await?
        .into_iter()
        .find(|w| w.programme_code == code && w.members < i64::from(w.capacity))
        .map(|w| w.id))
}

/// Starts an application and fills it in, as a school does; gives its id.
async fn apply(
    db: &Db,
    urn: i64,
    year: AcademicYear,
    stage: Stage,
    fields: &ApplicationFields,
    actor: &Actor,
    at: OffsetDateTime,
) -> anyhow::Result<i64> {
    let id = db.create_application(urn, year, stage, actor, at).await?;
    db.save_application(id, fields, actor, at).await?;
    Ok(id)
}

async fn move_to(
    db: &Db,
    id: i64,
    to: ApplicationStatus,
    reason: Option<&str>,
    work_group_id: Option<i64>,
    actor: &Actor,
    at: OffsetDateTime,
) -> anyhow::Result<()> {
    let change = Move {
        from: None,
        to,
        reason: reason.map(str::to_owned),
        work_group_id,
        emails: Vec::new(),
    };
    db.move_application(id, &change, actor, at)
        .await
        .with_context(|| format!("demo application {id}: {}", to.as_str()))
}

/// Every open state-funded secondary school, by name.
async fn target_schools(db: &Db) -> anyhow::Result<Vec<SchoolSummary>> {
    let query = SchoolQuery {
        state_funded: Some(true),
        secondary: Some(true),
        open: Some(true),
        ..SchoolQuery::default()
    };
    let mut schools = Vec::new();
    for page in 1.. {
        let found = db.search_schools(&query, page, 500).await?;
        let done = found.items.len() < 500;
        schools.extend(found.items);
        if done {
            break;
        }
    }
    Ok(schools)
}

/// The pathway of the demo: see the module's documentation.
pub async fn seed(db: &Db, people: &DemoPeople, seed: u64) -> anyhow::Result<Summary> {
    let at = super::super::now();
    let operator = super::super::operator();
    let mut summary = Summary::default();
    let years: Vec<AcademicYear> = (FIRST_YEAR..=CURRENT_YEAR)
        .map(year)
        .collect::<Result<_, _>>()?;
    let (current, next) = (year(CURRENT_YEAR)?, year(NEXT_YEAR)?);

    // The catalogue: the seed of 2024/25 (the year the seeds describe), offered again since.
    let seeded = year(2024)?;
    db.save_catalogue(seeded).await?;
    db.copy_catalogue(seeded, current, &operator, at).await?;
    db.copy_catalogue(current, next, &operator, at).await?;
    let (catalogue_now, catalogue_next) =
        (db.programmes(current).await?, db.programmes(next).await?);

    // The schools, with the demo hub made big enough to show every case.
    let mut schools = target_schools(db).await?;
    schools.sort_by_key(|s| s.urn);
    let in_hub = |s: &SchoolSummary| s.hub_code.as_deref() == Some(people.hub);
    let mut short = HUB_SCHOOLS.saturating_sub(schools.iter().filter(|s| in_hub(s)).count());
    if short > 0 {
        let neighbours = demo_hubs::neighbours(people.hub);
        let rank = |s: &SchoolSummary| {
            let hub = s.hub_code.as_deref().unwrap_or("");
            (!neighbours.contains(&hub), s.urn)
        };
        let mut candidates: Vec<usize> = (0..schools.len())
            .filter(|&i| !in_hub(&schools[i]) && schools[i].hub_code.is_some())
            .collect();
        candidates.sort_by_key(|&i| rank(&schools[i]));
        let reason = "Works with the demo hub's Work Groups (the hub-scale demo register has few \
             schools in the hub's own local authorities)";
        for i in candidates {
            if short == 0 {
                break;
            }
            let urn = Urn::try_from(schools[i].urn)?;
            db.move_school_to_hub(urn, people.hub, reason, &operator, at)
                .await?;
            schools[i].hub_code = Some(people.hub.to_owned());
            summary.moved += 1;
            short -= 1;
        }
    }

    // History up to 2024/25 for the demo hub (its current year comes from its Work Groups), and
    // up to 2025/26, under way, elsewhere.
    let mut records = Vec::new();
    let mut hub_history: BTreeMap<i64, Vec<Participation>> = BTreeMap::new();
    let mut hubs_with_history = std::collections::BTreeSet::new();
    for school in &schools {
        let mut rng = SplitMix64::pathway_stream(seed, school.urn as u64);
        let urn = Urn::try_from(school.urn)?;
        let ours = in_hub(school);
        let rows = if urn == people.school {
            // The demo school completed Development in 2024/25 and took 2025/26 off: in 2026/27
            // it may join Embedding (or a Preparatory Work Group).
            vec![(year(2024)?, Stage::Development, Outcome::Completed)]
        } else if ours {
            story(&mut rng, ENGAGED_IN_HUB, &years[..years.len() - 1], false)
        } else {
            story(&mut rng, ENGAGED_ELSEWHERE, &years, true)
        };
        if rows.is_empty() {
            continue;
        }
        // Years before an academy opened are its predecessor's, under the predecessor's URN.
        let predecessor = if ours {
            db.school(urn).await?.and_then(|s| {
                s.predecessors
                    .into_iter()
                    .filter(|p| p.known)
                    .find_map(|p| Some((Urn::try_from(p.urn).ok()?, p.established?)))
            })
        } else {
            None
        };
        for (y, stage, outcome) in rows {
            let under = match predecessor {
                Some((old, opened)) if AcademicYear::containing(opened).is_ok_and(|o| y < o) => old,
                _ => urn,
            };
            let participation = Participation::new(under, y, stage, outcome);
            if ours {
                hub_history
                    .entry(school.urn)
                    .or_default()
                    .push(participation);
            }
            records.push(HistoryRecord {
                line: records.len() as u64 + 2,
                participation,
                programme_code: programme_for(&catalogue_now, stage).map(|p| p.code.to_string()),
                hub_code: school.hub_code.clone(),
            });
        }
        summary.departments += 1;
        if let Some(hub) = &school.hub_code {
            hubs_with_history.insert(hub.clone());
        }
    }
    summary.hubs = hubs_with_history.len();
    match db
        .import_history(&records, "demo history", &operator, at)
        .await
    {
        Ok(imported) => summary.history_rows = imported.inserted,
        Err(HistoryImportError::Store(error)) => return Err(error.into()),
        Err(HistoryImportError::Rows(rows)) => bail!(
            "the demo history was refused: {}",
            rows.iter()
                .take(3)
                .map(|r| format!("line {}: {}", r.line, r.message))
                .collect::<Vec<_>>()
                .join("; ")
        ),
    }

    let hub_schools: Vec<&SchoolSummary> = schools
        .iter()
        .filter(|s| in_hub(s) && s.urn != i64::from(people.school))
        .collect();
    let other_leads = more_leads(db, people, at).await?;

    // 2025/26: the departments that go on (and a few newcomers) applied and were accepted.
    let mut joining = Vec::new();
    for school in &hub_schools {
        let mut rng = SplitMix64::pathway_stream(seed ^ 0x2025, school.urn as u64);
        let history = hub_history.get(&school.urn).cloned().unwrap_or_default();
        let chance = if history.is_empty() { 25 } else { 80 };
        if let Some(stage) =
            next_stage(Some(facts(school)), &history, current, &catalogue_now).stage
            && rng.percent(chance)
        {
            joining.push((school.urn, stage));
        }
    }
    let mut demand = BTreeMap::new();
    for (_, stage) in &joining {
        *demand.entry(*stage).or_insert(0) += 1;
    }
    summary.work_groups += open_work_groups(
        db,
        people,
        &other_leads,
        current,
        &catalogue_now,
        &demand,
        "running",
        at,
    )
    .await?;
    // Embedding first, so that its departments' places in the Embedding and Sustaining Work
    // Groups are taken before the Sustaining departments choose theirs.
    joining.sort_by_key(|(urn, stage)| (*stage != Stage::Embedding, *urn));
    let mut withdrawn = false;
    for (urn, stage) in &joining {
        let mut rng = SplitMix64::pathway_stream(seed ^ 0x2526, *urn as u64);
        let group = group_with_room(db, people.hub, current, &catalogue_now, *stage)
            .await?
            .with_context(|| format!("no {stage} Work Group with room in {current}"))?;
        let id = apply(
            db,
            *urn,
            current,
            *stage,
            &form(&mut rng, *urn, Some(group)),
            &operator,
            at,
        )
        .await?;
        move_to(
            db,
            id,
            ApplicationStatus::Submitted,
            None,
            None,
            &operator,
            at,
        )
        .await?;
        move_to(
            db,
            id,
            ApplicationStatus::Accepted,
            None,
            None,
            &people.hub_lead,
            at,
        )
        .await?;
        summary.current_year_places += 1;
        let mut outcome = Outcome::InProgress;
        if !withdrawn && *stage == Stage::Development {
            let reason = "Both Mastery Advocates have left the school this year.";
            move_to(
                db,
                id,
                ApplicationStatus::Withdrawn,
                Some(reason),
                None,
                &operator,
                at,
            )
            .await?;
            outcome = Outcome::Withdrawn;
            withdrawn = true;
        }
        let urn_typed = Urn::try_from(*urn)?;
        hub_history
            .entry(*urn)
            .or_default()
            .push(Participation::new(urn_typed, current, *stage, outcome));
    }

    // 2026/27: recruiting. Who applies for what, and where each application stands.
    let mut applicants = Vec::new();
    for school in &hub_schools {
        let mut rng = SplitMix64::pathway_stream(seed ^ 0x2627, school.urn as u64);
        let history = hub_history.get(&school.urn).cloned().unwrap_or_default();
        let in_development_now = history.iter().any(|p| {
            p.academic_year == current
                && p.stage == Stage::Development
                && p.outcome == Outcome::InProgress
        });
        // A department in Development applies for Embedding while in it (000); it can be
        // accepted once its Development year is signed off.
        let (stage, acceptable) = if in_development_now {
            (Some(Stage::Embedding), false)
        } else {
            (
                next_stage(Some(facts(school)), &history, next, &catalogue_next).stage,
                true,
            )
        };
        let chance = if history.is_empty() { 35 } else { 65 };
        if let Some(stage) = stage
            && rng.percent(chance)
        {
            applicants.push((school.urn, stage, acceptable));
        }
    }
    // Enough applicants to show every status.
    if applicants.len() < ApplicationStatus::ALL.len() {
        for school in &hub_schools {
            if applicants.len() >= ApplicationStatus::ALL.len() {
                break;
            }
            if applicants.iter().all(|(urn, _, _)| *urn != school.urn) {
                let history = hub_history.get(&school.urn).cloned().unwrap_or_default();
                if let Some(stage) =
                    next_stage(Some(facts(school)), &history, next, &catalogue_next).stage
                {
                    applicants.push((school.urn, stage, true));
                }
            }
        }
    }
    let statuses = statuses(&applicants);
    let mut demand: BTreeMap<Stage, usize> = BTreeMap::new();
    for ((_, stage, _), status) in applicants.iter().zip(&statuses) {
        if matches!(
            status,
            ApplicationStatus::Accepted
                | ApplicationStatus::Submitted
                | ApplicationStatus::Waitlisted
        ) {
            *demand.entry(*stage).or_insert(0) += 1;
        }
    }
    // Room for the demo school: its Preparatory application, and an Embedding one it may make.
    *demand.entry(Stage::Preparatory).or_insert(0) += 1;
    *demand.entry(Stage::Embedding).or_insert(0) += 1;
    summary.work_groups += open_work_groups(
        db,
        people,
        &other_leads,
        next,
        &catalogue_next,
        &demand,
        "recruiting",
        at,
    )
    .await?;

    // Accepted ones first, so that the Embedding departments' co-requisite places are taken
    // before anything else is decided.
    let mut order: Vec<usize> = (0..applicants.len()).collect();
    order.sort_by_key(|&i| (statuses[i] != ApplicationStatus::Accepted, applicants[i].0));
    for i in order {
        let (urn, stage, _) = applicants[i];
        let status = statuses[i];
        let mut rng = SplitMix64::pathway_stream(seed ^ 0x2627_0001, urn as u64);
        let group = group_with_room(db, people.hub, next, &catalogue_next, stage).await?;
        let mut fields = form(&mut rng, urn, group);
        if status == ApplicationStatus::Draft {
            // Half written: one Mastery Advocate so far, no statement yet.
            fields.advocate_2_name.clear();
            fields.advocate_2_email.clear();
            fields.senior_leader_statement.clear();
            fields.release_time_confirmed = false;
        }
        let id = apply(db, urn, next, stage, &fields, &operator, at).await?;
        *summary.applications.entry(status.as_str()).or_insert(0) += 1;
        if status == ApplicationStatus::Draft {
            continue;
        }
        move_to(
            db,
            id,
            ApplicationStatus::Submitted,
            None,
            None,
            &operator,
            at,
        )
        .await?;
        match status {
            ApplicationStatus::Accepted => {
                let group = group.with_context(|| format!("no {stage} Work Group with room"))?;
                move_to(db, id, status, None, Some(group), &people.hub_lead, at).await?;
            }
            ApplicationStatus::Waitlisted => {
                move_to(db, id, status, None, None, &people.hub_lead, at).await?;
            }
            ApplicationStatus::Declined => {
                let reason = "The senior leader's statement does not yet commit release time for \
                     both Mastery Advocates for the whole year. We would welcome an application \
                     for 2027/28.";
                move_to(db, id, status, Some(reason), None, &people.hub_lead, at).await?;
            }
            ApplicationStatus::Withdrawn => {
                let reason = "The department's staffing has changed for 2026/27.";
                move_to(db, id, status, Some(reason), None, &operator, at).await?;
            }
            _ => {}
        }
    }

    // The demo school's own: a Preparatory application, submitted, for the hub lead to decide.
    let school = i64::from(people.school);
    let mut rng = SplitMix64::pathway_stream(seed, school as u64);
    let group = group_with_room(db, people.hub, next, &catalogue_next, Stage::Preparatory).await?;
    let id = apply(
        db,
        school,
        next,
        Stage::Preparatory,
        &form(&mut rng, school, group),
        &people.head_of_maths,
        at,
    )
    .await?;
    move_to(
        db,
        id,
        ApplicationStatus::Submitted,
        None,
        None,
        &people.head_of_maths,
        at,
    )
    .await?;
    *summary.applications.entry("submitted").or_insert(0) += 1;
    let in_demo_hub: Vec<i64> = schools
        .iter()
        .filter(|s| in_hub(s))
        .map(|s| s.urn)
        .collect();
    summary.specialists = specialists(db, people, &in_demo_hub, seed, at).await?;
    Ok(summary)
}

/// The demo hub's Specialists Programme: specialists who started in 2022/23, 2024/25 and
/// 2026/27 (accepted, with scores), a nomination waiting for the hub, and one declined.
async fn specialists(
    db: &Db,
    people: &DemoPeople,
    schools: &[i64],
    seed: u64,
    at: OffsetDateTime,
) -> anyhow::Result<usize> {
    use masteryhub_domain::pathway::specialists::{CRITERIA, Importance};
    use masteryhub_store::pathway::specialists::{Nomination, SpecialistDecision};
    let plan = [
        (2022, Some(true)),
        (2024, Some(true)),
        (2026, Some(true)),
        (2026, None),
        (2026, Some(false)),
    ];
    let mut accepted = 0;
    for (i, (start, decision)) in plan.into_iter().enumerate() {
        let Some(&urn) = schools.get(i * 3 % schools.len().max(1)) else {
            break;
        };
        let mut rng = SplitMix64::pathway_stream(seed ^ 0x5bec, urn as u64 + i as u64);
        let (teacher_name, teacher_email) = teacher(&mut rng, urn);
        let nomination = Nomination {
            urn,
            academic_year: year(start)?,
            teacher_name,
            teacher_email,
            qualified_teacher_status: true,
            years_teaching_mathematics: 3 + i32::try_from(rng.index(8)).unwrap_or(0),
            lead_teacher_statement: "I lead Key Stage 3 mathematics and have taken part in the \
                 department's Development Work Group."
                .into(),
            senior_leader_name: "Dr J. Patel".into(),
            senior_leader_statement: "We will release the teacher for every training day and \
                 support their work with other schools."
                .into(),
        };
        let id = db
            .nominate_specialist(&nomination, &[], &people.head_of_maths, at)
            .await?;
        let Some(accept) = decision else { continue };
        let scores = CRITERIA
            .iter()
            .map(|c| {
                let score = match (accept, c.importance) {
                    (true, Importance::Essential) => 3,
                    (true, Importance::Desirable) => 1 + u8::try_from(rng.index(3)).unwrap_or(0),
                    (false, _) => 1,
                };
                (c.code.to_owned(), score)
            })
            .collect();
        let reason = (!accept).then(|| {
            "The nomination does not yet show leadership of mathematics beyond the classroom."
                .to_owned()
        });
        let decision = SpecialistDecision {
            accept,
            scores,
            reason,
            emails: Vec::new(),
        };
        db.decide_specialist_application(id, &decision, &people.hub_lead, at)
            .await?;
        accepted += usize::from(accept);
    }
    Ok(accepted)
}

/// Where each applicant's application stands: every status at least once when there are
/// enough applicants, and only acceptable ones accepted.
fn statuses(applicants: &[(i64, Stage, bool)]) -> Vec<ApplicationStatus> {
    use ApplicationStatus::*;
    const CYCLE: [ApplicationStatus; 10] = [
        Accepted, Submitted, Waitlisted, Draft, Declined, Withdrawn, Accepted, Submitted, Accepted,
        Waitlisted,
    ];
    let mut statuses: Vec<ApplicationStatus> = applicants
        .iter()
        .enumerate()
        .map(|(i, &(_, _, acceptable))| match CYCLE[i % CYCLE.len()] {
            Accepted if !acceptable => Submitted,
            status => status,
        })
        .collect();
    for wanted in ApplicationStatus::ALL {
        if statuses.contains(&wanted) {
            continue;
        }
        let count = |s: ApplicationStatus, all: &[ApplicationStatus]| {
            all.iter().filter(|&&x| x == s).count()
        };
        let spare = (0..statuses.len()).find(|&i| {
            count(statuses[i], &statuses) > 1 && (wanted != Accepted || applicants[i].2)
        });
        if let Some(i) = spare {
            statuses[i] = wanted;
        }
    }
    statuses
}

/// Two more of the demo hub's Work Group Leads, to lead the groups the demo one does not.
async fn more_leads(db: &Db, people: &DemoPeople, at: OffsetDateTime) -> anyhow::Result<Vec<i64>> {
    use masteryhub_domain::{Email, Role, RoleGrant};
    use masteryhub_store::people::Added;
    let grant = RoleGrant::new(Role::WorkGroupLead, Some(people.hub), None)?;
    let mut ids = Vec::new();
    for (name, email) in [
        ("Amara Okafor", "amara.okafor@demo.masteryhub.example"),
        ("Tom Reilly", "tom.reilly@demo.masteryhub.example"),
    ] {
        let email = Email::parse(email)?;
        let added = db
            .add_person_with_role(&email, name, &grant, &super::super::operator(), at)
            .await?;
        ids.push(match added {
            Added::NewPerson(id) | Added::RoleToExistingPerson(id) | Added::Unchanged(id) => id,
        });
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use masteryhub_domain::pathway::eligibility::{EligibilityQuery, eligibility};
    use masteryhub_domain::pathway::seed_catalogue;

    fn years() -> Vec<AcademicYear> {
        (FIRST_YEAR..=CURRENT_YEAR)
            .map(|y| year(y).expect("year"))
            .collect()
    }

    #[test]
    fn every_story_keeps_the_pathways_rules() {
        let open = Some(EstablishmentFacts {
            state_funded: true,
            secondary: true,
            open: true,
        });
        let urn = Urn::parse("100001").expect("urn");
        let mut stages = std::collections::BTreeSet::new();
        for salt in 0..2_000 {
            let mut rng = SplitMix64::pathway_stream(2026, salt);
            let rows = story(&mut rng, 100, &years(), salt % 2 == 0);
            let history: Vec<Participation> = rows
                .iter()
                .map(|&(y, s, o)| Participation::new(urn, y, s, o))
                .collect();
            for (i, row) in history.iter().enumerate() {
                stages.insert((row.stage, row.outcome));
                let before: Vec<_> = history[..i].to_vec();
                let catalogue = seed_catalogue(row.academic_year);
                let answer = eligibility(&EligibilityQuery {
                    school: open,
                    stage: row.stage,
                    academic_year: row.academic_year,
                    history: &before,
                    catalogue: &catalogue,
                });
                assert!(
                    answer.is_eligible(),
                    "{row:?} after {before:?}: {:?}",
                    answer.codes()
                );
            }
        }
        for stage in [Stage::Development, Stage::Embedding, Stage::Sustaining] {
            for outcome in [
                Outcome::Completed,
                Outcome::NotCompleted,
                Outcome::Withdrawn,
            ] {
                assert!(stages.contains(&(stage, outcome)), "{stage} {outcome}");
            }
        }
        assert!(stages.contains(&(Stage::Sustaining, Outcome::InProgress)));
    }

    #[test]
    fn statuses_cover_every_one_and_accept_only_acceptable_applications() {
        let applicants: Vec<_> = (0..7).map(|i| (i, Stage::Development, i != 0)).collect();
        let statuses = statuses(&applicants);
        for status in ApplicationStatus::ALL {
            assert!(statuses.contains(&status), "{status} missing: {statuses:?}");
        }
        assert_ne!(statuses[0], ApplicationStatus::Accepted);
    }
}
