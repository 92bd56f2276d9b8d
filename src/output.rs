//! Output: the only writer of the built site. Writes everything into a temporary folder beside
//! the output and swaps it in only when complete, so a failed build leaves the old site intact.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

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
        let places = [root.join(protected), lexical_root.join(protected), resolve(&root.join(protected))];
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

/// Writes `files` as the new contents of `output`, atomically replacing what was there.
pub fn write_site(
    output: &Path,
    files: &[OutputFile],
    force: bool,
) -> Result<WriteSummary, OutputError> {
    let output = resolve(output);
    if output.exists() && !force && !is_ours_or_empty(&output)? {
        return Err(OutputError::NotOurs { output });
    }
    let parent = output
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    fs::create_dir_all(&parent).map_err(io_error(&parent))?;
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let staging = parent.join(format!(".{name}.scrutiny-new-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.scrutiny-old-{}", std::process::id()));
    remove_if_present(&staging)?;

    let written = write_all(&staging, files).and_then(|()| swap_in(&staging, &output, &retired));
    if written.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    written?;
    let pages = files.iter().filter(|f| f.is_page()).count();
    Ok(WriteSummary {
        pages,
        other_files: files.len() - pages,
    })
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

fn write_all(staging: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    fs::create_dir_all(staging).map_err(io_error(staging))?;
    let mut folders: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent().map(|p| staging.join(p)))
        .collect();
    folders.sort();
    folders.dedup();
    for folder in &folders {
        fs::create_dir_all(folder).map_err(io_error(folder))?;
    }
    files.par_iter().try_for_each(|file| {
        let target = staging.join(&file.path);
        match &file.contents {
            Contents::Bytes(bytes) => fs::write(&target, bytes).map_err(io_error(&target)),
            Contents::Copy(source) => fs::copy(source, &target)
                .map(|_| ())
                .map_err(io_error(source)),
        }
    })?;
    let marker = staging.join(MARKER_FILE);
    fs::write(
        &marker,
        "This folder is written by scrutiny build and replaced whole on every build.\n",
    )
    .map_err(io_error(&marker))
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

    #[cfg(unix)]
    #[test]
    fn a_symlinked_themes_folder_is_protected_where_it_really_is() {
        let temp = tempfile::tempdir().expect("temp");
        let root = temp.path().join("site");
        fs::create_dir_all(temp.path().join("shared-themes/default")).expect("mkdir");
        fs::create_dir_all(&root).expect("mkdir");
        std::os::unix::fs::symlink(temp.path().join("shared-themes"), root.join("themes")).expect("symlink");
        assert!(check_output_location(&root, &root.join("themes/default")).is_err());
        assert!(check_output_location(&root, &temp.path().join("shared-themes/default")).is_err());
    }
}
