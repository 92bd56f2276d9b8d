//! Archive: the validated, cross-checked content of a site. Only [`validate::validate`] builds one.

pub mod national;
pub mod translations;
pub mod validate;

use rustc_hash::FxHashMap;
use std::path::PathBuf;

use crate::dates::{Date, Due};
use crate::deadline::DeadlineRule;
use crate::frontmatter::Located;
use crate::markdown::RawHtml;
use crate::routes::SiteAddress;
use crate::vocabulary::{
    CmsBackend, FindingKind, Grade, PageKind, ReportType, Sector, StatusId, StatusWords,
};

pub use validate::{ValidateOptions, check_statement, validate};

/// `config.toml`, resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub title: String,
    /// Always ends with `/`.
    pub base_url: String,
    /// The path part of `base_url`, starting and ending with `/` (`/hmicfrs/`).
    pub base_path: String,
    pub language: String,
    pub organisation: String,
    pub force: Option<String>,
    pub theme: String,
    pub deadline: DeadlineRule,
    /// What becomes of raw HTML in Markdown bodies (`[markdown] raw_html`, escaped by default).
    pub raw_html: RawHtml,
    /// Where to ask for an attachment in another format (`accessible_formats_email`).
    pub accessible_formats_email: Option<String>,
    /// The words a finding's status may take: the default list, or the office's own.
    pub statuses: StatusWords,
    /// The browser editor, when `[cms]` turns it on.
    pub cms: Option<Cms>,
    /// `[[sources]]`: the offices a national site is built from; empty for an office's site.
    pub sources: Vec<SourceConfig>,
    /// `[languages.<code>]`: each language besides the main one, served under `/<code>/`, in
    /// the order written; empty for a site of one language.
    pub languages: Vec<LanguageConfig>,
}

/// One `[languages.<code>]` table, checked: the config's words in that language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LanguageConfig {
    /// A BCP 47 code (`cy`), also the folder of its pages.
    pub code: String,
    pub title: String,
    pub organisation: String,
    pub force: Option<String>,
}

/// One `[[sources]]` table, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceConfig {
    /// A slug: the body's page is `/bodies/<key>/`.
    pub key: String,
    pub name: String,
    /// Relative to the site root.
    pub file: PathBuf,
    pub format: crate::national::SourceFormat,
}

/// `[cms]`, checked: where the browser editor saves, and how editors sign in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cms {
    pub backend: CmsBackend,
    /// `owner/name`; `None` only for the test repository.
    pub repo: Option<String>,
    pub branch: String,
    /// Each save becomes a pull (merge) request.
    pub editorial_workflow: bool,
    /// GitHub: the OAuth service that signs editors in.
    pub auth_url: Option<String>,
    /// GitLab: the PKCE application id.
    pub app_id: Option<String>,
    pub api_root: Option<String>,
}

impl Config {
    /// Where the site is published, to make its links and addresses.
    pub fn address(&self) -> SiteAddress<'_> {
        SiteAddress::new(&self.base_url, &self.base_path)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    /// Its words in each other language (`[<slug>.<code>]`).
    pub translations: Vec<NamedWords>,
}

/// An area HMICFRS grades (`content/grade-areas.toml`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GradeArea {
    pub key: String,
    pub title: String,
    pub description: Option<String>,
    /// Its words in each other language (`[<key>.<code>]`).
    pub translations: Vec<NamedWords>,
}

/// A theme's or graded area's title and description in another language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedWords {
    pub language: String,
    pub title: String,
    pub description: Option<String>,
}

/// The grade a report gave in one area.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AreaGrade {
    /// A key of [`Archive::grade_areas`].
    pub area: String,
    pub grade: Grade,
}

/// A document's Markdown body: held in memory, or only where it is in its file. A build keeps
/// bodies in their files, so that an archive of any size fits in memory, and reads each one
/// again when its page is rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    Text(String),
    InFile(crate::source::BodyLocation),
}

