//! Markdown: renders document bodies to HTML — heading ids and anchor links, prefixed footnote
//! ids, syntax-highlighted code (syntect, loaded once on first use), links under the base path.

use std::collections::HashMap;
use std::sync::OnceLock;

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html,
};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The class prefix of highlighted code; the theme's CSS styles `.hl-comment` and so on.
pub const HIGHLIGHT_CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Renders Markdown for one site. Cheap to share across threads.
#[derive(Debug, Default)]
pub struct MarkdownRenderer {
    base_path: String,
    syntaxes: OnceLock<SyntaxSet>,
}

/// A rendered body: its HTML, its headings (for contents lists) and its plain text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RenderedBody {
    pub html: String,
    pub headings: Vec<Heading>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

impl MarkdownRenderer {
    /// `base_path` prefixes root-relative links (`/reports/x/` becomes `/hmicfrs/reports/x/`).
    pub fn new(base_path: &str) -> MarkdownRenderer {
        MarkdownRenderer {
            base_path: base_path.to_string(),
            syntaxes: OnceLock::new(),
        }
    }

    fn syntaxes(&self) -> &SyntaxSet {
        self.syntaxes.get_or_init(SyntaxSet::load_defaults_newlines)
    }

    pub fn render(&self, markdown: &str) -> RenderedBody {
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_HEADING_ATTRIBUTES
            | Options::ENABLE_SMART_PUNCTUATION;
        let events: Vec<Event<'_>> = Parser::new_ext(markdown, options).collect();
        let mut pass = Pass::default();
        let events = pass.transform(self, events);
        let mut html_out = String::with_capacity(markdown.len() * 3 / 2);
        html::push_html(&mut html_out, events.into_iter());
        RenderedBody {
            html: html_out,
            headings: pass.headings,
        }
    }

    fn highlight(&self, code: &str, language: &str) -> String {
        let language = language.split([',', ' ']).next().unwrap_or("").trim();
        let class = if language.is_empty() {
            String::new()
        } else {
            format!(" class=\"language-{}\"", escape_html(language))
        };
        let highlighted = (!language.is_empty())
            .then(|| self.highlight_with_syntect(code, language))
            .flatten()
            .unwrap_or_else(|| escape_html(code));
        format!("<pre class=\"code\" tabindex=\"0\"><code{class}>{highlighted}</code></pre>\n")
    }

    fn highlight_with_syntect(&self, code: &str, language: &str) -> Option<String> {
        let syntaxes = self.syntaxes();
        let syntax = syntaxes
            .find_syntax_by_token(language)
            .or_else(|| syntaxes.find_syntax_by_extension(language))?;
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, HIGHLIGHT_CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            generator
                .parse_html_for_line_which_includes_newline(line)
                .ok()?;
        }
        Some(generator.finalize())
    }
}

/// One pass over the events, rewriting headings, footnotes, code blocks and links.
#[derive(Default)]
struct Pass {
    headings: Vec<Heading>,
    used_ids: HashMap<String, usize>,
    footnote_numbers: HashMap<String, usize>,
}

