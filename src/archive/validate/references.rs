//! References between documents: which reports exist (even broken or draft ones), "there is no
//! report" with a "did you mean", and the s.55(5B) check that each applicable recommendation is
//! explained by a response.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::{Checker, Common};
use crate::archive::{Report, Response};
use crate::deadline::DeadlineRule;
use crate::diagnostic::{Diagnostic, Position, did_you_mean};
use crate::document::ReportFrontMatter;
use crate::frontmatter::Located;
use crate::vocabulary::FindingKind;

/// Every report file, including broken and draft ones, so references are judged fairly.
pub(super) struct KnownReports {
    /// slug -> (is draft, findings ids)
    pub(super) reports: HashMap<String, (bool, Vec<String>)>,
    /// Reports whose front matter had errors: references to them are not reported again.
    pub(super) broken: HashSet<String>,
}

impl KnownReports {
    pub(super) fn new(docs: &[(Common, ReportFrontMatter)]) -> KnownReports {
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

    pub(super) fn slugs(&self) -> impl Iterator<Item = &str> {
        self.reports.keys().map(String::as_str)
    }
}

/// Where each finding's `id` was written in a report's front matter, kept after the front
/// matter itself is freed so that a warning about a finding can point at its line.
pub(super) struct FindingLines(Vec<(String, Position)>);

impl FindingLines {
    pub(super) fn of(doc: &ReportFrontMatter) -> FindingLines {
        let lines = doc.findings.iter().filter_map(|finding| {
            let id = finding.id.as_ref()?;
            Some((id.value.clone(), id.position))
        });
        FindingLines(lines.collect())
    }

    fn of_finding(&self, id: &str) -> Option<Position> {
        let (_, position) = self.0.iter().find(|(written, _)| written == id)?;
        Some(*position)
    }
}

impl Checker {
    /// s.55(5B): a statutory report's applicable recommendations should each be explained by a
    /// response. `lines` are the reports' [`FindingLines`], in the same order as `reports`.
    pub(super) fn unexplained_recommendations(
        &mut self,
        reports: &[Report],
        lines: &[FindingLines],
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
        for (report, lines) in reports.iter().zip(lines) {
            if !included(report.draft)
                || !rule.applies(report.sector, report.published, report.statutory)
            {
                continue;
            }
            let Some(answering) = answers.get(report.slug.as_str()) else {
                continue;
            };
            for finding in &report.findings {
                let explained = answering.iter().any(|r| r.addresses.contains(&finding.id));
                if finding.kind != FindingKind::Recommendation || !finding.applies || explained {
                    continue;
                }
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
                if let Some(position) = lines.of_finding(&finding.id) {
                    warning = warning.at(position);
                }
                self.push(warning);
            }
        }
    }
}

pub(super) fn unknown_reference<'a>(
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

pub(super) fn quoted_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}
