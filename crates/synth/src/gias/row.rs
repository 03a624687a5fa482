//! One generated row: every column of the 2025 extract for one establishment of the plan.

use std::io::{self, Write};

use time::Date;

use super::csv_out::CsvOut;
use super::names;
use super::places::{PLACES, region_centre};
use super::plan::{ABROAD, EXTRACT_DATE, Entity, Gender, Phase, Plan, Religion, Role, Status, ymd};
use super::types::Ty;
use crate::prng::SplitMix64;
use masteryhub_gias::{
    EXTRACT_COLUMNS, LOCAL_AUTHORITIES, extract_column_index, format_date, region_code,
};

const ADDRESS_STREAM: u64 = 0x4144_4452;
const DETAIL_STREAM: u64 = 0x4445_5441;

/// One value to write.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Empty,
    /// Quoted text.
    Text(String),
    /// Quoted text known at compile time.
    Static(&'static str),
    /// A bare whole number.
    Int(i64),
    /// A bare decimal with two places, in hundredths.
    Hundredths(i64),
}

/// Where an establishment is.
pub(crate) struct Place {
    pub(crate) town: &'static str,
    area: &'static str,
    la_code: &'static str,
    la_name: &'static str,
    region_code: &'static str,
    region: &'static str,
    county: &'static str,
    country: &'static str,
}

/// The place of the establishment at `index`. An academy is where the school it replaced was.
pub(crate) fn place(plan: &Plan, index: usize) -> Place {
    let e = &plan.entities[index];
    let seed = address_seed(plan, index);
    if e.la == ABROAD {
        let (city, country) = names::abroad(e);
        return Place {
            town: city,
            area: "",
            la_code: "000",
            la_name: "Does not apply",
            region_code: "Z",
            region: "Not Applicable",
            county: "",
            country,
        };
    }
    let la = &LOCAL_AUTHORITIES[usize::from(e.la)];
    let places = &PLACES[usize::from(e.la)];
    let mut rng = SplitMix64::stream(seed, ADDRESS_STREAM);
    let &(town, area) = rng.pick(places.towns);
    Place {
        town,
        area,
        la_code: la.code,
        la_name: la.name,
        region_code: region_code(la.region).unwrap_or("Z"),
        region: la.region,
        county: places.county,
        country: "United Kingdom",
    }
}

fn address_seed(plan: &Plan, index: usize) -> u64 {
    let e = &plan.entities[index];
    match (e.role, e.partner()) {
        (Role::Academy { .. }, Some(old)) => plan.entities[old].seed,
        _ => e.seed,
    }
}

/// Builds rows into a reusable set of cells.
pub(crate) struct RowBuilder {
    cells: Vec<Cell>,
}

macro_rules! col {
    ($name:literal) => {{
        const INDEX: usize = extract_column_index($name);
        INDEX
    }};
}

impl RowBuilder {
    pub(crate) fn new() -> Self {
        Self {
            cells: vec![Cell::Empty; EXTRACT_COLUMNS.len()],
        }
    }

    fn set(&mut self, column: usize, cell: Cell) {
        self.cells[column] = cell;
    }

    fn text(&mut self, column: usize, text: impl Into<String>) {
        self.set(column, Cell::Text(text.into()));
    }

    fn code(&mut self, code_column: usize, (code, name): (&'static str, &'static str)) {
        self.set(code_column, Cell::Static(code));
        self.set(code_column + 1, Cell::Static(name));
    }

    fn date(&mut self, column: usize, date: Option<Date>) {
        if let Some(date) = date {
            self.set(column, Cell::Text(format_date(date)));
        }
    }

    /// Writes the row to `out`.
    pub(crate) fn write<W: Write>(&self, out: &mut CsvOut<W>) -> io::Result<()> {
        for cell in &self.cells {
            match cell {
                Cell::Empty => out.empty()?,
                Cell::Text(text) => out.text(text)?,
                Cell::Static(text) => out.text(text)?,
                Cell::Int(n) => out.int(*n)?,
                Cell::Hundredths(n) => out.bare(&format!("{}.{:02}", n / 100, n % 100))?,
            }
        }
        out.end_row();
        Ok(())
    }

