//! Unit tests of dates: parsing, arithmetic (months, leap days), due dates as written, dates in words.

use super::*;

fn date(text: &str) -> Date {
    Date::parse_iso(text).expect("a valid test date")
}

#[test]
fn reads_dates_as_editors_write_them() {
    let first_of_september = Some(date("2023-09-01"));
    for written in [
        "1 September 2023",
        "1st September 2023",
        "01 Sept 2023",
        "1 sep 2023",
        "September 1, 2023",
        "September 1st, 2023",
        "01/09/2023",
        "1/9/2023",
        "01.09.2023",
        "2023/09/01",
        " 1 September 2023 ",
    ] {
        assert_eq!(
            Date::parse_written(written),
            first_of_september,
            "{written}"
        );
    }
    // A leap day exists only in a leap year; day-first, never month-first.
    assert_eq!(
        Date::parse_written("29 February 2024"),
        Some(date("2024-02-29"))
    );
    assert_eq!(Date::parse_written("29 February 2023"), None);
    assert_eq!(Date::parse_written("09/13/2023"), None);
    for not_a_date in [
        "",
        "soon",
        "September 2023",
        "1 Sept",
        "1 Se 2023",
        "2023-09-01",
        "1 September 23",
    ] {
        assert_eq!(Date::parse_written(not_a_date), None, "{not_a_date}");
    }
}

#[test]
fn reads_as_govuk_dates() {
    assert_eq!(date("2023-05-02").long(), "2 May 2023");
    assert_eq!(date("2020-01-10").long(), "10 January 2020");
    assert_eq!(date("2023-05-02").iso(), "2023-05-02");
    assert_eq!(date("2023-05-02").rfc3339(), "2023-05-02T00:00:00Z");
}

#[test]
fn formats_every_day_as_strftime_would() {
    let mut day = date("1999-12-25");
    while day < date("2025-01-10") {
        assert_eq!(day.iso(), day.0.strftime("%Y-%m-%d").to_string());
        assert_eq!(day.to_string(), day.iso());
        assert_eq!(day.long(), day.0.strftime("%-d %B %Y").to_string());
        day = day.plus_days(1);
    }
    // Years of other lengths take strftime itself.
    let early = Date::from_ymd(999, 3, 4).expect("a date");
    assert_eq!(early.iso(), early.0.strftime("%Y-%m-%d").to_string());
    assert_eq!(early.to_string(), early.iso());
}

#[test]
fn counts_days_across_months_years_and_leap_days() {
    assert_eq!(date("2023-05-02").days_since(date("2023-03-08")), 55);
    assert_eq!(date("2024-02-29").days_since(date("2024-01-05")), 55);
    assert_eq!(date("2024-01-01").days_since(date("2023-12-31")), 1);
    assert_eq!(date("2023-03-08").days_since(date("2023-05-02")), -55);
    assert_eq!(date("2024-01-05").plus_days(55), date("2024-02-29"));
    assert_eq!(date("2023-12-01").plus_days(55), date("2024-01-25"));
}

#[test]
fn rejects_impossible_dates_with_a_reason() {
    assert_eq!(
        Date::parse_iso("2023-02-29"),
        Err(DateError::Impossible(
            "February 2023 has 28 days, not 29".into()
        ))
    );
    assert!(Date::parse_iso("2024-02-29").is_ok());
    assert_eq!(
        Date::parse_iso("2023-13-01"),
        Err(DateError::Impossible("there is no month 13".into()))
    );
    assert!(Date::parse_iso("23-05-02").is_err());
    assert!(Date::parse_iso("2 May 2023").is_err());
}

#[test]
fn toml_dates_must_be_bare_dates() {
    let parse =
        |text: &str| -> toml::value::Datetime { text.parse().expect("a valid TOML datetime") };
    assert_eq!(
        Date::from_toml(&parse("2023-05-02")),
        Ok(date("2023-05-02"))
    );
    assert_eq!(
        Date::from_toml(&parse("2023-05-02T10:00:00")),
        Err(DateError::HasTime)
    );
    assert_eq!(Date::from_toml(&parse("10:00:00")), Err(DateError::NoDate));
}

fn due(text: &str, published: &str) -> Option<Date> {
    Due::parse(text)
        .unwrap_or_else(|| panic!("`{text}` is a due form"))
        .day(Some(date(published)))
}

#[test]
fn a_month_is_due_on_its_last_day() {
    assert_eq!(due("2024-03", "2023-01-01"), Some(date("2024-03-31")));
    assert_eq!(due("2024-04", "2023-01-01"), Some(date("2024-04-30")));
    // February in a leap year, and not.
    assert_eq!(due("2024-02", "2023-01-01"), Some(date("2024-02-29")));
    assert_eq!(due("2023-02", "2023-01-01"), Some(date("2023-02-28")));
    assert_eq!(due("2023-12", "2023-01-01"), Some(date("2023-12-31")));
    let march = Due::parse("2024-03").expect("a month");
    assert_eq!(march.as_written(), "2024-03");
    assert_eq!(march.reads(date("2024-03-31")), "by March 2024");
}

