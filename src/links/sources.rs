//! Where links were written: the Markdown links of every source file with their line and
//! column, and which source file each page was built from.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag};
use rayon::prelude::*;

use super::{Broken, SiteIndex};
use crate::archive::Archive;
use crate::diagnostic::Position;

/// A link as an editor wrote it in a source file.
#[derive(Clone, Debug)]
pub struct AuthoredLink {
    pub dest: String,
    pub position: Position,
    pub width: usize,
}

/// The Markdown links of every source file, to find where a broken link was written.
pub struct Sources {
    /// Source file by the path of its page (`reports/x/index.html`).
    page_source: HashMap<String, PathBuf>,
    links: BTreeMap<PathBuf, Vec<AuthoredLink>>,
}

impl Sources {
    pub fn new(archive: &Archive, texts: &HashMap<PathBuf, String>) -> Sources {
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
        let sources: Vec<&PathBuf> = page_source.values().collect();
        let links = sources
            .par_iter()
            .with_max_len(crate::PARALLEL_GRAIN)
            .filter_map(|&source| Some((source.clone(), markdown_links(texts.get(source)?))))
            .collect::<Vec<_>>()
            .into_iter()
            .collect();
        Sources { page_source, links }
    }

    /// The source file and link that produced a broken link on `page`: the page's own source
    /// first, then any other (finding texts appear on the findings page too).
    pub fn authored<'a>(
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
