//! Search: builds the index that the theme's `assets/search.js` queries in the browser, as
//! static files under `search/index/` (format in [`index`]). One document per report (title,
//! summary, body and findings), per finding (linking to its anchor on the report page) and per
//! response, and on a national site per report only its sources list, indexed on all cores; no
//! Node or other program runs at build time.

mod index;

use rayon::prelude::*;
use serde::Serialize;

use super::views::{PageLanguage, ViewBuilder};
use super::words::Words;
use super::{Contents, OutputFile};
use crate::archive::{Archive, ReportId, ResponseId};
use crate::diagnostic::Diagnostic;
use crate::indexes::Indexes;
use index::{Builder, DOCS_PER_CHUNK, Stemming};
use pulldown_cmark::{Event, Options, Parser};

/// Where the index goes in the site; the search page is given its URL.
pub const FOLDER: &str = crate::routes::SEARCH_INDEX_FOLDER;
/// Characters of text a result shows under its title.
const EXCERPT: usize = 240;

/// What the results list shows about one document.
#[derive(Serialize)]
struct Document {
    url: String,
    title: String,
    kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<String>,
    /// The CSS tag class suffix for the status (`late`, `finding-open`).
    #[serde(skip_serializing_if = "Option::is_none")]
    status_code: Option<String>,
    excerpt: String,
}

/// The messages of search.js's status line, by the name it asks for them by, and their keys.
const STATUS_WORDS: [(&str, &str); 6] = [
    ("searching", "program.search_status.searching"),
    ("none", "program.search_status.none"),
    ("results", "program.search_status.results"),
    ("results_first", "program.search_status.results_first"),
    ("at_least", "program.search_status.at_least"),
    ("unavailable", "program.search_status.unavailable"),
];

/// The words search.js prints in its status line, in the views' language, as JSON for the
/// search page's `data-words`: each message as written (`{query}`, `{count}`, `{shown}` for
/// the script to fill in) by plural category, and `plural`, the category of each count below
/// [`super::words::SMALL_COUNTS`] (every larger one is `other`), so that the script chooses
/// the form a page would.
pub(super) fn status_words(views: &ViewBuilder<'_>) -> String {
    let mut messages = serde_json::Map::new();
    for (name, key) in STATUS_WORDS {
        let forms: serde_json::Map<String, serde_json::Value> = (views.forms(key).into_iter())
            .map(|(category, words)| (category.to_string(), words.into()))
            .collect();
        messages.insert(name.to_string(), forms.into());
    }
    let plural = super::words::small_count_categories(views.language.code);
    messages.insert("plural".to_string(), plural.into());
    serde_json::Value::Object(messages).to_string()
}

/// What is indexed, in document order: a report and then its findings, or a response.
#[derive(Clone, Copy)]
enum Unit {
    Report(ReportId),
    Response(ResponseId),
    /// A report of a national site's sources with no report of the site's own at its slug, by
    /// place in `National::reports`.
    NationalReport(usize),
}

