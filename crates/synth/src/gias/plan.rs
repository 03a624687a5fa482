//! Which establishments a generated extract holds: how many of each kind (scaled from the real
//! national register), their types, phases, ages, statuses, dates, local authorities, URNs, and
//! which closed school converted into which academy.
//!
//! The plan is built once from `(rows, seed)` and is the single source of both the extract and
//! the links file, so the two always agree.

use time::macros::date;
use time::{Date, Month};

use super::places::PLACES;
use super::types::Ty;
use crate::prng::SplitMix64;

/// The day the generated extract pretends to be taken (the real one it is modelled on).
pub(crate) const EXTRACT_DATE: Date = date!(2025 - 04 - 22);

/// At most this many rows, so that URNs stay within eight digits.
pub(crate) const MAX_ROWS: usize = 10_000_000;

/// `EstablishmentStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    Open,
    Closed,
    OpenProposedToClose,
    ProposedToOpen,
}

impl Status {
    pub(crate) fn code_and_name(self) -> (&'static str, &'static str) {
        match self {
            Self::Open => ("1", "Open"),
            Self::Closed => ("2", "Closed"),
            Self::OpenProposedToClose => ("3", "Open, but proposed to close"),
            Self::ProposedToOpen => ("4", "Proposed to open"),
        }
    }

    pub(crate) fn is_open(self) -> bool {
        matches!(self, Self::Open | Self::OpenProposedToClose)
    }
}

/// `PhaseOfEducation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    NotApplicable,
    Nursery,
    Primary,
    MiddlePrimary,
    Secondary,
    MiddleSecondary,
    SixteenPlus,
    AllThrough,
}

impl Phase {
    pub(crate) fn code_and_name(self) -> (&'static str, &'static str) {
        match self {
            Self::NotApplicable => ("0", "Not applicable"),
            Self::Nursery => ("1", "Nursery"),
            Self::Primary => ("2", "Primary"),
            Self::MiddlePrimary => ("3", "Middle deemed primary"),
            Self::Secondary => ("4", "Secondary"),
            Self::MiddleSecondary => ("5", "Middle deemed secondary"),
            Self::SixteenPlus => ("6", "16 plus"),
            Self::AllThrough => ("7", "All-through"),
        }
    }
}

/// `Gender`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Mixed,
    Boys,
    Girls,
}

/// `ReligiousCharacter`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Religion {
    DoesNotApply,
    ChurchOfEngland,
    RomanCatholic,
    Christian,
    Jewish,
    Muslim,
    Unaffiliated,
}

/// How an establishment takes part in an academy conversion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Plain,
    /// An academy whose `partner` is the closed school it replaced.
    Academy {
        sponsored: bool,
    },
    /// A closed school whose `partner` is the academy that replaced it.
    Predecessor {
        sponsored: bool,
    },
}

/// The place of establishments outside England (British schools overseas and the like).
pub(crate) const ABROAD: u16 = u16::MAX;

/// One generated establishment.
#[derive(Debug, Clone)]
pub(crate) struct Entity {
    pub(crate) ty: Ty,
    pub(crate) status: Status,
    pub(crate) phase: Phase,
    pub(crate) ages: Option<(u8, u8)>,
    pub(crate) gender: Gender,
    pub(crate) religion: Religion,
    /// Index into `LOCAL_AUTHORITIES`, or [`ABROAD`].
    pub(crate) la: u16,
    pub(crate) open: Option<Date>,
    pub(crate) close: Option<Date>,
    pub(crate) role: Role,
    /// The other side of a conversion (see [`Role`]); `u32::MAX` when none.
    pub(crate) partner: u32,
    /// Everything else about the establishment (name, address, numbers) is drawn from this.
    pub(crate) seed: u64,
    pub(crate) urn: u32,
}

impl Entity {
    pub(crate) fn partner(&self) -> Option<usize> {
        (self.partner != u32::MAX).then_some(self.partner as usize)
    }
}

/// A generated register: establishments and the order to write them in (by URN).
#[derive(Debug)]
pub(crate) struct Plan {
    pub(crate) entities: Vec<Entity>,
    pub(crate) order: Vec<u32>,
}

/// Age ranges and phases, by kind of establishment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ages {
    Primary,
    Secondary,
    FreeSecondary,
    FourteenToNineteen,
    Ctc,
    SixteenToNineteen,
    FurtherEducation,
    Nursery,
    Special,
    AlternativeProvision,
    Independent,
    IndependentSpecial,
    Secure,
    Post16Special,
    Overseas,
    Online,
    Unrecorded,
}

