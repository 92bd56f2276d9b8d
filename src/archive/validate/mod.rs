//! Validation: checks documents against each other and the configuration, and builds the
//! [`Archive`]. Every problem in every file is collected; [`validate()`] returns them with the
//! archive of the documents that passed their checks, which may be built only when no problem
//! is an error.
//!
//! One file per kind of document (`config`, `reports`, `responses`, `attachments`, `pages`),
//! `references` for the checks between them, and `statement` for `check`'s look at the
//! accessibility statement as of today.

mod attachments;
mod cms;
mod config;
mod national;
mod pages;
mod placeholders;
mod references;
mod reports;
mod responses;
mod statement;
mod translations;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::{Archive, DraftAttachments, Page, Report, Response};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::document::{ConfigFile, Document, GradeAreaEntry, Matter, ThemeEntry};
use crate::frontmatter::{Located, Word};
use crate::national::SourceData;
use crate::source::AttachmentFile;
use crate::vocabulary::placeholders::Placeholder;
use references::{FindingLines, KnownReports};

pub use crate::document::{is_slug, slugify};
pub use attachments::normalise_attachment_path;
pub use pages::RESERVED_SLUGS;
pub use statement::{SECTIONS, check_statement};

#[derive(Clone, Copy, Debug, Default)]
pub struct ValidateOptions {
    /// Include documents marked `draft = true`.
    pub drafts: bool,
}

/// Checks everything and builds the archive of the documents that passed their checks (`None`
/// only when the configuration itself is wrong), with every problem found. With any error among
/// the problems the archive must never be built or published: it is for checks that need
/// rendered pages, such as `check`'s links, so that one run reports them too.
pub fn validate(
    config: Option<ConfigFile>,
    themes: Option<Vec<ThemeEntry>>,
    grade_areas: Option<Vec<GradeAreaEntry>>,
    (documents, translations): (Vec<Document>, Vec<crate::document::Translation>),
    attachments: &BTreeMap<String, AttachmentFile>,
    sources: Vec<SourceData>,
    options: ValidateOptions,
) -> (Option<Archive>, Diagnostics) {
    let mut checker = Checker {
        diagnostics: Diagnostics::default(),
        options,
    };
    // The languages as written: a theme's translation is checked against them even when
    // another part of config.toml is wrong.
    let languages: Vec<String> = config
        .as_ref()
        .map(|c| c.languages.iter().map(|l| l.code.value.clone()).collect())
        .unwrap_or_default();
    let config = config.and_then(|doc| checker.config(doc));
    let themes = themes
        .map(|docs| checker.themes(docs, &languages))
        .unwrap_or_default();
    let grade_areas = grade_areas.map(|docs| checker.grade_areas(docs, &languages));
    let rule = config.as_ref().map(|c| c.deadline).unwrap_or_default();

    let mut report_docs = Vec::new();
    let mut response_docs = Vec::new();
    let mut page_docs = Vec::new();
    for mut document in documents {
        let placeholders = std::mem::take(&mut document.body.placeholders);
        let body = super::Body::from(document.body);
        let common = Common {
            slug: document.slug,
            path: document.path,
            body,
            has_errors: document.has_errors,
            placeholders,
        };
        match document.matter {
            Matter::Report(doc) => report_docs.push((common, doc)),
            Matter::Response(doc) => response_docs.push((common, doc)),
            Matter::Page(doc) => page_docs.push((common, doc)),
        }
    }

    let known_reports = KnownReports::new(&report_docs);
    let theme_slugs: Vec<&str> = themes.iter().map(|t| t.slug.as_str()).collect();
    let default_statuses = crate::vocabulary::StatusWords::default();
    let lists = reports::Lists {
        themes: &theme_slugs,
        grade_areas: grade_areas.as_deref(),
        statuses: config.as_ref().map_or(&default_statuses, |c| &c.statuses),
    };
    // Each document is moved into its check, and its front matter freed once the archive's
    // record of it is made: the two are never held whole at once.
    let checked: Vec<(Report, FindingLines)> =
        checker.each(report_docs, |checker, (mut common, doc)| {
            let report = checker.report(&mut common, &doc, &lists, &known_reports)?;
            Some((report, FindingLines::of(&doc)))
        });
    let (reports, finding_lines): (Vec<Report>, Vec<FindingLines>) = checked.into_iter().unzip();
    let report_map: HashMap<&str, &Report> = reports.iter().map(|r| (r.slug.as_str(), r)).collect();
    let responses: Vec<Response> = checker.each(response_docs, |checker, (mut common, doc)| {
        checker.response(
            &mut common,
            &doc,
            &report_map,
            &known_reports,
            attachments,
            &rule,
        )
    });
    let pages: Vec<Page> = checker.each(page_docs, |checker, (mut common, doc)| {
        checker.page(&mut common, &doc)
    });
    let translations = checker.translations(
        translations,
        config.as_ref(),
        (&reports, &responses, &pages),
        attachments,
    );

    checker.unexplained_recommendations(&reports, &finding_lines, &responses, &rule);
    crate::parallel::drop_in_background((known_reports, finding_lines));

    let included = |draft: bool| options.drafts || !draft;
    let reports: Vec<Report> = reports.into_iter().filter(|r| included(r.draft)).collect();
    let (responses, left_out): (Vec<Response>, Vec<Response>) =
        responses.into_iter().partition(|r| included(r.draft));
    let draft_attachments: Vec<DraftAttachments> = left_out
        .into_iter()
        .filter(|r| !r.attachments.is_empty())
        .map(|r| DraftAttachments {
            source: r.source,
            attachments: r.attachments,
        })
        .collect();
    let pages: Vec<Page> = pages.into_iter().filter(|p| included(p.draft)).collect();

    // A national site's sources, matched with each other and with its own reports.
    let national = config
        .as_ref()
        .filter(|config| !config.sources.is_empty())
        .map(|config| {
            let (national, warnings) = national::assemble(&config.sources, sources, &reports);
            checker.diagnostics.extend(warnings);
            national
        });
    let diagnostics = checker.diagnostics;
    let lists = (themes, grade_areas.unwrap_or_default());
    let archive = config.map(|config| {
        let documents = (reports, responses, pages, draft_attachments);
        Archive::new(config, lists, documents, national, translations)
    });
    (archive, diagnostics)
}

