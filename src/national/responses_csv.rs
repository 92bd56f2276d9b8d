//! A source that is a CSV of responses, for an office that does not use scrutiny: one row per
//! response, with the report it answers. Every problem is reported at its record's line.

use std::path::Path;

use super::{SourceReport, SourceResponse, SourceSite, check_web_address};
use crate::dates::Date;
use crate::diagnostic::{Diagnostic, Position};

/// The columns, in this order.
pub const COLUMNS: [&str; 5] = [
    "report_url",
    "report_title",
    "report_published",
    "response_date",
    "response_url",
];

type Parsed = (Option<SourceSite>, Vec<SourceReport>, Vec<SourceResponse>);

/// Reads a responses CSV: every record's problems, or its reports (one per row) and responses.
pub(super) fn parse(file: &Path, text: &str) -> Result<Parsed, Vec<Diagnostic>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let at_line = |line: u64, message: String, help: &str| {
        let line = usize::try_from(line).unwrap_or(usize::MAX);
        Diagnostic::error(file, message)
            .at(Position { line, column: 1 })
            .with_help(help.to_string())
    };
    let header_help = format!("the first line must be: {}", COLUMNS.join(","));
    match reader.headers() {
        Ok(header) if header.iter().eq(COLUMNS) => {}
        Ok(header) => {
            let found: Vec<&str> = header.iter().collect();
            let message = format!(
                "this responses CSV has the columns {}, not the five a source needs",
                found.join(",")
            );
            return Err(vec![at_line(1, message, &header_help)]);
        }
        Err(error) => return Err(vec![csv_error(file, &error, &header_help)]),
    }
    let mut reports = Vec::new();
    let mut responses = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                problems.push(csv_error(file, &error, "each row needs five cells"));
                continue;
            }
        };
        let line = record.position().map_or(0, csv::Position::line);
        let cell = |at: usize| record.get(at).unwrap_or("").trim();
        let mut row_problems = Vec::new();
        let mut date = |at: usize| match Date::parse_iso(cell(at)) {
            Ok(date) => Some(date),
            Err(error) => {
                let message = format!("`{}`: bad date \"{}\": {error}", COLUMNS[at], cell(at));
                row_problems.push(at_line(line, message, "write dates as YYYY-MM-DD"));
                None
            }
        };
        let (published, answered) = (date(2), date(3));
        let mut address = |at: usize, required: bool| {
            let text = cell(at);
            if text.is_empty() && !required {
                return None;
            }
            match check_web_address(text) {
                Ok(()) => Some(text.to_string()),
                Err(why) => {
                    let message = format!("`{}`: {why}", COLUMNS[at]);
                    let help = "write the page's full address, starting https://";
                    row_problems.push(at_line(line, message, help));
                    None
                }
            }
        };
        let report_url = address(0, false);
        let response_url = address(4, true);
        if cell(1).is_empty() {
            let message = "`report_title` is empty".to_string();
            row_problems.push(at_line(line, message, "write the report's title"));
        }
        let (Some(published), Some(answered), Some(response_url), true) =
            (published, answered, response_url, row_problems.is_empty())
        else {
            problems.extend(row_problems);
            continue;
        };
        let line = usize::try_from(line).ok();
        responses.push(SourceResponse {
            line,
            reports: vec![reports.len()],
            date: Some(answered),
            published: None,
            page_url: response_url,
        });
        reports.push(SourceReport {
            line,
            slug: None,
            title: cell(1).to_string(),
            published,
            report_type: None,
            sector: None,
            url: report_url,
            page_url: None,
        });
    }
    match problems.is_empty() {
        true => Ok((None, reports, responses)),
        false => Err(problems),
    }
}

/// A record the CSV reader could not read (a row of the wrong length, a broken quote).
fn csv_error(file: &Path, error: &csv::Error, help: &str) -> Diagnostic {
    let line = error.position().map_or(1, csv::Position::line);
    let message = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("this row has {len} cells; a responses CSV has {expected_len}"),
        _ => format!("this responses CSV cannot be read: {error}"),
    };
    Diagnostic::error(file, message)
        .at(Position {
            line: usize::try_from(line).unwrap_or(1),
            column: 1,
        })
        .with_help(help.to_string())
}
