//! scrutiny: compiles a PFCC's archive of responses to HMICFRS inspection reports into a static site.
//!
//! The build is a pipeline, one module per stage:
//! `source` (read content/) → `document` (front matter) → `archive` (validate) →
//! `indexes` (derive) → `render` (pages in memory) → `output` (write public/ atomically).

pub mod archive;
pub mod dates;
pub mod deadline;
pub mod diagnostic;
pub mod document;
pub mod frontmatter;
pub mod indexes;
pub mod links;
pub mod markdown;
pub mod output;
pub mod render;
pub mod routes;
pub mod scaffold;
pub mod serve;
pub mod source;
pub mod vocabulary;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::archive::{Archive, ValidateOptions};
use crate::dates::Date;
use crate::diagnostic::Diagnostics;
use crate::indexes::Indexes;
use crate::render::{OutputFile, Theme};

/// The most documents or pages one parallel job takes at a time. Rayon splits a job only
/// about as many times as there are threads unless it is stolen, so without a bound the last
/// job of a build can hold thousands of pages on one core while the other waits (about 0.3 s
/// at the end of a 10,000-report build on two cores).
pub(crate) const PARALLEL_GRAIN: usize = 32;

/// Frees `value` on a thread of its own, so that the work after it need not wait: freeing
/// the documents of a large archive one allocation at a time takes a tenth of a second on one
/// core. A process that ends first gives the memory back whole. Only for what is dropped last,
/// or before steps that leave a core idle: memory freed in the background is still held while
/// later steps take more.
pub(crate) fn drop_in_background<T: Send + 'static>(value: T) {
    let spawned = std::thread::Builder::new()
        .name("scrutiny-drop".into())
        .spawn(move || drop(value));
    // Without a thread, the value was dropped with the error: nothing is lost but time.
    drop(spawned);
}

/// What a run needs to know besides the files.
#[derive(Clone, Debug)]
pub struct SiteOptions {
    pub root: PathBuf,
    pub today: Date,
    pub drafts: bool,
}

/// The result of loading and checking a site: the archive when it had no errors, every
/// diagnostic, and the text of every file read (to show the offending lines).
pub struct Loaded {
    pub archive: Option<Archive>,
    pub diagnostics: Diagnostics,
    pub texts: HashMap<PathBuf, String>,
    /// With errors, for `check` only: the archive of the documents that passed their own checks,
    /// so that their links can be checked in the same run. Never built or published.
    pub valid_part: Option<Archive>,
}

/// Reads, parses and validates the site at `options.root`, keeping every text in memory.
pub fn load(options: &SiteOptions) -> Loaded {
    load_keeping(options, Keep::EVERY_TEXT).0
}

/// What a load read besides the archive, kept by serve to check single documents again later.
pub(crate) struct ReadSources {
    pub listing: source::SourceListing,
    pub config: Option<document::ConfigFile>,
    pub themes: Option<Vec<document::ThemeEntry>>,
    /// Every document read, by path relative to the root, its body left out.
    pub documents: HashMap<PathBuf, document::Document>,
    /// The problems found reading each document, for the documents that had some.
    pub read_problems: HashMap<PathBuf, Vec<diagnostic::Diagnostic>>,
}

/// As [`load`], for building only: bodies are left in their files and read again when their
/// pages are rendered, and only the texts of files with diagnostics are kept.
pub(crate) fn load_for_build(options: &SiteOptions) -> Loaded {
    load_keeping(options, Keep::BUILD).0
}

/// As [`load`], for `scrutiny check`: bodies are left in their files, as for a build (the link
/// check reads a text again only to point at a broken link), and with errors the documents
/// that passed are kept as [`Loaded::valid_part`].
pub fn load_for_check(options: &SiteOptions) -> Loaded {
    load_keeping(options, Keep::CHECK).0
}

/// As [`load`], also handing back what was read (front matter only) for serve.
pub(crate) fn load_with_sources(options: &SiteOptions) -> (Loaded, ReadSources) {
    load_keeping(options, Keep::SERVE)
}

/// What a load hands back with the archive.
#[derive(Clone, Copy)]
struct Keep {
    /// Every text read, bodies included. Otherwise only the texts of files with diagnostics
    /// are kept, and documents' bodies are left in their files (read again when their pages
    /// are rendered): a large archive's text is then never in memory whole.
    every_text: bool,
    /// With errors, the archive of the documents that passed their own checks.
    valid_part: bool,
    /// The sources as read ([`ReadSources`]).
    sources: bool,
}

impl Keep {
    const EVERY_TEXT: Keep = Keep {
        every_text: true,
        valid_part: true,
        sources: false,
    };
    const BUILD: Keep = Keep {
        every_text: false,
        valid_part: false,
        sources: false,
    };
    const CHECK: Keep = Keep {
        every_text: false,
        valid_part: true,
        sources: false,
    };
    const SERVE: Keep = Keep {
        every_text: true,
        valid_part: false,
        sources: true,
    };
}

