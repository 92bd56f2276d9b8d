//! Scaffold: writes new files for editors — a report template, a response pre-filled from its
//! report, a whole new working site — and never overwrites a file that is already there.

use std::fmt;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::dates::Date;
use crate::deadline::DeadlineRule;
use crate::diagnostic::{did_you_mean, slash_path};
use crate::document::{
    self, FindingKind, Matter, ReportDoc, ResponseDoc, Sector, is_slug, slugify,
};
use crate::render::builtin;
use crate::source::{self, CONFIG_FILE, SourceFile, SourceKind, THEMES_FILE};

/// Why a file could not be written.
#[derive(Debug)]
pub enum ScaffoldError {
    /// The name given is not a slug; `suggestion` is the nearest one, if any.
    BadSlug {
        slug: String,
        suggestion: Option<String>,
    },
    /// The file is already there; nothing was written.
    Exists {
        path: PathBuf,
    },
    /// The folder has no `config.toml` or no `content/themes.toml`.
    NotASite {
        root: PathBuf,
        missing: &'static str,
    },
    /// `content/themes.toml` defines no theme, so no report can be valid.
    NoThemes {
        path: PathBuf,
    },
    NoSuchReport {
        slug: String,
        suggestion: Option<String>,
    },
    Io {
        path: PathBuf,
        error: io::Error,
    },
}

impl fmt::Display for ScaffoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScaffoldError::BadSlug { slug, suggestion } => {
                write!(
                    f,
                    "`{slug}` is not a valid slug: use lowercase letters, digits and single hyphens"
                )?;
                match suggestion {
                    Some(suggestion) => write!(f, " (did you mean `{suggestion}`?)"),
                    None => Ok(()),
                }
            }
            ScaffoldError::Exists { path } => write!(
                f,
                "{} already exists; scrutiny never overwrites a file: edit it, or move it away first",
                slash_path(path)
            ),
            ScaffoldError::NotASite { root, missing } => write!(
                f,
                "{} is not a scrutiny site: it has no {missing}; pass the site folder with --root, \
                 or create a site with `scrutiny init`",
                slash_path(root)
            ),
            ScaffoldError::NoThemes { path } => write!(
                f,
                "{} defines no themes, and every report needs one: add a theme such as \
                 [custody] with a title first",
                slash_path(path)
            ),
            ScaffoldError::NoSuchReport { slug, suggestion } => {
                write!(f, "there is no report content/reports/{slug}.md")?;
                match suggestion {
                    Some(suggestion) => write!(f, " (did you mean `{suggestion}`?)"),
                    None => Ok(()),
                }
            }
            ScaffoldError::Io { path, error } => {
                write!(f, "could not write {}: {error}", slash_path(path))
            }
        }
    }
}

impl std::error::Error for ScaffoldError {}

/// A file to write: its path relative to the root, and its text.
struct NewFile {
    path: PathBuf,
    contents: Vec<u8>,
}

/// Writes `files` under `root`, creating folders as needed. Refuses before writing anything if
/// any of them exists, and writes each with `create_new` so a file that appears meanwhile is
/// still never overwritten.
fn write_new(root: &Path, files: &[NewFile]) -> Result<(), ScaffoldError> {
    if let Some(existing) = files.iter().find(|file| root.join(&file.path).exists()) {
        return Err(ScaffoldError::Exists {
            path: root.join(&existing.path),
        });
    }
    for file in files {
        let path = root.join(&file.path);
        let io_error = |error| ScaffoldError::Io {
            path: path.clone(),
            error,
        };
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_error)?;
        }
        let mut handle = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|error| match error.kind() {
                io::ErrorKind::AlreadyExists => ScaffoldError::Exists { path: path.clone() },
                _ => io_error(error),
            })?;
        handle.write_all(&file.contents).map_err(io_error)?;
    }
    Ok(())
}

fn check_slug(slug: &str) -> Result<(), ScaffoldError> {
    if is_slug(slug) {
        return Ok(());
    }
    let suggestion = Some(slugify(slug)).filter(|s| !s.is_empty());
    Err(ScaffoldError::BadSlug {
        slug: slug.to_string(),
        suggestion,
    })
}

fn require_site(root: &Path) -> Result<(), ScaffoldError> {
    for missing in [CONFIG_FILE, THEMES_FILE] {
        if !root.join(missing).is_file() {
            return Err(ScaffoldError::NotASite {
                root: root.to_path_buf(),
                missing,
            });
        }
    }
    Ok(())
}

