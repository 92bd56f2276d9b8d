//! Feeds and discovery: Atom feeds (site-wide and per theme), `sitemap.xml` and `robots.txt`.
//! Dates come from the content, never the clock, so builds stay reproducible.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::views::ViewBuilder;
use super::{Contents, OutputFile};
use crate::archive::{Archive, Report, Response};
use crate::dates::Date;
use crate::indexes::Indexes;

/// How many entries a feed carries: the newest.
const FEED_LENGTH: usize = 50;

/// One entry of a feed.
struct Entry {
    url: String,
    title: String,
    date: Date,
    author: String,
    category: (&'static str, &'static str),
    summary: String,
}

pub fn feeds_and_discovery(
    archive: &Archive,
    indexes: &Indexes,
    page_paths: &[&str],
) -> Vec<OutputFile> {
    let views = ViewBuilder::new(archive, indexes);
    let absolute = |path: &str| {
        format!(
            "{}{}",
            archive.config.base_url,
            path.trim_start_matches('/')
        )
    };
    // Every document, newest first, as the feeds order their entries; only the entries a feed
    // takes are made.
    let mut documents: Vec<(Date, String, Document)> = archive
        .reports
        .iter()
        .enumerate()
        .map(|(index, report)| {
            let path = format!("reports/{}/", report.slug);
            (report.published, path, Document::Report(index))
        })
        .chain(
            archive
                .responses
                .iter()
                .enumerate()
                .map(|(index, response)| {
                    let path = format!("responses/{}/", response.slug);
                    (
                        response_date(&views, response),
                        path,
                        Document::Response(index),
                    )
                }),
        )
        .collect();
    documents.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let newest = |belongs: &dyn Fn(Document) -> bool| -> Vec<Entry> {
        documents
            .iter()
            .filter(|(_, _, document)| belongs(*document))
            .take(FEED_LENGTH)
            .map(|&(_, _, document)| match document {
                Document::Report(index) => report_entry(&archive.reports[index], &absolute),
                Document::Response(index) => {
                    response_entry(&views, &archive.responses[index], &absolute)
                }
            })
            .collect()
    };

    let mut files = Vec::new();
    files.push(feed_file(
        "feed.xml",
        &archive.config.title,
        &format!(
            "New HMICFRS reports and {}'s responses.",
            archive.config.organisation
        ),
        &absolute(""),
        &absolute("feed.xml"),
        archive,
        indexes.today,
        newest(&|_| true),
    ));
    for theme in &archive.themes {
        let in_theme = |report: &Report| report.themes.contains(&theme.slug);
        let belongs = |document: Document| match document {
            Document::Report(index) => in_theme(&archive.reports[index]),
            Document::Response(index) => archive.responses[index]
                .reports
                .iter()
                .filter_map(|slug| archive.report(slug))
                .any(in_theme),
        };
        let page = format!("themes/{}/", theme.slug);
        files.push(feed_file(
            &format!("{page}feed.xml"),
            &format!("{}: {}", theme.title, archive.config.title),
            &format!(
                "HMICFRS reports on {} and the responses to them.",
                theme.title.to_lowercase()
            ),
            &absolute(&page),
            &absolute(&format!("{page}feed.xml")),
            archive,
            indexes.today,
            newest(&belongs),
        ));
    }
    files.push(sitemap(archive, indexes, page_paths, &absolute));
    files.push(OutputFile {
        path: "robots.txt".into(),
        contents: Contents::Bytes(
            format!(
                "User-agent: *\nAllow: /\n\nSitemap: {}\n",
                absolute("sitemap.xml")
            )
            .into_bytes(),
        ),
    });
    files
}

fn report_entry(report: &Report, absolute: &dyn Fn(&str) -> String) -> Entry {
    Entry {
        url: absolute(&format!("reports/{}/", report.slug)),
        title: report.title.clone(),
        date: report.published,
        author: "HMICFRS".into(),
        category: ("report", "HMICFRS report"),
        summary: report.summary.clone().unwrap_or_else(|| {
            format!(
                "{}, published {}.",
                report.report_type.label(),
                report.published.long()
            )
        }),
    }
}

