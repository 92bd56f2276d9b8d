//! The TOML of a file being read: parsing it with every syntax error reported, and mapping its
//! spans to line and column in the original file.

use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::DeTable;

use super::{Fields, Located};
use crate::diagnostic::{Diagnostic, Position};

/// A TOML document being read: its file, whole text, and where the TOML starts in it.
pub struct TomlSource<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    pub offset: usize,
    /// Spans (in the TOML) of syntax errors already reported, so values there are not reported twice.
    broken: Vec<Range<usize>>,
    /// Where each line of `text` starts, up to the end of the TOML: every value is located by
    /// a binary search here, rather than by counting lines from the start of the file.
    line_starts: Vec<usize>,
    /// The end of the region `line_starts` covers.
    lines_known_to: usize,
}

impl<'a> TomlSource<'a> {
    /// Parses a whole TOML file (`config.toml`, `themes.toml`).
    pub fn parse_whole(
        path: &'a Path,
        text: &'a str,
    ) -> (TomlSource<'a>, Spanned<DeTable<'a>>, Vec<Diagnostic>) {
        TomlSource::parse(path, text, 0..text.len())
    }

    /// Parses the TOML at `range` of `text`, recovering from syntax errors so that all of them
    /// are reported.
    pub fn parse(
        path: &'a Path,
        text: &'a str,
        range: Range<usize>,
    ) -> (TomlSource<'a>, Spanned<DeTable<'a>>, Vec<Diagnostic>) {
        let line_starts = std::iter::once(0)
            .chain(
                text.as_bytes()[..range.end]
                    .iter()
                    .enumerate()
                    .filter(|(_, byte)| **byte == b'\n')
                    .map(|(index, _)| index + 1),
            )
            .collect();
        let mut source = TomlSource {
            path,
            text,
            offset: range.start,
            broken: Vec::new(),
            line_starts,
            lines_known_to: range.end,
        };
        let (table, errors) = DeTable::parse_recoverable(&text[range]);
        let mut diagnostics = Vec::new();
        for error in errors {
            let message = error.message().trim().replace('\n', "; ");
            let (message, help) = match message.strip_prefix("invalid date, ") {
                Some(reason) => (
                    format!("this is not a valid date: {reason}"),
                    "write a date as YYYY-MM-DD, for example 2023-05-02".to_string(),
                ),
                None => (
                    format!("this is not valid TOML: {message}"),
                    toml_help(&message),
                ),
            };
            let diagnostic = Diagnostic::error(path, message).with_help(help);
            diagnostics.push(match error.span() {
                Some(span) => {
                    source.broken.push(span.clone());
                    diagnostic.at_span(text, source.shift(span))
                }
                None => diagnostic,
            });
        }
        (source, table, diagnostics)
    }

    pub(super) fn is_broken(&self, span: &Range<usize>) -> bool {
        self.broken.iter().any(|broken| {
            broken.start < span.end.max(span.start + 1)
                && span.start < broken.end.max(broken.start + 1)
        })
    }

    fn shift(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.offset..span.end + self.offset
    }

    /// As [`Position::of_offset`] in the whole text.
    pub(super) fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset > self.lines_known_to {
            return Position::of_offset(self.text, offset);
        }
        // Line starts at or before `offset`: one more than the newlines before it.
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line - 1];
        let column = self.text[line_start..offset].chars().count() + 1;
        Position { line, column }
    }

    pub(super) fn locate<T>(&self, value: T, span: Range<usize>) -> Located<T> {
        let span = self.shift(span);
        let start = self.position(span.start);
        let end = self.position(span.end);
        let width = if end.line == start.line {
            (end.column - start.column).max(1)
        } else {
            1
        };
        Located {
            value,
            position: start,
            width,
        }
    }

    /// The fields of the top-level table.
    pub fn fields<'t>(
        &'t self,
        table: &'t Spanned<DeTable<'a>>,
        what: &'static str,
    ) -> Fields<'t, 'a> {
        Fields::new(self, table.get_ref(), table.span(), what)
    }
}

fn toml_help(message: &str) -> String {
    if message.contains("string") || message.contains('"') {
        "text values go in double quotes: title = \"My title\"".into()
    } else if message.contains("duplicate key") {
        "each field may appear only once in a table".into()
    } else {
        "each line is key = value; text in quotes, dates as 2023-05-02, lists in [ ]".into()
    }
}
