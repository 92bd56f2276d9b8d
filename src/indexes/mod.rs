//! Indexes: everything derived from the archive and "today" — deadlines and response statuses,
//! years, themes and the findings tracker. Pure: no clock, no I/O.

mod deadlines;
mod findings;
pub mod national;
mod themes;
mod years;

pub use deadlines::{ReportTimeliness, YearRate};
pub use findings::{
    FINDINGS_PER_PAGE, FindingEntry, FindingGroup, tracker_page_range, tracker_pages,
};
pub use themes::ThemeEntry;
pub use years::YearEntry;

use crate::archive::{Archive, ResponseId};
use crate::dates::Date;

/// What the pages need beyond the archive itself. Indices point into the archive's vectors.
#[derive(Clone, Debug)]
pub struct Indexes {
    pub today: Date,
    /// One per report, in archive order.
    pub timeliness: Vec<ReportTimeliness>,
    /// For each report (archive order), the responses answering it, earliest first.
    pub responses_of: Vec<Vec<ResponseId>>,
    /// Newest year first.
    pub years: Vec<YearEntry>,
    /// In `themes.toml` order.
    pub themes: Vec<ThemeEntry>,
    /// Every finding, overdue and open first.
    pub findings: Vec<FindingEntry>,
    /// On-time rate per year of publication, newest first.
    pub rates: Vec<YearRate>,
    /// A national site's statuses and records, body by body.
    pub national: Option<national::NationalIndex>,
}

impl Indexes {
    pub fn build(archive: &Archive, today: Date) -> Indexes {
        // The findings tracker's list is the longest to make: made beside the rest.
        let ((responses_of, timeliness, rates, years, themes), findings) = rayon::join(
            || {
                let responses_of = deadlines::responses_of(archive);
                let timeliness = deadlines::timeliness(archive, &responses_of, today);
                let rates = deadlines::rates(archive, &timeliness);
                let years = years::years(archive);
                let themes = themes::themes(archive);
                (responses_of, timeliness, rates, years, themes)
            },
            || {
                let findings = findings::findings(archive, today);
                (findings, national::national(archive, today))
            },
        );
        let (findings, national) = findings;
        Indexes {
            today,
            years,
            themes,
            findings,
            rates,
            timeliness,
            responses_of,
            national,
        }
    }
}
