//! The TOML of a file being read: parsing it with every syntax error reported, and mapping its
//! spans to line and column in the original file.

use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::DeTable;

use super::{Fields, Located};
use crate::dates::Date;
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
        let toml = &text[range];
        let (table, errors) = DeTable::parse_recoverable(toml);
        let mut diagnostics = Vec::new();
        for error in errors {
            if let Some(written) = error.span().and_then(|at| written_date(toml, at.start)) {
                // One error for the line, however many the TOML parser found on it.
                if !source.broken.contains(&written.span) {
                    let (message, help) = super::values::written_date(
                        &written.key,
                        &toml[written.span.clone()],
                        written.date,
                    );
                    diagnostics.push(
                        Diagnostic::error(path, message)
                            .with_help(help)
                            .at_span(text, source.shift(written.span.clone())),
                    );
                    source.broken.push(written.span);
                }
                continue;
            }
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

/// The keys whose values are dates, in every kind of file: a syntax error on one of their lines
/// may be a date written as in a letter, without quotes.
const DATE_KEYS: [&str; 6] = ["date", "published", "updated", "due", "reviewed", "from"];

/// A line `date = 1 September 2023`: a date key whose value is a date in words, unquoted.
struct WrittenDate {
    key: String,
    /// The value's span in the TOML.
    span: Range<usize>,
    date: Date,
}

/// The [`WrittenDate`] on the line of `toml` holding `at`, if that line is one.
fn written_date(toml: &str, at: usize) -> Option<WrittenDate> {
    let at = at.min(toml.len());
    let start = toml[..at].rfind('\n').map_or(0, |newline| newline + 1);
    let end = toml[start..]
        .find('\n')
        .map_or(toml.len(), |newline| start + newline);
    let line = &toml[start..end];
    let equals = line.find('=')?;
    let (key, value) = (line[..equals].trim(), &line[equals + 1..]);
    if !DATE_KEYS.contains(&key) {
        return None;
    }
    let value = value.split('#').next().unwrap_or_default();
    let written = value.trim();
    let date = Date::parse_written(written.trim_matches('"'))?;
    let value_start = start + equals + 1 + (value.len() - value.trim_start().len());
    Some(WrittenDate {
        key: key.to_string(),
        span: value_start..value_start + written.len(),
        date,
    })
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
