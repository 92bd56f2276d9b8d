//! Views: the serialisable structs templates receive — the theme's whole contract with the
//! generator. Built from the archive and indexes; templates never see the model itself.

use serde::Serialize;

use crate::archive::{Archive, AreaGrade, Finding, Report, ReportId, Response, ResponseId};
use crate::dates::Date;
use crate::deadline::day_number;
use crate::indexes::{FindingEntry, Indexes, ReportTimeliness};
use crate::routes::{Route, SiteAddress};
use crate::vocabulary::{PageKind, ResponseStatus, Sector, Vocabulary};

/// Site-wide values every template gets as `site`.
#[derive(Clone, Debug, Serialize)]
pub struct SiteView {
    pub title: String,
    pub base_url: String,
    pub base_path: String,
    pub language: String,
    pub organisation: String,
    pub force: Option<String>,
    pub today: DateView,
    pub deadline_days: i64,
    pub nav: Vec<LinkView>,
    pub footer_pages: Vec<LinkView>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct DateView {
    /// `2023-05-02`, for `<time datetime>`.
    pub iso: String,
    /// `2 May 2023`.
    pub long: String,
}

impl From<Date> for DateView {
    fn from(date: Date) -> DateView {
        DateView {
            iso: date.iso(),
            long: date.long(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct LinkView {
    pub title: String,
    pub url: String,
}

/// A report's response status as pages show it: a tag and a sentence.
#[derive(Clone, Debug, Serialize)]
pub struct StatusView {
    /// `on-time`, `late`, `due`, `overdue`, `no-deadline`, `date-unknown`.
    pub code: &'static str,
    /// "On time", "Late by 161 days": the tag text, which never relies on colour.
    pub label: String,
    pub days_late: Option<i64>,
    pub days_left: Option<i64>,
}

/// A report in a list.
#[derive(Clone, Debug, Serialize)]
pub struct ReportCardView {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub published: DateView,
    pub type_label: &'static str,
    pub sector: &'static str,
    pub summary: Option<String>,
    pub themes: Vec<LinkView>,
    pub deadline: Option<DateView>,
    pub status: StatusView,
    pub first_response: Option<DateView>,
    pub days_taken: Option<i64>,
    pub response_count: usize,
    pub finding_count: usize,
    pub draft: bool,
}

/// A response in a list.
#[derive(Clone, Debug, Serialize)]
pub struct ResponseCardView {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub date: Option<DateView>,
    pub published: Option<DateView>,
    /// The date that counts: published, else date.
    pub counting_date: Option<DateView>,
    pub reports: Vec<LinkView>,
    pub draft: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct FindingView {
    pub id: String,
    /// The element id on the report page, `finding-r3`.
    pub anchor: String,
    /// Link to the finding on its report page.
    pub url: String,
    pub kind: &'static str,
    pub kind_code: &'static str,
    pub text_html: String,
    pub addressed_to: Vec<String>,
    pub applies: bool,
    pub owner: Option<String>,
    pub due: Option<DateView>,
    /// The due date as it reads: "31 March 2024", "by March 2024" (written as a month) or
    /// "within 6 months (by 29 February 2024)" (a period after publication).
    pub due_text: Option<String>,
    pub status: String,
    pub status_code: String,
    /// Whether its status is a finished one (closed, superseded...; with the office's own
    /// words, one it marks `closed = true`).
    pub closed: bool,
    pub overdue: bool,
    pub updates: Vec<FindingUpdateView>,
    /// Responses that explain this finding (s.55(5B)).
    pub addressed_by: Vec<LinkView>,
    pub report: LinkView,
}

/// The grade HMICFRS gave in one area.
#[derive(Clone, Debug, Serialize)]
pub struct GradeView {
    /// The area's title, from `grade-areas.toml`.
    pub area: String,
    pub area_key: String,
    /// "Requires improvement": the tag text, which never relies on colour.
    pub grade: &'static str,
    /// `requires-improvement`, for CSS classes.
    pub grade_code: &'static str,
}

/// A report in the columns of the grades page.
#[derive(Clone, Debug, Serialize)]
pub struct GradedReportView {
    pub title: String,
    pub url: String,
    pub published: DateView,
    pub type_label: &'static str,
}

/// A graded area, a row of the grades page: its grade in each report of the columns.
#[derive(Clone, Debug, Serialize)]
pub struct GradeRowView {
    pub key: String,
    pub title: String,
    pub description: Option<String>,
    /// One per graded report, in the order of the columns; `None` where it did not grade
    /// this area.
    pub grades: Vec<Option<GradeView>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FindingUpdateView {
    pub date: DateView,
    pub status: String,
    pub status_code: String,
    pub note: Option<String>,
}

/// Builds views; holds what every view needs.
pub struct ViewBuilder<'a> {
    pub archive: &'a Archive,
    pub indexes: &'a Indexes,
    address: SiteAddress<'a>,
}

impl<'a> ViewBuilder<'a> {
    pub fn new(archive: &'a Archive, indexes: &'a Indexes) -> ViewBuilder<'a> {
        ViewBuilder {
            archive,
            indexes,
            address: archive.config.address(),
        }
    }

    /// A page or file as a link under the base path (`/hmicfrs/reports/x/`).
    pub fn link(&self, route: Route<'_>) -> String {
        self.address.link(route)
    }

    pub fn site(&self) -> SiteView {
        let config = &self.archive.config;
        let grades = (self.archive.has_grades()).then_some(("Grades", Route::Grades));
        let nav = [("Reports by year", Route::Years), ("Themes", Route::Themes)]
            .into_iter()
            .chain(grades)
            .chain([
                ("Findings", Route::Findings),
                ("Deadlines", Route::Deadlines),
                ("Search", Route::Search),
            ])
            .map(|(title, route)| LinkView {
                title: title.into(),
                url: self.link(route),
            })
            .collect();
        let footer_pages = self
            .archive
            .pages
            .iter()
            .map(|page| LinkView {
                // The words people look for in a footer, whatever the page's own title.
                title: match page.kind {
                    PageKind::AccessibilityStatement => "Accessibility statement".into(),
                    PageKind::Page => page.title.clone(),
                },
                url: self.link(Route::Page(&page.slug)),
            })
            .collect();
        SiteView {
            title: config.title.clone(),
            base_url: config.base_url.clone(),
            base_path: config.base_path.clone(),
            language: config.language.clone(),
            organisation: config.organisation.clone(),
            force: config.force.clone(),
            today: self.indexes.today.into(),
            deadline_days: config.deadline.days,
            nav,
            footer_pages,
        }
    }

    pub fn status(&self, status: ResponseStatus) -> StatusView {
        let label = match status {
            ResponseStatus::Late { days_late } => format!("Late by {}", plural(days_late, "day")),
            ResponseStatus::Due { days_left: 0 } => "Response due today".into(),
            ResponseStatus::Due { days_left } => {
                format!("Response due in {}", plural(days_left, "day"))
            }
            ResponseStatus::Overdue { days_overdue } => {
                format!("Overdue by {}", plural(days_overdue, "day"))
            }
            other => other.label().into(),
        };
        StatusView {
            code: status.code(),
            label,
            days_late: status.days_late(),
            days_left: status.days_left(),
        }
    }

    pub fn theme_links(&self, report: &Report) -> Vec<LinkView> {
        report
            .themes
            .iter()
            .filter_map(|slug| self.archive.theme(slug))
            .map(|theme| LinkView {
                title: theme.title.clone(),
                url: self.link(Route::Theme(&theme.slug)),
            })
            .collect()
    }

    pub fn report_card(&self, id: ReportId) -> ReportCardView {
        let report = self.archive.report_at(id);
        let timing = &self.indexes.timeliness[id.index()];
        ReportCardView {
            slug: report.slug.clone(),
            url: self.link(Route::Report(&report.slug)),
            title: report.title.clone(),
            published: report.published.into(),
            type_label: report.report_type.label(),
            sector: report.sector.label(),
            summary: report.summary.clone(),
            themes: self.theme_links(report),
            deadline: timing.deadline.map(DateView::from),
            status: self.status(timing.status),
            first_response: timing.first_response.map(DateView::from),
            days_taken: timing.days_taken,
            response_count: self.indexes.responses_of[id.index()].len(),
            finding_count: report.findings.len(),
            draft: report.draft,
        }
    }

    pub fn response_title(&self, response: &Response) -> String {
        if let Some(title) = &response.title {
            return title.clone();
        }
        let titles: Vec<&str> = response
            .reports
            .iter()
            .filter_map(|slug| self.archive.report(slug))
            .map(|report| report.title.as_str())
            .collect();
        format!("Response to {}", join_and(&titles))
    }

    pub fn response_card(&self, id: ResponseId) -> ResponseCardView {
        let response = self.archive.response_at(id);
        ResponseCardView {
            slug: response.slug.clone(),
            url: self.link(Route::Response(&response.slug)),
            title: self.response_title(response),
            date: response.date.map(DateView::from),
            published: response.published.map(DateView::from),
            counting_date: response.counting_date().map(DateView::from),
            reports: self.report_links(&response.reports),
            draft: response.draft,
        }
    }

    pub fn report_links(&self, slugs: &[String]) -> Vec<LinkView> {
        slugs
            .iter()
            .filter_map(|slug| self.archive.report(slug))
            .map(|report| LinkView {
                title: report.title.clone(),
                url: self.link(Route::Report(&report.slug)),
            })
            .collect()
    }

    pub fn finding(
        &self,
        report_id: ReportId,
        finding: &Finding,
        text_html: String,
    ) -> FindingView {
        let report = self.archive.report_at(report_id);
        let anchor = finding_anchor(&finding.id);
        let addressed_by = self.indexes.responses_of[report_id.index()]
            .iter()
            .map(|&i| self.archive.response_at(i))
            .filter(|response| response.addresses.contains(&finding.id))
            .map(|response| LinkView {
                title: self.response_title(response),
                url: self.link(Route::Response(&response.slug)),
            })
            .collect();
        let words = &self.archive.config.statuses;
        let status = words.get(finding.current_status(words));
        FindingView {
            id: finding.id.clone(),
            url: self
                .address
                .link_with_fragment(Route::Report(&report.slug), &anchor),
            anchor,
            kind: finding.kind.label(),
            kind_code: crate::vocabulary::Vocabulary::word(finding.kind),
            text_html,
            addressed_to: finding
                .addressed_to
                .iter()
                .map(|who| humanise(who))
                .collect(),
            applies: finding.applies,
            owner: finding.owner.clone(),
            due: finding.due.map(DateView::from),
            due_text: finding.due_text(),
            status: status.label.clone(),
            status_code: status.key.clone(),
            closed: status.closed,
            overdue: finding.is_overdue(self.indexes.today, words),
            updates: finding
                .updates
                .iter()
                .map(|update| FindingUpdateView {
                    date: update.date.into(),
                    status: words.get(update.status).label.clone(),
                    status_code: words.get(update.status).key.clone(),
                    note: update.note.clone(),
                })
                .collect(),
            addressed_by,
            report: LinkView {
                title: report.title.clone(),
                url: self.link(Route::Report(&report.slug)),
            },
        }
    }

    /// A report's grade in one area, titled from `grade-areas.toml`.
    pub fn grade(&self, grade: &AreaGrade) -> GradeView {
        let title = self.archive.grade_area(&grade.area).map(|area| &area.title);
        GradeView {
            area: title.unwrap_or(&grade.area).clone(),
            area_key: grade.area.clone(),
            grade: grade.grade.label(),
            grade_code: grade.grade.word(),
        }
    }

    pub fn finding_entry(&self, entry: &FindingEntry, text_html: String) -> FindingView {
        let finding = &self.archive.report_at(entry.report).findings[entry.finding];
        self.finding(entry.report, finding, text_html)
    }

    /// "Published by HMICFRS on 8 March 2023. The response was due by 2 May 2023 and was
    /// published on 2 May 2023, on time." ("is dated 2 May 2023" when only the letter's date is
    /// known.)
    pub fn timeliness_sentence(&self, report: &Report, timing: &ReportTimeliness) -> String {
        let published = format!("Published by HMICFRS on {}.", report.published.long());
        let deadline = timing.deadline.map(Date::long).unwrap_or_default();
        let first = timing.first_response.map(Date::long).unwrap_or_default();
        // A letter's date is not the day it went online: say which one is known.
        let when = if timing.first_response_published {
            "was published on"
        } else {
            "is dated"
        };
        let rest = match timing.status {
            ResponseStatus::OnTime => {
                format!("The response was due by {deadline} and {when} {first}, on time.")
            }
            ResponseStatus::Late { days_late } => format!(
                "The response was due by {deadline} and {when} {first}, {} late.",
                plural(days_late, "day")
            ),
            ResponseStatus::Due { days_left: 0 } => {
                format!("A response is due by {deadline}, which is today.")
            }
            ResponseStatus::Due { days_left } => {
                format!(
                    "A response is due by {deadline}, {} from today.",
                    plural(days_left, "day")
                )
            }
            ResponseStatus::Overdue { days_overdue } => format!(
                "A response was due by {deadline} and has not been published: it is {} overdue.",
                plural(days_overdue, "day")
            ),
            ResponseStatus::DateUnknown => format!(
                "The response was due by {deadline}. The response carries no date, so whether it was on time is unknown."
            ),
            ResponseStatus::NoDeadline => format!(
                "The {}-day duty to publish a response does not apply to this report{}.",
                self.archive.config.deadline.days,
                self.no_duty_reason(report)
            ),
        };
        format!("{published} {rest}")
    }

    fn no_duty_reason(&self, report: &Report) -> String {
        if report.statutory == Some(false) {
            String::new()
        } else if report.sector == Sector::Fire {
            ": it is a fire and rescue report".into()
        } else if report.published < self.archive.config.deadline.from {
            format!(
                ": it was published before the duty began on {}",
                self.archive.config.deadline.from.long()
            )
        } else {
            String::new()
        }
    }

    /// For a response page: how long it took for each report it answers, counting the day the
    /// report was published as day 1, as the 56-day rule does.
    pub fn response_timing(&self, response: &Response) -> Vec<String> {
        let Some(date) = response.counting_date() else {
            return vec!["This response carries no date, so how long it took is unknown.".into()];
        };
        let verb = if response.published.is_some() {
            "was published on"
        } else {
            "is dated"
        };
        let window = self.archive.config.deadline.days;
        response
            .reports
            .iter()
            .filter_map(|slug| self.archive.report(slug))
            .map(|report| {
                let took = format!(
                    "This response took {} (counting {}, the day HMICFRS published “{}”, as day 1). It {verb} {}",
                    plural(day_number(report.published, date), "day"),
                    report.published.long(),
                    report.title,
                    date.long(),
                );
                match self.archive.deadline(report) {
                    Some(deadline) if date <= deadline => {
                        format!("{took}; the deadline was {}, so it was on time.", deadline.long())
                    }
                    Some(deadline) => format!(
                        "{took}; the deadline was {}, so it was {} late.",
                        deadline.long(),
                        plural(date.days_since(deadline), "day")
                    ),
                    None => format!("{took}. The {window}-day duty does not apply to that report."),
                }
            })
            .collect()
    }
}

/// The element id of a finding on its report page: `R3` → `finding-r3`.
pub fn finding_anchor(id: &str) -> String {
    format!("finding-{}", crate::markdown::heading_slug(id))
}

/// "1 day", "2 days".
pub fn plural(count: i64, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// Cuts `text` to at most `limit` characters at a word boundary, adding "…".
pub fn shorten(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let cut: String = text.chars().take(limit.saturating_sub(1)).collect();
    let at_word = match cut.rfind(char::is_whitespace) {
        Some(space) if space > cut.len() / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([' ', ',', ';', ':']))
}

/// "a", "a and b", "a, b and c".
pub fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Bodies usually written as initials.
const ACRONYMS: &[&str] = &[
    "ersou", "nca", "npcc", "hmicfrs", "rocu", "cps", "vru", "vrus", "pcc", "pccs", "pfcc", "apcc",
    "ncsc",
];

/// `chief-constables` → "Chief constables", `ersou` → "ERSOU".
pub fn humanise(slug: &str) -> String {
    let words: Vec<String> = slug
        .split('-')
        .filter(|word| !word.is_empty())
        .enumerate()
        .map(|(index, word)| {
            if ACRONYMS.contains(&word) {
                word.to_uppercase()
            } else if index == 0 {
                capitalise(word)
            } else {
                word.to_string()
            }
        })
        .collect();
    words.join(" ")
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_for_people() {
        assert_eq!(plural(1, "day"), "1 day");
        assert_eq!(plural(0, "day"), "0 days");
        assert_eq!(join_and(&["a", "b", "c"]), "a, b and c");
        assert_eq!(humanise("chief-constables"), "Chief constables");
        assert_eq!(humanise("home-office"), "Home office");
        assert_eq!(humanise("ersou"), "ERSOU");
        assert_eq!(humanise("constituent-forces"), "Constituent forces");
        assert_eq!(finding_anchor("AFI 1"), "finding-afi-1");
    }
}
