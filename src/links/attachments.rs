//! Attachments: every attached file must be readable, not empty, and what its name says it is.

use std::io::Read as _;
use std::path::Path;

use crate::archive::Archive;
use crate::diagnostic::Diagnostic;
use crate::source::SourceLines;

/// Each attachment, of a published response or a draft, must be a readable, non-empty file whose contents match its extension.
pub fn check_attachments(archive: &Archive, lines: &SourceLines) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    // A draft's attachments too: they are published when the draft is, so a draft's problem is
    // reported now, where it is written, as a published response's would be.
    let responses = archive
        .responses
        .iter()
        .map(|response| (&response.source, &response.attachments))
        .chain(
            archive
                .draft_attachments
                .iter()
                .map(|draft| (&draft.source, &draft.attachments)),
        );
    for (source, attachments) in responses {
        for attachment in attachments {
            let problem = match read_start(&attachment.disk_path) {
                Err(error) => Some((format!("cannot read this file: {error}"), None)),
                Ok(start) if start.is_empty() => Some((
                    "is empty".to_string(),
                    Some("save the document again, or copy it again from where it came from"),
                )),
                Ok(start) => mismatch(&attachment.file, &start),
            };
            let Some((what, help)) = problem else {
                continue;
            };
            let mut diagnostic = Diagnostic::error(
                source,
                format!("the attachment \"{}\" {what}", attachment.file),
            );
            // The file is read again only now, to point at the attachment's line.
            if let Some(text) = lines.text(source) {
                if let Some(at) = text.find(&attachment.file) {
                    diagnostic = diagnostic.at_span(&text, at..at + attachment.file.len());
                }
            }
            if let Some(help) = help {
                diagnostic = diagnostic.with_help(help);
            }
            problems.push(diagnostic);
        }
    }
    problems
}

fn read_start(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut start = Vec::with_capacity(8);
    std::fs::File::open(path)?.take(8).read_to_end(&mut start)?;
    Ok(start)
}

/// A problem when the first bytes of a file do not match what its extension promises.
fn mismatch(file: &str, start: &[u8]) -> Option<(String, Option<&'static str>)> {
    let extension = file.rsplit_once('.')?.1.to_ascii_lowercase();
    let (expected, magic): (&str, &[u8]) = match extension.as_str() {
        "pdf" => ("PDF", b"%PDF-"),
        "docx" | "xlsx" | "pptx" => ("Microsoft Office document", b"PK\x03\x04"),
        "odt" | "ods" | "odp" => ("OpenDocument file", b"PK\x03\x04"),
        _ => return None,
    };
    (!start.starts_with(magic)).then(|| {
        (
            format!("is not a {expected}, though its name says it is"),
            Some("save or export the document again in that format; renaming a file does not convert it"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachments_must_match_their_extension() {
        assert!(mismatch("files/a.pdf", b"%PDF-1.7").is_none());
        assert!(mismatch("files/a.pdf", b"PK\x03\x04").is_some());
        assert!(mismatch("files/a.docx", b"PK\x03\x04").is_none());
        assert!(mismatch("files/a.txt", b"anything").is_none());
    }
}
