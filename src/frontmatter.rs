//! Front matter: splits the `+++` block from the body, parses its TOML, and reads typed fields with
//! positions in the original file, collecting every problem rather than stopping at the first.

use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use crate::dates::Date;
use crate::diagnostic::{Diagnostic, Position, did_you_mean, one_of};
use crate::vocabulary::Vocabulary;

/// A value read from a file, with where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub position: Position,
    pub width: usize,
}

impl<T> Located<T> {
    /// A diagnostic pointing at this value.
    pub fn error(&self, file: &Path, message: impl Into<String>) -> Diagnostic {
        self.point(Diagnostic::error(file, message))
    }

    pub fn warning(&self, file: &Path, message: impl Into<String>) -> Diagnostic {
        self.point(Diagnostic::warning(file, message))
    }

    fn point(&self, mut diagnostic: Diagnostic) -> Diagnostic {
        diagnostic.position = Some(self.position);
        diagnostic.width = self.width;
        diagnostic
    }
}

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

    fn is_broken(&self, span: &Range<usize>) -> bool {
        self.broken.iter().any(|broken| {
            broken.start < span.end.max(span.start + 1)
                && span.start < broken.end.max(broken.start + 1)
        })
    }

    fn shift(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.offset..span.end + self.offset
    }

    /// As [`Position::of_offset`] in the whole text.
    fn position(&self, offset: usize) -> Position {
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

    fn locate<T>(&self, value: T, span: Range<usize>) -> Located<T> {
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

/// The fields of one TOML table, read one by one. Unknown keys are reported by [`Fields::finish`].
pub struct Fields<'t, 'a> {
    source: &'t TomlSource<'a>,
    table: &'t DeTable<'a>,
    table_span: Range<usize>,
    what: &'static str,
    known: Vec<&'static str>,
    /// Required keys found missing, with the index of their problem, in case a typo explains them.
    missing: Vec<(&'static str, usize)>,
    pub problems: Vec<Diagnostic>,
}

impl<'t, 'a> Fields<'t, 'a> {
    fn new(
        source: &'t TomlSource<'a>,
        table: &'t DeTable<'a>,
        table_span: Range<usize>,
        what: &'static str,
    ) -> Self {
        Fields {
            source,
            table,
            table_span,
            what,
            known: Vec::new(),
            missing: Vec::new(),
            problems: Vec::new(),
        }
    }

    fn entry(
        &mut self,
        key: &'static str,
    ) -> Option<(&'t Spanned<DeString<'a>>, &'t Spanned<DeValue<'a>>)> {
        self.known.push(key);
        self.table.get_key_value(key)
    }

    /// Where this table starts, for "missing field" errors.
    pub fn table_position(&self) -> Located<()> {
        self.source
            .locate((), self.table_span.start..self.table_span.start)
    }

    /// A field that must be present.
    pub fn required<T: FromToml>(&mut self, key: &'static str) -> Option<Located<T>> {
        if self.table.get(key).is_none() {
            let at = self.table_position();
            self.known.push(key);
            self.missing.push((key, self.problems.len()));
            self.problems.push(
                at.error(
                    self.source.path,
                    format!("{} is missing the field `{key}`", a_or_an(self.what)),
                )
                .with_help(format!("add a line such as: {key} = {}", T::EXAMPLE)),
            );
            return None;
        }
        self.optional(key)
    }

    /// A field that may be absent. A present but wrong value is reported and read as absent.
    pub fn optional<T: FromToml>(&mut self, key: &'static str) -> Option<Located<T>> {
        let (_, value) = self.entry(key)?;
        if self.source.is_broken(&value.span()) {
            return None;
        }
        let reader = ValueReader {
            source: self.source,
            key,
        };
        match T::from_toml(&reader, value) {
            Ok(parsed) => Some(self.source.locate(parsed, value.span())),
            Err(problem) => {
                self.problems.push(problem);
                None
            }
        }
    }

    /// An array of tables (`[[findings]]`), each handed to `read`.
    pub fn tables<R>(
        &mut self,
        key: &'static str,
        what: &'static str,
        mut read: impl FnMut(&mut Fields<'t, 'a>) -> R,
    ) -> Vec<R> {
        let Some((_, value)) = self.entry(key) else {
            return Vec::new();
        };
        let Some(array) = value.get_ref().as_array() else {
            let at = self.source.locate((), value.span());
            self.problems.push(
                at.error(
                    self.source.path,
                    format!(
                        "`{key}` must be a list of tables, found {}",
                        describe(value.get_ref())
                    ),
                )
                .with_help(format!("write each one as a [[{key}]] section")),
            );
            return Vec::new();
        };
        let mut results = Vec::new();
        for element in array {
            let Some(table) = element.get_ref().as_table() else {
                let at = self.source.locate((), element.span());
                self.problems.push(at.error(
                    self.source.path,
                    format!(
                        "each entry of `{key}` must be a table, found {}",
                        describe(element.get_ref())
                    ),
                ));
                continue;
            };
            let mut fields = Fields::new(self.source, table, element.span(), what);
            results.push(read(&mut fields));
            let problems = fields.finish();
            self.problems.extend(problems);
        }
        results
    }

    /// A sub-table (`[deadline]`), handed to `read`; `None` when absent or not a table.
    pub fn table<R>(
        &mut self,
        key: &'static str,
        what: &'static str,
        read: impl FnOnce(&mut Fields<'t, 'a>) -> R,
    ) -> Option<R> {
        let (_, value) = self.entry(key)?;
        let Some(table) = value.get_ref().as_table() else {
            let at = self.source.locate((), value.span());
            self.problems.push(at.error(
                self.source.path,
                format!(
                    "`{key}` must be a table, found {}",
                    describe(value.get_ref())
                ),
            ));
            return None;
        };
        let mut fields = Fields::new(self.source, table, value.span(), what);
        let result = read(&mut fields);
        let problems = fields.finish();
        self.problems.extend(problems);
        Some(result)
    }

    /// Every key, for tables whose keys are names (`themes.toml`), with its value's table.
    pub fn each_table<R>(
        &mut self,
        what: &'static str,
        mut read: impl FnMut(Located<String>, &mut Fields<'t, 'a>) -> R,
    ) -> Vec<R> {
        let mut results = Vec::new();
        for (key, value) in self.table.iter() {
            let name = self.source.locate(key.get_ref().to_string(), key.span());
            let Some(table) = value.get_ref().as_table() else {
                self.problems.push(
                    name.error(
                        self.source.path,
                        format!(
                            "`{}` must be a table, found {}",
                            name.value,
                            describe(value.get_ref())
                        ),
                    )
                    .with_help(format!(
                        "write it as a section: [{}] followed by its fields",
                        name.value
                    )),
                );
                continue;
            };
            let mut fields = Fields::new(self.source, table, value.span(), what);
            results.push(read(name, &mut fields));
            let problems = fields.finish();
            self.problems.extend(problems);
        }
        self.known.extend(self.table.keys().map(|_| ""));
        results
    }

    /// Reports every key that no reader asked for, with a "did you mean", and returns all problems.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        let allows_any_key = self.known.iter().any(|k| k.is_empty());
        let mut explained = Vec::new();
        if !allows_any_key {
            for key in self.table.keys() {
                let name = key.get_ref().as_ref();
                if self.known.contains(&name) {
                    continue;
                }
                let at = self.source.locate((), key.span());
                let mut diagnostic = at.error(
                    self.source.path,
                    format!("unknown field `{name}` in {}", a_or_an(self.what)),
                );
                let mut known = self.known.clone();
                known.sort_unstable();
                known.dedup();
                diagnostic = match did_you_mean(name, known.iter().copied()) {
                    Some(suggestion) => {
                        let missing = self.missing.iter().filter(|(key, _)| *key == suggestion);
                        explained.extend(missing.map(|(_, index)| *index));
                        diagnostic.with_help(format!("did you mean `{suggestion}`?"))
                    }
                    None => diagnostic.with_help(format!("expected one of {}", one_of(&known))),
                };
                self.problems.push(diagnostic);
            }
        }
        // "unknown field `titel`, did you mean `title`?" says all that "missing `title`" would.
        self.problems
            .into_iter()
            .enumerate()
            .filter(|(index, _)| !explained.contains(index))
            .map(|(_, problem)| problem)
            .collect()
    }

    pub fn path(&self) -> &'t Path {
        self.source.path
    }
}

fn a_or_an(what: &str) -> String {
    let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {what}")
}

fn describe(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(text) => format!("the text \"{text}\""),
        DeValue::Integer(number) => format!("the number {number}"),
        DeValue::Float(number) => format!("the number {number}"),
        DeValue::Boolean(flag) => format!("`{flag}`"),
        DeValue::Datetime(datetime) => format!("the date {datetime}"),
        DeValue::Array(_) => "a list".into(),
        DeValue::Table(_) => "a table".into(),
    }
}

