//! The office's own status words: `[[finding_statuses]]` in `config.toml` replaces the default
//! list; `closed` decides overdue, the tracker's groups and `closed` in open data; unknown words
//! are errors with the nearest of the office's words.

use serde_json::Value;

use crate::support::TestSite;

const OFFICE_WORDS: &str = r#"
[[finding_statuses]]
key = "on-track"
label = "Open - on track"
closed = false

[[finding_statuses]]
key = "off-track"
label = "Open - off track"
closed = false

[[finding_statuses]]
key = "completed"
label = "Completed"
closed = true
"#;

const REPORT: &str = "content/reports/custody-2023.md";

/// The minimal site with the office's words, its custody report written in them.
fn office_site() -> TestSite {
    let site = TestSite::copy_of("minimal");
    let config = site.read("config.toml");
    site.write("config.toml", format!("{config}{OFFICE_WORDS}"));
    let report = site
        .read(REPORT)
        .replace("status = \"in-progress\"", "status = \"on-track\"")
        .replace("status = \"closed\"", "status = \"completed\"")
        .replace(
            "due = \"6 months\"\n",
            "due = \"6 months\"\nstatus = \"off-track\"\n",
        );
    site.write(REPORT, report);
    site
}

fn findings(site: &TestSite) -> Vec<(String, String, bool, bool)> {
    let json: Value =
        serde_json::from_str(&site.read("public/data/archive.json")).expect("valid JSON");
    let report = json["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .find(|r| r["slug"] == "custody-2023")
        .expect("the custody report")
        .clone();
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["id"].as_str().unwrap_or("").to_string(),
                f["status"].as_str().unwrap_or("").to_string(),
                f["closed"].as_bool().expect("closed is true or false"),
                f["overdue"].as_bool().expect("overdue is true or false"),
            )
        })
        .collect()
}

fn row(id: &str, status: &str, closed: bool, overdue: bool) -> (String, String, bool, bool) {
    (id.into(), status.into(), closed, overdue)
}

#[test]
fn the_offices_words_decide_status_closed_and_overdue() {
    let site = office_site();
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    // Today is 1 November 2024: every unfinished finding with a due date is past it.
    assert_eq!(
        findings(&site),
        vec![
            row("R1", "completed", true, false),
            row("R2", "not-applicable", true, false),
            // No status written: the first of the office's words not closed.
            row("AFI1", "on-track", false, true),
            row("AFI2", "on-track", false, true),
            row("AFI3", "off-track", false, true),
            row("AFI4", "completed", true, false),
        ]
    );
    let csv = site.read("public/data/findings.csv");
    assert!(
        csv.starts_with("report,id,kind,applies,due,status,overdue,due_as_written,closed\n"),
        "{csv}"
    );
    assert!(
        csv.contains(
            "custody-2023,AFI3,area-for-improvement,true,2023-09-08,off-track,true,6 months,false\n"
        ),
        "{csv}"
    );
    assert!(
        csv.contains(
            "custody-2023,R1,recommendation,true,2024-03-31,completed,false,2024-03-31,true\n"
        ),
        "{csv}"
    );
}

#[test]
fn the_tracker_groups_by_the_closed_flag_and_shows_the_offices_labels() {
    let site = office_site();
    assert!(site.build(&[]).success);
    let tracker = site.read("public/findings/index.html");
    let headings: Vec<&str> = tracker
        .split("<h2 id=\"")
        .skip(1)
        .filter_map(|part| part.split_once("\">").map(|(_, rest)| rest))
        .filter_map(|rest| rest.split_once("</h2>").map(|(heading, _)| heading))
        .collect();
    assert_eq!(headings, ["Overdue", "Open", "Closed"]);
    assert!(!tracker.contains("Proposed for closure"), "{tracker}");
    assert!(tracker.contains(
        "<strong class=\"tag tag--finding-off-track\">Open - off track</strong> <strong class=\"tag tag--overdue\">Overdue</strong>"
    ));
    assert!(tracker.contains("<strong class=\"tag tag--finding-completed\">Completed</strong>"));
    // The default words are not named where the office has its own.
    assert!(!tracker.contains("open or in progress"), "{tracker}");
    assert!(tracker.contains("</span> not yet closed</li>"), "{tracker}");
    assert!(
        tracker.contains("they are not yet closed.</p>"),
        "{tracker}"
    );
    let report = site.read("public/reports/custody-2023/index.html");
    assert!(report.contains("<strong>Open - on track</strong>. New handover checklist"));
    assert!(
        report
            .contains("<strong class=\"tag tag--finding-not-applicable\">Not applicable</strong>")
    );
}

