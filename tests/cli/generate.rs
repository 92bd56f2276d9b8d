//! The hidden `generate` command: the same seed writes the same bytes, and what it writes is a
//! site that builds with no errors (BENCHMARKS.md relies on both).

use std::path::Path;

use crate::support::{Run, scrutiny, tree};

fn generate(out: &Path, reports: &str, seed: &str, extra: &[&str]) -> Run {
    scrutiny()
        .arg("generate")
        .args(["--reports", reports, "--seed", seed, "--out"])
        .arg(out)
        .args(extra)
        .output()
        .expect("run scrutiny generate")
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
fn a_generated_site_builds_with_no_errors() {
    let temp = tempfile::tempdir().expect("a temporary folder");
    let site = temp.path().join("site");
    let run = generate(&site, "50", "1", &[]);
    assert!(run.success, "{}", run.stderr);
    let built: Run = scrutiny()
        .arg("build")
        .arg("--root")
        .arg(&site)
        .args(["--today", "2025-01-01", "--no-search"])
        .output()
        .expect("run scrutiny build")
        .into();
    assert!(built.success, "{}", built.stderr);
    // Warnings are realistic (an undated letter, say); errors are not.
    assert!(
        !built.stderr.lines().any(|line| line.starts_with("error")),
        "{}",
        built.stderr
    );
    let pages = tree(&site.join("public"));
    let reports = pages
        .keys()
        .filter(|path| path.starts_with("reports/") && path.ends_with("/index.html"))
        .count();
    assert_eq!(reports, 50);
    assert!(pages.contains_key("findings/index.html"));
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

#[test]
fn it_is_hidden_from_help() {
    let run: Run = scrutiny()
        .arg("--help")
        .output()
        .expect("run scrutiny --help")
        .into();
    assert!(run.success);
    assert!(run.stdout.contains("build"), "{}", run.stdout);
    assert!(!run.stdout.contains("generate"), "{}", run.stdout);
}
