//! Hostile and careless input: script, quotes and formulas in every front-matter field, symlinks
//! out of content/, bad file names, huge and deeply nested files, and builds killed mid-write.
//! Each must end in a clear message or a correct site, never a crash, a leak or lost work.

use std::fs;
use std::time::{Duration, Instant};

use crate::support::{Run, TestSite, scrutiny, tree};

/// Plain text that would run as script, break out of an attribute, a `<script>` element, an XML
/// CDATA section or a template, or run as a spreadsheet formula, if it were not escaped.
const HOSTILE: &str = "=HYPERLINK(\"javascript:alert(1)\") <script>alert('t')</script> \
                       \" onmouseover=\"alert(2)' x=' </title></textarea>]]> <!-- & &amp; {{ 7*7 }} {% raw %}";

/// A Markdown body with raw HTML and a script link, escaped by default.
const HOSTILE_BODY: &str = "<script>alert(3)</script>\n\n\
                            Text <img src=x onerror=alert(4)>.\n\n\
                            [click](javascript:alert(5))\n\n\
                            ## Heading {#h onclick=alert(6)}\n";

/// `text` as a TOML basic string.
pub fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` escaped the way the pages escape text and attribute values.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// A start tag of an HTML page: its lowercase name and attributes (values still escaped).
pub struct Tag {
    pub name: String,
    pub attributes: Vec<(String, String)>,
}

impl Tag {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// The start tags of `html`, read as a browser reads well-formed markup. Text between tags needs
/// no reading: every `<` in escaped text is `&lt;`, so any `<` starts a real tag.
pub fn tags(html: &str) -> Vec<Tag> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = &rest[name_end..];
        if name.is_empty() || name.starts_with('!') {
            continue;
        }
        let mut attributes = Vec::new();
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if rest.is_empty() || rest.starts_with('>') {
                break;
            }
            let key_end = rest
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
                .unwrap_or(rest.len());
            let key = rest[..key_end].to_ascii_lowercase();
            rest = &rest[key_end..];
            let mut value = String::new();
            if let Some(after) = rest.strip_prefix('=') {
                match after.chars().next().filter(|c| *c == '"' || *c == '\'') {
                    Some(quote) => {
                        let inner = &after[1..];
                        let end = inner.find(quote).unwrap_or(inner.len());
                        value = inner[..end].to_string();
                        rest = inner.get(end + 1..).unwrap_or("");
                    }
                    None => {
                        let end = after
                            .find(|c: char| c.is_whitespace() || c == '>')
                            .unwrap_or(after.len());
                        value = after[..end].to_string();
                        rest = &after[end..];
                    }
                }
            }
            if key.is_empty() {
                let mut chars = rest.chars();
                chars.next();
                rest = chars.as_str();
                continue;
            }
            attributes.push((key, value));
        }
        tags.push(Tag { name, attributes });
    }
    tags
}

/// Asserts a page has no active content but the theme's own: no element that runs script except
/// JSON-LD and the theme's script files, no frame, `<base>` or refresh, no event handler, no
/// `javascript:` or `data:` address.
pub fn assert_inert(page: &str, html: &str, base_path: &str) {
    for tag in tags(html) {
        match tag.name.as_str() {
            "script" => {
                let json_ld = tag.attribute("type") == Some("application/ld+json");
                let theme_file = tag
                    .attribute("src")
                    .is_some_and(|src| src.starts_with(base_path) && src.ends_with(".js"));
                assert!(
                    json_ld || theme_file,
                    "{page}: a script element that the theme did not write"
                );
            }
            "iframe" | "object" | "embed" | "frame" | "frameset" | "base" | "meta"
                if tag.name != "meta"
                    || tag
                        .attribute("http-equiv")
                        .is_some_and(|v| !v.eq_ignore_ascii_case("content-security-policy")) =>
            {
                panic!("{page}: a <{}> element that the theme did not write", tag.name);
            }
            _ => {}
        }
        for (name, value) in &tag.attributes {
            assert!(
                !name.starts_with("on"),
                "{page}: an event handler `{name}` on <{}>",
                tag.name
            );
            let value = value.trim().to_ascii_lowercase();
            let is_address = matches!(name.as_str(), "href" | "src" | "action" | "formaction");
            assert!(
                !(is_address && (value.starts_with("javascript:") || value.starts_with("data:"))),
                "{page}: a script address in {name} on <{}>",
                tag.name
            );
        }
    }
}

/// The JSON-LD blocks of a page, each parsed.
pub fn json_ld_blocks(page: &str, html: &str) -> Vec<serde_json::Value> {
    let opening = "<script type=\"application/ld+json\">";
    let mut blocks = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(opening) {
        rest = &rest[start + opening.len()..];
        let end = rest
            .find("</script>")
            .unwrap_or_else(|| panic!("{page}: JSON-LD never closed"));
        let json = &rest[..end];
        assert!(
            !json.to_ascii_lowercase().contains("<script") && !json.contains("<!--"),
            "{page}: markup inside JSON-LD: {json}"
        );
        let value = serde_json::from_str(json)
            .unwrap_or_else(|error| panic!("{page}: JSON-LD does not parse ({error}): {json}"));
        blocks.push(value);
        rest = &rest[end..];
    }
    blocks
}

/// Every string anywhere in a JSON value.
fn json_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(text) => out.push(text.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|item| json_strings(item, out)),
        serde_json::Value::Object(map) => map.values().for_each(|item| json_strings(item, out)),
        _ => {}
    }
}

/// Checks that `xml` is well formed: tags balance, attribute values are quoted, and every `&`
/// starts a known entity or a character reference. Returns the decoded text of the document.
pub fn well_formed_xml(name: &str, xml: &str) -> String {
    let mut open: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut rest = xml;
    while !rest.is_empty() {
        let Some(start) = rest.find('<') else {
            text.push_str(&decode_entities(name, rest));
            break;
        };
        text.push_str(&decode_entities(name, &rest[..start]));
        rest = &rest[start..];
        if let Some(cdata) = rest.strip_prefix("<![CDATA[") {
            let end = cdata
                .find("]]>")
                .unwrap_or_else(|| panic!("{name}: CDATA never closed"));
            text.push_str(&cdata[..end]);
            rest = &cdata[end + 3..];
            continue;
        }
        let (close, skip) = if rest.starts_with("<?") {
            ("?>", true)
        } else if rest.starts_with("<!--") {
            ("-->", true)
        } else {
            (">", false)
        };
        let end = rest
            .find(close)
            .unwrap_or_else(|| panic!("{name}: a tag is never closed"));
        let tag = &rest[1..end];
        rest = &rest[end + close.len()..];
        if skip {
            continue;
        }
        assert!(!tag.contains('<'), "{name}: `<` inside a tag: <{tag}>");
        if let Some(closing) = tag.strip_prefix('/') {
            let expected = open.pop();
            assert_eq!(
                expected.as_deref(),
                Some(closing.trim()),
                "{name}: </{closing}> closes the wrong element"
            );
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let element = tag.split_whitespace().next().unwrap_or("").to_string();
        assert!(!element.is_empty(), "{name}: an empty tag");
        let attributes = &tag[element.len()..];
        assert_eq!(
            attributes.matches('"').count() % 2,
            0,
            "{name}: unbalanced quotes in <{tag}>"
        );
        decode_entities(name, attributes);
        if !self_closing {
            open.push(element);
        }
    }
    assert!(open.is_empty(), "{name}: elements never closed: {open:?}");
    text
}

fn decode_entities(name: &str, text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp + 1..];
        let end = rest
            .find(';')
            .filter(|&end| end <= 10)
            .unwrap_or_else(|| panic!("{name}: a bare & in {text:?}"));
        let entity = &rest[..end];
        let decoded = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let number = entity
                    .strip_prefix("#x")
                    .map(|hex| u32::from_str_radix(hex, 16))
                    .or_else(|| entity.strip_prefix('#').map(str::parse::<u32>))
                    .unwrap_or_else(|| panic!("{name}: unknown entity &{entity};"));
                number
                    .ok()
                    .and_then(char::from_u32)
                    .unwrap_or_else(|| panic!("{name}: bad character reference &{entity};"))
            }
        };
        out.push(decoded);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

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
    assert!(report.contains("&lt;script&gt;alert(3)&lt;/script&gt;"), "{report}");
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
        blocks.iter().for_each(|block| json_strings(block, &mut strings));
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

fn report_with(field: &str) -> String {
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
            run.stderr
                .contains("--> content/reports/bad-url.md:6:7")
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
        site.write("content/pages/about.md", format!("+++\ntitle = \"About\"\n+++\n{HOSTILE_BODY}"));
        let run = site.build(&[]);
        assert!(run.success, "{}", run.stderr);
        let page = site.read("public/about/index.html");
        assert_inert("about", &page, "/pfcc/hmicfrs/");
        assert!(
            page.contains("<p>&lt;script&gt;alert(3)&lt;/script&gt;\n</p>"),
            "{page}"
        );
        assert!(page.contains("Text &lt;img src=x onerror=alert(4)&gt;."), "{page}");
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

/// A secret outside the site, which nothing may copy into it.
const SECRET: &str = "SECRET-7f3a9 do not publish";

#[cfg(unix)]
fn secret_beside(site: &TestSite) -> std::path::PathBuf {
    let secret = site.root().join("outside/secret.md");
    fs::create_dir_all(site.root().join("outside")).expect("mkdir");
    fs::write(
        &secret,
        format!(
            "+++\ntitle = \"{SECRET}\"\npublished = 2023-03-08\ntype = \"force\"\nthemes = [\"custody\"]\n+++\n{SECRET}\n"
        ),
    )
    .expect("write the secret");
    secret
}

#[cfg(unix)]
fn assert_no_secret_published(site: &TestSite) {
    for (path, bytes) in tree(&site.path("public")) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("SECRET-7f3a9"),
            "public/{path} holds the secret"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_markdown_file_linked_from_outside_content_is_an_error() {
    use std::os::unix::fs::symlink;
    let site = TestSite::copy_of("minimal");
    let secret = secret_beside(&site);
    symlink(&secret, site.path("content/reports/leak.md")).expect("symlink");
    let run = site.build(&[]);
    assert!(!run.success, "{}", run.stdout);
    run.assert_diagnostic(
        "content/reports/leak.md",
        "this file is a link to",
        "copy the file itself into content/: nothing outside content/ is read into the site",
    );
    assert!(run.stderr.contains("outside content/"), "{}", run.stderr);
    assert!(!run.stderr.contains(SECRET), "{}", run.stderr);
    assert_no_secret_published(&site);
}

#[cfg(unix)]
#[test]
fn a_document_folder_linked_from_outside_content_is_an_error() {
    use std::os::unix::fs::symlink;
    let site = TestSite::copy_of("minimal");
    secret_beside(&site);
    fs::remove_dir_all(site.path("content/pages")).expect("remove pages");
    symlink(site.path("outside"), site.path("content/pages")).expect("symlink");
    let run = site.build(&[]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("--> content/pages/secret.md")
            && run.stderr.contains("outside content/"),
        "{}",
        run.stderr
    );
    assert_no_secret_published(&site);
}

#[cfg(unix)]
#[test]
fn a_themes_file_linked_from_outside_content_is_an_error() {
    use std::os::unix::fs::symlink;
    let site = TestSite::copy_of("minimal");
    let outside = site.path("outside-themes.toml");
    fs::rename(site.path("content/themes.toml"), &outside).expect("move");
    symlink(&outside, site.path("content/themes.toml")).expect("symlink");
    let run = site.check(&[]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("--> content/themes.toml") && run.stderr.contains("outside content/"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn links_inside_content_are_followed() {
    use std::os::unix::fs::symlink;
    let site = TestSite::copy_of("minimal");
    fs::create_dir_all(site.path("content/shared")).expect("mkdir");
    fs::rename(
        site.path("content/pages/about.md"),
        site.path("content/shared/about.md"),
    )
    .expect("move");
    symlink("../shared/about.md", site.path("content/pages/about.md")).expect("symlink");
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    assert!(site.read("public/about/index.html").contains("About this archive"));
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_dangling_links_are_errors_not_hangs() {
    use std::os::unix::fs::symlink;
    let site = TestSite::copy_of("minimal");
    symlink("loop-b.md", site.path("content/reports/loop-a.md")).expect("symlink");
    symlink("loop-a.md", site.path("content/reports/loop-b.md")).expect("symlink");
    symlink("nowhere.md", site.path("content/reports/dangling.md")).expect("symlink");
    // A folder that contains itself, among the attachments.
    symlink(".", site.path("content/files/again")).expect("symlink");
    let started = Instant::now();
    let run = site.check(&[]);
    assert!(started.elapsed() < Duration::from_secs(60));
    assert!(!run.success);
    for name in ["loop-a", "loop-b", "dangling"] {
        run.assert_diagnostic(
            &format!("content/reports/{name}.md"),
            "this file is a link that cannot be followed",
            "it points to a file that does not exist, or round in a loop; replace it with the file itself",
        );
    }
}

#[cfg(unix)]
#[test]
fn an_attachment_linked_from_outside_content_is_not_copied() {
    use std::os::unix::fs::symlink;
    let site = TestSite::copy_of("minimal");
    let secret = secret_beside(&site);
    fs::remove_file(site.path("content/files/custody-letter.pdf")).expect("remove");
    symlink(&secret, site.path("content/files/custody-letter.pdf")).expect("symlink");
    let run = site.build(&[]);
    assert!(!run.success);
    assert!(
        run.stderr
            .contains("the attachment \"files/custody-letter.pdf\" is a link to a file outside content/"),
        "{}",
        run.stderr
    );
    assert_no_secret_published(&site);
}

fn assert_bad_slug(run: &Run, file: &str, name: &str, rename: &str) {
    run.assert_diagnostic(
        file,
        &format!("the file name `{name}` is not a valid slug"),
        &format!("use lowercase letters, digits and single hyphens only: rename it to {rename}"),
    );
}

#[test]
fn file_names_with_spaces_or_accents_are_bad_slugs() {
    let site = TestSite::copy_of("minimal");
    let report = report_with("");
    site.write("content/reports/my report.md", &report);
    site.write("content/reports/café-inspection.md", &report);
    site.write("content/reports/Custody-2023.md", &report);
    let run = site.check(&[]);
    assert!(!run.success);
    assert_bad_slug(
        &run,
        "content/reports/my report.md",
        "my report",
        "content/reports/my-report.md",
    );
    assert_bad_slug(
        &run,
        "content/reports/café-inspection.md",
        "café-inspection",
        "content/reports/caf-inspection.md",
    );
    // Slugs are lowercase, so two files differing only in case cannot both be valid: the
    // capitalised one is reported, on any file system.
    assert_bad_slug(
        &run,
        "content/reports/Custody-2023.md",
        "Custody-2023",
        "content/reports/custody-2023.md",
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_name_that_is_not_utf8_is_a_bad_slug() {
    use std::os::unix::ffi::OsStrExt;
    let site = TestSite::copy_of("minimal");
    let name = std::ffi::OsStr::from_bytes(b"caf\xE9.md");
    fs::write(site.path("content/reports").join(name), report_with("")).expect("write");
    let run = site.check(&[]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("the file name `caf\u{FFFD}` is not a valid slug"),
        "{}",
        run.stderr
    );
}

/// Writes `count` small valid reports into the site.
fn many_reports(site: &TestSite, count: usize) {
    let folder = site.path("content/reports");
    for index in 0..count {
        fs::write(
            folder.join(format!("generated-{index:06}.md")),
            format!(
                "+++\ntitle = \"Generated report {index}\"\npublished = 2023-03-08\ntype = \"force\"\n\
                 themes = [\"custody\"]\n+++\nBody of report {index}.\n"
            ),
        )
        .expect("write a report");
    }
}

#[test]
fn twenty_thousand_files_are_checked_in_bounded_time() {
    let site = TestSite::copy_of("minimal");
    many_reports(&site, 20_000);
    let started = Instant::now();
    let run = site.check(&[]);
    let took = started.elapsed();
    assert!(run.success, "{}", run.stderr);
    assert!(took < Duration::from_secs(120), "check took {took:?}");
}

/// The full size. Slow (about a minute in release), so run by hand:
/// `cargo test --release --test cli -- --ignored hundred_thousand`.
#[test]
#[ignore = "slow: 100,000 files; run with --ignored"]
fn a_hundred_thousand_files_build_in_bounded_time() {
    let site = TestSite::copy_of("minimal");
    many_reports(&site, 100_000);
    let started = Instant::now();
    let run = site.build(&[]);
    let took = started.elapsed();
    assert!(run.success, "{}", run.stderr);
    assert!(
        site.path("public/reports/generated-099999/index.html").is_file(),
        "the last report was not built"
    );
    assert!(took < Duration::from_secs(600), "build took {took:?}");
}

/// Runs `scrutiny build` under a virtual-memory limit (in KiB), so runaway memory fails the test.
#[cfg(unix)]
fn build_within_memory(site: &TestSite, limit_kib: u64) -> (Run, Duration) {
    let started = Instant::now();
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {limit_kib} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_scrutiny"))
        .args(["build", "--today", "2024-11-01", "--root"])
        .arg(site.root())
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .output()
        .expect("run scrutiny build");
    (output.into(), started.elapsed())
}

/// 8 GiB of address space: generous for a 50 MB page, but a bound.
#[cfg(unix)]
const MEMORY_LIMIT_KIB: u64 = 8 * 1024 * 1024;

#[cfg(unix)]
#[test]
fn a_fifty_megabyte_page_builds_within_bounds() {
    let site = TestSite::copy_of("minimal");
    let paragraph = "The inspectors visited **three custody suites** and read [the policy](/about/) \
                     with `care` and _attention_ to detail, line after line.\n\n";
    let mut body = String::with_capacity(50 * 1024 * 1024 + paragraph.len());
    let mut count = 0;
    while body.len() < 50 * 1024 * 1024 {
        body.push_str(paragraph);
        count += 1;
    }
    body.push_str("The very last paragraph.\n");
    site.write(
        "content/pages/huge.md",
        format!("+++\ntitle = \"Huge\"\n+++\n{body}"),
    );
    let (run, took) = build_within_memory(&site, MEMORY_LIMIT_KIB);
    assert!(run.success, "{}", run.stderr);
    assert!(took < Duration::from_secs(240), "build took {took:?}");
    let page = site.read("public/huge/index.html");
    assert_eq!(page.matches("<strong>three custody suites</strong>").count(), count);
    assert!(page.contains("<p>The very last paragraph.</p>"));
}

#[cfg(unix)]
#[test]
fn a_ten_megabyte_line_builds_and_its_errors_stay_short() {
    let site = TestSite::copy_of("minimal");
    let line = "word ".repeat(2 * 1024 * 1024);
    site.write(
        "content/pages/long-line.md",
        format!("+++\ntitle = \"Long\"\n+++\n{line}\n"),
    );
    let (run, _) = build_within_memory(&site, MEMORY_LIMIT_KIB);
    assert!(run.success, "{}", run.stderr);
    assert!(site.read("public/long-line/index.html").contains(&line[..1000]));

    // An unclosed string 10 MB long: the error points at the end of the line and prints a
    // window of it, not all of it.
    site.write(
        "content/pages/long-line.md",
        format!("+++\ntitle = \"{line}\n+++\nBody.\n"),
    );
    let run = site.check(&[]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("--> content/pages/long-line.md:2:"),
        "{}",
        &run.stderr[..run.stderr.len().min(2000)]
    );
    assert!(
        run.stderr.len() < 10_000,
        "{} bytes of errors",
        run.stderr.len()
    );
}

#[test]
fn ten_thousand_nested_lists_and_quotes_build() {
    let site = TestSite::copy_of("minimal");
    let lists = "- ".repeat(10_000);
    let quotes = ">".repeat(10_000);
    let indented: String = (0..2_000).map(|depth| format!("{}- item\n", "  ".repeat(depth))).collect();
    site.write(
        "content/pages/nested.md",
        format!("+++\ntitle = \"Nested\"\n+++\n{lists}deep\n\n{quotes} deep\n\n{indented}"),
    );
    let started = Instant::now();
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    assert!(started.elapsed() < Duration::from_secs(120));
    let page = site.read("public/nested/index.html");
    assert!(page.matches("<ul>").count() >= 12_000, "lists were flattened");
    assert_eq!(page.matches("<blockquote>").count(), 10_000);
}

#[test]
fn deeply_nested_toml_is_an_error_not_a_crash() {
    let site = TestSite::copy_of("minimal");
    let arrays = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let tables = format!("{}1{}", "{a=".repeat(100_000), "}".repeat(100_000));
    site.write(
        "content/pages/deep.md",
        format!("+++\ntitle = \"Deep\"\nx = {arrays}\ny = {tables}\n+++\nBody.\n"),
    );
    let run = site.check(&[]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("--> content/pages/deep.md:3:")
            && run.stderr.contains("this is not valid TOML"),
        "{}",
        &run.stderr[..run.stderr.len().min(3000)]
    );
}

/// Folders beside `public/` left by builds: `.public.scrutiny-*`.
fn leftovers(site: &TestSite) -> Vec<String> {
    fs::read_dir(site.root())
        .expect("list the site")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".public.scrutiny-"))
        .collect()
}

/// Starts `scrutiny build` and kills it with SIGKILL once it has written some pages of its new
/// site into the staging folder. False when the build finished before it could be caught.
#[cfg(unix)]
fn kill_while_writing(site: &TestSite) -> bool {
    let mut child = scrutiny()
        .arg("build")
        .arg("--root")
        .arg(site.root())
        .args(["--today", "2024-11-01"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start scrutiny build");
    let staging = site
        .root()
        .join(format!(".public.scrutiny-new-{}/reports", child.id()));
    let deadline = Instant::now() + Duration::from_secs(300);
    let mut killed = false;
    while Instant::now() < deadline {
        if fs::read_dir(&staging).map_or(0, Iterator::count) > 10 {
            child.kill().expect("SIGKILL the build");
            killed = true;
            break;
        }
        if child.try_wait().expect("poll the build").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    let _ = child.kill();
    child.wait().expect("reap the build");
    killed
}

/// A build killed by SIGKILL while writing leaves the previous site byte for byte, and the next
/// build removes what the killed one left and succeeds.
#[cfg(unix)]
#[test]
fn a_build_killed_mid_write_leaves_the_previous_site_intact() {
    let site = TestSite::copy_of("minimal");
    let mut reports = 3_000;
    many_reports(&site, reports);
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    for attempt in 0..4 {
        let before = tree(&site.path("public"));
        // Every report page names its theme: renaming it changes every page.
        let themes = site.read("content/themes.toml");
        let renamed = format!("title = \"Custody suites {attempt}\"");
        site.write(
            "content/themes.toml",
            themes.replacen("title = \"Custody", &format!("{renamed}\n# was "), 1),
        );
        if kill_while_writing(&site) {
            assert!(
                tree(&site.path("public")) == before,
                "public/ changed although the build was killed"
            );
            assert_eq!(leftovers(&site).len(), 1, "{:?}", leftovers(&site));
            let run = site.build(&[]);
            assert!(run.success, "{}", run.stderr);
            assert!(leftovers(&site).is_empty(), "left behind: {:?}", leftovers(&site));
            let page = site.read("public/reports/generated-000000/index.html");
            assert!(page.contains(&format!("Custody suites {attempt}")), "{page}");
            return;
        }
        // The build finished first and is now the previous site: give the next one more to write.
        assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
        reports *= 2;
        many_reports(&site, reports);
        let run = site.build(&[]);
        assert!(run.success, "{}", run.stderr);
    }
    panic!("the build always finished before it could be killed");
}

/// A stale staging folder of a build that no longer runs is removed; the same name with another
/// output's name, or not quite the pattern, is left alone.
#[cfg(target_os = "linux")]
#[test]
fn stale_staging_folders_are_cleaned_and_lookalikes_kept() {
    let site = TestSite::copy_of("minimal");
    let dead = fs::read_to_string("/proc/sys/kernel/pid_max")
        .ok()
        .and_then(|max| max.trim().parse::<u64>().ok())
        .map_or(4_194_305, |max| max + 1);
    let stale = site.path(&format!(".public.scrutiny-new-{dead}"));
    let lookalikes = [
        site.path(&format!(".public.scrutiny-new-{dead}-mine")),
        site.path(&format!(".site.scrutiny-new-{dead}")),
        site.path("public.scrutiny-new-1"),
    ];
    for folder in std::iter::once(&stale).chain(&lookalikes) {
        fs::create_dir_all(folder.join("reports")).expect("mkdir");
        fs::write(folder.join("reports/half.html"), "half-written").expect("write");
    }
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    assert!(!stale.exists(), "the stale staging folder is still there");
    for kept in &lookalikes {
        assert!(kept.join("reports/half.html").is_file(), "{} was removed", kept.display());
    }
}

#[test]
fn init_never_overwrites() {
    let dir = tempfile::tempdir().expect("temp");
    fs::write(dir.path().join("config.toml"), "mine").expect("write");
    let run: Run = scrutiny()
        .arg("init")
        .arg(dir.path())
        .output()
        .expect("run scrutiny init")
        .into();
    assert!(!run.success, "init overwrote: {}", run.stdout);
    assert_eq!(
        fs::read_to_string(dir.path().join("config.toml")).ok().as_deref(),
        Some("mine")
    );
}

#[test]
fn new_never_overwrites() {
    let site = TestSite::copy_of("minimal");
    let before = tree(&site.path("content"));
    let run: Run = scrutiny()
        .args(["new", "report", "custody-2023", "--root"])
        .arg(site.root())
        .args(["--today", "2024-11-01"])
        .output()
        .expect("run scrutiny new report")
        .into();
    assert!(!run.success, "{}", run.stdout);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    let run: Run = scrutiny()
        .args(["new", "response", "custody-2023", "--root"])
        .arg(site.root())
        .args(["--today", "2024-11-01"])
        .output()
        .expect("run scrutiny new response")
        .into();
    let after = tree(&site.path("content"));
    for (path, bytes) in &before {
        assert!(after.get(path) == Some(bytes), "{path} was changed: {}", run.stderr);
    }
}
