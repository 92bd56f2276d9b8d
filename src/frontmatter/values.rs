//! The types a field's value can be read as ([`FromToml`]): text, true or false, numbers, dates,
//! lists, located values, one-or-many texts and vocabulary words, each with its own fix-it help.

use toml::Spanned;
use toml::de::DeValue;

use super::{Located, TomlSource};
use crate::dates::{Date, Due};
use crate::diagnostic::{Diagnostic, did_you_mean, one_of};
use crate::vocabulary::Vocabulary;

/// The value as a "found ..." message names it, so the writer recognises what they wrote.
pub(super) fn describe(value: &DeValue<'_>) -> String {
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
    pub(super) source: &'t TomlSource<'a>,
    pub(super) key: &'static str,
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
            DeValue::String(text) => match Date::parse_written(text) {
                Some(date) => {
                    let (message, help) = written_date(reader.key, text, date);
                    let at = reader.source.locate((), value.span());
                    Err(at.error(reader.source.path, message).with_help(help))
                }
                None => Err(reader.expected(
                    value,
                    "a date written YYYY-MM-DD (no quotes)",
                    "2023-05-02",
                )),
            },
            _ => Err(reader.expected(value, "a date written YYYY-MM-DD (no quotes)", "2023-05-02")),
        }
    }
}

/// The one problem reported for a date written as in a letter ("1 September 2023"), quoted or
/// not: what to write instead, exactly.
pub(super) fn written_date(key: &str, written: &str, date: Date) -> (String, String) {
    (
        format!(
            "`{key}` must be written YYYY-MM-DD, found \"{}\"",
            written.trim()
        ),
        format!("write it as {key} = {} (YYYY-MM-DD, no quotes)", date.iso()),
    )
}

/// The three forms a finding's `due` may take, for every error about it.
const DUE_FORMS: &str = "write due = 2024-03-31, due = \"2024-03\" (the end of that month) or \
                         due = \"6 months\" / \"90 days\" (after the report's publication)";

impl FromToml for Due {
    const EXAMPLE: &'static str = "2024-03-31";
    fn from_toml(
        reader: &ValueReader<'_, '_>,
        value: &Spanned<DeValue<'_>>,
    ) -> Result<Self, Diagnostic> {
        match value.get_ref() {
            DeValue::Datetime(_) => <Date as FromToml>::from_toml(reader, value).map(Due::Day),
            DeValue::String(text) => match Due::parse(text) {
                Some(due) => Ok(due),
                // A day in quotes or in words: the date's own help says what to write.
                None if Date::parse_iso(text).is_ok() || Date::parse_written(text).is_some() => {
                    <Date as FromToml>::from_toml(reader, value).map(Due::Day)
                }
                None => Err(reader.invalid(
                    value,
                    format!("must be a day, a month or a period, found \"{text}\""),
                    Some(DUE_FORMS.into()),
                )),
            },
            other => Err(reader.invalid(
                value,
                format!(
                    "must be a day, a month or a period, found {}",
                    describe(other)
                ),
                Some(DUE_FORMS.into()),
            )),
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
