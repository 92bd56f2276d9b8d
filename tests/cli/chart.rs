//! The days-taken histogram of `/deadlines/`, built from the deadlines fixture: one band per week
//! of the window, late bands after it, and the same counts in the chart and in its table.

use std::fs;

use crate::support::TestSite;

/// A band as the table gives it: days taken, responses, within the deadline.
type Band = (&'static str, usize, &'static str);

/// A band as found in the page: its label, its count, and "Yes"/"No" (table) or a class (SVG).
type Found = (String, usize, String);

/// The fixture's first dated responses took 25 and 31 days (two-responses, joint-b), 56
/// (day-56, leap-day), 57 (day-57, bank-holiday, year-roll), 59 (published-late) and 64
/// (joint-a) days; fire and not-statutory have no deadline, undated no date.
const FIXTURE_BANDS: &[Band] = &[
    ("1 to 7", 0, "Yes"),
    ("8 to 14", 0, "Yes"),
    ("15 to 21", 0, "Yes"),
    ("22 to 28", 1, "Yes"),
    ("29 to 35", 1, "Yes"),
    ("36 to 42", 0, "Yes"),
    ("43 to 49", 0, "Yes"),
    ("50 to 56", 2, "Yes"),
    ("57 to 63", 4, "No"),
    ("64 to 70", 1, "No"),
    ("71 to 77", 0, "No"),
    ("78 to 84", 0, "No"),
    ("85 to 91", 0, "No"),
    ("92 or more", 0, "No"),
];

fn deadlines_page(site: &TestSite) -> String {
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    site.read("public/deadlines/index.html")
}

/// The rows of the table under the chart, as (days taken, responses, within the deadline).
fn table_bands(page: &str) -> Vec<Found> {
    let start = page
        .find("id=\"chart-table-caption\"")
        .expect("the chart's table");
    let table = &page[start..start + page[start..].find("</table>").expect("its end")];
    let cell = |row: &str, open: &str, close: &str| -> String {
        let from = row.find(open).unwrap_or_else(|| panic!("{open} in {row}")) + open.len();
        row[from..from + row[from..].find(close).expect("a closing tag")].to_string()
    };
    table
        .split("<tr>")
        .filter(|row| row.contains("<th scope=\"row\">"))
        .map(|row| {
            let count = cell(row, "<td class=\"numeric\">", "</td>");
            let after_count = &row[row.find("</td>").expect("a count") + 5..];
            (
                cell(row, "<th scope=\"row\">", "</th>"),
                count.parse().expect("a number of responses"),
                cell(after_count, "<td>", "</td>"),
            )
        })
        .collect()
}

/// The bars of the SVG, as (label, count, class).
fn svg_bands(page: &str) -> Vec<Found> {
    let start = page.find("<svg class=\"chart\"").expect("the chart");
    let svg = &page[start..start + page[start..].find("</svg>").expect("its end")];
    let text = |group: &str, class: &str| -> String {
        let open = format!("class=\"{class}\"");
        let from = group
            .find(&open)
            .unwrap_or_else(|| panic!("{class} in {group}"));
        let from = from + group[from..].find('>').expect("a tag end") + 1;
        group[from..from + group[from..].find("</text>").expect("a text end")].to_string()
    };
    svg.split("<g class=\"chart-band ")
        .skip(1)
        .map(|group| {
            let class = group[..group.find('"').expect("a class")].to_string();
            (
                text(group, "chart-label"),
                text(group, "chart-value").parse().expect("a count"),
                class,
            )
        })
        .collect()
}

/// Asserts that the chart's table and its SVG bars both give these bands, in this order; an
/// on-time band's bar has the class `chart-on-time`, a late one's `chart-late`.
fn assert_bands(page: &str, bands: &[Band]) {
    let table: Vec<Found> = bands
        .iter()
        .map(|&(days, count, within)| (days.to_string(), count, within.to_string()))
        .collect();
    assert_eq!(table_bands(page), table);
    let svg: Vec<Found> = bands
        .iter()
        .map(|&(days, count, within)| {
            let class = if within == "Yes" {
                "chart-on-time"
            } else {
                "chart-late"
            };
            (days.to_string(), count, class.to_string())
        })
        .collect();
    assert_eq!(svg_bands(page), svg);
}

#[test]
fn the_chart_counts_first_responses_in_bands_of_a_week() {
    let site = TestSite::copy_of("deadlines");
    let page = deadlines_page(&site);
    assert_bands(&page, FIXTURE_BANDS);
    assert!(page.contains(
        "4 of 9 responses were published within the 56-day deadline, in the bands above the \
         dashed line, and 5 were late"
    ));
    assert!(page.contains(">56-day deadline</text>"));
    let at = |text: &str| page.find(text).unwrap_or_else(|| panic!("no {text}"));
    let deadline = at("class=\"chart-deadline\"");
    assert!(at(">50 to 56</text>") < deadline && deadline < at(">57 to 63</text>"));
}

#[test]
fn a_52_day_window_ends_on_time_at_day_52_and_the_last_band_takes_a_very_late_response() {
    let site = TestSite::copy_of("deadlines");
    let config = site.read("config.toml");
    assert!(config.contains("days = 56"));
    site.write("config.toml", config.replace("days = 56", "days = 52"));
    site.write(
        "content/reports/very-late.md",
        "+++\ntitle = \"Report very-late\"\npublished = 2023-01-02\ntype = \"force\"\n\
         themes = [\"general\"]\nsummary = \"Answered on day 200.\"\n+++\nBody.\n",
    );
    site.write(
        "content/responses/very-late-response.md",
        "+++\nreport = \"very-late\"\ndate = 2023-07-20\nauthor = \"A. Commissioner\"\n+++\nDear Home Secretary.\n",
    );
    let page = deadlines_page(&site);
    assert_bands(
        &page,
        &[
            ("1 to 7", 0, "Yes"),
            ("8 to 14", 0, "Yes"),
            ("15 to 21", 0, "Yes"),
            ("22 to 28", 1, "Yes"),
            ("29 to 35", 1, "Yes"),
            ("36 to 42", 0, "Yes"),
            ("43 to 49", 0, "Yes"),
            ("50 to 52", 0, "Yes"),
            ("53 to 59", 6, "No"),
            ("60 to 66", 1, "No"),
            ("67 to 73", 0, "No"),
            ("74 to 80", 0, "No"),
            ("81 to 87", 0, "No"),
            ("88 or more", 1, "No"),
        ],
    );
    assert!(page.contains("2 of 10 responses were published within the 52-day deadline"));
    assert!(page.contains(">52-day deadline</text>"));
}

#[test]
fn no_chart_without_a_dated_response_to_a_report_with_a_deadline() {
    let site = TestSite::copy_of("deadlines");
    // Keep the undated response and the two to reports without a deadline.
    let keep = [
        "undated-response.md",
        "fire-response.md",
        "not-statutory-response.md",
    ];
    for entry in fs::read_dir(site.path("content/responses")).expect("responses") {
        let path = entry.expect("a response").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !keep.contains(&name) {
            fs::remove_file(&path).expect("remove a response");
        }
    }
    let page = deadlines_page(&site);
    assert!(!page.contains("<svg"), "a chart with nothing to count");
    assert!(!page.contains("The numbers in the chart"));
    assert!(page.contains("Every report"));
}
