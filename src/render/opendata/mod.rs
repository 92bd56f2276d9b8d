//! Open data: `data/archive.json` and the CSVs, exactly as the content model's contract gives them.

mod national;

use rayon::prelude::*;
use serde::Serialize;

use super::{Contents, OutputFile};
use crate::archive::{Archive, Response};
use crate::dates::{Date, Due};
use crate::diagnostic::Diagnostic;
use crate::indexes::Indexes;
use crate::routes::{DataFile, Route};
use crate::vocabulary::Vocabulary;

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
    /// The report's page, absolute: the record means something away from its site.
    page_url: String,
    deadline: Option<String>,
    /// The site's own response's status; `None` (null) for a report only a national site's
    /// sources list, which the site itself does not answer.
    response_status: Option<&'static str>,
    days_late: Option<i64>,
    days_left: Option<i64>,
    responses: Vec<&'a str>,
    grades: Vec<GradeJson<'a>>,
    findings: Vec<FindingJson<'a>>,
    /// A national site's only: each body expected to respond, and how it stands.
    #[serde(skip_serializing_if = "Option::is_none")]
    bodies: Option<Vec<national::ExpectedJson<'a>>>,
    /// Its title in each other language it is translated into (none on a site of one language).
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    translations: std::collections::BTreeMap<&'a str, TranslatedJson<'a>>,
}

/// A document's words in another language, as open data carries them.
#[derive(Serialize)]
struct TranslatedJson<'a> {
    title: Option<&'a str>,
}

#[derive(Serialize)]
struct GradeJson<'a> {
    area: &'a str,
    grade: &'static str,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    id: &'a str,
    kind: &'static str,
    applies: bool,
    due: Option<String>,
    due_as_written: Option<String>,
    status: &'a str,
    closed: bool,
    overdue: bool,
}

#[derive(Serialize)]
struct ResponseJson<'a> {
    /// `None` (null) for a response of a national site's source: it has no page here.
    slug: Option<&'a str>,
    reports: &'a [String],
    date: Option<String>,
    published: Option<String>,
    url: String,
    /// The response's page, absolute.
    page_url: String,
    /// A national site's only: the key of the body that responded, `Some(None)` (null) for a
    /// response of the national site's own `content/`.
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<Option<&'a str>>,
    /// Its title in each other language it is translated into (none on a site of one language).
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    translations: std::collections::BTreeMap<&'a str, TranslatedJson<'a>>,
}

/// `archive.json`'s `site`: whose archive it is and where it is published, so that a national
/// site (or anyone) reading the file elsewhere knows.
#[derive(Serialize)]
struct SiteJson<'a> {
    title: &'a str,
    organisation: &'a str,
    force: Option<&'a str>,
    base_url: &'a str,
    language: &'a str,
}

/// Each document's part of the open data files, serialised once. A build makes them all in
/// parallel and puts the files together; serve keeps them and remakes only the records of the
/// documents that changed.
#[derive(Clone, Debug, Default)]
pub struct OpenData {
    generated: Option<Date>,
    /// The `site` object, as it sits in `archive.json`.
    site: Vec<u8>,
    reports: Vec<ReportRecord>,
    responses: Vec<ResponseRecord>,
    /// A national site's `expected.csv` rows (one per report and body expected to answer
    /// it); `None` on an office's own site, whose files stay as they were.
    expected_csv: Option<Vec<u8>>,
}

/// A report's object in `archive.json` (indented as it sits there), its row of `reports.csv`,
/// its findings' rows of `findings.csv` and its grades' rows of `grades.csv`.
#[derive(Clone, Debug, Default)]
struct ReportRecord {
    json: Vec<u8>,
    csv: Vec<u8>,
    findings_csv: Vec<u8>,
    grades_csv: Vec<u8>,
}

/// A response's object in `archive.json` and its row of `responses.csv`.
#[derive(Clone, Debug, Default)]
struct ResponseRecord {
    json: Vec<u8>,
    csv: Vec<u8>,
}

/// Where an object of the `reports` and `responses` arrays starts: two levels in.
const RECORD_INDENT: &[u8] = b"    ";

