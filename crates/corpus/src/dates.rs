//! Dates of a generated archive: the day arithmetic it needs, written as front matter and letters write them.

/// A calendar day. Generated dates all have four-digit years.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Date(jiff::civil::Date);

impl Date {
    /// Fails to compile (or panics) for a day that does not exist.
    pub(crate) const fn constant(year: i16, month: i8, day: i8) -> Date {
        Date(jiff::civil::Date::constant(year, month, day))
    }

    /// This day moved by a whole number of days (negative goes back).
    pub(crate) fn plus_days(self, days: i64) -> Date {
        Date(self.0.saturating_add(jiff::Span::new().days(days)))
    }

    /// Whole days from `earlier` to `self`: positive when `self` is later.
    pub(crate) fn days_since(self, earlier: Date) -> i64 {
        self.0
            .since(earlier.0)
            .map_or(0, |span| i64::from(span.get_days()))
    }

    pub(crate) fn year(self) -> i16 {
        self.0.year()
    }

    /// "2 May 2023", as GOV.UK writes dates.
    pub(crate) fn long(self) -> String {
        self.0.strftime("%-d %B %Y").to_string()
    }

    /// "2023-05-02", as TOML front matter holds them.
    pub(crate) fn iso(self) -> String {
        self.0.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_as_front_matter_and_letters_write_it() {
        let day = Date::constant(2023, 5, 2);
        assert_eq!(day.iso(), "2023-05-02");
        assert_eq!(day.long(), "2 May 2023");
        assert_eq!(Date::constant(2020, 1, 10).long(), "10 January 2020");
    }

    #[test]
    fn day_arithmetic_crosses_a_leap_day() {
        let before = Date::constant(2024, 2, 28);
        assert_eq!(before.plus_days(2), Date::constant(2024, 3, 1));
        assert_eq!(Date::constant(2024, 3, 1).days_since(before), 2);
        assert_eq!(before.days_since(Date::constant(2024, 3, 1)), -2);
        assert_eq!(Date::constant(2025, 1, 1).days_since(before), 308);
    }
}
