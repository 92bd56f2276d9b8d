//! The text of new files: a report template, a response pre-filled from its report and a
//! translation pre-filled from its original, each field with a note for the editor. Pure
//! functions of their inputs.

use crate::dates::Date;
use crate::deadline::DeadlineRule;
use crate::document::{Matter, ReportFrontMatter, ResponseFrontMatter};
use crate::frontmatter::Located;
use crate::routes::Route;
use crate::vocabulary::placeholders::{TRANSLATE_MARKER, TRANSLATE_PROMPT};
use crate::vocabulary::{FindingKind, Sector};

/// A TOML basic string, in double quotes as editors write them everywhere else.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What `new` needs from config.toml; missing values fall back to the defaults.
pub struct SiteConfig {
    pub rule: DeadlineRule,
    pub organisation: String,
    pub force: Option<String>,
}

pub fn report_template(
    slug: &str,
    today: Date,
    first_theme: &str,
    themes: &[String],
    owner: &str,
    rule: &DeadlineRule,
) -> String {
    let theme_list = themes.join(", ");
    let deadline = rule.deadline(today).long();
    let from = rule.from.long();
    let days = rule.days;
    let owner = quote(owner);
    let published = today.iso();
    let address = Route::Report(slug).address();
    format!(
        r#"+++
# A new HMICFRS report. Replace each value below with the report's own, then preview the
# page with `scrutiny serve` and check the whole site with `scrutiny check`.
# Text goes in "double quotes"; dates are YYYY-MM-DD without quotes; lists go in [brackets].
# Lines starting with # are notes: scrutiny ignores them. Remove the # to use an optional field.
# This file's name is the report's address on the site: /{address}

# The report's title, exactly as HMICFRS gives it.
title = "Title of the HMICFRS report"

# The day HMICFRS first published the report (not the date of a later re-issue).
# The {days}-day deadline for the response counts from this day: published on {published_long},
# it would be due by {deadline}.
published = {published}

# The kind of report: peel, force, national-thematic, joint, regional, fire, revisit or other.
type = "force"

# police or fire. The {days}-day duty applies to police reports published on or after {from}.
sector = "police"

# One or more subjects, from the keys in content/themes.toml: {theme_list}.
themes = ["{first_theme}"]

# The report's page on the HMICFRS website.
url = "https://www.justiceinspectorates.gov.uk/hmicfrs/publications/"

# One or two sentences for lists, search results and feeds.
summary = "One or two sentences saying what HMICFRS inspected and what it found."

# Whether the {days}-day duty applies. Leave this out and scrutiny decides from the sector and the
# date; set it to say otherwise for this report.
# statutory = true

# The file name (without .md) of an earlier report that this one revisits.
# follows_up = "earlier-report"

# A draft is shown by `scrutiny serve` but left out of the published site.
# Delete this line (or write false) when the report is ready to publish.
draft = true

# One [[findings]] block for each recommendation, cause of concern, area for improvement or
# innovative practice, in the report's order. Copy the whole block for each one.
[[findings]]
# The report's own numbering (R1, AFI2, CoC1...); each id only once in a report.
id = "R1"
# recommendation, cause-of-concern, area-for-improvement or innovative-practice
kind = "recommendation"
# The finding's words, as in the report.
text = "The words of the recommendation, as the report gives them."
# Who the report addresses it to, as short names.
addressed_to = ["chief-constables"]
# false when it does not apply to this force (for example, it is for the Home Office).
applies = true
# Who leads the work on it.
owner = {owner}
# The date the report sets for it, if any.
# due = {published}
# Its status before any update (open when left out): open, in-progress, proposed-for-closure,
# closed, superseded, no-longer-relevant, not-applicable, or your [[finding_statuses]] in config.toml.
# status = "open"

# Progress: one [[findings.updates]] block per update, oldest first, under its finding.
# [[findings.updates]]
# date = {published}
# status = "in-progress"
# note = "What has been done, and what is still to do."

# The grades HMICFRS gave, if it graded the force: one [[grades]] block per area. The areas are
# the keys of content/grade-areas.toml (create it, listing each area with its title, first).
# [[grades]]
# area = "investigating-crime"
# grade = "good"    # outstanding, good, adequate, requires-improvement or inadequate
+++
The office's own summary of the report, in Markdown: what HMICFRS inspected, what it found and
what it recommended.
"#,
        published_long = today.long(),
    )
}

