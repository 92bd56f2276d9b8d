//! The preview build: the site built in memory with its drafts, and the last good build kept
//! while the content has errors. [`PreviewSite::rebuild`] is told which files changed; when
//! they are existing documents it takes the incremental path (`incremental`), else it builds
//! everything in parallel. After an incremental rebuild the search index catches up in the
//! background (`catch_up`).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::catch_up::CatchUp;
use super::incremental::{self, FullRebuild, LastBuild};
use crate::diagnostic::Diagnostic;
use crate::pipeline::{self, Prepared, SiteOptions};
use crate::render::{Contents, OutputFile};

/// One successful build, held in memory and served from there.
///
/// A rebuild makes a new site from the last one without copying its file map: the files of the
/// last full build are shared by every site made from it, and each site holds only what changed
/// since, until that grows to a good part of the site (then it is folded into a new shared map).
#[derive(Debug)]
pub struct BuiltSite {
    /// The path part of `base_url` (`/hmicfrs/`): the site is served under it, as published.
    pub base_path: String,
    /// The files of a full build, shared with the sites made from it.
    base: Arc<HashMap<String, Arc<Contents>>>,
    /// What changed since `base` was made: a file replaced or added (`Some`), or removed.
    changes: HashMap<String, Option<Arc<Contents>>>,
    pages: usize,
    files: usize,
}

impl BuiltSite {
    pub fn new(base_path: String, files: Vec<OutputFile>) -> BuiltSite {
        let pages = files.iter().filter(|file| file.is_page()).count();
        let files: HashMap<String, Arc<Contents>> = files
            .into_iter()
            .map(|file| (file.path, Arc::new(file.contents)))
            .collect();
        BuiltSite {
            base_path,
            files: files.len(),
            base: Arc::new(files),
            changes: HashMap::new(),
            pages,
        }
    }

    /// This site with the files at `removed` taken out, then `added` put in (replacing any at
    /// the same path).
    pub fn updated(&self, removed: &[String], added: Vec<OutputFile>) -> BuiltSite {
        let mut site = BuiltSite {
            base_path: self.base_path.clone(),
            base: Arc::clone(&self.base),
            changes: self.changes.clone(),
            pages: self.pages,
            files: self.files,
        };
        let is_page = |path: &str| path.ends_with(".html");
        for path in removed {
            if site.contains(path) {
                site.files -= 1;
                site.pages -= usize::from(is_page(path));
            }
            match site.base.contains_key(path) {
                true => site.changes.insert(path.clone(), None),
                false => site.changes.remove(path),
            };
        }
        for file in added {
            if !site.contains(&file.path) {
                site.files += 1;
                site.pages += usize::from(is_page(&file.path));
            }
            site.changes
                .insert(file.path, Some(Arc::new(file.contents)));
        }
        if site.changes.len() > 64 + site.base.len() / 8 {
            site.fold_changes();
        }
        site
    }

    /// Makes `changes` part of a new shared map.
    fn fold_changes(&mut self) {
        let mut files = (*self.base).clone();
        for (path, contents) in self.changes.drain() {
            match contents {
                Some(contents) => files.insert(path, contents),
                None => files.remove(&path),
            };
        }
        self.base = Arc::new(files);
    }

    /// The file at `path` under the site root (`reports/x/index.html`).
    pub fn file(&self, path: &str) -> Option<&Contents> {
        match self.changes.get(path) {
            Some(changed) => changed.as_deref(),
            None => self.base.get(path).map(|contents| &**contents),
        }
    }

    /// Every path of the site, in no particular order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        let kept = self
            .base
            .keys()
            .filter(|path| !self.changes.contains_key(*path));
        let changed = self
            .changes
            .iter()
            .filter(|(_, contents)| contents.is_some())
            .map(|(path, _)| path);
        kept.chain(changed).map(String::as_str)
    }

    pub fn contains(&self, path: &str) -> bool {
        self.file(path).is_some()
    }

    pub fn page_count(&self) -> usize {
        self.pages
    }

    pub fn file_count(&self) -> usize {
        self.files
    }
}

