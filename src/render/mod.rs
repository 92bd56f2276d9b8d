//! Render: turns the archive and indexes into the site's files in memory — HTML pages through the
//! theme's templates, open data, theme assets, attachments and the browser editor. Writes nothing to disk.

pub mod builtin;
mod chart;
mod editor;
pub(crate) mod feeds;
pub(crate) mod opendata;
pub(crate) mod pages;
mod search;
pub mod views;
pub mod words;

/// Where the search index is written in the site (`search/index/`).
pub use search::FOLDER as SEARCH_FOLDER;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use minijinja::{Environment, UndefinedBehavior};
use rayon::prelude::*;

use crate::archive::Archive;
use crate::diagnostic::{Diagnostic, Position};
use crate::indexes::Indexes;
use crate::markdown::MarkdownRenderer;
use crate::routes::Route;

/// Whether the output file at `path` is part of a search index: the main language's
/// (`search/index/`) or another language's (`cy/search/index/`).
pub fn is_search_index(path: &str) -> bool {
    path.starts_with(SEARCH_FOLDER)
        || path
            .split_once('/')
            .is_some_and(|(_, rest)| rest.starts_with(SEARCH_FOLDER))
}

/// One file of the built site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output folder, with forward slashes (`reports/x/index.html`).
    pub path: String,
    pub contents: Contents,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// Built into the program (the browser editor's files).
    Static(&'static [u8]),
    /// Copied from this file on disk (theme assets, attachments).
    Copy(PathBuf),
    /// Written part after part: a build's open data, made of each document's record moved in
    /// rather than copied into one buffer, so that the records and the files are never held
    /// together.
    Parts(Vec<Cow<'static, [u8]>>),
}

impl Contents {
    /// Parts put together as one buffer, other contents as they are (what is kept in memory).
    pub fn joined(self) -> Contents {
        match self {
            Contents::Parts(parts) => Contents::Bytes(parts.concat()),
            contents => contents,
        }
    }
}

impl OutputFile {
    pub fn is_page(&self) -> bool {
        self.path.ends_with(".html")
    }
}

/// A template set (a "theme" in `config.toml`: `themes/<name>/`), its templates compiled once.
/// Not to be confused with an inspection theme of `themes.toml` ([`crate::archive::Theme`]).
pub struct TemplateSet {
    environment: Environment<'static>,
    /// `themes/<name>/templates`, relative to the root, for error messages.
    template_dir: PathBuf,
    pub(crate) static_files: Vec<OutputFile>,
    /// The interface words of each language (`i18n/<lang>.toml`).
    pub(crate) words: std::sync::Arc<words::Words>,
}

pub const TEMPLATE_NAMES: &[&str] = &[
    "home.html",
    "report.html",
    "response.html",
    "years.html",
    "year.html",
    "themes.html",
    "theme.html",
    "page.html",
    "findings.html",
    "deadlines.html",
    "search.html",
    "404.html",
];

/// The templates of a national site's pages (a site with `[[sources]]`): required of its theme
/// then, and only then, so that an office's theme copied before they existed still works, and
/// a national site with such a theme is told which to copy.
pub const NATIONAL_TEMPLATE_NAMES: &[&str] = &[
    "bodies.html",
    "body.html",
    "national-report.html",
    "national-reports.html",
    "national-deadlines.html",
    "partials/national-bodies.html",
];

/// The interface words of the template set `name`: a site theme's (`themes/<name>/` with
/// templates) `i18n/` tables over the built-in ones, key by key, else the built-in ones.
fn load_words(root: &Path, name: &str, problems: &mut Vec<Diagnostic>) -> words::Words {
    let theme_dir = Path::new("themes").join(name);
    if root.join(theme_dir.join("templates")).is_dir() {
        words::Words::load(root, &theme_dir.join("i18n"), problems)
    } else {
        words::Words::built_in()
    }
}

/// The interface words of the template set `name`, as [`TemplateSet::load`] reads them, for a
/// caller that needs no templates (serve's search catch-up): a table that does not read is
/// left out here, and reported by the build that loads the templates.
pub fn theme_words(root: &Path, name: &str) -> std::sync::Arc<words::Words> {
    std::sync::Arc::new(load_words(root, name, &mut Vec::new()))
}

impl TemplateSet {
    /// The interface words of each language, the theme's over the built-in ones.
    pub fn words(&self) -> &std::sync::Arc<words::Words> {
        &self.words
    }

    /// Loads `themes/<name>/` from the site, or the built-in default theme when the site has
    /// no folder of that name and asks for "default".
    pub fn load(root: &Path, name: &str, base_path: &str) -> Result<TemplateSet, Vec<Diagnostic>> {
        let theme_dir = Path::new("themes").join(name);
        let template_dir = theme_dir.join("templates");
        let mut problems = Vec::new();
        let static_files: Vec<OutputFile>;
        let words = std::sync::Arc::new(load_words(root, name, &mut problems));
        let mut environment = new_environment(std::sync::Arc::clone(&words));
        if root.join(&template_dir).is_dir() {
            let themes_real =
                std::fs::canonicalize(root.join("themes")).unwrap_or_else(|_| root.join("themes"));
            if let Some(problem) = theme_folder_outside(root, &theme_dir, &themes_real) {
                return Err(vec![problem]);
            }
            let templates = theme_files(root, &template_dir, &themes_real, &mut problems);
            for (name, text) in read_templates(&template_dir, templates, &mut problems) {
                if let Err(error) = environment.add_template_owned(name, text) {
                    problems.push(template_diagnostic(&template_dir, &error));
                }
            }
            static_files =
                theme_files(root, &theme_dir.join("static"), &themes_real, &mut problems)
                    .into_iter()
                    .map(|file| OutputFile {
                        path: crate::diagnostic::slash_path(&file.name),
                        contents: Contents::Copy(file.disk_path),
                    })
                    .collect();
        } else if name == "default" {
            for (name, text) in builtin::TEMPLATES {
                if let Err(error) = environment.add_template(name, text) {
                    problems.push(template_diagnostic(&template_dir, &error));
                }
            }
            static_files = builtin::STATIC_FILES
                .iter()
                .map(|(path, bytes)| OutputFile {
                    path: (*path).to_string(),
                    contents: Contents::Bytes(bytes.to_vec()),
                })
                .collect();
        } else {
            return Err(vec![Diagnostic::error(
                &template_dir,
                format!("the theme \"{name}\" has no templates folder"),
            )
            .with_help("set `theme` in config.toml to a folder under themes/, or to \"default\" for the built-in theme")]);
        }
        add_url_function(&mut environment, base_path, &static_files);
        for required in TEMPLATE_NAMES {
            if environment.get_template(required).is_err() && problems.is_empty() {
                problems.push(
                    Diagnostic::error(
                        template_dir.join(required),
                        "this template is missing from the theme",
                    )
                    .with_help("copy it from the default theme (`scrutiny init` writes one)"),
                );
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(TemplateSet {
            environment,
            template_dir,
            static_files,
            words,
        })
    }

    /// An error when the theme lacks `name`, a template only some sites need (`grades.html`,
    /// once a report has grades): a theme copied before it existed works until then.
    pub fn require(&self, name: &str) -> Result<(), Diagnostic> {
        match self.has_template(name) {
            true => Ok(()),
            false => Err(Diagnostic::error(
                self.template_dir.join(name),
                "this template is missing from the theme, and the site needs it",
            )
            .with_help("copy it from the default theme (`scrutiny init` writes one)")),
        }
    }

    /// Whether the theme has a template of this name (`items/report.html`, say).
    pub fn has_template(&self, name: &str) -> bool {
        self.environment.get_template(name).is_ok()
    }

    /// Renders `template` with `context`.
    pub fn render(&self, template: &str, context: minijinja::Value) -> Result<String, Diagnostic> {
        self.environment
            .get_template(template)
            .and_then(|t| t.render(context))
            .map_err(|error| template_diagnostic(&self.template_dir, &error))
    }

    /// As [`TemplateSet::render`], into a buffer of `capacity` bytes to begin with: a page of many
    /// megabytes then never holds both halves of a doubled buffer at once.
    pub fn render_sized(
        &self,
        template: &str,
        context: minijinja::Value,
        capacity: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut html = Vec::with_capacity(capacity);
        self.environment
            .get_template(template)
            .and_then(|t| t.render_captured_to(context, &mut html).map(drop))
            .map(|()| html)
            .map_err(|error| template_diagnostic(&self.template_dir, &error))
    }
}

fn new_environment(words: std::sync::Arc<words::Words>) -> Environment<'static> {
    let mut environment = Environment::new();
    environment.set_undefined_behavior(UndefinedBehavior::Chainable);
    // Block tags on lines of their own leave no blank lines in the pages.
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
    {
        environment.set_syntax(syntax);
    }
    environment.set_auto_escape_callback(|name| {
        if name.ends_with(".html") || name.ends_with(".xml") {
            minijinja::AutoEscape::Html
        } else {
            minijinja::AutoEscape::None
        }
    });
    environment.set_formatter(escape_for_html);
    // As minijinja's own `safe`, but a value already safe is handed on as it is, not copied.
    environment.add_filter("safe", |value: minijinja::Value| {
        if value.is_safe() {
            value
        } else {
            minijinja::Value::from_safe_string(value.to_string())
        }
    });
    words::add_function(&mut environment, words);
    environment.add_function("time_tag", time_tag);
    environment.add_filter("plural", |count: i64, noun: &str| {
        views::plural(count, noun)
    });
    environment.add_filter("truncate", |text: &str, limit: usize| {
        views::shorten(text, limit)
    });
    environment
}

/// Adds `url(path)`: a link under the base path. On a page of a language other than the main
/// one (`site.language_path`, `cy/`), a link to a page goes to that language's page; a link to
/// a file that is one for every language (the theme's files, open data, attachments, the
/// editor, the sitemap) does not, nor a path already in the language's folder (`page.path`).
fn add_url_function(
    environment: &mut Environment<'static>,
    base_path: &str,
    statics: &[OutputFile],
) {
    let base = base_path.to_string();
    let mut shared: Vec<String> = [
        "assets/",
        "data/",
        "files/",
        "admin/",
        "sitemap.xml",
        "robots.txt",
    ]
    .into_iter()
    .map(str::to_string)
    .collect();
    for file in statics {
        let top = match file.path.split_once('/') {
            Some((folder, _)) => format!("{folder}/"),
            None => file.path.clone(),
        };
        if !shared.contains(&top) {
            shared.push(top);
        }
    }
    environment.add_function(
        "url",
        move |state: &minijinja::State<'_, '_>, path: &str| {
            let path = path.trim_start_matches('/');
            let folder = state
                .lookup("site")
                .and_then(|site| site.get_attr("language_path").ok())
                .filter(|folder| folder.as_str().is_some_and(|f| !f.is_empty()));
            match folder.as_ref().and_then(minijinja::Value::as_str) {
                Some(folder)
                    if !path.starts_with(folder)
                        && !shared.iter().any(|top| path.starts_with(top.as_str())) =>
                {
                    format!("{base}{folder}{path}")
                }
                _ => format!("{base}{path}"),
            }
        },
    );
}

/// `<time datetime="2023-05-02">2 May 2023</time>` of a date view, for words that take a date.
fn time_tag(date: minijinja::Value) -> Result<minijinja::Value, minijinja::Error> {
    let mut tag = String::from("<time datetime=\"");
    let iso = date.get_attr("iso")?;
    let long = date.get_attr("long")?;
    let _ = crate::markdown::write_escaped_html(&mut tag, &iso.to_string());
    tag.push_str("\">");
    let _ = crate::markdown::write_escaped_html(&mut tag, &long.to_string());
    tag.push_str("</time>");
    Ok(minijinja::Value::from_safe_string(tag))
}

/// Escapes values for HTML text and quoted attributes: `& < > " '` only, so URLs stay readable
/// (minijinja's default also escapes `/`).
fn escape_for_html(
    out: &mut minijinja::Output<'_>,
    state: &mut minijinja::State<'_, '_>,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    let escaping = matches!(state.auto_escape(), minijinja::AutoEscape::Html);
    if !escaping || value.is_safe() || value.is_none() {
        return minijinja::escape_formatter(out, state, value);
    }
    // Straight into the page, a run of plain text at a time.
    let written = match value.as_str() {
        Some(text) => crate::markdown::write_escaped_html(out, text),
        None => crate::markdown::write_escaped_html(out, &value.to_string()),
    };
    written.map_err(|error| {
        minijinja::Error::new(minijinja::ErrorKind::WriteFailure, error.to_string())
    })
}

/// A problem when `themes/<name>` is a link to a folder outside `themes/`: nothing outside it is
/// read into the site.
fn theme_folder_outside(root: &Path, theme_dir: &Path, themes_real: &Path) -> Option<Diagnostic> {
    let real = std::fs::canonicalize(root.join(theme_dir)).ok()?;
    (!real.starts_with(themes_real)).then(|| {
        Diagnostic::error(
            theme_dir,
            format!(
                "this theme folder is a link to {}, outside themes/",
                real.display()
            ),
        )
        .with_help(
            "copy the theme itself into themes/: nothing outside themes/ is read into the site",
        )
    })
}

/// One file of a theme folder.
struct ThemeFile {
    /// Relative to the folder walked (`assets/site.css`, `base.html`).
    name: PathBuf,
    /// Where to read it.
    disk_path: PathBuf,
}

/// Every file under `folder` (relative to the root), sorted. A link is followed only to a file
/// inside `themes/`; any other link, and anything that cannot be listed, is an error rather
/// than a file silently left out (or, worse, a file from elsewhere published).
fn theme_files(
    root: &Path,
    folder: &Path,
    themes_real: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Vec<ThemeFile> {
    let base = root.join(folder);
    if !base.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&base).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let place = error
                    .path()
                    .and_then(|p| p.strip_prefix(root).ok())
                    .unwrap_or(folder);
                problems.push(Diagnostic::error(
                    place,
                    format!("cannot read this theme folder: {error}"),
                ));
                continue;
            }
        };
        let Ok(name) = entry.path().strip_prefix(&base) else {
            continue;
        };
        let shown = folder.join(name);
        if entry.file_type().is_symlink() {
            match std::fs::canonicalize(entry.path()) {
                Ok(real) if real.starts_with(themes_real) && real.is_file() => {}
                Ok(real) if real.is_dir() => {
                    problems.push(
                        Diagnostic::error(
                            &shown,
                            "this is a link to a folder, which themes cannot use",
                        )
                        .with_help("replace the link with the folder itself"),
                    );
                    continue;
                }
                Ok(real) => {
                    problems.push(
                        Diagnostic::error(&shown, format!("this file is a link to {}, outside themes/", real.display()))
                            .with_help("copy the file itself into the theme: nothing outside themes/ is read into the site"),
                    );
                    continue;
                }
                Err(error) => {
                    problems.push(
                        Diagnostic::error(&shown, format!("this file is a link that cannot be followed: {error}"))
                            .with_help("it points to a file that does not exist, or round in a loop; replace it with the file itself"),
                    );
                    continue;
                }
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        files.push(ThemeFile {
            name: name.to_path_buf(),
            disk_path: entry.path().to_path_buf(),
        });
    }
    files
}

/// The text of each template file, as (template name, text).
fn read_templates(
    template_dir: &Path,
    files: Vec<ThemeFile>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(String, String)> {
    let mut templates = Vec::new();
    for file in files {
        match std::fs::read_to_string(&file.disk_path) {
            Ok(text) => templates.push((crate::diagnostic::slash_path(&file.name), text)),
            Err(error) => problems.push(Diagnostic::error(
                template_dir.join(&file.name),
                format!("cannot read this template: {error}"),
            )),
        }
    }
    templates
}

/// A template error, pointing at the template file and line.
fn template_diagnostic(template_dir: &Path, error: &minijinja::Error) -> Diagnostic {
    let file = error
        .name()
        .map(|name| template_dir.join(name))
        .unwrap_or_else(|| template_dir.to_path_buf());
    let mut message = format!("template error: {}", error.kind());
    if let Some(detail) = error.detail() {
        message.push_str(": ");
        message.push_str(detail);
    }
    let diagnostic = Diagnostic::error(file, message);
    match error.line() {
        Some(line) => diagnostic.at(Position { line, column: 1 }),
        None => diagnostic,
    }
}

/// Renders every file of the site, sorted by path.
pub fn render_site(
    archive: &Archive,
    indexes: &Indexes,
    theme: &TemplateSet,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    collected(|sink| render_site_each(archive, indexes, theme, sink))
}

/// What `render` hands to its sink, kept in memory (parts joined) and sorted by path.
fn collected(
    render: impl FnOnce(&Collector<'_>) -> Result<(), StreamError<std::convert::Infallible>>,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let files = std::sync::Mutex::new(Vec::new());
    let collect = |file: OutputFile| {
        let file = OutputFile {
            contents: file.contents.joined(),
            ..file
        };
        files.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok(())
    };
    match render(&collect) {
        Ok(()) => {}
        Err(StreamError::Invalid(problems)) => return Err(problems),
        Err(StreamError::Sink(never)) => match never {},
    }
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// A sink that keeps every file.
type Collector<'c> = dyn Fn(OutputFile) -> Result<(), std::convert::Infallible> + Sync + 'c;

/// Why [`render_site_each`] stopped.
#[derive(Debug)]
pub enum StreamError<E> {
    /// Template or content problems: the site is not valid and must not be published.
    Invalid(Vec<Diagnostic>),
    /// The sink refused a file (the disk is full, say).
    Sink(E),
}

/// Renders every file of the site and hands each to `sink` as soon as it is made, from several
/// threads, so a large site never has to be in memory whole. Each path is handed on once; a
/// file the site would make twice is the first of: pages, feeds, open data, theme assets,
/// attachments. Problems win over a refusal by `sink`, as when a whole site was rendered first.
pub fn render_site_each<E: Send>(
    archive: &Archive,
    indexes: &Indexes,
    theme: &TemplateSet,
    sink: &(dyn Fn(OutputFile) -> Result<(), E> + Sync),
) -> Result<(), StreamError<E>> {
    let markdown = markdown_for(archive);
    let main = views::PageLanguage::main(&archive.config);
    let list = pages::PageList::new_in(archive, indexes, main.folder);
    // The files besides pages first, each handed on and freed before the pages' shared parts
    // are made: the open data records and files and the pages' cards, items and finding texts
    // are, after the archive, the largest things a build holds, and are never held together.
    let others = Records::new(archive, indexes, &list).and_then(|records| {
        let others = other_files(archive, indexes, theme, &list, GivenRecords::Moved(records))?;
        Ok(others.into_par_iter().try_for_each(sink).err())
    });
    let language = (main, list);
    let pages = pages::Pages::listed(
        archive,
        indexes,
        &markdown,
        theme,
        pages::TrackerRows::ByPage,
        language,
    )
    .map_err(StreamError::Invalid)?;
    let (problems, page_refusal) = pages.render_each(theme, pages::Wanted::Every, sink);
    if !problems.is_empty() {
        return Err(StreamError::Invalid(problems));
    }
    let refusal = others.map_err(|d| StreamError::Invalid(vec![d]))?;
    pages.into_parts().0.free();
    let mut refusal = refusal.or(page_refusal);
    // Each other language's pages and feeds, one language after another: the same pages under
    // its folder.
    for language in views::PageLanguage::every(&archive.config)
        .into_iter()
        .skip(1)
    {
        if refusal.is_some() {
            break;
        }
        refusal = render_language(archive, indexes, theme, &markdown, language, sink)?;
    }
    match refusal {
        Some(refusal) => Err(StreamError::Sink(refusal)),
        None => Ok(()),
    }
}

/// The pages and feeds of a language other than the main one, handed to `sink`; the first
/// refusal of `sink`.
pub(crate) fn render_language<E: Send>(
    archive: &Archive,
    indexes: &Indexes,
    theme: &TemplateSet,
    markdown: &MarkdownRenderer,
    language: views::PageLanguage<'_>,
    sink: &(dyn Fn(OutputFile) -> Result<(), E> + Sync),
) -> Result<Option<E>, StreamError<E>> {
    let translated = archive.in_language(language.code);
    let archive = &translated;
    let pages = pages::Pages::new_in(
        archive,
        indexes,
        markdown,
        theme,
        pages::TrackerRows::ByPage,
        language,
    )
    .map_err(StreamError::Invalid)?;
    let feeds = feeds::feeds(archive, indexes, language, &theme.words);
    let (problems, mut refusal) = pages.render_each(theme, pages::Wanted::Every, sink);
    if !problems.is_empty() {
        return Err(StreamError::Invalid(problems));
    }
    pages.into_parts().0.free();
    for feed in feeds {
        if refusal.is_some() {
            break;
        }
        refusal = sink(feed).err();
    }
    Ok(refusal)
}

/// The Markdown renderer of the archive's pages and finding texts.
pub(crate) fn markdown_for(archive: &Archive) -> MarkdownRenderer {
    MarkdownRenderer::new(&archive.config.base_path).with_raw_html(archive.config.raw_html)
}

/// What the files besides pages are made of document by document (open data records, the
/// sitemap's dates): made once by a build, kept by serve and updated where documents changed.
#[derive(Debug, Default)]
pub struct Records {
    pub open_data: opendata::OpenData,
    pub lastmods: feeds::Lastmods,
}

impl Records {
    pub fn new(
        archive: &Archive,
        indexes: &Indexes,
        list: &pages::PageList,
    ) -> Result<Records, Diagnostic> {
        let (open_data, lastmods) = rayon::join(
            || opendata::OpenData::new(archive, indexes),
            || feeds::Lastmods::new(archive, indexes, list),
        );
        Ok(Records {
            open_data: open_data?,
            lastmods,
        })
    }
}

/// The records [`other_files`] makes files of: kept for later (serve, which updates them), or
/// moved into the files (a build: the open data files are then made of the records' own
/// buffers, [`Contents::Parts`]).
pub(crate) enum GivenRecords<'r> {
    Kept(&'r Records),
    Moved(Records),
}

/// The files besides pages and the search index: feeds and discovery, open data, theme assets,
/// attachments; sorted by path. A path made twice is the first of those; none is at a page's path.
pub(crate) fn other_files(
    archive: &Archive,
    indexes: &Indexes,
    theme: &TemplateSet,
    pages: &pages::PageList,
    records: GivenRecords<'_>,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let (mut others, open_data) = match records {
        GivenRecords::Kept(records) => rayon::join(
            || feeds::feeds_and_discovery(archive, indexes, pages, &records.lastmods, &theme.words),
            || records.open_data.files(),
        ),
        GivenRecords::Moved(Records {
            open_data,
            lastmods,
        }) => rayon::join(
            || feeds::feeds_and_discovery(archive, indexes, pages, &lastmods, &theme.words),
            || open_data.into_files(),
        ),
    };
    others.extend(open_data?);
    others.extend(theme.static_files.iter().cloned());
    others.extend(attachments(archive));
    others.extend(editor::editor_files(archive));
    others.sort_by(|a, b| a.path.cmp(&b.path));
    others.dedup_by(|a, b| a.path == b.path);
    others.retain(|file| !pages.contains(&file.path));
    Ok(others)
}

/// The search index: slow enough (and only needed in the published site) to be its own step.
/// Its results are labelled in the theme's `words` ([`TemplateSet::words`], [`theme_words`]).
pub fn render_search(
    archive: &Archive,
    indexes: &Indexes,
    words: &std::sync::Arc<words::Words>,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    collected(|sink| render_search_each(archive, indexes, words, sink))
}

/// As [`render_search`], handing each file to `sink` as soon as it is made.
pub fn render_search_each<E: Send>(
    archive: &Archive,
    indexes: &Indexes,
    words: &std::sync::Arc<words::Words>,
    sink: &(dyn Fn(OutputFile) -> Result<(), E> + Sync),
) -> Result<(), StreamError<E>> {
    // Each language its own index of its own pages (under its folder), stemmed as it is.
    for language in views::PageLanguage::every(&archive.config) {
        let translated;
        let archive = match language.folder {
            None => archive,
            Some(_) => {
                translated = archive.in_language(language.code);
                &translated
            }
        };
        match search::search_index_each(archive, indexes, (language, words), sink) {
            Ok(Ok(())) => {}
            Ok(Err(refusal)) => return Err(StreamError::Sink(refusal)),
            Err(problem) => return Err(StreamError::Invalid(vec![problem])),
        }
    }
    Ok(())
}

pub(crate) fn attachments(archive: &Archive) -> Vec<OutputFile> {
    // A language's own attachment files, besides the originals'.
    let translated = (archive.translations.languages.values())
        .flat_map(|language| language.documents.values())
        .flat_map(|words| &words.attachments)
        .filter_map(|attachment| attachment.file.as_ref())
        .map(|(file, disk_path, _)| OutputFile {
            path: Route::Attachment(file).output_path(),
            contents: Contents::Copy(disk_path.clone()),
        });
    archive
        .responses
        .iter()
        .flat_map(|response| &response.attachments)
        .map(|attachment| OutputFile {
            path: Route::Attachment(&attachment.file).output_path(),
            contents: Contents::Copy(attachment.disk_path.clone()),
        })
        .chain(translated)
        .collect()
}