impl Default for Body {
    fn default() -> Body {
        Body::Text(String::new())
    }
}

impl From<crate::document::Body> for Body {
    /// The body as the archive keeps it: its text, or where it is in its file.
    fn from(body: crate::document::Body) -> Body {
        match body.location {
            Some(location) => Body::InFile(location),
            None => Body::Text(body.markdown),
        }
    }
}

impl Body {
    /// The Markdown, read again from its file if it is not held.
    pub fn text(&self) -> Result<std::borrow::Cow<'_, str>, crate::diagnostic::Diagnostic> {
        match self {
            Body::Text(text) => Ok(std::borrow::Cow::Borrowed(text)),
            Body::InFile(location) => {
                crate::source::read_body(location).map(std::borrow::Cow::Owned)
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub slug: String,
    pub source: PathBuf,
    pub title: String,
    pub published: Date,
    pub report_type: ReportType,
    pub sector: Sector,
    pub themes: Vec<String>,
    pub url: Option<String>,
    pub summary: Option<String>,
    pub statutory: Option<bool>,
    pub follows_up: Option<String>,
    pub draft: bool,
    pub findings: Vec<Finding>,
    /// In the display order of `grade-areas.toml`, each area once.
    pub grades: Vec<AreaGrade>,
    pub body: Body,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub id: String,
    pub kind: FindingKind,
    pub text: String,
    pub addressed_to: Vec<String>,
    pub applies: bool,
    pub owner: Option<String>,
    /// The day it is due, computed from what was written.
    pub due: Option<Date>,
    /// The form the editor wrote it in; present exactly when `due` is.
    pub due_as_written: Option<Due>,
    pub status: Option<StatusId>,
    /// Sorted by date, oldest first.
    pub updates: Vec<FindingUpdate>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingUpdate {
    pub date: Date,
    pub status: StatusId,
    pub note: Option<String>,
}

impl Finding {
    /// The latest update's status, else `status`, else open (not-applicable when it does not
    /// apply), among the site's `words`.
    pub fn current_status(&self, words: &StatusWords) -> StatusId {
        self.updates
            .last()
            .map(|update| update.status)
            .or(self.status)
            .unwrap_or_else(|| words.unwritten(self.applies))
    }

    /// The due date as pages say it, in the form it was written ([`Due::reads`]).
    pub fn due_text(&self) -> Option<String> {
        Some(self.due_as_written.as_ref()?.reads(self.due?))
    }

    /// As [`Finding::due_text`], in `language` ("erbyn Mawrth 2024").
    pub fn due_text_in(&self, language: &str) -> Option<String> {
        Some(self.due_as_written.as_ref()?.reads_in(self.due?, language))
    }

    /// Past its due date while still being worked on (open or in progress; with the office's
    /// own words, not closed).
    pub fn is_overdue(&self, today: Date, words: &StatusWords) -> bool {
        self.due.is_some_and(|due| today > due) && words.get(self.current_status(words)).active
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub slug: String,
    pub source: PathBuf,
    /// Slugs of the reports answered, at least one.
    pub reports: Vec<String>,
    pub date: Option<Date>,
    pub published: Option<Date>,
    pub title: Option<String>,
    pub author: Option<String>,
    pub role: Option<String>,
    pub to: Option<String>,
    pub cc: Vec<String>,
    pub our_ref: Option<String>,
    pub addresses: Vec<String>,
    pub draft: bool,
    pub attachments: Vec<Attachment>,
    pub body: Body,
}

impl Response {
    /// The date that counts for the deadline: `published`, else `date`.
    pub fn counting_date(&self) -> Option<Date> {
        crate::deadline::response_date(self.date, self.published)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    /// The path under `content/`, which is also its path under the site root.
    pub file: String,
    pub title: String,
    pub size: u64,
    pub disk_path: PathBuf,
}

/// The attachments of a draft response, which the archive leaves out: `check` still opens them,
/// since they are published as soon as the draft is.
#[derive(Clone, Debug)]
pub struct DraftAttachments {
    /// The response's file.
    pub source: PathBuf,
    pub attachments: Vec<Attachment>,
}

impl Attachment {
    /// "PDF", "DOCX": the file type as people name it.
    pub fn file_type(&self) -> String {
        std::path::Path::new(&self.file)
            .extension()
            .map(|ext| ext.to_string_lossy().to_uppercase())
            .unwrap_or_else(|| "File".into())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    pub slug: String,
    pub source: PathBuf,
    pub title: String,
    pub summary: Option<String>,
    pub updated: Option<Date>,
    pub draft: bool,
    pub kind: PageKind,
    /// When the accessibility statement was last reviewed, where it is written (so that `check`
    /// can point at it); only an accessibility statement has one.
    pub reviewed: Option<Located<Date>>,
    pub body: Body,
}

/// The documents of an archive, as validation passes them to [`Archive::new`].
type Documents = (Vec<Report>, Vec<Response>, Vec<Page>, Vec<DraftAttachments>);

/// A report by its place in the archive's order (newest first). Indexes, pages and serve hold
/// these rather than bare positions, so that a report's place is never taken for a response's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReportId(usize);

/// A response by its place in the archive's order (newest first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ResponseId(usize);

impl ReportId {
    pub fn at(position: usize) -> ReportId {
        ReportId(position)
    }

    /// The position, for lists kept in report order (cards, timeliness, answers).
    pub fn index(self) -> usize {
        self.0
    }
}

impl From<ReportId> for usize {
    fn from(id: ReportId) -> usize {
        id.0
    }
}

impl From<ResponseId> for usize {
    fn from(id: ResponseId) -> usize {
        id.0
    }
}

impl ResponseId {
    pub fn at(position: usize) -> ResponseId {
        ResponseId(position)
    }

    /// The position, for lists kept in response order (cards).
    pub fn index(self) -> usize {
        self.0
    }
}

/// Everything a site is built from, checked and cross-referenced.
#[derive(Clone, Debug)]
pub struct Archive {
    pub config: Config,
    /// In `themes.toml` order.
    pub themes: Vec<Theme>,
    /// In `grade-areas.toml` order.
    pub grade_areas: Vec<GradeArea>,
    /// Newest first (by publication date, then slug).
    pub reports: Vec<Report>,
    /// Newest first (by counting date, undated last, then slug).
    pub responses: Vec<Response>,
    /// By slug.
    pub pages: Vec<Page>,
    /// The attachments of the draft responses left out of `responses`.
    pub draft_attachments: Vec<DraftAttachments>,
    /// A national site's sources, matched (`None` without `[[sources]]`).
    pub national: Option<national::National>,
    /// The documents' words in the site's other languages.
    pub translations: translations::Translations,
    /// In an archive made for another language ([`Archive::in_language`]), the sources of the
    /// documents with no translation in it; empty otherwise.
    pub untranslated: rustc_hash::FxHashSet<PathBuf>,
    /// Fast hashing: every build looks slugs up tens of thousands of times, in the editors'
    /// own content (no hash flooding to fear).
    report_index: FxHashMap<String, usize>,
    theme_index: FxHashMap<String, usize>,
}

impl Archive {
    pub fn report(&self, slug: &str) -> Option<&Report> {
        self.report_index
            .get(slug)
            .map(|&index| &self.reports[index])
    }

    pub fn report_at(&self, id: ReportId) -> &Report {
        &self.reports[id.0]
    }

    pub fn response_at(&self, id: ResponseId) -> &Response {
        &self.responses[id.0]
    }

    pub fn report_position(&self, slug: &str) -> Option<ReportId> {
        self.report_index.get(slug).copied().map(ReportId)
    }

    /// Every report, in order.
    pub fn report_ids(&self) -> impl Iterator<Item = ReportId> + use<> {
        (0..self.reports.len()).map(ReportId)
    }

    /// Every response, in order.
    pub fn response_ids(&self) -> impl Iterator<Item = ResponseId> + use<> {
        (0..self.responses.len()).map(ResponseId)
    }

    pub fn theme(&self, slug: &str) -> Option<&Theme> {
        self.theme_index.get(slug).map(|&index| &self.themes[index])
    }

    /// A graded area by its key.
    pub fn grade_area(&self, key: &str) -> Option<&GradeArea> {
        self.grade_areas.iter().find(|area| area.key == key)
    }

    /// Whether any report has grades: the grades page and its links exist only then.
    pub fn has_grades(&self) -> bool {
        self.reports.iter().any(|report| !report.grades.is_empty())
    }

    /// The deadline of a report, `None` when the duty does not apply.
    pub fn deadline(&self, report: &Report) -> Option<Date> {
        let rule = &self.config.deadline;
        rule.applies(report.sector, report.published, report.statutory)
            .then(|| rule.deadline(report.published))
    }

    fn new(
        config: Config,
        (themes, grade_areas): (Vec<Theme>, Vec<GradeArea>),
        (reports, responses, pages, draft_attachments): Documents,
        national: Option<national::National>,
        translations: translations::Translations,
    ) -> Archive {
        let mut archive = Archive {
            config,
            themes,
            grade_areas,
            reports,
            responses,
            pages,
            draft_attachments,
            national,
            translations,
            untranslated: rustc_hash::FxHashSet::default(),
            report_index: FxHashMap::default(),
            theme_index: FxHashMap::default(),
        };
        archive.sort_and_index();
        archive
    }

    /// Puts documents in site order and indexes them by slug, as [`Archive::new`] leaves them.
    fn sort_and_index(&mut self) {
        self.sort_reports();
        self.sort_responses();
        self.pages.sort_by(|a, b| a.slug.cmp(&b.slug));
        self.theme_index = self
            .themes
            .iter()
            .enumerate()
            .map(|(i, t)| (t.slug.clone(), i))
            .collect();
    }

    /// Newest first, by publication date then slug; indexed by slug. Returns where each report
    /// now was before, or `None` when none moved (then the index is kept).
    fn sort_reports(&mut self) -> Option<Vec<usize>> {
        let moved = sorted_order(&mut self.reports, |a, b| {
            b.published
                .cmp(&a.published)
                .then_with(|| a.slug.cmp(&b.slug))
        });
        if moved.is_some() || self.report_index.len() != self.reports.len() {
            self.report_index = self
                .reports
                .iter()
                .enumerate()
                .map(|(i, r)| (r.slug.clone(), i))
                .collect();
        }
        moved
    }

    /// Newest first, by counting date (undated last) then slug. As [`Archive::sort_reports`].
    fn sort_responses(&mut self) -> Option<Vec<usize>> {
        sorted_order(&mut self.responses, |a, b| {
            let (da, db) = (a.counting_date(), b.counting_date());
            db.cmp(&da).then_with(|| a.slug.cmp(&b.slug))
        })
    }

    /// Replaces the documents with the same slugs as these revalidated ones (serve's
    /// incremental rebuild, after [`validate()`] accepted them with everything they refer to),
    /// then restores site order. Returns how the documents moved, or `None`, changing nothing,
    /// when one is not in the archive.
    pub fn replace_documents(
        &mut self,
        reports: Vec<Report>,
        responses: Vec<Response>,
        pages: Vec<Page>,
    ) -> Option<Moves> {
        let known = reports
            .iter()
            .all(|r| self.report_index.contains_key(&r.slug))
            && responses
                .iter()
                .all(|r| self.responses.iter().any(|old| old.slug == r.slug))
            && pages
                .iter()
                .all(|p| self.pages.iter().any(|old| old.slug == p.slug));
        if !known {
            return None;
        }
        // Site order follows reports' publication dates and responses' counting dates only.
        let reorder_reports = reports.iter().any(|r| {
            self.report(&r.slug)
                .is_none_or(|old| old.published != r.published)
        });
        let reorder_responses = responses.iter().any(|r| {
            self.responses
                .iter()
                .find(|old| old.slug == r.slug)
                .is_none_or(|old| old.counting_date() != r.counting_date())
        });
        let mut replaced_reports = Vec::with_capacity(reports.len());
        for report in reports {
            if let Some(&index) = self.report_index.get(&report.slug) {
                self.reports[index] = report;
                replaced_reports.push(index);
            }
        }
        let mut replaced_responses = Vec::with_capacity(responses.len());
        for response in responses {
            if let Some(index) = self
                .responses
                .iter()
                .position(|old| old.slug == response.slug)
            {
                self.responses[index] = response;
                replaced_responses.push(index);
            }
        }
        for page in pages {
            if let Some(old) = self.pages.iter_mut().find(|old| old.slug == page.slug) {
                *old = page;
            }
        }
        let reports_moved = reorder_reports.then(|| self.sort_reports()).flatten();
        let responses_moved = reorder_responses.then(|| self.sort_responses()).flatten();
        Some(Moves {
            replaced_reports: (now_at(replaced_reports, reports_moved.as_deref()).into_iter())
                .map(ReportId)
                .collect(),
            replaced_responses: (now_at(replaced_responses, responses_moved.as_deref()))
                .into_iter()
                .map(ResponseId)
                .collect(),
            reports: reports_moved,
            responses: responses_moved,
        })
    }
}

/// How [`Archive::replace_documents`] moved the documents.
#[derive(Debug, Default)]
pub struct Moves {
    /// For each report now, its position before; `None` when none moved.
    pub reports: Option<Vec<usize>>,
    /// For each response now, its position before; `None` when none moved.
    pub responses: Option<Vec<usize>>,
    /// Where the reports and responses replaced are now.
    pub replaced_reports: Vec<ReportId>,
    pub replaced_responses: Vec<ResponseId>,
}

/// Where the documents at `positions` before are now, after `moved`.
fn now_at(positions: Vec<usize>, moved: Option<&[usize]>) -> Vec<usize> {
    match moved {
        None => positions,
        Some(moved) => positions
            .into_iter()
            .filter_map(|before| moved.iter().position(|&was| was == before))
            .collect(),
    }
}

/// Sorts `documents` by `order` (stably), returning where each one now was before; `None`
/// when none moved.
fn sorted_order<T>(
    documents: &mut Vec<T>,
    order: impl Fn(&T, &T) -> std::cmp::Ordering,
) -> Option<Vec<usize>> {
    let mut positions: Vec<usize> = (0..documents.len()).collect();
    positions.sort_by(|&a, &b| order(&documents[a], &documents[b]));
    if positions.iter().enumerate().all(|(now, &was)| now == was) {
        return None;
    }
    let mut slots: Vec<Option<T>> = std::mem::take(documents).into_iter().map(Some).collect();
    // `positions` holds each position once: every slot is taken, once.
    *documents = positions
        .iter()
        .filter_map(|&was| slots[was].take())
        .collect();
    Some(positions)
}

#[cfg(test)]
mod tests {
    use super::sorted_order;

    #[test]
    fn sorting_tells_where_each_document_was() {
        let mut words = vec!["c", "a", "b", "a2"];
        let moved = sorted_order(&mut words, |a, b| a.cmp(b));
        assert_eq!(words, ["a", "a2", "b", "c"]);
        assert_eq!(moved, Some(vec![1, 3, 2, 0]));
        assert_eq!(sorted_order(&mut words, |a, b| a.cmp(b)), None);
        assert_eq!(words, ["a", "a2", "b", "c"]);
    }
}
