//! Translations, checked: the words of each document in each other language of the site, and
//! the archive as that language shows it (the original's words where a document has none).

use std::path::PathBuf;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Archive, Body};
use crate::source::SourceKind;

/// The words of the documents in every language besides the main one, by language code.
#[derive(Clone, Debug, Default)]
pub struct Translations {
    pub languages: FxHashMap<String, LanguageWords>,
}

/// The translated documents of one language, by kind and the original's slug.
#[derive(Clone, Debug, Default)]
pub struct LanguageWords {
    pub documents: FxHashMap<(SourceKind, String), DocumentWords>,
}

/// What a translation says in place of its original: every field it leaves out keeps the
/// original's words.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocumentWords {
    /// The translation's file.
    pub source: PathBuf,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub body: Body,
    /// By finding id: its text, and its updates' notes in the original's order.
    pub findings: FxHashMap<String, FindingWords>,
    pub role: Option<String>,
    pub to: Option<String>,
    pub cc: Option<Vec<String>>,
    /// In the original's order: each attachment's title and own file.
    pub attachments: Vec<AttachmentWords>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct FindingWords {
    pub text: Option<String>,
    pub notes: Vec<Option<String>>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AttachmentWords {
    pub title: Option<String>,
    /// The language's own file (`files/letter-cy.pdf`), with where it is on disk and its size.
    pub file: Option<(String, PathBuf, u64)>,
}

impl Translations {
    /// Whether `language` has a translation of the document of `kind` at `slug`.
    pub fn has(&self, language: &str, kind: SourceKind, slug: &str) -> bool {
        self.languages
            .get(language)
            .is_some_and(|words| words.documents.contains_key(&(kind, slug.to_string())))
    }
}

impl Archive {
    /// The archive as the pages of `language` (a code of `[languages.<code>]`) show it: each
    /// document with its translation's words, and [`Archive::untranslated`] naming those that
    /// have none (shown in the main language's words).
    pub fn in_language(&self, language: &str) -> Archive {
        let mut archive = self.clone();
        let empty = LanguageWords::default();
        let words = self.translations.languages.get(language).unwrap_or(&empty);
        let mut untranslated = FxHashSet::default();
        let find = |kind: SourceKind, slug: &str| words.documents.get(&(kind, slug.to_string()));
        for report in &mut archive.reports {
            let Some(words) = find(SourceKind::Report, &report.slug) else {
                untranslated.insert(report.source.clone());
                continue;
            };
            replace(&mut report.title, &words.title);
            report.summary = words.summary.clone().or(report.summary.take());
            report.body = words.body.clone();
            for finding in &mut report.findings {
                let Some(translated) = words.findings.get(&finding.id) else {
                    continue;
                };
                replace(&mut finding.text, &translated.text);
                for (update, note) in finding.updates.iter_mut().zip(&translated.notes) {
                    if note.is_some() {
                        update.note = note.clone();
                    }
                }
            }
        }
        for response in &mut archive.responses {
            let Some(words) = find(SourceKind::Response, &response.slug) else {
                untranslated.insert(response.source.clone());
                continue;
            };
            response.title = words.title.clone().or(response.title.take());
            response.role = words.role.clone().or(response.role.take());
            response.to = words.to.clone().or(response.to.take());
            if let Some(cc) = &words.cc {
                response.cc = cc.clone();
            }
            response.body = words.body.clone();
            for (attachment, translated) in response.attachments.iter_mut().zip(&words.attachments)
            {
                replace(&mut attachment.title, &translated.title);
                if let Some((file, disk_path, size)) = &translated.file {
                    attachment.file = file.clone();
                    attachment.disk_path = disk_path.clone();
                    attachment.size = *size;
                }
            }
        }
        for page in &mut archive.pages {
            let Some(words) = find(SourceKind::Page, &page.slug) else {
                untranslated.insert(page.source.clone());
                continue;
            };
            replace(&mut page.title, &words.title);
            page.summary = words.summary.clone().or(page.summary.take());
            page.body = words.body.clone();
        }
        let named = |translations: &[super::NamedWords]| {
            translations
                .iter()
                .find(|words| words.language == language)
                .cloned()
        };
        for theme in &mut archive.themes {
            if let Some(words) = named(&theme.translations) {
                theme.title = words.title;
                theme.description = words.description.or(theme.description.take());
            }
        }
        for area in &mut archive.grade_areas {
            if let Some(words) = named(&area.translations) {
                area.title = words.title;
                area.description = words.description.or(area.description.take());
            }
        }
        archive.untranslated = untranslated;
        archive
    }

    /// Whether the document read from `source` shows its original words in this archive's
    /// language (see [`Archive::in_language`]).
    pub fn is_untranslated(&self, source: &std::path::Path) -> bool {
        !self.untranslated.is_empty() && self.untranslated.contains(source)
    }
}

fn replace(field: &mut String, words: &Option<String>) {
    if let Some(words) = words {
        field.clone_from(words);
    }
}
