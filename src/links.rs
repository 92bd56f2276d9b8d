//! Links: checks every internal link and anchor of the rendered site (in memory) and every
//! attachment, and points each broken link at the line of the Markdown file it was written in,
//! or at the theme when a template wrote it.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read as _;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::archive::Archive;
use crate::diagnostic::{Diagnostic, Position, did_you_mean};
use crate::render::{Contents, OutputFile};

/// Checks the links of `files` (a whole rendered site) and the attachments of `archive`.
/// `texts` holds the source files by path, to find the line each broken link is on; `root` is
/// the site folder, to tell a link to a draft or an unattached file from a plain mistake.
pub fn check(
    root: &Path,
    archive: &Archive,
    files: &[OutputFile],
    texts: &HashMap<PathBuf, String>,
) -> Vec<Diagnostic> {
    let site = SiteIndex::new(archive, files);
    let sources = Sources::new(archive, texts);
    let mut problems = Vec::new();
    // Links the templates wrote: one diagnostic per target, however many pages carry it.
    let mut from_templates: BTreeMap<String, (Broken, Vec<String>)> = BTreeMap::new();
    for file in files {
        // Each written link is matched once per page, so two broken links to one place are two.
        let mut used = HashSet::new();
        let Contents::Bytes(bytes) = &file.contents else {
            continue;
        };
        let Ok(text) = std::str::from_utf8(bytes) else {
            continue;
        };
        let links = if file.is_page() {
            scan_html(text).links
        } else if file.path.ends_with(".xml") {
            absolute_urls(text, &archive.config.base_url)
        } else {
            continue;
        };
        for href in links {
            let Some(broken) = site.check(&href, &file.path) else {
                continue;
            };
            match sources.authored(&site, &broken, &file.path, &mut used) {
                Some(authored) => {
                    problems.push(site.diagnostic(root, &file.path, authored, &broken))
                }
                None => {
                    let entry = from_templates
                        .entry(href.clone())
                        .or_insert_with(|| (broken, Vec::new()));
                    entry.1.push(file.path.clone());
                }
            }
        }
    }
    let template_dir = Path::new("themes")
        .join(&archive.config.theme)
        .join("templates");
    for (href, (broken, pages)) in from_templates {
        let page = site.url_of(&pages[0]);
        let others = match pages.len() - 1 {
            0 => String::new(),
            1 => " and 1 other page".to_string(),
            n => format!(" and {n} other pages"),
        };
        let message = format!(
            "the link \"{href}\" on {page}{others} {}",
            site.what_is_wrong(root, &broken, &pages[0])
        );
        let help = if pages[0].ends_with(".html") {
            "a template wrote this link: build addresses with url('path/') so they follow base_url"
        } else {
            "scrutiny wrote this link itself: please report it as a bug"
        };
        problems.push(Diagnostic::error(&template_dir, message).with_help(help));
    }
    problems.extend(check_attachments(archive, texts));
    problems
        .sort_by(|a, b| (&a.file, a.position, &a.message).cmp(&(&b.file, b.position, &b.message)));
    problems.dedup();
    problems
}

/// What is wrong with a link.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Broken {
    /// Where it resolved to: a path under the site root, or `None` when outside the base path.
    target: Option<String>,
    /// Set when the page exists but has no element with this id.
    missing_anchor: Option<String>,
}

/// The built site: every file, and the ids on every page.
struct SiteIndex {
    base_url: String,
    base_path: String,
    files: HashSet<String>,
    ids: HashMap<String, HashSet<String>>,
}

impl SiteIndex {
    fn new(archive: &Archive, files: &[OutputFile]) -> SiteIndex {
        let mut ids = HashMap::new();
        for file in files.iter().filter(|file| file.is_page()) {
            if let Contents::Bytes(bytes) = &file.contents {
                let text = String::from_utf8_lossy(bytes);
                ids.insert(file.path.clone(), scan_html(&text).ids);
            }
        }
        SiteIndex {
            base_url: archive.config.base_url.clone(),
            base_path: archive.config.base_path.clone(),
            files: files.iter().map(|file| file.path.clone()).collect(),
            ids,
        }
    }

    /// The address of a file of the site, as a visitor sees it (`/hmicfrs/reports/x/`).
    fn url_of(&self, path: &str) -> String {
        format!(
            "{}{}",
            self.base_path,
            path.strip_suffix("index.html").unwrap_or(path)
        )
    }

