//! Source: the only reader of `content/` and `config.toml`; turns files into text with their paths.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics, Position};

/// What a Markdown file in `content/` describes, from the folder it is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SourceKind {
    Report,
    Response,
    Page,
}

impl SourceKind {
    pub const ALL: [SourceKind; 3] = [SourceKind::Report, SourceKind::Response, SourceKind::Page];

    /// The folder under `content/` that holds this kind.
    pub fn folder(self) -> &'static str {
        match self {
            SourceKind::Report => "reports",
            SourceKind::Response => "responses",
            SourceKind::Page => "pages",
        }
    }
}

/// A text file read from the site, with its path relative to the site root.
#[derive(Clone, Debug)]
pub struct TextFile {
    pub path: PathBuf,
    pub text: String,
}

/// A Markdown file of one kind; its file stem is its slug.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub kind: SourceKind,
    pub slug: String,
    pub file: TextFile,
}

/// A file under `content/` that is not Markdown: a candidate attachment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachmentFile {
    /// Where it is on disk, to copy from.
    pub disk_path: PathBuf,
    pub size: u64,
    /// A symlink whose target is outside `content/`.
    pub escapes_content: bool,
}

pub const CONFIG_FILE: &str = "config.toml";
pub const CONTENT_DIR: &str = "content";
pub const THEMES_FILE: &str = "content/themes.toml";
/// The areas HMICFRS grades, in display order: optional, needed once a report has grades.
pub const GRADE_AREAS_FILE: &str = "content/grade-areas.toml";

/// What a site holds before any Markdown is read: its settings, the paths of its documents
/// and its attachments. Documents are read one by one with [`SourceListing::read`], so that a
/// large archive need not be in memory whole.
#[derive(Clone, Debug, Default)]
pub struct SourceListing {
    pub config: Option<TextFile>,
    pub themes: Option<TextFile>,
    /// `content/grade-areas.toml`, when the site has one.
    pub grade_areas: Option<TextFile>,
    /// `content/<kind>/*.md`, relative to the root, in reading order.
    pub documents: Vec<(SourceKind, PathBuf)>,
    /// `content/<kind>/<slug>.<code>.md`: the translations of documents, in reading order.
    pub translations: Vec<(SourceKind, PathBuf)>,
    /// Keyed by the path under `content/` with forward slashes (`files/letter.pdf`).
    pub attachments: BTreeMap<String, AttachmentFile>,
    /// Where content/ really is: a file whose real path is elsewhere is never read.
    content_real: PathBuf,
    /// Documents listed as plain files (not links) in a folder that really is inside content/:
    /// their real path needs no checking when they are read.
    /// (By the bytes of the path: hashing a `Path` walks its components.)
    plain_documents: HashSet<std::ffi::OsString>,
}

impl SourceListing {
    /// Reads one listed document. `relative` is one of [`SourceListing::documents`].
    pub fn read(
        &self,
        root: &Path,
        kind: SourceKind,
        relative: &Path,
    ) -> Result<SourceFile, Diagnostic> {
        self.read_stamped(root, kind, relative)
            .map(|(source, _)| source)
    }

    /// Reads one listed document, with the size and time of the file read.
    pub fn read_stamped(
        &self,
        root: &Path,
        kind: SourceKind,
        relative: &Path,
    ) -> Result<(SourceFile, FileStamp), Diagnostic> {
        if !self.plain_documents.contains(relative.as_os_str()) {
            if let Some(problem) = outside_content(root, relative, &self.content_real) {
                return Err(problem);
            }
        }
        let (file, stamp) = read_text_stamped(root, relative)?;
        let slug = relative
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok((SourceFile { kind, slug, file }, stamp))
    }
}

/// The texts of the files diagnostics point into, read again when they are shown: a build
/// keeps no source text in memory. Only files the listing accepted are read (config.toml,
/// themes.toml, grade-areas.toml and the documents), so a file it refused, such as a symlink out of `content/`,
/// is never shown.
#[derive(Clone)]
pub struct SourceLines(Arc<LinesOf>);

struct LinesOf {
    root: PathBuf,
    listing: Arc<SourceListing>,
    /// Each listed document's kind by path, made when first asked.
    kinds: OnceLock<HashMap<PathBuf, SourceKind>>,
}

