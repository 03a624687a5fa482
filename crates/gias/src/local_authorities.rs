//! England's local authorities as the school register names them.

/// A local authority: its GIAS code (`LA (code)`), name (`LA (name)`) and region
/// (`GOR (name)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LocalAuthority {
    /// The three-digit code, e.g. `"878"`.
    pub code: &'static str,
    /// The name, e.g. `"Devon"`.
    pub name: &'static str,
    /// The government office region, e.g. `"South West"`.
    pub region: &'static str,
}

const fn la(code: &'static str, name: &'static str, region: &'static str) -> LocalAuthority {
    LocalAuthority { code, name, region }
}

const L: &str = "London";
const SE: &str = "South East";
const SW: &str = "South West";
const EE: &str = "East of England";
const EM: &str = "East Midlands";
const WM: &str = "West Midlands";
const YH: &str = "Yorkshire and the Humber";
const NW: &str = "North West";
const NE: &str = "North East";

/// The region names, as GIAS writes them, with their `GOR (code)`.
pub(crate) const REGIONS: [(&str, &str); 9] = [
    ("A", NE),
    ("B", NW),
    ("D", YH),
    ("E", EM),
    ("F", WM),
    ("G", EE),
    ("H", L),
    ("J", SE),
    ("K", SW),
];

/// The 153 current local authorities of England (since April 2023), in code order.
pub const LOCAL_AUTHORITIES: &[LocalAuthority] = &[
    la("201", "City of London", L),
    la("202", "Camden", L),
    la("203", "Greenwich", L),
    la("204", "Hackney", L),
    la("205", "Hammersmith and Fulham", L),
    la("206", "Islington", L),
    la("207", "Kensington and Chelsea", L),
    la("208", "Lambeth", L),
    la("209", "Lewisham", L),
    la("210", "Southwark", L),
    la("211", "Tower Hamlets", L),
    la("212", "Wandsworth", L),
    la("213", "Westminster", L),
    la("301", "Barking and Dagenham", L),
    la("302", "Barnet", L),
    la("303", "Bexley", L),
    la("304", "Brent", L),
    la("305", "Bromley", L),
    la("306", "Croydon", L),
    la("307", "Ealing", L),
    la("308", "Enfield", L),
    la("309", "Haringey", L),
    la("310", "Harrow", L),
    la("311", "Havering", L),
    la("312", "Hillingdon", L),
    la("313", "Hounslow", L),
    la("314", "Kingston upon Thames", L),
    la("315", "Merton", L),
    la("316", "Newham", L),
    la("317", "Redbridge", L),
    la("318", "Richmond upon Thames", L),
    la("319", "Sutton", L),
    la("320", "Waltham Forest", L),
    la("330", "Birmingham", WM),
    la("331", "Coventry", WM),
    la("332", "Dudley", WM),
    la("333", "Sandwell", WM),
    la("334", "Solihull", WM),
    la("335", "Walsall", WM),
    la("336", "Wolverhampton", WM),
    la("340", "Knowsley", NW),
    la("341", "Liverpool", NW),
    la("342", "St. Helens", NW),
    la("343", "Sefton", NW),
    la("344", "Wirral", NW),
    la("350", "Bolton", NW),
    la("351", "Bury", NW),
    la("352", "Manchester", NW),
    la("353", "Oldham", NW),
    la("354", "Rochdale", NW),
    la("355", "Salford", NW),
    la("356", "Stockport", NW),
    la("357", "Tameside", NW),
    la("358", "Trafford", NW),
    la("359", "Wigan", NW),
    la("370", "Barnsley", YH),
    la("371", "Doncaster", YH),
    la("372", "Rotherham", YH),
    la("373", "Sheffield", YH),
    la("380", "Bradford", YH),
    la("381", "Calderdale", YH),
    la("382", "Kirklees", YH),
    la("383", "Leeds", YH),
    la("384", "Wakefield", YH),
    la("390", "Gateshead", NE),
    la("391", "Newcastle upon Tyne", NE),
    la("392", "North Tyneside", NE),
    la("393", "South Tyneside", NE),
    la("394", "Sunderland", NE),
    la("420", "Isles of Scilly", SW),
    la("800", "Bath and North East Somerset", SW),
    la("801", "Bristol, City of", SW),
    la("802", "North Somerset", SW),
    la("803", "South Gloucestershire", SW),
    la("805", "Hartlepool", NE),
    la("806", "Middlesbrough", NE),
    la("807", "Redcar and Cleveland", NE),
    la("808", "Stockton-on-Tees", NE),
    la("810", "Kingston upon Hull, City of", YH),
    la("811", "East Riding of Yorkshire", YH),
    la("812", "North East Lincolnshire", YH),
    la("813", "North Lincolnshire", YH),
    la("815", "North Yorkshire", YH),
    la("816", "York", YH),
    la("821", "Luton", EE),
    la("822", "Bedford", EE),
    la("823", "Central Bedfordshire", EE),
    la("825", "Buckinghamshire", SE),
    la("826", "Milton Keynes", SE),
    la("830", "Derbyshire", EM),
    la("831", "Derby", EM),
    la("838", "Dorset", SW),
    la("839", "Bournemouth, Christchurch and Poole", SW),
    la("840", "County Durham", NE),
    la("841", "Darlington", NE),
    la("845", "East Sussex", SE),
    la("846", "Brighton and Hove", SE),
    la("850", "Hampshire", SE),
    la("851", "Portsmouth", SE),
    la("852", "Southampton", SE),
    la("855", "Leicestershire", EM),
    la("856", "Leicester", EM),
    la("857", "Rutland", EM),
    la("860", "Staffordshire", WM),
    la("861", "Stoke-on-Trent", WM),
    la("865", "Wiltshire", SW),
    la("866", "Swindon", SW),
    la("867", "Bracknell Forest", SE),
    la("868", "Windsor and Maidenhead", SE),
    la("869", "West Berkshire", SE),
    la("870", "Reading", SE),
    la("871", "Slough", SE),
    la("872", "Wokingham", SE),
    la("873", "Cambridgeshire", EE),
    la("874", "Peterborough", EE),
    la("876", "Halton", NW),
    la("877", "Warrington", NW),
    la("878", "Devon", SW),
    la("879", "Plymouth", SW),
    la("880", "Torbay", SW),
    la("881", "Essex", EE),
    la("882", "Southend-on-Sea", EE),
    la("883", "Thurrock", EE),
    la("884", "Herefordshire, County of", WM),
    la("885", "Worcestershire", WM),
    la("886", "Kent", SE),
    la("887", "Medway", SE),
    la("888", "Lancashire", NW),
    la("889", "Blackburn with Darwen", NW),
    la("890", "Blackpool", NW),
    la("891", "Nottinghamshire", EM),
    la("892", "Nottingham", EM),
    la("893", "Shropshire", WM),
    la("894", "Telford and Wrekin", WM),
    la("895", "Cheshire East", NW),
    la("896", "Cheshire West and Chester", NW),
    la("908", "Cornwall", SW),
    la("916", "Gloucestershire", SW),
    la("919", "Hertfordshire", EE),
    la("921", "Isle of Wight", SE),
    la("925", "Lincolnshire", EM),
    la("926", "Norfolk", EE),
    la("929", "Northumberland", NE),
    la("931", "Oxfordshire", SE),
    la("933", "Somerset", SW),
    la("935", "Suffolk", EE),
    la("936", "Surrey", SE),
    la("937", "Warwickshire", WM),
    la("938", "West Sussex", SE),
    la("940", "North Northamptonshire", EM),
    la("941", "West Northamptonshire", EM),
    la("942", "Cumberland", NW),
    la("943", "Westmorland and Furness", NW),
];