    /// Resolves `href` as a browser would on the page at `page` (a path under the site root):
    /// `None` for links that leave the site, else the site path (if under the base path) and
    /// the fragment.
    fn resolve(&self, href: &str, page: &str) -> Option<(Option<String>, Option<String>)> {
        let href = href.trim();
        let href = match href.strip_prefix(self.base_url.as_str()) {
            Some(rest) => format!("{}{rest}", self.base_path),
            None if has_scheme(href) || href.starts_with("//") => return None,
            None => href.to_string(),
        };
        let (before_fragment, fragment) = match href.split_once('#') {
            Some((before, fragment)) => (before, Some(decode(fragment))),
            None => (href.as_str(), None),
        };
        let path = before_fragment
            .split_once('?')
            .map_or(before_fragment, |(path, _)| path);
        let page_url = self.url_of(page);
        let absolute = if path.is_empty() {
            page_url
        } else if path.starts_with('/') {
            path.to_string()
        } else {
            let folder = &page_url[..page_url.rfind('/').map_or(0, |i| i + 1)];
            format!("{folder}{path}")
        };
        let absolute = normalise(&decode(&absolute));
        let target = absolute.strip_prefix(&self.base_path).map(|rest| {
            if rest.is_empty() || rest.ends_with('/') {
                format!("{rest}index.html")
            } else {
                rest.to_string()
            }
        });
        Some((target, fragment.filter(|f| !f.is_empty())))
    }

    /// `None` when `href` on `page` works (or leaves the site, which this does not check).
    fn check(&self, href: &str, page: &str) -> Option<Broken> {
        let (target, fragment) = self.resolve(href, page)?;
        let Some(target) = target else {
            return Some(Broken {
                target: None,
                missing_anchor: None,
            });
        };
        // A folder linked without its final slash: every web host redirects it.
        let folder_index = format!("{target}/index.html");
        let found = if self.files.contains(&target) {
            target
        } else if self.files.contains(&folder_index) {
            folder_index
        } else {
            return Some(Broken {
                target: Some(target),
                missing_anchor: None,
            });
        };
        let fragment = fragment?;
        let ids = self.ids.get(&found)?;
        (!ids.contains(&fragment)).then_some(Broken {
            target: Some(found),
            missing_anchor: Some(fragment),
        })
    }

    /// The end of a message: "goes to no page", "goes to a draft, ...".
    fn what_is_wrong(&self, root: &Path, broken: &Broken, page: &str) -> String {
        let Some(target) = &broken.target else {
            return format!(
                "goes outside the site, which is published under {}",
                self.base_path
            );
        };
        if let Some(anchor) = &broken.missing_anchor {
            let on = if target == page {
                "this page".to_string()
            } else {
                format!("the page {}", self.url_of(target))
            };
            return format!("points to \"#{anchor}\", but {on} has no such anchor");
        }
        match unpublished_source(root, target) {
            Some(Unpublished::Draft) => "goes to a draft, which is not published".into(),
            Some(Unpublished::UnattachedFile) => {
                "goes to a file that is not published (only files attached to a response are)"
                    .into()
            }
            None => "goes to no page".into(),
        }
    }

    fn diagnostic(
        &self,
        root: &Path,
        page: &str,
        (source, link): (&Path, &AuthoredLink),
        broken: &Broken,
    ) -> Diagnostic {
        let message = format!(
            "the link \"{}\" {}",
            link.dest,
            self.what_is_wrong(root, broken, page)
        );
        let diagnostic = Diagnostic {
            position: Some(link.position),
            width: link.width,
            ..Diagnostic::error(source, message)
        };
        match self.help(root, broken) {
            Some(help) => diagnostic.with_help(help),
            None => diagnostic,
        }
    }

