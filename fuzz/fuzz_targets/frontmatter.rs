//! Fuzzes front-matter splitting and the TOML readers of `config.toml` and `themes.toml`.

#![no_main]

mod common;

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use scrutiny::document::{read_config, read_themes};
use scrutiny::frontmatter::split;
use scrutiny::source::TextFile;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("content/reports/fuzzed.md");
    match split(path, text) {
        Ok(parts) => {
            // The parts are slices of the text, in order, and the body starts on a real line.
            let toml_end = parts.toml_offset + parts.toml.len();
            assert_eq!(&text[parts.toml_offset..toml_end], parts.toml);
            assert!(text.ends_with(parts.body));
            let lines = text.split('\n').count();
            assert!(parts.body_line >= 2 && parts.body_line <= lines + 1);
        }
        Err(problem) => common::assert_located(&[problem], &[(path, text)]),
    }
    let config = TextFile {
        path: Path::new("config.toml").to_path_buf(),
        text: text.to_string(),
    };
    let (_, problems) = read_config(&config);
    common::assert_located(&problems, &[(&config.path, text)]);
    let themes = TextFile {
        path: Path::new("content/themes.toml").to_path_buf(),
        text: text.to_string(),
    };
    let (_, problems) = read_themes(&themes);
    common::assert_located(&problems, &[(&themes.path, text)]);
});
