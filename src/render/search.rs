//! Search: builds a Pagefind index of reports, responses and findings in-process, as static
//! files under `pagefind/`. No Node or other program runs at build time.

use std::collections::BTreeMap;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::views::ViewBuilder;
use super::{Contents, OutputFile};
use crate::archive::Archive;
use crate::diagnostic::Diagnostic;
use crate::indexes::Indexes;
use crate::markdown::markdown_to_text;

/// One thing people can find, with what the results list shows about it.
struct Record {
    url: String,
    content: String,
    title: String,
    kind: String,
    date: Option<String>,
    status: Option<String>,
    /// The CSS tag class suffix for the status (`late`, `finding-open`).
    status_code: Option<String>,
}

fn records(archive: &Archive, indexes: &Indexes) -> Result<Vec<Record>, Diagnostic> {
    let views = ViewBuilder::new(archive, indexes);
    let mut records = Vec::new();
    for (index, report) in archive.reports.iter().enumerate() {
        let card = views.report_card(index);
        let findings: Vec<&str> = report.findings.iter().map(|f| f.text.as_str()).collect();
        records.push(Record {
            url: card.url.clone(),
            content: format!(
                "{}. {} {} {}",
                report.title,
                report.summary.as_deref().unwrap_or(""),
                markdown_to_text(&report.body.text()?),
                findings.join(" ")
            ),
            title: report.title.clone(),
            kind: report.report_type.label().into(),
            date: Some(format!("Published {}", report.published.long())),
            status: Some(card.status.label.clone()),
            status_code: Some(card.status.code.into()),
        });
        for finding in &report.findings {
            let view = views.finding(index, finding, String::new());
            records.push(Record {
                url: view.url,
                content: format!(
                    "{} {}. {} {}",
                    finding.kind.label(),
                    finding.id,
                    finding.text,
                    report.title
                ),
                title: format!("{} {}: {}", finding.kind.label(), finding.id, report.title),
                kind: finding.kind.label().into(),
                date: finding.due.map(|due| format!("Due {}", due.long())),
                status: Some(if view.overdue {
                    format!("{} (overdue)", view.status)
                } else {
                    view.status.into()
                }),
                status_code: Some(if view.overdue {
                    "overdue".into()
                } else {
                    format!("finding-{}", view.status_code)
                }),
            });
        }
    }
    for (index, response) in archive.responses.iter().enumerate() {
        let card = views.response_card(index);
        records.push(Record {
            url: card.url,
            content: format!(
                "{}. {}",
                card.title,
                markdown_to_text(&response.body.text()?)
            ),
            title: card.title,
            kind: "Response".into(),
            date: Some(match response.counting_date() {
                Some(date) => format!("Dated {}", date.long()),
                None => "Date unknown".into(),
            }),
            status: None,
            status_code: None,
        });
    }
    Ok(records)
}

/// The Pagefind bundle for the archive, as files under `pagefind/`.
pub fn search_index(archive: &Archive, indexes: &Indexes) -> Result<Vec<OutputFile>, Diagnostic> {
    let records = records(archive, indexes)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| failure(&e.to_string()))?;
    let language = archive
        .config
        .language
        .split('-')
        .next()
        .unwrap_or("en")
        .to_lowercase();
    runtime.block_on(async move {
        let config = PagefindServiceConfig::builder()
            .force_language(language.clone())
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| failure(&e.to_string()))?;
        for record in records {
            let mut meta = BTreeMap::from([
                ("title".to_string(), record.title),
                ("kind".to_string(), record.kind),
            ]);
            meta.extend(record.date.map(|date| ("date".to_string(), date)));
            meta.extend(record.status.map(|status| ("status".to_string(), status)));
            meta.extend(
                record
                    .status_code
                    .map(|code| ("status_code".to_string(), code)),
            );
            index
                .add_custom_record(
                    record.url,
                    record.content,
                    language.clone(),
                    Some(meta),
                    None,
                    None,
                )
                .await
                .map_err(|e| failure(&e.to_string()))?;
        }
        let files = index
            .get_files()
            .await
            .map_err(|e| failure(&e.to_string()))?;
        Ok(files
            .into_iter()
            .filter(|file| !is_unused_ui(&file.filename))
            .map(|file| OutputFile {
                path: format!("pagefind/{}", crate::diagnostic::slash_path(&file.filename)),
                contents: Contents::Bytes(file.contents),
            })
            .collect())
    })
}

/// Pagefind's own search interfaces: the theme has its own (`assets/search.js`).
fn is_unused_ui(filename: &std::path::Path) -> bool {
    let name = filename.to_string_lossy();
    name.contains("-ui.") || name.starts_with("pagefind-highlight")
}

fn failure(message: &str) -> Diagnostic {
    Diagnostic::error(
        "public/pagefind",
        format!("could not build the search index: {message}"),
    )
}