/// Loads the site; the [`ReadSources`] handed back hold only the listing unless `keep.sources`.
fn load_keeping(options: &SiteOptions, keep: Keep) -> (Loaded, ReadSources) {
    let root = &options.root;
    let keep_sources = keep.sources;
    let (listing, mut diagnostics) = source::list_sources(root);
    let mut texts = HashMap::new();
    for file in listing.config.iter().chain(listing.themes.iter()) {
        texts.insert(file.path.clone(), file.text.clone());
    }
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
    // Each file is read and parsed in one go, and its text dropped unless it is to be kept.
    let read: Vec<_> = listing
        .documents
        .par_iter()
        .with_max_len(PARALLEL_GRAIN)
        .map(
            |(kind, relative)| match listing.read_stamped(root, *kind, relative) {
                Ok((source, stamp)) => {
                    let (mut document, problems) = document::read_document(&source);
                    if !keep.every_text {
                        // The body is read again when its page is rendered.
                        if let Some(body) = document.as_mut().map(|d| &mut d.body) {
                            if source.file.text.ends_with(&body.markdown) {
                                let location = source::BodyLocation::new(
                                    root,
                                    &source.file,
                                    &body.markdown,
                                    stamp,
                                );
                                body.leave_in_file(location);
                            }
                        }
                    }
                    let front_matter = document
                        .as_ref()
                        .filter(|_| keep_sources)
                        .map(document::Document::front_matter_only);
                    let kept = (keep.every_text || !problems.is_empty()).then_some(source.file);
                    (relative, document, front_matter, problems, kept)
                }
                Err(problem) => (relative, None, None, vec![problem], None),
            },
        )
        .collect();
    let mut documents = Vec::with_capacity(read.len());
    let mut front_matter = HashMap::new();
    let mut read_problems = HashMap::new();
    for (path, document, matter, problems, text) in read {
        if keep_sources && !problems.is_empty() {
            read_problems.insert(path.clone(), problems.clone());
        }
        diagnostics.extend(problems);
        documents.extend(document);
        if let Some(matter) = matter {
            front_matter.insert(path.clone(), matter);
        }
        if let Some(file) = text {
            texts.insert(file.path, file.text);
        }
    }
    let (kept_config, kept_themes) = match keep_sources {
        true => (config.clone(), themes.clone()),
        false => (None, None),
    };
    let validate_options = ValidateOptions {
        drafts: options.drafts,
    };
    let (checked, problems) = archive::validate_keeping_the_valid(
        config,
        themes,
        documents,
        &listing.attachments,
        validate_options,
    );
    diagnostics.extend(problems);
    // An error anywhere, in any stage, means no archive: nothing half-checked is ever built.
    let (archive, valid_part) = match diagnostics.has_errors() {
        false => (checked, None),
        true if keep.valid_part => (None, checked),
        true => (None, None),
    };
    let mut loaded = Loaded {
        archive,
        diagnostics,
        texts,
        valid_part,
    };
    if !keep.every_text {
        read_diagnosed_texts(root, &listing, &loaded.diagnostics, &mut loaded.texts);
    }
    let sources = ReadSources {
        listing,
        config: kept_config,
        themes: kept_themes,
        documents: front_matter,
        read_problems,
    };
    (loaded, sources)
}

/// Reads again the documents named by `diagnostics` whose text is not in `texts` yet, to show
/// the offending lines.
fn read_diagnosed_texts(
    root: &Path,
    listing: &source::SourceListing,
    diagnostics: &Diagnostics,
    texts: &mut HashMap<PathBuf, String>,
) {
    let files = diagnostics.files();
    for (kind, relative) in &listing.documents {
        if files.contains(relative.as_path()) && !texts.contains_key(relative) {
            if let Ok(source) = listing.read(root, *kind, relative) {
                texts.insert(source.file.path, source.file.text);
            }
        }
    }
}

/// Renders every file of the site in memory.
pub fn render_site(
    options: &SiteOptions,
    archive: &Archive,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let (indexes, theme) = indexes_and_theme(options, archive)?;
    render::render_site(archive, &indexes, &theme).map_err(into_diagnostics)
}

/// What rendering the site needs besides the archive.
fn indexes_and_theme(
    options: &SiteOptions,
    archive: &Archive,
) -> Result<(Indexes, Theme), Diagnostics> {
    let indexes = Indexes::build(archive, options.today);
    let theme = Theme::load(
        &options.root,
        &archive.config.theme,
        &archive.config.base_path,
    )
    .map_err(into_diagnostics)?;
    Ok((indexes, theme))
}

