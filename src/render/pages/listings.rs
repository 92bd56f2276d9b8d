//! The pages that list documents: home, years, themes, grades, the findings tracker, deadlines,
//! search and the 404 page.

use minijinja::Value;
use minijinja::value::Serde;

use super::super::views::{FindingView, GradeRowView, GradedReportView, LinkView, ViewBuilder};
use super::pagination::PageNumbers;
use super::shared::{Items, item, render_item};
use super::{PageJob, PageMeta, Pages, ValuesOnDemand, crumbs, meta};
use crate::diagnostic::Diagnostic;
use crate::indexes::FindingGroup;
use crate::indexes::{FINDINGS_PER_PAGE, tracker_page_range, tracker_pages};
use crate::render::TemplateSet;
use crate::routes::{DataFile, Route};

pub(super) fn home(pages: &Pages<'_>) -> PageJob {
    let (views, site, site_value) = (&pages.views, &pages.site, &pages.site_value);
    let archive = views.archive;
    let items = &pages.items;
    let latest: Vec<Value> = pages.response_cards.iter().take(10).cloned().collect();
    let latest_items = Items::at(&items.responses, 0..latest.len());
    let mut awaiting: Vec<usize> = Vec::new();
    let mut overdue_reports: Vec<usize> = Vec::new();
    for index in 0..archive.reports.len() {
        match views.indexes.timeliness[index].status.code() {
            "due" => awaiting.push(index),
            "overdue" => overdue_reports.push(index),
            _ => {}
        }
    }
    let overdue: Vec<Value> = Items::at(&pages.report_cards, overdue_reports.iter().copied());
    let overdue_items = Items::at(&items.reports, overdue_reports);
    // As the cards' `status.days_left`, and stable, as before.
    awaiting.sort_by_key(|&index| views.indexes.timeliness[index].status.days_left());
    let awaiting: Vec<Value> = awaiting
        .into_iter()
        .map(|index| pages.report_cards[index].clone())
        .collect();
    let recent_reports: Vec<Value> = pages.report_cards.iter().take(5).cloned().collect();
    let recent_report_items = Items::at(&items.reports, 0..recent_reports.len());
    let years: Vec<Value> = views
        .indexes
        .years
        .iter()
        .map(|year| {
            page_context! { year => year.year, url => views.link(Route::Year(year.year)),
            reports => year.reports.len(), responses => year.responses.len() }
        })
        .collect();
    let themes = theme_summaries(views);
    let overdue_findings = views.indexes.findings.iter().filter(|f| f.overdue).count();
    let open_findings = views.indexes.findings.iter().filter(|f| f.active).count();
    let page = meta(
        views,
        site.title.clone(),
        Some(views.say(
            "program.home_description",
            &[("organisation", &site.organisation)],
        )),
        Route::Home,
        Vec::new(),
    );
    PageJob {
        template: "home.html",
        context: page_context! {
            site => site_value, page, latest_responses => latest, latest_response_items => latest_items,
            awaiting, overdue, overdue_items, recent_reports, recent_report_items, years, themes,
            report_count => archive.reports.len(), response_count => archive.responses.len(),
            open_findings, overdue_findings,
            grades_url => archive.has_grades().then(|| views.link(Route::Grades)),
            national => super::national::home_summary(pages),
            data => page_context! {
                json => views.link(Route::Data(DataFile::ArchiveJson)), reports_csv => views.link(Route::Data(DataFile::ReportsCsv)),
                responses_csv => views.link(Route::Data(DataFile::ResponsesCsv)), findings_csv => views.link(Route::Data(DataFile::FindingsCsv)),
                grades_csv => archive.has_grades().then(|| views.link(Route::Data(DataFile::GradesCsv))),
            },
        },
    }
}

fn theme_summaries(views: &ViewBuilder<'_>) -> Vec<Value> {
    views
        .indexes
        .themes
        .iter()
        .map(|entry| {
            let theme = &views.archive.themes[entry.theme];
            page_context! { slug => theme.slug, title => theme.title, description => theme.description,
                       url => views.link(Route::Theme(&theme.slug)), reports => entry.reports.len() }
        })
        .collect()
}

