//! Two languages: the Welsh fixture (`tests/fixtures/welsh`: English at the root, Welsh under
//! `/cy/`, one report, its response and a page translated, the rest not) through the CLI:
//! paths, `lang`, `hreflang` both ways, the switcher, sitemap alternates, feeds, Welsh dates,
//! the untranslated pages, `check`'s warnings, and errors in translations and config.

use std::collections::BTreeMap;

use crate::support::TestSite;

const BASE: &str = "https://example.org/pfcc/hmicfrs/";

fn built() -> TestSite {
    let site = TestSite::copy_of("welsh");
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    site
}

/// Every page of the built site, by its address under the base (`cy/reports/x/`).
pub(crate) fn pages(site: &TestSite) -> BTreeMap<String, String> {
    let public = site.path("public");
    walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().file_name().is_some_and(|n| n == "index.html"))
        .map(|e| {
            let relative = e.path().strip_prefix(&public).expect("inside public");
            let address = relative
                .to_string_lossy()
                .replace('\\', "/")
                .trim_end_matches("index.html")
                .to_string();
            let html = std::fs::read_to_string(e.path()).expect("a page");
            (address, html)
        })
        .collect()
}

/// The `hreflang` links of a page's head, as (language, address under the base).
fn alternates(html: &str) -> Vec<(String, String)> {
    html.split("<link rel=\"alternate\" hreflang=\"")
        .skip(1)
        .map(|rest| {
            let (language, rest) = rest.split_once('"').expect("a language");
            let href = rest
                .split_once("href=\"")
                .and_then(|(_, r)| r.split_once('"'))
                .expect("an href")
                .0;
            let address = href.strip_prefix(BASE).expect("under the base");
            (language.to_string(), address.to_string())
        })
        .collect()
}

#[test]
fn every_page_is_in_both_languages_with_its_own_lang() {
    let site = built();
    let pages = pages(&site);
    let english: Vec<&String> = pages.keys().filter(|a| !a.starts_with("cy/")).collect();
    assert!(english.len() > 10);
    for address in english {
        let welsh = format!("cy/{address}");
        assert!(pages.contains_key(&welsh), "no Welsh page at /{welsh}");
        assert!(
            pages[address].contains("<html lang=\"en-GB\">"),
            "/{address}"
        );
        assert!(pages[&welsh].contains("<html lang=\"cy\">"), "/{welsh}");
    }
    for file in [
        "cy/feed.xml",
        "cy/themes/custody/feed.xml",
        "cy/404.html",
        "cy/search/index.html",
    ] {
        assert!(site.path(&format!("public/{file}")).is_file(), "{file}");
    }
    // Open data and attachments are one set for the site.
    assert!(!site.path("public/cy/data").exists());
    assert!(site.path("public/files/custody-letter-cy.pdf").is_file());
    let json = site.read("public/data/archive.json");
    assert!(
        json.contains("\"translations\": {\n        \"cy\": {\n          \"title\": \"Arolygiad o ystafelloedd dalfa Heddlu Testshire\"\n        }\n      }"),
        "{json}"
    );
    // Only documents with a translation say so.
    assert_eq!(json.matches("\"translations\"").count(), 2, "{json}");
}

#[test]
fn hreflang_pairs_resolve_both_ways() {
    let site = built();
    let pages = pages(&site);
    for (address, html) in &pages {
        let links = alternates(html);
        let languages: Vec<&str> = links.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(languages, ["en-GB", "cy", "x-default"], "/{address}");
        assert!(
            links.iter().any(|(_, a)| a == address),
            "/{address} is not among its own versions"
        );
        for (language, other) in &links {
            let twin = pages
                .get(other)
                .unwrap_or_else(|| panic!("/{address}: {language} version /{other} is not built"));
            assert!(
                alternates(twin).iter().any(|(_, back)| back == address),
                "/{other} does not link back to /{address}"
            );
        }
    }
}