impl SourceLines {
    pub fn new(root: &Path, listing: Arc<SourceListing>) -> SourceLines {
        SourceLines(Arc::new(LinesOf {
            root: root.to_path_buf(),
            listing,
            kinds: OnceLock::new(),
        }))
    }

    /// Lines of no file: for problems found before any file was listed.
    pub fn none(root: &Path) -> SourceLines {
        SourceLines::new(root, Arc::new(SourceListing::default()))
    }

    /// The text of `file` (relative to the root), `None` when the listing did not accept it or
    /// it can no longer be read.
    pub fn text(&self, file: &Path) -> Option<String> {
        let lines = &self.0;
        let listing = &lines.listing;
        let held = [&listing.config, &listing.themes, &listing.grade_areas];
        if let Some(held) = held.into_iter().flatten().find(|held| held.path == file) {
            return Some(held.text.clone());
        }
        let kinds = lines.kinds.get_or_init(|| {
            let documents = listing.documents.iter().chain(&listing.translations);
            documents
                .map(|(kind, path)| (path.clone(), *kind))
                .collect()
        });
        let kind = *kinds.get(file)?;
        let source = listing.read(&lines.root, kind, file).ok()?;
        Some(source.file.text)
    }

    /// The texts of the files `diagnostics` point into, by path: for a report shown later.
    pub fn texts_of<'d>(
        &self,
        diagnostics: impl IntoIterator<Item = &'d Diagnostic>,
    ) -> HashMap<PathBuf, String> {
        let mut texts = HashMap::new();
        for diagnostic in diagnostics {
            if !texts.contains_key(&diagnostic.file) {
                if let Some(text) = self.text(&diagnostic.file) {
                    texts.insert(diagnostic.file.clone(), text);
                }
            }
        }
        texts
    }

    /// The listing the lines come from.
    pub fn listing(&self) -> &Arc<SourceListing> {
        &self.0.listing
    }
}

/// A file's size and modification time when it was read: if either differs later, it changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
}

/// Where a document's body is in its file. A build keeps only this, not the text, so that an
/// archive of any size fits in memory, and reads each body again when its page is rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyLocation {
    /// Relative to the site root.
    pub path: PathBuf,
    disk_path: PathBuf,
    /// Byte offset of the body in the file's text (after any byte-order mark).
    start: usize,
    stamp: FileStamp,
}

impl BodyLocation {
    /// `body` is the end of `file`, which was read from `root` with `stamp`.
    pub fn new(root: &Path, file: &TextFile, body: &str, stamp: FileStamp) -> BodyLocation {
        BodyLocation {
            path: file.path.clone(),
            disk_path: root.join(&file.path),
            start: file.text.len() - body.len().min(file.text.len()),
            stamp,
        }
    }
}

/// Reads a body again from its file. A file changed since it was checked is an error, not a
/// page mixing old front matter with a new body.
pub fn read_body(location: &BodyLocation) -> Result<String, Diagnostic> {
    let path = &location.path;
    let changed = || {
        Diagnostic::error(path, "this file changed while the site was being built")
            .with_help("build again")
    };
    let (bytes, stamp) = read_bytes_stamped(&location.disk_path)
        .map_err(|error| Diagnostic::error(path, format!("cannot read this file: {error}")))?;
    if stamp != location.stamp {
        return Err(changed());
    }
    let mut text = decode_text(path, bytes)?;
    if !text.is_char_boundary(location.start) {
        return Err(changed());
    }
    text.drain(..location.start);
    Ok(text)
}

