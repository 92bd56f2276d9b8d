//! Property tests (proptest): random and mutated documents never panic the readers, every
//! problem names its file and a line and column inside it, and hostile strings in any text field
//! never become active content in a built page.
//!
//! `PROPTEST_CASES=5000 cargo test --test cli properties` runs longer. Failures are saved in
//! `tests/proptest-regressions/properties.txt` and replayed first on every run: commit them, and
//! turn each into a plain regression test (see `hostile.rs`).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::sample::Index;
use scrutiny::SiteOptions;
use scrutiny::dates::Date;
use scrutiny::diagnostic::Diagnostic;
use scrutiny::document::read_document;
use scrutiny::render::Contents;
use scrutiny::source::{SourceFile, SourceKind, TextFile};

use crate::hostile::{assert_inert, toml_string, well_formed_xml};
use crate::support::{TestSite, fixture};

/// Asserts every diagnostic names one of `files` and, where it has a position, a line and
/// column inside that file.
pub fn assert_located(diagnostics: &[Diagnostic], files: &[(&Path, &str)]) {
    for diagnostic in diagnostics {
        let Some((_, text)) = files.iter().find(|(path, _)| *path == diagnostic.file) else {
            panic!(
                "{} is none of the files read: {diagnostic:?}",
                diagnostic.file.display()
            );
        };
        assert!(!diagnostic.message.is_empty(), "{diagnostic:?}");
        let Some(position) = diagnostic.position else {
            continue;
        };
        let lines: Vec<&str> = text.split('\n').collect();
        assert!(
            (1..=lines.len()).contains(&position.line),
            "line {} of a {}-line file: {diagnostic:?}",
            position.line,
            lines.len()
        );
        let columns = lines[position.line - 1].chars().count() + 1;
        assert!(
            (1..=columns).contains(&position.column),
            "column {} of a {}-character line: {diagnostic:?}",
            position.column,
            columns - 1
        );
    }
}

/// Reads `text` as each kind of document and checks the invariants.
fn read_as_every_kind(text: &str) {
    for kind in SourceKind::ALL {
        let path = Path::new("content").join(kind.folder()).join("doc.md");
        let source = SourceFile {
            kind,
            slug: "doc".into(),
            file: TextFile {
                path: path.clone(),
                text: text.to_string(),
            },
        };
        let (document, problems) = read_document(&source);
        assert_located(&problems, &[(&path, text)]);
        if let Some(document) = document {
            assert_eq!(document.has_errors, !problems.is_empty());
            let lines = text.split('\n').count();
            assert!((2..=lines + 1).contains(&document.body.first_line));
        }
    }
}

/// Pieces of front matter, valid and broken, that documents are built from.
fn fragment() -> impl Strategy<Value = String> {
    const WORDS: &[&str] = &[
        "+++",
        "+++\n",
        "\n",
        "\r\n",
        " ",
        "=",
        " = ",
        "\"",
        "'",
        "[",
        "]",
        "{",
        "}",
        ",",
        "#",
        "\\",
        "\t",
        "title",
        "published",
        "type",
        "themes",
        "url",
        "summary",
        "findings",
        "[[findings]]\n",
        "[[findings.updates]]\n",
        "[[attachments]]\n",
        "[deadline]\n",
        "id",
        "kind",
        "text",
        "status",
        "due",
        "date",
        "report",
        "addresses",
        "draft",
        "true",
        "2023-05-02",
        "2023-02-30",
        "1979-05-27T07:32:00Z",
        "56",
        "-1",
        "1e400",
        "\"\"\"",
        "'''",
        "\"peel\"",
        "\"recommendation\"",
        "[\"custody\"]",
        "\"R1\"",
        "\u{FEFF}",
        "é",
        "\u{2028}",
        "👮",
        "<script>",
        "---\n",
    ];
    prop_oneof![
        4 => proptest::sample::select(WORDS).prop_map(str::to_string),
        1 => proptest::collection::vec(any::<char>(), 0..8).prop_map(String::from_iter),
    ]
}

fn document() -> impl Strategy<Value = String> {
    proptest::collection::vec(fragment(), 0..80).prop_map(|pieces| pieces.concat())
}

