//! `scrutiny init`, `new report` and `new response`: what they write builds cleanly as written,
//! and no file that already exists is ever overwritten.

use crate::support::{Run, TestSite, scrutiny};

fn run(args: &[&str], site: &TestSite) -> Run {
    scrutiny()
        .args(args)
        .arg("--root")
        .arg(site.root())
        .args(["--today", "2024-11-01"])
        .output()
        .expect("run scrutiny")
        .into()
}

#[test]
fn init_creates_a_site_that_checks_and_builds_cleanly() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join("new-site");
    let init: Run = scrutiny()
        .arg("init")
        .arg(&root)
        .args(["--today", "2024-06-01"])
        .output()
        .expect("run scrutiny init")
        .into();
    assert!(init.success, "{}", init.stderr);
    assert!(
        init.stdout.contains("Created a new site in"),
        "{}",
        init.stdout
    );
    for file in [
        "config.toml",
        "content/themes.toml",
        "content/reports/serious-youth-violence.md",
        "content/responses/serious-youth-violence-response.md",
        "content/pages/about.md",
        "content/pages/accessibility.md",
        "themes/default/templates/base.html",
        "themes/default/templates/404.html",
        "themes/default/static/assets/site.css",
    ] {
        assert!(root.join(file).is_file(), "{file} is missing");
    }
    for args in [&["--strict"][..], &["--strict", "--drafts"][..]] {
        let check: Run = scrutiny()
            .arg("check")
            .arg("--root")
            .arg(&root)
            .args(["--today", "2024-11-01"])
            .args(args)
            .output()
            .expect("run scrutiny check")
            .into();
        assert!(check.success, "{}", check.stderr);
        assert!(
            check.stdout.contains("No problems found"),
            "{}",
            check.stdout
        );
    }
    let build: Run = scrutiny()
        .arg("build")
        .arg("--root")
        .arg(&root)
        .args(["--today", "2024-11-01"])
        .output()
        .expect("run scrutiny build")
        .into();
    assert!(build.success, "{}", build.stderr);
    let page =
        std::fs::read_to_string(root.join("public/reports/serious-youth-violence/index.html"))
            .expect("the example report's page");
    assert!(
        page.contains("/hmicfrs/assets/site.css"),
        "the theme on disk was not used"
    );
}

#[test]
fn init_never_overwrites_a_file() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir_all(dir.path().join("content/pages")).expect("a folder");
    std::fs::write(dir.path().join("content/pages/about.md"), "Ours.").expect("a file");
    let init: Run = scrutiny()
        .arg("init")
        .arg(dir.path())
        .output()
        .expect("run scrutiny init")
        .into();
    assert!(!init.success);
    assert!(
        init.stderr
            .contains("content/pages/about.md already exists; scrutiny never overwrites a file"),
        "{}",
        init.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("content/pages/about.md"))
            .ok()
            .as_deref(),
        Some("Ours.")
    );
    assert!(
        !dir.path().join("config.toml").exists(),
        "init wrote some files before refusing"
    );
}

#[test]
fn a_new_report_is_valid_as_written_and_explains_every_field() {
    let site = TestSite::copy_of("minimal");
    let created = run(&["new", "report", "custody-2024"], &site);
    assert!(created.success, "{}", created.stderr);
    assert!(
        created
            .stdout
            .contains("Created content/reports/custody-2024.md"),
        "{}",
        created.stdout
    );
    let text = site.read("content/reports/custody-2024.md");
    for field in [
        "title = ",
        "published = 2024-11-01",
        "type = ",
        "sector = ",
        "themes = [\"custody\"]",
        "url = ",
        "summary = ",
        "# statutory = ",
        "# follows_up = ",
        "draft = true",
        "[[findings]]",
        "id = ",
        "kind = ",
        "text = ",
        "addressed_to = ",
        "applies = ",
        "owner = \"Testshire Police\"",
        "# due = ",
        "status = ",
        "# [[findings.updates]]",
        "# date = ",
        "# note = ",
    ] {
        assert!(text.contains(field), "no {field:?} in:\n{text}");
    }
    assert!(
        text.contains("custody, fire-safety, roads-policing"),
        "{text}"
    );
    assert!(
        text.contains("it would be due by 26 December 2024"),
        "{text}"
    );
    for args in [&[][..], &["--drafts"][..]] {
        let check = site.check(args);
        assert!(check.success, "{}", check.stderr);
        assert!(!check.stderr.contains("error"), "{}", check.stderr);
    }
    // Published, it is still a valid report.
    site.write(
        "content/reports/custody-2024.md",
        text.replace("draft = true", "draft = false"),
    );
    assert!(site.check(&[]).success);
}