    /// Fills every column for the establishment at `index`.
    pub(crate) fn fill(&mut self, plan: &Plan, index: usize) {
        self.cells.fill(Cell::Empty);
        let e = &plan.entities[index];
        let place = place(plan, index);
        let name = names::name(plan, index, place.town);
        let mut rng = SplitMix64::stream(e.seed, DETAIL_STREAM);
        let ty = e.ty.spec();
        let open = e.status.is_open();

        self.set(col!("URN"), Cell::Int(i64::from(e.urn)));
        self.set(col!("LA (code)"), Cell::Static(place.la_code));
        self.set(col!("LA (name)"), Cell::Static(place.la_name));
        if !matches!(e.ty, Ty::HigherEducation) {
            self.set(
                col!("EstablishmentNumber"),
                Cell::Int(establishment_number(e, &mut rng)),
            );
        }
        self.text(col!("EstablishmentName"), name.clone());
        self.text(
            col!("TypeOfEstablishment (code)"),
            format!("{:02}", ty.code),
        );
        self.set(col!("TypeOfEstablishment (name)"), Cell::Static(ty.name));
        self.text(
            col!("EstablishmentTypeGroup (code)"),
            format!("{:02}", ty.group_code),
        );
        self.set(
            col!("EstablishmentTypeGroup (name)"),
            Cell::Static(ty.group_name),
        );
        self.code(col!("EstablishmentStatus (code)"), e.status.code_and_name());
        self.code(col!("ReasonEstablishmentOpened (code)"), reason_opened(e));
        self.date(col!("OpenDate"), e.open);
        self.code(col!("ReasonEstablishmentClosed (code)"), reason_closed(e));
        self.date(col!("CloseDate"), e.close);
        self.code(col!("PhaseOfEducation (code)"), e.phase.code_and_name());
        if let Some((low, high)) = e.ages {
            self.set(col!("StatutoryLowAge"), Cell::Int(i64::from(low)));
            self.set(col!("StatutoryHighAge"), Cell::Int(i64::from(high)));
        }
        let boarding = e.ty == Ty::OtherIndependent && rng.chance(100);
        self.code(
            col!("Boarders (code)"),
            if boarding {
                ("2", "Boarding school")
            } else {
                ("1", "No boarders")
            },
        );
        self.set(
            col!("NurseryProvision (name)"),
            Cell::Static(nursery_provision(e)),
        );
        self.code(col!("OfficialSixthForm (code)"), sixth_form(e));
        self.code(
            col!("Gender (code)"),
            match e.gender {
                Gender::Boys => ("1", "Boys"),
                Gender::Girls => ("2", "Girls"),
                Gender::Mixed => ("3", "Mixed"),
            },
        );
        let religion = religion(e.religion);
        self.code(col!("ReligiousCharacter (code)"), religion);
        self.set(
            col!("ReligiousEthos (name)"),
            Cell::Static(match e.religion {
                Religion::DoesNotApply => "Does not apply",
                _ => religion.1,
            }),
        );
        self.code(col!("AdmissionsPolicy (code)"), admissions(e, &name));
        self.set(col!("SpecialClasses (code)"), Cell::Static("2"));
        self.set(
            col!("SpecialClasses (name)"),
            Cell::Static("No Special Classes"),
        );
        if matches!(
            e.ty,
            Ty::CommunitySpecial | Ty::FoundationSpecial | Ty::IndependentSpecial
        ) {
            self.code(col!("SpecialClasses (code)"), ("1", "Has Special Classes"));
        }
        if open {
            self.pupils(e, &mut rng);
        }
        self.trust(e, &mut rng);
        self.set(
            col!("FederationFlag (name)"),
            Cell::Static(if is_maintained(e.ty) {
                "Not under a federation"
            } else {
                "Not applicable"
            }),
        );
        if open && e.la != ABROAD && rng.chance(900) {
            self.set(
                col!("UKPRN"),
                Cell::Int(10_000_000 + rng.below(100_000) as i64),
            );
        }
        let further_education = if e.ty == Ty::FurtherEducation {
            let &kind = rng.pick(&[
                "General Further Education College",
                "General Further Education College",
                "Sixth Form College (General)",
                "Specialist Designated College",
            ]);
            kind
        } else {
            "Not applicable"
        };
        self.set(
            col!("FurtherEducationType (name)"),
            Cell::Static(further_education),
        );
        self.date(
            col!("LastChangedDate"),
            Some(day_in(ymd(2023, 1, 1), EXTRACT_DATE, &mut rng)),
        );
        self.address(plan, index, &place);
        if open {
            self.contact(e, &name, &place, &mut rng);
        }
        self.text(col!("GOR (code)"), place.region_code);
        self.text(col!("GOR (name)"), place.region);
        if e.la != ABROAD {
            let (east, north) = region_centre(place.region);
            self.set(
                col!("Easting"),
                Cell::Int(east + rng.between(-40_000, 40_000)),
            );
            self.set(
                col!("Northing"),
                Cell::Int((north + rng.between(-40_000, 40_000)).max(1)),
            );
            self.set(col!("PreviousLA (code)"), Cell::Static("999"));
            if open {
                self.set(
                    col!("UPRN"),
                    Cell::Int(100_000_000_000 + rng.below(99_999_999) as i64),
                );
            }
        }
        if matches!(e.ty, Ty::OtherIndependent | Ty::IndependentSpecial) {
            self.set(
                col!("InspectorateName (name)"),
                Cell::Static(if rng.chance(300) { "ISI" } else { "Ofsted" }),
            );
        }
        self.set(col!("Country (name)"), Cell::Static(place.country));
        self.code(col!("QABName (code)"), ("0", "Not applicable"));
        self.code(
            col!("EstablishmentAccredited (code)"),
            ("0", "Not applicable"),
        );
    }

