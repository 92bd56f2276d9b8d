//! The editor's form, made from the content model: each field of `model` becomes a Decap CMS
//! widget of its kind, with its label, whether it is required and its hint.

use serde_json::{Map, Value, json};

use crate::archive::Archive;
use crate::model::{self, Field, Kind, SLUG_PATTERN, Table};

/// What a due date may be: a day, a month or a period after publication.
const DUE_PATTERN: &str = r"^(\d{4}-\d{2}(-\d{2})?|[1-9]\d* (day|days|month|months))$";
const URL_PATTERN: &str = r"^https?://\S+$";
const EMAIL_PATTERN: &str = r"^[^@\s]+@[^@\s]+$";

/// The name of the custom format of each folder of `content/`, registered by our script.
fn format_name(folder: &str) -> String {
    format!("scrutiny-{folder}")
}

/// For our script, each format's: date fields (written as bare TOML dates), yes-or-no fields
/// offered as a choice (written as booleans) and the order of the keys of each table.
pub fn formats() -> Value {
    let mut formats = Map::new();
    for (folder, table) in model::documents() {
        let order: Map<String, Value> = table
            .key_orders()
            .into_iter()
            .map(|(path, keys)| (path, json!(keys)))
            .collect();
        formats.insert(
            format_name(folder),
            json!({"dates": table.date_paths(), "flags": table.flag_paths(), "order": order}),
        );
    }
    Value::Object(formats)
}

/// The three collections: reports, responses and pages, with this site's themes, grade areas
/// and status words as the choices.
pub fn collections(site: &Archive) -> Value {
    model::documents()
        .into_iter()
        .map(|(folder, table)| collection(folder, &table, site))
        .collect()
}

fn collection(folder: &str, table: &Table, site: &Archive) -> Value {
    let mut fields: Vec<Value> = table
        .fields
        .iter()
        .map(|field| widget(field, site))
        .collect();
    fields.push(json!({
        "name": "body",
        "label": "Text",
        "widget": "markdown",
        "required": false,
        "hint": "The text of the page, in Markdown: # for headings, * for lists, [words](address) for links.",
    }));
    let (label, singular) = match folder {
        "reports" => ("Reports", "Report"),
        "responses" => ("Responses", "Response"),
        _ => ("Pages", "Page"),
    };
    // A response is named after the report it answers; the others after their titles.
    let (identifier, slug, summary) = match folder {
        "responses" => ("report", "{{slug}}-response", "{{report}}: {{date}}"),
        _ => ("title", "{{slug}}", "{{title}}"),
    };
    json!({
        "name": folder,
        "label": label,
        "label_singular": singular,
        "folder": format!("content/{folder}"),
        "create": true,
        "extension": "md",
        "format": format_name(folder),
        "identifier_field": identifier,
        "slug": slug,
        "summary": summary,
        "fields": fields,
    })
}

fn widget(field: &Field, site: &Archive) -> Value {
    let mut widget = kind_widget(&field.kind, site);
    widget["name"] = json!(field.key);
    widget["label"] = json!(field.label);
    widget["required"] = json!(field.required);
    widget["hint"] = json!(field.hint);
    widget
}

fn kind_widget(kind: &Kind, site: &Archive) -> Value {
    match kind {
        Kind::Text => json!({"widget": "string"}),
        Kind::Paragraph => json!({"widget": "text"}),
        Kind::Date => json!({
            "widget": "datetime",
            "format": "YYYY-MM-DD",
            "date_format": "YYYY-MM-DD",
            "time_format": false,
            "picker_utc": true,
        }),
        Kind::Due => pattern(
            DUE_PATTERN,
            "a day (2024-03-31), a month (2024-03) or a period (6 months, 90 days)",
        ),
        Kind::Bool {
            default: Some(default),
        } => json!({"widget": "boolean", "default": default}),
        // Left out, yes or no: a choice the script writes back as a boolean (or nothing).
        Kind::Bool { default: None } => json!({
            "widget": "select",
            "options": [
                {"label": "Yes", "value": "true"},
                {"label": "No", "value": "false"},
            ],
        }),
        Kind::Integer { min, max } => {
            json!({"widget": "number", "value_type": "int", "min": min, "max": max})
        }
        Kind::Choice(choices) => json!({
            "widget": "select",
            "options": choices
                .iter()
                .map(|choice| json!({"label": choice.label, "value": choice.value}))
                .collect::<Vec<_>>(),
        }),
        Kind::Url => pattern(URL_PATTERN, "a full address starting with https://"),
        Kind::Email => pattern(EMAIL_PATTERN, "an email address"),
        Kind::Slug => pattern(SLUG_PATTERN, "lowercase letters, digits and single hyphens"),
        Kind::Themes => json!({
            "widget": "select",
            "multiple": true,
            "min": 1,
            "options": site
                .themes
                .iter()
                .map(|theme| json!({"label": theme.title, "value": theme.slug}))
                .collect::<Vec<_>>(),
        }),
        Kind::GradeArea => select(
            site.grade_areas
                .iter()
                .map(|area| (area.title.as_str(), area.key.as_str())),
        ),
        Kind::FindingStatus => {
            let words = &site.config.statuses;
            select(words.keys().filter_map(|key| {
                let word = words.get(words.find(key)?);
                Some((word.label.as_str(), key))
            }))
        }
        Kind::Report { .. } => json!({
            "widget": "relation",
            "collection": "reports",
            "value_field": "{{slug}}",
            "search_fields": ["title"],
            "display_fields": ["title"],
            "multiple": false,
        }),
        Kind::FindingIds | Kind::Texts => json!({"widget": "list"}),
        Kind::File => json!({
            "widget": "file",
            "media_folder": "/content/files",
            "public_folder": "files",
            "choose_url": false,
        }),
        Kind::Tables(table) | Kind::Section(table) | Kind::Keyed(table) => {
            let list = matches!(kind, Kind::Tables(_));
            let mut widget = json!({
                "widget": if list { "list" } else { "object" },
                "label_singular": table.what,
                "fields": table
                    .fields
                    .iter()
                    .map(|field| widget(field, site))
                    .collect::<Vec<_>>(),
            });
            if list {
                // A new document starts with none, not one empty entry the check would refuse.
                widget["default"] = json!([]);
            }
            widget
        }
    }
}

/// A select of `(label, value)` options.
fn select<'a>(options: impl Iterator<Item = (&'a str, &'a str)>) -> Value {
    let options: Vec<Value> = options
        .map(|(label, value)| json!({"label": label, "value": value}))
        .collect();
    json!({"widget": "select", "options": options})
}

fn pattern(regex: &str, words: &str) -> Value {
    json!({"widget": "string", "pattern": [regex, format!("Write {words}")]})
}
