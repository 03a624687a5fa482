//! Establishment names that read like the register's: "Oakfield Primary School",
//! "St Thérèse of Lisieux Catholic Primary School", "Harris Academy Riverside", and an academy
//! that keeps (or adapts) the name of the school it replaced.

use super::plan::{Entity, Gender, Phase, Plan, Religion, Role};
use super::types::Ty;
use crate::prng::SplitMix64;

const NAME_STREAM: u64 = 0x4E41_4D45;
const ABROAD_STREAM: u64 = 0x4142_524F;

const STEMS: &[&str] = &[
    "Abbey",
    "Alder",
    "Ashfield",
    "Ashgrove",
    "Beacon",
    "Beechwood",
    "Birchwood",
    "Blackthorn",
    "Bramble",
    "Brampton",
    "Broadfield",
    "Brookfield",
    "Brookside",
    "Castle",
    "Cedars",
    "Chalk Hill",
    "Chapel End",
    "Chestnut",
    "Church Hill",
    "Clifton",
    "Coombe",
    "Crossways",
    "Deanery",
    "Eastfield",
    "Elmhurst",
    "Fairfield",
    "Fernwood",
    "Foxhill",
    "Glebe",
    "Grange",
    "Greenbank",
    "Greenfield",
    "Hadley",
    "Hawthorn",
    "Heathfield",
    "Highfield",
    "Hillside",
    "Hollybank",
    "Holmwood",
    "Kingsmead",
    "Kingsway",
    "Lakeside",
    "Langley",
    "Larkrise",
    "Lindley",
    "Longfield",
    "Lyndhurst",
    "Manor",
    "Maple",
    "Marlborough",
    "Mayfield",
    "Meadowbank",
    "Meadowside",
    "Millbrook",
    "Millfield",
    "Moorside",
    "Netherhall",
    "Newbridge",
    "Northgate",
    "Oakfield",
    "Oaklands",
    "Oakwood",
    "Orchard",
    "Park Lane",
    "Parkside",
    "Pinewood",
    "Priory",
    "Queensway",
    "Ravenscroft",
    "Redhill",
    "Ridgeway",
    "Riverside",
    "Rosewood",
    "Sandfield",
    "Sandhurst",
    "Silverdale",
    "Southfield",
    "Springfield",
    "Stanley",
    "Stonebridge",
    "Summerhill",
    "Sycamore",
    "Thornhill",
    "Tollgate",
    "Upton",
    "Valley",
    "Victoria",
    "Waterside",
    "Wellington",
    "Westbrook",
    "Westfield",
    "Whitehill",
    "Willow",
    "Willowbank",
    "Windmill",
    "Woodlands",
    "Woodside",
    "Yew Tree",
    "Hazelwood",
    "Brackenfield",
    "Coppice",
    "Fieldway",
    "Greenacres",
    "Heronsgate",
    "Kestrel",
    "Lime Tree",
    "Marsh Lane",
    "Newlands",
    "Old Park",
    "Poplar",
    "Rowan",
    "St Leonards",
    "Tennyson",
    "Wordsworth",
    "Chaucer",
    "Brunel",
    "Darwin",
    "Nightingale",
    "Shakespeare",
    "Milton",
    "Faraday",
    "Newton",
];

const CHURCH_OF_ENGLAND: &[&str] = &[
    "St Mary's",
    "St John's",
    "St Peter's",
    "St Andrew's",
    "St Michael's",
    "St Paul's",
    "Holy Trinity",
    "Christ Church",
    "St James'",
    "All Saints",
    "St Margaret's",
    "St Nicholas",
    "St George's",
    "St Luke's",
    "St Thomas à Becket",
    "St Bartholomew's",
    "St Lawrence",
    "St Mark's",
    "Emmanuel",
    "St Matthew's",
];

const CATHOLIC: &[&str] = &[
    "St Joseph's",
    "Our Lady of Lourdes",
    "St Thérèse of Lisieux",
    "Sacred Heart",
    "St Patrick's",
    "St Bernadette's",
    "English Martyrs",
    "St Thomas More",
    "Holy Family",
    "St Anne's",
    "St Teresa's",
    "St Mary's",
    "Our Lady and St Anne",
    "St Francis of Assisi",
    "Holy Cross",
    "St Augustine's",
    "St John Fisher",
    "St Edmund Campion",
    "St Thomas à Becket",
    "Sacré Coeur",
];

const JEWISH: &[&str] = &[
    "Menorah",
    "Yavneh",
    "Etz Chaim",
    "Beis Yaakov",
    "Torah Vodaas",
];
const MUSLIM: &[&str] = &["Al-Noor", "Iqra", "Al-Hijrah", "Madani", "Tauheedul"];
const FRENCH: &[&str] = &[
    "Charles de Gaulle",
    "Jacques Prévert",
    "Marie Curie",
    "Victor Hugo",
    "André Malraux",
];

