//! The editor's form, made from the content model: each field of `model` becomes a Decap CMS
//! widget of its kind, with its label, whether it is required and its hint.

use serde_json::{Map, Value, json};

use crate::archive::Theme;
use crate::model::{self, Field, Kind, SLUG_PATTERN, Table};

/// What a due date may be: a day, a month or a period after publication.
const DUE_PATTERN: &str = r"^(\d{4}-\d{2}(-\d{2})?|[1-9]\d* (day|days|month|months))$";
const URL_PATTERN: &str = r"^https?://\S+$";
const EMAIL_PATTERN: &str = r"^[^@\s]+@[^@\s]+$";

/// The name of the custom format of each folder of `content/`, registered by our script.
fn format_name(folder: &str) -> String {
    format!("scrutiny-{folder}")
}

/// For our script: each format's date fields, which it writes as bare TOML dates.
pub fn formats() -> Value {
    let mut formats = Map::new();
    for (folder, table) in model::documents() {
        formats.insert(format_name(folder), json!({"dates": table.date_paths()}));
    }
    Value::Object(formats)
}

/// The three collections: reports, responses and pages.
pub fn collections(themes: &[Theme]) -> Value {
    model::documents()
        .into_iter()
        .map(|(folder, table)| collection(folder, &table, themes))
        .collect()
}

fn collection(folder: &str, table: &Table, themes: &[Theme]) -> Value {
    let mut fields: Vec<Value> = table
        .fields
        .iter()
        .map(|field| widget(field, themes))
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

fn widget(field: &Field, themes: &[Theme]) -> Value {
    let mut widget = kind_widget(&field.kind, themes);
    widget["name"] = json!(field.key);
    widget["label"] = json!(field.label);
    widget["required"] = json!(field.required);
    widget["hint"] = json!(field.hint);
    widget
}

fn kind_widget(kind: &Kind, themes: &[Theme]) -> Value {
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
        Kind::Bool { default } => json!({"widget": "boolean", "default": default}),
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
            "options": themes
                .iter()
                .map(|theme| json!({"label": theme.title, "value": theme.slug}))
                .collect::<Vec<_>>(),
        }),
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
        Kind::Tables(table) | Kind::Section(table) => {
            let list = matches!(kind, Kind::Tables(_));
            json!({
                "widget": if list { "list" } else { "object" },
                "label_singular": table.what,
                "fields": table
                    .fields
                    .iter()
                    .map(|field| widget(field, themes))
                    .collect::<Vec<_>>(),
            })
        }
    }
}

fn pattern(regex: &str, words: &str) -> Value {
    json!({"widget": "string", "pattern": [regex, format!("Write {words}")]})
}
