//! A school's application for its maths department to join a stage: the form, checked field by
//! field (every problem at once, each naming its field), and the application's lifecycle.
//!
//! Mastery Advocates by stage (DOMAIN.md): Development makes "two teachers from the department"
//! Mastery Advocates (001, 002), so exactly two are named. Embedding and Sustaining continue
//! with the Advocates "designated previously" — "ideally" the same two (004) — so one or two.
//! Preparatory names up to two. Advocate rows left wholly blank (as a form's second row may be)
//! are ignored.

mod status;

pub use status::{
    ApplicationStatus, ApplicationStatusError, MAX_REASON_CHARS, Party, Transition,
    TransitionError, WorkGroupFull, check_room, transition,
};

use serde::{Deserialize, Serialize};

use crate::AcademicYear;
use crate::people::Email;
use crate::text::one_line_text;

use super::Stage;

/// The most Mastery Advocates a department names.
pub const MAX_ADVOCATES: usize = 2;
/// The longest name or role accepted, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest senior leader's statement accepted, in characters.
pub const MAX_STATEMENT_CHARS: usize = 10_000;

/// A Mastery Advocate as typed into the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct AdvocateInput {
    /// The teacher's name.
    pub name: String,
    /// The teacher's email address.
    pub email: String,
}

/// The senior leader's part of the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct SeniorLeaderInput {
    /// The headteacher's or senior leader's name.
    pub name: String,
    /// Their role, e.g. "Deputy headteacher".
    pub role: String,
    /// The senior leader's statement of support.
    pub statement: String,
}

/// The application form as submitted, unchecked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct ApplicationInput {
    /// The stage applied for, e.g. `development`.
    pub stage: String,
    /// The academic year, e.g. `2025/26`.
    pub academic_year: String,
    /// The Work Group the school would like to join, if it has one in mind.
    pub work_group: Option<String>,
    /// The Mastery Advocates named.
    pub advocates: Vec<AdvocateInput>,
    /// The senior leader's part.
    pub senior_leader: SeniorLeaderInput,
    /// Whether the school commits release time for the full academic year.
    pub release_time_confirmed: bool,
}

/// The academic years a school may apply for, in the academic year `current`: this one (a
/// Work Group may still take departments) and the next (recruitment for it runs this year).
pub fn years_open_for_applications(current: AcademicYear) -> Vec<AcademicYear> {
    [Some(current), current.next()]
        .into_iter()
        .flatten()
        .collect()
}

/// One problem with one field of a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field's name, as in the form: `advocate_2_email`, `senior_leader_statement`.
    pub field: String,
    /// What is wrong, for the person filling in the form.
    pub message: String,
}

/// A Mastery Advocate named in a valid application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MasteryAdvocate {
    name: String,
    email: Email,
}

impl MasteryAdvocate {
    /// The teacher's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The teacher's email address.
    pub fn email(&self) -> &Email {
        &self.email
    }
}

/// The senior leader's part of a valid application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeniorLeader {
    name: String,
    role: String,
    statement: String,
}

impl SeniorLeader {
    /// Their name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Their role.
    pub fn role(&self) -> &str {
        &self.role
    }

    /// Their statement.
    pub fn statement(&self) -> &str {
        &self.statement
    }
}

/// A valid application (the school's release-time commitment is confirmed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Application {
    stage: Stage,
    academic_year: AcademicYear,
    work_group: Option<String>,
    advocates: Vec<MasteryAdvocate>,
    senior_leader: SeniorLeader,
}

impl Application {
    /// Checks the form, returning every problem found.
    pub fn parse(input: &ApplicationInput) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut error = |field: &str, message: String| {
            errors.push(FieldError {
                field: field.to_owned(),
                message,
            });
        };

        let stage = match Stage::parse(&input.stage) {
            Ok(stage) if stage.is_specialist_stage() => {
                error(
                    "stage",
                    format!(
                        "{} is applied for with a Specialists Programme application, which \
                         nominates one teacher, not with a department's application",
                        stage.label()
                    ),
                );
                None
            }
            Ok(stage) => Some(stage),
            Err(_) if input.stage.trim().is_empty() => {
                error(
                    "stage",
                    "Select the stage the department is applying for".into(),
                );
                None
            }
            Err(problem) => {
                error("stage", capitalise(&problem.to_string()));
                None
            }
        };
        let academic_year = match AcademicYear::parse(&input.academic_year) {
            Ok(year) => Some(year),
            Err(_) if input.academic_year.trim().is_empty() => {
                error(
                    "academic_year",
                    "Enter the academic year, like 2025/26".into(),
                );
                None
            }
            Err(problem) => {
                error("academic_year", capitalise(&problem.to_string()));
                None
            }
        };
        let work_group = input
            .work_group
            .as_deref()
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(str::to_owned);
        if let Some(Err(refused)) = work_group
            .as_deref()
            .map(|w| one_line_text(w, "the Work Group"))
        {
            error("work_group", refused.to_string());
        } else if work_group
            .as_ref()
            .is_some_and(|w| w.chars().count() > MAX_NAME_CHARS)
        {
            error(
                "work_group",
                format!("The Work Group must be {MAX_NAME_CHARS} characters or fewer"),
            );
        }

