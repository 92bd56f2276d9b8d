//! Feeds and discovery: Atom feeds (site-wide and per theme), `sitemap.xml` and `robots.txt`.
//! Dates come from the content, never the clock, so builds stay reproducible.

use std::cmp::Ordering;
use std::fmt::Write as _;

use super::pages::{PageKind, PageList};
use super::views::{PageLanguage, ViewBuilder};
use super::words::Words;
use super::{Contents, OutputFile};
use crate::archive::{Archive, Report, ReportId, Response, ResponseId};
use crate::dates::Date;
use crate::indexes::Indexes;
use crate::routes::{self, Route, SiteAddress};

/// How many entries a feed carries: the newest.
const FEED_LENGTH: usize = 50;

/// One entry of a feed.
struct Entry {
    url: String,
    title: String,
    date: Date,
    author: String,
    category: (&'static str, String),
    summary: String,
}

/// The feeds of the main language, the sitemap of the pages in `list` (and their versions in
/// the other languages) and `robots.txt`.
pub fn feeds_and_discovery(
    archive: &Archive,
    indexes: &Indexes,
    list: &PageList,
    lastmods: &Lastmods,
    words: &std::sync::Arc<Words>,
) -> Vec<OutputFile> {
    let mut files = feeds(archive, indexes, PageLanguage::main(&archive.config), words);
    let address = archive.config.address();
    files.push(sitemap(archive, list, lastmods));
    files.push(OutputFile {
        path: Route::Robots.output_path(),
        contents: Contents::Bytes(
            format!(
                "User-agent: *\nAllow: /\n\nSitemap: {}\n",
                address.absolute(Route::Sitemap)
            )
            .into_bytes(),
        ),
    });
    files
}

/// The feeds of `language`: the site's and each theme's, under its folder, in the theme's
/// `words` (its own over the built-in ones, as its pages have them).
pub fn feeds(
    archive: &Archive,
    indexes: &Indexes,
    language: PageLanguage<'_>,
    words: &std::sync::Arc<Words>,
) -> Vec<OutputFile> {
    let views = ViewBuilder::in_language(archive, indexes, language)
        .with_words(std::sync::Arc::clone(words));
    let address = views.address();
    // Every document, newest first, as the feeds order their entries; only the entries a feed
    // takes are made.
    let mut documents: Vec<(Date, Document)> = archive
        .reports
        .iter()
        .enumerate()
        .map(|(index, report)| (report.published, Document::Report(ReportId::at(index))))
        .chain(
            archive
                .responses
                .iter()
                .enumerate()
                .map(|(index, response)| {
                    let date = response_date(&views, response);
                    (date, Document::Response(ResponseId::at(index)))
                }),
        )
        .collect();
    // Newest first; on one day, by the document's path (`reports/…/` before `responses/…/`).
    let path_order = |a: Document, b: Document| match (a, b) {
        (Document::Report(_), Document::Response(_)) => Ordering::Less,
        (Document::Response(_), Document::Report(_)) => Ordering::Greater,
        (Document::Report(a), Document::Report(b)) => {
            folder_order(&archive.report_at(a).slug, &archive.report_at(b).slug)
        }
        (Document::Response(a), Document::Response(b)) => {
            folder_order(&archive.response_at(a).slug, &archive.response_at(b).slug)
        }
    };
    documents.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| path_order(a.1, b.1)));
    let newest = |belongs: &dyn Fn(Document) -> bool| -> Vec<Entry> {
        documents
            .iter()
            .filter(|(_, document)| belongs(*document))
            .take(FEED_LENGTH)
            .map(|&(_, document)| match document {
                Document::Report(index) => report_entry(&views, archive.report_at(index), address),
                Document::Response(index) => {
                    response_entry(&views, archive.response_at(index), address)
                }
            })
            .collect()
    };

    let mut files = Vec::with_capacity(archive.themes.len() + 1);
    files.push(feed_file(
        Route::Feed,
        language.title,
        &views.say(
            "program.feed.subtitle",
            &[("organisation", language.organisation)],
        ),
        &address.absolute(Route::Home),
        (address, language),
        indexes.today,
        newest(&|_| true),
    ));
    for theme in &archive.themes {
        let in_theme = |report: &Report| report.themes.contains(&theme.slug);
        let belongs = |document: Document| match document {
            Document::Report(index) => in_theme(archive.report_at(index)),
            Document::Response(index) => archive
                .response_at(index)
                .reports
                .iter()
                .filter_map(|slug| archive.report(slug))
                .any(in_theme),
        };
        files.push(feed_file(
            Route::ThemeFeed(&theme.slug),
            &views.say(
                "program.feed.theme_title",
                &[("theme", &theme.title), ("site", language.title)],
            ),
            &views.say(
                "program.feed.theme_subtitle",
                &[("theme", &theme.title.to_lowercase())],
            ),
            &address.absolute(Route::Theme(&theme.slug)),
            (address, language),
            indexes.today,
            newest(&belongs),
        ));
    }
    files
}

