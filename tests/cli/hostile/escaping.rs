//! Every string from the content is escaped for where it lands: HTML text and attributes,
//! JSON-LD in `<script>`, Atom and sitemap XML, JSON and CSV. Raw HTML in Markdown follows
//! `[markdown] raw_html`, and script addresses are refused.

use crate::support::{TestSite, tree};

use super::inspect::{
    assert_inert, escaped, json_ld_blocks, json_strings, toml_string, well_formed_xml,
};

/// Plain text that would run as script, break out of an attribute, a `<script>` element, an XML
/// CDATA section or a template, or run as a spreadsheet formula, if it were not escaped.
const HOSTILE: &str = "=HYPERLINK(\"javascript:alert(1)\") <script>alert('t')</script> \
                       \" onmouseover=\"alert(2)' x=' </title></textarea>]]> <!-- & &amp; {{ 7*7 }} {% raw %}";

/// A Markdown body with raw HTML and a script link, escaped by default.
const HOSTILE_BODY: &str = "<script>alert(3)</script>\n\n\
                            Text <img src=x onerror=alert(4)>.\n\n\
                            [click](javascript:alert(5))\n\n\
                            ## Heading {#h onclick=alert(6)}\n";

/// The minimal site with every free-text field of config, themes, a report, a response and a
/// page set to [`HOSTILE`], and Markdown bodies full of raw HTML.
fn hostile_site() -> TestSite {
    let site = TestSite::copy_of("minimal");
    let h = toml_string(HOSTILE);
    site.write(
        "config.toml",
        format!(
            "title = {h}\nbase_url = \"https://example.org/pfcc/hmicfrs/\"\nlanguage = \"en-GB\"\n\
             organisation = {h}\nforce = {h}\ntheme = \"default\"\n"
        ),
    );
    site.write(
        "content/themes.toml",
        format!(
            "[custody]\ntitle = {h}\ndescription = {h}\n\n[roads-policing]\ntitle = \"Roads\"\n\n\
             [fire-safety]\ntitle = \"Fire\"\n"
        ),
    );
    site.write(
        "content/reports/custody-2023.md",
        format!(
            "+++\ntitle = {h}\npublished = 2023-03-08\ntype = \"joint\"\nthemes = [\"custody\"]\n\
             url = \"https://example.org/report?q=%22%3E&x=<script>alert(7)</script>\"\n\
             summary = {h}\n\n[[findings]]\nid = \"R1\"\nkind = \"recommendation\"\ntext = {h}\n\
             addressed_to = [{h}]\nowner = {h}\ndue = 2024-03-31\n\n[[findings.updates]]\n\
             date = 2023-05-02\nstatus = \"in-progress\"\nnote = {h}\n+++\n{HOSTILE_BODY}"
        ),
    );
    site.write(
        "content/responses/custody-2023-response.md",
        format!(
            "+++\nreport = \"custody-2023\"\ndate = 2023-05-02\ntitle = {h}\nauthor = {h}\nrole = {h}\n\
             to = {h}\ncc = [{h}, {h}]\nour_ref = {h}\naddresses = [\"R1\"]\n\n[[attachments]]\n\
             file = \"files/custody-letter.pdf\"\ntitle = {h}\n+++\n{HOSTILE_BODY}"
        ),
    );
    site.write(
        "content/pages/about.md",
        format!("+++\ntitle = {h}\nsummary = {h}\nupdated = 2024-01-10\n+++\n{HOSTILE_BODY}"),
    );
    site
}