/// Reads the settings of the site at `root` and lists its documents and attachments.
pub fn list_sources(root: &Path) -> (SourceListing, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let mut listing = SourceListing::default();

    if !root.is_dir() {
        diagnostics.push(
            Diagnostic::error(root, "the site folder does not exist")
                .with_help("pass the folder that holds config.toml and content/ with --root"),
        );
        return (listing, diagnostics);
    }
    listing.config = read_required(root, Path::new(CONFIG_FILE), &mut diagnostics);
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        diagnostics.push(
            Diagnostic::error(CONTENT_DIR, "the content folder is missing")
                .with_help("create content/ with reports/, responses/ and themes.toml"),
        );
        return (listing, diagnostics);
    }
    listing.content_real = fs::canonicalize(&content).unwrap_or_else(|_| content.clone());
    listing.themes = match outside_content(root, Path::new(THEMES_FILE), &listing.content_real) {
        Some(problem) => {
            diagnostics.push(problem);
            None
        }
        None => read_required(root, Path::new(THEMES_FILE), &mut diagnostics),
    };
    listing.grade_areas = read_optional(root, Path::new(GRADE_AREAS_FILE), &listing.content_real)
        .unwrap_or_else(|problem| {
            diagnostics.push(problem);
            None
        });
    // Each folder is listed on its own thread (20,000 entries take a while on one), then the
    // lists are joined in the order a single pass would have made them.
    let (folders, (attachments, attachment_problems)) = rayon::join(
        || {
            SourceKind::ALL
                .par_iter()
                .map(|&kind| {
                    let mut folder = SourceListing {
                        content_real: listing.content_real.clone(),
                        ..SourceListing::default()
                    };
                    let mut problems = Diagnostics::default();
                    list_markdown(root, kind, &mut folder, &mut problems);
                    (folder, problems)
                })
                .collect::<Vec<_>>()
        },
        || {
            let mut problems = Diagnostics::default();
            (list_attachments(&content, &mut problems), problems)
        },
    );
    for (folder, problems) in folders {
        listing.documents.extend(folder.documents);
        listing.translations.extend(folder.translations);
        listing.plain_documents.extend(folder.plain_documents);
        diagnostics.append(problems);
    }
    listing.attachments = attachments;
    diagnostics.append(attachment_problems);
    (listing, diagnostics)
}

fn read_required(root: &Path, relative: &Path, diagnostics: &mut Diagnostics) -> Option<TextFile> {
    if !root.join(relative).is_file() {
        diagnostics.push(Diagnostic::error(relative, "this file is missing").with_help(
            "every site needs config.toml at its root and content/themes.toml; `scrutiny init` makes both",
        ));
        return None;
    }
    match read_text(root, relative) {
        Ok(file) => Some(file),
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            None
        }
    }
}

/// A file the site may do without: `None` when it is absent, an error when it is there but cannot
/// be read or is a link out of `content/`.
fn read_optional(
    root: &Path,
    relative: &Path,
    content_real: &Path,
) -> Result<Option<TextFile>, Diagnostic> {
    let present = fs::symlink_metadata(root.join(relative)).is_ok();
    if !present {
        return Ok(None);
    }
    if let Some(problem) = outside_content(root, relative, content_real) {
        return Err(problem);
    }
    read_text(root, relative).map(Some)
}

/// Lists `content/<kind>/*.md`, sorted by name. Other files there are reported, not read.
fn list_markdown(
    root: &Path,
    kind: SourceKind,
    listing: &mut SourceListing,
    diagnostics: &mut Diagnostics,
) {
    let folder = Path::new(CONTENT_DIR).join(kind.folder());
    if !root.join(&folder).is_dir() {
        return;
    }
    // One look at where the folder really is, rather than one per file: only links need more.
    let folder_inside = fs::canonicalize(root.join(&folder))
        .is_ok_and(|real| real.starts_with(&listing.content_real));
    let walker = walkdir::WalkDir::new(root.join(&folder))
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                diagnostics.push(Diagnostic::error(
                    &folder,
                    format!("cannot list this folder: {error}"),
                ));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        let relative = folder.join(entry.file_name());
        if is_ignorable(&name) {
            continue;
        }
        let is_markdown = Path::new(&name).extension().is_some_and(|e| e == "md");
        if entry.file_type().is_dir() {
            diagnostics.push(
                Diagnostic::warning(&relative, "folders inside this folder are not read")
                    .with_help(format!(
                        "move the Markdown files up into {}/",
                        crate::diagnostic::slash_path(&folder)
                    )),
            );
        } else if !is_markdown {
            diagnostics.push(
                Diagnostic::warning(&relative, "this file is not Markdown and is not read")
                    .with_help("documents must end in .md; put attachments in content/files/"),
            );
        } else {
            if folder_inside && !entry.path_is_symlink() {
                listing
                    .plain_documents
                    .insert(relative.as_os_str().to_owned());
            }
            match translation_name(&name) {
                Some(_) => listing.translations.push((kind, relative)),
                None => listing.documents.push((kind, relative)),
            }
        }
    }
}

