//! The 56-day rule: when the duty applies, the deadline, and a report's response status.
//! Pure functions of dates; "today" is always passed in.

use crate::dates::Date;
use crate::vocabulary::{ResponseStatus, Sector};

/// `[deadline]` in config.toml: the window and the date the duty started.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeadlineRule {
    /// Length of the window; the day of publication is day 1.
    pub days: i64,
    /// Police reports published on or after this date carry the duty.
    pub from: Date,
}

impl Default for DeadlineRule {
    fn default() -> Self {
        DeadlineRule {
            days: 56,
            from: Date::constant(2017, 5, 2),
        }
    }
}

impl DeadlineRule {
    /// Whether the s.55(5A) duty applies: the `statutory` override if given, else a police
    /// report published on or after `from`.
    pub fn applies(&self, sector: Sector, published: Date, statutory: Option<bool>) -> bool {
        statutory.unwrap_or(sector == Sector::Police && published >= self.from)
    }

    /// The last day on which a response is on time: day `days`, counting publication as day 1.
    pub fn deadline(&self, published: Date) -> Date {
        published.plus_days(self.days - 1)
    }
}

/// Which day of the window `date` falls on: the day of publication is day 1.
pub fn day_number(published: Date, date: Date) -> i64 {
    date.days_since(published) + 1
}

/// The date that counts for a response: when it went online, else the date on the letter.
pub fn response_date(date: Option<Date>, published: Option<Date>) -> Option<Date> {
    published.or(date)
}

/// A report's response status.
///
/// `deadline` is `None` when the duty does not apply. `response_dates` holds the counting date
/// of each response to the report (`None` for a response with no date). The earliest dated
/// response decides; only when every response is undated is the status `date-unknown`.
pub fn response_status(
    deadline: Option<Date>,
    response_dates: &[Option<Date>],
    today: Date,
) -> ResponseStatus {
    let Some(deadline) = deadline else {
        return ResponseStatus::NoDeadline;
    };
    let earliest = response_dates.iter().flatten().min();
    match earliest {
        Some(&date) if date <= deadline => ResponseStatus::OnTime,
        Some(&date) => ResponseStatus::Late {
            days_late: date.days_since(deadline),
        },
        None if !response_dates.is_empty() => ResponseStatus::DateUnknown,
        None if today <= deadline => ResponseStatus::Due {
            days_left: deadline.days_since(today),
        },
        None => ResponseStatus::Overdue {
            days_overdue: today.days_since(deadline),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse_iso(text).expect("a valid test date")
    }

    const RULE: DeadlineRule = DeadlineRule {
        days: 56,
        from: Date::constant(2017, 5, 2),
    };

    fn status(published: &str, responses: &[Option<&str>], today: &str) -> ResponseStatus {
        let published = date(published);
        let deadline = RULE
            .applies(Sector::Police, published, None)
            .then(|| RULE.deadline(published));
        let dates: Vec<Option<Date>> = responses.iter().map(|r| r.map(date)).collect();
        response_status(deadline, &dates, date(today))
    }

    #[test]
    fn the_content_model_example() {
        assert_eq!(RULE.deadline(date("2023-03-08")), date("2023-05-02"));
        assert_eq!(
            status("2023-03-08", &[Some("2023-05-02")], "2024-11-01"),
            ResponseStatus::OnTime
        );
        assert_eq!(
            status("2023-03-08", &[Some("2023-05-03")], "2024-11-01"),
            ResponseStatus::Late { days_late: 1 }
        );
    }

    #[test]
    fn day_56_is_on_time_and_day_57_is_late() {
        let published = date("2023-05-19");
        assert_eq!(day_number(published, date("2023-07-13")), 56);
        assert_eq!(
            status("2023-05-19", &[Some("2023-07-13")], "2024-11-01"),
            ResponseStatus::OnTime
        );
        assert_eq!(day_number(published, date("2023-07-14")), 57);
        assert_eq!(
            status("2023-05-19", &[Some("2023-07-14")], "2024-11-01"),
            ResponseStatus::Late { days_late: 1 }
        );
    }

    #[test]
    fn a_bank_holiday_deadline_is_not_extended() {
        // Published 4 July 2023: day 56 is Monday 28 August 2023, the summer bank holiday.
        assert_eq!(RULE.deadline(date("2023-07-04")), date("2023-08-28"));
        assert_eq!(
            status("2023-07-04", &[Some("2023-08-29")], "2024-11-01"),
            ResponseStatus::Late { days_late: 1 }
        );
    }

    #[test]
    fn leap_day_month_and_year_roll_overs() {
        assert_eq!(RULE.deadline(date("2024-01-05")), date("2024-02-29"));
        assert_eq!(RULE.deadline(date("2023-01-05")), date("2023-03-01"));
        assert_eq!(RULE.deadline(date("2023-11-20")), date("2024-01-14"));
        assert_eq!(RULE.deadline(date("2023-12-31")), date("2024-02-24"));
    }

    #[test]
    fn due_and_overdue_count_from_today() {
        assert_eq!(
            status("2024-10-01", &[], "2024-11-01"),
            ResponseStatus::Due { days_left: 24 }
        );
        assert_eq!(
            status("2024-10-01", &[], "2024-11-25"),
            ResponseStatus::Due { days_left: 0 }
        );
        assert_eq!(
            status("2024-10-01", &[], "2024-11-26"),
            ResponseStatus::Overdue { days_overdue: 1 }
        );
    }

    #[test]
    fn undated_responses() {
        assert_eq!(
            status("2023-03-08", &[None], "2024-11-01"),
            ResponseStatus::DateUnknown
        );
        // A dated response decides even when another is undated.
        assert_eq!(
            status("2023-03-08", &[None, Some("2023-04-01")], "2024-11-01"),
            ResponseStatus::OnTime
        );
    }

    #[test]
    fn the_earliest_of_two_responses_decides() {
        assert_eq!(
            status(
                "2023-03-08",
                &[Some("2023-06-01"), Some("2023-04-01")],
                "2024-11-01"
            ),
            ResponseStatus::OnTime
        );
        assert_eq!(
            status(
                "2023-03-08",
                &[Some("2023-06-01"), Some("2023-05-10")],
                "2024-11-01"
            ),
            ResponseStatus::Late { days_late: 8 }
        );
    }

    #[test]
    fn when_the_duty_applies() {
        let may_2017 = date("2017-05-02");
        assert!(RULE.applies(Sector::Police, may_2017, None));
        assert!(!RULE.applies(Sector::Police, date("2017-05-01"), None));
        assert!(!RULE.applies(Sector::Fire, date("2023-03-08"), None));
        assert!(!RULE.applies(Sector::Police, date("2023-03-08"), Some(false)));
        assert!(RULE.applies(Sector::Fire, date("2023-03-08"), Some(true)));
        assert!(RULE.applies(Sector::Police, date("2016-01-01"), Some(true)));
        assert_eq!(
            status("2016-01-01", &[None], "2024-11-01"),
            ResponseStatus::NoDeadline
        );
    }

    #[test]
    fn the_published_date_counts_over_the_letter_date() {
        let counted = response_date(Some(date("2023-05-02")), Some(date("2023-05-04")));
        assert_eq!(counted, Some(date("2023-05-04")));
        let deadline = Some(RULE.deadline(date("2023-03-08")));
        assert_eq!(
            response_status(deadline, &[counted], date("2024-11-01")),
            ResponseStatus::Late { days_late: 2 }
        );
        assert_eq!(
            response_date(Some(date("2023-05-02")), None),
            Some(date("2023-05-02"))
        );
        assert_eq!(response_date(None, None), None);
    }
}