pub fn response_template(
    report_slug: &str,
    report: &ReportFrontMatter,
    today: Date,
    config: &SiteConfig,
    latest: Option<&ResponseFrontMatter>,
) -> String {
    let title = report
        .title
        .as_ref()
        .map(|t| t.value.clone())
        .unwrap_or_else(|| report_slug.to_string());
    let mut out = String::from("+++\n");
    out.push_str(&format!(
        "# A response to the HMICFRS report\n#   {title}\n"
    ));
    match report.published.as_ref().map(|p| p.value) {
        Some(published) => {
            let sector = report.sector.as_ref().map_or(Sector::Police, |s| s.value.0);
            let statutory = report.statutory.as_ref().map(|s| s.value);
            let rule = &config.rule;
            out.push_str(&format!(
                "# published by HMICFRS on {}.\n",
                published.long()
            ));
            if rule.applies(sector, published, statutory) {
                let deadline = rule.deadline(published);
                let left = deadline.days_since(today);
                let when = match left {
                    0 => "today".to_string(),
                    1 => "tomorrow".to_string(),
                    n if n > 1 => format!("in {n} days"),
                    -1 => "1 day ago".to_string(),
                    n => format!("{} days ago", -n),
                };
                out.push_str(&format!(
                    "# Deadline: {} ({when}). The response must be published within {} days of the\n\
                     # report, the day of publication being day 1 (Police Act 1996, s.55(5A)).\n",
                    deadline.long(),
                    rule.days
                ));
            } else {
                out.push_str("# No 56-day deadline applies to this report.\n");
            }
        }
        None => {
            out.push_str("# The report has no `published` date yet, so its deadline is unknown.\n")
        }
    }
    out.push_str(&format!(
        "# This file's name is the response's address on the site: /{}\n\
         # Lines starting with # are notes: scrutiny ignores them. Remove the # to use an optional field.\n\n",
        Route::Response(&format!("{report_slug}-response")).address()
    ));
    out.push_str(&format!(
        "# The report this letter answers: its file name without .md. A letter that answers several\n\
         # reports lists them all: report = [\"first-report\", \"second-report\"]\n\
         report = {}\n\n",
        quote(report_slug)
    ));
    out.push_str(&format!(
        "# The date on the letter. It decides whether the response was on time, unless\n\
         # `published` below is given.\n\
         date = {}\n\n\
         # The date the response went online, if that was later than the date on the letter.\n\
         # published = {}\n\n",
        today.iso(),
        today.iso()
    ));
    out.push_str(&format!(
        "# The page title; without it the page is called \"Response to\" and the report's title.\n\
         # title = {}\n\n",
        quote(&format!("Response to {title}"))
    ));
    let author = latest
        .and_then(|r| r.author.as_ref())
        .map(|a| a.value.clone());
    let role = latest
        .and_then(|r| r.role.as_ref())
        .map(|a| a.value.clone())
        .unwrap_or_else(|| config.organisation.clone());
    out.push_str("# Who signed the letter, and their role.\n");
    match author {
        Some(author) => out.push_str(&format!("author = {}\n", quote(&author))),
        None => out.push_str("# author = \"Your name\"\n"),
    }
    if role.is_empty() {
        out.push_str("# role = \"Police and Crime Commissioner\"\n\n");
    } else {
        out.push_str(&format!("role = {}\n\n", quote(&role)));
    }
    out.push_str(
        "# Who the letter is to, and who it is copied to.\n\
         to = \"Home Secretary\"\n",
    );
    match &config.force {
        Some(force) => out.push_str(&format!(
            "cc = [{}]\n\n",
            quote(&format!("Chief Constable, {force}"))
        )),
        None => out.push_str("# cc = [\"Chief Constable\"]\n\n"),
    }
    out.push_str("# Your own reference for the letter.\n# our_ref = \"\"\n\n");
    let recommendations: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| {
            f.kind.as_ref().map(|k| k.value.0) == Some(FindingKind::Recommendation)
                && f.applies.as_ref().is_none_or(|a| a.value)
        })
        .filter_map(|f| f.id.as_ref().map(|id| id.value.as_str()))
        .collect();
    out.push_str(
        "# The findings this letter explains, by their ids in the report. The law (s.55(5B)) asks\n\
         # for an explanation of each recommendation that applies to the force; these are they.\n",
    );
    let quoted: Vec<String> = recommendations.iter().map(|id| quote(id)).collect();
    out.push_str(&format!("addresses = [{}]\n\n", quoted.join(", ")));
    out.push_str(
        "# A draft is shown by `scrutiny serve` but left out of the published site.\n\
         # Delete this line (or write false) when the response is ready to publish.\n\
         draft = true\n\n\
         # A signed copy of the letter or an appendix, saved under content/files/. Copy the block\n\
         # for each file.\n\
         # [[attachments]]\n",
    );
    out.push_str(&format!(
        "# file = \"files/{}-{report_slug}-response.pdf\"\n\
         # title = \"Signed letter\"\n+++\n",
        today.iso().replace('-', "")
    ));
    out.push_str("Dear Home Secretary,\n\n");
    out.push_str(&format!(
        "I write in response to the HMICFRS inspection report: {title}.\n\n"
    ));
    for finding in &report.findings {
        let Some(id) = finding.id.as_ref().map(|id| id.value.as_str()) else {
            continue;
        };
        if !recommendations.contains(&id) {
            continue;
        }
        out.push_str(&format!(
            "## Recommendation {}\n\n",
            id.trim_start_matches('R')
        ));
        if let Some(text) = &finding.text {
            out.push_str(&format!("> {}\n\n", text.value.replace('\n', "\n> ")));
        }
        out.push_str("What has been done, and what is planned, in response.\n\n");
    }
    out.push_str("Yours sincerely,\n");
    out
}

