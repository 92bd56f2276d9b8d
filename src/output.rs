//! Output: the only writer of the built site. Writes everything into a temporary folder beside
//! the output and swaps it in only when complete, so a failed build leaves the old site intact.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::render::{Contents, OutputFile};

/// The file scrutiny leaves in every site it writes, so it never replaces a folder it did not write.
pub const MARKER_FILE: &str = ".scrutiny-output";

#[derive(Debug)]
pub enum OutputError {
    /// The output folder is the site root, or holds or is inside content/ or themes/.
    Unsafe {
        output: PathBuf,
        reason: String,
    },
    /// The output folder holds files scrutiny did not write.
    NotOurs {
        output: PathBuf,
    },
    Io {
        path: PathBuf,
        error: io::Error,
    },
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OutputError::Unsafe { output, reason } => {
                write!(
                    f,
                    "refusing to write the site into {}: {reason}",
                    output.display()
                )
            }
            OutputError::NotOurs { output } => write!(
                f,
                "refusing to replace {}: it holds files that scrutiny did not write (no {MARKER_FILE} file); \
                 choose an empty or new folder, or pass --force to replace it",
                output.display()
            ),
            OutputError::Io { path, error } => {
                write!(f, "could not write {}: {error}", path.display())
            }
        }
    }
}

impl std::error::Error for OutputError {}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |error| OutputError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// `path` made absolute with `.` and `..` removed, without touching the disk.
fn normalise(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut normal = PathBuf::new();
    for component in absolute.components() {
        match component {
            std::path::Component::ParentDir => {
                normal.pop();
            }
            std::path::Component::CurDir => {}
            other => normal.push(other),
        }
    }
    normal
}

/// An absolute, normalised form of `path`, resolving symlinks of the parts that exist.
fn resolve(path: &Path) -> PathBuf {
    let normal = normalise(path);
    let mut existing = normal.as_path();
    while !existing.exists() {
        match existing.parent() {
            Some(parent) => existing = parent,
            None => return normal,
        }
    }
    let rest = normal.strip_prefix(existing).unwrap_or(Path::new(""));
    match fs::canonicalize(existing) {
        Ok(resolved) if rest.as_os_str().is_empty() => resolved,
        Ok(resolved) => resolved.join(rest),
        Err(_) => normal,
    }
}

/// Refuses an output folder that would overwrite or sit inside the sources.
pub fn check_output_location(root: &Path, output: &Path) -> Result<(), OutputError> {
    let lexical_root = normalise(root);
    let root = resolve(root);
    let resolved = resolve(output);
    let unsafe_because = |reason: &str| OutputError::Unsafe {
        output: output.to_path_buf(),
        reason: reason.into(),
    };
    if resolved == root {
        return Err(unsafe_because("it is the site root"));
    }
    for protected in ["content", "themes"] {
        // Both where the folder is named and, if it is a symlink, where it really is.
        let places = [
            root.join(protected),
            lexical_root.join(protected),
            resolve(&root.join(protected)),
        ];
        for folder in places {
            if resolved.starts_with(&folder) {
                return Err(unsafe_because(&format!("it is inside {protected}/")));
            }
            if folder.starts_with(&resolved) {
                return Err(unsafe_because(&format!("it contains {protected}/")));
            }
        }
    }
    if resolved.parent().is_none() {
        return Err(unsafe_because("it is the root of the file system"));
    }
    Ok(())
}

/// What was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WriteSummary {
    pub pages: usize,
    pub other_files: usize,
}

/// A site being written: files go into a staging folder beside the output as soon as they are
/// made, from any thread, so a large site never has to be held in memory whole. [`finish`]
/// swaps the staging folder in; dropped unfinished (a failed build), it removes it, and the
/// previous site stays exactly as it was.
///
/// [`finish`]: SiteWriter::finish
#[derive(Debug)]
pub struct SiteWriter {
    output: PathBuf,
    staging: PathBuf,
    retired: PathBuf,
    pages: AtomicUsize,
    other_files: AtomicUsize,
    finished: bool,
}

