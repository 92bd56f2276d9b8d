//! Which pages the site has, in site order, each with its route and output path.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::archive::{Archive, ReportId, ResponseId};
use crate::indexes::Indexes;
use crate::routes::{ReportOrder, Route};

/// Every page of the site. The order of [`Pages::new`] is the site's page order.
#[derive(Clone, Copy, Debug)]
pub enum PageKind {
    Home,
    Report(ReportId),
    Response(ResponseId),
    Years,
    Year(usize),
    Themes,
    Theme(usize),
    Content(usize),
    /// Only when a report has grades.
    Grades,
    Findings,
    /// Page 2 or more of a findings tracker too long for one page.
    FindingsPage(usize),
    Deadlines,
    Search,
    NotFound,
    /// A national site's `/bodies/`.
    Bodies,
    /// A body of a national site, by place in `National::bodies`.
    Body(usize),
    /// A national report with no report of the site's own at its slug.
    NationalReport(usize),
    /// A page (from 1) of a national site's list of reports, in an order.
    NationalReports(ReportOrder, usize),
}

impl PageKind {
    /// Pages listing many documents, each one long job: started first, so that neither core
    /// is left with one of them at the end.
    pub(super) fn is_index(self) -> bool {
        !matches!(
            self,
            PageKind::Report(_)
                | PageKind::Response(_)
                | PageKind::Content(_)
                | PageKind::Body(_)
                | PageKind::NationalReport(_)
        )
    }
}

/// Every page of the site, in site order: the order pages are listed and rendered in.
fn site_order(archive: &Archive, indexes: &Indexes) -> impl Iterator<Item = PageKind> {
    let (reports, responses) = (archive.reports.len(), archive.responses.len());
    let (years, themes, pages) = (
        indexes.years.len(),
        indexes.themes.len(),
        archive.pages.len(),
    );
    let grades = archive.has_grades().then_some(PageKind::Grades);
    std::iter::once(PageKind::Home)
        .chain((0..reports).map(|at| PageKind::Report(ReportId::at(at))))
        .chain((0..responses).map(|at| PageKind::Response(ResponseId::at(at))))
        .chain(std::iter::once(PageKind::Years))
        .chain((0..years).map(PageKind::Year))
        .chain(std::iter::once(PageKind::Themes))
        .chain((0..themes).map(PageKind::Theme))
        .chain((0..pages).map(PageKind::Content))
        .chain(grades)
        .chain(std::iter::once(PageKind::Findings))
        .chain(
            (2..=crate::indexes::tracker_pages(indexes.findings.len())).map(PageKind::FindingsPage),
        )
        .chain([PageKind::Deadlines, PageKind::Search, PageKind::NotFound])
        .chain(national_pages(archive, indexes))
}

/// A national site's pages, after the rest: none for an office's own site.
fn national_pages(archive: &Archive, indexes: &Indexes) -> impl Iterator<Item = PageKind> + use<> {
    let (bodies, reports): (usize, Vec<usize>) = match &archive.national {
        Some(national) => (
            national.bodies.len(),
            (national.reports.iter().enumerate())
                .filter(|(_, report)| !report.in_content)
                .map(|(at, _)| at)
                .collect(),
        ),
        None => (0, Vec::new()),
    };
    let bodies_page = archive.national.as_ref().map(|_| PageKind::Bodies);
    let list_pages = indexes
        .national
        .as_ref()
        .map_or(0, |index| index.report_pages());
    let lists = ReportOrder::ALL.into_iter().flat_map(move |order| {
        (1..=list_pages).map(move |page| PageKind::NationalReports(order, page))
    });
    bodies_page
        .into_iter()
        .chain((0..bodies).map(PageKind::Body))
        .chain(reports.into_iter().map(PageKind::NationalReport))
        .chain(lists)
}

/// Every page of the site in site order, with its output path. Which pages there are, and
/// where, follows only the archive's order and the indexes' years and themes: serve keeps the
/// list between builds whose front matter did not change.
pub struct PageList {
    pub(super) pages: Vec<(PageKind, Arc<str>)>,
    /// Each path's page: the first at that path, when two share one (as when a site was sorted
    /// and de-duplicated).
    pub(super) positions: HashMap<Arc<str>, usize>,
    /// Every path, sorted (as the sitemap lists them). [`PageList::refit`] keeps the same paths,
    /// so it keeps this too.
    sorted: Vec<Arc<str>>,
    /// The folder of the pages' language; `None` for the main language.
    folder: Option<String>,
}

