//! The browser editor (`[cms]`, `/admin/`) and `scrutiny schema`: what is written, what the
//! form offers, and that both come from the same model as the checks.

use std::fs;
use std::path::Path;

use serde_json::{Value, json};

use crate::support::{TestSite, scrutiny};

const TEST_REPO: &str = "\n[cms]\nbackend = \"test-repo\"\n";

fn with_cms(table: &str) -> TestSite {
    let site = TestSite::copy_of("minimal");
    let config = site.read("config.toml");
    site.write("config.toml", format!("{config}{table}"));
    site
}

/// `admin/config.yml`, read as the JSON it is written in (after its comment lines).
fn editor_config(site: &TestSite) -> Value {
    let text = site.read("public/admin/config.yml");
    let json: String = text
        .lines()
        .filter(|line| !line.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    serde_json::from_str(&json).expect("config.yml is JSON, which YAML reads")
}

fn collection<'a>(config: &'a Value, name: &str) -> &'a Value {
    config["collections"]
        .as_array()
        .expect("collections")
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no collection {name}"))
}

fn field<'a>(fields: &'a Value, name: &str) -> &'a Value {
    fields
        .as_array()
        .expect("fields")
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no field {name} in {fields}"))
}

fn names(fields: &Value) -> Vec<String> {
    fields
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| f["name"].as_str().expect("a name").to_string())
        .collect()
}

#[test]
fn without_cms_nothing_of_the_editor_is_written() {
    let site = TestSite::copy_of("minimal");
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    assert!(!site.path("public/admin").exists());
}

#[test]
fn with_cms_the_editor_is_written_under_the_base_path() {
    let site = with_cms(TEST_REPO);
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    for file in [
        "index.html",
        "config.yml",
        "scrutiny-cms-first.js",
        "scrutiny-cms.js",
    ] {
        assert!(
            site.path("public/admin").join(file).is_file(),
            "admin/{file}"
        );
    }
    let page = site.read("public/admin/index.html");
    assert!(page.contains("<html lang=\"en-GB\">"), "{page}");
    assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"));
    // The preview uses the site's own stylesheet, under the site's sub-path.
    assert!(
        page.contains("\"preview_style\":\"/pfcc/hmicfrs/assets/site.css\""),
        "{page}"
    );
    let scripts: Vec<&str> = page
        .match_indices("<script src=\"")
        .map(|(at, _)| page[at + 13..].split('"').next().unwrap_or_default())
        .collect();
    assert_eq!(
        scripts,
        ["scrutiny-cms-first.js", "decap-cms/decap-cms.js"],
        "Decap waits for our formats, and every script is the site's own"
    );
    assert!(!page.contains("https://"), "no other host: {page}");
}

#[test]
fn the_form_comes_from_the_content_model_and_the_sites_themes() {
    let site = with_cms(TEST_REPO);
    assert!(site.build(&[]).success);
    let config = editor_config(&site);
    assert_eq!(config["backend"], json!({"name": "test-repo"}));
    assert_eq!(config["media_folder"], "content/files");
    assert!(config.get("publish_mode").is_none());

    let reports = collection(&config, "reports");
    assert_eq!(reports["folder"], "content/reports");
    assert_eq!(reports["format"], "scrutiny-reports");
    assert_eq!(
        names(&reports["fields"]),
        [
            "title",
            "published",
            "type",
            "sector",
            "themes",
            "url",
            "summary",
            "statutory",
            "follows_up",
            "draft",
            "findings",
            "grades",
            "body"
        ]
    );
    let fields = &reports["fields"];
    let published = field(fields, "published");
    assert_eq!(published["widget"], "datetime");
    assert_eq!(published["format"], "YYYY-MM-DD");
    assert_eq!(published["time_format"], false);
    assert_eq!(published["required"], true);
    assert!(
        published["hint"]
            .as_str()
            .is_some_and(|h| h.contains("day 1"))
    );
    let report_type = field(fields, "type");
    assert_eq!(report_type["widget"], "select");
    let values: Vec<&str> = report_type["options"]
        .as_array()
        .expect("options")
        .iter()
        .map(|o| o["value"].as_str().expect("value"))
        .collect();
    assert_eq!(
        values,
        [
            "peel",
            "force",
            "national-thematic",
            "joint",
            "regional",
            "fire",
            "revisit",
            "other"
        ]
    );
    assert_eq!(report_type["options"][0]["label"], "PEEL inspection");
    // Themes: the keys of this site's themes.toml, in its order, at least one.
    let themes = field(fields, "themes");
    assert_eq!(themes["multiple"], true);
    assert_eq!(themes["min"], 1);
    assert_eq!(
        themes["options"][0],
        json!({"label": "Custody", "value": "custody"})
    );
    let statutory = field(fields, "statutory");
    assert_eq!(
        statutory["widget"], "select",
        "no default: left out means the usual rule"
    );
    assert!(statutory.get("default").is_none());
    let findings = field(fields, "findings");
    assert_eq!(findings["widget"], "list");
    assert_eq!(
        findings["default"],
        json!([]),
        "a new report starts with no finding"
    );
    let finding_fields = &findings["fields"];
    assert_eq!(field(finding_fields, "applies")["default"], true);
    assert_eq!(field(finding_fields, "due")["widget"], "string");
    let updates = field(finding_fields, "updates");
    assert_eq!(field(&updates["fields"], "date")["widget"], "datetime");
    assert_eq!(field(fields, "body")["widget"], "markdown");

    let responses = collection(&config, "responses");
    let report = field(&responses["fields"], "report");
    assert_eq!(report["widget"], "relation");
    assert_eq!(report["collection"], "reports");
    assert_eq!(report["value_field"], "{{slug}}");
    let attachments = field(&responses["fields"], "attachments");
    let file = field(&attachments["fields"], "file");
    assert_eq!(file["widget"], "file");
    assert_eq!(file["media_folder"], "/content/files");

    let pages = collection(&config, "pages");
    let kind = field(&pages["fields"], "kind");
    assert_eq!(kind["options"][1]["value"], "accessibility-statement");
}

