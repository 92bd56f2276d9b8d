//! What many pages show, made once for all of them: each report's and response's card, each
//! finding's text as HTML, and the list entries the theme's item templates render.

use minijinja::Value;
use minijinja::value::Serde;
use rayon::prelude::*;

use super::super::TemplateSet;
use super::super::views::{PageLanguage, ViewBuilder};
use crate::archive::{Archive, Report, ReportId, ResponseId};
use crate::diagnostic::Diagnostic;
use crate::indexes::Indexes;
use crate::markdown::MarkdownRenderer;
use crate::parallel::PARALLEL_GRAIN;

/// The theme's templates for one entry of a list, rendered once per entry and reused by every
/// page that lists it. Each sees only its entry: `report` (a card), `response` (a card), or
/// `finding`. They are optional: a theme without one gets the entries as values, as before.
pub mod item {
    /// A report in a list of reports (home, year, theme pages).
    pub const REPORT: &str = "items/report.html";
    /// A response in a list of responses (home, year, report pages).
    pub const RESPONSE: &str = "items/response.html";
    /// A report's row in the table of deadlines.
    pub const DEADLINE: &str = "items/deadline.html";
    /// A finding's row in the findings tracker.
    pub const FINDING: &str = "items/finding.html";
}

/// What [`Pages::new`] makes once for all the pages that show it. Serve's incremental rebuild
/// keeps it between builds and remakes only the entries of the documents that changed.
pub struct SharedParts {
    /// Each report's card, in archive order.
    pub report_cards: Vec<Value>,
    /// Each response's card, in archive order.
    pub response_cards: Vec<Value>,
    /// Each finding's text as HTML, by report (archive order) and finding.
    pub finding_html: Vec<Vec<String>>,
    /// The entries of lists as the theme's item templates render them (empty when the theme
    /// has no such template): each report's list item and deadline row, each response's list
    /// item, and each finding's tracker row by report and finding.
    pub items: Items,
}

/// Rendered list entries, in archive order, each a safe HTML value. See [`item`].
#[derive(Default)]
pub struct Items {
    pub reports: Vec<Value>,
    pub deadlines: Vec<Value>,
    pub responses: Vec<Value>,
    /// `None` when the theme has no finding item (the tracker then gets the findings as
    /// values), or when the rows are made page by page as the tracker renders (a build, see
    /// [`TrackerRows`]).
    pub findings: Option<Vec<Vec<Value>>>,
}

/// Whether the findings tracker's rows are made once and kept (serve, whose incremental
/// rebuilds compare them), or made for each page of the tracker as it renders (a build: no
/// structure then holds every finding's row at once).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrackerRows {
    Kept,
    ByPage,
}

impl SharedParts {
    /// Frees the parts on all cores: at the end of a large build they are hundreds of thousands
    /// of allocations, a tenth of a second or more to free one by one on one core. (Unlike a
    /// thread of its own, this is done before the search index starts taking memory.)
    pub fn free(self) {
        fn free_all<T: Send>(values: Vec<T>) {
            values
                .into_par_iter()
                .with_max_len(PARALLEL_GRAIN)
                .for_each(drop);
        }
        free_all(self.report_cards);
        free_all(self.response_cards);
        free_all(self.finding_html);
        free_all(self.items.reports);
        free_all(self.items.deadlines);
        free_all(self.items.responses);
        free_all(self.items.findings.unwrap_or_default());
    }
}

impl Items {
    /// The entries at `positions` of `entries` (none when the theme renders no such entries).
    pub(super) fn at(
        entries: &[Value],
        positions: impl IntoIterator<Item = impl Into<usize>>,
    ) -> Vec<Value> {
        match entries.is_empty() {
            true => Vec::new(),
            false => (positions.into_iter())
                .map(|i| entries[i.into()].clone())
                .collect(),
        }
    }
}