#[test]
fn the_switcher_links_to_the_same_page_in_the_other_language() {
    let site = built();
    let english = site.read("public/reports/custody-2023/index.html");
    assert!(
        english.contains("<a href=\"/pfcc/hmicfrs/cy/reports/custody-2023/\" hreflang=\"cy\" lang=\"cy\" rel=\"alternate\"><span class=\"visually-hidden\">Newid yr iaith i’r Gymraeg </span><span aria-hidden=\"true\">Cymraeg</span></a>"),
        "{english}"
    );
    assert!(english.contains("<span aria-current=\"true\" lang=\"en-GB\">English</span>"));
    let welsh = site.read("public/cy/reports/custody-2023/index.html");
    assert!(
        welsh.contains("<a href=\"/pfcc/hmicfrs/reports/custody-2023/\" hreflang=\"en-GB\" lang=\"en-GB\" rel=\"alternate\">"),
        "{welsh}"
    );
    assert!(welsh.contains("<span aria-current=\"true\" lang=\"cy\">Cymraeg</span>"));
}

#[test]
fn welsh_pages_speak_welsh_with_welsh_dates() {
    let site = built();
    let report = site.read("public/cy/reports/custody-2023/index.html");
    for words in [
        "Neidio i’r prif gynnwys",
        "<h1><span class=\"caption\">Arolygiad ar y cyd</span> Arolygiad o ystafelloedd dalfa Heddlu Testshire</h1>",
        "<time datetime=\"2023-03-08\">8 Mawrth 2023</time>",
        "Cyhoeddwyd gan AEFCTh ar 8 Mawrth 2023.",
        "<a href=\"/pfcc/hmicfrs/cy/themes/custody/\">Dalfa</a>",
        "Erbyn 31 Mawrth 2024, dylai’r heddlu",
        "Rhestr wirio trosglwyddo newydd",
        "<a href=\"/pfcc/hmicfrs/cy/\">Hafan</a>",
        "thair ystafell ddalfa",
    ] {
        assert!(report.contains(words), "{words:?} not in\n{report}");
    }
    // A finding the translation leaves out keeps the original's words.
    assert!(report.contains("the Home Office should publish national custody data"));
    let response = site.read("public/cy/responses/custody-2023-response/index.html");
    assert!(
        response.contains("<time datetime=\"2023-05-02\">2 Mai 2023</time>"),
        "{response}"
    );
    assert!(response.contains("Llythyr wedi’i lofnodi"));
    assert!(response.contains("/pfcc/hmicfrs/files/custody-letter-cy.pdf"));
    let english = site.read("public/reports/custody-2023/index.html");
    assert!(english.contains("8 March 2023") && !english.contains("Mawrth"));
}

#[test]
fn an_untranslated_page_is_marked_english_inside_the_welsh_interface() {
    let site = built();
    let page = site.read("public/cy/reports/roads-2020/index.html");
    assert!(page.contains("<html lang=\"cy\">"));
    assert!(
        page.contains(
            "<div class=\"notice\"><p>Nid oes fersiwn Gymraeg o’r dudalen hon ar gael eto"
        )
    );
    assert!(
        page.contains("<span lang=\"en-GB\">Roads policing: not optional</span></h1>"),
        "{page}"
    );
    assert!(page.contains("<p class=\"lead\" lang=\"en-GB\">"), "{page}");
    let statement = site.read("public/cy/accessibility/index.html");
    assert!(
        statement.contains("<div class=\"prose\" lang=\"en-GB\">"),
        "{statement}"
    );
    // A translated page carries no such marks.
    let translated = site.read("public/cy/reports/custody-2023/index.html");
    assert!(!translated.contains("lang=\"en-GB\">An") && !translated.contains("class=\"notice\""));
}