#[test]
fn the_script_knows_which_fields_are_dates() {
    let site = with_cms(TEST_REPO);
    assert!(site.build(&[]).success);
    let page = site.read("public/admin/index.html");
    let settings = page
        .split("id=\"scrutiny-cms-settings\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("the settings element");
    let settings: Value = serde_json::from_str(settings).expect("JSON settings");
    assert_eq!(
        settings["formats"]["scrutiny-reports"]["dates"],
        json!([
            ["published"],
            ["findings", "due"],
            ["findings", "updates", "date"]
        ])
    );
    assert_eq!(
        settings["formats"]["scrutiny-responses"]["dates"],
        json!([["date"], ["published"]])
    );
    // Yes, no or left out: offered as a choice, written back as a boolean.
    assert_eq!(
        settings["formats"]["scrutiny-reports"]["flags"],
        json!([["statutory"]])
    );
    // Every table's keys in the model's order, so a save does not reorder them.
    let order = &settings["formats"]["scrutiny-reports"]["order"];
    assert_eq!(order[""][0], "title");
    assert_eq!(order["findings.updates"], json!(["date", "status", "note"]));
    assert_eq!(
        settings["formats"]["scrutiny-responses"]["order"]["attachments"],
        json!(["file", "title"])
    );
}

#[test]
fn github_with_the_editorial_workflow() {
    let site = with_cms(
        "\n[cms]\nbackend = \"github\"\nrepo = \"essex-pfcc/hmicfrs\"\nbranch = \"live\"\n\
         editorial_workflow = true\nauth_url = \"https://auth.example.org/\"\n",
    );
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    let config = editor_config(&site);
    assert_eq!(
        config["backend"],
        json!({"name": "github", "repo": "essex-pfcc/hmicfrs", "branch": "live",
               "base_url": "https://auth.example.org/"})
    );
    assert_eq!(config["publish_mode"], "editorial_workflow");
}

#[test]
fn gitlab_signs_in_with_pkce() {
    let site =
        with_cms("\n[cms]\nbackend = \"gitlab\"\nrepo = \"essex/hmicfrs\"\napp_id = \"abc123\"\n");
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    assert_eq!(
        editor_config(&site)["backend"],
        json!({"name": "gitlab", "auth_type": "pkce", "repo": "essex/hmicfrs",
               "branch": "main", "app_id": "abc123"})
    );
}

#[test]
fn every_mistake_in_cms_is_reported_at_its_line_in_one_run() {
    let site = with_cms(
        "\n[cms]\nbackend = \"gitub\"\nrepo = \"x\"\nbranch = \"a..b\"\nauth_url = \"ftp:x\"\ncolour = 1\n",
    );
    let run = site.check(&[]);
    assert!(!run.success);
    run.assert_diagnostic(
        "config.toml:13:11",
        "`backend` has the unknown value \"gitub\"",
        "did you mean \"github\"?",
    );
    run.assert_diagnostic(
        "config.toml:14:8",
        "`repo` must be a repository as owner/name, found \"x\"",
        "such as repo = \"essex-pfcc/hmicfrs\"",
    );
    run.assert_diagnostic(
        "config.toml:15:10",
        "`branch` is not a branch name",
        "the branch the site is published from, such as branch = \"main\"",
    );
    run.assert_diagnostic(
        "config.toml:16:12",
        "`auth_url` is not a web address",
        "write the full address, starting with https://",
    );
    run.assert_diagnostic(
        "config.toml:17:1",
        "unknown field `colour` in a cms section",
        "expected one of `api_root`, `app_id`, `auth_url`, `backend`, `branch`, `editorial_workflow` or `repo`",
    );
    assert!(!site.path("public").exists(), "check writes nothing");
}

#[test]
fn github_needs_a_repository_and_a_sign_in_service() {
    let site = with_cms("\n[cms]\nbackend = \"github\"\n");
    let run = site.build(&[]);
    assert!(!run.success);
    assert!(
        run.stderr
            .contains("`[cms]` with backend = \"github\" needs `repo`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("`[cms]` with backend = \"github\" needs `auth_url`"),
        "{}",
        run.stderr
    );
    assert!(
        !site.path("public").exists(),
        "a failed build writes nothing"
    );
}

#[test]
fn a_page_may_not_take_the_editors_address() {
    let site = TestSite::copy_of("minimal");
    site.write(
        "content/pages/admin.md",
        "+++\ntitle = \"Admin\"\n+++\nText\n",
    );
    let run = site.check(&[]);
    assert!(!run.success);
    assert!(run.stderr.contains("admin"), "{}", run.stderr);
}

#[test]
fn a_hostile_site_title_cannot_break_out_of_the_editor_page() {
    let site = with_cms(TEST_REPO);
    let config = site.read("config.toml").replace(
        "title = \"Inspections and responses\"",
        "title = \"</title><script>alert(1)</script>\"",
    );
    site.write("config.toml", config);
    assert!(site.build(&[]).success);
    let page = site.read("public/admin/index.html");
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(page.contains("&lt;/title&gt;&lt;script&gt;"), "{page}");
}

/// The schema accepts every field the real archive writes, in every document.
#[test]
fn the_schema_lists_every_field_of_the_real_archive() {
    let schema: Value = serde_json::from_slice(
        &scrutiny()
            .args(["schema"])
            .output()
            .expect("run scrutiny schema")
            .stdout,
    )
    .expect("JSON");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut checked = 0;
    for (folder, def) in [
        ("reports", "report"),
        ("responses", "response"),
        ("pages", "page"),
    ] {
        for entry in fs::read_dir(content.join(folder)).expect("a content folder") {
            let path = entry.expect("an entry").path();
            let text = fs::read_to_string(&path).expect("a document");
            let front = text.split("+++").nth(1).expect("front matter");
            let table: toml::Table = toml::from_str(front).expect("TOML");
            assert_keys_allowed(&schema["$defs"][def], &table, &path.display().to_string());
            checked += 1;
        }
    }
    assert!(checked >= 10, "{checked} documents");
    let config: toml::Table =
        toml::from_str(&fs::read_to_string(content.join("../config.toml")).expect("config"))
            .expect("TOML");
    assert_keys_allowed(&schema["$defs"]["config"], &config, "config.toml");
}

fn assert_keys_allowed(schema: &Value, table: &toml::Table, file: &str) {
    let properties = schema["properties"].as_object().expect("properties");
    for required in schema["required"].as_array().expect("required") {
        let key = required.as_str().expect("a key");
        assert!(table.contains_key(key), "{file}: required `{key}` missing");
    }
    for (key, value) in table {
        let property = properties
            .get(key)
            .unwrap_or_else(|| panic!("{file}: `{key}` is not in the schema"));
        match value {
            toml::Value::Table(inner) => assert_keys_allowed(property, inner, file),
            toml::Value::Array(items) => {
                for item in items {
                    if let toml::Value::Table(inner) = item {
                        assert_keys_allowed(&property["items"], inner, file);
                    }
                }
            }
            toml::Value::Datetime(_) => assert!(
                property["format"] == "date" || property.get("anyOf").is_some(),
                "{file}: `{key}` is a date"
            ),
            _ => {}
        }
    }
}

#[test]
fn schema_of_one_kind() {
    let output = scrutiny()
        .args(["schema", "config"])
        .output()
        .expect("run scrutiny schema config");
    assert!(output.status.success());
    let schema: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(
        schema["properties"]["cms"]["properties"]["backend"]["enum"],
        json!(["github", "gitlab", "test-repo"])
    );
    assert_eq!(
        schema["required"],
        json!(["title", "base_url", "organisation"])
    );
}

/// A grade's area is picked from the site's grade-areas.toml, in its order.
#[test]
fn grade_areas_are_offered_from_the_sites_list() {
    let site = TestSite::copy_of("grades");
    let config = site.read("config.toml");
    site.write("config.toml", format!("{config}{TEST_REPO}"));
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    let config = editor_config(&site);
    let grades = field(&collection(&config, "reports")["fields"], "grades");
    let area = field(&grades["fields"], "area");
    assert_eq!(area["widget"], "select");
    let keys: Vec<&str> = area["options"]
        .as_array()
        .expect("options")
        .iter()
        .map(|o| o["value"].as_str().expect("a key"))
        .collect();
    let listed = site.read("content/grade-areas.toml");
    let in_file: Vec<&str> = listed
        .lines()
        .filter_map(|l| l.strip_prefix('[')?.strip_suffix(']'))
        .filter(|k| !k.contains('.'))
        .collect();
    assert_eq!(keys, in_file);
    assert_eq!(
        field(&grades["fields"], "grade")["options"][0]["value"],
        "outstanding"
    );
}