impl SharedParts {
    /// Every card, finding text and list entry of the archive in `language`, made in parallel.
    pub fn new_in(
        archive: &Archive,
        indexes: &Indexes,
        markdown: &MarkdownRenderer,
        theme: &TemplateSet,
        tracker_rows: TrackerRows,
        language: PageLanguage<'_>,
    ) -> Result<SharedParts, Vec<Diagnostic>> {
        let views = ViewBuilder::in_language(archive, indexes, language)
            .with_words(std::sync::Arc::clone(&theme.words));
        let code = language.code;
        let report_cards: Vec<Value> = (0..archive.reports.len())
            .into_par_iter()
            .with_max_len(PARALLEL_GRAIN)
            .map(|index| Value::from(Serde(&views.report_card(ReportId::at(index)))))
            .collect();
        let response_cards: Vec<Value> = (0..archive.responses.len())
            .into_par_iter()
            .with_max_len(PARALLEL_GRAIN)
            .map(|index| Value::from(Serde(&views.response_card(ResponseId::at(index)))))
            .collect();
        let finding_html: Vec<Vec<String>> = archive
            .reports
            .par_iter()
            .with_max_len(PARALLEL_GRAIN)
            .map(|report| finding_html(report, markdown))
            .collect();
        let rows = (0..archive.reports.len())
            .into_par_iter()
            .with_max_len(PARALLEL_GRAIN)
            .map(|index| finding_rows(&views, theme, ReportId::at(index), &finding_html[index]));
        let findings = match theme.has_template(item::FINDING) && tracker_rows == TrackerRows::Kept
        {
            true => rows.collect::<Result<Vec<_>, _>>().map(Some),
            false => Ok(None),
        };
        let problem = |problem| vec![problem];
        let items = Items {
            reports: render_items(theme, item::REPORT, "report", &report_cards, code)
                .map_err(problem)?,
            deadlines: render_items(theme, item::DEADLINE, "report", &report_cards, code)
                .map_err(problem)?,
            responses: render_items(theme, item::RESPONSE, "response", &response_cards, code)
                .map_err(problem)?,
            findings: findings.map_err(problem)?,
        };
        Ok(SharedParts {
            report_cards,
            response_cards,
            finding_html,
            items,
        })
    }
}

/// One list entry: `template` rendered with `value` as `name` (and the page's `language`, for
/// `t()`), as a safe HTML value.
pub fn render_item(
    theme: &TemplateSet,
    template: &str,
    name: &str,
    value: &Value,
    language: &str,
) -> Result<Value, Diagnostic> {
    let context = Value::from(std::collections::BTreeMap::from([
        (name, value.clone()),
        ("language", Value::from(language)),
    ]));
    theme.render(template, context).map(Value::from_safe_string)
}

/// Every entry of `values` through `template`, in parallel; none when the theme has no
/// `template`.
fn render_items(
    theme: &TemplateSet,
    template: &str,
    name: &str,
    values: &[Value],
    language: &str,
) -> Result<Vec<Value>, Diagnostic> {
    if !theme.has_template(template) {
        return Ok(Vec::new());
    }
    values
        .par_iter()
        .with_max_len(PARALLEL_GRAIN)
        .map(|value| render_item(theme, template, name, value, language))
        .collect()
}

/// A report's findings as tracker rows, from their texts as HTML.
pub fn finding_rows(
    views: &ViewBuilder<'_>,
    theme: &TemplateSet,
    report: ReportId,
    texts: &[String],
) -> Result<Vec<Value>, Diagnostic> {
    views
        .archive
        .report_at(report)
        .findings
        .iter()
        .zip(texts)
        .map(|(finding, html)| {
            let view = Value::from(Serde(&views.finding(report, finding, html.clone())));
            render_item(theme, item::FINDING, "finding", &view, views.language.code)
        })
        .collect()
}

/// A report's findings' texts as HTML, in order.
pub fn finding_html(report: &Report, markdown: &MarkdownRenderer) -> Vec<String> {
    report
        .findings
        .iter()
        .map(|finding| markdown.render(&finding.text).html)
        .collect()
}
