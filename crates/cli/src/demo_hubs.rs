//! The demo's Maths Hubs: forty hubs, each serving a run of neighbouring local authorities of one
//! region, so that every local authority in England has a hub.

use masteryhub_gias::LOCAL_AUTHORITIES;
use masteryhub_store::hubs::HubAssignment;

/// Hubs of each region, as (code, name). Local authorities of the region, in code order, are
/// shared out among them in runs.
const HUBS_BY_REGION: &[(&str, &[(&str, &str)])] = &[
    (
        "London",
        &[
            ("LCW", "London Central and West"),
            ("LNC", "London North Central"),
            ("LNE", "London North East"),
            ("LTH", "London Thames"),
            ("LSE", "London South East"),
            ("LSW", "London South West"),
        ],
    ),
    (
        "South East",
        &[
            ("KAM", "Kent and Medway"),
            ("SUR", "Surrey and Sussex"),
            ("SOL", "Solent"),
            ("TVA", "Thames Valley"),
            ("OXB", "Oxfordshire and Buckinghamshire"),
            ("BKW", "Berkshire and Wokingham"),
        ],
    ),
    (
        "South West",
        &[
            ("JUR", "Jurassic"),
            ("GLO", "Gloucestershire and Bristol"),
            ("CDS", "Cornwall and Devon"),
            ("WSS", "Wiltshire and Somerset"),
        ],
    ),
    (
        "East of England",
        &[
            ("CAM", "Cambridgeshire"),
            ("NSF", "Norfolk and Suffolk"),
            ("ESX", "Essex"),
            ("HBL", "Hertfordshire, Bedfordshire and Luton"),
        ],
    ),
    (
        "East Midlands",
        &[
            ("EMW", "East Midlands West"),
            ("EME", "East Midlands East"),
            ("EMS", "East Midlands South"),
        ],
    ),
    (
        "West Midlands",
        &[
            ("CMB", "Central Midlands"),
            ("BBC", "Birmingham and the Black Country"),
            ("SHR", "Shropshire and Herefordshire"),
            ("STW", "Staffordshire and Warwickshire"),
        ],
    ),
    (
        "Yorkshire and the Humber",
        &[
            ("SYK", "South Yorkshire"),
            ("WYK", "West Yorkshire"),
            ("NYK", "North Yorkshire and York"),
            ("HUM", "Humber"),
        ],
    ),
    (
        "North West",
        &[
            ("GMN", "Greater Manchester North"),
            ("GMS", "Greater Manchester South"),
            ("MER", "Merseyside"),
            ("CHW", "Cheshire and Wirral"),
            ("LAN", "Lancashire"),
            ("CUM", "Cumbria"),
        ],
    ),
    (
        "North East",
        &[
            ("GNO", "Great North"),
            ("TEE", "Tees Valley"),
            ("NTY", "Northumberland and Tyneside"),
        ],
    ),
];

/// One assignment per local authority of England.
pub fn assignments() -> Vec<HubAssignment> {
    let mut assignments = Vec::new();
    for (region, hubs) in HUBS_BY_REGION {
        let mut las: Vec<_> = LOCAL_AUTHORITIES
            .iter()
            .filter(|la| la.region == *region)
            .collect();
        las.sort_by_key(|la| la.code);
        for (i, la) in las.iter().enumerate() {
            let (code, name) = hubs[i * hubs.len() / las.len()];
            assignments.push(HubAssignment {
                hub_code: code.to_owned(),
                hub_name: format!("{name} Maths Hub"),
                la_code: la.code.to_owned(),
                la_name: la.name.to_owned(),
            });
        }
    }
    assignments
}

/// The other hubs of `hub`'s region, in the order the region lists them.
pub fn neighbours(hub: &str) -> Vec<&'static str> {
    HUBS_BY_REGION
        .iter()
        .map(|(_, hubs)| *hubs)
        .find(|hubs| hubs.iter().any(|(code, _)| *code == hub))
        .map(|hubs| {
            hubs.iter()
                .map(|(code, _)| *code)
                .filter(|code| *code != hub)
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn every_local_authority_has_exactly_one_hub_and_every_hub_serves_one() {
        let assignments = assignments();
        assert_eq!(assignments.len(), LOCAL_AUTHORITIES.len());
        let las: BTreeSet<_> = assignments.iter().map(|a| a.la_code.as_str()).collect();
        assert_eq!(las.len(), LOCAL_AUTHORITIES.len());
        let hubs: BTreeSet<_> = assignments.iter().map(|a| a.hub_code.as_str()).collect();
        let declared: usize = HUBS_BY_REGION.iter().map(|(_, h)| h.len()).sum();
        assert_eq!(hubs.len(), declared);
        assert_eq!(declared, 40);
    }

    #[test]
    fn neighbours_are_the_other_hubs_of_the_region() {
        assert_eq!(neighbours("LCW"), ["LNC", "LNE", "LTH", "LSE", "LSW"]);
        assert!(neighbours("NOPE").is_empty());
    }
}
