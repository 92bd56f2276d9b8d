//! The content model as data: every front-matter field of a report, a response and a page, and
//! every setting of `config.toml`, with its kind, whether it must be written and the hint the
//! editor guide gives. The browser editor's form (`admin/config.yml`) and `scrutiny schema` are
//! made from it; a test holds the readers of `document` to it, so the three cannot disagree.

use crate::vocabulary::{CmsBackend, FindingKind, Grade, PageKind, ReportType, Sector, Vocabulary};

/// The pattern every slug (file name, theme key) follows.
pub const SLUG_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// One TOML table: the front matter of a kind of document, or a table inside it.
#[derive(Clone, Debug)]
pub struct Table {
    /// What the table is, in the words errors use ("report", "finding update").
    pub what: &'static str,
    pub fields: Vec<Field>,
}

/// One key of a table.
#[derive(Clone, Debug)]
pub struct Field {
    pub key: &'static str,
    /// The form's label.
    pub label: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// What to write, in the editor guide's words.
    pub hint: &'static str,
}

/// What a field holds, which decides its form widget and its schema.
#[derive(Clone, Debug)]
pub enum Kind {
    /// One line of text.
    Text,
    /// Text of several lines (a summary, a finding's words).
    Paragraph,
    /// A calendar day, written as a bare TOML date (`2023-05-02`).
    Date,
    /// A due date: a day, a month (`"2024-03"`) or a period (`"6 months"`, `"90 days"`).
    Due,
    /// `default`: what leaving it out means, offered by the form; `None` when leaving it out
    /// means something neither value says (`statutory`: the usual rule), so the form offers
    /// "yes", "no" and nothing.
    Bool {
        default: Option<bool>,
    },
    Integer {
        min: i64,
        max: i64,
    },
    /// One of a fixed list of words, each with its label.
    Choice(Vec<Choice>),
    /// A web address (`http` or `https`).
    Url,
    Email,
    /// A slug.
    Slug,
    /// Keys of `content/themes.toml`, at least one.
    Themes,
    /// A key of `content/grade-areas.toml`.
    GradeArea,
    /// A finding's status: one of the default words, or of the office's own list
    /// (`[[finding_statuses]]`).
    FindingStatus,
    /// The slug of a report; `many`: or a list of them.
    Report {
        many: bool,
    },
    /// Ids of findings of the report a response answers.
    FindingIds,
    /// A list of lines of text.
    Texts,
    /// A file under `content/`, such as an attachment in `content/files/`.
    File,
    /// An array of tables (`[[findings]]`).
    Tables(Table),
    /// A sub-table (`[deadline]`).
    Section(Table),
    /// A table of tables, each under a key the site chooses (`[languages.cy]`).
    Keyed(Table),
}

/// One word of a [`Kind::Choice`].
#[derive(Clone, Debug)]
pub struct Choice {
    pub value: &'static str,
    pub label: &'static str,
}

impl Kind {
    fn choices<V: Vocabulary>(label: fn(V) -> &'static str) -> Kind {
        Kind::Choice(
            V::WORDS
                .iter()
                .map(|&(value, word)| Choice {
                    value,
                    label: label(word),
                })
                .collect(),
        )
    }
}

fn required(key: &'static str, label: &'static str, kind: Kind, hint: &'static str) -> Field {
    Field {
        key,
        label,
        kind,
        required: true,
        hint,
    }
}

fn optional(key: &'static str, label: &'static str, kind: Kind, hint: &'static str) -> Field {
    Field {
        key,
        label,
        kind,
        required: false,
        hint,
    }
}

