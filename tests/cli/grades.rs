//! Grades: the `grades` fixture (PEEL 2016 graded by pillar, PEEL 2023 by question, a fire
//! inspection, an ungraded report) on report pages, the grades page, `archive.json` and
//! `grades.csv`; a site without grades has none of them; bad grades are errors at their line.

use serde_json::{Value, json};

use crate::support::TestSite;

fn built() -> TestSite {
    let site = TestSite::copy_of("grades");
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    site
}

/// The rows of the first table after `heading` on a page, as (row header, cells), each cell's
/// text with its tag class: `good (tag--grade-good)`.
fn table_after(html: &str, heading: &str) -> Vec<(String, Vec<String>)> {
    let start = html
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading:?}"));
    let body = &html[start..];
    let body = &body[body.find("<tbody>").expect("a table body")..];
    let body = &body[..body.find("</tbody>").expect("the end of the table body")];
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            let header = between(row, "<th scope=\"row\">", "</th>");
            let cells = row
                .split("<td>")
                .skip(1)
                .map(|cell| cell_text(&cell[..cell.find("</td>").expect("a cell's end")]))
                .collect();
            (strip_tags(&header), cells)
        })
        .collect()
}

fn between(text: &str, open: &str, close: &str) -> String {
    let start = text.find(open).map(|at| at + open.len()).expect(open);
    let end = text[start..].find(close).expect(close);
    text[start..start + end].to_string()
}