fn report_entry(views: &ViewBuilder<'_>, report: &Report, address: SiteAddress<'_>) -> Entry {
    Entry {
        url: address.absolute(Route::Report(&report.slug)),
        title: report.title.clone(),
        date: report.published,
        author: views.say("program.feed.report_author", &[]),
        category: ("report", views.say("program.feed.report_category", &[])),
        summary: report.summary.clone().unwrap_or_else(|| {
            views.say(
                "program.feed.report_summary",
                &[
                    ("type", &views.label("report_type", report.report_type)),
                    ("date", &views.date(report.published).long),
                ],
            )
        }),
    }
}

/// The order of two folders `slug/` by their paths, without making them.
fn folder_order(a: &str, b: &str) -> Ordering {
    a.bytes().chain([b'/']).cmp(b.bytes().chain([b'/']))
}

/// A document a feed can carry, by index into the archive's reports or responses.
#[derive(Clone, Copy)]
enum Document {
    Report(ReportId),
    Response(ResponseId),
}

/// A response's date in feeds: the date it counts from, else its newest report's, else today.
fn response_date(views: &ViewBuilder<'_>, response: &Response) -> Date {
    let report_dates = response
        .reports
        .iter()
        .filter_map(|slug| views.archive.report(slug))
        .map(|r| r.published);
    response
        .counting_date()
        .or_else(|| report_dates.max())
        .unwrap_or(views.indexes.today)
}

fn response_entry(views: &ViewBuilder<'_>, response: &Response, address: SiteAddress<'_>) -> Entry {
    let date = response_date(views, response);
    let organisation = views.language.organisation;
    let dated = match response.counting_date() {
        Some(date) => views.say(
            "program.feed.response_dated",
            &[
                ("organisation", organisation),
                ("date", &views.date(date).long),
            ],
        ),
        None => views.say(
            "program.feed.response_undated",
            &[("organisation", organisation)],
        ),
    };
    Entry {
        url: address.absolute(Route::Response(&response.slug)),
        title: views.response_title(response),
        date,
        author: response
            .author
            .clone()
            .unwrap_or_else(|| organisation.to_string()),
        category: ("response", views.say("program.search.response", &[])),
        summary: dated,
    }
}