#[test]
fn the_sitemap_lists_each_page_in_each_language_with_its_alternates() {
    let site = built();
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    let entry = format!(
        "  <url><loc>{BASE}cy/reports/custody-2023/</loc><lastmod>2024-02-01</lastmod>\n    \
         <xhtml:link rel=\"alternate\" hreflang=\"en-GB\" href=\"{BASE}reports/custody-2023/\"/>\n    \
         <xhtml:link rel=\"alternate\" hreflang=\"cy\" href=\"{BASE}cy/reports/custody-2023/\"/>\n    \
         <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{BASE}reports/custody-2023/\"/>\n  </url>\n"
    );
    assert!(sitemap.contains(&entry), "{sitemap}");
    let urls = sitemap.matches("<url>").count();
    assert_eq!(urls, pages(&site).len());
}

#[test]
fn each_language_has_its_feeds() {
    let site = built();
    let feed = site.read("public/cy/feed.xml");
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"cy\">"));
    assert!(feed.contains("<title>Arolygiadau ac ymatebion</title>"));
    assert!(feed.contains(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{BASE}cy/feed.xml\"/>"
    )));
    assert!(feed.contains(&format!("<id>{BASE}cy/reports/custody-2023/</id>")));
    assert!(feed.contains("<title>Arolygiad o ystafelloedd dalfa Heddlu Testshire</title>"));
    let theme = site.read("public/cy/themes/custody/feed.xml");
    assert!(
        theme.contains("<title>Dalfa: Arolygiadau ac ymatebion</title>"),
        "{theme}"
    );
    assert!(
        feed.contains("<author><name>AEFCTh</name></author>"),
        "{feed}"
    );
    let english = site.read("public/feed.xml");
    assert!(english.contains("xml:lang=\"en-GB\"") && !english.contains("Arolygiad o"));
    assert!(english.contains("<author><name>HMICFRS</name></author>"));
}

#[test]
fn check_warns_of_each_untranslated_document_and_strict_refuses() {
    let site = TestSite::copy_of("welsh");
    let run = site.check(&[]);
    assert!(run.success, "{}", run.stderr);
    for (file, write) in [
        (
            "content/reports/roads-2020.md",
            "content/reports/roads-2020.cy.md",
        ),
        (
            "content/responses/roads-2020-response.md",
            "content/responses/roads-2020-response.cy.md",
        ),
        (
            "content/pages/accessibility.md",
            "content/pages/accessibility.cy.md",
        ),
    ] {
        run.assert_diagnostic(
            file,
            "this document has no translation in `cy`",
            &format!("write {write} with its words in that language"),
        );
    }
    assert!(
        !run.stderr.contains("--> content/reports/custody-2023.md"),
        "{}",
        run.stderr
    );
    // A draft is left alone until it is published.
    assert!(!run.stderr.contains("draft-report"), "{}", run.stderr);
    let strict = site.check(&["--strict"]);
    assert!(!strict.success);
    assert!(strict.stderr.contains("3 errors"), "{}", strict.stderr);
}

#[test]
fn a_field_that_is_not_words_is_an_error_at_its_line() {
    let site = TestSite::copy_of("welsh");
    let path = "content/reports/custody-2023.cy.md";
    let text = site
        .read(path)
        .replacen("summary = ", "published = 2023-03-08\nsummary = ", 1);
    let text = text.replacen(
        "id = \"AFI1\"\n",
        "id = \"AFI1\"\nkind = \"recommendation\"\n",
        1,
    );
    site.write(path, text);
    let run = site.check(&[]);
    assert!(!run.success);
    let help = "delete this line; a translation holds only `title`, `summary`, the body, and each finding's `id` and `text` with its updates' `note`";
    run.assert_diagnostic(
        &format!("{path}:3:1"),
        "`published` cannot be translated: it comes from the original, and a translation holds only words",
        help,
    );
    run.assert_diagnostic(&format!("{path}:18:1"), "`kind` cannot be translated", help);
}