    fn help(&self, root: &Path, broken: &Broken) -> Option<String> {
        let target = broken.target.as_ref()?;
        if let Some(anchor) = &broken.missing_anchor {
            let ids = self.ids.get(target)?;
            return Some(match did_you_mean(anchor, ids.iter().map(String::as_str)) {
                Some(id) => format!("did you mean \"#{id}\"?"),
                None => "link to a heading by its id: \"## Next steps\" has the id \"next-steps\""
                    .into(),
            });
        }
        match unpublished_source(root, target) {
            Some(Unpublished::Draft) => {
                return Some("publish it first (remove `draft = true`), or remove the link".into());
            }
            Some(Unpublished::UnattachedFile) => {
                return Some(format!(
                    "attach it to a response: [[attachments]] with file = \"{target}\""
                ));
            }
            None => {}
        }
        let wanted = target.strip_suffix("index.html").unwrap_or(target);
        let known: Vec<&str> = self
            .files
            .iter()
            .map(|path| path.strip_suffix("index.html").unwrap_or(path))
            .filter(|path| !path.is_empty())
            .collect();
        did_you_mean(wanted, known.iter().copied()).map(|path| format!("did you mean \"/{path}\"?"))
    }
}

enum Unpublished {
    Draft,
    UnattachedFile,
}

/// Whether `target` (a site path) would be built from a source that exists but is left out:
/// a draft document, or a file in `content/` that no response attaches.
fn unpublished_source(root: &Path, target: &str) -> Option<Unpublished> {
    let content = root.join(crate::source::CONTENT_DIR);
    if let Some(folder) = target.strip_suffix("/index.html") {
        let (kind, slug) = match folder.split_once('/') {
            Some((kind @ ("reports" | "responses"), slug)) => (kind, slug),
            Some(_) => return None,
            None => ("pages", folder),
        };
        let exists = crate::document::is_slug(slug)
            && content.join(kind).join(format!("{slug}.md")).is_file();
        return exists.then_some(Unpublished::Draft);
    }
    let file = crate::archive::validate::normalise_attachment_path(target)?;
    content
        .join(file)
        .is_file()
        .then_some(Unpublished::UnattachedFile)
}

/// A link as an editor wrote it in a source file.
#[derive(Clone, Debug)]
struct AuthoredLink {
    dest: String,
    position: Position,
    width: usize,
}

/// The Markdown links of every source file, to find where a broken link was written.
struct Sources {
    /// Source file by the path of its page (`reports/x/index.html`).
    page_source: HashMap<String, PathBuf>,
    links: BTreeMap<PathBuf, Vec<AuthoredLink>>,
}

impl Sources {
    fn new(archive: &Archive, texts: &HashMap<PathBuf, String>) -> Sources {
        let mut page_source = HashMap::new();
        for report in &archive.reports {
            page_source.insert(
                format!("reports/{}/index.html", report.slug),
                report.source.clone(),
            );
        }
        for response in &archive.responses {
            page_source.insert(
                format!("responses/{}/index.html", response.slug),
                response.source.clone(),
            );
        }
        for page in &archive.pages {
            page_source.insert(format!("{}/index.html", page.slug), page.source.clone());
        }
        let links = page_source
            .values()
            .filter_map(|source| Some((source.clone(), markdown_links(texts.get(source)?))))
            .collect();
        Sources { page_source, links }
    }

    /// The source file and link that produced a broken link on `page`: the page's own source
    /// first, then any other (finding texts appear on the findings page too).
    fn authored<'a>(
        &'a self,
        site: &SiteIndex,
        broken: &Broken,
        page: &str,
        used: &mut HashSet<(&'a Path, usize)>,
    ) -> Option<(&'a Path, &'a AuthoredLink)> {
        let own = self.page_source.get(page);
        let order = own
            .into_iter()
            .chain(self.links.keys().filter(|source| Some(*source) != own));
        let mut first = None;
        for source in order {
            for (index, link) in self.links.get(source).into_iter().flatten().enumerate() {
                let rendered = rebase(&link.dest, &site.base_path);
                if site.check(&rendered, page).as_ref() != Some(broken) {
                    continue;
                }
                let found = (source.as_path(), link);
                if used.insert((source.as_path(), index)) {
                    return Some(found);
                }
                first.get_or_insert(found);
            }
        }
        first
    }
}

/// The base-path rewrite the Markdown renderer applies to root-relative links.
fn rebase(dest: &str, base_path: &str) -> String {
    if dest.starts_with('/') && !dest.starts_with("//") && base_path != "/" {
        format!("{}{dest}", base_path.trim_end_matches('/'))
    } else {
        dest.to_string()
    }
}

