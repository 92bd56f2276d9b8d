//! Accessible formats and the accessibility statement: the "Request an accessible format" link
//! on attachments, and `check`'s warnings about the statement (none, stale, a section missing),
//! which `--strict` makes errors.

use crate::support::{Run, TestSite};

const STATEMENT: &str = "content/pages/accessibility.md";
const RESPONSE: &str = "content/responses/custody-2023-response.md";

/// The minimal site with its statement's front matter line `from` replaced by `to`.
fn with_statement(from: &str, to: &str) -> TestSite {
    let site = TestSite::copy_of("minimal");
    let text = site.read(STATEMENT);
    assert!(text.contains(from), "{from:?} is not in the statement");
    site.write(STATEMENT, text.replace(from, to));
    site
}

/// Checks `site` with and without `--strict`: warnings pass, and fail under `--strict`.
fn warned(site: &TestSite) -> (Run, Run) {
    let run = site.check(&[]);
    assert!(run.success, "warnings must not fail check:\n{}", run.stderr);
    assert!(run.stderr.contains("warning"), "{}", run.stderr);
    let strict = site.check(&["--strict"]);
    assert!(!strict.success, "--strict must fail:\n{}", strict.stderr);
    (run, strict)
}

#[test]
fn the_fixture_statement_passes() {
    let run = TestSite::copy_of("minimal").check(&["--strict"]);
    assert!(run.success, "{}", run.stderr);
    assert!(run.stdout.contains("No problems found"), "{}", run.stdout);
}

#[test]
fn a_statement_reviewed_more_than_a_year_ago_is_stale() {
    // --today is 2024-11-01: 2023-11-01 is a year ago to the day, still in time.
    let site = with_statement("reviewed = 2024-10-01", "reviewed = 2023-11-01");
    assert!(site.check(&["--strict"]).success);
    let site = with_statement("reviewed = 2024-10-01", "reviewed = 2023-10-31");
    let (run, strict) = warned(&site);
    let message =
        "the accessibility statement was last reviewed on 31 October 2023, more than a year ago";
    let help = "review it at least once a year: check it still describes the site, then write reviewed = 2024-11-01";
    run.assert_diagnostic(&format!("{STATEMENT}:6:12"), message, help);
    assert!(
        run.stderr.contains(&format!("warning: {message}")),
        "{}",
        run.stderr
    );
    strict.assert_diagnostic(&format!("{STATEMENT}:6:12"), message, help);
    assert!(
        strict.stderr.contains(&format!("error: {message}")),
        "{}",
        strict.stderr
    );
}

#[test]
fn a_statement_with_no_review_date_is_warned() {
    let site = with_statement("reviewed = 2024-10-01\n", "");
    let (run, _) = warned(&site);
    run.assert_diagnostic(
        STATEMENT,
        "the accessibility statement does not say when it was last reviewed",
        "review it, then add to the front matter: reviewed = 2024-11-01",
    );
}

