//! The findings tracker over several pages: past 1,000 findings it is split into pages of
//! 1,000 (`/findings/`, `/findings/2/`...) with numbered links that work without JavaScript.

use crate::support::{TestSite, attribute_values};

/// A copy of `minimal` with one more report of `count` open findings.
fn with_findings(count: usize) -> TestSite {
    let site = TestSite::copy_of("minimal");
    let mut report = String::from(
        "+++\ntitle = \"Many findings\"\npublished = 2023-01-10\ntype = \"force\"\n\
         themes = [\"custody\"]\nsummary = \"A report of many findings.\"\n",
    );
    for n in 1..=count {
        report.push_str(&format!(
            "\n[[findings]]\nid = \"AFI{n}\"\nkind = \"area-for-improvement\"\n\
             text = \"Finding number {n}.\"\naddressed_to = [\"testshire-police\"]\n"
        ));
    }
    report.push_str("+++\nMany findings.\n");
    site.write("content/reports/many-findings.md", report);
    site
}

#[test]
fn a_tracker_of_a_thousand_findings_or_fewer_is_one_page() {
    let site = with_findings(990);
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    assert!(!site.path("public/findings/2/index.html").exists());
    let html = site.read("public/findings/index.html");
    assert!(!html.contains("page-numbers"), "no page links");
}

#[test]
fn a_longer_tracker_is_split_into_linked_pages_of_a_thousand() {
    let site = with_findings(2500);
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    let first = site.read("public/findings/index.html");
    let second = site.read("public/findings/2/index.html");
    let third = site.read("public/findings/3/index.html");
    assert!(!site.path("public/findings/4/index.html").exists());
    let total: usize = 2500 + 6; // minimal's own findings
    let rows = |html: &str| html.matches("class=\"finding-id\"").count();
    let (a, b, c) = (rows(&first), rows(&second), rows(&third));
    assert_eq!((a, b), (1000, 1000), "rows per page");
    assert_eq!(a + b + c, total);
    assert!(
        first.contains(&format!("findings 1 to 1000 of {total}")),
        "{first}"
    );
    assert!(second.contains("<title>Findings tracker (page 2 of 3)"));
    // Plain links between the pages: previous, next and the numbers, the current one marked.
    let links = attribute_values(&second, "href");
    for page in ["/pfcc/hmicfrs/findings/", "/pfcc/hmicfrs/findings/3/"] {
        assert!(links.iter().any(|l| l == page), "{page} in {links:?}");
    }
    assert!(second.contains("rel=\"prev\""));
    assert!(second.contains("rel=\"next\""));
    assert!(second.contains("aria-current=\"page\">2</a>"), "{second}");
    assert!(!third.contains("rel=\"next\""));
    // The contents link to where each group starts.
    assert!(
        first.contains("href=\"/pfcc/hmicfrs/findings/#overdue\"")
            || first.contains("href=\"/pfcc/hmicfrs/findings/#open\""),
        "{first}"
    );
    // The sitemap lists every page.
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("findings/3/"), "{sitemap}");
}