impl SiteWriter {
    /// Checks that `output` may be replaced and creates the empty staging folder beside it.
    pub fn begin(output: &Path, force: bool) -> Result<SiteWriter, OutputError> {
        let output = resolve(output);
        let parent = output
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        clean_up_after_killed_builds(&parent, &name, &output)?;
        if output.exists() && !force && !is_ours_or_empty(&output)? {
            return Err(OutputError::NotOurs { output });
        }
        fs::create_dir_all(&parent).map_err(io_error(&parent))?;
        let staging = parent.join(format!(".{name}.scrutiny-new-{}", std::process::id()));
        let retired = parent.join(format!(".{name}.scrutiny-old-{}", std::process::id()));
        remove_if_present(&staging)?;
        let writer = SiteWriter {
            output,
            staging,
            retired,
            pages: AtomicUsize::new(0),
            other_files: AtomicUsize::new(0),
            finished: false,
        };
        fs::create_dir_all(&writer.staging).map_err(io_error(&writer.staging))?;
        Ok(writer)
    }

    /// Writes one file into the staging folder. Safe to call from many threads at once.
    pub fn write(&self, file: &OutputFile) -> Result<(), OutputError> {
        let target = self.staging.join(&file.path);
        if let Some(folder) = target.parent() {
            fs::create_dir_all(folder).map_err(io_error(folder))?;
        }
        match &file.contents {
            Contents::Bytes(bytes) => fs::write(&target, bytes).map_err(io_error(&target))?,
            Contents::Static(bytes) => fs::write(&target, bytes).map_err(io_error(&target))?,
            Contents::Copy(source) => {
                fs::copy(source, &target).map_err(io_error(source))?;
            }
            Contents::Parts(parts) => write_parts(&target, parts).map_err(io_error(&target))?,
        }
        let count = if file.is_page() {
            &self.pages
        } else {
            &self.other_files
        };
        count.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Marks the staging folder as scrutiny's and swaps it in for the output.
    pub fn finish(mut self) -> Result<WriteSummary, OutputError> {
        let marker = self.staging.join(MARKER_FILE);
        fs::write(
            &marker,
            "This folder is written by scrutiny build and replaced whole on every build.\n",
        )
        .map_err(io_error(&marker))?;
        swap_in(&self.staging, &self.output, &self.retired)?;
        self.finished = true;
        Ok(WriteSummary {
            pages: self.pages.load(Ordering::Relaxed),
            other_files: self.other_files.load(Ordering::Relaxed),
        })
    }
}

impl Drop for SiteWriter {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// What a build leaves beside the output while it runs, and its process id.
#[derive(Debug, PartialEq, Eq)]
enum Leftover {
    /// `.NAME.scrutiny-new-PID`: a site being written.
    Staging(u32),
    /// `.NAME.scrutiny-old-PID`: the previous site, moved aside while the new one is swapped in.
    Retired(u32),
}

/// Recognises exactly the folder names [`SiteWriter`] uses for the output called `name`.
fn leftover(file_name: &str, name: &str) -> Option<Leftover> {
    let rest = file_name.strip_prefix('.')?.strip_prefix(name)?;
    let (pid, kind): (&str, fn(u32) -> Leftover) =
        if let Some(pid) = rest.strip_prefix(".scrutiny-new-") {
            (pid, Leftover::Staging)
        } else {
            (rest.strip_prefix(".scrutiny-old-")?, Leftover::Retired)
        };
    if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok().map(kind)
}

/// Whether process `pid` may still be a build writing beside the output. Only Linux can tell
/// (from /proc): elsewhere every process counts as running, and nothing is cleaned.
fn may_be_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if !cfg!(target_os = "linux") {
        return true;
    }
    let proc = PathBuf::from(format!("/proc/{pid}"));
    if !proc.exists() {
        return false;
    }
    // A reused id now held by another program is not a build. A build whose binary was replaced
    // since it started (`cargo build` during `serve`) shows its old path with " (deleted)".
    match (fs::read_link(proc.join("exe")), std::env::current_exe()) {
        (Ok(theirs), Ok(ours)) => {
            let theirs = theirs.to_string_lossy();
            let ours = ours.to_string_lossy();
            theirs.trim_end_matches(" (deleted)") == ours.trim_end_matches(" (deleted)")
        }
        _ => true,
    }
}

/// Removes the folders a killed build left beside the output: a half-written site, or the
/// previous site moved aside. If the kill came between the two renames of the swap, so that the
/// output is missing, the previous site is put back instead. Only folders named exactly as
/// [`SiteWriter`] names them, for this output, by a process no longer running, are touched.
fn clean_up_after_killed_builds(
    parent: &Path,
    name: &str,
    output: &Path,
) -> Result<(), OutputError> {
    let entries = match fs::read_dir(parent) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(io_error(parent)(error)),
    };
    let mut found: Vec<(PathBuf, Leftover)> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|entry| {
            let kind = leftover(&entry.file_name().to_string_lossy(), name)?;
            Some((entry.path(), kind))
        })
        .filter(|(_, kind)| match kind {
            Leftover::Staging(pid) | Leftover::Retired(pid) => !may_be_running(*pid),
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in found {
        let restore = matches!(kind, Leftover::Retired(_))
            && !output.exists()
            && path.join(MARKER_FILE).is_file();
        if restore {
            fs::rename(&path, output).map_err(io_error(&path))?;
        } else {
            remove_if_present(&path)?;
        }
    }
    Ok(())
}

fn is_ours_or_empty(output: &Path) -> Result<bool, OutputError> {
    if !output.is_dir() {
        return Ok(false);
    }
    if output.join(MARKER_FILE).is_file() {
        return Ok(true);
    }
    let mut entries = fs::read_dir(output).map_err(io_error(output))?;
    Ok(entries.next().is_none())
}

fn remove_if_present(path: &Path) -> Result<(), OutputError> {
    match fs::remove_dir_all(path) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(OutputError::Io {
            path: path.to_path_buf(),
            error,
        }),
        _ => Ok(()),
    }
}

