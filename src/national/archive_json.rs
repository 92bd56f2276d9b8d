//! A source that is another scrutiny site's `archive.json`: read with serde, every date, word
//! and address checked as it is read, so that a bad one is reported at its line and column.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, Deserializer};

use super::{SourceReport, SourceResponse, SourceSite, check_web_address};
use crate::dates::Date;
use crate::diagnostic::{Diagnostic, Position};
use crate::vocabulary::{ReportType, Sector, Vocabulary};

/// What a national site reads of `archive.json`; the other fields (findings, statuses worked
/// out on the office's own "today") are skipped.
#[derive(Deserialize)]
struct ArchiveFile {
    site: SiteFile,
    reports: Vec<ReportFile>,
    responses: Vec<ResponseFile>,
}

#[derive(Deserialize)]
struct SiteFile {
    title: String,
    organisation: String,
    force: Option<String>,
    base_url: WebAddress,
    language: String,
}

#[derive(Deserialize)]
struct ReportFile {
    slug: String,
    title: String,
    published: IsoDate,
    #[serde(rename = "type")]
    report_type: Word<ReportType>,
    sector: Word<Sector>,
    url: Option<WebAddress>,
    page_url: WebAddress,
}

#[derive(Deserialize)]
struct ResponseFile {
    slug: String,
    reports: Vec<String>,
    date: Option<IsoDate>,
    published: Option<IsoDate>,
    page_url: WebAddress,
}

/// A `YYYY-MM-DD` date.
struct IsoDate(Date);

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<IsoDate, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse_iso(&text)
            .map(IsoDate)
            .map_err(|error| de::Error::custom(format!("bad date \"{text}\": {error}")))
    }
}

/// An absolute `http:` or `https:` address.
struct WebAddress(String);

impl<'de> Deserialize<'de> for WebAddress {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<WebAddress, D::Error> {
        let text = String::deserialize(deserializer)?;
        check_web_address(&text).map_err(de::Error::custom)?;
        Ok(WebAddress(text))
    }
}

/// A word of the vocabulary (`"national-thematic"`).
struct Word<V>(V);

impl<'de, V: Vocabulary> Deserialize<'de> for Word<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Word<V>, D::Error> {
        let text = String::deserialize(deserializer)?;
        V::WORDS
            .iter()
            .find(|(word, _)| *word == text)
            .map(|&(_, value)| Word(value))
            .ok_or_else(|| {
                let words: Vec<&str> = V::WORDS.iter().map(|(word, _)| *word).collect();
                de::Error::custom(format!(
                    "unknown word \"{text}\", expected one of {}",
                    words.join(", ")
                ))
            })
    }
}

type Parsed = (Option<SourceSite>, Vec<SourceReport>, Vec<SourceResponse>);

/// Reads an `archive.json`.
pub(super) fn parse(file: &Path, text: &str) -> Result<Parsed, Vec<Diagnostic>> {
    let archive: ArchiveFile = serde_json::from_str(text).map_err(|error| {
        let position = Position {
            line: error.line().max(1),
            column: error.column().max(1),
        };
        let suffix = format!(" at line {} column {}", error.line(), error.column());
        let message = error.to_string();
        let message = message.strip_suffix(&suffix).unwrap_or(&message);
        vec![
            Diagnostic::error(
                file,
                format!("this source is not a usable archive.json: {message}"),
            )
            .at(position)
            .with_help(
                "a source must be the data/archive.json a scrutiny site publishes, as it \
                     publishes it (sites built before it carried `site` and `page_url` must be \
                     built again)",
            ),
        ]
    })?;
    let ArchiveFile {
        site,
        reports,
        responses,
    } = archive;
    let index: HashMap<&str, usize> = reports
        .iter()
        .enumerate()
        .map(|(at, report)| (report.slug.as_str(), at))
        .collect();
    let mut problems = Vec::new();
    let responses: Vec<SourceResponse> = responses
        .into_iter()
        .filter_map(|response| {
            let mut answered = Vec::with_capacity(response.reports.len());
            for slug in &response.reports {
                match index.get(slug.as_str()) {
                    Some(&at) => answered.push(at),
                    None => problems.push(
                        Diagnostic::error(
                            file,
                            format!(
                                "the response \"{}\" answers the report \"{slug}\", which is not \
                                 in this archive",
                                response.slug
                            ),
                        )
                        .with_help("fetch the office's archive.json again, whole"),
                    ),
                }
            }
            (!answered.is_empty()).then(|| SourceResponse {
                line: None,
                reports: answered,
                date: response.date.map(|d| d.0),
                published: response.published.map(|d| d.0),
                page_url: response.page_url.0,
            })
        })
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    let reports = reports
        .into_iter()
        .map(|report| SourceReport {
            line: None,
            slug: Some(report.slug),
            title: report.title,
            published: report.published.0,
            report_type: Some(report.report_type.0),
            sector: Some(report.sector.0),
            url: report.url.map(|u| u.0),
            page_url: Some(report.page_url.0),
        })
        .collect();
    let site = SourceSite {
        title: site.title,
        organisation: site.organisation,
        force: site.force,
        base_url: site.base_url.0,
        language: site.language,
    };
    Ok((Some(site), reports, responses))
}