    fn pupils(&mut self, e: &Entity, rng: &mut SplitMix64) {
        let Some(capacity) = capacity(e, rng) else {
            return;
        };
        self.set(col!("SchoolCapacity"), Cell::Int(capacity));
        self.text(col!("CensusDate"), "16-01-2025");
        let pupils = capacity * rng.between(75, 105) / 100;
        let boys = match e.gender {
            Gender::Boys => pupils,
            Gender::Girls => 0,
            Gender::Mixed => pupils * rng.between(45, 55) / 100,
        };
        self.set(col!("NumberOfPupils"), Cell::Int(pupils));
        self.set(col!("NumberOfBoys"), Cell::Int(boys));
        self.set(col!("NumberOfGirls"), Cell::Int(pupils - boys));
        if independent(e.ty) {
            self.set(col!("PercentageFSM"), Cell::Hundredths(0));
            self.set(col!("FSM"), Cell::Int(0));
        } else {
            let per_ten_thousand = rng.between(300, 4_500);
            self.set(
                col!("PercentageFSM"),
                Cell::Hundredths(per_ten_thousand / 10 * 10),
            );
            self.set(col!("FSM"), Cell::Int(pupils * per_ten_thousand / 10_000));
        }
    }

    fn trust(&mut self, e: &Entity, rng: &mut SplitMix64) {
        if !e.ty.is_academy() {
            self.code(col!("TrustSchoolFlag (code)"), ("0", "Not applicable"));
            self.set(
                col!("SchoolSponsorFlag (name)"),
                Cell::Static("Not applicable"),
            );
            return;
        }
        let multi = rng.chance(850);
        self.code(
            col!("TrustSchoolFlag (code)"),
            if multi {
                ("3", "Supported by a multi-academy trust")
            } else {
                ("5", "Supported by a single-academy trust")
            },
        );
        let trust = format!(
            "{} {}",
            rng.pick(&[
                "The Oak", "Beacon", "Spring", "Northern", "Westway", "Unity", "Compass",
                "Horizon", "Castle", "Meridian"
            ]),
            rng.pick(&[
                "Learning Trust",
                "Academy Trust",
                "Multi Academy Trust",
                "Education Trust",
                "Schools Partnership"
            ]),
        );
        self.text(
            col!("Trusts (code)"),
            rng.between(1_000, 17_999).to_string(),
        );
        self.text(col!("Trusts (name)"), trust.clone());
        let sponsored = matches!(
            e.ty,
            Ty::AcademySponsorLed
                | Ty::AcademySpecialSponsorLed
                | Ty::AcademyApSponsorLed
                | Ty::Academy1619SponsorLed
        );
        if sponsored {
            self.set(
                col!("SchoolSponsorFlag (name)"),
                Cell::Static("Linked to a sponsor"),
            );
            self.text(col!("SchoolSponsors (name)"), trust);
        } else {
            self.set(
                col!("SchoolSponsorFlag (name)"),
                Cell::Static("Not applicable"),
            );
        }
    }

