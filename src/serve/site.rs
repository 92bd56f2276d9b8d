//! The preview build: the site built in memory with its drafts, and the last good build kept
//! while the content has errors. [`PreviewSite::rebuild`] is the boundary a later incremental
//! rebuild replaces: it is told which files changed and returns what the server should show.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::SiteOptions;
use crate::archive::Archive;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::indexes::Indexes;
use crate::render::{Contents, OutputFile};

/// One successful build, held in memory and served from there.
#[derive(Debug)]
pub struct BuiltSite {
    /// The path part of `base_url` (`/hmicfrs/`): the site is served under it, as published.
    pub base_path: String,
    files: HashMap<String, Contents>,
    pages: usize,
}

impl BuiltSite {
    pub fn new(base_path: String, files: Vec<OutputFile>) -> BuiltSite {
        let pages = files.iter().filter(|file| file.is_page()).count();
        let files = files
            .into_iter()
            .map(|file| (file.path, file.contents))
            .collect();
        BuiltSite {
            base_path,
            files,
            pages,
        }
    }

    /// The file at `path` under the site root (`reports/x/index.html`).
    pub fn file(&self, path: &str) -> Option<&Contents> {
        self.files.get(path)
    }

    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    pub fn page_count(&self) -> usize {
        self.pages
    }

    pub fn file_count(&self) -> usize {
        self.files.len()
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
}

impl PreviewSite {
    /// A site not yet built; call [`PreviewSite::rebuild`] with no changed files to build it.
    pub fn new(options: SiteOptions) -> PreviewSite {
        PreviewSite {
            options,
            site: None,
            errors: None,
        }
    }

    /// Rebuilds the site after `changed` (paths relative to the root) changed on disk.
    ///
    /// Today this rebuilds everything, which takes well under a second for an archive of this
    /// size; an incremental build can use `changed` to redo only what depends on those files.
    /// A build with errors keeps the last good site and records the errors instead.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> BuildReport {
        let started = Instant::now();
        let loaded = crate::load(&self.options);
        let texts = Arc::new(loaded.texts);
        let mut diagnostics = loaded.diagnostics;
        let mut built = None;
        if let Some(archive) = &loaded.archive {
            match render_with_search(&self.options, archive) {
                Ok(files) => {
                    built = Some(Arc::new(BuiltSite::new(
                        archive.config.base_path.clone(),
                        files,
                    )))
                }
                Err(problems) => diagnostics.extend(problems),
            }
        }
        let diagnostics = diagnostics.into_sorted();
        match &built {
            Some(site) if !diagnostics.iter().any(Diagnostic::is_error) => {
                self.site = Some(Arc::clone(site));
                self.errors = None;
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
        }
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

/// The whole site, as `build` writes it: pages, open data, assets and the search index.
/// Must not run inside an async runtime (the search index starts its own).
fn render_with_search(
    options: &SiteOptions,
    archive: &Archive,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let mut files = crate::render_site(options, archive).map_err(Diagnostics::into_sorted)?;
    let indexes = Indexes::build(archive, options.today);
    files.extend(crate::render::render_search(archive, &indexes)?);
    Ok(files)
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