fn year_summaries(views: &ViewBuilder<'_>) -> Vec<Value> {
    views
        .indexes
        .years
        .iter()
        .map(|y| {
            page_context! { year => y.year, url => views.link(Route::Year(y.year)),
            reports => y.reports.len(), responses => y.responses.len() }
        })
        .collect()
}

pub(super) fn years_page(pages: &Pages<'_>) -> PageJob {
    let (views, site) = (&pages.views, &pages.site_value);
    let summaries = year_summaries(views);
    PageJob {
        template: "years.html",
        context: page_context! {
            site, years => summaries,
            page => meta(views, views.say("program.nav.years", &[]), Some(views.say("program.years_description", &[])), Route::Years, crumbs(views, &[])),
        },
    }
}

pub(super) fn year_page(pages: &Pages<'_>, position: usize) -> PageJob {
    let (views, site) = (&pages.views, &pages.site_value);
    let years = &views.indexes.years;
    let entry = &years[position];
    {
        let reports = Items::at(&pages.report_cards, entry.reports.iter().copied());
        let report_items = Items::at(&pages.items.reports, entry.reports.iter().copied());
        let responses = Items::at(&pages.response_cards, entry.responses.iter().copied());
        let response_items = Items::at(&pages.items.responses, entry.responses.iter().copied());
        let link = |y: i16| LinkView {
            title: y.to_string(),
            url: views.link(Route::Year(y)),
        };
        // Years are newest first: the next entry is the earlier year.
        let earlier = years.get(position + 1).map(|y| link(y.year));
        let later = position
            .checked_sub(1)
            .and_then(|p| years.get(p))
            .map(|y| link(y.year));
        let title = format!("{}", entry.year);
        PageJob {
            template: "year.html",
            context: page_context! {
                site, year => entry.year, reports, report_items, responses, response_items, earlier, later,
                page => meta(
                    views,
                    views.say("program.year_title", &[("year", &title)]),
                    Some(views.say("program.year_description", &[("year", &title)])),
                    Route::Year(entry.year),
                    crumbs(views, &[(&views.say("program.nav.years", &[]), Route::Years)]),
                ),
            },
        }
    }
}

pub(super) fn themes_page(pages: &Pages<'_>) -> PageJob {
    let (views, site) = (&pages.views, &pages.site_value);
    PageJob {
        template: "themes.html",
        context: page_context! {
            site, themes => theme_summaries(views),
            page => meta(views, views.say("program.nav.themes", &[]), Some(views.say("program.themes_description", &[])), Route::Themes, crumbs(views, &[])),
        },
    }
}

pub(super) fn theme_page(pages: &Pages<'_>, position: usize) -> PageJob {
    let (views, site) = (&pages.views, &pages.site_value);
    let entry = &views.indexes.themes[position];
    {
        let theme = &views.archive.themes[entry.theme];
        let reports = Items::at(&pages.report_cards, entry.reports.iter().copied());
        let report_items = Items::at(&pages.items.reports, entry.reports.iter().copied());
        PageJob {
            template: "theme.html",
            context: page_context! {
                site, theme => page_context! { slug => theme.slug, title => theme.title, description => theme.description },
                reports, report_items,
                page => PageMeta {
                    feed: Some(LinkView {
                        title: views.say("program.theme_feed", &[("theme", &theme.title)]),
                        url: views.link(Route::ThemeFeed(&theme.slug)),
                    }),
                    ..meta(
                        views,
                        theme.title.clone(),
                        theme.description.clone(),
                        Route::Theme(&theme.slug),
                        crumbs(views, &[(&views.say("program.nav.themes", &[]), Route::Themes)]),
                    )
                },
            },
        }
    }
}

