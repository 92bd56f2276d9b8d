//! Incremental rebuild: owns serve's fast path. Keeps what the last good build made (every
//! document's front matter, the archive, indexes, cards, finding texts and the list entries the
//! theme's item templates rendered) and, when only existing
//! documents changed, reads and checks those again, works out which files can differ and renders
//! only those. Anything else (a file added or removed, config.toml, themes.toml, a template, a
//! build with errors) takes the full path, which renders everything in parallel.
//!
//! Which document pages a changed document can touch (rendered here, before the rebuild returns):
//! - its own page, always;
//! - when only its body changed, nothing else (no card, list, feed or data file shows a body);
//! - when its front matter changed: the document pages showing a card that changed (cards are
//!   remade for the candidates and compared), the report and response pages linked to it, and
//!   neighbours in report order;
//! - every page when the site-wide values (`site`, the footer's page titles) changed.
//!
//! A front-matter change also remakes the list entries of the cards that changed, the listing
//! pages showing them (see `render::pages::showing`), which are then put together from entries mostly
//! kept, and the feeds, sitemap and open data (from records kept per document: see
//! `KeptRecords`). Documents are matched with last build's by position, through how
//! [`Archive::replace_documents`] moved them (`Changed`), never by comparing slugs. Only the
//! search index, which reads every body, is left to `catch_up`, on a background thread.
//!
//! Files: `fallback` (why the full path runs), `full` (what a full build keeps), `plan` (the
//! cards and list entries remade, and the pages to render), `records` (open data and sitemap
//! dates kept per document); the rebuild itself is here.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use crate::archive::{Archive, Moves, Page, Report, Response};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::document::{self, ConfigFile, Document, GradeAreaEntry, ThemeEntry};
use crate::indexes::Indexes;
use crate::pipeline::{self, Bodies, SiteOptions};
use crate::render::pages::{Items, PageList, Pages, SharedParts, TrackerRows, Wanted};
use crate::render::views::PageLanguage;
use crate::render::views::ViewBuilder;
use crate::render::{GivenRecords, OutputFile, Records, TemplateSet, markdown_for, other_files};
use crate::routes::Route;
use crate::source::{SourceKind, SourceLines, SourceListing};

/// The sources as the last full load read them: front matter only, to check single
/// documents again later.
pub struct LastRead {
    listing: Arc<SourceListing>,
    config: Option<ConfigFile>,
    themes: Option<Vec<ThemeEntry>>,
    grade_areas: Option<Vec<GradeAreaEntry>>,
    /// Every document read, by path relative to the root, its body left out.
    documents: HashMap<PathBuf, Document>,
    /// Every translation read, its body left out: checked again with its original.
    translations: Vec<document::Translation>,
    /// The problems found reading each document, for the documents that had some.
    read_problems: HashMap<PathBuf, Vec<Diagnostic>>,
    /// Where the lines diagnostics point at are read from.
    lines: SourceLines,
}

impl LastRead {
    /// Where the lines diagnostics point at are read from.
    pub fn lines(&self) -> &SourceLines {
        &self.lines
    }
}

/// A full load: what [`pipeline::load`] returns, and the sources to keep for the next rebuild.
pub struct FullLoad {
    pub archive: Option<Archive>,
    pub diagnostics: Diagnostics,
    pub sources: LastRead,
}

/// Reads, parses and validates the whole site as [`pipeline::load`] does (bodies in memory),
/// keeping each document's front matter for later incremental checks.
pub fn load_all(options: &SiteOptions) -> FullLoad {
    let mut read = pipeline::read(options, Bodies::InMemory);
    let documents = read.front_matter();
    let translations = (read.translations.iter())
        .map(|t| document::Translation {
            language: t.language.clone(),
            document: t.document.front_matter_only(),
        })
        .collect();
    let read_problems = std::mem::take(&mut read.read_problems);
    let (listing, config, themes, grade_areas) = (
        Arc::clone(&read.listing),
        read.config.clone(),
        read.themes.clone(),
        read.grade_areas.clone(),
    );
    let loaded = pipeline::validate(read, options);
    FullLoad {
        archive: loaded.archive,
        diagnostics: loaded.diagnostics,
        sources: LastRead {
            listing,
            config,
            themes,
            grade_areas,
            documents,
            translations,
            read_problems,
            lines: loaded.lines,
        },
    }
}

