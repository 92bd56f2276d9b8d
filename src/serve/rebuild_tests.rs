//! Tests of serve's incremental rebuild: after each edit, the site in memory and the
//! diagnostics must equal a fresh full build of the same files, byte for byte.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::site::{BuildReport, BuiltSite, PreviewSite};
use crate::dates::Date;
use crate::diagnostic::Diagnostic;
use crate::indexes::Indexes;
use crate::pipeline::{self, Bodies, SiteOptions};
use crate::render::Contents;

/// A copy of a fixture site in a temporary folder.
fn copy_of(fixture: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for entry in walkdir::WalkDir::new(fixture)
        .into_iter()
        .filter_map(Result::ok)
    {
        let relative = entry.path().strip_prefix(fixture).expect("inside");
        let target = dir.path().join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("a folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("a copy");
        }
    }
    dir
}

fn options(root: &Path, today: Date) -> SiteOptions {
    SiteOptions {
        root: root.to_path_buf(),
        today,
        drafts: true,
    }
}

/// What a fresh full build of the files on disk makes, by the library's own full path (not the
/// preview's): every file when it succeeds, and every diagnostic.
fn full_build(options: &SiteOptions) -> (Option<BTreeMap<String, Contents>>, Vec<Diagnostic>) {
    let loaded = pipeline::load(options, Bodies::InMemory);
    let mut diagnostics = loaded.diagnostics;
    let mut files = None;
    if let Some(archive) = &loaded.archive {
        match pipeline::render_site(options, archive) {
            Ok(mut site) => {
                let indexes = Indexes::build(archive, options.today);
                let words = crate::render::theme_words(&options.root, &archive.config.theme);
                match pipeline::search_index(archive, &indexes, &words) {
                    Ok(search) => {
                        site.extend(search);
                        files = Some(site.into_iter().map(|f| (f.path, f.contents)).collect());
                    }
                    Err(problems) => diagnostics.extend(problems),
                }
            }
            Err(problems) => diagnostics.extend(problems),
        }
    }
    let diagnostics = diagnostics.into_sorted();
    if diagnostics.iter().any(Diagnostic::is_error) {
        files = None;
    }
    (files, diagnostics)
}

/// Checks the preview after `report` against a full build: every file at once but the search
/// index, and the search index once caught up.
fn assert_same_as_full_build(step: &str, site: &mut PreviewSite, report: &BuildReport) {
    let (expected, diagnostics) = full_build(site.options());
    assert_eq!(
        report.diagnostics, diagnostics,
        "{step}: diagnostics differ"
    );
    let Some(expected) = expected else {
        assert!(report.built.is_none(), "{step}: built despite errors");
        return;
    };
    assert!(report.built.is_some(), "{step}: not built");
    let not_search = |path: &str| !crate::render::is_search_index(path);
    let built = site.snapshot().site.expect("a site");
    assert_same_files(step, &built, &expected, not_search);
    site.catch_up(true);
    assert!(
        !site.catching_up(),
        "{step}: the search index did not catch up"
    );
    let built = site.snapshot().site.expect("a site");
    assert_same_files(step, &built, &expected, |_| true);
}

/// The files of `built` at the paths `compared` takes are those of `expected`, byte for byte.
fn assert_same_files(
    step: &str,
    built: &BuiltSite,
    expected: &BTreeMap<String, Contents>,
    compared: impl Fn(&str) -> bool,
) {
    let mut paths: Vec<&str> = built.paths().filter(|p| compared(p)).collect();
    paths.sort_unstable();
    let expected_paths: Vec<&str> = expected
        .keys()
        .map(String::as_str)
        .filter(|p| compared(p))
        .collect();
    assert_eq!(paths, expected_paths, "{step}: not the same files");
    for path in expected_paths {
        let contents = &expected[path];
        let made = built.file(path).expect("listed");
        if made != contents {
            let text = |c: &Contents| match c {
                Contents::Bytes(bytes) => String::from_utf8_lossy(bytes).into_owned(),
                Contents::Static(bytes) => String::from_utf8_lossy(bytes).into_owned(),
                Contents::Copy(path) => format!("copy of {}", path.display()),
                Contents::Parts(parts) => String::from_utf8_lossy(&parts.concat()).into_owned(),
            };
            let (made, contents) = (text(made), text(contents));
            let at = made
                .bytes()
                .zip(contents.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(made.len().min(contents.len()));
            let from = at.saturating_sub(200);
            panic!(
                "{step}: {path} differs from a full build at byte {at}:\nincremental: {}\nfull:        {}",
                &made[from.min(made.len())..(at + 200).min(made.len())],
                &contents[from.min(contents.len())..(at + 200).min(contents.len())],
            );
        }
    }
}

/// Writes the built-in theme's templates into the site's `themes/default/`, each as `template`
/// makes it from its name and text (`None` leaves it out).
fn write_theme(root: &Path, template: impl Fn(&str, &str) -> Option<String>) {
    for (name, text) in crate::render::builtin::TEMPLATES {
        let Some(text) = template(name, text) else {
            continue;
        };
        let path = root.join("themes/default/templates").join(name);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("a folder");
        std::fs::write(path, text).expect("a template");
    }
}

/// The new text of a file from its old one; `None` deletes it.
type Rewrite<'a> = Box<dyn Fn(&str) -> Option<String> + 'a>;

/// One edit: a file rewritten (`Some`) or deleted (`None`), by a function of its old text.
struct Edit<'a> {
    step: &'a str,
    path: &'a str,
    change: Rewrite<'a>,
    /// Whether the incremental path must be the one taken.
    incremental: bool,
}

