//! Synthetic data for demos, tests and benchmarks.
//!
//! - [`gias`] writes school registers of any size in the exact format of the Department for
//!   Education's Get Information About Schools (GIAS) extracts, read back by
//!   [`masteryhub_gias`]'s readers.
//! - [`prng`] is the one deterministic pseudo-random number generator behind every piece of
//!   generated data, so that the same seed gives the same data everywhere.
#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod gias;
pub mod prng;
