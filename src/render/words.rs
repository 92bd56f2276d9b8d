//! Interface words: the theme's per-language tables (`i18n/<lang>.toml`: the default theme's
//! built in, a site theme's own over them, key by key) and the template function `t()` that
//! prints them in the page's language, with its numbers and plural forms.

use rustc_hash::FxHashMap as HashMap;
use std::path::Path;
use std::sync::Arc;

use minijinja::value::{Kwargs, Value};
use minijinja::{Error, ErrorKind, State};

use crate::diagnostic::{Diagnostic, Position};

/// The forms of a word that depends on a number, by CLDR plural category.
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// One entry of a table: words with `{name}` places for the template's arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Entry {
    Text(Pattern),
    /// By plural category (`one`, `other`...); chosen by the argument `count`.
    Plural(Vec<(&'static str, Pattern)>),
}

/// Words split at their `{name}` places, once, when the table is read.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Pattern(Vec<Piece>);

#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Words(String),
    Argument(String),
}

impl Pattern {
    fn parse(text: &str) -> Pattern {
        let mut pieces = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                break;
            };
            let name = &rest[open + 1..close];
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                pieces.push(Piece::Words(rest[..=open].to_string()));
                rest = &rest[open + 1..];
                continue;
            }
            if open > 0 {
                pieces.push(Piece::Words(rest[..open].to_string()));
            }
            pieces.push(Piece::Argument(name.to_string()));
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Words(rest.to_string()));
        }
        // Neighbouring words (left by a lone `{`) as one piece.
        let mut merged: Vec<Piece> = Vec::with_capacity(pieces.len());
        for piece in pieces {
            match (merged.last_mut(), piece) {
                (Some(Piece::Words(before)), Piece::Words(words)) => before.push_str(&words),
                (_, piece) => merged.push(piece),
            }
        }
        Pattern(merged)
    }

    /// The words as the table wrote them, `{name}` places and all.
    fn written(&self) -> String {
        let mut out = String::new();
        for piece in &self.0 {
            match piece {
                Piece::Words(words) => out.push_str(words),
                Piece::Argument(name) => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            }
        }
        out
    }

    fn arguments(&self) -> impl Iterator<Item = &str> {
        self.0.iter().filter_map(|piece| match piece {
            Piece::Argument(name) => Some(name.as_str()),
            Piece::Words(_) => None,
        })
    }
}

/// The interface words of one language, by key (`report.findings_heading`).
#[derive(Clone, Debug, Default)]
pub struct WordTable {
    entries: HashMap<String, Entry>,
    /// The entries that take no argument, as the template value `t()` returns: made once, so
    /// that the hundreds of thousands of calls of a large build copy no text.
    fixed: HashMap<String, Value>,
}

impl WordTable {
    /// Reads a table from the text of an `i18n/<lang>.toml` file: nested tables make dotted keys;
    /// a table of plural categories only (`one`, `other`...) is one entry with plural forms.
    pub fn parse(text: &str) -> Result<WordTable, TableError> {
        let table: toml::Table = toml::from_str(text).map_err(|error| TableError {
            position: error.span().map(|span| position_of(text, span.start)),
            message: error.message().to_string(),
        })?;
        let mut entries = HashMap::default();
        flatten("", &table, &mut entries).map_err(|message| TableError {
            position: None,
            message,
        })?;
        let fixed = fixed_values(&entries);
        Ok(WordTable { entries, fixed })
    }

    /// Every key of the table, sorted.
    pub fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self.entries.keys().map(String::as_str).collect();
        keys.sort_unstable();
        keys
    }

    /// Whether the table has `key`.
    pub fn has(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    /// The `{name}` places of `key`'s words (of every plural form), sorted, without repeats.
    pub fn arguments(&self, key: &str) -> Vec<&str> {
        let mut names: Vec<&str> = match self.entries.get(key) {
            Some(Entry::Text(pattern)) => pattern.arguments().collect(),
            Some(Entry::Plural(forms)) => forms.iter().flat_map(|(_, p)| p.arguments()).collect(),
            None => Vec::new(),
        };
        names.sort_unstable();
        names.dedup();
        names
    }

    /// Whether `key` has plural forms.
    pub fn is_plural(&self, key: &str) -> bool {
        matches!(self.entries.get(key), Some(Entry::Plural(_)))
    }

    /// `other`'s entries in place of this table's, key by key.
    fn overlay(&mut self, other: WordTable) {
        self.entries.extend(other.entries);
        self.fixed = fixed_values(&self.entries);
    }
}