fn replace<'a>(step: &'a str, path: &'a str, from: &'a str, to: &'a str) -> Edit<'a> {
    Edit {
        step,
        path,
        change: Box::new(move |text: &str| {
            assert!(text.contains(from), "{step}: {path} has no {from:?}");
            Some(text.replacen(from, to, 1))
        }),
        incremental: true,
    }
}

fn run(root: &Path, today: Date, edits: Vec<Edit<'_>>) {
    let mut site = PreviewSite::new(options(root, today));
    let first = site.rebuild(&[]);
    assert_same_as_full_build("first build", &mut site, &first);
    for edit in edits {
        let file = root.join(edit.path);
        let old = std::fs::read_to_string(&file).unwrap_or_default();
        match (edit.change)(&old) {
            Some(text) => {
                if let Some(folder) = file.parent() {
                    std::fs::create_dir_all(folder).expect("a folder");
                }
                std::fs::write(&file, text).expect("written");
            }
            None => std::fs::remove_file(&file).expect("deleted"),
        }
        let report = site.rebuild(&[PathBuf::from(edit.path)]);
        if edit.incremental {
            assert!(
                report.pages_rebuilt.is_some(),
                "{}: took the full path",
                edit.step
            );
        }
        assert_same_as_full_build(edit.step, &mut site, &report);
    }
}

#[test]
fn incremental_rebuilds_of_the_site_fixture_equal_full_builds() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/site/fixture");
    let dir = copy_of(&fixture);
    let response = "content/responses/custody-2023-response.md";
    let report = "content/reports/custody-2023.md";
    let added = "content/responses/custody-2023-second.md";
    let edits = vec![
        replace("body edit", response, "I welcome", "I warmly welcome"),
        // The letter's date changes but `published` still counts: the site order is kept.
        replace(
            "letter date edit that leaves the order",
            response,
            "date = 2023-11-14",
            "date = 2023-11-10",
        ),
        replace(
            "report title edit",
            report,
            "title = \"Inspection of police custody in Wealdshire\"",
            "title = \"Police custody in Wealdshire\"",
        ),
        replace(
            "response date edit making its report late",
            response,
            "published = 2023-11-20",
            "published = 2024-02-20",
        ),
        replace(
            "response date edit making it on time",
            response,
            "published = 2024-02-20",
            "published = 2023-10-01",
        ),
        Edit {
            step: "finding status change",
            path: report,
            change: Box::new(|text: &str| {
                Some(text.replace("status = \"closed\"", "status = \"in-progress\""))
            }),
            incremental: true,
        },
        replace(
            "report's themes change",
            report,
            "themes = [\"custody\", \"vulnerability\"]",
            "themes = [\"custody\"]",
        ),
        replace(
            "report published earlier",
            report,
            "published = 2023-09-15",
            "published = 2016-01-10",
        ),
        replace(
            "page title edit (every footer)",
            "content/pages/about.md",
            "title = \"About this archive\"",
            "title = \"About us\"",
        ),
        Edit {
            step: "response added",
            path: added,
            change: Box::new(|_| {
                Some(
                    "+++\nreport = \"custody-2023\"\ndate = 2024-01-05\n+++\nA second letter.\n"
                        .into(),
                )
            }),
            incremental: false,
        },
        replace(
            "added response edited",
            added,
            "A second letter.",
            "A second, longer letter.",
        ),
        Edit {
            step: "response deleted",
            path: added,
            change: Box::new(|_| None),
            incremental: false,
        },
        Edit {
            step: "broken report",
            path: report,
            change: Box::new(|text: &str| {
                Some(text.replacen("title = \"Police custody in Wealdshire\"", "title = 42", 1))
            }),
            incremental: false,
        },
        Edit {
            step: "broken report fixed",
            path: report,
            change: Box::new(|text: &str| {
                Some(text.replacen("title = 42", "title = \"Fixed\"", 1))
            }),
            incremental: false,
        },
        replace(
            "edit after the fix",
            response,
            "I warmly welcome",
            "I welcome",
        ),
        Edit {
            step: "themes.toml change",
            path: "content/themes.toml",
            change: Box::new(|text: &str| Some(text.replacen("title = \"", "title = \"The ", 1))),
            incremental: false,
        },
        // Its list of responses grows; its status and first response stay as they were.
        replace(
            "an undated response also answers a report answered earlier",
            "content/responses/vawg-joint-response.md",
            "report = \"vawg-joint\"",
            "report = [\"vawg-joint\", \"fire-2023\"]",
        ),
        replace(
            "and answers it no more",
            "content/responses/vawg-joint-response.md",
            "report = [\"vawg-joint\", \"fire-2023\"]",
            "report = \"vawg-joint\"",
        ),
        replace(
            "edit after a theme change",
            report,
            "title = \"Fixed\"",
            "title = \"Fixed again\"",
        ),
    ];
    run(dir.path(), Date::constant(2025, 1, 1), edits);
}

