//! Work Groups (DOMAIN.md): a hub's group of departments for one academic year, on one
//! programme, with a status and a capacity; and the rule that places an accepted department in
//! one, together with a Work Group of each co-requisite programme.

use std::fmt;

use super::applications::check_room;
use super::{ProgrammeCode, Stage};
use crate::AcademicYear;
use crate::refusal::Refusal;

/// Where a Work Group stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WorkGroupStatus {
    /// Open to applications for its year.
    Recruiting,
    /// Under way; the hub may still place departments in it.
    Running,
    /// Nobody joins a closed Work Group.
    Closed,
}

impl WorkGroupStatus {
    pub const ALL: [WorkGroupStatus; 3] = [Self::Recruiting, Self::Running, Self::Closed];

    /// As stored and sent in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Recruiting => "recruiting",
            Self::Running => "running",
            Self::Closed => "closed",
        }
    }

    /// As people read it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Recruiting => "Recruiting",
            Self::Running => "Running",
            Self::Closed => "Closed",
        }
    }

    pub fn parse(text: &str) -> Result<Self, Refusal> {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == text.trim())
            .ok_or_else(|| {
                let known: Vec<&str> = Self::ALL.iter().map(|s| s.as_str()).collect();
                Refusal::new(
                    "unknown_work_group_status",
                    format!(
                        "'{text}' is not a Work Group status: use {}",
                        known.join(", ")
                    ),
                )
                .on("status")
            })
    }

    /// Whether schools applying now may choose it.
    pub fn is_recruiting(self) -> bool {
        self == Self::Recruiting
    }

    /// Whether a department may be placed in it.
    pub fn takes_departments(self) -> bool {
        self != Self::Closed
    }
}

impl fmt::Display for WorkGroupStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// How many departments a Work Group holds: at least one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Capacity(u32);

impl Capacity {
    /// The most departments one Work Group may hold (far above any programme's group size, to
    /// catch typing errors).
    pub const MAX: u32 = 500;

    pub fn new(departments: i64) -> Result<Self, Refusal> {
        u32::try_from(departments)
            .ok()
            .filter(|n| (1..=Self::MAX).contains(n))
            .map(Self)
            .ok_or_else(|| {
                Refusal::new(
                    "capacity_out_of_range",
                    format!(
                        "a Work Group holds at least one department and at most {}, not {departments}",
                        Self::MAX
                    ),
                )
                .on("capacity")
            })
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

/// What the rules need to know of a Work Group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkGroupFacts {
    pub id: i64,
    pub name: String,
    pub hub_code: String,
    pub academic_year: AcademicYear,
    pub stage: Stage,
    pub programme_code: ProgrammeCode,
    pub status: WorkGroupStatus,
    pub capacity: Capacity,
    /// Departments in it now (its own stage's and co-requisite members, not withdrawn).
    pub members: u32,
}

impl WorkGroupFacts {
    /// Whether one more department fits.
    pub fn has_room(&self) -> bool {
        check_room(self.capacity.get(), self.members).is_ok()
    }

    /// Whether a department may join it now: open, with room.
    pub fn takes_one_more(&self) -> bool {
        self.status.takes_departments() && self.has_room()
    }

    /// Refuses a change of capacity or programme that the departments already in it rule out.
    pub fn check_change(
        &self,
        capacity: Capacity,
        programme_code: &ProgrammeCode,
    ) -> Result<(), Refusal> {
        if capacity.get() < self.members {
            return Err(Refusal::new(
                "capacity_below_members",
                format!(
                    "the capacity cannot be below the {} departments in the group",
                    self.members
                ),
            )
            .on("capacity"));
        }
        if self.members > 0 && *programme_code != self.programme_code {
            return Err(Refusal::new(
                "programme_fixed_once_joined",
                format!(
                    "the programme cannot change from {} once departments have joined the group",
                    self.programme_code.as_str()
                ),
            )
            .on("programme"));
        }
        Ok(())
    }
}

/// The department being placed: its school's hub, and the year and stage it was accepted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement<'a> {
    pub hub_code: Option<&'a str>,
    pub academic_year: AcademicYear,
    pub stage: Stage,
}