#[test]
fn a_translation_must_match_its_original() {
    let site = TestSite::copy_of("welsh");
    site.write(
        "content/reports/no-such-report.cy.md",
        "+++\ntitle = \"Dim\"\n+++\n",
    );
    let path = "content/reports/custody-2023.cy.md";
    site.write(
        path,
        site.read(path)
            .replacen("id = \"AFI1\"", "id = \"AFI9\"", 1),
    );
    site.write(
        "content/pages/about.fr.md",
        "+++\ntitle = \"À propos\"\n+++\n",
    );
    let run = site.check(&[]);
    assert!(!run.success);
    run.assert_diagnostic(
        "content/reports/no-such-report.cy.md",
        "this translation has no original: there is no content/reports/no-such-report.md",
        "a translation is named after its original: <slug>.cy.md beside <slug>.md",
    );
    run.assert_diagnostic(
        &format!("{path}:16:6"),
        "the original report has no finding `AFI9`",
        "use the ids of the original's findings: R1, R2, AFI1, AFI2, AFI3, AFI4",
    );
    run.assert_diagnostic(
        "content/pages/about.fr.md",
        "this translation is in `fr`, which is not a language of the site",
        "add [languages.fr] with its title and organisation to config.toml, or rename the file",
    );
}

#[test]
fn languages_in_config_are_checked_where_they_are_written() {
    let site = TestSite::copy_of("welsh");
    let config = site.read("config.toml");
    site.write(
        "config.toml",
        format!("{config}\n[languages.en-GB]\ntitle = \"T\"\norganisation = \"O\"\n\n[languages.Welsh]\ntitle = \"T\"\norganisation = \"O\"\n\n[languages.gd]\ntitle = \"T\"\n"),
    );
    site.write(
        "content/themes.toml",
        format!(
            "{}\n[custody.ga]\ntitle = \"Coimeád\"\n",
            site.read("content/themes.toml")
        ),
    );
    let run = site.check(&[]);
    assert!(!run.success);
    let lines: Vec<&str> = config.lines().collect();
    let first = lines.len() + 2;
    run.assert_diagnostic(
        &format!("config.toml:{first}:12"),
        "`en-GB` is not a language code",
        "write the language's code in lowercase, such as [languages.cy] for Welsh",
    );
    run.assert_diagnostic(
        &format!("config.toml:{}:12", first + 4),
        "`Welsh` is not a language code",
        "write the language's code in lowercase, such as [languages.cy] for Welsh",
    );
    run.assert_diagnostic(
        &format!("config.toml:{}:1", first + 8),
        "a language is missing the field `organisation`",
        "add a line such as: organisation = ",
    );
    run.assert_diagnostic(
        "content/themes.toml:20:10",
        "`ga` is not a language of the site, so this table is not a translation",
        "a translation's table is named after a language of config.toml, such as [<key>.cy]",
    );
}

#[test]
fn welsh_as_the_main_language_speaks_welsh_at_the_root() {
    let site = TestSite::copy_of("minimal");
    let config = site
        .read("config.toml")
        .replace("language = \"en-GB\"", "language = \"cy\"");
    site.write("config.toml", config);
    assert!(site.build(&[]).success);
    let home = site.read("public/index.html");
    assert!(home.contains("<html lang=\"cy\">"));
    assert!(home.contains("Neidio i’r prif gynnwys"));
    // One language: no versions, no switcher.
    assert!(!home.contains("hreflang") && !home.contains("language-select"));
}

