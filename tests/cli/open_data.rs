//! Open data: archive.json and the CSVs of the deadlines fixture, whose every report is an edge
//! case of the 56-day rule, checked against statuses worked out by hand.

use serde_json::Value;

use crate::support::TestSite;

fn built() -> (TestSite, Value) {
    let site = TestSite::copy_of("deadlines");
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    let json: Value =
        serde_json::from_str(&site.read("public/data/archive.json")).expect("valid JSON");
    (site, json)
}

fn report<'a>(json: &'a Value, slug: &str) -> &'a Value {
    json["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .find(|r| r["slug"] == slug)
        .unwrap_or_else(|| panic!("no report {slug}"))
}

/// A report's expected open data: (slug, deadline, response_status, days_late, days_left).
type Expected = (
    &'static str,
    Option<&'static str>,
    &'static str,
    Option<i64>,
    Option<i64>,
);

/// Worked out by hand, for today = 1 November 2024.
const EXPECTED: &[Expected] = &[
    ("day-56", Some("2023-05-02"), "on-time", None, None),
    ("day-57", Some("2023-05-02"), "late", Some(1), None),
    ("bank-holiday", Some("2023-08-28"), "late", Some(1), None),
    ("leap-day", Some("2024-02-29"), "on-time", None, None),
    ("year-roll", Some("2024-01-14"), "late", Some(1), None),
    ("undated", Some("2023-07-26"), "date-unknown", None, None),
    ("fire", None, "no-deadline", None, None),
    ("before-duty", None, "no-deadline", None, None),
    ("duty-starts", Some("2017-06-26"), "overdue", None, None),
    ("not-statutory", None, "no-deadline", None, None),
    ("two-responses", Some("2023-05-02"), "on-time", None, None),
    ("joint-a", Some("2023-05-02"), "late", Some(8), None),
    ("joint-b", Some("2023-06-04"), "on-time", None, None),
    ("published-late", Some("2023-05-02"), "late", Some(3), None),
    ("due", Some("2024-11-25"), "due", None, Some(24)),
];

#[test]
fn statuses_match_the_hand_worked_edge_cases() {
    let (_, json) = built();
    assert_eq!(json["generated"], "2024-11-01");
    assert_eq!(
        json["reports"].as_array().map(Vec::len),
        Some(EXPECTED.len())
    );
    for &(slug, deadline, status, days_late, days_left) in EXPECTED {
        let report = report(&json, slug);
        assert_eq!(report["deadline"].as_str(), deadline, "{slug} deadline");
        assert_eq!(report["response_status"], status, "{slug} status");
        assert_eq!(report["days_late"].as_i64(), days_late, "{slug} days_late");
        assert_eq!(report["days_left"].as_i64(), days_left, "{slug} days_left");
    }
}

#[test]
fn report_records_have_every_contract_field() {
    let (_, json) = built();
    let report = report(&json, "two-responses");
    let mut keys: Vec<&str> = report
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        vec![
            "days_late",
            "days_left",
            "deadline",
            "findings",
            "grades",
            "page_url",
            "published",
            "response_status",
            "responses",
            "sector",
            "slug",
            "themes",
            "title",
            "type",
            "url",
        ]
    );
    assert_eq!(
        report["responses"],
        serde_json::json!(["two-responses-early", "two-responses-late"])
    );
    assert_eq!(report["type"], "force");
    assert_eq!(report["sector"], "police");
    assert_eq!(report["url"], Value::Null);
}

#[test]
fn findings_carry_their_current_status_and_overdue_flag() {
    let (_, json) = built();
    let findings = report(&json, "day-56")["findings"].clone();
    assert_eq!(
        findings,
        serde_json::json!([
            { "id": "R1", "kind": "recommendation", "applies": true, "due": "2024-06-30", "due_as_written": "2024-06-30", "status": "open", "closed": false, "overdue": true },
            { "id": "R2", "kind": "recommendation", "applies": true, "due": "2024-03-31", "due_as_written": "2024-03-31", "status": "closed", "closed": true, "overdue": false },
            { "id": "R3", "kind": "recommendation", "applies": false, "due": null, "due_as_written": null, "status": "not-applicable", "closed": true, "overdue": false },
            { "id": "AFI1", "kind": "area-for-improvement", "applies": true, "due": "2025-01-31", "due_as_written": "2025-01-31", "status": "in-progress", "closed": false, "overdue": false },
        ])
    );
}

#[test]
fn responses_list_their_reports_dates_and_urls() {
    let (_, json) = built();
    let joint = json["responses"]
        .as_array()
        .expect("responses")
        .iter()
        .find(|r| r["slug"] == "joint-response")
        .expect("joint-response");
    assert_eq!(
        *joint,
        serde_json::json!({ "slug": "joint-response", "reports": ["joint-a", "joint-b"], "date": "2023-05-10",
                            "published": null, "url": "/responses/joint-response/",
                            "page_url": "https://example.org/responses/joint-response/" })
    );
}

