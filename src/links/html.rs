//! HTML and XML scanning for the link check: the ids and link targets of a rendered page, and
//! the site's own addresses written out in full in the sitemap and feeds.

/// Strings end to end in one allocation, each followed by a NUL (which no id or address on a
/// page holds: HTML parsers replace it). A large site's links and ids are then a few
/// allocations a page, not one each.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Packed(String);

impl Packed {
    pub fn push(&mut self, text: &str) {
        match text.contains('\0') {
            false => self.0.push_str(text),
            true => self.0.push_str(&text.replace('\0', "\u{FFFD}")),
        }
        self.0.push('\0');
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + Clone {
        self.0.split_terminator('\0')
    }

    pub fn contains(&self, text: &str) -> bool {
        self.iter().any(|held| held == text)
    }

    /// The same strings sorted, each once.
    fn sorted(&self) -> Packed {
        let mut all: Vec<&str> = self.iter().collect();
        all.sort_unstable();
        all.dedup();
        let mut sorted = Packed(String::with_capacity(self.0.len()));
        for text in all {
            sorted.push(text);
        }
        sorted
    }
}

/// The ids (sorted, each once) and link targets (in page order) of an HTML page.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Scan {
    pub ids: Packed,
    pub links: Packed,
}

/// Reads the tags of an HTML page: `id`s (and `<a name>`), and the `href`, `src`, `srcset`,
/// `action` and `poster` of every element. Comments, and the insides of `<script>` and
/// `<style>`, are skipped.
pub fn scan_html(html: &str) -> Scan {
    let mut ids = Packed::default();
    let mut links = Packed::default();
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
        let name = &tag[..name_end];
        for (attribute, raw) in Attributes(&tag[name_end..]) {
            let is = |wanted: &str| attribute.eq_ignore_ascii_case(wanted);
            if is("id") || (is("name") && name.eq_ignore_ascii_case("a")) {
                ids.push(&unescape_html(raw));
            } else if is("href") || is("src") || is("action") || is("poster") {
                links.push(&unescape_html(raw));
            } else if is("srcset") {
                let value = unescape_html(raw);
                let candidates = value.split(',');
                for candidate in candidates.filter_map(|c| c.split_whitespace().next()) {
                    links.push(candidate);
                }
            }
        }
        for raw_text in ["script", "style"] {
            if name.eq_ignore_ascii_case(raw_text) {
                rest = after_raw_text(rest, raw_text);
            }
        }
    }
    links.0.shrink_to_fit();
    Scan {
        ids: ids.sorted(),
        links,
    }
}

/// The rest of `text` from the tag closing the raw text element `name` (`</script`, in any
/// case) on; empty when it is never closed.
fn after_raw_text<'a>(text: &'a str, name: &str) -> &'a str {
    let mut from = 0;
    while let Some(at) = text[from..].find("</").map(|at| from + at) {
        let after = &text.as_bytes()[at + 2..];
        if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return &text[at..];
        }
        from = at + 2;
    }
    ""
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

/// The attributes of a tag, as written: each name, and its value with quotes taken off and its
/// entities still in (empty for a bare name).
struct Attributes<'a>(&'a str);

impl<'a> Iterator for Attributes<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<(&'a str, &'a str)> {
        let skipped =
            |text: &'a str| text.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        loop {
            let rest = skipped(self.0);
            if rest.is_empty() {
                self.0 = rest;
                return None;
            }
            let name_end = rest
                .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
                .unwrap_or(rest.len());
            let name = &rest[..name_end];
            let mut after_name = rest[name_end..].trim_start();
            let mut value = "";
            if let Some(after) = after_name.strip_prefix('=') {
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
                value = raw;
                after_name = remaining;
            }
            self.0 = after_name;
            if !name.is_empty() {
                return Some((name, value));
            }
        }
    }
}

fn unescape_html(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return std::borrow::Cow::Borrowed(text);
    }
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .into()
}

/// Addresses of this site written out in full in an XML file (sitemap `<loc>`, feed links).
pub fn absolute_urls(xml: &str, base_url: &str) -> Packed {
    let mut urls = Packed::default();
    for (at, _) in xml.match_indices(base_url) {
        let url = &xml[at..];
        let end = url
            .find(|c: char| c == '<' || c == '"' || c == '\'' || c.is_whitespace())
            .unwrap_or(url.len());
        urls.push(&unescape_html(&url[..end]));
    }
    urls
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
            scan.links.iter().collect::<Vec<_>>(),
            vec!["/a/?x=1&y=2#top", "/i.png", "/s1.png", "/s2.png"]
        );
        assert_eq!(scan.ids.iter().collect::<Vec<_>>(), vec!["old", "one"]);
    }

    #[test]
    fn names_in_any_case_and_raw_text_closed_in_any_case() {
        let html = r##"<A HREF="/upper/" ID="Top" Name="x"></A><SCRIPT>"<a href='/hidden/'>"</Script>
            <style>a::after { content: "<a href='/styled/'>" }</STYLE><p id="top" id="Top">
            <a name="anchor"></a><img src=/bare.png alt=x>"##;
        let scan = scan_html(html);
        assert_eq!(
            scan.links.iter().collect::<Vec<_>>(),
            vec!["/upper/", "/bare.png"]
        );
        // Sorted, each once; `name` counts only on `<a>`.
        assert_eq!(
            scan.ids.iter().collect::<Vec<_>>(),
            vec!["Top", "anchor", "top", "x"]
        );
    }

    #[test]
    fn packed_strings_keep_order_and_replace_nul() {
        let mut packed = Packed::default();
        for text in ["/b/", "", "/a\0/", "/b/"] {
            packed.push(text);
        }
        assert_eq!(
            packed.iter().collect::<Vec<_>>(),
            vec!["/b/", "", "/a\u{FFFD}/", "/b/"]
        );
        assert!(packed.contains("") && !packed.contains("/a/"));
        assert_eq!(
            packed.sorted().iter().collect::<Vec<_>>(),
            vec!["", "/a\u{FFFD}/", "/b/"]
        );
        assert_eq!(Packed::default().iter().count(), 0);
    }
}
