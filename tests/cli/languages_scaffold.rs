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
