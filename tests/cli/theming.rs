//! The theme guide, `docs/theming.md`, against the code: every value templates receive (each view
//! struct and its fields, each page's context, the maps pages build) and every file of the
//! default theme is in the guide, so the web team's contract cannot drift from what scrutiny does.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

const GUIDE: &str = "docs/theming.md";

/// Every struct deriving `Serialize` under `src/render/` is a view templates see, except in these
/// files (and folders), whose structs are written out as open data and the search index.
const NOT_FOR_TEMPLATES: &[&str] = &["src/render/opendata/", "src/render/search.rs"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A struct templates receive, with its fields as templates name them.
#[derive(Debug)]
struct View {
    name: String,
    file: String,
    fields: Vec<ViewField>,
}

#[derive(Debug)]
struct ViewField {
    /// The name templates use: the Rust name, or its `#[serde(rename)]`.
    name: String,
    rust_type: String,
    /// `#[serde(flatten)]`: the fields of `rust_type` appear in its place.
    flatten: bool,
}

/// The Rust files under `src/render/`, as (path relative to the root, text), sorted.
fn render_sources() -> Vec<(String, String)> {
    let mut sources: Vec<(String, String)> = walkdir::WalkDir::new(root().join("src/render"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "rs"))
        .map(|entry| {
            let relative = entry
                .path()
                .strip_prefix(root())
                .expect("under the root")
                .to_string_lossy()
                .replace('\\', "/");
            let text = fs::read_to_string(entry.path()).expect("a readable source file");
            (relative, text)
        })
        .collect();
    sources.sort();
    sources
}

/// A `#[...]` attribute's text without spaces, for matching.
fn squeezed(attribute: &str) -> String {
    attribute.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether a (squeezed) `#[serde(...)]` attribute holds the word `word` (`skip`, `flatten`).
fn serde_word(attribute: &str, word: &str) -> bool {
    attribute
        .strip_prefix("#[serde(")
        .and_then(|rest| rest.strip_suffix(")]"))
        .is_some_and(|inner| {
            inner
                .split(',')
                .any(|part| part == word || part.starts_with(&format!("{word}=")))
        })
}

/// The value of `key = "..."` in a (squeezed) `#[serde(...)]` attribute.
fn serde_value(attribute: &str, key: &str) -> Option<String> {
    let inner = attribute.strip_prefix("#[serde(")?.strip_suffix(")]")?;
    inner.split(',').find_map(|part| {
        part.strip_prefix(&format!("{key}=\""))
            .and_then(|value| value.strip_suffix('"'))
            .map(str::to_string)
    })
}

/// The serialisable structs of one file. Field-level `rename`, `skip`, `skip_serializing` and
/// `flatten` are followed (`skip_serializing_if` leaves the field in); any other serde attribute
/// on a field or struct is a problem, so that this test learns it rather than guessing.
fn views_in(file: &str, text: &str, problems: &mut Vec<String>) -> Vec<View> {
    let mut views = Vec::new();
    let mut attributes: Vec<String> = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let line = line.trim();
        if line.starts_with("#[") {
            let mut attribute = line.to_string();
            while attribute.matches('[').count() > attribute.matches(']').count() {
                let Some(next) = lines.next() else { break };
                attribute.push_str(next.trim());
            }
            attributes.push(squeezed(&attribute));
            continue;
        }
        if line.starts_with("//") {
            continue;
        }
        let derives_serialize = attributes.iter().any(|a| {
            a.starts_with("#[derive(")
                && a.trim_start_matches("#[derive(")
                    .trim_end_matches(")]")
                    .split(',')
                    .any(|name| name == "Serialize" || name.ends_with("::Serialize"))
        });
        let container_serde: Vec<String> = attributes
            .iter()
            .filter(|a| a.starts_with("#[serde("))
            .cloned()
            .collect();
        attributes.clear();
        let declaration = line
            .trim_start_matches("pub(crate) ")
            .trim_start_matches("pub(super) ")
            .trim_start_matches("pub ");
        let Some(rest) = declaration.strip_prefix("struct ") else {
            continue;
        };
        if !derives_serialize {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !container_serde.is_empty() {
            problems.push(format!(
                "{file}: `{name}` has {container_serde:?}; teach tests/cli/theming.rs what it does to the names templates see"
            ));
        }
        if !line.ends_with('{') {
            problems.push(format!(
                "{file}: `{name}` is not a struct with named fields; teach tests/cli/theming.rs to read it"
            ));
            continue;
        }
        let mut fields = Vec::new();
        let mut field_attributes: Vec<String> = Vec::new();
        for body_line in lines.by_ref() {
            let body_line = body_line.trim();
            if body_line == "}" {
                break;
            }
            if body_line.is_empty() || body_line.starts_with("//") {
                continue;
            }
            if body_line.starts_with("#[") {
                field_attributes.push(squeezed(body_line));
                continue;
            }
            let field = body_line
                .trim_start_matches("pub(crate) ")
                .trim_start_matches("pub(super) ")
                .trim_start_matches("pub ");
            let Some((rust_name, rust_type)) = field.split_once(':') else {
                problems.push(format!(
                    "{file}: cannot read the field line `{body_line}` of `{name}`"
                ));
                continue;
            };
            let mut field = ViewField {
                name: rust_name.trim().to_string(),
                rust_type: rust_type.trim().trim_end_matches(',').trim().to_string(),
                flatten: false,
            };
            let mut skipped = false;
            for attribute in field_attributes.drain(..) {
                if !attribute.starts_with("#[serde(") {
                    continue;
                }
                if serde_word(&attribute, "skip") || serde_word(&attribute, "skip_serializing") {
                    skipped = true;
                } else if serde_word(&attribute, "flatten") {
                    field.flatten = true;
                } else if let Some(renamed) = serde_value(&attribute, "rename") {
                    field.name = renamed;
                } else if !serde_word(&attribute, "skip_serializing_if") {
                    problems.push(format!(
                        "{file}: `{name}.{}` has {attribute}; teach tests/cli/theming.rs what it does",
                        field.name
                    ));
                }
            }
            if !skipped {
                fields.push(field);
            }
        }
        views.push(View {
            name,
            file: file.to_string(),
            fields,
        });
    }
    views
}

/// Every view, with flattened fields replaced by the fields of their struct.
fn template_views(problems: &mut Vec<String>) -> Vec<View> {
    let mut views = Vec::new();
    for (file, text) in render_sources() {
        if !NOT_FOR_TEMPLATES.iter().any(|excluded| {
            file == *excluded || file.starts_with(excluded) && excluded.ends_with('/')
        }) {
            views.extend(views_in(&file, &text, problems));
        }
    }
    let by_name: BTreeMap<String, Vec<(String, String)>> = views
        .iter()
        .map(|view| {
            let fields = view
                .fields
                .iter()
                .map(|f| (f.name.clone(), f.rust_type.clone()))
                .collect();
            (view.name.clone(), fields)
        })
        .collect();
    for view in &mut views {
        let mut fields = Vec::new();
        for field in view.fields.drain(..) {
            if !field.flatten {
                fields.push(field);
                continue;
            }
            match by_name.get(&field.rust_type) {
                Some(inner) => fields.extend(inner.iter().map(|(name, rust_type)| ViewField {
                    name: name.clone(),
                    rust_type: rust_type.clone(),
                    flatten: false,
                })),
                None => problems.push(format!(
                    "{}: `{}.{}` flattens `{}`, which is not a view struct",
                    view.file, view.name, field.name, field.rust_type
                )),
            }
        }
        view.fields = fields;
    }
    views
}

/// How the guide writes a Rust type for template authors: `string`, `number`, `bool`,
/// `optional X`, `list of X`, or a view's name in backticks.
fn template_type(rust_type: &str) -> Option<String> {
    let rust_type = rust_type.trim();
    if let Some(inner) = rust_type
        .strip_prefix("Option<")
        .and_then(|t| t.strip_suffix('>'))
    {
        return Some(format!("optional {}", template_type(inner)?));
    }
    if let Some(inner) = rust_type
        .strip_prefix("Vec<")
        .and_then(|t| t.strip_suffix('>'))
    {
        return Some(format!("list of {}", template_type(inner)?));
    }
    match rust_type {
        "String" | "&str" | "&'static str" | "&'a str" => Some("string".into()),
        "bool" => Some("bool".into()),
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" => {
            Some("number".into())
        }
        name if name.starts_with(char::is_uppercase)
            && name.chars().all(|c| c.is_alphanumeric() || c == '_') =>
        {
            Some(format!("`{name}`"))
        }
        _ => None,
    }
}

/// The keys of the `page_context! { ... }` map whose `{` is at `open`: the names before `=>`,
/// or alone, at its top level.
fn context_keys(text: &str, open: usize) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut keys = Vec::new();
    let mut depth = 0usize;
    let mut segment_start = open + 1;
    let mut at = open;
    let mut push_key = |segment: &str| {
        let segment = segment.trim();
        let key: String = segment
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let after = segment[key.len()..].trim_start();
        if !key.is_empty() && (after.is_empty() || after.starts_with("=>")) {
            keys.push(key);
        }
    };
    while at < bytes.len() {
        match bytes[at] {
            b'"' => {
                at += 1;
                while at < bytes.len() && bytes[at] != b'"' {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' | b'(' | b'[' => depth += 1,
            b'}' | b')' | b']' => {
                depth -= 1;
                if depth == 0 {
                    push_key(&text[segment_start..at]);
                    break;
                }
            }
            b',' if depth == 1 => {
                push_key(&text[segment_start..at]);
                segment_start = at + 1;
            }
            _ => {}
        }
        at += 1;
    }
    keys
}

/// What templates receive: each page's context from `page_context!` and each item template's
/// one value, by template name; and the other `page_context!` maps (list entries, nested values),
/// as (file, keys).
type Contexts = (
    BTreeMap<String, Vec<String>>,
    Vec<(String, BTreeSet<String>)>,
);

fn page_contexts(problems: &mut Vec<String>) -> Contexts {
    const MAP: &str = "page_context! {";
    const JOB: &str = "template: \"";
    const CONTEXT: &str = "context: page_context! {";
    let mut pages = BTreeMap::new();
    let mut others = Vec::new();
    for (file, text) in render_sources() {
        for (template, name) in item_values(&text) {
            if pages.insert(template.clone(), vec![name]).is_some() {
                problems.push(format!("{file}: two pages render `{template}`"));
            }
        }
        let mut page_maps = BTreeMap::new();
        for (at, _) in text.match_indices(JOB) {
            let name_start = at + JOB.len();
            let Some(name_length) = text[name_start..].find('"') else {
                continue;
            };
            let template = &text[name_start..name_start + name_length];
            let next_job = text[name_start..].find(JOB).unwrap_or(usize::MAX);
            match text[name_start..].find(CONTEXT) {
                Some(offset) if offset < next_job => {
                    let open = name_start + offset + CONTEXT.len() - 1;
                    page_maps.insert(open, template.to_string());
                }
                _ => problems.push(format!(
                    "{file}: the page of `{template}` has no `context: page_context! {{ ... }}` that this test can read"
                )),
            }
        }
        for (at, _) in text.match_indices(MAP) {
            let open = at + MAP.len() - 1;
            let keys = context_keys(&text, open);
            match page_maps.get(&open) {
                Some(template) => {
                    if pages.insert(template.clone(), keys).is_some() {
                        problems.push(format!("{file}: two pages render `{template}`"));
                    }
                }
                None => others.push((file.clone(), keys.into_iter().collect())),
            }
        }
    }
    (pages, others)
}

/// The item templates and the one value each receives, as (template, name): from the constants
/// `pub const REPORT: &str = "items/report.html";` and the calls `item::REPORT, "report"`, once
/// each.
fn item_values(text: &str) -> BTreeSet<(String, String)> {
    let constants: BTreeMap<&str, &str> = text
        .lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix("pub const ")?;
            let (name, value) = rest.split_once(": &str = \"")?;
            Some((name, value.strip_suffix("\";")?))
        })
        .collect();
    text.match_indices("item::")
        .filter_map(|(at, _)| {
            let rest = &text[at + "item::".len()..];
            let (constant, rest) = rest.split_once(", \"")?;
            let (name, _) = rest.split_once('"')?;
            let template = constants.get(constant)?;
            Some((template.to_string(), name.to_string()))
        })
        .collect()
}

/// A part of the guide: a heading and the lines up to the next heading.
struct Section {
    heading: String,
    /// The first cell of each table row, when it is one name in backticks, with the second cell.
    rows: Vec<(String, String)>,
}

impl Section {
    fn names(&self) -> BTreeSet<&str> {
        self.rows.iter().map(|(name, _)| name.as_str()).collect()
    }

    fn type_of(&self, name: &str) -> Option<&str> {
        self.rows
            .iter()
            .find(|(row, _)| row == name)
            .map(|(_, cell)| cell.as_str())
    }
}

/// A table row's cells, split at `|` but not at `\|`.
fn cells(row: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut escaped = false;
    for c in row.chars() {
        match c {
            '|' if !escaped => cells.push(String::new()),
            _ => cells.last_mut().expect("one cell at least").push(c),
        }
        escaped = c == '\\';
    }
    cells.iter().map(|cell| cell.trim().to_string()).collect()
}

fn sections(guide: &str) -> Vec<Section> {
    let mut sections = vec![Section {
        heading: String::new(),
        rows: Vec::new(),
    }];
    let mut in_code = false;
    for line in guide.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        if line.starts_with('#') {
            sections.push(Section {
                heading: line.to_string(),
                rows: Vec::new(),
            });
            continue;
        }
        if !line.starts_with('|') {
            continue;
        }
        let cells = cells(line);
        let Some(first) = cells.get(1) else { continue };
        let name = first
            .strip_prefix('`')
            .and_then(|name| name.strip_suffix('`'))
            .filter(|name| !name.is_empty() && !name.contains(['`', ' ']));
        if let Some(name) = name {
            let second = cells.get(2).cloned().unwrap_or_default();
            let section = sections.last_mut().expect("one section at least");
            section.rows.push((name.to_string(), second));
        }
    }
    sections
}

/// The one section whose heading names `name` in backticks.
fn section_of<'s>(
    sections: &'s [Section],
    name: &str,
    problems: &mut Vec<String>,
) -> Option<&'s Section> {
    let wanted = format!("`{name}`");
    let found: Vec<&Section> = sections
        .iter()
        .filter(|section| section.heading.contains(&wanted))
        .collect();
    match found.as_slice() {
        [one] => Some(one),
        [] => {
            problems.push(format!("{GUIDE} has no heading naming {wanted}"));
            None
        }
        _ => {
            problems.push(format!(
                "{GUIDE} has {} headings naming {wanted}; one is wanted",
                found.len()
            ));
            None
        }
    }
}