/// The errors of the latest build, with the text of the files they point into.
#[derive(Debug)]
pub struct BuildErrors {
    /// Errors only, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    pub texts: Arc<HashMap<PathBuf, String>>,
}

/// What the server shows: the last good build, and the errors of the latest build if it failed.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    pub site: Option<Arc<BuiltSite>>,
    pub errors: Option<Arc<BuildErrors>>,
}

/// How one build went, for the terminal.
#[derive(Debug)]
pub struct BuildReport {
    /// The files whose change started the build, relative to the root; empty for the first build.
    pub changed: Vec<PathBuf>,
    pub elapsed: Duration,
    /// Every error and warning, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    pub texts: Arc<HashMap<PathBuf, String>>,
    /// The new site when the build succeeded.
    pub built: Option<Arc<BuiltSite>>,
    /// How many pages an incremental rebuild rendered again; `None` after a full build.
    pub pages_rebuilt: Option<usize>,
    /// After a change, why every file was read, checked and rendered again.
    pub full_rebuild: Option<FullRebuild>,
    /// Whether the search index is still being brought up to date in the background.
    pub catching_up: bool,
}

impl BuildReport {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// The site being previewed: its options, the last good build and the latest errors.
pub struct PreviewSite {
    options: SiteOptions,
    site: Option<Arc<BuiltSite>>,
    errors: Option<Arc<BuildErrors>>,
    /// What the last build made, when it was good: the incremental path starts from it.
    last: Option<LastBuild>,
    catch_up: CatchUp,
    /// The paths of the files besides pages and the search index in the served site.
    other_paths: Vec<String>,
}

impl PreviewSite {
    /// A site not yet built; call [`PreviewSite::rebuild`] with no changed files to build it.
    pub fn new(options: SiteOptions) -> PreviewSite {
        PreviewSite {
            catch_up: CatchUp::new(options.clone()),
            options,
            other_paths: Vec::new(),
            site: None,
            errors: None,
            last: None,
        }
    }

    /// Rebuilds the site after `changed` (paths relative to the root) changed on disk.
    ///
    /// When they are all documents the last good build already had, only they are read and
    /// checked again and only the document pages that can show them are rendered again; anything
    /// else builds the whole site (in parallel). A build with errors keeps the last good site and
    /// records the errors instead. After an incremental rebuild the search index is remade in
    /// the background: see [`PreviewSite::catch_up`].
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> BuildReport {
        let started = Instant::now();
        let mut why = FullRebuild::NothingKept;
        if let (Some(last), Some(site)) = (self.last.as_mut(), self.site.as_ref()) {
            if !changed.is_empty() {
                match last.rebuild(&self.options, changed) {
                    Ok(update) => {
                        let rebuilt = update.pages.len();
                        let mut files = update.pages;
                        let mut removed = Vec::new();
                        if let Some(others) = update.others {
                            removed = std::mem::take(&mut self.other_paths);
                            self.other_paths = others.iter().map(|f| f.path.clone()).collect();
                            files.extend(others);
                        }
                        let built = Arc::new(site.updated(&removed, files));
                        self.site = Some(Arc::clone(&built));
                        self.errors = None;
                        self.catch_up.stale();
                        return BuildReport {
                            changed: changed.to_vec(),
                            elapsed: started.elapsed(),
                            diagnostics: update.diagnostics,
                            texts: update.texts,
                            built: Some(built),
                            pages_rebuilt: Some(rebuilt),
                            full_rebuild: None,
                            catching_up: self.catch_up.is_behind(),
                        };
                    }
                    // What it kept may be half-updated: the full path starts afresh.
                    Err(reason) => {
                        why = reason;
                        self.last = None;
                    }
                }
            }
        }
        let mut report = self.rebuild_everything(changed, started);
        report.full_rebuild = (!changed.is_empty()).then_some(why);
        report
    }