mod check;
mod fallback;
mod full;
mod plan;
mod records;

use check::{ChangedDocuments, Fresh, Kept};
pub use fallback::FullRebuild;
use full::render_pages;
pub use full::{Rendered, render_all};
use plan::{Before, Changed, plan_front_matter};
use records::KeptRecords;

/// Diagnostics by file: each file's in the order of the whole sorted list.
type ByFile = BTreeMap<PathBuf, Vec<Diagnostic>>;

fn by_file(sorted: Vec<Diagnostic>) -> ByFile {
    let mut files = ByFile::new();
    for diagnostic in sorted {
        files
            .entry(diagnostic.file.clone())
            .or_default()
            .push(diagnostic);
    }
    files
}

/// What the last good build made, kept for the next incremental rebuild.
pub struct LastBuild {
    sources: LastRead,
    archive: Archive,
    indexes: Indexes,
    theme: TemplateSet,
    parts: SharedParts,
    /// Every page in site order.
    list: PageList,
    records: Records,
    /// Every diagnostic of the build, by file.
    diagnostics: ByFile,
    /// The texts of the files with diagnostics.
    diagnosed_texts: Arc<HashMap<PathBuf, String>>,
    /// `site` as the templates saw it, serialised, to tell when every page must be rendered.
    site_json: String,
    /// Response slug → its file, and report slug → the responses answering it.
    response_paths: HashMap<String, PathBuf>,
    answering: HashMap<String, Vec<String>>,
}

/// An incremental rebuild that succeeded: the files to replace in the site.
pub struct Update {
    /// Pages rendered again.
    pub pages: Vec<OutputFile>,
    /// Every file besides pages and the search index (feeds, sitemap, open data, theme assets,
    /// attachments), when the front matter changed; `None` when they cannot have.
    pub others: Option<Vec<OutputFile>>,
    pub diagnostics: Vec<Diagnostic>,
    pub texts: Arc<HashMap<PathBuf, String>>,
}

fn site_json(archive: &Archive, indexes: &Indexes) -> String {
    serde_json::to_string(&ViewBuilder::new(archive, indexes).site()).unwrap_or_default()
}

fn answering_index(archive: &Archive) -> HashMap<String, Vec<String>> {
    let mut answering: HashMap<String, Vec<String>> = HashMap::new();
    for response in &archive.responses {
        for slug in &response.reports {
            answering
                .entry(slug.clone())
                .or_default()
                .push(response.slug.clone());
        }
    }
    answering
}

/// Whether `path` is a translation's file (`content/reports/<slug>.cy.md`).
fn is_translation(path: &std::path::Path) -> bool {
    (path.file_name().and_then(|name| name.to_str()))
        .is_some_and(|name| crate::source::translation_name(name).is_some())
}

/// The page of the document `slug` of `kind`.
fn document_route(kind: SourceKind, slug: &str) -> Route<'_> {
    match kind {
        SourceKind::Report => Route::Report(slug),
        SourceKind::Response => Route::Response(slug),
        SourceKind::Page => Route::Page(slug),
    }
}

impl LastBuild {
    /// Keeps a good full build: `diagnostics` sorted, `texts` those of the files they point into.
    pub fn new(
        sources: LastRead,
        archive: Archive,
        indexes: Indexes,
        theme: TemplateSet,
        rendered: Rendered,
        diagnostics: Vec<Diagnostic>,
        texts: Arc<HashMap<PathBuf, String>>,
    ) -> LastBuild {
        let response_paths = archive
            .responses
            .iter()
            .map(|r| (r.slug.clone(), r.source.clone()))
            .collect();
        LastBuild {
            site_json: site_json(&archive, &indexes),
            answering: answering_index(&archive),
            sources,
            archive,
            indexes,
            theme,
            parts: rendered.parts,
            list: rendered.list,
            records: rendered.records,
            diagnostics: by_file(diagnostics),
            diagnosed_texts: texts,
            response_paths,
        }
    }