/// What a [`FromToml`] needs to report a problem with a value.
pub struct ValueReader<'t, 'a> {
    source: &'t TomlSource<'a>,
    key: &'static str,
}

impl ValueReader<'_, '_> {
    /// A "wrong type" error for this field's value.
    pub fn expected(
        &self,
        value: &Spanned<DeValue<'_>>,
        expected: &str,
        example: &str,
    ) -> Diagnostic {
        let at = self.source.locate((), value.span());
        at.error(
            self.source.path,
            format!(
                "`{}` must be {expected}, found {}",
                self.key,
                describe(value.get_ref())
            ),
        )
        .with_help(format!("write it like: {} = {example}", self.key))
    }

    /// Any other problem with this field's value.
    pub fn invalid(
        &self,
        value: &Spanned<DeValue<'_>>,
        message: String,
        help: Option<String>,
    ) -> Diagnostic {
        let at = self.source.locate((), value.span());
        let diagnostic = at.error(self.source.path, format!("`{}` {message}", self.key));
        match help {
            Some(help) => diagnostic.with_help(help),
            None => diagnostic,
        }
    }
}

/// A type a front-matter field can be read as.
pub trait FromToml: Sized {
    /// A sample value, for "add a line such as" help.
    const EXAMPLE: &'static str;
    fn from_toml(
        reader: &ValueReader<'_, '_>,
        value: &Spanned<DeValue<'_>>,
    ) -> Result<Self, Diagnostic>;
}

