//! The pipeline, assembled once: each stage a named function returning a new value, called by
//! `build`, `check`, `serve` (full and incremental) and the tests; none of them wires the stages
//! together again.
//!
//! ```text
//! read      content/ → ReadSite        (source: list and read; document: front matter)
//! validate  ReadSite → Loaded          (archive: the only maker of an Archive)
//! prepare   &Archive → Prepared        (indexes and the template set)
//! render    Prepared → OutputFile…     (render: pages, feeds, open data, in memory)
//! search    Prepared → search index    (render::search, the slowest step)
//! write     OutputFile… → public/      (output: staged, then swapped in whole)
//! ```
//!
//! Diagnostics fetch the lines they show from [`SourceLines`] when they are printed, so no
//! stage carries source text.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::archive::{self, Archive, ValidateOptions};
use crate::dates::Date;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::document::{self, ConfigFile, Document, GradeAreaEntry, ThemeEntry};
use crate::indexes::Indexes;
use crate::links;
use crate::national::{self, SourceData};
use crate::output;
use crate::parallel::{PARALLEL_GRAIN, drop_in_background};
use crate::render::{self, OutputFile, TemplateSet};
use crate::source::{self, SourceLines, SourceListing};

/// What a run needs to know besides the files.
#[derive(Clone, Debug)]
pub struct SiteOptions {
    pub root: PathBuf,
    pub today: Date,
    pub drafts: bool,
}

/// Where documents' bodies are kept between reading and rendering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bodies {
    /// Left in their files and read again when their pages are rendered: a large archive's
    /// text is never in memory whole (build and check).
    InFiles,
    /// Held in memory (serve, whose files change under it between rebuilds).
    InMemory,
}

/// Stages 1 and 2: the site's sources listed, read and parsed, not yet checked against each
/// other.
pub struct ReadSite {
    pub root: PathBuf,
    pub listing: Arc<SourceListing>,
    pub config: Option<ConfigFile>,
    pub themes: Option<Vec<ThemeEntry>>,
    /// `content/grade-areas.toml`, when the site has one.
    pub grade_areas: Option<Vec<GradeAreaEntry>>,
    /// A national site's sources, each as read (`[[sources]]` of `config.toml`).
    pub sources: Vec<SourceData>,
    /// Every document that could be parsed, in reading order.
    pub documents: Vec<Document>,
    /// Every translation that could be parsed (`content/<kind>/<slug>.<code>.md`), in reading
    /// order.
    pub translations: Vec<document::Translation>,
    /// Every problem found so far, in the order found.
    pub diagnostics: Diagnostics,
    /// The problems found reading each document, for the documents that had some.
    pub read_problems: HashMap<PathBuf, Vec<Diagnostic>>,
}

/// Reads and parses every source of the site at `options.root`.
pub fn read(options: &SiteOptions, bodies: Bodies) -> ReadSite {
    let root = &options.root;
    let (listing, mut diagnostics) = source::list_sources(root);
    let config = listing.config.as_ref().map(|file| {
        let (config, problems) = document::read_config(file);
        diagnostics.extend(problems);
        config
    });
    let themes = listing.themes.as_ref().map(|file| {
        let (themes, problems) = document::read_themes(file);
        diagnostics.extend(problems);
        themes
    });
    let grade_areas = listing.grade_areas.as_ref().map(|file| {
        let (areas, problems) = document::read_grade_areas(file);
        diagnostics.extend(problems);
        areas
    });
    let sources = match (&config, &listing.config) {
        (Some(config), Some(file)) if !config.sources.is_empty() => {
            let (sources, problems) = national::read_sources(root, &file.path, &config.sources);
            diagnostics.extend(problems);
            sources
        }
        _ => Vec::new(),
    };
    // Each file is read and parsed in one go, and its text dropped.
    let read = read_each(root, &listing, &listing.documents, bodies, |source| {
        document::read_document(source)
    });
    let translations = read_translations(root, &listing, bodies, &mut diagnostics);
    let mut documents = Vec::with_capacity(read.len());
    let mut read_problems = HashMap::new();
    for ((_, path), document, problems) in read {
        if !problems.is_empty() {
            read_problems.insert(path.clone(), problems.clone());
        }
        diagnostics.extend(problems);
        documents.extend(document);
    }
    ReadSite {
        root: root.clone(),
        listing: Arc::new(listing),
        config,
        themes,
        grade_areas,
        sources,
        documents,
        translations,
        diagnostics,
        read_problems,
    }
}