#[test]
fn a_word_not_in_the_offices_list_is_an_error_with_the_nearest_one() {
    let site = office_site();
    let report = site.read(REPORT);
    site.write(
        REPORT,
        report.replacen("status = \"on-track\"", "status = \"on-trak\"", 1),
    );
    let run = site.check(&[]);
    assert!(!run.success);
    run.assert_diagnostic(
        "content/reports/custody-2023.md:19:10",
        "`status` has the unknown value \"on-trak\"",
        "did you mean \"on-track\"? (the statuses are listed under [[finding_statuses]] in config.toml)",
    );
    // A default word is not one of the office's.
    let site = office_site();
    let report = site.read(REPORT);
    site.write(
        REPORT,
        report.replacen("status = \"on-track\"", "status = \"in-progress\"", 1),
    );
    let run = site.check(&[]);
    assert!(!run.success);
    run.assert_diagnostic(
        "content/reports/custody-2023.md:19:10",
        "`status` has the unknown value \"in-progress\"",
        "expected one of `on-track`, `off-track`, `completed` or `not-applicable` (the statuses are listed under [[finding_statuses]] in config.toml)",
    );
}

#[test]
fn the_default_words_are_checked_as_before() {
    let site = TestSite::copy_of("minimal");
    let report = site.read(REPORT);
    site.write(
        REPORT,
        report.replacen("status = \"in-progress\"", "status = \"in-progres\"", 1),
    );
    let run = site.check(&[]);
    assert!(!run.success);
    run.assert_diagnostic(
        "content/reports/custody-2023.md:19:10",
        "`status` has the unknown value \"in-progres\"",
        "did you mean \"in-progress\"?",
    );
}

#[test]
fn without_a_list_closed_follows_the_default_words() {
    let site = TestSite::copy_of("minimal");
    assert!(site.build(&[]).success);
    assert_eq!(
        findings(&site),
        vec![
            row("R1", "closed", true, false),
            row("R2", "not-applicable", true, false),
            row("AFI1", "open", false, true),
            row("AFI2", "open", false, true),
            row("AFI3", "open", false, true),
            row("AFI4", "closed", true, false),
        ]
    );
}

#[test]
fn a_list_with_a_key_twice_or_nothing_open_is_an_error() {
    let site = TestSite::copy_of("minimal");
    let config = site.read("config.toml");
    site.write(
        "config.toml",
        format!(
            "{config}\n[[finding_statuses]]\nkey = \"done\"\nlabel = \"Done\"\nclosed = true\n\n\
             [[finding_statuses]]\nkey = \"done\"\nlabel = \"Finished\"\nclosed = true\n"
        ),
    );
    let run = site.check(&[]);
    assert!(!run.success);
    run.assert_diagnostic(
        "config.toml:18:7",
        "the status key \"done\" is listed twice",
        "it is first listed on line 13; give each status its own key",
    );
    let site = TestSite::copy_of("minimal");
    let config = site.read("config.toml");
    site.write(
        "config.toml",
        format!(
            "{config}\n[[finding_statuses]]\nkey = \"done\"\nlabel = \"Done\"\nclosed = true\n"
        ),
    );
    let run = site.check(&[]);
    assert!(!run.success);
    assert!(
        run.stderr
            .contains("every status in `finding_statuses` is closed"),
        "{}",
        run.stderr
    );
}

/// The browser editor offers the office's words, not the default list, for every status.
#[test]
fn the_editor_offers_the_offices_words() {
    let site = office_site();
    let config = site.read("config.toml");
    site.write(
        "config.toml",
        format!("{config}\n[cms]\nbackend = \"test-repo\"\n"),
    );
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    let text = site.read("public/admin/config.yml");
    let json: String = text.lines().filter(|l| !l.starts_with('#')).collect();
    let editor: Value = serde_json::from_str(&json).expect("JSON");
    let reports = &editor["collections"][0];
    let field = |fields: &Value, name: &str| -> Value {
        fields
            .as_array()
            .and_then(|all| all.iter().find(|f| f["name"] == name))
            .cloned()
            .unwrap_or_else(|| panic!("no field {name}"))
    };
    let findings = field(&reports["fields"], "findings");
    for status in [
        field(&findings["fields"], "status"),
        field(&field(&findings["fields"], "updates")["fields"], "status"),
    ] {
        let options: Vec<(String, String)> = status["options"]
            .as_array()
            .expect("options")
            .iter()
            .map(|o| {
                (
                    o["value"].as_str().unwrap_or_default().to_string(),
                    o["label"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        assert_eq!(
            options,
            [
                ("on-track".to_string(), "Open - on track".to_string()),
                ("off-track".into(), "Open - off track".into()),
                ("completed".into(), "Completed".into()),
                ("not-applicable".into(), "Not applicable".into()),
            ]
        );
    }
}