/// A TOML basic string, in double quotes as editors write them everywhere else.
fn quote(text: &str) -> String {
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

/// Writes `content/reports/<slug>.md`: a draft report with every field, each explained, whose
/// placeholder values already pass `scrutiny check`. Returns the path written (under `root`).
pub fn new_report(root: &Path, slug: &str, today: Date) -> Result<PathBuf, ScaffoldError> {
    check_slug(slug)?;
    require_site(root)?;
    let themes = theme_slugs(root);
    let Some(first_theme) = themes.first() else {
        return Err(ScaffoldError::NoThemes {
            path: root.join(THEMES_FILE),
        });
    };
    let config = site_config(root);
    let owner = config.force.as_deref().unwrap_or("the force");
    let relative = Path::new(source::CONTENT_DIR)
        .join(SourceKind::Report.folder())
        .join(format!("{slug}.md"));
    let text = report_template(slug, today, first_theme, &themes, owner, &config.rule);
    write_new(
        root,
        &[NewFile {
            path: relative.clone(),
            contents: text.into_bytes(),
        }],
    )?;
    Ok(root.join(relative))
}

fn report_template(
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
    format!(
        r#"+++
# A new HMICFRS report. Replace each value below with the report's own, then preview the
# page with `scrutiny serve` and check the whole site with `scrutiny check`.
# Text goes in "double quotes"; dates are YYYY-MM-DD without quotes; lists go in [brackets].
# Lines starting with # are notes: scrutiny ignores them. Remove the # to use an optional field.
# This file's name is the report's address on the site: /reports/{slug}/

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
# Its status before any update: open, in-progress, proposed-for-closure, closed, superseded,
# no-longer-relevant or not-applicable. The latest update below replaces it.
status = "open"

# Progress: one [[findings.updates]] block per update, oldest first, under its finding.
# [[findings.updates]]
# date = {published}
# status = "in-progress"
# note = "What has been done, and what is still to do."
+++
The office's own summary of the report, in Markdown: what HMICFRS inspected, what it found and
what it recommended.
"#,
        published_long = today.long(),
    )
}

/// Writes `content/responses/<report>-response.md`, pre-filled from the report: its title in a
/// comment, today's date, the deadline in a comment, and `addresses` listing the report's
/// recommendations that apply to the force.
pub fn new_response(root: &Path, report_slug: &str, today: Date) -> Result<PathBuf, ScaffoldError> {
    check_slug(report_slug)?;
    require_site(root)?;
    let report = read_report(root, report_slug)?;
    let config = site_config(root);
    let latest = latest_response(root);
    let relative = Path::new(source::CONTENT_DIR)
        .join(SourceKind::Response.folder())
        .join(format!("{report_slug}-response.md"));
    let text = response_template(report_slug, &report, today, &config, latest.as_ref());
    write_new(
        root,
        &[NewFile {
            path: relative.clone(),
            contents: text.into_bytes(),
        }],
    )?;
    Ok(root.join(relative))
}

fn response_template(
    report_slug: &str,
    report: &ReportDoc,
    today: Date,
    config: &SiteConfig,
    latest: Option<&ResponseDoc>,
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
        "# This file's name is the response's address on the site: /responses/{report_slug}-response/\n\
         # Lines starting with # are notes: scrutiny ignores them. Remove the # to use an optional field.\n\n"
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

/// What `new` needs from config.toml; missing values fall back to the defaults.
struct SiteConfig {
    rule: DeadlineRule,
    organisation: String,
    force: Option<String>,
}

fn site_config(root: &Path) -> SiteConfig {
    let mut config = SiteConfig {
        rule: DeadlineRule::default(),
        organisation: String::new(),
        force: None,
    };
    if let Ok(file) = source::read_text(root, Path::new(CONFIG_FILE)) {
        let (doc, _) = document::read_config(&file);
        if let Some(days) = doc.deadline_days {
            config.rule.days = days.value;
        }
        if let Some(from) = doc.deadline_from {
            config.rule.from = from.value;
        }
        config.organisation = doc.organisation.map(|o| o.value).unwrap_or_default();
        config.force = doc.force.map(|f| f.value);
    }
    config
}

/// The theme slugs of `content/themes.toml`, in order.
fn theme_slugs(root: &Path) -> Vec<String> {
    let Ok(file) = source::read_text(root, Path::new(THEMES_FILE)) else {
        return Vec::new();
    };
    let (themes, _) = document::read_themes(&file);
    themes.into_iter().map(|theme| theme.slug.value).collect()
}

fn document_slugs(root: &Path, kind: SourceKind) -> Vec<String> {
    let folder = root.join(source::CONTENT_DIR).join(kind.folder());
    let mut slugs: Vec<String> = fs::read_dir(folder)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let path = entry.path();
            (path.extension().is_some_and(|e| e == "md"))
                .then(|| path.file_stem().map(|s| s.to_string_lossy().into_owned()))
                .flatten()
        })
        .collect();
    slugs.sort();
    slugs
}

