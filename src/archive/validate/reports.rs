//! Reports, their findings and grades: themes, web address and follow-ups checked, finding ids
//! unique, updates after publication, each graded area known and graded once.

use std::collections::HashMap;
use std::path::Path;

use super::placeholders::NAME_HELP;
use super::references::{KnownReports, unknown_reference};
use super::{Checker, Common, value, word};
use crate::archive::{AreaGrade, Finding, FindingUpdate, GradeArea, Report};
use crate::dates::{Date, Due};
use crate::diagnostic::Position;
use crate::diagnostic::{did_you_mean, one_of};
use crate::document::{FindingFrontMatter, GradeFrontMatter, ReportFrontMatter};
use crate::frontmatter::Located;
use crate::vocabulary::{Sector, StatusId, StatusWords};

/// The site's lists a report names entries of.
pub(super) struct Lists<'a> {
    /// The keys of `themes.toml`.
    pub(super) themes: &'a [&'a str],
    /// `grade-areas.toml`'s areas, `None` when the site has no such file.
    pub(super) grade_areas: Option<&'a [GradeArea]>,
    /// The words a finding's status may take.
    pub(super) statuses: &'a StatusWords,
}

impl Checker {
    pub(super) fn report(
        &mut self,
        common: &mut Common,
        doc: &ReportFrontMatter,
        lists: &Lists<'_>,
        known: &KnownReports,
    ) -> Option<Report> {
        let path = &common.path;
        let theme_slugs = lists.themes;
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
        self.report_placeholders(common, doc);
        let published = value(&doc.published);
        let findings = self.findings(
            path,
            &doc.findings,
            published,
            doc.published_written,
            lists.statuses,
        );
        let grades = self.grades(path, &doc.grades, lists.grade_areas);
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
            grades,
            body: std::mem::take(&mut common.body),
        })
    }

    /// Warns of the `new report` template's values, and the example site's names, left in.
    fn report_placeholders(&mut self, common: &Common, doc: &ReportFrontMatter) {
        let path = &common.path;
        let help = "write the report's own details";
        self.placeholder_value(path, "title", doc.title.as_ref(), help);
        self.placeholder_value(path, "summary", doc.summary.as_ref(), help);
        self.placeholder_value(path, "url", doc.url.as_ref(), help);
        for finding in &doc.findings {
            self.placeholder_value(path, "text", finding.text.as_ref(), help);
            let owner = "write who leads the work on it, such as your own force's name";
            self.placeholder_value(path, "owner", finding.owner.as_ref(), owner);
            for update in &finding.updates {
                self.placeholder_value(path, "note", update.note.as_ref(), NAME_HELP);
            }
        }
        self.placeholders_in_body(common);
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
        published_written: bool,
        statuses: &StatusWords,
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
                let status = self.status(path, update.status.as_ref(), statuses);
                if let (Some(date), Some(status)) = (value(&update.date), status) {
                    updates.push(FindingUpdate {
                        date,
                        status,
                        note: value(&update.note),
                    });
                }
            }
            updates.sort_by_key(|update| update.date);
            let due = self.due(path, doc, published, published_written);
            let status = self.status(path, doc.status.as_ref(), statuses);
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
                due: due.as_ref().map(|(day, _)| *day),
                due_as_written: due.map(|(_, written)| written),
                status,
                updates,
            });
        }
        findings
    }

    /// A status as written, among the site's words; an unknown one is reported with the
    /// nearest word of the list in force (the office's own, when it has one).
    fn status(
        &mut self,
        path: &Path,
        written: Option<&Located<String>>,
        statuses: &StatusWords,
    ) -> Option<StatusId> {
        let written = written?;
        if let Some(id) = statuses.find(&written.value) {
            return Some(id);
        }
        let keys: Vec<&str> = statuses.keys().collect();
        let help = match did_you_mean(&written.value, keys.iter().copied()) {
            Some(near) => format!("did you mean \"{near}\"?"),
            None => format!("expected one of {}", one_of(&keys)),
        };
        let help = match statuses.is_own() {
            true => format!(
                "{help} (the statuses are listed under [[finding_statuses]] in config.toml)"
            ),
            false => help,
        };
        let message = format!("`status` has the unknown value \"{}\"", written.value);
        self.push(written.error(path, message).with_help(help));
        None
    }

    /// The report's grades in the areas' display order. An area that is not listed, or graded
    /// twice, is reported at its line and left out.
    fn grades(
        &mut self,
        path: &Path,
        docs: &[GradeFrontMatter],
        areas: Option<&[GradeArea]>,
    ) -> Vec<AreaGrade> {
        let mut seen: HashMap<&str, Position> = HashMap::new();
        let mut grades: Vec<(usize, AreaGrade)> = Vec::new();
        for doc in docs {
            let Some(area) = &doc.area else {
                continue;
            };
            let listed =
                areas.and_then(|areas| (areas.iter()).position(|listed| listed.key == area.value));
            if let Some(first) = seen.get(area.value.as_str()) {
                self.push(
                    area.error(
                        path,
                        format!("the area \"{}\" is graded twice in this report", area.value),
                    )
                    .with_help(format!(
                        "it was first graded on line {}; give each area one grade",
                        first.line
                    )),
                );
                continue;
            }
            seen.insert(&area.value, area.position);
            let Some(position) = listed else {
                self.push(match areas {
                    Some(areas) => unknown_reference(
                        path,
                        area,
                        "graded area",
                        crate::source::GRADE_AREAS_FILE,
                        areas.iter().map(|listed| listed.key.as_str()),
                    ),
                    None => area
                        .error(path, format!("there is no graded area \"{}\"", area.value))
                        .with_help(format!(
                            "list the areas HMICFRS grades in {}, such as [{}] with title = \"...\"",
                            crate::source::GRADE_AREAS_FILE,
                            area.value
                        )),
                });
                continue;
            };
            if let Some(grade) = word(&doc.grade) {
                let area = area.value.clone();
                grades.push((position, AreaGrade { area, grade }));
            }
        }
        grades.sort_by_key(|(position, _)| *position);
        grades.into_iter().map(|(_, grade)| grade).collect()
    }

    /// The day a finding is due and the form it was written in; a period needs the report's
    /// publication date to count from. A `published` written but unreadable has its own error.
    fn due(
        &mut self,
        path: &Path,
        doc: &FindingFrontMatter,
        published: Option<Date>,
        published_written: bool,
    ) -> Option<(Date, Due)> {
        let written = doc.due.as_ref()?;
        match written.value.day(published) {
            Some(day) => Some((day, written.value.clone())),
            None if published_written => None,
            None => {
                self.push(
                    written
                        .error(
                            path,
                            format!(
                                "`due = \"{}\"` counts from the report's `published` date, \
                                 and this report has none",
                                written.value.as_written()
                            ),
                        )
                        .with_help(
                            "add the report's publication date (published = YYYY-MM-DD), \
                             or write the day it is due: due = 2024-03-31",
                        ),
                );
                None
            }
        }
    }
}