impl FromToml for String {
    const EXAMPLE: &'static str = "\"...\"";
    fn from_toml(
        reader: &ValueReader<'_, '_>,
        value: &Spanned<DeValue<'_>>,
    ) -> Result<Self, Diagnostic> {
        match value.get_ref() {
            DeValue::String(text) => Ok(text.to_string()),
            _ => Err(reader.expected(value, "text in quotes", "\"...\"")),
        }
    }
}

impl FromToml for bool {
    const EXAMPLE: &'static str = "true";
    fn from_toml(
        reader: &ValueReader<'_, '_>,
        value: &Spanned<DeValue<'_>>,
    ) -> Result<Self, Diagnostic> {
        match value.get_ref() {
            DeValue::Boolean(flag) => Ok(*flag),
            _ => Err(reader.expected(value, "true or false (no quotes)", "true")),
        }
    }
}

impl FromToml for i64 {
    const EXAMPLE: &'static str = "56";
    fn from_toml(
        reader: &ValueReader<'_, '_>,
        value: &Spanned<DeValue<'_>>,
    ) -> Result<Self, Diagnostic> {
        match value.get_ref() {
            DeValue::Integer(number) => i64::from_str_radix(number.as_str(), number.radix())
                .map_err(|_| reader.invalid(value, "is too large a number".into(), None)),
            _ => Err(reader.expected(value, "a whole number (no quotes)", "56")),
        }
    }
}

impl FromToml for Date {
    const EXAMPLE: &'static str = "2023-05-02";
    fn from_toml(
        reader: &ValueReader<'_, '_>,
        value: &Spanned<DeValue<'_>>,
    ) -> Result<Self, Diagnostic> {
        match value.get_ref() {
            DeValue::Datetime(datetime) => Date::from_toml(datetime).map_err(|problem| {
                reader.invalid(
                    value,
                    format!("is not a valid date: {problem}"),
                    Some("write a date as YYYY-MM-DD, for example 2023-05-02".into()),
                )
            }),
            DeValue::String(text) if Date::parse_iso(text).is_ok() => Err(reader.invalid(
                value,
                "is a date written in quotes".into(),
                Some(format!(
                    "remove the quotes: {} = {}",
                    reader.key,
                    text.trim()
                )),
            )),
            _ => Err(reader.expected(value, "a date written YYYY-MM-DD (no quotes)", "2023-05-02")),
        }
    }
}

