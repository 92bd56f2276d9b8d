//! Size: many files, huge files, long lines and deep nesting build, or fail with a clear message,
//! in bounded time and memory.

use std::fs;
use std::time::{Duration, Instant};

use crate::support::{Run, TestSite};

/// Writes `count` small valid reports into the site.
pub fn many_reports(site: &TestSite, count: usize) {
    let folder = site.path("content/reports");
    for index in 0..count {
        fs::write(
            folder.join(format!("generated-{index:06}.md")),
            format!(
                "+++\ntitle = \"Generated report {index}\"\npublished = 2023-03-08\ntype = \"force\"\n\
                 themes = [\"custody\"]\n+++\nBody of report {index}.\n"
            ),
        )
        .expect("write a report");
    }
}

#[test]
fn twenty_thousand_files_are_checked_in_bounded_time() {
    let site = TestSite::copy_of("minimal");
    many_reports(&site, 20_000);
    let started = Instant::now();
    let run = site.check(&[]);
    let took = started.elapsed();
    assert!(run.success, "{}", run.stderr);
    assert!(took < Duration::from_secs(120), "check took {took:?}");
}

/// The full size: 100,000 reports, every one built. Slow (6 minutes for a debug build on
/// two busy cores), so run by hand: `cargo test --test cli -- --ignored hundred_thousand`.
#[test]
#[ignore = "slow: 100,000 files; run with --ignored"]
fn a_hundred_thousand_files_build_in_bounded_time() {
    let site = TestSite::copy_of("minimal");
    many_reports(&site, 100_000);
    let started = Instant::now();
    let run = site.build(&[]);
    let took = started.elapsed();
    assert!(run.success, "{}", run.stderr);
    assert!(
        site.path("public/reports/generated-099999/index.html")
            .is_file(),
        "the last report was not built"
    );
    assert!(took < Duration::from_secs(600), "build took {took:?}");
}

/// Runs `scrutiny build` under a virtual-memory limit (in KiB), so runaway memory fails the test.
#[cfg(unix)]
fn build_within_memory(site: &TestSite, limit_kib: u64) -> (Run, Duration) {
    let started = Instant::now();
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {limit_kib} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_scrutiny"))
        .args(["build", "--today", "2024-11-01", "--root"])
        .arg(site.root())
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .output()
        .expect("run scrutiny build");
    (output.into(), started.elapsed())
}

/// 8 GiB of address space: generous for a 50 MB page, but a bound.
#[cfg(unix)]
const MEMORY_LIMIT_KIB: u64 = 8 * 1024 * 1024;

#[cfg(unix)]
#[test]
fn a_fifty_megabyte_page_builds_within_bounds() {
    let site = TestSite::copy_of("minimal");
    let paragraph = "The inspectors visited **three custody suites** and read [the policy](/about/) \
                     with `care` and _attention_ to detail, line after line.\n\n";
    let mut body = String::with_capacity(50 * 1024 * 1024 + paragraph.len());
    let mut count = 0;
    while body.len() < 50 * 1024 * 1024 {
        body.push_str(paragraph);
        count += 1;
    }
    body.push_str("The very last paragraph.\n");
    site.write(
        "content/pages/huge.md",
        format!("+++\ntitle = \"Huge\"\n+++\n{body}"),
    );
    let (run, took) = build_within_memory(&site, MEMORY_LIMIT_KIB);
    assert!(run.success, "{}", run.stderr);
    assert!(took < Duration::from_secs(240), "build took {took:?}");
    let page = site.read("public/huge/index.html");
    assert_eq!(
        page.matches("<strong>three custody suites</strong>")
            .count(),
        count
    );
    assert!(page.contains("<p>The very last paragraph.</p>"));
}

#[cfg(unix)]
#[test]
fn a_ten_megabyte_line_builds_and_its_errors_stay_short() {
    let site = TestSite::copy_of("minimal");
    let line = "word ".repeat(2 * 1024 * 1024);
    site.write(
        "content/pages/long-line.md",
        format!("+++\ntitle = \"Long\"\n+++\n{line}\n"),
    );
    let (run, _) = build_within_memory(&site, MEMORY_LIMIT_KIB);
    assert!(run.success, "{}", run.stderr);
    assert!(
        site.read("public/long-line/index.html")
            .contains(&line[..1000])
    );

    // An unclosed string 10 MB long: the error points at the end of the line and prints a
    // window of it, not all of it.
    site.write(
        "content/pages/long-line.md",
        format!("+++\ntitle = \"{line}\n+++\nBody.\n"),
    );
    let run = site.check(&[]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("--> content/pages/long-line.md:2:"),
        "{}",
        &run.stderr[..run.stderr.len().min(2000)]
    );
    assert!(
        run.stderr.len() < 10_000,
        "{} bytes of errors",
        run.stderr.len()
    );
}

#[test]
fn ten_thousand_nested_lists_and_quotes_build() {
    let site = TestSite::copy_of("minimal");
    let lists = "- ".repeat(10_000);
    let quotes = ">".repeat(10_000);
    let indented: String = (0..2_000)
        .map(|depth| format!("{}- item\n", "  ".repeat(depth)))
        .collect();
    site.write(
        "content/pages/nested.md",
        format!("+++\ntitle = \"Nested\"\n+++\n{lists}deep\n\n{quotes} deep\n\n{indented}"),
    );
    let started = Instant::now();
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    assert!(started.elapsed() < Duration::from_secs(120));
    let page = site.read("public/nested/index.html");
    assert!(
        page.matches("<ul>").count() >= 12_000,
        "lists were flattened"
    );
    assert_eq!(page.matches("<blockquote>").count(), 10_000);
}

#[test]
fn deeply_nested_toml_is_an_error_not_a_crash() {
    let site = TestSite::copy_of("minimal");
    let arrays = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let tables = format!("{}1{}", "{a=".repeat(100_000), "}".repeat(100_000));
    site.write(
        "content/pages/deep.md",
        format!("+++\ntitle = \"Deep\"\nx = {arrays}\ny = {tables}\n+++\nBody.\n"),
    );
    let run = site.check(&[]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("--> content/pages/deep.md:3:")
            && run.stderr.contains("this is not valid TOML"),
        "{}",
        &run.stderr[..run.stderr.len().min(3000)]
    );
}
