//! National sources: other offices' open data (the `archive.json` of a scrutiny site, or a CSV
//! of responses), named by `[[sources]]` in `config.toml` and read as untrusted input into
//! [`SourceData`], every problem at the source file's line and column (JSON) or record (CSV).
//!
//! Reading stops here: which reports are the same and who was expected to respond is decided
//! by validation (`archive::validate`), with the rest of the site.

mod address;
mod archive_json;
mod responses_csv;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::dates::Date;
use crate::diagnostic::Diagnostic;
use crate::document::SourceEntry;
use crate::vocabulary::{ReportType, Sector};

pub use address::{TitleKey, report_address_key, title_key};

/// What a source file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourceFormat {
    /// `archive.json` of a scrutiny site.
    Archive,
    /// `report_url,report_title,report_published,response_date,response_url`.
    ResponsesCsv,
}

impl SourceFormat {
    /// The key that names it in `[[sources]]`.
    pub fn key(self) -> &'static str {
        match self {
            SourceFormat::Archive => "archive",
            SourceFormat::ResponsesCsv => "responses_csv",
        }
    }
}

/// One source's reports and responses, as read and before any matching.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceData {
    /// Its place among the `[[sources]]` of `config.toml`.
    pub entry: usize,
    /// The file, relative to the site root.
    pub file: PathBuf,
    pub format: SourceFormat,
    /// The `site` object of an `archive.json`.
    pub site: Option<SourceSite>,
    pub reports: Vec<SourceReport>,
    pub responses: Vec<SourceResponse>,
}

/// Whose archive a source is: `archive.json`'s `site`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceSite {
    pub title: String,
    pub organisation: String,
    pub force: Option<String>,
    pub base_url: String,
    pub language: String,
}

/// A report as a source gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceReport {
    /// Where it is: a CSV record's line; `None` in JSON (serde gives no position of a value
    /// read well).
    pub line: Option<usize>,
    /// Its slug on the office's own site (archives only).
    pub slug: Option<String>,
    pub title: String,
    pub published: Date,
    /// Archives only: a CSV does not say.
    pub report_type: Option<ReportType>,
    pub sector: Option<Sector>,
    /// The report's address on the HMICFRS website.
    pub url: Option<String>,
    /// The report's page on the office's site (archives only).
    pub page_url: Option<String>,
}

/// A response as a source gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceResponse {
    pub line: Option<usize>,
    /// The reports it answers, by their place in [`SourceData::reports`].
    pub reports: Vec<usize>,
    /// The date on the letter.
    pub date: Option<Date>,
    /// When it went online.
    pub published: Option<Date>,
    /// The response's page on the office's own site.
    pub page_url: String,
}

impl SourceData {
    /// Whether the office answers police reports: an archive with a force or a police report,
    /// and every office of a responses CSV (the form is for police and crime commissioners).
    pub fn is_police(&self) -> bool {
        match self.format {
            SourceFormat::ResponsesCsv => true,
            SourceFormat::Archive => {
                self.site.as_ref().is_some_and(|site| site.force.is_some())
                    || self
                        .reports
                        .iter()
                        .any(|report| report.sector == Some(Sector::Police))
            }
        }
    }
}

/// Reads every source `config.toml` names, in parallel. A source whose path is missing or
/// written twice is left to validation; every other problem is reported here, at the source's
/// file and line, or at its path in `config.toml` when the file cannot be read at all.
pub fn read_sources(
    root: &Path,
    config: &Path,
    entries: &[SourceEntry],
) -> (Vec<SourceData>, Vec<Diagnostic>) {
    let read: Vec<Result<SourceData, Vec<Diagnostic>>> = entries
        .par_iter()
        .enumerate()
        .filter_map(|(entry, source)| {
            let (format, path) = match (&source.archive, &source.responses_csv) {
                (Some(path), None) => (SourceFormat::Archive, path),
                (None, Some(path)) => (SourceFormat::ResponsesCsv, path),
                _ => return None,
            };
            let relative = Path::new(&path.value);
            let file = crate::source::read_national_source(root, relative).map_err(|why| {
                vec![
                    path.error(config, format!("the source file \"{}\" {why}", path.value))
                        .with_help(
                            "fetch the office's open data into the site's folder before the build \
                         (docs/national.md)",
                        ),
                ]
            });
            Some(file.and_then(|file| parse(entry, format, &file.path, &file.text)))
        })
        .collect();
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    for source in read {
        match source {
            Ok(source) => sources.push(source),
            Err(found) => problems.extend(found),
        }
    }
    (sources, problems)
}

/// Parses a source's text.
pub fn parse(
    entry: usize,
    format: SourceFormat,
    file: &Path,
    text: &str,
) -> Result<SourceData, Vec<Diagnostic>> {
    let (site, reports, responses) = match format {
        SourceFormat::Archive => archive_json::parse(file, text)?,
        SourceFormat::ResponsesCsv => responses_csv::parse(file, text)?,
    };
    Ok(SourceData {
        entry,
        file: file.to_path_buf(),
        format,
        site,
        reports,
        responses,
    })
}

/// Whether `text` is an absolute `http:` or `https:` address; `Err` says why not.
fn check_web_address(text: &str) -> Result<(), String> {
    match url::Url::parse(text) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host_str().is_some() => Ok(()),
        Ok(_) => Err(format!(
            "\"{text}\" is not a web address: it must start with https:// or http://"
        )),
        Err(error) => Err(format!("\"{text}\" is not a web address: {error}")),
    }
}

#[cfg(test)]
mod tests;
