//! Fuzzes the whole pipeline short of writing: the input becomes a report, a response and a page
//! of a small site on disk, which is loaded, validated and rendered in memory.

#![no_main]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use scrutiny::SiteOptions;
use scrutiny::dates::Date;

const CONFIG: &str = "title = \"Fuzzed\"\nbase_url = \"https://example.org/sub/\"\n\
                      organisation = \"Office\"\n\n[markdown]\nraw_html = \"escape\"\n";
const THEMES: &str = "[custody]\ntitle = \"Custody\"\n\n[roads]\ntitle = \"Roads\"\n";
const REPORT: &str = "+++\ntitle = \"A report\"\npublished = 2023-03-08\ntype = \"peel\"\n\
                      themes = [\"custody\"]\n\n[[findings]]\nid = \"R1\"\nkind = \"recommendation\"\n\
                      text = \"Do it.\"\n+++\nBody.\n";

/// Where the input is written, under the site root.
const FUZZED: [&str; 3] = [
    "content/reports/fuzzed.md",
    "content/responses/fuzzed-response.md",
    "content/pages/fuzzed-page.md",
];

fn site() -> &'static Path {
    static SITE: OnceLock<tempfile::TempDir> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for folder in [
            "content/reports",
            "content/responses",
            "content/pages",
            "content/files",
        ] {
            fs::create_dir_all(dir.path().join(folder)).expect("create a folder");
        }
        fs::write(dir.path().join("config.toml"), CONFIG).expect("write config.toml");
        fs::write(dir.path().join("content/themes.toml"), THEMES).expect("write themes.toml");
        fs::write(dir.path().join("content/reports/known.md"), REPORT).expect("write a report");
        fs::write(dir.path().join("content/files/letter.pdf"), b"%PDF-1.4\n")
            .expect("write a file");
        dir
    })
    .path()
}

fuzz_target!(|data: &[u8]| {
    let root = site();
    for relative in FUZZED {
        fs::write(root.join(relative), data).expect("write the fuzzed file");
    }
    let options = SiteOptions {
        root: root.to_path_buf(),
        today: Date::parse_iso("2024-11-01").expect("a date"),
        drafts: data.first().is_some_and(|b| b & 1 == 1),
    };
    let loaded = scrutiny::load(&options, scrutiny::Bodies::InMemory);
    let diagnostics = loaded.diagnostics.into_sorted();
    // The text of each file a diagnostic points into, read as the CLI reads it to show it.
    let texts: Vec<(PathBuf, String)> = loaded.lines.texts_of(&diagnostics).into_iter().collect();
    let mut files: Vec<(&Path, &str)> = texts
        .iter()
        .map(|(path, text)| (path.as_path(), text.as_str()))
        .collect();
    // A file that is not UTF-8 has no text: its diagnostics point into what could be decoded.
    let lossy = String::from_utf8_lossy(data);
    for relative in FUZZED {
        if !files.iter().any(|(path, _)| *path == Path::new(relative)) {
            files.push((Path::new(relative), &lossy));
        }
    }
    common::assert_located(&diagnostics, &files);
    let has_errors = diagnostics.iter().any(|d| d.is_error());
    assert_eq!(loaded.archive.is_some(), !has_errors);
    if let Some(archive) = loaded.archive
        && let Err(problems) = scrutiny::render_site(&options, &archive)
    {
        panic!(
            "a valid archive failed to render: {:?}",
            problems.into_sorted()
        );
    }
});
