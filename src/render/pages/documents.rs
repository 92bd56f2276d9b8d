//! The pages of single documents: a report, a response, a page of `content/pages/`.

use minijinja::Value;
use serde::Serialize;

use super::super::views::{FindingView, GradeView, LinkView, finding_anchor};
use super::shared::Items;
use super::{PageJob, Pages, crumbs, json_ld, meta};
use crate::archive::{ReportId, ResponseId};
use crate::diagnostic::Diagnostic;
use crate::markdown::{Heading, MarkdownRenderer};
use crate::routes::Route;

/// A body's HTML and headings; a body left in its file is read again here.
///
/// The HTML comes as a value marked safe (it is the Markdown renderer's own output, raw HTML
/// escaped unless the config allows it), so that neither the template's `|safe` nor its output
/// copies a body of many megabytes again.
fn render_body(
    markdown: &MarkdownRenderer,
    body: &crate::archive::Body,
) -> Result<(Value, Vec<Heading>), Diagnostic> {
    let rendered = markdown.render(&body.text()?);
    Ok((Value::from_safe_string(rendered.html), rendered.headings))
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

/// On a page of another language, the main language's code when the document has no
/// translation in it (its words are the original's, marked so with `lang`); `None` otherwise.
fn untranslated(
    views: &super::super::views::ViewBuilder<'_>,
    source: &std::path::Path,
) -> Option<String> {
    views
        .archive
        .is_untranslated(source)
        .then(|| views.archive.config.language.clone())
}

pub(super) fn report_page(pages: &Pages<'_>, id: ReportId) -> Result<PageJob, Diagnostic> {
    let index = id.index();
    let (views, site) = (&pages.views, &pages.site_value);
    let archive = views.archive;
    let address = views.address();
    {
        {
            let report = archive.report_at(id);
            // The card every list shows, made once by `Pages::new`.
            let card = pages.report_cards[index].clone();
            let (body_html, headings) = render_body(pages.markdown, &report.body)?;
            let findings: Vec<FindingView> = report
                .findings
                .iter()
                .zip(&pages.finding_html[index])
                .map(|(finding, html)| views.finding(id, finding, html.clone()))
                .collect();
            let grades: Vec<GradeView> = report.grades.iter().map(|g| views.grade(g)).collect();
            let grades_heading = views.say(
                match report.sector {
                    crate::vocabulary::Sector::Police => "program.graded_force",
                    crate::vocabulary::Sector::Fire => "program.graded_service",
                },
                &[],
            );
            let answers = views.indexes.responses_of[index].iter().copied();
            let responses = Items::at(&pages.response_cards, answers.clone());
            let response_items = Items::at(&pages.items.responses, answers);
            let timing = &views.indexes.timeliness[index];
            let sentence = views.timeliness_sentence(report, timing);
            let follows_up = report
                .follows_up
                .as_deref()
                .map(|slug| views.report_links(&[slug.to_string()]));
            let followed_by: Vec<LinkView> = pages.followed_by[index]
                .iter()
                .map(|&i| archive.report_at(i))
                .map(|other| LinkView {
                    title: other.title.clone(),
                    url: views.link(Route::Report(&other.slug)),
                })
                .collect();
            // Reports are newest first: the previous (older) one is the next index.
            let older = archive.reports.get(index + 1).map(|r| LinkView {
                title: r.title.clone(),
                url: views.link(Route::Report(&r.slug)),
            });
            let newer = index
                .checked_sub(1)
                .and_then(|i| archive.reports.get(i))
                .map(|r| LinkView {
                    title: r.title.clone(),
                    url: views.link(Route::Report(&r.slug)),
                });
            let year = report.published.year();
            let mut page = meta(
                views,
                report.title.clone(),
                report.summary.clone(),
                Route::Report(&report.slug),
                crumbs(
                    views,
                    &[
                        (&views.say("program.nav.years", &[]), Route::Years),
                        (&year.to_string(), Route::Year(year)),
                    ],
                ),
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
                "url": address.absolute(Route::Report(&report.slug)),
                "sameAs": report.url,
                "author": { "@type": "GovernmentOrganization", "name": views.say("program.hmicfrs_name", &[]) },
                "about": report.themes.iter().filter_map(|slug| archive.theme(slug)).map(|t| t.title.as_str()).collect::<Vec<_>>(),
                "inLanguage": untranslated(views, &report.source).unwrap_or_else(|| views.language.code.to_string()),
            })));
            Ok(PageJob {
                template: "report.html",
                context: page_context! {
                    site, page, report => card, hmicfrs_url => report.url, body_html,
                    untranslated => untranslated(views, &report.source),
                    contents => heading_views(headings), findings, responses, response_items, timeliness => sentence,
                    follows_up => follows_up.and_then(|links| links.into_iter().next()), followed_by,
                    statutory => timing.deadline.is_some(), older, newer, grades, grades_heading,
                    national_bodies => super::national::national_report_of(pages, &report.slug)
                        .map(|at| super::national::report_rows(pages, at)),
                },
            })
        }
    }
}