fn feed_file(
    route: Route<'_>,
    title: &str,
    subtitle: &str,
    alternate: &str,
    (address, language): (SiteAddress<'_>, PageLanguage<'_>),
    today: Date,
    entries: Vec<Entry>,
) -> OutputFile {
    let updated = entries.first().map_or(today, |e| e.date);
    let self_url = address.absolute(route);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        xml_escape(language.code)
    );
    let _ = writeln!(xml, "  <title>{}</title>", xml_escape(title));
    let _ = writeln!(xml, "  <subtitle>{}</subtitle>", xml_escape(subtitle));
    let _ = writeln!(xml, "  <id>{}</id>", xml_escape(alternate));
    let _ = writeln!(
        xml,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml_escape(&self_url)
    );
    let _ = writeln!(
        xml,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml_escape(alternate)
    );
    let _ = writeln!(xml, "  <updated>{}</updated>", updated.rfc3339());
    let _ = writeln!(
        xml,
        "  <author><name>{}</name></author>",
        xml_escape(language.organisation)
    );
    let _ = writeln!(xml, "  <rights>Open Government Licence v3.0</rights>");
    let _ = writeln!(xml, "  <generator>scrutiny</generator>");
    for entry in entries {
        let _ = write!(
            xml,
            "  <entry>\n    <id>{url}</id>\n    <title>{title}</title>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n    \
             <published>{date}</published>\n    <updated>{date}</updated>\n    <author><name>{author}</name></author>\n    \
             <category term=\"{term}\" label=\"{label}\"/>\n    <summary type=\"text\">{summary}</summary>\n  </entry>\n",
            url = xml_escape(&entry.url),
            title = xml_escape(&entry.title),
            date = entry.date.rfc3339(),
            author = xml_escape(&entry.author),
            term = entry.category.0,
            label = xml_escape(&entry.category.1),
            summary = xml_escape(&entry.summary),
        );
    }
    xml.push_str("</feed>\n");
    OutputFile {
        path: route.output_path_in(language.folder),
        contents: Contents::Bytes(xml.into_bytes()),
    }
}

/// Each page's `lastmod` in the sitemap, the newest date its content carries, in the order of
/// [`PageList::sorted_paths`]. Made once by a build; serve updates the dates of the pages it
/// renders again (only a page rendered again can carry another date).
#[derive(Debug, Default)]
pub struct Lastmods(Vec<Option<Date>>);

impl Lastmods {
    pub fn new(archive: &Archive, indexes: &Indexes, list: &PageList) -> Lastmods {
        Lastmods(
            list.sorted_paths()
                .map(|path| lastmod(archive, indexes, list.page_at(path)))
                .collect(),
        )
    }

    /// The dates after a change that can only have changed those of the pages at `paths`.
    pub fn updated<'p>(
        mut self,
        archive: &Archive,
        indexes: &Indexes,
        list: &PageList,
        paths: impl Iterator<Item = &'p str>,
    ) -> Lastmods {
        if self.0.len() != list.len() {
            return Lastmods::new(archive, indexes, list);
        }
        for path in paths {
            if let Some(at) = list.sorted_position(path) {
                self.0[at] = lastmod(archive, indexes, list.page_at(path));
            }
        }
        self
    }
}

/// The newest date a page's document carries: none for pages that are not of one document.
fn lastmod(archive: &Archive, indexes: &Indexes, page: Option<PageKind>) -> Option<Date> {
    match page? {
        PageKind::Report(id) => report_lastmod(archive, indexes, id),
        PageKind::Response(id) => archive.response_at(id).counting_date(),
        PageKind::Content(index) => archive.pages[index].updated,
        _ => None,
    }
}

/// A report's publication, its responses' dates and its findings' updates.
fn report_lastmod(archive: &Archive, indexes: &Indexes, id: ReportId) -> Option<Date> {
    let report = archive.report_at(id);
    let responses = indexes.responses_of[id.index()]
        .iter()
        .filter_map(|&i| archive.response_at(i).counting_date());
    let updates = report
        .findings
        .iter()
        .flat_map(|f| f.updates.iter().map(|u| u.date));
    std::iter::once(report.published)
        .chain(responses)
        .chain(updates)
        .max()
}