/// Reads every translation as [`read`] reads documents.
fn read_translations(
    root: &Path,
    listing: &SourceListing,
    bodies: Bodies,
    diagnostics: &mut Diagnostics,
) -> Vec<document::Translation> {
    let read = read_each(root, listing, &listing.translations, bodies, |source| {
        document::read_translation(source)
    });
    let mut translations = Vec::with_capacity(read.len());
    for (_, translation, problems) in read {
        diagnostics.extend(problems);
        translations.extend(translation);
    }
    translations
}

/// What has a Markdown body that a build may leave in its file.
trait HasBody {
    fn body_mut(&mut self) -> &mut document::Body;
}

impl HasBody for Document {
    fn body_mut(&mut self) -> &mut document::Body {
        &mut self.body
    }
}

impl HasBody for document::Translation {
    fn body_mut(&mut self) -> &mut document::Body {
        &mut self.document.body
    }
}

/// A listed file, what parsing it gave, and its problems.
type ReadFile<'l, T> = (
    &'l (source::SourceKind, PathBuf),
    Option<T>,
    Vec<Diagnostic>,
);

/// Reads and parses each of `files` on all cores, with `parse`, leaving each body in its file
/// when `bodies` says so; with each file's problems, in listing order.
fn read_each<'l, T: HasBody + Send>(
    root: &Path,
    listing: &SourceListing,
    files: &'l [(source::SourceKind, PathBuf)],
    bodies: Bodies,
    parse: impl Fn(&source::SourceFile) -> (Option<T>, Vec<Diagnostic>) + Sync,
) -> Vec<ReadFile<'l, T>> {
    files
        .par_iter()
        .with_max_len(PARALLEL_GRAIN)
        .map(|entry| {
            let (kind, relative) = entry;
            match listing.read_stamped(root, *kind, relative) {
                Ok((source, stamp)) => {
                    let (mut parsed, problems) = parse(&source);
                    if bodies == Bodies::InFiles
                        && let Some(body) = parsed.as_mut().map(HasBody::body_mut)
                        && source.file.text.ends_with(&body.markdown)
                    {
                        let location =
                            source::BodyLocation::new(root, &source.file, &body.markdown, stamp);
                        body.leave_in_file(location);
                    }
                    (entry, parsed, problems)
                }
                Err(problem) => (entry, None, vec![problem]),
            }
        })
        .collect()
}

impl ReadSite {
    /// Every document's front matter, its body left out, by path: what serve keeps to check
    /// single documents again later.
    pub fn front_matter(&self) -> HashMap<PathBuf, Document> {
        self.documents
            .par_iter()
            .with_max_len(PARALLEL_GRAIN)
            .map(|document| (document.path.clone(), document.front_matter_only()))
            .collect()
    }
}

/// Stage 3: the site checked. The archive exists only when nothing anywhere was an error:
/// nothing half-checked is ever built.
pub struct Loaded {
    pub archive: Option<Archive>,
    pub diagnostics: Diagnostics,
    /// With errors, the archive of the documents that passed their own checks, so that `check`
    /// can check their links in the same run. Never built or published.
    pub valid_part: Option<Archive>,
    /// Where the lines the diagnostics point at are read from when they are shown.
    pub lines: SourceLines,
}

