//! Where links were written: the Markdown links of every source file with their line and
//! column, and which source file each page was built from.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use pulldown_cmark::{Event, Options, Parser, Tag};
use rayon::prelude::*;

use super::{Broken, SiteIndex};
use crate::archive::Archive;
use crate::diagnostic::Position;
use crate::routes::Route;
use crate::source::SourceLines;

/// A link as an editor wrote it in a source file.
#[derive(Clone, Debug)]
pub struct AuthoredLink {
    pub dest: String,
    pub position: Position,
    pub width: usize,
}

/// Where the links of the site's source files were written, to find the line of a broken link.
/// A file's links are read the first time a broken link is looked for on its page, and every
/// file's only when a link is not in the page's own source: a site with no broken links reads
/// no source again.
pub struct WrittenLinks<'a> {
    /// Every source file, sorted (the order other files are searched in).
    files: Vec<PathBuf>,
    /// The position in `files` of the source of each page (`reports/x/index.html`).
    page_source: HashMap<String, usize>,
    /// Each file's links, read when first needed.
    links: Vec<OnceLock<Vec<AuthoredLink>>>,
    /// Every file's links by the address they are written with (rebased and percent-decoded,
    /// as a page's link is compared), each as its file's position and its place there.
    by_address: OnceLock<HashMap<String, Vec<(usize, usize)>>>,
    lines: &'a SourceLines,
    base_path: &'a str,
}

impl<'a> WrittenLinks<'a> {
    pub fn new(archive: &'a Archive, lines: &'a SourceLines) -> WrittenLinks<'a> {
        let pages = archive
            .reports
            .iter()
            .map(|report| (Route::Report(&report.slug), &report.source))
            .chain(
                (archive.responses.iter())
                    .map(|response| (Route::Response(&response.slug), &response.source)),
            )
            .chain((archive.pages.iter()).map(|page| (Route::Page(&page.slug), &page.source)))
            .map(|(route, source)| (route.output_path(), source));
        let mut files: Vec<PathBuf> = Vec::new();
        let mut page_file = Vec::new();
        for (page, source) in pages {
            files.push(source.clone());
            page_file.push((page, source));
        }
        files.sort();
        files.dedup();
        let page_source = page_file
            .into_iter()
            .filter_map(|(page, source)| Some((page, files.binary_search(source).ok()?)))
            .collect();
        let links = files.iter().map(|_| OnceLock::new()).collect();
        WrittenLinks {
            files,
            page_source,
            links,
            by_address: OnceLock::new(),
            lines,
            base_path: &archive.config.base_path,
        }
    }

    /// The links written in the file at `position` (none if it cannot be read).
    fn links_of(&self, position: usize) -> &[AuthoredLink] {
        self.links[position].get_or_init(|| {
            self.lines
                .text(&self.files[position])
                .map(|text| markdown_links(&text))
                .unwrap_or_default()
        })
    }

    /// Every file's links by address, made on first use: every file is read then.
    fn by_address(&self) -> &HashMap<String, Vec<(usize, usize)>> {
        self.by_address.get_or_init(|| {
            // Read in parallel; each file's links are kept for the next look.
            (0..self.files.len())
                .into_par_iter()
                .with_max_len(crate::parallel::PARALLEL_GRAIN)
                .for_each(|position| {
                    self.links_of(position);
                });
            let mut by_address: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
            for position in 0..self.files.len() {
                for (index, link) in self.links_of(position).iter().enumerate() {
                    let address = comparable(&rebase(&link.dest, self.base_path));
                    by_address
                        .entry(address)
                        .or_default()
                        .push((position, index));
                }
            }
            by_address
        })
    }

    /// The source file and link that produced the broken link `href` on `page`: the page's own
    /// source first, then any other file with a link written to the same address (finding
    /// texts appear on the findings page too). `used`: the links already matched on this page,
    /// as (file, place): each written link is matched once if it can be.
    pub fn authored(
        &self,
        site: &SiteIndex,
        href: &str,
        broken: &Broken,
        page: &str,
        used: &mut HashSet<(usize, usize)>,
    ) -> Option<(&Path, &AuthoredLink)> {
        let own = self.page_source.get(page).copied();
        let mut first = None;
        let mut consider = |position: usize, index: usize| {
            let link = &self.links_of(position)[index];
            let rendered = rebase(&link.dest, &site.base_path);
            if site.check(&rendered, page).as_ref() != Some(broken) {
                return None;
            }
            let found = (self.files[position].as_path(), link);
            if used.insert((position, index)) {
                return Some(found);
            }
            first.get_or_insert(found);
            None
        };
        if let Some(position) = own {
            for index in 0..self.links_of(position).len() {
                if let Some(found) = consider(position, index) {
                    return Some(found);
                }
            }
        }
        let written_alike = self
            .by_address()
            .get(&comparable(href))
            .into_iter()
            .flatten();
        for &(position, index) in written_alike.filter(|(position, _)| Some(*position) != own) {
            if let Some(found) = consider(position, index) {
                return Some(found);
            }
        }
        first
    }
}

/// An address as it can be compared between a page and a source: trimmed and
/// percent-decoded (the Markdown renderer percent-encodes what an editor wrote).
fn comparable(address: &str) -> String {
    percent_encoding::percent_decode_str(address.trim())
        .decode_utf8_lossy()
        .into_owned()
}

/// The base-path rewrite the Markdown renderer applies to root-relative links.
pub fn rebase(dest: &str, base_path: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
            vec![("/a/", 3, 17), ("/reports/nope/", 7, 18), ("../up/", 9, 6)]
        );
    }
}
