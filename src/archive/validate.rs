//! Validation: checks documents against each other and the configuration, and builds the
//! [`Archive`]. Every problem in every file is collected; [`validate()`] returns an archive only
//! without errors ([`validate_keeping_the_valid`] also returns, for `check`'s links, the archive
//! of the documents that passed).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Component, Path};

use super::{Archive, Attachment, Config, Finding, FindingUpdate, Page, Report, Response, Theme};
use crate::dates::Date;
use crate::deadline::DeadlineRule;
use crate::diagnostic::{Diagnostic, Diagnostics, Position, did_you_mean};
use crate::document::{
    ConfigFile, Document, FindingFrontMatter, Matter, PageFrontMatter, ReportFrontMatter,
    ResponseFrontMatter, ThemeEntry,
};
use crate::frontmatter::{Located, Word};
use crate::source::AttachmentFile;
use crate::vocabulary::{FindingKind, Sector};
use rayon::prelude::*;

#[derive(Clone, Copy, Debug, Default)]
pub struct ValidateOptions {
    /// Include documents marked `draft = true`.
    pub drafts: bool,
}

/// URL path segments the site itself uses, which a page slug must not take.
pub const RESERVED_SLUGS: &[&str] = &[
    "reports",
    "responses",
    "years",
    "themes",
    "findings",
    "deadlines",
    "search",
    "data",
    "assets",
    "files",
    "feed.xml",
    "sitemap.xml",
    "robots.txt",
    "404",
];

pub use crate::document::{is_slug, slugify};

/// Checks everything and builds the archive; `None` if there was any error.
pub fn validate(
    config: Option<ConfigFile>,
    themes: Option<Vec<ThemeEntry>>,
    documents: Vec<Document>,
    attachments: &BTreeMap<String, AttachmentFile>,
    options: ValidateOptions,
) -> (Option<Archive>, Diagnostics) {
    let (checked, diagnostics) =
        validate_keeping_the_valid(config, themes, documents, attachments, options);
    (checked.filter(|_| !diagnostics.has_errors()), diagnostics)
}

/// As [`validate()`], but with errors the archive of the documents that passed their checks is
/// returned as well (`None` only when the configuration itself is wrong). It is for checks that
/// need rendered pages, such as `check`'s links, so that one run reports them too; it must never
/// be built or published.
pub fn validate_keeping_the_valid(
    config: Option<ConfigFile>,
    themes: Option<Vec<ThemeEntry>>,
    documents: Vec<Document>,
    attachments: &BTreeMap<String, AttachmentFile>,
    options: ValidateOptions,
) -> (Option<Archive>, Diagnostics) {
    let mut checker = Checker {
        diagnostics: Diagnostics::default(),
        options,
    };
    let config = config.and_then(|doc| checker.config(doc));
    let themes = themes.map(|docs| checker.themes(docs)).unwrap_or_default();
    let rule = config.as_ref().map(|c| c.deadline).unwrap_or_default();

    let mut report_docs = Vec::new();
    let mut response_docs = Vec::new();
    let mut page_docs = Vec::new();
    for document in documents {
        let body = super::Body::from(document.body);
        let common = Common {
            slug: document.slug,
            path: document.path,
            body,
            has_errors: document.has_errors,
        };
        match document.matter {
            Matter::Report(doc) => report_docs.push((common, doc)),
            Matter::Response(doc) => response_docs.push((common, doc)),
            Matter::Page(doc) => page_docs.push((common, doc)),
        }
    }

    let known_reports = KnownReports::new(&report_docs);
    let theme_slugs: Vec<&str> = themes.iter().map(|t| t.slug.as_str()).collect();
    // Bodies are moved, not copied, into the archive: a large archive's text is held once.
    let reports: Vec<Report> = checker.each(&mut report_docs, |checker, (common, doc)| {
        checker.report(common, doc, &theme_slugs, &known_reports)
    });
    let report_map: HashMap<&str, &Report> = reports.iter().map(|r| (r.slug.as_str(), r)).collect();
    let responses: Vec<Response> = checker.each(&mut response_docs, |checker, (common, doc)| {
        checker.response(common, doc, &report_map, &known_reports, attachments)
    });
    let pages: Vec<Page> = checker.each(&mut page_docs, |checker, (common, doc)| {
        checker.page(common, doc)
    });

    checker.unexplained_recommendations(&report_docs, &reports, &responses, &rule);
    // Freed on a thread of its own while the archive is sorted and indexed on this one: one
    // at a time, the parsed front matter of 10,000 reports and their responses takes about
    // 30 ms, and the build's next steps leave the other core idle.
    crate::drop_in_background((known_reports, report_docs, response_docs));

    let included = |draft: bool| options.drafts || !draft;
    let reports: Vec<Report> = reports.into_iter().filter(|r| included(r.draft)).collect();
    let responses: Vec<Response> = responses
        .into_iter()
        .filter(|r| included(r.draft))
        .collect();
    let pages: Vec<Page> = pages.into_iter().filter(|p| included(p.draft)).collect();

    let diagnostics = checker.diagnostics;
    let archive = config.map(|config| Archive::new(config, themes, reports, responses, pages));
    (archive, diagnostics)
}