    /// The full path: reads, checks and renders everything.
    fn rebuild_everything(&mut self, changed: &[PathBuf], started: Instant) -> BuildReport {
        // The search index does not depend on the theme: a theme's change keeps it.
        let theme_only = !changed.is_empty()
            && changed.iter().all(|path| path.starts_with("themes"))
            && self.errors.is_none();
        let kept_search: Option<Vec<OutputFile>> = match (&self.site, theme_only) {
            (Some(site), true) => Some(
                site.paths()
                    .filter(|path| crate::render::is_search_index(path))
                    .filter_map(|path| {
                        site.file(path).map(|contents| OutputFile {
                            path: path.to_string(),
                            contents: contents.clone(),
                        })
                    })
                    .collect(),
            ),
            _ => None,
        };
        self.last = None;
        let load = incremental::load_all(&self.options);
        let mut diagnostics = load.diagnostics;
        let mut built = None;
        let mut kept = None;
        if let Some(archive) = load.archive {
            let rendered = pipeline::prepare(&self.options, &archive).and_then(|prepared| {
                let Prepared { indexes, templates } = prepared;
                incremental::render_all(&archive, &indexes, &templates)
                    .map(|rendered| (indexes, templates, rendered))
            });
            match rendered {
                Err(problems) => diagnostics.extend(problems),
                Ok((indexes, theme, rendered)) => {
                    let search = match kept_search {
                        Some(files) => Ok(files),
                        None => pipeline::search_index(&archive, &indexes, theme.words()),
                    };
                    match search {
                        Err(problems) => diagnostics.extend(problems),
                        Ok(search) => {
                            let mut rendered = rendered;
                            let mut files = std::mem::take(&mut rendered.files);
                            files.extend(search);
                            built = Some(Arc::new(BuiltSite::new(
                                archive.config.base_path.clone(),
                                files,
                            )));
                            kept = Some((archive, indexes, theme, rendered));
                        }
                    }
                }
            }
        }
        let diagnostics = diagnostics.into_sorted();
        let texts = Arc::new(load.sources.lines().texts_of(&diagnostics));
        match &built {
            Some(site) if !diagnostics.iter().any(Diagnostic::is_error) => {
                self.site = Some(Arc::clone(site));
                self.errors = None;
                if !theme_only {
                    self.catch_up.made_with_build();
                } else if self.catch_up.is_behind() {
                    // The index kept is as current as it was: behind, and a background result
                    // on its way may be of the old theme. Remake them all for this build.
                    self.catch_up.stale();
                }
                if let Some((archive, indexes, theme, rendered)) = kept {
                    self.other_paths = rendered.other_paths.clone();
                    self.last = Some(LastBuild::new(
                        load.sources,
                        archive,
                        indexes,
                        theme,
                        rendered,
                        diagnostics.clone(),
                        Arc::clone(&texts),
                    ));
                }
            }
            _ => {
                built = None;
                self.errors = Some(Arc::new(BuildErrors {
                    diagnostics: diagnostics
                        .iter()
                        .filter(|d| d.is_error())
                        .cloned()
                        .collect(),
                    texts: Arc::clone(&texts),
                }));
            }
        }
        BuildReport {
            changed: changed.to_vec(),
            elapsed: started.elapsed(),
            diagnostics,
            texts,
            built,
            pages_rebuilt: None,
            full_rebuild: None,
            catching_up: self.catch_up.is_behind(),
        }
    }

    /// Swaps in the search index made in the background, when it is ready (`wait`: blocks until
    /// it has caught up with the last build). Returns whether the site changed.
    pub fn catch_up(&mut self, wait: bool) -> bool {
        let Some(caught_up) = self.catch_up.poll(wait) else {
            return false;
        };
        let Some(site) = &self.site else {
            return false;
        };
        let old: Vec<String> = site
            .paths()
            .filter(|path| crate::render::is_search_index(path))
            .map(str::to_string)
            .collect();
        self.site = Some(Arc::new(site.updated(&old, caught_up.search)));
        true
    }

    /// Whether the search index is behind the last build (being remade in the background).
    pub fn catching_up(&self) -> bool {
        self.catch_up.is_behind()
    }