/// Checks what was read, as a whole.
pub fn validate(read: ReadSite, options: &SiteOptions) -> Loaded {
    let ReadSite {
        root,
        listing,
        config,
        themes,
        grade_areas,
        sources,
        documents,
        translations,
        mut diagnostics,
        read_problems: _,
    } = read;
    let validate_options = ValidateOptions {
        drafts: options.drafts,
    };
    let (checked, problems) = archive::validate(
        config,
        themes,
        grade_areas,
        (documents, translations),
        &listing.attachments,
        sources,
        validate_options,
    );
    diagnostics.extend(problems);
    let (archive, valid_part) = match diagnostics.has_errors() {
        false => (checked, None),
        true => (None, checked),
    };
    Loaded {
        archive,
        diagnostics,
        valid_part,
        lines: SourceLines::new(&root, listing),
    }
}

/// Stages 1 to 3: reads, parses and validates the site at `options.root`.
pub fn load(options: &SiteOptions, bodies: Bodies) -> Loaded {
    validate(read(options, bodies), options)
}

/// Stage 4: what rendering needs besides the archive.
pub struct Prepared {
    pub indexes: Indexes,
    pub templates: TemplateSet,
}

/// Derives the indexes and loads the template set the archive's config names.
pub fn prepare(options: &SiteOptions, archive: &Archive) -> Result<Prepared, Vec<Diagnostic>> {
    let templates = TemplateSet::load(
        &options.root,
        &archive.config.theme,
        &archive.config.base_path,
    )?;
    let mut needed: Vec<&str> = Vec::new();
    if archive.has_grades() {
        needed.push("grades.html");
    }
    if archive.national.is_some() {
        needed.extend(render::NATIONAL_TEMPLATE_NAMES);
    }
    let missing: Vec<Diagnostic> = (needed.into_iter())
        .filter_map(|name| templates.require(name).err())
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    Ok(Prepared {
        indexes: Indexes::build(archive, options.today),
        templates,
    })
}

/// Stage 5 in memory: every file of the site but the search index (tests, fuzzing).
pub fn render_site(
    options: &SiteOptions,
    archive: &Archive,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let prepared = prepare(options, archive).map_err(into_diagnostics)?;
    render::render_site(archive, &prepared.indexes, &prepared.templates).map_err(into_diagnostics)
}

/// The search index, the slowest step of rendering: its own stage, so that serve can make it
/// in the background and benchmarks can leave it out. `words`: the template set's
/// ([`TemplateSet::words`], or [`render::theme_words`] without templates).
pub fn search_index(
    archive: &Archive,
    indexes: &Indexes,
    words: &std::sync::Arc<render::words::Words>,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    render::render_search(archive, indexes, words)
}

/// `check`'s warnings about the accessibility statement, as of `options.today`. `failed` are
/// the files with errors, whose documents `archive` lacks.
pub fn check_statement(
    options: &SiteOptions,
    archive: &Archive,
    failed: &[PathBuf],
) -> Vec<Diagnostic> {
    let pages = std::path::Path::new(source::CONTENT_DIR).join(source::SourceKind::Page.folder());
    let pages_failed = failed.iter().any(|path| path.starts_with(&pages));
    archive::check_statement(archive, options.today, pages_failed)
}

/// Renders the site as a build would and checks every link in it (see [`links::check`]),
/// keeping of each file only what the check needs. `failed`: the documents left out for errors.
pub fn check_links(
    options: &SiteOptions,
    archive: &Archive,
    lines: &SourceLines,
    failed: &[PathBuf],
) -> Result<Vec<Diagnostic>, Diagnostics> {
    let prepared = prepare(options, archive).map_err(into_diagnostics)?;
    let scanned = std::sync::Mutex::new(Vec::new());
    let scan = |file: OutputFile| {
        let file = links::ScannedFile::new(&file, &archive.config.base_url);
        scanned.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok::<(), std::convert::Infallible>(())
    };
    let (indexes, templates) = (&prepared.indexes, &prepared.templates);
    match render::render_site_each(archive, indexes, templates, &scan) {
        Ok(()) => {}
        Err(render::StreamError::Invalid(problems)) => return Err(into_diagnostics(problems)),
        Err(render::StreamError::Sink(never)) => match never {},
    }
    let mut scanned = scanned.into_inner().unwrap_or_else(|e| e.into_inner());
    scanned.sort_by(|a, b| a.path().cmp(b.path()));
    Ok(links::check(&options.root, archive, scanned, lines, failed))
}

