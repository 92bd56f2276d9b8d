//! Fuzzes whole-document loading: bytes decoded as a source file, read as a report, a response
//! and a page, and the body rendered as Markdown with raw HTML allowed and escaped.

#![no_main]

mod common;
#[allow(dead_code)]
#[path = "../../tests/cli/hostile/tags.rs"]
mod tags;

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use scrutiny::document::read_document;
use scrutiny::markdown::{MarkdownRenderer, RawHtml};
use scrutiny::source::{SourceFile, SourceKind, TextFile, decode_text};
use tags::tags;

fuzz_target!(|data: &[u8]| {
    for kind in SourceKind::ALL {
        let path = Path::new("content").join(kind.folder()).join("fuzzed.md");
        let text = match decode_text(&path, data.to_vec()) {
            Ok(text) => text,
            Err(problem) => {
                // Located in the text as far as it could be decoded.
                let lossy = String::from_utf8_lossy(data);
                common::assert_located(&[problem], &[(&path, &lossy)]);
                return;
            }
        };
        let source = SourceFile {
            kind,
            slug: "fuzzed".into(),
            file: TextFile {
                path: path.clone(),
                text: text.clone(),
            },
        };
        let (document, problems) = read_document(&source);
        common::assert_located(&problems, &[(&path, &text)]);
        let Some(document) = document else {
            continue;
        };
        assert!(document.body.first_line >= 2);
        let [allowing, escaping] = renderers();
        allowing.render(&document.body.markdown);
        assert_no_active_html(&escaping.render(&document.body.markdown).html);
    }
});

/// One renderer per raw-HTML setting, made once: each loads syntect's grammars on first use.
fn renderers() -> &'static [MarkdownRenderer; 2] {
    static RENDERERS: OnceLock<[MarkdownRenderer; 2]> = OnceLock::new();
    RENDERERS.get_or_init(|| {
        [RawHtml::Allow, RawHtml::Escape]
            .map(|raw_html| MarkdownRenderer::new("/base/").with_raw_html(raw_html))
    })
}

/// With raw HTML escaped, no element or attribute the body wrote itself survives: every tag is
/// one the renderer writes, with no event handler and no `javascript:` address.
fn assert_no_active_html(html: &str) {
    for tag in tags(html) {
        assert!(
            ![
                "script", "iframe", "object", "embed", "style", "svg", "math", "form", "base",
                "meta", "link"
            ]
            .contains(&tag.name.as_str()),
            "<{}> in escaped output: {html}",
            tag.name
        );
        for (name, value) in &tag.attributes {
            assert!(
                !name.starts_with("on"),
                "an event handler {name} in escaped output: {html}"
            );
            let value = value.trim().to_ascii_lowercase();
            assert!(
                !(matches!(name.as_str(), "href" | "src") && value.starts_with("javascript:")),
                "a javascript: address in escaped output: {html}"
            );
        }
    }
}
