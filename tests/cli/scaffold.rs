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
    let check = |args: &[&str]| -> Run {
        scrutiny()
            .arg("check")
            .arg("--root")
            .arg(&root)
            .args(["--today", "2024-11-01"])
            .args(args)
            .output()
            .expect("run scrutiny check")
            .into()
    };
    // The example site's placeholders are each a warning, at its place, until they are replaced:
    // the site checks, but not under `--strict`.
    let warned = check(&[]);
    assert!(warned.success, "{}", warned.stderr);
    for (location, message, help) in INIT_PLACEHOLDERS {
        warned.assert_diagnostic(location, message, help);
    }
    assert!(
        warned.stderr.contains(&format!(
            "0 errors and {} warnings",
            INIT_PLACEHOLDERS.len()
        )),
        "{}",
        warned.stderr
    );
    assert!(!check(&["--strict"]).success);
    replace_init_placeholders(&root);
    for args in [&["--strict"][..], &["--strict", "--drafts"][..]] {
        let check = check(args);
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

/// The files that make a new site a repository that checks and publishes itself.
const REPOSITORY_FILES: &[&str] = &[
    ".github/workflows/check.yml",
    ".github/workflows/publish.yml",
    ".github/actions/install-scrutiny/action.yml",
    ".gitlab-ci.yml",
    ".gitignore",
    "README.md",
];

#[test]
fn init_writes_a_repository_that_checks_and_publishes_itself() {
    let dir = initialised();
    let root = dir.path();
    let read = |relative: &str| {
        std::fs::read_to_string(root.join(relative))
            .unwrap_or_else(|e| panic!("{relative} was not written: {e}"))
    };
    for file in REPOSITORY_FILES {
        let text = read(file);
        assert!(
            !text.contains("{scrutiny_") && !text.contains("{today"),
            "{file} has a value left open:\n{text}"
        );
    }

    // Both pipelines install the release of the scrutiny that wrote them, from the archive the
    // release workflow makes, checked against its SHA256SUMS, and never compile it.
    let version = env!("CARGO_PKG_VERSION");
    let action = read(".github/actions/install-scrutiny/action.yml");
    let gitlab = read(".gitlab-ci.yml");
    assert!(
        action.contains(&format!("default: \"{version}\"")),
        "{action}"
    );
    assert!(
        gitlab.contains(&format!("SCRUTINY_VERSION: \"{version}\"")),
        "{gitlab}"
    );
    for (file, text) in [("action.yml", &action), (".gitlab-ci.yml", &gitlab)] {
        for needed in [
            "scrutiny-v${SCRUTINY_VERSION}-${arch}-unknown-linux-gnu",
            "/releases/download/v${SCRUTINY_VERSION}",
            "SHA256SUMS",
            "sha256sum",
        ] {
            assert!(text.contains(needed), "{file} lacks {needed:?}");
        }
        assert!(!text.contains("cargo "), "{file} compiles scrutiny");
    }
    let release = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows/release.yml"),
    )
    .expect("this repository's release workflow");
    for made in [
        "name=\"scrutiny-$TAG-$TARGET\"",
        "target: x86_64-unknown-linux-gnu",
        "target: aarch64-unknown-linux-gnu",
        "tar -czf \"$name.tar.gz\" \"$name\"",
        "sha256sum -- scrutiny-* > SHA256SUMS",
    ] {
        assert!(release.contains(made), "release.yml no longer has {made:?}");
    }
    let check_workflow = read(".github/workflows/check.yml");
    assert!(check_workflow.contains("scrutiny check --format github"));
    assert!(check_workflow.contains("uses: ./.github/actions/install-scrutiny"));
    let publish = read(".github/workflows/publish.yml");
    for needed in [
        "uses: ./.github/actions/install-scrutiny",
        "run: scrutiny check",
        "run: scrutiny build",
        "actions/configure-pages@",
        "actions/upload-pages-artifact@",
        "actions/deploy-pages@",
        "pages: write",
        "id-token: write",
        "schedule:",
        "workflow_dispatch:",
    ] {
        assert!(publish.contains(needed), "publish.yml lacks {needed:?}");
    }
    assert!(gitlab.contains("\npages:\n"), "{gitlab}");
    assert!(gitlab.contains("      - public\n"), "{gitlab}");
    assert!(read(".gitignore").contains("/public/"));
    let readme = read("README.md");
    for needed in ["/admin/", "scrutiny new response", "docs/publishing.md"] {
        assert!(readme.contains(needed), "README.md lacks {needed:?}");
    }

    // The [cms] example is there, every line of it commented out.
    let config = read("config.toml");
    let cms = config
        .split_once("# [cms]\n")
        .map(|(_, table)| table)
        .expect("a commented [cms] table in config.toml");
    for key in [
        "backend",
        "repo",
        "branch",
        "editorial_workflow",
        "auth_url",
        "app_id",
    ] {
        assert!(
            cms.contains(&format!("\n# {key} = ")),
            "no {key} in:\n{cms}"
        );
    }
    assert!(cms.lines().all(|line| line.starts_with('#')), "{cms}");
    let uncommented: String = cms
        .lines()
        .filter_map(|line| line.strip_prefix("# "))
        .filter(|line| line.contains(" = "))
        .map(|line| format!("{line}\n"))
        .collect();
    let example: toml::Table = toml::from_str(&uncommented).expect("the example is TOML");
    assert_eq!(example.len(), 6, "{uncommented}");
    assert_eq!(
        example
            .get("editorial_workflow")
            .and_then(toml::Value::as_bool),
        Some(true)
    );

    // The new site checks with no error (its placeholders are warnings) and builds.
    for command in ["check", "build"] {
        let run: Run = scrutiny()
            .arg(command)
            .arg("--root")
            .arg(root)
            .output()
            .expect("run scrutiny")
            .into();
        assert!(run.success, "{command}: {}", run.stderr);
        assert!(
            !run.stderr.lines().any(|line| line.starts_with("error")),
            "{command} reported an error:\n{}",
            run.stderr
        );
    }
    assert!(root.join("public/index.html").is_file());
    assert!(!root.join("public/.github").exists() && !root.join("public/README.md").exists());
}