impl PageList {
    pub fn new(archive: &Archive, indexes: &Indexes) -> PageList {
        PageList::new_in(archive, indexes, None)
    }

    /// The pages of the language whose folder is `folder` (`None`: the main language).
    pub fn new_in(archive: &Archive, indexes: &Indexes, folder: Option<&str>) -> PageList {
        let pages: Vec<(PageKind, Arc<str>)> = site_order(archive, indexes)
            .map(|kind| (kind, Arc::from(page_path(archive, indexes, kind, folder))))
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
            folder: folder.map(str::to_string),
        }
    }

    /// The folder of the pages' language; `None` for the main language.
    pub fn folder(&self) -> Option<&str> {
        self.folder.as_deref()
    }

    /// A list of no pages: what a kept list leaves behind while it is lent out.
    pub fn empty() -> PageList {
        PageList {
            pages: Vec::new(),
            positions: HashMap::new(),
            sorted: Vec::new(),
            folder: None,
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
        let count = site_order(archive, indexes).count();
        // With two pages at one path, which one `positions` holds depends on the whole order.
        if count != self.pages.len() || self.positions.len() != self.pages.len() {
            return false;
        }
        let folder = self.folder.clone();
        let folder = folder.as_deref();
        let document_page = |path: &str, route: Route<'_>| route.output_path_in(folder) == path;
        let mut moved: Vec<(usize, String)> = Vec::new();
        for (position, (kind, path)) in self.pages.iter().enumerate() {
            let fits = match *kind {
                PageKind::Report(id) => archive
                    .reports
                    .get(id.index())
                    .is_some_and(|r| document_page(path, Route::Report(&r.slug))),
                PageKind::Response(id) => archive
                    .responses
                    .get(id.index())
                    .is_some_and(|r| document_page(path, Route::Response(&r.slug))),
                PageKind::Content(index) => archive
                    .pages
                    .get(index)
                    .is_some_and(|p| document_page(path, Route::Page(&p.slug))),
                PageKind::Year(at) if at >= indexes.years.len() => return false,
                PageKind::Theme(at) if at >= indexes.themes.len() => return false,
                _ => page_path(archive, indexes, *kind, folder) == **path,
            };
            if !fits {
                moved.push((position, page_path(archive, indexes, *kind, folder)));
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

/// The route of a page of the list.
fn route<'a>(archive: &'a Archive, indexes: &Indexes, kind: PageKind) -> Route<'a> {
    match kind {
        PageKind::Home => Route::Home,
        PageKind::Report(id) => Route::Report(&archive.report_at(id).slug),
        PageKind::Response(id) => Route::Response(&archive.response_at(id).slug),
        PageKind::Years => Route::Years,
        PageKind::Year(position) => Route::Year(indexes.years[position].year),
        PageKind::Themes => Route::Themes,
        PageKind::Theme(position) => {
            Route::Theme(&archive.themes[indexes.themes[position].theme].slug)
        }
        PageKind::Content(index) => Route::Page(&archive.pages[index].slug),
        PageKind::Grades => Route::Grades,
        PageKind::Findings => Route::Findings,
        PageKind::FindingsPage(page) => Route::FindingsPage(page),
        PageKind::Deadlines => Route::Deadlines,
        PageKind::Search => Route::Search,
        PageKind::NotFound => Route::NotFound,
        PageKind::Bodies => Route::Bodies,
        PageKind::Body(at) => match &archive.national {
            Some(national) => Route::Body(&national.bodies[at].key),
            None => Route::Bodies,
        },
        PageKind::NationalReport(at) => match &archive.national {
            Some(national) => Route::Report(&national.reports[at].slug),
            None => Route::Bodies,
        },
        PageKind::NationalReports(order, page) => Route::NationalReports(order, page),
    }
}

pub(super) fn page_path(
    archive: &Archive,
    indexes: &Indexes,
    kind: PageKind,
    folder: Option<&str>,
) -> String {
    route(archive, indexes, kind).output_path_in(folder)
}
