//! Test support: running the `corpus` binary and reading what it wrote.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

/// What a run of the binary printed and whether it succeeded.
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

/// The `corpus` binary of this build, to be given its arguments.
pub fn corpus() -> Command {
    Command::new(env!("CARGO_BIN_EXE_corpus"))
}

/// The bytes of every file under `dir`, by its path relative to `dir` with `/` between names.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.expect("list the folder");
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(dir).expect("inside the folder");
            let name = relative
                .components()
                .map(|part| part.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            files.insert(name, std::fs::read(entry.path()).expect("read a file"));
        }
    }
    files
}
