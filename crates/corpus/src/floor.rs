//! Floor: the physical floor of a build, for benchmarks. Walks `content/`, reads every Markdown
//! file, renders it with pulldown-cmark (the options scrutiny uses) and writes one HTML file per
//! input, in parallel. No front matter, templates, indexes or checks: nothing scrutiny could skip.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;

/// A file or folder the floor could not list, read, create or write.
#[derive(Debug)]
pub struct FloorError {
    /// "list", "read", "create" or "write".
    pub action: &'static str,
    pub path: PathBuf,
    pub error: io::Error,
}

impl std::fmt::Display for FloorError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let FloorError {
            action,
            path,
            error,
        } = self;
        write!(f, "cannot {action} {}: {error}", path.display())
    }
}

impl std::error::Error for FloorError {}

/// Renders every Markdown file under `content` into `out` (created; files already in it are
/// overwritten), keeping its relative path with `.html` for `.md`. Returns how many it rendered.
pub fn run(content: &Path, out: &Path) -> Result<usize, FloorError> {
    let failed = |action, path: &Path| {
        let path = path.to_path_buf();
        move |error| FloorError {
            action,
            path,
            error,
        }
    };
    let mut inputs: Vec<PathBuf> = Vec::new();
    for entry in walkdir::WalkDir::new(content).sort_by_file_name() {
        let entry = entry.map_err(|error| {
            let path = error.path().unwrap_or(content).to_path_buf();
            // Links are not followed, so the error is always one of I/O (never a loop of links).
            let error = error
                .into_io_error()
                .unwrap_or_else(|| io::Error::other("a loop of symbolic links"));
            FloorError {
                action: "list",
                path,
                error,
            }
        })?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "md") {
            inputs.push(entry.into_path());
        }
    }
    let mut folders: Vec<PathBuf> = inputs
        .iter()
        .filter_map(|input| input.strip_prefix(content).ok())
        .filter_map(|relative| relative.parent().map(|parent| out.join(parent)))
        .collect();
    folders.sort();
    folders.dedup();
    for folder in folders.iter().chain([&out.to_path_buf()]) {
        fs::create_dir_all(folder).map_err(failed("create", folder))?;
    }
    inputs.par_iter().try_for_each(|input| {
        let text = fs::read_to_string(input).map_err(failed("read", input))?;
        let html = render(&text);
        let relative = input.strip_prefix(content).unwrap_or(input);
        let target = out.join(relative).with_extension("html");
        fs::write(&target, html).map_err(failed("write", &target))
    })?;
    Ok(inputs.len())
}

/// Markdown to HTML with the same options as `scrutiny::markdown` (its tests compare the two).
pub fn render(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut html_out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut html_out, Parser::new_ext(markdown, options));
    html_out
}