/// Places abroad for British schools overseas: city, country.
const OVERSEAS: &[(&str, &str)] = &[
    ("Dubai", "United Arab Emirates"),
    ("Abu Dhabi", "United Arab Emirates"),
    ("Doha", "Qatar"),
    ("Muscat", "Oman"),
    ("Riyadh", "Saudi Arabia"),
    ("Madrid", "Spain"),
    ("Barcelona", "Spain"),
    ("Lisbon", "Portugal"),
    ("Paris", "France"),
    ("Côte d'Azur", "France"),
    ("Brussels", "Belgium"),
    ("Düsseldorf", "Germany"),
    ("Zürich", "Switzerland"),
    ("Bangkok", "Thailand"),
    ("Kuala Lumpur", "Malaysia"),
    ("Singapore", "Singapore"),
    ("Jakarta", "Indonesia"),
    ("Cairo", "Egypt"),
    ("Lagos", "Nigeria"),
    ("Nairobi", "Kenya"),
    ("Lomé", "Togo"),
    ("Bogotá", "Colombia"),
    ("São Paulo", "Brazil"),
    ("Hanoi", "Vietnam"),
    ("Shanghai", "China"),
];

/// Places of service children's schools.
const GARRISONS: &[(&str, &str)] = &[
    ("Episkopi", "Cyprus"),
    ("Dhekelia", "Cyprus"),
    ("Gibraltar", "Gibraltar"),
    ("Brunssum", "Netherlands"),
    ("Naples", "Italy"),
];

/// The city and country of an establishment outside England.
pub(crate) fn abroad(e: &Entity) -> (&'static str, &'static str) {
    let mut rng = SplitMix64::stream(e.seed, ABROAD_STREAM);
    if e.ty == Ty::ServiceChildren {
        *rng.pick(GARRISONS)
    } else {
        *rng.pick(OVERSEAS)
    }
}

/// The name of the establishment at `index`, in `town`.
pub(crate) fn name(plan: &Plan, index: usize, town: &str) -> String {
    let e = &plan.entities[index];
    match (e.role, e.partner()) {
        (Role::Academy { sponsored }, Some(old)) => {
            let old = &plan.entities[old];
            let old_name = own_name(old, town);
            let mut rng = SplitMix64::stream(e.seed, NAME_STREAM);
            academy_name(e, &old_name, &stem(old, town), sponsored, &mut rng)
        }
        _ => own_name(e, town),
    }
}

/// The word a name is built on: a place, a saint, or the town.
fn stem(e: &Entity, town: &str) -> String {
    let mut rng = SplitMix64::stream(e.seed, NAME_STREAM);
    stem_from(e, town, &mut rng)
}

fn stem_from(e: &Entity, town: &str, rng: &mut SplitMix64) -> String {
    let roll = rng.below(100);
    let saints = match e.religion {
        Religion::ChurchOfEngland => Some(CHURCH_OF_ENGLAND),
        Religion::RomanCatholic => Some(CATHOLIC),
        Religion::Jewish => Some(JEWISH),
        Religion::Muslim => Some(MUSLIM),
        _ => None,
    };
    match saints {
        Some(list) if roll < 80 || e.religion != Religion::ChurchOfEngland => {
            (*rng.pick(list)).to_owned()
        }
        _ if roll < 12 && town != "London" => town.to_owned(),
        _ => (*rng.pick(STEMS)).to_owned(),
    }
}