    /// Rebuilds after `changed` changed, when they are all existing documents read and checked
    /// without errors. An `Err` says why the full path must run; the kept state may then be
    /// half-updated and must be dropped.
    pub fn rebuild(
        &mut self,
        options: &SiteOptions,
        changed: &[PathBuf],
    ) -> Result<Update, FullRebuild> {
        if !options.drafts {
            return Err(FullRebuild::DraftsLeftOut);
        }
        if changed.is_empty() {
            return Err(FullRebuild::NothingKept);
        }
        if self.archive.national.is_some() {
            return Err(FullRebuild::National);
        }
        let languages = !self.archive.config.languages.is_empty();
        if languages && changed.iter().all(|path| is_translation(path)) {
            return self.rebuild_translations(options, changed);
        }
        if let Some(path) = changed.iter().find(|path| is_translation(path)) {
            return Err(FullRebuild::Translation(path.clone()));
        }
        let fresh = self.read_changed(options, changed)?;
        let (targets, context) = self.targets_and_context(&fresh.documents)?;
        let checked = self.check_together(changed, fresh, targets, context)?;
        let placed = self.place(changed, checked.documents)?;
        if languages && placed.front_matter_changed {
            return Err(FullRebuild::Languages);
        }
        let (mut pages, others) = self.render_changes(options, &placed)?;
        pages.extend(self.render_in_other_languages(&placed.own_routes, None)?);
        self.remember(placed, checked.kept);
        Ok(Update {
            pages,
            others,
            texts: Arc::clone(&self.diagnosed_texts),
            diagnostics: self.diagnostics.values().flatten().cloned().collect(),
        })
    }

    /// Step 1: reads the changed documents again; anything but an existing document without
    /// errors, at the same address, takes the full path.
    fn read_changed(
        &self,
        options: &SiteOptions,
        changed: &[PathBuf],
    ) -> Result<Fresh, FullRebuild> {
        let mut fresh = Fresh {
            documents: Vec::new(),
            problems: HashMap::new(),
        };
        for path in changed {
            let unknown = || FullRebuild::NotAKnownDocument(path.clone());
            let old = self.sources.documents.get(path).ok_or_else(unknown)?;
            let kind = old.kind();
            let source = (self.sources.listing.read(&options.root, kind, path))
                .map_err(|_| FullRebuild::Unreadable(path.clone()))?;
            let (document, problems) = document::read_document(&source);
            let errors = || FullRebuild::DocumentErrors(path.clone());
            let document = document.ok_or_else(errors)?;
            if document.has_errors || problems.iter().any(Diagnostic::is_error) {
                return Err(errors());
            }
            if document.slug != old.slug || document.kind() != kind {
                return Err(FullRebuild::Renamed(path.clone()));
            }
            fresh.problems.insert(path.clone(), problems);
            fresh.documents.push(document);
        }
        Ok(fresh)
    }

