//! A national site (`tests/fixtures/national`): five offices' open data, three of them the
//! archive.json of fixture sites, matched into one report per HMICFRS report; and every way a
//! source can be broken, each an error at the source's line that leaves `public/` untouched.

use std::fs;

use crate::support::{TestSite, fixture, tree};

/// The fixture sites whose open data the national fixture holds, and the file each becomes.
const ARCHIVES: &[(&str, &str)] = &[
    ("tests/fixtures/minimal", "testshire.json"),
    ("tests/fixtures/deadlines", "deadlines.json"),
    ("tests/site/fixture", "wealdshire.json"),
];

/// The national fixture's archives are its fixture sites' own open data, built on its day.
/// `UPDATE_NATIONAL_SOURCES=1` writes them again (after a change to archive.json).
#[test]
fn the_national_sources_are_the_fixture_sites_own_open_data() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (site, file) in ARCHIVES {
        let out = tempfile::tempdir().expect("a folder");
        let run = crate::support::scrutiny()
            .args(["build", "--today", "2024-11-01", "--root"])
            .arg(root.join(site))
            .arg("--output")
            .arg(out.path().join("public"))
            .output()
            .expect("run scrutiny");
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let built = fs::read_to_string(out.path().join("public/data/archive.json")).expect("json");
        let kept = fixture("national").join("sources").join(file);
        if std::env::var_os("UPDATE_NATIONAL_SOURCES").is_some() {
            fs::write(&kept, &built).expect("write");
        }
        let kept = fs::read_to_string(&kept).unwrap_or_default();
        assert!(
            kept == built,
            "tests/fixtures/national/sources/{file} is not {site}'s archive.json: \
             run UPDATE_NATIONAL_SOURCES=1 cargo test --test cli national"
        );
    }
}

fn built() -> (TestSite, serde_json::Value) {
    let site = TestSite::copy_of("national");
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let json = serde_json::from_str(&site.read("public/data/archive.json")).expect("json");
    (site, json)
}

#[test]
fn a_national_site_builds_from_its_sources() {
    let (site, _) = built();
    // Its own pages, and one per body.
    for page in [
        "public/bodies/index.html",
        "public/bodies/testshire/index.html",
        "public/bodies/kent/index.html",
    ] {
        assert!(site.path(page).is_file(), "{page}");
    }
}

/// Copies the national fixture, writes `file`, and builds it: an error that writes nothing.
fn broken(file: &str, text: &str) -> (TestSite, crate::support::Run) {
    let site = TestSite::copy_of("national");
    // A previous build, which a failed one must leave as it was.
    let first = site.build(&[]);
    assert!(first.success, "{}", first.stderr);
    let before = tree(&site.path("public"));
    site.write(file, text);
    let run = site.build(&[]);
    assert!(!run.success, "a broken source must fail the build");
    assert_eq!(tree(&site.path("public")), before, "public/ was touched");
    (site, run)
}

const HEADER: &str = "report_url,report_title,report_published,response_date,response_url\n";

#[test]
fn a_source_that_is_not_json_is_an_error_at_its_line_and_column() {
    let (_, run) = broken("sources/deadlines.json", "{\n  \"site\": {,\n}\n");
    run.assert_diagnostic(
        "sources/deadlines.json:2:12",
        "this source is not a usable archive.json: key must be a string",
        "a source must be the data/archive.json a scrutiny site publishes",
    );
}

