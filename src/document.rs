//! Documents: source files read into typed front matter and Markdown bodies, still unchecked
//! against each other. Every field keeps its position so later checks can point at it.

use std::path::PathBuf;

use crate::dates::{Date, Due};
use crate::diagnostic::Diagnostic;
use crate::frontmatter::{self, Fields, Located, OneOrMany, TomlSource, Word};
use crate::markdown::RawHtml;
use crate::source::{SourceFile, SourceKind, TextFile};
use crate::vocabulary::{
    CmsBackend, FindingKind, Grade, PageKind, ReportType, Sector, placeholders,
};

/// `config.toml` as read, each field where it was written, before any value is checked.
#[derive(Clone, Debug)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub title: Option<Located<String>>,
    pub base_url: Option<Located<String>>,
    pub language: Option<Located<String>>,
    pub organisation: Option<Located<String>>,
    pub force: Option<Located<String>>,
    pub theme: Option<Located<String>>,
    pub deadline_days: Option<Located<i64>>,
    pub deadline_from: Option<Located<Date>>,
    /// `[markdown] raw_html`.
    pub raw_html: Option<Located<Word<RawHtml>>>,
    pub accessible_formats_email: Option<Located<String>>,
    /// `[cms]`: the browser editor, when written.
    pub cms: Option<CmsFile>,
    /// `[[finding_statuses]]`: the office's own words for a finding's progress.
    pub finding_statuses: Vec<FindingStatusEntry>,
    /// `[[sources]]`: the archives a national site is built from.
    pub sources: Vec<SourceEntry>,
    /// `[languages.<code>]`: each language besides the main one, in the order written.
    pub languages: Vec<LanguageEntry>,
}

/// One `[languages.<code>]` table of `config.toml`: the config's words in that language.
#[derive(Clone, Debug)]
pub struct LanguageEntry {
    /// The language's code (`cy`), where the table's name is written.
    pub code: Located<String>,
    pub title: Option<Located<String>>,
    pub organisation: Option<Located<String>>,
    pub force: Option<Located<String>>,
}

/// One `[[finding_statuses]]` table of `config.toml`.
#[derive(Clone, Debug)]
pub struct FindingStatusEntry {
    pub at: Located<()>,
    pub key: Option<Located<String>>,
    pub label: Option<Located<String>>,
    pub closed: Option<Located<bool>>,
}

/// One `[[sources]]` table of `config.toml` as read: another office's open data, a file in the
/// site's folder.
#[derive(Clone, Debug)]
pub struct SourceEntry {
    pub at: Located<()>,
    pub key: Option<Located<String>>,
    pub name: Option<Located<String>>,
    /// An `archive.json` of a scrutiny site.
    pub archive: Option<Located<String>>,
    /// A CSV of an office that does not use scrutiny.
    pub responses_csv: Option<Located<String>>,
}

/// `[cms]` of `config.toml` as read.
#[derive(Clone, Debug)]
pub struct CmsFile {
    pub at: Located<()>,
    pub backend: Option<Located<Word<CmsBackend>>>,
    pub repo: Option<Located<String>>,
    pub branch: Option<Located<String>>,
    pub editorial_workflow: Option<Located<bool>>,
    pub auth_url: Option<Located<String>>,
    pub app_id: Option<Located<String>>,
    pub api_root: Option<Located<String>>,
}

/// A theme's or graded area's words in another language: its `[<key>.<code>]` sub-table.
#[derive(Clone, Debug)]
pub struct WordsEntry {
    /// The language code, where the sub-table's name is written.
    pub code: Located<String>,
    pub title: Option<Located<String>>,
    pub description: Option<Located<String>>,
}

/// One table of `content/themes.toml`.
#[derive(Clone, Debug)]
pub struct ThemeEntry {
    pub slug: Located<String>,
    /// `[<slug>.<code>]`: its words in each other language.
    pub translations: Vec<WordsEntry>,
    pub title: Option<Located<String>>,
    pub description: Option<Located<String>>,
}

/// One table of `content/grade-areas.toml`: an area HMICFRS grades.
#[derive(Clone, Debug)]
pub struct GradeAreaEntry {
    pub key: Located<String>,
    /// `[<key>.<code>]`: its words in each other language.
    pub translations: Vec<WordsEntry>,
    pub title: Option<Located<String>>,
    pub description: Option<Located<String>>,
}

