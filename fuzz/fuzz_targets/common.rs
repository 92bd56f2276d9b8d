//! Invariants every fuzz target checks on the diagnostics it gets back.

use std::path::Path;

use scrutiny::diagnostic::Diagnostic;

/// Every diagnostic names `path` (one of the files given) and, when it has a position, a line and
/// column inside that file's text.
pub fn assert_located(diagnostics: &[Diagnostic], files: &[(&Path, &str)]) {
    for diagnostic in diagnostics {
        let text = files
            .iter()
            .find(|(path, _)| *path == diagnostic.file)
            .map(|(_, text)| *text);
        let Some(text) = text else {
            panic!(
                "a diagnostic names {} which is none of the files read: {diagnostic:?}",
                diagnostic.file.display()
            );
        };
        assert!(
            !diagnostic.message.is_empty(),
            "a diagnostic without a message"
        );
        if let Some(position) = diagnostic.position {
            let lines: Vec<&str> = text.split('\n').collect();
            assert!(
                position.line >= 1 && position.line <= lines.len(),
                "line {} outside a file of {} lines: {diagnostic:?}",
                position.line,
                lines.len()
            );
            let columns = lines[position.line - 1].chars().count() + 1;
            assert!(
                position.column >= 1 && position.column <= columns,
                "column {} outside a line of {} characters: {diagnostic:?}",
                position.column,
                columns - 1
            );
        }
    }
}

/// A start tag found in HTML: its lowercase name and attributes (values still escaped).
pub struct Tag {
    pub name: String,
    pub attributes: Vec<(String, String)>,
}

/// The start tags of `html`, read the way a browser would for well-formed, quoted attributes.
pub fn tags(html: &str) -> Vec<Tag> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
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
                let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'');
                match quote {
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
                // A stray character: skip it rather than loop forever.
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
