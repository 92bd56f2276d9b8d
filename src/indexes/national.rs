//! The national view as of today: for each report, each expected body's response status and
//! the day it responded on; for each body, its record overall and year by year.

use super::YearRate;
use crate::archive::Archive;
use crate::archive::national::National;
use crate::dates::Date;
use crate::deadline::{day_number, response_status};
use crate::routes::ReportOrder;
use crate::vocabulary::ResponseStatus;

/// How many reports a page of the national list of reports (`/reports/`) holds.
pub const REPORTS_PER_PAGE: usize = 100;

/// The national indexes: present exactly when the archive has sources.
#[derive(Clone, Debug)]
pub struct NationalIndex {
    /// One per national report (in [`National::reports`] order).
    pub reports: Vec<NationalTimeliness>,
    /// One per body (in [`National::bodies`] order).
    pub bodies: Vec<BodyRecord>,
    /// Every expected response with a deadline, all bodies together, by year, newest first.
    pub rates: Vec<YearRate>,
    /// The reports (by place in [`National::reports`]) in each order of
    /// [`ReportOrder::ALL`], in that order.
    pub orders: [Vec<usize>; 3],
}

impl NationalIndex {
    /// The reports in `order`, by place in [`National::reports`].
    pub fn in_order(&self, order: ReportOrder) -> &[usize] {
        let at = ReportOrder::ALL
            .iter()
            .position(|&o| o == order)
            .unwrap_or(0);
        &self.orders[at]
    }

    /// How many pages the list of reports takes in each order: at least one.
    pub fn report_pages(&self) -> usize {
        self.reports.len().div_ceil(REPORTS_PER_PAGE).max(1)
    }
}

/// A national report's deadline and each expected body's part in it.
#[derive(Clone, Debug)]
pub struct NationalTimeliness {
    pub deadline: Option<Date>,
    /// In the order of `expected`.
    pub bodies: Vec<BodyTiming>,
}

/// How the expected bodies stand on one report, all together.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReportTally {
    pub expected: usize,
    /// Bodies with a response, dated or not.
    pub responded: usize,
    pub on_time: usize,
    /// Bodies with no response past the deadline.
    pub overdue: usize,
}

impl NationalTimeliness {
    /// The expected bodies counted together.
    pub fn tally(&self) -> ReportTally {
        let mut tally = ReportTally {
            expected: self.bodies.len(),
            ..ReportTally::default()
        };
        for timing in &self.bodies {
            if timing.response.is_some() {
                tally.responded += 1;
            }
            match timing.status {
                ResponseStatus::OnTime => tally.on_time += 1,
                ResponseStatus::Overdue { .. } => tally.overdue += 1,
                _ => {}
            }
        }
        tally
    }
}

/// The national reports (by place, newest first already) in each order of
/// [`ReportOrder::ALL`]. Ties keep the newest first.
fn orders(reports: &[NationalTimeliness]) -> [Vec<usize>; 3] {
    let tallies: Vec<ReportTally> = reports.iter().map(NationalTimeliness::tally).collect();
    ReportOrder::ALL.map(|order| {
        let mut places: Vec<usize> = (0..reports.len()).collect();
        match order {
            ReportOrder::Newest => {}
            // Fewest responses first; of those, most bodies still to respond first.
            ReportOrder::FewestResponses => places.sort_by_key(|&at| {
                let tally = tallies[at];
                (tally.responded, std::cmp::Reverse(tally.expected), at)
            }),
            ReportOrder::MostOverdue => {
                places.sort_by_key(|&at| (std::cmp::Reverse(tallies[at].overdue), at));
            }
        }
        places
    })
}

/// One expected body's response (or none) to one report.
#[derive(Clone, Debug)]
pub struct BodyTiming {
    pub body: usize,
    /// Its earliest dated response (else its first), by place in [`National::responses`].
    pub response: Option<usize>,
    pub status: ResponseStatus,
    /// The day of the window it responded on (publication is day 1).
    pub day: Option<i64>,
}

/// A body's record.
#[derive(Clone, Debug, Default)]
pub struct BodyRecord {
    /// Expected reports, by place in [`National::reports`], newest first.
    pub reports: Vec<usize>,
    pub responses: usize,
    pub on_time: usize,
    pub late: usize,
    /// No response, and the deadline has passed.
    pub overdue: usize,
    /// The median day of the window its dated responses came on.
    pub median_day: Option<i64>,
    /// Newest year first.
    pub rates: Vec<YearRate>,
}

impl BodyRecord {
    /// On time as a whole-number percentage of the responses decided (on time or late).
    pub fn percent(&self) -> Option<u32> {
        YearRate {
            year: 0,
            on_time: self.on_time,
            late: self.late,
            other: 0,
        }
        .percent()
    }
}