/// The entries without arguments, as safe template values.
fn fixed_values(entries: &HashMap<String, Entry>) -> HashMap<String, Value> {
    entries
        .iter()
        .filter_map(|(key, entry)| match entry {
            Entry::Text(Pattern(pieces)) => match pieces.as_slice() {
                [] => Some((key.clone(), Value::from_safe_string(String::new()))),
                [Piece::Words(words)] => {
                    Some((key.clone(), Value::from_safe_string(words.clone())))
                }
                _ => None,
            },
            Entry::Plural(_) => None,
        })
        .collect()
}

fn flatten(
    prefix: &str,
    table: &toml::Table,
    entries: &mut HashMap<String, Entry>,
) -> Result<(), String> {
    for (name, value) in table {
        let key = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        match value {
            toml::Value::String(text) => {
                entries.insert(key, Entry::Text(Pattern::parse(text)));
            }
            toml::Value::Table(inner) if is_plural(inner) => {
                let mut forms = Vec::new();
                for category in CATEGORIES {
                    if let Some(toml::Value::String(text)) = inner.get(category) {
                        forms.push((category, Pattern::parse(text)));
                    }
                }
                if !inner.contains_key("other") {
                    return Err(format!("`{key}` has plural forms but no `other`"));
                }
                entries.insert(key, Entry::Plural(forms));
            }
            toml::Value::Table(inner) => flatten(&key, inner, entries)?,
            _ => return Err(format!("`{key}` should be words in quotes or a table")),
        }
    }
    Ok(())
}

fn is_plural(table: &toml::Table) -> bool {
    !table.is_empty()
        && table
            .iter()
            .all(|(name, value)| CATEGORIES.contains(&name.as_str()) && value.is_str())
}

fn position_of(text: &str, offset: usize) -> Position {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Position { line, column }
}

/// Why a table could not be read.
#[derive(Debug)]
pub struct TableError {
    pub position: Option<Position>,
    pub message: String,
}

/// The CLDR plural category of `count` in `language` (cardinal, whole numbers): Welsh has six
/// forms; English and any language without rules here, two.
pub fn plural_category(language: &str, count: i64) -> &'static str {
    match primary_subtag(language) {
        "cy" => match count {
            0 => "zero",
            1 => "one",
            2 => "two",
            3 => "few",
            6 => "many",
            _ => "other",
        },
        _ if count == 1 => "one",
        _ => "other",
    }
}

/// Counts below this have their own plural category in some language; every larger count is
/// `other` in every language [`plural_category`] knows (a test holds it to that), so a script
/// that is given the categories of the small counts chooses forms as pages do.
pub const SMALL_COUNTS: i64 = 7;

/// The plural category of each count below [`SMALL_COUNTS`] in `language`, by count.
pub fn small_count_categories(language: &str) -> Vec<&'static str> {
    (0..SMALL_COUNTS)
        .map(|count| plural_category(language, count))
        .collect()
}

/// `cy` of `cy-GB`, `en` of `en-GB`.
pub fn primary_subtag(language: &str) -> &str {
    language.split(['-', '_']).next().unwrap_or(language)
}

use super::builtin::I18N as SHIPPED;

/// Every language's table of a template set: the default theme's, with a site theme's own
/// files over them key by key.
#[derive(Clone, Debug, Default)]
pub struct Words {
    tables: HashMap<String, WordTable>,
}

impl Words {
    /// The default theme's tables.
    pub fn built_in() -> Words {
        let mut tables = HashMap::default();
        for (language, text) in SHIPPED {
            // A shipped table that does not read is a bug caught by the tests, not input.
            if let Ok(table) = WordTable::parse(text) {
                tables.insert((*language).to_string(), table);
            }
        }
        Words { tables }
    }