/// The Markdown after the front matter, and the file line it starts on.
#[derive(Clone, Debug, Default)]
pub struct Body {
    pub markdown: String,
    pub first_line: usize,
    /// Set (and `markdown` emptied) by [`Body::leave_in_file`].
    pub location: Option<crate::source::BodyLocation>,
    /// The example names and template prompts left in the text, where they are in the file:
    /// found while the text is read, so that validation can warn of them without reading it again.
    pub placeholders: Vec<(crate::diagnostic::Position, placeholders::Placeholder)>,
}

impl Body {
    /// Drops the text, keeping where it is in its file, to be read again when needed.
    pub fn leave_in_file(&mut self, location: crate::source::BodyLocation) {
        self.markdown = String::new();
        self.location = Some(location);
    }
}

#[derive(Clone, Debug)]
pub struct ReportFrontMatter {
    pub title: Option<Located<String>>,
    pub published: Option<Located<Date>>,
    /// Whether `published` is written at all, readable or not: its own error says what is wrong,
    /// and dates counted from it are not reported again.
    pub published_written: bool,
    pub report_type: Option<Located<Word<ReportType>>>,
    pub sector: Option<Located<Word<Sector>>>,
    pub themes: Option<Located<Vec<Located<String>>>>,
    pub url: Option<Located<String>>,
    pub summary: Option<Located<String>>,
    pub statutory: Option<Located<bool>>,
    pub follows_up: Option<Located<String>>,
    pub draft: Option<Located<bool>>,
    pub findings: Vec<FindingFrontMatter>,
    pub grades: Vec<GradeFrontMatter>,
}

/// One `[[grades]]` table of a report: the grade HMICFRS gave in one area.
#[derive(Clone, Debug)]
pub struct GradeFrontMatter {
    pub at: Located<()>,
    /// A key of `content/grade-areas.toml`.
    pub area: Option<Located<String>>,
    pub grade: Option<Located<Word<Grade>>>,
}

#[derive(Clone, Debug)]
pub struct FindingFrontMatter {
    /// Where the `[[findings]]` table starts.
    pub at: Located<()>,
    pub id: Option<Located<String>>,
    pub kind: Option<Located<Word<FindingKind>>>,
    pub text: Option<Located<String>>,
    pub addressed_to: Option<Located<Vec<String>>>,
    pub applies: Option<Located<bool>>,
    pub owner: Option<Located<String>>,
    /// A day, a month or a period after publication, resolved against the report in validation.
    pub due: Option<Located<Due>>,
    /// A word of the site's statuses, checked in validation against the office's own list
    /// when `config.toml` gives one.
    pub status: Option<Located<String>>,
    pub updates: Vec<UpdateFrontMatter>,
}

#[derive(Clone, Debug)]
pub struct UpdateFrontMatter {
    pub date: Option<Located<Date>>,
    pub status: Option<Located<String>>,
    pub note: Option<Located<String>>,
}

#[derive(Clone, Debug)]
pub struct ResponseFrontMatter {
    pub report: Option<Located<OneOrMany>>,
    pub date: Option<Located<Date>>,
    pub published: Option<Located<Date>>,
    /// Whether `date` or `published` is written at all, readable or not: a date written wrongly
    /// has its own error, and must not also be reported as missing.
    pub dated: bool,
    pub title: Option<Located<String>>,
    pub author: Option<Located<String>>,
    pub role: Option<Located<String>>,
    pub to: Option<Located<String>>,
    pub cc: Option<Located<Vec<String>>>,
    pub our_ref: Option<Located<String>>,
    pub addresses: Option<Located<Vec<Located<String>>>>,
    pub draft: Option<Located<bool>>,
    pub attachments: Vec<AttachmentFrontMatter>,
}

#[derive(Clone, Debug)]
pub struct AttachmentFrontMatter {
    pub at: Located<()>,
    pub file: Option<Located<String>>,
    pub title: Option<Located<String>>,
}

#[derive(Clone, Debug)]
pub struct PageFrontMatter {
    pub title: Option<Located<String>>,
    pub summary: Option<Located<String>>,
    pub updated: Option<Located<Date>>,
    pub draft: Option<Located<bool>>,
    pub kind: Option<Located<Word<PageKind>>>,
    /// When the accessibility statement was last reviewed.
    pub reviewed: Option<Located<Date>>,
}

