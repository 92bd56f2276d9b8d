//! Reading the fields of one TOML table: required and optional values, sub-tables and arrays of
//! tables, and the unknown keys left over, with a "did you mean".

use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use super::values::describe;
use super::{FromToml, Located, TomlSource, ValueReader};
use crate::diagnostic::{Diagnostic, did_you_mean, one_of};

/// The fields of one TOML table, read one by one. Unknown keys are reported by [`Fields::finish`].
pub struct Fields<'t, 'a> {
    source: &'t TomlSource<'a>,
    table: &'t DeTable<'a>,
    table_span: Range<usize>,
    what: &'static str,
    known: Vec<&'static str>,
    /// Keys read by [`Fields::other_tables`], whose names the content chose.
    other_known: Vec<String>,
    /// Required keys found missing, with the index of their problem, in case a typo explains them.
    missing: Vec<(&'static str, usize)>,
    pub problems: Vec<Diagnostic>,
}

impl<'t, 'a> Fields<'t, 'a> {
    pub(super) fn new(
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
            other_known: Vec::new(),
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

    /// Whether `key` is written in this table, whatever its value, readable or not.
    pub fn has(&self, key: &str) -> bool {
        self.table.contains_key(key)
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

    /// Of a translation: each of `originals` written in this table is an error that says it
    /// comes from the original (`words` lists what a translation holds).
    pub fn only_words(&mut self, originals: &[&'static str], words: &str) {
        for key in self.table.keys() {
            let name = key.get_ref().as_ref();
            let Some(&original) = originals.iter().find(|o| **o == name) else {
                continue;
            };
            self.known.push(original);
            let at = self.source.locate((), key.span());
            self.problems.push(
                at.error(
                    self.source.path,
                    format!(
                        "`{original}` cannot be translated: it comes from the original, and a translation holds only words"
                    ),
                )
                .with_help(format!(
                    "delete this line; a translation holds only {words}"
                )),
            );
        }
    }

    /// Every key no reader has asked for whose value is a table (a theme's `[custody.cy]`),
    /// with its table; other keys are left for [`Fields::finish`] to report.
    pub fn other_tables<R>(
        &mut self,
        what: &'static str,
        mut read: impl FnMut(Located<String>, &mut Fields<'t, 'a>) -> R,
    ) -> Vec<R> {
        let mut results = Vec::new();
        for (key, value) in self.table.iter() {
            let name = key.get_ref().as_ref();
            if self.known.contains(&name) || self.other_known.iter().any(|k| k == name) {
                continue;
            }
            let Some(table) = value.get_ref().as_table() else {
                continue;
            };
            let located = self.source.locate(name.to_string(), key.span());
            let mut fields = Fields::new(self.source, table, value.span(), what);
            results.push(read(located, &mut fields));
            let problems = fields.finish();
            self.problems.extend(problems);
            self.other_known.push(name.to_string());
        }
        results
    }

    /// Reports every key that no reader asked for, with a "did you mean", and returns all problems.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        let allows_any_key = self.known.iter().any(|k| k.is_empty());
        let mut explained = Vec::new();
        if !allows_any_key {
            for key in self.table.keys() {
                let name = key.get_ref().as_ref();
                if self.known.contains(&name) || self.other_known.iter().any(|k| k == name) {
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
