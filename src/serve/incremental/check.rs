//! Steps 2 and 3 of an incremental rebuild: which files' checks can differ after a change,
//! and checking them together with what they refer to, as a small site of its own.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::{ByFile, FullRebuild, LastBuild, by_file};
use crate::archive::{self, Page, Report, Response, ValidateOptions};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::document::{self, Document, Matter};
use crate::source::SourceKind;

impl LastBuild {
    /// Step 2: the files whose checks can differ (T: the changed documents, the responses
    /// answering a changed report, the reports a changed response answers or answered), and
    /// what checking them needs (C: T, the reports they follow up or answer, and every
    /// response answering a report in C).
    pub(super) fn targets_and_context(
        &self,
        fresh: &[Document],
    ) -> Result<(HashSet<PathBuf>, HashSet<PathBuf>), FullRebuild> {
        let mut targets: HashSet<PathBuf> = fresh.iter().map(|d| d.path.clone()).collect();
        for document in fresh {
            match &document.matter {
                Matter::Report(_) => {
                    for slug in self.answering.get(&document.slug).into_iter().flatten() {
                        targets.extend(self.response_paths.get(slug).cloned());
                    }
                }
                Matter::Response(doc) => {
                    let old = self
                        .archive
                        .responses
                        .iter()
                        .find(|r| r.slug == document.slug);
                    let new_slugs = doc
                        .report
                        .iter()
                        .flat_map(|r| r.value.0.iter().map(|s| s.value.clone()));
                    for slug in old
                        .into_iter()
                        .flat_map(|r| r.reports.clone())
                        .chain(new_slugs)
                    {
                        targets.extend(self.archive.report(&slug).map(|r| r.source.clone()));
                    }
                }
                Matter::Page(_) => {}
            }
        }
        let fresh_by_path: HashMap<&PathBuf, &Document> =
            fresh.iter().map(|d| (&d.path, d)).collect();
        let mut context: HashSet<PathBuf> = targets.clone();
        for path in &targets {
            let document = match fresh_by_path.get(path) {
                Some(document) => *document,
                None => (self.sources.documents.get(path))
                    .ok_or_else(|| FullRebuild::NotAKnownDocument(path.clone()))?,
            };
            match &document.matter {
                Matter::Report(doc) => {
                    if let Some(earlier) = &doc.follows_up {
                        context.extend(
                            self.archive
                                .report(&earlier.value)
                                .map(|r| r.source.clone()),
                        );
                    }
                    for slug in self.answering.get(&document.slug).into_iter().flatten() {
                        context.extend(self.response_paths.get(slug).cloned());
                    }
                }
                Matter::Response(doc) => {
                    for slug in doc.report.iter().flat_map(|r| r.value.0.iter()) {
                        context.extend(self.archive.report(&slug.value).map(|r| r.source.clone()));
                    }
                }
                Matter::Page(_) => {}
            }
        }
        // Reports in C need every response answering them, including changed responses' new
        // answers.
        for document in fresh {
            if let Matter::Response(doc) = &document.matter {
                for slug in doc.report.iter().flat_map(|r| r.value.0.iter()) {
                    for other in self.answering.get(&slug.value).into_iter().flatten() {
                        context.extend(self.response_paths.get(other).cloned());
                    }
                }
            }
        }
        Ok((targets, context))
    }