    /// Step 4: puts the changed documents into the archive, in their new places.
    fn place(&mut self, changed: &[PathBuf], new: ChangedDocuments) -> Result<Placed, FullRebuild> {
        let ChangedDocuments {
            reports,
            responses,
            pages,
        } = new;
        if reports.len() + responses.len() + pages.len() != changed.len() {
            return Err(FullRebuild::LeftOut);
        }
        let old_reports: Vec<Report> = reports
            .iter()
            .filter_map(|r| self.archive.report(&r.slug).cloned())
            .collect();
        let old_responses: Vec<Response> = responses
            .iter()
            .filter_map(|r| {
                self.archive
                    .responses
                    .iter()
                    .find(|o| o.slug == r.slug)
                    .cloned()
            })
            .collect();
        let old_pages: Vec<Page> = pages
            .iter()
            .filter_map(|p| {
                self.archive
                    .pages
                    .iter()
                    .find(|o| o.slug == p.slug)
                    .cloned()
            })
            .collect();
        let front_matter_changed = reports.iter().zip(&old_reports).any(|(new, old)| {
            Report {
                body: old.body.clone(),
                ..new.clone()
            } != *old
        }) || responses.iter().zip(&old_responses).any(|(new, old)| {
            Response {
                body: old.body.clone(),
                ..new.clone()
            } != *old
        }) || pages.iter().zip(&old_pages).any(|(new, old)| {
            Page {
                body: old.body.clone(),
                ..new.clone()
            } != *old
        });
        let changed_reports: HashSet<String> = reports.iter().map(|r| r.slug.clone()).collect();
        // Their own pages.
        let mut own_pages: HashSet<String> = HashSet::new();
        for slug in &changed_reports {
            own_pages.insert(Route::Report(slug).output_path());
        }
        for response in &responses {
            own_pages.insert(Route::Response(&response.slug).output_path());
        }
        for page in &pages {
            own_pages.insert(Route::Page(&page.slug).output_path());
        }
        let own_routes: Vec<(SourceKind, String)> = (changed_reports.iter())
            .map(|slug| (SourceKind::Report, slug.clone()))
            .chain((responses.iter()).map(|r| (SourceKind::Response, r.slug.clone())))
            .chain((pages.iter()).map(|p| (SourceKind::Page, p.slug.clone())))
            .collect();
        let new_answers: Vec<(String, Vec<String>, Vec<String>)> = responses
            .iter()
            .map(|r| {
                let old = old_responses.iter().find(|o| o.slug == r.slug);
                let old_reports = old.map(|o| o.reports.clone()).unwrap_or_default();
                (r.slug.clone(), old_reports, r.reports.clone())
            })
            .collect();
        let moves = (self.archive.replace_documents(reports, responses, pages))
            .ok_or(FullRebuild::OrderUnmatched)?;
        Ok(Placed {
            old_reports,
            old_responses,
            front_matter_changed,
            changed_reports,
            own_pages,
            own_routes,
            new_answers,
            moves,
        })
    }

    /// Step 5: works out which files can differ and renders them: the changed documents' own
    /// pages, and after a front-matter change the pages showing anything that changed and
    /// every file besides pages.
    fn render_changes(
        &mut self,
        options: &SiteOptions,
        placed: &Placed,
    ) -> Result<(Vec<OutputFile>, Option<Vec<OutputFile>>), FullRebuild> {
        let front_matter_changed = placed.front_matter_changed;
        let changed = Changed::new(&self.archive, &placed.moves, &placed.old_responses);
        let markdown = markdown_for(&self.archive);
        let parts = std::mem::replace(
            &mut self.parts,
            SharedParts {
                report_cards: Vec::new(),
                response_cards: Vec::new(),
                finding_html: Vec::new(),
                items: Items::default(),
            },
        );
        let mut wanted = placed.own_pages.clone();
        let new_indexes =
            front_matter_changed.then(|| Indexes::build(&self.archive, options.today));
        let mut new_site_json = None;
        let parts = match &new_indexes {
            Some(indexes) => {
                let before = Before {
                    reports: &placed.old_reports,
                    responses: &placed.old_responses,
                    changed_reports: &placed.changed_reports,
                    moves: &placed.moves,
                    changed: &changed,
                };
                let plan = plan_front_matter(self, indexes, &markdown, parts, &before)?;
                wanted.extend(plan.wanted);
                let json = site_json(&self.archive, indexes);
                if json != self.site_json {
                    wanted.extend(self.list.paths().map(String::from));
                }
                new_site_json = Some(json);
                plan.parts
            }
            None => parts,
        };
        let indexes = new_indexes.as_ref().unwrap_or(&self.indexes);
        // The pages are where they were unless the front matter changed; a page made or gone
        // then (a year with no reports left, say) takes the full path.
        let list = match front_matter_changed {
            true if self.list.refit(&self.archive, indexes) => {
                std::mem::replace(&mut self.list, PageList::empty())
            }
            true => {
                let list = PageList::new(&self.archive, indexes);
                if !list.same_pages(&self.list) {
                    return Err(FullRebuild::PagesMadeOrGone);
                }
                list
            }
            false => std::mem::replace(&mut self.list, PageList::empty()),
        };
        // A front-matter change can show on any feed or data file: they are all made again.
        let pages = Pages::from_parts(&self.archive, indexes, &markdown, parts, list)
            .with_theme_words(&self.theme);
        let records = std::mem::take(&mut self.records);
        let (rendered, others) = rayon::join(
            || render_pages(&pages, &self.theme, Wanted::Only(&wanted)),
            || match front_matter_changed {
                false => Ok((None, records)),
                true => {
                    let kept = KeptRecords {
                        last: self,
                        indexes,
                        changed: &changed,
                    };
                    let records = kept.records(records, pages.list(), &wanted)?;
                    other_files(
                        &self.archive,
                        indexes,
                        &self.theme,
                        pages.list(),
                        GivenRecords::Kept(&records),
                    )
                    .map(|others| (Some(others), records))
                }
            },
        );
        let rendered = rendered.map_err(|_| FullRebuild::TemplateFailed)?;
        let (others, records) = others.map_err(|_| FullRebuild::TemplateFailed)?;
        self.records = records;
        (self.parts, self.list) = pages.into_parts();
        if let Some(indexes) = new_indexes {
            self.site_json = new_site_json.unwrap_or_else(|| site_json(&self.archive, &indexes));
            self.indexes = indexes;
        }
        Ok((rendered, others))
    }