/// What every document has besides its front matter.
struct Common {
    slug: String,
    path: std::path::PathBuf,
    body: super::Body,
    has_errors: bool,
}

/// Every report file, including broken and draft ones, so references are judged fairly.
struct KnownReports {
    /// slug -> (is draft, findings ids)
    reports: HashMap<String, (bool, Vec<String>)>,
    /// Reports whose front matter had errors: references to them are not reported again.
    broken: HashSet<String>,
}

impl KnownReports {
    fn new(docs: &[(Common, ReportFrontMatter)]) -> KnownReports {
        let mut reports = HashMap::new();
        let mut broken = HashSet::new();
        for (common, doc) in docs {
            let draft = doc.draft.as_ref().is_some_and(|d| d.value);
            let ids = doc
                .findings
                .iter()
                .filter_map(|f| f.id.as_ref().map(|id| id.value.clone()))
                .collect();
            reports.insert(common.slug.clone(), (draft, ids));
            if common.has_errors {
                broken.insert(common.slug.clone());
            }
        }
        KnownReports { reports, broken }
    }

    fn slugs(&self) -> impl Iterator<Item = &str> {
        self.reports.keys().map(String::as_str)
    }
}

struct Checker {
    diagnostics: Diagnostics,
    options: ValidateOptions,
}

fn value<T: Clone>(field: &Option<Located<T>>) -> Option<T> {
    field.as_ref().map(|located| located.value.clone())
}

fn word<V: Copy>(field: &Option<Located<Word<V>>>) -> Option<V> {
    field.as_ref().map(|located| located.value.0)
}

impl Checker {
    fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Checks each document with `check` on all cores, each with a checker of its own, and
    /// keeps their diagnostics in document order, as one loop over the documents would.
    fn each<D: Send, T: Send>(
        &mut self,
        documents: &mut [D],
        check: impl Fn(&mut Checker, &mut D) -> Option<T> + Sync,
    ) -> Vec<T> {
        let options = self.options;
        let checked: Vec<(Option<T>, Diagnostics)> = documents
            .par_iter_mut()
            .with_max_len(crate::PARALLEL_GRAIN)
            .map(|document| {
                let mut own = Checker {
                    diagnostics: Diagnostics::default(),
                    options,
                };
                let checked = check(&mut own, document);
                (checked, own.diagnostics)
            })
            .collect();
        let mut kept = Vec::with_capacity(checked.len());
        for (checked, diagnostics) in checked {
            self.diagnostics.append(diagnostics);
            kept.extend(checked);
        }
        kept
    }

