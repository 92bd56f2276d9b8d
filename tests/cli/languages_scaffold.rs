//! `new report|response <slug> --language cy`: a translation pre-filled from its original, its
//! words marked as still to translate until they are, and the errors that write nothing.

use crate::support::{Run, TestSite, scrutiny};

fn new(site: &TestSite, args: &[&str]) -> Run {
    scrutiny()
        .arg("new")
        .args(args)
        .arg("--root")
        .arg(site.root())
        .output()
        .expect("run scrutiny new")
        .into()
}

/// The Welsh fixture with its report's and response's translations taken away.
fn untranslated() -> TestSite {
    let site = TestSite::copy_of("welsh");
    for file in [
        "content/reports/custody-2023.cy.md",
        "content/responses/custody-2023-response.cy.md",
    ] {
        std::fs::remove_file(site.path(file)).expect("remove a translation");
    }
    site
}

/// The file's text with every mark of words still to translate taken out, as an editor leaves
/// it once each value and the text are translated.
fn translated(text: &str) -> String {
    text.lines()
        .filter(|line| !line.starts_with("[Translate the text below"))
        .map(|line| line.replace("[Translate] ", "Cyfieithiad: "))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn a_report_translation_holds_only_its_words_marked_to_translate() {
    let site = untranslated();
    let created = new(&site, &["report", "custody-2023", "--language", "cy"]);
    assert!(created.success, "{}", created.stderr);
    assert!(
        created
            .stdout
            .contains("Created content/reports/custody-2023.cy.md"),
        "{}",
        created.stdout
    );
    let text = site.read("content/reports/custody-2023.cy.md");
    let keys: Vec<&str> = text
        .lines()
        .filter(|line| !line.starts_with('#') && line.contains(" = ") || line.starts_with("[["))
        .map(|line| line.split(" = ").next().unwrap_or_default())
        .collect();
    let mut expected = vec!["title", "summary"];
    expected.extend(["[[findings]]", "id", "text", "[[findings.updates]]", "note"]);
    expected.extend(["[[findings.updates]]", "note"]);
    for _ in 0..5 {
        expected.extend(["[[findings]]", "id", "text"]);
    }
    assert_eq!(keys, expected, "{text}");
    for line in [
        "title = \"[Translate] An inspection of Testshire Police custody suites\"",
        "id = \"AFI4\"",
        "note = \"[Translate] New handover checklist in use in two suites.\"",
        "[Translate the text below into `cy`, then delete this line.]",
        "The inspectors visited **three custody suites** in January 2023.",
    ] {
        assert!(text.contains(line), "no {line:?} in:\n{text}");
    }
    // The English still in it is each a warning at its place, an error under --strict.
    let check = site.check(&[]);
    assert!(check.success, "{}", check.stderr);
    let file = "content/reports/custody-2023.cy.md";
    let value_help =
        "translate it into this file's language, then delete \"[Translate]\" at its start";
    let marked = "is still the original's words, marked \"[Translate]\"";
    check.assert_diagnostic(
        &format!("{file}:9:9"),
        &format!("`title` {marked}"),
        value_help,
    );
    check.assert_diagnostic(
        &format!("{file}:10:11"),
        &format!("`summary` {marked}"),
        value_help,
    );
    check.assert_diagnostic(
        &format!("{file}:20:8"),
        &format!("`note` {marked}"),
        value_help,
    );
    check.assert_diagnostic(
        &format!("{file}:45:1"),
        "the text is still the original's words",
        "translate the text into this file's language, then delete that line",
    );
    assert!(!site.check(&["--strict"]).success);
    // Translated, it is a valid translation that builds a Welsh page of its own.
    site.write(file, translated(&text));
    let check = site.check(&[]);
    assert!(!check.stderr.contains(file), "{}", check.stderr);
    let build = site.build(&[]);
    assert!(build.success, "{}", build.stderr);
    let page = site.read("public/cy/reports/custody-2023/index.html");
    assert!(
        page.contains("Cyfieithiad: An inspection of Testshire Police custody suites"),
        "{page}"
    );
    assert!(!page.contains("[Translate"), "{page}");
}

#[test]
fn a_response_translation_is_found_by_its_report_and_checks_as_written() {
    let site = untranslated();
    let created = new(&site, &["response", "custody-2023", "--language", "cy"]);
    assert!(created.success, "{}", created.stderr);
    let text = site.read("content/responses/custody-2023-response.cy.md");
    for line in [
        "role = \"[Translate] Police and Crime Commissioner for Testshire\"",
        "to = \"[Translate] Home Secretary\"",
        "cc = [\"[Translate] Chief Constable, Testshire Police\", \"[Translate] HMICFRS\"]",
        "[[attachments]]\ntitle = \"[Translate] Signed letter\"",
        "Dear Home Secretary,",
    ] {
        assert!(text.contains(line), "no {line:?} in:\n{text}");
    }
    for field in ["report =", "date =", "author =", "addresses =", "file ="] {
        assert!(
            !text.lines().any(|line| line.starts_with(field)),
            "{field} in:\n{text}"
        );
    }
    let check = site.check(&[]);
    assert!(check.success, "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains("warning: `cc` is still the original's words"),
        "{}",
        check.stderr
    );
    let build = site.build(&[]);
    assert!(build.success, "{}", build.stderr);
    // By the response's own name too; and once written, never again.
    let again = new(
        &site,
        &["response", "custody-2023-response", "--language", "cy"],
    );
    assert!(!again.success);
    assert!(
        again
            .stderr
            .contains("custody-2023-response.cy.md already exists"),
        "{}",
        again.stderr
    );
    assert_eq!(
        site.read("content/responses/custody-2023-response.cy.md"),
        text
    );
}

#[test]
fn a_translation_needs_an_original_a_language_of_the_site_and_a_free_name() {
    let site = TestSite::copy_of("welsh");
    let before = crate::support::tree(site.root());
    let cases: [(&[&str], &str); 5] = [
        (
            &["report", "custody-2032", "--language", "cy"],
            "there is no content/reports/custody-2032.md to translate (did you mean `custody-2023`?)",
        ),
        (
            &["report", "roads-2020", "--language", "fr"],
            "`fr` is not a language of the site: config.toml has no [languages.fr]; its languages are `cy`",
        ),
        (
            &["report", "roads-2020", "--language", "en-GB"],
            "`en-GB` is the site's main language",
        ),
        (
            &["report", "custody-2023", "--language", "cy"],
            "content/reports/custody-2023.cy.md already exists; scrutiny never overwrites a file",
        ),
        (
            &["response", "custody-2023", "--language", "cy"],
            "content/responses/custody-2023-response.cy.md already exists",
        ),
    ];
    for (args, message) in cases {
        let run = new(&site, args);
        assert!(!run.success, "{args:?}");
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
    }
    assert_eq!(
        crate::support::tree(site.root()),
        before,
        "something was written"
    );
}

fn init(dir: &std::path::Path, languages: &str) -> Run {
    scrutiny()
        .arg("init")
        .arg(dir)
        .args(["--today", "2024-06-01", "--languages", languages])
        .output()
        .expect("run scrutiny init")
        .into()
}

fn run_on(root: &std::path::Path, args: &[&str]) -> Run {
    scrutiny()
        .args(args)
        .arg("--root")
        .arg(root)
        .args(["--today", "2024-11-01"])
        .output()
        .expect("run scrutiny")
        .into()
}

#[test]
fn init_with_welsh_creates_a_bilingual_site_that_checks_and_builds() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join("site");
    let created = init(&root, "en-GB,cy");
    assert!(created.success, "{}", created.stderr);
    let config = std::fs::read_to_string(root.join("config.toml")).expect("config.toml");
    for line in [
        "language = \"en-GB\"",
        "[languages.cy]\n# The name of the website, in Welsh.\ntitle = \"Arolygiadau AEFCTh a’n hymatebion\"",
        "organisation = \"Comisiynydd Heddlu a Throseddu Exampleshire\"",
    ] {
        assert!(config.contains(line), "no {line:?} in:\n{config}");
    }
    // The about page in Welsh; the other documents pre-filled, their English marked.
    let read = |relative: &str| {
        std::fs::read_to_string(root.join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
    };
    assert!(read("content/pages/about.cy.md").contains("title = \"Am yr archif hon\""));
    assert!(
        read("content/reports/serious-youth-violence.cy.md")
            .contains("\n[[findings]]\nid = \"R1\"\ntext = \"[Translate] ")
    );
    assert!(
        read("content/responses/serious-youth-violence-response.cy.md")
            .contains("role = \"[Translate] ")
    );
    assert!(
        read("content/pages/accessibility.cy.md")
            .contains("title = \"[Translate] Accessibility statement\"")
    );

    // Warnings, of the kinds an English site starts with, and no error.
    let check = run_on(&root, &["check"]);
    assert!(check.success, "{}", check.stderr);
    assert!(check.stderr.contains("0 errors and "), "{}", check.stderr);
    check.assert_diagnostic(
        "content/pages/accessibility.cy.md:9:9",
        "`title` is still the original's words, marked \"[Translate]\"",
        "translate it into this file's language, then delete \"[Translate]\" at its start",
    );
    assert!(!run_on(&root, &["check", "--strict"]).success);

    let build = run_on(&root, &["build"]);
    assert!(build.success, "{}", build.stderr);
    let about =
        std::fs::read_to_string(root.join("public/cy/about/index.html")).expect("/cy/about/");
    assert!(about.contains("<html lang=\"cy\""), "{about}");
    assert!(about.contains("Am yr archif hon"), "{about}");
    assert!(
        about.contains("href=\"../../data/archive.json\""),
        "{about}"
    );
    assert!(
        root.join("public/cy/reports/serious-youth-violence/index.html")
            .is_file()
    );

    // Once the office has put in its own names and translated every marked word, nothing is left.
    let replacements = [
        ("Exampleshire", "Testshire"),
        ("Sam Example", "Alex Jones"),
        (
            "https://www.example.org/hmicfrs/\"",
            "https://testshire-pfcc.github.io/hmicfrs/\"",
        ),
        ("[Translate] ", ""),
    ];
    let replacements = [
        replacements.as_slice(),
        crate::support::STATEMENT_ANSWERS.as_slice(),
    ]
    .concat();
    for entry in walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "md") && !path.ends_with("config.toml") {
            continue;
        }
        edit(path, &replacements);
    }
    edit(&root.join("config.toml"), &replacements);
    let check = run_on(&root, &["check", "--strict"]);
    assert!(check.success, "{}", check.stderr);
    assert!(
        check.stdout.contains("No problems found"),
        "{}",
        check.stdout
    );
}