    /// Rebuilds after translations that the last build had changed in their text only: each
    /// one read and checked again with its original, and its document's page in its language
    /// rendered again. Any other change to a translation (its words, added, removed) takes the
    /// full path.
    fn rebuild_translations(
        &mut self,
        options: &SiteOptions,
        changed: &[PathBuf],
    ) -> Result<Update, FullRebuild> {
        let mut files = Vec::new();
        for path in changed {
            let translation = || FullRebuild::Translation(path.clone());
            let old = (self.sources.translations.iter())
                .find(|t| t.document.path == *path)
                .ok_or_else(translation)?;
            let (kind, language) = (old.document.kind(), old.language.clone());
            let slug = old.document.slug.clone();
            let source = (self.sources.listing.read(&options.root, kind, path))
                .map_err(|_| FullRebuild::Unreadable(path.clone()))?;
            let (fresh, read_problems) = document::read_translation(&source);
            let errors = || FullRebuild::DocumentErrors(path.clone());
            let fresh = fresh.ok_or_else(errors)?;
            if fresh.document.has_errors || read_problems.iter().any(Diagnostic::is_error) {
                return Err(errors());
            }
            if fresh.document.slug != slug || fresh.language != language {
                return Err(FullRebuild::Renamed(path.clone()));
            }
            // The translation checked with its original and the documents that one needs.
            let original = (self.sources.documents.values())
                .find(|d| d.kind() == kind && d.slug == slug)
                .ok_or_else(translation)?
                .clone();
            let (_, context) = self.targets_and_context(std::slice::from_ref(&original))?;
            let subset: Vec<Document> = (context.iter())
                .filter_map(|p| self.sources.documents.get(p).cloned())
                .collect();
            let (checked, problems) = crate::archive::validate(
                self.sources.config.clone(),
                self.sources.themes.clone(),
                self.sources.grade_areas.clone(),
                (subset, vec![fresh]),
                &self.sources.listing.attachments,
                Vec::new(),
                crate::archive::ValidateOptions { drafts: true },
            );
            if problems.has_errors() {
                return Err(FullRebuild::CheckFailed);
            }
            let checked = checked.ok_or(FullRebuild::CheckFailed)?;
            let key = (kind, slug.clone());
            let new_words = (checked.translations.languages.get(&language))
                .and_then(|words| words.documents.get(&key))
                .ok_or_else(translation)?;
            let kept = (self.archive.translations.languages.get_mut(&language))
                .and_then(|words| words.documents.get_mut(&key))
                .ok_or_else(translation)?;
            let same_words = crate::archive::translations::DocumentWords {
                body: kept.body.clone(),
                ..new_words.clone()
            } == *kept;
            if !same_words {
                return Err(translation());
            }
            kept.body = new_words.body.clone();
            // Its diagnostics: those of reading it, and of checking it.
            let mut diagnostics = Diagnostics::default();
            diagnostics.extend(read_problems.iter().cloned());
            diagnostics.extend(problems.into_iter().filter(|d| d.file == *path));
            let texts = Arc::make_mut(&mut self.diagnosed_texts);
            self.diagnostics.remove(path);
            texts.remove(path);
            for (file, list) in by_file(diagnostics.into_sorted()) {
                if let Some(text) = self.sources.lines.text(&file) {
                    texts.insert(file.clone(), text);
                }
                self.diagnostics.insert(file, list);
            }
            if read_problems.is_empty() {
                self.sources.read_problems.remove(path);
            } else {
                self.sources
                    .read_problems
                    .insert(path.clone(), read_problems);
            }
            files.extend(self.render_in_other_languages(&[(kind, slug)], Some(&language))?);
        }
        Ok(Update {
            pages: files,
            others: None,
            texts: Arc::clone(&self.diagnosed_texts),
            diagnostics: self.diagnostics.values().flatten().cloned().collect(),
        })
    }