/// The original's slug and the language of a translation's file name (`custody.cy.md` →
/// `custody`, `cy`): a name, a dot, a language code (two or three lowercase letters, then
/// optional `-` parts of letters and digits) and `.md`. `None` for any other name.
pub fn translation_name(name: &str) -> Option<(&str, &str)> {
    let stem = name.strip_suffix(".md")?;
    let (slug, code) = stem.rsplit_once('.')?;
    let mut parts = code.split('-');
    let language = parts.next().unwrap_or_default();
    let is_code = (2..=3).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|part| {
            (1..=8).contains(&part.len())
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    (is_code && !slug.is_empty()).then_some((slug, code))
}

/// A problem when `relative` is really somewhere outside `content/` (a symlink out of it, or in a
/// linked folder), or is a link that cannot be followed (to nothing, or round in a loop).
fn outside_content(root: &Path, relative: &Path, content_real: &Path) -> Option<Diagnostic> {
    let path = root.join(relative);
    match fs::canonicalize(&path) {
        Ok(real) if real.starts_with(content_real) => None,
        Ok(real) => Some(
            Diagnostic::error(
                relative,
                format!("this file is a link to {}, outside content/", real.display()),
            )
            .with_help("copy the file itself into content/: nothing outside content/ is read into the site"),
        ),
        Err(error) if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) => {
            Some(
                Diagnostic::error(relative, format!("this file is a link that cannot be followed: {error}"))
                    .with_help("it points to a file that does not exist, or round in a loop; replace it with the file itself"),
            )
        }
        // Missing or unreadable: reading it reports that.
        Err(_) => None,
    }
}

/// The largest national source file read (`[[sources]]` of `config.toml`): another office's
/// open data is untrusted, and no honest `archive.json` comes near it (a 10,000-report archive's
/// is about 15 MB).
pub const SOURCE_SIZE_LIMIT: u64 = 50 * 1024 * 1024;

/// Reads a national source file named in `config.toml`: a relative path inside the site's
/// folder (no `..`, no link out of it), at most [`SOURCE_SIZE_LIMIT`] bytes of UTF-8 text.
/// `Err` is what is wrong, said of the file as `config.toml` names it.
pub fn read_national_source(root: &Path, relative: &Path) -> Result<TextFile, String> {
    let plain = relative
        .components()
        .all(|part| matches!(part, Component::Normal(_)));
    if !plain || relative.as_os_str().is_empty() {
        return Err(
            "must be a path inside the site's folder, such as sources/essex.json \
                    (no leading /, no ..)"
                .into(),
        );
    }
    let path = root.join(relative);
    let real = fs::canonicalize(&path).map_err(|error| format!("cannot be read: {error}"))?;
    let real_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    if !real.starts_with(&real_root) {
        return Err("is a link to a file outside the site's folder".into());
    }
    let size = fs::metadata(&real)
        .map_err(|error| format!("cannot be read: {error}"))?
        .len();
    if size > SOURCE_SIZE_LIMIT {
        return Err(format!(
            "is {} MB, over the limit of {} MB for a source",
            size.div_ceil(1024 * 1024),
            SOURCE_SIZE_LIMIT / (1024 * 1024)
        ));
    }
    let (bytes, _) =
        read_bytes_stamped(&real).map_err(|error| format!("cannot be read: {error}"))?;
    let text = decode_text(relative, bytes).map_err(|problem| match problem.position {
        Some(at) => format!(
            "{} (line {}, column {})",
            problem.message, at.line, at.column
        ),
        None => problem.message,
    })?;
    Ok(TextFile {
        path: relative.to_path_buf(),
        text,
    })
}

/// Hidden files and editors' backup files.
fn is_ignorable(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.starts_with('#')
}

/// Reads a file as UTF-8 text, allowing a byte-order mark.
pub fn read_text(root: &Path, relative: &Path) -> Result<TextFile, Diagnostic> {
    read_text_stamped(root, relative).map(|(file, _)| file)
}

fn read_text_stamped(root: &Path, relative: &Path) -> Result<(TextFile, FileStamp), Diagnostic> {
    let (bytes, stamp) = read_bytes_stamped(&root.join(relative))
        .map_err(|error| Diagnostic::error(relative, format!("cannot read this file: {error}")))?;
    let text = decode_text(relative, bytes)?;
    let file = TextFile {
        path: relative.to_path_buf(),
        text,
    };
    Ok((file, stamp))
}