/// What a Markdown source file turned out to be.
#[derive(Clone, Debug)]
pub enum Matter {
    Report(ReportFrontMatter),
    Response(ResponseFrontMatter),
    Page(PageFrontMatter),
}

/// A Markdown source file with its front matter read.
#[derive(Clone, Debug)]
pub struct Document {
    pub slug: String,
    pub path: PathBuf,
    pub matter: Matter,
    pub body: Body,
    /// True when the front matter had problems; the document is still returned so that
    /// references to it do not cause knock-on errors.
    pub has_errors: bool,
}

impl Document {
    /// A copy with the body left out: what serve keeps of every document between rebuilds.
    pub fn front_matter_only(&self) -> Document {
        Document {
            slug: self.slug.clone(),
            path: self.path.clone(),
            matter: self.matter.clone(),
            body: Body {
                placeholders: self.body.placeholders.clone(),
                ..Body::default()
            },
            has_errors: self.has_errors,
        }
    }

    pub fn kind(&self) -> SourceKind {
        match self.matter {
            Matter::Report(_) => SourceKind::Report,
            Matter::Response(_) => SourceKind::Response,
            Matter::Page(_) => SourceKind::Page,
        }
    }
}

/// Lowercase ASCII letters and digits in groups joined by single hyphens.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The nearest valid slug, to suggest.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// A file name that is not a slug: the file stem becomes the page's address.
fn bad_file_slug(source: &SourceFile) -> Option<Diagnostic> {
    if is_slug(&source.slug) {
        return None;
    }
    let folder = source
        .file
        .path
        .parent()
        .map(crate::diagnostic::slash_path)
        .unwrap_or_default();
    let suggestion = match slugify(&source.slug) {
        empty if empty.is_empty() => "a name such as my-report".to_string(),
        slug => format!("{folder}/{slug}.md"),
    };
    Some(
        Diagnostic::error(
            &source.file.path,
            format!("the file name `{}` is not a valid slug", source.slug),
        )
        .with_help(format!(
            "use lowercase letters, digits and single hyphens only: rename it to {suggestion}"
        )),
    )
}

/// Reads a Markdown source file. `None` when it has no usable front matter at all.
pub fn read_document(source: &SourceFile) -> (Option<Document>, Vec<Diagnostic>) {
    let file = &source.file;
    let slug_problem = bad_file_slug(source);
    let parts = match frontmatter::split(&file.path, &file.text) {
        Ok(parts) => parts,
        Err(problem) => return (None, slug_problem.into_iter().chain([problem]).collect()),
    };
    let range = parts.toml_offset..parts.toml_offset + parts.toml.len();
    let (toml, table, mut problems) = TomlSource::parse(&file.path, &file.text, range);
    let mut fields = toml.fields(&table, source.kind_name());
    let matter = match source.kind {
        SourceKind::Report => Matter::Report(read_report(&mut fields)),
        SourceKind::Response => Matter::Response(read_response(&mut fields)),
        SourceKind::Page => Matter::Page(read_page(&mut fields)),
    };
    problems.extend(fields.finish());
    problems.extend(slug_problem);
    let document = Document {
        slug: source.slug.clone(),
        path: file.path.clone(),
        matter,
        body: Body {
            markdown: parts.body.to_string(),
            first_line: parts.body_line,
            location: None,
            placeholders: body_placeholders(parts.body, parts.body_line),
        },
        has_errors: !problems.is_empty(),
    };
    (Some(document), problems)
}

/// A translation of a document (`content/<kind>/<slug>.<code>.md`): its words, read into the
/// original's front matter types with every other field left out.
#[derive(Clone, Debug)]
pub struct Translation {
    /// The language code of the file name (`cy`).
    pub language: String,
    /// Its `slug` is the original's.
    pub document: Document,
}

/// What a translation of each kind holds, in the words its errors use.
const REPORT_WORDS: &str =
    "`title`, `summary`, the body, and each finding's `id` and `text` with its updates' `note`";
const RESPONSE_WORDS: &str =
    "`title`, `role`, `to`, `cc`, the body, and each attachment's `title` (and `file`)";
const PAGE_WORDS: &str = "`title`, `summary` and the body";

