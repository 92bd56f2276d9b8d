//! Calendar dates: reading them from TOML, the day arithmetic of the 56-day rule, a finding's due
//! date as an editor writes it, and how they read.

use std::fmt;

use serde::{Serialize, Serializer};

/// A calendar date with no time or zone, as HMICFRS and the letters use them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(jiff::civil::Date);

/// Why a value is not a usable date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// A date with a time or offset (`2023-05-02T10:00:00`).
    HasTime,
    /// A time with no date (`10:00:00`).
    NoDate,
    /// A date that does not exist (`2023-02-30`).
    Impossible(String),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::HasTime => f.write_str("a date must not have a time of day"),
            DateError::NoDate => f.write_str("a time of day is not a date"),
            DateError::Impossible(reason) => write!(f, "no such date: {reason}"),
        }
    }
}

impl Date {
    /// A date from its parts, or `None` if it does not exist.
    pub fn from_ymd(year: i16, month: i8, day: i8) -> Option<Date> {
        jiff::civil::Date::new(year, month, day).ok().map(Date)
    }

    /// A date from its parts in a `const` context (for tests and defaults).
    /// Fails to compile (or panics) for a date that does not exist.
    pub const fn constant(year: i16, month: i8, day: i8) -> Date {
        Date(jiff::civil::Date::constant(year, month, day))
    }

    /// Reads an ISO date, `2023-05-02`.
    pub fn parse_iso(text: &str) -> Result<Date, DateError> {
        let not_iso = || DateError::Impossible(format!("`{text}` is not written YYYY-MM-DD"));
        let parts: Vec<&str> = text.trim().split('-').collect();
        let [year, month, day] = parts.as_slice() else {
            return Err(not_iso());
        };
        let digits = |part: &str, width: usize| {
            (part.len() == width && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<i64>().ok())
                .flatten()
        };
        match (digits(year, 4), digits(month, 2), digits(day, 2)) {
            (Some(year), Some(month), Some(day)) => Date::checked(year, month, day),
            _ => Err(not_iso()),
        }
    }