/// A file's bytes and stamp, from one open (as `fs::read`, which also asks the size).
fn read_bytes_stamped(path: &Path) -> std::io::Result<(Vec<u8>, FileStamp)> {
    use std::io::Read;
    let mut file = fs::File::open(path)?;
    let metadata = file.metadata()?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    // Through `take`, so that std does not ask the file's size and position a second time.
    (&mut file).take(u64::MAX).read_to_end(&mut bytes)?;
    let stamp = FileStamp {
        len: metadata.len(),
        modified: metadata.modified().ok(),
    };
    Ok((bytes, stamp))
}

/// UTF-8 with an optional BOM. Invalid bytes are reported at their line and column.
pub fn decode_text(relative: &Path, mut bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    let text = String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&error.as_bytes()[..valid]).into_owned();
        let position = Position::of_offset(&prefix, prefix.len());
        Diagnostic::error(relative, "this file is not valid UTF-8 text")
            .at(position)
            .with_help(
                "save the file with UTF-8 encoding (in Word or Notepad: Save As, Encoding: UTF-8)",
            )
    })?;
    if text.trim().is_empty() {
        return Err(Diagnostic::error(relative, "this file is empty")
            .at(Position::START)
            .with_help(
                "start it with a +++ front matter block; `scrutiny new` writes a template",
            ));
    }
    Ok(text)
}

/// Every non-Markdown file under `content/`, outside the document folders.
fn list_attachments(
    content: &Path,
    diagnostics: &mut Diagnostics,
) -> BTreeMap<String, AttachmentFile> {
    let mut attachments = BTreeMap::new();
    let content_canonical = fs::canonicalize(content).unwrap_or_else(|_| content.to_path_buf());
    let walker = walkdir::WalkDir::new(content)
        .min_depth(1)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| !is_ignorable(&entry.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| content.to_path_buf());
                diagnostics.push(Diagnostic::warning(path, format!("cannot read: {error}")));
                continue;
            }
        };
        let Ok(relative) = entry.path().strip_prefix(content) else {
            continue;
        };
        let key = crate::diagnostic::slash_path(relative);
        let top = relative.components().next();
        let in_document_folder = SourceKind::ALL
            .iter()
            .any(|kind| top == Some(Component::Normal(kind.folder().as_ref())));
        let is_list = key == "themes.toml" || key == "grade-areas.toml";
        if in_document_folder || is_list || entry.file_type().is_dir() {
            continue;
        }
        let target = fs::canonicalize(entry.path());
        let escapes_content = match &target {
            Ok(target) => !target.starts_with(&content_canonical),
            Err(_) => true,
        };
        let size = fs::metadata(entry.path()).map(|m| m.len()).unwrap_or(0);
        let is_file = target.as_ref().is_ok_and(|t| t.is_file());
        if !is_file && !escapes_content {
            continue;
        }
        attachments.insert(
            key,
            AttachmentFile {
                disk_path: entry.path().to_path_buf(),
                size,
                escapes_content,
            },
        );
    }
    attachments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translations_are_told_from_documents_by_their_names() {
        assert_eq!(translation_name("custody.cy.md"), Some(("custody", "cy")));
        assert_eq!(
            translation_name("custody-2023.cy-gb.md"),
            Some(("custody-2023", "cy-gb"))
        );
        assert_eq!(translation_name("custody.md"), None);
        assert_eq!(translation_name("v1.2.md"), None);
        assert_eq!(translation_name("a.Cymraeg.md"), None);
        assert_eq!(translation_name(".cy.md"), None);
    }

    #[test]
    fn a_byte_order_mark_is_dropped() {
        let text = decode_text(Path::new("x.md"), b"\xEF\xBB\xBF+++\n".to_vec());
        assert_eq!(text.ok().as_deref(), Some("+++\n"));
    }

    #[test]
    fn invalid_utf8_is_reported_where_it_is() {
        let bytes = b"+++\ntitle = \"caf\xE9\"\n".to_vec();
        let diagnostic = decode_text(Path::new("x.md"), bytes).err();
        let position = diagnostic.and_then(|d| d.position);
        assert_eq!(
            position,
            Some(Position {
                line: 2,
                column: 13
            })
        );
    }

    #[test]
    fn blank_files_are_empty() {
        let diagnostic = decode_text(Path::new("x.md"), b" \n\r\n".to_vec()).err();
        assert_eq!(
            diagnostic.map(|d| d.message),
            Some("this file is empty".to_string())
        );
    }
}
