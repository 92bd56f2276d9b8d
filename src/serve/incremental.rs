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
//! pages showing them (see `listings_showing`), which are then put together from entries mostly
//! kept, and the feeds, sitemap and open data (from records kept per document: see
//! `KeptRecords`). Documents are matched with last build's by position, through how
//! [`Archive::replace_documents`] moved them (`Changed`), never by comparing slugs. Only the
//! search index, which reads every body, is left to `catch_up`, on a background thread.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use minijinja::Value;
use minijinja::value::Serde;

use crate::archive::{self, Archive, Moves, Page, Report, Response, ValidateOptions};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::document::{self, ConfigFile, Document, Matter, ThemeEntry};
use crate::indexes::Indexes;
use crate::markdown::MarkdownRenderer;
use crate::pipeline::{self, Bodies, SiteOptions};
use crate::render::opendata::OpenData;
use crate::render::pages::showing::{self, Change, OldPositions};
use crate::render::pages::{self, Items, PageList, Pages, SharedParts, Wanted, item};
use crate::render::views::ViewBuilder;
use crate::render::{OutputFile, Records, TemplateSet, markdown_for, other_files};
use crate::routes::Route;
use crate::source::{SourceLines, SourceListing};

/// The sources as the last full load read them: front matter only, to check single
/// documents again later.
pub struct LastRead {
    listing: Arc<SourceListing>,
    config: Option<ConfigFile>,
    themes: Option<Vec<ThemeEntry>>,
    /// Every document read, by path relative to the root, its body left out.
    documents: HashMap<PathBuf, Document>,
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
    let read_problems = std::mem::take(&mut read.read_problems);
    let (listing, config, themes) = (
        Arc::clone(&read.listing),
        read.config.clone(),
        read.themes.clone(),
    );
    let loaded = pipeline::validate(read, options);
    FullLoad {
        archive: loaded.archive,
        diagnostics: loaded.diagnostics,
        sources: LastRead {
            listing,
            config,
            themes,
            documents,
            read_problems,
            lines: loaded.lines,
        },
    }
}

/// Why a change took the full path (every file read, checked and rendered again) rather than
/// an incremental rebuild: printed on serve's event line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FullRebuild {
    /// The first build, or nothing the last build kept.
    NothingKept,
    /// The preview leaves drafts out (the incremental path assumes they are in).
    DraftsLeftOut,
    /// A file that is not a document the last build had: config.toml, themes.toml, a
    /// template, or a document added or removed.
    NotAKnownDocument(PathBuf),
    /// A changed document could not be read again.
    Unreadable(PathBuf),
    /// A changed document has errors of its own.
    DocumentErrors(PathBuf),
    /// A changed document now has another slug or kind.
    Renamed(PathBuf),
    /// Checking the changed documents with those they refer to found errors.
    CheckFailed,
    /// A changed document is no longer in the archive (now a draft left out, say).
    LeftOut,
    /// The documents could not be matched with the last build's in the new order.
    OrderUnmatched,
    /// A page is made or gone (a year or theme with no reports left, say).
    PagesMadeOrGone,
    /// A template failed on part of a page.
    TemplateFailed,
}

impl std::fmt::Display for FullRebuild {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = |path: &PathBuf| crate::diagnostic::slash_path(path);
        match self {
            FullRebuild::NothingKept => write!(f, "no earlier build to update"),
            FullRebuild::DraftsLeftOut => write!(f, "drafts are left out"),
            FullRebuild::NotAKnownDocument(file) => {
                write!(f, "{} is not a document the last build had", path(file))
            }
            FullRebuild::Unreadable(file) => write!(f, "{} could not be read", path(file)),
            FullRebuild::DocumentErrors(file) => write!(f, "{} has errors", path(file)),
            FullRebuild::Renamed(file) => {
                write!(f, "{} changed its address or kind", path(file))
            }
            FullRebuild::CheckFailed => write!(f, "the changed documents have errors"),
            FullRebuild::LeftOut => write!(f, "a changed document is left out"),
            FullRebuild::OrderUnmatched => write!(f, "the new order of documents differs"),
            FullRebuild::PagesMadeOrGone => write!(f, "a page is made or gone"),
            FullRebuild::TemplateFailed => write!(f, "a template failed"),
        }
    }
}

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