fn read_document(root: &Path, kind: SourceKind, slug: &str) -> Option<Matter> {
    let relative = Path::new(source::CONTENT_DIR)
        .join(kind.folder())
        .join(format!("{slug}.md"));
    let file = source::read_text(root, &relative).ok()?;
    let source = SourceFile {
        kind,
        slug: slug.to_string(),
        file,
    };
    document::read_document(&source).0.map(|doc| doc.matter)
}

fn read_report(root: &Path, slug: &str) -> Result<ReportDoc, ScaffoldError> {
    match read_document(root, SourceKind::Report, slug) {
        Some(Matter::Report(report)) => Ok(report),
        _ => {
            let known = document_slugs(root, SourceKind::Report);
            let suggestion =
                did_you_mean(slug, known.iter().map(String::as_str)).map(str::to_string);
            Err(ScaffoldError::NoSuchReport {
                slug: slug.to_string(),
                suggestion,
            })
        }
    }
}

/// The newest dated response of the site, whose signatory a new response most likely shares.
fn latest_response(root: &Path) -> Option<ResponseDoc> {
    document_slugs(root, SourceKind::Response)
        .iter()
        .filter_map(
            |slug| match read_document(root, SourceKind::Response, slug) {
                Some(Matter::Response(response)) => Some(response),
                _ => None,
            },
        )
        .filter(|response| response.author.is_some())
        .max_by_key(|response| response.date.as_ref().map(|d| d.value))
}

/// The example site `init` writes, besides the default theme.
const SITE_FILES: &[(&str, &str)] = &[
    ("config.toml", include_str!("scaffold/site/config.toml")),
    (
        "content/themes.toml",
        include_str!("scaffold/site/content/themes.toml"),
    ),
    (
        "content/reports/serious-youth-violence.md",
        include_str!("scaffold/site/content/reports/serious-youth-violence.md"),
    ),
    (
        "content/responses/serious-youth-violence-response.md",
        include_str!("scaffold/site/content/responses/serious-youth-violence-response.md"),
    ),
    (
        "content/pages/about.md",
        include_str!("scaffold/site/content/pages/about.md"),
    ),
    (
        "content/pages/accessibility.md",
        include_str!("scaffold/site/content/pages/accessibility.md"),
    ),
];

/// Creates a new working site in `dir` (which may exist, but must not hold any of the files):
/// config, themes, an example report and response, an about page and an accessibility
/// statement, and the default theme in `themes/default/`. Returns the files written, relative
/// to `dir`.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    let theme = Path::new("themes/default");
    let mut files: Vec<NewFile> = SITE_FILES
        .iter()
        .map(|(path, text)| NewFile {
            path: PathBuf::from(path),
            contents: text.as_bytes().to_vec(),
        })
        .collect();
    files.extend(builtin::TEMPLATES.iter().map(|(name, text)| NewFile {
        path: theme.join("templates").join(name),
        contents: text.as_bytes().to_vec(),
    }));
    files.extend(builtin::STATIC_FILES.iter().map(|(path, bytes)| NewFile {
        path: theme.join("static").join(path),
        contents: bytes.to_vec(),
    }));
    files.push(NewFile {
        path: PathBuf::from("content/files/.gitkeep"),
        contents: Vec::new(),
    });
    write_new(dir, &files)?;
    Ok(files.into_iter().map(|file| file.path).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_checked_with_a_suggestion() {
        assert!(check_slug("roads-2020").is_ok());
        let error = check_slug("Roads Policing 2020")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            error.as_deref(),
            Some(
                "`Roads Policing 2020` is not a valid slug: use lowercase letters, digits and \
                 single hyphens (did you mean `roads-policing-2020`?)"
            )
        );
    }

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

    #[test]
    fn nothing_is_written_when_one_file_exists() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        fs::create_dir_all(dir.path().join("content/pages")).expect("a folder");
        fs::write(dir.path().join("content/pages/about.md"), "mine").expect("a file");
        let error = init(dir.path())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            error.contains("content/pages/about.md already exists"),
            "{error}"
        );
        assert!(!dir.path().join("config.toml").exists());
        assert_eq!(
            fs::read_to_string(dir.path().join("content/pages/about.md"))
                .ok()
                .as_deref(),
            Some("mine")
        );
    }
}
