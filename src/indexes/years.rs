//! Years: reports by the year HMICFRS published them, and responses by the year they were published.

use std::collections::BTreeMap;

use crate::archive::Archive;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearEntry {
    pub year: i16,
    /// Indices into `archive.reports`, newest first.
    pub reports: Vec<usize>,
    /// Indices into `archive.responses`, newest first.
    pub responses: Vec<usize>,
}

pub fn years(archive: &Archive) -> Vec<YearEntry> {
    let mut years: BTreeMap<i16, YearEntry> = BTreeMap::new();
    let empty = |year: i16| YearEntry {
        year,
        reports: Vec::new(),
        responses: Vec::new(),
    };
    for (index, report) in archive.reports.iter().enumerate() {
        let year = report.published.year();
        years
            .entry(year)
            .or_insert_with(|| empty(year))
            .reports
            .push(index);
    }
    for (index, response) in archive.responses.iter().enumerate() {
        if let Some(date) = response.counting_date() {
            let year = date.year();
            years
                .entry(year)
                .or_insert_with(|| empty(year))
                .responses
                .push(index);
        }
    }
    years.into_values().rev().collect()
}
