//! Diagnostics: the errors and warnings every stage returns as values, and how the CLI prints them.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is. Warnings become errors under `check --strict`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A position in an original file: 1-based line and column (columns count characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub const START: Position = Position { line: 1, column: 1 };

    /// The line and column of byte `offset` in `text`. Offsets past the end map to the end.
    pub fn of_offset(text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        let column = before[line_start..].chars().count() + 1;
        Position { line, column }
    }
}

/// One problem found in the content, pointing at a file and, where known, a place in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the site root (`content/reports/x.md`).
    pub file: PathBuf,
    pub position: Option<Position>,
    /// How many characters the problem spans on its line (for the caret), at least 1.
    pub width: usize,
    pub message: String,
    /// What to do about it: "did you mean ...", "expected ...".
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            position: None,
            width: 1,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn at(mut self, position: Position) -> Diagnostic {
        self.position = Some(position);
        self
    }

    /// Points at the byte range `span` of `text`, the whole original file.
    pub fn at_span(mut self, text: &str, span: std::ops::Range<usize>) -> Diagnostic {
        let start = Position::of_offset(text, span.start);
        let end = Position::of_offset(text, span.end.max(span.start));
        self.position = Some(start);
        self.width = if end.line == start.line {
            (end.column - start.column).max(1)
        } else {
            1
        };
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The diagnostics of a whole run, in a stable order: by file, then position.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.list.push(diagnostic);
    }

    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.list.extend(diagnostics);
    }

    /// The files with at least one diagnostic.
    pub fn files(&self) -> std::collections::HashSet<&Path> {
        self.list
            .iter()
            .map(|diagnostic| diagnostic.file.as_path())
            .collect()
    }

    /// The files with at least one error.
    pub fn files_with_errors(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = self
            .list
            .iter()
            .filter(|diagnostic| diagnostic.is_error())
            .map(|diagnostic| diagnostic.file.clone())
            .collect();
        files.sort();
        files.dedup();
        files
    }

    /// Adds `other`'s diagnostics after these, in the order they were found.
    pub fn append(&mut self, mut other: Diagnostics) {
        self.list.append(&mut other.list);
    }

    pub fn error_count(&self) -> usize {
        self.list.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.list.len() - self.error_count()
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Turns every warning into an error (`--strict`).
    pub fn make_strict(&mut self) {
        for diagnostic in &mut self.list {
            diagnostic.severity = Severity::Error;
        }
    }

    /// Sorted by file, line and column; duplicates removed.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.list.sort_by(|a, b| {
            (&a.file, a.position, a.severity, &a.message)
                .cmp(&(&b.file, b.position, b.severity, &b.message))
        });
        self.list.dedup();
        self.list
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.into_sorted().into_iter()
    }
}

/// Suggests the known name closest to `unknown`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    unknown: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let unknown_lower = unknown.to_lowercase();
    let allowed_edits = (unknown.chars().count() / 3).max(1);
    known
        .into_iter()
        .filter_map(|candidate| {
            let candidate_lower = candidate.to_lowercase();
            let edits = strsim::damerau_levenshtein(&unknown_lower, &candidate_lower);
            let similarity = strsim::jaro_winkler(&unknown_lower, &candidate_lower);
            let close = edits <= allowed_edits || similarity >= 0.85;
            close.then_some((edits, candidate))
        })
        .min_by_key(|(edits, _)| *edits)
        .map(|(_, candidate)| candidate)
}

/// Formats a list of names for a message: "`a`, `b` or `c`".
pub fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// For people: the offending line with a caret, coloured on a terminal.
    Human { colour: bool },
    /// GitHub Actions workflow commands, shown beside the line on a pull request.
    Github,
}

/// Renders one diagnostic. `source` is the text of its file, if it could be read.
pub fn render(diagnostic: &Diagnostic, source: Option<&str>, format: OutputFormat) -> String {
    match format {
        OutputFormat::Github => render_github(diagnostic),
        OutputFormat::Human { colour } => render_human(diagnostic, source, colour),
    }
}

fn render_github(diagnostic: &Diagnostic) -> String {
    let command = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties = format!(
        "file={}",
        github_escape_property(&slash_path(&diagnostic.file))
    );
    if let Some(position) = diagnostic.position {
        let _ = write!(
            properties,
            ",line={},col={}",
            position.line, position.column
        );
    }
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        let _ = write!(message, " ({help})");
    }
    format!("::{command} {properties}::{}", github_escape_data(&message))
}

