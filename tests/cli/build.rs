//! Building: what is written, that links resolve under a sub-path, that failures lose nothing,
//! and that builds are reproducible.

use std::fs;

use crate::support::{TestSite, attribute_values, scrutiny, tree};

#[test]
fn builds_every_page_type_into_public() {
    let site = TestSite::copy_of("minimal");
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    for page in [
        "index.html",
        "reports/custody-2023/index.html",
        "reports/roads-2020/index.html",
        "responses/custody-2023-response/index.html",
        "years/index.html",
        "years/2023/index.html",
        "years/2021/index.html",
        "years/2020/index.html",
        "themes/index.html",
        "themes/custody/index.html",
        "themes/fire-safety/index.html",
        "about/index.html",
        "accessibility/index.html",
        "findings/index.html",
        "deadlines/index.html",
        "404.html",
        "search/index.html",
        "feed.xml",
        "themes/custody/feed.xml",
        "sitemap.xml",
        "robots.txt",
        "search/index/meta.json",
        "files/custody-letter.pdf",
        "assets/site.css",
        "assets/search.js",
    ] {
        assert!(site.path("public").join(page).is_file(), "missing {page}");
    }
    // 19 pages; the other files are assets, feeds, data and the search index (meta.json, a
    // word shard and a chunk of results at this size).
    let line = run.stdout.trim();
    assert!(line.starts_with("Built 19 pages and "), "{line}");
    let other: usize = line["Built 19 pages and ".len()..]
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(other >= 15, "{line}");
    assert!(line.ends_with(" ms"), "{line}");
}

#[test]
fn a_theme_with_no_reports_still_has_its_page() {
    let site = TestSite::copy_of("minimal");
    assert!(site.build(&[]).success);
    let page = site.read("public/themes/fire-safety/index.html");
    assert!(
        page.contains("There are no reports on this theme yet."),
        "{page}"
    );
    assert!(
        site.read("public/themes/index.html")
            .contains("Fire safety")
    );
}