fn own_name(e: &Entity, town: &str) -> String {
    let mut rng = SplitMix64::stream(e.seed, NAME_STREAM);
    let stem = stem_from(e, town, &mut rng);
    let level = level(e);
    match e.ty {
        Ty::NurserySchool => format!(
            "{stem} {}",
            rng.pick(&[
                "Nursery School",
                "Nursery School",
                "Nursery School and Children's Centre",
                "Nursery School and Family Centre",
            ])
        ),
        Ty::PupilReferralUnit => match rng.below(4) {
            0 => format!("{stem} Pupil Referral Unit"),
            1 => format!("{town} Short Stay School"),
            2 => format!("{stem} Learning Centre"),
            _ => format!("{stem} Centre"),
        },
        Ty::CommunitySpecial | Ty::FoundationSpecial | Ty::NonMaintainedSpecial => {
            match rng.below(4) {
                0 => format!("{stem} Special School"),
                1 => format!("{stem} Academy"),
                _ => format!("{stem} School"),
            }
        }
        Ty::AcademySpecialSponsorLed | Ty::AcademySpecialConverter | Ty::FreeSchoolSpecial => {
            format!(
                "{stem} {}",
                rng.pick(&["Academy", "School", "Special Academy"])
            )
        }
        Ty::AcademyApConverter | Ty::AcademyApSponsorLed | Ty::FreeSchoolAp => {
            format!(
                "{stem} {}",
                rng.pick(&["Academy", "AP Academy", "Learning Centre"])
            )
        }
        Ty::IndependentSpecial => format!(
            "{stem} {}",
            rng.pick(&[
                "House School",
                "College",
                "School",
                "Centre",
                "Independent School"
            ])
        ),
        Ty::OtherIndependent => independent_name(&stem, &mut rng),
        Ty::FurtherEducation => match rng.below(5) {
            0 | 1 => format!("{town} College"),
            2 => format!("{town} Sixth Form College"),
            3 => format!("{town} College of Further Education"),
            _ => format!("{stem} College"),
        },
        Ty::SixthFormCentre => format!("{town} Sixth Form Centre"),
        Ty::HigherEducation => match rng.below(3) {
            0 => format!("University of {town}"),
            1 => format!("{town} University"),
            _ => format!("{town} College of Art"),
        },
        Ty::SecureUnit => format!(
            "{stem} {}",
            rng.pick(&["Secure Children's Home", "Secure Training Centre"])
        ),
        Ty::Miscellaneous => format!("{stem} {}", rng.pick(&["Centre", "Hospital School"])),
        Ty::SpecialPost16 => format!("{stem} {}", rng.pick(&["College", "Specialist College"])),
        Ty::OtherGovernmentDepartment => format!("{stem} Defence Sixth Form College"),
        Ty::OnlineProvider => format!("{stem} {}", rng.pick(&["Online School", "Virtual Academy"])),
        Ty::BritishOverseas | Ty::ServiceChildren | Ty::Offshore | Ty::Welsh => {
            let (city, _) = abroad(e);
            match rng.below(4) {
                0 => format!("British School of {city}"),
                1 => format!("British International School {city}"),
                2 => format!("The English School {city}"),
                _ => format!("{stem} International School {city}"),
            }
        }
        Ty::UniversityTechnicalCollege => {
            if rng.chance(500) {
                format!("UTC {town}")
            } else {
                format!("{town} University Technical College")
            }
        }
        Ty::StudioSchool => format!("{stem} Studio School"),
        Ty::CityTechnologyCollege => format!("{stem} City Technology College"),
        Ty::Academy1619Converter | Ty::Academy1619SponsorLed | Ty::AcademySecure1619 => {
            format!("{town} Sixth Form College")
        }
        Ty::FreeSchool1619 => format!(
            "{stem} {}",
            rng.pick(&["Sixth Form", "Sixth Form College", "Mathematics School"])
        ),
        Ty::AcademySponsorLed => sponsored_name(&stem, level, &mut rng),
        _ => school_name(e, &stem, level, &mut rng),
    }
}

/// What a mainstream school's name says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Infant,
    Junior,
    Primary,
    Middle,
    Secondary,
    Upper,
    AllThrough,
    Other,
}

fn level(e: &Entity) -> Level {
    match (e.phase, e.ages) {
        (Phase::Primary, Some((_, 7))) => Level::Infant,
        (Phase::Primary, Some((7, _))) => Level::Junior,
        (Phase::Primary | Phase::Nursery, _) => Level::Primary,
        (Phase::MiddlePrimary | Phase::MiddleSecondary, _) => Level::Middle,
        (Phase::Secondary, Some((13, _))) => Level::Upper,
        (Phase::Secondary, _) => Level::Secondary,
        (Phase::AllThrough, _) => Level::AllThrough,
        _ => Level::Other,
    }
}

/// A maintained school, free school or academy named for itself.
fn school_name(e: &Entity, stem: &str, level: Level, rng: &mut SplitMix64) -> String {
    let academy = e.ty.is_academy();
    let girls_or_boys = match e.gender {
        Gender::Girls => Some("Girls'"),
        Gender::Boys => Some("Boys'"),
        Gender::Mixed => None,
    };
    let faith = match e.religion {
        Religion::ChurchOfEngland => {
            Some(*rng.pick(&["Church of England", "Church of England", "CofE", "C of E"]))
        }
        Religion::RomanCatholic => {
            Some(*rng.pick(&["Catholic", "Catholic", "Roman Catholic", "RC"]))
        }
        Religion::Jewish => Some("Jewish"),
        Religion::Muslim => Some("Islamic"),
        _ => None,
    };
    let kind = match level {
        Level::Infant => *rng.pick(&[
            "Infant School",
            "Infant School",
            "Infant and Nursery School",
        ]),
        Level::Junior => "Junior School",
        Level::Primary if academy => *rng.pick(&["Primary Academy", "Primary School", "Academy"]),
        Level::Primary => *rng.pick(&[
            "Primary School",
            "Primary School",
            "Primary School",
            "Community Primary School",
            "Primary School and Nursery",
        ]),
        Level::Middle => "Middle School",
        Level::Upper => *rng.pick(&["Upper School", "School"]),
        Level::Secondary if faith.is_some() => *rng.pick(&["High School", "School", "College"]),
        Level::Secondary if academy => *rng.pick(&["Academy", "Free School", "School"]),
        Level::Secondary => *rng.pick(&[
            "School",
            "High School",
            "High School",
            "Community College",
            "College",
            "Secondary School",
            "Grammar School",
        ]),
        Level::AllThrough => *rng.pick(&["School", "Academy", "All-through School"]),
        Level::Other => "School",
    };
    match (faith, girls_or_boys) {
        (Some(faith), _) => format!("{stem} {faith} {kind}"),
        (None, Some(sex)) if level == Level::Secondary => {
            format!(
                "{stem} {sex} {}",
                rng.pick(&["School", "High School", "Grammar School"])
            )
        }
        _ => format!("{stem} {kind}"),
    }
}