    /// What the server should show now.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            site: self.site.clone(),
            errors: self.errors.clone(),
        }
    }

    pub fn options(&self) -> &SiteOptions {
        &self.options
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Date;
    use std::path::Path;

    fn minimal() -> SiteOptions {
        SiteOptions {
            root: Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal"),
            today: Date::constant(2024, 11, 1),
            drafts: true,
        }
    }

    #[test]
    fn a_good_build_is_served_with_its_drafts() {
        let mut site = PreviewSite::new(minimal());
        let report = site.rebuild(&[]);
        assert_eq!(report.error_count(), 0, "{:?}", report.diagnostics);
        let snapshot = site.snapshot();
        let built = snapshot.site.expect("a site");
        assert!(snapshot.errors.is_none());
        assert_eq!(built.base_path, "/pfcc/hmicfrs/");
        assert!(built.contains("reports/draft-report/index.html"));
        assert!(built.contains("404.html"));
        assert!(built.contains("search/index/meta.json"), "no search index");
        assert!(built.page_count() > 5);
    }

    fn page(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            contents: Contents::Bytes(text.as_bytes().to_vec()),
        }
    }

    #[test]
    fn an_updated_site_shares_its_files_and_counts_them() {
        let first = BuiltSite::new(
            "/".into(),
            vec![page("a.html", "a"), page("b.html", "b"), page("c.css", "c")],
        );
        let second = first.updated(
            &["b.html".into(), "c.css".into()],
            vec![
                page("a.html", "a2"),
                page("c.css", "c2"),
                page("d.html", "d"),
            ],
        );
        let text = |site: &BuiltSite, path: &str| match site.file(path) {
            Some(Contents::Bytes(bytes)) => Some(String::from_utf8_lossy(bytes).into_owned()),
            _ => None,
        };
        assert_eq!(text(&first, "a.html").as_deref(), Some("a"));
        assert_eq!(text(&second, "a.html").as_deref(), Some("a2"));
        assert_eq!(text(&second, "b.html"), None);
        assert_eq!(text(&second, "c.css").as_deref(), Some("c2"));
        let mut paths: Vec<&str> = second.paths().collect();
        paths.sort_unstable();
        assert_eq!(paths, ["a.html", "c.css", "d.html"]);
        assert_eq!((second.page_count(), second.file_count()), (2, 3));
        // Many changes are folded into a new shared map; nothing else differs.
        let mut site = second;
        for round in 0..100 {
            let added = (0..10)
                .map(|i| page(&format!("p{i}-{round}.html"), "p"))
                .collect();
            site = site.updated(&["a.html".into()], added);
        }
        assert!(site.changes.len() <= 64 + site.base.len() / 8);
        assert_eq!(site.page_count(), 1001);
        assert_eq!(site.file_count(), 1002);
        assert_eq!(site.paths().count(), 1002);
        assert!(!site.contains("a.html") && site.contains("p3-50.html"));
    }

    #[test]
    fn a_failed_build_keeps_the_last_good_site() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for entry in walkdir::WalkDir::new(minimal().root)
            .into_iter()
            .filter_map(Result::ok)
        {
            let relative = entry
                .path()
                .strip_prefix(minimal().root)
                .expect("inside the fixture");
            let target = dir.path().join(relative);
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).expect("a folder");
            } else {
                std::fs::copy(entry.path(), &target).expect("a copy");
            }
        }
        let options = SiteOptions {
            root: dir.path().to_path_buf(),
            ..minimal()
        };
        let mut site = PreviewSite::new(options);
        site.rebuild(&[]);
        let good = site.snapshot().site.expect("a first good build");
        std::fs::write(
            dir.path().join("content/reports/roads-2020.md"),
            "+++\ntitle = 1\n+++\n",
        )
        .expect("break a report");
        let report = site.rebuild(&[PathBuf::from("content/reports/roads-2020.md")]);
        assert!(report.error_count() > 0);
        assert!(report.built.is_none());
        let snapshot = site.snapshot();
        let errors = snapshot.errors.expect("the errors");
        assert!(
            errors
                .diagnostics
                .iter()
                .all(|d| d.file == Path::new("content/reports/roads-2020.md")),
            "{:?}",
            errors.diagnostics
        );
        let kept = snapshot.site.expect("the last good site");
        assert!(Arc::ptr_eq(&good, &kept));
    }
}
