//! The Markdown body of a report, response or page: paragraphs, headings, lists, tables, code,
//! footnotes and links, written up to a number of words.

use std::fmt::Write as _;

use super::plan::Plan;
use super::reports::{Kind, ReportPlan};
use super::rng::Rng;
use super::site::ThemePlan;
use super::words::{
    ACTIONS, CLAUSES, CRIMES, LEADS, OBJECTS, SUBJECTS, VERBS, capitalise, lowercase_first,
};

/// A Markdown body being written, up to a number of words.
pub(super) struct Body<'r> {
    pub(super) rng: &'r mut Rng,
    pub(super) text: String,
    words: usize,
    target: usize,
    pub(super) headings: usize,
    footnotes: usize,
}

impl<'r> Body<'r> {
    pub(super) fn new(rng: &'r mut Rng, target: usize) -> Body<'r> {
        Body {
            rng,
            text: String::with_capacity(target * 8),
            words: 0,
            target,
            headings: 0,
            footnotes: 0,
        }
    }

    /// Whether this part of the body should go on: true until `share` of the words are written.
    pub(super) fn wants(&self, share: f64) -> bool {
        (self.words as f64) < self.target as f64 * share
    }

    /// Appends `text`, counting its words (not the Markdown around them).
    fn push_words(&mut self, text: &str) {
        self.words += text
            .split_whitespace()
            .filter(|word| word.chars().any(char::is_alphanumeric))
            .count();
        self.text.push_str(text);
    }

    pub(super) fn line(&mut self, text: &str) {
        self.push_words(text);
        self.text.push_str("\n\n");
    }

    pub(super) fn heading(&mut self, title: &str) {
        self.headings += 1;
        let hashes = if self.headings > 2 && self.rng.percent(15) {
            "###"
        } else {
            "##"
        };
        self.text.push_str(hashes);
        self.text.push(' ');
        self.line(title);
    }

    fn sentence(&mut self) -> String {
        match self.rng.below(10) {
            0 => {
                let year = 2013 + self.rng.below(12);
                format!(
                    "In {year}/{:02}, the force recorded {} offences of {}, a change of {} per cent on the previous year.",
                    (year + 1) % 100,
                    self.rng.between(300, 24_000),
                    self.rng.pick(CRIMES),
                    self.rng.between(1, 19)
                )
            }
            1 => format!(
                "The inspectorate found that {} {}{}.",
                lowercase_first(self.rng.pick::<&str>(SUBJECTS)),
                self.rng.pick(VERBS),
                if self.rng.percent(50) {
                    " some aspects of its work"
                } else {
                    " its approach"
                }
            ),
            _ => format!(
                "{} {} {}{}.",
                self.rng.pick(SUBJECTS),
                self.rng.pick(VERBS),
                self.rng.pick(OBJECTS),
                self.rng.pick(CLAUSES)
            ),
        }
    }

    pub(super) fn paragraph(&mut self, themes: &[&ThemePlan]) {
        let sentences = self.rng.between(3, 7);
        let mut text = String::new();
        for index in 0..sentences {
            if index > 0 {
                text.push(' ');
            }
            let sentence = self.sentence();
            text.push_str(&sentence);
        }
        match self.rng.below(12) {
            0 if !themes.is_empty() => {
                let theme = *self.rng.pick(themes);
                let _ = write!(
                    text,
                    " See the other reports on [{}](/themes/{}/).",
                    lowercase_first(&theme.title),
                    theme.slug
                );
            }
            1 if self.footnotes < 3 => {
                self.footnotes += 1;
                let _ = write!(
                    text,
                    "[^{n}]\n\n[^{n}]: Police Act 1996, section 55, as amended by the Policing and Crime Act 2017.",
                    n = self.footnotes
                );
            }
            2 => text.push_str(
                " This is a **priority** for the Commissioner's *Police and Crime Plan*.",
            ),
            _ => {}
        }
        self.line(&text);
    }

    pub(super) fn bullet_list(&mut self) {
        let items = self.rng.between(3, 6);
        for _ in 0..items {
            let item = format!(
                "- {} {} {}\n",
                lowercase_first(self.rng.pick::<&str>(SUBJECTS)),
                self.rng.pick(VERBS),
                self.rng.pick(OBJECTS)
            );
            self.push_words(&item);
        }
        self.text.push('\n');
    }

    pub(super) fn numbered_list(&mut self) {
        let items = self.rng.between(3, 5);
        for number in 1..=items {
            let item = format!("{number}. {}\n", capitalise(self.rng.pick::<&str>(ACTIONS)));
            self.push_words(&item);
        }
        self.text.push('\n');
    }

    pub(super) fn findings_list(&mut self, report: &ReportPlan) {
        for finding in &report.findings {
            let label = match finding.kind {
                Kind::Recommendation => "Recommendation",
                Kind::CauseOfConcern => "Cause of concern",
                Kind::AreaForImprovement => "Area for improvement",
                Kind::InnovativePractice => "Innovative practice",
            };
            let applies = if finding.applies {
                "applies to Essex Police"
            } else {
                "is for national bodies and does not apply to the force"
            };
            let item = format!("- **{label} {}** {applies}.\n", finding.id);
            self.push_words(&item);
        }
        self.text.push('\n');
    }

    pub(super) fn grades_table(&mut self) {
        const AREAS: &[&str] = &[
            "Investigating crime",
            "Protecting vulnerable people",
            "Managing offenders",
            "Responding to the public",
            "Preventing crime",
            "Treatment of the public",
            "Developing a positive workplace",
            "Good use of resources",
        ];
        const GRADES: &[&str] = &[
            "Outstanding",
            "Good",
            "Good",
            "Adequate",
            "Adequate",
            "Requires improvement",
            "Inadequate",
        ];
        self.text.push_str("| Area | Grade |\n|---|---|\n");
        let rows = self.rng.between(4, AREAS.len());
        for area in &AREAS[..rows] {
            let row = format!("| {area} | {} |\n", self.rng.pick(GRADES));
            self.push_words(&row);
        }
        self.text.push('\n');
    }

    pub(super) fn crime_table(&mut self, year: i16) {
        let crime = *self.rng.pick(CRIMES);
        let _ = write!(
            self.text,
            "Recorded {crime} in Essex:\n\n| Year | Recorded | Charged | Rate per 1,000 |\n|---|---:|---:|---:|\n"
        );
        for offset in (0..3).rev() {
            let recorded = self.rng.between(800, 20_000);
            let charged = recorded * self.rng.between(5, 25) / 100;
            let row = format!(
                "| {}/{:02} | {recorded} | {charged} | {}.{} |\n",
                year - offset - 1,
                (year - offset) % 100,
                self.rng.between(1, 30),
                self.rng.below(10)
            );
            self.push_words(&row);
        }
        self.text.push('\n');
    }

    pub(super) fn progress_table(&mut self, ids: &[String]) {
        self.text
            .push_str("| Recommendation | Lead | Status |\n|---|---|---|\n");
        for id in ids {
            let status = *self.rng.pick(&["In progress", "Complete", "Not started"]);
            let row = format!("| {id} | {} | {status} |\n", self.rng.pick(LEADS));
            self.push_words(&row);
        }
        self.text.push('\n');
    }

    pub(super) fn code_block(&mut self, year: i16) {
        if self.rng.percent(50) {
            let _ = write!(
                self.text,
                "The performance team extracts the figures with this query:\n\n```sql\nSELECT outcome_type, COUNT(*) AS crimes\nFROM recorded_crime\nWHERE financial_year = '{year}/{:02}'\n  AND offence_group = 'violence against the person'\nGROUP BY outcome_type\nORDER BY crimes DESC;\n```\n\n",
                (year + 1) % 100
            );
        } else {
            let _ = write!(
                self.text,
                "The figures are published as open data in this form:\n\n```json\n{{\n  \"measure\": \"emergency calls answered within 10 seconds\",\n  \"period\": \"{year}\",\n  \"value\": {},\n  \"target\": 90\n}}\n```\n\n",
                self.rng.between(60, 99)
            );
        }
        self.words += 25;
    }

    pub(super) fn links(&mut self, plan: &Plan, report: &ReportPlan) {
        let mut text = format!(
            "Read [the full report on the HMICFRS website](https://www.justiceinspectorates.gov.uk/hmicfrs/publications/{}/)",
            report.slug
        );
        if let Some(&response) = report.responses.first() {
            let _ = write!(
                text,
                ", [the report's page](/reports/{}/) and [the response](/responses/{}/)",
                report.slug, plan.responses[response].slug
            );
        }
        let _ = write!(
            text,
            ", or [every report published in {year}](/years/{year}/).",
            year = report.published.year()
        );
        self.line(&text);
    }
}
