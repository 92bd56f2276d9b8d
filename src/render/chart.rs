//! Chart: the days-taken histogram of `/deadlines/`, drawn at build time as accessible inline SVG.

use std::fmt::Write as _;

use serde::Serialize;

use super::views::ViewBuilder;

/// The chart and the same numbers as rows, for the table beside it.
pub struct Chart {
    pub svg: String,
    pub bands: Vec<Band>,
}

/// A band of days taken and how many first responses fell in it; day 1 is the day of publication.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Band {
    pub first: i64,
    /// `None` for the last band, which holds every response later than `first`.
    pub last: Option<i64>,
    /// Whether the whole band lies within the deadline window: no band straddles it.
    pub on_time: bool,
    pub count: usize,
    /// "1 to 7", "50" or "92 or more".
    pub label: String,
}

impl Band {
    fn new(first: i64, last: Option<i64>, on_time: bool) -> Band {
        let label = match last {
            Some(last) if last == first => first.to_string(),
            Some(last) => format!("{first} to {last}"),
            None => format!("{first} or more"),
        };
        Band {
            first,
            last,
            on_time,
            count: 0,
            label,
        }
    }

    fn holds(&self, day: i64) -> bool {
        self.last.is_none_or(|last| day <= last)
    }

    fn status_code(&self) -> &'static str {
        if self.on_time { "on-time" } else { "late" }
    }
}

/// Days in a band: a week, as the window is counted in weeks; whole weeks more for a window
/// longer than `MOST_ON_TIME_BANDS` weeks, so that the chart stays short.
const BAND_DAYS: i64 = 7;
const MOST_ON_TIME_BANDS: i64 = 8;

fn band_days(window: i64) -> i64 {
    let weeks = MOST_ON_TIME_BANDS * BAND_DAYS;
    BAND_DAYS * ((window + weeks - 1) / weeks).max(1)
}
/// Bands after the deadline, the last one open-ended, so that one very late response cannot
/// stretch the chart.
const LATE_BANDS: i64 = 6;

/// The bands for a `window`-day deadline, with how many of `days_taken` fall in each: weeks up to
/// the window (the last one shortened to end on it), then `LATE_BANDS` weeks after it. No bands
/// when there is nothing to count.
pub fn bands(window: i64, days_taken: &[i64]) -> Vec<Band> {
    if days_taken.is_empty() {
        return Vec::new();
    }
    let band_days = band_days(window);
    let mut bands = Vec::new();
    let mut first = 1;
    while first <= window {
        let last = (first + band_days - 1).min(window);
        bands.push(Band::new(first, Some(last), true));
        first = last + 1;
    }
    for index in 1..=LATE_BANDS {
        let last = (index < LATE_BANDS).then_some(first + band_days - 1);
        bands.push(Band::new(first, last, false));
        first += band_days;
    }
    for &day in days_taken {
        // The last band is open-ended, so every day finds one; a day before 1 (which validation
        // refuses) would count in the first.
        if let Some(band) = bands.iter_mut().find(|band| band.holds(day)) {
            band.count += 1;
        }
    }
    bands
}

/// How many days each report with a deadline took to its first dated response, as a histogram.
pub fn days_taken_chart(views: &ViewBuilder<'_>) -> Chart {
    let window = views.archive.config.deadline.days;
    let days_taken: Vec<i64> = views
        .indexes
        .timeliness
        .iter()
        .filter(|timing| timing.deadline.is_some())
        .filter_map(|timing| timing.days_taken)
        .collect();
    chart_of_days(views, window, &days_taken)
}

/// The histogram of `days_taken` (each the day of the window a response came on) for a
/// `window`-day deadline, in the words of `views`' language.
pub fn chart_of_days(views: &ViewBuilder<'_>, window: i64, days_taken: &[i64]) -> Chart {
    let mut bands = bands(window, days_taken);
    for band in &mut bands {
        let first = band.first.to_string();
        band.label = match band.last {
            Some(last) if last == band.first => first,
            Some(last) => views.say(
                "program.chart.band",
                &[("first", &first), ("last", &last.to_string())],
            ),
            None => views.say("program.chart.band_open", &[("first", &first)]),
        };
    }
    let svg = if bands.is_empty() {
        String::new()
    } else {
        draw(window, &bands, &|key, arguments| views.say(key, arguments))
    };
    Chart { svg, bands }
}

const WIDTH: i64 = 360;
/// Band labels end here, right-aligned; bars start at `BAR_START`.
const LABEL_END: i64 = 110;
const BAR_START: i64 = 118;
/// The longest bar; the rest of the width holds its count.
const BAR_SPACE: i64 = 180;
const TOP: i64 = 36;
const ROW: i64 = 32;
const BAR_HEIGHT: i64 = 22;
/// Space between the last on-time band and the first late one, for the deadline line.
const DEADLINE_GAP: i64 = 32;