    fn config(&mut self, doc: ConfigFile) -> Option<Config> {
        let path = doc.path.clone();
        let mut ok = true;
        let base_url = doc.base_url.as_ref().and_then(|located| {
            let parsed = parse_base_url(&located.value);
            if parsed.is_none() {
                ok = false;
                self.push(
                    located
                        .error(&path, format!("`base_url` is not an absolute web address: \"{}\"", located.value))
                        .with_help("write the full address the site is published at, such as \"https://www.example.org/hmicfrs/\""),
                );
            }
            parsed
        });
        let mut deadline = DeadlineRule::default();
        if let Some(days) = &doc.deadline_days {
            if days.value < 1 || days.value > 3650 {
                ok = false;
                self.push(
                    days.error(&path, "`days` must be a number of days between 1 and 3650")
                        .with_help("the statutory window is 56 days: days = 56"),
                );
            } else {
                deadline.days = days.value;
            }
        }
        if let Some(from) = &doc.deadline_from {
            deadline.from = from.value;
        }
        let theme = value(&doc.theme).unwrap_or_else(|| "default".into());
        if !is_slug(&theme) {
            ok = false;
            if let Some(located) = &doc.theme {
                self.push(
                    located
                        .error(&path, "`theme` must be the name of a folder under themes/")
                        .with_help("theme = \"default\""),
                );
            }
        }
        let (Some(title), Some((base_url, base_path)), Some(organisation)) =
            (value(&doc.title), base_url, value(&doc.organisation))
        else {
            return None;
        };
        ok.then(|| Config {
            title,
            base_url,
            base_path,
            language: value(&doc.language).unwrap_or_else(|| "en-GB".into()),
            organisation,
            force: value(&doc.force),
            theme,
            deadline,
            raw_html: word(&doc.raw_html).unwrap_or_default(),
        })
    }

    fn themes(&mut self, docs: Vec<ThemeEntry>) -> Vec<Theme> {
        let mut themes = Vec::new();
        for doc in docs {
            if !is_slug(&doc.slug.value) {
                self.push(
                    doc.slug
                        .error(
                            Path::new(crate::source::THEMES_FILE),
                            format!("the theme name `{}` is not a valid slug", doc.slug.value),
                        )
                        .with_help(format!(
                            "use lowercase letters, digits and single hyphens: [{}]",
                            slugify(&doc.slug.value)
                        )),
                );
            }
            if let Some(title) = value(&doc.title) {
                themes.push(Theme {
                    slug: doc.slug.value,
                    title,
                    description: value(&doc.description),
                });
            }
        }
        themes
    }

    fn report(
        &mut self,
        common: &mut Common,
        doc: &ReportFrontMatter,
        theme_slugs: &[&str],
        known: &KnownReports,
    ) -> Option<Report> {
        let path = &common.path;
        if let Some(themes) = &doc.themes {
            if themes.value.is_empty() {
                self.push(
                    themes
                        .error(path, "`themes` must name at least one theme")
                        .with_help(format!(
                            "choose from content/themes.toml, for example themes = [\"{}\"]",
                            theme_slugs.first().unwrap_or(&"theme-slug")
                        )),
                );
            }
            for theme in &themes.value {
                if !theme_slugs.contains(&theme.value.as_str()) {
                    self.push(unknown_reference(
                        path,
                        theme,
                        "theme",
                        "content/themes.toml",
                        theme_slugs.iter().copied(),
                    ));
                }
            }
        }
        if let Some(url) = &doc.url {
            self.check_web_address(path, url);
        }
        if let Some(follows_up) = &doc.follows_up {
            if follows_up.value == common.slug {
                self.push(follows_up.error(path, "a report cannot follow up itself"));
            } else if !known.reports.contains_key(&follows_up.value) {
                self.push(unknown_reference(
                    path,
                    follows_up,
                    "report",
                    "content/reports/",
                    known.slugs(),
                ));
            }
        }
        let published = value(&doc.published);
        let findings = self.findings(path, &doc.findings, published);
        let draft = value(&doc.draft).unwrap_or(false);
        if common.has_errors {
            return None;
        }
        Some(Report {
            slug: common.slug.clone(),
            source: path.clone(),
            title: value(&doc.title)?,
            published: published?,
            report_type: word(&doc.report_type)?,
            sector: word(&doc.sector).unwrap_or(Sector::Police),
            themes: doc
                .themes
                .as_ref()?
                .value
                .iter()
                .map(|t| t.value.clone())
                .collect(),
            url: value(&doc.url),
            summary: value(&doc.summary),
            statutory: value(&doc.statutory),
            follows_up: value(&doc.follows_up),
            draft,
            findings,
            body: std::mem::take(&mut common.body),
        })
    }