/// Reads a translation. `None` when its name is not a translation's or it has no usable front
/// matter at all.
pub fn read_translation(source: &SourceFile) -> (Option<Translation>, Vec<Diagnostic>) {
    let file = &source.file;
    let name = file
        .path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let Some((slug, language)) = crate::source::translation_name(name) else {
        return (None, Vec::new());
    };
    let parts = match frontmatter::split(&file.path, &file.text) {
        Ok(parts) => parts,
        Err(problem) => return (None, vec![problem]),
    };
    let range = parts.toml_offset..parts.toml_offset + parts.toml.len();
    let (toml, table, mut problems) = TomlSource::parse(&file.path, &file.text, range);
    let what = match source.kind {
        SourceKind::Report => "report translation",
        SourceKind::Response => "response translation",
        SourceKind::Page => "page translation",
    };
    let mut fields = toml.fields(&table, what);
    let matter = match source.kind {
        SourceKind::Report => Matter::Report(read_report_words(&mut fields)),
        SourceKind::Response => Matter::Response(read_response_words(&mut fields)),
        SourceKind::Page => Matter::Page(read_page_words(&mut fields)),
    };
    problems.extend(fields.finish());
    if !is_slug(slug) {
        problems.extend(bad_file_slug(&SourceFile {
            slug: slug.to_string(),
            ..source.clone()
        }));
    }
    let document = Document {
        slug: slug.to_string(),
        path: file.path.clone(),
        matter,
        body: Body {
            markdown: parts.body.to_string(),
            first_line: parts.body_line,
            location: None,
            placeholders: body_placeholders(parts.body, parts.body_line),
        },
        has_errors: problems
            .iter()
            .any(|p| p.severity == crate::diagnostic::Severity::Error),
    };
    let translation = Translation {
        language: language.to_string(),
        document,
    };
    (Some(translation), problems)
}

fn read_report_words(fields: &mut Fields<'_, '_>) -> ReportFrontMatter {
    fields.only_words(
        &[
            "published",
            "type",
            "sector",
            "themes",
            "url",
            "statutory",
            "follows_up",
            "draft",
            "grades",
        ],
        REPORT_WORDS,
    );
    ReportFrontMatter {
        title: fields.optional("title"),
        published: None,
        published_written: false,
        report_type: None,
        sector: None,
        themes: None,
        url: None,
        summary: fields.optional("summary"),
        statutory: None,
        follows_up: None,
        draft: None,
        findings: fields.tables("findings", "finding translation", |finding| {
            finding.only_words(
                &["kind", "addressed_to", "applies", "owner", "due", "status"],
                REPORT_WORDS,
            );
            FindingFrontMatter {
                at: finding.table_position(),
                id: finding.required("id"),
                kind: None,
                text: finding.optional("text"),
                addressed_to: None,
                applies: None,
                owner: None,
                due: None,
                status: None,
                updates: finding.tables("updates", "update translation", |update| {
                    update.only_words(&["date", "status"], REPORT_WORDS);
                    UpdateFrontMatter {
                        date: None,
                        status: None,
                        note: update.optional("note"),
                    }
                }),
            }
        }),
        grades: Vec::new(),
    }
}

fn read_response_words(fields: &mut Fields<'_, '_>) -> ResponseFrontMatter {
    fields.only_words(
        &[
            "report",
            "date",
            "published",
            "author",
            "our_ref",
            "addresses",
            "draft",
        ],
        RESPONSE_WORDS,
    );
    ResponseFrontMatter {
        report: None,
        date: None,
        published: None,
        dated: false,
        title: fields.optional("title"),
        author: None,
        role: fields.optional("role"),
        to: fields.optional("to"),
        cc: fields.optional("cc"),
        our_ref: None,
        addresses: None,
        draft: None,
        attachments: fields.tables("attachments", "attachment translation", |attachment| {
            AttachmentFrontMatter {
                at: attachment.table_position(),
                file: attachment.optional("file"),
                title: attachment.optional("title"),
            }
        }),
    }
}

fn read_page_words(fields: &mut Fields<'_, '_>) -> PageFrontMatter {
    fields.only_words(&["updated", "draft", "kind", "reviewed"], PAGE_WORDS);
    PageFrontMatter {
        title: fields.optional("title"),
        summary: fields.optional("summary"),
        updated: None,
        draft: None,
        kind: None,
        reviewed: None,
    }
}

