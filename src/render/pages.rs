//! Pages: the context of every HTML page of the site, rendered through the theme in parallel.
//! Each page is built, rendered and handed on as soon as it is made, so a large site is never
//! held in memory whole; what many pages show (cards, finding texts) is made once.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use minijinja::value::{Enumerator, Object, ObjectRepr, Serde};
use minijinja::{Value, context};
use rayon::prelude::*;
use serde::Serialize;

use super::views::{DateView, FindingView, LinkView, SiteView, ViewBuilder, finding_anchor};
use super::{Contents, OutputFile, TemplateSet};
use crate::archive::{Archive, Report};
use crate::diagnostic::Diagnostic;
use crate::indexes::{FindingGroup, Indexes};
use crate::markdown::{Heading, MarkdownRenderer};
use crate::parallel::PARALLEL_GRAIN;
use crate::routes::{DataFile, Route};

/// Like `context!`, but every value may be any `Serialize` type (views, lists of views).
macro_rules! page_context {
    ($($key:ident $(=> $value:expr)?),* $(,)?) => {
        context! { $($key => Value::from(Serde(&page_context!(@value $key $($value)?)))),* }
    };
    (@value $key:ident) => { $key };
    (@value $key:ident $value:expr) => { $value };
}

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

/// Every page of the site. The order of [`Pages::new`] is the site's page order.
#[derive(Clone, Copy, Debug)]
pub enum PageKind {
    Home,
    Report(usize),
    Response(usize),
    Years,
    Year(usize),
    Themes,
    Theme(usize),
    Content(usize),
    Findings,
    Deadlines,
    Search,
    NotFound,
}

impl PageKind {
    /// Pages listing many documents, each one long job: started first, so that neither core
    /// is left with one of them at the end.
    fn is_index(self) -> bool {
        !matches!(
            self,
            PageKind::Report(_) | PageKind::Response(_) | PageKind::Content(_)
        )
    }
}

/// Every page of the site in site order, with its output path. Which pages there are, and
/// where, follows only the archive's order and the indexes' years and themes: serve keeps the
/// list between builds whose front matter did not change.
pub struct PageList {
    pages: Vec<(PageKind, Arc<str>)>,
    /// Each path's page: the first at that path, when two share one (as when a site was sorted
    /// and de-duplicated).
    positions: HashMap<Arc<str>, usize>,
    /// Every path, sorted (as the sitemap lists them). [`PageList::refit`] keeps the same paths,
    /// so it keeps this too.
    sorted: Vec<Arc<str>>,
}

impl PageList {
    pub fn new(archive: &Archive, indexes: &Indexes) -> PageList {
        let mut kinds = vec![PageKind::Home];
        kinds.extend((0..archive.reports.len()).map(PageKind::Report));
        kinds.extend((0..archive.responses.len()).map(PageKind::Response));
        kinds.push(PageKind::Years);
        kinds.extend((0..indexes.years.len()).map(PageKind::Year));
        kinds.push(PageKind::Themes);
        kinds.extend((0..indexes.themes.len()).map(PageKind::Theme));
        kinds.extend((0..archive.pages.len()).map(PageKind::Content));
        kinds.extend([
            PageKind::Findings,
            PageKind::Deadlines,
            PageKind::Search,
            PageKind::NotFound,
        ]);
        let pages: Vec<(PageKind, Arc<str>)> = kinds
            .into_iter()
            .map(|kind| (kind, Arc::from(page_path(archive, indexes, kind))))
            .collect();
        let mut positions = HashMap::with_capacity(pages.len());
        for (position, (_, path)) in pages.iter().enumerate() {
            positions.entry(Arc::clone(path)).or_insert(position);
        }
        let mut sorted: Vec<Arc<str>> = pages.iter().map(|(_, path)| Arc::clone(path)).collect();
        sorted.sort_unstable();
        PageList {
            pages,
            positions,
            sorted,
        }
    }

    /// A list of no pages: what a kept list leaves behind while it is lent out.
    pub fn empty() -> PageList {
        PageList {
            pages: Vec::new(),
            positions: HashMap::new(),
            sorted: Vec::new(),
        }
    }