/// A programme the department must also join (the catalogue's co-requisite), with the hub's
/// Work Groups of it in the year.
#[derive(Debug, Clone, Copy)]
pub struct CoRequisite<'a> {
    pub code: &'a ProgrammeCode,
    /// The programme's title, when the catalogue has it.
    pub title: Option<&'a str>,
    pub groups: &'a [WorkGroupFacts],
}

/// Where an accepted department goes: its Work Group, and one Work Group of each co-requisite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolment {
    pub work_group_id: i64,
    pub co_requisite_work_group_ids: Vec<i64>,
}

/// Places a department in `group` and in the first Work Group of each co-requisite programme
/// that is open with room; refuses a group of another hub or year, of another stage, a closed
/// group, a full one, and a co-requisite with no group that can take it.
pub fn enrol(
    placement: Placement<'_>,
    group: &WorkGroupFacts,
    co_requisites: &[CoRequisite<'_>],
) -> Result<Enrolment, Refusal> {
    let refuse = |code, message: String| Err(Refusal::new(code, message).on("work_group"));
    if group.academic_year != placement.academic_year
        || Some(group.hub_code.as_str()) != placement.hub_code
    {
        return refuse(
            "work_group_elsewhere",
            "the Work Group is not the school's hub's in that year".to_owned(),
        );
    }
    if group.stage != placement.stage {
        return refuse(
            "work_group_wrong_stage",
            format!(
                "{} is a Work Group for {}, and the application is for {}",
                group.name,
                group.stage.label(),
                placement.stage.label()
            ),
        );
    }
    if !group.status.takes_departments() {
        return refuse(
            "work_group_closed",
            format!(
                "{} is closed: reopen it or choose another Work Group",
                group.name
            ),
        );
    }
    if let Err(full) = check_room(group.capacity.get(), group.members) {
        return refuse("work_group_full", format!("{}: {full}", group.name));
    }
    let mut co_requisite_work_group_ids = Vec::with_capacity(co_requisites.len());
    for co in co_requisites {
        let code = co.code.as_str();
        let with_room = co
            .groups
            .iter()
            .find(|g| g.takes_one_more())
            .ok_or_else(|| {
                let title = co
                    .title
                    .map_or_else(|| "Work Group".to_owned(), |t| format!("the {t}"));
                Refusal::new(
                    "co_requisite_without_room",
                    format!(
                        "the department must also join {title} ({code}), and the hub has no {code} \
                     Work Group with room in {}: open one, or make room in one, first",
                        placement.academic_year
                    ),
                )
                .on("work_group")
            })?;
        co_requisite_work_group_ids.push(with_room.id);
    }
    Ok(Enrolment {
        work_group_id: group.id,
        co_requisite_work_group_ids,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(text: &str) -> AcademicYear {
        AcademicYear::parse(text).expect("year")
    }

    fn code(text: &str) -> ProgrammeCode {
        ProgrammeCode::parse(text).expect("code")
    }

    fn group(id: i64, stage: Stage, capacity: u32, members: u32) -> WorkGroupFacts {
        WorkGroupFacts {
            id,
            name: format!("Group {id}"),
            hub_code: "LCW".into(),
            academic_year: year("2026/27"),
            stage,
            programme_code: code("NCP21-14"),
            status: WorkGroupStatus::Recruiting,
            capacity: Capacity::new(i64::from(capacity)).expect("capacity"),
            members,
        }
    }

    fn placement(stage: Stage) -> Placement<'static> {
        Placement {
            hub_code: Some("LCW"),
            academic_year: year("2026/27"),
            stage,
        }
    }

    #[test]
    fn statuses_read_back_and_only_closed_groups_turn_departments_away() {
        for status in WorkGroupStatus::ALL {
            assert_eq!(WorkGroupStatus::parse(status.as_str()), Ok(status));
            assert_eq!(
                status.takes_departments(),
                status != WorkGroupStatus::Closed
            );
        }
        let refused = WorkGroupStatus::parse("open").expect_err("unknown");
        assert_eq!(refused.code, "unknown_work_group_status");
        assert_eq!(refused.field, Some("status"));
        assert!(refused.message.contains("recruiting, running, closed"));
    }

    #[test]
    fn a_capacity_is_at_least_one_and_at_most_the_maximum() {
        assert_eq!(Capacity::new(1).map(Capacity::get), Ok(1));
        assert!(Capacity::new(i64::from(Capacity::MAX)).is_ok());
        for bad in [0, -3, i64::from(Capacity::MAX) + 1, i64::MAX] {
            let refused = Capacity::new(bad).expect_err("out of range");
            assert_eq!(
                (refused.code, refused.field),
                ("capacity_out_of_range", Some("capacity"))
            );
        }
    }

    #[test]
    fn a_department_joins_an_open_group_of_its_hub_year_and_stage_with_room() {
        let g = group(7, Stage::Embedding, 2, 1);
        assert_eq!(
            enrol(placement(Stage::Embedding), &g, &[]),
            Ok(Enrolment {
                work_group_id: 7,
                co_requisite_work_group_ids: vec![]
            })
        );
        let refused =
            |p: Placement<'_>, g: &WorkGroupFacts| enrol(p, g, &[]).expect_err("refused").code;
        assert_eq!(
            refused(placement(Stage::Development), &g),
            "work_group_wrong_stage"
        );
        let mut other_year = placement(Stage::Embedding);
        other_year.academic_year = year("2027/28");
        assert_eq!(refused(other_year, &g), "work_group_elsewhere");
        let mut other_hub = placement(Stage::Embedding);
        other_hub.hub_code = Some("JUR");
        assert_eq!(refused(other_hub, &g), "work_group_elsewhere");
        other_hub.hub_code = None;
        assert_eq!(refused(other_hub, &g), "work_group_elsewhere");
        let full = group(7, Stage::Embedding, 2, 2);
        let message = enrol(placement(Stage::Embedding), &full, &[])
            .expect_err("full")
            .message;
        assert_eq!(
            message,
            "Group 7: This Work Group is full: it holds 2 departments and 2 are already accepted"
        );
        let mut closed = g.clone();
        closed.status = WorkGroupStatus::Closed;
        assert_eq!(
            refused(placement(Stage::Embedding), &closed),
            "work_group_closed"
        );
    }

    #[test]
    fn a_co_requisite_takes_its_first_open_group_with_room() {
        let g = group(1, Stage::Embedding, 30, 0);
        let support = code("NCP21-13");
        let mut closed = group(2, Stage::Embedding, 30, 0);
        closed.status = WorkGroupStatus::Closed;
        let full = group(3, Stage::Embedding, 1, 1);
        let open = group(4, Stage::Embedding, 5, 4);
        let groups = [closed.clone(), full.clone(), open];
        let co = CoRequisite {
            code: &support,
            title: Some("Embedding year support"),
            groups: &groups,
        };
        let enrolment = enrol(placement(Stage::Embedding), &g, &[co]).expect("placed");
        assert_eq!(enrolment.co_requisite_work_group_ids, vec![4]);
        let none_free = [closed, full];
        let co = CoRequisite {
            code: &support,
            title: Some("Embedding year support"),
            groups: &none_free,
        };
        let refused = enrol(placement(Stage::Embedding), &g, &[co]).expect_err("no room");
        assert_eq!(refused.code, "co_requisite_without_room");
        assert!(
            refused
                .message
                .starts_with("the department must also join the Embedding year support (NCP21-13)")
        );
    }

    #[test]
    fn departments_in_a_group_fix_its_programme_and_its_least_capacity() {
        let g = group(1, Stage::Embedding, 10, 3);
        let same = code("NCP21-14");
        assert!(g.check_change(Capacity::new(3).expect("3"), &same).is_ok());
        let refused = g
            .check_change(Capacity::new(2).expect("2"), &same)
            .expect_err("below");
        assert_eq!(refused.code, "capacity_below_members");
        let refused = g
            .check_change(Capacity::new(10).expect("10"), &code("NCP21-13"))
            .expect_err("programme");
        assert_eq!(refused.code, "programme_fixed_once_joined");
        let empty = group(1, Stage::Embedding, 10, 0);
        assert!(
            empty
                .check_change(Capacity::new(1).expect("1"), &code("NCP21-13"))
                .is_ok()
        );
    }
}