    fn check_web_address(&mut self, path: &Path, url: &Located<String>) {
        let lower = url.value.trim().to_ascii_lowercase();
        if !(lower.starts_with("https://") || lower.starts_with("http://"))
            || url.value.contains(char::is_whitespace)
        {
            self.push(
                url.error(
                    path,
                    format!(
                        "`url` must be a web address starting https://, found \"{}\"",
                        url.value
                    ),
                )
                .with_help("copy the address of the report's page on the HMICFRS website"),
            );
        }
    }

    fn findings(
        &mut self,
        path: &Path,
        docs: &[FindingFrontMatter],
        published: Option<Date>,
    ) -> Vec<Finding> {
        let mut seen: HashMap<String, Position> = HashMap::new();
        let mut findings = Vec::new();
        for doc in docs {
            if let Some(id) = &doc.id {
                if id.value.trim().is_empty() {
                    self.push(
                        id.error(path, "a finding `id` must not be empty")
                            .with_help(
                                "use the report's own numbering, such as \"R3\" or \"AFI1\"",
                            ),
                    );
                } else if let Some(first) = seen.get(&id.value) {
                    self.push(
                        id.error(
                            path,
                            format!(
                                "the finding id \"{}\" is used twice in this report",
                                id.value
                            ),
                        )
                        .with_help(format!(
                            "it was first used on line {}; each finding needs its own id",
                            first.line
                        )),
                    );
                } else {
                    seen.insert(id.value.clone(), id.position);
                }
            }
            let mut updates = Vec::new();
            for update in &doc.updates {
                if let (Some(date), Some(published)) = (&update.date, published) {
                    if date.value < published {
                        self.push(
                            date.error(path, format!(
                                "this update is dated {}, before the report was published on {}",
                                date.value.long(),
                                published.long()
                            ))
                            .with_help("check the year and month of the update's date"),
                        );
                    }
                }
                if let (Some(date), Some(status)) = (value(&update.date), word(&update.status)) {
                    updates.push(FindingUpdate {
                        date,
                        status,
                        note: value(&update.note),
                    });
                }
            }
            updates.sort_by_key(|update| update.date);
            let (Some(id), Some(kind), Some(text)) =
                (value(&doc.id), word(&doc.kind), value(&doc.text))
            else {
                continue;
            };
            findings.push(Finding {
                id,
                kind,
                text,
                addressed_to: value(&doc.addressed_to).unwrap_or_default(),
                applies: value(&doc.applies).unwrap_or(true),
                owner: value(&doc.owner),
                due: value(&doc.due),
                status: word(&doc.status),
                updates,
            });
        }
        findings
    }

