//! The accessibility statement held to the GOV.UK model: that the site has one, that it was
//! reviewed in the last year, and that it has the model's sections. Run by `check` on the whole
//! archive, with "today" passed in; a build does not need it.

use std::path::Path;

use crate::archive::{Archive, Page};
use crate::dates::Date;
use crate::diagnostic::Diagnostic;
use crate::vocabulary::PageKind;

/// The sections of the GOV.UK model statement, each with the words that recognise its heading:
/// a heading (any level) whose text contains any of them, ignoring case, is that section.
/// docs/editing.md lists the same words.
pub const SECTIONS: &[(&str, &[&str])] = &[
    ("compliance status", &["compliance status"]),
    (
        "non-accessible content",
        &["non-accessible", "not accessible", "inaccessible"],
    ),
    (
        "preparation of this accessibility statement",
        &["preparation", "prepared"],
    ),
    ("feedback and contact information", &["feedback", "contact"]),
    ("enforcement procedure", &["enforcement"]),
];

/// Warnings about the site's accessibility statement. `pages_failed` says that a page of
/// `content/pages/` had errors of its own and so is not in `archive`: the statement may be that
/// page, so its absence is not reported.
pub fn check_statement(archive: &Archive, today: Date, pages_failed: bool) -> Vec<Diagnostic> {
    let mut statements = archive
        .pages
        .iter()
        .filter(|page| page.kind == PageKind::AccessibilityStatement);
    let Some(statement) = statements.next() else {
        if pages_failed {
            return Vec::new();
        }
        return vec![
            Diagnostic::warning("content/pages", "the site has no accessibility statement").with_help(
                "add content/pages/accessibility.md with kind = \"accessibility-statement\" and \
                 reviewed = YYYY-MM-DD (see \"The accessibility statement\" in docs/editing.md)",
            ),
        ];
    };
    let mut warnings = Vec::new();
    for other in statements {
        warnings.push(
            Diagnostic::warning(
                &other.source,
                "the site has more than one accessibility statement",
            )
            .with_help(format!(
                "the footer links to {}; remove kind = \"accessibility-statement\" from the others",
                statement.source.display()
            )),
        );
    }
    warnings.extend(review(statement, today));
    match statement.body.text() {
        Ok(body) => {
            let headings = crate::markdown::heading_texts(&body);
            warnings.extend(
                missing_sections(&headings)
                    .into_iter()
                    .map(|section| missing(&statement.source, section)),
            );
        }
        Err(problem) => warnings.push(problem),
    }
    warnings
}

/// A missing or stale review date.
fn review(statement: &Page, today: Date) -> Option<Diagnostic> {
    let Some(reviewed) = &statement.reviewed else {
        return Some(
            Diagnostic::warning(
                &statement.source,
                "the accessibility statement does not say when it was last reviewed",
            )
            .with_help(format!(
                "review it, then add to the front matter: reviewed = {}",
                today.iso()
            )),
        );
    };
    let due = today.a_year_before();
    (reviewed.value < due).then(|| {
        reviewed
            .warning(
                &statement.source,
                format!(
                    "the accessibility statement was last reviewed on {}, more than a year ago",
                    reviewed.value.long()
                ),
            )
            .with_help(format!(
                "review it at least once a year: check it still describes the site, then write \
                 reviewed = {}",
                today.iso()
            ))
    })
}

/// The model's sections that none of `headings` is.
fn missing_sections(headings: &[String]) -> Vec<&'static str> {
    let headings: Vec<String> = headings.iter().map(|h| h.to_lowercase()).collect();
    SECTIONS
        .iter()
        .filter(|(_, words)| {
            !headings
                .iter()
                .any(|heading| words.iter().any(|word| heading.contains(word)))
        })
        .map(|(section, _)| *section)
        .collect()
}

fn missing(file: &Path, section: &str) -> Diagnostic {
    // `section` is one of SECTIONS' names (see `missing_sections`).
    let words = (SECTIONS.iter())
        .find(|(name, _)| *name == section)
        .map_or(&[][..], |(_, words)| *words);
    Diagnostic::warning(
        file,
        format!("the accessibility statement has no \"{section}\" section"),
    )
    .with_help(format!(
        "add a heading whose text contains {}, such as \"## {}\"",
        words
            .iter()
            .map(|word| format!("\"{word}\""))
            .collect::<Vec<_>>()
            .join(" or "),
        capitalised(section)
    ))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn the_govuk_model_headings_are_every_section() {
        let model = headings(&[
            "Feedback and contact information",
            "Enforcement procedure",
            "Compliance status",
            "Non-accessible content",
            "Preparation of this accessibility statement",
        ]);
        assert!(missing_sections(&model).is_empty());
    }

    #[test]
    fn headings_are_matched_ignoring_case_and_by_any_key_word() {
        let plain = headings(&[
            "COMPLIANCE STATUS",
            "Content that is not accessible",
            "How we prepared this statement",
            "Contact us",
            "Enforcement",
        ]);
        assert!(missing_sections(&plain).is_empty());
    }

    #[test]
    fn non_compliance_is_not_the_compliance_status() {
        let missing = missing_sections(&headings(&[
            "Non-compliance with the accessibility regulations",
        ]));
        assert_eq!(
            missing,
            vec![
                "compliance status",
                "non-accessible content",
                "preparation of this accessibility statement",
                "feedback and contact information",
                "enforcement procedure",
            ]
        );
    }

    #[test]
    fn a_missing_section_is_named_with_the_words_that_would_recognise_it() {
        let warning = missing(Path::new("a.md"), "enforcement procedure");
        assert_eq!(
            warning.message,
            "the accessibility statement has no \"enforcement procedure\" section"
        );
        assert_eq!(
            warning.help.as_deref(),
            Some(
                "add a heading whose text contains \"enforcement\", such as \"## Enforcement procedure\""
            )
        );
    }
}
