//! The error overlay: the latest build's errors, rendered as the terminal shows them, laid over
//! every HTML page the preview serves until a build succeeds again.

use crate::diagnostic::{OutputFormat, render, slash_path};
use crate::markdown::escape_html;

use super::site::BuildErrors;

/// The `id` of the overlay element, for tests and for the close button.
pub const OVERLAY_ID: &str = "scrutiny-errors";

/// The overlay as an HTML fragment.
pub fn overlay_html(errors: &BuildErrors) -> String {
    let count = errors.diagnostics.len();
    let noun = if count == 1 { "error" } else { "errors" };
    let mut items = String::new();
    for diagnostic in &errors.diagnostics {
        let source = errors.texts.get(&diagnostic.file).map(String::as_str);
        let text = render(diagnostic, source, OutputFormat::Human { colour: false });
        let location = match diagnostic.position {
            Some(position) => format!(
                "{}:{}:{}",
                slash_path(&diagnostic.file),
                position.line,
                position.column
            ),
            None => slash_path(&diagnostic.file),
        };
        items.push_str(&format!(
            "<li style=\"margin:0 0 1em\"><p style=\"margin:0 0 .25em;font-weight:bold\">{}</p>\
             <pre style=\"margin:0;padding:.75em;background:#fff;color:#0b0c0c;border:1px solid #b1b4b6;\
             overflow:auto;white-space:pre;font:14px/1.4 ui-monospace,Menlo,Consolas,monospace\">{}</pre></li>",
            escape_html(&location),
            escape_html(&text)
        ));
    }
    format!(
        "<div id=\"{OVERLAY_ID}\" role=\"alert\" aria-labelledby=\"{OVERLAY_ID}-title\" \
         style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(11,12,12,.85);\
         padding:2em 1em;font:16px/1.5 system-ui,sans-serif;color:#0b0c0c\">\
         <div style=\"max-width:60em;margin:0 auto;background:#f3f2f1;border-left:8px solid #d4351c;padding:1em 1.5em\">\
         <h2 id=\"{OVERLAY_ID}-title\" style=\"margin:0 0 .5em;font-size:1.5em\">The site could not be rebuilt: \
         {count} {noun}</h2>\
         <p style=\"margin:0 0 1em\">You are looking at the last version that built. Fix the {noun} \
         below and save the file: this page reloads by itself.</p>\
         <ol style=\"margin:0 0 1em;padding-left:1.5em\">{items}</ol>\
         <button type=\"button\" onclick=\"document.getElementById('{OVERLAY_ID}').remove()\" \
         style=\"font:inherit;padding:.25em 1em\">Hide these errors</button></div></div>"
    )
}

/// `html` with the overlay placed just before `</body>` (or at the end when there is none).
pub fn inject(html: &[u8], overlay: &str) -> Vec<u8> {
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + overlay.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(overlay.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|window| window.eq_ignore_ascii_case(needle))
}

/// A whole page for when no build has succeeded yet: only the errors.
pub fn errors_page(errors: &BuildErrors) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>The site has errors – scrutiny serve</title></head>\
         <body><main><h1>The site has not been built yet</h1>\
         <p>The content has errors, so there is nothing to show. Fix them and save: this page \
         reloads by itself.</p></main>{}</body></html>\n",
        overlay_html(errors)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Diagnostic, Position};
    use std::collections::HashMap;
    use std::path::PathBuf;
    use std::sync::Arc;

    fn errors() -> BuildErrors {
        let file = PathBuf::from("content/reports/x.md");
        let text = "+++\ntitle = <b>\n+++\n".to_string();
        BuildErrors {
            diagnostics: vec![
                Diagnostic::error(&file, "`title` must be text")
                    .at(Position { line: 2, column: 9 })
                    .with_help("write it like: title = \"...\""),
            ],
            texts: Arc::new(HashMap::from([(file, text)])),
        }
    }

    #[test]
    fn the_overlay_escapes_and_locates_each_error() {
        let html = overlay_html(&errors());
        assert!(html.contains("content/reports/x.md:2:9"), "{html}");
        assert!(html.contains("title = &lt;b&gt;"), "{html}");
        assert!(html.contains("1 error</h2>"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
    }

    #[test]
    fn it_goes_before_the_end_of_the_body() {
        let page = b"<html><body><p>Hi</p></BODY></html>";
        let out = String::from_utf8(inject(page, "<div>E</div>")).unwrap_or_default();
        assert_eq!(out, "<html><body><p>Hi</p><div>E</div></BODY></html>");
        let bare = String::from_utf8(inject(b"<p>x", "<div>E</div>")).unwrap_or_default();
        assert_eq!(bare, "<p>x<div>E</div>");
    }
}
