//! Tests of reading sources: the address key, and each way a source can be wrong.

use std::path::Path;

use super::*;

#[test]
fn every_form_of_an_hmicfrs_address_is_one_key() {
    let key = Some("justiceinspectorates.gov.uk/hmicfrs/publications/peel-2023".to_string());
    for written in [
        "https://www.justiceinspectorates.gov.uk/hmicfrs/publications/peel-2023/",
        "http://www.justiceinspectorates.gov.uk/hmicfrs/publications/peel-2023",
        "https://justiceinspectorates.gov.uk/hmicfrs/publications/peel-2023/",
        "https://hmicfrs.justiceinspectorates.gov.uk/publications/peel-2023/",
        "http://hmicfrs.justiceinspectorates.gov.uk/publications/peel-2023",
        "https://www.justiceinspectorates.gov.uk/hmicfrs/publications/peel-2023/?utm=x#top",
        "https://WWW.Justiceinspectorates.gov.uk/hmicfrs/publications/PEEL-2023/",
        " https://www.justiceinspectorates.gov.uk/hmicfrs/publications/peel-2023/ ",
    ] {
        assert_eq!(report_address_key(written), key, "{written}");
    }
}

#[test]
fn other_addresses_stay_apart() {
    let peel = report_address_key("https://www.justiceinspectorates.gov.uk/hmicfrs/peel-2023/");
    for other in [
        "https://www.justiceinspectorates.gov.uk/hmicfrs/peel-2022/",
        "https://www.justiceinspectorates.gov.uk/hmiprisons/peel-2023/",
        "https://hmicfrs.example.org/peel-2023/",
        "https://www.justiceinspectorates.gov.uk/hmicfrs/peel-2023/more/",
    ] {
        assert_ne!(report_address_key(other), peel, "{other}");
    }
    assert_eq!(report_address_key("not an address"), None);
    assert_eq!(report_address_key("/hmicfrs/peel/"), None);
}

#[test]
fn titles_compare_without_case_punctuation_or_spacing() {
    let day = Date::constant(2023, 3, 8);
    assert_eq!(
        title_key("PEEL 2021/22:  an inspection of Kent Police", day),
        title_key("peel 2021-22 - An inspection of Kent police.", day)
    );
    assert_ne!(
        title_key("PEEL 2021/22", day),
        title_key("PEEL 2021/22", Date::constant(2023, 3, 9))
    );
    assert_ne!(title_key("PEEL 2021", day), title_key("PEEL 2022", day));
}

/// An archive.json as a scrutiny site writes it, with `extra` spliced into its first report.
fn archive(report_fields: &str) -> String {
    format!(
        r#"{{
  "generated": "2024-11-01",
  "site": {{"title": "T", "organisation": "O", "force": "F", "base_url": "https://example.org/", "language": "en-GB"}},
  "reports": [
    {{"slug": "a", "title": "A report", "type": "national-thematic", "sector": "police", "themes": [],
      "url": "https://www.justiceinspectorates.gov.uk/hmicfrs/a/", "page_url": "https://example.org/reports/a/",
      "deadline": null, "response_status": "on-time", "days_late": null, "days_left": null,
      "responses": ["r"], "findings": [{{"id": "R1"}}]{report_fields}}}
  ],
  "responses": [
    {{"slug": "r", "reports": ["a"], "date": "2023-05-02", "published": null, "url": "/responses/r/",
      "page_url": "https://example.org/responses/r/"}}
  ]
}}"#
    )
}

fn read_archive(text: &str) -> Result<SourceData, Vec<(usize, usize, String)>> {
    parse(0, SourceFormat::Archive, Path::new("sources/a.json"), text).map_err(|problems| {
        problems
            .into_iter()
            .map(|p| {
                let at = p.position.unwrap_or(crate::diagnostic::Position::START);
                (at.line, at.column, p.message)
            })
            .collect()
    })
}

