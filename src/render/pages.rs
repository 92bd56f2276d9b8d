//! Pages: the context of every HTML page of the site, rendered through the theme in parallel.

use minijinja::value::Serde;
use minijinja::{Value, context};
use rayon::prelude::*;
use serde::Serialize;

use super::views::{
    DateView, FindingView, LinkView, ReportCardView, ResponseCardView, SiteView, ViewBuilder,
    finding_anchor,
};
use super::{Contents, OutputFile, Theme};
use crate::archive::Archive;
use crate::diagnostic::Diagnostic;
use crate::indexes::{FindingGroup, Indexes};
use crate::markdown::{Heading, MarkdownRenderer};

/// Like `context!`, but every value may be any `Serialize` type (views, lists of views).
macro_rules! page_context {
    ($($key:ident $(=> $value:expr)?),* $(,)?) => {
        context! { $($key => Value::from(Serde(&page_context!(@value $key $($value)?)))),* }
    };
    (@value $key:ident) => { $key };
    (@value $key:ident $value:expr) => { $value };
}

/// What every page tells the base template about itself.
#[derive(Clone, Debug, Serialize)]
struct PageMeta {
    title: String,
    description: Option<String>,
    /// The page's own path under the base (`reports/x/`), for canonical links.
    path: String,
    breadcrumbs: Vec<LinkView>,
    draft: bool,
    /// Open Graph type: `article` for reports and responses, else `website`.
    og_type: &'static str,
    /// schema.org JSON-LD, already safe to place inside a `<script>` element.
    json_ld: Option<String>,
    /// A feed of this page's subject, besides the site-wide feed.
    feed: Option<LinkView>,
}

/// JSON for a `<script type="application/ld+json">` element: `<`, `>` and `&` are written as
/// `\u003c` and so on, so no string can close the element.
fn json_ld(value: &serde_json::Value) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// A page waiting to be rendered: output path, template and context.
struct PageJob {
    path: String,
    template: &'static str,
    context: Value,
}