/// Every graded area (a row) against every report with grades (a column, newest first).
pub(super) fn grades_page(pages: &Pages<'_>) -> PageJob {
    let (views, site) = (&pages.views, &pages.site_value);
    let archive = views.archive;
    let graded: Vec<&crate::archive::Report> = (archive.reports.iter())
        .filter(|report| !report.grades.is_empty())
        .collect();
    let reports: Vec<GradedReportView> = graded
        .iter()
        .map(|report| GradedReportView {
            title: report.title.clone(),
            url: views.link(Route::Report(&report.slug)),
            published: views.date(report.published),
            type_label: report.report_type.label(),
        })
        .collect();
    let rows: Vec<GradeRowView> = (archive.grade_areas.iter())
        .map(|area| GradeRowView {
            key: area.key.clone(),
            title: area.title.clone(),
            description: area.description.clone(),
            grades: graded
                .iter()
                .map(|report| {
                    let grade = report.grades.iter().find(|grade| grade.area == area.key);
                    grade.map(|grade| views.grade(grade))
                })
                .collect(),
        })
        .collect();
    PageJob {
        template: "grades.html",
        context: page_context! {
            site, reports, rows,
            csv => views.link(Route::Data(DataFile::GradesCsv)),
            page => meta(
                views,
                views.say("program.nav.grades", &[]),
                Some(views.say("program.grades_description", &[])),
                Route::Grades,
                crumbs(views, &[]),
            ),
        },
    }
}

/// Page `page` (1 for the first) of the findings tracker. A tracker of one page lists every
/// group, empty ones too; a longer one lists on each page the groups its findings are in, and
/// its contents link to the page where each group starts.
pub(super) fn findings_page(
    pages: &Pages<'_>,
    page: usize,
    theme: &TemplateSet,
) -> Result<PageJob, Diagnostic> {
    let (views, site) = (&pages.views, &pages.site_value);
    let words = &views.archive.config.statuses;
    let every = &views.indexes.findings;
    let count = tracker_pages(every.len());
    let range = tracker_page_range(every.len(), page);
    let on_page = &every[range.clone()];
    let groups: Vec<Value> = FindingGroup::shown(words)
        .filter(|&group| count == 1 || on_page.iter().any(|entry| entry.group() == group))
        .map(|group| {
            let entries = on_page.iter().filter(|entry| entry.group() == group);
            if let Some(rows) = &pages.items.findings {
                let rows: Vec<Value> = entries
                    .map(|entry| rows[entry.report.index()][entry.finding].clone())
                    .collect();
                return Ok(
                    page_context! { id => group.id(), heading => group_heading(views, group, words), rows },
                );
            }
            if pages.rows_by_page {
                // As `finding_rows` makes them, for this page's findings only.
                let rows: Vec<Value> = entries
                    .map(|entry| {
                        let report = views.archive.report_at(entry.report);
                        let html = &pages.finding_html[entry.report.index()][entry.finding];
                        let view = views.finding(
                            entry.report,
                            &report.findings[entry.finding],
                            html.clone(),
                        );
                        render_item(
                            theme,
                            item::FINDING,
                            "finding",
                            &Value::from(Serde(&view)),
                            views.language.code,
                        )
                    })
                    .collect::<Result<_, _>>()?;
                return Ok(
                    page_context! { id => group.id(), heading => group_heading(views, group, words), rows },
                );
            }
            // A theme without a finding item renders the views itself.
            let findings: Vec<FindingView> = entries
                .map(|entry| {
                    let html = &pages.finding_html[entry.report.index()][entry.finding];
                    views.finding_entry(entry, html.clone())
                })
                .collect();
            let findings = Value::from_object(ValuesOnDemand(findings));
            Ok(page_context! { id => group.id(), heading => group_heading(views, group, words), findings })
        })
        .collect::<Result<_, Diagnostic>>()?;
    let counts = page_context! {
        total => every.len(),
        overdue => every.iter().filter(|f| f.overdue).count(),
        open => every.iter().filter(|f| f.active).count(),
    };
    let route = Route::FindingsPage(page);
    let mut title = views.say("program.findings_title", &[]);
    let pagination = (count > 1).then(|| {
        let (page_text, count_text) = (page.to_string(), count.to_string());
        title = views.say(
            "program.findings_title_page",
            &[("page", &page_text), ("count", &count_text)],
        );
        let contents: Vec<Value> = FindingGroup::shown(words)
            .map(|group| {
                let start = every.iter().position(|entry| entry.group() == group);
                let url = start.map(|start| {
                    let at = start / FINDINGS_PER_PAGE + 1;
                    format!("{}#{}", views.link(Route::FindingsPage(at)), group.id())
                });
                let total = every.iter().filter(|entry| entry.group() == group).count();
                page_context! { id => group.id(), heading => group_heading(views, group, words), count => total, url }
            })
            .collect();
        page_context! {
            first => range.start + 1, last => range.end, total => every.len(), contents,
            numbers => PageNumbers::new(page, count, |n| views.link(Route::FindingsPage(n))),
        }
    });
    Ok(PageJob {
        template: "findings.html",
        context: page_context! {
            site, groups, counts, pagination,
            office_words => words.is_own(),
            page => meta(
                views,
                title,
                Some(views.say("program.findings_description", &[])),
                route,
                crumbs(views, &[]),
            ),
        },
    })
}

