//! HTML and XML scanning for the link check: the ids and link targets of a rendered page, and
//! the site's own addresses written out in full in the sitemap and feeds.

use std::collections::BTreeSet;

/// The ids and link targets of an HTML page.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Scan {
    pub ids: BTreeSet<String>,
    pub links: Vec<String>,
}

/// Reads the tags of an HTML page: `id`s (and `<a name>`), and the `href`, `src`, `srcset`,
/// `action` and `poster` of every element. Comments, and the insides of `<script>` and
/// `<style>`, are skipped.
pub fn scan_html(html: &str) -> Scan {
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
pub fn absolute_urls(xml: &str, base_url: &str) -> Vec<String> {
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
            BTreeSet::from(["old".to_string(), "one".to_string()])
        );
    }
}