    fn address(&mut self, plan: &Plan, index: usize, place: &Place) {
        let e = &plan.entities[index];
        let mut rng = SplitMix64::stream(address_seed(plan, index), ADDRESS_STREAM ^ 1);
        const STREETS: &[&str] = &[
            "School Lane",
            "Church Road",
            "High Street",
            "Station Road",
            "Park Road",
            "Victoria Road",
            "Mill Lane",
            "London Road",
            "Green Lane",
            "Manor Road",
            "Queens Road",
            "The Avenue",
            "New Road",
            "Kings Road",
            "Chapel Street",
            "Grange Road",
            "Springfield Road",
            "Westfield Road",
            "North Street",
            "Castle Street",
        ];
        let street = *rng.pick(STREETS);
        if rng.chance(350) {
            self.text(col!("Street"), format!("{} {street}", rng.between(1, 250)));
        } else {
            self.set(col!("Street"), Cell::Static(street));
        }
        if rng.chance(250) {
            const LOCALITIES: &[&str] = &[
                "Upper", "Lower", "Little", "Great", "North", "South", "East", "West", "Church",
                "Mill", "Kings", "Queens",
            ];
            let locality = format!(
                "{} {}",
                rng.pick(LOCALITIES),
                rng.pick(&["Green", "End", "Park", "Heath", "Hill", "Cross"])
            );
            self.text(col!("Locality"), locality);
        }
        self.set(col!("Town"), Cell::Static(place.town));
        if !place.county.is_empty() {
            self.set(col!("County (name)"), Cell::Static(place.county));
        }
        if e.la != ABROAD {
            self.text(col!("Postcode"), postcode(place.area, &mut rng));
        }
    }

    fn contact(&mut self, e: &Entity, name: &str, place: &Place, rng: &mut SplitMix64) {
        if rng.chance(850) {
            let tld = if independent(e.ty) {
                *rng.pick(&["co.uk", "org.uk", "com"])
            } else {
                *rng.pick(&["sch.uk", "org.uk", "co.uk"])
            };
            self.text(
                col!("SchoolWebsite"),
                format!("www.{}.{tld}", ascii_slug(name, 24)),
            );
        }
        if e.la != ABROAD {
            let phone = if place.region == "London" {
                format!("020{:08}", rng.below(100_000_000))
            } else {
                format!("01{:09}", rng.below(1_000_000_000))
            };
            self.text(col!("TelephoneNum"), phone);
        }
        const TITLES: &[&str] = &["Mrs", "Mr", "Ms", "Miss", "Dr"];
        const FIRST: &[&str] = &[
            "Sarah", "James", "Helen", "David", "Claire", "Mark", "Rachel", "Paul", "Emma",
            "Andrew", "Joanne", "Richard", "Nicola", "Simon", "Louise", "Michael", "Kate",
            "Daniel", "Amina", "Rajesh", "Chloé", "Siobhan", "Gareth", "Priya",
        ];
        const LAST: &[&str] = &[
            "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
            "Patel", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts",
            "Green", "Hall", "Khan", "Clarke", "O'Brien", "Müller", "Lefèvre", "Ahmed",
        ];
        const JOB_TITLES: &[&str] = &[
            "Headteacher",
            "Headteacher",
            "Principal",
            "Head of School",
            "Executive Headteacher",
        ];
        for (column, list) in [
            (col!("HeadTitle (name)"), TITLES),
            (col!("HeadFirstName"), FIRST),
            (col!("HeadLastName"), LAST),
            (col!("HeadPreferredJobTitle"), JOB_TITLES),
        ] {
            let &value = rng.pick(list);
            self.set(column, Cell::Static(value));
        }
    }
}

