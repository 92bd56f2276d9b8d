//! Pages: the context of every HTML page of the site, rendered through the theme in parallel.
//! Each page is built, rendered and handed on as soon as it is made, so a large site is never
//! held in memory whole; what many pages show (cards, finding texts) is made once. Which pages
//! there are is `list`; what many pages share is `shared`; each page's context is built in
//! `documents` (reports, responses, pages) or `listings` (home, years, themes, grades, findings,
//! deadlines, search, 404); which pages show a document is `showing`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use minijinja::Value;
use minijinja::value::{Enumerator, Object, ObjectRepr, Serde};
use rayon::prelude::*;
use serde::Serialize;

use super::views::{AlternateView, LanguageName, LinkView, PageLanguage, SiteView, ViewBuilder};
use super::{Contents, OutputFile, TemplateSet};
use crate::archive::{Archive, ReportId};
use crate::diagnostic::Diagnostic;
use crate::indexes::Indexes;
use crate::markdown::MarkdownRenderer;
use crate::parallel::PARALLEL_GRAIN;
use crate::routes::Route;

/// Like `context!`, but every value may be any `Serialize` type (views, lists of views).
macro_rules! page_context {
    ($($key:ident $(=> $value:expr)?),* $(,)?) => {
        minijinja::context! { $($key => minijinja::Value::from(minijinja::value::Serde(&page_context!(@value $key $($value)?)))),* }
    };
    (@value $key:ident) => { $key };
    (@value $key:ident $value:expr) => { $value };
}

mod documents;
mod list;
mod listings;
mod national;
mod pagination;
mod shared;
pub mod showing;

use documents::{content_page, report_page, response_page};
pub use list::{PageKind, PageList, Wanted};
use listings::{
    deadlines_page, findings_page, grades_page, home, not_found, search_page, theme_page,
    themes_page, year_page, years_page,
};
pub use shared::{Items, SharedParts, TrackerRows, finding_html, finding_rows, item, render_item};

/// A list of views that becomes template values one item at a time, as the template reaches
/// each: the findings tracker of a national archive is never held as values whole (they take
/// several times the memory of the views). To templates it is a list like any other: the same
/// representation, items, length and order as the serialised `Vec`.
#[derive(Debug)]
struct ValuesOnDemand<T>(Vec<T>);

impl<T> Object for ValuesOnDemand<T>
where
    T: Serialize + Send + Sync + std::fmt::Debug + 'static,
{
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.0
            .get(key.as_usize()?)
            .map(|item| Value::from(Serde(item)))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.0.len())
    }
}

/// What every page tells the base template about itself.
#[derive(Clone, Debug, Serialize)]
struct PageMeta {
    title: String,
    description: Option<String>,
    /// The page's own path under the base (`reports/x/`), for canonical links.
    path: String,
    breadcrumbs: Vec<LinkView>,
    draft: bool,
    /// Open Graph type: `article` for reports and responses, else `website`.
    og_type: &'static str,
    /// schema.org JSON-LD, already safe to place inside a `<script>` element.
    json_ld: Option<String>,
    /// A feed of this page's subject, besides the site-wide feed.
    feed: Option<LinkView>,
    /// The page in each language of the site, the main one first (for `hreflang` links and
    /// the language switcher); empty for a site of one language.
    alternates: Vec<AlternateView>,
}

/// JSON for a `<script type="application/ld+json">` element: `<`, `>` and `&` are written as
/// `\u003c` and so on, so no string can close the element.
fn json_ld(value: &serde_json::Value) -> String {
    let json = serde_json::to_string(value).unwrap_or_default();
    let mut safe = String::with_capacity(json.len() + 32);
    for c in json.chars() {
        match c {
            '<' => safe.push_str("\\u003c"),
            '>' => safe.push_str("\\u003e"),
            '&' => safe.push_str("\\u0026"),
            c => safe.push(c),
        }
    }
    safe
}

/// A page waiting to be rendered: template and context.
struct PageJob {
    template: &'static str,
    context: Value,
}

/// The pages of a site, and what several of them show, made once rather than once per page.
pub struct Pages<'a> {
    views: ViewBuilder<'a>,
    markdown: &'a MarkdownRenderer,
    site: SiteView,
    /// `site` as a template value, shared by every page.
    site_value: Value,
    /// Each report's card (archive order), for every list that shows it.
    report_cards: Vec<Value>,
    /// Each response's card (archive order).
    response_cards: Vec<Value>,
    /// Each finding's text as HTML, by report and finding: shown on its report page and the tracker.
    finding_html: Vec<Vec<String>>,
    /// The list entries, rendered once for every page that lists them.
    items: Items,
    /// For each report, the reports that follow it up, in archive order.
    followed_by: Vec<Vec<ReportId>>,
    list: PageList,
    /// The tracker's rows are not in `items`: each page of the tracker renders its own through
    /// the theme's finding item.
    rows_by_page: bool,
}