const NAME_HELP: &str = "write the real name: your own force, your office or the person who signed";
const PROMPT_HELP: &str = "replace it with your own words, as it asks";
const RESPONSE: &str = "content/responses/serious-youth-violence-response.md";

/// Every placeholder of the site `init` writes: where, what `check` says, and its help.
const INIT_PLACEHOLDERS: &[(&str, &str, &str)] = &[
    (
        "config.toml:13:12",
        "`base_url` is still the example address \"https://www.example.org/hmicfrs/\"",
        "write the address the site will be published at, such as \"https://YOUR-ACCOUNT.github.io/YOUR-REPOSITORY/\" on GitHub Pages",
    ),
    (
        "config.toml:20:16",
        "`organisation` still has the example name \"Exampleshire\"",
        "write your own office's and force's names",
    ),
    (
        "config.toml:23:9",
        "`force` still has the example name \"Exampleshire\"",
        "write your own office's and force's names",
    ),
    (
        "content/pages/about.md:5:154",
        "the example name \"Exampleshire\" is still in the text",
        NAME_HELP,
    ),
    (
        "content/pages/accessibility.md:9:145",
        "the example name \"Exampleshire\" is still in the text",
        NAME_HELP,
    ),
    (
        "content/pages/accessibility.md:22:9",
        "the template's prompt \"[EMAIL ADDRESS]\" is still in the text",
        PROMPT_HELP,
    ),
    (
        "content/pages/accessibility.md:22:25",
        "the template's prompt \"(replace this with\" is still in the text",
        PROMPT_HELP,
    ),
    (
        "content/pages/accessibility.md:23:8",
        "the template's prompt \"[TELEPHONE NUMBER]\" is still in the text",
        PROMPT_HELP,
    ),
    (
        "content/pages/accessibility.md:23:27",
        "the template's prompt \"(replace this with\" is still in the text",
        PROMPT_HELP,
    ),
    (
        "content/pages/accessibility.md:31:126",
        "the template's prompt \"[Replace this\" is still in the text",
        PROMPT_HELP,
    ),
    (
        "content/pages/accessibility.md:35:1",
        "the template's prompt \"[List here\" is still in the text",
        PROMPT_HELP,
    ),
    (
        "content/pages/accessibility.md:39:45",
        "the template's prompt \"[Say how you tested\" is still in the text",
        PROMPT_HELP,
    ),
    (
        "content/reports/serious-youth-violence.md:33:9",
        "`owner` still has the example name \"Exampleshire\"",
        "write who leads the work on it, such as your own force's name",
    ),
    (
        "content/reports/serious-youth-violence.md:46:9",
        "`owner` still has the example name \"Exampleshire\"",
        "write who leads the work on it, such as your own force's name",
    ),
    (
        "content/responses/serious-youth-violence-response.md:5:10",
        "`author` still has the example name \"Sam Example\"",
        "write the name of the person who signed the letter",
    ),
    (
        "content/responses/serious-youth-violence-response.md:6:8",
        "`role` still has the example name \"Exampleshire\"",
        "write the signatory's role, such as Police and Crime Commissioner for your area",
    ),
    (
        "content/responses/serious-youth-violence-response.md:8:6",
        "`cc` still has the example name \"Exampleshire\"",
        "write who the letter is copied to, such as the Chief Constable of your own force",
    ),
    (
        "content/responses/serious-youth-violence-response.md:15:56",
        "the example name \"Exampleshire\" is still in the text",
        NAME_HELP,
    ),
    (
        "content/responses/serious-youth-violence-response.md:23:173",
        "the example name \"Exampleshire\" is still in the text",
        NAME_HELP,
    ),
    (
        "content/responses/serious-youth-violence-response.md:29:1",
        "the example name \"Sam Example\" is still in the text",
        NAME_HELP,
    ),
];