fn check_views(views: &[View], sections: &[Section], problems: &mut Vec<String>) {
    for view in views {
        let Some(section) = section_of(sections, &view.name, problems) else {
            continue;
        };
        let documented = section.names();
        for field in &view.fields {
            if !documented.contains(field.name.as_str()) {
                problems.push(format!(
                    "{GUIDE}: `{}.{}` ({}) is missing from the table under {}",
                    view.name, field.name, view.file, section.heading
                ));
                continue;
            }
            let Some(expected) = template_type(&field.rust_type) else {
                problems.push(format!(
                    "{}: `{}.{}` has the type `{}`, which tests/cli/theming.rs cannot name for templates",
                    view.file, view.name, field.name, field.rust_type
                ));
                continue;
            };
            let written = section.type_of(&field.name).unwrap_or_default();
            if !written.starts_with(&expected) {
                problems.push(format!(
                    "{GUIDE}: `{}.{}` is a {expected} (`{}`), but the guide says \"{written}\"",
                    view.name, field.name, field.rust_type
                ));
            }
        }
        let fields: BTreeSet<&str> = view.fields.iter().map(|f| f.name.as_str()).collect();
        for name in documented.difference(&fields) {
            problems.push(format!(
                "{GUIDE}: `{}.{name}` is under {}, but `{}` ({}) has no such field",
                view.name, section.heading, view.name, view.file
            ));
        }
    }
}