#[test]
fn a_template_change_rebuilds_everything() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/site/fixture");
    let dir = copy_of(&fixture);
    // The built-in theme, as a folder of the site's own.
    write_theme(dir.path(), |_, text| Some(text.to_string()));
    let edits = vec![
        Edit {
            step: "template change",
            path: "themes/default/templates/404.html",
            change: Box::new(|text: &str| Some(format!("{text}\n<!-- changed -->\n"))),
            incremental: false,
        },
        replace(
            "body edit after a template change",
            "content/responses/custody-2023-response.md",
            "I welcome",
            "We welcome",
        ),
    ];
    run(dir.path(), Date::constant(2025, 1, 1), edits);
}

#[test]
fn incremental_rebuilds_of_the_deadlines_fixture_equal_full_builds() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/deadlines");
    let dir = copy_of(&fixture);
    let early = "content/responses/two-responses-early.md";
    let edits = vec![
        replace(
            "earlier response made later",
            early,
            "date = 2023-04-01",
            "date = 2023-09-01",
        ),
        replace("and undated", early, "date = 2023-09-01\n", ""),
        replace(
            "body edit",
            early,
            "Dear Home Secretary.",
            "Dear Home Secretary,",
        ),
    ];
    run(dir.path(), Date::constant(2023, 6, 1), edits);
}

#[test]
fn incremental_rebuilds_of_a_generated_archive_equal_full_builds() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let generate = scrutiny_corpus::generate::GenerateOptions {
        reports: 100,
        seed: 3,
        ..Default::default()
    };
    scrutiny_corpus::generate::generate(&generate, dir.path()).expect("generated");
    let responses = dir.path().join("content/responses");
    let mut names: Vec<String> = std::fs::read_dir(&responses)
        .expect("responses")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let response = format!("content/responses/{}", names[names.len() / 2]);
    let text = std::fs::read_to_string(dir.path().join(&response)).expect("a response");
    let dated = text
        .lines()
        .find(|line| line.starts_with("date = ") || line.starts_with("published = "))
        .map(str::to_string);
    let mut edits = vec![Edit {
        step: "generated: body edit",
        path: &response,
        change: Box::new(|text: &str| Some(format!("{text}\nA new closing paragraph.\n"))),
        incremental: true,
    }];
    if let Some(line) = &dated {
        let key = line.split(' ').next().unwrap_or("date");
        let moved = format!("{key} = 2024-12-30");
        edits.push(Edit {
            step: "generated: response date edit",
            path: &response,
            change: Box::new(move |text: &str| Some(text.replacen(line.as_str(), &moved, 1))),
            incremental: true,
        });
    }
    run(dir.path(), Date::constant(2025, 1, 1), edits);
}

