//! Where generated establishments are: for each local authority a rough size (about how many
//! state-funded schools it has), its county (for `County (name)`), and some of its towns with
//! their postcode areas.

/// One local authority's places.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Places {
    /// The authority's code; a test checks the table lines up with `LOCAL_AUTHORITIES`.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) code: &'static str,
    /// About how many state-funded schools the authority has; establishments are spread in
    /// proportion.
    pub(crate) weight: u32,
    /// `County (name)` for authorities in a county, else empty.
    pub(crate) county: &'static str,
    /// Towns (`Town`) and their postcode areas.
    pub(crate) towns: &'static [(&'static str, &'static str)],
}

const fn p(
    code: &'static str,
    weight: u32,
    county: &'static str,
    towns: &'static [(&'static str, &'static str)],
) -> Places {
    Places {
        code,
        weight,
        county,
        towns,
    }
}

/// The same authorities, in the same order, as
/// [`LOCAL_AUTHORITIES`](masteryhub_gias::LOCAL_AUTHORITIES).
pub(crate) const PLACES: [Places; 153] = [
    p("201", 2, "", &[("London", "EC")]),
    p(
        "202",
        60,
        "",
        &[("London", "NW"), ("London", "WC"), ("London", "N")],
    ),
    p("203", 85, "", &[("London", "SE")]),
    p("204", 75, "", &[("London", "E"), ("London", "N")]),
    p("205", 55, "", &[("London", "W"), ("London", "SW")]),
    p("206", 60, "", &[("London", "N"), ("London", "EC")]),
    p("207", 40, "", &[("London", "W"), ("London", "SW")]),
    p("208", 80, "", &[("London", "SE"), ("London", "SW")]),
    p("209", 90, "", &[("London", "SE")]),
    p("210", 95, "", &[("London", "SE")]),
    p("211", 95, "", &[("London", "E")]),
    p("212", 80, "", &[("London", "SW")]),
    p(
        "213",
        60,
        "",
        &[("London", "W"), ("London", "SW"), ("London", "NW")],
    ),
    p("301", 60, "Essex", &[("Barking", "IG"), ("Dagenham", "RM")]),
    p(
        "302",
        130,
        "",
        &[("London", "N"), ("London", "NW"), ("Barnet", "EN")],
    ),
    p(
        "303",
        75,
        "Kent",
        &[("Bexleyheath", "DA"), ("Sidcup", "DA"), ("Erith", "DA")],
    ),
    p("304", 85, "", &[("London", "NW"), ("Wembley", "HA")]),
    p(
        "305",
        100,
        "Kent",
        &[("Bromley", "BR"), ("Orpington", "BR"), ("Beckenham", "BR")],
    ),
    p(
        "306",
        120,
        "Surrey",
        &[("Croydon", "CR"), ("South Croydon", "CR"), ("Purley", "CR")],
    ),
    p(
        "307",
        95,
        "",
        &[("London", "W"), ("Southall", "UB"), ("Greenford", "UB")],
    ),
    p("308", 100, "", &[("Enfield", "EN"), ("London", "N")]),
    p("309", 80, "", &[("London", "N")]),
    p("310", 65, "", &[("Harrow", "HA"), ("Stanmore", "HA")]),
    p(
        "311",
        85,
        "Essex",
        &[("Romford", "RM"), ("Hornchurch", "RM"), ("Upminster", "RM")],
    ),
    p(
        "312",
        90,
        "",
        &[("Uxbridge", "UB"), ("Hayes", "UB"), ("Ruislip", "HA")],
    ),
    p(
        "313",
        75,
        "",
        &[("Hounslow", "TW"), ("Isleworth", "TW"), ("Feltham", "TW")],
    ),
    p(
        "314",
        50,
        "Surrey",
        &[("Kingston upon Thames", "KT"), ("Surbiton", "KT")],
    ),
    p(
        "315",
        60,
        "",
        &[("London", "SW"), ("Mitcham", "CR"), ("Morden", "SM")],
    ),
    p("316", 90, "", &[("London", "E")]),
    p(
        "317",
        80,
        "Essex",
        &[("Ilford", "IG"), ("Woodford Green", "IG")],
    ),
    p(
        "318",
        60,
        "",
        &[
            ("Twickenham", "TW"),
            ("Richmond", "TW"),
            ("Teddington", "TW"),
        ],
    ),
    p(
        "319",
        55,
        "Surrey",
        &[("Sutton", "SM"), ("Wallington", "SM"), ("Carshalton", "SM")],
    ),
    p("320", 75, "", &[("London", "E")]),
    p(
        "330",
        450,
        "",
        &[("Birmingham", "B"), ("Sutton Coldfield", "B")],
    ),
    p("331", 115, "", &[("Coventry", "CV")]),
    p(
        "332",
        110,
        "",
        &[
            ("Dudley", "DY"),
            ("Stourbridge", "DY"),
            ("Brierley Hill", "DY"),
        ],
    ),
    p(
        "333",
        120,
        "",
        &[("West Bromwich", "B"), ("Oldbury", "B"), ("Smethwick", "B")],
    ),
    p("334", 75, "", &[("Solihull", "B"), ("Birmingham", "B")]),
    p("335", 110, "", &[("Walsall", "WS"), ("Willenhall", "WV")]),
    p("336", 105, "", &[("Wolverhampton", "WV")]),
    p(
        "340",
        60,
        "Merseyside",
        &[("Liverpool", "L"), ("Prescot", "L"), ("Kirkby", "L")],
    ),
    p("341", 170, "", &[("Liverpool", "L")]),
    p(
        "342",
        70,
        "Merseyside",
        &[("St Helens", "WA"), ("Newton-le-Willows", "WA")],
    ),
    p(
        "343",
        105,
        "Merseyside",
        &[("Southport", "PR"), ("Bootle", "L"), ("Liverpool", "L")],
    ),
    p(
        "344",
        120,
        "Merseyside",
        &[("Birkenhead", "CH"), ("Wallasey", "CH"), ("Wirral", "CH")],
    ),
    p("350", 130, "", &[("Bolton", "BL"), ("Farnworth", "BL")]),
    p(
        "351",
        80,
        "",
        &[("Bury", "BL"), ("Radcliffe", "M"), ("Prestwich", "M")],
    ),
    p("352", 190, "", &[("Manchester", "M")]),
    p("353", 110, "", &[("Oldham", "OL")]),
    p(
        "354",
        90,
        "",
        &[("Rochdale", "OL"), ("Heywood", "OL"), ("Middleton", "M")],
    ),
    p(
        "355",
        95,
        "",
        &[("Salford", "M"), ("Eccles", "M"), ("Swinton", "M")],
    ),
    p(
        "356",
        115,
        "Cheshire",
        &[("Stockport", "SK"), ("Cheadle", "SK")],
    ),
    p(
        "357",
        95,
        "",
        &[
            ("Ashton-under-Lyne", "OL"),
            ("Hyde", "SK"),
            ("Stalybridge", "SK"),
        ],
    ),
    p(
        "358",
        95,
        "",
        &[("Sale", "M"), ("Altrincham", "WA"), ("Stretford", "M")],
    ),
    p("359", 130, "", &[("Wigan", "WN"), ("Leigh", "WN")]),
    p("370", 95, "South Yorkshire", &[("Barnsley", "S")]),
    p("371", 130, "South Yorkshire", &[("Doncaster", "DN")]),
    p("372", 120, "South Yorkshire", &[("Rotherham", "S")]),
    p("373", 180, "South Yorkshire", &[("Sheffield", "S")]),
    p(
        "380",
        210,
        "West Yorkshire",
        &[("Bradford", "BD"), ("Keighley", "BD"), ("Shipley", "BD")],
    ),
    p(
        "381",
        105,
        "West Yorkshire",
        &[("Halifax", "HX"), ("Brighouse", "HD")],
    ),
    p(
        "382",
        180,
        "West Yorkshire",
        &[("Huddersfield", "HD"), ("Dewsbury", "WF"), ("Batley", "WF")],
    ),
    p(
        "383",
        270,
        "West Yorkshire",
        &[("Leeds", "LS"), ("Pudsey", "LS"), ("Wetherby", "LS")],
    ),
    p(
        "384",
        150,
        "West Yorkshire",
        &[
            ("Wakefield", "WF"),
            ("Pontefract", "WF"),
            ("Castleford", "WF"),
        ],
    ),
    p("390", 85, "Tyne and Wear", &[("Gateshead", "NE")]),
    p("391", 95, "Tyne and Wear", &[("Newcastle upon Tyne", "NE")]),
    p(
        "392",
        80,
        "Tyne and Wear",
        &[
            ("North Shields", "NE"),
            ("Wallsend", "NE"),
            ("Whitley Bay", "NE"),
        ],
    ),
    p(
        "393",
        60,
        "Tyne and Wear",
        &[("South Shields", "NE"), ("Jarrow", "NE")],
    ),
    p(
        "394",
        115,
        "Tyne and Wear",
        &[("Sunderland", "SR"), ("Washington", "NE")],
    ),
    p("420", 1, "", &[("Isles of Scilly", "TR")]),
    p(
        "800",
        80,
        "",
        &[
            ("Bath", "BA"),
            ("Keynsham", "BS"),
            ("Midsomer Norton", "BA"),
        ],
    ),
    p("801", 160, "", &[("Bristol", "BS")]),
    p(
        "802",
        80,
        "",
        &[
            ("Weston-super-Mare", "BS"),
            ("Clevedon", "BS"),
            ("Nailsea", "BS"),
        ],
    ),
    p(
        "803",
        120,
        "",
        &[("Bristol", "BS"), ("Yate", "BS"), ("Thornbury", "BS")],
    ),
    p("805", 40, "", &[("Hartlepool", "TS")]),
    p("806", 50, "", &[("Middlesbrough", "TS")]),
    p(
        "807",
        60,
        "",
        &[
            ("Redcar", "TS"),
            ("Guisborough", "TS"),
            ("Saltburn-by-the-Sea", "TS"),
        ],
    ),
    p(
        "808",
        80,
        "",
        &[("Stockton-on-Tees", "TS"), ("Billingham", "TS")],
    ),
    p("810", 100, "", &[("Hull", "HU")]),
    p(
        "811",
        165,
        "",
        &[("Beverley", "HU"), ("Bridlington", "YO"), ("Goole", "DN")],
    ),
    p("812", 60, "", &[("Grimsby", "DN"), ("Cleethorpes", "DN")]),
    p("813", 80, "", &[("Scunthorpe", "DN"), ("Brigg", "DN")]),
    p(
        "815",
        390,
        "North Yorkshire",
        &[
            ("Harrogate", "HG"),
            ("Scarborough", "YO"),
            ("Northallerton", "DL"),
            ("Skipton", "BD"),
            ("Selby", "YO"),
        ],
    ),
    p("816", 65, "", &[("York", "YO")]),
    p("821", 80, "", &[("Luton", "LU")]),
    p("822", 80, "", &[("Bedford", "MK"), ("Kempston", "MK")]),
    p(
        "823",
        140,
        "",
        &[
            ("Dunstable", "LU"),
            ("Leighton Buzzard", "LU"),
            ("Biggleswade", "SG"),
        ],
    ),
    p(
        "825",
        250,
        "Buckinghamshire",
        &[
            ("Aylesbury", "HP"),
            ("High Wycombe", "HP"),
            ("Chesham", "HP"),
            ("Buckingham", "MK"),
        ],
    ),
    p("826", 120, "", &[("Milton Keynes", "MK")]),
    p(
        "830",
        430,
        "Derbyshire",
        &[
            ("Chesterfield", "S"),
            ("Matlock", "DE"),
            ("Buxton", "SK"),
            ("Ilkeston", "DE"),
            ("Glossop", "SK"),
        ],
    ),
    p("831", 110, "", &[("Derby", "DE")]),
    p(
        "838",
        160,
        "Dorset",
        &[
            ("Dorchester", "DT"),
            ("Weymouth", "DT"),
            ("Blandford Forum", "DT"),
            ("Wimborne", "BH"),
        ],
    ),
    p(
        "839",
        95,
        "",
        &[
            ("Bournemouth", "BH"),
            ("Poole", "BH"),
            ("Christchurch", "BH"),
        ],
    ),
    p(
        "840",
        270,
        "Durham",
        &[
            ("Durham", "DH"),
            ("Bishop Auckland", "DL"),
            ("Consett", "DH"),
            ("Peterlee", "SR"),
        ],
    ),
    p("841", 45, "", &[("Darlington", "DL")]),
    p(
        "845",
        190,
        "East Sussex",
        &[
            ("Eastbourne", "BN"),
            ("Hastings", "TN"),
            ("Lewes", "BN"),
            ("Uckfield", "TN"),
        ],
    ),
    p("846", 85, "", &[("Brighton", "BN"), ("Hove", "BN")]),
    p(
        "850",
        530,
        "Hampshire",
        &[
            ("Winchester", "SO"),
            ("Basingstoke", "RG"),
            ("Andover", "SP"),
            ("Fareham", "PO"),
            ("Aldershot", "GU"),
        ],
    ),
    p("851", 70, "", &[("Portsmouth", "PO"), ("Southsea", "PO")]),
    p("852", 80, "", &[("Southampton", "SO")]),
    p(
        "855",
        290,
        "Leicestershire",
        &[
            ("Loughborough", "LE"),
            ("Hinckley", "LE"),
            ("Melton Mowbray", "LE"),
            ("Coalville", "LE"),
        ],
    ),
    p("856", 115, "", &[("Leicester", "LE")]),
    p("857", 20, "", &[("Oakham", "LE"), ("Uppingham", "LE")]),
    p(
        "860",
        380,
        "Staffordshire",
        &[
            ("Stafford", "ST"),
            ("Tamworth", "B"),
            ("Burton-on-Trent", "DE"),
            ("Cannock", "WS"),
            ("Lichfield", "WS"),
        ],
    ),
    p("861", 100, "", &[("Stoke-on-Trent", "ST")]),
    p(
        "865",
        250,
        "Wiltshire",
        &[
            ("Salisbury", "SP"),
            ("Trowbridge", "BA"),
            ("Chippenham", "SN"),
            ("Devizes", "SN"),
        ],
    ),
    p("866", 75, "", &[("Swindon", "SN")]),
    p("867", 40, "", &[("Bracknell", "RG"), ("Crowthorne", "RG")]),
    p("868", 60, "", &[("Maidenhead", "SL"), ("Windsor", "SL")]),
    p("869", 80, "", &[("Newbury", "RG"), ("Thatcham", "RG")]),
    p("870", 50, "", &[("Reading", "RG")]),
    p("871", 45, "", &[("Slough", "SL")]),
    p("872", 70, "", &[("Wokingham", "RG"), ("Woodley", "RG")]),
    p(
        "873",
        260,
        "Cambridgeshire",
        &[
            ("Cambridge", "CB"),
            ("Huntingdon", "PE"),
            ("Ely", "CB"),
            ("Wisbech", "PE"),
            ("St Neots", "PE"),
        ],
    ),
    p("874", 80, "", &[("Peterborough", "PE")]),
    p("876", 70, "", &[("Widnes", "WA"), ("Runcorn", "WA")]),
    p("877", 90, "", &[("Warrington", "WA")]),
    p(
        "878",
        370,
        "Devon",
        &[
            ("Exeter", "EX"),
            ("Barnstaple", "EX"),
            ("Newton Abbot", "TQ"),
            ("Tiverton", "EX"),
            ("Tavistock", "PL"),
        ],
    ),
    p("879", 100, "", &[("Plymouth", "PL")]),
    p(
        "880",
        45,
        "",
        &[("Torquay", "TQ"), ("Paignton", "TQ"), ("Brixham", "TQ")],
    ),
    p(
        "881",
        560,
        "Essex",
        &[
            ("Chelmsford", "CM"),
            ("Colchester", "CO"),
            ("Basildon", "SS"),
            ("Harlow", "CM"),
            ("Braintree", "CM"),
            ("Clacton-on-Sea", "CO"),
        ],
    ),
    p(
        "882",
        55,
        "",
        &[("Southend-on-Sea", "SS"), ("Leigh-on-Sea", "SS")],
    ),
    p(
        "883",
        60,
        "",
        &[
            ("Grays", "RM"),
            ("Tilbury", "RM"),
            ("Stanford-le-Hope", "SS"),
        ],
    ),
    p(
        "884",
        100,
        "",
        &[
            ("Hereford", "HR"),
            ("Leominster", "HR"),
            ("Ross-on-Wye", "HR"),
        ],
    ),
    p(
        "885",
        240,
        "Worcestershire",
        &[
            ("Worcester", "WR"),
            ("Redditch", "B"),
            ("Kidderminster", "DY"),
            ("Bromsgrove", "B"),
            ("Evesham", "WR"),
        ],
    ),
    p(
        "886",
        590,
        "Kent",
        &[
            ("Maidstone", "ME"),
            ("Canterbury", "CT"),
            ("Ashford", "TN"),
            ("Tunbridge Wells", "TN"),
            ("Dover", "CT"),
            ("Folkestone", "CT"),
            ("Sevenoaks", "TN"),
        ],
    ),
    p(
        "887",
        100,
        "",
        &[("Chatham", "ME"), ("Gillingham", "ME"), ("Rochester", "ME")],
    ),
    p(
        "888",
        620,
        "Lancashire",
        &[
            ("Preston", "PR"),
            ("Lancaster", "LA"),
            ("Burnley", "BB"),
            ("Chorley", "PR"),
            ("Accrington", "BB"),
            ("Ormskirk", "L"),
        ],
    ),
    p("889", 75, "", &[("Blackburn", "BB"), ("Darwen", "BB")]),
    p("890", 45, "", &[("Blackpool", "FY")]),
    p(
        "891",
        350,
        "Nottinghamshire",
        &[
            ("Mansfield", "NG"),
            ("Newark", "NG"),
            ("Worksop", "S"),
            ("Retford", "DN"),
        ],
    ),
    p("892", 110, "", &[("Nottingham", "NG")]),
    p(
        "893",
        170,
        "Shropshire",
        &[
            ("Shrewsbury", "SY"),
            ("Oswestry", "SY"),
            ("Ludlow", "SY"),
            ("Bridgnorth", "WV"),
        ],
    ),
    p("894", 85, "", &[("Telford", "TF"), ("Newport", "TF")]),
    p(
        "895",
        160,
        "Cheshire",
        &[
            ("Crewe", "CW"),
            ("Macclesfield", "SK"),
            ("Congleton", "CW"),
            ("Nantwich", "CW"),
        ],
    ),
    p(
        "896",
        165,
        "Cheshire",
        &[
            ("Chester", "CH"),
            ("Ellesmere Port", "CH"),
            ("Northwich", "CW"),
            ("Winsford", "CW"),
        ],
    ),
    p(
        "908",
        290,
        "Cornwall",
        &[
            ("Truro", "TR"),
            ("Penzance", "TR"),
            ("St Austell", "PL"),
            ("Bodmin", "PL"),
            ("Newquay", "TR"),
            ("Falmouth", "TR"),
        ],
    ),
    p(
        "916",
        300,
        "Gloucestershire",
        &[
            ("Gloucester", "GL"),
            ("Cheltenham", "GL"),
            ("Stroud", "GL"),
            ("Cirencester", "GL"),
        ],
    ),
    p(
        "919",
        520,
        "Hertfordshire",
        &[
            ("St Albans", "AL"),
            ("Watford", "WD"),
            ("Stevenage", "SG"),
            ("Hemel Hempstead", "HP"),
            ("Hertford", "SG"),
            ("Hitchin", "SG"),
        ],
    ),
    p(
        "921",
        60,
        "Isle of Wight",
        &[("Newport", "PO"), ("Ryde", "PO"), ("Cowes", "PO")],
    ),
    p(
        "925",
        380,
        "Lincolnshire",
        &[
            ("Lincoln", "LN"),
            ("Boston", "PE"),
            ("Grantham", "NG"),
            ("Spalding", "PE"),
            ("Skegness", "PE"),
            ("Louth", "LN"),
        ],
    ),
    p(
        "926",
        430,
        "Norfolk",
        &[
            ("Norwich", "NR"),
            ("King's Lynn", "PE"),
            ("Great Yarmouth", "NR"),
            ("Thetford", "IP"),
            ("Dereham", "NR"),
        ],
    ),
    p(
        "929",
        170,
        "Northumberland",
        &[
            ("Morpeth", "NE"),
            ("Hexham", "NE"),
            ("Blyth", "NE"),
            ("Cramlington", "NE"),
            ("Berwick-upon-Tweed", "TD"),
            ("Alnwick", "NE"),
        ],
    ),
    p(
        "931",
        300,
        "Oxfordshire",
        &[
            ("Oxford", "OX"),
            ("Banbury", "OX"),
            ("Abingdon", "OX"),
            ("Witney", "OX"),
            ("Didcot", "OX"),
            ("Bicester", "OX"),
        ],
    ),
    p(
        "933",
        300,
        "Somerset",
        &[
            ("Taunton", "TA"),
            ("Yeovil", "BA"),
            ("Bridgwater", "TA"),
            ("Frome", "BA"),
            ("Wells", "BA"),
        ],
    ),
    p(
        "935",
        330,
        "Suffolk",
        &[
            ("Ipswich", "IP"),
            ("Bury St Edmunds", "IP"),
            ("Lowestoft", "NR"),
            ("Sudbury", "CO"),
            ("Felixstowe", "IP"),
        ],
    ),
    p(
        "936",
        400,
        "Surrey",
        &[
            ("Guildford", "GU"),
            ("Woking", "GU"),
            ("Epsom", "KT"),
            ("Redhill", "RH"),
            ("Farnham", "GU"),
            ("Camberley", "GU"),
        ],
    ),
    p(
        "937",
        250,
        "Warwickshire",
        &[
            ("Warwick", "CV"),
            ("Nuneaton", "CV"),
            ("Rugby", "CV"),
            ("Stratford-upon-Avon", "CV"),
            ("Leamington Spa", "CV"),
        ],
    ),
    p(
        "938",
        280,
        "West Sussex",
        &[
            ("Chichester", "PO"),
            ("Crawley", "RH"),
            ("Horsham", "RH"),
            ("Worthing", "BN"),
            ("Bognor Regis", "PO"),
        ],
    ),
    p(
        "940",
        150,
        "Northamptonshire",
        &[
            ("Kettering", "NN"),
            ("Corby", "NN"),
            ("Wellingborough", "NN"),
            ("Rushden", "NN"),
        ],
    ),
    p(
        "941",
        200,
        "Northamptonshire",
        &[
            ("Northampton", "NN"),
            ("Daventry", "NN"),
            ("Towcester", "NN"),
            ("Brackley", "NN"),
        ],
    ),
    p(
        "942",
        160,
        "Cumbria",
        &[
            ("Carlisle", "CA"),
            ("Workington", "CA"),
            ("Whitehaven", "CA"),
            ("Maryport", "CA"),
        ],
    ),
    p(
        "943",
        170,
        "Cumbria",
        &[
            ("Kendal", "LA"),
            ("Barrow-in-Furness", "LA"),
            ("Penrith", "CA"),
            ("Ulverston", "LA"),
        ],
    ),
];

/// Rough centres of the regions on the British National Grid (`Easting`, `Northing`).
pub(crate) fn region_centre(region: &str) -> (i64, i64) {
    match region {
        "North East" => (420_000, 560_000),
        "North West" => (360_000, 440_000),
        "Yorkshire and the Humber" => (440_000, 440_000),
        "East Midlands" => (470_000, 330_000),
        "West Midlands" => (390_000, 280_000),
        "East of England" => (560_000, 260_000),
        "London" => (530_000, 180_000),
        "South East" => (480_000, 150_000),
        _ => (320_000, 100_000),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use masteryhub_gias::LOCAL_AUTHORITIES;

    #[test]
    fn one_entry_per_authority_in_the_same_order() {
        assert_eq!(PLACES.len(), LOCAL_AUTHORITIES.len());
        for (places, la) in PLACES.iter().zip(LOCAL_AUTHORITIES) {
            assert_eq!(places.code, la.code);
            assert!(places.weight > 0);
            assert!(!places.towns.is_empty());
            for (town, area) in places.towns {
                assert!(!town.is_empty());
                assert!(
                    (1..=2).contains(&area.len()) && area.bytes().all(|b| b.is_ascii_uppercase())
                );
            }
        }
    }
}