/// The search index of `language`'s pages, as files under [`FOLDER`] (in its folder, for a
/// language other than the main one), its words stemmed for the language or found by prefix;
/// the results' labels in the theme's `words`, as its pages have them; each file handed to
/// `sink` as soon as it is made. The results' files are made chunk by chunk after the words
/// are indexed, so that no structure holds every document's result at once (100,000 findings
/// are 100,000 results). The first refusal of `sink` comes back inside the `Ok`.
pub fn search_index_each<E: Send>(
    archive: &Archive,
    indexes: &Indexes,
    (language, words): (PageLanguage<'_>, &std::sync::Arc<Words>),
    sink: &(dyn Fn(OutputFile) -> Result<(), E> + Sync),
) -> Result<Result<(), E>, Diagnostic> {
    let views = ViewBuilder::in_language(archive, indexes, language)
        .with_words(std::sync::Arc::clone(words));
    let stemming = Stemming::for_language(language.code);
    let folder = crate::routes::Route::SearchIndex.address_in(language.folder);
    let (units, document_count) = units(archive);

    // The words of every document, and the start of each body an excerpt is cut from (bodies
    // are read once, here).
    let (builder, mut starts) = units
        .par_iter()
        .with_min_len(16)
        .try_fold(
            || (Builder::new(stemming), Vec::new()),
            |(mut builder, mut starts), &(first, unit)| {
                if let Some(start) = index_unit(archive, &views, unit, first, &mut builder)? {
                    starts.push((first, start));
                }
                Ok::<_, Diagnostic>((builder, starts))
            },
        )
        .try_reduce(
            || (Builder::new(stemming), Vec::new()),
            |(a, mut a_starts), (b, b_starts)| {
                a_starts.extend(b_starts);
                Ok((a.merge(b), a_starts))
            },
        )?;
    starts.sort_unstable_by_key(|(first, _)| *first);
    let units = Units { units, starts };

    // The results, a chunk of documents at a time, each chunk's file handed on as it is made.
    let chunk_count = (document_count as usize).div_ceil(DOCS_PER_CHUNK);
    let chunks: Vec<(String, Option<E>)> = (0..chunk_count)
        .into_par_iter()
        .map(|index| {
            let first = (index * DOCS_PER_CHUNK) as u32;
            let end = (first + DOCS_PER_CHUNK as u32).min(document_count);
            let documents = units.documents(&views, archive, first..end);
            let json = serde_json::to_string(&documents).map_err(|e| failure(&e.to_string()))?;
            let name = index::chunk_file(index, &json);
            let file = OutputFile {
                path: format!("{folder}{name}"),
                contents: Contents::Bytes(json.into_bytes()),
            };
            Ok((name, sink(file).err()))
        })
        .collect::<Result<_, Diagnostic>>()?;
    let (names, mut refusals): (Vec<String>, Vec<Option<E>>) = chunks.into_iter().unzip();
    if let Some(refusal) = refusals.iter_mut().find_map(Option::take) {
        return Ok(Err(refusal));
    }
    Ok(builder.finish(document_count, &names, |name, bytes| {
        sink(OutputFile {
            path: format!("{folder}{name}"),
            contents: Contents::Bytes(bytes),
        })
    }))
}

/// Every unit with its first document number, in document order, and how many documents
/// there are.
fn units(archive: &Archive) -> (Vec<(u32, Unit)>, u32) {
    let mut units = Vec::with_capacity(archive.reports.len() + archive.responses.len());
    let mut next = 0u32;
    for (id, report) in archive.report_ids().zip(&archive.reports) {
        units.push((next, Unit::Report(id)));
        next += 1 + report.findings.len() as u32;
    }
    for id in archive.response_ids() {
        units.push((next, Unit::Response(id)));
        next += 1;
    }
    if let Some(national) = &archive.national {
        for (at, report) in national.reports.iter().enumerate() {
            if !report.in_content {
                units.push((next, Unit::NationalReport(at)));
                next += 1;
            }
        }
    }
    (units, next)
}

/// The units in document order, with the excerpts of those whose result shows the start of
/// their body.
struct Units {
    units: Vec<(u32, Unit)>,
    /// By first document number.
    starts: Vec<(u32, String)>,
}

impl Units {
    /// The results of documents `wanted`, in order.
    fn documents(
        &self,
        views: &ViewBuilder<'_>,
        archive: &Archive,
        wanted: std::ops::Range<u32>,
    ) -> Vec<Document> {
        // The unit holding the first wanted document, then each unit that starts before the end.
        let from = self
            .units
            .partition_point(|(first, _)| *first <= wanted.start);
        let mut documents = Vec::with_capacity(wanted.len());
        for &(first, unit) in self.units[from.saturating_sub(1)..].iter() {
            if first >= wanted.end {
                break;
            }
            let start = self
                .starts
                .binary_search_by_key(&first, |(at, _)| *at)
                .ok()
                .map(|at| self.starts[at].1.as_str());
            unit_documents(
                views,
                archive,
                (unit, first, start),
                &wanted,
                &mut documents,
            );
        }
        documents
    }
}

/// Indexes the words of one report and its findings, or one response, from document number
/// `first` on; the excerpt its result will show when that comes from its body.
fn index_unit(
    archive: &Archive,
    views: &ViewBuilder<'_>,
    unit: Unit,
    first: u32,
    builder: &mut Builder,
) -> Result<Option<String>, Diagnostic> {
    match unit {
        Unit::Report(index) => {
            let report = archive.report_at(index);
            let summary = report.summary.as_deref().unwrap_or("");
            builder.start(first);
            builder.text(&report.title, 3);
            builder.text(summary, 2);
            let start = add_markdown(builder, &report.body.text()?, 1);
            for finding in &report.findings {
                builder.text(&finding.text, 1);
            }
            builder.end();
            for (offset, finding) in report.findings.iter().enumerate() {
                let label = format!(
                    "{} {}",
                    views.label("finding_kind", finding.kind),
                    finding.id
                );
                builder.start(first + 1 + offset as u32);
                builder.text(&label, 2);
                builder.text(&finding.text, 2);
                builder.text(&report.title, 1);
                builder.end();
            }
            Ok(summary.is_empty().then(|| excerpt(&start)))
        }
        Unit::Response(index) => {
            let response = archive.response_at(index);
            builder.start(first);
            builder.text(&views.response_card(index).title, 3);
            let start = add_markdown(builder, &response.body.text()?, 1);
            builder.end();
            Ok(Some(excerpt(&start)))
        }
        Unit::NationalReport(at) => {
            if let (Some(national), Some(_)) = (&archive.national, &views.indexes.national) {
                builder.start(first);
                builder.text(&national.reports[at].title, 3);
                builder.end();
            }
            Ok(None)
        }
    }
}

/// The results of one unit's documents that are in `wanted`, pushed onto `documents`; `start`
/// is the excerpt [`index_unit`] kept for it.
fn unit_documents(
    views: &ViewBuilder<'_>,
    archive: &Archive,
    (unit, first, start): (Unit, u32, Option<&str>),
    wanted: &std::ops::Range<u32>,
    documents: &mut Vec<Document>,
) {
    match unit {
        Unit::Report(index) => {
            let report = archive.report_at(index);
            if wanted.contains(&first) {
                let card = views.report_card(index);
                let summary = report.summary.as_deref().unwrap_or("");
                documents.push(Document {
                    url: card.url,
                    title: report.title.clone(),
                    kind: card.type_label.clone(),
                    date: Some(views.say(
                        "program.search.published",
                        &[("date", &card.published.long)],
                    )),
                    status: Some(card.status.label.clone()),
                    status_code: Some(card.status.code.into()),
                    excerpt: match start {
                        Some(start) => start.to_string(),
                        None => excerpt(summary),
                    },
                });
            }
            for (offset, finding) in report.findings.iter().enumerate() {
                if !wanted.contains(&(first + 1 + offset as u32)) {
                    continue;
                }
                let view = views.finding(index, finding, String::new());
                let label = format!("{} {}", view.kind, finding.id);
                documents.push(Document {
                    url: view.url,
                    title: format!("{label}: {}", report.title),
                    kind: view.kind.clone(),
                    date: finding
                        .due_text_in(views.language.code)
                        .map(|due| views.say("program.search.due", &[("due", &due)])),
                    status: Some(if view.overdue {
                        views.say("program.search.overdue", &[("status", &view.status)])
                    } else {
                        view.status
                    }),
                    status_code: Some(if view.overdue {
                        "overdue".into()
                    } else {
                        format!("finding-{}", view.status_code)
                    }),
                    excerpt: excerpt(&finding.text),
                });
            }
        }
        Unit::Response(index) => {
            let card = views.response_card(index);
            documents.push(Document {
                url: card.url,
                title: card.title,
                kind: views.say("program.search.response", &[]),
                date: Some(match &card.counting_date {
                    Some(date) => views.say("program.search.dated", &[("date", &date.long)]),
                    None => views.say("program.response_status.date-unknown", &[]),
                }),
                status: None,
                status_code: None,
                excerpt: start.unwrap_or_default().to_string(),
            });
        }
        Unit::NationalReport(at) => documents.extend(national_report_document(views, archive, at)),
    }
}

/// The result of a report only a national site's sources list: its title, type and who
/// responded.
fn national_report_document(
    views: &ViewBuilder<'_>,
    archive: &Archive,
    at: usize,
) -> Option<Document> {
    let (Some(national), Some(index)) = (&archive.national, &views.indexes.national) else {
        return None;
    };
    let report = &national.reports[at];
    let timing = &index.reports[at];
    let responded = timing.tally().responded;
    Some(Document {
        url: views.link(crate::routes::Route::Report(&report.slug)),
        title: report.title.clone(),
        kind: views.label("report_type", report.report_type),
        date: Some(views.say(
            "program.search.published",
            &[("date", &views.date(report.published).long)],
        )),
        status: None,
        status_code: None,
        excerpt: views.say(
            "program.search.responded",
            &[
                ("responded", &responded.to_string()),
                ("count", &timing.bodies.len().to_string()),
            ],
        ),
    })
}

/// Adds the text of a Markdown body to the current document, and returns the text it starts
/// with (enough for an excerpt). Words end at the end of each block and at line breaks.
fn add_markdown(builder: &mut Builder, markdown: &str, weight: u32) -> String {
    let mut run = String::new();
    let mut start = String::new();
    let mut flush = |run: &mut String, builder: &mut Builder| {
        builder.text(run, weight);
        if start.len() < EXCERPT * 2 {
            start.push_str(run);
            start.push(' ');
        }
        run.clear();
    };
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES) {
        match event {
            Event::Text(text) | Event::Code(text) => run.push_str(&text),
            Event::SoftBreak | Event::HardBreak | Event::End(_) if !run.is_empty() => {
                flush(&mut run, builder);
            }
            _ => {}
        }
    }
    if !run.is_empty() {
        flush(&mut run, builder);
    }
    start
}

