//! A national site's part of the open data: the sources' reports and responses beside the
//! site's own, the body on every response, and `expected.csv` (each body expected to answer
//! each report, and how it stands). An office's own site has none of it.

use std::collections::HashMap;

use serde::Serialize;

use super::{
    RECORD_INDENT, ReportJson, ReportRecord, ResponseJson, ResponseRecord, csv_rows, json_record,
    optional, report_row, response_row, text_cell,
};
use crate::archive::Archive;
use crate::archive::national::National;
use crate::diagnostic::Diagnostic;
use crate::indexes::Indexes;
use crate::indexes::national::{BodyTiming, NationalIndex};
use crate::routes::Route;
use crate::vocabulary::Vocabulary;

/// One body expected to answer a report, in a report's `bodies`.
#[derive(Serialize)]
pub(super) struct ExpectedJson<'a> {
    body: &'a str,
    response_status: &'static str,
    days_late: Option<i64>,
    days_left: Option<i64>,
    /// The day of the window its response came on; publication is day 1.
    day: Option<i64>,
    /// Its response's page on the body's own site.
    response_page_url: Option<&'a str>,
}

/// `responses.csv` of a national site: the body joins at the end.
pub(super) const RESPONSE_COLUMNS: [&str; 6] =
    ["slug", "reports", "date", "published", "url", "body"];

/// `expected.csv`: one row per report and body expected to answer it.
pub(super) const EXPECTED_COLUMNS: [&str; 9] = [
    "report",
    "body",
    "deadline",
    "response_status",
    "days_late",
    "days_left",
    "day",
    "response_date",
    "response_page_url",
];

/// What the national records are made from.
pub(super) struct NationalData<'a> {
    archive: &'a Archive,
    national: &'a National,
    index: &'a NationalIndex,
    /// The national report of each report of the site's own, by slug.
    own: HashMap<&'a str, usize>,
}

impl<'a> NationalData<'a> {
    /// `None` on an office's own site.
    pub(super) fn new(archive: &'a Archive, indexes: &'a Indexes) -> Option<NationalData<'a>> {
        let (national, index) = (archive.national.as_ref()?, indexes.national.as_ref()?);
        let own = (national.reports.iter().enumerate())
            .filter(|(_, report)| report.in_content)
            .map(|(at, report)| (report.slug.as_str(), at))
            .collect();
        Some(NationalData {
            archive,
            national,
            index,
            own,
        })
    }

    /// The bodies expected to answer the site's own report `slug` (none when no body is).
    pub(super) fn bodies_of_own(&self, slug: &str) -> Vec<ExpectedJson<'a>> {
        match self.own.get(slug) {
            Some(&at) => self.bodies_of(at),
            None => Vec::new(),
        }
    }

    /// The bodies expected to answer national report `at`, in the order of `expected`.
    fn bodies_of(&self, at: usize) -> Vec<ExpectedJson<'a>> {
        let national = self.national;
        self.index.reports[at]
            .bodies
            .iter()
            .map(|timing: &'a BodyTiming| ExpectedJson {
                body: &national.bodies[timing.body].key,
                response_status: timing.status.code(),
                days_late: timing.status.days_late(),
                days_left: timing.status.days_left(),
                day: timing.day,
                response_page_url: timing
                    .response
                    .map(|r| national.responses[r].page_url.as_str()),
            })
            .collect()
    }

    /// A record for each report only the sources list, newest first (the site's own reports
    /// have theirs already).
    pub(super) fn report_records(&self) -> Result<Vec<ReportRecord>, Diagnostic> {
        let address = self.archive.config.address();
        (self.national.reports.iter().enumerate())
            .filter(|(_, report)| !report.in_content)
            .map(|(at, report)| {
                let json = ReportJson {
                    slug: &report.slug,
                    title: &report.title,
                    published: report.published.iso(),
                    report_type: report.report_type.word(),
                    sector: report.sector.word(),
                    themes: &[],
                    url: report.url.as_deref(),
                    page_url: address.absolute(Route::Report(&report.slug)),
                    deadline: self.index.reports[at].deadline.map(|d| d.iso()),
                    response_status: None,
                    days_late: None,
                    days_left: None,
                    responses: Vec::new(),
                    grades: Vec::new(),
                    findings: Vec::new(),
                    bodies: Some(self.bodies_of(at)),
                    translations: Default::default(),
                };
                Ok(ReportRecord {
                    csv: csv_rows(std::iter::once(report_row(&json)))?,
                    json: json_record(&json, RECORD_INDENT)?,
                    ..ReportRecord::default()
                })
            })
            .collect()
    }

    /// A record for each response of a source, by report (newest first), then body.
    pub(super) fn response_records(&self) -> Result<Vec<ResponseRecord>, Diagnostic> {
        let national = self.national;
        national
            .responses
            .iter()
            .map(|response| {
                let json = ResponseJson {
                    slug: None,
                    reports: std::slice::from_ref(&national.reports[response.report].slug),
                    date: response.date.map(|d| d.iso()),
                    published: response.published.map(|d| d.iso()),
                    url: response.page_url.clone(),
                    page_url: response.page_url.clone(),
                    body: Some(Some(&national.bodies[response.body].key)),
                    translations: Default::default(),
                };
                Ok(ResponseRecord {
                    csv: csv_rows(std::iter::once(response_row(&json)))?,
                    json: json_record(&json, RECORD_INDENT)?,
                })
            })
            .collect()
    }

    /// The rows of `expected.csv`, by report (newest first), then body in `config.toml` order.
    pub(super) fn expected_rows(&self) -> Result<Vec<u8>, Diagnostic> {
        let national = self.national;
        let rows =
            (national.reports.iter().zip(&self.index.reports)).flat_map(|(report, timing)| {
                timing.bodies.iter().map(move |body| {
                    let response = body.response.map(|r| &national.responses[r]);
                    vec![
                        text_cell(&report.slug),
                        text_cell(&national.bodies[body.body].key),
                        optional(&timing.deadline.map(|d| d.iso())),
                        body.status.code().to_string(),
                        optional(&body.status.days_late()),
                        optional(&body.status.days_left()),
                        optional(&body.day),
                        optional(&response.and_then(|r| r.counting_date()).map(|d| d.iso())),
                        text_cell(response.map(|r| r.page_url.as_str()).unwrap_or_default()),
                    ]
                })
            });
        csv_rows(rows)
    }
}