#[derive(Serialize)]
struct AttachmentView {
    title: String,
    url: String,
    file_type: String,
    size: String,
    /// A `mailto:` link asking for the file in another format, when the site gives an address.
    accessible_format_request: Option<String>,
}

/// Characters percent-encoded in a `mailto:` subject: all but the unreserved ones of RFC 3986,
/// so spaces, `&`, `?`, `#` and `=` in a title cannot end or split the subject.
const SUBJECT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The same, less `@` and `+`, for the address itself (a `?` or `%` in it would otherwise be read
/// as the start of the headers or an escape).
const ADDRESS: &percent_encoding::AsciiSet = &SUBJECT.remove(b'@').remove(b'+');

/// `mailto:` the address, with `subject` (the request, naming the document; RFC 6068).
fn accessible_format_request(email: &str, subject: &str) -> String {
    format!(
        "mailto:{}?subject={}",
        percent_encoding::utf8_percent_encode(email, ADDRESS),
        percent_encoding::utf8_percent_encode(subject, SUBJECT)
    )
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

pub(super) fn response_page(pages: &Pages<'_>, id: ResponseId) -> Result<PageJob, Diagnostic> {
    let index = id.index();
    let (views, site, site_value) = (&pages.views, &pages.site, &pages.site_value);
    let archive = views.archive;
    let address = views.address();
    {
        {
            let response = archive.response_at(id);
            let title = views.response_title(response);
            let card = pages.response_cards[index].clone();
            let (body_html, _) = render_body(pages.markdown, &response.body)?;
            let attachments: Vec<AttachmentView> = response
                .attachments
                .iter()
                .map(|a| AttachmentView {
                    title: a.title.clone(),
                    url: views.link(Route::Attachment(&a.file)),
                    file_type: a.file_type(),
                    size: size_label(a.size),
                    accessible_format_request: archive
                        .config
                        .accessible_formats_email
                        .as_deref()
                        .map(|email| {
                            let subject = views
                                .say("program.accessible_format_subject", &[("title", &a.title)]);
                            accessible_format_request(email, &subject)
                        }),
                })
                .collect();
            let answered_reports: Vec<ReportId> = response
                .reports
                .iter()
                .filter_map(|slug| archive.report_position(slug))
                .collect();
            let answered: Vec<Value> = answered_reports
                .iter()
                .map(|&i| pages.report_cards[i.index()].clone())
                .collect();
            // The cards' titles and slugs are the reports' own.
            let answered_reports: Vec<&crate::archive::Report> = answered_reports
                .iter()
                .map(|&i| archive.report_at(i))
                .collect();
            let words = &archive.config.statuses;
            let addresses: Vec<Value> = response
                .addresses
                .iter()
                .filter_map(|id| {
                    response.reports.iter().find_map(|slug| {
                        let report = archive.report(slug)?;
                        let finding = report.findings.iter().find(|f| &f.id == id)?;
                        Some(page_context! {
                            id => finding.id, kind => views.label("finding_kind", finding.kind), text => finding.text,
                            status => views.status_label(words.get(finding.current_status(words))),
                            status_code => words.get(finding.current_status(words)).key,
                            url => address.link_with_fragment(Route::Report(slug), &finding_anchor(&finding.id)),
                        })
                    })
                })
                .collect();
            let trail: Vec<(&str, Route<'_>)> = match answered_reports.first() {
                Some(report) => vec![(report.title.as_str(), Route::Report(&report.slug))],
                None => Vec::new(),
            };
            let mut page = meta(
                views,
                title.clone(),
                Some(
                    views.say(
                        "program.response_description",
                        &[
                            ("organisation", &site.organisation),
                            (
                                "reports",
                                &views.join_and(
                                    &answered_reports
                                        .iter()
                                        .map(|r| r.title.as_str())
                                        .collect::<Vec<_>>(),
                                ),
                            ),
                        ],
                    ),
                ),
                Route::Response(&response.slug),
                crumbs(views, &trail),
            );
            page.draft = response.draft;
            page.og_type = "article";
            page.json_ld = Some(json_ld(&serde_json::json!({
                "@context": "https://schema.org",
                "@type": "Article",
                "headline": title,
                "dateCreated": response.date.map(|d| d.iso()),
                "datePublished": response.counting_date().map(|d| d.iso()),
                "url": address.absolute(Route::Response(&response.slug)),
                "author": { "@type": "Person", "name": response.author, "jobTitle": response.role },
                "publisher": { "@type": "GovernmentOrganization", "name": views.language.organisation },
                "about": answered_reports.iter().map(|r| serde_json::json!({
                    "@type": "Report", "name": r.title, "url": address.absolute(Route::Report(&r.slug)),
                })).collect::<Vec<_>>(),
                "inLanguage": untranslated(views, &response.source).unwrap_or_else(|| views.language.code.to_string()),
            })));
            Ok(PageJob {
                template: "response.html",
                context: page_context! {
                    site => site_value, page, response => card, author => response.author, role => response.role,
                    to => response.to, cc => response.cc, our_ref => response.our_ref, body_html,
                    untranslated => untranslated(views, &response.source),
                    attachments, reports => answered, addresses, timing => views.response_timing(response),
                },
            })
        }
    }
}

pub(super) fn content_page(pages: &Pages<'_>, index: usize) -> Result<PageJob, Diagnostic> {
    let (views, site) = (&pages.views, &pages.site_value);
    let content = &views.archive.pages[index];
    {
        {
            let (body_html, headings) = render_body(pages.markdown, &content.body)?;
            let mut page = meta(
                views,
                content.title.clone(),
                content.summary.clone(),
                Route::Page(&content.slug),
                crumbs(views, &[]),
            );
            page.draft = content.draft;
            Ok(PageJob {
                template: "page.html",
                context: page_context! {
                    site, page, body_html, contents => heading_views(headings),
                    untranslated => untranslated(views, &content.source),
                    updated => content.updated.map(|d| views.date(d)),
                },
            })
        }
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

    #[test]
    fn an_accessible_format_request_carries_the_title_percent_encoded() {
        assert_eq!(
            accessible_format_request(
                "pfcc@example.org",
                "Request for an accessible format: Letter & annex (2023)?"
            ),
            "mailto:pfcc@example.org?subject=Request%20for%20an%20accessible%20format%3A%20Letter%20%26%20annex%20%282023%29%3F"
        );
        assert_eq!(
            accessible_format_request(
                "a+b@example.org",
                "Request for an accessible format: Brief – été"
            ),
            "mailto:a+b@example.org?subject=Request%20for%20an%20accessible%20format%3A%20Brief%20%E2%80%93%20%C3%A9t%C3%A9"
        );
    }
}
