//! Views: the serialisable structs templates receive — the theme's whole contract with the
//! generator. Built from the archive and indexes; templates never see the model itself.

use serde::Serialize;

use crate::archive::{Archive, AreaGrade, Config, Finding, Report, ReportId, Response, ResponseId};
use crate::dates::Date;
use crate::deadline::day_number;
use crate::indexes::{FindingEntry, Indexes, ReportTimeliness};
use crate::routes::{Route, SiteAddress};
use crate::vocabulary::{PageKind, ResponseStatus, Sector, Vocabulary};

/// Site-wide values every template gets as `site`.
#[derive(Clone, Debug, Serialize)]
pub struct SiteView {
    pub title: String,
    pub base_url: String,
    pub base_path: String,
    /// The page's language, as `<html lang>` writes it (`en-GB`, `cy`).
    pub language: String,
    /// The folder of the page's language under the base path, `cy/`; empty for the main
    /// language. `url()` puts links to pages under it.
    pub language_path: String,
    pub organisation: String,
    pub force: Option<String>,
    pub today: DateView,
    pub deadline_days: i64,
    pub nav: Vec<LinkView>,
    pub footer_pages: Vec<LinkView>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct DateView {
    /// `2023-05-02`, for `<time datetime>`.
    pub iso: String,
    /// `2 May 2023`.
    pub long: String,
}

impl From<Date> for DateView {
    fn from(date: Date) -> DateView {
        DateView {
            iso: date.iso(),
            long: date.long(),
        }
    }
}

/// A page's version in one language of the site, for `hreflang` links and the language
/// switcher; a page of a site of one language has none.
#[derive(Clone, Debug, Serialize)]
pub struct AlternateView {
    /// For `hreflang` and `lang`: `en-GB`, `cy`.
    pub language: String,
    /// The language's name in itself ("English", "Cymraeg": `language.name` of its words).
    pub name: String,
    /// "Change the language to Welsh", in that language (`language.change`), for screen readers.
    pub change: String,
    /// The link under the base path.
    pub url: String,
    /// The absolute address.
    pub absolute: String,
    /// Whether this is the page's own language.
    pub current: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct LinkView {
    pub title: String,
    pub url: String,
}

/// A report's response status as pages show it: a tag and a sentence.
#[derive(Clone, Debug, Serialize)]
pub struct StatusView {
    /// `on-time`, `late`, `due`, `overdue`, `no-deadline`, `date-unknown`.
    pub code: &'static str,
    /// "On time", "Late by 161 days": the tag text, which never relies on colour.
    pub label: String,
    pub days_late: Option<i64>,
    pub days_left: Option<i64>,
}

/// A report in a list.
#[derive(Clone, Debug, Serialize)]
pub struct ReportCardView {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub published: DateView,
    pub type_label: String,
    pub sector: String,
    pub summary: Option<String>,
    pub themes: Vec<LinkView>,
    pub deadline: Option<DateView>,
    pub status: StatusView,
    pub first_response: Option<DateView>,
    pub days_taken: Option<i64>,
    pub response_count: usize,
    pub finding_count: usize,
    pub draft: bool,
}

/// A response in a list.
#[derive(Clone, Debug, Serialize)]
pub struct ResponseCardView {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub date: Option<DateView>,
    pub published: Option<DateView>,
    /// The date that counts: published, else date.
    pub counting_date: Option<DateView>,
    pub reports: Vec<LinkView>,
    pub draft: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct FindingView {
    pub id: String,
    /// The element id on the report page, `finding-r3`.
    pub anchor: String,
    /// Link to the finding on its report page.
    pub url: String,
    pub kind: String,
    pub kind_code: &'static str,
    pub text_html: String,
    pub addressed_to: Vec<String>,
    pub applies: bool,
    pub owner: Option<String>,
    pub due: Option<DateView>,
    /// The due date as it reads: "31 March 2024", "by March 2024" (written as a month) or
    /// "within 6 months (by 29 February 2024)" (a period after publication).
    pub due_text: Option<String>,
    pub status: String,
    pub status_code: String,
    /// Whether its status is a finished one (closed, superseded...; with the office's own
    /// words, one it marks `closed = true`).
    pub closed: bool,
    pub overdue: bool,
    pub updates: Vec<FindingUpdateView>,
    /// Responses that explain this finding (s.55(5B)).
    pub addressed_by: Vec<LinkView>,
    pub report: LinkView,
}

/// The grade HMICFRS gave in one area.
#[derive(Clone, Debug, Serialize)]
pub struct GradeView {
    /// The area's title, from `grade-areas.toml`.
    pub area: String,
    pub area_key: String,
    /// "Requires improvement": the tag text, which never relies on colour.
    pub grade: String,
    /// `requires-improvement`, for CSS classes.
    pub grade_code: &'static str,
}

/// A report in the columns of the grades page.
#[derive(Clone, Debug, Serialize)]
pub struct GradedReportView {
    pub title: String,
    pub url: String,
    pub published: DateView,
    pub type_label: &'static str,
}

/// A graded area, a row of the grades page: its grade in each report of the columns.
#[derive(Clone, Debug, Serialize)]
pub struct GradeRowView {
    pub key: String,
    pub title: String,
    pub description: Option<String>,
    /// One per graded report, in the order of the columns; `None` where it did not grade
    /// this area.
    pub grades: Vec<Option<GradeView>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FindingUpdateView {
    pub date: DateView,
    pub status: String,
    pub status_code: String,
    pub note: Option<String>,
}

/// The language pages are made in: the site's main language at the root, or one of its
/// `[languages.<code>]` under its folder, with the words of `config.toml` in that language.
#[derive(Clone, Copy, Debug)]
pub struct PageLanguage<'a> {
    /// As `<html lang>` writes it: `language` of `config.toml` (`en-GB`), or the code of a
    /// `[languages.<code>]` table (`cy`).
    pub code: &'a str,
    /// `None` for the main language; the folder of another (`cy`).
    pub folder: Option<&'a str>,
    pub title: &'a str,
    pub organisation: &'a str,
    pub force: Option<&'a str>,
}

impl<'a> PageLanguage<'a> {
    /// The site's main language.
    pub fn main(config: &'a Config) -> PageLanguage<'a> {
        PageLanguage {
            code: &config.language,
            folder: None,
            title: &config.title,
            organisation: &config.organisation,
            force: config.force.as_deref(),
        }
    }

    /// Every language of the site, the main one first.
    pub fn every(config: &'a Config) -> Vec<PageLanguage<'a>> {
        let others = config.languages.iter().map(|language| PageLanguage {
            code: &language.code,
            folder: Some(&language.code),
            title: &language.title,
            organisation: &language.organisation,
            force: language.force.as_deref(),
        });
        std::iter::once(PageLanguage::main(config))
            .chain(others)
            .collect()
    }
}

/// A language of the site as its switcher names it, in itself.
#[derive(Clone, Debug)]
pub struct LanguageName {
    /// As [`PageLanguage::code`].
    pub code: String,
    pub folder: Option<String>,
    /// "Cymraeg".
    pub name: String,
    /// "Newid yr iaith i'r Gymraeg".
    pub change: String,
}

impl LanguageName {
    /// Every language of the site (none for a site of one language), named by the theme's
    /// words of each language.
    pub fn every(config: &Config, words: &super::words::Words) -> Vec<LanguageName> {
        if config.languages.is_empty() {
            return Vec::new();
        }
        let say = |code: &str, key: &str| {
            words
                .say(code, key, &|_| None)
                .unwrap_or_else(|_| code.to_string())
        };
        PageLanguage::every(config)
            .into_iter()
            .map(|language| LanguageName {
                code: language.code.to_string(),
                folder: language.folder.map(str::to_string),
                name: say(language.code, "program.language_name"),
                change: say(language.code, "program.language_change"),
            })
            .collect()
    }
}

/// Builds views; holds what every view needs.
pub struct ViewBuilder<'a> {
    pub archive: &'a Archive,
    pub indexes: &'a Indexes,
    address: SiteAddress<'a>,
    pub language: PageLanguage<'a>,
    /// Every language of the site, for each page's versions; empty for one language.
    names: std::sync::Arc<[LanguageName]>,
    /// The theme's words, for the values the program words itself (tags, sentences).
    words: std::sync::Arc<super::words::Words>,
    /// The label of every word of the vocabulary in the views' language, made once: (group,
    /// word, label).
    labels: Vec<(&'static str, &'static str, String)>,
}

impl<'a> ViewBuilder<'a> {
    /// Views in the site's main language.
    pub fn new(archive: &'a Archive, indexes: &'a Indexes) -> ViewBuilder<'a> {
        ViewBuilder::in_language(archive, indexes, PageLanguage::main(&archive.config))
    }