/// The front matter of `content/reports/<slug>.md`.
pub fn report() -> Table {
    Table {
        what: "report",
        fields: vec![
            required(
                "title",
                "Title",
                Kind::Text,
                "The report's title exactly as HMICFRS gives it.",
            ),
            required(
                "published",
                "Published by HMICFRS",
                Kind::Date,
                "The day HMICFRS first published the report (not a later re-issue): day 1 of the 56 days.",
            ),
            required(
                "type",
                "Type of inspection",
                Kind::choices::<ReportType>(ReportType::label),
                "What kind of inspection it was.",
            ),
            optional(
                "sector",
                "Sector",
                Kind::choices::<Sector>(Sector::label),
                "Police or fire and rescue; police when left out. The 56-day duty is for police reports.",
            ),
            required(
                "themes",
                "Themes",
                Kind::Themes,
                "One or more of the site's themes, for the theme pages.",
            ),
            optional(
                "url",
                "Address on the HMICFRS website",
                Kind::Url,
                "The report's page on justiceinspectorates.gov.uk.",
            ),
            optional(
                "summary",
                "Summary",
                Kind::Paragraph,
                "One or two sentences for lists, feeds, search results and previews.",
            ),
            optional(
                "statutory",
                "The 56-day duty applies",
                Kind::Bool { default: None },
                "Leave alone unless the duty applies differently from the usual rule.",
            ),
            optional(
                "follows_up",
                "Follows up",
                Kind::Report { many: false },
                "An earlier report that this one revisits.",
            ),
            optional(
                "draft",
                "Draft",
                Kind::Bool {
                    default: Some(false),
                },
                "A draft is not published; serve shows it for review.",
            ),
            optional(
                "findings",
                "Recommendations and other findings",
                Kind::Tables(finding()),
                "Each recommendation, cause of concern or area for improvement, numbered as in the report.",
            ),
            optional(
                "grades",
                "Grades",
                Kind::Tables(grade()),
                "The grade HMICFRS gave in each area it graded, such as a PEEL question; one per area.",
            ),
        ],
    }
}

fn grade() -> Table {
    Table {
        what: "grade",
        fields: vec![
            required(
                "area",
                "Area",
                Kind::GradeArea,
                "A key of content/grade-areas.toml, such as investigating-crime.",
            ),
            required(
                "grade",
                "Grade",
                Kind::choices::<Grade>(Grade::label),
                "Outstanding, good, adequate, requires improvement or inadequate.",
            ),
        ],
    }
}

fn finding() -> Table {
    Table {
        what: "finding",
        fields: vec![
            required(
                "id",
                "Number",
                Kind::Text,
                "As the report numbers it, such as R3 or AFI2; unique in the report.",
            ),
            required(
                "kind",
                "Kind",
                Kind::choices::<FindingKind>(FindingKind::label),
                "Recommendation, cause of concern, area for improvement or innovative practice.",
            ),
            required(
                "text",
                "Words of the finding",
                Kind::Paragraph,
                "The finding's words as the report gives them.",
            ),
            optional(
                "addressed_to",
                "Addressed to",
                Kind::Texts,
                "Who the report addresses it to, such as chief-constables.",
            ),
            optional(
                "applies",
                "Applies to our force",
                Kind::Bool {
                    default: Some(true),
                },
                "Untick when the finding does not apply to this force.",
            ),
            optional(
                "owner",
                "Owner",
                Kind::Text,
                "Who is responsible for it, such as Essex Police.",
            ),
            optional(
                "due",
                "Due",
                Kind::Due,
                "A day (2024-03-31), a month (2024-03, due at its end) or a period after publication (6 months, 90 days).",
            ),
            optional(
                "status",
                "Status",
                Kind::FindingStatus,
                "Where it stands; the latest update's status wins when there are updates.",
            ),
            optional(
                "updates",
                "Progress updates",
                Kind::Tables(update()),
                "A dated history of progress; the latest update sets the status.",
            ),
        ],
    }
}

fn update() -> Table {
    Table {
        what: "finding update",
        fields: vec![
            required("date", "Date", Kind::Date, "The day of the update."),
            required(
                "status",
                "Status",
                Kind::FindingStatus,
                "Where the finding stood on that day.",
            ),
            optional(
                "note",
                "Note",
                Kind::Paragraph,
                "What was done, in a sentence or two.",
            ),
        ],
    }
}