fn into_diagnostics(list: Vec<Diagnostic>) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    diagnostics.extend(list);
    diagnostics
}

/// How a build ended.
pub enum BuildOutcome {
    Built {
        summary: output::WriteSummary,
        diagnostics: Diagnostics,
    },
    /// Content or theme errors: nothing was written.
    Invalid { diagnostics: Diagnostics },
    /// The site could not be written; the previous output is untouched.
    NotWritten(output::OutputError),
}

/// Whether a build makes the search index, its slowest step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SearchIndex {
    Build,
    /// Leave it out (benchmarks of everything else, quick local builds).
    Skip,
}

/// Loads, checks, renders and writes the site into `output`, search index included.
pub fn build(options: &SiteOptions, output: &Path, force: bool) -> (BuildOutcome, SourceLines) {
    build_with(options, output, force, SearchIndex::Build)
}

/// Stages 1 to 6: loads, checks, renders and writes the site into `output`. Pages are written
/// as they are rendered, into a staging folder swapped in only when everything succeeded.
/// The lines come back with the outcome, to show what the diagnostics point at.
pub fn build_with(
    options: &SiteOptions,
    output: &Path,
    force: bool,
    search: SearchIndex,
) -> (BuildOutcome, SourceLines) {
    if let Err(error) = output::check_output_location(&options.root, output) {
        return (
            BuildOutcome::NotWritten(error),
            SourceLines::none(&options.root),
        );
    }
    let loaded = load(options, Bodies::InFiles);
    let lines = loaded.lines;
    let mut diagnostics = loaded.diagnostics;
    drop(loaded.valid_part);
    let Some(archive) = loaded.archive else {
        return (BuildOutcome::Invalid { diagnostics }, lines);
    };
    let outcome = match prepare(options, &archive) {
        Ok(prepared) => render_and_write(archive, prepared, output, force, search, diagnostics),
        Err(problems) => {
            diagnostics.extend(problems);
            BuildOutcome::Invalid { diagnostics }
        }
    };
    (outcome, lines)
}

/// Stages 5 and 6 of a build.
fn render_and_write(
    archive: Archive,
    prepared: Prepared,
    output: &Path,
    force: bool,
    search: SearchIndex,
    mut diagnostics: Diagnostics,
) -> BuildOutcome {
    let Prepared { indexes, templates } = prepared;
    // Content and template problems win over a folder that cannot be written, as they did when
    // the whole site was rendered before anything was written: if the writer cannot start,
    // the site is still rendered (and thrown away) to find them.
    let writer = output::SiteWriter::begin(output, force);
    let write = |file: OutputFile| match &writer {
        Ok(writer) => writer.write(&file),
        Err(_) => Ok(()),
    };
    match render::render_site_each(&archive, &indexes, &templates, &write) {
        Ok(()) => {}
        Err(render::StreamError::Invalid(problems)) => {
            diagnostics.extend(problems);
            return BuildOutcome::Invalid { diagnostics };
        }
        Err(render::StreamError::Sink(error)) => return BuildOutcome::NotWritten(error),
    }
    // The search index last, each file written as it is made.
    if search == SearchIndex::Build {
        match render::render_search_each(&archive, &indexes, templates.words(), &write) {
            Ok(()) => {}
            Err(render::StreamError::Invalid(problems)) => {
                diagnostics.extend(problems);
                return BuildOutcome::Invalid { diagnostics };
            }
            Err(render::StreamError::Sink(error)) => return BuildOutcome::NotWritten(error),
        }
    }
    let written = match writer {
        Ok(writer) => writer.finish(),
        Err(error) => Err(error),
    };
    let outcome = match written {
        Ok(summary) => BuildOutcome::Built {
            summary,
            diagnostics,
        },
        Err(error) => BuildOutcome::NotWritten(error),
    };
    drop_in_background((archive, indexes));
    outcome
}
