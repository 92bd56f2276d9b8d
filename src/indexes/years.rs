//! Years: reports by the year HMICFRS published them, and responses by the year they were published.

use std::collections::BTreeMap;

use crate::archive::{Archive, ReportId, ResponseId};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearEntry {
    pub year: i16,
    /// Newest first.
    pub reports: Vec<ReportId>,
    /// Newest first.
    pub responses: Vec<ResponseId>,
}

pub fn years(archive: &Archive) -> Vec<YearEntry> {
    let mut years: BTreeMap<i16, YearEntry> = BTreeMap::new();
    let empty = |year: i16| YearEntry {
        year,
        reports: Vec::new(),
        responses: Vec::new(),
    };
    for (index, report) in archive.report_ids().zip(&archive.reports) {
        let year = report.published.year();
        years
            .entry(year)
            .or_insert_with(|| empty(year))
            .reports
            .push(index);
    }
    for (index, response) in archive.response_ids().zip(&archive.responses) {
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