impl<T: FromToml> FromToml for Vec<T> {
    const EXAMPLE: &'static str = "[\"...\"]";
    fn from_toml(
        reader: &ValueReader<'_, '_>,
        value: &Spanned<DeValue<'_>>,
    ) -> Result<Self, Diagnostic> {
        match value.get_ref() {
            DeValue::Array(array) => array
                .iter()
                .map(|element| T::from_toml(reader, element))
                .collect(),
            DeValue::String(text) => Err(reader.invalid(
                value,
                "must be a list".into(),
                Some(format!(
                    "put the value in square brackets: {} = [\"{text}\"]",
                    reader.key
                )),
            )),
            _ => Err(reader.expected(value, "a list in square brackets", "[\"...\"]")),
        }
    }
}

/// A list whose entries keep their own positions, for checking each one.
impl<T: FromToml> FromToml for Located<T> {
    const EXAMPLE: &'static str = T::EXAMPLE;
    fn from_toml(
        reader: &ValueReader<'_, '_>,
        value: &Spanned<DeValue<'_>>,
    ) -> Result<Self, Diagnostic> {
        let parsed = T::from_toml(reader, value)?;
        Ok(reader.source.locate(parsed, value.span()))
    }
}

/// One text or a list of texts (`report = "a"` or `report = ["a", "b"]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OneOrMany(pub Vec<Located<String>>);

impl FromToml for OneOrMany {
    const EXAMPLE: &'static str = "\"report-slug\"";
    fn from_toml(
        reader: &ValueReader<'_, '_>,
        value: &Spanned<DeValue<'_>>,
    ) -> Result<Self, Diagnostic> {
        match value.get_ref() {
            DeValue::String(_) => Ok(OneOrMany(vec![Located::<String>::from_toml(
                reader, value,
            )?])),
            DeValue::Array(_) => Ok(OneOrMany(Vec::<Located<String>>::from_toml(reader, value)?)),
            _ => Err(reader.expected(
                value,
                "text in quotes, or a list of them",
                "\"report-slug\"",
            )),
        }
    }
}

/// A field holding one word of a [`Vocabulary`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word<V>(pub V);

