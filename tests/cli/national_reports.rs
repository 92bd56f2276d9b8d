//! A national site's list of every report (`/reports/`): each report's counts against the open
//! data and the fixture's known answers, the three orders (each a page of its own, no
//! JavaScript), pages of 100 with numbered links, the navigation, the sitemap and Welsh.

use std::collections::BTreeMap;

use crate::support::TestSite;

/// A row of the list: the report's address, then its cells' text (published, expected,
/// responded, on time, overdue now).
#[derive(Debug, PartialEq, Eq)]
struct Row {
    url: String,
    published: String,
    counts: [usize; 4],
}

/// The text of an HTML fragment, its tags taken out and its spaces collapsed.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
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

/// The rows of the list's table on `page`.
fn rows(site: &TestSite, page: &str) -> Vec<Row> {
    let html = site.read(page);
    let Some(start) = html.find("<tbody>") else {
        return Vec::new();
    };
    let end = html[start..].find("</tbody>").expect("the table's end") + start;
    html[start..end]
        .split("<tr>")
        .skip(1)
        .map(|row| {
            let url_start = row.find("href=\"").expect("a link") + 6;
            let url = row[url_start..][..row[url_start..].find('"').expect("its end")].to_string();
            let cells: Vec<String> = row
                .split("<td")
                .skip(1)
                .map(|cell| text_of(&format!("<td{cell}")))
                .collect();
            let number = |at: usize| cells[at].parse::<usize>().expect("a number");
            Row {
                url,
                published: cells[0].clone(),
                counts: [number(1), number(2), number(3), number(4)],
            }
        })
        .collect()
}

fn built() -> (TestSite, serde_json::Value) {
    let site = TestSite::copy_of("national");
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    let json = serde_json::from_str(&site.read("public/data/archive.json")).expect("json");
    (site, json)
}

/// Each report's counts as the open data gives them (`bodies` of archive.json), by address:
/// expected, responded, on time, overdue.
fn counts_in_open_data(json: &serde_json::Value) -> BTreeMap<String, [usize; 4]> {
    let reports = json["reports"].as_array().expect("reports");
    reports
        .iter()
        .map(|report| {
            let slug = report["slug"].as_str().expect("a slug");
            let bodies = report["bodies"].as_array().cloned().unwrap_or_default();
            let status = |word: &str| {
                (bodies.iter())
                    .filter(|body| body["response_status"] == word)
                    .count()
            };
            let responded = (bodies.iter())
                .filter(|body| !body["response_page_url"].is_null())
                .count();
            let counts = [
                bodies.len(),
                responded,
                status("on-time"),
                status("overdue"),
            ];
            (format!("/national/reports/{slug}/"), counts)
        })
        .collect()
}

/// Worked out by hand for 1 November 2024 (see `tests/cli/national.rs`): "Roads policing: not
/// optional" is expected of all five police bodies; Kent answered on time, Testshire late, the
/// other three are overdue. The stalking report: Kent late, the other four overdue.
#[test]
fn the_list_gives_every_report_its_counts_newest_first() {
    let (site, json) = built();
    let list = rows(&site, "public/reports/index.html");
    let known = counts_in_open_data(&json);
    assert_eq!(list.len(), known.len(), "every report, once");
    for row in &list {
        assert_eq!(Some(&row.counts), known.get(&row.url), "{row:?}");
    }
    let row = |url: &str| {
        list.iter()
            .find(|row| row.url == url)
            .unwrap_or_else(|| panic!("{url} in {list:?}"))
    };
    let roads = row("/national/reports/roads-2020/");
    assert_eq!(roads.published, "15 July 2020");
    assert_eq!(roads.counts, [5, 2, 1, 3]);
    let stalking = row("/national/reports/stalking-harassment/");
    assert_eq!(stalking.published, "1 June 2024");
    assert_eq!(stalking.counts, [5, 1, 0, 4]);
    // Newest first, as archive.json lists them.
    let published: Vec<&str> = (json["reports"].as_array().expect("reports").iter())
        .map(|report| report["published"].as_str().expect("a date"))
        .collect();
    let mut newest_first = published.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(published, newest_first);
    let order: Vec<String> = (json["reports"].as_array().expect("reports").iter())
        .map(|r| format!("/national/reports/{}/", r["slug"].as_str().expect("slug")))
        .collect();
    let urls: Vec<String> = list.iter().map(|row| row.url.clone()).collect();
    assert_eq!(urls, order);
    // A table with a caption, each report a row header linking to its page.
    let html = site.read("public/reports/index.html");
    assert!(
        html.contains(&format!(
            "Reports 1 to {} of {}, newest first, on",
            list.len(),
            list.len()
        )),
        "{html}"
    );
    assert!(html.contains("<th scope=\"row\"><a href=\"/national/reports/roads-2020/\">"));
    // One list: no page numbers.
    assert!(!html.contains("class=\"page-numbers\""));
}

