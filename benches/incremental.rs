//! Benchmark of serve's incremental rebuild (BENCHMARKS.md, "Incremental rebuilds in serve"):
//! loads an archive into a `PreviewSite` as `scrutiny serve` does, then edits one response
//! (its body; its date) and times `rebuild`, from its start to the new site being ready with the
//! edited document's pages, and then to the listing pages, feeds, open data and search index
//! having caught up in the background (each edit waits for that before the next).
//!
//! `cargo bench --bench incremental -- ARCHIVE [RUNS]`: ARCHIVE is copied to a scratch folder
//! (on /dev/shm when there is one) and edited there; RUNS edits of each kind (default 7).
//! With no ARCHIVE, one round on `tests/site/fixture` (what `cargo test --all-targets` runs).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use scrutiny::SiteOptions;
use scrutiny::dates::Date;
use scrutiny::serve::PreviewSite;

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| !a.starts_with("--"));
    // Without an archive (as `cargo test --all-targets` runs it), one quick round on the small
    // test site, so the benchmark itself is checked to work.
    let (archive, default_runs) = match args.next() {
        Some(archive) => (archive, 7),
        None => (
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/site/fixture").to_string(),
            1,
        ),
    };
    let runs: usize = args
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default_runs);
    let scratch = if Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    }
    .join(format!("scrutiny-incremental-bench-{}", std::process::id()));
    copy(Path::new(&archive), &scratch);
    let options = SiteOptions {
        root: scratch.clone(),
        today: Date::constant(2025, 1, 1),
        drafts: true,
    };
    let mut site = PreviewSite::new(options);
    let started = Instant::now();
    let first = site.rebuild(&[]);
    let full_ms = started.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(first.error_count(), 0, "the archive has errors");
    let pages = first.built.as_ref().map_or(0, |b| b.page_count());

    // A response in the middle of the archive, with a date to move.
    let responses = scratch.join("content/responses");
    let mut names: Vec<String> = std::fs::read_dir(&responses)
        .expect("content/responses")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let (relative, original, date_line) = names
        .iter()
        .skip(names.len() / 2)
        .find_map(|name| {
            let text = std::fs::read_to_string(responses.join(name)).ok()?;
            let line = text.lines().find(|l| l.starts_with("date = "))?.to_string();
            Some((PathBuf::from("content/responses").join(name), text, line))
        })
        .expect("a dated response");
    let file = scratch.join(&relative);

    let time = |site: &mut PreviewSite, text: String| {
        std::fs::write(&file, text).expect("the edit");
        let started = Instant::now();
        let report = site.rebuild(std::slice::from_ref(&relative));
        assert!(report.built.is_some(), "the edit broke the build");
        site.catch_up(true);
        assert!(!site.catching_up(), "the background work did not catch up");
        let caught_up = started.elapsed();
        (
            report.elapsed,
            report.pages_rebuilt.unwrap_or(pages),
            caught_up,
        )
    };
    let mut body = Vec::new();
    let mut front = Vec::new();
    // Each edit starts from the text the last one left: a body edit changes only the body.
    let mut current = original.clone();
    for run in 0..runs {
        current = format!("{current}\nEdited paragraph {run}.\n");
        body.push(time(&mut site, current.clone()));
        let line = current
            .lines()
            .find(|l| l.starts_with("date = "))
            .unwrap_or(&date_line)
            .to_string();
        let moved = if run % 2 == 0 {
            "date = 2024-12-20"
        } else {
            "date = 2024-12-21"
        };
        current = current.replacen(&line, moved, 1);
        front.push(time(&mut site, current.clone()));
    }
    std::fs::write(&file, &original).expect("restored");
    let _ = std::fs::remove_dir_all(&scratch);

    println!(
        "archive: {archive} ({pages} pages); first (full) build {full_ms:.0} ms, search index included"
    );
    report("body edit", &mut body);
    report("front-matter edit (response date)", &mut front);
}

/// Prints the median and every run of the time to the edited pages, then of the catch-up.
fn report(what: &str, samples: &mut [(Duration, usize, Duration)]) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let runs = |times: &[Duration]| {
        times
            .iter()
            .map(|&d| format!("{:.1}", ms(d)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    samples.sort();
    let (median, pages, _) = samples[samples.len() / 2];
    let firsts: Vec<Duration> = samples.iter().map(|s| s.0).collect();
    let mut caught: Vec<Duration> = samples.iter().map(|s| s.2).collect();
    caught.sort();
    println!(
        "{what}: median {:.1} ms, {pages} pages rebuilt (runs: {} ms); caught up after median {:.0} ms (runs: {} ms)",
        ms(median),
        runs(&firsts),
        ms(caught[caught.len() / 2]),
        runs(&caught),
    );
}

/// Copies what a site is made of (config.toml, content/, themes/), and nothing else: a site
/// kept in a repository has target/ and public/ beside them.
fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("the scratch folder");
    for part in ["config.toml", "content", "themes"] {
        let source = from.join(part);
        if !source.exists() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&source)
            .into_iter()
            .filter_map(Result::ok)
        {
            let Ok(relative) = entry.path().strip_prefix(from) else {
                continue;
            };
            let target = to.join(relative);
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).expect("a folder");
            } else {
                std::fs::copy(entry.path(), &target).expect("a copy");
            }
        }
    }
}
