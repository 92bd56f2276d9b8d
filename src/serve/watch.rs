//! Watching the site's sources: `content/`, `themes/` and `config.toml`, debounced, reported as
//! the paths (relative to the root) that changed. Reading files never counts as a change.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify_debouncer_full::notify::{self, EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::source::{CONFIG_FILE, CONTENT_DIR};

/// How long the files must be quiet before a rebuild: long enough for an editor's save (write,
/// rename, chmod) to arrive as one change.
const QUIET: Duration = Duration::from_millis(150);

const THEMES_DIR: &str = "themes";

/// What a batch of file events means for the preview.
#[derive(Debug)]
pub enum Change {
    /// These files changed (relative to the root).
    Files(Vec<PathBuf>),
    /// The watcher itself failed; the message says why.
    Trouble(String),
    /// The server is stopping: no more builds.
    Stop,
}

/// Watches a site root; dropping it stops watching.
pub struct SiteWatcher {
    root: PathBuf,
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    watching_content: bool,
    watching_themes: bool,
}

impl SiteWatcher {
    /// Starts watching `root` (an absolute path), sending each batch of changes to `changes`.
    pub fn start(root: &Path, changes: Sender<Change>) -> Result<SiteWatcher, notify::Error> {
        let events_root = root.to_path_buf();
        let debouncer = new_debouncer(QUIET, None, move |result: DebounceEventResult| {
            let change = match result {
                Ok(events) => {
                    let mut paths: Vec<PathBuf> = events
                        .iter()
                        .filter(|event| !matches!(event.kind, EventKind::Access(_)))
                        .flat_map(|event| event.paths.iter())
                        .filter_map(|path| relevant(&events_root, path))
                        .collect();
                    paths.sort();
                    paths.dedup();
                    if paths.is_empty() {
                        return;
                    }
                    Change::Files(paths)
                }
                Err(errors) => Change::Trouble(
                    errors
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            };
            // The receiver is gone only when the server is stopping.
            let _ = changes.send(change);
        })?;
        let mut watcher = SiteWatcher {
            root: root.to_path_buf(),
            debouncer,
            watching_content: false,
            watching_themes: false,
        };
        // The root itself, not recursively: config.toml, and content/ or themes/ appearing.
        watcher.debouncer.watch(root, RecursiveMode::NonRecursive)?;
        watcher.refresh()?;
        Ok(watcher)
    }

    /// Starts watching `content/` and `themes/` if they have appeared since the last call.
    pub fn refresh(&mut self) -> Result<(), notify::Error> {
        let content = self.root.join(CONTENT_DIR);
        if !self.watching_content && content.is_dir() {
            self.debouncer.watch(&content, RecursiveMode::Recursive)?;
            self.watching_content = true;
        }
        let themes = self.root.join(THEMES_DIR);
        if !self.watching_themes && themes.is_dir() {
            self.debouncer.watch(&themes, RecursiveMode::Recursive)?;
            self.watching_themes = true;
        }
        Ok(())
    }
}

/// `path` relative to `root` when a change to it matters to the site: `config.toml`, or
/// anything under `content/` or `themes/` that is not hidden or an editor's backup file.
fn relevant(root: &Path, path: &Path) -> Option<PathBuf> {
    let relative = path.strip_prefix(root).ok()?;
    if relative == Path::new(CONFIG_FILE) {
        return Some(relative.to_path_buf());
    }
    let mut components = relative.components();
    let top = components.next()?;
    if top != Component::Normal(CONTENT_DIR.as_ref())
        && top != Component::Normal(THEMES_DIR.as_ref())
    {
        return None;
    }
    let scratch = relative.components().any(|component| {
        let name = component.as_os_str().to_string_lossy();
        name.starts_with('.')
            || name.starts_with('#')
            || name.ends_with('~')
            || name.ends_with(".swp")
            || name.ends_with(".swx")
            || name.ends_with(".tmp")
    });
    (!scratch).then(|| relative.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_matter() {
        let root = Path::new("/site");
        let seen = |path: &str| relevant(root, Path::new(path));
        assert_eq!(
            seen("/site/config.toml"),
            Some(PathBuf::from("config.toml"))
        );
        assert_eq!(
            seen("/site/content/reports/x.md"),
            Some(PathBuf::from("content/reports/x.md"))
        );
        assert_eq!(
            seen("/site/themes/default/templates/base.html"),
            Some(PathBuf::from("themes/default/templates/base.html"))
        );
        assert_eq!(seen("/site/content"), Some(PathBuf::from("content")));
        assert_eq!(seen("/site/public/index.html"), None);
        assert_eq!(seen("/site/README.md"), None);
        assert_eq!(seen("/site/content/reports/.x.md.swp"), None);
        assert_eq!(seen("/site/content/reports/x.md~"), None);
        assert_eq!(seen("/site/content/.git/HEAD"), None);
        assert_eq!(seen("/elsewhere/config.toml"), None);
    }
}