/// Works out every expected body's status for every national report.
pub fn national(archive: &Archive, today: Date) -> Option<NationalIndex> {
    let national = archive.national.as_ref()?;
    let rule = &archive.config.deadline;
    let mut bodies: Vec<BodyRecord> = vec![BodyRecord::default(); national.bodies.len()];
    let mut days: Vec<Vec<i64>> = vec![Vec::new(); national.bodies.len()];
    let mut all_rates: Vec<YearRate> = Vec::new();
    let reports = national
        .reports
        .iter()
        .enumerate()
        .map(|(at, report)| {
            let deadline = rule
                .applies(report.sector, report.published, None)
                .then(|| rule.deadline(report.published));
            let timings = report
                .expected
                .iter()
                .map(|&body| {
                    let timing = timing(national, at, body, deadline, today);
                    let record = &mut bodies[body];
                    record.reports.push(at);
                    if timing.response.is_some() {
                        record.responses += 1;
                    }
                    if let Some(day) = timing.day {
                        days[body].push(day);
                    }
                    if deadline.is_some() {
                        let year = report.published.year();
                        YearRate::count(&mut record.rates, year, timing.status);
                        YearRate::count(&mut all_rates, year, timing.status);
                    }
                    match timing.status {
                        ResponseStatus::OnTime => record.on_time += 1,
                        ResponseStatus::Late { .. } => record.late += 1,
                        ResponseStatus::Overdue { .. } => record.overdue += 1,
                        _ => {}
                    }
                    timing
                })
                .collect();
            NationalTimeliness {
                deadline,
                bodies: timings,
            }
        })
        .collect::<Vec<NationalTimeliness>>();
    for (record, mut days) in bodies.iter_mut().zip(days) {
        record.median_day = median(&mut days);
        record
            .rates
            .sort_by_key(|rate| std::cmp::Reverse(rate.year));
    }
    all_rates.sort_by_key(|rate| std::cmp::Reverse(rate.year));
    Some(NationalIndex {
        orders: orders(&reports),
        reports,
        bodies,
        rates: all_rates,
    })
}

/// `body`'s part in report `at`: its responses, the earliest dated one deciding.
fn timing(
    national: &National,
    at: usize,
    body: usize,
    deadline: Option<Date>,
    today: Date,
) -> BodyTiming {
    let report = &national.reports[at];
    let mine: Vec<usize> = report
        .responses
        .iter()
        .copied()
        .filter(|&r| national.responses[r].body == body)
        .collect();
    let dates: Vec<Option<Date>> = mine
        .iter()
        .map(|&r| national.responses[r].counting_date())
        .collect();
    let status = response_status(deadline, &dates, today);
    // Responses are sorted dated first, earliest first: the first is the one that decides.
    let response = mine.first().copied();
    let day = response
        .and_then(|r| national.responses[r].counting_date())
        .map(|date| day_number(report.published, date));
    BodyTiming {
        body,
        response,
        status,
        day,
    }
}

/// The middle value (the lower of the two middle ones for an even count).
fn median(days: &mut [i64]) -> Option<i64> {
    if days.is_empty() {
        return None;
    }
    days.sort_unstable();
    Some(days[(days.len() - 1) / 2])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(statuses: &[(bool, ResponseStatus)]) -> NationalTimeliness {
        NationalTimeliness {
            deadline: None,
            bodies: (statuses.iter().enumerate())
                .map(|(body, &(responded, status))| BodyTiming {
                    body,
                    response: responded.then_some(body),
                    status,
                    day: None,
                })
                .collect(),
        }
    }

    #[test]
    fn reports_are_ordered_by_fewest_responses_and_most_overdue_newest_first_in_ties() {
        let on_time = (true, ResponseStatus::OnTime);
        let late = (true, ResponseStatus::Late { days_late: 3 });
        let overdue = (false, ResponseStatus::Overdue { days_overdue: 9 });
        let undated = (true, ResponseStatus::DateUnknown);
        let reports = [
            report(&[on_time, overdue]),
            report(&[overdue, overdue, overdue]),
            report(&[late, undated]),
            report(&[overdue]),
            report(&[]),
        ];
        assert_eq!(
            reports[2].tally(),
            ReportTally {
                expected: 2,
                responded: 2,
                on_time: 0,
                overdue: 0
            }
        );
        let [newest, fewest, overdue] = orders(&reports);
        assert_eq!(newest, vec![0, 1, 2, 3, 4]);
        // No response: three bodies expected, then one, then none; then one response.
        assert_eq!(fewest, vec![1, 3, 4, 0, 2]);
        assert_eq!(overdue, vec![1, 0, 3, 2, 4]);
    }

    #[test]
    fn the_median_is_the_middle_day_or_the_lower_middle() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [40]), Some(40));
        assert_eq!(median(&mut [60, 10, 56]), Some(56));
        assert_eq!(median(&mut [60, 10, 56, 20]), Some(20));
    }
}
