//! A national site's pages: `/bodies/` (every office's record), `/bodies/<key>/` (one office's
//! reports and statuses) and the page of each report that only the sources know, listing every
//! body expected to respond. Their tables are sorted here, so that no JavaScript is needed.

use serde::Serialize;

use super::super::views::{DateView, StatusView};
use super::pagination::PageNumbers;
use super::{PageJob, Pages, crumbs, meta};
use crate::archive::national::National;
use crate::indexes::national::{BodyTiming, NationalIndex, REPORTS_PER_PAGE};
use crate::routes::{ReportOrder, Route};
use crate::vocabulary::Vocabulary;

/// A body in the table of `/bodies/`.
#[derive(Serialize)]
struct BodyRowView {
    key: String,
    name: String,
    url: String,
    expected: usize,
    responses: usize,
    on_time: usize,
    late: usize,
    overdue: usize,
    /// On time, as a whole percentage of the responses decided.
    percent: Option<u32>,
    median_day: Option<i64>,
    /// Aligned with the page's `years`: each year's on-time percentage.
    year_percents: Vec<Option<u32>>,
}

/// A year's rate.
#[derive(Serialize)]
struct RateView {
    year: i16,
    on_time: usize,
    late: usize,
    other: usize,
    decided: usize,
    percent: Option<u32>,
}

/// One expected body's part in one report: a row of a report page or of a body's page.
#[derive(Serialize)]
struct TimingView {
    /// The body, linking to its page here.
    body: String,
    body_url: String,
    /// The report, linking to its page here.
    report: String,
    report_url: String,
    published: DateView,
    deadline: Option<DateView>,
    /// The response's date, and its page on the body's own site.
    response_date: Option<DateView>,
    response_url: Option<String>,
    /// The day of the window it came on; publication is day 1.
    day: Option<i64>,
    status: StatusView,
}

fn parts<'a>(pages: &'a Pages<'_>) -> Option<(&'a National, &'a NationalIndex)> {
    let archive = pages.views.archive;
    Some((
        archive.national.as_ref()?,
        pages.views.indexes.national.as_ref()?,
    ))
}

fn timing_view(pages: &Pages<'_>, report: usize, timing: &BodyTiming) -> Option<TimingView> {
    let (national, index) = parts(pages)?;
    let views = &pages.views;
    let (body, entry) = (&national.bodies[timing.body], &national.reports[report]);
    let response = timing.response.map(|r| &national.responses[r]);
    Some(TimingView {
        body: body.name.clone(),
        body_url: views.link(Route::Body(&body.key)),
        report: entry.title.clone(),
        report_url: views.link(Route::Report(&entry.slug)),
        published: views.date(entry.published),
        deadline: index.reports[report].deadline.map(|d| views.date(d)),
        response_date: response
            .and_then(|r| r.counting_date())
            .map(|d| views.date(d)),
        response_url: response.map(|r| r.page_url.clone()),
        day: timing.day,
        status: views.status(timing.status),
    })
}

/// The rows of a national report's table of bodies: responded first (earliest first), then
/// the rest by name.
pub(super) fn report_rows(pages: &Pages<'_>, report: usize) -> Vec<impl Serialize + use<>> {
    let Some((national, index)) = parts(pages) else {
        return Vec::new();
    };
    let mut timings: Vec<&BodyTiming> = index.reports[report].bodies.iter().collect();
    timings.sort_by(|a, b| {
        let name = |t: &BodyTiming| national.bodies[t.body].name.as_str();
        (a.day.is_none(), a.day, name(a)).cmp(&(b.day.is_none(), b.day, name(b)))
    });
    timings
        .into_iter()
        .filter_map(|timing| timing_view(pages, report, timing))
        .collect()
}

/// Where a report of the site's own is among the national reports.
pub(super) fn national_report_of(pages: &Pages<'_>, slug: &str) -> Option<usize> {
    let (national, _) = parts(pages)?;
    national
        .reports
        .iter()
        .position(|report| report.in_content && report.slug == slug)
}