#[test]
fn a_date_edit_shows_on_the_lists_before_the_search_index_catches_up() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/site/fixture");
    let dir = copy_of(&fixture);
    let response = "content/responses/custody-2023-response.md";
    let mut site = PreviewSite::new(options(dir.path(), Date::constant(2025, 1, 1)));
    site.rebuild(&[]);
    let text = |site: &PreviewSite, page: &str| match site
        .snapshot()
        .site
        .and_then(|s| s.file(page).cloned())
    {
        Some(Contents::Bytes(bytes)) => String::from_utf8_lossy(&bytes).into_owned(),
        other => panic!("no page at {page}: {other:?}"),
    };
    let pages = [
        "responses/custody-2023-response/index.html",
        "years/2023/index.html",
        "index.html",
    ];
    for page in pages {
        assert!(!text(&site, page).contains("10 November 2023"), "{page}");
    }
    let file = dir.path().join(response);
    let old = std::fs::read_to_string(&file).expect("the response");
    let new = old
        .replacen("date = 2023-11-14", "date = 2023-11-10", 1)
        .replacen("published = 2023-11-20\n", "", 1);
    assert_ne!(old, new, "the fixture's letter dates moved");
    std::fs::write(&file, new).expect("the edit");
    let report = site.rebuild(&[PathBuf::from(response)]);
    assert!(report.pages_rebuilt.is_some(), "took the full path");
    assert!(
        report.catching_up,
        "the search index has nothing to catch up"
    );
    // Not yet caught up: the response's own page and the lists already have the new date.
    assert!(site.catching_up());
    for page in pages {
        let shown = text(&site, page);
        assert!(shown.contains("10 November 2023"), "{page}: {shown}");
    }
    assert_same_as_full_build("after catching up", &mut site, &report);
}

#[test]
fn a_theme_without_item_templates_rebuilds_its_lists_too() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/site/fixture");
    let dir = copy_of(&fixture);
    // A theme copied before item templates: its tracker renders the findings' values itself.
    write_theme(dir.path(), |name, text| {
        match name {
        _ if name.starts_with("items/") => None,
        "findings.html" => Some(
            text.replace(
                "{% for row in group.rows %}\n{{ row }}",
                "{% for finding in group.findings %}\n<tr><td>{{ finding.id }}</td><td>{{ finding.report.title }}</td></tr>",
            )
            .replace("group.rows", "group.findings"),
        ),
        _ => Some(text.to_string()),
    }
    });
    let report = "content/reports/custody-2023.md";
    let edits = vec![replace(
        "report title edit",
        report,
        "title = \"Inspection of police custody in Wealdshire\"",
        "title = \"Police custody in Wealdshire\"",
    )];
    run(dir.path(), Date::constant(2025, 1, 1), edits);
}

#[test]
fn a_full_rebuild_says_why_it_was_needed() {
    use super::incremental::FullRebuild;
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
    let dir = copy_of(&fixture);
    let today = Date::parse_iso("2024-11-01").expect("a date");
    let mut site = PreviewSite::new(options(dir.path(), today));
    let first = site.rebuild(&[]);
    assert_eq!(
        first.full_rebuild, None,
        "the first build has nothing to say"
    );
    // A document the last build had, edited in its body only: the fast path.
    let report_file = "content/reports/custody-2023.md";
    let text = std::fs::read_to_string(dir.path().join(report_file)).expect("the report");
    std::fs::write(
        dir.path().join(report_file),
        format!("{text}\nOne more line.\n"),
    )
    .expect("the edit");
    let report = site.rebuild(&[PathBuf::from(report_file)]);
    assert!(report.pages_rebuilt.is_some(), "took the full path");
    assert_eq!(report.full_rebuild, None);
    // config.toml is not a document: every page, and the event says so.
    let config = PathBuf::from("config.toml");
    let report = site.rebuild(std::slice::from_ref(&config));
    assert_eq!(report.pages_rebuilt, None);
    assert_eq!(
        report.full_rebuild,
        Some(FullRebuild::NotAKnownDocument(config))
    );
    assert_eq!(
        report.full_rebuild.map(|why| why.to_string()).as_deref(),
        Some("config.toml is not a document the last build had")
    );
    // A document with an error of its own.
    std::fs::write(dir.path().join(report_file), "+++\ntitle = \n+++\n").expect("the edit");
    let report = site.rebuild(&[PathBuf::from(report_file)]);
    assert_eq!(
        report.full_rebuild,
        Some(FullRebuild::DocumentErrors(PathBuf::from(report_file)))
    );
}