/// What every document has besides its front matter.
struct Common {
    slug: String,
    path: std::path::PathBuf,
    body: super::Body,
    has_errors: bool,
    /// The example names and template prompts left in the body.
    placeholders: Vec<(crate::diagnostic::Position, Placeholder)>,
}

/// Where the checks put their diagnostics: one per thread when documents are checked in parallel.
struct Checker {
    diagnostics: Diagnostics,
    options: ValidateOptions,
}

fn value<T: Clone>(field: &Option<Located<T>>) -> Option<T> {
    field.as_ref().map(|located| located.value.clone())
}

fn word<V: Copy>(field: &Option<Located<Word<V>>>) -> Option<V> {
    field.as_ref().map(|located| located.value.0)
}

impl Checker {
    fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Checks each document with `check` on all cores, each with a checker of its own, and
    /// keeps their diagnostics in document order, as one loop over the documents would. Each
    /// document is moved into its check and freed by it, so a large archive's parsed front
    /// matter is not held beside the archive made from it.
    fn each<D: Send, T: Send>(
        &mut self,
        documents: Vec<D>,
        check: impl Fn(&mut Checker, D) -> Option<T> + Sync,
    ) -> Vec<T> {
        let options = self.options;
        let checked: Vec<(Option<T>, Diagnostics)> = documents
            .into_par_iter()
            .with_max_len(crate::parallel::PARALLEL_GRAIN)
            .map(|document| {
                let mut own = Checker {
                    diagnostics: Diagnostics::default(),
                    options,
                };
                let checked = check(&mut own, document);
                (checked, own.diagnostics)
            })
            .collect();
        let mut kept = Vec::with_capacity(checked.len());
        for (checked, diagnostics) in checked {
            self.diagnostics.append(diagnostics);
            kept.extend(checked);
        }
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("serious-youth-violence"));
        assert!(is_slug("peel-2023"));
        assert!(!is_slug("Serious-Youth"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug("-a"));
        assert!(!is_slug("a b"));
        assert_eq!(slugify("Roads Policing (2020)"), "roads-policing-2020");
    }
}
