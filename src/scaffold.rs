//! Scaffold: writes new files for editors — a report template, a response pre-filled from its
//! report, a whole new working site — and never overwrites a file that is already there.

mod repository;
pub(crate) mod templates;

use std::fmt;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::dates::Date;
use crate::deadline::DeadlineRule;
use crate::diagnostic::{did_you_mean, slash_path};
use crate::document::{self, Matter, ReportFrontMatter, ResponseFrontMatter, is_slug, slugify};
use crate::render::builtin;
use crate::source::{self, CONFIG_FILE, SourceFile, SourceKind, THEMES_FILE};
use templates::{SiteConfig, report_template, response_template};

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
    /// The report already has a response at the default name; `free` is a name that is not taken.
    ResponseExists {
        path: PathBuf,
        free: String,
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
    /// A translation was asked for a document that is not there.
    NoOriginal {
        path: PathBuf,
        suggestion: Option<String>,
    },
    /// The original is there but could not be read as a document (`scrutiny check` says why).
    UnreadableOriginal {
        path: PathBuf,
    },
    /// A translation was asked in the site's main language.
    MainLanguage {
        language: String,
    },
    /// A translation was asked in a language that config.toml does not list.
    UnknownLanguage {
        language: String,
        configured: Vec<String>,
    },
    /// A code of `init --languages` is not a language code, or not one init can start a site in.
    BadLanguages {
        problem: String,
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
            ScaffoldError::ResponseExists { path, free } => write!(
                f,
                "{} already exists; scrutiny never overwrites a file: edit it, or, for another \
                 response to the same report, give the new one its own name with `--slug {free}`",
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
            ScaffoldError::NoOriginal { path, suggestion } => {
                write!(f, "there is no {} to translate", slash_path(path))?;
                match suggestion {
                    Some(suggestion) => write!(f, " (did you mean `{suggestion}`?)"),
                    None => Ok(()),
                }
            }
            ScaffoldError::UnreadableOriginal { path } => write!(
                f,
                "{} could not be read: run `scrutiny check` to see why, fix it, then translate it",
                slash_path(path)
            ),
            ScaffoldError::MainLanguage { language } => write!(
                f,
                "`{language}` is the site's main language (language = \"{language}\" in \
                 config.toml): its documents are the originals, not translations"
            ),
            ScaffoldError::UnknownLanguage {
                language,
                configured,
            } => {
                write!(
                    f,
                    "`{language}` is not a language of the site: config.toml has no [languages.{language}]"
                )?;
                if configured.is_empty() {
                    write!(
                        f,
                        "; it lists no other language. Add [languages.{language}] with the site's \
                         title and organisation in that language first"
                    )
                } else {
                    let list: Vec<String> =
                        configured.iter().map(|code| format!("`{code}`")).collect();
                    write!(
                        f,
                        "; its languages are {}. Use one of them, or add [languages.{language}] \
                         with the site's title and organisation in that language first",
                        list.join(", ")
                    )
                }
            }
            ScaffoldError::BadLanguages { problem } => write!(f, "--languages: {problem}"),
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

/// Writes `content/reports/<slug>.md`: a draft report with every field, each explained, valid as
/// written; `scrutiny check` warns of each placeholder value until it is replaced. Returns the path written (under `root`).
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
    write_one(root, relative, text)
}

/// Writes `content/responses/<report>-response.md`, pre-filled from the report: its title in a
/// comment, today's date, the deadline in a comment, and `addresses` listing the report's
/// recommendations that apply to the force.
pub fn new_response(
    root: &Path,
    report_slug: &str,
    response_slug: Option<&str>,
    today: Date,
) -> Result<PathBuf, ScaffoldError> {
    check_slug(report_slug)?;
    if let Some(slug) = response_slug {
        check_slug(slug)?;
    }
    require_site(root)?;
    let report = read_report(root, report_slug)?;
    let config = site_config(root);
    let latest = latest_response(root);
    let folder = Path::new(source::CONTENT_DIR).join(SourceKind::Response.folder());
    let default_slug = format!("{report_slug}-response");
    let relative = folder.join(format!("{}.md", response_slug.unwrap_or(&default_slug)));
    if response_slug.is_none() && root.join(&relative).exists() {
        let free = (2..)
            .map(|n| format!("{default_slug}-{n}"))
            .find(|slug| !root.join(&folder).join(format!("{slug}.md")).exists())
            .unwrap_or_default();
        return Err(ScaffoldError::ResponseExists {
            path: relative,
            free,
        });
    }
    let text = response_template(report_slug, &report, today, &config, latest.as_ref());
    write_one(root, relative, text)
}

/// Writes `content/<kind>/<slug>.<language>.md`: the translation of `<slug>.md` into a language
/// of the site, pre-filled with the original's words (only those a translation holds), each
/// marked as still to translate so that `scrutiny check` warns until it is.
pub fn new_translation(
    root: &Path,
    kind: SourceKind,
    slug: &str,
    language: &str,
) -> Result<PathBuf, ScaffoldError> {
    check_slug(slug)?;
    require_site(root)?;
    let (main, configured) = site_languages(root);
    if language == main {
        return Err(ScaffoldError::MainLanguage {
            language: language.to_string(),
        });
    }
    if !configured.iter().any(|code| code == language) {
        return Err(ScaffoldError::UnknownLanguage {
            language: language.to_string(),
            configured,
        });
    }
    let folder = Path::new(source::CONTENT_DIR).join(kind.folder());
    let original = folder.join(format!("{slug}.md"));
    if !root.join(&original).is_file() {
        let known = document_slugs(root, kind);
        let suggestion = did_you_mean(slug, known.iter().map(String::as_str)).map(str::to_string);
        return Err(ScaffoldError::NoOriginal {
            path: original,
            suggestion,
        });
    }
    let Some(document) = read_whole_document(root, kind, slug) else {
        return Err(ScaffoldError::UnreadableOriginal { path: original });
    };
    let relative = folder.join(format!("{slug}.{language}.md"));
    let text = templates::translation_template(
        &slash_path(&original),
        language,
        &document.matter,
        &document.body.markdown,
    );
    write_one(root, relative, text)
}

/// The response a translation is asked for by `name`: the response of that name, else the
/// default name of a response to the report `name` (`<name>-response`) when only that exists.
pub fn response_to_translate(root: &Path, name: &str) -> String {
    let folder = root
        .join(source::CONTENT_DIR)
        .join(SourceKind::Response.folder());
    let default = format!("{name}-response");
    if !folder.join(format!("{name}.md")).is_file()
        && folder.join(format!("{default}.md")).is_file()
    {
        default
    } else {
        name.to_string()
    }
}

/// The site's main language and its other languages, as config.toml writes them.
fn site_languages(root: &Path) -> (String, Vec<String>) {
    let Ok(file) = source::read_text(root, Path::new(CONFIG_FILE)) else {
        return ("en-GB".to_string(), Vec::new());
    };
    let (doc, _) = document::read_config(&file);
    let main = doc
        .language
        .map_or_else(|| "en-GB".to_string(), |l| l.value);
    let others = doc.languages.into_iter().map(|l| l.code.value).collect();
    (main, others)
}

/// Writes one new file (never over an existing one) and returns where it is.
fn write_one(root: &Path, relative: PathBuf, text: String) -> Result<PathBuf, ScaffoldError> {
    let path = root.join(&relative);
    write_new(
        root,
        &[NewFile {
            path: relative,
            contents: text.into_bytes(),
        }],
    )?;
    Ok(path)
}

/// What `new` needs from config.toml; missing values fall back to the defaults.
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
        // A translation (`<slug>.cy.md`) is not a document of its own.
        .filter(|slug| !slug.contains('.'))
        .collect();
    slugs.sort();
    slugs
}

fn read_document(root: &Path, kind: SourceKind, slug: &str) -> Option<Matter> {
    read_whole_document(root, kind, slug).map(|doc| doc.matter)
}

fn read_whole_document(root: &Path, kind: SourceKind, slug: &str) -> Option<document::Document> {
    let relative = Path::new(source::CONTENT_DIR)
        .join(kind.folder())
        .join(format!("{slug}.md"));
    let file = source::read_text(root, &relative).ok()?;
    let source = SourceFile {
        kind,
        slug: slug.to_string(),
        file,
    };
    document::read_document(&source).0
}

fn read_report(root: &Path, slug: &str) -> Result<ReportFrontMatter, ScaffoldError> {
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
fn latest_response(root: &Path) -> Option<ResponseFrontMatter> {
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

/// Fills in the values a file of the example site leaves open: the accessibility statement's
/// review date, and the release the pipelines install.
fn fill_in(text: &str, today: Date) -> String {
    text.replace("{today}", &today.iso())
        .replace("{today_long}", &today.long())
        .replace("{scrutiny_version}", repository::RELEASE_VERSION)
        .replace("{scrutiny_repository}", repository::releases_repository())
}

/// The languages of a new site: its main language, at the root, and the others, each under
/// `/<code>/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteLanguages {
    pub main: String,
    pub others: Vec<String>,
}

impl Default for SiteLanguages {
    fn default() -> SiteLanguages {
        SiteLanguages {
            main: "en-GB".to_string(),
            others: Vec::new(),
        }
    }
}

/// The languages other than the main one that `init` can start a site in: each with the
/// interface words scrutiny ships and the site's names (placeholders) in that language.
const OTHER_LANGUAGES: &[(&str, &str)] = &[("cy", "Welsh")];

impl SiteLanguages {
    /// Reads `--languages en-GB,cy`: the first code is the main language, which the example
    /// site is written in, so an English one; each other is one scrutiny ships words for.
    pub fn parse(list: &str) -> Result<SiteLanguages, ScaffoldError> {
        let bad = |problem: String| ScaffoldError::BadLanguages { problem };
        let codes: Vec<&str> = list.split(',').map(str::trim).collect();
        let Some((&main, others)) = codes.split_first().filter(|_| !list.trim().is_empty()) else {
            return Err(bad(
                "no language given: list the main language first, such as en-GB,cy".to_string(),
            ));
        };
        if !is_main_language_code(main) {
            return Err(bad(format!(
                "`{main}` is not a language code: write a code such as en-GB (British English)"
            )));
        }
        if !(main == "en" || main.starts_with("en-")) {
            return Err(bad(format!(
                "the first code is the site's main language, and the example site is written in \
                 English: start the list with an English code, such as en-GB,{main}"
            )));
        }
        let mut seen: Vec<String> = Vec::new();
        for &code in others {
            if code.is_empty() {
                return Err(bad(format!(
                    "`{list}` has an empty code: separate the codes with single commas"
                )));
            }
            if code == main || seen.iter().any(|c| c == code) {
                return Err(bad(format!("`{code}` is listed twice")));
            }
            if !OTHER_LANGUAGES.iter().any(|(known, _)| *known == code) {
                let known: Vec<String> = OTHER_LANGUAGES
                    .iter()
                    .map(|(code, name)| format!("{code} ({name})"))
                    .collect();
                let advice = if is_language_code(code) {
                    format!(
                        "; to add another language, create the site with these, then add \
                         [languages.{code}] to config.toml and the theme's words in \
                         themes/default/i18n/{code}.toml"
                    )
                } else {
                    " (language codes are lowercase, such as cy)".to_string()
                };
                return Err(bad(format!(
                    "`{code}` is not a language init can start a site in: after the main \
                     language, use {}{advice}",
                    known.join(", ")
                )));
            }
            seen.push(code.to_string());
        }
        Ok(SiteLanguages {
            main: main.to_string(),
            others: seen,
        })
    }
}

/// A language code as the main `language` of config.toml takes it: `en`, `en-GB`.
fn is_main_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let language = parts.next().unwrap_or_default();
    (2..=3).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|part| {
            (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// A language code as a translation's file name and folder take it: lowercase, `cy`.
fn is_language_code(code: &str) -> bool {
    crate::source::translation_name(&format!("x.{code}.md")).is_some()
}

/// config.toml as init writes it, in `languages`.
fn config_in(text: &str, languages: &SiteLanguages) -> String {
    let mut text = text.replace(
        "language = \"en-GB\"",
        &format!("language = {}", templates::quote(&languages.main)),
    );
    if languages.others.is_empty() {
        return text;
    }
    let mut tables = String::from(
        "# The site's other languages, each a table with the site's words in that language. Each is\n\
         # served under its own folder (/cy/ for Welsh) with the interface in that language. A\n\
         # document's translation is a file beside it, such as content/reports/SLUG.cy.md:\n\
         # `scrutiny new report SLUG --language cy` starts one from the report's words.\n",
    );
    for code in &languages.others {
        tables.push_str(&language_table(code));
    }
    tables.push('\n');
    let at = text.find("# The legal deadline").unwrap_or(text.len());
    text.insert_str(at, &tables);
    text
}

/// `[languages.<code>]` with the example site's names in that language.
fn language_table(code: &str) -> String {
    match code {
        "cy" => "[languages.cy]\n\
                 # The name of the website, in Welsh.\n\
                 title = \"Arolygiadau AEFCTh a’n hymatebion\"\n\
                 # The body that runs this site, and the police force, in Welsh.\n\
                 organisation = \"Comisiynydd Heddlu a Throseddu Exampleshire\"\n\
                 force = \"Heddlu Exampleshire\"\n"
            .to_string(),
        _ => String::new(),
    }
}

/// The example documents' translations into `code`: the about page in that language's own
/// words where scrutiny ships them, every other document pre-filled with its English words
/// marked to translate, as `new --language` writes them.
fn translations(files: &[NewFile], code: &str) -> Vec<NewFile> {
    let mut written = Vec::new();
    for file in files {
        let Some(kind) = starter_kind(&file.path) else {
            continue;
        };
        let slug = file
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let path = file.path.with_file_name(format!("{slug}.{code}.md"));
        if let Some(&(_, text)) = OWN_TRANSLATIONS
            .iter()
            .find(|(own, _)| Path::new(own) == path)
        {
            written.push(NewFile {
                path,
                contents: text.as_bytes().to_vec(),
            });
            continue;
        }
        let source = SourceFile {
            kind,
            slug: slug.clone(),
            file: source::TextFile {
                path: file.path.clone(),
                text: String::from_utf8_lossy(&file.contents).into_owned(),
            },
        };
        let Some(document) = document::read_document(&source).0 else {
            continue;
        };
        let text = templates::translation_template(
            &slash_path(&file.path),
            code,
            &document.matter,
            &document.body.markdown,
        );
        written.push(NewFile {
            path,
            contents: text.into_bytes(),
        });
    }
    written
}

/// The kind of a document of the example site, by its folder; `None` for any other file.
fn starter_kind(path: &Path) -> Option<SourceKind> {
    let folder = path.strip_prefix(source::CONTENT_DIR).ok()?.parent()?;
    let kind = [SourceKind::Report, SourceKind::Response, SourceKind::Page]
        .into_iter()
        .find(|kind| Path::new(kind.folder()) == folder)?;
    (path.extension().is_some_and(|e| e == "md")).then_some(kind)
}

/// Translations of the example site written in their language, not pre-filled.
const OWN_TRANSLATIONS: &[(&str, &str)] = &[(
    "content/pages/about.cy.md",
    include_str!("scaffold/site/content/pages/about.cy.md"),
)];

/// Creates a new working site in `dir` (which may exist, but must not hold any of the files):
/// config, themes, an example report and response, an about page and an accessibility
/// statement (reviewed `today`), each translated into each of the site's other `languages`, the default theme in `themes/default/`, and the repository
/// around them (GitHub and GitLab pipelines, `.gitignore`, a README). Returns the files
/// written, relative to `dir`.
pub fn init(
    dir: &Path,
    today: Date,
    languages: &SiteLanguages,
) -> Result<Vec<PathBuf>, ScaffoldError> {
    let theme = Path::new("themes/default");
    let mut files: Vec<NewFile> = SITE_FILES
        .iter()
        .chain(repository::FILES)
        .map(|(path, text)| {
            let mut text = fill_in(text, today);
            if *path == CONFIG_FILE {
                text = config_in(&text, languages);
            }
            NewFile {
                path: PathBuf::from(path),
                contents: text.into_bytes(),
            }
        })
        .collect();
    for code in &languages.others {
        let translated = translations(&files, code);
        files.extend(translated);
    }
    files.extend(builtin::TEMPLATES.iter().map(|(name, text)| NewFile {
        path: theme.join("templates").join(name),
        contents: text.as_bytes().to_vec(),
    }));
    files.extend(builtin::I18N.iter().map(|(code, text)| NewFile {
        path: theme.join("i18n").join(format!("{code}.toml")),
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
    fn every_value_left_open_is_filled_in() {
        for (path, text) in SITE_FILES.iter().chain(repository::FILES) {
            let filled = fill_in(text, Date::constant(2024, 11, 1));
            assert!(!filled.contains("{scrutiny_"), "{path}");
            assert!(!filled.contains("{today"), "{path}");
        }
    }

    #[test]
    fn nothing_is_written_when_one_file_exists() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        fs::create_dir_all(dir.path().join("content/pages")).expect("a folder");
        fs::write(dir.path().join("content/pages/about.md"), "mine").expect("a file");
        let error = init(
            dir.path(),
            Date::constant(2024, 11, 1),
            &SiteLanguages::default(),
        )
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
