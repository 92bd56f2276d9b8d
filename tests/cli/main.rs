//! Integration tests: run the `scrutiny` binary on fixture sites and inspect what it prints and
//! writes. See tests/README.md.

mod build;
mod errors;
mod golden;
mod open_data;
mod support;
