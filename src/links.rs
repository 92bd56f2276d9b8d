//! Links: checks every internal link and anchor of the rendered site (in memory) and every
//! attachment, and points each broken link at the line of the Markdown file it was written in,
//! or at the theme when a template wrote it.

mod attachments;
mod html;
mod sources;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::archive::Archive;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::render::{Contents, OutputFile};
use crate::routes::Route;
use crate::source::SourceLines;
use html::{Packed, absolute_urls, scan_html};
use sources::{AuthoredLink, WrittenLinks};

/// What the link check keeps of one file of the site, made as the file is rendered: its path,
/// its ids (a page's) and the links to check in it (a page's, the feeds' and the sitemap's). A
/// large site's HTML is then never in memory whole.
#[derive(Debug)]
pub struct ScannedFile {
    path: String,
    ids: Option<Packed>,
    links: Packed,
}

impl ScannedFile {
    pub fn new(file: &OutputFile, base_url: &str) -> ScannedFile {
        let (ids, links) = scan(file, base_url);
        ScannedFile {
            path: file.path.clone(),
            ids,
            links,
        }
    }

    pub fn path(&self) -> &str {
        &self.path
    }
}

/// Checks the links of `files` (a whole rendered site, scanned, sorted by path) and the
/// attachments of `archive`.
/// The line each broken link is on is found in its source, read again through `lines`; `root`,
/// the site folder, also tells a link to a draft or an unattached file from a plain mistake.
/// `failed` lists the documents left out of `archive` because they have errors: a link to one of
/// them is not judged (its own errors say what is wrong), so one run reports both.
pub fn check(
    root: &Path,
    archive: &Archive,
    files: Vec<ScannedFile>,
    lines: &SourceLines,
    failed: &[PathBuf],
) -> Vec<Diagnostic> {
    let mut paths = Vec::with_capacity(files.len());
    let mut ids = HashMap::new();
    let mut links = Vec::with_capacity(files.len());
    for file in files {
        if let Some(page_ids) = file.ids {
            ids.insert(file.path.clone(), page_ids);
        }
        paths.push(file.path);
        links.push(file.links);
    }
    let site = SiteIndex::new(archive, &paths, ids);
    let failed_pages: HashSet<String> = failed.iter().filter_map(|path| page_of(path)).collect();
    let sources = WrittenLinks::new(archive, lines);
    // Each file's links are checked on its own (in parallel), and what was found is put
    // together in file order, as one pass over the files would.
    let found: Vec<Vec<Found<'_>>> = paths
        .par_iter()
        .zip(links.par_iter())
        .with_max_len(crate::parallel::PARALLEL_GRAIN)
        .map_init(
            || HashMap::with_capacity(64),
            |verdicts, (page, links)| {
                // Each written link is matched once per page, so two broken links to one place
                // are two.
                let mut used = HashSet::new();
                let mut found = Vec::new();
                for href in links.iter() {
                    // The header, navigation and footer links of every page are judged once.
                    let broken = match site.same_on_every_page(href) {
                        true => verdicts
                            .entry(href)
                            .or_insert_with(|| site.check(href, page))
                            .clone(),
                        false => site.check(href, page),
                    };
                    let Some(broken) = broken else {
                        continue;
                    };
                    let to_failed = broken.target.as_ref().is_some_and(|target| {
                        failed_pages.contains(target)
                            || failed_pages.contains(&format!("{target}/index.html"))
                    });
                    if to_failed {
                        continue;
                    }
                    found.push(
                        match sources.authored(&site, href, &broken, page, &mut used) {
                            Some(authored) => {
                                Found::Authored(site.diagnostic(root, page, authored, &broken))
                            }
                            None => Found::FromTemplate(href.to_string(), broken, page),
                        },
                    );
                }
                found
            },
        )
        .collect();
    let mut problems = Vec::new();
    // Links the templates wrote: one diagnostic per target, however many pages carry it.
    let mut from_templates: BTreeMap<String, (Broken, Vec<String>)> = BTreeMap::new();
    for found in found.into_iter().flatten() {
        match found {
            Found::Authored(problem) => problems.push(problem),
            Found::FromTemplate(href, broken, page) => {
                let entry = from_templates
                    .entry(href)
                    .or_insert_with(|| (broken, Vec::new()));
                entry.1.push(page.to_string());
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
    problems.extend(attachments::check_attachments(archive, lines));
    problems
        .sort_by(|a, b| (&a.file, a.position, &a.message).cmp(&(&b.file, b.position, &b.message)));
    problems.dedup();
    problems
}

/// A broken link found on a page: where an editor wrote it, or a link a template wrote (its
/// address, what is wrong, the page).
enum Found<'a> {
    Authored(Diagnostic),
    FromTemplate(String, Broken, &'a str),
}

/// A file's ids (pages only) and the links to check in it (pages, and the feeds and sitemap).
fn scan(file: &OutputFile, base_url: &str) -> (Option<Packed>, Packed) {
    let Contents::Bytes(bytes) = &file.contents else {
        return (None, Packed::default());
    };
    let text = std::str::from_utf8(bytes);
    if file.is_page() {
        let scan = match text {
            Ok(text) => scan_html(text),
            // Only its ids: a page that is not UTF-8 has no links checked.
            Err(_) => html::Scan {
                links: Packed::default(),
                ..scan_html(&String::from_utf8_lossy(bytes))
            },
        };
        return (Some(scan.ids), scan.links);
    }
    match text {
        Ok(text) if file.path.ends_with(".xml") => (None, absolute_urls(text, base_url)),
        _ => (None, Packed::default()),
    }
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
    /// Sorted, so suggestions are the same on every run.
    files: BTreeSet<String>,
    ids: HashMap<String, Packed>,
}

impl SiteIndex {
    /// `paths`: every file's; `ids`: each page's ids, by its path.
    fn new(archive: &Archive, paths: &[String], ids: HashMap<String, Packed>) -> SiteIndex {
        SiteIndex {
            base_url: archive.config.base_url.clone(),
            base_path: archive.config.base_path.clone(),
            files: paths.iter().cloned().collect(),
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

    /// Whether `href` goes to the same place from any page: it starts with the site's address or
    /// a `/` (not `//`).
    fn same_on_every_page(&self, href: &str) -> bool {
        let href = href.trim();
        href.starts_with(self.base_url.as_str())
            || (href.starts_with('/') && !href.starts_with("//"))
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
                "goes to a file that no response attaches, so it is not published".into()
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
            return Some(match did_you_mean(anchor, ids.iter()) {
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
        nearest_path(wanted, &known).map(|path| format!("did you mean \"/{path}\"?"))
    }
}

/// The site path an editor most likely meant: in the same folder first (a report for a report),
/// one that `wanted` is the start of (a shortened slug), else the closest spelling.
fn nearest_path<'a>(wanted: &str, known: &[&'a str]) -> Option<&'a str> {
    let folder = |path: &str| path.split_once('/').map(|(first, _)| first.to_string());
    let siblings: Vec<&str> = known
        .iter()
        .copied()
        .filter(|path| folder(path) == folder(wanted))
        .collect();
    let stem = wanted.trim_end_matches('/');
    siblings
        .iter()
        .copied()
        .filter(|path| path.starts_with(stem))
        .min_by_key(|path| path.len())
        .or_else(|| did_you_mean(wanted, siblings.iter().copied()))
        .or_else(|| did_you_mean(wanted, known.iter().copied()))
}

enum Unpublished {
    Draft,
    UnattachedFile,
}

/// Whether `target` (a site path) would be built from a source that exists but is left out:
/// a draft document, or a file in `content/` that no response attaches.
fn unpublished_source(root: &Path, target: &str) -> Option<Unpublished> {
    let content = root.join(crate::source::CONTENT_DIR);
    if target.ends_with("/index.html") {
        let route = Route::document_at(target)?;
        let (Route::Report(slug) | Route::Response(slug) | Route::Page(slug)) = route else {
            return None;
        };
        let exists = crate::document::is_slug(slug)
            && route
                .source_file()
                .is_some_and(|source| content.join(source).is_file());
        return exists.then_some(Unpublished::Draft);
    }
    let file = crate::archive::validate::normalise_attachment_path(target)?;
    content
        .join(file)
        .is_file()
        .then_some(Unpublished::UnattachedFile)
}

/// The page a document becomes (`content/reports/x.md` → `reports/x/index.html`).
fn page_of(document: &Path) -> Option<String> {
    Route::of_source(document).map(Route::output_path)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalised_like_a_browser() {
        assert_eq!(normalise("/a/b/../c/"), "/a/c/");
        assert_eq!(normalise("/a/./b"), "/a/b");
        assert_eq!(normalise("/../../x"), "/x");
        assert_eq!(normalise("/a/b/.."), "/a/");
    }

    #[test]
    fn suggestions_prefer_the_same_folder() {
        let known = [
            "reports/roads-policing-not-optional/",
            "reports/custody-2023/",
            "themes/roads-policing/",
            "data/archive.json",
        ];
        assert_eq!(
            nearest_path("reports/roads-policing/", &known),
            Some("reports/roads-policing-not-optional/")
        );
        assert_eq!(
            nearest_path("reports/custody-2032/", &known),
            Some("reports/custody-2023/")
        );
        assert_eq!(
            nearest_path("data/archive.jsn", &known),
            Some("data/archive.json")
        );
        assert_eq!(
            nearest_path("theme/roads-policing/", &known),
            Some("themes/roads-policing/")
        );
    }

    #[test]
    fn schemes_are_recognised() {
        assert!(has_scheme("mailto:a@b"));
        assert!(has_scheme("https://x"));
        assert!(!has_scheme("/a:b"));
        assert!(!has_scheme("../x"));
    }
}
