//! Integration tests: run the `scrutiny` binary on fixture sites and inspect what it prints and
//! writes. See tests/README.md.

mod accessibility;
mod architecture;
mod build;
mod chart;
mod editor;
mod errors;
mod generated;
mod golden;
mod grades;
mod hostile;
mod languages;
mod languages_scaffold;
mod links;
mod national;
mod national_reports;
mod open_data;
mod pagination;
mod properties;
mod scaffold;
mod serve;
mod statuses;
mod support;
mod theming;