    /// The built-in tables with the files of `i18n_dir` (relative to `root`: a site theme's
    /// `themes/<name>/i18n/`) over them.
    pub fn load(root: &Path, i18n_dir: &Path, problems: &mut Vec<Diagnostic>) -> Words {
        let mut words = Words::built_in();
        let Ok(entries) = std::fs::read_dir(root.join(i18n_dir)) else {
            return words;
        };
        let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        files.sort();
        for path in files {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let Some(language) = name.strip_suffix(".toml") else {
                continue;
            };
            let shown = i18n_dir.join(name);
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(error) => {
                    problems.push(Diagnostic::error(
                        &shown,
                        format!("cannot read this table of words: {error}"),
                    ));
                    continue;
                }
            };
            match WordTable::parse(&text) {
                Ok(table) => words.overlay(language, table),
                Err(error) => {
                    let diagnostic = Diagnostic::error(&shown, error.message).with_help(
                        "each line is `key = \"words\"`; see themes/default/i18n/en.toml",
                    );
                    problems.push(match error.position {
                        Some(position) => diagnostic.at(position),
                        None => diagnostic,
                    });
                }
            }
        }
        words
    }

    fn overlay(&mut self, language: &str, table: WordTable) {
        self.tables
            .entry(language.to_string())
            .or_default()
            .overlay(table);
    }

    /// The words of a `key` that takes no argument in `language`, made once; `None` for a key
    /// with arguments or plural forms, or one the language's table lacks.
    fn fixed(&self, language: &str, key: &str) -> Option<Value> {
        self.table(language)?.fixed.get(key).cloned()
    }

    /// The table of `language` (`cy`, `en-GB`: its own, else its primary subtag's).
    pub fn table(&self, language: &str) -> Option<&WordTable> {
        self.tables
            .get(language)
            .or_else(|| self.tables.get(primary_subtag(language)))
    }

    /// The words of `key` in `language`, with `arguments` in their places (escaped for HTML
    /// unless already safe); a key the language lacks falls back to English. The words
    /// themselves are the theme's HTML, as its templates are.
    pub fn say(
        &self,
        language: &str,
        key: &str,
        arguments: &dyn Fn(&str) -> Option<Value>,
    ) -> Result<String, String> {
        self.fill(language, key, arguments, true)
    }

    /// The words of `key` in `language` as plain text, for a value the program makes (a status
    /// tag, a sentence): `arguments` by name, none escaped (templates escape the whole). A key
    /// no table has gives the key itself (a test keeps the program's keys in the tables).
    pub fn text(&self, language: &str, key: &str, arguments: &[(&str, &str)]) -> String {
        let argument = |name: &str| {
            arguments
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, value)| match value.parse::<i64>() {
                    Ok(number) if name == "count" => Value::from(number),
                    _ => Value::from(*value),
                })
        };
        self.fill(language, key, &argument, false)
            .unwrap_or_else(|_| key.to_string())
    }

    /// The words of `key` in `language` as written, their `{name}` places kept, for a script
    /// that fills them in itself: by plural category, or one form `other` for words without
    /// plural forms. A key the language lacks falls back to English; one no table has, none.
    pub fn forms(&self, language: &str, key: &str) -> Vec<(&'static str, String)> {
        let entry = self
            .table(language)
            .and_then(|table| table.entries.get(key))
            .or_else(|| self.tables.get("en").and_then(|t| t.entries.get(key)));
        match entry {
            Some(Entry::Text(pattern)) => vec![("other", pattern.written())],
            Some(Entry::Plural(forms)) => (forms.iter())
                .map(|(category, pattern)| (*category, pattern.written()))
                .collect(),
            None => Vec::new(),
        }
    }

    fn fill(
        &self,
        language: &str,
        key: &str,
        arguments: &dyn Fn(&str) -> Option<Value>,
        escape: bool,
    ) -> Result<String, String> {
        let entry = self
            .table(language)
            .and_then(|table| table.entries.get(key))
            .or_else(|| self.tables.get("en").and_then(|t| t.entries.get(key)))
            .ok_or_else(|| format!("no interface words have the key `{key}`"))?;
        let pattern = match entry {
            Entry::Text(pattern) => pattern,
            Entry::Plural(forms) => {
                let count = arguments("count")
                    .and_then(|count| i64::try_from(count).ok())
                    .ok_or_else(|| format!("`{key}` has plural forms: give it `count=`"))?;
                let category = plural_category(language, count);
                forms
                    .iter()
                    .find(|(c, _)| *c == category)
                    .or_else(|| forms.iter().find(|(c, _)| *c == "other"))
                    .map(|(_, pattern)| pattern)
                    .ok_or_else(|| format!("`{key}` has no `other` form"))?
            }
        };
        let mut out = String::new();
        for piece in &pattern.0 {
            match piece {
                Piece::Words(words) => out.push_str(words),
                Piece::Argument(name) => {
                    let value = arguments(name)
                        .ok_or_else(|| format!("`{key}` needs the argument `{name}=`"))?;
                    match escape {
                        true => write_argument(&mut out, &value),
                        false => out.push_str(&value.to_string()),
                    }
                }
            }
        }
        Ok(out)
    }
}