fn github_escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn github_escape_property(text: &str) -> String {
    github_escape_data(text)
        .replace(':', "%3A")
        .replace(',', "%2C")
}

/// A path with forward slashes, as shown to editors on every platform.
pub fn slash_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn render_human(diagnostic: &Diagnostic, source: Option<&str>, colour: bool) -> String {
    use annotate_snippets::renderer::DecorStyle;
    use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

    let path = slash_path(&diagnostic.file);
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let renderer = if colour {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Ascii);

    let title = level.primary_title(diagnostic.message.as_str());
    let mut group = Group::with_title(title);
    match (diagnostic.position, source) {
        (Some(position), Some(text)) => {
            let (line_start, line_text) = line_at(text, position.line);
            let start = byte_of_column(line_text, position.column);
            let end = byte_of_column(line_text, position.column + diagnostic.width).max(start);
            let span = line_start + start..line_start + end.max(start);
            let snippet = Snippet::source(text)
                .path(path.as_str())
                .annotation(AnnotationKind::Primary.span(span));
            group = group.element(snippet);
        }
        _ => {
            let mut origin = annotate_snippets::Origin::path(path.as_str());
            if let Some(position) = diagnostic.position {
                origin = origin.line(position.line).char_column(position.column);
            }
            group = group.element(origin);
        }
    }
    let mut groups = vec![group];
    if let Some(help) = &diagnostic.help {
        groups.push(Group::with_title(
            Level::HELP.secondary_title(help.as_str()),
        ));
    }
    renderer.render(&groups)
}

/// The byte offset of the start of 1-based `line`, and the line's text without its newline.
fn line_at(text: &str, line: usize) -> (usize, &str) {
    let mut start = 0;
    for (index, current) in text.split_inclusive('\n').enumerate() {
        if index + 1 == line {
            return (start, current.trim_end_matches(['\n', '\r']));
        }
        start += current.len();
    }
    (text.len(), "")
}

fn byte_of_column(line: &str, column: usize) -> usize {
    line.char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(byte, _)| byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "+++\ntitle = \"é x\"\r\nbad";
        assert_eq!(
            Position::of_offset(text, 0),
            Position { line: 1, column: 1 }
        );
        assert_eq!(
            Position::of_offset(text, 4),
            Position { line: 2, column: 1 }
        );
        // "é" is two bytes but one column.
        let x = text.find(" x").unwrap_or(0) + 1;
        assert_eq!(
            Position::of_offset(text, x),
            Position {
                line: 2,
                column: 12
            }
        );
        assert_eq!(
            Position::of_offset(text, text.len() - 1),
            Position { line: 3, column: 3 }
        );
    }

    #[test]
    fn suggests_close_names_only() {
        let known = ["title", "published", "themes"];
        assert_eq!(did_you_mean("titel", known), Some("title"));
        assert_eq!(did_you_mean("publshed", known), Some("published"));
        assert_eq!(did_you_mean("colour", known), None);
        assert_eq!(did_you_mean("deu", ["due", "id", "text"]), Some("due"));
        assert_eq!(
            did_you_mean("roads-policng", ["roads-policing", "county-lines"]),
            Some("roads-policing")
        );
    }

    #[test]
    fn github_annotations_escape_their_fields() {
        let diagnostic = Diagnostic::error("content/reports/a,b.md", "bad: 50%\nnext")
            .at(Position { line: 3, column: 7 });
        assert_eq!(
            render_github(&diagnostic),
            "::error file=content/reports/a%2Cb.md,line=3,col=7::bad: 50%25%0Anext"
        );
    }

    #[test]
    fn human_output_shows_the_line_and_a_caret() {
        let text = "+++\ntitel = \"x\"\n+++\n";
        let diagnostic = Diagnostic::error("content/reports/x.md", "unknown field `titel`")
            .at_span(text, 4..9)
            .with_help("did you mean `title`?");
        let out = render(
            &diagnostic,
            Some(text),
            OutputFormat::Human { colour: false },
        );
        assert!(out.contains("content/reports/x.md:2:1"), "{out}");
        assert!(out.contains("titel = \"x\""), "{out}");
        assert!(out.contains("^^^^^"), "{out}");
        assert!(out.contains("did you mean `title`?"), "{out}");
    }
}
