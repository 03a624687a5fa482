//! Synthetic registers in the exact format of the real GIAS extracts, for demos, tests and
//! benchmarks at national scale.
//!
//! [`write_extract`] writes an establishment extract with the 135 columns of 2025 (Windows-1252,
//! quoted header, text quoted, numbers bare, CRLF, no final line end). Its make-up follows the
//! real national register at any size: with 50,000 rows about 24,000 establishments are open,
//! 3,400 of them open state-funded secondary schools; the rest are primary, special,
//! independent, alternative provision, nursery, colleges and others, and some 26,000 closed
//! ones, most of them maintained schools that became academies. Every local authority gets
//! establishments (once there are at least as many rows as authorities), in its own region.
//!
//! [`write_links`] writes the matching links extract: for each conversion, the academy's row
//! naming its predecessor and the old school's row naming its successor.
//!
//! Both depend only on [`GeneratorOptions`]: the same options give the same bytes.

mod csv_out;
mod names;
mod places;
mod plan;
mod row;
mod types;

use std::io::{self, Write};

use csv_out::CsvOut;
use masteryhub_gias::{EXTRACT_COLUMNS, format_date};
use plan::Role;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GeneratorOptions {
    /// Number of establishment rows (the header not counted); at most 10,000,000.
    pub rows: usize,
    /// Different seeds give different registers of the same make-up.
    pub seed: u64,
}

impl Default for GeneratorOptions {
    /// A national-size register: 50,000 rows, seed 0.
    fn default() -> Self {
        Self {
            rows: 50_000,
            seed: 0,
        }
    }
}

fn check(opts: &GeneratorOptions) -> io::Result<()> {
    if opts.rows > plan::MAX_ROWS {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("at most {} rows can be generated", plan::MAX_ROWS),
        ));
    }
    Ok(())
}

/// Writes a synthetic establishment extract in the exact real format.
pub fn write_extract(opts: &GeneratorOptions, out: &mut impl Write) -> io::Result<()> {
    check(opts)?;
    let plan = plan::build(opts.rows, opts.seed);
    let mut csv = CsvOut::new(out);
    for name in EXTRACT_COLUMNS {
        csv.text(name)?;
    }
    csv.end_row();
    let mut row = row::RowBuilder::new();
    for &index in &plan.order {
        row.fill(&plan, index as usize);
        row.write(&mut csv)?;
    }
    csv.finish()
}

/// Writes the links extract that goes with [`write_extract`] for the same options: for each
/// closed maintained school that became an academy in the extract, two rows, as in the real
/// file — the academy's (`URN` = academy, `LinkURN` = old school, `"Predecessor"`, the day the
/// academy opened) and the old school's (`URN` = old school, `LinkURN` = academy,
/// `"Successor"`, the day it closed). `LinkName` is the name of the `LinkURN` establishment.
pub fn write_links(opts: &GeneratorOptions, out: &mut impl Write) -> io::Result<()> {
    check(opts)?;
    let plan = plan::build(opts.rows, opts.seed);
    let name = |index: usize| {
        let place = row::place(&plan, index);
        names::name(&plan, index, place.town)
    };
    let mut links = Vec::new();
    for (new, e) in plan.entities.iter().enumerate() {
        let (Role::Academy { .. }, Some(old)) = (e.role, e.partner()) else {
            continue;
        };
        let before = &plan.entities[old];
        links.push((e.urn, before.urn, name(old), "Predecessor", e.open));
        links.push((before.urn, e.urn, name(new), "Successor", before.close));
    }
    links.sort_by_key(|link| (link.0, link.1));
    let mut csv = CsvOut::new(out);
    for column in [
        "URN",
        "LinkURN",
        "LinkName",
        "LinkType",
        "LinkEstablishedDate",
    ] {
        csv.text(column)?;
    }
    csv.end_row();
    for (urn, link_urn, link_name, link_type, date) in links {
        csv.int(i64::from(urn))?;
        csv.int(i64::from(link_urn))?;
        csv.text(&link_name)?;
        csv.text(link_type)?;
        csv.text(&date.map(format_date).unwrap_or_default())?;
        csv.end_row();
    }
    csv.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_too_many_rows() {
        let opts = GeneratorOptions {
            rows: plan::MAX_ROWS + 1,
            seed: 0,
        };
        let error = write_extract(&opts, &mut io::sink()).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
    }

    #[test]
    fn empty_register_is_a_header() {
        let mut bytes = Vec::new();
        write_extract(&GeneratorOptions { rows: 0, seed: 0 }, &mut bytes).unwrap();
        assert!(bytes.starts_with(b"\"URN\",\"LA (code)\""));
        assert!(!bytes.contains(&b'\n'));
        let mut links = Vec::new();
        write_links(&GeneratorOptions { rows: 0, seed: 0 }, &mut links).unwrap();
        assert_eq!(
            links,
            b"\"URN\",\"LinkURN\",\"LinkName\",\"LinkType\",\"LinkEstablishedDate\""
        );
    }
}