fn is_maintained(ty: Ty) -> bool {
    ty.spec().group_code == 4 || matches!(ty, Ty::CommunitySpecial | Ty::FoundationSpecial)
}

fn independent(ty: Ty) -> bool {
    matches!(
        ty,
        Ty::OtherIndependent | Ty::IndependentSpecial | Ty::BritishOverseas
    )
}

fn establishment_number(e: &Entity, rng: &mut SplitMix64) -> i64 {
    let (low, high) = match (e.ty, e.phase) {
        (Ty::NurserySchool, _) => (1000, 1099),
        (
            Ty::PupilReferralUnit
            | Ty::AcademyApConverter
            | Ty::AcademyApSponsorLed
            | Ty::FreeSchoolAp,
            _,
        ) => (1100, 1199),
        (Ty::OtherIndependent | Ty::BritishOverseas | Ty::ServiceChildren, _) => (6000, 6999),
        (
            Ty::CommunitySpecial
            | Ty::FoundationSpecial
            | Ty::NonMaintainedSpecial
            | Ty::IndependentSpecial,
            _,
        )
        | (Ty::AcademySpecialConverter | Ty::AcademySpecialSponsorLed | Ty::FreeSchoolSpecial, _) => {
            (7000, 7999)
        }
        (Ty::FurtherEducation | Ty::SixthFormCentre | Ty::SpecialPost16, _) => (8000, 8999),
        (_, Phase::Primary | Phase::MiddlePrimary) => (2000, 3999),
        _ => (4000, 5999),
    };
    rng.between(low, high)
}

fn reason_opened(e: &Entity) -> (&'static str, &'static str) {
    match e.ty {
        Ty::AcademyConverter
        | Ty::AcademySpecialConverter
        | Ty::AcademyApConverter
        | Ty::Academy1619Converter => ("10", "Academy Converter"),
        Ty::AcademySponsorLed
        | Ty::AcademySpecialSponsorLed
        | Ty::AcademyApSponsorLed
        | Ty::Academy1619SponsorLed => ("11", "Academy Sponsor Led"),
        Ty::FreeSchool
        | Ty::FreeSchoolSpecial
        | Ty::FreeSchoolAp
        | Ty::FreeSchool1619
        | Ty::UniversityTechnicalCollege
        | Ty::StudioSchool => ("12", "Academy Free School"),
        _ => ("00", "Not applicable"),
    }
}

fn reason_closed(e: &Entity) -> (&'static str, &'static str) {
    match (e.status, e.role) {
        (Status::Closed, Role::Predecessor { sponsored: false }) => ("10", "Academy Converter"),
        (Status::Closed, Role::Predecessor { sponsored: true }) => ("11", "Academy Sponsor Led"),
        (Status::Closed | Status::OpenProposedToClose, _) => ("02", "Closure"),
        _ => ("00", "Not applicable"),
    }
}

fn nursery_provision(e: &Entity) -> &'static str {
    match (e.phase, e.ages) {
        (Phase::Primary | Phase::AllThrough, Some((low, _))) if low <= 3 => "Has Nursery Classes",
        (Phase::Primary | Phase::AllThrough | Phase::MiddlePrimary, _) => "No Nursery Classes",
        _ => "Not applicable",
    }
}

fn sixth_form(e: &Entity) -> (&'static str, &'static str) {
    match (e.phase, e.ages) {
        (Phase::Secondary | Phase::AllThrough, Some((_, high))) if high >= 18 => {
            ("1", "Has a sixth form")
        }
        (
            Phase::Secondary
            | Phase::AllThrough
            | Phase::Primary
            | Phase::MiddlePrimary
            | Phase::MiddleSecondary,
            _,
        ) => ("2", "Does not have a sixth form"),
        _ => ("0", "Not applicable"),
    }
}

fn religion(religion: Religion) -> (&'static str, &'static str) {
    match religion {
        Religion::DoesNotApply => ("0", "Does not apply"),
        Religion::ChurchOfEngland => ("2", "Church of England"),
        Religion::RomanCatholic => ("3", "Roman Catholic"),
        Religion::Christian => ("4", "Christian"),
        Religion::Jewish => ("5", "Jewish"),
        Religion::Unaffiliated => ("6", "None"),
        Religion::Muslim => ("7", "Muslim"),
    }
}