pub(super) fn bodies_page(pages: &Pages<'_>) -> PageJob {
    let views = &pages.views;
    let (rows, years, rates) = match parts(pages) {
        Some((national, index)) => {
            let years: Vec<i16> = index.rates.iter().map(|rate| rate.year).collect();
            let mut rows: Vec<BodyRowView> = national
                .bodies
                .iter()
                .zip(&index.bodies)
                .map(|(body, record)| BodyRowView {
                    key: body.key.clone(),
                    name: body.name.clone(),
                    url: views.link(Route::Body(&body.key)),
                    expected: record.reports.len(),
                    responses: record.responses,
                    on_time: record.on_time,
                    late: record.late,
                    overdue: record.overdue,
                    percent: record.percent(),
                    median_day: record.median_day,
                    year_percents: years
                        .iter()
                        .map(|&year| {
                            let rate = record.rates.iter().find(|rate| rate.year == year);
                            rate.and_then(|rate| rate.percent())
                        })
                        .collect(),
                })
                .collect();
            rows.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.key.cmp(&b.key)));
            (rows, years, rate_views(&index.rates))
        }
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    let page = meta(
        views,
        views.say("program.bodies_title", &[]),
        Some(views.say("program.bodies_description", &[])),
        Route::Bodies,
        crumbs(views, &[]),
    );
    PageJob {
        template: "bodies.html",
        context: page_context! { site => &pages.site_value, page, bodies => rows, years, rates },
    }
}

fn rate_views(rates: &[crate::indexes::YearRate]) -> Vec<RateView> {
    rates
        .iter()
        .map(|rate| RateView {
            year: rate.year,
            on_time: rate.on_time,
            late: rate.late,
            other: rate.other,
            decided: rate.on_time + rate.late,
            percent: rate.percent(),
        })
        .collect()
}

pub(super) fn body_page(pages: &Pages<'_>, at: usize) -> PageJob {
    let views = &pages.views;
    let Some((national, index)) = parts(pages) else {
        return bodies_page(pages);
    };
    let (body, record) = (&national.bodies[at], &index.bodies[at]);
    // Newest report first, as the national reports are.
    let rows: Vec<TimingView> = record
        .reports
        .iter()
        .filter_map(|&report| {
            let timing = index.reports[report].bodies.iter().find(|t| t.body == at)?;
            timing_view(pages, report, timing)
        })
        .collect();
    let site_url = body.site.as_ref().map(|site| site.base_url.clone());
    let page = meta(
        views,
        body.name.clone(),
        Some(views.say("program.body_description", &[("body", &body.name)])),
        Route::Body(&body.key),
        crumbs(
            views,
            &[(&views.say("program.who_responded", &[]), Route::Bodies)],
        ),
    );
    PageJob {
        template: "body.html",
        context: page_context! {
            site => &pages.site_value, page,
            body => page_context! {
                key => body.key, name => body.name, site_url,
                expected => record.reports.len(), responses => record.responses,
                on_time => record.on_time, late => record.late, overdue => record.overdue,
                percent => record.percent(), median_day => record.median_day,
            },
            rates => rate_views(&record.rates), rows,
        },
    }
}

pub(super) fn report_page(pages: &Pages<'_>, at: usize) -> PageJob {
    let views = &pages.views;
    let Some((national, index)) = parts(pages) else {
        return bodies_page(pages);
    };
    let report = &national.reports[at];
    let timing = &index.reports[at];
    let responded = timing.tally().responded;
    let page = meta(
        views,
        report.title.clone(),
        None,
        Route::Report(&report.slug),
        crumbs(
            views,
            &[(&views.say("program.who_responded", &[]), Route::Bodies)],
        ),
    );
    PageJob {
        template: "national-report.html",
        context: page_context! {
            site => &pages.site_value, page,
            report => page_context! {
                title => report.title, published => views.date(report.published),
                type_label => views.label("report_type", report.report_type),
                type_word => report.report_type.word(),
                hmicfrs_url => report.url, deadline => timing.deadline.map(|d| views.date(d)),
            },
            expected => timing.bodies.len(), responded,
            bodies => report_rows(pages, at),
        },
    }
}

