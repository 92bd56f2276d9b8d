//! Unit tests of the Markdown renderer: headings, footnotes, links under the base path, raw HTML.

use super::*;

fn render(markdown: &str) -> String {
    MarkdownRenderer::new("/hmicfrs/").render(markdown).html
}

fn render_allowing_html(markdown: &str) -> String {
    MarkdownRenderer::new("/hmicfrs/")
        .with_raw_html(RawHtml::Allow)
        .render(markdown)
        .html
}

const HOSTILE: &str = "<script>alert(1)</script>\n\n\
                       Text <img src=x onerror=alert(2)> and <b>bold</b>.\n\n\
                       [click](javascript:alert(3)) [mail](mailto:a@example.org) \
                       [sp](< JavaScript:alert(4)>) [data](DATA:text/html,x) [ok](/reports/x/)\n\n\
                       ![pic](javascript:alert(5))\n\n\
                       ## Heading {#top onclick=alert(6) lang=cy}\n";

#[test]
fn escaping_replaces_exactly_the_five_characters() {
    assert_eq!(
        escape_html("é <b a=\"1\">R&D</b> ’it's’ ✓"),
        "é &lt;b a=&quot;1&quot;&gt;R&amp;D&lt;/b&gt; ’it&#39;s’ ✓"
    );
    assert_eq!(escape_html(""), "");
    assert_eq!(escape_html("&"), "&amp;");
}

#[test]
fn raw_html_is_escaped_by_default() {
    let html = render(HOSTILE);
    assert!(
        html.contains("<p>&lt;script&gt;alert(1)&lt;/script&gt;\n</p>"),
        "{html}"
    );
    assert!(
        html.contains("Text &lt;img src=x onerror=alert(2)&gt; and &lt;b&gt;bold&lt;/b&gt;."),
        "{html}"
    );
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.to_lowercase().contains("javascript:"), "{html}");
    assert!(!html.contains("DATA:"), "{html}");
    assert!(
        html.contains("click <a href=\"mailto:a@example.org\">mail</a>"),
        "{html}"
    );
    assert!(
        html.contains("sp data <a href=\"/hmicfrs/reports/x/\">ok</a>"),
        "{html}"
    );
    assert!(html.contains("<p>pic</p>"), "{html}");
    assert!(
        html.contains("<h2 id=\"top\" lang=\"cy\">Heading"),
        "{html}"
    );
    assert!(!html.contains("onclick"), "{html}");
}

#[test]
fn raw_html_passes_through_when_allowed() {
    let html = render_allowing_html(HOSTILE);
    assert!(html.contains("<script>alert(1)</script>"), "{html}");
    assert!(html.contains("<img src=x onerror=alert(2)>"), "{html}");
    assert!(html.contains("<b>bold</b>"), "{html}");
    assert!(html.contains("href=\"javascript:alert(3)\""), "{html}");
    assert!(html.contains("onclick=\"alert(6)\""), "{html}");
}

#[test]
fn a_heading_id_cannot_break_out_of_its_anchor_link() {
    for html in [
        render("## Hi {#a\"onmouseover=alert(1)}\n"),
        render_allowing_html("## Hi {#a\"onmouseover=alert(1)}\n"),
    ] {
        assert!(!html.contains("\"onmouseover"), "{html}");
        assert!(
            html.contains("href=\"#a&quot;onmouseover=alert(1)\""),
            "{html}"
        );
    }
}

#[test]
fn only_web_mail_and_phone_schemes_are_safe() {
    for safe in [
        "/x/",
        "../y",
        "#top",
        "https://a.example/",
        "HTTP://a",
        "mailto:a@b",
        "tel:+44",
        "a/b:c",
    ] {
        assert!(is_safe_address(safe), "{safe}");
    }
    for unsafe_address in [
        "javascript:x",
        " JavaScript:x",
        "java\nscript:x",
        "vbscript:x",
        "data:text/html,x",
        "file:///etc/passwd",
    ] {
        assert!(!is_safe_address(unsafe_address), "{unsafe_address}");
    }
}

#[test]
fn headings_get_unique_ids_and_anchor_links() {
    let html = render("# Title\n\n## Recommendation 3\n\n## Recommendation 3\n");
    assert!(
        html.contains("<h2 id=\"title\">Title</h2>\n<a class=\"heading-anchor\" href=\"#title\" aria-label=\"Link to the section Title\">#</a>"),
        "{html}"
    );
    assert!(html.contains("<h2 id=\"recommendation-3\">"), "{html}");
    assert!(html.contains("<h2 id=\"recommendation-3-1\">"), "{html}");
}

#[test]
fn footnote_ids_are_prefixed_and_numbered() {
    let html = render("Text[^1] and[^b].\n\n[^1]: One.\n[^b]: Two.\n");
    assert!(
        html.contains("<a href=\"#fn-1\" id=\"fnref-1\">1</a>"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"#fn-b\" id=\"fnref-b\">2</a>"),
        "{html}"
    );
    assert!(
        html.contains("<div class=\"footnote\" id=\"fn-1\">"),
        "{html}"
    );
    assert!(!html.contains("id=\"1\""), "{html}");
}

#[test]
fn code_is_highlighted_with_classes() {
    let html = render("```rust\nfn main() {}\n```\n");
    assert!(
        html.contains("<pre class=\"code\" tabindex=\"0\"><code class=\"language-rust\">"),
        "{html}"
    );
    assert!(html.contains("class=\"hl-"), "{html}");
    let plain = render("```\n<b>\n```\n");
    assert!(plain.contains("&lt;b&gt;"), "{plain}");
}

#[test]
fn tables_strikethrough_and_smart_punctuation() {
    let html = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ \"quoted\" -- it's\n");
    assert!(html.contains("<table>"), "{html}");
    assert!(html.contains("<del>old</del>"), "{html}");
    assert!(html.contains("“quoted” – it’s"), "{html}");
}

#[test]
fn the_benchmark_floor_reads_markdown_as_scrutiny_does() {
    // BENCHMARKS.md measures builds against the floor (crates/corpus), which must parse with
    // these options. Here scrutiny only adds around what pulldown-cmark writes (a table's
    // scrolling region).
    let text = "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ \"quoted\" -- it's *so* **bold**\n\n\
                - one\n- two\n\n1. first\n\n> quoted\n";
    let (table, rest) = text.split_at(text.find("\n\n").expect("two blocks") + 2);
    let whole = render(text);
    for part in [table, rest] {
        let floor = scrutiny_corpus::floor::render(part);
        assert!(whole.contains(&floor), "{floor}\nnot in\n{whole}");
    }
    assert!(
        whole.contains("<table>") && whole.contains("<del>old</del>"),
        "{whole}"
    );
}

#[test]
fn root_relative_links_go_under_the_base_path() {
    let html = render("[a](/reports/x/) [b](https://example.org/) [c](../y/) [d](//cdn.example/)");
    assert!(html.contains("href=\"/hmicfrs/reports/x/\""), "{html}");
    assert!(html.contains("href=\"https://example.org/\""), "{html}");
    assert!(html.contains("href=\"../y/\""), "{html}");
    assert!(html.contains("href=\"//cdn.example/\""), "{html}");
}