/// Every HTML page but the 404 page, with its `lastmod`.
fn sitemap(archive: &Archive, list: &PageList, lastmods: &Lastmods) -> OutputFile {
    let pages = list
        .sorted_paths()
        .zip(&lastmods.0)
        .filter(|(path, _)| path.ends_with("index.html"));
    if !archive.config.languages.is_empty() {
        return sitemap_of_languages(archive, pages);
    }
    let mut xml = String::with_capacity(list.len() * 100 + 128);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let base_url = xml_escape(&archive.config.base_url);
    for (path, lastmod) in pages {
        xml.push_str("  <url><loc>");
        xml.push_str(&base_url);
        push_xml_escaped(&mut xml, routes::address_of_page(path));
        xml.push_str("</loc>");
        if let Some(date) = lastmod {
            let _ = write!(xml, "<lastmod>{date}</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path: Route::Sitemap.output_path(),
        contents: Contents::Bytes(xml.into_bytes()),
    }
}

/// The sitemap of a site of several languages: each page in each language, each with its
/// versions in every language (`xhtml:link` alternates, and `x-default`: the main language's).
fn sitemap_of_languages<'p>(
    archive: &Archive,
    pages: impl Iterator<Item = (&'p str, &'p Option<Date>)>,
) -> OutputFile {
    let languages = PageLanguage::every(&archive.config);
    let base_url = xml_escape(&archive.config.base_url);
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let in_language = |folder: Option<&str>, path: &str| match folder {
        Some(folder) => format!("{base_url}{folder}/{}", xml_escape(path)),
        None => format!("{base_url}{}", xml_escape(path)),
    };
    for (path, lastmod) in pages {
        let path = routes::address_of_page(path);
        let mut alternates = String::new();
        for language in &languages {
            let _ = write!(
                alternates,
                "\n    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                xml_escape(language.code),
                in_language(language.folder, path)
            );
        }
        let _ = write!(
            alternates,
            "\n    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
            in_language(None, path)
        );
        for language in &languages {
            let _ = write!(
                xml,
                "  <url><loc>{}</loc>",
                in_language(language.folder, path)
            );
            if let Some(date) = lastmod {
                let _ = write!(xml, "<lastmod>{date}</lastmod>");
            }
            xml.push_str(&alternates);
            xml.push_str("\n  </url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path: Route::Sitemap.output_path(),
        contents: Contents::Bytes(xml.into_bytes()),
    }
}

/// Escapes text for XML content and attribute values. Characters XML 1.0 forbids (control
/// characters other than tab and newlines, U+FFFE and U+FFFF) are dropped rather than breaking
/// the feed.
pub fn xml_escape(text: &str) -> String {
    let allowed: String = text
        .chars()
        .filter(|&c| {
            (c >= ' ' || matches!(c, '\t' | '\n' | '\r')) && !matches!(c, '\u{FFFE}' | '\u{FFFF}')
        })
        .collect();
    crate::markdown::escape_html(&allowed)
}

/// Appends `text` escaped as [`xml_escape`] does, copying it as it is when nothing in it needs
/// escaping or dropping (most URLs and titles).
fn push_xml_escaped(xml: &mut String, text: &str) {
    // 0xEF starts U+FFFE and U+FFFF (and other characters): those take the full path.
    let plain = text
        .bytes()
        .all(|b| b >= b' ' && !matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | 0xEF));
    match plain {
        true => xml.push_str(text),
        false => xml.push_str(&xml_escape(text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escaping_covers_markup_quotes_and_control_characters() {
        assert_eq!(
            xml_escape("a & <b> \"c\" 'd'\u{1}"),
            "a &amp; &lt;b&gt; &quot;c&quot; &#39;d&#39;"
        );
    }

    #[test]
    fn folders_sort_as_their_paths() {
        for (a, b) in [
            ("a", "a-b"),
            ("a", "ab"),
            ("b", "a"),
            ("x", "x"),
            ("a-1", "a0"),
        ] {
            let path = |slug: &str| format!("reports/{slug}/");
            assert_eq!(folder_order(a, b), path(a).cmp(&path(b)), "{a} {b}");
        }
    }

    #[test]
    fn appending_escapes_as_xml_escape_does() {
        for text in [
            "plain/path/",
            "a & <b>",
            "tab\there",
            "\u{FFFF}x\u{FFFE}",
            "é\u{1}",
            "",
        ] {
            let mut xml = String::from("<");
            push_xml_escaped(&mut xml, text);
            assert_eq!(xml, format!("<{}", xml_escape(text)), "{text:?}");
        }
    }
}