fn check_contexts(contexts: &Contexts, sections: &[Section], problems: &mut Vec<String>) {
    let (pages, others) = contexts;
    for (template, keys) in pages {
        let Some(section) = section_of(sections, template, problems) else {
            continue;
        };
        let documented = section.names();
        let keys: BTreeSet<&str> = keys.iter().map(String::as_str).collect();
        for key in keys.difference(&documented) {
            problems.push(format!(
                "{GUIDE}: `{key}`, given to `{template}`, is missing from the table under {}",
                section.heading
            ));
        }
        for name in documented.difference(&keys) {
            problems.push(format!(
                "{GUIDE}: `{name}` is under {}, but `{template}` is given no such value",
                section.heading
            ));
        }
    }
    for (file, keys) in others {
        let described = sections.iter().any(|section| {
            let documented = section.names();
            keys.iter().all(|key| documented.contains(key.as_str()))
        });
        if !described {
            problems.push(format!(
                "{GUIDE}: no table lists all the fields {keys:?} of a map made in {file} for templates"
            ));
        }
    }
}

/// Every file of `themes/default/`, relative to it (`templates/items/report.html`).
fn default_theme_files() -> Vec<String> {
    let folder = root().join("themes/default");
    let mut files: Vec<String> = walkdir::WalkDir::new(&folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            entry
                .path()
                .strip_prefix(&folder)
                .expect("under the theme")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

fn check_theme_files(guide: &str, sections: &[Section], problems: &mut Vec<String>) {
    for file in default_theme_files() {
        if !guide.contains(&format!("`{file}`")) {
            problems.push(format!("{GUIDE} does not name `{file}` of themes/default/"));
        }
        if let Some(template) = file.strip_prefix("templates/") {
            section_of(sections, template, problems);
        }
    }
}

#[test]
fn the_theme_guide_names_every_value_and_file_templates_have() {
    let guide = fs::read_to_string(root().join(GUIDE)).expect("docs/theming.md");
    let sections = sections(&guide);
    let mut problems = Vec::new();
    let views = template_views(&mut problems);
    let contexts = page_contexts(&mut problems);
    // A reader that found nothing would pass whatever the guide says.
    assert!(
        views
            .iter()
            .any(|view| view.file == "src/render/views.rs" && view.name == "SiteView"),
        "found no views in src/render/views.rs: {views:?}"
    );
    assert!(
        contexts.0.len() >= 16
            && contexts.0.contains_key("home.html")
            && contexts.0.contains_key("items/report.html"),
        "found the contexts of only {:?} in src/render/",
        contexts.0.keys().collect::<Vec<_>>()
    );
    check_views(&views, &sections, &mut problems);
    check_contexts(&contexts, &sections, &mut problems);
    check_theme_files(&guide, &sections, &mut problems);
    assert!(
        problems.is_empty(),
        "docs/theming.md and the code disagree ({} problems):\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

#[test]
fn the_readers_follow_serde_and_nested_maps() {
    let source = r#"
#[derive(Clone, Serialize)]
pub struct Outer<'a> {
    /// A doc comment.
    pub title: &'a str,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(skip)]
    pub hidden: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(flatten)]
    pub inner: Inner,
}

#[derive(Serialize)]
struct Inner {
    links: Vec<LinkView>,
}

struct NotAView {
    secret: String,
}
"#;
    let mut problems = Vec::new();
    let views = views_in("example.rs", source, &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    let names: Vec<(&str, Vec<&str>)> = views
        .iter()
        .map(|v| {
            (
                v.name.as_str(),
                v.fields.iter().map(|f| f.name.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("Outer", vec!["title", "type", "note", "inner"]),
            ("Inner", vec!["links"]),
        ]
    );
    assert!(views[0].fields[3].flatten);
    assert_eq!(
        template_type("Option<Vec<LinkView>>").as_deref(),
        Some("optional list of `LinkView`")
    );
    let text = r#"x page_context! { site, page => meta("a, {b}", f(x, y)), data => page_context! { json => u }, last }"#;
    let open = text.find('{').expect("a brace");
    assert_eq!(context_keys(text, open), ["site", "page", "data", "last"]);
}