    /// Reads a date as editors write it in letters: "1 September 2023", "1st Sept 2023",
    /// "September 1, 2023", "01/09/2023" (day first, as in the UK) or "2023/09/01". `None` for
    /// anything else, including a day that does not exist; only ever used to suggest the ISO form.
    pub fn parse_written(text: &str) -> Option<Date> {
        let text = text.trim();
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|word| !word.is_empty())
            .collect();
        let number = |part: &str, widths: &[usize]| {
            (widths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<i64>().ok())
                .flatten()
        };
        let (year, month, day) = match words.as_slice() {
            [numeric] => {
                let parts: Vec<&str> = numeric.split(['/', '.']).collect();
                let [first, middle, last] = parts.as_slice() else {
                    return None;
                };
                let month = number(middle, &[1, 2])?;
                match (number(first, &[4]), number(last, &[4])) {
                    (Some(year), None) => (year, month, number(last, &[1, 2])?),
                    (None, Some(year)) => (year, month, number(first, &[1, 2])?),
                    _ => return None,
                }
            }
            [first, second, year] => {
                let (month, day) = match month_number(second) {
                    Some(month) => (month, day_number(first)?),
                    None => (month_number(first)?, day_number(second)?),
                };
                (number(year, &[4])?, month, day)
            }
            _ => return None,
        };
        Date::checked(year, month, day).ok()
    }

    /// Converts a TOML date, which must be a bare local date.
    pub fn from_toml(datetime: &toml::value::Datetime) -> Result<Date, DateError> {
        if datetime.time.is_some() || datetime.offset.is_some() {
            return match datetime.date {
                Some(_) => Err(DateError::HasTime),
                None => Err(DateError::NoDate),
            };
        }
        let Some(date) = datetime.date else {
            return Err(DateError::NoDate);
        };
        Date::checked(date.year.into(), date.month.into(), date.day.into())
    }

    fn checked(year: i64, month: i64, day: i64) -> Result<Date, DateError> {
        let year = i16::try_from(year)
            .ok()
            .filter(|y| (1000..=9999).contains(y));
        let (Some(year), Ok(month), Ok(day)) = (year, i8::try_from(month), i8::try_from(day))
        else {
            return Err(DateError::Impossible(
                "the year, month or day is out of range".into(),
            ));
        };
        jiff::civil::Date::new(year, month, day)
            .map(Date)
            .map_err(|_| DateError::Impossible(impossible_reason(year, month, day)))
    }

    /// The date from a Unix timestamp in seconds (UTC), as `SOURCE_DATE_EPOCH` gives it.
    pub fn from_unix_seconds(seconds: i64) -> Option<Date> {
        let timestamp = jiff::Timestamp::from_second(seconds).ok()?;
        Some(Date(timestamp.to_zoned(jiff::tz::TimeZone::UTC).date()))
    }

    /// Today by the system clock, in UTC.
    pub fn today_by_clock() -> Date {
        Date(
            jiff::Timestamp::now()
                .to_zoned(jiff::tz::TimeZone::UTC)
                .date(),
        )
    }

    /// This date moved by a whole number of days (negative goes back).
    pub fn plus_days(self, days: i64) -> Date {
        let span = jiff::Span::new().days(days);
        Date(self.0.checked_add(span).unwrap_or(if days < 0 {
            jiff::civil::Date::MIN
        } else {
            jiff::civil::Date::MAX
        }))
    }

    /// This date moved on by whole calendar months: the same day of the month, or the month's
    /// last day when that day does not exist (31 August 2023 + 6 months = 29 February 2024).
    pub fn plus_months(self, months: i64) -> Date {
        let span = jiff::Span::new().months(months);
        Date(self.0.checked_add(span).unwrap_or(jiff::civil::Date::MAX))
    }

    /// The last day of a month, or `None` when the month does not exist.
    pub fn end_of_month(year: i16, month: i8) -> Option<Date> {
        jiff::civil::Date::new(year, month, 1)
            .ok()
            .map(|first| Date(first.last_of_month()))
    }

    /// The same day a year earlier; 29 February goes back to 28 February.
    pub fn a_year_before(self) -> Date {
        Date(
            self.0
                .checked_sub(jiff::Span::new().years(1))
                .unwrap_or(jiff::civil::Date::MIN),
        )
    }

    /// Whole days from `earlier` to `self`: positive when `self` is later.
    pub fn days_since(self, earlier: Date) -> i64 {
        self.0.to_jiff_days() - earlier.0.to_jiff_days()
    }

    pub fn year(self) -> i16 {
        self.0.year()
    }

    /// "2 May 2023", as GOV.UK writes dates.
    pub fn long(self) -> String {
        match self.four_digit_year() {
            Some(year) => format!(
                "{} {} {year}",
                self.0.day(),
                MONTHS[self.0.month() as usize - 1]
            ),
            None => self.0.strftime("%-d %B %Y").to_string(),
        }
    }

    /// The date in words in `language` (a BCP 47 code such as `en-GB` or `cy`): "2 May 2023",
    /// "2 Mai 2023". Welsh months for Welsh, English ones for any other language.
    pub fn long_in(self, language: &str) -> String {
        match (month_names(language), self.four_digit_year()) {
            (None, _) | (_, None) => self.long(),
            (Some(months), Some(year)) => {
                format!(
                    "{} {} {year}",
                    self.0.day(),
                    months[self.0.month() as usize - 1]
                )
            }
        }
    }

    /// "2023-05-02".
    pub fn iso(self) -> String {
        match self.four_digit_year() {
            Some(year) => format!("{year}-{:02}-{:02}", self.0.month(), self.0.day()),
            None => self.0.strftime("%Y-%m-%d").to_string(),
        }
    }

    /// The year, when it is written with four digits: the fast formats above take those;
    /// `strftime` (which parses its format each time) the rest.
    fn four_digit_year(self) -> Option<i16> {
        Some(self.0.year()).filter(|year| (1000..=9999).contains(year))
    }

    /// "2023-05-02T00:00:00Z", the start of the day in UTC, for feeds.
    pub fn rfc3339(self) -> String {
        format!("{}T00:00:00Z", self.iso())
    }
}

/// A month's number from its name or a common short form ("Sep", "Sept"), in any case.
fn month_number(name: &str) -> Option<i64> {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|month| {
            let month = month.to_ascii_lowercase();
            month == name || (name.len() <= 4 && month.starts_with(&name))
        })
        .map(|index| index as i64 + 1)
}