impl OpenData {
    /// Every document's record, made in parallel.
    pub fn new(archive: &Archive, indexes: &Indexes) -> Result<OpenData, Diagnostic> {
        let national = national::NationalData::new(archive, indexes);
        let national = national.as_ref();
        let (reports, responses) = rayon::join(
            || {
                (0..archive.reports.len())
                    .into_par_iter()
                    .map(|index| report_record(archive, indexes, index, national))
                    .collect::<Result<Vec<_>, _>>()
            },
            || {
                archive
                    .responses
                    .par_iter()
                    .map(|response| response_record(archive, response, national))
                    .collect::<Result<Vec<_>, _>>()
            },
        );
        let (mut reports, mut responses) = (reports?, responses?);
        let mut expected_csv = None;
        if let Some(national) = national {
            reports.extend(national.report_records()?);
            responses.extend(national.response_records()?);
            expected_csv = Some(national.expected_rows()?);
        }
        Ok(OpenData {
            generated: Some(indexes.today),
            site: site_json(archive)?,
            reports,
            responses,
            expected_csv,
        })
    }

    /// The records of the archive after a change: the report now at `index` keeps the record
    /// last made for the one at `kept_report(index)`, a response likewise; the others are made
    /// again. A change of day remakes them all (findings fall overdue).
    pub fn updated(
        mut self,
        archive: &Archive,
        indexes: &Indexes,
        kept_report: impl Fn(usize) -> Option<usize>,
        kept_response: impl Fn(usize) -> Option<usize>,
    ) -> Result<OpenData, Diagnostic> {
        // A national site's records depend on its sources as well: all made again.
        if self.generated != Some(indexes.today) || archive.national.is_some() {
            return OpenData::new(archive, indexes);
        }
        let reports: Vec<Option<ReportRecord>> = (0..archive.reports.len())
            .map(|index| {
                let was = kept_report(index)?;
                self.reports.get_mut(was).map(std::mem::take)
            })
            .collect();
        let responses: Vec<Option<ResponseRecord>> = (0..archive.responses.len())
            .map(|index| {
                let was = kept_response(index)?;
                self.responses.get_mut(was).map(std::mem::take)
            })
            .collect();
        let (reports, responses) = rayon::join(
            || {
                reports
                    .into_par_iter()
                    .enumerate()
                    .map(|(index, kept)| match kept {
                        Some(record) => Ok(record),
                        None => report_record(archive, indexes, index, None),
                    })
                    .collect::<Result<Vec<_>, _>>()
            },
            || {
                responses
                    .into_par_iter()
                    .zip(&archive.responses)
                    .map(|(kept, response)| match kept {
                        Some(record) => Ok(record),
                        None => response_record(archive, response, None),
                    })
                    .collect::<Result<Vec<_>, _>>()
            },
        );
        Ok(OpenData {
            generated: self.generated,
            site: site_json(archive)?,
            reports: reports?,
            responses: responses?,
            expected_csv: None,
        })
    }

    /// `data/archive.json` and the four CSVs (and a national site's `expected.csv`), put
    /// together from the records, which are kept (serve's).
    pub fn files(&self) -> Result<Vec<OutputFile>, Diagnostic> {
        let files = self.clone().into_files()?;
        let joined = |file: OutputFile| OutputFile {
            contents: file.contents.joined(),
            ..file
        };
        Ok(files.into_iter().map(joined).collect())
    }

    /// The open data files, each made of the records moved in part by part rather than copied
    /// (a build's, which keeps no records): written part after part, the files are never held
    /// beside the records. `archive.json` is byte for byte what `serde_json::to_vec_pretty`
    /// makes of the whole (tested).
    pub fn into_files(self) -> Result<Vec<OutputFile>, Diagnostic> {
        let generated = self.generated.map(Date::iso).unwrap_or_default();
        let mut json = Parts::default();
        json.push_static(b"{\n  \"generated\": ");
        json.push(serde_json::to_vec(&generated).map_err(|e| internal(&e.to_string()))?);
        json.push_static(b",\n  \"site\": ");
        json.push(self.site);
        json.push_static(b",\n  \"reports\": ");
        let (mut reports, mut findings, mut grades) = (
            Parts::csv(&REPORT_COLUMNS)?,
            Parts::csv(&FINDING_COLUMNS)?,
            Parts::csv(&GRADE_COLUMNS)?,
        );
        let mut responses = match self.expected_csv {
            Some(_) => Parts::csv(&national::RESPONSE_COLUMNS)?,
            None => Parts::csv(&RESPONSE_COLUMNS)?,
        };
        json.array(self.reports.into_iter().map(|record| {
            reports.push(record.csv);
            findings.push(record.findings_csv);
            grades.push(record.grades_csv);
            record.json
        }));
        json.push_static(b",\n  \"responses\": ");
        json.array(self.responses.into_iter().map(|record| {
            responses.push(record.csv);
            record.json
        }));
        json.push_static(b"\n}\n");
        let mut files = vec![
            json.file(DataFile::ArchiveJson),
            reports.file(DataFile::ReportsCsv),
            responses.file(DataFile::ResponsesCsv),
            findings.file(DataFile::FindingsCsv),
            grades.file(DataFile::GradesCsv),
        ];
        if let Some(rows) = self.expected_csv {
            let mut expected = Parts::csv(&national::EXPECTED_COLUMNS)?;
            expected.push(rows);
            files.push(expected.file(DataFile::ExpectedCsv));
        }
        Ok(files)
    }
}

