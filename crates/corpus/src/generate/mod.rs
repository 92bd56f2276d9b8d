//! Generate: writes deterministic, realistic archives of any size (reports, responses, pages,
//! themes, attachments) for benchmarks and tests. The same options always give the same bytes.
//! This file owns the options and the driver: plan the archive, write its files in a fixed order.

mod body;
mod national;
mod plan;
mod reports;
mod responses;
mod rng;
mod site;
mod words;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use national::{NationalOptions, NationalSummary, national_files};
use plan::Plan;
use responses::fake_pdf;
use site::{BASE_THEMES, CONFIG, PAGES};

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenerateOptions {
    /// How many reports; about as many responses come with them.
    pub reports: usize,
    pub seed: u64,
    /// How many themes in `themes.toml` (15 realistic ones, then numbered variants).
    pub themes: usize,
    /// Every report gets exactly this many findings; `None` for a realistic 0–6.
    pub findings_per_report: Option<usize>,
}

impl Default for GenerateOptions {
    fn default() -> GenerateOptions {
        GenerateOptions {
            reports: 100,
            seed: 1,
            themes: BASE_THEMES.len(),
            findings_per_report: None,
        }
    }
}

/// What was generated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GenerateSummary {
    pub reports: usize,
    pub responses: usize,
    pub pages: usize,
    pub findings: usize,
    /// Every file written, attachments and settings included.
    pub files: usize,
    /// Bytes of Markdown under `content/`.
    pub markdown_bytes: u64,
}

#[derive(Debug)]
pub enum GenerateError {
    /// The output folder exists and is not empty: generating would mix two archives.
    NotEmpty(PathBuf),
    Io {
        path: PathBuf,
        error: io::Error,
    },
}

impl std::fmt::Display for GenerateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GenerateError::NotEmpty(path) => write!(
                f,
                "{} is not empty; choose a new folder for the generated site",
                path.display()
            ),
            GenerateError::Io { path, error } => {
                write!(f, "could not write {}: {error}", path.display())
            }
        }
    }
}

impl std::error::Error for GenerateError {}

/// One file of a generated site, relative to its root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Generates the site into `out`, which must not exist or be empty.
pub fn generate(options: &GenerateOptions, out: &Path) -> Result<GenerateSummary, GenerateError> {
    let (files, summary) = generate_files(options);
    let folders = [
        "content/reports",
        "content/responses",
        "content/pages",
        "content/files",
    ];
    write_files(out, &folders, &files)?;
    Ok(summary)
}

/// Generates a national site (`config.toml` with `[[sources]]`, and the sources) into `out`,
/// which must not exist or be empty.
pub fn generate_national(
    options: &NationalOptions,
    out: &Path,
) -> Result<NationalSummary, GenerateError> {
    let (files, summary) = national_files(options);
    write_files(out, &["content", "sources"], &files)?;
    Ok(summary)
}

/// Writes `files` into `out` (which must not exist or be empty), making `folders` first.
fn write_files(out: &Path, folders: &[&str], files: &[GeneratedFile]) -> Result<(), GenerateError> {
    let io_error = |path: &Path| {
        let path = path.to_path_buf();
        move |error| GenerateError::Io { path, error }
    };
    if out.exists() {
        let mut entries = fs::read_dir(out).map_err(io_error(out))?;
        if entries.next().is_some() {
            return Err(GenerateError::NotEmpty(out.to_path_buf()));
        }
    }
    for folder in folders {
        let folder = out.join(folder);
        fs::create_dir_all(&folder).map_err(io_error(&folder))?;
    }
    files.par_iter().try_for_each(|file| {
        let path = out.join(&file.path);
        fs::write(&path, &file.bytes).map_err(io_error(&path))
    })
}

/// Every file of the generated site, in a fixed order, and what it holds.
pub fn generate_files(options: &GenerateOptions) -> (Vec<GeneratedFile>, GenerateSummary) {
    let plan = Plan::new(options);
    let mut files = vec![
        GeneratedFile {
            path: "config.toml".into(),
            bytes: CONFIG.as_bytes().to_vec(),
        },
        GeneratedFile {
            path: "content/themes.toml".into(),
            bytes: plan.themes_toml().into_bytes(),
        },
    ];
    let reports: Vec<GeneratedFile> = (0..plan.reports.len())
        .into_par_iter()
        .map(|index| GeneratedFile {
            path: format!("content/reports/{}.md", plan.reports[index].slug),
            bytes: plan.report_file(index).into_bytes(),
        })
        .collect();
    let responses: Vec<GeneratedFile> = (0..plan.responses.len())
        .into_par_iter()
        .map(|index| GeneratedFile {
            path: format!("content/responses/{}.md", plan.responses[index].slug),
            bytes: plan.response_file(index).into_bytes(),
        })
        .collect();
    let pages: Vec<GeneratedFile> = PAGES
        .iter()
        .enumerate()
        .map(|(index, (slug, title, summary))| GeneratedFile {
            path: format!("content/pages/{slug}.md"),
            bytes: plan.page_file(index, title, summary).into_bytes(),
        })
        .collect();
    let attachments: Vec<GeneratedFile> = plan
        .responses
        .iter()
        .filter_map(|response| response.attachment.as_ref())
        .map(|file| GeneratedFile {
            path: format!("content/{file}"),
            bytes: fake_pdf(file),
        })
        .collect();
    let markdown_bytes = reports
        .iter()
        .chain(&responses)
        .chain(&pages)
        .map(|file| file.bytes.len() as u64)
        .sum();
    let summary = GenerateSummary {
        reports: reports.len(),
        responses: responses.len(),
        pages: pages.len(),
        findings: plan.reports.iter().map(|r| r.findings.len()).sum(),
        files: 2 + reports.len() + responses.len() + pages.len() + attachments.len(),
        markdown_bytes,
    };
    files.extend(reports);
    files.extend(responses);
    files.extend(pages);
    files.extend(attachments);
    (files, summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> GenerateOptions {
        GenerateOptions {
            reports: 30,
            seed: 7,
            ..GenerateOptions::default()
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_files() {
        assert_eq!(generate_files(&small()).0, generate_files(&small()).0);
        let other = GenerateOptions { seed: 8, ..small() };
        assert_ne!(generate_files(&small()).0, generate_files(&other).0);
    }

    #[test]
    fn findings_per_report_is_exact_when_given() {
        let options = GenerateOptions {
            findings_per_report: Some(5),
            themes: 100,
            ..small()
        };
        let (files, summary) = generate_files(&options);
        assert_eq!(summary.findings, 150);
        let themes = files
            .iter()
            .find(|f| f.path == "content/themes.toml")
            .map(|f| String::from_utf8_lossy(&f.bytes).matches("\n[").count());
        assert_eq!(themes, Some(100));
    }
}