/// The placeholders in a body starting on file line `first_line`, at their lines and columns in
/// the file.
fn body_placeholders(
    body: &str,
    first_line: usize,
) -> Vec<(crate::diagnostic::Position, placeholders::Placeholder)> {
    placeholders::in_text(body)
        .into_iter()
        .map(|(at, placeholder)| {
            let mut position = crate::diagnostic::Position::of_offset(body, at);
            position.line += first_line.saturating_sub(1);
            (position, placeholder)
        })
        .collect()
}

impl SourceFile {
    fn kind_name(&self) -> &'static str {
        match self.kind {
            SourceKind::Report => "report",
            SourceKind::Response => "response",
            SourceKind::Page => "page",
        }
    }
}

fn read_report(fields: &mut Fields<'_, '_>) -> ReportFrontMatter {
    ReportFrontMatter {
        title: fields.required("title"),
        published: fields.required("published"),
        published_written: fields.has("published"),
        report_type: fields.required("type"),
        sector: fields.optional("sector"),
        themes: fields.required("themes"),
        url: fields.optional("url"),
        summary: fields.optional("summary"),
        statutory: fields.optional("statutory"),
        follows_up: fields.optional("follows_up"),
        draft: fields.optional("draft"),
        findings: fields.tables("findings", "finding", read_finding),
        grades: fields.tables("grades", "grade", |grade| GradeFrontMatter {
            at: grade.table_position(),
            area: grade.required("area"),
            grade: grade.required("grade"),
        }),
    }
}

fn read_finding(fields: &mut Fields<'_, '_>) -> FindingFrontMatter {
    FindingFrontMatter {
        at: fields.table_position(),
        id: fields.required("id"),
        kind: fields.required("kind"),
        text: fields.required("text"),
        addressed_to: fields.optional("addressed_to"),
        applies: fields.optional("applies"),
        owner: fields.optional("owner"),
        due: fields.optional("due"),
        status: fields.optional("status"),
        updates: fields.tables("updates", "finding update", |update| UpdateFrontMatter {
            date: update.required("date"),
            status: update.required("status"),
            note: update.optional("note"),
        }),
    }
}

fn read_response(fields: &mut Fields<'_, '_>) -> ResponseFrontMatter {
    ResponseFrontMatter {
        report: fields.required("report"),
        date: fields.optional("date"),
        published: fields.optional("published"),
        dated: fields.has("date") || fields.has("published"),
        title: fields.optional("title"),
        author: fields.optional("author"),
        role: fields.optional("role"),
        to: fields.optional("to"),
        cc: fields.optional("cc"),
        our_ref: fields.optional("our_ref"),
        addresses: fields.optional("addresses"),
        draft: fields.optional("draft"),
        attachments: fields.tables("attachments", "attachment", |attachment| {
            AttachmentFrontMatter {
                at: attachment.table_position(),
                file: attachment.required("file"),
                title: attachment.optional("title"),
            }
        }),
    }
}

fn read_page(fields: &mut Fields<'_, '_>) -> PageFrontMatter {
    PageFrontMatter {
        title: fields.required("title"),
        summary: fields.optional("summary"),
        updated: fields.optional("updated"),
        draft: fields.optional("draft"),
        kind: fields.optional("kind"),
        reviewed: fields.optional("reviewed"),
    }
}