fn edit(path: &std::path::Path, replacements: &[(&str, &str)]) {
    let mut text = std::fs::read_to_string(path).expect("a file init wrote");
    for (from, to) in replacements {
        text = text.replace(from, to);
    }
    let text: Vec<&str> = text
        .lines()
        .filter(|line| !line.starts_with("[Translate the text below"))
        .collect();
    std::fs::write(path, text.join("\n") + "\n").expect("write");
}

#[test]
fn init_refuses_languages_it_cannot_start_a_site_in_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join("site");
    let cases = [
        (
            "en-GB,fr",
            "`fr` is not a language init can start a site in: after the main language, use cy (Welsh)",
        ),
        (
            "cy,en-GB",
            "the first code is the site's main language, and the example site is written in English",
        ),
        ("en_GB,cy", "`en_GB` is not a language code"),
        ("en-GB,Cy", "(language codes are lowercase, such as cy)"),
        ("en-GB,cy,cy", "`cy` is listed twice"),
        ("", "no language given"),
    ];
    for (languages, message) in cases {
        let run = init(&root, languages);
        assert!(!run.success, "{languages}");
        assert!(
            run.stderr.contains("error: --languages: "),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains(message), "{languages}: {}", run.stderr);
        assert!(!root.exists(), "{languages}: something was written");
    }
}