fn write_argument(out: &mut String, value: &Value) {
    if value.is_safe() {
        out.push_str(&value.to_string());
        return;
    }
    let _ = match value.as_str() {
        Some(text) => crate::markdown::write_escaped_html(out, text),
        None => crate::markdown::write_escaped_html(out, &value.to_string()),
    };
}

/// Adds `t(key, name=value, ...)` to a template environment: the words of `key` in the page's
/// language (`site.language`; an item template's `language`), safe HTML.
pub fn add_function(environment: &mut minijinja::Environment<'static>, words: Arc<Words>) {
    environment.add_function(
        "t",
        move |state: &State<'_, '_>, key: &str, kwargs: Kwargs| -> Result<Value, Error> {
            // A page's `site`, else the `language` an item template is given.
            let language = state
                .lookup("site")
                .and_then(|site| site.get_attr("language").ok())
                .filter(|language| language.as_str().is_some())
                .or_else(|| state.lookup("language"));
            let language = language.as_ref().and_then(Value::as_str).unwrap_or("en");
            // Most words take no argument: their value is made once.
            if kwargs.args().next().is_none() {
                if let Some(value) = words.fixed(language, key) {
                    return Ok(value);
                }
            }
            let argument = |name: &str| kwargs.get::<Option<Value>>(name).ok().flatten();
            let text = words
                .say(language, key, &argument)
                .map_err(|message| Error::new(ErrorKind::InvalidOperation, message))?;
            // Every argument is used by one form or another; none is checked for being unused.
            for name in kwargs.args() {
                let _ = kwargs.get::<Value>(name);
            }
            Ok(Value::from_safe_string(text))
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped(language: &str) -> WordTable {
        let text = SHIPPED
            .iter()
            .find(|(l, _)| *l == language)
            .map(|(_, text)| *text)
            .unwrap_or_default();
        match WordTable::parse(text) {
            Ok(table) => table,
            Err(error) => panic!("i18n/{language}.toml does not read: {}", error.message),
        }
    }

    #[test]
    fn welsh_has_six_plural_forms_and_english_two() {
        let welsh: Vec<&str> = [0, 1, 2, 3, 4, 6, 11]
            .iter()
            .map(|&n| plural_category("cy", n))
            .collect();
        assert_eq!(
            welsh,
            ["zero", "one", "two", "few", "other", "many", "other"]
        );
        assert_eq!(plural_category("en-GB", 1), "one");
        assert_eq!(plural_category("en-GB", 0), "other");
        assert_eq!(plural_category("fr", 2), "other");
    }

    /// A script given the categories of the small counts (search.js) chooses the form a page
    /// would for any count: every larger count is `other`.
    #[test]
    fn every_count_past_the_small_ones_is_other() {
        for language in ["cy", "cy-GB", "en-GB", "fr"] {
            for count in SMALL_COUNTS..10_000 {
                assert_eq!(
                    plural_category(language, count),
                    "other",
                    "{language} {count}"
                );
            }
        }
        assert_eq!(
            small_count_categories("cy"),
            ["zero", "one", "two", "few", "other", "other", "many"]
        );
        assert_eq!(
            small_count_categories("en-GB"),
            ["other", "one", "other", "other", "other", "other", "other"]
        );
    }

    #[test]
    fn forms_keep_their_places_for_a_script() {
        let table = WordTable::parse(
            "[a]\nplain = \"No {thing} for “{query}”\"\ncount = { one = \"{count} result\", other = \"{count} results\" }\n",
        );
        let mut words = Words::default();
        words.overlay("en", table.unwrap_or_default());
        assert_eq!(
            words.forms("cy", "a.plain"),
            [("other", "No {thing} for “{query}”".to_string())]
        );
        assert_eq!(
            words.forms("en-GB", "a.count"),
            [
                ("one", "{count} result".to_string()),
                ("other", "{count} results".to_string())
            ]
        );
        assert!(words.forms("en", "a.missing").is_empty());
    }

    #[test]
    fn words_take_their_arguments_escaped_and_their_plural_form() {
        let table = WordTable::parse(
            "[a]\nhello = \"Hello {name}, {name}!\"\ncount = { one = \"{count} report\", other = \"{count} reports\" }\nbrace = \"a { b} {c\"\n",
        );
        let mut words = Words::default();
        words.overlay("en", table.unwrap_or_default());
        let args = |name: &str| match name {
            "name" => Some(Value::from("<Sam>")),
            "count" => Some(Value::from(2)),
            _ => None,
        };
        assert_eq!(
            words.say("en-GB", "a.hello", &args).as_deref(),
            Ok("Hello &lt;Sam&gt;, &lt;Sam&gt;!")
        );
        assert_eq!(
            words.say("en", "a.count", &args).as_deref(),
            Ok("2 reports")
        );
        assert_eq!(
            words.say("en", "a.brace", &args).as_deref(),
            Ok("a { b} {c")
        );
        assert!(words.say("en", "a.missing", &args).is_err());
        // Welsh falls back to English key by key.
        assert_eq!(
            words.say("cy", "a.count", &args).as_deref(),
            Ok("2 reports")
        );
    }

    #[test]
    fn a_bad_table_says_where() {
        let error = WordTable::parse("a = \"x\"\nb = 3\n").err();
        assert!(error.is_some_and(|e| e.message.contains("`b`")));
        let error = WordTable::parse("a = \"x\"\nb = \n").err();
        assert_eq!(error.and_then(|e| e.position).map(|p| p.line), Some(2));
        let error = WordTable::parse("a = { one = \"x\" }\n").err();
        assert!(error.is_some_and(|e| e.message.contains("no `other`")));
    }

    /// Every shipped language has every key of every other, with the same arguments; Welsh
    /// words that depend on a number have all six forms.
    #[test]
    fn shipped_tables_are_complete() {
        let tables: Vec<(&str, WordTable)> =
            SHIPPED.iter().map(|(l, _)| (*l, shipped(l))).collect();
        let mut problems = Vec::new();
        for (language, table) in &tables {
            for (other_language, other) in &tables {
                for key in other.keys() {
                    if !table.has(key) {
                        problems.push(format!(
                            "{language}.toml lacks `{key}` ({other_language}.toml has it)"
                        ));
                    } else if table.arguments(key) != other.arguments(key) {
                        problems.push(format!("`{key}` takes other arguments in {language}.toml than in {other_language}.toml"));
                    } else if table.is_plural(key) != other.is_plural(key) {
                        problems.push(format!("`{key}` has plural forms in only one of {language}.toml and {other_language}.toml"));
                    }
                }
            }
        }
        let welsh = shipped("cy");
        for key in welsh.keys() {
            if let Some(Entry::Plural(forms)) = welsh.entries.get(key) {
                if forms.len() != CATEGORIES.len() {
                    problems.push(format!("cy.toml: `{key}` should have all six plural forms"));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// Every `t("key")` of the default theme's templates is a key of the shipped tables, and
    /// every key of the tables is used (or is one the program asks for).
    #[test]
    fn templates_use_only_keys_the_tables_have() {
        let english = shipped("en");
        let mut used = Vec::new();
        for (name, text) in super::super::builtin::TEMPLATES {
            for key in template_keys(text) {
                if !english.has(&key) {
                    panic!("{name} uses t(\"{key}\"), which no table has");
                }
                used.push(key);
            }
            // A key chosen in the template (`t("a" if x else "b")`): any quoted key.
            used.extend(text.split('"').skip(1).step_by(2).map(str::to_string));
        }
        let unused: Vec<&str> = english
            .keys()
            .into_iter()
            .filter(|key| !used.iter().any(|u| u == key) && !key.starts_with("program."))
            .collect();
        assert!(unused.is_empty(), "keys no template uses: {unused:?}");
    }

    /// Every `"program.…"` key the program's source asks for is in the English table (and so,
    /// by the test above, in every shipped one); and every `program.` key of it is asked for.
    #[test]
    fn the_program_asks_only_for_keys_the_tables_have() {
        let english = shipped("en");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut asked = Vec::new();
        for entry in walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
        {
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            let mut rest = text.as_str();
            while let Some(at) = rest.find("\"program.") {
                rest = &rest[at + 1..];
                let end = rest.find('"').unwrap_or(rest.len());
                let key = &rest[..end];
                let plain = key
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
                if plain && key.len() > "program.".len() && !key.ends_with('.') {
                    asked.push(key.to_string());
                }
            }
        }
        for key in &asked {
            assert!(
                english.has(key),
                "the program asks for `{key}`, which en.toml lacks"
            );
        }
        let unasked: Vec<&str> = english
            .keys()
            .into_iter()
            .filter(|key| key.starts_with("program.") && !asked.iter().any(|a| a == key))
            .filter(|key| !PREFIXED.iter().any(|prefix| key.starts_with(prefix)))
            .collect();
        assert!(
            unasked.is_empty(),
            "program keys nothing asks for: {unasked:?}"
        );
    }

    /// Keys the program makes from a word of the vocabulary (`program.report_type.peel`).
    const PREFIXED: &[&str] = &[
        "program.addressee.",
        "program.report_type.",
        "program.sector.",
        "program.finding_kind.",
        "program.finding_status.",
        "program.grade.",
        "program.response_status.",
    ];

    /// The English words of the vocabulary are the labels open data and `check` use.
    #[test]
    fn english_words_of_the_vocabulary_are_its_labels() {
        use crate::vocabulary::{
            FindingKind, FindingStatus, Grade, ReportType, Sector, Vocabulary,
        };
        let english = shipped("en");
        let mut words = Words::default();
        words.overlay("en", english);
        let mut pairs: Vec<(String, &str)> = Vec::new();
        let mut add = |group: &str, word: &str, label: &'static str| {
            pairs.push((format!("program.{group}.{word}"), label));
        };
        for &(word, value) in ReportType::WORDS {
            add("report_type", word, value.label());
        }
        for &(word, value) in Sector::WORDS {
            add("sector", word, value.label());
        }
        for &(word, value) in FindingKind::WORDS {
            add("finding_kind", word, value.label());
        }
        for &(word, value) in FindingStatus::WORDS {
            add("finding_status", word, value.label());
        }
        for &(word, value) in Grade::WORDS {
            add("grade", word, value.label());
        }
        for (key, label) in pairs {
            assert_eq!(words.text("en-GB", &key, &[]), label, "{key}");
        }
    }

    /// The literal keys of `t("...")` calls in a template's text.
    fn template_keys(text: &str) -> Vec<String> {
        let mut keys = Vec::new();
        let mut rest = text;
        while let Some(at) = rest.find("t(\"") {
            let preceded = rest[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
            rest = &rest[at + 3..];
            if preceded {
                continue;
            }
            if let Some(end) = rest.find('"') {
                keys.push(rest[..end].to_string());
            }
        }
        keys
    }

    #[test]
    fn a_key_in_a_template_is_found() {
        assert_eq!(
            template_keys("{{ t(\"a.b\") }} {{ list(\"x\") }} {{ t(\"c\", count=1) }}"),
            ["a.b", "c"]
        );
    }
}