/// A kind of entity to generate and how many of them a national-size (50,000-row) register
/// holds.
#[derive(Debug, Clone, Copy)]
struct Category {
    per_50k: u32,
    kind: Kind,
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    /// Open (a few "open, but proposed to close").
    Open(Ty, Ages),
    /// An open academy and the closed school it replaced: two rows.
    Converted {
        academy: Ty,
        sponsored: bool,
        predecessors: &'static [(u32, Ty)],
        ages: Ages,
    },
    /// Closed, of one of some types.
    Closed(&'static [(u32, Ty)], Ages),
    /// Proposed to open.
    Proposed(Ty, Ages),
}

impl Kind {
    fn rows(self) -> usize {
        match self {
            Self::Converted { .. } => 2,
            _ => 1,
        }
    }
}

const fn open(per_50k: u32, ty: Ty, ages: Ages) -> Category {
    Category {
        per_50k,
        kind: Kind::Open(ty, ages),
    }
}

const fn converted(
    per_50k: u32,
    academy: Ty,
    sponsored: bool,
    predecessors: &'static [(u32, Ty)],
    ages: Ages,
) -> Category {
    Category {
        per_50k,
        kind: Kind::Converted {
            academy,
            sponsored,
            predecessors,
            ages,
        },
    }
}

const fn closed(per_50k: u32, types: &'static [(u32, Ty)], ages: Ages) -> Category {
    Category {
        per_50k,
        kind: Kind::Closed(types, ages),
    }
}

const fn proposed(per_50k: u32, ty: Ty, ages: Ages) -> Category {
    Category {
        per_50k,
        kind: Kind::Proposed(ty, ages),
    }
}

const PRIMARY_CONVERTED_FROM: &[(u32, Ty)] = &[
    (50, Ty::Community),
    (22, Ty::VoluntaryAided),
    (18, Ty::VoluntaryControlled),
    (10, Ty::Foundation),
];
const SECONDARY_CONVERTED_FROM: &[(u32, Ty)] = &[
    (40, Ty::Community),
    (35, Ty::Foundation),
    (20, Ty::VoluntaryAided),
    (5, Ty::VoluntaryControlled),
];
const SPONSORED_FROM: &[(u32, Ty)] = &[
    (75, Ty::Community),
    (15, Ty::Foundation),
    (6, Ty::VoluntaryAided),
    (4, Ty::VoluntaryControlled),
];
const SPECIAL_FROM: &[(u32, Ty)] = &[(90, Ty::CommunitySpecial), (10, Ty::FoundationSpecial)];
const PRU_FROM: &[(u32, Ty)] = &[(1, Ty::PupilReferralUnit)];
const COLLEGE_FROM: &[(u32, Ty)] = &[(1, Ty::FurtherEducation)];

const MAINTAINED: &[(u32, Ty)] = &[
    (55, Ty::Community),
    (20, Ty::VoluntaryAided),
    (15, Ty::VoluntaryControlled),
    (10, Ty::Foundation),
];
const ACADEMIES: &[(u32, Ty)] = &[
    (50, Ty::AcademySponsorLed),
    (30, Ty::AcademyConverter),
    (10, Ty::AcademySpecialSponsorLed),
    (10, Ty::AcademyApSponsorLed),
];
const OTHER_CLOSED: &[(u32, Ty)] = &[
    (40, Ty::BritishOverseas),
    (15, Ty::Miscellaneous),
    (10, Ty::SecureUnit),
    (10, Ty::HigherEducation),
    (10, Ty::SpecialPost16),
    (5, Ty::ServiceChildren),
    (5, Ty::CityTechnologyCollege),
    (5, Ty::NonMaintainedSpecial),
];

/// The register, scaled to 50,000 rows: about 24,000 open establishments, of which 3,400 are
/// open state-funded secondary schools; 9,600 closed schools that became academies; the rest
/// closed over the decades.
const CATEGORIES: &[Category] = &[
    // Open state-funded secondary: 3,400.
    converted(
        2000,
        Ty::AcademyConverter,
        false,
        SECONDARY_CONVERTED_FROM,
        Ages::Secondary,
    ),
    converted(
        530,
        Ty::AcademySponsorLed,
        true,
        SPONSORED_FROM,
        Ages::Secondary,
    ),
    open(90, Ty::AcademySponsorLed, Ages::Secondary),
    open(165, Ty::Community, Ages::Secondary),
    open(170, Ty::Foundation, Ages::Secondary),
    open(150, Ty::VoluntaryAided, Ages::Secondary),
    open(20, Ty::VoluntaryControlled, Ages::Secondary),
    open(230, Ty::FreeSchool, Ages::FreeSecondary),
    open(30, Ty::UniversityTechnicalCollege, Ages::FourteenToNineteen),
    open(13, Ty::StudioSchool, Ages::FourteenToNineteen),
    open(2, Ty::CityTechnologyCollege, Ages::Ctc),
    // Open state-funded primary: 14,850.
    converted(
        5350,
        Ty::AcademyConverter,
        false,
        PRIMARY_CONVERTED_FROM,
        Ages::Primary,
    ),
    converted(
        1190,
        Ty::AcademySponsorLed,
        true,
        SPONSORED_FROM,
        Ages::Primary,
    ),
    open(150, Ty::AcademySponsorLed, Ages::Primary),
    open(4450, Ty::Community, Ages::Primary),
    open(1630, Ty::VoluntaryAided, Ages::Primary),
    open(1340, Ty::VoluntaryControlled, Ages::Primary),
    open(520, Ty::Foundation, Ages::Primary),
    open(220, Ty::FreeSchool, Ages::Primary),
    // Open 16 to 19.
    converted(
        20,
        Ty::Academy1619Converter,
        false,
        COLLEGE_FROM,
        Ages::SixteenToNineteen,
    ),
    open(5, Ty::Academy1619SponsorLed, Ages::SixteenToNineteen),
    open(40, Ty::FreeSchool1619, Ages::SixteenToNineteen),
    // Open special schools.
    open(470, Ty::CommunitySpecial, Ages::Special),
    open(30, Ty::FoundationSpecial, Ages::Special),
    converted(
        300,
        Ty::AcademySpecialConverter,
        false,
        SPECIAL_FROM,
        Ages::Special,
    ),
    converted(
        100,
        Ty::AcademySpecialSponsorLed,
        true,
        SPECIAL_FROM,
        Ages::Special,
    ),
    open(30, Ty::AcademySpecialSponsorLed, Ages::Special),
    open(140, Ty::FreeSchoolSpecial, Ages::Special),
    open(55, Ty::NonMaintainedSpecial, Ages::Special),
    open(800, Ty::IndependentSpecial, Ages::IndependentSpecial),
    // Open alternative provision.
    open(130, Ty::PupilReferralUnit, Ages::AlternativeProvision),
    converted(
        40,
        Ty::AcademyApConverter,
        false,
        PRU_FROM,
        Ages::AlternativeProvision,
    ),
    converted(
        70,
        Ty::AcademyApSponsorLed,
        true,
        PRU_FROM,
        Ages::AlternativeProvision,
    ),
    open(40, Ty::AcademyApSponsorLed, Ages::AlternativeProvision),
    open(45, Ty::FreeSchoolAp, Ages::AlternativeProvision),
    // Other open establishments.
    open(370, Ty::NurserySchool, Ages::Nursery),
    open(2300, Ty::OtherIndependent, Ages::Independent),
    open(230, Ty::FurtherEducation, Ages::FurtherEducation),
    open(15, Ty::SixthFormCentre, Ages::SixteenToNineteen),
    open(100, Ty::HigherEducation, Ages::Unrecorded),
    open(13, Ty::SecureUnit, Ages::Secure),
    open(12, Ty::ServiceChildren, Ages::Overseas),
    open(20, Ty::Miscellaneous, Ages::Unrecorded),
    open(120, Ty::SpecialPost16, Ages::Post16Special),
    open(240, Ty::BritishOverseas, Ages::Overseas),
    open(4, Ty::OtherGovernmentDepartment, Ages::SixteenToNineteen),
    open(10, Ty::OnlineProvider, Ages::Online),
    // Proposed to open.
    proposed(100, Ty::FreeSchool, Ages::FreeSecondary),
    proposed(50, Ty::OtherIndependent, Ages::Independent),
    // Closed, other than by conversion.
    closed(5800, MAINTAINED, Ages::Primary),
    closed(1400, MAINTAINED, Ages::Secondary),
    closed(250, &[(1, Ty::NurserySchool)], Ages::Nursery),
    closed(700, &[(1, Ty::CommunitySpecial)], Ages::Special),
    closed(
        350,
        &[(1, Ty::PupilReferralUnit)],
        Ages::AlternativeProvision,
    ),
    closed(5661, &[(1, Ty::OtherIndependent)], Ages::Independent),
    closed(
        600,
        &[(1, Ty::IndependentSpecial)],
        Ages::IndependentSpecial,
    ),
    closed(300, &[(1, Ty::FurtherEducation)], Ages::FurtherEducation),
    closed(40, &[(1, Ty::SixthFormCentre)], Ages::SixteenToNineteen),
    closed(500, ACADEMIES, Ages::Secondary),
    closed(150, &[(1, Ty::FreeSchool)], Ages::FreeSecondary),
    closed(500, OTHER_CLOSED, Ages::Unrecorded),
];

/// How many entities of each category make exactly `rows` rows, in proportion to the
/// national register (largest remainders first).
fn quotas(rows: usize) -> Vec<usize> {
    let total_rows: u64 = CATEGORIES
        .iter()
        .map(|c| u64::from(c.per_50k) * c.kind.rows() as u64)
        .sum();
    let rows_u = rows as u64;
    let mut counts = Vec::with_capacity(CATEGORIES.len());
    let mut remainders = Vec::with_capacity(CATEGORIES.len());
    let mut used = 0usize;
    for (i, category) in CATEGORIES.iter().enumerate() {
        // Wanted entities = rows * per_50k / total_rows, kept as whole part and remainder.
        let scaled = rows_u * u64::from(category.per_50k);
        let whole = (scaled / total_rows) as usize;
        counts.push(whole);
        remainders.push((scaled % total_rows, i));
        used += whole * category.kind.rows();
    }
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut left = rows.saturating_sub(used);
    for &(_, i) in &remainders {
        let need = CATEGORIES[i].kind.rows();
        if need <= left {
            counts[i] += 1;
            left -= need;
        }
    }
    // Whatever is left (a row too few for a pair) goes to single-row categories.
    while left > 0 {
        let Some(&(_, i)) = remainders
            .iter()
            .find(|&&(_, i)| CATEGORIES[i].kind.rows() == 1)
        else {
            break;
        };
        counts[i] += 1;
        left -= 1;
    }
    counts
}

/// Builds the plan for `rows` rows from `seed`.
pub(crate) fn build(rows: usize, seed: u64) -> Plan {
    let mut rng = SplitMix64::stream(seed, 0x504C_414E);
    let counts = quotas(rows);
    let mut jobs: Vec<Kind> = Vec::with_capacity(rows);
    for (category, &count) in CATEGORIES.iter().zip(&counts) {
        jobs.extend(std::iter::repeat_n(category.kind, count));
    }
    // Shuffle, so that the authorities dealt out first below go to every kind of school.
    for i in (1..jobs.len()).rev() {
        let j = rng.index(i + 1);
        jobs.swap(i, j);
    }
    let la_weights: Vec<u32> = PLACES.iter().map(|p| p.weight).collect();
    let mut entities = Vec::with_capacity(rows);
    let mut dealt = 0usize;
    for kind in jobs {
        let abroad = matches!(
            kind,
            Kind::Open(Ty::BritishOverseas | Ty::ServiceChildren, _)
        );
        // A closed establishment of one of these types may turn out to be abroad: it takes no
        // part in dealing out the authorities.
        let maybe_abroad =
            matches!(kind, Kind::Closed(types, _) if types.iter().any(|&(_, ty)| is_abroad(ty)));
        let la = if abroad {
            ABROAD
        } else if dealt < PLACES.len() && !maybe_abroad {
            // Every authority gets at least one establishment when there are enough.
            dealt += 1;
            (dealt - 1) as u16
        } else {
            rng.weighted(&la_weights) as u16
        };
        add(&mut entities, kind, la, &mut rng);
    }
    let order = assign_urns(&mut entities, &mut rng);
    Plan { entities, order }
}

/// Types of establishment outside England.
fn is_abroad(ty: Ty) -> bool {
    matches!(ty, Ty::BritishOverseas | Ty::ServiceChildren)
}

fn add(entities: &mut Vec<Entity>, kind: Kind, la: u16, rng: &mut SplitMix64) {
    match kind {
        Kind::Open(ty, ages) => {
            let mut e = entity(ty, ages, la, rng);
            e.status = Status::Open;
            e.open = open_date(ty, rng);
            if rng.chance(5) && !matches!(ty, Ty::BritishOverseas) {
                e.status = Status::OpenProposedToClose;
                e.close = Some(ymd(2025, 8, 31));
            }
            entities.push(e);
        }
        Kind::Proposed(ty, ages) => {
            let mut e = entity(ty, ages, la, rng);
            e.status = Status::ProposedToOpen;
            e.open = Some(ymd(2025 + rng.between(0, 1) as i32, 9, 1));
            entities.push(e);
        }
        Kind::Closed(types, ages) => {
            let ty = *rng.weighted_pick(types);
            let la = if is_abroad(ty) { ABROAD } else { la };
            let mut e = entity(ty, ages, la, rng);
            e.status = Status::Closed;
            e.open = open_date(ty, rng).filter(|d| *d < ymd(2023, 1, 1));
            let earliest = e.open.map_or(ymd(1985, 1, 1), |d| d.max(ymd(1985, 1, 1)));
            e.close = Some(closing_date(earliest, rng));
            entities.push(e);
        }
        Kind::Converted {
            academy,
            sponsored,
            predecessors,
            ages,
        } => {
            let old_ty = *rng.weighted_pick(predecessors);
            let mut old = entity(old_ty, ages, la, rng);
            let mut new = entity(academy, ages, la, rng);
            new.phase = old.phase;
            new.ages = old.ages;
            new.gender = old.gender;
            new.religion = old.religion;
            new.status = Status::Open;
            let converted_on = conversion_date(academy, old.phase, sponsored, rng);
            new.open = Some(converted_on);
            old.status = Status::Closed;
            old.close = Some(converted_on.previous_day().unwrap_or(converted_on));
            old.open = legacy_open_date(rng).filter(|d| *d < converted_on);
            let old_index = entities.len() as u32;
            old.role = Role::Predecessor { sponsored };
            old.partner = old_index + 1;
            new.role = Role::Academy { sponsored };
            new.partner = old_index;
            entities.push(old);
            entities.push(new);
        }
    }
}

/// An entity with its type, phase, ages, gender, religion and place; status and dates are set
/// by the caller.
fn entity(ty: Ty, ages: Ages, la: u16, rng: &mut SplitMix64) -> Entity {
    let (phase, range) = phase_and_ages(ty, ages, rng);
    let gender = gender(ty, phase, rng);
    let religion = religion(ty, rng);
    Entity {
        ty,
        status: Status::Closed,
        phase,
        ages: range,
        gender,
        religion,
        la,
        open: None,
        close: None,
        role: Role::Plain,
        partner: u32::MAX,
        seed: rng.next_u64(),
        urn: 0,
    }
}

fn phase_and_ages(ty: Ty, ages: Ages, rng: &mut SplitMix64) -> (Phase, Option<(u8, u8)>) {
    use Phase::*;
    let pick = |rng: &mut SplitMix64, table: &[(u32, (Phase, u8, u8))]| {
        let &(phase, low, high) = rng.weighted_pick(table);
        (phase, Some((low, high)))
    };
    match ages {
        Ages::Primary => pick(
            rng,
            &[
                (340, (Primary, 3, 11)),
                (330, (Primary, 4, 11)),
                (50, (Primary, 2, 11)),
                (10, (Primary, 5, 11)),
                (120, (Primary, 4, 7)),
                (120, (Primary, 7, 11)),
                (3, (MiddlePrimary, 8, 12)),
                (3, (MiddlePrimary, 9, 13)),
            ],
        ),
        Ages::Secondary => pick(
            rng,
            &[
                (340, (Secondary, 11, 16)),
                (520, (Secondary, 11, 18)),
                (25, (Secondary, 11, 19)),
                (25, (Secondary, 13, 18)),
                (30, (AllThrough, 3, 18)),
                (30, (AllThrough, 4, 18)),
                (10, (AllThrough, 2, 19)),
                (15, (MiddleSecondary, 9, 13)),
                (5, (MiddleSecondary, 10, 13)),
            ],
        ),
        Ages::FreeSecondary => pick(
            rng,
            &[
                (40, (Secondary, 11, 18)),
                (30, (Secondary, 11, 16)),
                (20, (AllThrough, 4, 18)),
                (10, (AllThrough, 4, 16)),
            ],
        ),
        Ages::FourteenToNineteen => (Secondary, Some((14, 19))),
        Ages::Ctc => (Secondary, Some((11, 18))),
        Ages::SixteenToNineteen => (SixteenPlus, Some((16, 19))),
        Ages::FurtherEducation => pick(
            rng,
            &[(80, (SixteenPlus, 16, 99)), (20, (SixteenPlus, 14, 99))],
        ),
        Ages::Nursery => pick(rng, &[(70, (Nursery, 2, 5)), (30, (Nursery, 3, 5))]),
        Ages::Special => pick(
            rng,
            &[
                (30, (NotApplicable, 2, 19)),
                (20, (NotApplicable, 3, 19)),
                (15, (NotApplicable, 4, 11)),
                (20, (NotApplicable, 11, 19)),
                (15, (NotApplicable, 5, 16)),
            ],
        ),
        Ages::AlternativeProvision => pick(
            rng,
            &[
                (50, (NotApplicable, 11, 16)),
                (25, (NotApplicable, 5, 16)),
                (15, (NotApplicable, 14, 16)),
                (10, (NotApplicable, 4, 11)),
            ],
        ),
        Ages::Independent => pick(
            rng,
            &[
                (35, (NotApplicable, 3, 18)),
                (15, (NotApplicable, 2, 11)),
                (10, (NotApplicable, 3, 13)),
                (15, (NotApplicable, 11, 18)),
                (10, (NotApplicable, 4, 16)),
                (5, (NotApplicable, 13, 18)),
                (4, (Primary, 3, 11)),
                (4, (Secondary, 11, 18)),
                (2, (AllThrough, 3, 18)),
            ],
        ),
        Ages::IndependentSpecial => pick(
            rng,
            &[
                (40, (NotApplicable, 7, 18)),
                (30, (NotApplicable, 11, 18)),
                (30, (NotApplicable, 5, 19)),
            ],
        ),
        Ages::Secure => (NotApplicable, Some((10, 17))),
        Ages::Post16Special => pick(
            rng,
            &[(70, (NotApplicable, 16, 25)), (30, (NotApplicable, 19, 25))],
        ),
        Ages::Overseas => pick(
            rng,
            &[
                (60, (NotApplicable, 3, 18)),
                (25, (NotApplicable, 2, 18)),
                (15, (NotApplicable, 4, 11)),
            ],
        ),
        Ages::Online => (NotApplicable, Some((11, 18))),
        Ages::Unrecorded => match ty {
            Ty::SecureUnit => (NotApplicable, Some((10, 17))),
            Ty::SpecialPost16 => (NotApplicable, Some((16, 25))),
            Ty::BritishOverseas | Ty::ServiceChildren => (NotApplicable, Some((3, 18))),
            Ty::CityTechnologyCollege => (Secondary, Some((11, 18))),
            Ty::NonMaintainedSpecial => (NotApplicable, Some((5, 19))),
            _ => (NotApplicable, None),
        },
    }
}

fn gender(ty: Ty, phase: Phase, rng: &mut SplitMix64) -> Gender {
    let (girls, boys) = match (ty, phase) {
        (Ty::OtherIndependent, _) => (100, 80),
        (_, Phase::Secondary) => (45, 35),
        _ => (0, 0),
    };
    let roll = rng.below(1000);
    if roll < girls {
        Gender::Girls
    } else if roll < girls + boys {
        Gender::Boys
    } else {
        Gender::Mixed
    }
}

fn religion(ty: Ty, rng: &mut SplitMix64) -> Religion {
    match ty {
        Ty::VoluntaryAided => *rng.weighted_pick(&[
            (52, Religion::ChurchOfEngland),
            (44, Religion::RomanCatholic),
            (2, Religion::Jewish),
            (2, Religion::Muslim),
        ]),
        Ty::VoluntaryControlled => Religion::ChurchOfEngland,
        Ty::Foundation | Ty::FreeSchool => *rng.weighted_pick(&[
            (88, Religion::DoesNotApply),
            (12, Religion::ChurchOfEngland),
        ]),
        Ty::OtherIndependent => *rng.weighted_pick(&[
            (70, Religion::Unaffiliated),
            (15, Religion::Christian),
            (6, Religion::ChurchOfEngland),
            (3, Religion::RomanCatholic),
            (3, Religion::Jewish),
            (3, Religion::Muslim),
        ]),
        Ty::IndependentSpecial | Ty::BritishOverseas => Religion::Unaffiliated,
        _ => Religion::DoesNotApply,
    }
}

/// A valid date, with the day clamped to the month's length.
pub(crate) fn ymd(year: i32, month: u8, day: u8) -> Date {
    let month = Month::try_from(month).unwrap_or(Month::January);
    let day = day.clamp(1, time::util::days_in_month(month, year));
    Date::from_calendar_date(year, month, day).unwrap_or(EXTRACT_DATE)
}

/// A day between `from` and `to`, inclusive.
fn day_between(from: Date, to: Date, rng: &mut SplitMix64) -> Date {
    let day = rng.between(
        i64::from(from.to_julian_day()),
        i64::from(to.to_julian_day()),
    );
    i32::try_from(day)
        .ok()
        .and_then(|d| Date::from_julian_day(d).ok())
        .unwrap_or(from)
}

/// Schools open on the first of a month, mostly September.
fn start_of_term(year: i32, rng: &mut SplitMix64) -> Date {
    let month = *rng.weighted_pick(&[(60, 9u8), (15, 4), (10, 1), (15, 0)]);
    let month = if month == 0 {
        rng.between(1, 12) as u8
    } else {
        month
    };
    let date = ymd(year, month, 1);
    if date > EXTRACT_DATE {
        ymd(year, 1, 1)
    } else {
        date
    }
}

/// An opening date long ago, or (most often) none: the register has no opening date for many
/// old schools.
fn legacy_open_date(rng: &mut SplitMix64) -> Option<Date> {
    if rng.chance(750) {
        None
    } else {
        Some(start_of_term(rng.between(1950, 2005) as i32, rng))
    }
}

fn open_date(ty: Ty, rng: &mut SplitMix64) -> Option<Date> {
    const FREE_SCHOOL_YEARS: &[(u32, i32)] = &[
        (24, 2011),
        (55, 2012),
        (93, 2013),
        (120, 2014),
        (130, 2015),
        (100, 2016),
        (110, 2017),
        (90, 2018),
        (80, 2019),
        (70, 2020),
        (60, 2021),
        (50, 2022),
        (50, 2023),
        (40, 2024),
    ];
    match ty {
        Ty::FreeSchool
        | Ty::FreeSchool1619
        | Ty::FreeSchoolAp
        | Ty::FreeSchoolSpecial
        | Ty::UniversityTechnicalCollege
        | Ty::StudioSchool
        | Ty::OnlineProvider => Some(ymd(*rng.weighted_pick(FREE_SCHOOL_YEARS), 9, 1)),
        Ty::AcademySponsorLed
        | Ty::AcademySpecialSponsorLed
        | Ty::AcademyApSponsorLed
        | Ty::Academy1619SponsorLed
        | Ty::AcademyConverter
        | Ty::AcademySpecialConverter
        | Ty::AcademyApConverter
        | Ty::Academy1619Converter => Some(start_of_term(rng.between(2008, 2024) as i32, rng)),
        Ty::CityTechnologyCollege => Some(ymd(rng.between(1988, 1993) as i32, 9, 1)),
        Ty::FurtherEducation | Ty::SixthFormCentre => {
            if rng.chance(500) {
                Some(ymd(1993, 4, 1))
            } else {
                legacy_open_date(rng)
            }
        }
        Ty::OtherIndependent | Ty::IndependentSpecial | Ty::BritishOverseas | Ty::SpecialPost16 => {
            if rng.chance(300) {
                None
            } else {
                Some(day_between(ymd(1960, 1, 1), ymd(2024, 12, 31), rng))
            }
        }
        _ => {
            if rng.chance(60) {
                Some(start_of_term(rng.between(2000, 2020) as i32, rng))
            } else {
                legacy_open_date(rng)
            }
        }
    }
}

/// When a maintained school became an academy: the years follow the real links file
/// (secondary schools converted earlier than primary ones).
fn conversion_date(academy: Ty, phase: Phase, sponsored: bool, rng: &mut SplitMix64) -> Date {
    const PRIMARY: &[(u32, i32)] = &[
        (323, 2010),
        (1302, 2011),
        (1322, 2012),
        (1071, 2013),
        (916, 2014),
        (758, 2015),
        (1105, 2016),
        (1155, 2017),
        (1027, 2018),
        (600, 2019),
        (324, 2020),
        (334, 2021),
        (386, 2022),
        (479, 2023),
        (728, 2024),
        (117, 2025),
    ];
    const SECONDARY: &[(u32, i32)] = &[
        (600, 2010),
        (2500, 2011),
        (1500, 2012),
        (700, 2013),
        (400, 2014),
        (350, 2015),
        (400, 2016),
        (400, 2017),
        (350, 2018),
        (200, 2019),
        (120, 2020),
        (120, 2021),
        (130, 2022),
        (150, 2023),
        (200, 2024),
        (30, 2025),
    ];
    const SPONSORED: &[(u32, i32)] = &[
        (20, 2003),
        (30, 2005),
        (60, 2007),
        (90, 2008),
        (130, 2009),
        (150, 2010),
        (120, 2011),
        (200, 2012),
        (250, 2013),
        (200, 2014),
        (150, 2015),
        (150, 2016),
        (150, 2017),
        (130, 2018),
        (100, 2019),
        (70, 2020),
        (60, 2021),
        (60, 2022),
        (60, 2023),
        (60, 2024),
    ];
    let years = if sponsored {
        SPONSORED
    } else if matches!(
        phase,
        Phase::Secondary | Phase::AllThrough | Phase::MiddleSecondary
    ) || academy == Ty::Academy1619Converter
    {
        SECONDARY
    } else {
        PRIMARY
    };
    start_of_term(*rng.weighted_pick(years), rng)
}

/// A closing date after `earliest`: often the end of a school year.
fn closing_date(earliest: Date, rng: &mut SplitMix64) -> Date {
    let latest = ymd(2025, 3, 31);
    let earliest = earliest.min(latest);
    let day = day_between(earliest, latest, rng);
    if rng.chance(500) {
        let end_of_year = ymd(day.year(), 8, 31);
        if end_of_year > earliest && end_of_year <= latest {
            return end_of_year;
        }
    }
    day
}

/// Gives every entity a URN, as GIAS did over the years: old establishments (no opening date,
/// or opened before 2000) in one run, grouped by local authority from 100000; newer ones after
/// them in order of opening, from 130000 or above. Returns the entities in URN order.
fn assign_urns(entities: &mut [Entity], rng: &mut SplitMix64) -> Vec<u32> {
    let modern_from = ymd(2000, 1, 1);
    let mut keys: Vec<(u8, u32, u64, u32)> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let tiebreak = rng.next_u64();
            match e.open {
                Some(d) if d >= modern_from => (1, d.to_julian_day() as u32, tiebreak, i as u32),
                _ => (0, u32::from(e.la), tiebreak, i as u32),
            }
        })
        .collect();
    keys.sort_unstable();
    let mut next = 100_000u32;
    let mut modern_started = false;
    let mut order = Vec::with_capacity(keys.len());
    for (era, _, _, index) in keys {
        if era == 1 && !modern_started {
            modern_started = true;
            next = next.max(130_000);
        }
        entities[index as usize].urn = next;
        order.push(index);
        next += 1 + if rng.chance(60) {
            rng.below(4) as u32
        } else {
            0
        };
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use masteryhub_domain::EstablishmentFacts;

    #[test]
    fn quotas_make_exactly_the_rows_asked_for() {
        for rows in [0, 1, 2, 3, 7, 10, 99, 153, 1000, 12_345, 50_000] {
            let counts = quotas(rows);
            let made: usize = counts
                .iter()
                .zip(CATEGORIES)
                .map(|(n, c)| n * c.kind.rows())
                .sum();
            assert_eq!(made, rows, "rows = {rows}");
        }
    }

    #[test]
    fn the_national_register_weighs_50_000_rows() {
        let total: u64 = CATEGORIES
            .iter()
            .map(|c| u64::from(c.per_50k) * c.kind.rows() as u64)
            .sum();
        assert_eq!(total, 50_000);
    }

    #[test]
    fn plan_is_consistent() {
        let plan = build(5_000, 3);
        assert_eq!(plan.entities.len(), 5_000);
        let mut urns: Vec<u32> = plan
            .order
            .iter()
            .map(|&i| plan.entities[i as usize].urn)
            .collect();
        assert!(urns.windows(2).all(|w| w[0] < w[1]), "URN order");
        urns.dedup();
        assert_eq!(urns.len(), 5_000);
        for e in &plan.entities {
            if let (Some(open), Some(close)) = (e.open, e.close) {
                assert!(open <= close, "{e:?}");
            }
            assert_eq!(
                e.status == Status::Closed,
                e.close.is_some() && e.close <= Some(EXTRACT_DATE)
            );
            match e.role {
                Role::Academy { .. } => {
                    let old = &plan.entities[e.partner().expect("a predecessor")];
                    assert!(matches!(old.role, Role::Predecessor { .. }));
                    assert!(old.urn < e.urn);
                    assert_eq!(old.close.and_then(Date::next_day), e.open);
                    assert_eq!(old.la, e.la);
                }
                Role::Predecessor { .. } => assert_eq!(e.status, Status::Closed),
                Role::Plain => assert_eq!(e.partner(), None),
            }
        }
    }

    #[test]
    fn national_proportions() {
        let plan = build(50_000, 1);
        let facts: Vec<EstablishmentFacts> = plan
            .entities
            .iter()
            .map(|e| {
                EstablishmentFacts::derive(
                    e.ty.spec().name,
                    e.phase.code_and_name().1,
                    e.status.code_and_name().1,
                )
            })
            .collect();
        let open = facts.iter().filter(|f| f.open).count();
        let target = facts.iter().filter(|f| f.counts_towards_target()).count();
        assert!((23_500..24_500).contains(&open), "{open}");
        assert!((3_350..3_450).contains(&target), "{target}");
        let mut per_la = vec![0usize; PLACES.len()];
        for e in &plan.entities {
            if e.la != ABROAD {
                per_la[e.la as usize] += 1;
            }
        }
        assert!(per_la.iter().all(|&n| n > 0));
    }
}