fn admissions(e: &Entity, name: &str) -> (&'static str, &'static str) {
    let state_secondary = matches!(
        e.phase,
        Phase::Secondary | Phase::MiddleSecondary | Phase::AllThrough
    ) && !independent(e.ty);
    match (state_secondary, name.contains("Grammar")) {
        (true, true) => ("2", "Selective"),
        (true, false) => ("1", "Non-selective"),
        _ => ("0", "Not applicable"),
    }
}

fn capacity(e: &Entity, rng: &mut SplitMix64) -> Option<i64> {
    let forms = |rng: &mut SplitMix64, low: i64, high: i64, per: i64| rng.between(low, high) * per;
    Some(match (e.ty, e.phase) {
        (Ty::HigherEducation | Ty::Miscellaneous | Ty::FurtherEducation, _) => return None,
        (_, Phase::Nursery) => forms(rng, 4, 12, 10),
        (_, Phase::Primary) => match e.ages {
            Some((_, 7)) | Some((7, _)) => forms(rng, 1, 4, 90),
            _ => forms(rng, 1, 3, 210),
        },
        (_, Phase::MiddlePrimary | Phase::MiddleSecondary) => forms(rng, 2, 6, 120),
        (_, Phase::Secondary) => forms(rng, 4, 12, 150),
        (_, Phase::AllThrough) => forms(rng, 6, 16, 150),
        (_, Phase::SixteenPlus) => forms(rng, 2, 15, 100),
        _ if independent(e.ty) => forms(rng, 2, 60, 10),
        _ => forms(rng, 3, 30, 10),
    })
}

fn day_in(from: Date, to: Date, rng: &mut SplitMix64) -> Date {
    let day = rng.between(
        i64::from(from.to_julian_day()),
        i64::from(to.to_julian_day()),
    );
    i32::try_from(day)
        .ok()
        .and_then(|d| Date::from_julian_day(d).ok())
        .unwrap_or(from)
}

/// A postcode of the right shape in `area`, e.g. `EX4 3LD`.
fn postcode(area: &str, rng: &mut SplitMix64) -> String {
    const INWARD_LETTERS: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";
    let district = match area {
        "EC" | "WC" => rng.between(1, 4),
        "E" | "N" | "W" => rng.between(1, 18),
        _ => rng.between(1, 30),
    };
    let a = INWARD_LETTERS[rng.index(INWARD_LETTERS.len())] as char;
    let b = INWARD_LETTERS[rng.index(INWARD_LETTERS.len())] as char;
    format!("{area}{district} {}{a}{b}", rng.below(10))
}

/// Lower-case ASCII letters and digits of `text`, accents folded (`Thérèse` → `therese`), for
/// made-up web addresses.
fn ascii_slug(text: &str, max_len: usize) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        let folded = match c {
            'à' | 'á' | 'â' | 'ä' | 'À' | 'Â' => 'a',
            'ç' | 'Ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'É' | 'È' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' | 'Ô' => 'o',
            'ù' | 'û' | 'ü' | 'Ü' => 'u',
            c => c,
        };
        if folded.is_ascii_alphanumeric() {
            slug.push(folded.to_ascii_lowercase());
            if slug.len() >= max_len {
                break;
            }
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes_have_the_right_shape() {
        let mut rng = SplitMix64::new(1);
        for area in ["EX", "B", "EC", "SW"] {
            let code = postcode(area, &mut rng);
            let (outward, inward) = code.split_once(' ').expect("a space");
            assert!(outward.starts_with(area) && outward.len() <= 4, "{code}");
            assert_eq!(inward.len(), 3, "{code}");
            assert!(inward.as_bytes()[0].is_ascii_digit(), "{code}");
        }
    }

    #[test]
    fn slug_folds_accents() {
        assert_eq!(
            ascii_slug("St Thérèse of Lisieux", 40),
            "stthereseoflisieux"
        );
        assert_eq!(ascii_slug("Abc Def", 4), "abcd");
    }
}