/// The test: a page built from a front matter full of `<script>`, quotes, `</script>`,
/// `javascript:` and `=cmd` strings shows them as text everywhere.
#[test]
fn hostile_front_matter_shows_as_text_in_every_page() {
    let site = hostile_site();
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    let files = tree(&site.path("public"));
    let mut pages = 0;
    for (path, bytes) in files.iter().filter(|(path, _)| path.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        assert_inert(path, &html, "/pfcc/hmicfrs/");
        assert!(
            !html.contains(HOSTILE),
            "{path}: the hostile text appears unescaped"
        );
        pages += 1;
    }
    assert!(pages >= 10, "only {pages} pages");
    let text = escaped(HOSTILE);
    let report = site.read("public/reports/custody-2023/index.html");
    assert!(report.contains(&format!(" {text}</h1>")), "{report}");
    assert!(report.contains(&format!("<title>{text}")), "{report}");
    assert!(
        report.contains(&format!("<meta name=\"description\" content=\"{text}\">")),
        "{report}"
    );
    assert!(
        report.contains("href=\"https://example.org/report?q=%22%3E&amp;x=&lt;script&gt;alert(7)&lt;/script&gt;\""),
        "{report}"
    );
    assert!(
        report.contains("&lt;script&gt;alert(3)&lt;/script&gt;"),
        "{report}"
    );
    assert!(!report.contains("onclick"), "{report}");
    let response = site.read("public/responses/custody-2023-response/index.html");
    assert!(response.contains(&format!("{text}</h1>")), "{response}");
    assert!(response.contains(&format!("<li>{text}</li>")), "{response}");
    let home = site.read("public/index.html");
    assert!(home.contains(&text), "{home}");
}

/// JSON-LD in a `<script>` element: every hostile string survives as data, and none ends the
/// element early.
#[test]
fn hostile_front_matter_stays_inside_json_ld() {
    let site = hostile_site();
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    for page in [
        "public/reports/custody-2023/index.html",
        "public/responses/custody-2023-response/index.html",
    ] {
        let html = site.read(page);
        let blocks = json_ld_blocks(page, &html);
        assert!(!blocks.is_empty(), "{page}: no JSON-LD");
        let mut strings = Vec::new();
        blocks
            .iter()
            .for_each(|block| json_strings(block, &mut strings));
        assert!(
            strings.iter().any(|s| s == HOSTILE),
            "{page}: the title is not in the JSON-LD as it was written: {strings:?}"
        );
    }
}

/// The Atom feed and the sitemap are well-formed XML with the hostile text as text.
#[test]
fn hostile_front_matter_is_text_in_feeds_and_sitemaps() {
    let site = hostile_site();
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    let feed = site.read("public/feed.xml");
    let text = well_formed_xml("feed.xml", &feed);
    assert!(
        text.contains(HOSTILE),
        "feed.xml does not carry the title as text"
    );
    assert!(!feed.contains("<script"), "{feed}");
    let sitemap = site.read("public/sitemap.xml");
    well_formed_xml("sitemap.xml", &sitemap);
    for (path, bytes) in tree(&site.path("public")) {
        if path.ends_with(".xml") {
            well_formed_xml(&path, &String::from_utf8_lossy(&bytes));
        }
    }
}

/// Regression (found by the property tests): U+FFFE in a title made feed.xml invalid XML, and
/// feed readers reject the whole feed.
#[test]
fn characters_xml_forbids_are_dropped_from_feeds() {
    let site = TestSite::copy_of("minimal");
    let report = site.read("content/reports/custody-2023.md").replace(
        "title = \"An inspection of Testshire Police custody suites\"",
        "title = \"Custody\\uFFFE suites\\u0007 \\uFFFF\"",
    );
    site.write("content/reports/custody-2023.md", report);
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    let feed = site.read("public/feed.xml");
    let text = well_formed_xml("feed.xml", &feed);
    assert!(text.contains("Custody suites "), "{text}");
}