pub fn render_pages(
    archive: &Archive,
    indexes: &Indexes,
    theme: &Theme,
    markdown: &MarkdownRenderer,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let views = ViewBuilder::new(archive, indexes);
    let site = views.site();
    let mut jobs: Vec<PageJob> = Vec::new();
    jobs.push(home(&views, &site));
    jobs.extend(report_pages(&views, &site, markdown));
    jobs.extend(response_pages(&views, &site, markdown));
    jobs.extend(year_pages(&views, &site));
    jobs.extend(theme_pages(&views, &site));
    jobs.extend(content_pages(&views, &site, markdown));
    jobs.push(findings_page(&views, &site, markdown));
    jobs.push(deadlines_page(&views, &site));
    jobs.push(search_page(&views, &site));
    jobs.push(not_found(&views, &site));

    let results: Vec<Result<OutputFile, Diagnostic>> = jobs
        .into_par_iter()
        .map(|job| {
            theme
                .render(job.template, job.context)
                .map(|html| OutputFile {
                    path: job.path,
                    contents: Contents::Bytes(html.into_bytes()),
                })
        })
        .collect();
    let mut files = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(problem) if !problems.contains(&problem) => problems.push(problem),
            Err(_) => {}
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

fn crumbs(views: &ViewBuilder<'_>, trail: &[(&str, &str)]) -> Vec<LinkView> {
    let mut links = vec![LinkView {
        title: "Home".into(),
        url: views.url(""),
    }];
    links.extend(trail.iter().map(|(title, path)| LinkView {
        title: (*title).into(),
        url: views.url(path),
    }));
    links
}

fn meta(
    title: impl Into<String>,
    description: Option<String>,
    path: impl Into<String>,
    breadcrumbs: Vec<LinkView>,
) -> PageMeta {
    PageMeta {
        title: title.into(),
        description,
        path: path.into(),
        breadcrumbs,
        draft: false,
        og_type: "website",
        json_ld: None,
        feed: None,
    }
}

fn home(views: &ViewBuilder<'_>, site: &SiteView) -> PageJob {
    let archive = views.archive;
    let latest: Vec<ResponseCardView> = (0..archive.responses.len())
        .take(10)
        .map(|i| views.response_card(i))
        .collect();
    let mut awaiting: Vec<ReportCardView> = Vec::new();
    let mut overdue: Vec<ReportCardView> = Vec::new();
    for index in 0..archive.reports.len() {
        match views.indexes.timeliness[index].status.code() {
            "due" => awaiting.push(views.report_card(index)),
            "overdue" => overdue.push(views.report_card(index)),
            _ => {}
        }
    }
    awaiting.sort_by_key(|card| card.status.days_left);
    let recent_reports: Vec<ReportCardView> = (0..archive.reports.len())
        .take(5)
        .map(|i| views.report_card(i))
        .collect();
    let years: Vec<Value> = views
        .indexes
        .years
        .iter()
        .map(|year| {
            page_context! { year => year.year, url => views.url(&format!("years/{}/", year.year)),
            reports => year.reports.len(), responses => year.responses.len() }
        })
        .collect();
    let themes = theme_summaries(views);
    let overdue_findings = views.indexes.findings.iter().filter(|f| f.overdue).count();
    let open_findings = views
        .indexes
        .findings
        .iter()
        .filter(|f| f.status.is_active())
        .count();
    let page = meta(
        site.title.clone(),
        Some(format!(
            "{} publishes its response to each HMICFRS inspection report here, with the 56-day deadline and what became of each recommendation.",
            site.organisation
        )),
        "",
        Vec::new(),
    );
    PageJob {
        path: "index.html".into(),
        template: "home.html",
        context: page_context! {
            site, page, latest_responses => latest, awaiting, overdue, recent_reports, years, themes,
            report_count => archive.reports.len(), response_count => archive.responses.len(),
            open_findings, overdue_findings,
            data => page_context! {
                json => views.url("data/archive.json"), reports_csv => views.url("data/reports.csv"),
                responses_csv => views.url("data/responses.csv"), findings_csv => views.url("data/findings.csv"),
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
                       url => views.url(&format!("themes/{}/", theme.slug)), reports => entry.reports.len() }
        })
        .collect()
}

fn render_body(markdown: &MarkdownRenderer, body: &str) -> (String, Vec<Heading>) {
    let rendered = markdown.render(body);
    (rendered.html, rendered.headings)
}

#[derive(Clone, Serialize)]
struct HeadingView {
    level: u8,
    id: String,
    text: String,
}

fn heading_views(headings: Vec<Heading>) -> Vec<HeadingView> {
    headings
        .into_iter()
        .filter(|h| h.level == 2)
        .map(|h| HeadingView {
            level: h.level,
            id: h.id,
            text: h.text,
        })
        .collect()
}

fn report_pages(
    views: &ViewBuilder<'_>,
    site: &SiteView,
    markdown: &MarkdownRenderer,
) -> Vec<PageJob> {
    let archive = views.archive;
    (0..archive.reports.len())
        .into_par_iter()
        .map(|index| {
            let report = &archive.reports[index];
            let card = views.report_card(index);
            let (body_html, headings) = render_body(markdown, &report.body);
            let findings: Vec<FindingView> = report
                .findings
                .iter()
                .map(|finding| views.finding(index, finding, markdown.render(&finding.text).html))
                .collect();
            let responses: Vec<ResponseCardView> =
                views.indexes.responses_of[index].iter().map(|&i| views.response_card(i)).collect();
            let timing = &views.indexes.timeliness[index];
            let sentence = views.timeliness_sentence(report, timing);
            let follows_up = report.follows_up.as_deref().map(|slug| views.report_links(&[slug.to_string()]));
            let followed_by: Vec<LinkView> = archive
                .reports
                .iter()
                .filter(|other| other.follows_up.as_deref() == Some(report.slug.as_str()))
                .map(|other| LinkView { title: other.title.clone(), url: views.report_url(&other.slug) })
                .collect();
            // Reports are newest first: the previous (older) one is the next index.
            let older = archive.reports.get(index + 1).map(|r| LinkView { title: r.title.clone(), url: views.report_url(&r.slug) });
            let newer = index
                .checked_sub(1)
                .and_then(|i| archive.reports.get(i))
                .map(|r| LinkView { title: r.title.clone(), url: views.report_url(&r.slug) });
            let year = report.published.year();
            let mut page = meta(
                report.title.clone(),
                report.summary.clone(),
                format!("reports/{}/", report.slug),
                crumbs(views, &[("Reports by year", "years/"), (&year.to_string(), &format!("years/{year}/"))]),
            );
            page.draft = report.draft;
            page.og_type = "article";
            page.json_ld = Some(json_ld(&serde_json::json!({
                "@context": "https://schema.org",
                "@type": "Report",
                "name": report.title,
                "headline": report.title,
                "description": report.summary,
                "datePublished": report.published.iso(),
                "url": format!("{}reports/{}/", archive.config.base_url, report.slug),
                "sameAs": report.url,
                "author": { "@type": "GovernmentOrganization", "name": "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services" },
                "about": card.themes.iter().map(|t| t.title.clone()).collect::<Vec<_>>(),
                "inLanguage": archive.config.language,
            })));
            PageJob {
                path: format!("reports/{}/index.html", report.slug),
                template: "report.html",
                context: page_context! {
                    site, page, report => card, hmicfrs_url => report.url, body_html,
                    contents => heading_views(headings), findings, responses, timeliness => sentence,
                    follows_up => follows_up.and_then(|links| links.into_iter().next()), followed_by,
                    statutory => timing.deadline.is_some(), older, newer,
                },
            }
        })
        .collect()
}

#[derive(Serialize)]
struct AttachmentView {
    title: String,
    url: String,
    file_type: String,
    size: String,
}

/// "240 KB", "1.2 MB", as GOV.UK shows attachment sizes.
fn size_label(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else {
        format!("{} KB", bytes.div_ceil(KB).max(1))
    }
}

fn response_pages(
    views: &ViewBuilder<'_>,
    site: &SiteView,
    markdown: &MarkdownRenderer,
) -> Vec<PageJob> {
    let archive = views.archive;
    (0..archive.responses.len())
        .into_par_iter()
        .map(|index| {
            let response = &archive.responses[index];
            let card = views.response_card(index);
            let (body_html, _) = render_body(markdown, &response.body);
            let attachments: Vec<AttachmentView> = response
                .attachments
                .iter()
                .map(|a| AttachmentView {
                    title: a.title.clone(),
                    url: views.url(&a.file),
                    file_type: a.file_type(),
                    size: size_label(a.size),
                })
                .collect();
            let answered: Vec<ReportCardView> = response
                .reports
                .iter()
                .filter_map(|slug| archive.report_position(slug))
                .map(|i| views.report_card(i))
                .collect();
            let addresses: Vec<Value> = response
                .addresses
                .iter()
                .filter_map(|id| {
                    response.reports.iter().find_map(|slug| {
                        let report = archive.report(slug)?;
                        let finding = report.findings.iter().find(|f| &f.id == id)?;
                        Some(page_context! {
                            id => finding.id, kind => finding.kind.label(), text => finding.text,
                            status => finding.current_status().label(),
                            status_code => crate::frontmatter::Vocabulary::word(finding.current_status()),
                            url => format!("{}#{}", views.report_url(slug), finding_anchor(&finding.id)),
                        })
                    })
                })
                .collect();
            let crumbs_trail: Vec<(String, String)> = match answered.first() {
                Some(report) => vec![(report.title.clone(), format!("reports/{}/", report.slug))],
                None => Vec::new(),
            };
            let trail: Vec<(&str, &str)> = crumbs_trail.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
            let mut page = meta(
                card.title.clone(),
                Some(format!("The {} response to {}.", site.organisation, crate::render::views::join_and(
                    &answered.iter().map(|r| r.title.as_str()).collect::<Vec<_>>()
                ))),
                format!("responses/{}/", response.slug),
                crumbs(views, &trail),
            );
            page.draft = response.draft;
            page.og_type = "article";
            page.json_ld = Some(json_ld(&serde_json::json!({
                "@context": "https://schema.org",
                "@type": "Article",
                "headline": card.title,
                "dateCreated": response.date.map(|d| d.iso()),
                "datePublished": response.counting_date().map(|d| d.iso()),
                "url": format!("{}responses/{}/", archive.config.base_url, response.slug),
                "author": { "@type": "Person", "name": response.author, "jobTitle": response.role },
                "publisher": { "@type": "GovernmentOrganization", "name": archive.config.organisation },
                "about": answered.iter().map(|r| serde_json::json!({
                    "@type": "Report", "name": r.title, "url": format!("{}reports/{}/", archive.config.base_url, r.slug),
                })).collect::<Vec<_>>(),
                "inLanguage": archive.config.language,
            })));
            PageJob {
                path: format!("responses/{}/index.html", response.slug),
                template: "response.html",
                context: page_context! {
                    site, page, response => card, author => response.author, role => response.role,
                    to => response.to, cc => response.cc, our_ref => response.our_ref, body_html,
                    attachments, reports => answered, addresses, timing => views.response_timing(response),
                },
            }
        })
        .collect()
}

fn year_pages(views: &ViewBuilder<'_>, site: &SiteView) -> Vec<PageJob> {
    let years = &views.indexes.years;
    let summaries: Vec<Value> = years
        .iter()
        .map(|y| {
            page_context! { year => y.year, url => views.url(&format!("years/{}/", y.year)),
            reports => y.reports.len(), responses => y.responses.len() }
        })
        .collect();
    let mut jobs = vec![PageJob {
        path: "years/index.html".into(),
        template: "years.html",
        context: page_context! {
            site, years => summaries,
            page => meta("Reports by year", Some("HMICFRS reports and our responses, by the year they were published.".into()), "years/", crumbs(views, &[])),
        },
    }];
    for (position, entry) in years.iter().enumerate() {
        let reports: Vec<ReportCardView> = entry
            .reports
            .iter()
            .map(|&i| views.report_card(i))
            .collect();
        let responses: Vec<ResponseCardView> = entry
            .responses
            .iter()
            .map(|&i| views.response_card(i))
            .collect();
        let link = |y: i16| LinkView {
            title: y.to_string(),
            url: views.url(&format!("years/{y}/")),
        };
        // Years are newest first: the next entry is the earlier year.
        let earlier = years.get(position + 1).map(|y| link(y.year));
        let later = position
            .checked_sub(1)
            .and_then(|p| years.get(p))
            .map(|y| link(y.year));
        let title = format!("{}", entry.year);
        jobs.push(PageJob {
            path: format!("years/{}/index.html", entry.year),
            template: "year.html",
            context: page_context! {
                site, year => entry.year, reports, responses, earlier, later,
                page => meta(
                    format!("Reports and responses in {title}"),
                    Some(format!("HMICFRS reports published in {title}, and our responses published in {title}.")),
                    format!("years/{title}/"),
                    crumbs(views, &[("Reports by year", "years/")]),
                ),
            },
        });
    }
    jobs
}

fn theme_pages(views: &ViewBuilder<'_>, site: &SiteView) -> Vec<PageJob> {
    let mut jobs = vec![PageJob {
        path: "themes/index.html".into(),
        template: "themes.html",
        context: page_context! {
            site, themes => theme_summaries(views),
            page => meta("Themes", Some("HMICFRS reports and our responses, by subject.".into()), "themes/", crumbs(views, &[])),
        },
    }];
    for entry in &views.indexes.themes {
        let theme = &views.archive.themes[entry.theme];
        let reports: Vec<ReportCardView> = entry
            .reports
            .iter()
            .map(|&i| views.report_card(i))
            .collect();
        jobs.push(PageJob {
            path: format!("themes/{}/index.html", theme.slug),
            template: "theme.html",
            context: page_context! {
                site, theme => page_context! { slug => theme.slug, title => theme.title, description => theme.description },
                reports,
                page => PageMeta {
                    feed: Some(LinkView {
                        title: format!("{} (Atom feed)", theme.title),
                        url: views.url(&format!("themes/{}/feed.xml", theme.slug)),
                    }),
                    ..meta(
                        theme.title.clone(),
                        theme.description.clone(),
                        format!("themes/{}/", theme.slug),
                        crumbs(views, &[("Themes", "themes/")]),
                    )
                },
            },
        });
    }
    jobs
}

fn content_pages(
    views: &ViewBuilder<'_>,
    site: &SiteView,
    markdown: &MarkdownRenderer,
) -> Vec<PageJob> {
    views
        .archive
        .pages
        .iter()
        .map(|content| {
            let (body_html, headings) = render_body(markdown, &content.body);
            let mut page = meta(
                content.title.clone(),
                content.summary.clone(),
                format!("{}/", content.slug),
                crumbs(views, &[]),
            );
            page.draft = content.draft;
            PageJob {
                path: format!("{}/index.html", content.slug),
                template: "page.html",
                context: page_context! {
                    site, page, body_html, contents => heading_views(headings),
                    updated => content.updated.map(DateView::from),
                },
            }
        })
        .collect()
}

fn findings_page(views: &ViewBuilder<'_>, site: &SiteView, markdown: &MarkdownRenderer) -> PageJob {
    let groups: Vec<Value> = FindingGroup::ALL
        .iter()
        .map(|&group| {
            let findings: Vec<FindingView> = views
                .indexes
                .findings
                .iter()
                .filter(|entry| entry.group() == group)
                .map(|entry| {
                    let finding = &views.archive.reports[entry.report].findings[entry.finding];
                    views.finding_entry(entry, markdown.render(&finding.text).html)
                })
                .collect();
            page_context! { id => group.id(), heading => group.heading(), findings }
        })
        .collect();
    let counts = page_context! {
        total => views.indexes.findings.len(),
        overdue => views.indexes.findings.iter().filter(|f| f.overdue).count(),
        open => views.indexes.findings.iter().filter(|f| f.status.is_active()).count(),
    };
    PageJob {
        path: "findings/index.html".into(),
        template: "findings.html",
        context: page_context! {
            site, groups, counts,
            page => meta(
                "Findings tracker",
                Some("Every recommendation, cause of concern and area for improvement from HMICFRS reports, and what became of it.".into()),
                "findings/",
                crumbs(views, &[]),
            ),
        },
    }
}

fn deadlines_page(views: &ViewBuilder<'_>, site: &SiteView) -> PageJob {
    let reports: Vec<ReportCardView> = (0..views.archive.reports.len())
        .map(|i| views.report_card(i))
        .collect();
    let rates: Vec<Value> = views
        .indexes
        .rates
        .iter()
        .map(|rate| page_context! { year => rate.year, on_time => rate.on_time, late => rate.late, other => rate.other,
                               decided => rate.on_time + rate.late, percent => rate.percent() })
        .collect();
    let chart = super::chart::days_taken_chart(views);
    PageJob {
        path: "deadlines/index.html".into(),
        template: "deadlines.html",
        context: page_context! {
            site, reports, rates, chart_svg => chart.svg, chart_rows => chart.rows,
            page => meta(
                "Response deadlines",
                Some(format!("Whether each response to an HMICFRS report was published within the {} days the law allows.", site.deadline_days)),
                "deadlines/",
                crumbs(views, &[]),
            ),
        },
    }
}

fn search_page(views: &ViewBuilder<'_>, site: &SiteView) -> PageJob {
    PageJob {
        path: "search/index.html".into(),
        template: "search.html",
        context: page_context! {
            site, bundle => views.url("pagefind/"),
            page => meta(
                "Search",
                Some("Search HMICFRS reports, our responses and their findings.".into()),
                "search/",
                crumbs(views, &[]),
            ),
        },
    }
}

fn not_found(views: &ViewBuilder<'_>, site: &SiteView) -> PageJob {
    PageJob {
        path: "404.html".into(),
        template: "404.html",
        context: page_context! {
            site,
            page => meta("Page not found", None, "404.html", crumbs(views, &[])),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachment_sizes_read_like_govuk() {
        assert_eq!(size_label(0), "1 KB");
        assert_eq!(size_label(1500), "2 KB");
        assert_eq!(size_label(3 * 1024 * 1024 + 200_000), "3.2 MB");
    }
}