/// `archive.json` means something away from its site: it says whose it is, and every report
/// and response carries its page's absolute address under `base_url` (here under a sub-path).
#[test]
fn archive_json_says_whose_it_is_and_where_each_page_is() {
    let site = TestSite::copy_of("minimal");
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    let text = site.read("public/data/archive.json");
    let json: Value = serde_json::from_str(&text).expect("valid JSON");
    let keys: Vec<&str> = json
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, vec!["generated", "reports", "responses", "site"]);
    assert!(
        text.starts_with("{\n  \"generated\": "),
        "generated stays first: {}",
        &text[..40]
    );
    assert_eq!(
        json["site"],
        serde_json::json!({
            "title": "Inspections and responses",
            "organisation": "Police and Crime Commissioner for Testshire",
            "force": "Testshire Police",
            "base_url": "https://example.org/pfcc/hmicfrs/",
            "language": "en-GB",
        })
    );
    for report in json["reports"].as_array().expect("reports") {
        let slug = report["slug"].as_str().expect("slug");
        assert_eq!(
            report["page_url"],
            format!("https://example.org/pfcc/hmicfrs/reports/{slug}/"),
        );
    }
    let responses = json["responses"].as_array().expect("responses");
    assert!(!responses.is_empty());
    for response in responses {
        let slug = response["slug"].as_str().expect("slug");
        assert_eq!(
            response["page_url"],
            format!("https://example.org/pfcc/hmicfrs/responses/{slug}/"),
        );
        // The path-only `url` stays as it was.
        assert_eq!(response["url"], format!("/pfcc/hmicfrs/responses/{slug}/"));
    }
}

#[test]
fn csvs_have_a_header_and_one_row_per_item() {
    let (site, json) = built();
    let reports = site.read("public/data/reports.csv");
    let mut lines = reports.lines();
    assert_eq!(
        lines.next(),
        Some(
            "slug,title,published,type,sector,themes,url,deadline,response_status,days_late,days_left,responses"
        )
    );
    assert_eq!(lines.count(), EXPECTED.len());
    assert!(reports.contains("\njoint-a,Report joint-a,2023-03-08,force,police,general,,2023-05-02,late,8,,joint-response\n"), "{reports}");
    assert!(
        reports.contains("\ndue,Report due,2024-10-01,force,police,general,,2024-11-25,due,,24,\n"),
        "{reports}"
    );

    let responses = site.read("public/data/responses.csv");
    assert!(
        responses.starts_with("slug,reports,date,published,url\n"),
        "{responses}"
    );
    assert!(
        responses
            .contains("\njoint-response,joint-a;joint-b,2023-05-10,,/responses/joint-response/\n"),
        "{responses}"
    );
    assert_eq!(
        responses.lines().count(),
        json["responses"].as_array().map_or(0, Vec::len) + 1
    );

    let findings = site.read("public/data/findings.csv");
    assert_eq!(
        findings,
        "report,id,kind,applies,due,status,overdue,due_as_written,closed\n\
         day-56,R1,recommendation,true,2024-06-30,open,true,2024-06-30,false\n\
         day-56,R2,recommendation,true,2024-03-31,closed,false,2024-03-31,true\n\
         day-56,R3,recommendation,false,,not-applicable,false,,true\n\
         day-56,AFI1,area-for-improvement,true,2025-01-31,in-progress,false,2025-01-31,false\n"
    );
}

#[test]
fn report_pages_say_dated_when_only_the_letters_date_is_known() {
    let site = TestSite::copy_of("minimal");
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    // custody-2023-response has only `date`; roads-2020-response also has `published`.
    let dated = site.read("public/reports/custody-2023/index.html");
    assert!(
        dated.contains("The response was due by 2 May 2023 and is dated 2 May 2023, on time."),
        "{dated}"
    );
    assert!(!dated.contains("was published on 2 May 2023"), "{dated}");
    let published = site.read("public/reports/roads-2020/index.html");
    assert!(
        published.contains("and was published on 20 February 2021,"),
        "{published}"
    );
}

#[test]
fn report_pages_say_the_status_in_words() {
    let (site, _) = built();
    let page = site.read("public/reports/day-56/index.html");
    assert!(
        page.contains("Published by HMICFRS on 8 March 2023. The response was due by 2 May 2023 and is dated 2 May 2023, on time."),
        "{page}"
    );
    let late = site.read("public/reports/joint-a/index.html");
    assert!(
        late.contains("is dated 10 May 2023, 8 days late."),
        "{late}"
    );
    assert!(
        late.contains("<strong class=\"tag tag--late\">Late by 8 days</strong>"),
        "{late}"
    );
    let due = site.read("public/reports/due/index.html");
    assert!(
        due.contains("A response is due by 25 November 2024, 24 days from today."),
        "{due}"
    );
    let fire = site.read("public/reports/fire/index.html");
    assert!(
        fire.contains("does not apply to this report: it is a fire and rescue report."),
        "{fire}"
    );
    let response = site.read("public/responses/day-56-response/index.html");
    assert!(
        response.contains("This response took 56 days"),
        "{response}"
    );
}