/// Every link and image destination in a source file, front matter included (finding texts
/// are Markdown too), with its position in the file.
fn markdown_links(text: &str) -> Vec<AuthoredLink> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut links = Vec::new();
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let dest = match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        if dest.is_empty() {
            continue;
        }
        let written = &text[range.clone()];
        let offset = written
            .find(&format!("]({dest}"))
            .map(|i| range.start + i + 2)
            .or_else(|| written.find(dest.as_ref()).map(|i| range.start + i))
            .or_else(|| text.find(&format!("]: {dest}")).map(|i| i + 3))
            .unwrap_or(range.start);
        links.push(AuthoredLink {
            dest: dest.to_string(),
            position: Position::of_offset(text, offset),
            width: dest.chars().count().max(1),
        });
    }
    links
}

/// The ids and link targets of an HTML page.
#[derive(Debug, Default, PartialEq, Eq)]
struct Scan {
    ids: HashSet<String>,
    links: Vec<String>,
}

/// Reads the tags of an HTML page: `id`s (and `<a name>`), and the `href`, `src`, `srcset`,
/// `action` and `poster` of every element. Comments, and the insides of `<script>` and
/// `<style>`, are skipped.
fn scan_html(html: &str) -> Scan {
    let mut scan = Scan::default();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some(end) = tag_end(rest) else { break };
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if tag.starts_with(['/', '!', '?']) {
            continue;
        }
        let name_end = tag
            .find(|c: char| c.is_ascii_whitespace() || c == '/')
            .unwrap_or(tag.len());
        let name = tag[..name_end].to_ascii_lowercase();
        for (attribute, value) in attributes(&tag[name_end..]) {
            match attribute.as_str() {
                "id" => {
                    scan.ids.insert(value);
                }
                "name" if name == "a" => {
                    scan.ids.insert(value);
                }
                "href" | "src" | "action" | "poster" => scan.links.push(value),
                "srcset" => scan.links.extend(
                    value
                        .split(',')
                        .filter_map(|candidate| candidate.split_whitespace().next())
                        .map(str::to_string),
                ),
                _ => {}
            }
        }
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = lower.find(&close).map_or("", |at| &rest[at..]);
        }
    }
    scan
}

/// The index of the `>` closing the tag that `text` starts with, skipping quoted values.
fn tag_end(text: &str) -> Option<usize> {
    let mut quote = None;
    for (index, c) in text.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), _) if c == open => quote = None,
            (None, '>') => return Some(index),
            _ => {}
        }
    }
    None
}

/// The attributes of a tag, names lowercased, values with their entities decoded.
fn attributes(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = text.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (raw, remaining) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let inner = &after[1..];
                    let end = inner.find(q).unwrap_or(inner.len());
                    (&inner[..end], inner.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after
                        .find(|c: char| c.is_ascii_whitespace())
                        .unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = unescape_html(raw);
            rest = remaining;
        }
        if !name.is_empty() {
            found.push((name, value));
        }
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
    }
    found
}