#[test]
fn new_report_checks_the_slug_and_never_overwrites() {
    let site = TestSite::copy_of("minimal");
    let bad = run(&["new", "report", "Roads Policing 2020"], &site);
    assert!(!bad.success);
    assert!(
        bad.stderr.contains("`Roads Policing 2020` is not a valid slug: use lowercase letters, digits and single hyphens (did you mean `roads-policing-2020`?)"),
        "{}",
        bad.stderr
    );
    let before = site.read("content/reports/roads-2020.md");
    let again = run(&["new", "report", "roads-2020"], &site);
    assert!(!again.success);
    assert!(
        again.stderr.contains("roads-2020.md already exists"),
        "{}",
        again.stderr
    );
    assert_eq!(site.read("content/reports/roads-2020.md"), before);
}

#[test]
fn a_new_response_is_prefilled_from_its_report() {
    let site = TestSite::copy_of("minimal");
    std::fs::remove_file(site.path("content/responses/custody-2023-response.md")).expect("remove");
    let created = run(&["new", "response", "custody-2023"], &site);
    assert!(created.success, "{}", created.stderr);
    let text = site.read("content/responses/custody-2023-response.md");
    for expected in [
        "#   An inspection of Testshire Police custody suites\n",
        "# published by HMICFRS on 8 March 2023.\n",
        "# Deadline: 2 May 2023 (549 days ago).",
        "report = \"custody-2023\"\n",
        "date = 2024-11-01\n",
        "# title = \"Response to An inspection of Testshire Police custody suites\"\n",
        "author = \"Alex Example\"\n",
        "role = \"Police and Crime Commissioner for Testshire\"\n",
        "to = \"Home Secretary\"\n",
        "cc = [\"Chief Constable, Testshire Police\"]\n",
        "addresses = [\"R1\"]\n",
        "draft = true\n",
        "## Recommendation 1\n",
        "> By 31 March 2024, the force should make sure detainees' risk assessments",
    ] {
        assert!(text.contains(expected), "no {expected:?} in:\n{text}");
    }
    // R2 does not apply to the force and AFI1 is not a recommendation.
    assert!(!text.contains("\"R2\"") && !text.contains("AFI1"), "{text}");
    let check = site.check(&["--drafts", "--strict"]);
    assert!(check.success, "{}", check.stderr);

    let again = run(&["new", "response", "custody-2023"], &site);
    assert!(!again.success);
    assert!(
        again
            .stderr
            .contains("content/responses/custody-2023-response.md already exists"),
        "{}",
        again.stderr
    );
}

#[test]
fn a_second_response_to_a_report_gets_its_own_slug() {
    let site = TestSite::copy_of("minimal");
    let existing = site.read("content/responses/custody-2023-response.md");
    let refused = run(&["new", "response", "custody-2023"], &site);
    assert!(!refused.success);
    assert!(
        refused.stderr.contains(
            "content/responses/custody-2023-response.md already exists; scrutiny never overwrites a file: \
             edit it, or, for another response to the same report, give the new one its own name with \
             `--slug custody-2023-response-2`"
        ),
        "{}",
        refused.stderr
    );
    let created = run(
        &[
            "new",
            "response",
            "custody-2023",
            "--slug",
            "custody-2023-update",
        ],
        &site,
    );
    assert!(created.success, "{}", created.stderr);
    assert!(
        created
            .stdout
            .contains("Created content/responses/custody-2023-update.md"),
        "{}",
        created.stdout
    );
    let text = site.read("content/responses/custody-2023-update.md");
    assert!(text.contains("report = \"custody-2023\"\n"), "{text}");
    assert_eq!(
        site.read("content/responses/custody-2023-response.md"),
        existing
    );
    let check = site.check(&["--drafts"]);
    assert!(check.success, "{}", check.stderr);

    let bad = run(
        &[
            "new",
            "response",
            "custody-2023",
            "--slug",
            "Custody Update",
        ],
        &site,
    );
    assert!(!bad.success);
    assert!(
        bad.stderr.contains("`Custody Update` is not a valid slug"),
        "{}",
        bad.stderr
    );
}

#[test]
fn a_new_response_to_an_unknown_report_suggests_one() {
    let site = TestSite::copy_of("minimal");
    let run = run(&["new", "response", "custody-2032"], &site);
    assert!(!run.success);
    assert!(
        run.stderr.contains(
            "there is no report content/reports/custody-2032.md (did you mean `custody-2023`?)"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn new_outside_a_site_says_so() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let run: Run = scrutiny()
        .args(["new", "report", "x"])
        .arg("--root")
        .arg(dir.path())
        .output()
        .expect("run scrutiny")
        .into();
    assert!(!run.success);
    assert!(
        run.stderr
            .contains("is not a scrutiny site: it has no config.toml"),
        "{}",
        run.stderr
    );
}