/// A change that must take the full path.
fn full<'a>(step: &'a str, path: &'a str, change: Rewrite<'a>) -> Edit<'a> {
    Edit {
        step,
        path,
        change,
        incremental: false,
    }
}

#[test]
fn incremental_rebuilds_of_a_bilingual_site_equal_full_builds() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/welsh");
    let dir = copy_of(&fixture);
    let untranslated = "content/reports/roads-2020.md";
    let translated = "content/reports/custody-2023.md";
    let translation = "content/reports/custody-2023.cy.md";
    let added = "content/reports/roads-2020.cy.md";
    let edits = vec![
        // Text only: the document's page in English and in Welsh, nothing else.
        replace(
            "untranslated report's text",
            untranslated,
            "A national thematic inspection.",
            "A national thematic inspection, in 2020.",
        ),
        replace(
            "translated report's text",
            translated,
            "Detainees were treated with respect.",
            "Detainees were treated with dignity.",
        ),
        replace(
            "response's text",
            "content/responses/custody-2023-response.md",
            "I welcome",
            "I warmly welcome",
        ),
        replace(
            "page's text",
            "content/pages/about.md",
            "This archive holds",
            "This archive keeps",
        ),
        // A translation's text: its page in its language.
        replace(
            "translation's text",
            translation,
            "Cafodd carcharorion",
            "Cafodd y carcharorion",
        ),
        replace(
            "translation's text with a marker left in",
            translation,
            "Cafodd y carcharorion",
            "[Translate the text below into `cy`, then delete this line.]\n\nCafodd carcharorion",
        ),
        // A translation's words, or a field of an original: every page again, as it must be.
        full(
            "translation's title",
            translation,
            Box::new(|text: &str| Some(text.replace("Arolygiad o", "Arolygiad ar"))),
        ),
        full(
            "translation added",
            added,
            Box::new(|_: &str| {
                Some(
                    "+++\ntitle = \"Plismona ffyrdd\"\n+++\nArolygiad thematig cenedlaethol.\n"
                        .to_string(),
                )
            }),
        ),
        replace(
            "newly translated report's text",
            untranslated,
            "in 2020.",
            "in 2020 and 2021.",
        ),
        full("translation deleted", added, Box::new(|_: &str| None)),
        full(
            "original's title",
            untranslated,
            Box::new(|text: &str| Some(text.replace("not optional", "not an option"))),
        ),
        replace(
            "text after full rebuilds",
            untranslated,
            "2020 and 2021.",
            "2020.",
        ),
    ];
    run(
        dir.path(),
        Date::parse_iso("2024-11-01").expect("a date"),
        edits,
    );
}

#[test]
fn a_bilingual_site_says_why_a_change_rebuilds_every_page() {
    use super::incremental::FullRebuild;
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/welsh");
    let dir = copy_of(&fixture);
    let today = Date::parse_iso("2024-11-01").expect("a date");
    let mut site = PreviewSite::new(options(dir.path(), today));
    site.rebuild(&[]);
    let edit = |relative: &str, from: &str, to: &str| {
        let path = dir.path().join(relative);
        let text = std::fs::read_to_string(&path).expect("a file");
        assert!(text.contains(from), "{relative} has no {from:?}");
        std::fs::write(path, text.replace(from, to)).expect("the edit");
        PathBuf::from(relative)
    };
    let translation = edit(
        "content/pages/about.cy.md",
        "Am yr archif",
        "Ynglŷn â’r archif",
    );
    let report = site.rebuild(std::slice::from_ref(&translation));
    assert_eq!(
        report.full_rebuild,
        Some(FullRebuild::Translation(translation))
    );
    let body = edit("content/pages/about.cy.md", "Mae’r archif", "Mae’r wefan");
    let report = site.rebuild(std::slice::from_ref(&body));
    assert_eq!(report.full_rebuild, None);
    assert_eq!(report.pages_rebuilt, Some(1), "only /cy/about/");
    let original = edit(
        "content/pages/about.md",
        "About this archive",
        "About the archive",
    );
    let report = site.rebuild(&[original]);
    assert_eq!(report.full_rebuild, Some(FullRebuild::Languages));
    let text = edit(
        "content/pages/about.md",
        "This archive holds",
        "This archive keeps",
    );
    let report = site.rebuild(&[text]);
    assert_eq!(report.full_rebuild, None);
    // The page in English and its twin in Welsh.
    assert_eq!(report.pages_rebuilt, Some(2));
}
