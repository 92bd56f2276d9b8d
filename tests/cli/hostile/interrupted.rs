//! Never losing work: a build killed mid-write leaves the previous site, the next build cleans up
//! after it, and `new` and `init` never overwrite.

use std::fs;
use std::time::{Duration, Instant};

use crate::support::{Run, TestSite, scrutiny, tree};

use super::sizes::many_reports;

/// Folders beside `public/` left by builds: `.public.scrutiny-*`.
fn leftovers(site: &TestSite) -> Vec<String> {
    fs::read_dir(site.root())
        .expect("list the site")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".public.scrutiny-"))
        .collect()
}

/// Starts `scrutiny build` and kills it with SIGKILL once it has written some pages of its new
/// site into the staging folder. False when the build finished before it could be caught.
#[cfg(unix)]
fn kill_while_writing(site: &TestSite) -> bool {
    let mut child = scrutiny()
        .arg("build")
        .arg("--root")
        .arg(site.root())
        .args(["--today", "2024-11-01"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start scrutiny build");
    let staging = site
        .root()
        .join(format!(".public.scrutiny-new-{}/reports", child.id()));
    let deadline = Instant::now() + Duration::from_secs(300);
    let mut killed = false;
    while Instant::now() < deadline {
        if fs::read_dir(&staging).map_or(0, Iterator::count) > 10 {
            child.kill().expect("SIGKILL the build");
            killed = true;
            break;
        }
        if child.try_wait().expect("poll the build").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    let _ = child.kill();
    child.wait().expect("reap the build");
    killed
}

/// A build killed by SIGKILL while writing leaves the previous site byte for byte, and the next
/// build removes what the killed one left and succeeds.
#[cfg(unix)]
#[test]
fn a_build_killed_mid_write_leaves_the_previous_site_intact() {
    let site = TestSite::copy_of("minimal");
    let mut reports = 3_000;
    many_reports(&site, reports);
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    for attempt in 0..4 {
        let before = tree(&site.path("public"));
        // Every report page names its theme: renaming it changes every page.
        let themes = site.read("content/themes.toml");
        let renamed = format!("title = \"Custody suites {attempt}\"");
        site.write(
            "content/themes.toml",
            themes.replacen("title = \"Custody", &format!("{renamed}\n# was "), 1),
        );
        if kill_while_writing(&site) {
            assert!(
                tree(&site.path("public")) == before,
                "public/ changed although the build was killed"
            );
            assert_eq!(leftovers(&site).len(), 1, "{:?}", leftovers(&site));
            let run = site.build(&[]);
            assert!(run.success, "{}", run.stderr);
            assert!(
                leftovers(&site).is_empty(),
                "left behind: {:?}",
                leftovers(&site)
            );
            let page = site.read("public/reports/generated-000000/index.html");
            assert!(
                page.contains(&format!("Custody suites {attempt}")),
                "{page}"
            );
            return;
        }
        // The build finished first and is now the previous site: give the next one more to write.
        assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
        reports *= 2;
        many_reports(&site, reports);
        let run = site.build(&[]);
        assert!(run.success, "{}", run.stderr);
    }
    panic!("the build always finished before it could be killed");
}

/// A stale staging folder of a build that no longer runs is removed; the same name with another
/// output's name, or not quite the pattern, is left alone.
#[cfg(target_os = "linux")]
#[test]
fn stale_staging_folders_are_cleaned_and_lookalikes_kept() {
    let site = TestSite::copy_of("minimal");
    let dead = fs::read_to_string("/proc/sys/kernel/pid_max")
        .ok()
        .and_then(|max| max.trim().parse::<u64>().ok())
        .map_or(4_194_305, |max| max + 1);
    let stale = site.path(&format!(".public.scrutiny-new-{dead}"));
    let lookalikes = [
        site.path(&format!(".public.scrutiny-new-{dead}-mine")),
        site.path(&format!(".site.scrutiny-new-{dead}")),
        site.path("public.scrutiny-new-1"),
    ];
    for folder in std::iter::once(&stale).chain(&lookalikes) {
        fs::create_dir_all(folder.join("reports")).expect("mkdir");
        fs::write(folder.join("reports/half.html"), "half-written").expect("write");
    }
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    assert!(!stale.exists(), "the stale staging folder is still there");
    for kept in &lookalikes {
        assert!(
            kept.join("reports/half.html").is_file(),
            "{} was removed",
            kept.display()
        );
    }
}

#[test]
fn init_never_overwrites() {
    let dir = tempfile::tempdir().expect("temp");
    fs::write(dir.path().join("config.toml"), "mine").expect("write");
    let run: Run = scrutiny()
        .arg("init")
        .arg(dir.path())
        .output()
        .expect("run scrutiny init")
        .into();
    assert!(!run.success, "init overwrote: {}", run.stdout);
    assert_eq!(
        fs::read_to_string(dir.path().join("config.toml"))
            .ok()
            .as_deref(),
        Some("mine")
    );
}

#[test]
fn new_never_overwrites() {
    let site = TestSite::copy_of("minimal");
    let before = tree(&site.path("content"));
    let run: Run = scrutiny()
        .args(["new", "report", "custody-2023", "--root"])
        .arg(site.root())
        .args(["--today", "2024-11-01"])
        .output()
        .expect("run scrutiny new report")
        .into();
    assert!(!run.success, "{}", run.stdout);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    let run: Run = scrutiny()
        .args(["new", "response", "custody-2023", "--root"])
        .arg(site.root())
        .args(["--today", "2024-11-01"])
        .output()
        .expect("run scrutiny new response")
        .into();
    let after = tree(&site.path("content"));
    for (path, bytes) in &before {
        assert!(
            after.get(path) == Some(bytes),
            "{path} was changed: {}",
            run.stderr
        );
    }
}
