//! `corpus generate`: the same seed writes the same bytes (BENCHMARKS.md relies on it; that what
//! it writes builds with no errors is tested with scrutiny, in its tests/cli/generated.rs).

use std::path::Path;

use crate::support::{Run, corpus, tree};

pub fn generate(out: &Path, reports: &str, seed: &str, extra: &[&str]) -> Run {
    corpus()
        .arg("generate")
        .args(["--reports", reports, "--seed", seed, "--out"])
        .arg(out)
        .args(extra)
        .output()
        .expect("run corpus generate")
        .into()
}

#[test]
fn the_same_seed_writes_the_same_bytes() {
    let temp = tempfile::tempdir().expect("a temporary folder");
    let (first, second, other) = (
        temp.path().join("first"),
        temp.path().join("second"),
        temp.path().join("other"),
    );
    for (out, seed) in [(&first, "7"), (&second, "7"), (&other, "8")] {
        let run = generate(out, "40", seed, &[]);
        assert!(run.success, "{}", run.stderr);
        assert!(
            run.stdout.contains("Generated 40 reports"),
            "{}",
            run.stdout
        );
    }
    let first = tree(&first);
    assert!(
        first
            .keys()
            .any(|path| path.starts_with("content/responses/"))
    );
    assert!(first.contains_key("config.toml"));
    assert!(first.contains_key("content/themes.toml"));
    assert_eq!(first, tree(&second));
    assert_ne!(first, tree(&other));
}

#[test]
fn themes_and_findings_can_be_set_for_scale_tests() {
    let temp = tempfile::tempdir().expect("a temporary folder");
    let site = temp.path().join("site");
    let run = generate(
        &site,
        "12",
        "2",
        &["--themes", "100", "--findings-per-report", "5"],
    );
    assert!(run.success, "{}", run.stderr);
    assert!(run.stdout.contains("and 60 findings"), "{}", run.stdout);
    let themes = std::fs::read_to_string(site.join("content/themes.toml")).expect("themes.toml");
    assert_eq!(themes.lines().filter(|l| l.starts_with('[')).count(), 100);
}

#[test]
fn it_will_not_write_into_a_folder_that_holds_files() {
    let temp = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(temp.path().join("notes.txt"), "mine").expect("a file");
    let run = generate(temp.path(), "3", "1", &[]);
    assert!(!run.success);
    assert!(run.stderr.contains("is not empty"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(temp.path().join("notes.txt"))
            .ok()
            .as_deref(),
        Some("mine")
    );
}