    /// The output path of every page, in site order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.pages.iter().map(|(_, path)| &**path)
    }

    /// The output path of every page, sorted.
    pub fn sorted_paths(&self) -> impl Iterator<Item = &str> + Clone {
        self.sorted.iter().map(|path| &**path)
    }

    /// Where `path` is in [`PageList::sorted_paths`].
    pub fn sorted_position(&self, path: &str) -> Option<usize> {
        self.sorted.binary_search_by(|p| (**p).cmp(path)).ok()
    }

    /// How many pages there are.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    /// The page written at `path` (the first, when two share one).
    pub fn page_at(&self, path: &str) -> Option<PageKind> {
        self.positions
            .get(path)
            .map(|&position| self.pages[position].0)
    }

    /// Whether a page is written at `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.positions.contains_key(path)
    }

    /// Moves the pages to where [`PageList::new`] would put them for `archive` and `indexes`,
    /// when those are the same pages in another order (documents moved in site order), making
    /// again only the paths of the positions whose page changed. Returns false, changing nothing,
    /// when the pages differ; [`PageList::new`] must then make the list.
    pub fn refit(&mut self, archive: &Archive, indexes: &Indexes) -> bool {
        let count = 7
            + archive.reports.len()
            + archive.responses.len()
            + indexes.years.len()
            + indexes.themes.len()
            + archive.pages.len();
        // With two pages at one path, which one `positions` holds depends on the whole order.
        if count != self.pages.len() || self.positions.len() != self.pages.len() {
            return false;
        }
        let document_page = |path: &str, route: Route<'_>| Route::document_at(path) == Some(route);
        let mut moved: Vec<(usize, String)> = Vec::new();
        for (position, (kind, path)) in self.pages.iter().enumerate() {
            let fits = match *kind {
                PageKind::Report(index) => archive
                    .reports
                    .get(index)
                    .is_some_and(|r| document_page(path, Route::Report(&r.slug))),
                PageKind::Response(index) => archive
                    .responses
                    .get(index)
                    .is_some_and(|r| document_page(path, Route::Response(&r.slug))),
                PageKind::Content(index) => archive
                    .pages
                    .get(index)
                    .is_some_and(|p| document_page(path, Route::Page(&p.slug))),
                PageKind::Year(at) if at >= indexes.years.len() => return false,
                PageKind::Theme(at) if at >= indexes.themes.len() => return false,
                _ => page_path(archive, indexes, *kind) == **path,
            };
            if !fits {
                moved.push((position, page_path(archive, indexes, *kind)));
            }
        }
        // The same pages: the paths that moved are the paths that left those positions.
        let mut left: Vec<&str> = moved.iter().map(|&(p, _)| &*self.pages[p].1).collect();
        let mut arrived: Vec<&str> = moved.iter().map(|(_, path)| path.as_str()).collect();
        left.sort_unstable();
        arrived.sort_unstable();
        if left != arrived {
            return false;
        }
        for (position, path) in moved {
            let path: Arc<str> = Arc::from(path);
            self.positions.insert(Arc::clone(&path), position);
            self.pages[position].1 = path;
        }
        true
    }

    /// Whether both lists make the same pages (in any order).
    pub fn same_pages(&self, other: &PageList) -> bool {
        self.pages.len() == other.pages.len()
            && self.positions.len() == other.positions.len()
            && self
                .positions
                .keys()
                .all(|path| other.positions.contains_key(path))
    }
}

/// Which pages [`Pages::render_each`] renders.
#[derive(Clone, Copy)]
pub enum Wanted<'w> {
    Every,
    /// The pages at these paths (paths no page has are passed over).
    Only(&'w HashSet<String>),
}

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
    /// `None` when the theme has no finding item: the tracker then gets the findings as values.
    pub findings: Option<Vec<Vec<Value>>>,
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
    fn at(entries: &[Value], positions: impl IntoIterator<Item = usize>) -> Vec<Value> {
        match entries.is_empty() {
            true => Vec::new(),
            false => positions.into_iter().map(|i| entries[i].clone()).collect(),
        }
    }
}