/// A document a feed can carry, by index into the archive's reports or responses.
#[derive(Clone, Copy)]
enum Document {
    Report(usize),
    Response(usize),
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

fn response_entry(
    views: &ViewBuilder<'_>,
    response: &Response,
    absolute: &dyn Fn(&str) -> String,
) -> Entry {
    let date = response_date(views, response);
    let dated = match response.counting_date() {
        Some(date) => format!("dated {}", date.long()),
        None => "undated".into(),
    };
    Entry {
        url: absolute(&format!("responses/{}/", response.slug)),
        title: views.response_title(response),
        date,
        author: response
            .author
            .clone()
            .unwrap_or_else(|| views.archive.config.organisation.clone()),
        category: ("response", "Response"),
        summary: format!(
            "The response of {}, {dated}.",
            views.archive.config.organisation
        ),
    }
}

#[allow(clippy::too_many_arguments)]
fn feed_file(
    path: &str,
    title: &str,
    subtitle: &str,
    alternate: &str,
    self_url: &str,
    archive: &Archive,
    today: Date,
    entries: Vec<Entry>,
) -> OutputFile {
    let updated = entries.first().map_or(today, |e| e.date);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        xml_escape(&archive.config.language)
    );
    let _ = writeln!(xml, "  <title>{}</title>", xml_escape(title));
    let _ = writeln!(xml, "  <subtitle>{}</subtitle>", xml_escape(subtitle));
    let _ = writeln!(xml, "  <id>{}</id>", xml_escape(alternate));
    let _ = writeln!(
        xml,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml_escape(self_url)
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
        xml_escape(&archive.config.organisation)
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
            label = entry.category.1,
            summary = xml_escape(&entry.summary),
        );
    }
    xml.push_str("</feed>\n");
    OutputFile {
        path: path.into(),
        contents: Contents::Bytes(xml.into_bytes()),
    }
}

/// Every HTML page but the 404 page, with the newest date its content carries as `lastmod`.
fn sitemap(
    archive: &Archive,
    indexes: &Indexes,
    page_paths: &[&str],
    absolute: &dyn Fn(&str) -> String,
) -> OutputFile {
    let responses: HashMap<&str, usize> = archive
        .responses
        .iter()
        .enumerate()
        .map(|(index, response)| (response.slug.as_str(), index))
        .collect();
    let pages: HashMap<&str, usize> = archive
        .pages
        .iter()
        .enumerate()
        .map(|(index, page)| (page.slug.as_str(), index))
        .collect();
    let report_lastmod = |index: usize| {
        let report = &archive.reports[index];
        let responses = indexes.responses_of[index]
            .iter()
            .filter_map(|&i| archive.responses[i].counting_date());
        let updates = report
            .findings
            .iter()
            .flat_map(|f| f.updates.iter().map(|u| u.date));
        std::iter::once(report.published)
            .chain(responses)
            .chain(updates)
            .max()
    };
    // The newest date a page's content carries: from the document at its path.
    let lastmod = |path: &str| -> Option<Date> {
        let folder = path.strip_suffix("/index.html")?;
        if let Some(slug) = folder.strip_prefix("reports/") {
            if let Some(index) = archive.report_position(slug) {
                return report_lastmod(index);
            }
        }
        if let Some(slug) = folder.strip_prefix("responses/") {
            if let Some(&index) = responses.get(slug) {
                return archive.responses[index].counting_date();
            }
        }
        pages
            .get(folder)
            .and_then(|&index| archive.pages[index].updated)
    };
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut paths: Vec<&str> = page_paths
        .iter()
        .copied()
        .filter(|p| p.ends_with("index.html"))
        .collect();
    paths.sort_unstable();
    for path in paths {
        let url = absolute(path.trim_end_matches("index.html"));
        let _ = write!(xml, "  <url><loc>{}</loc>", xml_escape(&url));
        if let Some(date) = lastmod(path) {
            let _ = write!(xml, "<lastmod>{}</lastmod>", date.iso());
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path: "sitemap.xml".into(),
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
}
