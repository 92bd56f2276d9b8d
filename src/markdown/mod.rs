//! Markdown: renders document bodies to HTML — heading ids and anchor links, prefixed footnote
//! ids, syntax-highlighted code (syntect, loaded once on first use), links under the base path,
//! and raw HTML escaped or passed through as `[markdown] raw_html` says.

use std::collections::HashMap;
use std::sync::OnceLock;

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html,
};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::vocabulary::Vocabulary;

/// The class prefix of highlighted code; the theme's CSS styles `.hl-comment` and so on.
pub const HIGHLIGHT_CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// What becomes of HTML written inside Markdown (`[markdown] raw_html` in `config.toml`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum RawHtml {
    /// Passed through as written: editors are trusted with the page.
    Allow,
    /// Shown as text. Links and images may then only use web, mail and phone addresses, and
    /// heading attributes only `lang`, `dir` and `title`: no Markdown can put script on a page.
    #[default]
    Escape,
}

impl Vocabulary for RawHtml {
    const WORDS: &'static [(&'static str, Self)] =
        &[("allow", RawHtml::Allow), ("escape", RawHtml::Escape)];
}

/// Renders Markdown for one site. Cheap to share across threads.
#[derive(Debug, Default)]
pub struct MarkdownRenderer {
    base_path: String,
    raw_html: RawHtml,
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
            raw_html: RawHtml::default(),
            syntaxes: OnceLock::new(),
        }
    }

    /// Sets what becomes of raw HTML in the Markdown (escaped unless this says otherwise).
    pub fn with_raw_html(mut self, raw_html: RawHtml) -> MarkdownRenderer {
        self.raw_html = raw_html;
        self
    }

    fn syntaxes(&self) -> &SyntaxSet {
        self.syntaxes.get_or_init(SyntaxSet::load_defaults_newlines)
    }

    pub fn render(&self, markdown: &str) -> RenderedBody {
        let parser = Parser::new_ext(markdown, parser_options());
        let mut pass = Pass::default();
        let mut html_out = String::with_capacity(markdown.len() * 3 / 2);
        // Streamed from the parser to the HTML: no list of the body's events is ever held.
        match self.raw_html {
            RawHtml::Allow => html::push_html(&mut html_out, pass.transform(self, parser)),
            RawHtml::Escape => html::push_html(&mut html_out, pass.transform(self, defuse(parser))),
        }
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
    /// Tables so far, to name each one's scrolling region.
    tables: usize,
}