/// A day of the month, with or without its ordinal ending ("1", "01", "1st", "22nd").
fn day_number(word: &str) -> Option<i64> {
    let lower = word.to_ascii_lowercase();
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|ending| lower.strip_suffix(ending))
        .unwrap_or(&lower);
    (matches!(digits.len(), 1 | 2) && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// A finding's due date in the form its editor wrote it: a day (`due = 2024-03-31`), a month
/// (`due = "2024-03"`, due at its end) or a period after the report's publication
/// (`due = "6 months"`, `due = "90 days"`). Kept beside the day it comes to, so pages can say it
/// the way the report did and open data can give both.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Due {
    Day(Date),
    /// The month's last day.
    Month(Date),
    /// That many calendar months or days after publication, with the text as written.
    After {
        period: Period,
        written: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Months(u16),
    Days(u16),
}

impl Due {
    /// Reads a month (`2024-03`) or a period (`6 months`, `90 days`, `1 month`, `1 day`); a day is
    /// a TOML date, read as [`Date::from_toml`]. `None` for anything else.
    pub fn parse(text: &str) -> Option<Due> {
        let digits = |part: &str, width: usize| {
            (part.len() == width && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<i16>().ok())
                .flatten()
        };
        if let Some((year, month)) = text.split_once('-') {
            let (year, month) = (digits(year, 4)?, digits(month, 2)?);
            return Date::end_of_month(year, i8::try_from(month).ok()?).map(Due::Month);
        }
        let (count, unit) = text.split_once(' ')?;
        let count = count
            .parse::<u16>()
            .ok()
            .filter(|n| *n > 0 && count.bytes().all(|b| b.is_ascii_digit()))?;
        let period = match (count, unit) {
            (1, "month") | (2.., "months") => Period::Months(count),
            (1, "day") | (2.., "days") => Period::Days(count),
            _ => return None,
        };
        Some(Due::After {
            period,
            written: text.to_string(),
        })
    }

    /// The day it is due: a period counts from `published`, and has none without it.
    pub fn day(&self, published: Option<Date>) -> Option<Date> {
        match self {
            Due::Day(day) | Due::Month(day) => Some(*day),
            Due::After { period, .. } => published.map(|published| match *period {
                Period::Months(months) => published.plus_months(months.into()),
                Period::Days(days) => published.plus_days(days.into()),
            }),
        }
    }

    /// The text as written: a day in ISO (as TOML writes it), a month `2024-03`, a period as is.
    pub fn as_written(&self) -> String {
        match self {
            Due::Day(day) => day.iso(),
            Due::Month(end) => format!("{}-{:02}", end.0.year(), end.0.month()),
            Due::After { written, .. } => written.clone(),
        }
    }

    /// As [`Due::reads`], in `language`: Welsh reads "31 Mawrth 2024", "erbyn Mawrth 2024",
    /// "o fewn 6 mis (erbyn 29 Chwefror 2024)"; any other language as English.
    pub fn reads_in(&self, day: Date, language: &str) -> String {
        let Some(months) = month_names(language) else {
            return self.reads(day);
        };
        match self {
            Due::Day(_) => day.long_in(language),
            Due::Month(end) => {
                format!(
                    "erbyn {} {}",
                    months[end.0.month() as usize - 1],
                    end.0.year()
                )
            }
            Due::After { period, .. } => {
                let (count, unit) = match *period {
                    Period::Months(n) => (n, "mis"),
                    Period::Days(n) => (n, "diwrnod"),
                };
                format!("o fewn {count} {unit} (erbyn {})", day.long_in(language))
            }
        }
    }

    /// How pages say it, given the `day` it comes to: "31 March 2024", "by March 2024",
    /// "within 6 months (by 29 February 2024)".
    pub fn reads(&self, day: Date) -> String {
        match self {
            Due::Day(_) => day.long(),
            Due::Month(end) => {
                format!("by {} {}", MONTHS[end.0.month() as usize - 1], end.0.year())
            }
            Due::After { period, .. } => {
                let (count, unit) = match *period {
                    Period::Months(n) => (n, "month"),
                    Period::Days(n) => (n, "day"),
                };
                let plural = if count == 1 { "" } else { "s" };
                format!("within {count} {unit}{plural} (by {})", day.long())
            }
        }
    }
}

/// The months of a language other than English whose dates pages write in words; `None` for
/// English (and any language without its own names, which then reads English dates).
fn month_names(language: &str) -> Option<&'static [&'static str; 12]> {
    let primary = language.split(['-', '_']).next().unwrap_or(language);
    primary.eq_ignore_ascii_case("cy").then_some(&WELSH_MONTHS)
}

/// The months as GOV.UK's Welsh services write them.
const WELSH_MONTHS: [&str; 12] = [
    "Ionawr",
    "Chwefror",
    "Mawrth",
    "Ebrill",
    "Mai",
    "Mehefin",
    "Gorffennaf",
    "Awst",
    "Medi",
    "Hydref",
    "Tachwedd",
    "Rhagfyr",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Serialised as ISO (`2023-05-02`) in open data and template views.
impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

/// ISO (`2023-05-02`), as [`Date::iso`], written without a `String` in between.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.four_digit_year() {
            Some(year) => write!(f, "{year}-{:02}-{:02}", self.0.month(), self.0.day()),
            None => f.write_str(&self.iso()),
        }
    }
}

trait DayNumber {
    fn to_jiff_days(self) -> i64;
}

impl DayNumber for jiff::civil::Date {
    /// Days since 1970-01-01, so two dates subtract to a day count.
    fn to_jiff_days(self) -> i64 {
        let epoch = jiff::civil::date(1970, 1, 1);
        let span = self
            .since((jiff::Unit::Day, epoch))
            .unwrap_or_else(|_| jiff::Span::new());
        span.get_days().into()
    }
}

fn impossible_reason(year: i16, month: i8, day: i8) -> String {
    if !(1..=12).contains(&month) {
        return format!("there is no month {month}");
    }
    let month_name = jiff::civil::Date::new(year, month, 1)
        .map(|first| first.strftime("%B").to_string())
        .unwrap_or_default();
    let days = jiff::civil::Date::new(year, month, 1)
        .map(|first| first.days_in_month())
        .unwrap_or(31);
    format!("{month_name} {year} has {days} days, not {day}")
}

#[cfg(test)]
mod tests;