impl<'a> Pages<'a> {
    pub fn new(
        archive: &'a Archive,
        indexes: &'a Indexes,
        markdown: &'a MarkdownRenderer,
        theme: &TemplateSet,
        tracker_rows: TrackerRows,
    ) -> Result<Pages<'a>, Vec<Diagnostic>> {
        Pages::new_in(
            archive,
            indexes,
            markdown,
            theme,
            tracker_rows,
            PageLanguage::main(&archive.config),
        )
    }

    /// As [`Pages::new`], the pages of `language` (under its folder, for a language other
    /// than the main one).
    pub fn new_in(
        archive: &'a Archive,
        indexes: &'a Indexes,
        markdown: &'a MarkdownRenderer,
        theme: &TemplateSet,
        tracker_rows: TrackerRows,
        language: PageLanguage<'a>,
    ) -> Result<Pages<'a>, Vec<Diagnostic>> {
        let list = PageList::new_in(archive, indexes, language.folder);
        Pages::listed(
            archive,
            indexes,
            markdown,
            theme,
            tracker_rows,
            (language, list),
        )
    }

    /// As [`Pages::new_in`], with the list of the language's pages already made.
    pub fn listed(
        archive: &'a Archive,
        indexes: &'a Indexes,
        markdown: &'a MarkdownRenderer,
        theme: &TemplateSet,
        tracker_rows: TrackerRows,
        (language, list): (PageLanguage<'a>, PageList),
    ) -> Result<Pages<'a>, Vec<Diagnostic>> {
        let parts = SharedParts::new_in(archive, indexes, markdown, theme, tracker_rows, language)?;
        let mut pages = Pages::from_parts_in(archive, indexes, markdown, parts, list, language);
        pages.rows_by_page =
            tracker_rows == TrackerRows::ByPage && theme.has_template(item::FINDING);
        Ok(pages.with_theme_words(theme))
    }

    /// These pages with the theme's interface words and each language's name in them (for
    /// the language switcher), as [`Pages::new_in`] makes them.
    pub fn with_theme_words(mut self, theme: &TemplateSet) -> Pages<'a> {
        let names = LanguageName::every(&self.views.archive.config, &theme.words);
        self.views = (self.views)
            .with_names(std::sync::Arc::from(names))
            .with_words(std::sync::Arc::clone(&theme.words));
        self
    }

    /// As [`Pages::new`], with the cards and finding texts (in archive order) and the page list
    /// already made.
    pub fn from_parts(
        archive: &'a Archive,
        indexes: &'a Indexes,
        markdown: &'a MarkdownRenderer,
        parts: SharedParts,
        list: PageList,
    ) -> Pages<'a> {
        let language = PageLanguage::main(&archive.config);
        Pages::from_parts_in(archive, indexes, markdown, parts, list, language)
    }

    /// As [`Pages::from_parts`], in `language`.
    pub fn from_parts_in(
        archive: &'a Archive,
        indexes: &'a Indexes,
        markdown: &'a MarkdownRenderer,
        parts: SharedParts,
        list: PageList,
        language: PageLanguage<'a>,
    ) -> Pages<'a> {
        let views = ViewBuilder::in_language(archive, indexes, language);
        let site = views.site();
        let site_value = Value::from(Serde(&site));
        let mut followed_by = vec![Vec::new(); archive.reports.len()];
        for (id, report) in archive.report_ids().zip(&archive.reports) {
            if let Some(earlier) = report.follows_up.as_deref() {
                if let Some(earlier) = archive.report_position(earlier) {
                    followed_by[earlier.index()].push(id);
                }
            }
        }
        Pages {
            views,
            markdown,
            site,
            site_value,
            report_cards: parts.report_cards,
            response_cards: parts.response_cards,
            finding_html: parts.finding_html,
            items: parts.items,
            followed_by,
            list,
            rows_by_page: false,
        }
    }

    /// The cards, finding texts and page list, to be kept for the next build.
    pub fn into_parts(self) -> (SharedParts, PageList) {
        let parts = SharedParts {
            report_cards: self.report_cards,
            response_cards: self.response_cards,
            finding_html: self.finding_html,
            items: self.items,
        };
        (parts, self.list)
    }

    /// Every page, in site order, with its output path.
    pub fn list(&self) -> &PageList {
        &self.list
    }

    /// Renders the `wanted` pages in parallel, handing each to `sink` as soon as it is rendered.
    /// After a problem (a template's, or a body that could not be read again) or a refusal by
    /// `sink`, pages are still rendered (to report every problem) but no longer handed on.
    /// Returns the problems, in page order, and the first refusal.
    pub fn render_each<E: Send>(
        &self,
        theme: &TemplateSet,
        wanted: Wanted<'_>,
        sink: &(dyn Fn(OutputFile) -> Result<(), E> + Sync),
    ) -> (Vec<Diagnostic>, Option<E>) {
        let pages = &self.list.pages;
        let mut schedule: Vec<usize> = match wanted {
            Wanted::Every => self.list.positions.values().copied().collect(),
            Wanted::Only(paths) => paths
                .iter()
                .filter_map(|path| self.list.positions.get(path.as_str()).copied())
                .collect(),
        };
        schedule.sort_unstable_by_key(|&position| (!pages[position].0.is_index(), position));
        let stopped = AtomicBool::new(false);
        let refusal: Mutex<Option<E>> = Mutex::new(None);
        let problems: Mutex<Vec<(usize, Diagnostic)>> = Mutex::new(Vec::new());
        schedule
            .into_par_iter()
            .with_max_len(PARALLEL_GRAIN)
            .for_each(|position| {
                let (kind, path) = &pages[position];
                let rendered = self
                    .job(*kind, theme)
                    .and_then(|job| match self.size_hint(*kind) {
                        Some(capacity) => theme.render_sized(job.template, job.context, capacity),
                        None => theme
                            .render(job.template, job.context)
                            .map(String::into_bytes),
                    });
                match rendered {
                    Ok(html) if !stopped.load(Ordering::Relaxed) => {
                        let file = OutputFile {
                            path: path.to_string(),
                            contents: Contents::Bytes(html),
                        };
                        if let Err(error) = sink(file) {
                            stopped.store(true, Ordering::Relaxed);
                            let mut first = refusal.lock().unwrap_or_else(|e| e.into_inner());
                            first.get_or_insert(error);
                        }
                    }
                    Ok(_) => {}
                    Err(problem) => {
                        stopped.store(true, Ordering::Relaxed);
                        let mut list = problems.lock().unwrap_or_else(|e| e.into_inner());
                        list.push((position, problem));
                    }
                }
            });
        let mut found = problems.into_inner().unwrap_or_else(|e| e.into_inner());
        found.sort_by_key(|(position, _)| *position);
        let mut problems: Vec<Diagnostic> = Vec::new();
        for (_, problem) in found {
            if !problems.contains(&problem) {
                problems.push(problem);
            }
        }
        let refusal = refusal.into_inner().unwrap_or_else(|e| e.into_inner());
        (problems, refusal)
    }

    /// About how large the pages listing every report or finding will be, from the default
    /// theme's: only how much memory is set aside first, never what is written.
    fn size_hint(&self, kind: PageKind) -> Option<usize> {
        let indexes = self.views.indexes;
        match kind {
            PageKind::Findings | PageKind::FindingsPage(_) => Some(
                64 * 1024
                    + 768
                        * indexes
                            .findings
                            .len()
                            .min(crate::indexes::FINDINGS_PER_PAGE),
            ),
            PageKind::Deadlines => Some(64 * 1024 + 768 * indexes.timeliness.len()),
            _ => None,
        }
    }

    /// A page's template and context; `Err` when its body could not be read again.
    fn job(&self, kind: PageKind, theme: &TemplateSet) -> Result<PageJob, Diagnostic> {
        Ok(match kind {
            PageKind::Home => home(self),
            PageKind::Report(index) => report_page(self, index)?,
            PageKind::Response(index) => response_page(self, index)?,
            PageKind::Years => years_page(self),
            PageKind::Year(position) => year_page(self, position),
            PageKind::Themes => themes_page(self),
            PageKind::Theme(position) => theme_page(self, position),
            PageKind::Content(index) => content_page(self, index)?,
            PageKind::Grades => grades_page(self),
            PageKind::Findings => findings_page(self, 1, theme)?,
            PageKind::FindingsPage(page) => findings_page(self, page, theme)?,
            PageKind::Deadlines => deadlines_page(self),
            PageKind::Search => search_page(self),
            PageKind::NotFound => not_found(self),
            PageKind::Bodies => national::bodies_page(self),
            PageKind::Body(at) => national::body_page(self, at),
            PageKind::NationalReport(at) => national::report_page(self, at),
            PageKind::NationalReports(order, page) => national::reports_page(self, order, page),
        })
    }
}

fn crumbs(views: &ViewBuilder<'_>, trail: &[(&str, Route<'_>)]) -> Vec<LinkView> {
    let mut links = vec![LinkView {
        title: views.say("program.home", &[]),
        url: views.link(Route::Home),
    }];
    links.extend(trail.iter().map(|&(title, route)| LinkView {
        title: title.into(),
        url: views.link(route),
    }));
    links
}

fn meta(
    views: &ViewBuilder<'_>,
    title: impl Into<String>,
    description: Option<String>,
    route: Route<'_>,
    breadcrumbs: Vec<LinkView>,
) -> PageMeta {
    PageMeta {
        title: title.into(),
        description,
        path: route.address_in(views.language.folder).into_owned(),
        breadcrumbs,
        draft: false,
        og_type: "website",
        json_ld: None,
        feed: None,
        alternates: views.alternates(route),
    }
}