/// The start of `text`, cut after a word within [`EXCERPT`] characters.
fn excerpt(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text.as_str();
    match text.char_indices().nth(EXCERPT) {
        None => text.to_string(),
        Some((end, _)) => {
            let cut = text[..end].rfind(' ').unwrap_or(end);
            format!("{}…", text[..cut].trim_end_matches([',', ';', ':', ' ']))
        }
    }
}

fn failure(message: &str) -> Diagnostic {
    Diagnostic::error(
        "public/search/index",
        format!("could not build the search index: {message}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Date;
    use std::collections::HashMap;
    use std::path::Path;

    /// The minimal fixture's index, by path under [`FOLDER`].
    fn minimal_index() -> HashMap<String, Vec<u8>> {
        let options = crate::pipeline::SiteOptions {
            root: Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal"),
            today: Date::constant(2024, 11, 1),
            drafts: false,
        };
        let archive = crate::pipeline::load(&options, crate::pipeline::Bodies::InMemory)
            .archive
            .expect("the fixture loads");
        let indexes = Indexes::build(&archive, options.today);
        let words = std::sync::Arc::new(Words::built_in());
        let files = crate::render::render_search(&archive, &indexes, &words).expect("an index");
        files
            .into_iter()
            .map(|file| match file.contents {
                Contents::Bytes(bytes) => (file.path[FOLDER.len()..].to_string(), bytes),
                _ => panic!("{} is not bytes", file.path),
            })
            .collect()
    }

    #[test]
    fn the_index_finds_bodies_and_findings_and_links_findings_to_their_anchor() {
        let files = minimal_index();
        let meta: serde_json::Value = serde_json::from_slice(&files["meta.json"]).expect("JSON");
        let documents: Vec<serde_json::Value> = meta["chunks"]
            .as_array()
            .expect("chunks")
            .iter()
            .flat_map(|name| {
                let chunk: Vec<serde_json::Value> =
                    serde_json::from_slice(&files[name.as_str().expect("a name")]).expect("JSON");
                chunk
            })
            .collect();
        assert_eq!(meta["documents"].as_u64(), Some(documents.len() as u64));
        let words: HashMap<String, Vec<(u32, u8)>> = meta["shards"]
            .as_array()
            .expect("shards")
            .iter()
            .flat_map(|shard| index::decode_shard(&files[shard[1].as_str().expect("a name")]))
            .collect();
        let best = |word: &str| {
            let postings = &words[word];
            let &(doc, _) = postings
                .iter()
                .max_by_key(|&&(doc, impact)| (impact, std::cmp::Reverse(doc)))
                .expect("a document");
            documents[doc as usize]["url"]
                .as_str()
                .unwrap_or("")
                .to_string()
        };
        // A word of a report's body (in a table) finds the report; a word of a finding scores
        // best in the finding itself, on its report page.
        assert_eq!(best("southtown"), "/pfcc/hmicfrs/reports/custody-2023/");
        assert_eq!(
            best("shift"),
            "/pfcc/hmicfrs/reports/custody-2023/#finding-r1"
        );
        assert_eq!(words["shift"].len(), 2, "the finding and its report");
        let finding = documents
            .iter()
            .find(|d| d["url"] == "/pfcc/hmicfrs/reports/custody-2023/#finding-r1")
            .expect("the finding");
        assert_eq!(finding["kind"], "Recommendation");
        assert!(
            finding["title"]
                .as_str()
                .unwrap_or("")
                .starts_with("Recommendation R1: ")
        );
        // Every document has a title and a kind; drafts are not published, so not indexed.
        assert!(
            documents
                .iter()
                .all(|d| d["title"].is_string() && d["kind"].is_string())
        );
        assert!(
            !documents
                .iter()
                .any(|d| d["url"].as_str().unwrap_or("").contains("draft"))
        );
    }

    #[test]
    fn excerpts_end_after_a_word() {
        assert_eq!(excerpt(" Short. "), "Short.");
        let long = "word ".repeat(100);
        let cut = excerpt(&long);
        assert!(cut.ends_with("word…"), "{cut}");
        assert!(cut.chars().count() <= EXCERPT + 1);
    }
}