    /// Step 5 on a site of several languages, after a change to documents' text only: each
    /// changed document's page in each other language (its text shows there until it is
    /// translated), made as a full build makes that language's pages.
    /// `only`: one language, else every other language.
    fn render_in_other_languages(
        &self,
        own_routes: &[(SourceKind, String)],
        only: Option<&str>,
    ) -> Result<Vec<OutputFile>, FullRebuild> {
        let mut files = Vec::new();
        let languages = PageLanguage::every(&self.archive.config);
        for language in languages.into_iter().skip(1) {
            if only.is_some_and(|code| code != language.code) {
                continue;
            }
            let wanted: HashSet<String> = own_routes
                .iter()
                .map(|(kind, slug)| document_route(*kind, slug).output_path_in(language.folder))
                .collect();
            let translated = self.archive.in_language(language.code);
            let markdown = markdown_for(&translated);
            let pages = Pages::new_in(
                &translated,
                &self.indexes,
                &markdown,
                &self.theme,
                TrackerRows::ByPage,
                language,
            )
            .map_err(|_| FullRebuild::TemplateFailed)?;
            let rendered = render_pages(&pages, &self.theme, Wanted::Only(&wanted))
                .map_err(|_| FullRebuild::TemplateFailed)?;
            pages.into_parts().0.free();
            files.extend(rendered);
        }
        Ok(files)
    }

    /// Step 6: remembers the new state: who answers which report, the changed documents' front
    /// matter and reading problems, and the diagnostics (with their texts) of T.
    fn remember(&mut self, placed: Placed, kept: Kept) {
        for (slug, old_reports, reports) in placed.new_answers {
            for report in &old_reports {
                if let Some(list) = self.answering.get_mut(report) {
                    list.retain(|s| *s != slug);
                }
            }
            for report in reports {
                self.answering.entry(report).or_default().push(slug.clone());
            }
        }
        for document in kept.front_matter {
            self.sources
                .documents
                .insert(document.path.clone(), document);
        }
        for (path, problems) in kept.read_problems {
            if problems.is_empty() {
                self.sources.read_problems.remove(&path);
            } else {
                self.sources.read_problems.insert(path, problems);
            }
        }
        // The diagnostics and texts of T replace theirs; the texts are copied only while the
        // last report still holds them.
        let texts = Arc::make_mut(&mut self.diagnosed_texts);
        for path in &kept.targets {
            self.diagnostics.remove(path);
            texts.remove(path);
        }
        for (path, list) in kept.diagnostics {
            if let Some(text) = self.sources.lines.text(&path) {
                texts.insert(path.clone(), text);
            }
            self.diagnostics.insert(path, list);
        }
    }
}

/// Step 4's result: the changed documents as the last build had them, and how placing the new
/// ones moved the archive.
struct Placed {
    old_reports: Vec<Report>,
    old_responses: Vec<Response>,
    /// Whether anything but a body changed (only then can another page or file differ).
    front_matter_changed: bool,
    changed_reports: HashSet<String>,
    /// The changed documents' own pages.
    own_pages: HashSet<String>,
    /// The changed documents, whose pages in other languages show their text.
    own_routes: Vec<(SourceKind, String)>,
    /// Each changed response's slug, the reports it answered and those it answers now.
    new_answers: Vec<(String, Vec<String>, Vec<String>)>,
    moves: Moves,
}