    /// Views in `language`: its links, dates and the config's words in it.
    pub fn in_language(
        archive: &'a Archive,
        indexes: &'a Indexes,
        language: PageLanguage<'a>,
    ) -> ViewBuilder<'a> {
        ViewBuilder {
            archive,
            indexes,
            address: archive.config.address().in_language(language.folder),
            language,
            names: std::sync::Arc::from(Vec::new()),
            words: std::sync::Arc::new(super::words::Words::built_in()),
            labels: Vec::new(),
        }
        .with_labels()
    }

    /// The same views, worded by a theme's words (its own over the built-in ones).
    pub fn with_words(self, words: std::sync::Arc<super::words::Words>) -> ViewBuilder<'a> {
        ViewBuilder { words, ..self }.with_labels()
    }

    /// The views with the vocabulary's labels made in their words.
    fn with_labels(mut self) -> ViewBuilder<'a> {
        use crate::vocabulary::{FindingKind, FindingStatus, Grade, ReportType};
        fn words_of<V: Vocabulary>() -> impl Iterator<Item = &'static str> {
            V::WORDS.iter().map(|(word, _)| *word)
        }
        let groups: [(&'static str, Vec<&'static str>); 5] = [
            ("report_type", words_of::<ReportType>().collect()),
            ("sector", words_of::<Sector>().collect()),
            ("finding_kind", words_of::<FindingKind>().collect()),
            ("finding_status", words_of::<FindingStatus>().collect()),
            ("grade", words_of::<Grade>().collect()),
        ];
        let mut labels = Vec::new();
        for (group, words) in groups {
            for word in words {
                labels.push((
                    group,
                    word,
                    self.say(&format!("program.{group}.{word}"), &[]),
                ));
            }
        }
        self.labels = labels;
        self
    }

    /// The words of a `program.` key in the views' language, with `arguments` (plain text).
    pub fn say(&self, key: &str, arguments: &[(&str, &str)]) -> String {
        self.words.text(self.language.code, key, arguments)
    }

    /// The words of a `program.` key in the views' language as written, `{name}` places kept,
    /// by plural category: for a script that fills them in (search.js).
    pub fn forms(&self, key: &str) -> Vec<(&'static str, String)> {
        self.words.forms(self.language.code, key)
    }

    /// Who a finding is addressed to, from a slug of its `addressed_to`. The slug is in the main
    /// language's words, so its pages show them; another language's pages show the language's
    /// `force` for the force's slug, else the theme's `program.addressee.<slug>`, else the
    /// slug's words too.
    fn addressee(&self, slug: &str) -> String {
        if self.language.folder.is_none() {
            return humanise(slug);
        }
        let config = &self.archive.config;
        if let (Some(force), Some(own)) = (config.force.as_deref(), self.language.force) {
            if crate::document::slugify(force) == slug {
                return own.to_string();
            }
        }
        let key = format!("program.addressee.{slug}");
        match self.words.forms(self.language.code, &key).is_empty() {
            true => humanise(slug),
            false => self.say(&key, &[]),
        }
    }

    /// A count of days, "1 day", "5 diwrnod".
    fn days(&self, count: i64) -> String {
        self.say("program.days", &[("count", &count.to_string())])
    }

    /// A date in words in the views' language.
    fn long(&self, date: Date) -> String {
        self.date(date).long
    }

    /// "a", "a and b", "a, b and c", in the views' language.
    pub fn join_and(&self, items: &[&str]) -> String {
        match items {
            [] => String::new(),
            [one] => (*one).to_string(),
            [rest @ .., last] => {
                let rest = rest.join(", ");
                self.say("program.and", &[("first", &rest), ("last", last)])
            }
        }
    }

    /// The label of a word of the vocabulary in the views' language (`program.<group>.<word>`).
    pub fn label<V: crate::vocabulary::Vocabulary>(&self, group: &str, value: V) -> String {
        let word = value.word();
        match (self.labels.iter()).find(|(g, w, _)| *g == group && *w == word) {
            Some((_, _, label)) => label.clone(),
            None => self.say(&format!("program.{group}.{word}"), &[]),
        }
    }

    /// The same views, knowing every language's name (for each page's versions).
    pub fn with_names(self, names: std::sync::Arc<[LanguageName]>) -> ViewBuilder<'a> {
        ViewBuilder { names, ..self }
    }

    /// The versions of the page at `route` in every language of the site, the main one first;
    /// none for a site of one language.
    pub fn alternates(&self, route: Route<'_>) -> Vec<AlternateView> {
        let site = self.archive.config.address();
        self.names
            .iter()
            .map(|name| {
                let address = site.in_language(name.folder.as_deref());
                AlternateView {
                    language: name.code.clone(),
                    name: name.name.clone(),
                    change: name.change.clone(),
                    url: address.link(route),
                    absolute: address.absolute(route),
                    current: name.folder.as_deref() == self.language.folder,
                }
            })
            .collect()
    }

    /// Where the site is, its links made in the views' language.
    pub fn address(&self) -> SiteAddress<'a> {
        self.address
    }

    /// A date as pages show it, in the views' language ("2 May 2023", "2 Mai 2023").
    pub fn date(&self, date: Date) -> DateView {
        DateView {
            iso: date.iso(),
            long: date.long_in(self.language.code),
        }
    }

    /// A page or file as a link under the base path (`/hmicfrs/reports/x/`).
    pub fn link(&self, route: Route<'_>) -> String {
        self.address.link(route)
    }

    pub fn site(&self) -> SiteView {
        let config = &self.archive.config;
        let grades = (self.archive.has_grades()).then_some(("program.nav.grades", Route::Grades));
        // A national site's list of every report comes first: what its readers look for.
        let reports = (self.archive.national.as_ref()).map(|_| {
            let newest = Route::NationalReports(crate::routes::ReportOrder::Newest, 1);
            ("program.nav.reports", newest)
        });
        let nav = reports
            .into_iter()
            .chain([
                ("program.nav.years", Route::Years),
                ("program.nav.themes", Route::Themes),
            ])
            .chain(grades)
            .chain([
                ("program.nav.findings", Route::Findings),
                ("program.nav.deadlines", Route::Deadlines),
                ("program.nav.search", Route::Search),
            ])
            .map(|(key, route)| LinkView {
                title: self.say(key, &[]),
                url: self.link(route),
            })
            .collect();
        let footer_pages = self
            .archive
            .pages
            .iter()
            .map(|page| LinkView {
                // The words people look for in a footer, whatever the page's own title.
                title: match page.kind {
                    PageKind::AccessibilityStatement => {
                        self.say("program.accessibility_statement", &[])
                    }
                    PageKind::Page => page.title.clone(),
                },
                url: self.link(Route::Page(&page.slug)),
            })
            .collect();
        let language = self.language;
        SiteView {
            title: language.title.to_string(),
            base_url: config.base_url.clone(),
            base_path: config.base_path.clone(),
            language: language.code.to_string(),
            language_path: language.folder.map(|f| format!("{f}/")).unwrap_or_default(),
            organisation: language.organisation.to_string(),
            force: language.force.map(str::to_string),
            today: self.date(self.indexes.today),
            deadline_days: config.deadline.days,
            nav,
            footer_pages,
        }
    }

    pub fn status(&self, status: ResponseStatus) -> StatusView {
        let days = |key: &str, count: i64| self.say(key, &[("days", &self.days(count))]);
        let label = match status {
            ResponseStatus::Late { days_late } => days("program.status.late_by", days_late),
            ResponseStatus::Due { days_left: 0 } => self.say("program.status.due_today", &[]),
            ResponseStatus::Due { days_left } => days("program.status.due_in", days_left),
            ResponseStatus::Overdue { days_overdue } => {
                days("program.status.overdue_by", days_overdue)
            }
            other => self.say(&format!("program.response_status.{}", other.code()), &[]),
        };
        StatusView {
            code: status.code(),
            label,
            days_late: status.days_late(),
            days_left: status.days_left(),
        }
    }

    pub fn theme_links(&self, report: &Report) -> Vec<LinkView> {
        report
            .themes
            .iter()
            .filter_map(|slug| self.archive.theme(slug))
            .map(|theme| LinkView {
                title: theme.title.clone(),
                url: self.link(Route::Theme(&theme.slug)),
            })
            .collect()
    }

    pub fn report_card(&self, id: ReportId) -> ReportCardView {
        let report = self.archive.report_at(id);
        let timing = &self.indexes.timeliness[id.index()];
        ReportCardView {
            slug: report.slug.clone(),
            url: self.link(Route::Report(&report.slug)),
            title: report.title.clone(),
            published: self.date(report.published),
            type_label: self.label("report_type", report.report_type),
            sector: self.label("sector", report.sector),
            summary: report.summary.clone(),
            themes: self.theme_links(report),
            deadline: timing.deadline.map(|d| self.date(d)),
            status: self.status(timing.status),
            first_response: timing.first_response.map(|d| self.date(d)),
            days_taken: timing.days_taken,
            response_count: self.indexes.responses_of[id.index()].len(),
            finding_count: report.findings.len(),
            draft: report.draft,
        }
    }

    pub fn response_title(&self, response: &Response) -> String {
        if let Some(title) = &response.title {
            return title.clone();
        }
        let titles: Vec<&str> = response
            .reports
            .iter()
            .filter_map(|slug| self.archive.report(slug))
            .map(|report| report.title.as_str())
            .collect();
        self.say(
            "program.response_to",
            &[("reports", &self.join_and(&titles))],
        )
    }

    pub fn response_card(&self, id: ResponseId) -> ResponseCardView {
        let response = self.archive.response_at(id);
        ResponseCardView {
            slug: response.slug.clone(),
            url: self.link(Route::Response(&response.slug)),
            title: self.response_title(response),
            date: response.date.map(|d| self.date(d)),
            published: response.published.map(|d| self.date(d)),
            counting_date: response.counting_date().map(|d| self.date(d)),
            reports: self.report_links(&response.reports),
            draft: response.draft,
        }
    }

    pub fn report_links(&self, slugs: &[String]) -> Vec<LinkView> {
        slugs
            .iter()
            .filter_map(|slug| self.archive.report(slug))
            .map(|report| LinkView {
                title: report.title.clone(),
                url: self.link(Route::Report(&report.slug)),
            })
            .collect()
    }

    pub fn finding(
        &self,
        report_id: ReportId,
        finding: &Finding,
        text_html: String,
    ) -> FindingView {
        let report = self.archive.report_at(report_id);
        let anchor = finding_anchor(&finding.id);
        let addressed_by = self.indexes.responses_of[report_id.index()]
            .iter()
            .map(|&i| self.archive.response_at(i))
            .filter(|response| response.addresses.contains(&finding.id))
            .map(|response| LinkView {
                title: self.response_title(response),
                url: self.link(Route::Response(&response.slug)),
            })
            .collect();
        let words = &self.archive.config.statuses;
        let status = words.get(finding.current_status(words));
        FindingView {
            id: finding.id.clone(),
            url: self
                .address
                .link_with_fragment(Route::Report(&report.slug), &anchor),
            anchor,
            kind: self.label("finding_kind", finding.kind),
            kind_code: crate::vocabulary::Vocabulary::word(finding.kind),
            text_html,
            addressed_to: finding
                .addressed_to
                .iter()
                .map(|who| self.addressee(who))
                .collect(),
            applies: finding.applies,
            owner: finding.owner.clone(),
            due: finding.due.map(|d| self.date(d)),
            due_text: finding.due_text_in(self.language.code),
            status: self.status_label(status),
            status_code: status.key.clone(),
            closed: status.closed,
            overdue: finding.is_overdue(self.indexes.today, words),
            updates: finding
                .updates
                .iter()
                .map(|update| FindingUpdateView {
                    date: self.date(update.date),
                    status: self.status_label(words.get(update.status)),
                    status_code: words.get(update.status).key.clone(),
                    note: update.note.clone(),
                })
                .collect(),
            addressed_by,
            report: LinkView {
                title: report.title.clone(),
                url: self.link(Route::Report(&report.slug)),
            },
        }
    }

    /// A report's grade in one area, titled from `grade-areas.toml`.
    pub fn grade(&self, grade: &AreaGrade) -> GradeView {
        let title = self.archive.grade_area(&grade.area).map(|area| &area.title);
        GradeView {
            area: title.unwrap_or(&grade.area).clone(),
            area_key: grade.area.clone(),
            grade: self.label("grade", grade.grade),
            grade_code: grade.grade.word(),
        }
    }

    /// A finding status's label: the office's own words as written, a default one in the
    /// views' language.
    pub fn status_label(&self, word: &crate::vocabulary::StatusWord) -> String {
        match word.default {
            Some(status) => self.label("finding_status", status),
            None => word.label.clone(),
        }
    }

    pub fn finding_entry(&self, entry: &FindingEntry, text_html: String) -> FindingView {
        let finding = &self.archive.report_at(entry.report).findings[entry.finding];
        self.finding(entry.report, finding, text_html)
    }

    /// "Published by HMICFRS on 8 March 2023. The response was due by 2 May 2023 and was
    /// published on 2 May 2023, on time." ("is dated 2 May 2023" when only the letter's date is
    /// known.)
    pub fn timeliness_sentence(&self, report: &Report, timing: &ReportTimeliness) -> String {
        let published = self.say(
            "program.timeliness.published",
            &[("date", &self.long(report.published))],
        );
        let deadline = timing.deadline.map(|d| self.long(d)).unwrap_or_default();
        let first = timing
            .first_response
            .map(|d| self.long(d))
            .unwrap_or_default();
        // A letter's date is not the day it went online: say which one is known.
        let (on_time, late) = if timing.first_response_published {
            (
                "program.timeliness.published_on_time",
                "program.timeliness.published_late",
            )
        } else {
            (
                "program.timeliness.dated_on_time",
                "program.timeliness.dated_late",
            )
        };
        let dates = [("deadline", deadline.as_str()), ("first", first.as_str())];
        let with_days = |key: &str, count: i64| {
            let days = self.days(count);
            self.say(key, &[dates[0], dates[1], ("days", &days)])
        };
        let rest = match timing.status {
            ResponseStatus::OnTime => self.say(on_time, &dates),
            ResponseStatus::Late { days_late } => with_days(late, days_late),
            ResponseStatus::Due { days_left: 0 } => {
                self.say("program.timeliness.due_today", &dates)
            }
            ResponseStatus::Due { days_left } => with_days("program.timeliness.due_in", days_left),
            ResponseStatus::Overdue { days_overdue } => {
                with_days("program.timeliness.overdue", days_overdue)
            }
            ResponseStatus::DateUnknown => self.say("program.timeliness.date_unknown", &dates),
            ResponseStatus::NoDeadline => {
                let window = self.archive.config.deadline.days.to_string();
                let key = match self.no_duty_reason(report) {
                    NoDuty::Fire => "program.timeliness.no_duty_fire",
                    NoDuty::Before => "program.timeliness.no_duty_before",
                    NoDuty::Other => "program.timeliness.no_duty",
                };
                let began = self.long(self.archive.config.deadline.from);
                self.say(key, &[("window", &window), ("date", &began)])
            }
        };
        format!("{published} {rest}")
    }

    fn no_duty_reason(&self, report: &Report) -> NoDuty {
        if report.statutory == Some(false) {
            NoDuty::Other
        } else if report.sector == Sector::Fire {
            NoDuty::Fire
        } else if report.published < self.archive.config.deadline.from {
            NoDuty::Before
        } else {
            NoDuty::Other
        }
    }

    /// For a response page: how long it took for each report it answers, counting the day the
    /// report was published as day 1, as the 56-day rule does.
    pub fn response_timing(&self, response: &Response) -> Vec<String> {
        let Some(date) = response.counting_date() else {
            return vec![self.say("program.timing.undated", &[])];
        };
        let took_key = if response.published.is_some() {
            "program.timing.took_published"
        } else {
            "program.timing.took_dated"
        };
        let window = self.archive.config.deadline.days.to_string();
        response
            .reports
            .iter()
            .filter_map(|slug| self.archive.report(slug))
            .map(|report| {
                let took = self.say(
                    took_key,
                    &[
                        ("days", &self.days(day_number(report.published, date))),
                        ("published", &self.long(report.published)),
                        ("title", &report.title),
                        ("date", &self.long(date)),
                    ],
                );
                match self.archive.deadline(report) {
                    Some(deadline) if date <= deadline => self.say(
                        "program.timing.on_time",
                        &[("took", &took), ("deadline", &self.long(deadline))],
                    ),
                    Some(deadline) => self.say(
                        "program.timing.late",
                        &[
                            ("took", &took),
                            ("deadline", &self.long(deadline)),
                            ("days", &self.days(date.days_since(deadline))),
                        ],
                    ),
                    None => self.say(
                        "program.timing.no_duty",
                        &[("took", &took), ("window", &window)],
                    ),
                }
            })
            .collect()
    }
}