/// A translation of the document at `original` (`content/reports/<slug>.md`) into `language`,
/// pre-filled with the original's words: only the fields a translation holds, in the content
/// model's order, each value marked [`TRANSLATE_MARKER`] and the body under
/// [`TRANSLATE_PROMPT`], so that `scrutiny check` warns until each is translated.
pub fn translation_template(original: &str, language: &str, matter: &Matter, body: &str) -> String {
    let mut out = format!(
        "+++\n\
         # The `{language}` translation of\n\
         #   {original}\n\
         # It holds the original's words only. Every other field (dates, themes, statuses, grades,\n\
         # files...) comes from the original: do not add them here.\n\
         # Each value below and the text after the closing +++ are still the original's words:\n\
         # translate each one, then delete the \"{TRANSLATE_MARKER}\" at its start and the\n\
         # \"{TRANSLATE_PROMPT} ...\" line. `scrutiny check` warns of each one left untranslated.\n"
    );
    let word = |out: &mut String, key: &str, value: Option<&Located<String>>| {
        if let Some(value) = value {
            out.push_str(&format!("{key} = {}\n", marked(&value.value)));
        }
    };
    match matter {
        Matter::Report(report) => {
            word(&mut out, "title", report.title.as_ref());
            word(&mut out, "summary", report.summary.as_ref());
            if report.findings.iter().any(|f| f.id.is_some()) {
                out.push_str(
                    "\n# Each finding is matched to the original's by its `id`: keep the ids as they are.\n\
                     # Its updates are matched by their order: keep one [[findings.updates]] for each.\n",
                );
            }
            for finding in &report.findings {
                let Some(id) = &finding.id else { continue };
                out.push_str(&format!("\n[[findings]]\nid = {}\n", quote(&id.value)));
                word(&mut out, "text", finding.text.as_ref());
                for update in &finding.updates {
                    out.push_str("\n[[findings.updates]]\n");
                    word(&mut out, "note", update.note.as_ref());
                }
            }
        }
        Matter::Response(response) => {
            word(&mut out, "title", response.title.as_ref());
            word(&mut out, "role", response.role.as_ref());
            word(&mut out, "to", response.to.as_ref());
            if let Some(cc) = &response.cc {
                let items: Vec<String> = cc.value.iter().map(|c| marked(c)).collect();
                out.push_str(&format!("cc = [{}]\n", items.join(", ")));
            }
            if !response.attachments.is_empty() {
                out.push_str(
                    "\n# One [[attachments]] block for each of the original's, in its order. To link a file\n\
                     # of this language instead of the original's, add its own `file = \"files/...\"`.\n",
                );
            }
            for attachment in &response.attachments {
                out.push_str("\n[[attachments]]\n");
                word(&mut out, "title", attachment.title.as_ref());
            }
        }
        Matter::Page(page) => {
            word(&mut out, "title", page.title.as_ref());
            word(&mut out, "summary", page.summary.as_ref());
        }
    }
    out.push_str("+++\n");
    let body = body.trim_start_matches(['\n', '\r']);
    if !body.trim().is_empty() {
        out.push_str(&format!(
            "{TRANSLATE_PROMPT} into `{language}`, then delete this line.]\n\n{body}"
        ));
        if !body.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// A value still to translate: the original's words behind [`TRANSLATE_MARKER`].
fn marked(words: &str) -> String {
    quote(&format!("{TRANSLATE_MARKER} {words}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_are_escaped() {
        assert_eq!(quote("a \"b\" \\ c"), r#""a \"b\" \\ c""#);
        assert_eq!(quote("it’s\n"), r#""it’s\n""#);
        let parsed: toml::Table =
            toml::from_str(&format!("x = {}", quote("a\"\\\u{1}b"))).unwrap_or_default();
        assert_eq!(
            parsed.get("x").and_then(|v| v.as_str()),
            Some("a\"\\\u{1}b")
        );
    }
}