#[test]
fn each_language_searches_its_own_pages() {
    let site = built();
    let page = site.read("public/cy/search/index.html");
    assert!(
        page.contains("data-bundle=\"/pfcc/hmicfrs/cy/search/index/\""),
        "{page}"
    );
    assert!(page.contains("<label class=\"search-form__label\" for=\"search-query\">Chwilio adroddiadau, ymatebion a chanfyddiadau</label>"));
    let meta = site.read("public/cy/search/index/meta.json");
    // Welsh has no stemmer: its words are found by prefix.
    assert!(meta.contains("\"stemmer\":null"), "{meta}");
    assert!(
        site.read("public/search/index/meta.json")
            .contains("\"stemmer\":\"english\"")
    );
    let chunks = |folder: &str| -> String {
        walkdir::WalkDir::new(site.path(folder))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .map(|e| std::fs::read_to_string(e.path()).expect("a chunk"))
            .collect()
    };
    let welsh = chunks("public/cy/search/index/d");
    assert!(
        welsh.contains("\"title\":\"Arolygiad o ystafelloedd dalfa Heddlu Testshire\""),
        "{welsh}"
    );
    assert!(welsh.contains("\"url\":\"/pfcc/hmicfrs/cy/reports/custody-2023/\""));
    assert!(
        welsh.contains("\"date\":\"Erbyn 31 Mawrth 2024\""),
        "{welsh}"
    );
    let english = chunks("public/search/index/d");
    assert!(
        !english.contains("Arolygiad")
            && english.contains("\"url\":\"/pfcc/hmicfrs/reports/custody-2023/\"")
    );
}

/// The JSON of the search page's `data-words`, read back from its HTML attribute.
fn search_words(page: &str) -> serde_json::Value {
    let attribute = page
        .split_once(" data-words=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(value, _)| value)
        .unwrap_or_else(|| panic!("no data-words in\n{page}"));
    let json = attribute
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2f;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

#[test]
fn the_search_page_gives_its_script_the_status_words_of_its_language() {
    let site = built();
    let welsh = search_words(&site.read("public/cy/search/index.html"));
    assert_eq!(welsh["searching"]["other"], "Wrthi’n chwilio…");
    assert_eq!(
        welsh["none"]["other"],
        "Dim canlyniadau ar gyfer “{query}”."
    );
    // Welsh's six plural forms, and the category of each count below 7 (all others "other").
    assert_eq!(
        welsh["results"]["two"],
        "{count} ganlyniad ar gyfer “{query}”."
    );
    assert_eq!(
        welsh["results"]["few"],
        "{count} chanlyniad ar gyfer “{query}”."
    );
    assert_eq!(
        welsh["results"]["other"],
        "{count} canlyniad ar gyfer “{query}”."
    );
    assert_eq!(
        welsh["plural"],
        serde_json::json!(["zero", "one", "two", "few", "other", "other", "many"])
    );
    for name in ["results_first", "at_least"] {
        let other = welsh[name]["other"].as_str().unwrap_or_default();
        assert!(
            other.contains("{shown}") && other.contains("canlyniad"),
            "{welsh}"
        );
    }
    assert!(
        (welsh["unavailable"]["other"].as_str())
            .is_some_and(|s| s.starts_with("Nid yw’r chwiliad"))
    );
    let english = search_words(&site.read("public/search/index.html"));
    assert_eq!(english["searching"]["other"], "Searching…");
    assert_eq!(english["results"]["one"], "{count} result for “{query}”.");
    assert_eq!(
        english["plural"],
        serde_json::json!(["other", "one", "other", "other", "other", "other", "other"])
    );
    // No script of the page's own: the words are data for assets/search.js.
    let page = site.read("public/cy/search/index.html");
    assert_eq!(
        page.matches("<script").count(),
        page.matches("<script type=\"module\" src=").count()
            + page
                .matches("<script type=\"application/ld+json\">")
                .count()
    );
}

#[test]
fn welsh_pages_name_who_findings_are_for_and_who_published_in_welsh() {
    let site = built();
    let report = site.read("public/cy/reports/custody-2023/index.html");
    // The force's slug is the language's `force`; a slug the theme has words for, those.
    assert!(report.contains("<td>Heddlu Testshire</td>"), "{report}");
    assert!(report.contains("<td>Y Swyddfa Gartref</td>"), "{report}");
    assert!(
        report.contains("\"name\":\"Arolygiaeth Cwnstabliaeth a Gwasanaethau Tân ac Achub EF\""),
        "{report}"
    );
    let response = site.read("public/cy/responses/custody-2023-response/index.html");
    assert!(
        response.contains(
            "\"publisher\":{\"@type\":\"GovernmentOrganization\",\"name\":\"Comisiynydd Heddlu a Throseddu Testshire\"}"
        ),
        "{response}"
    );
    assert!(
        response.contains(
            "mailto:pfcc@example.org?subject=Cais%20am%20fformat%20hygyrch%3A%20Llythyr%20wedi%E2%80%99i%20lofnodi"
        ),
        "{response}"
    );
    // The English pages as they were.
    let english = site.read("public/reports/custody-2023/index.html");
    assert!(
        english.contains("<td>Testshire police</td>") && english.contains("<td>Home office</td>")
    );
    assert!(english.contains(
        "\"name\":\"His Majesty's Inspectorate of Constabulary and Fire \\u0026 Rescue Services\""
    ));
    let response = site.read("public/responses/custody-2023-response/index.html");
    assert!(
        response.contains("subject=Request%20for%20an%20accessible%20format%3A%20Signed%20letter")
    );
    assert!(response.contains("\"name\":\"Police and Crime Commissioner for Testshire\"}"));
}

/// Every string of a table of interface words, by key (each plural form its own).
fn table_strings(language: &str) -> BTreeMap<String, String> {
    fn flatten(prefix: &str, table: &toml::Table, out: &mut BTreeMap<String, String>) {
        for (name, value) in table {
            let key = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}.{name}")
            };
            match value {
                toml::Value::String(text) => {
                    out.insert(key, text.clone());
                }
                toml::Value::Table(inner) => flatten(&key, inner, out),
                _ => {}
            }
        }
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("themes/default/i18n/{language}.toml"));
    let text = std::fs::read_to_string(&path).expect("a table");
    let table: toml::Table = toml::from_str(&text).expect("a table that reads");
    let mut out = BTreeMap::new();
    flatten("", &table, &mut out);
    out
}