/// The front matter of `content/responses/<slug>.md`.
pub fn response() -> Table {
    Table {
        what: "response",
        fields: vec![
            required(
                "report",
                "Report answered",
                Kind::Report { many: true },
                "The report this letter answers (a list when one letter answers several).",
            ),
            optional(
                "date",
                "Date on the letter",
                Kind::Date,
                "The date written on the letter. Leave empty only if it is not known.",
            ),
            optional(
                "published",
                "Published online",
                Kind::Date,
                "The day it went online, if different; the deadline uses it when given.",
            ),
            optional(
                "title",
                "Title",
                Kind::Text,
                "Leave empty for \"Response to\" and the report's title.",
            ),
            optional("author", "Signed by", Kind::Text, "Who signed the letter."),
            optional("role", "Their role", Kind::Text, "The signatory's role."),
            optional(
                "to",
                "Addressed to",
                Kind::Text,
                "Who the letter is to, such as the Home Secretary.",
            ),
            optional(
                "cc",
                "Copied to",
                Kind::Texts,
                "Each person copied in, one per line.",
            ),
            optional(
                "our_ref",
                "Our reference",
                Kind::Text,
                "The office's reference, if the letter has one.",
            ),
            optional(
                "addresses",
                "Findings explained",
                Kind::FindingIds,
                "The numbers of the report's findings this letter explains, such as R3.",
            ),
            optional(
                "draft",
                "Draft",
                Kind::Bool {
                    default: Some(false),
                },
                "A draft is not published; serve shows it for review.",
            ),
            optional(
                "attachments",
                "Attachments",
                Kind::Tables(attachment()),
                "The signed letter or other files, uploaded to content/files/.",
            ),
        ],
    }
}

fn attachment() -> Table {
    Table {
        what: "attachment",
        fields: vec![
            required(
                "file",
                "File",
                Kind::File,
                "The file, under content/files/.",
            ),
            optional(
                "title",
                "Title",
                Kind::Text,
                "What the file is, such as \"Signed letter\".",
            ),
        ],
    }
}

/// The front matter of `content/pages/<slug>.md`.
pub fn page() -> Table {
    Table {
        what: "page",
        fields: vec![
            required("title", "Title", Kind::Text, "The page's heading."),
            optional(
                "summary",
                "Summary",
                Kind::Paragraph,
                "A sentence for search results and previews.",
            ),
            optional(
                "updated",
                "Last updated",
                Kind::Date,
                "When the page was last changed.",
            ),
            optional(
                "draft",
                "Draft",
                Kind::Bool {
                    default: Some(false),
                },
                "A draft is not published; serve shows it for review.",
            ),
            optional(
                "kind",
                "Kind of page",
                Kind::choices::<PageKind>(page_kind_label),
                "An ordinary page, or the site's accessibility statement.",
            ),
            optional(
                "reviewed",
                "Statement last reviewed",
                Kind::Date,
                "For the accessibility statement: when it was last reviewed (at least once a year).",
            ),
        ],
    }
}

fn page_kind_label(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Page => "Page",
        PageKind::AccessibilityStatement => "Accessibility statement",
    }
}

/// `config.toml`.
pub fn config() -> Table {
    Table {
        what: "site configuration",
        fields: vec![
            required(
                "title",
                "Site title",
                Kind::Text,
                "The name of the website.",
            ),
            required(
                "base_url",
                "Address of the site",
                Kind::Url,
                "The full address where the site is published, ending with /.",
            ),
            optional(
                "language",
                "Language",
                Kind::Text,
                "The language of the pages, such as en-GB.",
            ),
            required(
                "organisation",
                "Organisation",
                Kind::Text,
                "The body that runs the site.",
            ),
            optional(
                "force",
                "Force",
                Kind::Text,
                "The police force the reports are about.",
            ),
            optional(
                "theme",
                "Theme",
                Kind::Slug,
                "A folder under themes/; default.",
            ),
            optional(
                "accessible_formats_email",
                "Email for accessible formats",
                Kind::Email,
                "Where people ask for an attachment in another format.",
            ),
            optional(
                "finding_statuses",
                "The office's own status words",
                Kind::Tables(Table {
                    what: "finding status",
                    fields: vec![
                        required(
                            "key",
                            "Key",
                            Kind::Slug,
                            "What reports write as a finding's status, such as on-track.",
                        ),
                        required(
                            "label",
                            "Label",
                            Kind::Text,
                            "What pages show, such as Open - on track.",
                        ),
                        optional(
                            "closed",
                            "Closed",
                            Kind::Bool {
                                default: Some(false),
                            },
                            "Tick for a finished status: never overdue, grouped as closed.",
                        ),
                    ],
                }),
                "Replaces the default status words for every finding and update.",
            ),
            optional(
                "deadline",
                "Deadline",
                Kind::Section(Table {
                    what: "deadline section",
                    fields: vec![
                        optional(
                            "days",
                            "Days",
                            Kind::Integer { min: 1, max: 3650 },
                            "The days allowed for a response; 56, the day of publication being day 1.",
                        ),
                        optional(
                            "from",
                            "From",
                            Kind::Date,
                            "The duty applies to police reports published on or after this day.",
                        ),
                    ],
                }),
                "The statutory deadline for responses.",
            ),
            optional(
                "markdown",
                "Markdown",
                Kind::Section(Table {
                    what: "markdown section",
                    fields: vec![optional(
                        "raw_html",
                        "Raw HTML",
                        Kind::Choice(vec![
                            Choice {
                                value: "escape",
                                label: "Shown as text",
                            },
                            Choice {
                                value: "allow",
                                label: "Passed through",
                            },
                        ]),
                        "What becomes of HTML written in Markdown.",
                    )],
                }),
                "How Markdown is turned into pages.",
            ),
            optional(
                "cms",
                "Browser editor",
                Kind::Section(cms()),
                "Turns on the browser editor at /admin/.",
            ),
            optional(
                "sources",
                "National sources",
                Kind::Tables(source()),
                "A national site: the open data of each office it is built from.",
            ),
            optional(
                "languages",
                "Other languages",
                Kind::Keyed(language()),
                "Each language besides the main one, as [languages.cy]: its pages are under /cy/.",
            ),
        ],
    }
}