/// A body's row of the national `/deadlines/` table: its on-time rate each year.
#[derive(Serialize)]
struct BodyYearsView {
    name: String,
    url: String,
    /// Every year together.
    overall: RateCell,
    /// Aligned with the page's `years`, newest first.
    years: Vec<RateCell>,
}

/// One cell of that table: the responses decided (on time or late) and the share on time.
#[derive(Serialize)]
struct RateCell {
    on_time: usize,
    decided: usize,
    percent: Option<u32>,
}

impl RateCell {
    fn of(rate: Option<&crate::indexes::YearRate>) -> RateCell {
        match rate {
            Some(rate) => RateCell {
                on_time: rate.on_time,
                decided: rate.on_time + rate.late,
                percent: rate.percent(),
            },
            None => RateCell {
                on_time: 0,
                decided: 0,
                percent: None,
            },
        }
    }
}

/// A national site's `/deadlines/`: every body's on-time rate year by year (bodies by name,
/// newest year first), every body together, and the days-taken chart of every response.
pub(super) fn deadlines_page(pages: &Pages<'_>) -> PageJob {
    let views = &pages.views;
    let window = views.archive.config.deadline.days;
    let (rows, years, rates, days) = match parts(pages) {
        Some((national, index)) => {
            let years: Vec<i16> = index.rates.iter().map(|rate| rate.year).collect();
            let mut rows: Vec<BodyYearsView> = (national.bodies.iter().zip(&index.bodies))
                .map(|(body, record)| BodyYearsView {
                    name: body.name.clone(),
                    url: views.link(Route::Body(&body.key)),
                    overall: RateCell {
                        on_time: record.on_time,
                        decided: record.on_time + record.late,
                        percent: record.percent(),
                    },
                    years: years
                        .iter()
                        .map(|&year| RateCell::of(record.rates.iter().find(|r| r.year == year)))
                        .collect(),
                })
                .collect();
            rows.sort_by(|a, b| a.name.cmp(&b.name));
            // Every expected response with a deadline and a date: the day it came on.
            let days: Vec<i64> = (index.reports.iter())
                .filter(|timing| timing.deadline.is_some())
                .flat_map(|timing| timing.bodies.iter().filter_map(|body| body.day))
                .collect();
            (rows, years, index.rates.clone(), days)
        }
        None => (Vec::new(), Vec::new(), Vec::new(), Vec::new()),
    };
    let (on_time, late) = (rates.iter()).fold((0, 0), |(o, l), r| (o + r.on_time, l + r.late));
    let total = RateCell::of(Some(&crate::indexes::YearRate {
        year: 0,
        on_time,
        late,
        other: 0,
    }));
    let chart = super::super::chart::chart_of_days(views, window, &days);
    let days = window.to_string();
    let page = meta(
        views,
        views.say("program.deadlines_title", &[]),
        Some(views.say("program.national_deadlines_description", &[("days", &days)])),
        Route::Deadlines,
        crumbs(views, &[]),
    );
    PageJob {
        template: "national-deadlines.html",
        context: page_context! {
            site => &pages.site_value, page, years, rates => rate_views(&rates), total, bodies => rows,
            bodies_url => views.link(Route::Bodies),
            chart_svg => chart.svg, chart_bands => chart.bands,
        },
    }
}

/// The home page's national summary: the on-time rate of every body together, and the newest
/// reports with how many bodies have responded. `None` on an office's own site.
pub(super) fn home_summary(pages: &Pages<'_>) -> Option<impl Serialize + use<>> {
    let (national, index) = parts(pages)?;
    let (on_time, late) = index
        .rates
        .iter()
        .fold((0, 0), |(o, l), rate| (o + rate.on_time, l + rate.late));
    let total = crate::indexes::YearRate {
        year: 0,
        on_time,
        late,
        other: 0,
    };
    let newest: Vec<_> = (national.reports.iter().zip(&index.reports))
        .take(10)
        .map(|(report, timing)| {
            page_context! {
                title => report.title, url => pages.views.link(Route::Report(&report.slug)),
                published => pages.views.date(report.published), expected => timing.bodies.len(),
                responded => timing.tally().responded,
            }
        })
        .collect();
    Some(page_context! {
        percent => total.percent(), decided => on_time + late, bodies => national.bodies.len(),
        url => pages.views.link(Route::Bodies), newest,
        reports_url => pages.views.link(Route::NationalReports(ReportOrder::Newest, 1)),
        reports => national.reports.len(),
    })
}

