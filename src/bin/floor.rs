//! floor: the physical floor of a build, for benchmarks. Walks `content/`, reads every Markdown
//! file, renders it with pulldown-cmark (the options scrutiny uses) and writes one HTML file per
//! input, in parallel. No front matter, templates, indexes or checks: nothing scrutiny could skip.
//!
//! Usage: `floor CONTENT_DIR OUT_DIR`. OUT_DIR is created; files already in it are overwritten.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [content, out] = args.as_slice() else {
        eprintln!("usage: floor CONTENT_DIR OUT_DIR");
        return ExitCode::from(2);
    };
    match run(Path::new(content), Path::new(out)) {
        Ok(count) => {
            println!("Rendered {count} Markdown files into {out}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

fn run(content: &Path, out: &Path) -> Result<usize, String> {
    let mut inputs: Vec<PathBuf> = Vec::new();
    for entry in walkdir::WalkDir::new(content).sort_by_file_name() {
        let entry = entry.map_err(|error| format!("cannot list {}: {error}", content.display()))?;
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
        fs::create_dir_all(folder)
            .map_err(|error| format!("cannot create {}: {error}", folder.display()))?;
    }
    inputs.par_iter().try_for_each(|input| {
        let text = fs::read_to_string(input)
            .map_err(|error| format!("cannot read {}: {error}", input.display()))?;
        let html = render(&text);
        let relative = input.strip_prefix(content).unwrap_or(input);
        let target = out.join(relative).with_extension("html");
        fs::write(&target, html)
            .map_err(|error| format!("cannot write {}: {error}", target.display()))
    })?;
    Ok(inputs.len())
}

/// The same Markdown options as `scrutiny::markdown`.
fn render(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut html_out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut html_out, Parser::new_ext(markdown, options));
    html_out
}
