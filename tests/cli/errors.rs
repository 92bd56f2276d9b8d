//! One broken site per kind of error: each must name the file, line and column, say what was
//! expected, and suggest a fix where one exists. All errors are reported in one run.

use crate::support::TestSite;

const GOOD_REPORT: &str = "+++\ntitle = \"A report\"\npublished = 2023-03-08\ntype = \"force\"\nthemes = [\"custody\"]\nsummary = \"S.\"\n\n[[findings]]\nid = \"R1\"\nkind = \"recommendation\"\ntext = \"Do it.\"\n+++\nBody.\n";

fn broken_report(front_matter: &str) -> crate::support::Run {
    let site = TestSite::copy_of("minimal");
    site.write(
        "content/reports/broken.md",
        format!("+++\n{front_matter}+++\nBody.\n"),
    );
    let run = site.check(&[]);
    assert!(!run.success, "check must fail:\n{}", run.stderr);
    run
}

#[test]
fn unknown_key_suggests_the_nearest_field() {
    let run = broken_report(
        "titel = \"A\"\npublished = 2023-03-08\ntype = \"force\"\nthemes = [\"custody\"]\n",
    );
    run.assert_diagnostic(
        "content/reports/broken.md:2:1",
        "unknown field `titel` in a report",
        "did you mean `title`?",
    );
    assert!(
        !run.stderr.contains("missing the field `title`"),
        "{}",
        run.stderr
    );
}

#[test]
fn wrong_type_says_what_was_expected() {
    let run = broken_report(
        "title = 42\npublished = 2023-03-08\ntype = \"force\"\nthemes = \"custody\"\n",
    );
    run.assert_diagnostic(
        "content/reports/broken.md:2:9",
        "`title` must be text in quotes, found the number 42",
        "write it like: title = \"...\"",
    );
    run.assert_diagnostic(
        "content/reports/broken.md:5:10",
        "`themes` must be a list",
        "put the value in square brackets: themes = [\"custody\"]",
    );
}

#[test]
fn impossible_and_quoted_dates() {
    let run = broken_report(
        "title = \"A\"\npublished = 2023-02-29\ntype = \"force\"\nthemes = [\"custody\"]\n",
    );
    run.assert_diagnostic(
        "content/reports/broken.md:3:13",
        "this is not a valid date: expected day between 01 and 28",
        "write a date as YYYY-MM-DD, for example 2023-05-02",
    );
    let run = broken_report(
        "title = \"A\"\npublished = \"2023-03-08\"\ntype = \"force\"\nthemes = [\"custody\"]\n",
    );
    run.assert_diagnostic(
        "content/reports/broken.md:3:13",
        "`published` is a date written in quotes",
        "remove the quotes: published = 2023-03-08",
    );
}

#[test]
fn unknown_enum_value_suggests_the_nearest() {
    let run = broken_report(
        "title = \"A\"\npublished = 2023-03-08\ntype = \"nationl-thematic\"\nthemes = [\"custody\"]\n",
    );
    run.assert_diagnostic(
        "content/reports/broken.md:4:8",
        "`type` has the unknown value \"nationl-thematic\"",
        "did you mean \"national-thematic\"?",
    );
}

#[test]
fn unknown_theme_suggests_the_nearest() {
    let run = broken_report(
        "title = \"A\"\npublished = 2023-03-08\ntype = \"force\"\nthemes = [\"custdy\"]\n",
    );
    run.assert_diagnostic(
        "content/reports/broken.md:5:11",
        "there is no theme \"custdy\"",
        "did you mean \"custody\"?",
    );
}

#[test]
fn duplicate_finding_id_points_at_the_second() {
    let run = broken_report(
        "title = \"A\"\npublished = 2023-03-08\ntype = \"force\"\nthemes = [\"custody\"]\n\
         [[findings]]\nid = \"R1\"\nkind = \"recommendation\"\ntext = \"a\"\n\
         [[findings]]\nid = \"R1\"\nkind = \"recommendation\"\ntext = \"b\"\n",
    );
    run.assert_diagnostic(
        "content/reports/broken.md:11:6",
        "the finding id \"R1\" is used twice in this report",
        "it was first used on line 7; each finding needs its own id",
    );
}

