//! Page addresses: every page and file the site writes, as a [`Route`], and the one place that
//! turns a route into its output path, its link under the base path and its absolute address
//! under `base_url`. Page builders, feeds, the sitemap, open data, the link checker, scaffolding
//! and serve all ask here; nothing else spells out the site's URL scheme.

use std::borrow::Cow;
use std::fmt::Write as _;

/// The folder the search index is written into (Pagefind-style: fragments and meta files).
pub const SEARCH_INDEX_FOLDER: &str = "search/index/";

/// The folder of the browser editor.
const EDITOR_FOLDER: &str = "admin/";

/// One page or file of the site, by what it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Route<'a> {
    /// `/`: the newest responses and reports.
    Home,
    /// `/reports/<slug>/`.
    Report(&'a str),
    /// `/responses/<slug>/`.
    Response(&'a str),
    /// `/years/`.
    Years,
    /// `/years/<year>/`.
    Year(i16),
    /// `/themes/`.
    Themes,
    /// `/themes/<slug>/`: an inspection theme of `themes.toml`.
    Theme(&'a str),
    /// `/<slug>/`: a page of `content/pages/`.
    Page(&'a str),
    /// `/grades/`: every graded area against every graded report.
    Grades,
    /// `/findings/`: the findings tracker.
    Findings,
    /// `/findings/<n>/`: page `n` (2 or more) of a findings tracker too long for one page.
    FindingsPage(usize),
    /// `/deadlines/`.
    Deadlines,
    /// `/search/`.
    Search,
    /// `/404.html`.
    NotFound,
    /// `/feed.xml`: every report and response.
    Feed,
    /// `/themes/<slug>/feed.xml`.
    ThemeFeed(&'a str),
    /// `/sitemap.xml`.
    Sitemap,
    /// `/robots.txt`.
    Robots,
    /// `/data/<file>`: open data.
    Data(DataFile),
    /// `/search/index/`: the search index's folder (its files are named by the indexer).
    SearchIndex,
    /// An attachment, at its path under `content/` (`files/letter.pdf`).
    Attachment(&'a str),
    /// `/bodies/`: a national site's offices and their records.
    Bodies,
    /// `/bodies/<key>/`: one office of a national site.
    Body(&'a str),
    /// `/reports/`: every report a national site knows, in an order, one page of them (from 1).
    /// The newest first is at `/reports/` and `/reports/by/newest/<n>/`; the other orders at
    /// `/reports/by/<order>/` and `/reports/by/<order>/<n>/`: always a folder deeper than a
    /// report's page, so that no report's slug can take one of their addresses.
    NationalReports(ReportOrder, usize),
    /// `/admin/`: the browser editor, when `[cms]` turns it on.
    Editor,
    /// A file of the browser editor under `/admin/` (`config.yml`, its scripts).
    EditorFile(&'a str),
}

/// The open data files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DataFile {
    ArchiveJson,
    ReportsCsv,
    ResponsesCsv,
    FindingsCsv,
    GradesCsv,
    /// A national site's only: each body expected to answer each report.
    ExpectedCsv,
}

/// The orders of a national site's list of reports, each a page (or pages) of its own, so that
/// the list is sorted without JavaScript.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReportOrder {
    /// Newest first (by publication, as the reports are everywhere else).
    Newest,
    /// Fewest responses first.
    FewestResponses,
    /// Most bodies overdue now first.
    MostOverdue,
}

impl ReportOrder {
    /// Every order, the default first.
    pub const ALL: [ReportOrder; 3] = [
        ReportOrder::Newest,
        ReportOrder::FewestResponses,
        ReportOrder::MostOverdue,
    ];

    /// Its folder under `/reports/by/`.
    pub fn word(self) -> &'static str {
        match self {
            ReportOrder::Newest => "newest",
            ReportOrder::FewestResponses => "fewest-responses",
            ReportOrder::MostOverdue => "most-overdue",
        }
    }
}

impl DataFile {
    fn name(self) -> &'static str {
        match self {
            DataFile::ArchiveJson => "archive.json",
            DataFile::ReportsCsv => "reports.csv",
            DataFile::ResponsesCsv => "responses.csv",
            DataFile::FindingsCsv => "findings.csv",
            DataFile::GradesCsv => "grades.csv",
            DataFile::ExpectedCsv => "expected.csv",
        }
    }
}

impl<'a> Route<'a> {
    /// The route's address relative to the site's root, as links write it: a folder with its
    /// trailing slash for a page (`reports/x/`, `` for the home page), the file name otherwise.
    pub fn address(self) -> Cow<'static, str> {
        match self {
            Route::Home => Cow::Borrowed(""),
            Route::Report(slug) => Cow::Owned(format!("reports/{slug}/")),
            Route::Response(slug) => Cow::Owned(format!("responses/{slug}/")),
            Route::Years => Cow::Borrowed("years/"),
            Route::Year(year) => Cow::Owned(format!("years/{year}/")),
            Route::Themes => Cow::Borrowed("themes/"),
            Route::Theme(slug) => Cow::Owned(format!("themes/{slug}/")),
            Route::Page(slug) => Cow::Owned(format!("{slug}/")),
            Route::Grades => Cow::Borrowed("grades/"),
            Route::Findings => Cow::Borrowed("findings/"),
            Route::FindingsPage(1) => Cow::Borrowed("findings/"),
            Route::FindingsPage(page) => Cow::Owned(format!("findings/{page}/")),
            Route::Deadlines => Cow::Borrowed("deadlines/"),
            Route::Search => Cow::Borrowed("search/"),
            Route::NotFound => Cow::Borrowed("404.html"),
            Route::Feed => Cow::Borrowed("feed.xml"),
            Route::ThemeFeed(slug) => Cow::Owned(format!("themes/{slug}/feed.xml")),
            Route::Sitemap => Cow::Borrowed("sitemap.xml"),
            Route::Robots => Cow::Borrowed("robots.txt"),
            Route::Data(file) => Cow::Owned(format!("data/{}", file.name())),
            Route::SearchIndex => Cow::Borrowed(SEARCH_INDEX_FOLDER),
            Route::Attachment(file) => Cow::Owned(file.to_string()),
            Route::Bodies => Cow::Borrowed("bodies/"),
            Route::Body(key) => Cow::Owned(format!("bodies/{key}/")),
            Route::NationalReports(ReportOrder::Newest, page) if page <= 1 => {
                Cow::Borrowed("reports/")
            }
            Route::NationalReports(order, page) if page <= 1 => {
                Cow::Owned(format!("reports/by/{}/", order.word()))
            }
            Route::NationalReports(order, page) => {
                Cow::Owned(format!("reports/by/{}/{page}/", order.word()))
            }
            Route::Editor => Cow::Borrowed(EDITOR_FOLDER),
            Route::EditorFile(file) => Cow::Owned(format!("{EDITOR_FOLDER}{file}")),
        }
    }

    /// Whether the route has a version in each language (under `/<code>/` for a language
    /// other than the main one): every page and feed and the search index; not open data,
    /// attachments, the sitemap, `robots.txt` or the browser editor, which are one for the site.
    pub fn is_per_language(self) -> bool {
        !matches!(
            self,
            Route::Sitemap
                | Route::Robots
                | Route::Data(_)
                | Route::Attachment(_)
                | Route::Editor
                | Route::EditorFile(_)
        )
    }

    /// The route's address in a language: under its folder (`cy/reports/x/`) for a language
    /// other than the main one (`Some("cy")`), as [`Route::address`] otherwise.
    pub fn address_in(self, folder: Option<&str>) -> Cow<'static, str> {
        match folder {
            Some(folder) if self.is_per_language() => {
                Cow::Owned(format!("{folder}/{}", self.address()))
            }
            _ => self.address(),
        }
    }

    /// As [`Route::output_path`], in a language (see [`Route::address_in`]).
    pub fn output_path_in(self, folder: Option<&str>) -> String {
        let mut path = self.address_in(folder).into_owned();
        if path.is_empty() || path.ends_with('/') {
            path.push_str("index.html");
        }
        path
    }

    /// The file the route is written to, relative to the output folder: a page's folder gets
    /// an `index.html`.
    pub fn output_path(self) -> String {
        let mut path = self.address().into_owned();
        if path.is_empty() || path.ends_with('/') {
            path.push_str("index.html");
        }
        path
    }

    /// The document page a source file becomes (`content/reports/x.md` → the report `x`),
    /// whatever the file holds: for pointing a link at a draft or a file with errors.
    pub fn of_source(source: &'a std::path::Path) -> Option<Route<'a>> {
        let mut parts = source.iter().map(|part| part.to_str());
        let (Some(Some("content")), Some(Some(folder)), Some(Some(file)), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let slug = file.strip_suffix(".md")?;
        match folder {
            "reports" => Some(Route::Report(slug)),
            "responses" => Some(Route::Response(slug)),
            "pages" => Some(Route::Page(slug)),
            _ => None,
        }
    }

    /// The document page an output path would be (`reports/x/index.html` → the report `x`):
    /// for a link to a page that was not built, to tell which source it would come from. The
    /// inverse of [`Route::output_path`] for document pages; `None` for anything else.
    pub fn document_at(output_path: &'a str) -> Option<Route<'a>> {
        let folder = output_path.strip_suffix("/index.html")?;
        match folder.split_once('/') {
            Some(("reports", slug)) if !slug.contains('/') => Some(Route::Report(slug)),
            Some(("responses", slug)) if !slug.contains('/') => Some(Route::Response(slug)),
            Some(_) => None,
            None => Some(Route::Page(folder)),
        }
    }

    /// The source file of a document page (`content/reports/<slug>.md`).
    pub fn source_file(self) -> Option<String> {
        let (folder, slug) = match self {
            Route::Report(slug) => ("reports", slug),
            Route::Response(slug) => ("responses", slug),
            Route::Page(slug) => ("pages", slug),
            _ => return None,
        };
        Some(format!("{folder}/{slug}.md"))
    }
}

/// The address of the page written at `output_path`: [`Route::output_path`] undone, without
/// making the route again (the sitemap lists every page this way).
pub fn address_of_page(output_path: &str) -> &str {
    output_path
        .trim_end_matches("index.html")
        .trim_start_matches('/')
}

/// Where the site is published: `base_url` (`https://www.example.org/hmicfrs/`) and its path
/// (`/hmicfrs/`), as validation accepted them. Links in pages are written under the path, so
/// that the site works on any host; feeds, the sitemap and open data need absolute addresses.
/// A language's pages are under its folder (`cy`): links made by a `SiteAddress` in that
/// language lead to the pages of that language.
#[derive(Clone, Copy, Debug)]
pub struct SiteAddress<'a> {
    base_url: &'a str,
    base_path: &'a str,
    /// The folder of the language links are made in; `None` for the main language.
    folder: Option<&'a str>,
}

impl<'a> SiteAddress<'a> {
    pub fn new(base_url: &'a str, base_path: &'a str) -> SiteAddress<'a> {
        SiteAddress {
            base_url,
            base_path,
            folder: None,
        }
    }

    /// The same site, its links made in the language whose pages are under `folder` (`None`:
    /// the main language, at the root).
    pub fn in_language(self, folder: Option<&'a str>) -> SiteAddress<'a> {
        SiteAddress { folder, ..self }
    }

    /// The folder of the language links are made in (`None` for the main language).
    pub fn language_folder(self) -> Option<&'a str> {
        self.folder
    }

    /// The route as a link under the base path (`/hmicfrs/reports/x/`; in Welsh,
    /// `/hmicfrs/cy/reports/x/`).
    pub fn link(self, route: Route<'_>) -> String {
        self.link_to(&route.address_in(self.folder))
    }

    /// The route as a link with a fragment (`/hmicfrs/reports/x/#r1`).
    pub fn link_with_fragment(self, route: Route<'_>, fragment: &str) -> String {
        let mut link = self.link(route);
        let _ = write!(link, "#{fragment}");
        link
    }

    /// The route's absolute address (`https://www.example.org/hmicfrs/reports/x/`).
    pub fn absolute(self, route: Route<'_>) -> String {
        self.absolute_of(&route.address_in(self.folder))
    }

    /// A path under the site's root that is no route of its own (a theme's asset, a file the
    /// search index names) as a link under the base path.
    pub fn link_to(self, address: &str) -> String {
        format!("{}{}", self.base_path, address.trim_start_matches('/'))
    }

    /// As [`SiteAddress::link_to`], absolute.
    pub fn absolute_of(self, address: &str) -> String {
        format!("{}{}", self.base_url, address.trim_start_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_folders_and_files_are_files() {
        assert_eq!(Route::Home.output_path(), "index.html");
        assert_eq!(Route::Report("x").output_path(), "reports/x/index.html");
        assert_eq!(Route::Response("y").output_path(), "responses/y/index.html");
        assert_eq!(Route::Page("about").output_path(), "about/index.html");
        assert_eq!(Route::Year(2023).output_path(), "years/2023/index.html");
        assert_eq!(
            Route::Theme("vetting").output_path(),
            "themes/vetting/index.html"
        );
        assert_eq!(Route::NotFound.output_path(), "404.html");
        assert_eq!(
            Route::ThemeFeed("vetting").output_path(),
            "themes/vetting/feed.xml"
        );
        assert_eq!(
            Route::Data(DataFile::FindingsCsv).output_path(),
            "data/findings.csv"
        );
        assert_eq!(
            Route::Attachment("files/a.pdf").output_path(),
            "files/a.pdf"
        );
    }

    #[test]
    fn the_national_list_of_reports_is_a_folder_deeper_than_any_report() {
        let list = |order, page| Route::NationalReports(order, page).output_path();
        assert_eq!(list(ReportOrder::Newest, 1), "reports/index.html");
        assert_eq!(
            list(ReportOrder::Newest, 2),
            "reports/by/newest/2/index.html"
        );
        assert_eq!(
            list(ReportOrder::MostOverdue, 1),
            "reports/by/most-overdue/index.html"
        );
        assert_eq!(
            list(ReportOrder::FewestResponses, 3),
            "reports/by/fewest-responses/3/index.html"
        );
        // A report slugged `by` keeps its own page.
        assert_eq!(Route::Report("by").output_path(), "reports/by/index.html");
    }

    #[test]
    fn links_follow_the_base_path_and_addresses_the_base_url() {
        let site = SiteAddress::new("https://example.org/pfcc/hmicfrs/", "/pfcc/hmicfrs/");
        assert_eq!(site.link(Route::Home), "/pfcc/hmicfrs/");
        assert_eq!(site.link(Route::Report("x")), "/pfcc/hmicfrs/reports/x/");
        assert_eq!(
            site.link_with_fragment(Route::Report("x"), "r1"),
            "/pfcc/hmicfrs/reports/x/#r1"
        );
        assert_eq!(
            site.absolute(Route::Sitemap),
            "https://example.org/pfcc/hmicfrs/sitemap.xml"
        );
        assert_eq!(
            site.link_to("/static/style.css"),
            "/pfcc/hmicfrs/static/style.css"
        );
    }

    #[test]
    fn a_language_puts_pages_and_feeds_under_its_folder_and_nothing_else() {
        let site = SiteAddress::new("https://example.org/pfcc/", "/pfcc/");
        let welsh = site.in_language(Some("cy"));
        assert_eq!(welsh.link(Route::Home), "/pfcc/cy/");
        assert_eq!(welsh.link(Route::Report("x")), "/pfcc/cy/reports/x/");
        assert_eq!(
            welsh.absolute(Route::Feed),
            "https://example.org/pfcc/cy/feed.xml"
        );
        assert_eq!(welsh.link(Route::Search), "/pfcc/cy/search/");
        assert_eq!(
            welsh.link(Route::Data(DataFile::ArchiveJson)),
            "/pfcc/data/archive.json"
        );
        assert_eq!(
            welsh.link(Route::Attachment("files/a.pdf")),
            "/pfcc/files/a.pdf"
        );
        assert_eq!(welsh.link(Route::Sitemap), "/pfcc/sitemap.xml");
        assert_eq!(
            Route::ThemeFeed("vetting").output_path_in(Some("cy")),
            "cy/themes/vetting/feed.xml"
        );
        assert_eq!(Route::Home.output_path_in(Some("cy")), "cy/index.html");
        assert_eq!(Route::NotFound.output_path_in(None), "404.html");
        // The main language is at the root, as a site of one language.
        assert_eq!(
            site.in_language(None).link(Route::Years),
            site.link(Route::Years)
        );
    }

    #[test]
    fn document_pages_are_found_from_their_paths_and_sources() {
        let route = Route::document_at("reports/x/index.html");
        assert_eq!(route, Some(Route::Report("x")));
        assert_eq!(
            route.and_then(Route::source_file).as_deref(),
            Some("reports/x.md")
        );
        assert_eq!(
            Route::document_at("about/index.html"),
            Some(Route::Page("about"))
        );
        assert_eq!(Route::document_at("years/2023/index.html"), None);
        assert_eq!(Route::document_at("feed.xml"), None);
        assert_eq!(Route::document_at("reports/by/newest/2/index.html"), None);
        let source = std::path::Path::new("content/responses/y.md");
        assert_eq!(Route::of_source(source), Some(Route::Response("y")));
        assert_eq!(
            Route::of_source(std::path::Path::new("content/files/y.md")),
            None
        );
        // Every document route's output path leads back to it.
        for route in [Route::Report("a"), Route::Response("b"), Route::Page("c")] {
            assert_eq!(Route::document_at(&route.output_path()), Some(route));
        }
    }
}
