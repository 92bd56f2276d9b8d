//! `corpus floor`: one HTML file for every Markdown file of a generated archive, rendered as
//! scrutiny renders Markdown, and nothing else.

use crate::generate::generate;
use crate::support::{Run, corpus, tree};

#[test]
fn it_renders_every_markdown_file_and_nothing_else() {
    let temp = tempfile::tempdir().expect("a temporary folder");
    let (site, out) = (temp.path().join("site"), temp.path().join("floor"));
    let generated = generate(&site, "20", "4", &[]);
    assert!(generated.success, "{}", generated.stderr);
    let content = site.join("content");
    let run: Run = corpus()
        .arg("floor")
        .args([&content, &out])
        .output()
        .expect("run corpus floor")
        .into();
    assert!(run.success, "{}", run.stderr);
    let markdown: Vec<(String, Vec<u8>)> = tree(&content)
        .into_iter()
        .filter(|(path, _)| path.ends_with(".md"))
        .collect();
    assert!(
        run.stdout
            .contains(&format!("Rendered {} Markdown files", markdown.len())),
        "{}",
        run.stdout
    );
    let html = tree(&out);
    assert_eq!(html.len(), markdown.len());
    for (path, bytes) in markdown {
        let page = format!("{}.html", path.trim_end_matches(".md"));
        let expected = scrutiny_corpus::floor::render(&String::from_utf8_lossy(&bytes));
        assert_eq!(html.get(&page), Some(&expected.into_bytes()), "{page}");
    }
}

#[test]
fn it_needs_a_content_folder_and_an_output_folder() {
    let run: Run = corpus()
        .args(["floor", "content"])
        .output()
        .expect("run corpus floor")
        .into();
    assert!(!run.success);
    assert!(run.stderr.contains("OUT_DIR"), "{}", run.stderr);
}