/// Renders the site as a build would and checks every link in it (see [`links::check`]),
/// keeping of each file only what the check needs. `failed`: the documents left out for errors.
/// The texts of the archive's files that the problems point into are added to `texts`, to show
/// the offending lines (after [`load_for_check`], bodies were left in their files).
pub fn check_links(
    options: &SiteOptions,
    archive: &Archive,
    texts: &mut HashMap<PathBuf, String>,
    failed: &[PathBuf],
) -> Result<Vec<diagnostic::Diagnostic>, Diagnostics> {
    let (indexes, theme) = indexes_and_theme(options, archive)?;
    let scanned = std::sync::Mutex::new(Vec::new());
    let scan = |file: OutputFile| {
        let file = links::ScannedFile::new(&file, &archive.config.base_url);
        scanned.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok::<(), std::convert::Infallible>(())
    };
    match render::render_site_each(archive, &indexes, &theme, &scan) {
        Ok(()) => {}
        Err(render::StreamError::Invalid(problems)) => return Err(into_diagnostics(problems)),
        Err(render::StreamError::Sink(never)) => match never {},
    }
    let mut scanned = scanned.into_inner().unwrap_or_else(|e| e.into_inner());
    scanned.sort_by(|a, b| a.path().cmp(b.path()));
    let problems = links::check(&options.root, archive, scanned, texts, failed);
    // Only documents of the archive (they passed the listing's checks) are read again.
    let diagnosed: std::collections::HashSet<&Path> = problems
        .iter()
        .map(|problem| problem.file.as_path())
        .collect();
    let sources = (archive.reports.iter().map(|report| &report.source))
        .chain(archive.responses.iter().map(|response| &response.source))
        .chain(archive.pages.iter().map(|page| &page.source));
    for source in sources {
        if diagnosed.contains(source.as_path()) && !texts.contains_key(source) {
            if let Ok(read) = source::read_text(&options.root, source) {
                texts.insert(read.path, read.text);
            }
        }
    }
    Ok(problems)
}

fn into_diagnostics(list: Vec<diagnostic::Diagnostic>) -> Diagnostics {
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
pub fn build(
    options: &SiteOptions,
    output: &Path,
    force: bool,
) -> (BuildOutcome, HashMap<PathBuf, String>) {
    build_with(options, output, force, SearchIndex::Build)
}

/// Loads, checks, renders and writes the site into `output`. Pages are written as they are
/// rendered, into a staging folder swapped in only when everything succeeded.
pub fn build_with(
    options: &SiteOptions,
    output: &Path,
    force: bool,
    search: SearchIndex,
) -> (BuildOutcome, HashMap<PathBuf, String>) {
    if let Err(error) = output::check_output_location(&options.root, output) {
        return (BuildOutcome::NotWritten(error), HashMap::new());
    }
    let loaded = load_for_build(options);
    let texts = loaded.texts;
    let mut diagnostics = loaded.diagnostics;
    let Some(archive) = loaded.archive else {
        return (BuildOutcome::Invalid { diagnostics }, texts);
    };
    let indexes = Indexes::build(&archive, options.today);
    let theme = match Theme::load(
        &options.root,
        &archive.config.theme,
        &archive.config.base_path,
    ) {
        Ok(theme) => theme,
        Err(problems) => {
            diagnostics.extend(problems);
            return (BuildOutcome::Invalid { diagnostics }, texts);
        }
    };
    // Content and template problems win over a folder that cannot be written, as they did when
    // the whole site was rendered before anything was written: if the writer cannot start,
    // the site is still rendered (and thrown away) to find them.
    let writer = output::SiteWriter::begin(output, force);
    let write = |file: OutputFile| match &writer {
        Ok(writer) => writer.write(&file),
        Err(_) => Ok(()),
    };
    match render::render_site_each(&archive, &indexes, &theme, &write) {
        Ok(()) => {}
        Err(render::StreamError::Invalid(problems)) => {
            diagnostics.extend(problems);
            return (BuildOutcome::Invalid { diagnostics }, texts);
        }
        Err(render::StreamError::Sink(error)) => return (BuildOutcome::NotWritten(error), texts),
    }
    let search = match search {
        SearchIndex::Build => render::render_search(&archive, &indexes),
        SearchIndex::Skip => Ok(Vec::new()),
    };
    let search = match search {
        Ok(search) => search,
        Err(problems) => {
            diagnostics.extend(problems);
            return (BuildOutcome::Invalid { diagnostics }, texts);
        }
    };
    let writer = match writer {
        Ok(writer) => writer,
        Err(error) => return (BuildOutcome::NotWritten(error), texts),
    };
    let written = search
        .par_iter()
        .try_for_each(|file| writer.write(file))
        .and_then(|()| writer.finish());
    let outcome = match written {
        Ok(summary) => BuildOutcome::Built {
            summary,
            diagnostics,
        },
        Err(error) => BuildOutcome::NotWritten(error),
    };
    drop_in_background((archive, indexes));
    (outcome, texts)
}