fn site_json(archive: &Archive) -> Result<Vec<u8>, Diagnostic> {
    let config = &archive.config;
    let site = SiteJson {
        title: &config.title,
        organisation: &config.organisation,
        force: config.force.as_deref(),
        base_url: &config.base_url,
        language: &config.language,
    };
    let mut json = json_record(&site, b"  ")?;
    json.drain(..2);
    Ok(json)
}

/// A file's parts, in order ([`Contents::Parts`]).
#[derive(Default)]
struct Parts(Vec<std::borrow::Cow<'static, [u8]>>);

impl Parts {
    /// A CSV file's parts, starting with its header.
    fn csv(header: &[&str]) -> Result<Parts, Diagnostic> {
        let mut parts = Parts::default();
        parts.push(csv_header(header)?);
        Ok(parts)
    }

    fn push(&mut self, part: Vec<u8>) {
        if !part.is_empty() {
            self.0.push(std::borrow::Cow::Owned(part));
        }
    }

    fn push_static(&mut self, part: &'static [u8]) {
        self.0.push(std::borrow::Cow::Borrowed(part));
    }

    /// An array of the top-level object, as serde_json's pretty printer lays it out, of
    /// records moved in.
    fn array(&mut self, records: impl Iterator<Item = Vec<u8>>) {
        let mut records = records.peekable();
        if records.peek().is_none() {
            self.push_static(b"[]");
            return;
        }
        self.push_static(b"[\n");
        for (position, record) in records.enumerate() {
            if position > 0 {
                self.push_static(b",\n");
            }
            self.push(record);
        }
        self.push_static(b"\n  ]");
    }

    fn file(self, data: DataFile) -> OutputFile {
        OutputFile {
            path: Route::Data(data).output_path(),
            contents: Contents::Parts(self.0),
        }
    }
}

/// `record` as pretty JSON, every line indented by `indent`.
fn json_record(record: &impl Serialize, indent: &[u8]) -> Result<Vec<u8>, Diagnostic> {
    let pretty = serde_json::to_vec_pretty(record).map_err(|e| internal(&e.to_string()))?;
    let lines = pretty.iter().filter(|&&b| b == b'\n').count() + 1;
    let mut text = Vec::with_capacity(pretty.len() + lines * indent.len());
    // JSON strings escape their line breaks: every b'\n' ends a line.
    for (position, line) in pretty.split(|&b| b == b'\n').enumerate() {
        if position > 0 {
            text.push(b'\n');
        }
        text.extend_from_slice(indent);
        text.extend_from_slice(line);
    }
    Ok(text)
}

/// The titles of a document's translations, by language.
fn translated<'a>(
    archive: &'a Archive,
    kind: crate::source::SourceKind,
    slug: &str,
) -> std::collections::BTreeMap<&'a str, TranslatedJson<'a>> {
    let key = (kind, slug.to_string());
    (archive.translations.languages.iter())
        .filter_map(|(code, words)| {
            let words = words.documents.get(&key)?;
            Some((
                code.as_str(),
                TranslatedJson {
                    title: words.title.as_deref(),
                },
            ))
        })
        .collect()
}