#[test]
fn an_archive_without_a_field_or_with_a_bad_date_or_address_is_an_error() {
    let good =
        fs::read_to_string(fixture("national").join("sources/testshire.json")).expect("json");
    let no_site = good.replacen("\"site\"", "\"sight\"", 1);
    let (_, run) = broken("sources/testshire.json", &no_site);
    assert!(
        run.stderr.contains("missing field `site`"),
        "{}",
        run.stderr
    );

    let bad_date = good.replacen(
        "\"published\": \"2023-03-08\"",
        "\"published\": \"2023-02-30\"",
        1,
    );
    assert_ne!(bad_date, good);
    let (_, run) = broken("sources/testshire.json", &bad_date);
    assert!(
        run.stderr.contains("bad date \"2023-02-30\""),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> sources/testshire.json:14:31"),
        "{}",
        run.stderr
    );

    let script = good.replacen(
        "\"page_url\": \"https://",
        "\"page_url\": \"javascript://",
        1,
    );
    let (_, run) = broken("sources/testshire.json", &script);
    assert!(
        run.stderr.contains("must start with https:// or http://"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_bad_row_of_a_csv_is_an_error_at_its_line() {
    let text = format!(
        "{HEADER},Roads policing: not optional,2020-07-15,2020-09-01,https://kent.example/r/\n\
         ,A,15/07/2020,2020-09-01,https://kent.example/r/\n\
         ,B,2020-07-15,2020-09-01,data:text/html,x\n"
    );
    let (_, run) = broken("sources/kent.csv", &text);
    run.assert_diagnostic(
        "sources/kent.csv:3:1",
        "`report_published`: bad date \"15/07/2020\"",
        "write dates as YYYY-MM-DD",
    );
    run.assert_diagnostic(
        "sources/kent.csv:4:1",
        "this row has 6 cells; a responses CSV has 5",
        "each row needs five cells",
    );
}

#[test]
fn a_missing_or_oversized_source_is_an_error_at_its_path_in_config() {
    let site = TestSite::copy_of("national");
    fs::remove_file(site.path("sources/kent.csv")).expect("remove");
    let run = site.build(&[]);
    assert!(!run.success);
    assert!(!site.path("public").exists(), "nothing is written");
    assert!(
        run.stderr
            .contains("the source file \"sources/kent.csv\" cannot be read"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> config.toml:31:17"),
        "{}",
        run.stderr
    );

    let file = fs::File::create(site.path("sources/kent.csv")).expect("create");
    file.set_len(50 * 1024 * 1024 + 1).expect("grow");
    let run = site.build(&[]);
    assert!(
        run.stderr
            .contains("is 51 MB, over the limit of 50 MB for a source"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_source_path_out_of_the_site_is_refused() {
    let site = TestSite::copy_of("national");
    let config = site
        .read("config.toml")
        .replace("sources/kent.csv", "../kent.csv");
    site.write("config.toml", config);
    let run = site.build(&[]);
    assert!(!run.success);
    assert!(
        run.stderr
            .contains("must be a path inside the site's folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn two_sources_with_one_key_or_none_with_a_file_are_errors() {
    let site = TestSite::copy_of("national");
    let config = site
        .read("config.toml")
        .replace("key = \"surrey\"", "key = \"kent\"");
    let config = config.replace("archive = \"sources/deadlines.json\"\n", "");
    site.write("config.toml", config);
    let run = site.build(&[]);
    assert!(!run.success);
    assert!(!site.path("public").exists());
    run.assert_diagnostic(
        "config.toml:33:7",
        "two sources have the key `kent` (the first on line 28)",
        "give each source its own key",
    );
    run.assert_diagnostic(
        "config.toml:18:1",
        "a source needs `archive` or `responses_csv`",
        "add archive = \"sources/KEY.json\"",
    );
}

#[test]
fn check_warns_of_one_address_with_two_dates_naming_both_sources() {
    let site = TestSite::copy_of("national");
    let kent = site.read("sources/kent.csv").replace(
        "national inspection,2024-06-01",
        "national inspection,2024-06-02",
    );
    site.write("sources/kent.csv", kent);
    let run = site.check(&[]);
    assert!(run.success, "a warning only: {}", run.stderr);
    assert!(
        run.stderr.contains(
            "sources/kent.csv (line 3) says the report at justiceinspectorates.gov.uk/hmicfrs/\
             publications/police-response-to-stalking-and-harassment-2024 was published on \
             2024-06-02, but sources/wealdshire.json says 2024-06-01"
        ),
        "{}",
        run.stderr
    );
}

/// A page's main text, its tags taken out and its spaces collapsed.
fn main_text(site: &TestSite, page: &str) -> String {
    let html = site.read(page);
    let start = html.find("<main").expect("a main element");
    let end = html.find("</main>").expect("its end");
    let mut text = String::new();
    let mut in_tag = false;
    for c in html[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Worked out by hand for 1 November 2024. "Roads policing: not optional" (15 July 2020, a
/// national thematic police report, deadline 8 September 2020) is in Testshire's archive with
/// no address and in Kent's CSV by title and date: expected of all five police bodies.
#[test]
fn a_report_page_lists_every_expected_body_with_its_day_and_status() {
    let (site, _) = built();
    let text = main_text(&site, "public/reports/roads-2020/index.html");
    assert!(
        text.contains("2 of 5 bodies have published a response"),
        "{text}"
    );
    let rows = [
        "Kent Police and Crime Commissioner 1 September 2020 day 49 of 56 On time",
        "Police and Crime Commissioner for Testshire 20 February 2021 day 221 (deadline day 56) Late by 165 days",
        "Police, Fire and Crime Commissioner for Deadlineshire No response yet – Overdue by 1515 days",
        "Police, Fire and Crime Commissioner for Wealdshire No response yet – Overdue by 1515 days",
        "Surrey Police and Crime Commissioner No response yet – Overdue by 1515 days",
    ];
    let mut at = 0;
    for row in rows {
        let found = text[at..]
            .find(row)
            .unwrap_or_else(|| panic!("{row} in order in {text}"));
        at += found + row.len();
    }
    // Each response links to its page on the body's own site.
    let html = site.read("public/reports/roads-2020/index.html");
    assert!(html.contains("href=\"https://www.kent-pcc.example/responses/roads-policing/\""));
    assert!(
        html.contains("href=\"https://example.org/pfcc/hmicfrs/responses/roads-2020-response/\"")
    );
    assert!(html.contains("href=\"/national/bodies/kent/\""));
}

/// The stalking report is at `www.justiceinspectorates.gov.uk/hmicfrs/...` in Wealdshire's
/// archive and at `hmicfrs.justiceinspectorates.gov.uk/...` in Kent's CSV: one report.
#[test]
fn the_other_form_of_an_hmicfrs_address_is_the_same_report() {
    let (site, _) = built();
    let text = main_text(&site, "public/reports/stalking-harassment/index.html");
    assert!(
        text.contains("1 of 5 bodies have published a response"),
        "{text}"
    );
    assert!(
        text.contains("15 August 2024 day 76 (deadline day 56) Late by 20 days"),
        "{text}"
    );
}

#[test]
fn bodies_page_gives_each_body_its_record_overall_and_by_year() {
    let (site, _) = built();
    let text = main_text(&site, "public/bodies/index.html");
    // Name, reports expected, responses, on-time rate, median day, overdue now; by name.
    for row in [
        "Kent Police and Crime Commissioner 3 2 50% 49 1",
        "Police and Crime Commissioner for Testshire 4 2 50% 56 2",
        "Surrey Police and Crime Commissioner 4 1 100% 44 3",
    ] {
        assert!(text.contains(row), "{row} in {text}");
    }
    assert!(text.find("Kent").expect("kent") < text.find("Surrey").expect("surrey"));
    // By year: 2024, 2023, 2020, 2017 columns.
    assert!(
        text.contains("Body 2024 2023 2020 2017 Every body 80% 42% 50% –"),
        "{text}"
    );
    assert!(
        text.contains("Kent Police and Crime Commissioner 0% – 100% –"),
        "{text}"
    );
    let kent = main_text(&site, "public/bodies/kent/index.html");
    assert!(
        kent.contains("2 responses to 3 reports; 50% on time; 1 overdue now."),
        "{kent}"
    );
    assert!(kent.contains("2024 0 1 1 0%"), "{kent}");
    // The home page gives the national rate.
    let home = main_text(&site, "public/index.html");
    assert!(
        home.contains("53% of the 19 responses published by the 5 bodies were on time"),
        "{home}"
    );
}

#[test]
fn hostile_strings_in_a_source_are_inert() {
    let site = TestSite::copy_of("national");
    site.write(
        "sources/kent.csv",
        format!(
            "{HEADER},\"<script>alert(1)</script> \"\"quoted\"\" & =cmd\",2020-07-15,2020-09-01,https://kent.example/\"><script>x</script>\n"
        ),
    );
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    for page in crate::support::tree(&site.path("public")).keys() {
        if page.ends_with(".html") {
            let html = site.read(&format!("public/{page}"));
            assert!(!html.contains("<script>alert"), "{page}");
            assert!(!html.contains("<script>x"), "{page}");
        }
    }
    let report = site.read("public/reports/script-alert-1-script-quoted-cmd/index.html");
    assert!(
        report.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{report}"
    );
}

/// The national `archive.json`, field by field: the sources' reports beside the site's own (it
/// has none), each expected body's status, and every source's response with its body.
#[test]
fn national_archive_json_has_the_sources_reports_and_responses_with_their_bodies() {
    let (_, json) = built();
    assert_eq!(json["site"]["base_url"], "https://example.org/national/");
    let reports = json["reports"].as_array().expect("reports");
    let roads = reports
        .iter()
        .find(|r| r["slug"] == "roads-2020")
        .expect("the roads policing report");
    let expected_roads = serde_json::json!({
        "slug": "roads-2020",
        "title": "Roads policing: not optional",
        "published": "2020-07-15",
        "type": "national-thematic",
        "sector": "police",
        "themes": [],
        "url": null,
        "page_url": "https://example.org/national/reports/roads-2020/",
        "deadline": "2020-09-08",
        "response_status": null,
        "days_late": null,
        "days_left": null,
        "responses": [],
        "grades": [],
        "findings": [],
        "bodies": [
            {"body": "testshire", "response_status": "late", "days_late": 165, "days_left": null,
             "day": 221, "response_page_url": "https://example.org/pfcc/hmicfrs/responses/roads-2020-response/"},
            {"body": "deadlines", "response_status": "overdue", "days_late": null, "days_left": null,
             "day": null, "response_page_url": null},
            {"body": "wealdshire", "response_status": "overdue", "days_late": null, "days_left": null,
             "day": null, "response_page_url": null},
            {"body": "kent", "response_status": "on-time", "days_late": null, "days_left": null,
             "day": 49, "response_page_url": "https://www.kent-pcc.example/responses/roads-policing/"},
            {"body": "surrey", "response_status": "overdue", "days_late": null, "days_left": null,
             "day": null, "response_page_url": null},
        ],
    });
    assert_eq!(roads, &expected_roads);
    // Every report is there once, newest first.
    let published: Vec<&str> = reports
        .iter()
        .map(|r| r["published"].as_str().expect("a date"))
        .collect();
    let mut sorted = published.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(published, sorted);

    let responses = json["responses"].as_array().expect("responses");
    assert!(
        responses.iter().all(|r| r["body"].is_string()),
        "every response has its body"
    );
    let kent: Vec<&serde_json::Value> = responses.iter().filter(|r| r["body"] == "kent").collect();
    assert_eq!(kent.len(), 2, "{kent:?}");
    let roads_response = serde_json::json!({
        "slug": null,
        "reports": ["roads-2020"],
        "date": "2020-09-01",
        "published": null,
        "url": "https://www.kent-pcc.example/responses/roads-policing/",
        "page_url": "https://www.kent-pcc.example/responses/roads-policing/",
        "body": "kent",
    });
    assert!(kent.contains(&&roads_response), "{kent:?}");
    // Every response of every source: Testshire 2, Deadlineshire 13, Wealdshire 6, Kent 2,
    // Surrey 1 (a letter answering two reports counts once for each).
    assert_eq!(responses.len(), 24, "{responses:?}");
    let count = |key: &str| responses.iter().filter(|r| r["body"] == key).count();
    assert_eq!(
        [
            count("testshire"),
            count("deadlines"),
            count("wealdshire"),
            count("kent"),
            count("surrey")
        ],
        [2, 13, 6, 2, 1]
    );
}

#[test]
fn national_csvs_carry_the_body_and_every_expected_response() {
    let (site, _) = built();
    let responses = site.read("public/data/responses.csv");
    assert!(
        responses.starts_with("slug,reports,date,published,url,body\n"),
        "{responses}"
    );
    assert!(
        responses.contains(
            "\n,roads-2020,2020-09-01,,https://www.kent-pcc.example/responses/roads-policing/,kent\n"
        ),
        "{responses}"
    );
    let reports = site.read("public/data/reports.csv");
    assert!(
        reports.contains(
            "\nroads-2020,Roads policing: not optional,2020-07-15,national-thematic,police,,,2020-09-08,,,,\n"
        ),
        "{reports}"
    );
    let expected = site.read("public/data/expected.csv");
    assert!(
        expected.starts_with(
            "report,body,deadline,response_status,days_late,days_left,day,response_date,response_page_url\n"
        ),
        "{expected}"
    );
    for row in [
        "roads-2020,testshire,2020-09-08,late,165,,221,2021-02-20,https://example.org/pfcc/hmicfrs/responses/roads-2020-response/",
        "roads-2020,deadlines,2020-09-08,overdue,,,,,",
        "roads-2020,kent,2020-09-08,on-time,,,49,2020-09-01,https://www.kent-pcc.example/responses/roads-policing/",
    ] {
        assert!(
            expected.contains(&format!("\n{row}\n")),
            "{row} in {expected}"
        );
    }
    // One row per expected body of every report: as many as the report pages list.
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/data/archive.json")).expect("json");
    let expected_rows: usize = json["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .map(|r| r["bodies"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(expected.lines().count(), 1 + expected_rows);
}

/// An office's own open data is as it was: no body, no `bodies`, no expected.csv.
#[test]
fn an_offices_own_open_data_has_no_national_fields() {
    let site = TestSite::copy_of("minimal");
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    let json = site.read("public/data/archive.json");
    assert!(!json.contains("\"body\""), "{json}");
    assert!(!json.contains("\"bodies\""), "{json}");
    assert!(!site.path("public/data/expected.csv").exists());
    assert!(
        site.read("public/data/responses.csv")
            .starts_with("slug,reports,date,published,url\n")
    );
}

#[test]
fn hostile_strings_in_a_source_are_escaped_in_the_open_data_as_content_is() {
    let site = TestSite::copy_of("national");
    site.write(
        "sources/kent.csv",
        format!(
            "{HEADER},\"=cmd|' /C calc'!A0 \"\"q\"\" <b>\",2020-07-15,2020-09-01,\"https://kent.example/r?a=\"\"b\"\"&c=<d>\"\n"
        ),
    );
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/data/archive.json")).expect("valid JSON");
    let report = json["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .find(|r| r["title"].as_str().is_some_and(|t| t.starts_with("=cmd")))
        .expect("the hostile report");
    assert_eq!(report["title"], "=cmd|' /C calc'!A0 \"q\" <b>");
    let reports = site.read("public/data/reports.csv");
    // Defused as a content title is: a leading quote, and the CSV's own quoting.
    assert!(
        reports.contains(",\"'=cmd|' /C calc'!A0 \"\"q\"\" <b>\","),
        "{reports}"
    );
    let responses = site.read("public/data/responses.csv");
    assert!(
        responses.contains(",\"https://kent.example/r?a=\"\"b\"\"&c=<d>\",kent\n"),
        "{responses}"
    );
}

/// A day after the deadline is not "day 221 of 56".
#[test]
fn a_late_response_is_a_day_after_the_deadline_day_not_of_it() {
    let (site, _) = built();
    let text = main_text(&site, "public/reports/roads-2020/index.html");
    assert!(text.contains("day 49 of 56"), "{text}");
    assert!(text.contains("day 221 (deadline day 56)"), "{text}");
    assert!(!text.contains("of 56 Late"), "{text}");
    let body = main_text(&site, "public/bodies/testshire/index.html");
    assert!(body.contains("day 221 (deadline day 56)"), "{body}");
}

/// `/deadlines/` of a national site: each body's on-time rate year by year, with the chart.
#[test]
fn national_deadlines_page_is_a_body_by_year_table_with_the_chart() {
    let (site, _) = built();
    let html = site.read("public/deadlines/index.html");
    assert!(html.contains("<svg"), "the chart");
    let text = main_text(&site, "public/deadlines/index.html");
    assert!(
        text.contains("Office All years 2024 2023 2020 2017"),
        "{text}"
    );
    assert!(text.contains("Every office 53% 10 of 19"), "{text}");
    // Kent: 2024 late, 2020 on time; 2023 and 2017 not expected of it.
    assert!(
        text.contains("Kent Police and Crime Commissioner 50% 1 of 2 0% 0 of 1 – 100% 1 of 1 –"),
        "{text}"
    );
    // By name.
    let kent = text.find("Kent Police").expect("kent");
    let surrey = text.find("Surrey Police").expect("surrey");
    assert!(kent < surrey);
}

/// A theme copied before the national templates existed: a national site is told which to copy.
#[test]
fn a_national_site_with_a_theme_lacking_its_templates_names_each() {
    let site = TestSite::copy_of("national").with_own_default_theme();
    for name in ["bodies.html", "national-deadlines.html"] {
        fs::remove_file(site.path(&format!("themes/default/templates/{name}"))).expect("remove");
    }
    let run = site.build(&[]);
    assert!(!run.success);
    for name in ["bodies.html", "national-deadlines.html"] {
        assert!(
            run.stderr
                .contains(&format!("themes/default/templates/{name}")),
            "{}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .contains("this template is missing from the theme, and the site needs it"),
        "{}",
        run.stderr
    );
}

/// The search index holds the reports only the sources list, so a report is found by its title.
#[test]
fn the_search_index_finds_a_report_only_the_sources_list() {
    let (site, _) = built();
    let documents: String = crate::support::tree(&site.path("public/search/index"))
        .into_iter()
        .filter(|(name, _)| name.ends_with(".json"))
        .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned())
        .collect();
    assert!(
        documents.contains(
            "\"url\":\"/national/reports/roads-2020/\",\"title\":\"Roads policing: not optional\""
        ),
        "{documents}"
    );
    assert!(
        documents.contains("\"excerpt\":\"2 of 5 bodies have published a response.\""),
        "{documents}"
    );
}