/// Reads `config.toml`.
pub fn read_config(file: &TextFile) -> (ConfigFile, Vec<Diagnostic>) {
    let (toml, table, mut problems) = TomlSource::parse_whole(&file.path, &file.text);
    let mut fields = toml.fields(&table, "site configuration");
    let mut deadline_days = None;
    let mut deadline_from = None;
    let mut raw_html = None;
    let config = ConfigFile {
        path: file.path.clone(),
        title: fields.required("title"),
        base_url: fields.required("base_url"),
        language: fields.optional("language"),
        organisation: fields.required("organisation"),
        force: fields.optional("force"),
        theme: fields.optional("theme"),
        accessible_formats_email: fields.optional("accessible_formats_email"),
        finding_statuses: fields.tables("finding_statuses", "finding status", |status| {
            FindingStatusEntry {
                at: status.table_position(),
                key: status.required("key"),
                label: status.required("label"),
                closed: status.optional("closed"),
            }
        }),
        deadline_days: None,
        deadline_from: None,
        raw_html: None,
        cms: None,
        sources: Vec::new(),
        languages: Vec::new(),
    };
    fields.table("deadline", "deadline section", |deadline| {
        deadline_days = deadline.optional("days");
        deadline_from = deadline.optional("from");
    });
    fields.table("markdown", "markdown section", |markdown| {
        raw_html = markdown.optional("raw_html");
    });
    let cms = fields.table("cms", "cms section", |cms| CmsFile {
        at: cms.table_position(),
        backend: cms.required("backend"),
        repo: cms.optional("repo"),
        branch: cms.optional("branch"),
        editorial_workflow: cms.optional("editorial_workflow"),
        auth_url: cms.optional("auth_url"),
        app_id: cms.optional("app_id"),
        api_root: cms.optional("api_root"),
    });
    let sources = fields.tables("sources", "source", |source| SourceEntry {
        at: source.table_position(),
        key: source.required("key"),
        name: source.required("name"),
        archive: source.optional("archive"),
        responses_csv: source.optional("responses_csv"),
    });
    let mut languages = fields
        .table("languages", "languages section", |languages| {
            languages.each_table("language", |code, language| LanguageEntry {
                code,
                title: language.required("title"),
                organisation: language.required("organisation"),
                force: language.optional("force"),
            })
        })
        .unwrap_or_default();
    // The order they are written in is the order pages offer them (the tables come sorted).
    languages.sort_by_key(|language| (language.code.position.line, language.code.position.column));
    problems.extend(fields.finish());
    (
        ConfigFile {
            sources,
            languages,
            deadline_days,
            deadline_from,
            raw_html,
            cms,
            ..config
        },
        problems,
    )
}

/// Reads `content/themes.toml`: one table per theme, keyed by its slug.
pub fn read_themes(file: &TextFile) -> (Vec<ThemeEntry>, Vec<Diagnostic>) {
    let (toml, table, mut problems) = TomlSource::parse_whole(&file.path, &file.text);
    let mut fields = toml.fields(&table, "theme");
    let themes = fields.each_table("theme", |slug, theme| ThemeEntry {
        slug,
        title: theme.required("title"),
        description: theme.optional("description"),
        translations: theme.other_tables("translation", read_words),
    });
    problems.extend(fields.finish());
    (themes, problems)
}

/// A `[<key>.<code>]` sub-table: the title and description in that language.
fn read_words(code: Located<String>, fields: &mut Fields<'_, '_>) -> WordsEntry {
    WordsEntry {
        code,
        title: fields.required("title"),
        description: fields.optional("description"),
    }
}