fn strip_tags(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// A cell's words, with the class of its tag when it has one.
fn cell_text(cell: &str) -> String {
    match cell.find("class=\"tag tag--grade-") {
        Some(at) => {
            let class = between(&cell[at..], "class=\"tag ", "\"");
            format!("{} ({class})", strip_tags(cell))
        }
        None => strip_tags(cell),
    }
}

#[test]
fn report_pages_show_each_grade_as_a_tag_in_display_order() {
    let site = built();
    let peel_2016 = site.read("public/reports/peel-2016/index.html");
    // Written legitimacy first; shown in the order of grade-areas.toml.
    assert_eq!(
        table_after(&peel_2016, "How HMICFRS graded the force"),
        [
            (
                "Effectiveness",
                "Requires improvement (tag--grade-requires-improvement)"
            ),
            ("Efficiency", "Good (tag--grade-good)"),
            ("Legitimacy", "Good (tag--grade-good)"),
            ("Leadership", "Outstanding (tag--grade-outstanding)"),
        ]
        .map(|(area, grade)| (area.to_string(), vec![grade.to_string()]))
    );
    let peel_2023 = site.read("public/reports/peel-2023/index.html");
    assert_eq!(
        table_after(&peel_2023, "How HMICFRS graded the force"),
        [
            ("Investigating crime", "Adequate (tag--grade-adequate)"),
            ("Preventing crime", "Outstanding (tag--grade-outstanding)"),
            (
                "Responding to the public",
                "Requires improvement (tag--grade-requires-improvement)"
            ),
            ("Protecting vulnerable people", "Good (tag--grade-good)"),
            (
                "Good use of resources",
                "Inadequate (tag--grade-inadequate)"
            ),
        ]
        .map(|(area, grade)| (area.to_string(), vec![grade.to_string()]))
    );
    assert!(peel_2023.contains("<caption id=\"grades-caption\""));
    // A fire and rescue service is not a force.
    let fire = site.read("public/reports/fire-2022/index.html");
    assert!(fire.contains("<h2 id=\"grades-heading\">How HMICFRS graded the service</h2>"));
    assert_eq!(
        table_after(&fire, "How HMICFRS graded the service").len(),
        2
    );
    let ungraded = site.read("public/reports/custody-2021/index.html");
    assert!(!ungraded.contains("How HMICFRS graded"), "{ungraded}");
}

#[test]
fn the_grades_page_has_every_area_against_every_graded_report_newest_first() {
    let site = built();
    let page = site.read("public/grades/index.html");
    assert!(page.contains("<caption id=\"grades-caption\" class=\"table__caption\">Grades by area (rows) and report (columns), the newest report first</caption>"));
    // The table scrolls in its own focusable region on a phone.
    assert!(page.contains(
        "<div class=\"table-wrapper\" role=\"region\" aria-labelledby=\"grades-caption\" tabindex=\"0\">"
    ));
    let head = between(&page, "<thead>", "</thead>");
    let columns: Vec<String> = head
        .split("<th scope=\"col\">")
        .skip(1)
        .map(|cell| strip_tags(&cell[..cell.find("</th>").expect("a header's end")]))
        .collect();
    assert_eq!(
        columns,
        [
            "Area",
            "PEEL 2023–25: An inspection of Testshire Police (15 September 2023)",
            "Testshire Fire and Rescue Service: effectiveness and efficiency 2021/22 (20 January 2022)",
            "PEEL: Police effectiveness, efficiency and legitimacy 2016 (2 March 2017)",
        ]
    );
    assert!(head.contains("<a href=\"/hmicfrs/reports/peel-2023/\">"));
    let none = "Not graded";
    let good = "Good (tag--grade-good)";
    let adequate = "Adequate (tag--grade-adequate)";
    let outstanding = "Outstanding (tag--grade-outstanding)";
    let ri = "Requires improvement (tag--grade-requires-improvement)";
    let inadequate = "Inadequate (tag--grade-inadequate)";
    let expected: Vec<(&str, [&str; 3])> = vec![
        (
            "Effectiveness How effective the force is at keeping people safe and reducing crime.",
            [none, none, ri],
        ),
        ("Efficiency", [none, none, good]),
        ("Legitimacy", [none, none, good]),
        ("Leadership", [none, none, outstanding]),
        (
            "Investigating crime How well the force investigates crime.",
            [adequate, none, none],
        ),
        ("Preventing crime", [outstanding, none, none]),
        ("Responding to the public", [ri, none, none]),
        ("Protecting vulnerable people", [good, none, none]),
        ("Good use of resources", [inadequate, none, none]),
        ("Treatment of the public", [none, none, none]),
        (
            "Understanding the risk of fire and other emergencies",
            [none, good, none],
        ),
        ("Preventing fires and other risks", [none, adequate, none]),
    ];
    let expected: Vec<(String, Vec<String>)> = expected
        .into_iter()
        .map(|(area, cells)| (area.to_string(), cells.map(String::from).to_vec()))
        .collect();
    assert_eq!(table_after(&page, "grades-caption"), expected);
    // Linked from the navigation of every page and from the home page.
    let home = site.read("public/index.html");
    assert!(home.contains("<li><a href=\"/hmicfrs/grades/\">Grades</a></li>"));
    assert!(home.contains("<p><a href=\"/hmicfrs/grades/\">Grades</a>: "));
    assert!(home.contains("<a href=\"/hmicfrs/data/grades.csv\">Grades (CSV)</a>"));
    assert!(page.contains("<a href=\"/hmicfrs/grades/\" aria-current=\"page\">Grades</a>"));
    assert!(
        site.read("public/sitemap.xml")
            .contains("/hmicfrs/grades/</loc>")
    );
}

#[test]
fn archive_json_and_grades_csv_carry_every_grade() {
    let site = built();
    let archive: Value =
        serde_json::from_str(&site.read("public/data/archive.json")).expect("valid JSON");
    let grades: Vec<(String, Value)> = archive["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .map(|r| {
            (
                r["slug"].as_str().unwrap_or("").to_string(),
                r["grades"].clone(),
            )
        })
        .collect();
    let grade = |area: &str, grade: &str| json!({"area": area, "grade": grade});
    assert_eq!(
        grades,
        vec![
            (
                "peel-2023".to_string(),
                json!([
                    grade("investigating-crime", "adequate"),
                    grade("preventing-crime", "outstanding"),
                    grade("responding-to-the-public", "requires-improvement"),
                    grade("protecting-vulnerable-people", "good"),
                    grade("good-use-of-resources", "inadequate"),
                ])
            ),
            (
                "fire-2022".to_string(),
                json!([
                    grade("understanding-risk", "good"),
                    grade("preventing-fires", "adequate")
                ])
            ),
            ("custody-2021".to_string(), json!([])),
            (
                "peel-2016".to_string(),
                json!([
                    grade("effectiveness", "requires-improvement"),
                    grade("efficiency", "good"),
                    grade("legitimacy", "good"),
                    grade("leadership", "outstanding"),
                ])
            ),
        ]
    );
    assert_eq!(
        site.read("public/data/grades.csv"),
        "report,published,area,grade\n\
         peel-2023,2023-09-15,investigating-crime,adequate\n\
         peel-2023,2023-09-15,preventing-crime,outstanding\n\
         peel-2023,2023-09-15,responding-to-the-public,requires-improvement\n\
         peel-2023,2023-09-15,protecting-vulnerable-people,good\n\
         peel-2023,2023-09-15,good-use-of-resources,inadequate\n\
         fire-2022,2022-01-20,understanding-risk,good\n\
         fire-2022,2022-01-20,preventing-fires,adequate\n\
         peel-2016,2017-03-02,effectiveness,requires-improvement\n\
         peel-2016,2017-03-02,efficiency,good\n\
         peel-2016,2017-03-02,legitimacy,good\n\
         peel-2016,2017-03-02,leadership,outstanding\n"
    );
}