/// Every internal link and asset of every page, served at the base URL's sub-path, points at a
/// file that exists, and every fragment at an id on its page.
#[test]
fn every_link_resolves_under_the_sub_path() {
    let site = TestSite::copy_of("minimal");
    assert!(site.build(&[]).success);
    let public = site.path("public");
    let files = tree(&public);
    let base = "/pfcc/hmicfrs/";
    let mut checked = 0;
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for link in attribute_values(&html, "href")
            .into_iter()
            .chain(attribute_values(&html, "src"))
        {
            if link.starts_with("http") || link.starts_with("mailto:") {
                continue;
            }
            let (target, fragment) = link.split_once('#').unwrap_or((link.as_str(), ""));
            let target_file = if target.is_empty() {
                path.clone()
            } else {
                assert!(
                    target.starts_with(base),
                    "{path}: link {link} is not under {base}"
                );
                let relative = &target[base.len()..];
                if relative.is_empty() || relative.ends_with('/') {
                    format!("{relative}index.html")
                } else {
                    relative.to_string()
                }
            };
            let target_bytes = files
                .get(&target_file)
                .unwrap_or_else(|| panic!("{path}: broken link {link} (no {target_file})"));
            if !fragment.is_empty() {
                let target_html = String::from_utf8_lossy(target_bytes);
                assert!(
                    attribute_values(&target_html, "id")
                        .iter()
                        .any(|id| id == fragment),
                    "{path}: link {link} has no #{fragment} in {target_file}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} links checked");
}

#[test]
fn markdown_links_written_from_the_root_are_rebased() {
    let site = TestSite::copy_of("minimal");
    assert!(site.build(&[]).success);
    let page = site.read("public/reports/custody-2023/index.html");
    assert!(
        page.contains("href=\"/pfcc/hmicfrs/reports/roads-2020/\""),
        "{page}"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let site = TestSite::copy_of("minimal");
    assert!(site.build(&[]).success);
    let before = tree(&site.path("public"));
    let content_before = tree(&site.path("content"));
    site.write(
        "content/reports/roads-2020.md",
        "+++\ntitle = \"Broken\"\npublished = 2020-02-30\n+++\n",
    );
    let run = site.build(&[]);
    assert!(!run.success);
    assert!(run.stderr.contains("was not changed"), "{}", run.stderr);
    assert_eq!(
        tree(&site.path("public")),
        before,
        "public/ changed after a failed build"
    );
    let mut content_after = tree(&site.path("content"));
    content_after.remove("reports/roads-2020.md");
    let mut expected = content_before;
    expected.remove("reports/roads-2020.md");
    assert_eq!(content_after, expected, "content/ changed");
    let leftovers: Vec<_> = fs::read_dir(site.root())
        .expect("list root")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("scrutiny-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let site = TestSite::copy_of("minimal");
    assert!(
        site.build(&["--output", &site.path("first").to_string_lossy()])
            .success
    );
    assert!(
        site.build(&["--output", &site.path("second").to_string_lossy()])
            .success
    );
    let first = tree(&site.path("first"));
    assert!(first.len() > 20);
    assert_eq!(first, tree(&site.path("second")));
}

#[test]
fn source_date_epoch_sets_today_when_no_date_is_given() {
    let site = TestSite::copy_of("minimal");
    let built = scrutiny()
        .args(["build", "--root"])
        .arg(site.root())
        .env("SOURCE_DATE_EPOCH", "1730419200") // 2024-11-01T00:00:00Z
        .output()
        .expect("run");
    assert!(built.status.success());
    let data = site.read("public/data/archive.json");
    assert!(data.contains("\"generated\": \"2024-11-01\""), "{data}");
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = TestSite::copy_of("minimal");
    assert!(site.build(&[]).success);
    assert!(!site.path("public/reports/draft-report/index.html").exists());
    assert!(
        !site
            .read("public/data/archive.json")
            .contains("draft-report")
    );
    assert!(
        !site.path("public/years/2024").exists(),
        "a year holding only drafts has no page"
    );

    assert!(site.build(&["--drafts"]).success);
    let page = site.read("public/reports/draft-report/index.html");
    assert!(page.contains("this page is a draft"), "{page}");
    assert!(
        site.read("public/data/archive.json")
            .contains("draft-report")
    );
}

#[test]
fn a_response_to_a_draft_report_is_an_error_unless_both_are_drafts() {
    let site = TestSite::copy_of("minimal");
    site.write(
        "content/responses/early.md",
        "+++\nreport = \"draft-report\"\ndate = 2024-10-20\n+++\nText.\n",
    );
    let run = site.build(&[]);
    assert!(!run.success);
    run.assert_diagnostic(
        "content/responses/early.md:2:10",
        "the report \"draft-report\" is a draft, so this response would answer nothing",
        "publish the report (remove `draft = true`) or mark this response as a draft too",
    );
    assert!(site.build(&["--drafts"]).success);
}

#[test]
fn check_writes_nothing() {
    let site = TestSite::copy_of("minimal");
    let before = tree(site.root());
    let run = site.check(&[]);
    assert!(run.success, "{}", run.stderr);
    assert!(run.stdout.contains("No problems found"), "{}", run.stdout);
    assert_eq!(tree(site.root()), before);
}

#[test]
fn refuses_to_write_over_the_sources() {
    let site = TestSite::copy_of("minimal");
    for output in [".", "content", "content/public", "themes", ".."] {
        let run = site.build(&["--output", &site.path(output).to_string_lossy()]);
        assert!(!run.success, "--output {output} was accepted");
        assert!(
            run.stderr.contains("refusing to write the site into"),
            "{output}: {}",
            run.stderr
        );
    }
    assert!(site.path("content/reports/custody-2023.md").is_file());
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let site = TestSite::copy_of("minimal");
    site.write("elsewhere/notes.txt", "my notes");
    let run = site.build(&["--output", &site.path("elsewhere").to_string_lossy()]);
    assert!(!run.success);
    assert!(
        run.stderr
            .contains("it holds files that scrutiny did not write"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("elsewhere/notes.txt"), "my notes");
    assert!(
        site.build(&[
            "--output",
            &site.path("elsewhere").to_string_lossy(),
            "--force"
        ])
        .success
    );
    // Its own output it replaces freely.
    assert!(
        site.build(&["--output", &site.path("elsewhere").to_string_lossy()])
            .success
    );
}

#[test]
fn a_site_may_override_the_built_in_theme() {
    let site = TestSite::copy_of("minimal").with_own_default_theme();
    let page = site
        .read("themes/default/templates/404.html")
        .replace("{{ t(\"not_found.heading\") }}</h1>", "Nothing here</h1>");
    site.write("themes/default/templates/404.html", page);
    assert!(site.build(&[]).success);
    assert!(site.read("public/404.html").contains("Nothing here</h1>"));
}

#[test]
fn a_site_theme_rewords_the_interface_key_by_key() {
    let site = TestSite::copy_of("minimal").with_own_default_theme();
    site.write(
        "themes/default/i18n/en.toml",
        "[not_found]\nheading = \"Nothing here\"\n[program]\nhome = \"Start\"\n",
    );
    assert!(site.build(&[]).success);
    let page = site.read("public/404.html");
    assert!(page.contains("<h1>Nothing here</h1>"), "{page}");
    // A word the program makes (the breadcrumb) and one the theme leaves alone.
    assert!(page.contains(">Start</a>"), "{page}");
    assert!(page.contains("If you typed the web address"), "{page}");
    // A key no table has is a template error naming the template.
    let page = site
        .read("themes/default/templates/404.html")
        .replace("t(\"not_found.typed\")", "t(\"not_found.tpyed\")");
    site.write("themes/default/templates/404.html", page);
    let run = site.build(&[]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("themes/default/templates/404.html"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("no interface words have the key `not_found.tpyed`"),
        "{}",
        run.stderr
    );
    // A table that does not read says where.
    site.write("themes/default/i18n/en.toml", "[not_found]\nheading = \n");
    let run = site.build(&[]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("themes/default/i18n/en.toml:2:"),
        "{}",
        run.stderr
    );
}

#[test]
fn template_errors_name_the_template_and_line() {
    let site = TestSite::copy_of("minimal").with_own_default_theme();
    site.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ broken( }}\n{% endblock %}\n",
    );
    let run = site.build(&[]);
    assert!(!run.success);
    assert!(
        run.stderr
            .contains("--> themes/default/templates/404.html:3:1"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_theme_changes_every_list_through_its_item_templates() {
    let site = TestSite::copy_of("minimal").with_own_default_theme();
    for (item, from, to) in [
        (
            "report",
            "<li class=\"document-list__item\">",
            "<li class=\"document-list__item\" data-item=\"report\">",
        ),
        (
            "response",
            "<li class=\"document-list__item\">",
            "<li class=\"document-list__item\" data-item=\"response\">",
        ),
        ("deadline", "<tr>", "<tr data-item=\"deadline\">"),
        ("finding", "<tr>", "<tr data-item=\"finding\">"),
    ] {
        let path = format!("themes/default/templates/items/{item}.html");
        let text = site.read(&path);
        assert!(text.contains(from), "{path} has no {from}");
        site.write(&path, text.replacen(from, to, 1));
    }
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    let count = |page: &str, item: &str| {
        site.read(page)
            .matches(&format!("data-item=\"{item}\""))
            .count()
    };
    // Drafts are left out: count the report pages built.
    let reports = fs::read_dir(site.path("public/reports"))
        .expect("reports")
        .count();
    assert!(reports > 0);
    assert_eq!(count("public/deadlines/index.html", "deadline"), reports);
    assert!(count("public/findings/index.html", "finding") > 0);
    assert!(count("public/index.html", "report") > 0);
    let years = fs::read_dir(site.path("public/years"))
        .expect("years")
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir());
    let listed: usize = years
        .map(|year| {
            let page = year.path().join("index.html");
            let text = fs::read_to_string(page).expect("a year page");
            text.matches("data-item=\"report\"").count()
        })
        .sum();
    assert_eq!(listed, reports, "each report once on its year page");
    let years_index = site.read("public/years/index.html");
    assert!(
        !years_index.contains("data-item"),
        "the years index lists no items"
    );
    let answered = fs::read_dir(site.path("public/reports"))
        .expect("report pages")
        .filter_map(Result::ok)
        .map(|entry| fs::read_to_string(entry.path().join("index.html")).unwrap_or_default())
        .filter(|page| page.contains("data-item=\"response\""))
        .count();
    assert!(
        answered > 0,
        "a report page lists its responses through the item"
    );
}

#[test]
fn a_theme_without_item_templates_renders_its_lists_itself() {
    let site = TestSite::copy_of("minimal").with_own_default_theme();
    fs::remove_dir_all(site.path("themes/default/templates/items")).expect("items removed");
    // A tracker written before item templates: it loops over the findings' values.
    let tracker = site.read("themes/default/templates/findings.html").replace(
        "{% for row in group.rows %}\n{{ row }}",
        "{% for finding in group.findings %}\n<tr><td>{{ finding.kind }} {{ finding.id }}</td></tr>",
    );
    site.write(
        "themes/default/templates/findings.html",
        tracker.replace("group.rows", "group.findings"),
    );
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    let page = site.read("public/findings/index.html");
    assert!(page.contains("<tr><td>Recommendation"), "{page}");
}