impl SharedParts {
    /// Every card, finding text and list entry of the archive, made in parallel.
    pub fn new(
        archive: &Archive,
        indexes: &Indexes,
        markdown: &MarkdownRenderer,
        theme: &TemplateSet,
    ) -> Result<SharedParts, Vec<Diagnostic>> {
        let views = ViewBuilder::new(archive, indexes);
        let report_cards: Vec<Value> = (0..archive.reports.len())
            .into_par_iter()
            .with_max_len(PARALLEL_GRAIN)
            .map(|index| Value::from(Serde(&views.report_card(index))))
            .collect();
        let response_cards: Vec<Value> = (0..archive.responses.len())
            .into_par_iter()
            .with_max_len(PARALLEL_GRAIN)
            .map(|index| Value::from(Serde(&views.response_card(index))))
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
            .map(|index| finding_rows(&views, theme, index, &finding_html[index]));
        let findings = match theme.has_template(item::FINDING) {
            true => rows.collect::<Result<Vec<_>, _>>().map(Some),
            false => Ok(None),
        };
        let problem = |problem| vec![problem];
        let items = Items {
            reports: render_items(theme, item::REPORT, "report", &report_cards).map_err(problem)?,
            deadlines: render_items(theme, item::DEADLINE, "report", &report_cards)
                .map_err(problem)?,
            responses: render_items(theme, item::RESPONSE, "response", &response_cards)
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

/// One list entry: `template` rendered with `value` as `name`, as a safe HTML value.
pub fn render_item(
    theme: &TemplateSet,
    template: &str,
    name: &str,
    value: &Value,
) -> Result<Value, Diagnostic> {
    let context = Value::from(std::collections::BTreeMap::from([(name, value.clone())]));
    theme.render(template, context).map(Value::from_safe_string)
}

/// Every entry of `values` through `template`, in parallel; none when the theme has no
/// `template`.
fn render_items(
    theme: &TemplateSet,
    template: &str,
    name: &str,
    values: &[Value],
) -> Result<Vec<Value>, Diagnostic> {
    if !theme.has_template(template) {
        return Ok(Vec::new());
    }
    values
        .par_iter()
        .with_max_len(PARALLEL_GRAIN)
        .map(|value| render_item(theme, template, name, value))
        .collect()
}

/// A report's findings as tracker rows, from their texts as HTML.
pub fn finding_rows(
    views: &ViewBuilder<'_>,
    theme: &TemplateSet,
    report: usize,
    texts: &[String],
) -> Result<Vec<Value>, Diagnostic> {
    views.archive.reports[report]
        .findings
        .iter()
        .zip(texts)
        .map(|(finding, html)| {
            let view = Value::from(Serde(&views.finding(report, finding, html.clone())));
            render_item(theme, item::FINDING, "finding", &view)
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
    followed_by: Vec<Vec<usize>>,
    list: PageList,
}

impl<'a> Pages<'a> {
    pub fn new(
        archive: &'a Archive,
        indexes: &'a Indexes,
        markdown: &'a MarkdownRenderer,
        theme: &TemplateSet,
    ) -> Result<Pages<'a>, Vec<Diagnostic>> {
        let parts = SharedParts::new(archive, indexes, markdown, theme)?;
        Ok(Pages::from_parts(
            archive,
            indexes,
            markdown,
            parts,
            PageList::new(archive, indexes),
        ))
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
        let views = ViewBuilder::new(archive, indexes);
        let site = views.site();
        let site_value = Value::from(Serde(&site));
        let mut followed_by = vec![Vec::new(); archive.reports.len()];
        for (index, report) in archive.reports.iter().enumerate() {
            if let Some(earlier) = report.follows_up.as_deref() {
                if let Some(position) = archive.report_position(earlier) {
                    followed_by[position].push(index);
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
                let rendered = self.job(*kind).and_then(|job| match self.size_hint(*kind) {
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
            PageKind::Findings => Some(64 * 1024 + 768 * indexes.findings.len()),
            PageKind::Deadlines => Some(64 * 1024 + 768 * indexes.timeliness.len()),
            _ => None,
        }
    }

    /// A page's template and context; `Err` when its body could not be read again.
    fn job(&self, kind: PageKind) -> Result<PageJob, Diagnostic> {
        Ok(match kind {
            PageKind::Home => home(self),
            PageKind::Report(index) => report_page(self, index)?,
            PageKind::Response(index) => response_page(self, index)?,
            PageKind::Years => years_page(self),
            PageKind::Year(position) => year_page(self, position),
            PageKind::Themes => themes_page(self),
            PageKind::Theme(position) => theme_page(self, position),
            PageKind::Content(index) => content_page(self, index)?,
            PageKind::Findings => findings_page(self),
            PageKind::Deadlines => deadlines_page(self),
            PageKind::Search => search_page(self),
            PageKind::NotFound => not_found(self),
        })
    }
}

/// The route of a page of the list.
fn route<'a>(archive: &'a Archive, indexes: &Indexes, kind: PageKind) -> Route<'a> {
    match kind {
        PageKind::Home => Route::Home,
        PageKind::Report(index) => Route::Report(&archive.reports[index].slug),
        PageKind::Response(index) => Route::Response(&archive.responses[index].slug),
        PageKind::Years => Route::Years,
        PageKind::Year(position) => Route::Year(indexes.years[position].year),
        PageKind::Themes => Route::Themes,
        PageKind::Theme(position) => {
            Route::Theme(&archive.themes[indexes.themes[position].theme].slug)
        }
        PageKind::Content(index) => Route::Page(&archive.pages[index].slug),
        PageKind::Findings => Route::Findings,
        PageKind::Deadlines => Route::Deadlines,
        PageKind::Search => Route::Search,
        PageKind::NotFound => Route::NotFound,
    }
}

fn page_path(archive: &Archive, indexes: &Indexes, kind: PageKind) -> String {
    route(archive, indexes, kind).output_path()
}

fn crumbs(views: &ViewBuilder<'_>, trail: &[(&str, Route<'_>)]) -> Vec<LinkView> {
    let mut links = vec![LinkView {
        title: "Home".into(),
        url: views.link(Route::Home),
    }];
    links.extend(trail.iter().map(|&(title, route)| LinkView {
        title: title.into(),
        url: views.link(route),
    }));
    links
}

fn meta(
    title: impl Into<String>,
    description: Option<String>,
    route: Route<'_>,
    breadcrumbs: Vec<LinkView>,
) -> PageMeta {
    PageMeta {
        title: title.into(),
        description,
        path: route.address().into_owned(),
        breadcrumbs,
        draft: false,
        og_type: "website",
        json_ld: None,
        feed: None,
    }
}

fn home(pages: &Pages<'_>) -> PageJob {
    let (views, site, site_value) = (&pages.views, &pages.site, &pages.site_value);
    let archive = views.archive;
    let items = &pages.items;
    let latest: Vec<Value> = pages.response_cards.iter().take(10).cloned().collect();
    let latest_items = Items::at(&items.responses, 0..latest.len());
    let mut awaiting: Vec<usize> = Vec::new();
    let mut overdue_reports: Vec<usize> = Vec::new();
    for index in 0..archive.reports.len() {
        match views.indexes.timeliness[index].status.code() {
            "due" => awaiting.push(index),
            "overdue" => overdue_reports.push(index),
            _ => {}
        }
    }
    let overdue: Vec<Value> = Items::at(&pages.report_cards, overdue_reports.iter().copied());
    let overdue_items = Items::at(&items.reports, overdue_reports);
    // As the cards' `status.days_left`, and stable, as before.
    awaiting.sort_by_key(|&index| views.indexes.timeliness[index].status.days_left());
    let awaiting: Vec<Value> = awaiting
        .into_iter()
        .map(|index| pages.report_cards[index].clone())
        .collect();
    let recent_reports: Vec<Value> = pages.report_cards.iter().take(5).cloned().collect();
    let recent_report_items = Items::at(&items.reports, 0..recent_reports.len());
    let years: Vec<Value> = views
        .indexes
        .years
        .iter()
        .map(|year| {
            page_context! { year => year.year, url => views.link(Route::Year(year.year)),
            reports => year.reports.len(), responses => year.responses.len() }
        })
        .collect();
    let themes = theme_summaries(views);
    let overdue_findings = views.indexes.findings.iter().filter(|f| f.overdue).count();
    let open_findings = views
        .indexes
        .findings
        .iter()
        .filter(|f| f.status.is_active())
        .count();
    let page = meta(
        site.title.clone(),
        Some(format!(
            "{} publishes its response to each HMICFRS inspection report here, with the 56-day deadline and what became of each recommendation.",
            site.organisation
        )),
        Route::Home,
        Vec::new(),
    );
    PageJob {
        template: "home.html",
        context: page_context! {
            site => site_value, page, latest_responses => latest, latest_response_items => latest_items,
            awaiting, overdue, overdue_items, recent_reports, recent_report_items, years, themes,
            report_count => archive.reports.len(), response_count => archive.responses.len(),
            open_findings, overdue_findings,
            data => page_context! {
                json => views.link(Route::Data(DataFile::ArchiveJson)), reports_csv => views.link(Route::Data(DataFile::ReportsCsv)),
                responses_csv => views.link(Route::Data(DataFile::ResponsesCsv)), findings_csv => views.link(Route::Data(DataFile::FindingsCsv)),
            },
        },
    }
}

fn theme_summaries(views: &ViewBuilder<'_>) -> Vec<Value> {
    views
        .indexes
        .themes
        .iter()
        .map(|entry| {
            let theme = &views.archive.themes[entry.theme];
            page_context! { slug => theme.slug, title => theme.title, description => theme.description,
                       url => views.link(Route::Theme(&theme.slug)), reports => entry.reports.len() }
        })
        .collect()
}

/// A body's HTML and headings; a body left in its file is read again here.
///
/// The HTML comes as a value marked safe (it is the Markdown renderer's own output, raw HTML
/// escaped unless the config allows it), so that neither the template's `|safe` nor its output
/// copies a body of many megabytes again.
fn render_body(
    markdown: &MarkdownRenderer,
    body: &crate::archive::Body,
) -> Result<(Value, Vec<Heading>), Diagnostic> {
    let rendered = markdown.render(&body.text()?);
    Ok((Value::from_safe_string(rendered.html), rendered.headings))
}

#[derive(Clone, Serialize)]
struct HeadingView {
    level: u8,
    id: String,
    text: String,
}

fn heading_views(headings: Vec<Heading>) -> Vec<HeadingView> {
    headings
        .into_iter()
        .filter(|h| h.level == 2)
        .map(|h| HeadingView {
            level: h.level,
            id: h.id,
            text: h.text,
        })
        .collect()
}

fn report_page(pages: &Pages<'_>, index: usize) -> Result<PageJob, Diagnostic> {
    let (views, site) = (&pages.views, &pages.site_value);
    let archive = views.archive;
    let address = archive.config.address();
    {
        {
            let report = &archive.reports[index];
            // The card every list shows, made once by `Pages::new`.
            let card = pages.report_cards[index].clone();
            let (body_html, headings) = render_body(pages.markdown, &report.body)?;
            let findings: Vec<FindingView> = report
                .findings
                .iter()
                .zip(&pages.finding_html[index])
                .map(|(finding, html)| views.finding(index, finding, html.clone()))
                .collect();
            let answers = views.indexes.responses_of[index].iter().copied();
            let responses = Items::at(&pages.response_cards, answers.clone());
            let response_items = Items::at(&pages.items.responses, answers);
            let timing = &views.indexes.timeliness[index];
            let sentence = views.timeliness_sentence(report, timing);
            let follows_up = report
                .follows_up
                .as_deref()
                .map(|slug| views.report_links(&[slug.to_string()]));
            let followed_by: Vec<LinkView> = pages.followed_by[index]
                .iter()
                .map(|&i| &archive.reports[i])
                .map(|other| LinkView {
                    title: other.title.clone(),
                    url: views.link(Route::Report(&other.slug)),
                })
                .collect();
            // Reports are newest first: the previous (older) one is the next index.
            let older = archive.reports.get(index + 1).map(|r| LinkView {
                title: r.title.clone(),
                url: views.link(Route::Report(&r.slug)),
            });
            let newer = index
                .checked_sub(1)
                .and_then(|i| archive.reports.get(i))
                .map(|r| LinkView {
                    title: r.title.clone(),
                    url: views.link(Route::Report(&r.slug)),
                });
            let year = report.published.year();
            let mut page = meta(
                report.title.clone(),
                report.summary.clone(),
                Route::Report(&report.slug),
                crumbs(
                    views,
                    &[
                        ("Reports by year", Route::Years),
                        (&year.to_string(), Route::Year(year)),
                    ],
                ),
            );
            page.draft = report.draft;
            page.og_type = "article";
            page.json_ld = Some(json_ld(&serde_json::json!({
                "@context": "https://schema.org",
                "@type": "Report",
                "name": report.title,
                "headline": report.title,
                "description": report.summary,
                "datePublished": report.published.iso(),
                "url": address.absolute(Route::Report(&report.slug)),
                "sameAs": report.url,
                "author": { "@type": "GovernmentOrganization", "name": "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services" },
                "about": report.themes.iter().filter_map(|slug| archive.theme(slug)).map(|t| t.title.as_str()).collect::<Vec<_>>(),
                "inLanguage": archive.config.language,
            })));
            Ok(PageJob {
                template: "report.html",
                context: page_context! {
                    site, page, report => card, hmicfrs_url => report.url, body_html,
                    contents => heading_views(headings), findings, responses, response_items, timeliness => sentence,
                    follows_up => follows_up.and_then(|links| links.into_iter().next()), followed_by,
                    statutory => timing.deadline.is_some(), older, newer,
                },
            })
        }
    }
}

#[derive(Serialize)]
struct AttachmentView {
    title: String,
    url: String,
    file_type: String,
    size: String,
}

/// "240 KB", "1.2 MB", as GOV.UK shows attachment sizes.
fn size_label(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else {
        format!("{} KB", bytes.div_ceil(KB).max(1))
    }
}

fn response_page(pages: &Pages<'_>, index: usize) -> Result<PageJob, Diagnostic> {
    let (views, site, site_value) = (&pages.views, &pages.site, &pages.site_value);
    let archive = views.archive;
    let address = archive.config.address();
    {
        {
            let response = &archive.responses[index];
            let title = views.response_title(response);
            let card = pages.response_cards[index].clone();
            let (body_html, _) = render_body(pages.markdown, &response.body)?;
            let attachments: Vec<AttachmentView> = response
                .attachments
                .iter()
                .map(|a| AttachmentView {
                    title: a.title.clone(),
                    url: views.link(Route::Attachment(&a.file)),
                    file_type: a.file_type(),
                    size: size_label(a.size),
                })
                .collect();
            let answered_reports: Vec<usize> = response
                .reports
                .iter()
                .filter_map(|slug| archive.report_position(slug))
                .collect();
            let answered: Vec<Value> = answered_reports
                .iter()
                .map(|&i| pages.report_cards[i].clone())
                .collect();
            // The cards' titles and slugs are the reports' own.
            let answered_reports: Vec<&crate::archive::Report> = answered_reports
                .iter()
                .map(|&i| &archive.reports[i])
                .collect();
            let addresses: Vec<Value> = response
                .addresses
                .iter()
                .filter_map(|id| {
                    response.reports.iter().find_map(|slug| {
                        let report = archive.report(slug)?;
                        let finding = report.findings.iter().find(|f| &f.id == id)?;
                        Some(page_context! {
                            id => finding.id, kind => finding.kind.label(), text => finding.text,
                            status => finding.current_status().label(),
                            status_code => crate::vocabulary::Vocabulary::word(finding.current_status()),
                            url => address.link_with_fragment(Route::Report(slug), &finding_anchor(&finding.id)),
                        })
                    })
                })
                .collect();
            let trail: Vec<(&str, Route<'_>)> = match answered_reports.first() {
                Some(report) => vec![(report.title.as_str(), Route::Report(&report.slug))],
                None => Vec::new(),
            };
            let mut page = meta(
                title.clone(),
                Some(format!(
                    "The {} response to {}.",
                    site.organisation,
                    crate::render::views::join_and(
                        &answered_reports
                            .iter()
                            .map(|r| r.title.as_str())
                            .collect::<Vec<_>>()
                    )
                )),
                Route::Response(&response.slug),
                crumbs(views, &trail),
            );
            page.draft = response.draft;
            page.og_type = "article";
            page.json_ld = Some(json_ld(&serde_json::json!({
                "@context": "https://schema.org",
                "@type": "Article",
                "headline": title,
                "dateCreated": response.date.map(|d| d.iso()),
                "datePublished": response.counting_date().map(|d| d.iso()),
                "url": address.absolute(Route::Response(&response.slug)),
                "author": { "@type": "Person", "name": response.author, "jobTitle": response.role },
                "publisher": { "@type": "GovernmentOrganization", "name": archive.config.organisation },
                "about": answered_reports.iter().map(|r| serde_json::json!({
                    "@type": "Report", "name": r.title, "url": address.absolute(Route::Report(&r.slug)),
                })).collect::<Vec<_>>(),
                "inLanguage": archive.config.language,
            })));
            Ok(PageJob {
                template: "response.html",
                context: page_context! {
                    site => site_value, page, response => card, author => response.author, role => response.role,
                    to => response.to, cc => response.cc, our_ref => response.our_ref, body_html,
                    attachments, reports => answered, addresses, timing => views.response_timing(response),
                },
            })
        }
    }
}

fn year_summaries(views: &ViewBuilder<'_>) -> Vec<Value> {
    views
        .indexes
        .years
        .iter()
        .map(|y| {
            page_context! { year => y.year, url => views.link(Route::Year(y.year)),
            reports => y.reports.len(), responses => y.responses.len() }
        })
        .collect()
}

fn years_page(pages: &Pages<'_>) -> PageJob {
    let (views, site) = (&pages.views, &pages.site_value);
    let summaries = year_summaries(views);
    PageJob {
        template: "years.html",
        context: page_context! {
            site, years => summaries,
            page => meta("Reports by year", Some("HMICFRS reports and our responses, by the year they were published.".into()), Route::Years, crumbs(views, &[])),
        },
    }
}

fn year_page(pages: &Pages<'_>, position: usize) -> PageJob {
    let (views, site) = (&pages.views, &pages.site_value);
    let years = &views.indexes.years;
    let entry = &years[position];
    {
        let reports = Items::at(&pages.report_cards, entry.reports.iter().copied());
        let report_items = Items::at(&pages.items.reports, entry.reports.iter().copied());
        let responses = Items::at(&pages.response_cards, entry.responses.iter().copied());
        let response_items = Items::at(&pages.items.responses, entry.responses.iter().copied());
        let link = |y: i16| LinkView {
            title: y.to_string(),
            url: views.link(Route::Year(y)),
        };
        // Years are newest first: the next entry is the earlier year.
        let earlier = years.get(position + 1).map(|y| link(y.year));
        let later = position
            .checked_sub(1)
            .and_then(|p| years.get(p))
            .map(|y| link(y.year));
        let title = format!("{}", entry.year);
        PageJob {
            template: "year.html",
            context: page_context! {
                site, year => entry.year, reports, report_items, responses, response_items, earlier, later,
                page => meta(
                    format!("Reports and responses in {title}"),
                    Some(format!("HMICFRS reports published in {title}, and our responses published in {title}.")),
                    Route::Year(entry.year),
                    crumbs(views, &[("Reports by year", Route::Years)]),
                ),
            },
        }
    }
}

fn themes_page(pages: &Pages<'_>) -> PageJob {
    let (views, site) = (&pages.views, &pages.site_value);
    PageJob {
        template: "themes.html",
        context: page_context! {
            site, themes => theme_summaries(views),
            page => meta("Themes", Some("HMICFRS reports and our responses, by subject.".into()), Route::Themes, crumbs(views, &[])),
        },
    }
}

fn theme_page(pages: &Pages<'_>, position: usize) -> PageJob {
    let (views, site) = (&pages.views, &pages.site_value);
    let entry = &views.indexes.themes[position];
    {
        let theme = &views.archive.themes[entry.theme];
        let reports = Items::at(&pages.report_cards, entry.reports.iter().copied());
        let report_items = Items::at(&pages.items.reports, entry.reports.iter().copied());
        PageJob {
            template: "theme.html",
            context: page_context! {
                site, theme => page_context! { slug => theme.slug, title => theme.title, description => theme.description },
                reports, report_items,
                page => PageMeta {
                    feed: Some(LinkView {
                        title: format!("{} (Atom feed)", theme.title),
                        url: views.link(Route::ThemeFeed(&theme.slug)),
                    }),
                    ..meta(
                        theme.title.clone(),
                        theme.description.clone(),
                        Route::Theme(&theme.slug),
                        crumbs(views, &[("Themes", Route::Themes)]),
                    )
                },
            },
        }
    }
}

fn content_page(pages: &Pages<'_>, index: usize) -> Result<PageJob, Diagnostic> {
    let (views, site) = (&pages.views, &pages.site_value);
    let content = &views.archive.pages[index];
    {
        {
            let (body_html, headings) = render_body(pages.markdown, &content.body)?;
            let mut page = meta(
                content.title.clone(),
                content.summary.clone(),
                Route::Page(&content.slug),
                crumbs(views, &[]),
            );
            page.draft = content.draft;
            Ok(PageJob {
                template: "page.html",
                context: page_context! {
                    site, page, body_html, contents => heading_views(headings),
                    updated => content.updated.map(DateView::from),
                },
            })
        }
    }
}

fn findings_page(pages: &Pages<'_>) -> PageJob {
    let (views, site) = (&pages.views, &pages.site_value);
    let groups: Vec<Value> = FindingGroup::ALL
        .iter()
        .map(|&group| {
            let entries = views
                .indexes
                .findings
                .iter()
                .filter(|entry| entry.group() == group);
            if let Some(rows) = &pages.items.findings {
                let rows: Vec<Value> = entries
                    .map(|entry| rows[entry.report][entry.finding].clone())
                    .collect();
                return page_context! { id => group.id(), heading => group.heading(), rows };
            }
            // A theme without a finding item renders the views itself.
            let findings: Vec<FindingView> = entries
                .map(|entry| {
                    let html = &pages.finding_html[entry.report][entry.finding];
                    views.finding_entry(entry, html.clone())
                })
                .collect();
            let findings = Value::from_object(ValuesOnDemand(findings));
            page_context! { id => group.id(), heading => group.heading(), findings }
        })
        .collect();
    let counts = page_context! {
        total => views.indexes.findings.len(),
        overdue => views.indexes.findings.iter().filter(|f| f.overdue).count(),
        open => views.indexes.findings.iter().filter(|f| f.status.is_active()).count(),
    };
    PageJob {
        template: "findings.html",
        context: page_context! {
            site, groups, counts,
            page => meta(
                "Findings tracker",
                Some("Every recommendation, cause of concern and area for improvement from HMICFRS reports, and what became of it.".into()),
                Route::Findings,
                crumbs(views, &[]),
            ),
        },
    }
}

fn deadlines_page(pages: &Pages<'_>) -> PageJob {
    let (views, site, site_value) = (&pages.views, &pages.site, &pages.site_value);
    let reports: Vec<Value> = pages.report_cards.clone();
    let rates: Vec<Value> = views
        .indexes
        .rates
        .iter()
        .map(|rate| page_context! { year => rate.year, on_time => rate.on_time, late => rate.late, other => rate.other,
                               decided => rate.on_time + rate.late, percent => rate.percent() })
        .collect();
    let chart = super::chart::days_taken_chart(views);
    PageJob {
        template: "deadlines.html",
        context: page_context! {
            site => site_value, reports, report_rows => pages.items.deadlines, rates, chart_svg => chart.svg, chart_bands => chart.bands,
            page => meta(
                "Response deadlines",
                Some(format!("Whether each response to an HMICFRS report was published within the {} days the law allows.", site.deadline_days)),
                Route::Deadlines,
                crumbs(views, &[]),
            ),
        },
    }
}

fn search_page(pages: &Pages<'_>) -> PageJob {
    let (views, site) = (&pages.views, &pages.site_value);
    PageJob {
        template: "search.html",
        context: page_context! {
            site, bundle => views.link(Route::SearchIndex),
            page => meta(
                "Search",
                Some("Search HMICFRS reports, our responses and their findings.".into()),
                Route::Search,
                crumbs(views, &[]),
            ),
        },
    }
}

fn not_found(pages: &Pages<'_>) -> PageJob {
    let (views, site) = (&pages.views, &pages.site_value);
    PageJob {
        template: "404.html",
        context: page_context! {
            site,
            page => meta("Page not found", None, Route::NotFound, crumbs(views, &[])),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachment_sizes_read_like_govuk() {
        assert_eq!(size_label(0), "1 KB");
        assert_eq!(size_label(1500), "2 KB");
        assert_eq!(size_label(3 * 1024 * 1024 + 200_000), "3.2 MB");
    }
}