#[test]
fn a_site_without_grades_has_no_grades_page_and_an_empty_grades_csv() {
    let site = TestSite::copy_of("minimal");
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    assert!(!site.path("public/grades").exists());
    let home = site.read("public/index.html");
    assert!(!home.contains("grades"), "{home}");
    assert_eq!(
        site.read("public/data/grades.csv"),
        "report,published,area,grade\n"
    );
    let archive: Value =
        serde_json::from_str(&site.read("public/data/archive.json")).expect("valid JSON");
    for report in archive["reports"].as_array().expect("reports") {
        assert_eq!(report["grades"], json!([]), "{report}");
    }
}

/// The grades fixture with `from` in the PEEL 2023 report replaced by `to`.
fn with_peel_2023(from: &str, to: &str) -> TestSite {
    let site = TestSite::copy_of("grades");
    let path = "content/reports/peel-2023.md";
    let text = site.read(path);
    assert!(text.contains(from), "{from:?}");
    site.write(path, text.replacen(from, to, 1));
    site
}

#[test]
fn an_unknown_area_is_an_error_with_the_nearest_area() {
    let site = with_peel_2023(
        "area = \"investigating-crime\"",
        "area = \"investigating-crimes\"",
    );
    let run = site.check(&[]);
    assert!(!run.success);
    run.assert_diagnostic(
        "content/reports/peel-2023.md:9:8",
        "there is no graded area \"investigating-crimes\"",
        "did you mean \"investigating-crime\"?",
    );
}

#[test]
fn an_unknown_grade_is_an_error_with_the_nearest_grade() {
    let site = with_peel_2023(
        "grade = \"requires-improvement\"",
        "grade = \"requires improvement\"",
    );
    let run = site.check(&[]);
    assert!(!run.success);
    run.assert_diagnostic(
        "content/reports/peel-2023.md:18:9",
        "`grade` has the unknown value \"requires improvement\"",
        "did you mean \"requires-improvement\"?",
    );
}

#[test]
fn an_area_graded_twice_is_an_error_at_the_second() {
    let site = with_peel_2023(
        "area = \"preventing-crime\"",
        "area = \"investigating-crime\"",
    );
    let run = site.check(&[]);
    assert!(!run.success);
    run.assert_diagnostic(
        "content/reports/peel-2023.md:13:8",
        "the area \"investigating-crime\" is graded twice in this report",
        "it was first graded on line 9; give each area one grade",
    );
}

#[test]
fn grades_need_a_grade_areas_file() {
    let site = TestSite::copy_of("grades");
    std::fs::remove_file(site.path("content/grade-areas.toml")).expect("remove");
    let run = site.check(&[]);
    assert!(!run.success);
    run.assert_diagnostic(
        "content/reports/peel-2023.md:9:8",
        "there is no graded area \"investigating-crime\"",
        "list the areas HMICFRS grades in content/grade-areas.toml, such as [investigating-crime] with title = \"...\"",
    );
}

#[test]
fn grade_areas_toml_is_checked_as_themes_toml_is() {
    let site = TestSite::copy_of("grades");
    let path = "content/grade-areas.toml";
    let text = site.read(path);
    site.write(
        path,
        text.replace("[efficiency]\ntitle", "[Efficiency]\ntitel"),
    );
    let run = site.check(&[]);
    assert!(!run.success);
    run.assert_diagnostic(
        "content/grade-areas.toml:9:1",
        "unknown field `titel` in a graded area",
        "did you mean `title`?",
    );
    run.assert_diagnostic(
        "content/grade-areas.toml:8:2",
        "the area name `Efficiency` is not a valid slug",
        "use lowercase letters, digits and single hyphens: [efficiency]",
    );
}

#[test]
fn a_theme_without_the_grades_template_says_so_once_a_report_has_grades() {
    let site = TestSite::copy_of("grades").with_own_default_theme();
    std::fs::remove_file(site.path("themes/default/templates/grades.html")).expect("remove");
    let run = site.build(&[]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("themes/default/templates/grades.html")
            && run
                .stderr
                .contains("this template is missing from the theme"),
        "{}",
        run.stderr
    );
    let site = TestSite::copy_of("minimal").with_own_default_theme();
    std::fs::remove_file(site.path("themes/default/templates/grades.html")).expect("remove");
    assert!(site.build(&[]).success);
}