/// A sponsored academy: often the sponsor's name goes first.
fn sponsored_name(stem: &str, level: Level, rng: &mut SplitMix64) -> String {
    let primary = matches!(level, Level::Infant | Level::Junior | Level::Primary);
    match rng.below(8) {
        0 => format!(
            "Ark {stem} {}",
            if primary {
                "Primary Academy"
            } else {
                "Academy"
            }
        ),
        1 => format!(
            "Harris {}Academy {stem}",
            if primary { "Primary " } else { "" }
        ),
        2 => format!("Oasis Academy {stem}"),
        3 => format!("Co-op Academy {stem}"),
        4 if !primary => format!("Outwood Academy {stem}"),
        5 => format!("Dixons {stem} Academy"),
        _ if primary => format!("{stem} Primary Academy"),
        _ => format!("The {stem} Academy"),
    }
}

fn independent_name(stem: &str, rng: &mut SplitMix64) -> String {
    match rng.below(1000) {
        0..=2 => format!("Lycée Français {}", rng.pick(FRENCH)),
        3..=5 => format!("École {stem}"),
        6..=8 => format!("{stem} School (formerly \"{} House\")", rng.pick(STEMS)),
        9..=209 => format!("{stem} House School"),
        210..=389 => format!("{stem} Preparatory School"),
        390..=529 => format!("{stem} College"),
        530..=649 => format!("The {stem} School"),
        650..=729 => format!("{stem} Montessori School"),
        730..=809 => format!("{stem} Independent School"),
        810..=869 => format!("{stem} Christian School"),
        870..=919 => format!("{stem} Grammar School"),
        _ => format!("{stem} School"),
    }
}

/// An academy that replaced `old_name`: the same name, or one adapted from it.
fn academy_name(
    e: &Entity,
    old_name: &str,
    stem: &str,
    sponsored: bool,
    rng: &mut SplitMix64,
) -> String {
    let level = level(e);
    if sponsored && rng.chance(600) {
        return sponsored_name(stem, level, rng);
    }
    let roll = rng.below(100);
    match e.religion {
        Religion::RomanCatholic if roll < 35 => {
            let suffix = rng.pick(&["A Catholic Voluntary Academy", "A Voluntary Academy"]);
            format!("{old_name}, {suffix}")
        }
        Religion::ChurchOfEngland if roll < 20 => format!("{stem} Church of England Academy"),
        _ if roll < 55 => old_name.to_owned(),
        _ => match level {
            Level::Infant | Level::Junior | Level::Primary => format!("{stem} Primary Academy"),
            Level::Other if e.ty == Ty::Academy1619Converter => old_name.to_owned(),
            _ => format!("{stem} Academy"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gias::plan;

    #[test]
    fn names_are_deterministic_and_plausible() {
        let plan = plan::build(3_000, 11);
        for index in 0..plan.entities.len() {
            let a = name(&plan, index, "Exeter");
            assert_eq!(a, name(&plan, index, "Exeter"));
            assert!(!a.trim().is_empty() && a == a.trim(), "{a:?}");
            assert!(!a.contains("  "), "{a:?}");
        }
    }

    #[test]
    fn academies_often_keep_the_old_name() {
        let plan = plan::build(3_000, 5);
        let mut same = 0;
        let mut pairs = 0;
        for (index, e) in plan.entities.iter().enumerate() {
            if let (Role::Academy { sponsored: false }, Some(old)) = (e.role, e.partner()) {
                pairs += 1;
                if name(&plan, index, "Leeds") == name(&plan, old, "Leeds") {
                    same += 1;
                }
            }
        }
        assert!(pairs > 100 && same * 4 > pairs, "{same} of {pairs}");
    }
}
