//! The shape of the code, read from `src/`: the modules use each other without a cycle, the
//! bottom modules (the domain's vocabulary and the small pieces every stage shares) use nothing
//! of the crate, no module reaches a stage through a re-export at the crate root, and every
//! file says what it owns in a `//!` line. ARCHITECTURE.md draws the same picture.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Modules that every stage may use and that use nothing of the crate.
const BOTTOM: &[&str] = &["vocabulary", "dates", "routes", "parallel", "diagnostic"];

/// Files that are not modules of the library (the binary) or only tests.
fn is_outside_the_graph(relative: &Path) -> bool {
    let name = relative.file_name().and_then(|n| n.to_str()).unwrap_or("");
    relative == Path::new("main.rs")
        || relative == Path::new("cli.rs")
        || relative == Path::new("lib.rs")
        || name == "tests.rs"
        || name.ends_with("_tests.rs")
}

fn rust_files(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("a source folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The top-level module a file belongs to (`render/pages.rs` → `render`).
fn module_of(relative: &Path) -> String {
    let first = relative
        .iter()
        .next()
        .and_then(|p| p.to_str())
        .unwrap_or("");
    first.trim_end_matches(".rs").to_string()
}

/// The names after `crate::` in `text`, up to the end of its test module.
fn crate_paths(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut names = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let name: String = code[at + "crate::".len()..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '{')
            .collect();
        names.push(name);
    }
    names
}

/// Every module's uses of other modules, and the root names used that are not modules.
fn module_graph() -> (BTreeMap<String, BTreeSet<String>>, Vec<String>) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files: Vec<(PathBuf, String)> = rust_files(&src)
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(&src).expect("under src").to_path_buf();
            let text = std::fs::read_to_string(&path).expect("a source file");
            (relative, text)
        })
        .filter(|(relative, _)| !is_outside_the_graph(relative))
        .collect();
    let modules: BTreeSet<String> = files.iter().map(|(r, _)| module_of(r)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = modules
        .iter()
        .map(|m| (m.clone(), BTreeSet::new()))
        .collect();
    let mut through_root = Vec::new();
    for (relative, text) in &files {
        let module = module_of(relative);
        for name in crate_paths(text) {
            if modules.contains(&name) {
                if name != module {
                    graph.entry(module.clone()).or_default().insert(name);
                }
            } else {
                through_root.push(format!("{}: crate::{name}", relative.display()));
            }
        }
    }
    (graph, through_root)
}

/// A cycle in `graph`, if there is one, as the modules along it.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(
        module: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(module.to_string(), Mark::Open);
        path.push(module.to_string());
        for next in graph.get(module).into_iter().flatten() {
            match marks.get(next).copied().unwrap_or(Mark::New) {
                Mark::Open => {
                    let start = path.iter().position(|m| m == next).unwrap_or(0);
                    let mut cycle = path[start..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Mark::New => {
                    if let Some(cycle) = visit(next, graph, marks, path) {
                        return Some(cycle);
                    }
                }
                Mark::Done => {}
            }
        }
        path.pop();
        marks.insert(module.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for module in graph.keys() {
        if marks.get(module).copied().unwrap_or(Mark::New) == Mark::New {
            if let Some(cycle) = visit(module, graph, &mut marks, &mut Vec::new()) {
                return Some(cycle);
            }
        }
    }
    None
}

#[test]
fn modules_use_each_other_without_a_cycle() {
    let (graph, _) = module_graph();
    assert!(graph.len() > 10, "too few modules found: {graph:?}");
    if let Some(cycle) = find_cycle(&graph) {
        panic!("a module cycle: {}", cycle.join(" -> "));
    }
}

#[test]
fn the_bottom_modules_use_nothing_of_the_crate() {
    let (graph, _) = module_graph();
    for module in BOTTOM {
        let uses = graph.get(*module).expect("a bottom module exists");
        assert!(uses.is_empty(), "{module} uses {uses:?}");
    }
}

#[test]
fn no_module_reaches_another_through_the_crate_root() {
    let (_, through_root) = module_graph();
    assert!(
        through_root.is_empty(),
        "name the module, not a re-export at the crate root: {through_root:#?}"
    );
}

#[test]
fn every_source_file_says_what_it_owns() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let silent: Vec<PathBuf> = rust_files(&src)
        .into_iter()
        .filter(|path| {
            let text = std::fs::read_to_string(path).expect("a source file");
            !text.trim_start().starts_with("//!")
        })
        .collect();
    assert!(silent.is_empty(), "no `//!` line: {silent:#?}");
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("archive", &["deadline"][..]),
        ("deadline", &["document"]),
        ("document", &["archive"]),
        ("render", &["archive"]),
    ]
    .into_iter()
    .map(|(m, uses)| (m.to_string(), uses.iter().map(|u| u.to_string()).collect()))
    .collect();
    assert_eq!(
        find_cycle(&graph),
        Some(
            ["archive", "deadline", "document", "archive"]
                .map(String::from)
                .to_vec()
        )
    );
    let mut acyclic = graph;
    acyclic.insert("document".into(), BTreeSet::new());
    assert_eq!(find_cycle(&acyclic), None);
}
