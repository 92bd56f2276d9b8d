//! The plan: the shape of the whole archive (themes, reports, responses and who answers what),
//! decided from the seed before any text is written.

use crate::dates::Date;

use super::GenerateOptions;
use super::reports::{ReportPlan, plan_report};
use super::responses::{ResponsePlan, plan_response};
use super::rng::{Rng, STREAM_PLAN};
use super::site::{ThemePlan, theme_plans};

pub(super) const FIRST_DAY: Date = Date::constant(2013, 1, 1);
pub(super) const LAST_DAY: Date = Date::constant(2024, 12, 31);
/// 2013 to 2024 inclusive: twelve years, three of them leap years.
pub(super) const DAYS: usize = 365 * 12 + 3;

/// The shape of the whole archive, decided before any text is written, so that every cross
/// reference (responses, follow-ups, finding ids, links) points at something that exists.
pub(super) struct Plan {
    pub(super) seed: u64,
    pub(super) themes: Vec<ThemePlan>,
    pub(super) reports: Vec<ReportPlan>,
    pub(super) responses: Vec<ResponsePlan>,
}

impl Plan {
    pub(super) fn new(options: &GenerateOptions) -> Plan {
        let mut rng = Rng::for_item(options.seed, STREAM_PLAN, 0);
        let themes = theme_plans(options.themes.max(1));
        let mut reports: Vec<ReportPlan> = (0..options.reports)
            .map(|index| plan_report(&mut rng, options, &themes, index))
            .collect();
        let mut responses = Vec::new();
        let mut index = 0;
        while index < reports.len() {
            let answer_two = index + 1 < reports.len()
                && rng.percent(3)
                && reports[index]
                    .published
                    .days_since(reports[index + 1].published)
                    .abs()
                    < 120;
            let answered: Vec<usize> = if answer_two {
                vec![index, index + 1]
            } else {
                vec![index]
            };
            index += answered.len();
            let letters = match rng.below(100) {
                0..=7 => 0,
                8..=94 => 1,
                _ => 2,
            };
            for letter in 0..letters {
                if let Some(response) = plan_response(&mut rng, &reports, &answered, letter) {
                    for &report in &answered {
                        reports[report].responses.push(responses.len());
                    }
                    responses.push(response);
                }
            }
        }
        Plan {
            seed: options.seed,
            themes,
            reports,
            responses,
        }
    }

    pub(super) fn themes_of(&self, report: &ReportPlan) -> Vec<&ThemePlan> {
        report.themes.iter().map(|&t| &self.themes[t]).collect()
    }
}