impl Pass {
    /// The events of `events`, rewritten, as they are read.
    fn transform<'p, 'a, I: Iterator<Item = Event<'a>>>(
        &'p mut self,
        renderer: &'p MarkdownRenderer,
        events: I,
    ) -> Transformed<'p, 'a, I> {
        Transformed {
            pass: self,
            renderer,
            events,
            pending: std::collections::VecDeque::new(),
        }
    }

    /// What `event` becomes, pushed onto `out`; reads on from `events` for headings and code.
    fn rewrite<'a>(
        &mut self,
        renderer: &MarkdownRenderer,
        event: Event<'a>,
        events: &mut impl Iterator<Item = Event<'a>>,
        out: &mut std::collections::VecDeque<Event<'a>>,
    ) {
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
                out.push_back(Event::Html(renderer.highlight(&code, &language).into()));
            }
            Event::FootnoteReference(name) => {
                let number = self.footnote_number(&name);
                let id = footnote_id(&name);
                out.push_back(Event::Html(
                    format!(
                        "<sup class=\"footnote-ref\"><a href=\"#fn-{id}\" id=\"fnref-{id}\">{number}</a></sup>"
                    )
                    .into(),
                ));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let number = self.footnote_number(&name);
                let id = footnote_id(&name);
                out.push_back(Event::Html(
                    format!(
                        "<div class=\"footnote\" id=\"fn-{id}\"><p class=\"footnote-label\">\
                         <a href=\"#fnref-{id}\" aria-label=\"Back to reference {number}\">{number}.</a></p>\n"
                    )
                    .into(),
                ));
            }
            Event::Start(Tag::Table(alignments)) => {
                self.tables += 1;
                out.push_back(Event::Html(
                    format!(
                        "<div class=\"table-wrapper\" role=\"region\" tabindex=\"0\" aria-label=\"Table {}\">\n",
                        self.tables
                    )
                    .into(),
                ));
                out.push_back(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                out.push_back(Event::End(TagEnd::Table));
                out.push_back(Event::Html("</div>\n".into()));
            }
            Event::End(TagEnd::FootnoteDefinition) => out.push_back(Event::Html("</div>\n".into())),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => out.push_back(Event::Start(Tag::Link {
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
            }) => out.push_back(Event::Start(Tag::Image {
                link_type,
                dest_url: renderer.rebase(dest_url),
                title,
                id,
            })),
            other => out.push_back(other),
        }
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
        events.push(Event::End(TagEnd::Heading(level)));
        // After the heading, not inside it, so the heading's name is just its text.
        events.push(Event::Html(
            format!(
                "<a class=\"heading-anchor\" href=\"#{}\" aria-label=\"Link to the section {}\">#</a>\n",
                escape_html(&id),
                escape_html(&text)
            )
            .into(),
        ));
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

/// A body's events as [`Pass`] rewrites them, one at a time (some events become several).
struct Transformed<'p, 'a, I> {
    pass: &'p mut Pass,
    renderer: &'p MarkdownRenderer,
    events: I,
    pending: std::collections::VecDeque<Event<'a>>,
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Transformed<'_, 'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        while self.pending.is_empty() {
            let event = self.events.next()?;
            self.pass
                .rewrite(self.renderer, event, &mut self.events, &mut self.pending);
        }
        self.pending.pop_front()
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

/// Turns what an editor could use to put active content on a page into inert text: raw HTML
/// becomes text (an HTML block a paragraph of it), a link or image to an address that is not
/// web, mail or phone keeps only its text, and heading attributes other than `lang`, `dir` and
/// `title` are dropped.
fn defuse<'a>(events: impl Iterator<Item = Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    // Whether each open link or image was kept, to drop the matching end.
    let mut links: Vec<bool> = Vec::new();
    let mut images: Vec<bool> = Vec::new();
    events.filter_map(move |event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        Event::Start(Tag::HtmlBlock) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::Paragraph)),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => {
            let attrs = attrs
                .into_iter()
                .filter(|(name, _)| {
                    matches!(name.to_ascii_lowercase().as_str(), "lang" | "dir" | "title")
                })
                .collect();
            Some(Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }))
        }
        Event::Start(Tag::Link { ref dest_url, .. }) => {
            let keep = is_safe_address(dest_url);
            links.push(keep);
            keep.then_some(event)
        }
        Event::End(TagEnd::Link) => links.pop().unwrap_or(true).then_some(event),
        Event::Start(Tag::Image { ref dest_url, .. }) => {
            let keep = is_safe_address(dest_url);
            images.push(keep);
            keep.then_some(event)
        }
        Event::End(TagEnd::Image) => images.pop().unwrap_or(true).then_some(event),
        other => Some(other),
    })
}

/// A relative address, or an absolute one with the scheme http, https, mailto or tel. Browsers
/// ignore tabs, newlines and leading spaces in a scheme, so this does too.
fn is_safe_address(address: &str) -> bool {
    let cleaned: String = address
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    let scheme_end = cleaned.find(|c: char| !(c.is_ascii_alphanumeric() || "+-.".contains(c)));
    match scheme_end {
        Some(end) if end > 0 && cleaned[end..].starts_with(':') => matches!(
            cleaned[..end].to_ascii_lowercase().as_str(),
            "http" | "https" | "mailto" | "tel"
        ),
        _ => true,
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
/// The Markdown a body may be written in.
fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// The text of every heading of a body, at any level, in order: what a check of a page's
/// sections reads, without rendering it.
pub fn heading_texts(markdown: &str) -> Vec<String> {
    let mut headings = Vec::new();
    let mut current: Option<String> = None;
    for event in Parser::new_ext(markdown, parser_options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => current = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => headings.extend(current.take()),
            Event::Text(text) | Event::Code(text) => {
                if let Some(heading) = current.as_mut() {
                    heading.push_str(&text);
                }
            }
            _ => {}
        }
    }
    headings
}

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
    push_escaped_html(&mut out, text);
    out
}

/// Appends `text` to `out` with `& < > " '` escaped, copying the runs between them whole.
pub fn push_escaped_html(out: &mut String, text: &str) {
    // Writing to a String cannot fail.
    let _ = write_escaped_html(out, text);
}

/// Writes `text` to `out` with `& < > " '` escaped, copying the runs between them whole.
pub fn write_escaped_html(out: &mut impl std::fmt::Write, text: &str) -> std::fmt::Result {
    let mut plain = 0;
    for (index, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // The five are ASCII, so `index` is always a character boundary.
        out.write_str(&text[plain..index])?;
        out.write_str(entity)?;
        plain = index + 1;
    }
    out.write_str(&text[plain..])
}

#[cfg(test)]
mod tests;
