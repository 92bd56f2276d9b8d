//! Generated archives (the corpus crate, a development tool) build with no errors, as
//! BENCHMARKS.md relies on; the generator itself is not a command of scrutiny.

use scrutiny_corpus::generate::{GenerateOptions, generate};

use crate::support::{Run, scrutiny, tree};

#[test]
fn a_generated_site_builds_with_no_errors() {
    let temp = tempfile::tempdir().expect("a temporary folder");
    let site = temp.path().join("site");
    let options = GenerateOptions {
        reports: 50,
        seed: 1,
        ..GenerateOptions::default()
    };
    let summary = generate(&options, &site).expect("a generated archive");
    assert_eq!(summary.reports, 50);
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
fn generate_is_not_a_command_of_scrutiny() {
    let temp = tempfile::tempdir().expect("a temporary folder");
    let output = scrutiny()
        .args(["generate", "--reports", "3", "--out"])
        .arg(temp.path())
        .output()
        .expect("run scrutiny generate");
    // clap's exit code for a command line it cannot read.
    assert_eq!(output.status.code(), Some(2));
    let run = Run::from(output);
    assert!(
        run.stderr
            .contains("error: unrecognized subcommand 'generate'"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_dir(temp.path()).map(Iterator::count).ok(),
        Some(0)
    );

    let help: Run = scrutiny()
        .arg("--help")
        .output()
        .expect("run scrutiny --help")
        .into();
    assert!(help.success);
    assert!(help.stdout.contains("build"), "{}", help.stdout);
    assert!(!help.stdout.contains("generate"), "{}", help.stdout);
}
