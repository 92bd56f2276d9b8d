//! Paths: nothing outside content/ (or, for a theme, themes/) is read into the site, whatever the symlinks, and file names
//! that cannot be addresses are named in clear errors.

use std::fs;
use std::time::{Duration, Instant};

use crate::support::{Run, TestSite, tree};

use super::escaping::report_with;

/// A secret outside the site, which nothing may copy into it.
const SECRET: &str = "SECRET-7f3a9 do not publish";

#[cfg(unix)]
fn secret_beside(site: &TestSite) -> std::path::PathBuf {
    let secret = site.root().join("outside/secret.md");
    fs::create_dir_all(site.root().join("outside")).expect("mkdir");
    fs::write(
        &secret,
        format!(
            "+++\ntitle = \"{SECRET}\"\npublished = 2023-03-08\ntype = \"force\"\nthemes = [\"custody\"]\n+++\n{SECRET}\n"
        ),
    )
    .expect("write the secret");
    secret
}

#[cfg(unix)]
fn assert_no_secret_published(site: &TestSite) {
    for (path, bytes) in tree(&site.path("public")) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("SECRET-7f3a9"),
            "public/{path} holds the secret"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_markdown_file_linked_from_outside_content_is_an_error() {
    use std::os::unix::fs::symlink;
    let site = TestSite::copy_of("minimal");
    let secret = secret_beside(&site);
    symlink(&secret, site.path("content/reports/leak.md")).expect("symlink");
    let run = site.build(&[]);
    assert!(!run.success, "{}", run.stdout);
    run.assert_diagnostic(
        "content/reports/leak.md",
        "this file is a link to",
        "copy the file itself into content/: nothing outside content/ is read into the site",
    );
    assert!(run.stderr.contains("outside content/"), "{}", run.stderr);
    assert!(!run.stderr.contains(SECRET), "{}", run.stderr);
    assert_no_secret_published(&site);
}

#[cfg(unix)]
#[test]
fn a_document_folder_linked_from_outside_content_is_an_error() {
    use std::os::unix::fs::symlink;
    let site = TestSite::copy_of("minimal");
    secret_beside(&site);
    fs::remove_dir_all(site.path("content/pages")).expect("remove pages");
    symlink(site.path("outside"), site.path("content/pages")).expect("symlink");
    let run = site.build(&[]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("--> content/pages/secret.md")
            && run.stderr.contains("outside content/"),
        "{}",
        run.stderr
    );
    assert_no_secret_published(&site);
}

#[cfg(unix)]
#[test]
fn a_themes_file_linked_from_outside_content_is_an_error() {
    use std::os::unix::fs::symlink;
    let site = TestSite::copy_of("minimal");
    let outside = site.path("outside-themes.toml");
    fs::rename(site.path("content/themes.toml"), &outside).expect("move");
    symlink(&outside, site.path("content/themes.toml")).expect("symlink");
    let run = site.check(&[]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("--> content/themes.toml") && run.stderr.contains("outside content/"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn links_inside_content_are_followed() {
    use std::os::unix::fs::symlink;
    let site = TestSite::copy_of("minimal");
    fs::create_dir_all(site.path("content/shared")).expect("mkdir");
    fs::rename(
        site.path("content/pages/about.md"),
        site.path("content/shared/about.md"),
    )
    .expect("move");
    symlink("../shared/about.md", site.path("content/pages/about.md")).expect("symlink");
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    assert!(
        site.read("public/about/index.html")
            .contains("About this archive")
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_dangling_links_are_errors_not_hangs() {
    use std::os::unix::fs::symlink;
    let site = TestSite::copy_of("minimal");
    symlink("loop-b.md", site.path("content/reports/loop-a.md")).expect("symlink");
    symlink("loop-a.md", site.path("content/reports/loop-b.md")).expect("symlink");
    symlink("nowhere.md", site.path("content/reports/dangling.md")).expect("symlink");
    // A folder that contains itself, among the attachments.
    symlink(".", site.path("content/files/again")).expect("symlink");
    let started = Instant::now();
    let run = site.check(&[]);
    assert!(started.elapsed() < Duration::from_secs(60));
    assert!(!run.success);
    for name in ["loop-a", "loop-b", "dangling"] {
        run.assert_diagnostic(
            &format!("content/reports/{name}.md"),
            "this file is a link that cannot be followed",
            "it points to a file that does not exist, or round in a loop; replace it with the file itself",
        );
    }
}

#[cfg(unix)]
#[test]
fn an_attachment_linked_from_outside_content_is_not_copied() {
    use std::os::unix::fs::symlink;
    let site = TestSite::copy_of("minimal");
    let secret = secret_beside(&site);
    fs::remove_file(site.path("content/files/custody-letter.pdf")).expect("remove");
    symlink(&secret, site.path("content/files/custody-letter.pdf")).expect("symlink");
    let run = site.build(&[]);
    assert!(!run.success);
    assert!(
        run.stderr.contains(
            "the attachment \"files/custody-letter.pdf\" is a link to a file outside content/"
        ),
        "{}",
        run.stderr
    );
    assert_no_secret_published(&site);
}

fn assert_bad_slug(run: &Run, file: &str, name: &str, rename: &str) {
    run.assert_diagnostic(
        file,
        &format!("the file name `{name}` is not a valid slug"),
        &format!("use lowercase letters, digits and single hyphens only: rename it to {rename}"),
    );
}

#[test]
fn file_names_with_spaces_or_accents_are_bad_slugs() {
    let site = TestSite::copy_of("minimal");
    let report = report_with("");
    site.write("content/reports/my report.md", &report);
    site.write("content/reports/café-inspection.md", &report);
    site.write("content/reports/Custody-2023.md", &report);
    let run = site.check(&[]);
    assert!(!run.success);
    assert_bad_slug(
        &run,
        "content/reports/my report.md",
        "my report",
        "content/reports/my-report.md",
    );
    assert_bad_slug(
        &run,
        "content/reports/café-inspection.md",
        "café-inspection",
        "content/reports/caf-inspection.md",
    );
    // Slugs are lowercase, so two files differing only in case cannot both be valid: the
    // capitalised one is reported, on any file system.
    assert_bad_slug(
        &run,
        "content/reports/Custody-2023.md",
        "Custody-2023",
        "content/reports/custody-2023.md",
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_name_that_is_not_utf8_is_a_bad_slug() {
    use std::os::unix::ffi::OsStrExt;
    let site = TestSite::copy_of("minimal");
    let name = std::ffi::OsStr::from_bytes(b"caf\xE9.md");
    fs::write(site.path("content/reports").join(name), report_with("")).expect("write");
    let run = site.check(&[]);
    assert!(!run.success);
    assert!(
        run.stderr
            .contains("the file name `caf\u{FFFD}` is not a valid slug"),
        "{}",
        run.stderr
    );
}

/// A file name holding a newline and a workflow command stays inside one GitHub annotation.
#[cfg(unix)]
#[test]
fn a_file_name_cannot_inject_workflow_commands() {
    let site = TestSite::copy_of("minimal");
    site.write(
        "content/reports/x\n::warning file=README.md::injected.md",
        report_with(""),
    );
    let run = site.check(&["--format", "github"]);
    assert!(!run.success);
    let output = format!("{}{}", run.stdout, run.stderr);
    assert!(
        output
            .lines()
            .any(|line| line.starts_with("::error file=content/reports/x%0A%3A%3Awarning")),
        "{output}"
    );
    assert!(
        !output
            .lines()
            .any(|line| line.starts_with("::warning file=README.md")),
        "{output}"
    );
}

#[cfg(unix)]
#[test]
fn a_theme_file_linked_from_outside_themes_is_an_error_and_not_published() {
    use std::os::unix::fs::symlink;
    let site = TestSite::copy_of("minimal").with_own_default_theme();
    let secret = secret_beside(&site);
    symlink(&secret, site.path("themes/default/static/leak.txt")).expect("symlink");
    let run = site.build(&[]);
    assert!(!run.success, "{}", run.stdout);
    run.assert_diagnostic(
        "themes/default/static/leak.txt",
        "this file is a link to",
        "copy the file itself into the theme: nothing outside themes/ is read into the site",
    );
    assert_no_secret_published(&site);
}

#[cfg(unix)]
#[test]
fn a_theme_folder_linked_from_outside_themes_is_an_error() {
    use std::os::unix::fs::symlink;
    let site = TestSite::copy_of("minimal").with_own_default_theme();
    fs::rename(site.path("themes/default"), site.path("outside-theme")).expect("move");
    symlink(site.path("outside-theme"), site.path("themes/default")).expect("symlink");
    let run = site.build(&[]);
    assert!(!run.success, "{}", run.stdout);
    run.assert_diagnostic(
        "themes/default",
        "this theme folder is a link to",
        "copy the theme itself into themes/: nothing outside themes/ is read into the site",
    );
}

#[cfg(unix)]
#[test]
fn links_inside_a_theme_are_followed_and_dangling_ones_are_errors() {
    use std::os::unix::fs::symlink;
    let site = TestSite::copy_of("minimal").with_own_default_theme();
    fs::create_dir_all(site.path("themes/shared")).expect("mkdir");
    fs::write(site.path("themes/shared/extra.css"), "/* shared */\n").expect("write");
    symlink(
        "../../shared/extra.css",
        site.path("themes/default/static/extra.css"),
    )
    .expect("symlink");
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    assert_eq!(site.read("public/extra.css"), "/* shared */\n");

    symlink(
        "nowhere.html",
        site.path("themes/default/templates/gone.html"),
    )
    .expect("symlink");
    let run = site.build(&[]);
    assert!(!run.success, "{}", run.stdout);
    run.assert_diagnostic(
        "themes/default/templates/gone.html",
        "this file is a link that cannot be followed",
        "it points to a file that does not exist, or round in a loop; replace it with the file itself",
    );
}
