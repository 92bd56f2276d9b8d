//! Responses: the reports they answer, their dates against those reports', and the findings
//! they address.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::references::{KnownReports, quoted_list, unknown_reference};
use super::{Checker, Common, value};
use crate::archive::{Report, Response};
use crate::dates::Date;
use crate::deadline::DeadlineRule;
use crate::diagnostic::{Diagnostic, Position};
use crate::document::ResponseFrontMatter;
use crate::source::AttachmentFile;

impl Checker {
    pub(super) fn response(
        &mut self,
        common: &mut Common,
        doc: &ResponseFrontMatter,
        reports: &HashMap<&str, &Report>,
        known: &KnownReports,
        attachments: &BTreeMap<String, AttachmentFile>,
        rule: &DeadlineRule,
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
        if !doc.dated {
            self.push(undated(
                path,
                doc,
                answered
                    .first()
                    .map(|report| rule.deadline(report.published)),
            ));
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
        self.response_placeholders(common, doc);
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

    /// Warns of the example site's names, and the `new response` template's prompts, left in.
    fn response_placeholders(&mut self, common: &Common, doc: &ResponseFrontMatter) {
        let path = &common.path;
        let help = "write the letter's own details";
        self.placeholder_value(path, "title", doc.title.as_ref(), help);
        let author = "write the name of the person who signed the letter";
        self.placeholder_value(path, "author", doc.author.as_ref(), author);
        let role =
            "write the signatory's role, such as Police and Crime Commissioner for your area";
        self.placeholder_value(path, "role", doc.role.as_ref(), role);
        self.placeholder_value(path, "to", doc.to.as_ref(), help);
        let cc = "write who the letter is copied to, such as the Chief Constable of your own force";
        self.placeholder_list(path, "cc", doc.cc.as_ref(), cc);
        self.placeholders_in_body(common);
    }
}

/// The warning for a response with neither `date` nor `published`, at the line after `report`
/// (where a date usually goes), suggesting the answered report's deadline when there is one.
fn undated(
    path: &std::path::Path,
    doc: &ResponseFrontMatter,
    deadline: Option<Date>,
) -> Diagnostic {
    let after_report = doc
        .report
        .as_ref()
        .map(|report| {
            let last = report
                .value
                .0
                .last()
                .map_or(report.position, |slug| slug.position);
            Position {
                line: last.line + 1,
                column: 1,
            }
        })
        .unwrap_or(Position::START);
    let suggestion = match deadline {
        Some(deadline) => format!("such as date = {} (the report's deadline)", deadline.iso()),
        None => "as date = YYYY-MM-DD".into(),
    };
    Diagnostic::warning(path, "this response has no date, so whether it was on time is unknown")
        .at(after_report)
        .with_help(format!(
            "add the date on the letter, {suggestion}, or the date it went online: published = YYYY-MM-DD"
        ))
}