/// Every Markdown file of the fixture sites and the real archive: the seeds for mutation.
fn seeds() -> &'static [String] {
    static SEEDS: OnceLock<Vec<String>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seeds = Vec::new();
        for folder in [root.join("tests/fixtures"), root.join("content")] {
            for entry in walkdir::WalkDir::new(folder)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
            {
                if entry.path().extension().is_some_and(|e| e == "md") {
                    if let Ok(text) = std::fs::read_to_string(entry.path()) {
                        seeds.push(text);
                    }
                }
            }
        }
        assert!(seeds.len() >= 10, "too few seed documents");
        seeds
    })
}

/// One change to a document.
#[derive(Clone, Debug)]
enum Mutation {
    Delete(Index, usize),
    Insert(Index, String),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    Truncate(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), 1..40usize).prop_map(|(at, len)| Mutation::Delete(at, len)),
        (any::<Index>(), fragment()).prop_map(|(at, text)| Mutation::Insert(at, text)),
        any::<Index>().prop_map(Mutation::DuplicateLine),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        any::<Index>().prop_map(Mutation::Truncate),
    ]
}

/// The char boundary at or before `index` of `text`'s length (plus one).
fn boundary(text: &str, at: &Index) -> usize {
    let mut offset = at.index(text.len() + 1);
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn apply(mut text: String, mutation: &Mutation) -> String {
    match mutation {
        Mutation::Delete(at, len) => {
            let start = boundary(&text, at);
            let mut end = (start + len).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(start..end, "");
        }
        Mutation::Insert(at, fragment) => {
            let at = boundary(&text, at);
            text.insert_str(at, fragment);
        }
        Mutation::DuplicateLine(at) => {
            let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
            if !lines.is_empty() {
                let line = lines[at.index(lines.len())];
                lines.insert(at.index(lines.len()), line);
            }
            text = lines.concat();
        }
        Mutation::SwapLines(a, b) => {
            let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
            if !lines.is_empty() {
                let (a, b) = (a.index(lines.len()), b.index(lines.len()));
                lines.swap(a, b);
            }
            text = lines.concat();
        }
        Mutation::Truncate(at) => {
            let at = boundary(&text, at);
            text.truncate(at);
        }
    }
    text
}

fn mutated_seed() -> impl Strategy<Value = String> {
    (any::<Index>(), proptest::collection::vec(mutation(), 1..6)).prop_map(|(which, mutations)| {
        let seeds = seeds();
        let seed = seeds[which.index(seeds.len())].clone();
        mutations.iter().fold(seed, apply)
    })
}

/// Text a hostile editor might put in any field: markup, quotes, script addresses, formulas,
/// template syntax, and characters that need escaping in TOML, JSON and XML.
fn hostile_text() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "<script>",
        "</script>",
        "<img src=x onerror=alert(1)>",
        "\"",
        "'",
        "&",
        "&amp;",
        "<",
        ">",
        "javascript:alert(1)",
        "=cmd|' /C calc'!A0",
        "+",
        "-",
        "@",
        "]]>",
        "<!--",
        "-->",
        "{{ 7*7 }}",
        "{%",
        "\\",
        "\u{2028}",
        "\u{7}",
        " ",
        "a",
        "é",
        "`",
        "*",
        "_",
        "[x](y)",
        "</title>",
        "<svg onload=alert(1)>",
        "\u{FEFF}",
        "\u{FFFE}",
    ];
    proptest::collection::vec(proptest::sample::select(PIECES), 1..12)
        .prop_map(|pieces| format!("x{}", pieces.concat()))
}

/// The options of a temporary copy of the minimal site.
fn options(root: &Path) -> SiteOptions {
    SiteOptions {
        root: root.to_path_buf(),
        today: Date::parse_iso("2024-11-01").expect("a date"),
        drafts: false,
    }
}