#[test]
fn the_home_page_lists_reports_awaiting_a_response_and_overdue() {
    let (site, _) = built();
    let home = site.read("public/index.html");
    let awaiting = home
        .split("id=\"awaiting-heading\"")
        .nth(1)
        .expect("awaiting section");
    assert!(
        awaiting.contains("Report due") && awaiting.contains("Response due in 24 days"),
        "{home}"
    );
    let overdue = home
        .split("id=\"overdue-heading\"")
        .nth(1)
        .expect("overdue section");
    assert!(overdue.contains("Report duty-starts"), "{home}");
}

#[test]
fn the_seed_archive_shows_both_2023_responses_on_time_on_day_56() {
    let output = tempfile::tempdir().expect("temp");
    let run: crate::support::Run = crate::support::scrutiny()
        .args([
            "build",
            "--root",
            env!("CARGO_MANIFEST_DIR"),
            "--today",
            "2024-11-01",
            "--output",
        ])
        .arg(output.path().join("site"))
        .output()
        .expect("run")
        .into();
    assert!(run.success, "{}", run.stderr);
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(output.path().join("site/data/archive.json")).expect("read"),
    )
    .expect("json");
    for slug in [
        "serious-youth-violence",
        "eastern-regional-serious-organised-crime",
    ] {
        assert_eq!(report(&json, slug)["response_status"], "on-time", "{slug}");
    }
    let page = std::fs::read_to_string(
        output
            .path()
            .join("site/responses/serious-youth-violence-response/index.html"),
    )
    .expect("read");
    assert!(page.contains("This response took 56 days"), "{page}");
    assert_eq!(
        report(&json, "roads-policing-not-optional")["days_late"],
        161
    );
    assert_eq!(
        report(&json, "both-sides-of-the-coin")["response_status"],
        "date-unknown"
    );
}

/// The minimal fixture's custody report (published 8 March 2023) writes its findings' due dates
/// as a day, a month and periods after publication.
#[test]
fn findings_keep_the_due_date_as_written_beside_the_day_it_comes_to() {
    let site = TestSite::copy_of("minimal");
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    let json: Value =
        serde_json::from_str(&site.read("public/data/archive.json")).expect("valid JSON");
    let due: Vec<(&str, &Value, &Value)> = report(&json, "custody-2023")["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["id"].as_str().unwrap_or(""),
                &f["due"],
                &f["due_as_written"],
            )
        })
        .collect();
    let (day, none) = (serde_json::json!("2024-03-31"), Value::Null);
    let (afi1, month) = (
        serde_json::json!("2024-01-31"),
        serde_json::json!("2024-02"),
    );
    let (feb, sep) = (
        serde_json::json!("2024-02-29"),
        serde_json::json!("2023-09-08"),
    );
    let (six, june) = (
        serde_json::json!("6 months"),
        serde_json::json!("2023-06-06"),
    );
    let ninety = serde_json::json!("90 days");
    assert_eq!(
        due,
        vec![
            ("R1", &day, &day),
            ("R2", &none, &none),
            ("AFI1", &afi1, &afi1),
            ("AFI2", &feb, &month),
            ("AFI3", &sep, &six),
            ("AFI4", &june, &ninety),
        ]
    );
    let csv = site.read("public/data/findings.csv");
    let rows: Vec<&str> = csv
        .lines()
        .filter(|l| l.starts_with("custody-2023,"))
        .collect();
    assert_eq!(
        csv.lines().next(),
        Some("report,id,kind,applies,due,status,overdue,due_as_written,closed")
    );
    assert_eq!(
        rows,
        vec![
            "custody-2023,R1,recommendation,true,2024-03-31,closed,false,2024-03-31,true",
            "custody-2023,R2,recommendation,false,,not-applicable,false,,true",
            "custody-2023,AFI1,area-for-improvement,true,2024-01-31,open,true,2024-01-31,false",
            "custody-2023,AFI2,area-for-improvement,true,2024-02-29,open,true,2024-02,false",
            "custody-2023,AFI3,area-for-improvement,true,2023-09-08,open,true,6 months,false",
            "custody-2023,AFI4,area-for-improvement,true,2023-06-06,closed,false,90 days,true",
        ]
    );
    let page = site.read("public/reports/custody-2023/index.html");
    for shown in [
        "<time datetime=\"2024-03-31\">31 March 2024</time>",
        "<time datetime=\"2024-02-29\">by February 2024</time>",
        "<time datetime=\"2023-09-08\">within 6 months (by 8 September 2023)</time>",
        "<time datetime=\"2023-06-06\">within 90 days (by 6 June 2023)</time>",
    ] {
        assert!(page.contains(shown), "{shown} in\n{page}");
    }
    let tracker = site.read("public/findings/index.html");
    assert!(
        tracker.contains("<time datetime=\"2024-02-29\">by February 2024</time>"),
        "{tracker}"
    );
}