#[test]
fn each_order_is_a_page_of_its_own_linked_from_the_others() {
    let (site, _) = built();
    let newest = rows(&site, "public/reports/index.html");
    let fewest = rows(&site, "public/reports/by/fewest-responses/index.html");
    let overdue = rows(&site, "public/reports/by/most-overdue/index.html");
    let place = |url: &str| newest.iter().position(|row| row.url == url);
    for list in [&fewest, &overdue] {
        let mut urls: Vec<&str> = list.iter().map(|row| row.url.as_str()).collect();
        urls.sort_unstable();
        let mut all: Vec<&str> = newest.iter().map(|row| row.url.as_str()).collect();
        all.sort_unstable();
        assert_eq!(urls, all, "the same reports in another order");
    }
    // Fewest responses first; of those, the most bodies expected; then the newest.
    for pair in fewest.windows(2) {
        let key = |row: &Row| {
            (
                row.counts[1],
                std::cmp::Reverse(row.counts[0]),
                place(&row.url),
            )
        };
        assert!(key(&pair[0]) < key(&pair[1]), "{pair:?}");
    }
    // Most overdue first, then the newest.
    for pair in overdue.windows(2) {
        let key = |row: &Row| (std::cmp::Reverse(row.counts[3]), place(&row.url));
        assert!(key(&pair[0]) < key(&pair[1]), "{pair:?}");
    }
    // Stalking and digital forensics each have four bodies overdue: the newer first.
    let first_two: Vec<&str> = overdue[..2].iter().map(|row| row.url.as_str()).collect();
    assert_eq!(
        first_two,
        [
            "/national/reports/stalking-harassment/",
            "/national/reports/digital-forensics-national/"
        ]
    );
    assert_eq!(overdue[0].counts[3], 4, "{overdue:?}");
    // Five reports have no response, each of one body: the newest of them first.
    assert_eq!(fewest[0].url, "/national/reports/custody-revisit/");
    assert_eq!(fewest[0].counts, [1, 0, 0, 0]);
    assert_eq!(fewest[5].counts[1], 1, "{fewest:?}");
    // Each page links to the other orders and names its own without a link.
    let html = site.read("public/reports/by/most-overdue/index.html");
    assert!(html.contains("<a href=\"/national/reports/\">Newest first</a>"));
    assert!(
        html.contains(
            "<a href=\"/national/reports/by/fewest-responses/\">Fewest responses first</a>"
        )
    );
    assert!(html.contains("<strong>Most overdue first</strong>"));
    assert!(html.contains("<title>Every report, most overdue first"));
    let html = site.read("public/reports/index.html");
    assert!(html.contains("<strong>Newest first</strong>"));
    assert!(html.contains("<a href=\"/national/reports/by/most-overdue/\">Most overdue first</a>"));
}

#[test]
fn the_list_is_in_the_navigation_on_the_home_page_and_in_the_sitemap() {
    let (site, _) = built();
    let home = site.read("public/index.html");
    assert!(home.contains("<li><a href=\"/national/reports/\">Reports</a></li>"));
    assert!(home.contains(
        "<p><a href=\"/national/reports/\">Every report, and who has responded to it</a></p>"
    ));
    let list = site.read("public/reports/index.html");
    assert!(list.contains("<a href=\"/national/reports/\" aria-current=\"page\">Reports</a>"));
    let sitemap = site.read("public/sitemap.xml");
    for page in [
        "reports/",
        "reports/by/fewest-responses/",
        "reports/by/most-overdue/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://example.org/national/{page}</loc>")),
            "{page} in {sitemap}"
        );
    }
    // An office's own site has no such list and no such link.
    let office = TestSite::copy_of("minimal");
    assert!(office.build(&[]).success);
    assert!(!office.path("public/reports/index.html").exists());
    assert!(
        !office
            .read("public/index.html")
            .contains(">Reports</a></li>")
    );
}