    fn response(
        &mut self,
        common: &mut Common,
        doc: &ResponseFrontMatter,
        reports: &HashMap<&str, &Report>,
        known: &KnownReports,
        attachments: &BTreeMap<String, AttachmentFile>,
    ) -> Option<Response> {
        let path = &common.path;
        let draft = value(&doc.draft).unwrap_or(false);
        let mut answered: Vec<&Report> = Vec::new();
        let mut report_slugs = Vec::new();
        if let Some(report_field) = &doc.report {
            if report_field.value.0.is_empty() {
                self.push(
                    report_field
                        .error(path, "`report` must name at least one report")
                        .with_help("report = \"report-slug\", the report's file name without .md"),
                );
            }
            for slug in &report_field.value.0 {
                if report_slugs.contains(&slug.value) {
                    self.push(slug.error(
                        path,
                        format!("the report \"{}\" is named twice", slug.value),
                    ));
                    continue;
                }
                report_slugs.push(slug.value.clone());
                match known.reports.get(&slug.value) {
                    None => self.push(unknown_reference(path, slug, "report", "content/reports/", known.slugs())),
                    Some((true, _)) if !draft && !self.options.drafts => self.push(
                        slug.error(path, format!("the report \"{}\" is a draft, so this response would answer nothing", slug.value))
                            .with_help("publish the report (remove `draft = true`) or mark this response as a draft too"),
                    ),
                    Some(_) => {
                        if let Some(report) = reports.get(slug.value.as_str()) {
                            answered.push(report);
                        }
                    }
                }
            }
        }
        for (field, label) in [(&doc.date, "dated"), (&doc.published, "published")] {
            let Some(date) = field else { continue };
            for report in &answered {
                if date.value < report.published {
                    self.push(
                        date.error(path, format!(
                            "this response is {label} {}, before the report \"{}\" was published on {}",
                            date.value.long(),
                            report.slug,
                            report.published.long()
                        ))
                        .with_help("check the date on the letter, and the report's `published` date"),
                    );
                }
            }
        }
        if doc.date.is_none() && doc.published.is_none() {
            let at = doc
                .report
                .as_ref()
                .map(|r| r.position)
                .unwrap_or(Position::START);
            self.push(
                Diagnostic::warning(path, "this response has no date, so whether it was on time is unknown")
                    .at(at)
                    .with_help("add the date on the letter: date = 2023-05-02, or the date it went online: published = 2023-05-02"),
            );
        }
        let all_known = report_slugs
            .iter()
            .all(|slug| known.reports.contains_key(slug) && !known.broken.contains(slug));
        if let Some(addresses) = &doc.addresses {
            let finding_ids: Vec<&str> = report_slugs
                .iter()
                .filter_map(|slug| known.reports.get(slug))
                .flat_map(|(_, ids)| ids.iter().map(String::as_str))
                .collect();
            let mut seen = HashSet::new();
            for id in &addresses.value {
                if !seen.insert(id.value.as_str()) {
                    self.push(id.error(
                        path,
                        format!(
                            "the finding \"{}\" is listed twice in `addresses`",
                            id.value
                        ),
                    ));
                } else if all_known && !finding_ids.contains(&id.value.as_str()) {
                    let mut diagnostic = id.error(
                        path,
                        format!(
                            "`addresses` names the finding \"{}\", which the report does not have",
                            id.value
                        ),
                    );
                    let same_but_case = finding_ids
                        .iter()
                        .find(|known| known.eq_ignore_ascii_case(&id.value));
                    diagnostic = match same_but_case {
                        Some(near) => diagnostic.with_help(format!("did you mean \"{near}\"? ids are case-sensitive")),
                        None if finding_ids.is_empty() => diagnostic.with_help("the report lists no findings; add them as [[findings]] in the report file"),
                        None => diagnostic.with_help(format!("the report's findings are {}", quoted_list(&finding_ids))),
                    };
                    self.push(diagnostic);
                }
            }
        }
        let files = self.attachments(path, doc, attachments);
        if common.has_errors || report_slugs.is_empty() {
            return None;
        }
        Some(Response {
            slug: common.slug.clone(),
            source: path.clone(),
            reports: report_slugs,
            date: value(&doc.date),
            published: value(&doc.published),
            title: value(&doc.title),
            author: value(&doc.author),
            role: value(&doc.role),
            to: value(&doc.to),
            cc: value(&doc.cc).unwrap_or_default(),
            our_ref: value(&doc.our_ref),
            addresses: doc
                .addresses
                .as_ref()
                .map(|a| a.value.iter().map(|id| id.value.clone()).collect())
                .unwrap_or_default(),
            draft,
            attachments: files?,
            body: std::mem::take(&mut common.body),
        })
    }