impl Pass {
    fn transform<'a>(
        &mut self,
        renderer: &MarkdownRenderer,
        events: Vec<Event<'a>>,
    ) -> Vec<Event<'a>> {
        let mut out = Vec::with_capacity(events.len());
        let mut events = events.into_iter();
        while let Some(event) = events.next() {
            match event {
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    let inner: Vec<Event<'a>> = events
                        .by_ref()
                        .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
                        .collect();
                    out.extend(self.heading(level, id, classes, attrs, inner));
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let mut code = String::new();
                    for inner in events.by_ref() {
                        match inner {
                            Event::End(TagEnd::CodeBlock) => break,
                            Event::Text(text) => code.push_str(&text),
                            _ => {}
                        }
                    }
                    let language = match &kind {
                        CodeBlockKind::Fenced(info) => info.to_string(),
                        CodeBlockKind::Indented => String::new(),
                    };
                    out.push(Event::Html(renderer.highlight(&code, &language).into()));
                }
                Event::FootnoteReference(name) => {
                    let number = self.footnote_number(&name);
                    let id = footnote_id(&name);
                    out.push(Event::Html(
                        format!(
                            "<sup class=\"footnote-ref\"><a href=\"#fn-{id}\" id=\"fnref-{id}\">{number}</a></sup>"
                        )
                        .into(),
                    ));
                }
                Event::Start(Tag::FootnoteDefinition(name)) => {
                    let number = self.footnote_number(&name);
                    let id = footnote_id(&name);
                    out.push(Event::Html(
                        format!(
                            "<div class=\"footnote\" id=\"fn-{id}\"><p class=\"footnote-label\">\
                             <a href=\"#fnref-{id}\" aria-label=\"Back to reference {number}\">{number}.</a></p>\n"
                        )
                        .into(),
                    ));
                }
                Event::End(TagEnd::FootnoteDefinition) => out.push(Event::Html("</div>\n".into())),
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: renderer.rebase(dest_url),
                    title,
                    id,
                })),
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: renderer.rebase(dest_url),
                    title,
                    id,
                })),
                other => out.push(other),
            }
        }
        out
    }

    fn heading<'a>(
        &mut self,
        level: HeadingLevel,
        explicit_id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
        inner: Vec<Event<'a>>,
    ) -> Vec<Event<'a>> {
        // The page title is the only h1; body headings start at h2.
        let level = match level {
            HeadingLevel::H1 => HeadingLevel::H2,
            other => other,
        };
        let text = plain_text(&inner);
        let base = explicit_id
            .map(|id| id.to_string())
            .unwrap_or_else(|| heading_slug(&text));
        let id = self.unique_id(if base.is_empty() {
            "section".into()
        } else {
            base
        });
        self.headings.push(Heading {
            level: level as u8,
            id: id.clone(),
            text: text.clone(),
        });
        let mut events = vec![Event::Start(Tag::Heading {
            level,
            id: Some(id.clone().into()),
            classes,
            attrs,
        })];
        events.extend(inner);
        events.push(Event::Html(
            format!(
                " <a class=\"heading-anchor\" href=\"#{id}\"><span aria-hidden=\"true\">#</span>\
                 <span class=\"visually-hidden\">Link to the section: {}</span></a>",
                escape_html(&text)
            )
            .into(),
        ));
        events.push(Event::End(TagEnd::Heading(level)));
        events
    }

    fn unique_id(&mut self, base: String) -> String {
        let count = self.used_ids.entry(base.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            base
        } else {
            format!("{base}-{}", *count - 1)
        }
    }

    fn footnote_number(&mut self, name: &str) -> usize {
        let next = self.footnote_numbers.len() + 1;
        *self
            .footnote_numbers
            .entry(name.to_string())
            .or_insert(next)
    }
}

impl MarkdownRenderer {
    /// Prefixes root-relative URLs with the site's base path.
    fn rebase<'a>(&self, url: CowStr<'a>) -> CowStr<'a> {
        if url.starts_with('/') && !url.starts_with("//") && self.base_path != "/" {
            format!("{}{}", self.base_path.trim_end_matches('/'), url).into()
        } else {
            url
        }
    }
}

fn footnote_id(name: &str) -> String {
    let slug = heading_slug(name);
    if slug.is_empty() { "note".into() } else { slug }
}

/// The text of inline events, for heading ids and contents lists.
fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// "Recommendation 3: training" → "recommendation-3-training".
pub fn heading_slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if (c.is_whitespace() || c == '-' || c == '_')
            && !slug.ends_with('-')
            && !slug.is_empty()
        {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(markdown: &str) -> String {
        MarkdownRenderer::new("/hmicfrs/").render(markdown).html
    }

    #[test]
    fn headings_get_unique_ids_and_anchor_links() {
        let html = render("# Title\n\n## Recommendation 3\n\n## Recommendation 3\n");
        assert!(
            html.contains("<h2 id=\"title\">Title <a class=\"heading-anchor\" href=\"#title\">"),
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
    fn root_relative_links_go_under_the_base_path() {
        let html =
            render("[a](/reports/x/) [b](https://example.org/) [c](../y/) [d](//cdn.example/)");
        assert!(html.contains("href=\"/hmicfrs/reports/x/\""), "{html}");
        assert!(html.contains("href=\"https://example.org/\""), "{html}");
        assert!(html.contains("href=\"../y/\""), "{html}");
        assert!(html.contains("href=\"//cdn.example/\""), "{html}");
    }
}