/// Loads a site in-process and checks every diagnostic against the texts that were read.
fn load_and_check(root: &Path, extra: &[(PathBuf, String)]) -> scrutiny::Loaded {
    let loaded = scrutiny::load(&options(root), scrutiny::Bodies::InMemory);
    let diagnostics = loaded.diagnostics.clone().into_sorted();
    // The text of each file a diagnostic points into, read as the CLI reads it to show it.
    let texts = loaded.lines.texts_of(&diagnostics);
    let mut files: Vec<(&Path, &str)> = texts
        .iter()
        .map(|(path, text)| (path.as_path(), text.as_str()))
        .collect();
    files.extend(
        extra
            .iter()
            .map(|(path, text)| (path.as_path(), text.as_str())),
    );
    assert_located(&diagnostics, &files);
    assert_eq!(
        loaded.archive.is_some(),
        !diagnostics.iter().any(Diagnostic::is_error)
    );
    loaded
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_documents_never_panic_and_errors_are_located(text in document()) {
        read_as_every_kind(&text);
    }

    #[test]
    fn mutated_documents_never_panic_and_errors_are_located(text in mutated_seed()) {
        read_as_every_kind(&text);
    }

    #[test]
    fn random_bytes_never_panic_the_decoder(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let path = Path::new("content/reports/doc.md");
        match scrutiny::source::decode_text(path, bytes.clone()) {
            Ok(text) => read_as_every_kind(&text),
            Err(problem) => {
                let lossy = String::from_utf8_lossy(&bytes);
                assert_located(&[problem], &[(path, &lossy)]);
            }
        }
    }
}

proptest! {
    // Each case loads a whole site from disk.
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_mutated_site_never_panics_and_errors_are_located(
        text in mutated_seed(),
        folder in proptest::sample::select(vec!["reports", "responses", "pages"]),
    ) {
        let site = TestSite::copy_of("minimal");
        let relative = PathBuf::from(format!("content/{folder}/mutated.md"));
        site.write(&relative.to_string_lossy(), &text);
        let loaded = load_and_check(site.root(), &[(relative, text)]);
        if let Some(archive) = loaded.archive {
            prop_assert!(scrutiny::render_site(&options(site.root()), &archive).is_ok());
        }
    }

    #[test]
    fn hostile_text_in_any_field_never_becomes_active_content(
        title in hostile_text(),
        summary in hostile_text(),
        finding in hostile_text(),
        author in hostile_text(),
        theme in hostile_text(),
        body in hostile_text(),
    ) {
        let site = TestSite::copy_of("minimal");
        site.write(
            "content/themes.toml",
            format!("[custody]\ntitle = {}\n\n[roads-policing]\ntitle = \"Roads\"\n\n[fire-safety]\ntitle = \"Fire\"\n", toml_string(&theme)),
        );
        site.write(
            "content/reports/hostile.md",
            format!(
                "+++\ntitle = {}\npublished = 2023-03-08\ntype = \"force\"\nthemes = [\"custody\"]\n\
                 summary = {}\n\n[[findings]]\nid = \"R1\"\nkind = \"recommendation\"\ntext = {}\n\
                 owner = {}\n+++\n{body}\n",
                toml_string(&title), toml_string(&summary), toml_string(&finding), toml_string(&author),
            ),
        );
        site.write(
            "content/responses/hostile-response.md",
            format!(
                "+++\nreport = \"hostile\"\ndate = 2023-05-02\nauthor = {}\nrole = {}\naddresses = [\"R1\"]\n+++\n{body}\n",
                toml_string(&author), toml_string(&title),
            ),
        );
        let loaded = load_and_check(site.root(), &[]);
        let archive = loaded.archive.expect("hostile text is valid content");
        let files = scrutiny::render_site(&options(site.root()), &archive)
            .unwrap_or_else(|problems| panic!("{:?}", problems.into_sorted()));
        let mut pages = 0;
        for file in &files {
            let Contents::Bytes(bytes) = &file.contents else { continue };
            let text = String::from_utf8_lossy(bytes);
            if file.path.ends_with(".html") {
                assert_inert(&file.path, &text, "/pfcc/hmicfrs/");
                pages += 1;
            } else if file.path.ends_with(".xml") {
                well_formed_xml(&file.path, &text);
            } else if file.path.ends_with(".json") {
                prop_assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok(), "{}", file.path);
            }
        }
        prop_assert!(pages > 10);
    }
}

/// Regressions found by the fuzzers and these properties, kept as plain tests.
#[test]
fn seeds_read_without_problems_where_they_are_valid() {
    // The seeds themselves pass through every reader (a smoke test of the harness).
    for seed in seeds() {
        read_as_every_kind(seed);
    }
    assert!(fixture("minimal").is_dir());
}