pub(super) fn deadlines_page(pages: &Pages<'_>) -> PageJob {
    if pages.views.archive.national.is_some() {
        return super::national::deadlines_page(pages);
    }
    let (views, site, site_value) = (&pages.views, &pages.site, &pages.site_value);
    let reports: Vec<Value> = pages.report_cards.clone();
    let rates: Vec<Value> = views
        .indexes
        .rates
        .iter()
        .map(|rate| page_context! { year => rate.year, on_time => rate.on_time, late => rate.late, other => rate.other,
                               decided => rate.on_time + rate.late, percent => rate.percent() })
        .collect();
    let chart = super::super::chart::days_taken_chart(views);
    PageJob {
        template: "deadlines.html",
        context: page_context! {
            site => site_value, reports, report_rows => pages.items.deadlines, rates, chart_svg => chart.svg, chart_bands => chart.bands,
            page => meta(
                views,
                views.say("program.deadlines_title", &[]),
                Some(views.say("program.deadlines_description", &[("days", &site.deadline_days.to_string())])),
                Route::Deadlines,
                crumbs(views, &[]),
            ),
        },
    }
}

pub(super) fn search_page(pages: &Pages<'_>) -> PageJob {
    let (views, site) = (&pages.views, &pages.site_value);
    PageJob {
        template: "search.html",
        context: page_context! {
            site, bundle => views.link(Route::SearchIndex),
            status_words => super::super::search::status_words(views),
            page => meta(
                views,
                views.say("program.nav.search", &[]),
                Some(views.say("program.search_description", &[])),
                Route::Search,
                crumbs(views, &[]),
            ),
        },
    }
}

pub(super) fn not_found(pages: &Pages<'_>) -> PageJob {
    let (views, site) = (&pages.views, &pages.site_value);
    PageJob {
        template: "404.html",
        context: page_context! {
            site,
            page => meta(views, views.say("program.not_found_title", &[]), None, Route::NotFound, crumbs(views, &[])),
        },
    }
}

/// A group of the findings tracker's heading in the views' language (with the office's own
/// status words, plain "Open" and "Closed").
fn group_heading(
    views: &ViewBuilder<'_>,
    group: crate::indexes::FindingGroup,
    words: &crate::vocabulary::StatusWords,
) -> String {
    let own = match (words.is_own(), group.id()) {
        (true, "open") => "program.group.own_open",
        (true, "closed") => "program.group.own_closed",
        (_, "overdue") => "program.group.overdue",
        (_, "open") => "program.group.open",
        (_, "proposed-for-closure") => "program.group.proposed",
        _ => "program.group.closed",
    };
    views.say(own, &[])
}