/// One horizontal bar per band, a dashed deadline line between the on-time and late bands. The
/// size depends on the window only, never on the number of reports.
/// The program's words of the chart, by key (`program.chart.title`) with their arguments.
type Say<'s> = dyn Fn(&str, &[(&str, &str)]) -> String + 's;

fn draw(window: i64, bands: &[Band], say: &Say<'_>) -> String {
    let total: usize = bands.iter().map(|band| band.count).sum();
    let on_time: usize = bands
        .iter()
        .filter(|band| band.on_time)
        .map(|band| band.count)
        .sum();
    let on_time_bands = bands.iter().filter(|band| band.on_time).count();
    let band_days = band_days(window);
    let height = TOP + ROW * bands.len() as i64 + DEADLINE_GAP + 4;
    let most = bands
        .iter()
        .map(|band| band.count)
        .max()
        .unwrap_or(0)
        .max(1) as i64;
    let (band_days, window_days) = (band_days.to_string(), window.to_string());
    // The words are a theme's plain text, escaped into the SVG.
    let escape = crate::markdown::escape_html;
    let title = escape(&say("program.chart.title", &[("days", &band_days)]));
    let description = escape(&say(
        "program.chart.description",
        &[
            ("days", &band_days),
            ("on_time", &on_time.to_string()),
            (
                "total",
                &say("program.chart.responses", &[("count", &total.to_string())]),
            ),
            ("window", &window_days),
            ("late", &(total - on_time).to_string()),
        ],
    ));
    let (days_heading, responses_heading) = (
        escape(&say("program.chart.days_taken", &[])),
        escape(&say("program.chart.responses_heading", &[])),
    );
    let mut svg = format!(
        "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {WIDTH} {height}\" aria-labelledby=\"chart-title chart-desc\" \
         xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"chart-title\">{title}</title>\n\
         <desc id=\"chart-desc\">{description}</desc>\n\
         <text class=\"chart-heading\" x=\"{LABEL_END}\" y=\"22\" text-anchor=\"end\">{days_heading}</text>\
         <text class=\"chart-heading\" x=\"{BAR_START}\" y=\"22\">{responses_heading}</text>\n",
    );
    let deadline_label = escape(&say("program.chart.deadline", &[("window", &window_days)]));
    let mut y = TOP;
    for (index, band) in bands.iter().enumerate() {
        if index == on_time_bands {
            let line_y = y + DEADLINE_GAP / 2;
            let _ = writeln!(
                svg,
                "<line class=\"chart-deadline\" x1=\"0\" y1=\"{line_y}\" x2=\"{WIDTH}\" y2=\"{line_y}\"/>\
                 <text class=\"chart-deadline-label\" x=\"{BAR_START}\" y=\"{text_y}\">{deadline_label}</text>",
                text_y = line_y + 6,
            );
            y += DEADLINE_GAP;
        }
        let bar_y = y + (ROW - BAR_HEIGHT) / 2;
        let count = band.count as i64;
        let bar_width = match count {
            0 => 0,
            _ => (count * BAR_SPACE / most).max(2),
        };
        let _ = writeln!(
            svg,
            "<g class=\"chart-band chart-{code}\">\
             <text class=\"chart-label\" x=\"{LABEL_END}\" y=\"{text_y}\" text-anchor=\"end\">{label}</text>\
             <rect class=\"chart-bar\" x=\"{BAR_START}\" y=\"{bar_y}\" width=\"{bar_width}\" height=\"{BAR_HEIGHT}\"/>\
             <text class=\"chart-value\" x=\"{value_x}\" y=\"{text_y}\">{count}</text></g>",
            code = band.status_code(),
            label = escape(&band.label),
            // Half the height of the 18 px text below the bar's middle: centred on it.
            text_y = bar_y + BAR_HEIGHT / 2 + 6,
            value_x = BAR_START + bar_width + 6,
        );
        y += ROW;
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chart's words in English, as the default theme has them.
    fn english(key: &str, arguments: &[(&str, &str)]) -> String {
        crate::render::words::Words::built_in().text("en-GB", key, arguments)
    }

    fn counts(bands: &[Band]) -> Vec<(&str, usize)> {
        bands
            .iter()
            .map(|band| (band.label.as_str(), band.count))
            .collect()
    }

    fn band_of(bands: &[Band], day: i64) -> &Band {
        let band = bands
            .iter()
            .find(|band| band.count > 0)
            .unwrap_or_else(|| panic!("no band counted day {day}"));
        assert_eq!(bands.iter().map(|b| b.count).sum::<usize>(), 1);
        band
    }

    #[test]
    fn day_1_and_day_7_fall_in_the_first_band_and_day_8_in_the_second() {
        let bands = bands(56, &[1, 7, 8]);
        assert_eq!(
            counts(&bands)[..3],
            [("1 to 7", 2), ("8 to 14", 1), ("15 to 21", 0)]
        );
    }

    #[test]
    fn day_56_is_on_time_and_day_57_late_for_a_56_day_window() {
        let day_56 = bands(56, &[56]);
        let band = band_of(&day_56, 56);
        assert_eq!((band.first, band.last, band.on_time), (50, Some(56), true));
        let day_57 = bands(56, &[57]);
        let band = band_of(&day_57, 57);
        assert_eq!((band.first, band.last, band.on_time), (57, Some(63), false));
    }

    #[test]
    fn a_56_day_window_has_eight_on_time_weeks_and_six_late_bands() {
        let bands = bands(56, &[1]);
        let labels: Vec<&str> = bands.iter().map(|band| band.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "1 to 7",
                "8 to 14",
                "15 to 21",
                "22 to 28",
                "29 to 35",
                "36 to 42",
                "43 to 49",
                "50 to 56",
                "57 to 63",
                "64 to 70",
                "71 to 77",
                "78 to 84",
                "85 to 91",
                "92 or more",
            ]
        );
        assert_eq!(bands.iter().filter(|band| band.on_time).count(), 8);
    }

    #[test]
    fn a_52_day_window_ends_its_on_time_bands_at_50_to_52() {
        let bands = bands(52, &[50, 52, 53]);
        let last_on_time = bands
            .iter()
            .rfind(|band| band.on_time)
            .expect("on-time bands");
        assert_eq!(
            (last_on_time.label.as_str(), last_on_time.count),
            ("50 to 52", 2)
        );
        let first_late = bands.iter().find(|band| !band.on_time).expect("late bands");
        assert_eq!(
            (first_late.label.as_str(), first_late.count),
            ("53 to 59", 1)
        );
        assert_eq!(
            bands.last().map(|band| band.label.as_str()),
            Some("88 or more")
        );
    }

    #[test]
    fn a_window_one_day_past_a_week_ends_with_a_one_day_band() {
        let bands = bands(50, &[50]);
        assert_eq!(band_of(&bands, 50).label, "50");
    }

    #[test]
    fn a_long_window_takes_wider_bands_to_stay_short() {
        let year = |day: i64| bands(365, &[day]);
        assert_eq!(year(1).iter().filter(|b| b.on_time).count(), 8);
        assert_eq!(band_of(&year(1), 1).label, "1 to 49");
        assert_eq!(band_of(&year(365), 365).label, "344 to 365");
        assert_eq!(band_of(&year(366), 366).label, "366 to 414");
        assert!(bands(3650, &[1]).len() <= 8 + 6);
    }

    #[test]
    fn the_open_ended_last_band_collects_everything_beyond() {
        let bands = bands(56, &[91, 92, 93, 400, 10_000]);
        let last = bands.last().expect("bands");
        assert_eq!((last.first, last.last, last.on_time), (92, None, false));
        assert_eq!((last.label.as_str(), last.count), ("92 or more", 4));
        assert_eq!(counts(&bands)[12], ("85 to 91", 1));
    }

    #[test]
    fn counts_add_up_to_the_number_of_responses() {
        let days: Vec<i64> = (1..=300).chain([56, 56, 57]).collect();
        let bands = bands(56, &days);
        assert_eq!(
            bands.iter().map(|band| band.count).sum::<usize>(),
            days.len()
        );
        let on_time: usize = bands.iter().filter(|b| b.on_time).map(|b| b.count).sum();
        assert_eq!(on_time, 58);
    }

    #[test]
    fn no_responses_no_bands() {
        assert_eq!(bands(56, &[]), Vec::new());
    }

    #[test]
    fn the_svg_does_not_grow_with_the_number_of_responses() {
        let one = draw(56, &bands(56, &[30]), &english);
        let days: Vec<i64> = (0..6_000).map(|i| 1 + i % 120).collect();
        let many = draw(56, &bands(56, &days), &english);
        let view_box = |svg: &str| svg.split('"').nth(5).map(str::to_string);
        assert_eq!(view_box(&one), view_box(&many));
        assert_eq!(many.matches("<rect ").count(), 14);
        assert!(
            many.len() < one.len() + 200,
            "{} vs {}",
            many.len(),
            one.len()
        );
        assert!(many.contains("2800 of 6000 responses were published within the 56-day deadline"));
    }

    #[test]
    fn the_deadline_line_falls_between_the_last_on_time_band_and_the_first_late_one() {
        let svg = draw(56, &bands(56, &[56, 57]), &english);
        let line = svg.find("chart-deadline\"").expect("a deadline line");
        let last_on_time = svg.find(">50 to 56<").expect("band 50 to 56");
        let first_late = svg.find(">57 to 63<").expect("band 57 to 63");
        assert!(last_on_time < line && line < first_late);
        assert!(svg.contains(">56-day deadline</text>"));
        assert_eq!(svg.matches("chart-band chart-on-time").count(), 8);
        assert_eq!(svg.matches("chart-band chart-late").count(), 6);
    }
}
