//! Free-standing pages (about, contact...): their names kept clear of the site's own addresses.

use super::{Checker, Common, value, word};
use crate::archive::Page;
use crate::diagnostic::Diagnostic;
use crate::document::PageFrontMatter;
use crate::vocabulary::PageKind;

/// URL path segments the site itself uses, which a page slug must not take.
pub const RESERVED_SLUGS: &[&str] = &[
    "reports",
    "responses",
    "years",
    "themes",
    "findings",
    "deadlines",
    "search",
    "data",
    "assets",
    "files",
    "feed.xml",
    "sitemap.xml",
    "robots.txt",
    "404",
    "admin",
];

impl Checker {
    pub(super) fn page(&mut self, common: &mut Common, doc: &PageFrontMatter) -> Option<Page> {
        if RESERVED_SLUGS.contains(&common.slug.as_str()) {
            self.push(
                Diagnostic::error(
                    &common.path,
                    format!(
                        "the page name `{}` is taken by the site's own pages",
                        common.slug
                    ),
                )
                .with_help(format!(
                    "rename the file to something else, such as about-{}.md",
                    common.slug
                )),
            );
            return None;
        }
        let kind = word(&doc.kind).unwrap_or_default();
        // A review date anywhere else is most likely meant as `updated`, and would otherwise be
        // silently ignored.
        if let (Some(reviewed), PageKind::Page) = (&doc.reviewed, kind) {
            self.push(
                reviewed
                    .error(
                        &common.path,
                        "`reviewed` is only for the accessibility statement",
                    )
                    .with_help(
                        "if this page is the statement, add kind = \"accessibility-statement\"; \
                         for the day a page last changed, write updated = YYYY-MM-DD",
                    ),
            );
            return None;
        }
        let help = "write the page's own words";
        self.placeholder_value(&common.path, "title", doc.title.as_ref(), help);
        self.placeholder_value(&common.path, "summary", doc.summary.as_ref(), help);
        self.placeholders_in_body(common);
        if common.has_errors {
            return None;
        }
        Some(Page {
            slug: common.slug.clone(),
            source: common.path.clone(),
            title: value(&doc.title)?,
            summary: value(&doc.summary),
            updated: value(&doc.updated),
            draft: value(&doc.draft).unwrap_or(false),
            kind,
            reviewed: doc.reviewed.clone(),
            body: std::mem::take(&mut common.body),
        })
    }
}
