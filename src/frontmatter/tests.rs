//! Tests of front-matter reading: splitting, positions, and the problems reported for each field.

use super::*;
use crate::dates::Date;
use crate::vocabulary::Vocabulary;

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

/// Each problem's message, place and help, for comparing whole.
fn summarise(problems: Vec<Diagnostic>) -> Vec<(String, Option<Position>, Option<String>)> {
    problems
        .into_iter()
        .map(|d| (d.message, d.position, d.help))
        .collect()
}

#[test]
fn every_problem_in_a_file_is_reported_at_its_place() {
    let text = "+++\ntitel = \"A\"\npublished = 2023-02-30\ncolour = \"gren\"\n+++\n";
    let problems = read_fields(text, |fields| {
        fields.required::<String>("title");
        fields.required::<Date>("published");
        fields.optional::<Word<Colour>>("colour");
    });
    let summary = summarise(problems);
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

#[test]
fn due_is_a_day_a_month_or_a_period_and_anything_else_shows_the_three() {
    use crate::dates::Due;
    let read = |value: &str| {
        let text = format!("+++\ndue = {value}\n+++\n");
        let mut due = None;
        let problems = read_fields(&text, |fields| due = fields.optional::<Due>("due"));
        (due, problems)
    };
    let (day, problems) = read("2024-03-31");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        day.map(|d| d.value),
        Some(Due::Day(Date::constant(2024, 3, 31)))
    );
    let (month, _) = read("\"2024-03\"");
    assert_eq!(
        month.map(|d| d.value),
        Some(Due::Month(Date::constant(2024, 3, 31)))
    );
    let (period, _) = read("\"6 months\"");
    assert_eq!(
        period.map(|d| d.value.as_written()),
        Some("6 months".to_string())
    );
    let forms = "write due = 2024-03-31, due = \"2024-03\" (the end of that month) or \
                 due = \"6 months\" / \"90 days\" (after the report's publication)";
    for (value, message) in [
        (
            "\"March 2024\"",
            "`due` must be a day, a month or a period, found \"March 2024\"",
        ),
        (
            "\"6 weeks\"",
            "`due` must be a day, a month or a period, found \"6 weeks\"",
        ),
        (
            "\"2024-13\"",
            "`due` must be a day, a month or a period, found \"2024-13\"",
        ),
        (
            "6",
            "`due` must be a day, a month or a period, found the number 6",
        ),
    ] {
        let (due, problems) = read(value);
        assert!(due.is_none(), "{value}");
        assert_eq!(
            summarise(problems),
            vec![(
                message.to_string(),
                Some(Position { line: 2, column: 7 }),
                Some(forms.to_string())
            )],
            "{value}"
        );
    }
    // A day in quotes keeps the date's own fix; an impossible day the date's own reason.
    let (_, quoted) = read("\"2024-03-31\"");
    assert_eq!(
        quoted
            .into_iter()
            .filter_map(|d| d.help)
            .collect::<Vec<_>>(),
        vec!["remove the quotes: due = 2024-03-31"]
    );
    let (_, impossible) = read("2023-02-30");
    assert_eq!(impossible.len(), 1);
}

#[test]
fn a_date_in_words_without_quotes_is_one_error_with_the_fix() {
    for (line, column) in [
        ("date = 1 September 2023", 8),
        ("date = September 1, 2023 # the letter", 8),
        ("published   =  01/09/2023", 16),
        ("date = 2023/09/01", 8),
    ] {
        let text = format!("report = \"a\"\n{line}\nauthor = \"x\"\n");
        let (_, table, problems) = TomlSource::parse(Path::new("x.md"), &text, 0..text.len());
        let key = line.split(' ').next().unwrap_or_default();
        assert_eq!(problems.len(), 1, "{line}: {problems:?}");
        assert_eq!(
            problems[0].position,
            Some(Position { line: 2, column }),
            "{line}"
        );
        assert_eq!(
            problems[0].help.as_deref(),
            Some(format!("write it as {key} = 2023-09-01 (YYYY-MM-DD, no quotes)").as_str())
        );
        // The field is still there, so it is not also reported as missing.
        assert!(table.get_ref().contains_key(key), "{line}");
    }
}