/// Everything rendered, with what produced it, from one build.
pub struct Rendered {
    /// Every page, then the files besides pages (feeds, sitemap, open data, theme assets and
    /// attachments).
    pub files: Vec<OutputFile>,
    /// The paths of the files besides pages.
    pub other_paths: Vec<String>,
    pub parts: SharedParts,
    pub list: PageList,
    /// Each document's open data record.
    /// Each document's part of the files besides pages.
    pub records: Records,
}

/// Renders the `wanted` pages in parallel, into memory. Problems come back in page order.
pub(super) fn render_pages(
    pages: &Pages<'_>,
    theme: &TemplateSet,
    wanted: Wanted<'_>,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let files = Mutex::new(Vec::new());
    let (problems, _) = pages.render_each(theme, wanted, &|file| {
        files.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok::<(), std::convert::Infallible>(())
    });
    match problems.is_empty() {
        true => Ok(files.into_inner().unwrap_or_else(|e| e.into_inner())),
        false => Err(problems),
    }
}

/// Renders the whole site (but the search index) in parallel, keeping the cards for later.
pub fn render_all(
    archive: &Archive,
    indexes: &Indexes,
    theme: &TemplateSet,
) -> Result<Rendered, Vec<Diagnostic>> {
    let markdown = markdown_for(archive);
    let pages = Pages::new(archive, indexes, &markdown, theme)?;
    let (rendered, others) = rayon::join(
        || render_pages(&pages, theme, Wanted::Every),
        || {
            let records = Records::new(archive, indexes, pages.list())?;
            let others = other_files(archive, indexes, theme, pages.list(), &records)?;
            Ok::<_, Diagnostic>((others, records))
        },
    );
    let mut files = rendered?;
    let (others, records) = others.map_err(|problem| vec![problem])?;
    let other_paths = others.iter().map(|f| f.path.clone()).collect();
    files.extend(others);
    let (parts, list) = pages.into_parts();
    Ok(Rendered {
        files,
        other_paths,
        parts,
        list,
        records,
    })
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
        // 1. Read the changed documents again; anything but an existing, clean document → full.
        let mut fresh: Vec<Document> = Vec::new();
        let mut fresh_problems: HashMap<PathBuf, Vec<Diagnostic>> = HashMap::new();
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
            fresh_problems.insert(path.clone(), problems);
            fresh.push(document);
        }
        let changed_set: HashSet<&PathBuf> = changed.iter().collect();

        // 2. The files whose checks can differ (T), and what checking them needs (C).
        let mut targets: HashSet<PathBuf> = changed.iter().cloned().collect();
        for document in &fresh {
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
        for document in &fresh {
            if let Matter::Response(doc) = &document.matter {
                for slug in doc.report.iter().flat_map(|r| r.value.0.iter()) {
                    for other in self.answering.get(&slug.value).into_iter().flatten() {
                        context.extend(self.response_paths.get(other).cloned());
                    }
                }
            }
        }
        // 3. Check C as a site of its own; keep the verdicts on T.
        let mut bodies: HashMap<PathBuf, document::Body> = HashMap::new();
        let mut subset = Vec::with_capacity(context.len());
        for document in fresh {
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
        let kept_fresh: Vec<Document> = subset
            .iter()
            .filter(|d| changed_set.contains(&d.path))
            .map(Document::front_matter_only)
            .collect();
        let (checked, problems) = archive::validate(
            self.sources.config.clone(),
            self.sources.themes.clone(),
            subset,
            &self.sources.listing.attachments,
            ValidateOptions { drafts: true },
        );
        if problems.has_errors() {
            return Err(FullRebuild::CheckFailed);
        }
        let checked = checked.ok_or(FullRebuild::CheckFailed)?;
        // The diagnostics of T are made again; every other file's are kept.
        let mut diagnostics = Diagnostics::default();
        for path in &targets {
            let read = match fresh_problems.get(path) {
                Some(problems) => Some(problems),
                None => self.sources.read_problems.get(path),
            };
            diagnostics.extend(read.into_iter().flatten().cloned());
        }
        diagnostics.extend(problems.into_iter().filter(|d| targets.contains(&d.file)));
        let target_diagnostics = by_file(diagnostics.into_sorted());
        // 4. Put the changed documents into the archive, bodies included.
        let take_body = |source: &Path| {
            let body = bodies.get(source).cloned().ok_or(FullRebuild::LeftOut);
            body.map(crate::archive::Body::from)
        };
        let mut reports: Vec<Report> = Vec::new();
        let mut responses: Vec<Response> = Vec::new();
        let mut pages: Vec<Page> = Vec::new();
        for report in checked.reports {
            if changed_set.contains(&report.source) {
                let body = take_body(&report.source)?;
                reports.push(Report { body, ..report });
            }
        }
        for response in checked.responses {
            if changed_set.contains(&response.source) {
                let body = take_body(&response.source)?;
                responses.push(Response { body, ..response });
            }
        }
        for page in checked.pages {
            if changed_set.contains(&page.source) {
                let body = take_body(&page.source)?;
                pages.push(Page { body, ..page });
            }
        }
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
        let changed_responses: HashSet<String> = responses.iter().map(|r| r.slug.clone()).collect();
        let changed_pages: HashSet<String> = pages.iter().map(|p| p.slug.clone()).collect();
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
        let changed = Changed::new(&self.archive, &moves, &old_responses);
        // 5. Work out what to render, and render it.
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
        let mut wanted: HashSet<String> = HashSet::new();
        for slug in &changed_reports {
            wanted.insert(Route::Report(slug).output_path());
        }
        for slug in &changed_responses {
            wanted.insert(Route::Response(slug).output_path());
        }
        for slug in &changed_pages {
            wanted.insert(Route::Page(slug).output_path());
        }
        let new_indexes =
            front_matter_changed.then(|| Indexes::build(&self.archive, options.today));
        let mut new_site_json = None;
        let parts = match &new_indexes {
            Some(indexes) => {
                let before = Before {
                    reports: &old_reports,
                    responses: &old_responses,
                    changed_reports: &changed_reports,
                    moves: &moves,
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
        let pages = Pages::from_parts(&self.archive, indexes, &markdown, parts, list);
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
                    other_files(&self.archive, indexes, &self.theme, pages.list(), &records)
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
        // 6. Remember the new state.
        for (slug, old_reports, reports) in new_answers {
            for report in &old_reports {
                if let Some(list) = self.answering.get_mut(report) {
                    list.retain(|s| *s != slug);
                }
            }
            for report in reports {
                self.answering.entry(report).or_default().push(slug.clone());
            }
        }
        for document in kept_fresh {
            self.sources
                .documents
                .insert(document.path.clone(), document);
        }
        for (path, problems) in fresh_problems {
            if problems.is_empty() {
                self.sources.read_problems.remove(&path);
            } else {
                self.sources.read_problems.insert(path, problems);
            }
        }
        // The diagnostics and texts of T replace theirs; the texts are copied only while the
        // last report still holds them.
        let texts = Arc::make_mut(&mut self.diagnosed_texts);
        for path in &targets {
            self.diagnostics.remove(path);
            texts.remove(path);
        }
        for (path, list) in target_diagnostics {
            if let Some(text) = self.sources.lines.text(&path) {
                texts.insert(path.clone(), text);
            }
            self.diagnostics.insert(path, list);
        }
        Ok(Update {
            pages: rendered,
            others,
            texts: Arc::clone(&self.diagnosed_texts),
            diagnostics: self.diagnostics.values().flatten().cloned().collect(),
        })
    }
}

/// Which records of last build still hold after a front-matter change. A report's open data
/// record shows the report, its timeliness and the slugs of the responses answering it; a
/// response's shows only the response. A page's date in the sitemap can change only if the
/// page is rendered again.
struct KeptRecords<'a> {
    last: &'a LastBuild,
    indexes: &'a Indexes,
    changed: &'a Changed<'a>,
}

impl KeptRecords<'_> {
    fn records(
        &self,
        records: Records,
        list: &PageList,
        rendered: &HashSet<String>,
    ) -> Result<Records, Diagnostic> {
        let (archive, indexes) = (&self.last.archive, self.indexes);
        let paths = rendered.iter().map(String::as_str);
        Ok(Records {
            open_data: self.open_data(records.open_data)?,
            lastmods: records.lastmods.updated(archive, indexes, list, paths),
        })
    }

    fn open_data(&self, records: OpenData) -> Result<OpenData, Diagnostic> {
        let (last, archive, indexes) = (self.last, &self.last.archive, self.indexes);
        let changed = self.changed;
        let kept_report = |index: usize| {
            let was = changed.report_was.of(index);
            let kept = !changed.answered[index]
                && last.indexes.timeliness[was] == indexes.timeliness[index];
            kept.then_some(was)
        };
        let kept_response =
            |index: usize| (!changed.responses[index]).then_some(changed.response_was.of(index));
        records.updated(archive, indexes, kept_report, kept_response)
    }
}

/// The changed documents as the last build had them, and how the change moved the documents.
struct Before<'a> {
    reports: &'a [Report],
    responses: &'a [Response],
    changed_reports: &'a HashSet<String>,
    moves: &'a Moves,
    changed: &'a Changed<'a>,
}