/// 250 more reports (a CSV of Surrey's responses): pages of 100, each order split the same way,
/// with numbered links after the GOV.UK pattern.
#[test]
fn a_long_list_is_split_into_pages_with_numbered_links() {
    let site = TestSite::copy_of("national");
    let mut csv =
        String::from("report_url,report_title,report_published,response_date,response_url\n");
    for n in 0..250 {
        let day = 1 + n % 28;
        let month = 1 + (n / 28) % 12;
        csv.push_str(&format!(
            "https://www.justiceinspectorates.gov.uk/hmicfrs/publications/extra-{n}/,\
             Extra report {n},2019-{month:02}-{day:02},2019-12-31,https://surrey.example/r/{n}/\n"
        ));
    }
    site.write("sources/surrey.csv", csv);
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/data/archive.json")).expect("json");
    let total = json["reports"].as_array().expect("reports").len();
    assert!(total > 250 && total <= 300, "{total}");
    let pages = total.div_ceil(100);
    assert_eq!(pages, 3);
    let known = counts_in_open_data(&json);
    for (order, first) in [
        ("newest", "public/reports/index.html"),
        (
            "fewest-responses",
            "public/reports/by/fewest-responses/index.html",
        ),
        ("most-overdue", "public/reports/by/most-overdue/index.html"),
    ] {
        let mut seen: Vec<Row> = rows(&site, first);
        assert_eq!(seen.len(), 100, "{order}");
        for page in 2..=pages {
            let path = format!("public/reports/by/{order}/{page}/index.html");
            let on_page = rows(&site, &path);
            let expected = if page == pages { total - 200 } else { 100 };
            assert_eq!(on_page.len(), expected, "{path}");
            let html = site.read(&path);
            assert!(
                html.contains(&format!(
                    "Reports {} to {} of {total}",
                    (page - 1) * 100 + 1,
                    (page - 1) * 100 + expected
                )),
                "{path}"
            );
            seen.extend(on_page);
        }
        assert!(
            !site
                .path(&format!(
                    "public/reports/by/{order}/{}/index.html",
                    pages + 1
                ))
                .exists()
        );
        // Every report once, with the open data's counts.
        let mut urls: Vec<&str> = seen.iter().map(|row| row.url.as_str()).collect();
        urls.sort_unstable();
        urls.dedup();
        assert_eq!(urls.len(), total, "{order}");
        for row in &seen {
            assert_eq!(Some(&row.counts), known.get(&row.url), "{row:?}");
        }
    }
    // Page 1's first address is the list itself; page 1 of newest is /reports/.
    let first = site.read("public/reports/index.html");
    assert!(
        first.contains("<nav class=\"page-numbers\" aria-label=\"Pages of the list of reports\">")
    );
    assert!(first.contains(
        "<a class=\"page-numbers__next\" href=\"/national/reports/by/newest/2/\" rel=\"next\">"
    ));
    assert!(!first.contains("rel=\"prev\""));
    assert!(first.contains("<title>Every report, newest first (page 1 of 3)"));
    let second = site.read("public/reports/by/most-overdue/2/index.html");
    assert!(second.contains(
        "<a class=\"page-numbers__previous\" href=\"/national/reports/by/most-overdue/\" rel=\"prev\">"
    ));
    assert!(second.contains(
        "<a class=\"page-numbers__next\" href=\"/national/reports/by/most-overdue/3/\" rel=\"next\">"
    ));
    assert!(second.contains(
        "<a href=\"/national/reports/by/most-overdue/2/\" aria-label=\"Page 2\" aria-current=\"page\">2</a>"
    ));
    // The sort links lead to the first page of each order.
    assert!(second.contains("<a href=\"/national/reports/\">Newest first</a>"));
    let sitemap = site.read("public/sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/national/reports/by/fewest-responses/3/</loc>")
    );
}

/// The national fixture with a `[languages.cy]` table, built.
fn bilingual() -> TestSite {
    let site = TestSite::copy_of("national");
    let config = site.read("config.toml");
    let config = config.replace(
        "[deadline]",
        "[languages.cy]\ntitle = \"Ymatebion i AEFCTh\"\norganisation = \"Cymdeithas Comisiynwyr Testshire\"\n\n[deadline]",
    );
    site.write("config.toml", config);
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    site
}

/// A national site in two languages: the list in Welsh under `/cy/`, its words translated.
#[test]
fn a_bilingual_national_site_lists_its_reports_in_each_language() {
    let site = bilingual();
    let welsh = site.read("public/cy/reports/index.html");
    assert!(welsh.contains("<title>Pob adroddiad"), "{welsh}");
    assert!(
        welsh.contains("<strong>Y mwyaf newydd yn gyntaf</strong>"),
        "{welsh}"
    );
    assert!(
        welsh.contains("<a href=\"/national/cy/reports/by/most-overdue/\">"),
        "{welsh}"
    );
    assert!(
        welsh.contains("<a href=\"/national/cy/reports/roads-2020/\">"),
        "{welsh}"
    );
    assert_eq!(
        rows(&site, "public/cy/reports/index.html").len(),
        rows(&site, "public/reports/index.html").len()
    );
    assert!(
        site.path("public/cy/reports/by/fewest-responses/index.html")
            .is_file()
    );
}

/// The Welsh pages of a national site (`/bodies/`, each body, each report, `/reports/`,
/// `/deadlines/`, the home page) and its Welsh search results print none of the English
/// interface words that Welsh words differently: none is written into a template or the code.
#[test]
fn a_bilingual_national_site_prints_no_english_interface_words_in_welsh() {
    let site = bilingual();
    let mut welsh: BTreeMap<String, String> = (crate::languages::pages(&site).into_iter())
        .filter(|(address, _)| address.starts_with("cy/"))
        .collect();
    for address in [
        "cy/bodies/",
        "cy/bodies/kent/",
        "cy/reports/roads-2020/",
        "cy/deadlines/",
    ] {
        assert!(welsh.contains_key(address), "no page /{address}");
    }
    // The search results are what the search page shows, in its language.
    let chunks = walkdir::WalkDir::new(site.path("public/cy/search"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"));
    for chunk in chunks {
        let address = chunk
            .path()
            .strip_prefix(site.path("public"))
            .expect("inside public");
        let text = std::fs::read_to_string(chunk.path()).expect("a chunk");
        welsh.insert(address.to_string_lossy().replace('\\', "/"), text);
    }
    let found = crate::languages::english_interface_words(&site, &welsh);
    assert!(
        found.is_empty(),
        "English on Welsh pages:\n{}",
        found.join("\n")
    );
}