    /// Step 3: checks C as a site of its own, keeping the verdicts on T, and takes the changed
    /// documents out of the result with their bodies.
    pub(super) fn check_together(
        &self,
        changed: &[PathBuf],
        fresh: Fresh,
        targets: HashSet<PathBuf>,
        context: HashSet<PathBuf>,
    ) -> Result<CheckedTogether, FullRebuild> {
        let changed_set: HashSet<&PathBuf> = changed.iter().collect();
        let mut bodies: HashMap<PathBuf, document::Body> = HashMap::new();
        let mut subset = Vec::with_capacity(context.len());
        for document in fresh.documents {
            bodies.insert(document.path.clone(), document.body.clone());
            subset.push(document);
        }
        for path in &context {
            if !changed_set.contains(path) {
                let document = (self.sources.documents.get(path))
                    .ok_or_else(|| FullRebuild::NotAKnownDocument(path.clone()))?;
                subset.push(document.clone());
            }
        }
        let front_matter: Vec<Document> = subset
            .iter()
            .filter(|d| changed_set.contains(&d.path))
            .map(Document::front_matter_only)
            .collect();
        // The subset's translations, so that a document's warning of a missing one is as the
        // full check gives it.
        let originals: HashSet<(SourceKind, &str)> =
            subset.iter().map(|d| (d.kind(), d.slug.as_str())).collect();
        let translations: Vec<document::Translation> = (self.sources.translations.iter())
            .filter(|t| originals.contains(&(t.document.kind(), t.document.slug.as_str())))
            .cloned()
            .collect();
        let (checked, problems) = archive::validate(
            self.sources.config.clone(),
            self.sources.themes.clone(),
            self.sources.grade_areas.clone(),
            (subset, translations),
            &self.sources.listing.attachments,
            Vec::new(),
            ValidateOptions { drafts: true },
        );
        if problems.has_errors() {
            return Err(FullRebuild::CheckFailed);
        }
        let checked = checked.ok_or(FullRebuild::CheckFailed)?;
        // The diagnostics of T are made again; every other file's are kept.
        let mut diagnostics = Diagnostics::default();
        for path in &targets {
            let read = match fresh.problems.get(path) {
                Some(problems) => Some(problems),
                None => self.sources.read_problems.get(path),
            };
            diagnostics.extend(read.into_iter().flatten().cloned());
        }
        diagnostics.extend(problems.into_iter().filter(|d| targets.contains(&d.file)));
        // The changed documents as checked, their bodies put back.
        let take_body = |source: &Path| {
            let body = bodies.get(source).cloned().ok_or(FullRebuild::LeftOut);
            body.map(crate::archive::Body::from)
        };
        let mut documents = ChangedDocuments::default();
        for report in checked.reports {
            if changed_set.contains(&report.source) {
                let body = take_body(&report.source)?;
                documents.reports.push(Report { body, ..report });
            }
        }
        for response in checked.responses {
            if changed_set.contains(&response.source) {
                let body = take_body(&response.source)?;
                documents.responses.push(Response { body, ..response });
            }
        }
        for page in checked.pages {
            if changed_set.contains(&page.source) {
                let body = take_body(&page.source)?;
                documents.pages.push(Page { body, ..page });
            }
        }
        Ok(CheckedTogether {
            documents,
            kept: Kept {
                front_matter,
                read_problems: fresh.problems,
                targets,
                diagnostics: by_file(diagnostics.into_sorted()),
            },
        })
    }
}

/// Step 1's result: the changed documents read again, and the problems found reading each.
pub(super) struct Fresh {
    pub(super) documents: Vec<Document>,
    pub(super) problems: HashMap<PathBuf, Vec<Diagnostic>>,
}

/// The changed documents as checked, bodies included.
#[derive(Default)]
pub(super) struct ChangedDocuments {
    pub(super) reports: Vec<Report>,
    pub(super) responses: Vec<Response>,
    pub(super) pages: Vec<Page>,
}

/// Step 3's result: the changed documents, and what the next rebuild keeps of the check.
pub(super) struct CheckedTogether {
    pub(super) documents: ChangedDocuments,
    pub(super) kept: Kept,
}

/// What a rebuild keeps of its check: the changed documents' front matter and reading
/// problems, and the files whose diagnostics were made again (T) with those diagnostics.
pub(super) struct Kept {
    pub(super) front_matter: Vec<Document>,
    pub(super) read_problems: HashMap<PathBuf, Vec<Diagnostic>>,
    pub(super) targets: HashSet<PathBuf>,
    pub(super) diagnostics: ByFile,
}