#[test]
fn months_after_publication_end_on_the_last_day_when_the_day_does_not_exist() {
    assert_eq!(due("6 months", "2023-08-31"), Some(date("2024-02-29")));
    assert_eq!(due("6 months", "2022-08-31"), Some(date("2023-02-28")));
    assert_eq!(due("1 month", "2024-01-31"), Some(date("2024-02-29")));
    assert_eq!(due("1 month", "2023-01-31"), Some(date("2023-02-28")));
    assert_eq!(due("12 months", "2023-03-08"), Some(date("2024-03-08")));
    let six = Due::parse("6 months").expect("a period");
    assert_eq!(six.as_written(), "6 months");
    assert_eq!(
        six.reads(date("2024-02-29")),
        "within 6 months (by 29 February 2024)"
    );
    assert_eq!(
        Due::parse("1 month")
            .expect("a period")
            .reads(date("2024-02-29")),
        "within 1 month (by 29 February 2024)"
    );
}

#[test]
fn days_after_publication() {
    assert_eq!(due("90 days", "2023-03-08"), Some(date("2023-06-06")));
    assert_eq!(due("1 day", "2023-12-31"), Some(date("2024-01-01")));
    assert_eq!(due("1 day", "2024-02-28"), Some(date("2024-02-29")));
    assert_eq!(
        Due::parse("90 days")
            .expect("a period")
            .reads(date("2023-06-06")),
        "within 90 days (by 6 June 2023)"
    );
}

#[test]
fn a_period_needs_a_publication_date_and_a_day_or_month_does_not() {
    assert_eq!(Due::parse("6 months").and_then(|d| d.day(None)), None);
    assert_eq!(
        Due::parse("2024-03").and_then(|d| d.day(None)),
        Some(date("2024-03-31"))
    );
    let day = Due::Day(date("2024-03-31"));
    assert_eq!(day.day(None), Some(date("2024-03-31")));
    assert_eq!(day.as_written(), "2024-03-31");
    assert_eq!(day.reads(date("2024-03-31")), "31 March 2024");
}

#[test]
fn other_forms_are_not_due_dates() {
    for text in [
        "March 2024",
        "6 weeks",
        "2024-13",
        "2024-00",
        "2024-3",
        "24-03",
        "2024-03-31",
        "6",
        "0 days",
        "0 months",
        "1 months",
        "6 month",
        "six months",
        "-6 months",
        "+6 months",
        "6  months",
        " 6 months",
        "6 months ",
        "",
    ] {
        assert_eq!(Due::parse(text), None, "`{text}`");
    }
}

#[test]
fn source_date_epoch_is_read_in_utc() {
    assert_eq!(
        Date::from_unix_seconds(1_700_000_000),
        Some(date("2023-11-14"))
    );
    assert_eq!(Date::from_unix_seconds(0), Some(date("1970-01-01")));
}

#[test]
fn a_year_before_is_the_same_day_and_a_leap_day_goes_back_to_the_28th() {
    assert_eq!(date("2026-12-07").a_year_before(), date("2025-12-07"));
    assert_eq!(date("2024-02-29").a_year_before(), date("2023-02-28"));
    assert_eq!(date("2025-03-01").a_year_before(), date("2024-03-01"));
}

#[test]
fn dates_in_words_follow_the_language() {
    assert_eq!(date("2023-05-02").long_in("cy"), "2 Mai 2023");
    assert_eq!(date("2023-04-17").long_in("cy-GB"), "17 Ebrill 2023");
    assert_eq!(date("2024-02-29").long_in("CY"), "29 Chwefror 2024");
    assert_eq!(date("2023-12-31").long_in("cy"), "31 Rhagfyr 2023");
    assert_eq!(date("2023-05-02").long_in("en-GB"), "2 May 2023");
    // A language without month names of its own reads English dates, as before.
    assert_eq!(date("2023-05-02").long_in("fr"), "2 May 2023");
    assert_eq!(date("2023-01-01").long_in("cymraeg"), "1 January 2023");
}

#[test]
fn due_dates_read_in_welsh() {
    let day = date("2024-03-31");
    assert_eq!(Due::Day(day).reads_in(day, "cy"), "31 Mawrth 2024");
    assert_eq!(Due::Month(day).reads_in(day, "cy"), "erbyn Mawrth 2024");
    let after = Due::parse("6 months").expect("a period");
    assert_eq!(
        after.reads_in(date("2024-02-29"), "cy"),
        "o fewn 6 mis (erbyn 29 Chwefror 2024)"
    );
    // English as before.
    assert_eq!(
        Due::Month(day).reads_in(day, "en-GB"),
        Due::Month(day).reads(day)
    );
}