impl<V: Vocabulary> FromToml for Word<V> {
    const EXAMPLE: &'static str = "\"...\"";
    fn from_toml(
        reader: &ValueReader<'_, '_>,
        value: &Spanned<DeValue<'_>>,
    ) -> Result<Self, Diagnostic> {
        let words: Vec<&str> = V::WORDS.iter().map(|(word, _)| *word).collect();
        let DeValue::String(text) = value.get_ref() else {
            return Err(reader.expected(
                value,
                &format!("one of {}", one_of(&words)),
                &format!("\"{}\"", words[0]),
            ));
        };
        if let Some((_, found)) = V::WORDS.iter().find(|(word, _)| *word == text.as_ref()) {
            return Ok(Word(*found));
        }
        let help = match did_you_mean(text, words.iter().copied()) {
            Some(suggestion) => format!("did you mean \"{suggestion}\"?"),
            None => format!("expected one of {}", one_of(&words)),
        };
        Err(reader.invalid(
            value,
            format!("has the unknown value \"{text}\""),
            Some(help),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_located_as_counting_from_the_start_would() {
        let text = "\n+++\ntitle = \"é x\"\r\nlist = [\n  \"a\",\n]\n+++\nbody\n";
        let end = text.find("+++\nbody").unwrap_or(0);
        let (source, _, _) = TomlSource::parse(Path::new("x.md"), text, 5..end);
        for offset in 0..text.len() + 3 {
            assert_eq!(
                source.position(offset),
                Position::of_offset(text, offset),
                "offset {offset}"
            );
        }
    }

    fn split_ok(text: &str) -> Split<'_> {
        split(Path::new("x.md"), text).expect("front matter splits")
    }

    #[test]
    fn splits_front_matter_and_body() {
        let parts = split_ok("+++\ntitle = \"A\"\n+++\nBody\n");
        assert_eq!(parts.toml, "title = \"A\"\n");
        assert_eq!(parts.toml_offset, 4);
        assert_eq!(parts.body, "Body\n");
        assert_eq!(parts.body_line, 4);
    }

    #[test]
    fn crlf_files_split() {
        let parts = split_ok("+++\r\ntitle = \"A\"\r\n+++\r\nBody\r\n");
        assert_eq!(parts.toml, "title = \"A\"\r\n");
        assert_eq!(parts.body, "Body\r\n");
    }

    #[test]
    fn missing_and_unclosed_blocks_are_errors() {
        let missing = split(Path::new("x.md"), "title = \"A\"\n").err();
        assert_eq!(missing.and_then(|d| d.position), Some(Position::START));
        let yaml = split(Path::new("x.md"), "---\ntitle: A\n---\n").err();
        assert!(
            yaml.and_then(|d| d.help)
                .is_some_and(|h| h.contains("not YAML"))
        );
        let unclosed = split(Path::new("x.md"), "\n+++\ntitle = \"A\"\n").err();
        assert_eq!(
            unclosed.and_then(|d| d.position),
            Some(Position { line: 2, column: 1 })
        );
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    enum Colour {
        Red,
        Green,
    }
    impl Vocabulary for Colour {
        const WORDS: &'static [(&'static str, Self)] =
            &[("red", Colour::Red), ("green", Colour::Green)];
    }

    fn read_fields(text: &str, read: impl FnOnce(&mut Fields<'_, '_>)) -> Vec<Diagnostic> {
        let parts = split_ok(text);
        let range = parts.toml_offset..parts.toml_offset + parts.toml.len();
        let (source, table, mut problems) = TomlSource::parse(Path::new("x.md"), text, range);
        let mut fields = source.fields(&table, "report");
        read(&mut fields);
        problems.extend(fields.finish());
        problems
    }

    #[test]
    fn every_problem_in_a_file_is_reported_at_its_place() {
        let text = "+++\ntitel = \"A\"\npublished = 2023-02-30\ncolour = \"gren\"\n+++\n";
        let problems = read_fields(text, |fields| {
            fields.required::<String>("title");
            fields.required::<Date>("published");
            fields.optional::<Word<Colour>>("colour");
        });
        let summary: Vec<(String, Option<Position>, Option<String>)> = problems
            .into_iter()
            .map(|d| (d.message, d.position, d.help))
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "this is not a valid date: expected day between 01 and 28".to_string(),
                    Some(Position {
                        line: 3,
                        column: 13
                    }),
                    Some("write a date as YYYY-MM-DD, for example 2023-05-02".to_string())
                ),
                (
                    "`colour` has the unknown value \"gren\"".to_string(),
                    Some(Position {
                        line: 4,
                        column: 10
                    }),
                    Some("did you mean \"green\"?".to_string())
                ),
                (
                    "unknown field `titel` in a report".to_string(),
                    Some(Position { line: 2, column: 1 }),
                    Some("did you mean `title`?".to_string())
                ),
            ]
        );
    }

    #[test]
    fn wrong_types_and_quoted_dates_have_fixes() {
        let text = "+++\nthemes = \"roads\"\npublished = \"2023-05-02\"\ndraft = \"yes\"\n+++\n";
        let problems = read_fields(text, |fields| {
            fields.optional::<Vec<String>>("themes");
            fields.optional::<Date>("published");
            fields.optional::<bool>("draft");
        });
        let helps: Vec<String> = problems.into_iter().filter_map(|d| d.help).collect();
        assert_eq!(
            helps,
            vec![
                "put the value in square brackets: themes = [\"roads\"]",
                "remove the quotes: published = 2023-05-02",
                "write it like: draft = true",
            ]
        );
    }

    #[test]
    fn toml_syntax_errors_point_into_the_original_file() {
        let text = "+++\ntitle = \"A\"\nsummary = unquoted text\n+++\n";
        let problems = read_fields(text, |fields| {
            fields.optional::<String>("title");
            fields.optional::<String>("summary");
        });
        let first = problems.first().expect("a syntax error");
        assert!(
            first.message.starts_with("this is not valid TOML"),
            "{}",
            first.message
        );
        assert_eq!(first.position.map(|p| p.line), Some(3));
    }
}
