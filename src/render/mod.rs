//! Render: turns the archive and indexes into the site's files in memory — HTML pages through the
//! theme's templates, open data, theme assets and attachments. Writes nothing to disk.

mod chart;
mod opendata;
mod pages;
pub mod views;

use std::path::{Path, PathBuf};

use minijinja::{Environment, UndefinedBehavior};

use crate::archive::Archive;
use crate::diagnostic::{Diagnostic, Position};
use crate::indexes::Indexes;
use crate::markdown::MarkdownRenderer;

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
    /// Copied from this file on disk (theme assets, attachments).
    Copy(PathBuf),
}

impl OutputFile {
    pub fn is_page(&self) -> bool {
        self.path.ends_with(".html")
    }
}

/// A theme's templates, compiled once.
pub struct Theme {
    environment: Environment<'static>,
    /// `themes/<name>/templates`, relative to the root, for error messages.
    template_dir: PathBuf,
    static_dir: PathBuf,
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
    "404.html",
];

impl Theme {
    /// Loads `themes/<name>/templates/*.html` and notes `themes/<name>/static/`.
    pub fn load(root: &Path, name: &str, base_path: &str) -> Result<Theme, Vec<Diagnostic>> {
        let theme_dir = Path::new("themes").join(name);
        let template_dir = theme_dir.join("templates");
        if !root.join(&template_dir).is_dir() {
            return Err(vec![
                Diagnostic::error(
                    &template_dir,
                    format!("the theme \"{name}\" has no templates folder"),
                )
                .with_help(
                    "set `theme` in config.toml to a folder under themes/, such as \"default\"",
                ),
            ]);
        }
        let mut environment = Environment::new();
        environment.set_undefined_behavior(UndefinedBehavior::Chainable);
        environment.set_auto_escape_callback(|name| {
            if name.ends_with(".html") || name.ends_with(".xml") {
                minijinja::AutoEscape::Html
            } else {
                minijinja::AutoEscape::None
            }
        });
        let base = base_path.to_string();
        environment.add_function("url", move |path: &str| {
            format!("{base}{}", path.trim_start_matches('/'))
        });
        environment.add_filter("plural", |count: i64, noun: &str| {
            views::plural(count, noun)
        });
        environment.add_filter("truncate", |text: &str, limit: usize| {
            views::shorten(text, limit)
        });

        let mut problems = Vec::new();
        let walker = walkdir::WalkDir::new(root.join(&template_dir)).sort_by_file_name();
        for entry in walker
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            let Ok(relative) = entry.path().strip_prefix(root.join(&template_dir)) else {
                continue;
            };
            let name = crate::diagnostic::slash_path(relative);
            let display = template_dir.join(relative);
            let text = match std::fs::read_to_string(entry.path()) {
                Ok(text) => text,
                Err(error) => {
                    problems.push(Diagnostic::error(
                        &display,
                        format!("cannot read this template: {error}"),
                    ));
                    continue;
                }
            };
            if let Err(error) = environment.add_template_owned(name, text) {
                problems.push(template_diagnostic(&template_dir, &error));
            }
        }
        for required in TEMPLATE_NAMES {
            if environment.get_template(required).is_err() && problems.is_empty() {
                problems.push(
                    Diagnostic::error(
                        template_dir.join(required),
                        "this template is missing from the theme",
                    )
                    .with_help("copy it from themes/default/templates/"),
                );
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Theme {
            environment,
            template_dir,
            static_dir: root.join(theme_dir).join("static"),
        })
    }

    /// Renders `template` with `context`.
    pub fn render(&self, template: &str, context: minijinja::Value) -> Result<String, Diagnostic> {
        self.environment
            .get_template(template)
            .and_then(|t| t.render(context))
            .map_err(|error| template_diagnostic(&self.template_dir, &error))
    }
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

/// Renders every file of the site.
pub fn render_site(
    archive: &Archive,
    indexes: &Indexes,
    theme: &Theme,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let markdown = MarkdownRenderer::new(&archive.config.base_path);
    let mut files = pages::render_pages(archive, indexes, theme, &markdown)?;
    files.extend(opendata::open_data(archive, indexes).map_err(|d| vec![d])?);
    files.extend(static_files(&theme.static_dir));
    files.extend(attachments(archive));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
    Ok(files)
}

fn static_files(static_dir: &Path) -> Vec<OutputFile> {
    walkdir::WalkDir::new(static_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .filter_map(|entry| {
            let relative = entry.path().strip_prefix(static_dir).ok()?;
            Some(OutputFile {
                path: crate::diagnostic::slash_path(relative),
                contents: Contents::Copy(entry.path().to_path_buf()),
            })
        })
        .collect()
}

fn attachments(archive: &Archive) -> Vec<OutputFile> {
    archive
        .responses
        .iter()
        .flat_map(|response| &response.attachments)
        .map(|attachment| OutputFile {
            path: attachment.file.clone(),
            contents: Contents::Copy(attachment.disk_path.clone()),
        })
        .collect()
}