        let named: Vec<&AdvocateInput> = input
            .advocates
            .iter()
            .filter(|a| !(a.name.trim().is_empty() && a.email.trim().is_empty()))
            .collect();
        if let Some(message) = advocate_count_problem(stage, named.len()) {
            error("advocates", message);
        }
        let mut advocates = Vec::new();
        for (i, advocate) in named.iter().enumerate() {
            let who = format!("the {} Mastery Advocate", ordinal(i + 1));
            let name = required_text(
                &advocate.name,
                &format!("{who}'s name"),
                MAX_NAME_CHARS,
                Lines::One,
            );
            let email = match Email::parse(&advocate.email) {
                _ if advocate.email.trim().is_empty() => {
                    Err(format!("Enter {who}'s email address"))
                }
                Ok(email) => {
                    let earlier = advocates
                        .iter()
                        .position(|a: &MasteryAdvocate| a.email.normalised() == email.normalised());
                    match earlier {
                        Some(j) => Err(format!(
                            "The Mastery Advocates must be different people: {who}'s email \
                             address is the same as the {}'s",
                            ordinal(j + 1)
                        )),
                        None => Ok(email),
                    }
                }
                Err(_) => Err(format!(
                    "Enter {who}'s email address in the correct format, like name@school.org.uk"
                )),
            };
            if let Err(message) = &name {
                error(&format!("advocate_{}_name", i + 1), message.clone());
            }
            if let Err(message) = &email {
                error(&format!("advocate_{}_email", i + 1), message.clone());
            }
            if let (Ok(name), Ok(email)) = (name, email) {
                advocates.push(MasteryAdvocate { name, email });
            }
        }

        let leader = &input.senior_leader;
        let fields = [
            (
                "senior_leader_name",
                &leader.name,
                "the senior leader's name",
                MAX_NAME_CHARS,
                Lines::One,
            ),
            (
                "senior_leader_role",
                &leader.role,
                "the senior leader's role, for example Deputy headteacher",
                MAX_NAME_CHARS,
                Lines::One,
            ),
            (
                "senior_leader_statement",
                &leader.statement,
                "the senior leader's statement",
                MAX_STATEMENT_CHARS,
                Lines::Many,
            ),
        ];
        let mut leader_parts = Vec::new();
        for (field, text, what, max, lines) in fields {
            match required_text(text, what, max, lines) {
                Ok(text) => leader_parts.push(text),
                Err(message) => error(field, message),
            }
        }
        if !input.release_time_confirmed {
            error(
                "release_time_confirmed",
                "Confirm that the school will give release time for the full academic year".into(),
            );
        }

        match (stage, academic_year, <[String; 3]>::try_from(leader_parts)) {
            (Some(stage), Some(academic_year), Ok([name, role, statement]))
                if errors.is_empty() =>
            {
                Ok(Self {
                    stage,
                    academic_year,
                    work_group,
                    advocates,
                    senior_leader: SeniorLeader {
                        name,
                        role,
                        statement,
                    },
                })
            }
            _ => Err(errors),
        }
    }

    /// The stage applied for.
    pub fn stage(&self) -> Stage {
        self.stage
    }

    /// The academic year applied for.
    pub fn academic_year(&self) -> AcademicYear {
        self.academic_year
    }

    /// The Work Group the school has in mind, if any.
    pub fn work_group(&self) -> Option<&str> {
        self.work_group.as_deref()
    }

    /// The Mastery Advocates named.
    pub fn advocates(&self) -> &[MasteryAdvocate] {
        &self.advocates
    }

    /// The senior leader's part.
    pub fn senior_leader(&self) -> &SeniorLeader {
        &self.senior_leader
    }
}

/// How many Mastery Advocates a department names for a stage, fewest and most.
pub fn advocates_for(stage: Stage) -> (usize, usize) {
    match stage {
        Stage::Development => (2, MAX_ADVOCATES),
        Stage::Embedding | Stage::Sustaining => (1, MAX_ADVOCATES),
        _ => (0, MAX_ADVOCATES),
    }
}

fn advocate_count_problem(stage: Option<Stage>, count: usize) -> Option<String> {
    let (fewest, most) = stage.map_or((0, MAX_ADVOCATES), advocates_for);
    let names = match count {
        0 => "names none".to_owned(),
        n => format!("names {}", number(n)),
    };
    if count > most {
        Some(format!(
            "A department nominates two Mastery Advocates; this {names}"
        ))
    } else if count < fewest {
        let stage = stage.map_or("", Stage::label);
        Some(match fewest {
            2 => format!(
                "A department joining {stage} nominates two Mastery Advocates; this {names}"
            ),
            _ => format!(
                "A department joining {stage} names at least one Mastery Advocate, ideally the \
                 two from its Development year; this {names}"
            ),
        })
    } else {
        None
    }
}

/// Whether a field is one line (a name, a role) or paragraphs (a statement).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lines {
    One,
    Many,
}

/// Trimmed text that must be present and at most `max` characters (and on one line, for a
/// one-line field: `crate::text::one_line_text`).
fn required_text(text: &str, what: &str, max: usize, lines: Lines) -> Result<String, String> {
    let short = what.split(',').next().unwrap_or(what);
    let text = match lines {
        Lines::One => one_line_text(text, short).map_err(|e| e.to_string())?,
        Lines::Many => text.trim().to_owned(),
    };
    let length = text.chars().count();
    if text.is_empty() {
        Err(format!("Enter {what}"))
    } else if length > max {
        let what = short;
        Err(capitalise(&format!(
            "{what} must be {} characters or fewer; it has {}",
            thousands(max),
            thousands(length)
        )))
    } else {
        Ok(text.to_owned())
    }
}

fn number(n: usize) -> String {
    const WORDS: [&str; 10] = [
        "none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

fn ordinal(n: usize) -> String {
    const WORDS: [&str; 10] = [
        "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    ];
    WORDS
        .get(n)
        .map_or_else(|| format!("number {n}"), |w| (*w).to_owned())
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests;
