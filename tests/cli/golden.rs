//! Golden pages: whole pages of the minimal fixture, compared with reviewed snapshots in
//! tests/cli/snapshots/. After an intended change, run `INSTA_UPDATE=always cargo test` and review
//! the diff of the .snap files.

use crate::support::TestSite;

fn built() -> TestSite {
    let site = TestSite::copy_of("minimal");
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    site
}

#[test]
fn golden_pages() {
    let site = built();
    insta::assert_snapshot!(
        "report_page",
        site.read("public/reports/custody-2023/index.html")
    );
    insta::assert_snapshot!(
        "response_page",
        site.read("public/responses/custody-2023-response/index.html")
    );
    insta::assert_snapshot!("year_page", site.read("public/years/2023/index.html"));
    insta::assert_snapshot!("theme_page", site.read("public/themes/custody/index.html"));
}

/// The Welsh fixture's pages in both languages: a translated report and its English twin, and
/// an untranslated one in Welsh.
#[test]
fn golden_pages_in_two_languages() {
    let site = TestSite::copy_of("welsh");
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    insta::assert_snapshot!(
        "welsh_report_page",
        site.read("public/cy/reports/custody-2023/index.html")
    );
    insta::assert_snapshot!(
        "welsh_report_page_in_english",
        site.read("public/reports/custody-2023/index.html")
    );
    insta::assert_snapshot!(
        "welsh_untranslated_report_page",
        site.read("public/cy/reports/roads-2020/index.html")
    );
    insta::assert_snapshot!(
        "welsh_response_page",
        site.read("public/cy/responses/custody-2023-response/index.html")
    );
}
