//! Translations checked against their originals: in a language of the site, of a document
//! that exists, with the original's finding ids, no more updates or attachments than it has,
//! and a language's own attachment found among the files.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::{Checker, value};
use crate::archive::translations::{
    AttachmentWords, DocumentWords, FindingWords, LanguageWords, Translations,
};
use crate::archive::{Config, Page, Report, Response};
use crate::diagnostic::Diagnostic;
use crate::document::{
    AttachmentFrontMatter, Document, Matter, ReportFrontMatter, ResponseFrontMatter, Translation,
};
use crate::source::{AttachmentFile, SourceKind};

impl Checker {
    pub(super) fn translations(
        &mut self,
        docs: Vec<Translation>,
        config: Option<&Config>,
        (reports, responses, pages): (&[Report], &[Response], &[Page]),
        inventory: &BTreeMap<String, AttachmentFile>,
    ) -> Translations {
        let mut translations = Translations::default();
        let Some(languages) = config.map(|c| &c.languages).filter(|l| !l.is_empty()) else {
            return translations;
        };
        let reports: FxHashMap<&str, &Report> =
            reports.iter().map(|r| (r.slug.as_str(), r)).collect();
        let responses: FxHashMap<&str, &Response> =
            responses.iter().map(|r| (r.slug.as_str(), r)).collect();
        let pages: FxHashMap<&str, &Page> = pages.iter().map(|p| (p.slug.as_str(), p)).collect();
        for Translation { language, document } in docs {
            if document.has_errors {
                continue;
            }
            let path = document.path.clone();
            let Some(config) = config else { continue };
            if !config.languages.iter().any(|l| l.code == language) {
                self.push(
                    Diagnostic::error(
                        &path,
                        format!("this translation is in `{language}`, which is not a language of the site"),
                    )
                    .with_help(format!(
                        "add [languages.{language}] with its title and organisation to config.toml, or rename the file"
                    )),
                );
                continue;
            }
            self.translation_placeholders(&path, &document);
            let kind = match &document.matter {
                Matter::Report(_) => SourceKind::Report,
                Matter::Response(_) => SourceKind::Response,
                Matter::Page(_) => SourceKind::Page,
            };
            let slug = document.slug.clone();
            let original = format!("content/{}/{slug}.md", kind.folder());
            let no_original = || {
                Diagnostic::error(
                    &path,
                    format!("this translation has no original: there is no {original}"),
                )
                .with_help(format!(
                    "a translation is named after its original: <slug>.{language}.md beside <slug>.md"
                ))
            };
            let mut words = DocumentWords {
                source: path.clone(),
                body: crate::archive::Body::from(document.body),
                ..DocumentWords::default()
            };
            let ok = match document.matter {
                Matter::Report(doc) => match reports.get(slug.as_str()) {
                    Some(report) => self.report_words(&path, doc, report, &mut words),
                    None => {
                        self.push(no_original());
                        false
                    }
                },
                Matter::Response(doc) => match responses.get(slug.as_str()) {
                    Some(response) => {
                        self.response_words(&path, doc, response, inventory, &mut words)
                    }
                    None => {
                        self.push(no_original());
                        false
                    }
                },
                Matter::Page(doc) => match pages.get(slug.as_str()) {
                    Some(_) => {
                        words.title = value(&doc.title);
                        words.summary = value(&doc.summary);
                        true
                    }
                    None => {
                        self.push(no_original());
                        false
                    }
                },
            };
            if ok {
                let language_words: &mut LanguageWords =
                    translations.languages.entry(language).or_default();
                language_words.documents.insert((kind, slug), words);
            }
        }
        // Every document without a translation in each language: published untranslated
        // (in the main language's words) unless the check says so.
        // (Drafts are left alone until they are published.)
        let documents = (reports.values().filter(|r| !r.draft))
            .map(|r| (SourceKind::Report, &r.slug, &r.source))
            .chain(
                (responses.values().filter(|r| !r.draft))
                    .map(|r| (SourceKind::Response, &r.slug, &r.source)),
            )
            .chain(
                (pages.values().filter(|p| !p.draft))
                    .map(|p| (SourceKind::Page, &p.slug, &p.source)),
            );
        let mut missing: Vec<(&std::path::PathBuf, &str, SourceKind, &String)> = Vec::new();
        for (kind, slug, source) in documents {
            for language in languages {
                if !translations.has(&language.code, kind, slug) {
                    missing.push((source, &language.code, kind, slug));
                }
            }
        }
        missing.sort();
        for (source, language, kind, slug) in missing {
            self.push(
                Diagnostic::warning(
                    source,
                    format!("this document has no translation in `{language}`: its `{language}` page shows it untranslated"),
                )
                .with_help(format!(
                    "write content/{}/{slug}.{language}.md with its words in that language",
                    kind.folder()
                )),
            );
        }
        translations
    }