#[test]
fn response_naming_a_missing_report() {
    let site = TestSite::copy_of("minimal");
    site.write(
        "content/responses/x.md",
        "+++\nreport = \"custody-2032\"\ndate = 2023-05-02\n+++\nText.\n",
    );
    let run = site.check(&[]);
    assert!(!run.success);
    run.assert_diagnostic(
        "content/responses/x.md:2:10",
        "there is no report \"custody-2032\"",
        "did you mean \"custody-2023\"?",
    );
}

#[test]
fn addresses_naming_no_finding() {
    let site = TestSite::copy_of("minimal");
    site.write(
        "content/responses/x.md",
        "+++\nreport = \"custody-2023\"\ndate = 2023-05-02\naddresses = [\"R9\", \"afi1\"]\n+++\nText.\n",
    );
    let run = site.check(&[]);
    assert!(!run.success);
    run.assert_diagnostic(
        "content/responses/x.md:4:14",
        "`addresses` names the finding \"R9\", which the report does not have",
        "the report's findings are \"R1\", \"R2\", \"AFI1\"",
    );
    run.assert_diagnostic(
        "content/responses/x.md:4:20",
        "`addresses` names the finding \"afi1\"",
        "did you mean \"AFI1\"? ids are case-sensitive",
    );
}

#[test]
fn bad_slug_suggests_a_file_name() {
    let site = TestSite::copy_of("minimal");
    site.write(
        "content/reports/Custody Report.md",
        crate::errors::GOOD_REPORT,
    );
    let run = site.check(&[]);
    assert!(!run.success);
    assert!(
        run.stderr
            .contains("error: the file name `Custody Report` is not a valid slug"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("rename it to content/reports/custody-report.md"),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_and_unclosed_front_matter() {
    let site = TestSite::copy_of("minimal");
    site.write("content/reports/no-block.md", "title = \"A\"\n");
    site.write("content/reports/unclosed.md", "+++\ntitle = \"A\"\n");
    site.write("content/reports/yaml.md", "---\ntitle: A\n---\n");
    let run = site.check(&[]);
    assert!(!run.success);
    run.assert_diagnostic(
        "content/reports/no-block.md:1:1",
        "expected the file to start with a +++ front matter block",
        "start the file with a line containing only +++",
    );
    run.assert_diagnostic(
        "content/reports/unclosed.md:1:1",
        "the front matter is never closed",
        "add a line containing only +++",
    );
    run.assert_diagnostic(
        "content/reports/yaml.md:1:1",
        "expected the file to start with a +++ front matter block",
        "front matter is TOML between two lines of +++, not YAML",
    );
}

#[test]
fn empty_file_and_invalid_utf8() {
    let site = TestSite::copy_of("minimal");
    site.write("content/pages/empty.md", "");
    site.write(
        "content/pages/latin1.md",
        b"+++\ntitle = \"Caf\xe9\"\n+++\n".as_slice(),
    );
    let run = site.check(&[]);
    assert!(!run.success);
    run.assert_diagnostic(
        "content/pages/empty.md:1:1",
        "this file is empty",
        "start it with a +++ front matter block",
    );
    run.assert_diagnostic(
        "content/pages/latin1.md:2:13",
        "this file is not valid UTF-8 text",
        "save the file with UTF-8 encoding",
    );
}

#[test]
fn attachments_missing_or_outside_content() {
    let site = TestSite::copy_of("minimal");
    site.write(
        "content/responses/x.md",
        "+++\nreport = \"custody-2023\"\ndate = 2023-05-02\n\n[[attachments]]\nfile = \"files/custody-leter.pdf\"\n\n\
         [[attachments]]\nfile = \"../config.toml\"\n+++\nText.\n",
    );
    let run = site.check(&[]);
    assert!(!run.success);
    run.assert_diagnostic(
        "content/responses/x.md:6:8",
        "the attachment \"files/custody-leter.pdf\" does not exist",
        "did you mean \"files/custody-letter.pdf\"?",
    );
    run.assert_diagnostic(
        "content/responses/x.md:9:8",
        "the attachment \"../config.toml\" is outside content/",
        "put the file in content/files/",
    );
}

#[cfg(unix)]
#[test]
fn attachment_linking_outside_content_is_refused() {
    let site = TestSite::copy_of("minimal");
    std::os::unix::fs::symlink(
        site.path("config.toml"),
        site.path("content/files/secret.pdf"),
    )
    .expect("symlink");
    site.write(
        "content/responses/x.md",
        "+++\nreport = \"custody-2023\"\ndate = 2023-05-02\n[[attachments]]\nfile = \"files/secret.pdf\"\n+++\nText.\n",
    );
    let run = site.check(&[]);
    assert!(!run.success);
    run.assert_diagnostic(
        "content/responses/x.md:5:8",
        "the attachment \"files/secret.pdf\" is a link to a file outside content/",
        "copy the file itself into content/files/",
    );
}

#[test]
fn dates_before_the_report_are_errors() {
    let site = TestSite::copy_of("minimal");
    site.write(
        "content/responses/x.md",
        "+++\nreport = \"custody-2023\"\ndate = 2023-03-01\n+++\nText.\n",
    );
    site.write(
        "content/reports/updated.md",
        "+++\ntitle = \"A\"\npublished = 2023-03-08\ntype = \"force\"\nthemes = [\"custody\"]\n\
         [[findings]]\nid = \"R1\"\nkind = \"recommendation\"\ntext = \"a\"\n\
         [[findings.updates]]\ndate = 2023-01-01\nstatus = \"open\"\n+++\n",
    );
    let run = site.check(&[]);
    assert!(!run.success);
    run.assert_diagnostic(
        "content/responses/x.md:3:8",
        "this response is dated 1 March 2023, before the report \"custody-2023\" was published on 8 March 2023",
        "check the date on the letter",
    );
    run.assert_diagnostic(
        "content/reports/updated.md:11:8",
        "this update is dated 1 January 2023, before the report was published on 8 March 2023",
        "check the year and month",
    );
}

#[test]
fn toml_syntax_errors_point_into_the_file() {
    let run = broken_report("title = \"A\npublished = 2023-03-08\n");
    assert!(
        run.stderr.contains("this is not valid TOML"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> content/reports/broken.md:2:"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_config_is_reported_with_its_line() {
    let site = TestSite::copy_of("minimal");
    let config = site
        .read("config.toml")
        .replace("language = \"en-GB\"", "langauge = \"en-GB\"");
    site.write("config.toml", config);
    let run = site.check(&[]);
    assert!(!run.success);
    run.assert_diagnostic(
        "config.toml:3:1",
        "unknown field `langauge` in a site configuration",
        "did you mean `language`?",
    );
}

#[test]
fn every_error_in_every_file_is_reported_in_one_run() {
    let site = TestSite::copy_of("minimal");
    site.write("content/reports/a.md", "+++\ntitle = \"A\"\npublished = 2023-03-08\ntype = \"forse\"\nthemes = [\"nope\"]\nsumary = \"x\"\n+++\n");
    site.write(
        "content/responses/b.md",
        "+++\nreport = \"zzz\"\ndate = 2023-13-01\n+++\n",
    );
    let run = site.check(&[]);
    assert!(!run.success);
    for location in [
        "content/reports/a.md:4:8",
        "content/reports/a.md:5:11",
        "content/reports/a.md:6:1",
        "content/responses/b.md:2:10",
        "content/responses/b.md:3:8",
    ] {
        assert!(
            run.stderr.contains(&format!("--> {location}\n")),
            "missing {location} in:\n{}",
            run.stderr
        );
    }
    assert!(run.stderr.contains("5 errors"), "{}", run.stderr);
}

#[test]
fn windows_line_endings_and_byte_order_marks_load() {
    let site = TestSite::copy_of("minimal");
    let report = format!(
        "\u{feff}{}",
        crate::errors::GOOD_REPORT.replace('\n', "\r\n")
    );
    site.write("content/reports/windows.md", report);
    let broken = "\u{feff}+++\r\ntitle = \"A\"\r\npublished = 2023-03-08\r\ntype = \"forse\"\r\nthemes = [\"custody\"]\r\n+++\r\n";
    site.write("content/reports/windows-broken.md", broken);
    let run = site.check(&[]);
    // Only the planted typo: the CRLF + BOM file itself loads, and positions stay right.
    run.assert_diagnostic(
        "content/reports/windows-broken.md:4:8",
        "`type` has the unknown value \"forse\"",
        "did you mean \"force\"?",
    );
    assert!(run.stderr.contains("1 error"), "{}", run.stderr);
    site.write(
        "content/reports/windows-broken.md",
        broken.replace("forse", "force"),
    );
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    assert!(
        site.read("public/reports/windows/index.html")
            .contains("A report")
    );
}

#[test]
fn github_annotations_for_ci() {
    let site = TestSite::copy_of("minimal");
    site.write(
        "content/responses/x.md",
        "+++\nreport = \"custody-2032\"\n+++\nText.\n",
    );
    let run = site.check(&["--format", "github"]);
    assert!(!run.success);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines,
        vec![
            "::error file=content/responses/x.md,line=2,col=10::there is no report \"custody-2032\" (did you mean \"custody-2023\"?)",
            "::warning file=content/responses/x.md,line=3,col=1::this response has no date, so whether it was on time is unknown (add the date on the letter, as date = YYYY-MM-DD, or the date it went online: published = YYYY-MM-DD)",
        ]
    );
}

#[test]
fn strict_turns_warnings_into_errors() {
    let site = TestSite::copy_of("minimal");
    site.write(
        "content/responses/x.md",
        "+++\nreport = \"custody-2023\"\n+++\nText.\n",
    );
    assert!(site.check(&[]).success);
    let strict = site.check(&["--strict"]);
    assert!(!strict.success);
    assert!(
        strict.stderr.contains("error: this response has no date"),
        "{}",
        strict.stderr
    );
}

#[test]
fn unexplained_recommendation_is_a_warning() {
    let site = TestSite::copy_of("minimal");
    let response = site
        .read("content/responses/custody-2023-response.md")
        .replace("addresses = [\"R1\"]", "addresses = []");
    site.write("content/responses/custody-2023-response.md", response);
    let run = site.check(&[]);
    assert!(run.success, "{}", run.stderr);
    run.assert_diagnostic(
        "content/reports/custody-2023.md:10:6",
        "recommendation \"R1\" applies to the force, but no response explains what is being done about it (s.55(5B))",
        "add \"R1\" to `addresses` in content/responses/custody-2023-response.md",
    );
}

#[test]
fn due_dates_in_another_form_show_the_three_accepted() {
    let finding = "[[findings]]\nid = \"R1\"\nkind = \"recommendation\"\ntext = \"a\"\n";
    let run = broken_report(&format!(
        "title = \"A\"\npublished = 2023-03-08\ntype = \"force\"\nthemes = [\"custody\"]\n\
         {finding}due = \"March 2024\"\n"
    ));
    run.assert_diagnostic(
        "content/reports/broken.md:10:7",
        "`due` must be a day, a month or a period, found \"March 2024\"",
        "write due = 2024-03-31, due = \"2024-03\" (the end of that month) or \
         due = \"6 months\" / \"90 days\" (after the report's publication)",
    );
    let run = broken_report(&format!(
        "title = \"A\"\npublished = 2023-03-08\ntype = \"force\"\nthemes = [\"custody\"]\n\
         {finding}due = 6\n"
    ));
    run.assert_diagnostic(
        "content/reports/broken.md:10:7",
        "`due` must be a day, a month or a period, found the number 6",
        "write due = 2024-03-31, due = \"2024-03\" (the end of that month) or \
         due = \"6 months\" / \"90 days\" (after the report's publication)",
    );
}

#[test]
fn a_due_period_needs_the_report_published() {
    let run = broken_report(
        "title = \"A\"\ntype = \"force\"\nthemes = [\"custody\"]\n\
         [[findings]]\nid = \"R1\"\nkind = \"recommendation\"\ntext = \"a\"\ndue = \"6 months\"\n",
    );
    run.assert_diagnostic(
        "content/reports/broken.md:9:7",
        "`due = \"6 months\"` counts from the report's `published` date, and this report has none",
        "add the report's publication date (published = YYYY-MM-DD)",
    );
}

/// A response dated as a letter is: `date = {written}`, checked alone.
fn response_dated(written: &str) -> crate::support::Run {
    let site = TestSite::copy_of("minimal");
    site.write(
        "content/responses/x.md",
        format!("+++\nreport = \"custody-2023\"\ndate = {written}\nauthor = \"A\"\n+++\nText.\n"),
    );
    let run = site.check(&[]);
    assert!(!run.success, "check must fail:\n{}", run.stderr);
    run
}

#[test]
fn a_date_in_words_is_one_error_with_the_exact_fix() {
    for words in [
        "1 September 2023",
        "1st September 2023",
        "September 1, 2023",
        "01/09/2023",
        "2023/09/01",
    ] {
        for written in [words.to_string(), format!("\"{words}\"")] {
            let run = response_dated(&written);
            run.assert_diagnostic(
                "content/responses/x.md:3:8",
                &format!("`date` must be written YYYY-MM-DD, found \"{words}\""),
                "write it as date = 2023-09-01 (YYYY-MM-DD, no quotes)",
            );
            assert_eq!(
                run.stderr.matches("error:").count(),
                1,
                "{written}: one error, no cascade:\n{}",
                run.stderr
            );
            assert!(
                !run.stderr.contains("has no date"),
                "{written}: the date is there, only malformed:\n{}",
                run.stderr
            );
        }
    }
}

#[test]
fn a_date_in_words_in_a_report_is_one_error_too() {
    let site = TestSite::copy_of("minimal");
    let report = site
        .read("content/reports/custody-2023.md")
        .replace("published = 2023-03-08", "published = 8 March 2023");
    site.write("content/reports/custody-2023.md", report);
    let run = site.check(&[]);
    assert!(!run.success, "{}", run.stderr);
    run.assert_diagnostic(
        "content/reports/custody-2023.md:3:13",
        "`published` must be written YYYY-MM-DD, found \"8 March 2023\"",
        "write it as published = 2023-03-08 (YYYY-MM-DD, no quotes)",
    );
    assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
}

#[test]
fn an_undated_response_is_told_where_the_date_goes_and_the_deadline() {
    let site = TestSite::copy_of("minimal");
    // HMICFRS published "roads-2020" on 15 July 2020: day 56 is 8 September 2020.
    site.write(
        "content/responses/x.md",
        "+++\nreport = \"roads-2020\"\nauthor = \"A\"\n+++\nText.\n",
    );
    let run = site.check(&[]);
    assert!(run.success, "{}", run.stderr);
    run.assert_diagnostic(
        "content/responses/x.md:3:1",
        "this response has no date, so whether it was on time is unknown",
        "add the date on the letter, such as date = 2020-09-08 (the report's deadline), or the date it went online: published = YYYY-MM-DD",
    );
}