/// A report's row in the national list of reports (`/reports/`).
#[derive(Serialize)]
struct ReportRowView {
    title: String,
    url: String,
    published: DateView,
    /// How many bodies are expected to respond, and the body's name when there is one.
    expected: usize,
    expected_of: Option<String>,
    responded: usize,
    on_time: usize,
    overdue: usize,
}

/// A link to the list in another order (`url` is none for the order shown).
#[derive(Serialize)]
struct OrderView {
    word: &'static str,
    label: String,
    url: Option<String>,
}

/// The words of an order: "newest first".
fn order_words(pages: &Pages<'_>, order: ReportOrder) -> String {
    let key = match order {
        ReportOrder::Newest => "program.report_order.newest",
        ReportOrder::FewestResponses => "program.report_order.fewest_responses",
        ReportOrder::MostOverdue => "program.report_order.most_overdue",
    };
    pages.views.say(key, &[])
}

/// Page `page` (from 1) of every report the national site knows, in `order`: each report's
/// publication date and how the bodies expected to respond stand, with links to the other
/// orders (each a page of its own, so no JavaScript sorts it) and to the other pages.
pub(super) fn reports_page(pages: &Pages<'_>, order: ReportOrder, page: usize) -> PageJob {
    let views = &pages.views;
    let Some((national, index)) = parts(pages) else {
        return bodies_page(pages);
    };
    let every = index.in_order(order);
    let count = index.report_pages();
    let start = (page.saturating_sub(1) * REPORTS_PER_PAGE).min(every.len());
    let end = (start + REPORTS_PER_PAGE).min(every.len());
    let rows: Vec<ReportRowView> = every[start..end]
        .iter()
        .map(|&at| {
            let (report, timing) = (&national.reports[at], &index.reports[at]);
            let tally = timing.tally();
            let expected_of = match timing.bodies.as_slice() {
                [only] => Some(national.bodies[only.body].name.clone()),
                _ => None,
            };
            ReportRowView {
                title: report.title.clone(),
                url: views.link(Route::Report(&report.slug)),
                published: views.date(report.published),
                expected: tally.expected,
                expected_of,
                responded: tally.responded,
                on_time: tally.on_time,
                overdue: tally.overdue,
            }
        })
        .collect();
    let orders: Vec<OrderView> = ReportOrder::ALL
        .into_iter()
        .map(|other| OrderView {
            word: other.word(),
            label: order_words(pages, other),
            url: (other != order).then(|| views.link(Route::NationalReports(other, 1))),
        })
        .collect();
    let words = order_words(pages, order);
    let title = if count > 1 {
        let (page_text, count_text) = (page.to_string(), count.to_string());
        views.say(
            "program.reports_title_page",
            &[
                ("order", &words),
                ("page", &page_text),
                ("count", &count_text),
            ],
        )
    } else if order == ReportOrder::Newest {
        views.say("program.reports_title", &[])
    } else {
        views.say("program.reports_title_order", &[("order", &words)])
    };
    let numbers = (count > 1).then(|| {
        PageNumbers::new(page, count, |n| {
            views.link(Route::NationalReports(order, n))
        })
    });
    let route = Route::NationalReports(order, page);
    let page_meta = meta(
        views,
        title,
        Some(views.say("program.reports_description", &[])),
        route,
        crumbs(views, &[]),
    );
    PageJob {
        template: "national-reports.html",
        context: page_context! {
            site => &pages.site_value, page => page_meta, rows, orders,
            order => page_context! { word => order.word(), label => words },
            first => start + 1, last => end, total => every.len(), numbers,
            bodies_url => views.link(Route::Bodies),
        },
    }
}