/// The pieces of an entry's words a page prints whole: between its tags and `{places}`.
fn printed_pieces(words: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    let mut depth = (0, 0);
    for c in words.chars() {
        match c {
            '<' => depth.0 += 1,
            '{' => depth.1 += 1,
            '>' if depth.0 > 0 => depth.0 -= 1,
            '}' if depth.1 > 0 => depth.1 -= 1,
            _ if depth == (0, 0) => {
                piece.push(c);
                continue;
            }
            _ => continue,
        }
        pieces.push(std::mem::take(&mut piece));
    }
    pieces.push(piece);
    pieces
        .into_iter()
        .map(|p| {
            p.trim_matches(|c: char| c.is_whitespace() || ".,:;·()“”".contains(c))
                .to_string()
        })
        .filter(|p| p.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect()
}

/// A page's text with what hides words undone: percent-encoding (a `mailto:` subject) and
/// JSON's escapes of `&`, `<`, `>` and `'` (JSON-LD).
fn readable(html: &str) -> String {
    let html = html
        .replace("\\u0026", "&")
        .replace("\\u003c", "<")
        .replace("\\u003e", ">")
        .replace("\\u0027", "'");
    let bytes = html.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let hex = bytes
            .get(at + 1..at + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[at], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                at += 3;
            }
            (byte, _) => {
                out.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// No English interface words on the Welsh pages: each piece of an English entry that Welsh
/// words differently is found on no `/cy/` page (a word alone only as an element's whole
/// text), but in the English documents shown untranslated.
#[test]
fn welsh_pages_print_no_english_interface_words() {
    let site = built();
    let pages: BTreeMap<String, String> = (pages(&site).into_iter())
        .filter(|(address, _)| address.starts_with("cy/"))
        .collect();
    let found = english_interface_words(&site, &pages);
    assert!(
        found.is_empty(),
        "English on Welsh pages:\n{}",
        found.join("\n")
    );
}

/// Where `pages` (files of `site`'s Welsh output by address, pages or search chunks) print a
/// piece of an English interface entry that Welsh words differently and that no document of
/// the site holds (its `content/`, or a national site's `sources/`): one line per finding.
pub(crate) fn english_interface_words(
    site: &TestSite,
    pages: &BTreeMap<String, String>,
) -> Vec<String> {
    let english = table_strings("en");
    let welsh = table_strings("cy");
    // The switcher names English in English, as GOV.UK's does.
    let said_in_english = ["program.language_name", "program.language_change"];
    let content: String = ["content", "sources"]
        .iter()
        .flat_map(|folder| walkdir::WalkDir::new(site.path(folder)))
        .filter_map(Result::ok)
        .filter(|e| {
            e.path()
                .extension()
                .is_some_and(|x| ["md", "toml", "json", "csv"].iter().any(|w| x == *w))
        })
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    let pages: BTreeMap<&String, String> = (pages.iter())
        .map(|(address, html)| (address, readable(html)))
        .collect();
    let mut found = Vec::new();
    for (key, words) in &english {
        let plural_base = key.rsplit_once('.').map_or(key.as_str(), |(base, _)| base);
        if said_in_english.contains(&key.as_str()) || said_in_english.contains(&plural_base) {
            continue;
        }
        let welsh_words = welsh.get(key).map(String::as_str).unwrap_or_default();
        for piece in printed_pieces(words) {
            if welsh_words.contains(&piece) || content.contains(&piece) {
                continue;
            }
            let needle = match piece.contains(' ') {
                true => piece.clone(),
                false => format!(">{piece}<"),
            };
            for (address, html) in &pages {
                if html.contains(&needle) {
                    found.push(format!("/{address}: {key}: {needle:?}"));
                }
            }
        }
    }
    found
}

/// A site theme's own words (`themes/<name>/i18n/<lang>.toml`, key by key over the built-in
/// ones) are the words of its feeds and search results too, in each language, as of its pages.
#[test]
fn feeds_and_search_take_a_site_themes_words_as_pages_do() {
    let site = TestSite::copy_of("welsh").with_own_default_theme();
    site.write(
        "themes/default/i18n/cy.toml",
        "[program.report_type]\njoint = \"Arolygiad ar y cyd (ein geiriau)\"\n\
         [program.feed]\nreport_category = \"Adroddiad yr Arolygiaeth (ein geiriau)\"\n\
         [program.search]\npublished = \"Allan {date} (ein geiriau)\"\n",
    );
    site.write(
        "themes/default/i18n/en.toml",
        "[program.report_type]\njoint = \"Joint inspection (our words)\"\n\
         [program.feed]\nreport_category = \"Inspection report (our words)\"\n\
         [program.search]\npublished = \"Out {date} (our words)\"\n",
    );
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    let chunks = |folder: &str| -> String {
        walkdir::WalkDir::new(site.path(folder))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .map(|e| std::fs::read_to_string(e.path()).expect("a chunk"))
            .collect()
    };
    for (folder, kind, category, published) in [
        (
            "public/cy/",
            "Arolygiad ar y cyd (ein geiriau)",
            "Adroddiad yr Arolygiaeth (ein geiriau)",
            "Allan 8 Mawrth 2023 (ein geiriau)",
        ),
        (
            "public/",
            "Joint inspection (our words)",
            "Inspection report (our words)",
            "Out 8 March 2023 (our words)",
        ),
    ] {
        let page = site.read(&format!("{folder}reports/custody-2023/index.html"));
        assert!(page.contains(kind), "{folder}: the page lacks {kind:?}");
        let feed = site.read(&format!("{folder}feed.xml"));
        assert!(feed.contains(&format!("label=\"{category}\"")), "{feed}");
        let theme_feed = site.read(&format!("{folder}themes/custody/feed.xml"));
        assert!(
            theme_feed.contains(&format!("label=\"{category}\"")),
            "{theme_feed}"
        );
        let search = chunks(&format!("{folder}search/index/d"));
        assert!(search.contains(&format!("\"kind\":\"{kind}\"")), "{search}");
        assert!(
            search.contains(&format!("\"date\":\"{published}\"")),
            "{search}"
        );
    }
}