/// Moves the old site aside, the new one in, and deletes the old one.
fn swap_in(staging: &Path, output: &Path, retired: &Path) -> Result<(), OutputError> {
    remove_if_present(retired)?;
    let had_old = output.exists();
    if had_old {
        fs::rename(output, retired).map_err(io_error(output))?;
    }
    if let Err(error) = fs::rename(staging, output) {
        if had_old {
            let _ = fs::rename(retired, output);
        }
        return Err(OutputError::Io {
            path: output.to_path_buf(),
            error,
        });
    }
    if had_old {
        let _ = fs::remove_dir_all(retired);
    }
    Ok(())
}

/// Writes `parts` one after another into a new file at `target`.
fn write_parts(target: &Path, parts: &[std::borrow::Cow<'static, [u8]>]) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = std::io::BufWriter::new(fs::File::create(target)?);
    for part in parts {
        file.write_all(part)?;
    }
    file.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_may_not_be_or_hold_the_sources() {
        let temp = tempfile::tempdir().expect("temp");
        let root = temp.path().join("site");
        let at = |relative: &str| temp.path().join(relative);
        assert!(check_output_location(&root, &at("site/public")).is_ok());
        assert!(check_output_location(&root, &at("elsewhere")).is_ok());
        assert!(check_output_location(&root, &at("site")).is_err());
        assert!(check_output_location(&root, &at("site/content")).is_err());
        assert!(check_output_location(&root, &at("site/content/x")).is_err());
        assert!(check_output_location(&root, &at("site/themes/default")).is_err());
        assert!(check_output_location(&root, temp.path()).is_err());
        assert!(check_output_location(&root, &at("site/public/..")).is_err());
    }

    #[test]
    fn leftovers_are_recognised_by_their_exact_names() {
        assert_eq!(
            leftover(".public.scrutiny-new-123", "public"),
            Some(Leftover::Staging(123))
        );
        assert_eq!(
            leftover(".public.scrutiny-old-9", "public"),
            Some(Leftover::Retired(9))
        );
        for other in [
            ".public.scrutiny-new-",
            ".public.scrutiny-new-12a",
            ".public.scrutiny-new--1",
            ".public.scrutiny-new-99999999999999999999",
            ".site.scrutiny-new-123",
            "public.scrutiny-new-123",
            ".public.scrutiny-tmp-123",
            ".public.scrutiny-new-123/x",
        ] {
            assert_eq!(leftover(other, "public"), None, "{other}");
        }
    }

    /// A process id that is not running: one past the kernel's largest.
    fn dead_pid() -> u32 {
        fs::read_to_string("/proc/sys/kernel/pid_max")
            .ok()
            .and_then(|max| max.trim().parse::<u32>().ok())
            .map_or(4_194_304, |max| max + 1)
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn only_a_live_scrutiny_process_counts_as_a_running_build() {
        assert!(may_be_running(std::process::id()));
        assert!(!may_be_running(dead_pid()));
        // A live process of another program holding a reused id.
        let mut other = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .expect("start sleep");
        let running = may_be_running(other.id());
        let _ = other.kill();
        let _ = other.wait();
        assert!(!running);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn folders_of_killed_builds_are_removed_and_others_kept() {
        let temp = tempfile::tempdir().expect("temp");
        let output = temp.path().join("public");
        let dead = dead_pid();
        let stale_new = temp.path().join(format!(".public.scrutiny-new-{dead}"));
        let stale_old = temp.path().join(format!(".public.scrutiny-old-{dead}"));
        let running = temp
            .path()
            .join(format!(".public.scrutiny-new-{}", std::process::id()));
        let other_site = temp.path().join(format!(".site.scrutiny-new-{dead}"));
        let lookalike = temp.path().join(format!(".public.scrutiny-new-{dead}x"));
        for folder in [
            &output,
            &stale_new,
            &stale_old,
            &running,
            &other_site,
            &lookalike,
        ] {
            fs::create_dir_all(folder).expect("mkdir");
        }
        fs::write(output.join(MARKER_FILE), "").expect("marker");
        clean_up_after_killed_builds(temp.path(), "public", &output).expect("clean up");
        assert!(!stale_new.exists());
        assert!(!stale_old.exists());
        for kept in [&output, &running, &other_site, &lookalike] {
            assert!(kept.is_dir(), "{}", kept.display());
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_site_moved_aside_by_a_killed_build_is_put_back() {
        let temp = tempfile::tempdir().expect("temp");
        let output = temp.path().join("public");
        let retired = temp
            .path()
            .join(format!(".public.scrutiny-old-{}", dead_pid()));
        fs::create_dir_all(&retired).expect("mkdir");
        fs::write(retired.join(MARKER_FILE), "").expect("marker");
        fs::write(retired.join("index.html"), "old site").expect("page");
        clean_up_after_killed_builds(temp.path(), "public", &output).expect("clean up");
        assert!(!retired.exists());
        assert_eq!(
            fs::read_to_string(output.join("index.html"))
                .ok()
                .as_deref(),
            Some("old site")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_themes_folder_is_protected_where_it_really_is() {
        let temp = tempfile::tempdir().expect("temp");
        let root = temp.path().join("site");
        fs::create_dir_all(temp.path().join("shared-themes/default")).expect("mkdir");
        fs::create_dir_all(&root).expect("mkdir");
        std::os::unix::fs::symlink(temp.path().join("shared-themes"), root.join("themes"))
            .expect("symlink");
        assert!(check_output_location(&root, &root.join("themes/default")).is_err());
        assert!(check_output_location(&root, &temp.path().join("shared-themes/default")).is_err());
    }
}
