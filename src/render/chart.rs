//! Chart: the days-taken chart of `/deadlines/`, drawn at build time as accessible inline SVG.

use serde::Serialize;

use super::views::{ViewBuilder, plural, shorten};
use crate::markdown::escape_html;

/// The chart and the same numbers as rows, for the table beside it.
pub struct Chart {
    pub svg: String,
    pub rows: Vec<ChartRow>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ChartRow {
    pub title: String,
    pub url: String,
    pub days_taken: i64,
    pub status: String,
    pub status_code: &'static str,
}

const WIDTH: i64 = 720;
const LEFT: i64 = 8;
const RIGHT: i64 = 230;
const ROW: i64 = 44;
const TOP: i64 = 36;

/// Days taken by each report's first dated response, against the deadline line.
pub fn days_taken_chart(views: &ViewBuilder<'_>) -> Chart {
    let archive = views.archive;
    let window = archive.config.deadline.days;
    let rows: Vec<ChartRow> = archive
        .reports
        .iter()
        .zip(&views.indexes.timeliness)
        .filter(|(_, timing)| timing.deadline.is_some())
        .filter_map(|(report, timing)| {
            let days_taken = timing.days_taken?;
            let status = views.status(timing.status);
            Some(ChartRow {
                title: report.title.clone(),
                url: views.report_url(&report.slug),
                days_taken,
                status: status.label,
                status_code: status.code,
            })
        })
        .collect();
    if rows.is_empty() {
        return Chart {
            svg: String::new(),
            rows,
        };
    }
    let longest = rows
        .iter()
        .map(|r| r.days_taken)
        .max()
        .unwrap_or(window)
        .max(window);
    let scale = |days: i64| LEFT + days * (WIDTH - LEFT - RIGHT) / longest;
    let height = TOP + ROW * rows.len() as i64 + 8;
    let on_time = rows.iter().filter(|r| r.status_code == "on-time").count();
    let mut svg = format!(
        "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {WIDTH} {height}\" aria-labelledby=\"chart-title chart-desc\" \
         xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"chart-title\">Days taken to publish each response</title>\n\
         <desc id=\"chart-desc\">A bar for each report with a dated response, showing the day of the {window}-day window \
         on which the response was published. {on_time} of {} responses were published by the deadline. The table below \
         gives the same numbers.</desc>\n",
        rows.len()
    );
    let deadline_x = scale(window);
    svg.push_str(&format!(
        "<line class=\"chart-deadline\" x1=\"{deadline_x}\" y1=\"{}\" x2=\"{deadline_x}\" y2=\"{height}\"/>\n\
         <text class=\"chart-deadline-label\" x=\"{deadline_x}\" y=\"16\" text-anchor=\"middle\">{window}-day deadline</text>\n",
        TOP - 12
    ));
    for (index, row) in rows.iter().enumerate() {
        let y = TOP + ROW * index as i64;
        let label = shorten(&row.title, 70);
        let bar_end = scale(row.days_taken);
        svg.push_str(&format!(
            "<g class=\"chart-row chart-{code}\">\
             <text class=\"chart-label\" x=\"{LEFT}\" y=\"{label_y}\">{label}</text>\
             <rect class=\"chart-bar\" x=\"{LEFT}\" y=\"{bar_y}\" width=\"{bar_width}\" height=\"16\"/>\
             <text class=\"chart-value\" x=\"{value_x}\" y=\"{value_y}\">{days}, {status}</text></g>\n",
            code = row.status_code,
            label_y = y + 12,
            bar_y = y + 18,
            bar_width = (bar_end - LEFT).max(2),
            value_x = bar_end + 6,
            value_y = y + 31,
            days = plural(row.days_taken, "day"),
            status = escape_html(&row.status.to_lowercase()),
            label = escape_html(&label),
        ));
    }
    svg.push_str("</svg>");
    Chart { svg, rows }
}
