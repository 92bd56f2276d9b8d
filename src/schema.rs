//! `scrutiny schema`: the front-matter contract as JSON Schema (draft 2020-12), made from the
//! content model of `model`, for editors' tools (an editor's TOML support, a form builder) and
//! other programs. TOML dates appear as strings of the `date` format, as TOML tools map them.

use serde_json::{Map, Value, json};

use crate::model::{self, Field, Kind, SLUG_PATTERN, Table};
use crate::vocabulary::{FindingStatus, Vocabulary};

const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// What `scrutiny schema` prints: one document, or all four in `$defs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Contract {
    Report,
    Response,
    Page,
    Config,
    All,
}

/// The schema of `contract`.
pub fn schema(contract: Contract) -> Value {
    let one = |title: &str, table: Table| {
        let mut schema = table_schema(&table);
        schema["$schema"] = json!(DIALECT);
        schema["title"] = json!(title);
        schema
    };
    match contract {
        Contract::Report => one(
            "A report's front matter (content/reports/<slug>.md)",
            model::report(),
        ),
        Contract::Response => one(
            "A response's front matter (content/responses/<slug>.md)",
            model::response(),
        ),
        Contract::Page => one(
            "A page's front matter (content/pages/<slug>.md)",
            model::page(),
        ),
        Contract::Config => one("The site's settings (config.toml)", model::config()),
        Contract::All => {
            let mut defs = Map::new();
            for (name, table) in [
                ("report", model::report()),
                ("response", model::response()),
                ("page", model::page()),
                ("config", model::config()),
            ] {
                defs.insert(name.into(), table_schema(&table));
            }
            let any_of: Vec<Value> = ["report", "response", "page", "config"]
                .iter()
                .map(|name| json!({"$ref": format!("#/$defs/{name}")}))
                .collect();
            json!({
                "$schema": DIALECT,
                "title": "scrutiny's content model: reports, responses, pages and config.toml",
                "$defs": defs,
                "anyOf": any_of,
            })
        }
    }
}

fn table_schema(table: &Table) -> Value {
    let mut properties = Map::new();
    for field in &table.fields {
        properties.insert(field.key.into(), field_schema(field));
    }
    let required: Vec<&str> = table
        .fields
        .iter()
        .filter(|field| field.required)
        .map(|field| field.key)
        .collect();
    json!({
        "type": "object",
        "description": format!("A {}.", table.what),
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn field_schema(field: &Field) -> Value {
    let mut schema = kind_schema(&field.kind);
    schema["title"] = json!(field.label);
    schema["description"] = json!(field.hint);
    schema
}

fn kind_schema(kind: &Kind) -> Value {
    let slug = json!({"type": "string", "pattern": SLUG_PATTERN});
    match kind {
        Kind::Text | Kind::Paragraph => json!({"type": "string", "minLength": 1}),
        Kind::Date => json!({"type": "string", "format": "date"}),
        Kind::Due => json!({"anyOf": [
            {"type": "string", "format": "date"},
            {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"},
            {"type": "string", "pattern": r"^[1-9]\d* (day|days|month|months)$"},
        ]}),
        Kind::Bool {
            default: Some(default),
        } => json!({"type": "boolean", "default": default}),
        Kind::Bool { default: None } => json!({"type": "boolean"}),
        Kind::Integer { min, max } => json!({"type": "integer", "minimum": min, "maximum": max}),
        Kind::Choice(choices) => json!({
            "enum": choices.iter().map(|choice| choice.value).collect::<Vec<_>>(),
        }),
        Kind::Url => json!({"type": "string", "format": "uri", "pattern": "^https?://"}),
        Kind::Email => json!({"type": "string", "format": "email"}),
        Kind::Slug | Kind::GradeArea => slug,
        // The office may replace the words (`[[finding_statuses]]`): the defaults are examples.
        Kind::FindingStatus => json!({
            "type": "string",
            "pattern": SLUG_PATTERN,
            "examples": FindingStatus::WORDS.iter().map(|(word, _)| *word).collect::<Vec<_>>(),
        }),
        Kind::Themes => json!({"type": "array", "items": slug, "minItems": 1}),
        Kind::Report { many: false } => slug,
        Kind::Report { many: true } => json!({"anyOf": [
            slug,
            {"type": "array", "items": slug, "minItems": 1},
        ]}),
        Kind::FindingIds | Kind::Texts => {
            json!({"type": "array", "items": {"type": "string", "minLength": 1}})
        }
        Kind::File => json!({"type": "string", "pattern": "^[^/]"}),
        Kind::Tables(table) => json!({"type": "array", "items": table_schema(table)}),
        Kind::Section(table) => table_schema(table),
        Kind::Keyed(table) => {
            json!({"type": "object", "additionalProperties": table_schema(table)})
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_schema_lists_every_field_and_the_required_ones() {
        let schema = schema(Contract::Report);
        let properties = schema["properties"].as_object().expect("properties");
        let keys: Vec<&str> = properties.keys().map(String::as_str).collect();
        let model_keys: Vec<&str> = model::report().fields.iter().map(|f| f.key).collect();
        let mut sorted = model_keys.clone();
        sorted.sort_unstable();
        assert_eq!(keys, sorted);
        assert_eq!(
            schema["required"],
            json!(["title", "published", "type", "themes"])
        );
        assert_eq!(properties["published"]["format"], "date");
        assert_eq!(
            properties["findings"]["items"]["properties"]["kind"]["enum"],
            json!([
                "recommendation",
                "cause-of-concern",
                "area-for-improvement",
                "innovative-practice"
            ])
        );
        assert_eq!(
            properties["findings"]["items"]["properties"]["updates"]["items"]["required"],
            json!(["date", "status"])
        );
    }
}
