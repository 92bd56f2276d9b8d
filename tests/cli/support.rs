//! Test support: temporary copies of fixture sites, running the binary, reading the output.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A fixture site copied into a temporary folder, so tests may break it.
pub struct TestSite {
    dir: tempfile::TempDir,
}

/// What a run of the binary printed and returned.
pub struct Run {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            success: output.status.success(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Asserts that stderr holds a diagnostic with this location, message and help.
    pub fn assert_diagnostic(&self, location: &str, message: &str, help: &str) {
        let block = self
            .stderr
            .split("\n\n")
            .find(|block| block.contains(&format!("--> {location}\n")) && block.contains(message))
            .unwrap_or_else(|| {
                panic!(
                    "no diagnostic at {location} saying {message:?} in:\n{}",
                    self.stderr
                )
            });
        assert!(
            block.contains(&format!("help: {help}")),
            "expected help {help:?} in:\n{block}"
        );
    }
}

pub fn scrutiny() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_scrutiny"));
    command.env_remove("SOURCE_DATE_EPOCH").env("NO_COLOR", "1");
    command
}

impl TestSite {
    pub fn copy_of(name: &str) -> TestSite {
        let dir = tempfile::tempdir().expect("a temporary folder");
        copy_tree(&fixture(name), dir.path());
        TestSite { dir }
    }

    /// This site with the built-in theme copied into its `themes/default/`, as a site that
    /// changes its theme has it.
    pub fn with_own_default_theme(self) -> TestSite {
        let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        copy_tree(&theme, &self.path("themes/default"));
        self
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn write(&self, relative: &str, text: impl AsRef<[u8]>) -> &TestSite {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().expect("a parent folder")).expect("create folders");
        fs::write(path, text).expect("write a fixture file");
        self
    }

    pub fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.path(relative)).unwrap_or_else(|e| panic!("read {relative}: {e}"))
    }

    pub fn build(&self, extra: &[&str]) -> Run {
        scrutiny()
            .arg("build")
            .arg("--root")
            .arg(self.root())
            .args(["--today", "2024-11-01"])
            .args(extra)
            .output()
            .expect("run scrutiny build")
            .into()
    }

    pub fn check(&self, extra: &[&str]) -> Run {
        scrutiny()
            .arg("check")
            .arg("--root")
            .arg(self.root())
            .args(["--today", "2024-11-01"])
            .args(extra)
            .output()
            .expect("run scrutiny check")
            .into()
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk the fixture");
        let relative = entry.path().strip_prefix(from).expect("inside the fixture");
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("create a folder");
        } else {
            fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// Every file under `dir`, with its bytes, by relative path.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            (relative, fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// The values of every `name="..."` attribute in an HTML page.
pub fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    let mut values = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&needle) {
        rest = &rest[start + needle.len()..];
        if let Some(end) = rest.find('"') {
            values.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    values
}

/// What `init` leaves for an office to write in its accessibility statement, each with an
/// answer: the tests that finish an initialised site replace each prompt with its answer.
pub const STATEMENT_ANSWERS: [(&str, &str); 5] = [
    (
        "[EMAIL ADDRESS] (replace this with your office's email address)",
        "pfcc@testshire.gov.uk",
    ),
    (
        "[TELEPHONE NUMBER] (replace this with your office's telephone number)",
        "01234 567890",
    ),
    (
        "[Replace this with the result of your own testing: fully, partially or not compliant.]",
        "It is fully compliant.",
    ),
    (
        "[List here anything on the site that is not accessible, such as scanned PDF letters, and why. If you know of nothing, say so.]",
        "We know of nothing that is not accessible.",
    ),
    (
        "[Say how you tested the site: for example, by hand with a keyboard and a screen reader, and with an automated checker.]",
        "We tested it by hand with a keyboard and a screen reader.",
    ),
];
