//! Splitting a file at its `+++` lines into the TOML front matter and the Markdown body.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Position};

/// A file split into its front matter and its Markdown body.
#[derive(Clone, Copy, Debug)]
pub struct Split<'a> {
    pub toml: &'a str,
    /// Byte offset of `toml` in the whole file.
    pub toml_offset: usize,
    pub body: &'a str,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

/// Splits `+++` front matter from the body. Blank lines before the opening `+++` are allowed.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n').enumerate();
    let opening = loop {
        let Some((index, line)) = lines.next() else {
            return Err(missing_opening(path, text));
        };
        offset += line.len();
        if line.trim().is_empty() {
            continue;
        }
        if line.trim_end() == "+++" {
            break index;
        }
        return Err(missing_opening(path, text).at(Position {
            line: index + 1,
            column: 1,
        }));
    };
    let toml_offset = offset;
    for (index, line) in lines {
        if line.trim_end() == "+++" {
            let body_start = offset + line.len();
            return Ok(Split {
                toml: &text[toml_offset..offset],
                toml_offset,
                body: &text[body_start..],
                body_line: index + 2,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(path, "the front matter is never closed")
        .at(Position {
            line: opening + 1,
            column: 1,
        })
        .with_width(3)
        .with_help(
            "add a line containing only +++ after the last field, before the text of the document",
        ))
}

fn missing_opening(path: &Path, text: &str) -> Diagnostic {
    let looks_like_yaml = text.trim_start().starts_with("---");
    let help = if looks_like_yaml {
        "front matter is TOML between two lines of +++, not YAML between --- lines"
    } else {
        "start the file with a line containing only +++, then the fields, then another +++ line"
    };
    Diagnostic::error(
        path,
        "expected the file to start with a +++ front matter block",
    )
    .at(Position::START)
    .with_help(help)
}

impl Diagnostic {
    fn with_width(mut self, width: usize) -> Diagnostic {
        self.width = width;
        self
    }
}