#[test]
fn a_missing_section_is_named() {
    let site = with_statement("## Enforcement procedure", "## Complaints");
    let (run, strict) = warned(&site);
    let message = "the accessibility statement has no \"enforcement procedure\" section";
    let help =
        "add a heading whose text contains \"enforcement\", such as \"## Enforcement procedure\"";
    run.assert_diagnostic(STATEMENT, message, help);
    strict.assert_diagnostic(STATEMENT, message, help);
    // Only that one.
    assert_eq!(run.stderr.matches("has no").count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("0 errors and 1 warning"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_missing_section_is_named() {
    let site = TestSite::copy_of("minimal");
    site.write(
        STATEMENT,
        "+++\ntitle = \"Accessibility\"\nkind = \"accessibility-statement\"\nreviewed = 2024-10-01\n+++\n## Contact us\n\nEmail us.\n",
    );
    let (run, _) = warned(&site);
    for section in [
        "compliance status",
        "non-accessible content",
        "preparation of this accessibility statement",
        "enforcement procedure",
    ] {
        assert!(
            run.stderr
                .contains(&format!("has no \"{section}\" section")),
            "{section}: {}",
            run.stderr
        );
    }
    assert!(
        !run.stderr.contains("feedback and contact"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_site_with_no_statement_is_warned() {
    let site = TestSite::copy_of("minimal");
    std::fs::remove_file(site.path(STATEMENT)).expect("remove the statement");
    let (run, strict) = warned(&site);
    let message = "the site has no accessibility statement";
    let help = "add content/pages/accessibility.md with kind = \"accessibility-statement\" and reviewed = YYYY-MM-DD (see \"The accessibility statement\" in docs/editing.md)";
    run.assert_diagnostic("content/pages", message, help);
    strict.assert_diagnostic("content/pages", message, help);
}

#[test]
fn a_page_that_is_not_the_statement_is_not_checked_as_one() {
    // The statement made an ordinary page: the site has none, and the page's headings do not matter.
    let site = with_statement(
        "kind = \"accessibility-statement\"\nreviewed = 2024-10-01\n",
        "",
    );
    let (run, _) = warned(&site);
    assert!(
        run.stderr
            .contains("the site has no accessibility statement"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("section"), "{}", run.stderr);
}

#[test]
fn an_unknown_kind_suggests_the_nearest() {
    let site = with_statement(
        "kind = \"accessibility-statement\"",
        "kind = \"accessibility-statment\"",
    );
    let run = site.check(&[]);
    assert!(!run.success, "{}", run.stderr);
    run.assert_diagnostic(
        &format!("{STATEMENT}:5:8"),
        "`kind` has the unknown value \"accessibility-statment\"",
        "did you mean \"accessibility-statement\"?",
    );
    // The statement's own error is not also reported as the site having none.
    assert!(
        !run.stderr.contains("no accessibility statement"),
        "{}",
        run.stderr
    );
}

#[test]
fn reviewed_on_another_page_is_an_error() {
    let site = TestSite::copy_of("minimal");
    let about = site.read("content/pages/about.md");
    site.write(
        "content/pages/about.md",
        about.replace(
            "updated = 2024-01-10\n",
            "updated = 2024-01-10\nreviewed = 2024-01-10\n",
        ),
    );
    let run = site.check(&[]);
    assert!(!run.success, "{}", run.stderr);
    run.assert_diagnostic(
        "content/pages/about.md:5:12",
        "`reviewed` is only for the accessibility statement",
        "if this page is the statement, add kind = \"accessibility-statement\"; for the day a page last changed, write updated = YYYY-MM-DD",
    );
}

#[test]
fn the_footer_links_to_the_statement_on_every_page() {
    // Its own title is not what the footer says.
    let site = with_statement(
        "title = \"Accessibility statement\"",
        "title = \"How accessible this site is\"",
    );
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    let link = "<li><a href=\"/pfcc/hmicfrs/accessibility/\">Accessibility statement</a></li>";
    let mut pages = 0;
    for (path, bytes) in crate::support::tree(&site.path("public")) {
        if path.ends_with(".html") {
            let html = String::from_utf8_lossy(&bytes);
            assert!(
                html.contains(link),
                "{path} has no footer link to the statement"
            );
            pages += 1;
        }
    }
    assert!(pages >= 19, "{pages}");
    assert!(site.read("public/404.html").contains(link));
}

fn with_email(email: &str) -> TestSite {
    let site = TestSite::copy_of("minimal");
    let config = site.read("config.toml");
    site.write(
        "config.toml",
        config.replace(
            "theme = \"default\"\n",
            &format!("theme = \"default\"\naccessible_formats_email = \"{email}\"\n"),
        ),
    );
    site
}

#[test]
fn each_attachment_links_to_an_accessible_format_request() {
    let site = with_email("pfcc@example.org");
    let response = site.read(RESPONSE);
    site.write(
        RESPONSE,
        response.replace(
            "title = \"Signed letter\"",
            "title = \"Signed letter & annex (2023)\"",
        ),
    );
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    let page = site.read("public/responses/custody-2023-response/index.html");
    assert!(
        page.contains(
            "<a href=\"mailto:pfcc@example.org?subject=Request%20for%20an%20accessible%20format%3A%20Signed%20letter%20%26%20annex%20%282023%29\">\
             Request an accessible format of Signed letter &amp; annex (2023)</a>"
        ),
        "{page}"
    );
    // The list still gives the file's type and size.
    assert!(
        page.contains("<span class=\"attachment__meta\">(PDF, "),
        "{page}"
    );
}

#[test]
fn without_an_address_the_response_page_is_unchanged() {
    let plain = TestSite::copy_of("minimal");
    assert!(plain.build(&[]).success);
    let page = plain.read("public/responses/custody-2023-response/index.html");
    assert!(!page.contains("accessible format"), "{page}");
    assert!(!page.contains("mailto:"), "{page}");
}

#[test]
fn a_bad_accessible_formats_email_is_an_error_at_its_line() {
    for (email, why) in [
        ("pfcc.example.org", "(it has no `@`)"),
        ("pfcc@@example.org", "(it has more than one `@`)"),
        ("pfcc @example.org", "(it has a space in it)"),
    ] {
        let site = with_email(email);
        let run = site.check(&[]);
        assert!(!run.success, "{email}: {}", run.stderr);
        run.assert_diagnostic(
            "config.toml:7:28",
            &format!("`accessible_formats_email` is not an email address: \"{email}\" {why}"),
            "write one address, such as accessible_formats_email = \"pfcc@example.org\"",
        );
    }
}
