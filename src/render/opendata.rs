//! Open data: `data/archive.json` and the CSVs, exactly as the content model's contract gives them.

use serde::Serialize;

use super::{Contents, OutputFile};
use crate::archive::Archive;
use crate::diagnostic::Diagnostic;
use crate::frontmatter::Vocabulary;
use crate::indexes::Indexes;

#[derive(Serialize)]
struct ArchiveJson<'a> {
    generated: String,
    reports: Vec<ReportJson<'a>>,
    responses: Vec<ResponseJson<'a>>,
}

#[derive(Serialize)]
struct ReportJson<'a> {
    slug: &'a str,
    title: &'a str,
    published: String,
    #[serde(rename = "type")]
    report_type: &'static str,
    sector: &'static str,
    themes: &'a [String],
    url: Option<&'a str>,
    deadline: Option<String>,
    response_status: &'static str,
    days_late: Option<i64>,
    days_left: Option<i64>,
    responses: Vec<&'a str>,
    findings: Vec<FindingJson<'a>>,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    id: &'a str,
    kind: &'static str,
    applies: bool,
    due: Option<String>,
    status: &'static str,
    overdue: bool,
}

#[derive(Serialize)]
struct ResponseJson<'a> {
    slug: &'a str,
    reports: &'a [String],
    date: Option<String>,
    published: Option<String>,
    url: String,
}

fn archive_json<'a>(archive: &'a Archive, indexes: &Indexes) -> ArchiveJson<'a> {
    let reports = archive
        .reports
        .iter()
        .enumerate()
        .map(|(index, report)| {
            let timing = &indexes.timeliness[index];
            ReportJson {
                slug: &report.slug,
                title: &report.title,
                published: report.published.iso(),
                report_type: report.report_type.word(),
                sector: report.sector.word(),
                themes: &report.themes,
                url: report.url.as_deref(),
                deadline: timing.deadline.map(|d| d.iso()),
                response_status: timing.status.code(),
                days_late: timing.status.days_late(),
                days_left: timing.status.days_left(),
                responses: indexes.responses_of[index]
                    .iter()
                    .map(|&i| archive.responses[i].slug.as_str())
                    .collect(),
                findings: report
                    .findings
                    .iter()
                    .map(|finding| FindingJson {
                        id: &finding.id,
                        kind: finding.kind.word(),
                        applies: finding.applies,
                        due: finding.due.map(|d| d.iso()),
                        status: finding.current_status().word(),
                        overdue: finding.is_overdue(indexes.today),
                    })
                    .collect(),
            }
        })
        .collect();
    let responses = archive
        .responses
        .iter()
        .map(|response| ResponseJson {
            slug: &response.slug,
            reports: &response.reports,
            date: response.date.map(|d| d.iso()),
            published: response.published.map(|d| d.iso()),
            url: format!("{}responses/{}/", archive.config.base_path, response.slug),
        })
        .collect();
    ArchiveJson {
        generated: indexes.today.iso(),
        reports,
        responses,
    }
}

pub fn open_data(archive: &Archive, indexes: &Indexes) -> Result<Vec<OutputFile>, Diagnostic> {
    let json = archive_json(archive, indexes);
    // The four files are independent: made in parallel (serve remakes them on a date edit).
    let ((text, reports), (responses, findings)) = rayon::join(
        || {
            rayon::join(
                || {
                    let mut text =
                        serde_json::to_vec_pretty(&json).map_err(|e| internal(&e.to_string()))?;
                    text.push(b'\n');
                    Ok::<_, Diagnostic>(text)
                },
                || reports_csv(&json),
            )
        },
        || rayon::join(|| responses_csv(&json), || findings_csv(&json)),
    );
    Ok(vec![
        file("data/archive.json", text?),
        file("data/reports.csv", reports?),
        file("data/responses.csv", responses?),
        file("data/findings.csv", findings?),
    ])
}

fn file(path: &str, bytes: Vec<u8>) -> OutputFile {
    OutputFile {
        path: path.into(),
        contents: Contents::Bytes(bytes),
    }
}

fn internal(message: &str) -> Diagnostic {
    Diagnostic::error(
        "public/data",
        format!("could not write open data: {message}"),
    )
}

/// A text cell, defused against spreadsheet formula injection (a leading `=`, `+`, `-`, `@`).
fn text_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn optional<T: ToString>(value: &Option<T>) -> String {
    value.as_ref().map(ToString::to_string).unwrap_or_default()
}

fn write_csv(header: &[&str], rows: Vec<Vec<String>>) -> Result<Vec<u8>, Diagnostic> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(header)
        .map_err(|e| internal(&e.to_string()))?;
    for row in rows {
        writer
            .write_record(&row)
            .map_err(|e| internal(&e.to_string()))?;
    }
    writer.into_inner().map_err(|e| internal(&e.to_string()))
}

fn reports_csv(json: &ArchiveJson<'_>) -> Result<Vec<u8>, Diagnostic> {
    let header = [
        "slug",
        "title",
        "published",
        "type",
        "sector",
        "themes",
        "url",
        "deadline",
        "response_status",
        "days_late",
        "days_left",
        "responses",
    ];
    let rows = json
        .reports
        .iter()
        .map(|r| {
            vec![
                text_cell(r.slug),
                text_cell(r.title),
                r.published.clone(),
                r.report_type.into(),
                r.sector.into(),
                text_cell(&r.themes.join(";")),
                text_cell(r.url.unwrap_or("")),
                optional(&r.deadline),
                r.response_status.into(),
                optional(&r.days_late),
                optional(&r.days_left),
                text_cell(&r.responses.join(";")),
            ]
        })
        .collect();
    write_csv(&header, rows)
}

fn responses_csv(json: &ArchiveJson<'_>) -> Result<Vec<u8>, Diagnostic> {
    let header = ["slug", "reports", "date", "published", "url"];
    let rows = json
        .responses
        .iter()
        .map(|r| {
            vec![
                text_cell(r.slug),
                text_cell(&r.reports.join(";")),
                optional(&r.date),
                optional(&r.published),
                text_cell(&r.url),
            ]
        })
        .collect();
    write_csv(&header, rows)
}

fn findings_csv(json: &ArchiveJson<'_>) -> Result<Vec<u8>, Diagnostic> {
    let header = [
        "report", "id", "kind", "applies", "due", "status", "overdue",
    ];
    let rows = json
        .reports
        .iter()
        .flat_map(|r| {
            r.findings.iter().map(|f| {
                vec![
                    text_cell(r.slug),
                    text_cell(f.id),
                    f.kind.into(),
                    f.applies.to_string(),
                    optional(&f.due),
                    f.status.into(),
                    f.overdue.to_string(),
                ]
            })
        })
        .collect();
    write_csv(&header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_defused() {
        assert_eq!(text_cell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(text_cell("-1"), "'-1");
        assert_eq!(text_cell("Roads policing"), "Roads policing");
    }
}
