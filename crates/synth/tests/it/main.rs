//! Integration tests of `masteryhub-synth`: generated registers read back by the real readers.
#![allow(clippy::unwrap_used)]

mod generator;
