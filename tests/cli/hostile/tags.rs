//! The start tags of HTML, read as a browser reads well-formed markup: shared by the hostile-input
//! tests and the fuzz targets (`fuzz/fuzz_targets/document.rs` includes this file by path), so
//! both judge "no active content" by the same reading. Standard library only.

/// A start tag of an HTML page: its lowercase name and attributes (values still escaped).
pub struct Tag {
    pub name: String,
    pub attributes: Vec<(String, String)>,
}

impl Tag {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// The start tags of `html`, read as a browser reads well-formed markup. Text between tags needs
/// no reading: every `<` in escaped text is `&lt;`, so any `<` starts a real tag.
pub fn tags(html: &str) -> Vec<Tag> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = &rest[name_end..];
        if name.is_empty() || name.starts_with('!') {
            continue;
        }
        let mut attributes = Vec::new();
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if rest.is_empty() || rest.starts_with('>') {
                break;
            }
            let key_end = rest
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
                .unwrap_or(rest.len());
            let key = rest[..key_end].to_ascii_lowercase();
            rest = &rest[key_end..];
            let mut value = String::new();
            if let Some(after) = rest.strip_prefix('=') {
                match after.chars().next().filter(|c| *c == '"' || *c == '\'') {
                    Some(quote) => {
                        let inner = &after[1..];
                        let end = inner.find(quote).unwrap_or(inner.len());
                        value = inner[..end].to_string();
                        rest = inner.get(end + 1..).unwrap_or("");
                    }
                    None => {
                        let end = after
                            .find(|c: char| c.is_whitespace() || c == '>')
                            .unwrap_or(after.len());
                        value = after[..end].to_string();
                        rest = &after[end..];
                    }
                }
            }
            if key.is_empty() {
                let mut chars = rest.chars();
                chars.next();
                rest = chars.as_str();
                continue;
            }
            attributes.push((key, value));
        }
        tags.push(Tag { name, attributes });
    }
    tags
}
