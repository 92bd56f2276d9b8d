//! The national view of an archive: the bodies (offices) whose open data a national site is
//! built from, each HMICFRS report matched across them, who was expected to respond to it,
//! and every response, with the address of its page on the body's own site.

use std::path::PathBuf;

use crate::dates::Date;
use crate::national::SourceSite;
use crate::vocabulary::{ReportType, Sector};

/// Everything the sources say, matched. Present only on a site with `[[sources]]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct National {
    /// In `config.toml` order.
    pub bodies: Vec<NationalBody>,
    /// Newest first, by publication date then slug.
    pub reports: Vec<NationalReport>,
    /// By report (in report order), then body, then counting date.
    pub responses: Vec<NationalResponse>,
}

/// An office: one `[[sources]]` table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NationalBody {
    pub key: String,
    pub name: String,
    /// The source file, relative to the site root.
    pub source: PathBuf,
    /// What its `archive.json` says of its site; `None` for a responses CSV.
    pub site: Option<SourceSite>,
    /// It answers police reports, so every national thematic police report is expected of it.
    pub police: bool,
}

/// One HMICFRS report, as every source that lists it (and the site's own `content/`) agree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NationalReport {
    /// Its page on the national site, `/reports/<slug>/`.
    pub slug: String,
    pub title: String,
    pub published: Date,
    pub report_type: ReportType,
    pub sector: Sector,
    /// Its address on the HMICFRS website, as first written.
    pub url: Option<String>,
    /// A report of the site's own `content/` has this slug: its page is that report's.
    pub in_content: bool,
    /// The bodies expected to respond, by place in [`National::bodies`], in that order.
    pub expected: Vec<usize>,
    /// Each body whose source lists it, with the report's page on that body's site, if any.
    pub listed_by: Vec<(usize, Option<String>)>,
    /// Its responses, by place in [`National::responses`].
    pub responses: Vec<usize>,
}

/// A body's response to a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NationalResponse {
    /// By place in [`National::bodies`].
    pub body: usize,
    /// By place in [`National::reports`].
    pub report: usize,
    /// The date on the letter.
    pub date: Option<Date>,
    /// When it went online.
    pub published: Option<Date>,
    /// The response's page on the body's own site.
    pub page_url: String,
}

impl NationalResponse {
    /// The date that counts for the deadline, as for a response of the site's own.
    pub fn counting_date(&self) -> Option<Date> {
        crate::deadline::response_date(self.date, self.published)
    }
}