fn report_record(
    archive: &Archive,
    indexes: &Indexes,
    index: usize,
    national: Option<&national::NationalData<'_>>,
) -> Result<ReportRecord, Diagnostic> {
    let report = &archive.reports[index];
    let timing = &indexes.timeliness[index];
    let words = &archive.config.statuses;
    let json = ReportJson {
        slug: &report.slug,
        title: &report.title,
        published: report.published.iso(),
        report_type: report.report_type.word(),
        sector: report.sector.word(),
        themes: &report.themes,
        url: report.url.as_deref(),
        page_url: archive
            .config
            .address()
            .absolute(Route::Report(&report.slug)),
        deadline: timing.deadline.map(|d| d.iso()),
        response_status: Some(timing.status.code()),
        days_late: timing.status.days_late(),
        days_left: timing.status.days_left(),
        responses: indexes.responses_of[index]
            .iter()
            .map(|&i| archive.response_at(i).slug.as_str())
            .collect(),
        grades: report
            .grades
            .iter()
            .map(|grade| GradeJson {
                area: &grade.area,
                grade: grade.grade.word(),
            })
            .collect(),
        findings: report
            .findings
            .iter()
            .map(|finding| FindingJson {
                id: &finding.id,
                kind: finding.kind.word(),
                applies: finding.applies,
                due: finding.due.map(|d| d.iso()),
                due_as_written: finding.due_as_written.as_ref().map(Due::as_written),
                status: &words.get(finding.current_status(words)).key,
                closed: words.get(finding.current_status(words)).closed,
                overdue: finding.is_overdue(indexes.today, words),
            })
            .collect(),
        bodies: national.map(|national| national.bodies_of_own(&report.slug)),
        translations: translated(archive, crate::source::SourceKind::Report, &report.slug),
    };
    Ok(ReportRecord {
        csv: csv_rows(std::iter::once(report_row(&json)))?,
        findings_csv: csv_rows(json.findings.iter().map(|f| finding_row(&json, f)))?,
        grades_csv: csv_rows(json.grades.iter().map(|g| grade_row(&json, g)))?,
        json: json_record(&json, RECORD_INDENT)?,
    })
}

