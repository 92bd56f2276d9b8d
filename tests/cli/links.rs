//! `scrutiny check` follows every internal link and anchor of the rendered site, and opens every
//! attachment: each broken one is reported at the line of the Markdown that wrote it.

use std::path::Path;

use crate::support::{TestSite, scrutiny};

/// A report of the `minimal` fixture with one link of each broken kind, on known lines.
const BROKEN_LINKS: &str = "+++
title = \"Roads policing: not optional\"
published = 2020-07-15
type = \"national-thematic\"
themes = [\"roads-policing\"]
summary = \"A national inspection of roads policing.\"
+++
A national thematic inspection.

See [the custody report](/reports/custody-2032/) for more.

Its [first recommendation](/reports/custody-2023/#finding-r9) and [the draft](/reports/draft-report/).

[Working](../custody-2023/#finding-r1), [also working](/about/) and [the letter](/files/custody-letter.pdf).

[Back to the top](#nowhere) and [an unattached file](/files/notes.pdf).
";

fn site_with_broken_links() -> TestSite {
    let site = TestSite::copy_of("minimal");
    site.write("content/reports/roads-2020.md", BROKEN_LINKS);
    site.write("content/files/notes.pdf", "%PDF-1.4\n");
    site
}

#[test]
fn a_broken_markdown_link_is_reported_at_its_line() {
    let run = site_with_broken_links().check(&[]);
    assert!(!run.success, "{}", run.stderr);
    run.assert_diagnostic(
        "content/reports/roads-2020.md:10:26",
        "the link \"/reports/custody-2032/\" goes to no page",
        "did you mean \"/reports/custody-2023/\"?",
    );
    run.assert_diagnostic(
        "content/reports/roads-2020.md:12:28",
        "the link \"/reports/custody-2023/#finding-r9\" points to \"#finding-r9\", but the page /pfcc/hmicfrs/reports/custody-2023/ has no such anchor",
        "did you mean \"#finding-r1\"?",
    );
    assert!(
        run.stderr
            .contains("10 | See [the custody report](/reports/custody-2032/) for more."),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("5 errors and 0 warnings"),
        "{}",
        run.stderr
    );
}

#[test]
fn github_annotations_for_broken_links() {
    let run = site_with_broken_links().check(&["--format", "github"]);
    assert!(!run.success);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines,
        vec![
            "::error file=content/reports/roads-2020.md,line=10,col=26::the link \"/reports/custody-2032/\" goes to no page (did you mean \"/reports/custody-2023/\"?)",
            "::error file=content/reports/roads-2020.md,line=12,col=28::the link \"/reports/custody-2023/#finding-r9\" points to \"#finding-r9\", but the page /pfcc/hmicfrs/reports/custody-2023/ has no such anchor (did you mean \"#finding-r1\"?)",
            "::error file=content/reports/roads-2020.md,line=12,col=79::the link \"/reports/draft-report/\" goes to a draft, which is not published (publish it first (remove `draft = true`), or remove the link)",
            "::error file=content/reports/roads-2020.md,line=16,col=19::the link \"#nowhere\" points to \"#nowhere\", but this page has no such anchor (link to a heading by its id: \"## Next steps\" has the id \"next-steps\")",
            "::error file=content/reports/roads-2020.md,line=16,col=54::the link \"/files/notes.pdf\" goes to a file that no response attaches, so it is not published (attach it to a response: [[attachments]] with file = \"files/notes.pdf\")",
        ]
    );
}

#[test]
fn a_link_to_a_draft_works_when_drafts_are_checked() {
    let site = TestSite::copy_of("minimal");
    let report = site.read("content/reports/roads-2020.md");
    site.write(
        "content/reports/roads-2020.md",
        format!("{report}\nSee [the draft](/reports/draft-report/).\n"),
    );
    let run = site.check(&[]);
    assert!(run.stderr.contains("goes to a draft"), "{}", run.stderr);
    assert!(site.check(&["--drafts"]).success);
}

/// Checks the `minimal` fixture with `link` (Markdown) written into a finding of
/// `custody-2023`, shown on the report page and on the findings page: the one broken link must
/// be reported once, at `location` in the front matter, never against the theme.
fn check_a_finding_linking(link: &str, location: &str, message: &str, help: &str) {
    let site = TestSite::copy_of("minimal");
    let report = site.read("content/reports/custody-2023.md").replace(
        "should publish national custody data.",
        &format!("should publish {link}."),
    );
    site.write("content/reports/custody-2023.md", report);
    let run = site.check(&[]);
    assert!(!run.success);
    run.assert_diagnostic(location, message, help);
    assert_eq!(
        run.stderr.matches("goes to no page").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("themes/default"), "{}", run.stderr);
}

#[test]
fn a_broken_link_in_a_finding_is_found_in_the_front_matter() {
    check_a_finding_linking(
        "[national data](/data/archive.jsn)",
        "content/reports/custody-2023.md:30:74",
        "the link \"/data/archive.jsn\" goes to no page",
        "did you mean \"/data/archive.json\"?",
    );
}

#[test]
fn a_broken_link_the_renderer_encodes_is_still_found_where_it_was_written() {
    // The renderer writes "é" as %C3%A9: the findings page's link must still be traced to the
    // report's front matter.
    check_a_finding_linking(
        "[the data](/reports/données/)",
        "content/reports/custody-2023.md:30:69",
        "the link \"/reports/données/\" goes to no page",
        "did you mean \"/reports/roads-2020/\"?",
    );
}

#[test]
fn a_template_link_is_reported_against_the_theme() {
    let site = TestSite::copy_of("minimal").with_own_default_theme();
    let base = site.read("themes/default/templates/base.html");
    site.write(
        "themes/default/templates/base.html",
        base.replace("<main ", "<a href=\"/help/\">Help</a>\n<main "),
    );
    let run = site.check(&["--format", "github"]);
    assert!(!run.success);
    assert!(
        run.stderr.lines().any(|line| line.starts_with(
            "::error file=themes/default/templates::the link \"/help/\" on /pfcc/hmicfrs/404.html and "
        ) && line.contains("other pages goes outside the site, which is published under /pfcc/hmicfrs/")),
        "{}",
        run.stderr
    );
}

#[test]
fn an_attachment_that_is_not_what_its_name_says_is_an_error() {
    let site = TestSite::copy_of("minimal");
    site.write(
        "content/files/custody-letter.pdf",
        "Dear Home Secretary, ...",
    );
    let run = site.check(&[]);
    assert!(!run.success);
    run.assert_diagnostic(
        "content/responses/custody-2023-response.md:12:9",
        "the attachment \"files/custody-letter.pdf\" is not a PDF, though its name says it is",
        "save or export the document again in that format; renaming a file does not convert it",
    );
    site.write("content/files/custody-letter.pdf", "");
    let run = site.check(&[]);
    run.assert_diagnostic(
        "content/responses/custody-2023-response.md:12:9",
        "the attachment \"files/custody-letter.pdf\" is empty",
        "save the document again, or copy it again from where it came from",
    );
}

#[test]
fn a_drafts_attachment_is_checked_without_drafts() {
    // A draft's attachment is published with it, so it is checked in a plain `check` too, where
    // and as a published response's attachment is.
    let site = TestSite::copy_of("minimal");
    site.write(
        "content/responses/custody-2023-update.md",
        "+++\nreport = \"custody-2023\"\ndate = 2023-06-01\ndraft = true\n\n[[attachments]]\nfile = \"files/update.pdf\"\n+++\nText.\n",
    );
    site.write("content/files/update.pdf", "Dear Home Secretary, ...");
    for args in [&[][..], &["--drafts"][..]] {
        let run = site.check(args);
        assert!(!run.success, "{args:?}");
        run.assert_diagnostic(
            "content/responses/custody-2023-update.md:7:9",
            "the attachment \"files/update.pdf\" is not a PDF, though its name says it is",
            "save or export the document again in that format; renaming a file does not convert it",
        );
    }
}

#[test]
fn the_real_archive_and_the_fixtures_have_no_broken_links() {
    for root in [
        Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        crate::support::fixture("minimal"),
    ] {
        for drafts in [&[][..], &["--drafts"][..]] {
            let output = scrutiny()
                .arg("check")
                .arg("--root")
                .arg(&root)
                .args(["--today", "2026-11-22"])
                .args(drafts)
                .output()
                .expect("run scrutiny check");
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(output.status.success(), "{}: {stderr}", root.display());
            assert!(!stderr.contains("the link"), "{}: {stderr}", root.display());
        }
    }
}

#[test]
fn links_are_checked_even_when_other_documents_have_errors() {
    let site = site_with_broken_links();
    site.write(
        "content/pages/about.md",
        "+++\ntitle = \"About this archive\"\nupdated = \"last week\"\n+++\nAbout.\n",
    );
    let run = site.check(&[]);
    assert!(!run.success, "{}", run.stderr);
    // The page's own error...
    assert!(
        run.stderr.contains("--> content/pages/about.md:3:"),
        "{}",
        run.stderr
    );
    // ...and, in the same run, the broken links of the documents that passed their checks.
    run.assert_diagnostic(
        "content/reports/roads-2020.md:10:26",
        "the link \"/reports/custody-2032/\" goes to no page",
        "did you mean \"/reports/custody-2023/\"?",
    );
    // A link to the page with errors is not judged: its own error says what is wrong.
    assert!(
        !run.stderr.contains("the link \"/about/\""),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("6 errors and 0 warnings"),
        "{}",
        run.stderr
    );
}