    fn attachments(
        &mut self,
        path: &Path,
        doc: &ResponseFrontMatter,
        inventory: &BTreeMap<String, AttachmentFile>,
    ) -> Option<Vec<Attachment>> {
        let mut files = Vec::new();
        let mut ok = true;
        for attachment in &doc.attachments {
            let Some(file) = &attachment.file else {
                ok = false;
                continue;
            };
            let Some(key) = normalise_attachment_path(&file.value) else {
                ok = false;
                self.push(
                    file.error(
                        path,
                        format!("the attachment \"{}\" is outside content/", file.value),
                    )
                    .with_help("put the file in content/files/ and write file = \"files/<name>\""),
                );
                continue;
            };
            match inventory.get(&key) {
                Some(found) if found.escapes_content => {
                    ok = false;
                    self.push(
                        file.error(
                            path,
                            format!(
                                "the attachment \"{}\" is a link to a file outside content/",
                                file.value
                            ),
                        )
                        .with_help(
                            "copy the file itself into content/files/ instead of linking to it",
                        ),
                    );
                }
                Some(found) => files.push(Attachment {
                    title: value(&attachment.title).unwrap_or_else(|| file_name(&key)),
                    file: key,
                    size: found.size,
                    disk_path: found.disk_path.clone(),
                }),
                None => {
                    ok = false;
                    let near = did_you_mean(&key, inventory.keys().map(String::as_str));
                    let diagnostic = file.error(
                        path,
                        format!("the attachment \"{}\" does not exist", file.value),
                    );
                    self.push(match near {
                        Some(near) => diagnostic.with_help(format!("did you mean \"{near}\"?")),
                        None => diagnostic.with_help("paths are relative to content/, for example file = \"files/letter.pdf\""),
                    });
                }
            }
        }
        ok.then_some(files)
    }

    fn page(&mut self, common: &mut Common, doc: &PageFrontMatter) -> Option<Page> {
        if RESERVED_SLUGS.contains(&common.slug.as_str()) {
            self.push(
                Diagnostic::error(
                    &common.path,
                    format!(
                        "the page name `{}` is taken by the site's own pages",
                        common.slug
                    ),
                )
                .with_help(format!(
                    "rename the file to something else, such as about-{}.md",
                    common.slug
                )),
            );
            return None;
        }
        if common.has_errors {
            return None;
        }
        Some(Page {
            slug: common.slug.clone(),
            source: common.path.clone(),
            title: value(&doc.title)?,
            summary: value(&doc.summary),
            updated: value(&doc.updated),
            draft: value(&doc.draft).unwrap_or(false),
            body: std::mem::take(&mut common.body),
        })
    }

    /// s.55(5B): a statutory report's applicable recommendations should each be explained by a response.
    fn unexplained_recommendations(
        &mut self,
        docs: &[(Common, ReportFrontMatter)],
        reports: &[Report],
        responses: &[Response],
        rule: &DeadlineRule,
    ) {
        let drafts = self.options.drafts;
        let included = |draft: bool| drafts || !draft;
        // Looked up by slug rather than searched for each report, which was quadratic.
        let mut answers: HashMap<&str, Vec<&Response>> = HashMap::new();
        for response in responses.iter().filter(|r| included(r.draft)) {
            for slug in &response.reports {
                answers.entry(slug.as_str()).or_default().push(response);
            }
        }
        let mut report_docs: HashMap<&str, &ReportFrontMatter> = HashMap::new();
        for (common, doc) in docs {
            report_docs.entry(common.slug.as_str()).or_insert(doc);
        }
        for report in reports.iter().filter(|r| included(r.draft)) {
            if !rule.applies(report.sector, report.published, report.statutory) {
                continue;
            }
            let Some(answering) = answers.get(report.slug.as_str()) else {
                continue;
            };
            let Some(doc) = report_docs.get(report.slug.as_str()) else {
                continue;
            };
            for finding in &report.findings {
                let explained = answering.iter().any(|r| r.addresses.contains(&finding.id));
                if finding.kind != FindingKind::Recommendation || !finding.applies || explained {
                    continue;
                }
                let at = doc
                    .findings
                    .iter()
                    .find(|f| f.id.as_ref().is_some_and(|id| id.value == finding.id))
                    .and_then(|f| f.id.as_ref().map(|id| id.position));
                let response_files: Vec<String> = answering
                    .iter()
                    .map(|r| crate::diagnostic::slash_path(&r.source))
                    .collect();
                let mut warning = Diagnostic::warning(
                    &report.source,
                    format!(
                        "recommendation \"{}\" applies to the force, but no response explains what is being done about it (s.55(5B))",
                        finding.id
                    ),
                )
                .with_help(format!("add \"{}\" to `addresses` in {}, or set applies = false", finding.id, response_files.join(" or ")));
                if let Some(position) = at {
                    warning = warning.at(position);
                }
                self.push(warning);
            }
        }
    }
}