fn response_record(
    archive: &Archive,
    response: &Response,
    national: Option<&national::NationalData<'_>>,
) -> Result<ResponseRecord, Diagnostic> {
    let json = ResponseJson {
        slug: Some(&response.slug),
        reports: &response.reports,
        date: response.date.map(|d| d.iso()),
        published: response.published.map(|d| d.iso()),
        url: format!("{}responses/{}/", archive.config.base_path, response.slug),
        page_url: archive
            .config
            .address()
            .absolute(Route::Response(&response.slug)),
        body: national.map(|_| None),
        translations: translated(archive, crate::source::SourceKind::Response, &response.slug),
    };
    Ok(ResponseRecord {
        csv: csv_rows(std::iter::once(response_row(&json)))?,
        json: json_record(&json, RECORD_INDENT)?,
    })
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

const REPORT_COLUMNS: [&str; 12] = [
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

const RESPONSE_COLUMNS: [&str; 5] = ["slug", "reports", "date", "published", "url"];

/// `due_as_written` and `closed` came later than the others, so they are last: columns only ever
/// join at the end.
const FINDING_COLUMNS: [&str; 9] = [
    "report",
    "id",
    "kind",
    "applies",
    "due",
    "status",
    "overdue",
    "due_as_written",
    "closed",
];

const GRADE_COLUMNS: [&str; 4] = ["report", "published", "area", "grade"];

/// Rows as CSV, each ended by a line break.
fn csv_rows(rows: impl IntoIterator<Item = Vec<String>>) -> Result<Vec<u8>, Diagnostic> {
    let mut writer = csv::WriterBuilder::new()
        .buffer_capacity(1024)
        .from_writer(Vec::new());
    for row in rows {
        writer
            .write_record(&row)
            .map_err(|e| internal(&e.to_string()))?;
    }
    writer.into_inner().map_err(|e| internal(&e.to_string()))
}

/// A CSV file's header row.
fn csv_header(header: &[&str]) -> Result<Vec<u8>, Diagnostic> {
    csv_rows(std::iter::once(
        header.iter().map(|c| c.to_string()).collect(),
    ))
}

fn report_row(r: &ReportJson<'_>) -> Vec<String> {
    vec![
        text_cell(r.slug),
        text_cell(r.title),
        r.published.clone(),
        r.report_type.into(),
        r.sector.into(),
        text_cell(&r.themes.join(";")),
        text_cell(r.url.unwrap_or("")),
        optional(&r.deadline),
        r.response_status.unwrap_or_default().into(),
        optional(&r.days_late),
        optional(&r.days_left),
        text_cell(&r.responses.join(";")),
    ]
}

fn response_row(r: &ResponseJson<'_>) -> Vec<String> {
    let mut row = vec![
        text_cell(r.slug.unwrap_or_default()),
        text_cell(&r.reports.join(";")),
        optional(&r.date),
        optional(&r.published),
        text_cell(&r.url),
    ];
    // A national site's responses.csv has the body last.
    if let Some(body) = r.body {
        row.push(text_cell(body.unwrap_or_default()));
    }
    row
}

fn finding_row(r: &ReportJson<'_>, f: &FindingJson<'_>) -> Vec<String> {
    vec![
        text_cell(r.slug),
        text_cell(f.id),
        f.kind.into(),
        f.applies.to_string(),
        optional(&f.due),
        text_cell(f.status),
        f.overdue.to_string(),
        text_cell(f.due_as_written.as_deref().unwrap_or("")),
        f.closed.to_string(),
    ]
}

fn grade_row(r: &ReportJson<'_>, g: &GradeJson<'_>) -> Vec<String> {
    vec![
        text_cell(r.slug),
        r.published.clone(),
        text_cell(g.area),
        g.grade.into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Whole {
        generated: &'static str,
        site: serde_json::Value,
        reports: Vec<serde_json::Value>,
        responses: Vec<serde_json::Value>,
    }

    /// What serde_json makes of the whole, against the records put together.
    fn same_as_serde(whole: Whole) {
        let mut expected = serde_json::to_vec_pretty(&whole).expect("json");
        expected.push(b'\n');
        let records = |values: &[serde_json::Value]| -> Vec<Vec<u8>> {
            values
                .iter()
                .map(|v| json_record(v, RECORD_INDENT).expect("a record"))
                .collect()
        };
        let mut site = json_record(&whole.site, b"  ").expect("site");
        site.drain(..2);
        let open_data = OpenData {
            generated: Some(Date::constant(2025, 1, 1)),
            site,
            reports: records(&whole.reports)
                .into_iter()
                .map(|json| ReportRecord {
                    json,
                    ..ReportRecord::default()
                })
                .collect(),
            responses: records(&whole.responses)
                .into_iter()
                .map(|json| ResponseRecord {
                    json,
                    ..ResponseRecord::default()
                })
                .collect(),
            expected_csv: None,
        };
        let files = open_data.into_files().expect("the files");
        let Contents::Parts(parts) = &files[0].contents else {
            panic!("archive.json is written in parts");
        };
        assert_eq!(
            files[0].path,
            Route::Data(DataFile::ArchiveJson).output_path()
        );
        let made = parts.concat();
        assert_eq!(
            String::from_utf8_lossy(&made),
            String::from_utf8_lossy(&expected)
        );
    }

    #[test]
    fn archive_json_from_records_is_what_serde_json_makes_of_the_whole() {
        let report = serde_json::json!({
            "slug": "a", "title": "Line\nbreak \"quoted\"", "themes": ["x", "y"],
            "responses": [], "findings": [
                {"id": "R1", "due": null, "due_as_written": null, "overdue": true},
                {"id": "R2", "due": "2024-02-29", "due_as_written": "6 months", "overdue": false},
            ],
        });
        let response = serde_json::json!({"slug": "r", "reports": ["a"], "date": "2024-01-02"});
        let site = serde_json::json!({"title": "T <&>", "organisation": "O", "force": null,
            "base_url": "https://example.org/x/", "language": "en-GB"});
        same_as_serde(Whole {
            generated: "2025-01-01",
            site: site.clone(),
            reports: vec![report.clone(), report],
            responses: vec![response],
        });
        same_as_serde(Whole {
            generated: "2025-01-01",
            site,
            reports: Vec::new(),
            responses: Vec::new(),
        });
    }

    #[test]
    fn formula_cells_are_defused() {
        assert_eq!(text_cell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(text_cell("-1"), "'-1");
        assert_eq!(text_cell("Roads policing"), "Roads policing");
    }
}