/// The documents replaced, by their position now, and where each document was in last build.
struct Changed<'a> {
    reports: Vec<bool>,
    responses: Vec<bool>,
    /// The reports replaced, and those a replaced response answers or answered: the only
    /// reports whose list of responses, and so whose timeliness, can differ.
    answered: Vec<bool>,
    report_was: OldPositions<'a>,
    response_was: OldPositions<'a>,
}

impl<'a> Changed<'a> {
    /// `old_responses`: the replaced responses as last build had them.
    fn new(archive: &Archive, moves: &'a Moves, old_responses: &[Response]) -> Changed<'a> {
        let marked = |count: usize, positions: &mut dyn Iterator<Item = usize>| {
            let mut marks = vec![false; count];
            for position in positions {
                marks[position] = true;
            }
            marks
        };
        let reports = archive.reports.len();
        let answering = moves
            .replaced_responses
            .iter()
            .flat_map(|&i| &archive.responses[i].reports)
            .chain(old_responses.iter().flat_map(|r| &r.reports))
            .filter_map(|slug| archive.report_position(slug));
        Changed {
            reports: marked(reports, &mut moves.replaced_reports.iter().copied()),
            responses: marked(
                archive.responses.len(),
                &mut moves.replaced_responses.iter().copied(),
            ),
            answered: marked(
                reports,
                &mut moves.replaced_reports.iter().copied().chain(answering),
            ),
            report_was: OldPositions(moves.reports.as_deref()),
            response_was: OldPositions(moves.responses.as_deref()),
        }
    }
}

/// Which pages a front-matter change can touch, and the cards and finding texts in new order.
struct Plan {
    wanted: HashSet<String>,
    parts: SharedParts,
}

/// Remakes the cards that can differ (compared with the last build's to find those that did),
/// moves the others into the new archive order, and lists the pages showing anything changed.
fn plan_front_matter(
    last: &LastBuild,
    indexes: &Indexes,
    markdown: &MarkdownRenderer,
    mut old: SharedParts,
    before: &Before<'_>,
) -> Result<Plan, FullRebuild> {
    let archive = &last.archive;
    let theme = &last.theme;
    let views = ViewBuilder::new(archive, indexes);
    let changed = before.changed;
    // Where the reports with these slugs are now.
    let reports_now = |slugs: &mut dyn Iterator<Item = &String>| -> Vec<usize> {
        slugs
            .filter_map(|slug| archive.report_position(slug))
            .collect()
    };
    // A list entry of last build, moved out (`None` when the theme renders no such entries).
    let take = |entries: &mut Vec<Value>, at: usize| {
        entries
            .get_mut(at)
            .map(|entry| std::mem::replace(entry, Value::UNDEFINED))
    };
    let mut items = Items {
        findings: old.items.findings.as_ref().map(|_| Vec::new()),
        ..Items::default()
    };
    // A tracker row shows its report and the responses addressing the finding (whose titles
    // may name other reports): the reports of changed responses, before and after, are touched.
    let mut rows_touched = changed.answered.clone();
    let mut touch_rows = |positions: Vec<usize>| {
        for position in positions {
            rows_touched[position] = true;
        }
    };

    // Response cards (and list items): remade where the response or a report it answers
    // changed.
    let mut response_candidate = changed.responses.clone();
    for &report in &before.moves.replaced_reports {
        for &response in &indexes.responses_of[report] {
            response_candidate[response] = true;
        }
    }
    let mut changed_response_cards: Vec<usize> = Vec::new();
    let mut response_cards = Vec::with_capacity(archive.responses.len());
    for (index, &candidate) in response_candidate.iter().enumerate() {
        let was = changed.response_was.of(index);
        let old_item = take(&mut old.items.responses, was);
        let make = || Value::from(Serde(&views.response_card(index)));
        match card_again(&mut old.response_cards, was, candidate, make) {
            Card::Changed(card) => {
                changed_response_cards.push(index);
                let item =
                    old_item.map(|_| pages::render_item(theme, item::RESPONSE, "response", &card));
                items
                    .responses
                    .extend(item.transpose().map_err(|_| FullRebuild::TemplateFailed)?);
                response_cards.push(card);
            }
            Card::Kept(card) => {
                items.responses.extend(old_item);
                response_cards.push(card);
            }
        }
    }
    touch_rows(reports_now(
        &mut changed_response_cards
            .iter()
            .flat_map(|&i| &archive.responses[i].reports),
    ));

    // Report cards (and their list items and deadline rows): remade where the report, its
    // timeliness or its responses changed.
    let mut changed_report_cards: Vec<usize> = Vec::new();
    let mut finding_rows_changed = false;
    let mut report_cards = Vec::with_capacity(archive.reports.len());
    let mut finding_html = Vec::with_capacity(archive.reports.len());
    for (index, report) in archive.reports.iter().enumerate() {
        let was = changed.report_was.of(index);
        let candidate = changed.reports[index]
            || last.indexes.timeliness[was] != indexes.timeliness[index]
            || last.indexes.responses_of[was].len() != indexes.responses_of[index].len();
        let old_item = take(&mut old.items.reports, was);
        let old_row = take(&mut old.items.deadlines, was);
        let make = || Value::from(Serde(&views.report_card(index)));
        match card_again(&mut old.report_cards, was, candidate, make) {
            Card::Changed(card) => {
                changed_report_cards.push(index);
                let item =
                    old_item.map(|_| pages::render_item(theme, item::REPORT, "report", &card));
                let row =
                    old_row.map(|_| pages::render_item(theme, item::DEADLINE, "report", &card));
                items
                    .reports
                    .extend(item.transpose().map_err(|_| FullRebuild::TemplateFailed)?);
                items
                    .deadlines
                    .extend(row.transpose().map_err(|_| FullRebuild::TemplateFailed)?);
                report_cards.push(card);
            }
            Card::Kept(card) => {
                items.reports.extend(old_item);
                items.deadlines.extend(old_row);
                report_cards.push(card);
            }
        }
        let html = match changed.reports[index] {
            true => pages::finding_html(report, markdown),
            false => std::mem::take(&mut old.finding_html[was]),
        };
        // A theme without a finding item renders the tracker from the findings' values: any
        // change that could show there counts.
        if old.items.findings.is_none() && rows_touched[index] && !report.findings.is_empty() {
            finding_rows_changed = true;
        }
        if let (Some(rows), Some(old_rows)) = (&mut items.findings, &mut old.items.findings) {
            let old_rows = std::mem::take(&mut old_rows[was]);
            rows.push(match rows_touched[index] {
                true => {
                    let new_rows = pages::finding_rows(&views, theme, index, &html)
                        .map_err(|_| FullRebuild::TemplateFailed)?;
                    finding_rows_changed |= new_rows != old_rows;
                    new_rows
                }
                false => old_rows,
            });
        }
        finding_html.push(html);
    }

    // The pages showing anything that changed.
    let change = Change {
        reports: &changed.reports,
        report_was: changed.report_was,
        response_was: changed.response_was,
        replaced_reports: &before.moves.replaced_reports,
        replaced_responses: &before.moves.replaced_responses,
        report_cards: &changed_report_cards,
        response_cards: &changed_response_cards,
        finding_rows: finding_rows_changed,
        reports_before: before.reports,
        responses_before: before.responses,
        changed_report_slugs: before.changed_reports,
    };
    let wanted = showing::pages_showing(archive, indexes, &last.indexes, &change);

    Ok(Plan {
        wanted,
        parts: SharedParts {
            report_cards,
            response_cards,
            finding_html,
            items,
        },
    })
}

/// A card of the new build: last build's, or one made again that differs from it.
enum Card {
    Kept(Value),
    Changed(Value),
}

/// Moves last build's card at `was` out of `old_cards` (moved, not cloned: most cards are kept,
/// and a clone would touch each one's memory) and, for a `candidate`, makes it again to compare.
fn card_again(
    old_cards: &mut [Value],
    was: usize,
    candidate: bool,
    make: impl FnOnce() -> Value,
) -> Card {
    let old = std::mem::replace(&mut old_cards[was], Value::UNDEFINED);
    if !candidate {
        return Card::Kept(old);
    }
    let card = make();
    match card == old {
        true => Card::Kept(old),
        false => Card::Changed(card),
    }
}