/// Open data: JSON strings round-trip, and no CSV cell can start a spreadsheet formula.
#[test]
fn hostile_front_matter_is_defused_in_open_data() {
    let site = hostile_site();
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/data/archive.json")).expect("archive.json parses");
    let titles: Vec<&str> = json["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .filter_map(|report| report["title"].as_str())
        .collect();
    assert!(titles.contains(&HOSTILE), "{titles:?}");
    for name in ["reports", "responses", "findings"] {
        let text = site.read(&format!("public/data/{name}.csv"));
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        for record in reader.records() {
            let record = record.expect("a CSV row");
            for cell in &record {
                let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
                    && cell.parse::<f64>().is_err();
                assert!(!formula, "{name}.csv: a formula cell {cell:?}");
            }
        }
    }
    let reports = site.read("public/data/reports.csv");
    let mut reader = csv::Reader::from_reader(reports.as_bytes());
    let defused = format!("'{HOSTILE}");
    let found = reader
        .records()
        .filter_map(Result::ok)
        .any(|record| record.iter().any(|cell| cell == defused));
    assert!(found, "the title is not in reports.csv as '{HOSTILE}");
}

pub fn report_with(field: &str) -> String {
    format!(
        "+++\ntitle = \"A report\"\npublished = 2023-03-08\ntype = \"force\"\nthemes = [\"custody\"]\n{field}\n+++\nBody.\n"
    )
}

#[test]
fn script_addresses_are_rejected_in_report_urls() {
    for url in [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/",
        "https://example.org/a b",
    ] {
        let site = TestSite::copy_of("minimal");
        site.write(
            "content/reports/bad-url.md",
            report_with(&format!("url = {}", toml_string(url))),
        );
        let run = site.check(&[]);
        assert!(!run.success, "{url} was accepted");
        assert!(
            run.stderr.contains("--> content/reports/bad-url.md:6:7")
                && run
                    .stderr
                    .contains("`url` must be a web address starting https://"),
            "{url}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_base_url_with_markup_in_it_is_rejected() {
    let site = TestSite::copy_of("minimal");
    let config = site.read("config.toml").replace(
        "base_url = \"https://example.org/pfcc/hmicfrs/\"",
        "base_url = \"https://example.org/a\\\"><script>alert(1)</script>/\"",
    );
    site.write("config.toml", config);
    let run = site.check(&[]);
    assert!(!run.success);
    assert!(
        run.stderr
            .contains("`base_url` is not an absolute web address"),
        "{}",
        run.stderr
    );
}

fn with_markdown_config(site: &TestSite, table: &str) {
    let config = site.read("config.toml");
    site.write("config.toml", format!("{config}\n[markdown]\n{table}\n"));
}

#[test]
fn raw_html_in_markdown_is_escaped_by_default_and_when_asked() {
    for config in [None, Some("raw_html = \"escape\"")] {
        let site = TestSite::copy_of("minimal");
        if let Some(table) = config {
            with_markdown_config(&site, table);
        }
        site.write(
            "content/pages/about.md",
            format!("+++\ntitle = \"About\"\n+++\n{HOSTILE_BODY}"),
        );
        let run = site.build(&[]);
        assert!(run.success, "{}", run.stderr);
        let page = site.read("public/about/index.html");
        assert_inert("about", &page, "/pfcc/hmicfrs/");
        assert!(
            page.contains("<p>&lt;script&gt;alert(3)&lt;/script&gt;\n</p>"),
            "{page}"
        );
        assert!(
            page.contains("Text &lt;img src=x onerror=alert(4)&gt;."),
            "{page}"
        );
        assert!(page.contains("<p>click</p>"), "{page}");
    }
}

#[test]
fn raw_html_in_markdown_passes_through_when_allowed() {
    let site = TestSite::copy_of("minimal");
    with_markdown_config(&site, "raw_html = \"allow\"");
    site.write(
        "content/pages/about.md",
        "+++\ntitle = \"About\"\n+++\n<details><summary>More</summary>\n\nHidden <abbr title=\"Police and Crime Commissioner\">PCC</abbr> text.\n\n</details>\n",
    );
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    let page = site.read("public/about/index.html");
    assert!(page.contains("<details><summary>More</summary>"), "{page}");
    assert!(
        page.contains("<abbr title=\"Police and Crime Commissioner\">PCC</abbr>"),
        "{page}"
    );
}

#[test]
fn a_mistyped_raw_html_setting_is_an_error_with_a_suggestion() {
    let site = TestSite::copy_of("minimal");
    with_markdown_config(&site, "raw_html = \"escaped\"");
    let run = site.check(&[]);
    assert!(!run.success);
    run.assert_diagnostic(
        "config.toml:13:12",
        "`raw_html` has the unknown value \"escaped\"",
        "did you mean \"escape\"?",
    );
    let site = TestSite::copy_of("minimal");
    with_markdown_config(&site, "raw-html = \"allow\"");
    let run = site.check(&[]);
    assert!(!run.success);
    run.assert_diagnostic(
        "config.toml:13:1",
        "unknown field `raw-html` in a markdown section",
        "did you mean `raw_html`?",
    );
}