/// `[languages.<code>]` of `config.toml`: the words of the config in another language.
fn language() -> Table {
    Table {
        what: "language",
        fields: vec![
            required(
                "title",
                "Site title",
                Kind::Text,
                "The name of the website in this language.",
            ),
            required(
                "organisation",
                "Organisation",
                Kind::Text,
                "The body that runs the site, in this language.",
            ),
            optional(
                "force",
                "Force",
                Kind::Text,
                "The police force, in this language.",
            ),
        ],
    }
}

/// `[[sources]]` of `config.toml`: one office's open data, for a national site.
fn source() -> Table {
    Table {
        what: "source",
        fields: vec![
            required(
                "key",
                "Key",
                Kind::Slug,
                "A short name for the office, unique among the sources: its page is /bodies/<key>/.",
            ),
            required(
                "name",
                "Name",
                Kind::Text,
                "The office's name, such as \"Kent Police and Crime Commissioner\".",
            ),
            optional(
                "archive",
                "Archive",
                Kind::File,
                "The office's data/archive.json, as a file in the site's folder (sources/essex.json). Either this or responses_csv.",
            ),
            optional(
                "responses_csv",
                "Responses CSV",
                Kind::File,
                "For an office without scrutiny: a CSV with the columns report_url,report_title,report_published,response_date,response_url. Either this or archive.",
            ),
        ],
    }
}

/// `[cms]` of `config.toml`.
fn cms() -> Table {
    Table {
        what: "cms section",
        fields: vec![
            required(
                "backend",
                "Where the files are kept",
                Kind::choices::<CmsBackend>(CmsBackend::label),
                "github, gitlab, or test-repo to try the editor without saving anything.",
            ),
            optional(
                "repo",
                "Repository",
                Kind::Text,
                "The site's repository, as owner/name.",
            ),
            optional(
                "branch",
                "Branch",
                Kind::Text,
                "The branch the site is published from; main.",
            ),
            optional(
                "editorial_workflow",
                "Save for review",
                Kind::Bool {
                    default: Some(false),
                },
                "Each change becomes a pull (merge) request to review before it is published.",
            ),
            optional(
                "auth_url",
                "Sign-in service",
                Kind::Url,
                "GitHub: the address of the OAuth service that signs editors in.",
            ),
            optional(
                "app_id",
                "GitLab application id",
                Kind::Text,
                "GitLab: the application id of the PKCE sign-in.",
            ),
            optional(
                "api_root",
                "API address",
                Kind::Url,
                "A self-hosted GitLab or GitHub Enterprise API address.",
            ),
        ],
    }
}

