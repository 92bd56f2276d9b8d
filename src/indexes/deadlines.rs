//! Deadlines: each report's 56-day deadline, its response status, and on-time rates per year.

use crate::archive::{Archive, ResponseId};
use crate::dates::Date;
use crate::deadline::{day_number, response_status};
use crate::vocabulary::ResponseStatus;

/// Whether and when a report was answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReportTimeliness {
    pub deadline: Option<Date>,
    pub status: ResponseStatus,
    /// The counting date of the earliest dated response.
    pub first_response: Option<Date>,
    /// Whether that date is when the first response went online (`published`), not only the
    /// date on its letter.
    pub first_response_published: bool,
    /// The day of the window the first response fell on (publication day is day 1).
    pub days_taken: Option<i64>,
}

/// The responses to each report, earliest first (undated last), as indices into `archive.responses`.
pub fn responses_of(archive: &Archive) -> Vec<Vec<ResponseId>> {
    let mut answers = vec![Vec::new(); archive.reports.len()];
    for (index, response) in archive.response_ids().zip(&archive.responses) {
        for slug in &response.reports {
            if let Some(report) = archive.report_position(slug) {
                answers[report.index()].push(index);
            }
        }
    }
    for list in answers.iter_mut().filter(|list| list.len() > 1) {
        list.sort_by_key(|i| {
            let response = archive.response_at(*i);
            let date = response.counting_date();
            (date.is_none(), date, response.slug.as_str())
        });
    }
    answers
}

pub fn timeliness(
    archive: &Archive,
    responses_of: &[Vec<ResponseId>],
    today: Date,
) -> Vec<ReportTimeliness> {
    archive
        .reports
        .iter()
        .zip(responses_of)
        .map(|(report, answers)| {
            let dates: Vec<Option<Date>> = answers
                .iter()
                .map(|&i| archive.response_at(i).counting_date())
                .collect();
            let deadline = archive.deadline(report);
            let first_response = dates.iter().flatten().min().copied();
            ReportTimeliness {
                deadline,
                status: response_status(deadline, &dates, today),
                first_response,
                // Undated responses sort last, so the first is the earliest dated one.
                first_response_published: answers
                    .first()
                    .is_some_and(|&i| archive.response_at(i).published.is_some()),
                days_taken: first_response.map(|date| day_number(report.published, date)),
            }
        })
        .collect()
}

/// How many responses with a deadline were on time, for reports published in one year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearRate {
    pub year: i16,
    pub on_time: usize,
    pub late: usize,
    /// Due, overdue or undated: not counted in the rate.
    pub other: usize,
}

impl YearRate {
    /// Counts one response's status into the rate of `year`, adding that year if new.
    pub fn count(rates: &mut Vec<YearRate>, year: i16, status: ResponseStatus) {
        let index = match rates.iter().position(|rate| rate.year == year) {
            Some(index) => index,
            None => {
                rates.push(YearRate {
                    year,
                    on_time: 0,
                    late: 0,
                    other: 0,
                });
                rates.len() - 1
            }
        };
        let rate = &mut rates[index];
        match status {
            ResponseStatus::OnTime => rate.on_time += 1,
            ResponseStatus::Late { .. } => rate.late += 1,
            _ => rate.other += 1,
        }
    }

    /// Whole-number percentage of decided responses that were on time.
    pub fn percent(&self) -> Option<u32> {
        let decided = self.on_time + self.late;
        (decided > 0).then(|| ((self.on_time * 100 + decided / 2) / decided) as u32)
    }
}

pub fn rates(archive: &Archive, timeliness: &[ReportTimeliness]) -> Vec<YearRate> {
    let mut rates: Vec<YearRate> = Vec::new();
    for (report, timing) in archive.reports.iter().zip(timeliness) {
        if timing.deadline.is_none() {
            continue;
        }
        YearRate::count(&mut rates, report.published.year(), timing.status);
    }
    rates.sort_by_key(|rate| std::cmp::Reverse(rate.year));
    rates
}