fn unknown_reference<'a>(
    path: &Path,
    reference: &Located<String>,
    what: &str,
    where_listed: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    let known: Vec<&str> = known.into_iter().collect();
    let diagnostic = reference.error(path, format!("there is no {what} \"{}\"", reference.value));
    match did_you_mean(&reference.value, known.iter().copied()) {
        Some(near) => diagnostic.with_help(format!("did you mean \"{near}\"?")),
        None => diagnostic.with_help(format!("the {what}s are listed in {where_listed}")),
    }
}

fn quoted_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn file_name(key: &str) -> String {
    key.rsplit('/').next().unwrap_or(key).to_string()
}

/// `files/x.pdf` from an editor's path, or `None` when it would leave `content/`.
pub fn normalise_attachment_path(raw: &str) -> Option<String> {
    let raw = raw.trim().replace('\\', "/");
    let raw = raw.strip_prefix("content/").unwrap_or(&raw);
    let mut parts: Vec<String> = Vec::new();
    for component in Path::new(raw).components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Splits `https://host/path/` into the URL (ending `/`) and its path (`/path/`).
fn parse_base_url(raw: &str) -> Option<(String, String)> {
    let raw = raw.trim();
    let rest = raw
        .strip_prefix("https://")
        .or_else(|| raw.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    // Nothing that would need escaping where the address is written into pages and feeds.
    let unsafe_char = |c: char| c.is_whitespace() || c.is_control() || "?#\"'<>\\`{}|^".contains(c);
    if host.is_empty() || raw.contains(unsafe_char) {
        return None;
    }
    let path = path.trim_matches('/');
    let base_path = if path.is_empty() {
        "/".to_string()
    } else {
        format!("/{path}/")
    };
    let scheme = if raw.starts_with("https://") {
        "https"
    } else {
        "http"
    };
    Some((format!("{scheme}://{host}{base_path}"), base_path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("serious-youth-violence"));
        assert!(is_slug("peel-2023"));
        assert!(!is_slug("Serious-Youth"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug("-a"));
        assert!(!is_slug("a b"));
        assert_eq!(slugify("Roads Policing (2020)"), "roads-policing-2020");
    }

    #[test]
    fn base_urls_keep_their_sub_path() {
        assert_eq!(
            parse_base_url("https://example.org/pfcc/hmicfrs"),
            Some((
                "https://example.org/pfcc/hmicfrs/".into(),
                "/pfcc/hmicfrs/".into()
            ))
        );
        assert_eq!(
            parse_base_url("https://example.org"),
            Some(("https://example.org/".into(), "/".into()))
        );
        assert_eq!(parse_base_url("example.org/x"), None);
        assert_eq!(parse_base_url("javascript:alert(1)"), None);
    }

    #[test]
    fn attachment_paths_stay_inside_content() {
        assert_eq!(
            normalise_attachment_path("files/a.pdf"),
            Some("files/a.pdf".into())
        );
        assert_eq!(
            normalise_attachment_path("content/files/a.pdf"),
            Some("files/a.pdf".into())
        );
        assert_eq!(
            normalise_attachment_path("./files/../files/a.pdf"),
            Some("files/a.pdf".into())
        );
        assert_eq!(normalise_attachment_path("../config.toml"), None);
        assert_eq!(normalise_attachment_path("/etc/passwd"), None);
    }
}