/// The three kinds of document, each a folder of `content/`.
pub fn documents() -> [(&'static str, Table); 3] {
    [
        ("reports", report()),
        ("responses", response()),
        ("pages", page()),
    ]
}

impl Table {
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|field| field.key == key)
    }

    /// The paths of every date field, through sub-tables and arrays of tables
    /// (`["findings", "updates", "date"]`).
    pub fn date_paths(&self) -> Vec<Vec<&'static str>> {
        self.paths_where(&|kind| matches!(kind, Kind::Date | Kind::Due))
    }

    /// The paths of every yes-or-no field that may also be left out ([`Kind::Bool`] without a
    /// default).
    pub fn flag_paths(&self) -> Vec<Vec<&'static str>> {
        self.paths_where(&|kind| matches!(kind, Kind::Bool { default: None }))
    }

    fn paths_where(&self, wanted: &dyn Fn(&Kind) -> bool) -> Vec<Vec<&'static str>> {
        let mut paths = Vec::new();
        for field in &self.fields {
            match &field.kind {
                Kind::Tables(table) | Kind::Section(table) => {
                    for mut path in table.paths_where(wanted) {
                        path.insert(0, field.key);
                        paths.push(path);
                    }
                }
                kind if wanted(kind) => paths.push(vec![field.key]),
                _ => {}
            }
        }
        paths
    }

    /// The keys of this table and of every table in it, in the model's order, by the table's
    /// dotted path (`""` for this one, `"findings.updates"`).
    pub fn key_orders(&self) -> Vec<(String, Vec<&'static str>)> {
        let mut orders = vec![(String::new(), self.fields.iter().map(|f| f.key).collect())];
        for field in &self.fields {
            if let Kind::Tables(table) | Kind::Section(table) = &field.kind {
                for (path, keys) in table.key_orders() {
                    let path = if path.is_empty() {
                        field.key.to_string()
                    } else {
                        format!("{}.{path}", field.key)
                    };
                    orders.push((path, keys));
                }
            }
        }
        orders
    }
}

/// A TOML text that writes every field of `table` with an example value, for tests: the
/// readers must accept each one.
#[cfg(test)]
pub fn example_toml(table: &Table, extra_key: &str) -> String {
    fn write(table: &Table, path: &str, extra_key: &str, text: &mut String) {
        let mut nested = Vec::new();
        for field in &table.fields {
            let value = match &field.kind {
                Kind::Text | Kind::Paragraph => "\"Words\"".to_string(),
                Kind::Date => "2023-05-02".into(),
                Kind::Due => "2024-03-31".into(),
                Kind::Bool { .. } => "true".into(),
                Kind::Integer { min, .. } => min.to_string(),
                Kind::Choice(choices) => format!("\"{}\"", choices[0].value),
                Kind::Url => "\"https://www.example.org/x/\"".into(),
                Kind::Email => "\"office@example.org\"".into(),
                Kind::Slug | Kind::Report { .. } | Kind::GradeArea => "\"default\"".into(),
                Kind::FindingStatus => "\"open\"".into(),
                Kind::Themes | Kind::FindingIds | Kind::Texts => "[\"a\"]".into(),
                Kind::File => "\"files/a.pdf\"".into(),
                Kind::Tables(_) | Kind::Section(_) | Kind::Keyed(_) => {
                    nested.push(field);
                    continue;
                }
            };
            text.push_str(&format!("{} = {value}\n", field.key));
        }
        text.push_str(&format!("{extra_key} = 1\n"));
        for field in nested {
            let inner = if path.is_empty() {
                field.key.to_string()
            } else {
                format!("{path}.{}", field.key)
            };
            match &field.kind {
                Kind::Tables(table) => {
                    text.push_str(&format!("[[{inner}]]\n"));
                    write(table, &inner, extra_key, text);
                }
                Kind::Section(table) => {
                    text.push_str(&format!("[{inner}]\n"));
                    write(table, &inner, extra_key, text);
                }
                Kind::Keyed(table) => {
                    let inner = format!("{inner}.cy");
                    text.push_str(&format!("[{inner}]\n"));
                    write(table, &inner, extra_key, text);
                }
                _ => {}
            }
        }
    }
    let mut text = String::new();
    write(table, "", extra_key, &mut text);
    text
}

/// Every table of `table`, itself first, with what it is.
#[cfg(test)]
pub fn tables(table: &Table) -> Vec<&Table> {
    let mut all = vec![table];
    for field in &table.fields {
        if let Kind::Tables(inner) | Kind::Section(inner) | Kind::Keyed(inner) = &field.kind {
            all.extend(tables(inner));
        }
    }
    all
}