#[test]
fn an_archive_is_read_with_its_site_reports_and_responses() {
    let source = read_archive(&archive(r#", "published": "2023-03-08""#)).expect("valid");
    let site = source.site.as_ref().expect("site");
    assert_eq!(site.force.as_deref(), Some("F"));
    assert_eq!(source.reports.len(), 1);
    assert_eq!(source.reports[0].published, Date::constant(2023, 3, 8));
    assert_eq!(
        source.reports[0].report_type,
        Some(ReportType::NationalThematic)
    );
    assert_eq!(source.responses[0].reports, vec![0]);
    assert_eq!(source.responses[0].date, Some(Date::constant(2023, 5, 2)));
    assert!(source.is_police());
}

#[test]
fn a_bad_archive_is_reported_at_its_line_and_column() {
    // No `published` at all.
    let missing = read_archive(&archive("")).expect_err("missing");
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].0, 8);
    assert!(
        missing[0].2.contains("missing field `published`"),
        "{missing:?}"
    );
    // A date that does not exist, where it is written.
    let bad_date = read_archive(&archive(r#", "published": "2023-02-30""#)).expect_err("date");
    assert_eq!(bad_date[0].0, 8);
    assert!(
        bad_date[0].2.contains("bad date \"2023-02-30\""),
        "{bad_date:?}"
    );
    // An address that is not http(s).
    let text = archive(r#", "published": "2023-03-08""#)
        .replace("https://example.org/responses/r/", "javascript:alert(1)");
    let script = read_archive(&text).expect_err("address");
    assert_eq!(script[0].0, 12);
    assert!(
        script[0].2.contains("must start with https://"),
        "{script:?}"
    );
    // Not JSON at all.
    let broken = read_archive("{\n  \"site\": [,\n}").expect_err("broken");
    assert_eq!((broken[0].0, broken[0].1), (2, 12));
    // A word the vocabulary lacks.
    let text = archive(r#", "published": "2023-03-08""#).replace("national-thematic", "natonal");
    let word = read_archive(&text).expect_err("word");
    assert!(word[0].2.contains("unknown word \"natonal\""), "{word:?}");
}

fn read_csv(text: &str) -> Result<SourceData, Vec<(usize, String)>> {
    parse(
        0,
        SourceFormat::ResponsesCsv,
        Path::new("sources/k.csv"),
        text,
    )
    .map_err(|problems| {
        problems
            .into_iter()
            .map(|p| (p.position.map_or(0, |at| at.line), p.message))
            .collect()
    })
}

const HEADER: &str = "report_url,report_title,report_published,response_date,response_url\n";

#[test]
fn a_responses_csv_is_a_report_and_a_response_a_row() {
    let text = format!(
        "{HEADER}https://hmicfrs.justiceinspectorates.gov.uk/a/,\"A report, quoted\",2023-03-08,2023-05-01,https://kent.example/r/\n\
         ,Another,2024-01-02,2024-02-01,https://kent.example/s/\n"
    );
    let source = read_csv(&text).expect("valid");
    assert_eq!(source.reports.len(), 2);
    assert_eq!(source.reports[0].title, "A report, quoted");
    assert_eq!(source.reports[0].line, Some(2));
    assert_eq!(source.reports[1].url, None);
    assert_eq!(source.responses[1].reports, vec![1]);
    assert!(source.is_police());
}

#[test]
fn every_bad_row_of_a_csv_is_reported_at_its_line() {
    let text = format!(
        "{HEADER}https://x.example/a/,A,2023-03-08,2023-05-01,https://kent.example/r/\n\
         javascript:alert(1),B,8 March 2023,2023-05-01,https://kent.example/r/\n\
         https://x.example/c/,C,2023-03-08\n\
         https://x.example/d/,,2023-03-08,2023-05-01,ftp://kent.example/r/\n"
    );
    let problems = read_csv(&text).expect_err("bad rows");
    let lines: Vec<usize> = problems.iter().map(|p| p.0).collect();
    assert_eq!(lines, vec![3, 3, 4, 5, 5], "{problems:?}");
    assert!(problems[0].1.starts_with("`report_published`: bad date"));
    assert!(
        problems[1]
            .1
            .starts_with("`report_url`: \"javascript:alert(1)\"")
    );
    assert_eq!(problems[2].1, "this row has 3 cells; a responses CSV has 5");
    let wrong_header = read_csv("url,title\nx,y\n").expect_err("header");
    assert_eq!(wrong_header[0].0, 1);
}