/// Does what a new office does first: its own address, names and contact details.
fn replace_init_placeholders(root: &std::path::Path) {
    let edit = |relative: &str, replacements: &[(&str, &str)]| {
        let path = root.join(relative);
        let mut text = std::fs::read_to_string(&path).expect("a file init wrote");
        for (from, to) in replacements {
            assert!(text.contains(from), "no {from:?} in {relative}");
            text = text.replace(from, to);
        }
        std::fs::write(&path, text).expect("write");
    };
    let names = [("Exampleshire", "Testshire"), ("Sam Example", "Alex Jones")];
    edit(
        "config.toml",
        &[
            (
                "https://www.example.org/hmicfrs/\"",
                "https://testshire-pfcc.github.io/hmicfrs/\"",
            ),
            names[0],
        ],
    );
    edit("content/pages/about.md", &names[..1]);
    edit("content/reports/serious-youth-violence.md", &names[..1]);
    edit(RESPONSE, &names);
    edit(
        "content/pages/accessibility.md",
        &[
            [names[0]].as_slice(),
            crate::support::STATEMENT_ANSWERS.as_slice(),
        ]
        .concat(),
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
    // Valid as written, but each of the template's placeholders is a warning until it is
    // replaced, so `--strict` fails.
    const REPORT: &str = "content/reports/custody-2024.md";
    let placeholders = [
        (
            "9:9",
            "`title` is still the template's placeholder \"Title of the HMICFRS report\"",
            "write the report's title, exactly as HMICFRS gives it",
            "\"Title of the HMICFRS report\"",
            "\"An inspection of Testshire Police custody suites, 2024\"",
        ),
        (
            "26:7",
            "`url` is still the template's placeholder \"https://www.justiceinspectorates.gov.uk/hmicfrs/publications/\"",
            "write the address of the report's own page on the HMICFRS website",
            "/publications/\"",
            "/publications/custody-2024/\"",
        ),
        (
            "29:11",
            "`summary` is still the template's placeholder \"One or two sentences saying what HMICFRS inspected and what it found.\"",
            "write one or two sentences saying what HMICFRS inspected and what it found",
            "One or two sentences saying what HMICFRS inspected and what it found.",
            "HMICFRS inspected the force's custody suites.",
        ),
        (
            "50:8",
            "`text` is still the template's placeholder \"The words of the recommendation, as the report gives them.\"",
            "copy the finding's words from the report",
            "The words of the recommendation, as the report gives them.",
            "The force should review its custody risk assessments.",
        ),
        (
            "75:1",
            "the template's prompt \"The office's own summary of the report, in Markdown\" is still in the text",
            "replace it with your own words, as it asks",
            "The office's own summary of the report, in Markdown",
            "Our summary",
        ),
    ];
    for args in [&[][..], &["--drafts"][..]] {
        let check = site.check(args);
        assert!(check.success, "{}", check.stderr);
        for (at, message, help, _, _) in placeholders {
            check.assert_diagnostic(&format!("{REPORT}:{at}"), message, help);
        }
        assert!(
            check.stderr.contains("0 errors and 5 warnings"),
            "{}",
            check.stderr
        );
    }
    assert!(!site.check(&["--strict"]).success);
    // Filled in, nothing is left to warn of.
    let mut filled = text.clone();
    for (_, _, _, placeholder, own) in placeholders {
        filled = filled.replacen(placeholder, own, 1);
    }
    site.write(REPORT, &filled);
    assert!(site.check(&["--strict", "--drafts"]).success);
    // Published, it is still a valid report.
    site.write(REPORT, filled.replace("draft = true", "draft = false"));
    assert!(site.check(&["--strict"]).success);
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
    // The letter's prompt is a warning until it is replaced.
    let check = site.check(&["--drafts"]);
    assert!(check.success, "{}", check.stderr);
    check.assert_diagnostic(
        "content/responses/custody-2023-response.md:57:1",
        "the template's prompt \"What has been done, and what is planned, in response.\" is still in the text",
        "replace it with your own words, as it asks",
    );
    assert!(!site.check(&["--drafts", "--strict"]).success);
    site.write(
        "content/responses/custody-2023-response.md",
        text.replace(
            "What has been done, and what is planned, in response.",
            "The force has reviewed every risk assessment.",
        ),
    );
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

/// The commented `[cms]` table `init` writes is the one the checks read: uncommented as the
/// comments say, it turns the editor on, for GitHub, with the practice backend, and for GitLab.
#[test]
fn the_commented_cms_table_of_init_works_once_uncommented() {
    let dir = initialised();
    let root = dir.path();
    let config_path = root.join("config.toml");
    let original = std::fs::read_to_string(&config_path).expect("config.toml");
    assert!(original.contains("\n# [cms]\n"), "{original}");
    // Uncomment the [cms] line and every setting after it (`# key = value`), as the notes say.
    let mut in_cms = false;
    let uncommented: Vec<String> = original
        .lines()
        .map(|line| {
            if line == "# [cms]" {
                in_cms = true;
                return "[cms]".to_string();
            }
            match line.strip_prefix("# ") {
                Some(setting) if in_cms && setting.contains(" = ") => setting.to_string(),
                _ => line.to_string(),
            }
        })
        .collect();
    let github = uncommented.join("\n");
    for (backend, text) in [
        ("github", github.clone()),
        (
            "test-repo",
            github.replace("backend = \"github\"", "backend = \"test-repo\""),
        ),
        (
            "gitlab",
            github.replace("backend = \"github\"", "backend = \"gitlab\""),
        ),
    ] {
        std::fs::write(&config_path, &text).expect("write config.toml");
        let build: Run = scrutiny()
            .args(["build", "--root"])
            .arg(root)
            .output()
            .expect("run scrutiny build")
            .into();
        assert!(build.success, "{backend}: {}", build.stderr);
        assert!(
            !build.stderr.contains("error:"),
            "{backend}: {}",
            build.stderr
        );
        let editor = std::fs::read_to_string(root.join("public/admin/config.yml"))
            .unwrap_or_else(|e| panic!("{backend}: no admin/config.yml: {e}"));
        assert!(
            editor.contains(&format!("\"name\": \"{backend}\"")),
            "{backend}: {editor}"
        );
    }
}

/// A new site, as `scrutiny init` writes it into an empty folder.
fn initialised() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let init: Run = scrutiny()
        .arg("init")
        .arg(dir.path())
        .output()
        .expect("run scrutiny init")
        .into();
    assert!(init.success, "{}", init.stderr);
    dir
}