/// Why the duty to respond does not apply to a report.
enum NoDuty {
    Fire,
    Before,
    Other,
}

/// The element id of a finding on its report page: `R3` → `finding-r3`.
pub fn finding_anchor(id: &str) -> String {
    format!("finding-{}", crate::markdown::heading_slug(id))
}

/// "1 day", "2 days".
pub fn plural(count: i64, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// Cuts `text` to at most `limit` characters at a word boundary, adding "…".
pub fn shorten(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let cut: String = text.chars().take(limit.saturating_sub(1)).collect();
    let at_word = match cut.rfind(char::is_whitespace) {
        Some(space) if space > cut.len() / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([' ', ',', ';', ':']))
}

/// "a", "a and b", "a, b and c".
pub fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Bodies usually written as initials.
const ACRONYMS: &[&str] = &[
    "ersou", "nca", "npcc", "hmicfrs", "rocu", "cps", "vru", "vrus", "pcc", "pccs", "pfcc", "apcc",
    "ncsc",
];

/// `chief-constables` → "Chief constables", `ersou` → "ERSOU".
pub fn humanise(slug: &str) -> String {
    let words: Vec<String> = slug
        .split('-')
        .filter(|word| !word.is_empty())
        .enumerate()
        .map(|(index, word)| {
            if ACRONYMS.contains(&word) {
                word.to_uppercase()
            } else if index == 0 {
                capitalise(word)
            } else {
                word.to_string()
            }
        })
        .collect();
    words.join(" ")
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_for_people() {
        assert_eq!(plural(1, "day"), "1 day");
        assert_eq!(plural(0, "day"), "0 days");
        assert_eq!(join_and(&["a", "b", "c"]), "a, b and c");
        assert_eq!(humanise("chief-constables"), "Chief constables");
        assert_eq!(humanise("home-office"), "Home office");
        assert_eq!(humanise("ersou"), "ERSOU");
        assert_eq!(humanise("constituent-forces"), "Constituent forces");
        assert_eq!(finding_anchor("AFI 1"), "finding-afi-1");
    }
}
