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
pub mod generate;
pub mod indexes;
pub mod links;
pub mod markdown;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod source;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::archive::{Archive, ValidateOptions};
use crate::dates::Date;
use crate::diagnostic::Diagnostics;
use crate::indexes::Indexes;
use crate::render::{OutputFile, Theme};
use crate::source::Sources;

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
}

/// Reads, parses and validates the site at `options.root`.
pub fn load(options: &SiteOptions) -> Loaded {
    let (sources, mut diagnostics) = source::read_sources(&options.root);
    let texts = source_texts(&sources);
    let config = sources.config.as_ref().map(|file| {
        let (config, problems) = document::read_config(file);
        diagnostics.extend(problems);
        config
    });
    let themes = sources.themes.as_ref().map(|file| {
        let (themes, problems) = document::read_themes(file);
        diagnostics.extend(problems);
        themes
    });
    let read: Vec<_> = sources
        .documents
        .par_iter()
        .map(document::read_document)
        .collect();
    let mut documents = Vec::with_capacity(read.len());
    for (document, problems) in read {
        diagnostics.extend(problems);
        documents.extend(document);
    }
    let validate_options = ValidateOptions {
        drafts: options.drafts,
    };
    let (archive, problems) = archive::validate(
        config,
        themes,
        documents,
        &sources.attachments,
        validate_options,
    );
    diagnostics.extend(problems);
    // An error anywhere, in any stage, means no archive: nothing half-checked is ever built.
    let archive = archive.filter(|_| !diagnostics.has_errors());
    Loaded {
        archive,
        diagnostics,
        texts,
    }
}

fn source_texts(sources: &Sources) -> HashMap<PathBuf, String> {
    let mut texts = HashMap::new();
    for file in sources.config.iter().chain(sources.themes.iter()) {
        texts.insert(file.path.clone(), file.text.clone());
    }
    for document in &sources.documents {
        texts.insert(document.file.path.clone(), document.file.text.clone());
    }
    texts
}

/// Renders every file of the site in memory.
pub fn render_site(
    options: &SiteOptions,
    archive: &Archive,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let indexes = Indexes::build(archive, options.today);
    let theme = Theme::load(
        &options.root,
        &archive.config.theme,
        &archive.config.base_path,
    )
    .map_err(into_diagnostics)?;
    render::render_site(archive, &indexes, &theme).map_err(into_diagnostics)
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

/// Loads, checks, renders and writes the site into `output`.
pub fn build(
    options: &SiteOptions,
    output: &Path,
    force: bool,
) -> (BuildOutcome, HashMap<PathBuf, String>) {
    if let Err(error) = output::check_output_location(&options.root, output) {
        return (BuildOutcome::NotWritten(error), HashMap::new());
    }
    let loaded = load(options);
    let texts = loaded.texts;
    let mut diagnostics = loaded.diagnostics;
    let Some(archive) = loaded.archive else {
        return (BuildOutcome::Invalid { diagnostics }, texts);
    };
    let files = match render_site(options, &archive) {
        Ok(files) => files,
        Err(problems) => {
            diagnostics.extend(problems);
            return (BuildOutcome::Invalid { diagnostics }, texts);
        }
    };
    let mut files = files;
    let indexes = Indexes::build(&archive, options.today);
    match render::render_search(&archive, &indexes) {
        Ok(search) => files.extend(search),
        Err(problems) => {
            diagnostics.extend(problems);
            return (BuildOutcome::Invalid { diagnostics }, texts);
        }
    }
    let outcome = match output::write_site(output, &files, force) {
        Ok(summary) => BuildOutcome::Built {
            summary,
            diagnostics,
        },
        Err(error) => BuildOutcome::NotWritten(error),
    };
    (outcome, texts)
}