fn unescape_html(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Addresses of this site written out in full in an XML file (sitemap `<loc>`, feed links).
fn absolute_urls(xml: &str, base_url: &str) -> Vec<String> {
    xml.match_indices(base_url)
        .map(|(at, _)| {
            let url = &xml[at..];
            let end = url
                .find(|c: char| c == '<' || c == '"' || c == '\'' || c.is_whitespace())
                .unwrap_or(url.len());
            unescape_html(&url[..end])
        })
        .collect()
}

fn has_scheme(href: &str) -> bool {
    let Some((scheme, _)) = href.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// Removes `.` and `..` segments from an absolute URL path, as a browser does.
fn normalise(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = path.split('/').collect();
    let last = parts.len() - 1;
    for (index, part) in parts.iter().enumerate() {
        match *part {
            "." => {}
            ".." => {
                if segments.len() > 1 {
                    segments.pop();
                }
            }
            other => segments.push(other),
        }
        if index == last && matches!(*part, "." | "..") {
            segments.push("");
        }
    }
    let joined = segments.join("/");
    if joined.starts_with('/') {
        joined
    } else {
        format!("/{joined}")
    }
}

/// Each attachment must be a readable, non-empty file whose contents match its extension.
fn check_attachments(archive: &Archive, texts: &HashMap<PathBuf, String>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for response in &archive.responses {
        for attachment in &response.attachments {
            let problem = match read_start(&attachment.disk_path) {
                Err(error) => Some((format!("cannot read this file: {error}"), None)),
                Ok(start) if start.is_empty() => Some((
                    "is empty".to_string(),
                    Some("save the document again, or copy it again from where it came from"),
                )),
                Ok(start) => mismatch(&attachment.file, &start),
            };
            let Some((what, help)) = problem else {
                continue;
            };
            let mut diagnostic = Diagnostic::error(
                &response.source,
                format!("the attachment \"{}\" {what}", attachment.file),
            );
            let text = texts.get(&response.source);
            if let Some((text, at)) = text.and_then(|t| Some((t, t.find(&attachment.file)?))) {
                diagnostic = diagnostic.at_span(text, at..at + attachment.file.len());
            }
            if let Some(help) = help {
                diagnostic = diagnostic.with_help(help);
            }
            problems.push(diagnostic);
        }
    }
    problems
}

fn read_start(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut start = Vec::with_capacity(8);
    std::fs::File::open(path)?.take(8).read_to_end(&mut start)?;
    Ok(start)
}

/// A problem when the first bytes of a file do not match what its extension promises.
fn mismatch(file: &str, start: &[u8]) -> Option<(String, Option<&'static str>)> {
    let extension = file.rsplit_once('.')?.1.to_ascii_lowercase();
    let (expected, magic): (&str, &[u8]) = match extension.as_str() {
        "pdf" => ("PDF", b"%PDF-"),
        "docx" | "xlsx" | "pptx" => ("Microsoft Office document", b"PK\x03\x04"),
        "odt" | "ods" | "odp" => ("OpenDocument file", b"PK\x03\x04"),
        _ => return None,
    };
    (!start.starts_with(magic)).then(|| {
        (
            format!("is not a {expected}, though its name says it is"),
            Some("save or export the document again in that format; renaming a file does not convert it"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_ids_and_links_are_read_from_tags_only() {
        let html = r##"<!DOCTYPE html><a href="/a/?x=1&amp;y=2#top" id=one>A</a>
            <!-- <a href="/commented/"> --><img src='/i.png' alt="a > b">
            <script>var s = "<a href='/script/'>";</script><a name="old"></a>
            <p>&lt;a href=&quot;/escaped/&quot;&gt;</p><img srcset="/s1.png 1x, /s2.png 2x">"##;
        let scan = scan_html(html);
        assert_eq!(
            scan.links,
            vec!["/a/?x=1&y=2#top", "/i.png", "/s1.png", "/s2.png"]
        );
        assert_eq!(
            scan.ids,
            HashSet::from(["one".to_string(), "old".to_string()])
        );
    }

    #[test]
    fn paths_are_normalised_like_a_browser() {
        assert_eq!(normalise("/a/b/../c/"), "/a/c/");
        assert_eq!(normalise("/a/./b"), "/a/b");
        assert_eq!(normalise("/../../x"), "/x");
        assert_eq!(normalise("/a/b/.."), "/a/");
    }

    #[test]
    fn markdown_links_are_found_where_they_were_written() {
        let text = "+++\ntitle = \"T\"\ntext = \"See [x](/a/).\"\n+++\nIntro.\n\nSee [the report](/reports/nope/) and [ref][r].\n\n[r]: ../up/\n";
        let links = markdown_links(text);
        let found: Vec<(&str, usize, usize)> = links
            .iter()
            .map(|l| (l.dest.as_str(), l.position.line, l.position.column))
            .collect();
        assert_eq!(
            found,
            vec![("/a/", 3, 15), ("/reports/nope/", 7, 19), ("../up/", 9, 6)]
        );
    }

    #[test]
    fn schemes_are_recognised() {
        assert!(has_scheme("mailto:a@b"));
        assert!(has_scheme("https://x"));
        assert!(!has_scheme("/a:b"));
        assert!(!has_scheme("../x"));
    }

    #[test]
    fn attachments_must_match_their_extension() {
        assert!(mismatch("files/a.pdf", b"%PDF-1.7").is_none());
        assert!(mismatch("files/a.pdf", b"PK\x03\x04").is_some());
        assert!(mismatch("files/a.docx", b"PK\x03\x04").is_none());
        assert!(mismatch("files/a.txt", b"anything").is_none());
    }
}