/// The `GOR (code)` of a region name as GIAS writes it (`"South West"` is `"K"`).
pub fn region_code(region: &str) -> Option<&'static str> {
    REGIONS
        .iter()
        .find(|(_, name)| *name == region)
        .map(|(code, _)| *code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    #[test]
    fn every_current_authority_once() {
        assert_eq!(LOCAL_AUTHORITIES.len(), 153);
        let codes: HashSet<_> = LOCAL_AUTHORITIES.iter().map(|la| la.code).collect();
        let names: HashSet<_> = LOCAL_AUTHORITIES.iter().map(|la| la.name).collect();
        assert_eq!(codes.len(), 153);
        assert_eq!(names.len(), 153);
        let mut sorted = LOCAL_AUTHORITIES.to_vec();
        sorted.sort_by_key(|la| la.code);
        assert_eq!(sorted, LOCAL_AUTHORITIES, "in code order");
        for la in LOCAL_AUTHORITIES {
            assert!(la.code.len() == 3 && la.code.bytes().all(|b| b.is_ascii_digit()));
            assert!(region_code(la.region).is_some(), "{la:?}");
        }
        // Authorities abolished by reorganisation are not current.
        for gone in ["909", "928", "835", "836", "837"] {
            assert!(!codes.contains(gone), "{gone}");
        }
    }

    #[test]
    fn regions_have_their_real_sizes() {
        let mut per_region: HashMap<&str, usize> = HashMap::new();
        for la in LOCAL_AUTHORITIES {
            *per_region.entry(la.region).or_default() += 1;
        }
        assert_eq!(per_region["London"], 33);
        assert_eq!(per_region["North East"], 12);
        assert_eq!(per_region["North West"], 24);
        assert_eq!(per_region["Yorkshire and the Humber"], 15);
        assert_eq!(per_region["East Midlands"], 10);
        assert_eq!(per_region["West Midlands"], 14);
        assert_eq!(per_region["East of England"], 11);
        assert_eq!(per_region["South East"], 19);
        assert_eq!(per_region["South West"], 15);
    }

    #[test]
    fn examples_from_the_register() {
        let find = |code: &str| LOCAL_AUTHORITIES.iter().find(|la| la.code == code);
        assert_eq!(find("201").map(|la| la.name), Some("City of London"));
        assert_eq!(
            find("878").map(|la| (la.name, la.region)),
            Some(("Devon", "South West"))
        );
        assert_eq!(find("860").map(|la| la.region), Some("West Midlands"));
        assert_eq!(find("938").map(|la| la.name), Some("West Sussex"));
    }
}