/// Reads `content/grade-areas.toml`: one table per graded area, keyed by its slug, in display
/// order.
pub fn read_grade_areas(file: &TextFile) -> (Vec<GradeAreaEntry>, Vec<Diagnostic>) {
    let (toml, table, mut problems) = TomlSource::parse_whole(&file.path, &file.text);
    let mut fields = toml.fields(&table, "graded area");
    let mut areas = fields.each_table("graded area", |key, area| GradeAreaEntry {
        key,
        title: area.required("title"),
        description: area.optional("description"),
        translations: area.other_tables("translation", read_words),
    });
    problems.extend(fields.finish());
    // The order they are written in is the order pages show them (the tables come sorted).
    areas.sort_by_key(|area| (area.key.position.line, area.key.position.column));
    (areas, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn source(kind: SourceKind, text: &str) -> SourceFile {
        SourceFile {
            kind,
            slug: "x".into(),
            file: TextFile {
                path: Path::new("content/reports/x.md").to_path_buf(),
                text: text.into(),
            },
        }
    }

    #[test]
    fn reads_a_report_with_findings_and_updates() {
        let text = "+++\ntitle = \"T\"\npublished = 2023-03-08\ntype = \"peel\"\nthemes = [\"a\"]\n\
                    [[findings]]\nid = \"R1\"\nkind = \"recommendation\"\ntext = \"Do it\"\n\
                    [[findings.updates]]\ndate = 2023-05-02\nstatus = \"closed\"\n+++\nBody\n";
        let (document, problems) = read_document(&source(SourceKind::Report, text));
        assert!(problems.is_empty(), "{problems:?}");
        let Some(Document {
            matter: Matter::Report(report),
            body,
            ..
        }) = document
        else {
            panic!("a report");
        };
        assert_eq!(report.findings.len(), 1);
        assert_eq!(report.findings[0].updates.len(), 1);
        assert_eq!(
            report.findings[0].updates[0]
                .status
                .as_ref()
                .map(|s| s.value.clone()),
            Some("closed".to_string())
        );
        assert_eq!(body.markdown, "Body\n");
        assert_eq!(body.first_line, 14);
    }

    #[test]
    fn unknown_keys_inside_findings_are_found() {
        let text = "+++\ntitle = \"T\"\npublished = 2023-03-08\ntype = \"peel\"\nthemes = [\"a\"]\n\
                    [[findings]]\nid = \"R1\"\nkind = \"recomendation\"\ntext = \"Do it\"\ndeu = 2024-01-01\n+++\n";
        let (_, problems) = read_document(&source(SourceKind::Report, text));
        let messages: Vec<(String, usize, Option<String>)> = problems
            .into_iter()
            .map(|d| (d.message, d.position.map_or(0, |p| p.line), d.help))
            .collect();
        assert_eq!(
            messages,
            vec![
                (
                    "`kind` has the unknown value \"recomendation\"".into(),
                    8,
                    Some("did you mean \"recommendation\"?".into())
                ),
                (
                    "unknown field `deu` in a finding".into(),
                    10,
                    Some("did you mean `due`?".into())
                ),
            ]
        );
    }
}

/// The readers above and the content model (`model`, which the editor's form and the JSON
/// Schema are made from) must name the same fields: a field read but not in the model, or in the
/// model but not read, fails here.
#[cfg(test)]
mod model_agrees {
    use super::*;
    use crate::model::{self, Table};
    use std::path::Path;

    const EXTRA: &str = "zz_not_a_field";

    /// The fields each unknown-field error lists as expected, by what the table is.
    fn fields_read(problems: &[Diagnostic]) -> Vec<(String, Vec<String>)> {
        problems
            .iter()
            .map(|problem| {
                let what = problem
                    .message
                    .strip_prefix(&format!("unknown field `{EXTRA}` in "))
                    .unwrap_or_else(|| panic!("only the extra key is unknown: {problem:?}"));
                let what = what.trim_start_matches("an ").trim_start_matches("a ");
                let listed = problem.help.as_deref().unwrap_or_default();
                let listed = listed.strip_prefix("expected one of ").unwrap_or(listed);
                let mut keys: Vec<String> = listed
                    .split([',', ' '])
                    .filter(|word| word.starts_with('`'))
                    .map(|word| word.trim_matches('`').to_string())
                    .collect();
                keys.sort();
                (what.to_string(), keys)
            })
            .collect()
    }

    fn fields_of_model(table: &Table) -> Vec<(String, Vec<String>)> {
        model::tables(table)
            .into_iter()
            .map(|table| {
                let mut keys: Vec<String> =
                    table.fields.iter().map(|f| f.key.to_string()).collect();
                keys.sort();
                (table.what.to_string(), keys)
            })
            .collect()
    }

    fn sorted(mut list: Vec<(String, Vec<String>)>) -> Vec<(String, Vec<String>)> {
        list.sort();
        list
    }

    #[test]
    fn every_document_field_is_in_the_model_and_the_reverse() {
        for (folder, kind, table) in [
            ("reports", SourceKind::Report, model::report()),
            ("responses", SourceKind::Response, model::response()),
            ("pages", SourceKind::Page, model::page()),
        ] {
            let text = format!("+++\n{}+++\nBody\n", model::example_toml(&table, EXTRA));
            let source = SourceFile {
                kind,
                slug: "x".into(),
                file: TextFile {
                    path: Path::new("content").join(folder).join("x.md"),
                    text,
                },
            };
            let (document, problems) = read_document(&source);
            assert!(document.is_some(), "{folder}: {problems:?}");
            assert_eq!(
                sorted(fields_read(&problems)),
                sorted(fields_of_model(&table)),
                "{folder}: the reader and the model disagree"
            );
        }
    }

    #[test]
    fn every_setting_is_in_the_model_and_the_reverse() {
        let table = model::config();
        let file = TextFile {
            path: Path::new("config.toml").to_path_buf(),
            text: model::example_toml(&table, EXTRA),
        };
        let (_, problems) = read_config(&file);
        assert_eq!(
            sorted(fields_read(&problems)),
            sorted(fields_of_model(&table))
        );
    }
}