    /// Warns of each value and body still holding the original's words to translate (as `new
    /// --language` writes them), and of each example name or template prompt left in.
    fn translation_placeholders(&mut self, path: &std::path::Path, document: &Document) {
        let help = "write the words in this file's language";
        match &document.matter {
            Matter::Report(doc) => {
                self.placeholder_value(path, "title", doc.title.as_ref(), help);
                self.placeholder_value(path, "summary", doc.summary.as_ref(), help);
                for finding in &doc.findings {
                    self.placeholder_value(path, "text", finding.text.as_ref(), help);
                    for update in &finding.updates {
                        self.placeholder_value(path, "note", update.note.as_ref(), help);
                    }
                }
            }
            Matter::Response(doc) => {
                self.placeholder_value(path, "title", doc.title.as_ref(), help);
                self.placeholder_value(path, "role", doc.role.as_ref(), help);
                self.placeholder_value(path, "to", doc.to.as_ref(), help);
                self.placeholder_list(path, "cc", doc.cc.as_ref(), help);
                for attachment in &doc.attachments {
                    self.placeholder_value(path, "title", attachment.title.as_ref(), help);
                }
            }
            Matter::Page(doc) => {
                self.placeholder_value(path, "title", doc.title.as_ref(), help);
                self.placeholder_value(path, "summary", doc.summary.as_ref(), help);
            }
        }
        self.placeholders_in_text(path, &document.body.placeholders);
    }

    /// A report translation's words; false (each problem reported) when a finding or update
    /// is not the original's.
    fn report_words(
        &mut self,
        path: &std::path::Path,
        doc: ReportFrontMatter,
        report: &Report,
        words: &mut DocumentWords,
    ) -> bool {
        let mut ok = true;
        words.title = value(&doc.title);
        words.summary = value(&doc.summary);
        for finding in doc.findings {
            let Some(id) = finding.id else {
                ok = false;
                continue;
            };
            let Some(original) = report.findings.iter().find(|f| f.id == id.value) else {
                ok = false;
                let ids: Vec<&str> = report.findings.iter().map(|f| f.id.as_str()).collect();
                let message = format!("the original report has no finding `{}`", id.value);
                self.push(id.error(path, message).with_help(format!(
                    "use the ids of the original's findings: {}",
                    ids.join(", ")
                )));
                continue;
            };
            if finding.updates.len() > original.updates.len() {
                ok = false;
                let message = format!(
                    "the original's finding `{}` has {} update(s), and this translation has {}",
                    id.value,
                    original.updates.len(),
                    finding.updates.len()
                );
                self.push(finding.at.error(path, message).with_help(
                    "translate each of the original's [[findings.updates]] in its order, and no more",
                ));
                continue;
            }
            words.findings.insert(
                id.value,
                FindingWords {
                    text: value(&finding.text),
                    notes: finding.updates.iter().map(|u| value(&u.note)).collect(),
                },
            );
        }
        ok
    }

    /// A response translation's words; false (each problem reported) when it has more
    /// attachments than the original, or a file of its own that is not found.
    fn response_words(
        &mut self,
        path: &std::path::Path,
        doc: ResponseFrontMatter,
        response: &Response,
        inventory: &BTreeMap<String, AttachmentFile>,
        words: &mut DocumentWords,
    ) -> bool {
        words.title = value(&doc.title);
        words.role = value(&doc.role);
        words.to = value(&doc.to);
        words.cc = value(&doc.cc);
        if doc.attachments.len() > response.attachments.len() {
            let message = format!(
                "the original response has {} attachment(s), and this translation has {}",
                response.attachments.len(),
                doc.attachments.len()
            );
            let at = &doc.attachments[response.attachments.len()].at;
            self.push(at.error(path, message).with_help(
                "translate each of the original's [[attachments]] in its order, and no more",
            ));
            return false;
        }
        let mut ok = true;
        for attachment in &doc.attachments {
            let file = match &attachment.file {
                None => None,
                Some(_) => {
                    let own = ResponseFrontMatter {
                        attachments: vec![AttachmentFrontMatter {
                            at: attachment.at.clone(),
                            file: attachment.file.clone(),
                            title: attachment.title.clone(),
                        }],
                        ..doc.clone()
                    };
                    match self.attachments(path, &own, inventory) {
                        Some(found) => found
                            .into_iter()
                            .next()
                            .map(|a| (a.file, a.disk_path, a.size)),
                        None => {
                            ok = false;
                            None
                        }
                    }
                }
            };
            words.attachments.push(AttachmentWords {
                title: value(&attachment.title),
                file,
            });
        }
        ok
    }
}
